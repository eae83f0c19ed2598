/**
 * Natural ("human") ordering of file names, so that `chapter-2` comes before `chapter-10` and
 * `Chapter-3` sits beside `chapter-3`. The collator's locale is pinned so the order never depends
 * on the machine's settings, and ties the collator cannot see (case, leading zeros) are broken by
 * code units, which makes the order total: two names compare equal only when they are identical.
 */

/** Made on the first comparison: a collator costs milliseconds, and a one-file book sorts nothing. */
let collator: Intl.Collator | undefined

/** Compare two strings naturally; 0 only when `a === b`. */
export function naturalCompare(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' })
  const order = collator.compare(a, b)
  if (order !== 0) return order < 0 ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Compare two `/`-separated paths segment by segment, so a folder's files stay together
 * (`part-2/ch-1` before `part-10/ch-1`, whatever punctuation follows the folder name).
 */
export function comparePaths(a: string, b: string): number {
  const as = a.split('/')
  const bs = b.split('/')
  const n = Math.min(as.length, bs.length)
  for (let i = 0; i < n; i++) {
    const order = naturalCompare(as[i]!, bs[i]!)
    if (order !== 0) return order
  }
  return as.length - bs.length
}

/**
 * Natural order with one concession to books: a file named `prologue…` comes before the others
 * and `epilogue…` after them, since no numbering puts them there by itself.
 */
export function bookOrder(paths: readonly string[]): string[] {
  const rank = (path: string) => {
    const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
    return name.startsWith('prologue') ? 0 : name.startsWith('epilogue') ? 2 : 1
  }
  return [...paths].sort((a, b) => rank(a) - rank(b) || comparePaths(a, b))
}
