/**
 * Text as the PDF draws it: without the invisible format characters a manuscript or the
 * typography transform may hold (a word joiner before an em dash, a soft hyphen, a zero-width
 * space, a byte-order mark, bidi and variation controls). They have no ink, and a face that lacks
 * one sends it to a fallback face: a whole font subset embedded for one empty glyph (the epigraph's
 * `first⁠—verdict` drew U+2060 in EB Garamond Italic). Chapter text drops them as it is flattened
 * (`inline.ts`); the pages the PDF sets itself (title, copyright, epigraph, contents, running
 * heads, the print cover) drop them here.
 */

/**
 * Default-ignorable characters Octavo's faces draw nothing for, as ranges of code points: soft
 * hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers, Khmer inherent vowels,
 * Mongolian selectors, the zero-width and directional marks, the bidi embeddings and isolates,
 * the word joiner and invisible operators, variation selectors, the byte-order mark, shorthand
 * format controls, musical format controls, tag characters and the supplementary selectors.
 */
const INVISIBLE: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0000, 0xe0fff],
]

/** Whether a code point is one `visible` drops: drawn as nothing, never as a box. */
export function isInvisible(code: number): boolean {
  if (code < 0x00ad) return false
  for (const [from, to] of INVISIBLE) if (code >= from && code <= to) return true
  return false
}

const hex = (code: number) => `\\u{${code.toString(16)}}`
/** `INVISIBLE` as one character class: most texts hold none, and one test says so. */
const CLASS = `[${INVISIBLE.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join('')}]`
const ANY = new RegExp(CLASS, 'u')
const ALL = new RegExp(CLASS, 'gu')

/** `text` without its invisible format characters (`INVISIBLE`); itself when it has none. */
export function visible(text: string): string {
  return ANY.test(text) ? text.replace(ALL, '') : text
}
