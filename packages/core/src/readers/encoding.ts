/**
 * Which encoding a source file is in, and its text: the one decoder every reader uses. In order
 * of certainty: a byte-order mark; the encoding the caller names (`encoding:` in book.yaml,
 * `--encoding`, a chapter's `encoding`); the one the file declares (HTML `<meta charset>`, an XML
 * declaration), when its bytes fit it; UTF-16 recognised by where its zero bytes fall; strict
 * UTF-8; UTF-8 with a few stray bytes (a pasted curly quote); and otherwise a statistical guess
 * among the legacy encodings (KOI8-R, Windows-125x, ISO-8859-x, Shift_JIS, EUC-JP, GB18030, Big5,
 * EUC-KR…) by chardet, a pure-JavaScript port of ICU's detector, so the browser build can use it
 * (`#platform` holds it: Node loads it only for a file that gets that far, not for every build).
 * Decoding is the platform's WHATWG `TextDecoder`. The result says how the encoding was chosen
 * and how sure that is, so each reader reports it with its own codes; nothing here prints.
 */
import { analyseLegacyEncoding } from '#platform'
import type { Code } from '../diagnostics/codes.js'
import type { SourceFile } from '../diagnostics/file.js'
import type { Point } from '../model/types.js'
import { decodeWindows1252, pointAt, wellFormed } from './source.js'

/** How the encoding was chosen, most certain first. */
export type EncodingSource =
  | 'string'
  | 'bom'
  | 'option'
  | 'declared'
  | 'utf16-pattern'
  | 'utf-8'
  | 'mostly-utf-8'
  | 'detected'
  | 'fallback'

export interface DecodeOptions {
  /** An encoding name the caller gives (any WHATWG label); it wins over everything but a BOM. */
  encoding?: string
  /** Find the encoding a file declares in its first bytes (HTML and XHTML: `declaredCharset`). */
  declared?: (bytes: Uint8Array) => string | undefined
}

/** Something the reader should tell the author about the decoding; it picks the code. */
export interface EncodingNote {
  /**
   * `detected`: a confident guess (info). `uncertain`: a guess that may be wrong (warning).
   * `fallback`: bytes that fit no encoding well were read as Windows-1252 (warning).
   * `invalid`: the bytes do not fit the chosen encoding; U+FFFD replaced them (warning).
   * `ignored`: a declared or given encoding was not used (warning).
   */
  kind: 'detected' | 'uncertain' | 'fallback' | 'invalid' | 'ignored'
  message: string
  place: Point
}

export interface DecodeResult {
  text: string
  /** The WHATWG name of the encoding used (`utf-8`, `koi8-r`, `shift_jis`…); `''` for a string. */
  encoding: string
  source: EncodingSource
  notes: EncodingNote[]
  /**
   * The text has no unpaired surrogate: always so when decoded from bytes (a WHATWG decoder
   * replaces what it cannot pair with U+FFFD); a string given as it is was checked.
   */
  wellFormed: boolean
}

const START: Point = { line: 1, column: 1, offset: 0 }

/** Spellings authors use that the WHATWG label list lacks, mapped to one it has. */
const ALIASES: Record<string, string> = {
  cp932: 'shift_jis',
  'windows-932': 'shift_jis',
  cp936: 'gbk',
  'windows-936': 'gbk',
  cp949: 'euc-kr',
  cp950: 'big5',
  'windows-950': 'big5',
  utf16: 'utf-16le',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  latin2: 'iso-8859-2',
  'latin-2': 'iso-8859-2',
  'latin-1': 'windows-1252',
  cp437: 'ibm866',
}

/**
 * The WHATWG name of an encoding label (`CP1251` → `windows-1251`, `sjis` → `shift_jis`), or
 * `undefined` when the platform cannot decode it. The "replacement" labels (ISO-2022-KR,
 * HZ-GB-2312), which decode every file to one U+FFFD, count as unknown.
 */
export function canonicalEncoding(label: string): string | undefined {
  const trimmed = label.trim().toLowerCase()
  if (trimmed === '' || trimmed === 'replacement') return undefined
  const name = ALIASES[trimmed] ?? ALIASES[trimmed.replace(/_/g, '-')] ?? trimmed
  try {
    return new TextDecoder(name).encoding
  } catch {
    return undefined
  }
}

/** Decoders made so far, by encoding and fatality (`null`: the platform has none). */
const decoders = new Map<string, InstanceType<typeof TextDecoder> | null>()

