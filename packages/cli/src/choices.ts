/**
 * The values the CLI's flags accept, for validation (a wrong value is a usage error listing
 * these) and for shell completion. They mirror the core's tables (`trimSizes`, the built-in
 * faces); a test keeps them equal. Kept here so that parsing arguments never loads the core.
 */

/** PDF trim names, as in the core's `trimSizes`. */
export const TRIMS = ['5x8in', '5.25x8in', '5.5x8.5in', '6x9in', 'a5', 'b5', 'pocket', 'a4', 'letter']

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
