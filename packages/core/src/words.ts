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

/**
 * The number of letters in a text. ASCII letters are told by their code, others by Unicode's
 * letter class: matching the class across the text made an array of one-letter strings per run,
 * most of a manuscript read's garbage. Shared by the office readers' language tally and the
 * book's language identification.
 */
export function letterCount(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) count++
      continue
    }
    if (c < 0xd800 || c > 0xdfff) {
      // Each character of the first plane is classed once (1 a letter, 2 not).
      let known = LETTER_CLASS[c]!
      if (known === 0) {
        known = LETTER.test(String.fromCharCode(c)) ? 1 : 2
        LETTER_CLASS[c] = known
      }
      if (known === 1) count++
      continue
    }
    const code = text.codePointAt(i)!
    if (code > 0xffff) i++
    if (LETTER.test(String.fromCodePoint(code))) count++
  }
  return count
}

const LETTER_CLASS = new Uint8Array(0x10000)

const LETTER = /^\p{L}$/u