/**
 * Decode with a WHATWG encoding; `undefined` when the platform has no such encoding, or when
 * `fatal` and the bytes are malformed. Decoders are made once each: a reader decoding many short
 * runs (an RTF's `\'hh` escapes) does not make one a run.
 */
export function tryDecode(encoding: string, bytes: Uint8Array, fatal = false): string | undefined {
  // Some Node 20 releases decode `windows-1252` as ISO-8859-1, turning curly quotes into C1 controls.
  if (encoding === 'windows-1252') return decodeWindows1252(bytes)
  const key = `${encoding}${fatal ? ':fatal' : ''}`
  let decoder = decoders.get(key)
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(encoding, { fatal })
    } catch {
      decoder = null
    }
    decoders.set(key, decoder)
  }
  if (!decoder) return undefined
  try {
    return decoder.decode(bytes)
  } catch {
    return undefined
  }
}

/** Decode, replacing malformed sequences with U+FFFD, and note where the first one was. */
function decodeWith(encoding: string, bytes: Uint8Array, what: string, notes: EncodingNote[]): string {
  const strict = tryDecode(encoding, bytes, true)
  if (strict !== undefined) return strict
  const loose = tryDecode(encoding, bytes, false) ?? ''
  const index = loose.indexOf('\ufffd')
  notes.push({
    kind: 'invalid',
    message: `${what}, but holds byte sequences that are not ${displayName(encoding)}; they were replaced with U+FFFD`,
    place: index >= 0 ? pointAt(loose, index, 'any') : START,
  })
  return loose
}

/** The name an author knows an encoding by. */
export function displayName(encoding: string): string {
  const names: Record<string, string> = {
    'utf-8': 'UTF-8',
    'utf-16le': 'UTF-16 LE',
    'utf-16be': 'UTF-16 BE',
    shift_jis: 'Shift_JIS',
    'euc-jp': 'EUC-JP',
    'euc-kr': 'EUC-KR',
    gbk: 'GBK',
    gb18030: 'GB18030',
    big5: 'Big5',
    'koi8-r': 'KOI8-R',
    'koi8-u': 'KOI8-U',
    'iso-2022-jp': 'ISO-2022-JP',
  }
  return names[encoding] ?? encoding.replace(/^windows-/, 'Windows-').replace(/^iso-/, 'ISO-')
}

/**
 * Decode a source file. A string is taken as already decoded (its BOM dropped). Never throws:
 * an unknown `encoding` is noted and the file is detected instead (callers check names first
 * with `canonicalEncoding` and report them as errors where the name was written).
 */
export function decodeSource(input: Uint8Array | string, options: DecodeOptions = {}): DecodeResult {
  if (typeof input === 'string') {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
    return { text, encoding: '', source: 'string', notes: [], wellFormed: wellFormed(text) }
  }
  const bytes = input
  const notes: EncodingNote[] = []
  const done = (text: string, encoding: string, source: EncodingSource): DecodeResult => ({
    text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    encoding,
    source,
    notes,
    wellFormed: true,
  })

  const bom = bomOf(bytes)
  const given = options.encoding === undefined ? undefined : canonicalEncoding(options.encoding)
  if (options.encoding !== undefined && given === undefined) {
    notes.push({
      kind: 'ignored',
      message: `"${options.encoding}" is not an encoding Octavo knows; the encoding was detected instead`,
      place: START,
    })
  }
  if (bom) {
    if (given && given !== bom) {
      notes.push({
        kind: 'ignored',
        message: `The file starts with a ${displayName(bom)} byte-order mark, which wins over the encoding "${options.encoding}" given for it`,
        place: START,
      })
    }
    const body = bytes.subarray(bom === 'utf-8' ? 3 : 2)
    return done(decodeWith(bom, body, `The file is ${displayName(bom)}`, notes), bom, 'bom')
  }
  if (given) {
    const what = `The file was read as ${displayName(given)}, as given`
    return done(decodeWith(given, bytes, what, notes), given, 'option')
  }

  const declaredLabel = options.declared?.(bytes)
  if (declaredLabel !== undefined) {
    let declared = canonicalEncoding(declaredLabel)
    // A page without a BOM cannot be UTF-16 if its declaration was readable as ASCII (WHATWG).
    if (declared === 'utf-16le' || declared === 'utf-16be') declared = 'utf-8'
    if (declared === undefined) {
      notes.push({
        kind: 'ignored',
        message: `The file declares the charset "${declaredLabel}", which Octavo does not know; the encoding was detected instead`,
        place: START,
      })
    } else {
      const strict = tryDecode(declared, bytes, true)
      if (strict !== undefined) return done(strict, declared, 'declared')
      notes.push({
        kind: 'ignored',
        message: `The file declares ${displayName(declared)}, but its bytes are not ${displayName(declared)}; the encoding was detected instead`,
        place: START,
      })
    }
  }
  return done(...detect(bytes, notes))
}

