/**
 * Array helpers safe for any length. `target.push(...items)` passes every item as an argument on the
 * stack, so a chapter of 125,000 paragraphs (or a run of 200,000 inline nodes) overflows it
 * ("Maximum call stack size exceeded"); the same holds for `Math.max(...xs)`, `splice(i, 0, ...xs)`
 * and `String.fromCharCode(...bytes)`. Code on the book's path appends unbounded lists through here.
 */

/** Append every item of `items` to `target` in order, one at a time; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item)
  return target
}

/**
 * The last index `i` of the ascending `starts` with `starts[i] <= value` (0 when none is): which
 * line, segment or node a source offset falls in. Binary search, so a lookup costs O(log n).
 */
export function lastAtMost(starts: ArrayLike<number>, value: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= value) lo = mid
    else hi = mid - 1
  }
  return lo
}

/**
 * `items` without the run of items at either end that `edge` says are edges (scene breaks around
 * a chapter's text, line breaks around a paragraph's); `items` itself when there are none.
 */
export function trimEdges<T>(items: T[], edge: (item: T) => boolean): T[] {
  let from = 0
  let to = items.length
  while (from < to && edge(items[from]!)) from++
  while (to > from && edge(items[to - 1]!)) to--
  return from === 0 && to === items.length ? items : items.slice(from, to)
}
