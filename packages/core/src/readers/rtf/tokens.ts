/**
 * RTF's tokens (RTF 1.9.1, "Conventions of an RTF Reader"): groups `{` `}`, control words
 * (`\b0`, `\fs24`, `\u8217`: a name of letters and an optional signed number, ending at the
 * first other character, a space there being part of the word), control symbols (`\~`, `\'e9`,
 * `\{`), and text. Line ends in the source are not text. `\binN` is followed by N raw bytes.
 *
 * The source is a string of code units: bytes (a file read as Latin-1, one unit a byte), or a
 * string the caller gave, whose units above 0xFF are text as they are.
 */

export const OPEN = 1
export const CLOSE = 2
/** A control word: `name`, `param` (undefined when it has none). */
export const WORD = 3
/** A control symbol other than `\'`: `symbol` is its character (`~`, `-`, `*`, `{`, `\n`…). */
export const SYMBOL = 4
/** `\'hh`: `byte`. */
export const HEX = 5
/** Text: `src.slice(from, to)`, line ends inside it left for the reader to drop. */
export const TEXT = 6
/** `\binN` and its bytes: `src.slice(from, to)`. */
export const BINARY = 7
export const END = 0

export type TokenKind =
  | typeof OPEN
  | typeof CLOSE
  | typeof WORD
  | typeof SYMBOL
  | typeof HEX
  | typeof TEXT
  | typeof BINARY
  | typeof END

/** Longest control word name and parameter the specification allows; longer is text. */
const MAX_NAME = 32
const MAX_DIGITS = 10

const isLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
const isDigit = (c: number) => c >= 0x30 && c <= 0x39
const hexValue = (c: number) =>
  c >= 0x30 && c <= 0x39
    ? c - 0x30
    : c >= 0x61 && c <= 0x66
      ? c - 0x57
      : c >= 0x41 && c <= 0x46
        ? c - 0x37
        : -1

/** A cursor over the source: `next()` reads one token into its fields. */
export class Lexer {
  pos = 0
  kind: TokenKind = END
  name = ''
  param: number | undefined = undefined
  symbol = ''
  byte = 0
  from = 0
  to = 0

  constructor(readonly src: string) {}

  private token(kind: TokenKind): TokenKind {
    this.kind = kind
    return kind
  }

  next(): TokenKind {
    const { src } = this
    const n = src.length
    if (this.pos >= n) return this.token(END)
    const c = src.charCodeAt(this.pos)
    if (c === 0x7b) {
      this.pos++
      return this.token(OPEN)
    }
    if (c === 0x7d) {
      this.pos++
      return this.token(CLOSE)
    }
    if (c !== 0x5c) {
      // Text runs to the next brace or backslash.
      const from = this.pos
      let i = from + 1
      while (i < n) {
        const d = src.charCodeAt(i)
        if (d === 0x7b || d === 0x7d || d === 0x5c) break
        i++
      }
      this.from = from
      this.to = i
      this.pos = i
      return this.token(TEXT)
    }
    // A backslash.
    const at = this.pos + 1
    if (at >= n) {
      this.pos = n
      return this.token(END)
    }
    const d = src.charCodeAt(at)
    if (isLetter(d)) {
      let i = at + 1
      while (i < n && i - at < MAX_NAME && isLetter(src.charCodeAt(i))) i++
      this.name = src.slice(at, i)
      let param: number | undefined
      let j = i
      const negative = src.charCodeAt(j) === 0x2d && isDigit(src.charCodeAt(j + 1))
      if (negative) j++
      if (isDigit(src.charCodeAt(j))) {
        let value = 0
        const start = j
        while (j < n && isDigit(src.charCodeAt(j)) && j - start < MAX_DIGITS)
          value = value * 10 + src.charCodeAt(j++) - 0x30
        param = negative ? -value : value
      } else j = i
      this.param = param
      // One space ends the word and belongs to it.
      this.pos = src.charCodeAt(j) === 0x20 ? j + 1 : j
      if (this.name === 'bin' && param !== undefined && param > 0) {
        this.from = this.pos
        this.to = Math.min(n, this.pos + param)
        this.pos = this.to
        return this.token(BINARY)
      }
      return this.token(WORD)
    }
    if (d === 0x27) {
      const hi = hexValue(src.charCodeAt(at + 1))
      const lo = hexValue(src.charCodeAt(at + 2))
      if (hi >= 0 && lo >= 0) {
        this.byte = hi * 16 + lo
        this.pos = at + 3
        return this.token(HEX)
      }
      // A broken escape: the quote is text.
      this.symbol = "'"
      this.pos = at + 1
      return this.token(SYMBOL)
    }
    // `\` before a line end is a paragraph mark; `\r\n` counts as one.
    this.symbol = d === 0x0d ? '\n' : String.fromCharCode(d)
    this.pos = d === 0x0d && src.charCodeAt(at + 1) === 0x0a ? at + 2 : at + 1
    return this.token(SYMBOL)
  }

  /** Skip to the end of the group the last `{` opened (its `}` read); returns the tokens read past. */
  skipGroup(): number {
    let depth = 1
    let count = 0
    while (depth > 0) {
      const kind = this.next()
      count++
      if (kind === END) break
      if (kind === OPEN) depth++
      else if (kind === CLOSE) depth--
    }
    return count
  }
}

/** The bytes of a Uint8Array as a string of code units 0–255, in slices (no argument-count limit). */
export function byteString(bytes: Uint8Array): string {
  let out = ''
  const CHUNK = 0x2000
  for (let i = 0; i < bytes.length; i += CHUNK)
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[])
  return out
}

export { hexValue }
