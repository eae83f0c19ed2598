/**
 * Turning a chapter file's bytes into text, and keeping characters XML cannot hold out of the
 * model. Shared by the Markdown and HTML readers (the text reader has its own). Positions stay
 * exact because forbidden characters are removed from the text values a reader builds, not from
 * the source the parser sees.
 */
import type { Point } from '../../model/types.js'
import { decodeWindows1252 } from '../text/decode.js'

/** The decoded text, and whether the bytes were not valid UTF-8 and were read as windows-1252. */
export interface Decoded {
  text: string
  fallback: boolean
}

/** Decode bytes: UTF-8 (BOM dropped), UTF-16 when a BOM says so, windows-1252 when UTF-8 fails. */
export function decodeBytes(input: Uint8Array | string): Decoded {
  if (typeof input === 'string') return { text: input.replace(/^\uFEFF/, ''), fallback: false }
  if (input[0] === 0xff && input[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(input), fallback: false }
  if (input[0] === 0xfe && input[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(input), fallback: false }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(input), fallback: false }
  } catch {
    // Old fan-fiction exports and Word "Save as HTML" are often Windows code page text.
    return { text: decodeWindows1252(input), fallback: true }
  }
}

// C0 controls but tab, LF and CR; the two non-characters U+FFFE/U+FFFF; unpaired surrogates.
const forbidden =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** How many XML-forbidden characters the text has, and where the first one is. */
export function scanForbidden(text: string): { count: number; first?: Point } {
  forbidden.lastIndex = 0
  let count = 0
  let firstOffset = -1
  for (const match of text.matchAll(forbidden)) {
    if (count === 0) firstOffset = match.index
    count++
  }
  if (count === 0) return { count }
  return { count, first: pointAt(text, firstOffset) }
}

/** Remove XML-forbidden characters from a value going into the model. */
export function clean(value: string): string {
  return value.replace(forbidden, '')
}

/** The 1-based line and column of a 0-based offset. */
export function pointAt(text: string, offset: number): Point {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return { line, column: offset - lineStart + 1, offset }
}
