/**
 * Bounded concurrency: map over a list with at most `limit` calls in flight. Reading every
 * chapter of a 10,000-chapter book at once opens 10,000 files together, and fails under the
 * usual open-file limits (256 on macOS, 1,024 on Linux); a small pool keeps the disk busy without
 * that. Results keep the order of the input, whatever order the calls finish in.
 */

/** How many chapter files are read at once: far under any usual open-file limit. */
export const READ_CONCURRENCY = 32

/**
 * `Promise.all(items.map(fn))`, with at most `limit` calls of `fn` pending at any time.
 *
 * @example
 *   const texts = await mapBounded(paths, 32, (path) => readFile(path, 'utf8'))
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  // Each worker takes the next index until none is left; `limit` workers run side by side.
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index]!, index)
    }
  }
  const workers: Promise<void>[] = []
  for (let i = 0; i < Math.max(1, Math.min(limit, items.length)); i++) workers.push(worker())
  await Promise.all(workers)
  return results
}
