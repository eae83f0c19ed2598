/**
 * The values the CLI's flags accept, for validation (a wrong value is a usage error listing
 * these) and for shell completion. They mirror the core's tables (`trimSizes`, the built-in
 * faces); a test keeps them equal. Kept here so that parsing arguments never loads the core.
 */

/** PDF trim names, as in the core's `trimSizes`. */
export const TRIMS = [
  '5x8in',
  '5.25x8in',
  '5.5x8.5in',
  '6x9in',
  'a5',
  'b5',
  'pocket',
  'a4',
  'letter',
  '4.25x7in',
  '4.37x7in',
  '5.06x7.81in',
  '5.5x8.25in',
  '6.14x9.21in',
  '6.69x9.61in',
  '7x10in',
  '7.44x9.69in',
  '7.5x9.25in',
  '8x10in',
  '8.25x11in',
  '8.5x8.5in',
  'royal',
  'demy',
  'b-format',
  'a-format',
  'crown-quarto',
]

/**
 * A custom trim the core reads (`parseSize`): two numbers, each with an optional unit (in, mm,
 * cm, pt; inches when none), 3 to 18 in a side. Normalised first (`normalizeTrim`).
 */
export function isTrimSize(value: string): boolean {
  const m = /^(\d+(?:[.,]\d+)?)(in|mm|cm|pt)?x(\d+(?:[.,]\d+)?)(in|mm|cm|pt)?$/.exec(value)
  if (!m) return false
  const points = { in: 72, mm: 72 / 25.4, cm: 720 / 25.4, pt: 1 } as const
  const unit = (u: string | undefined) => points[(u ?? m[4] ?? m[2] ?? 'in') as keyof typeof points]
  const sides = [Number(m[1]!.replace(',', '.')) * unit(m[2]), Number(m[3]!.replace(',', '.')) * unit(m[4])]
  return sides.every((side) => side >= 3 * 72 - 0.01 && side <= 18 * 72 + 0.01)
}

/** Built-in PDF faces. */
export const FONTS = ['literata', 'eb-garamond', 'source-serif-4', 'crimson-pro']

/** Shells `octavo completion` writes scripts for. */
export const SHELLS = ['bash', 'zsh', 'fish']

/** Every long option of every command, for "did you mean" suggestions. */
export const KNOWN_OPTIONS = [
  'strict',
  'json',
  'quiet',
  'verbose',
  'color',
  'no-color',
  'debug',
  'help',
  'version',
  'title',
  'author',
  'lang',
  'plugin',
  'format',
  'out',
  'trim',
  'font',
  'allow-plugins',
  'watch',
  'open',
  'encoding',
]

/** `6 x 9 in`, `6X9IN`, `A5` → the trim's name; anything else is left for `choices` to reject. */
export function normalizeTrim(value: string | undefined): string | undefined {
  return value?.toLowerCase().replace(/\s+/g, '').replace('×', 'x')
}

/** Edit distance, for suggestions; small inputs only (option names). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]!
}

/** The known option closest to a mistyped one (`fromat` → `format`), if any is close. */
export function suggestOption(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1
  for (const option of known) {
    if (option.length < 2) continue
    const d = distance(name.toLowerCase(), option.toLowerCase())
    if (d < bestDistance) {
      best = option
      bestDistance = d
    }
  }
  return best
}

/** `--format epub,pdf --format x` as a list of names, each once, the PDF last. */
export function parseFormats(values: readonly string[]): string[] {
  const names = [
    ...new Set(
      values
        .flatMap((f) => f.split(','))
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  ]
  return [...names.filter((n) => n !== 'pdf'), ...names.filter((n) => n === 'pdf')]
}
