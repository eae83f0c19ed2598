/**
 * The inline half of the fast Markdown parser (`fast-blocks.ts` is the other): the text of one
 * paragraph or heading → mdast phrasing nodes, the same nodes and positions micromark gives, in
 * one left-to-right pass. Emphasis and strikethrough are resolved with CommonMark's delimiter
 * stack and its `openers_bottom` bounds, brackets with a stack, code spans by a cursor per run
 * length: so 10,000 `*`, `[` or backticks in a paragraph cost linear work, where micromark walks
 * back over the paragraph for every closer. Work is counted in `InlineStats.steps` (characters
 * scanned plus delimiters visited), which the tests use to prove linearity.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference'
import type * as Mdast from 'mdast'
import { lastAtMost } from '../../model/arrays.js'

type Position = NonNullable<Mdast.Node['position']>

/** A stretch of the source holding one line of the inline text (container prefixes left out). */
export interface Segment {
  /** Source offset of the segment's first character. */
  start: number
  /** Source offset just past the segment, line ending included when one follows. */
  end: number
}

export interface InlineContext {
  source: string
  /** Normalised labels of the link reference definitions. */
  definitions: Set<string>
  /** Normalised labels of the footnote definitions. */
  footnotes: Set<string>
  /** Offset → line and column. */
  point: (offset: number) => { line: number; column: number; offset: number }
  stats: InlineStats
}

export interface InlineStats {
  /** Work done: characters scanned and delimiter-stack entries visited. */
  steps: number
}

type Phrasing = Mdast.PhrasingContent

/** Thrown when the input needs micromark after all; `parseFast` catches it and declines. */
export class Decline extends Error {}

/** One entry of the inline list: a text run, a finished node, or a delimiter run kept as text. */
interface Item {
  prev: Item | undefined
  next: Item | undefined
  /** Text value (for text and delimiter items). */
  value: string
  /** Virtual offsets of the item in the joined text. */
  start: number
  end: number
  node: Phrasing | undefined
  /** A delimiter run (its trailing spaces are not its own). */
  delim: boolean
}

interface Delim {
  item: Item
  char: number
  /** Characters left in the run. */
  count: number
  length: number
  canOpen: boolean
  canClose: boolean
  prev: Delim | undefined
  next: Delim | undefined
}

interface Bracket {
  item: Item
  image: boolean
  active: boolean
  /** The delimiter stack's top when the bracket opened: emphasis inside a link stops here. */
  delim: Delim | undefined
  prev: Bracket | undefined
  /** Virtual offset just past `[`. */
  after: number
}

