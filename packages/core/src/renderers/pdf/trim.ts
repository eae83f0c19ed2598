/**
 * Trim sizes a print shop offers, in PDF points (1/72 in), and length parsing for margins and
 * bleed. Page boxes (MediaBox with bleed, TrimBox, BleedBox) are set in `pages.ts`.
 */

const IN = 72
const MM = 72 / 25.4

/** Named trims: US trade sizes, ISO A5/B5/A4, US letter, and mass-market pocket (4.25x6.87in). */
export const trimSizes = {
  '5x8in': [5 * IN, 8 * IN],
  '5.25x8in': [5.25 * IN, 8 * IN],
  '5.5x8.5in': [5.5 * IN, 8.5 * IN],
  '6x9in': [6 * IN, 9 * IN],
  a5: [148 * MM, 210 * MM],
  b5: [176 * MM, 250 * MM],
  pocket: [4.25 * IN, 6.87 * IN],
  a4: [210 * MM, 297 * MM],
  letter: [8.5 * IN, 11 * IN],
} as const satisfies Record<string, readonly [number, number]>

export type TrimName = keyof typeof trimSizes

const units: Record<string, number> = {
  pt: 1,
  in: IN,
  inch: IN,
  inches: IN,
  '"': IN,
  mm: MM,
  cm: 10 * MM,
  pc: 12,
}

const NUMBER = '(\\d+(?:[.,]\\d+)?|[.,]\\d+)'
const UNIT = '(pt|in|inch|inches|"|mm|cm|pc)'
const LENGTH = new RegExp(`^\\s*${NUMBER}\\s*${UNIT}?\\s*$`, 'i')
const SIZE = new RegExp(`^\\s*${NUMBER}\\s*${UNIT}?\\s*[x×*]\\s*${NUMBER}\\s*${UNIT}?\\s*$`, 'i')

function number(text: string): number {
  return Number(text.replace(',', '.'))
}

/**
 * Points from a number (already points) or a length with a unit: `"0.125in"`, `"3 mm"`, `"9pt"`,
 * `"0.5 inches"` (case ignored, a decimal comma allowed, no unit means points); undefined when
 * malformed.
 */
export function parseLength(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const match = LENGTH.exec(value)
  if (!match) return undefined
  return number(match[1]!) * (units[(match[2] ?? 'pt').toLowerCase()] ?? 1)
}

/**
 * The named trim an author meant: a name in any case, with or without spaces and the `in`
 * (`'A5'`, `'6x9'`, `'6 x 9 in'`, `'US Letter'`), or a size in inches (the default unit), mm
 * or cm that matches a named trim within half a millimetre. Undefined when none matches.
 */
export function parseTrim(value: unknown): TrimName | undefined {
  if (typeof value !== 'string') return undefined
  const key = value.trim().toLowerCase().replace(/\s+/g, '')
  if (Object.hasOwn(trimSizes, key)) return key as TrimName
  const alias = key.replace(/^(us|iso)/, '')
  if (Object.hasOwn(trimSizes, alias)) return alias as TrimName
  const match = SIZE.exec(value)
  if (!match) return undefined
  const unit = (match[2] ?? match[4] ?? 'in').toLowerCase()
  const scale = unit === 'pt' ? 1 : (units[unit] ?? IN)
  const w = number(match[1]!) * scale
  const h = number(match[3]!) * (match[4] ? (units[match[4].toLowerCase()] ?? scale) : scale)
  for (const [name, [tw, th]] of Object.entries(trimSizes)) {
    if (Math.abs(tw - w) < MM / 2 && Math.abs(th - h) < MM / 2) return name as TrimName
  }
  return undefined
}
