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
  const numbered = numberedOrder(paths)
  if (numbered) return numbered
  const rank = (path: string) => {
    const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
    return name.startsWith('prologue') ? 0 : name.startsWith('epilogue') ? 2 : 1
  }
  return [...paths].sort((a, b) => rank(a) - rank(b) || comparePaths(a, b))
}

/** Counts of the orders `bookOrder` found by the numbers alone, and by the collator (tests). */
export const orderStats = { numbered: 0, collated: 0 }

/** ASCII digit runs; longer ones are left to the collator (a `Number` holds 15 digits exactly). */
const DIGITS = /[0-9]+/g
const MAX_DIGITS = 15

/**
 * `bookOrder` of paths that are all the same but for their numbers (`chapter-001.md` …
 * `chapter-365.md`, `part-1/ch-2.txt`: most books), without the collator, whose first use costs
 * a build 5–20 ms (ICU's data, then thousands of comparisons run cold). `comparePaths` goes
 * folder by folder; where all else is the same, the collator's numeric order compares a
 * segment's first number that differs, and ties numbers equal in value (`01`, `1`), a tie then
 * broken by the segment's code units (`naturalCompare`), before the next segment is looked at.
 * The rank is the same for all (`prologue` is not a number). Undefined for any other list.
 */
function numberedOrder(paths: readonly string[]): string[] | undefined {
  if (paths.length < 2) return undefined
  const skeleton = paths[0]!.replace(DIGITS, '0')
  const keys: { segments: string[]; numbers: number[][] }[] = []
  for (const path of paths) {
    if (path.replace(DIGITS, '0') !== skeleton) {
      orderStats.collated++
      return undefined
    }
    const segments = path.split('/')
    const numbers: number[][] = []
    for (const segment of segments) {
      const runs = segment.match(DIGITS) ?? []
      if (runs.some((run) => run.length > MAX_DIGITS)) {
        orderStats.collated++
        return undefined
      }
      numbers.push(runs.map(Number))
    }
    keys.push({ segments, numbers })
  }
  orderStats.numbered++
  const order = paths.map((_, i) => i)
  order.sort((i, j) => {
    const a = keys[i]!
    const b = keys[j]!
    for (let k = 0; k < a.segments.length; k++) {
      const x = a.numbers[k]!
      const y = b.numbers[k]!
      for (let r = 0; r < x.length; r++) if (x[r] !== y[r]) return x[r]! - y[r]!
      const p = a.segments[k]!
      const q = b.segments[k]!
      if (p !== q) return p < q ? -1 : 1
    }
    return 0
  })
  return order.map((i) => paths[i]!)
}
