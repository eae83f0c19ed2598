/**
 * Trim sizes a print shop offers, in PDF points (1/72 in), and length parsing for margins and
 * bleed. Page boxes (MediaBox with bleed, TrimBox, BleedBox) are set in `pages.ts`.
 */

const IN = 72
const MM = 72 / 25.4

/**
 * Named trims: US trade sizes, ISO A5/B5/A4, US letter, mass-market pocket (4.25x6.87in), the
 * other trims Amazon KDP and IngramSpark print (inches as they list them), and the British
 * names (royal, demy, B-format, A-format, crown quarto). Any other size is a custom trim
 * (`parseSize`).
 */
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
  '4.25x7in': [4.25 * IN, 7 * IN],
  '4.37x7in': [4.37 * IN, 7 * IN],
  '5.06x7.81in': [5.06 * IN, 7.81 * IN],
  '5.5x8.25in': [5.5 * IN, 8.25 * IN],
  '6.14x9.21in': [6.14 * IN, 9.21 * IN],
  '6.69x9.61in': [6.69 * IN, 9.61 * IN],
  '7x10in': [7 * IN, 10 * IN],
  '7.44x9.69in': [7.44 * IN, 9.69 * IN],
  '7.5x9.25in': [7.5 * IN, 9.25 * IN],
  '8x10in': [8 * IN, 10 * IN],
  '8.25x11in': [8.25 * IN, 11 * IN],
  '8.5x8.5in': [8.5 * IN, 8.5 * IN],
  royal: [156 * MM, 234 * MM],
  demy: [138 * MM, 216 * MM],
  'b-format': [129 * MM, 198 * MM],
  'a-format': [110 * MM, 178 * MM],
  'crown-quarto': [189 * MM, 246 * MM],
} as const satisfies Record<string, readonly [number, number]>

/** Smallest and largest custom trim side: a 3 in booklet to an 18 in art book. */
export const CUSTOM_TRIM_LIMITS = [3 * IN, 18 * IN] as const

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
  const size = parseSize(value)
  if (!size) return undefined
  const [w, h] = size
  // A name first: two names may share a size (royal and KDP's 6.14x9.21in).
  const key = value.trim().toLowerCase().replace(/\s+/g, '')
  for (const name of [key, key.replace(/^(us|iso)/, ''), value.trim().toLowerCase().replace(/\s+/g, '-')])
    if (Object.hasOwn(trimSizes, name)) return name as TrimName
  for (const [name, [tw, th]] of Object.entries(trimSizes)) {
    if (Math.abs(tw - w) < MM / 2 && Math.abs(th - h) < MM / 2) return name as TrimName
  }
  return undefined
}

/**
 * Width and height in points of a trim an author wrote: a named trim in any case, with or
 * without spaces and the `in` (`'A5'`, `'6x9'`, `'6 x 9 in'`, `'US Letter'`, `'Royal'`), or any
 * size in inches (the default unit), mm, cm or points (`'7x10in'`, `'178x254mm'`, `'7 x 10'`).
 * Undefined when malformed.
 */
export function parseSize(value: unknown): readonly [number, number] | undefined {
  if (typeof value !== 'string') return undefined
  const key = value.trim().toLowerCase().replace(/\s+/g, '')
  if (Object.hasOwn(trimSizes, key)) return trimSizes[key as TrimName]
  const alias = key.replace(/^(us|iso)/, '')
  if (Object.hasOwn(trimSizes, alias)) return trimSizes[alias as TrimName]
  const hyphenated = value.trim().toLowerCase().replace(/\s+/g, '-')
  if (Object.hasOwn(trimSizes, hyphenated)) return trimSizes[hyphenated as TrimName]
  const match = SIZE.exec(value)
  if (!match) return undefined
  const unit = (match[2] ?? match[4] ?? 'in').toLowerCase()
  const scale = unit === 'pt' ? 1 : (units[unit] ?? IN)
  const w = number(match[1]!) * scale
  const h = number(match[3]!) * (match[4] ? (units[match[4].toLowerCase()] ?? scale) : scale)
  return [w, h]
}
