/**
 * The rules every reader applies to its source text, kept in one place: where an offset falls
 * (line and column), which characters XML cannot carry, and Windows-1252 decoding (the choice of
 * encoding itself is `encoding.ts`'s).
 * The readers differ only where their formats do, and say so with a parameter: plain text ends a
 * line at a lone CR too (old Mac files), while Markdown and HTML count lines as their parsers do,
 * at LF only; plain text also drops DEL, C1 controls and stray byte-order marks, which in a text
 * file are decoding debris, where Markdown and HTML keep what XML allows.
 */
import type { Point } from '../model/types.js'

/** How lines end when counting them: `lf` as micromark and parse5 count; `any` adds CR and CRLF. */
export type LineEnds = 'lf' | 'any'

/**
 * The 1-based line and column of a 0-based offset (in UTF-16 units), with the offset.
 *
 * @example
 *   pointAt('one\ntwo', 5) // { line: 2, column: 2, offset: 5 }
 *   pointAt('one\rtwo', 5, 'any') // { line: 2, column: 2, offset: 5 }
 */
export function pointAt(text: string, offset: number, lineEnds: LineEnds = 'lf'): Point {
  let line = 1
  let lineStart = 0
  if (lineEnds === 'lf') {
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++
      lineStart = i + 1
    }
  } else {
    const eol = /\r\n?|\n/g
    for (let m = eol.exec(text); m && m.index < offset; m = eol.exec(text)) {
      line++
      lineStart = m.index + m[0].length
    }
  }
  return { line, column: offset - lineStart + 1, offset }
}

/**
 * Which characters are taken out. `xml`: those XML 1.0 forbids (C0 controls but tab, LF and CR;
 * U+FFFE and U+FFFF; unpaired surrogates). `text`: those too, and DEL, the C1 controls and
 * U+FEFF, which XML allows but which in a plain-text file only ever come from a bad decoding or
 * files joined together. Zero-width joiners and bidi controls are kept by both: scripts need them.
 */
export type ForbiddenSet = 'xml' | 'text'

const XML_CLASS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF'
/** An unpaired surrogate, as a regular expression's source. */
export const SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]'
const CLASSES: Record<ForbiddenSet, string> = { xml: XML_CLASS, text: `${XML_CLASS}\\u007F-\\u009F\\uFEFF` }
// The surrogate look-arounds cost a scan of every character; well-formed text (nearly all) skips them.
const plain: Record<ForbiddenSet, RegExp> = {
  xml: new RegExp(`[${CLASSES.xml}]`, 'g'),
  text: new RegExp(`[${CLASSES.text}]`, 'g'),
}
const withSurrogates: Record<ForbiddenSet, RegExp> = {
  xml: new RegExp(`[${CLASSES.xml}]|${SURROGATE}`, 'g'),
  text: new RegExp(`[${CLASSES.text}]|${SURROGATE}`, 'g'),
}
const isWellFormed = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed

/**
 * Whether `text` has no unpaired surrogate. Text a WHATWG decoder made from bytes never has one
 * (it replaces what it cannot pair with U+FFFD), so the readers say so (`DecodeResult.wellFormed`)
 * rather than scan a book's text again: on the two-byte strings of most books the scan is a few
 * milliseconds a megabyte, done for each file once per use.
 */
export function wellFormed(text: string): boolean {
  return isWellFormed ? isWellFormed.call(text) : !LONE_SURROGATE.test(text)
}
const LONE_SURROGATE = new RegExp(SURROGATE)

function patternFor(text: string, set: ForbiddenSet, known?: boolean): RegExp {
  const pattern = (known ?? wellFormed(text)) ? plain[set] : withSurrogates[set]
  pattern.lastIndex = 0
  return pattern
}

/** What a scan found: how many forbidden characters, and where the first is. */
export interface Forbidden {
  count: number
  /** Where the first one is (its `offset` set); absent when there is none. */
  first?: Point
}

/**
 * Count the forbidden characters of `set` in `text` and find the first. `known`: whether the
 * text is known to have no unpaired surrogate (`wellFormed`), found out when not given.
 *
 * @example
 *   scanForbidden('a\u0000b\n\u0001') // { count: 2, first: { line: 1, column: 2, offset: 1 } }
 */
export function scanForbidden(
  text: string,
  set: ForbiddenSet = 'xml',
  lineEnds: LineEnds = 'lf',
  known?: boolean,
): Forbidden {
  const pattern = patternFor(text, set, known)
  const match = pattern.exec(text)
  if (!match) return { count: 0 }
  let count = 1
  const firstOffset = match.index
  while (pattern.exec(text)) count++
  pattern.lastIndex = 0
  return { count, first: pointAt(text, firstOffset, lineEnds) }
}

/**
 * Remove the forbidden characters of `set`. Form feeds and vertical tabs become spaces when
 * `spaceFeeds` is set, because in old page-formatted text files they separate words
 * ("end.\fNext"); Markdown and HTML give them no such meaning. `known` as for `scanForbidden`.
 */
export function removeForbidden(
  value: string,
  set: ForbiddenSet = 'xml',
  spaceFeeds = false,
  known?: boolean,
): string {
  const pattern = patternFor(value, set, known)
  if (!pattern.test(value)) return value
  pattern.lastIndex = 0
  return value.replace(pattern, (c) => (spaceFeeds && (c === '\f' || c === '\v') ? ' ' : ''))
}

/** Remove XML-forbidden characters from a value going into the model (Markdown and HTML readers). */
export function clean(value: string): string {
  return removeForbidden(value, 'xml')
}

/**
 * A copy of `value` that holds on to nothing else. A piece sliced from a file's decoded text is,
 * in V8, a view of the whole text: one short title or paragraph kept in the tree keeps the whole
 * chapter's text alive (two bytes a character for most non-English text), as long as the book.
 * Joined with one character and cut again, it is copied into a string of its own; short pieces
 * (under 13 code units) are copies already.
 */
export function detached(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1)
}

/** Windows-1252 code points for bytes 0x80–0x9F; the five undefined bytes map to themselves. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
]

/**
 * Windows-1252 by hand for 0x80–0x9F: some Node 20 releases decode the `windows-1252` label as
 * ISO-8859-1, which would turn curly quotes (0x93/0x94) into C1 controls.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin = new TextDecoder('windows-1252').decode(bytes)
  return latin.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!))
}
