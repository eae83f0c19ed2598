/**
 * Counting words with the corpus rule: runs of letters, digits and marks with internal `'` or `-`
 * (`don't`, `well-known` = 1). Shared by `octavo stats` and the archive preface's word count;
 * a module of its own so that transforms can count without importing the pipeline.
 */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’\-‐][\p{L}\p{N}\p{M}]+)*/gu

/**
 * Count words in `text` with the corpus rule above: `don't` and `well-known` are one word each.
 *
 * @example
 *   countWords("Don't stop, it's well-known.") // 4
 */
export function countWords(text: string): number {
  let n = 0
  for (const _ of text.matchAll(WORD)) n++
  return n
}