function bomOf(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return undefined
}

/** The legacy encodings of two or more bytes a character, whose rules chance rarely follows. */
const MULTIBYTE = new Set(['shift_jis', 'euc-jp', 'euc-kr', 'gbk', 'gb18030', 'big5', 'iso-2022-jp'])

/** How many bytes the detector looks at: enough for any statistic, bounded for a 500 MB file. */
const SAMPLE = 64 * 1024

/** chardet's confidence (0–100) from which a guess is reported as info rather than a warning. */
const CONFIDENT = 50

function detect(bytes: Uint8Array, notes: EncodingNote[]): [string, string, EncodingSource] {
  const utf8 = tryDecode('utf-8', bytes, true)
  const utf16 = guessUtf16(bytes, utf8 !== undefined)
  if (utf16) {
    notes.push({
      kind: 'detected',
      message: `No byte-order mark, but the NUL bytes show ${displayName(utf16)}; read as such`,
      place: START,
    })
    return [
      decodeWith(utf16, bytes, `The file looks like ${displayName(utf16)}`, notes),
      utf16,
      'utf16-pattern',
    ]
  }
  // Cyrillic in UTF-16 is all bytes below 0x80, so valid UTF-8, but a fifth or more of them
  // control characters (the 0x04 of every pair), which no UTF-8 text is made of.
  const controls =
    utf8 === undefined ? 0 : (utf8.slice(0, 4096).match(/[\x01-\x08\x0b\x0c\x0e-\x1f]/g)?.length ?? 0)
  const paired =
    utf8 === undefined || controls * 5 >= Math.min(utf8.length, 4096)
      ? guessUtf16WithoutZeros(bytes)
      : undefined
  if (!paired && utf8 !== undefined) return [utf8, 'utf-8', 'utf-8']
  if (paired) {
    notes.push({
      kind: 'detected',
      message: `No byte-order mark and no zero byte, but the byte pairs read as ${paired.script} text in ${displayName(paired.encoding)}; read as such`,
      place: START,
    })
    return [
      decodeWith(paired.encoding, bytes, `The file looks like ${displayName(paired.encoding)}`, notes),
      paired.encoding,
      'utf16-pattern',
    ]
  }

  const mixed = scanMixed(bytes)
  const guess = guessLegacy(bytes)
  // A UTF-8 file with a stray byte or two keeps its UTF-8. Text in a legacy encoding forms a
  // valid UTF-8 sequence only now and then, among many invalid bytes; and a confident guess of
  // a multi-byte encoding whose rules every byte follows (GB18030, Shift_JIS) beats chance.
  const cjk = guess?.confident && MULTIBYTE.has(guess.encoding)
  if (!cjk && mixed.multibyte > 0 && mixed.bad <= mixed.multibyte * 10) {
    const byte = hex(bytes[mixed.firstBad] ?? 0)
    notes.push({
      kind: 'fallback',
      message: `Mostly UTF-8, but ${mixed.bad} byte${mixed.bad === 1 ? ' is' : 's are'} not (first: ${byte}); ${mixed.bad === 1 ? 'it was' : 'they were'} read as Windows-1252`,
      place: placeOfByte(bytes, mixed.firstBad),
    })
    return [decodeMixed(bytes), 'utf-8', 'mostly-utf-8']
  }

  if (guess && guess.encoding !== 'windows-1252') {
    const how = guess.confident ? 'detected' : 'uncertain'
    const advice = guess.confident
      ? ''
      : '; if the text looks wrong, give its encoding (`encoding:` in book.yaml or --encoding)'
    notes.push({
      kind: how,
      message: `Not UTF-8; ${guess.confident ? 'detected' : 'guessed'} ${displayName(guess.encoding)}${advice}`,
      place: START,
    })
    return [guess.text, guess.encoding, 'detected']
  }
  notes.push({
    kind: 'fallback',
    message: `Not valid UTF-8 (byte ${hex(bytes[mixed.firstBad] ?? 0)} at byte ${mixed.firstBad}); read as Windows-1252`,
    place: placeOfByte(bytes, mixed.firstBad),
  })
  return [decodeWindows1252(bytes), 'windows-1252', 'fallback']
}

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`

/** The line and column of a byte offset, the bytes before it being valid UTF-8. */
function placeOfByte(bytes: Uint8Array, index: number): Point {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, Math.max(0, index)))
  return pointAt(before, before.length, 'any')
}

/**
 * An ISO-8859 encoding and the Windows code page with the same letters, which detectors confuse:
 * Greek Ά is 0xB6 in one and 0xA2 in the other, Czech š 0xB9 and 0x9A.
 */
const SIBLINGS: Record<string, string> = {
  'iso-8859-2': 'windows-1250',
  'windows-1250': 'iso-8859-2',
  'iso-8859-7': 'windows-1253',
  'windows-1253': 'iso-8859-7',
  'iso-8859-8': 'windows-1255',
  'windows-1255': 'iso-8859-8',
  'iso-8859-9': 'windows-1254',
  'windows-1254': 'iso-8859-9',
  'iso-8859-6': 'windows-1256',
  'windows-1256': 'iso-8859-6',
}

/** Letters count for a decoding, controls and unassigned code points against it. */
function plausibility(text: string): number {
  let score = 0
  for (const match of text.matchAll(/[\p{L}\p{M}]|([\p{Cc}\p{Cn}\p{Co}\uFFFD])/gu)) {
    if (match[1] === undefined) score++
    else if (!/[\t\n\r]/.test(match[1])) score -= 8
  }
  return score
}

interface Guess {
  text: string
  encoding: string
  confident: boolean
}

/** The legacy encoding the detector finds likeliest that decodes the bytes, if any. */
function guessLegacy(bytes: Uint8Array): Guess | undefined {
  const sample = bytes.subarray(0, SAMPLE)
  let matches: Array<{ name: string; confidence: number }>
  try {
    matches = analyseLegacyEncoding(sample)
  } catch {
    return undefined
  }
  // The bytes statistics can use: ASCII says nothing about which code page the rest is in.
  let evidence = 0
  for (const byte of sample) if (byte >= 0x80) evidence++
  const candidates = matches
    .map((m) => ({ encoding: canonicalEncoding(m.name), confidence: m.confidence }))
    // UTF-8 and UTF-16 were ruled out above; UTF-32 and ISO-2022-KR/CN cannot be decoded here.
    .filter(
      (m): m is { encoding: string; confidence: number } =>
        m.encoding !== undefined && m.encoding !== 'utf-8' && !m.encoding.startsWith('utf-16'),
    )
  for (const [index, match] of candidates.entries()) {
    const encoding = match.encoding
    let chosen = encoding
    const sibling = SIBLINGS[encoding]
    if (sibling) {
      const here = tryDecode(encoding, sample, false) ?? ''
      const there = tryDecode(sibling, sample, false) ?? ''
      if (plausibility(there) > plausibility(here)) chosen = sibling
    }
    const text = tryDecode(chosen, bytes, true)
    // A multi-byte guess the bytes break is wrong; try the next one.
    if (text === undefined) continue
    const confident = MULTIBYTE.has(chosen)
      ? match.confidence >= CONFIDENT && evidence >= 16
      : evidence >= 40 &&
        (match.confidence >= CONFIDENT || match.confidence >= 2 * runnerUp(candidates, index))
    // A few accented letters in Latin text are too little to tell Czech from French: unless
    // another Latin code page reads them better, they are the commonest one, Windows-1252.
    if (!confident && LATIN.has(chosen)) {
      const unlikely = count(UNLIKELY_1252, decodeWindows1252(sample))
      if (unlikely <= count(C1, tryDecode(chosen, sample, false) ?? ''))
        return { text: decodeWindows1252(bytes), encoding: 'windows-1252', confident: false }
    }
    return { text, encoding: chosen, confident }
  }
  return undefined
}

/** The confidence of the best candidate after `index` that is neither it nor its sibling. */
function runnerUp(candidates: Array<{ encoding: string; confidence: number }>, index: number): number {
  const chosen = candidates[index]!.encoding
  const other = candidates.find(
    (c, i) => i !== index && c.encoding !== chosen && c.encoding !== SIBLINGS[chosen],
  )
  return other?.confidence ?? 0
}

/**
 * What Latin text in another code page turns into when read as Windows-1252 (Turkish ı ş ğ as
 * ý þ ð, Polish ł ą as ³ ±, Czech š as ¹) and Western European text itself almost never holds.
 */
const UNLIKELY_1252 =
  /[\x80-\x9f\u00a4-\u00a6\u00a8\u00aa\u00b1-\u00b3\u00b5\u00b6\u00b8-\u00ba\u00bc-\u00be\u00d0\u00dd\u00de\u00f0\u00fd\u00fe]/g

/** C1 controls: bytes a code page leaves undefined. */
const C1 = /[\x80-\x9f]/g

function count(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0
  let n = 0
  while (pattern.exec(text)) n++
  return n
}

/** Single-byte code pages of Latin-script languages other than Windows-1252's own. */
const LATIN = new Set([
  'windows-1250',
  'iso-8859-2',
  'windows-1254',
  'iso-8859-9',
  'windows-1257',
  'iso-8859-13',
  'iso-8859-3',
  'iso-8859-4',
  'iso-8859-10',
  'iso-8859-14',
  'iso-8859-15',
  'iso-8859-16',
  'windows-1258',
])

/**
 * Guess UTF-16 without a BOM. Text files in 8-bit encodings hold no zero bytes at all, while
 * UTF-16 text has them in the high half of every Latin letter, space, digit and line end, and
 * in the low half of a few CJK characters (U+4E00 一, U+3000). So: zero bytes, mostly on one side
 * of the pairs, and a decoding on that side without control or unassigned characters (and, for
 * bytes that are also valid UTF-8, more than a stray NUL or two). Russian
 * (spaces and line ends only) and Japanese (line ends only) qualify as well as Latin text.
 */
function guessUtf16(bytes: Uint8Array, validUtf8: boolean): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 8192) & ~1
  // Nearly every file has no NUL at all: a native search settles it without the loop.
  if (n < 4 || bytes.subarray(0, n).indexOf(0) < 0) return undefined
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++
    if (bytes[i + 1] === 0) oddZero++
  }
  // A valid UTF-8 file with a stray NUL or two is UTF-8 with control characters, not UTF-16.
  if (validUtf8 && evenZero + oddZero < Math.max(4, n / 50)) return undefined
  const candidates: Array<'utf-16le' | 'utf-16be'> = []
  if (oddZero > evenZero) candidates.push('utf-16le', 'utf-16be')
  else candidates.push('utf-16be', 'utf-16le')
  let best: { encoding: 'utf-16le' | 'utf-16be'; bad: number } | undefined
  for (const encoding of candidates) {
    const text = tryDecode(encoding, bytes.subarray(0, n), false)
    if (text === undefined) continue
    let bad = 0
    // A lone surrogate at the cut is the sample's end, not the file's fault.
    for (const _ of text
      .slice(0, -1)
      .matchAll(/[^\P{C}\t\n\r\f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]|\ufffd/gu))
      bad++
    if (!best || bad < best.bad) best = { encoding, bad }
  }
  // Control and unassigned characters are rare in real text and frequent in a wrong decoding.
  if (best && best.bad <= Math.max(1, n / 2 / 100)) return best.encoding
  return undefined
}

/**
 * Scripts whose UTF-16 code units put a byte from 0x01–0x1F in one half of every pair: a control
 * character in any 8-bit encoding, which no legacy text is made of. So a file of such letters
 * that reads cleanly as UTF-16 is UTF-16, even with no space or line end to give a zero byte.
 */
const ALPHABETS: Array<[string, RegExp]> = [
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Bengali', /\p{Script=Bengali}/u],
  ['Tamil', /\p{Script=Tamil}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Georgian', /\p{Script=Georgian}/u],
]

/** Japanese kana and CJK punctuation (U+3000–30FF, U+FF00–FFEF): a legacy file's bytes make them only by chance. */
const CJK_MARKS = /[\u3000-\u30ff\uff00-\uffef]/gu
const HAN_OR_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fc\uff00-\uffef]/u

/**
 * UTF-16 with no BOM and no zero byte at all: one line of Russian or Japanese with no space or
 * line end in it. Every character of the decoding on one side must be a letter of one script
 * (or punctuation and digits), with nothing unassigned, private or broken: for the alphabets
 * above that is proof enough (see `ALPHABETS`); for Chinese and Japanese, which a Shift_JIS or
 * GBK file can imitate as a run of Han characters, kana or CJK punctuation must make up a tenth
 * of the text, which legacy bytes produce only through runs of the digit 0.
 */
function guessUtf16WithoutZeros(
  bytes: Uint8Array,
): { encoding: 'utf-16le' | 'utf-16be'; script: string } | undefined {
  const n = Math.min(bytes.length, 8192) & ~1
  if (n < 4 || bytes.length % 2 !== 0 || bytes.subarray(0, n).indexOf(0) >= 0) return undefined
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    const text = tryDecode(encoding, bytes.subarray(0, n), bytes.length <= n)
    if (text === undefined) continue
    const chars = [...(bytes.length > n ? text.slice(0, -1) : text)]
    if (chars.some((c) => /[\p{C}\ufffd]/u.test(c) && !/[\t\n\r]/.test(c))) continue
    const letters = chars.filter((c) => /\p{L}/u.test(c))
    if (letters.length < 2) continue
    const rest = (c: string) => /[\p{P}\p{N}\p{Zs}\p{M}\t\n\r]/u.test(c)
    for (const [script, pattern] of ALPHABETS) {
      if (letters.every((c) => pattern.test(c)) && chars.every((c) => pattern.test(c) || rest(c)))
        return { encoding, script }
    }
    if (chars.every((c) => HAN_OR_KANA.test(c) || rest(c))) {
      const marks = text.match(CJK_MARKS)?.length ?? 0
      if (marks >= 2 && marks * 10 >= chars.length) return { encoding, script: 'Chinese or Japanese' }
    }
  }
  return undefined
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
  /** Index of the first byte that is not UTF-8. */
  firstBad: number
  /** How many bytes were not UTF-8. */
  bad: number
  /** How many well-formed multi-byte UTF-8 sequences there were. */
  multibyte: number
}

/** Count what in `bytes` is UTF-8 and what is not, without building any text. */
function scanMixed(bytes: Uint8Array): Mixed {
  let firstBad = -1
  let bad = 0
  let multibyte = 0
  for (let i = 0; i < bytes.length; ) {
    const length = bytes[i]! < 0x80 ? 1 : utf8Sequence(bytes, i)
    if (length > 1) multibyte++
    if (length > 0) {
      i += length
      continue
    }
    if (firstBad < 0) firstBad = i
    bad++
    i++
  }
  return { firstBad, bad, multibyte }
}

/**
 * UTF-8 where it is well formed, Windows-1252 for each byte where it is not: a UTF-8 file with
 * one pasted-in curly quote keeps its "Zoë" instead of turning it into "ZoÃ«". Only called for
 * a file that is mostly UTF-8, so the pieces stay few.
 */
function decodeMixed(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8')
  const parts: string[] = []
  let run = 0
  for (let i = 0; i < bytes.length; ) {
    const length = bytes[i]! < 0x80 ? 1 : utf8Sequence(bytes, i)
    if (length > 0) {
      i += length
      continue
    }
    parts.push(utf8.decode(bytes.subarray(run, i)), decodeWindows1252(bytes.subarray(i, i + 1)))
    i++
    run = i
  }
  parts.push(utf8.decode(bytes.subarray(run)))
  return parts.join('')
}

/**
 * The encoding an HTML or XHTML file declares in its first 1024 bytes: a BOM-less XML
 * declaration's `encoding`, `<meta charset>`, or `<meta http-equiv="Content-Type"
 * content="…; charset=…">`, as the WHATWG prescan finds them (without its every corner).
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  let head = ''
  const end = Math.min(bytes.length, 1024)
  for (let i = 0; i < end; i++) head += String.fromCharCode(bytes[i]!)
  const xml = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)
  if (xml) return xml[1]
  const withoutComments = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '')
  for (const meta of withoutComments.matchAll(/<meta\b[^>]*>?/gi)) {
    const tag = meta[0]
    const charset = /\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i.exec(tag)
    if (!charset) continue
    // `charset=` inside `content=` counts only with http-equiv="Content-Type".
    const direct = /(?:^|[\s"'])charset\s*=/i.test(
      tag.replace(/\bcontent\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)/gi, ''),
    )
    if (direct || /\bhttp-equiv\s*=\s*["']?\s*content-type/i.test(tag)) return charset[1]
  }
  return undefined
}

/** Report a decoding's notes on `file`, with the reader's code for each kind of note. */
export function reportEncoding(
  result: DecodeResult,
  file: SourceFile,
  codes: Record<EncodingNote['kind'], Code>,
  source: string,
): void {
  for (const note of result.notes) file.message(codes[note.kind], note.message, note.place, source)
}