/** An open or closing tag, attributes on the same line (CommonMark's inline raw HTML). */
export const TAG =
  /<(?:[A-Za-z][A-Za-z0-9-]*(?: +[A-Za-z_:][A-Za-z0-9_.:-]*(?: *= *(?:[^ \t\n\r"'=<>`]+|'[^'\n\r]*'|"[^"\n\r]*"))?)* *\/?|\/[A-Za-z][A-Za-z0-9-]* *)>/y
/** What may start a tag. */
const TAG_START = /^<\/?[A-Za-z]/
/** `<scheme:` opens an autolink. */
const AUTOLINK_START = /^<[A-Za-z][A-Za-z0-9+.-]{1,31}:/

const ASTERISK = 42
const UNDERSCORE = 95
const TILDE = 126
const unicodeWhitespace = /\s/
const unicodePunctuation = /\p{P}|\p{S}/u
const asciiPunctuation = /[!-/:-@[-`{-~]/

/** The ASCII characters the inline scan stops at (those `readers` reads); every other one is plain text. */
const INLINE_SPECIAL = (() => {
  const table = new Uint8Array(128)
  for (const c of '\n\r\\&`*_~<![]') table[c.charCodeAt(0)] = 1
  return table
})()

/** micromark's `classifyCharacter`: 1 white space (and the edges, -1), 2 punctuation, 0 other. */
function classify(code: number): 0 | 1 | 2 {
  if (code < 0) return 1
  const c = String.fromCharCode(code)
  if (unicodeWhitespace.test(c)) return 1
  if (unicodePunctuation.test(c)) return 2
  return 0
}

/**
 * The code unit at `k`, or -1 before the text's start or past its end. The parsers read a
 * character or two past a construct; `charCodeAt` there gives NaN, which optimised code has not
 * been made for: each first such read sent the function back to the interpreter and to a new
 * compile.
 */
export function codeAt(text: string, k: number): number {
  return k >= 0 && k < text.length ? text.charCodeAt(k) : -1
}

/** micromark's `normalizeIdentifier`, lower-cased as mdast's `identifier`. */
export function normalizeLabel(value: string): string {
  return value
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase()
}

/** Parse the inline content spread over `segments` (joined, they are the text). */
export function parseInline(segments: readonly Segment[], context: InlineContext): Phrasing[] {
  return new InlineParser(segments, context).parse()
}

class InlineParser {
  private readonly text: string
  /** Virtual start of each segment, and its source start. */
  private readonly vStarts: number[] = []
  private readonly sStarts: number[] = []
  private head: Item | undefined
  private tail: Item | undefined
  private delims: Delim | undefined
  /** A `~~` that may open or close has been seen; an emphasis delimiter that may has been seen. */
  private strike = false
  private emphasis = false
  private brackets: Bracket | undefined
  /** Code span closers: for each backtick run length, the virtual offsets of its runs, and a cursor. */
  private ticks: Map<number, { at: number[]; cursor: number }> | undefined
  /** Offset of the text's last line ending (-1 for none), found when first needed. */
  private lastLineEnd: number | undefined

  constructor(
    segments: readonly Segment[],
    private readonly context: InlineContext,
  ) {
    let text = ''
    for (const segment of segments) {
      this.vStarts.push(text.length)
      this.sStarts.push(segment.start)
      text += context.source.slice(segment.start, segment.end)
    }
    this.text = text
  }

  parse(): Phrasing[] {
    const text = this.text
    const n = text.length
    const readers = InlineParser.readers
    let i = 0
    // Where the plain text not yet made an item starts (-1: none).
    let plain = -1
    while (i < n) {
      this.context.stats.steps++
      const c = text.charCodeAt(i)
      if (c < 128 && INLINE_SPECIAL[c] === 1) {
        // The plain text before it is an item (a plain `<` or `!` starts the next one: text items
        // side by side are joined into one node).
        if (plain >= 0) this.append(text.slice(plain, i), plain, i)
        plain = -1
        const next = readers[c]!(this, i, c)
        if (next >= 0) {
          i = next
          continue
        }
      }
      if (plain < 0) plain = i
      i++
      // The plain characters up to the next one that may mean something, in one tight loop
      // (counted as the steps they are).
      let j = i
      while (j < n) {
        const d = text.charCodeAt(j)
        if (d < 128 && INLINE_SPECIAL[d] === 1) break
        j++
      }
      this.context.stats.steps += j - i
      i = j
    }
    if (plain >= 0) this.append(text.slice(plain, n), plain, n)
    this.processEmphasis(undefined)
    return this.children(this.head, undefined)
  }

  /**
   * What the scan does at each character `INLINE_SPECIAL` marks, by its code: read the construct
   * there and return where the scan goes on, or -1 where the character is plain after all (`<`
   * opening no tag, `!` before no `[`). Called from one place, which a book's first lines feed: a
   * switch calling each reader held calls V8 had no type feedback for until their character first
   * came, and the first `\` or `![` after `parse` was optimised sent it back to the interpreter,
   * to be compiled again.
   */
  private static readonly readers: ReadonlyArray<(parser: InlineParser, i: number, c: number) => number> =
    (() => {
      const table = new Array<(parser: InlineParser, i: number, c: number) => number>(128).fill(() => -1)
      table[10] = table[13] = (parser, i) => parser.lineEnding(i)
      table[92] = (parser, i) => parser.escape(i) // `\`
      table[38] = (parser, i) => parser.reference(i) // `&`
      table[96] = (parser, i) => parser.codeSpan(i)
      table[ASTERISK] = table[UNDERSCORE] = table[TILDE] = (parser, i, c) => parser.delimiterRun(i, c)
      table[60] = (parser, i) => parser.rawTag(i) ?? -1 // `<`
      table[33] = (parser, i) => parser.image(i) // `!`
      table[91] = (parser, i) => parser.footnoteCall(i) // `[`
      table[93] = (parser, i) => parser.closeBracket(i) // `]`
      return table
    })()

  // ------------------------------------------------------------------ positions

  /** Source offset of a virtual offset. */
  private src(v: number): number {
    const starts = this.vStarts
    const lo = lastAtMost(starts, v)
    return this.sStarts[lo]! + (v - starts[lo]!)
  }

  private position(start: number, end: number): Position {
    // An end is just past a character: find the character's source offset, then step over it.
    return { start: this.context.point(this.src(start)), end: this.context.point(this.src(end - 1) + 1) }
  }

  // ------------------------------------------------------------------ the list

  private append(value: string, start: number, end: number, node?: Phrasing): Item {
    // One literal with every field, as in `match`: items given `node` or `delim` after they were
    // made came in several shapes, and a shape first met late sent `parse` back to the interpreter.
    const item: Item = { prev: this.tail, next: undefined, value, start, end, node, delim: false }
    if (this.tail) this.tail.next = item
    else this.head = item
    this.tail = item
    return item
  }

  private remove(item: Item): void {
    if (item.prev) item.prev.next = item.next
    else this.head = item.next
    if (item.next) item.next.prev = item.prev
    else this.tail = item.prev
  }

  /** mdast children for the items from `from` up to (not including) `to`, adjacent text joined. */
  private children(from: Item | undefined, to: Item | undefined): Phrasing[] {
    const out: Phrasing[] = []
    let textValue = ''
    let textStart = -1
    let textEnd = -1
    const flushText = () => {
      if (textStart < 0) return
      if (textValue !== '')
        out.push({ type: 'text', value: textValue, position: this.position(textStart, textEnd) })
      textStart = -1
      textValue = ''
    }
    for (let item = from; item && item !== to; item = item.next) {
      this.context.stats.steps++
      if (item.node) {
        flushText()
        out.push(item.node)
        continue
      }
      if (item.start === item.end && item.value === '') continue
      if (textStart < 0) textStart = item.start
      textValue += item.value
      textEnd = item.end
    }
    flushText()
    return out
  }

  // ------------------------------------------------------------------ constructs

  private lineEnding(i: number): number {
    const text = this.text
    const width = text.charCodeAt(i) === 13 && codeAt(text, i + 1) === 10 ? 2 : 1
    // Trailing spaces before the line ending: two or more make a hard break, fewer are dropped.
    const last = this.tail
    if (last && !last.node && last.end === i) {
      const trimmed = last.value.replace(/ +$/, '')
      const spaces = last.value.length - trimmed.length
      if (spaces >= 2 && !this.isDelim(last)) {
        // After an unmatched backtick run micromark ends the break elsewhere: its to read.
        if (text[i - spaces - 1] === '`') throw new Decline()
        last.value = trimmed
        last.end -= spaces
        if (last.value === '') this.remove(last)
        let next = i + width
        this.append('', i - spaces, next, { type: 'break', position: this.position(i - spaces, next) })
        while (codeAt(text, next) === 32) next++
        return next
      }
      if (spaces > 0 && !this.isDelim(last)) {
        // Kept in the node's extent (micromark's text node spans it), left out of its value;
        // white space alone after a mark is no text at all.
        last.value = trimmed
        if (trimmed === '') this.remove(last)
      }
    }
    this.append(text.slice(i, i + width), i, i + width)
    // The next line's indent is no part of the text (a code span keeps it: it reads the raw text).
    let next = i + width
    while (codeAt(text, next) === 32) next++
    return next
  }

  private isDelim(item: Item): boolean {
    return item.delim === true
  }

  private escape(i: number): number {
    const text = this.text
    const next = text[i + 1]
    if (next === '\n' || next === '\r') {
      const width = next === '\r' && text[i + 2] === '\n' ? 2 : 1
      const after = i + 1 + width
      // Before an indented line micromark's extent for the break varies: its to read.
      if (codeAt(text, after) === 32) throw new Decline()
      this.append('', i, after, { type: 'break', position: this.position(i, after) })
      return after
    }
    if (next !== undefined && asciiPunctuation.test(next)) {
      this.append(next, i, i + 2)
      return i + 2
    }
    this.append('\\', i, i + 1)
    return i + 1
  }

  private reference(i: number): number {
    const text = this.text
    const m = /^&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/.exec(
      text.slice(i, i + 40),
    )
    if (m) {
      let value: string | false
      if (m[3] !== undefined) value = decodeNamedCharacterReference(m[3])
      else {
        const code = m[1] !== undefined ? Number.parseInt(m[1], 16) : Number.parseInt(m[2]!, 10)
        value = decodeNumeric(code)
      }
      if (value !== false) {
        this.append(value, i, i + m[0].length)
        return i + m[0].length
      }
    }
    this.append('&', i, i + 1)
    return i + 1
  }

  private codeSpan(i: number): number {
    const text = this.text
    let j = i
    while (codeAt(text, j) === 96) j++
    const length = j - i
    const close = this.closingTicks(j, length)
    if (close === undefined) {
      this.append(text.slice(i, j), i, j)
      return j
    }
    // mdast keeps line endings as written; one space or line ending is padding on each side when
    // both sides have one and something else is between.
    let value = text.slice(j, close)
    const head = /^(?: |\r\n|\r|\n)/.exec(value)
    const tail = /(?: |\r\n|\r|\n)$/.exec(value)
    if (head && tail && /[^ \r\n]/.test(value))
      value = value.slice(head[0].length, value.length - tail[0].length)
    const end = close + length
    this.append('', i, end, { type: 'inlineCode', value, position: this.position(i, end) })
    return end
  }

  /** The start of the next backtick run of exactly `length` at or after `from`. */
  private closingTicks(from: number, length: number): number | undefined {
    if (!this.ticks) {
      this.ticks = new Map()
      const text = this.text
      for (let k = 0; k < text.length; ) {
        if (text.charCodeAt(k) !== 96) {
          k++
          continue
        }
        let e = k
        while (codeAt(text, e) === 96) e++
        const list = this.ticks.get(e - k) ?? { at: [], cursor: 0 }
        list.at.push(k)
        this.ticks.set(e - k, list)
        k = e
      }
    }
    const list = this.ticks.get(length)
    if (!list) return undefined
    while (list.cursor < list.at.length && list.at[list.cursor]! < from) {
      this.context.stats.steps++
      list.cursor++
    }
    return list.at[list.cursor]
  }

  private delimiterRun(i: number, char: number): number {
    const text = this.text
    let j = i
    while (codeAt(text, j) === char) j++
    const length = j - i
    const item = this.append(text.slice(i, j), i, j)
    item.delim = true
    const before = classify(codeAt(text, i - 1))
    const after = classify(codeAt(text, j))
    let canOpen: boolean
    let canClose: boolean
    if (char === TILDE) {
      // GFM strikethrough: exactly two tildes (single ones are pandoc's subscript).
      if (length !== 2) return j
      canOpen = !after || (after === 2 && Boolean(before))
      canClose = !before || (before === 2 && Boolean(after))
    } else {
      // Strikethrough's `~` next to a run loosens it (micromark's `attentionMarkers`); `*` and `_` do not.
      const prevIsMarker = i > 0 && text.charCodeAt(i - 1) === TILDE
      const nextIsMarker = codeAt(text, j) === TILDE
      const open = !after || (after === 2 && Boolean(before)) || nextIsMarker
      const close = !before || (before === 2 && Boolean(after)) || prevIsMarker
      canOpen = char === ASTERISK ? open : open && (Boolean(before) || !close)
      canClose = char === ASTERISK ? close : close && (Boolean(after) || !open)
    }
    if (!canOpen && !canClose) return j
    // micromark pairs `*`/`_` first and then `~~` inside what that made (`*~~**~~**` is "*~~" and
    // a strong "~~"); this parser pairs them in one pass, so text with both goes to micromark.
    if (char === TILDE) this.strike = true
    else this.emphasis = true
    if (this.strike && this.emphasis) throw new Decline()
    const delim: Delim = {
      item,
      char,
      count: length,
      length,
      canOpen,
      canClose,
      prev: this.delims,
      next: undefined,
    }
    if (this.delims) this.delims.next = delim
    this.delims = delim
    return j
  }

  /**
   * An inline raw HTML opening or closing tag at `i` (CommonMark's grammar, on one line): appended
   * as an `html` node, its end returned; undefined when `<` is a plain character. What only
   * micromark reads exactly — comments, declarations, autolinks, a tag running over a line — declines.
   */
  private rawTag(i: number): number | undefined {
    const text = this.text
    const next = codeAt(text, i + 1)
    // `<!--`, `<!DOCTYPE`, `<![CDATA[`, `<?`: micromark's.
    if (next === 33 || next === 63) throw new Decline()
    const head = text.slice(i, i + 34)
    if (AUTOLINK_START.test(head)) throw new Decline()
    if (!TAG_START.test(head)) return undefined
    TAG.lastIndex = i
    const m = TAG.exec(text)
    if (!m) {
      // A tag may run over a line ending (a quoted value can hold one): micromark's to read.
      this.lastLineEnd ??= Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'))
      if (this.lastLineEnd > i) throw new Decline()
      return undefined
    }
    const end = i + m[0].length
    this.context.stats.steps += m[0].length
    this.append('', i, end, { type: 'html', value: m[0], position: this.position(i, end) })
    return end
  }

  /** `![` opening an image (or `![^1]`, a `!` and a footnote call); -1 for a plain `!`. */
  private image(i: number): number {
    const text = this.text
    if (codeAt(text, i + 1) !== 91) return -1
    // `![^1]` is a `!` and a footnote call, when the footnote exists.
    if (codeAt(text, i + 2) === 94) {
      if (this.footnoteCall(i + 1, true) !== undefined) {
        this.append('!', i, i + 1)
        return this.footnoteCall(i + 1)
      }
    }
    this.openBracket(i, true)
    return i + 2
  }

  private openBracket(i: number, image: boolean): void {
    const width = image ? 2 : 1
    const item = this.append(this.text.slice(i, i + width), i, i + width)
    this.brackets = { item, image, active: true, delim: this.delims, prev: this.brackets, after: i + width }
  }

  /** `[^label]` naming a footnote; otherwise an ordinary `[`. */
  private footnoteCall(i: number): number
  private footnoteCall(i: number, probe: true): number | undefined
  private footnoteCall(i: number, probe = false): number | undefined {
    const text = this.text
    if (codeAt(text, i + 1) === 94 && this.context.footnotes.size > 0) {
      let j = i + 2
      let label = ''
      while (j < text.length && j - i < 1002) {
        const c = text[j]!
        if (c === ']' || c === '[' || /\s/.test(c)) break
        if (c === '\\' && j + 1 < text.length && asciiPunctuation.test(text[j + 1]!)) {
          label += c + text[j + 1]
          j += 2
          continue
        }
        label += c
        j++
      }
      if (text[j] === ']' && label !== '' && j - i - 2 <= 999) {
        const id = normalizeLabel(label)
        if (this.context.footnotes.has(id)) {
          const end = j + 1
          if (probe) return end
          this.append('', i, end, {
            type: 'footnoteReference',
            identifier: id.toLowerCase(),
            label,
            position: this.position(i, end),
          })
          return end
        }
      }
    }
    if (probe) return undefined
    this.openBracket(i, false)
    return i + 1
  }

  private closeBracket(i: number): number {
    const opener = this.brackets
    if (!opener) {
      this.append(']', i, i + 1)
      return i + 1
    }
    this.brackets = opener.prev
    if (!opener.active) {
      this.append(']', i, i + 1)
      return i + 1
    }
    const found = this.linkTail(i + 1, opener, i)
    if (!found) {
      this.append(']', i, i + 1)
      return i + 1
    }
    const { end, make } = found
    // Emphasis inside the label is resolved within it.
    this.processEmphasis(opener.delim)
    const children = this.children(opener.item.next, undefined)
    const node = make(children, this.position(opener.item.start, end))
    // Replace the opener and everything after it by the link.
    const before = opener.item.prev
    if (before) before.next = undefined
    else this.head = undefined
    this.tail = before
    this.append('', opener.item.start, end, node)
    if (!opener.image) for (let b = this.brackets; b; b = b.prev) if (!b.image) b.active = false
    return end
  }

  /** What follows `]`: an inline destination, a full, collapsed or shortcut reference. */
  private linkTail(
    after: number,
    opener: Bracket,
    close: number,
  ): { end: number; make: (children: Phrasing[], position: Position) => Phrasing } | undefined {
    const text = this.text
    const image = opener.image
    if (text[after] === '(') {
      const inline = this.inlineDestination(after + 1)
      if (inline) {
        return {
          end: inline.end,
          make: (children, position) =>
            image
              ? { type: 'image', url: inline.url, title: inline.title, alt: plainAlt(children), position }
              : { type: 'link', url: inline.url, title: inline.title, children, position },
        }
      }
    }
    let label: string | undefined
    let end = after
    let referenceType: 'full' | 'collapsed' | 'shortcut' = 'shortcut'
    if (text[after] === '[') {
      const full = this.labelAt(after)
      if (full !== undefined && full.label.trim() !== '') {
        label = full.label
        end = full.end
        referenceType = 'full'
      } else if (text[after + 1] === ']') {
        end = after + 2
        referenceType = 'collapsed'
      } else if (full === undefined) {
        // `[a][` unclosed: a shortcut reference on `[a]`.
      } else {
        return undefined
      }
    }
    if (label === undefined) {
      if (close - opener.after > 999) return undefined
      label = text.slice(opener.after, close)
      if (label.trim() === '' || /(?<!\\)[[]/.test(label)) return undefined
    }
    const identifier = normalizeLabel(label)
    if (!this.context.definitions.has(identifier)) return undefined
    const id = identifier.toLowerCase()
    // The label as text (escapes and character references resolved); the identifier as written.
    const labelText = unescapeMarkdown(label)
    return {
      end,
      make: (children, position) =>
        image
          ? {
              type: 'imageReference',
              identifier: id,
              label: labelText,
              referenceType,
              alt: plainAlt(children),
              position,
            }
          : { type: 'linkReference', identifier: id, label: labelText, referenceType, children, position },
    }
  }

  /** `[label]` starting at `at`: its raw text and end, or undefined. */
  private labelAt(at: number): { label: string; end: number } | undefined {
    const text = this.text
    let j = at + 1
    while (j < text.length && j - at <= 1000) {
      const c = text[j]!
      if (c === '\\' && j + 1 < text.length) {
        j += 2
        continue
      }
      if (c === '[') return undefined
      if (c === ']') return { label: text.slice(at + 1, j), end: j + 1 }
      j++
    }
    return undefined
  }

  /** `(destination "title")` from just after `(`. */
  private inlineDestination(from: number): { url: string; title: string | null; end: number } | undefined {
    const text = this.text
    let j = skipSpace(text, from)
    let url = ''
    if (text[j] === '<') {
      const m = /^<((?:[^<>\n\r\\]|\\.)*)>/.exec(text.slice(j, j + 2048))
      if (!m) return undefined
      url = m[1]!
      j += m[0].length
    } else {
      let depth = 0
      const start = j
      while (j < text.length) {
        const c = text.charCodeAt(j)
        if (c === 92 && j + 1 < text.length && asciiPunctuation.test(text[j + 1]!)) {
          j += 2
          continue
        }
        if (c <= 32 || c === 127) break
        if (c === 40) {
          depth++
          if (depth > 32) return undefined
        } else if (c === 41) {
          if (depth === 0) break
          depth--
        }
        j++
      }
      if (depth !== 0) return undefined
      url = text.slice(start, j)
    }
    let title: string | null = null
    const afterUrl = j
    j = skipSpace(text, j)
    const q = text[j]
    if (j > afterUrl && (q === '"' || q === "'" || q === '(')) {
      const closeQ = q === '(' ? ')' : q
      let k = j + 1
      while (k < text.length) {
        const c = text[k]!
        if (c === '\\' && k + 1 < text.length) {
          k += 2
          continue
        }
        if (c === closeQ) break
        if (q === '(' && c === '(') return undefined
        k++
      }
      if (k >= text.length) return undefined
      title = unescapeMarkdown(text.slice(j + 1, k))
      j = skipSpace(text, k + 1)
    }
    if (text[j] !== ')') return undefined
    return { url: unescapeMarkdown(url), title, end: j + 1 }
  }

  // ------------------------------------------------------------------ emphasis

  /** CommonMark's process_emphasis over the delimiters above `bottom`, with openers_bottom. */
  private processEmphasis(bottom: Delim | undefined): void {
    // Lowest delimiter worth looking at for each (char, closer length % 3, closer can open).
    const openersBottom = new Map<number, Delim | undefined>()
    let closer = bottom ? bottom.next : this.first()
    while (closer) {
      this.context.stats.steps++
      if (!closer.canClose) {
        closer = closer.next
        continue
      }
      const key = closer.char * 8 + (closer.length % 3) * 2 + (closer.canOpen ? 1 : 0)
      const floor = openersBottom.has(key) ? openersBottom.get(key) : bottom
      let opener = closer.prev
      let found = false
      while (opener && opener !== bottom && opener !== floor) {
        this.context.stats.steps++
        if (opener.char === closer.char && opener.canOpen) {
          // micromark's rule, on the sizes left: a closer that could open (or an opener that could
          // close) matches only when the sum is no multiple of 3, or both sizes are. The sizes are
          // weighed for every pair: weighed only for runs that can both open and close (`a*b*c`,
          // rare), the first such run came after `parse` was optimised and sent it back to the
          // interpreter.
          const closerSpare = closer.count % 3 !== 0
          const sumOfThrees = (opener.count + closer.count) % 3 === 0
          const odd =
            closer.char !== TILDE && (closer.canOpen || opener.canClose) && closerSpare && sumOfThrees
          if (!odd) {
            found = true
            break
          }
        }
        opener = opener.prev
      }
      const next = closer.next
      if (found && opener) {
        this.match(opener, closer)
        // A closer with characters left may close again.
        if (closer.count === 0) closer = next
        continue
      }
      openersBottom.set(key, closer.prev)
      if (!closer.canOpen) this.unlink(closer)
      closer = next
    }
    // Nothing above the bottom can match any more.
    while (this.delims && this.delims !== bottom) this.unlink(this.delims)
  }

  private first(): Delim | undefined {
    let d = this.delims
    while (d?.prev) d = d.prev
    return d
  }

  private unlink(d: Delim): void {
    if (d.prev) d.prev.next = d.next
    if (d.next) d.next.prev = d.prev
    else this.delims = d.prev
  }

  private match(opener: Delim, closer: Delim): void {
    const use = closer.char === TILDE ? 2 : opener.count >= 2 && closer.count >= 2 ? 2 : 1
    const o = opener.item
    const c = closer.item
    opener.count -= use
    closer.count -= use
    o.value = o.value.slice(0, o.value.length - use)
    o.end -= use
    const start = o.end
    const end = c.start + use
    const children = this.children(o.next, c)
    const type = closer.char === TILDE ? 'delete' : use === 2 ? 'strong' : 'emphasis'
    const node = { type, children, position: this.position(start, end) } as Phrasing
    // The items between become the node.
    const item: Item = { prev: o, next: c, value: '', start, end, node, delim: false }
    o.next = item
    c.prev = item
    c.value = c.value.slice(use)
    c.start += use
    // Delimiters between opener and closer are spent.
    opener.next = closer
    closer.prev = opener
    if (opener.count === 0) {
      this.remove(o)
      this.unlink(opener)
    }
    if (closer.count === 0) {
      this.remove(c)
      this.unlink(closer)
    }
  }
}

function skipSpace(text: string, from: number): number {
  let j = from
  let lines = 0
  while (j < text.length) {
    const c = text[j]
    if (c === ' ' || c === '\t') j++
    else if (c === '\n' || c === '\r') {
      if (++lines > 1) break
      j++
    } else break
  }
  return j
}

/**
 * Backslash escapes and character references resolved, as in a destination or title: in one
 * pass, so an escaped `&` (`\\&amp;`) stays the text `&amp;`.
 */
export function unescapeMarkdown(value: string): string {
  return value.replace(
    /\\([!-/:-@[-`{-~])|&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/g,
    (
      all,
      escaped: string | undefined,
      hex: string | undefined,
      dec: string | undefined,
      name: string | undefined,
    ) => {
      if (escaped !== undefined) return escaped
      const decoded =
        name !== undefined
          ? decodeNamedCharacterReference(name)
          : decodeNumeric(hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec!, 10))
      return decoded === false ? all : decoded
    },
  )
}

/** micromark's `decodeNumericCharacterReference`: controls, surrogates and non-characters are U+FFFD. */
function decodeNumeric(code: number): string {
  if (
    code < 9 ||
    code === 11 ||
    (code > 13 && code < 32) ||
    (code > 126 && code < 160) ||
    (code > 55_295 && code < 57_344) ||
    (code > 64_975 && code < 65_008) ||
    (code & 65_535) === 65_535 ||
    (code & 65_535) === 65_534 ||
    code > 1_114_111
  )
    return '\uFFFD'
  return String.fromCodePoint(code)
}

/** The plain text of phrasing nodes, as mdast's `alt`. */
function plainAlt(nodes: readonly Phrasing[]): string {
  let out = ''
  for (const node of nodes) {
    if ('value' in node && typeof node.value === 'string') out += node.value
    else if ('alt' in node && typeof node.alt === 'string') out += node.alt
    else if ('children' in node) out += plainAlt(node.children as Phrasing[])
  }
  return out
}
