/**
 * Turn a plain-text file's bytes into a clean JavaScript string: pick the encoding (BOM, UTF-16
 * NUL patterns, strict UTF-8, Windows-1252 as the fallback word processors and old archives
 * need), repair lone surrogates, and remove the characters XML cannot carry, reporting each kind
 * of repair once per file with the place of its first occurrence rather than once per character.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import { decodeWindows1252, pointAt, scanForbidden, removeForbidden as strip } from '../source.js'

/** Decode with the WHATWG decoder, `undefined` when `fatal` and the bytes are malformed. */
function tryDecode(label: string, bytes: Uint8Array, fatal: boolean): string | undefined {
  try {
    return new TextDecoder(label, { fatal }).decode(bytes)
  } catch {
    return undefined
  }
}

/** Length of the well-formed UTF-8 sequence at `i` (1–4), or 0 when the byte there breaks it. */
function utf8Sequence(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!
  if (b < 0x80) return 1
  let need: number
  let min: number
  if (b >= 0xc2 && b <= 0xdf) {
    need = 1
    min = 0x80
  } else if (b >= 0xe0 && b <= 0xef) {
    need = 2
    min = 0x800
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3
    min = 0x10000
  } else return 0
  let cp = b & (0x3f >> need)
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k]
    if (c === undefined || (c & 0xc0) !== 0x80) return 0
    cp = (cp << 6) | (c & 0x3f)
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0
  return need + 1
}

interface Mixed {
  text: string
  /** Index of the first byte that is not UTF-8. */
  firstBad: number
  /** How many bytes were not UTF-8. */
  bad: number
  /** How many well-formed multi-byte UTF-8 sequences there were. */
  multibyte: number
}

/**
 * UTF-8 where it is well formed, Windows-1252 for each byte where it is not: a UTF-8 file with
 * one pasted-in curly quote keeps its "Zoë" instead of turning it into "ZoÃ«".
 */
function decodeMixed(bytes: Uint8Array): Mixed {
  const utf8 = new TextDecoder('utf-8')
  const parts: string[] = []
  let run = 0
  let firstBad = -1
  let bad = 0
  let multibyte = 0
  for (let i = 0; i < bytes.length; ) {
    const length = bytes[i]! < 0x80 ? 1 : utf8Sequence(bytes, i)
    if (length > 0) {
      if (length > 1) multibyte++
      i += length
      continue
    }
    if (firstBad < 0) firstBad = i
    bad++
    parts.push(utf8.decode(bytes.subarray(run, i)), decodeWindows1252(bytes.subarray(i, i + 1)))
    i++
    run = i
  }
  parts.push(utf8.decode(bytes.subarray(run)))
  return { text: parts.join(''), firstBad, bad, multibyte }
}

/** Guess UTF-16 without a BOM from where the NUL bytes fall in the first few kilobytes. */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 8192) & ~1
  // Nearly every file has no NUL at all: a native search settles it without the loop.
  if (n < 4 || bytes.subarray(0, n).indexOf(0) < 0) return undefined
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++
    if (bytes[i + 1] === 0) oddZero++
  }
  const pairs = n / 2
  // Latin-script text in UTF-16 has a NUL in nearly every pair, always on the same side.
  if (oddZero >= pairs * 0.3 && evenZero <= pairs * 0.02) return 'utf-16le'
  if (evenZero >= pairs * 0.3 && oddZero <= pairs * 0.02) return 'utf-16be'
  return undefined
}

/** Bytes (or a string) to text, with encoding diagnostics on `file`. The BOM is not kept. */
export function decodeInput(input: Uint8Array | string, file: SourceFile): string {
  let text: string
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  } else {
    text = decodeBytes(input, file)
  }
  return repairSurrogates(text, file)
}

