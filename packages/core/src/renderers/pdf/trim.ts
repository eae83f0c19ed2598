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

const units: Record<string, number> = { pt: 1, in: IN, mm: MM, cm: 10 * MM, pc: 12 }

/** Points from a number (already points) or `"0.125in"`, `"3mm"`, `"9pt"`; undefined when malformed. */
export function parseLength(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(pt|in|mm|cm|pc)?\s*$/.exec(value)
  if (!match) return undefined
  return Number(match[1]) * (units[match[2] ?? 'pt'] ?? 1)
}
