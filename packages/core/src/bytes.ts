/** Byte arrays joined into one (PDF chunks, PNG chunks, a file read in pieces), and text as PDF bytes. */

/** `chunks` as one array; `length` is their total when the caller already counted it. */
export function concatBytes(
  chunks: readonly Uint8Array[],
  length = chunks.reduce((n, chunk) => n + chunk.length, 0),
): Uint8Array {
  const out = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

const encoder = new TextEncoder()
const DIGIT_0 = 0x30
const MINUS = 0x2d
const POINT = 0x2e
const ASCII = /^[\x00-\x7f]*$/

/**
 * Text as pdfkit writes a string: each character's low byte (a binary string). ASCII, nearly all
 * of a PDF's text, is encoded natively.
 */
export function binaryBytes(text: string): Uint8Array {
  if (ASCII.test(text)) return encoder.encode(text)
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff
  return bytes
}

/**
 * Bytes written piece by piece into one growing buffer: text as pdfkit writes a string (each
 * character's low byte, as `binaryBytes`) and byte arrays as they are. `take` copies out what was
 * written and starts again, keeping the buffer.
 */
export class ByteWriter {
  private buffer: Uint8Array
  /** Bytes written since the last `take`. */
  length = 0

  constructor(capacity = 1 << 16) {
    this.buffer = new Uint8Array(capacity)
  }

  /** Room for `n` more bytes. */
  private reserve(n: number): Uint8Array {
    const need = this.length + n
    if (need > this.buffer.length) {
      const grown = new Uint8Array(Math.max(need, this.buffer.length * 2))
      grown.set(this.buffer.subarray(0, this.length))
      this.buffer = grown
    }
    return this.buffer
  }

  /** Text, one byte a character (its low byte). */
  text(text: string): void {
    const n = text.length
    const buffer = this.reserve(n)
    let at = this.length
    for (let i = 0; i < n; i++) buffer[at++] = text.charCodeAt(i)
    this.length = at
  }

  byte(value: number): void {
    this.reserve(1)[this.length++] = value
  }

  /**
   * The number `units / scale` as `String` writes it (`units` a whole number, `scale` a power of
   * ten from 10 to 100,000: a PDF operand rounded to so many places), without making the string:
   * the digits, and the fraction's without its trailing zeros; `0` for zero and minus zero.
   * Beyond ±10^12 units (no page holds such a number), as `String` itself writes it.
   */
  decimal(units: number, scale: number): void {
    if (!(Math.abs(units) < 1e12) || !Number.isInteger(units)) {
      this.text(String(units / scale))
      return
    }
    if (units === 0) {
      this.byte(DIGIT_0)
      return
    }
    let rest = units
    if (rest < 0) {
      this.byte(MINUS)
      rest = -rest
    }
    const whole = Math.floor(rest / scale)
    let fraction = rest - whole * scale
    this.digits(whole)
    if (fraction === 0) return
    this.byte(POINT)
    for (let place = scale / 10; fraction > 0; place /= 10) {
      const digit = Math.floor(fraction / place)
      this.byte(DIGIT_0 + digit)
      fraction -= digit * place
    }
  }

  /** A whole number's decimal digits. */
  private digits(n: number): void {
    let power = 1
    while (power * 10 <= n) power *= 10
    for (; power >= 1; power /= 10) {
      const digit = Math.floor(n / power)
      this.byte(DIGIT_0 + digit)
      n -= digit * power
    }
  }

  /** `n` bytes of `bytes` from `at`: all of them by default. */
  bytes(bytes: Uint8Array, at = 0, n = bytes.length - at): void {
    const buffer = this.reserve(n)
    // Most pieces are a word's few bytes: a loop beats `set` there.
    if (n > 64) buffer.set(n === bytes.length ? bytes : bytes.subarray(at, at + n), this.length)
    else for (let i = 0, to = this.length; i < n; i++) buffer[to++] = bytes[at + i]!
    this.length += n
  }

  /** The byte `back` places before the end (1: the last), or -1. */
  peek(back: number): number {
    return this.length >= back ? this.buffer[this.length - back]! : -1
  }

  /** Forget what was written after `length` bytes. */
  truncate(length: number): void {
    if (length < this.length) this.length = length
  }

  /** What was written from `start` on, as a view (valid until the next write). */
  since(start: number): Uint8Array {
    return this.buffer.subarray(start, this.length)
  }

  /** What was written, as a copy, and start again. */
  take(): Uint8Array {
    const out = this.buffer.slice(0, this.length)
    this.length = 0
    return out
  }
}
