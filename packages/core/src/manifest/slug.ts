/**
 * Output file names: a book's title as a slug, "The Long Road!" → "the-long-road". Letters of
 * every script are kept (吾輩は猫である stays, परीक्षण keeps its vowel signs, й stays й); only
 * Latin and Greek letters lose their accents (é → e, ά → α), where the plain letter is what
 * people type. The length limit cuts between user-perceived characters (Intl.Segmenter graphemes), never
 * inside a surrogate pair or between a letter and its combining marks.
 */

/** Longest slug, in UTF-16 code units: far below file-name limits, even in UTF-8 bytes (×3). */
export const SLUG_LIMIT = 80

/** Base letters whose accents are dropped. */
const FOLDED = /^[\p{Script=Latin}\p{Script=Greek}]/u

let segmenter: Intl.Segmenter | undefined
function graphemes(text: string): Iterable<string> {
  // ASCII but CR (which joins a following LF) is one character a grapheme: no segmenter needed,
  // whose making (ICU's break rules) costs a small build tens of ms.
  if (/^[\0-\x0c\x0e-\x7f]*$/.test(text)) return text
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  return Array.from(segmenter.segment(text), (s) => s.segment)
}

/**
 * The file-name slug of a title; `book` when nothing of it is left.
 *
 * @example
 *   outputName('The Long Road!') // 'the-long-road'
 *   outputName('吾輩は猫である') // '吾輩は猫である'
 */
export function outputName(title: string, limit = SLUG_LIMIT): string {
  let folded = ''
  for (const g of graphemes(title.normalize('NFKC'))) {
    folded += FOLDED.test(g) ? g.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC') : g
  }
  const dashed = folded
    .toLowerCase()
    .replace(/['’]/g, '')
    // Marks stay: in Devanagari, Thai or kana they are part of the letters.
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  let out = ''
  for (const g of graphemes(dashed)) {
    if (out.length + g.length > limit) break
    out += g
  }
  out = out.replace(/-+$/, '')
  return out || 'book'
}