function decodeBytes(bytes: Uint8Array, file: SourceFile): string {
  const b0 = bytes[0]
  const b1 = bytes[1]
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return decodeDeclared('utf-8', bytes, file, 'UTF-8')
  if (b0 === 0xff && b1 === 0xfe) return decodeDeclared('utf-16le', bytes, file, 'UTF-16')
  if (b0 === 0xfe && b1 === 0xff) return decodeDeclared('utf-16be', bytes, file, 'UTF-16')
  const utf16 = guessUtf16(bytes)
  if (utf16) {
    file.message(
      'text-encoding-guessed',
      `No byte-order mark, but the NUL bytes show ${utf16 === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'}; read as such`,
      { line: 1, column: 1 },
      'text',
    )
    return decodeDeclared(utf16, bytes, file, 'UTF-16')
  }
  const utf8 = tryDecode('utf-8', bytes, true)
  if (utf8 !== undefined) return utf8.charCodeAt(0) === 0xfeff ? utf8.slice(1) : utf8
  const mixed = decodeMixed(bytes)
  const byte = `0x${(bytes[mixed.firstBad] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`
  // The bytes before the first bad one are valid UTF-8: count lines in them for the place.
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, mixed.firstBad))
  const place = pointAt(before, before.length, 'any')
  if (mixed.multibyte > 0) {
    file.message(
      'text-encoding-fallback',
      `Mostly UTF-8, but ${mixed.bad} byte${mixed.bad === 1 ? ' is' : 's are'} not (first: ${byte}); ${mixed.bad === 1 ? 'it was' : 'they were'} read as Windows-1252`,
      place,
      'text',
    )
    return mixed.text
  }
  file.message(
    'text-encoding-fallback',
    `Not valid UTF-8 (byte ${byte} at byte ${mixed.firstBad}); read as Windows-1252`,
    place,
    'text',
  )
  return decodeWindows1252(bytes)
}

/** Decode an encoding the file declares with a BOM; malformed sequences become U+FFFD, warned once. */
function decodeDeclared(label: string, bytes: Uint8Array, file: SourceFile, name: string): string {
  const strict = tryDecode(label, bytes, true)
  if (strict !== undefined) return strict
  const loose = new TextDecoder(label).decode(bytes)
  const index = loose.indexOf('\ufffd')
  const place = index >= 0 ? pointAt(loose, index, 'any') : { line: 1, column: 1 }
  file.message(
    'text-encoding-invalid',
    `The file is ${name} but holds malformed sequences; they were replaced with U+FFFD`,
    place,
    'text',
  )
  return loose
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

function repairSurrogates(text: string, file: SourceFile): string {
  const wellFormed = (text as unknown as { isWellFormed?: () => boolean }).isWellFormed
  if (wellFormed ? wellFormed.call(text) : !LONE_SURROGATE.test(text)) return text
  LONE_SURROGATE.lastIndex = 0
  let count = 0
  let first = -1
  const repaired = text.replace(LONE_SURROGATE, (_c, offset: number) => {
    if (first < 0) first = offset
    count++
    return '\ufffd'
  })
  file.message(
    'text-lone-surrogate',
    `${count} unpaired surrogate${count === 1 ? '' : 's'} replaced with U+FFFD`,
    pointAt(text, first, 'any'),
    'text',
  )
  return repaired
}

/**
 * Remove the characters a plain-text file should not pass on (the `text` set of `../source.ts`),
 * one warning for the whole file. Form and vertical tabs become spaces, because they separate
 * words ("end.\fNext") in old page-formatted files.
 */
export function removeForbidden(text: string, file: SourceFile): string {
  const found = scanForbidden(text, 'text', 'any')
  if (found.count === 0) return text
  const code = text.charCodeAt(found.first?.offset ?? 0)
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  file.message(
    'text-control-characters',
    `Removed ${found.count} control character${found.count === 1 ? '' : 's'} XML cannot hold (first: ${name})`,
    found.first,
    'text',
  )
  return strip(text, 'text', true)
}
