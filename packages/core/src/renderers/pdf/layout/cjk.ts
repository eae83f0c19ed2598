/**
 * Where Chinese, Japanese and Korean text may break. These scripts put no space between words, so
 * a line may end between two ideographs, kana or Hangul syllables (UAX #14's class ID, and H2/H3
 * for Hangul), but, by the kinsoku rules (JIS X 4051 §3.1.7; UAX #14 classes CL, CP, NS, EX, IS,
 * PO, IN, QU and OP, PR), never before closing punctuation, small kana, the prolonged sound mark,
 * iteration marks or a full stop, and never after an opening bracket or quotation mark. Text
 * outside these scripts breaks at spaces only, as before; a CJK character next to a Latin word
 * may break from it (UAX #14 LB31), so "Misaki美咲" can end a line after "Misaki".
 */

import { isIdeographic } from '../../../cjk.js'

/** Penalty of a break between two Hangul syllables: Korean is spaced, so spaces come first. */
export const HANGUL_BREAK_PENALTY = 50

/**
 * Letter stretch of Chinese and Japanese text in a justified paragraph, ems per glyph (against
 * 0.02 for Latin and Korean, whose spaces stretch): a line of such text has no spaces, and the
 * kinsoku rules may push one character (an em) to the next line, which the characters of a line
 * of ten or more then absorb at a badness of at most 100. Measured on Natsume Sōseki's opening
 * pages (test/pdf-cjk): 0.07 left two lines of a 120 pt measure short; 0.1 none, and from 200 pt
 * on no paragraph needs the emergency pass.
 */
export const CJK_LETTER_STRETCH = 0.1

/**
 * Shortest last line of a Chinese or Japanese paragraph, in ems: a character and its full stop
 * alone ("る。") read as a fault; three characters do not. (Latin text: `lastLineMinEm`.)
 */
export const CJK_LAST_LINE_MIN_EM = 3

/** Code units from which a text may hold a CJK character (Hangul Jamo, U+1100, is the first). */
const CJK_FROM = 0x1100

/** Languages written in CJK scripts, whose lines break between characters and are never hyphenated. */
const CJK_LANGUAGES = new Set([
  'ja',
  'jpn',
  'ko',
  'kor',
  'zh',
  'zho',
  'chi',
  'cmn',
  'yue',
  'wuu',
  'hak',
  'nan',
  'gan',
  'hsn',
  'lzh',
])

/**
 * Whether the language (a BCP 47 tag) is written in CJK scripts (`CJK_LANGUAGES`). Asked for
 * every paragraph broken, of the same few tags: the last answer is kept (its split made 9.5 MB of
 * garbage in a War and Peace PDF).
 */
export function breaksBetweenCharacters(language: string | undefined): boolean {
  if (language !== askedLanguage) {
    answered = CJK_LANGUAGES.has((language ?? '').toLowerCase().split(/[-_]/)[0] ?? '')
    askedLanguage = language
  }
  return answered
}
/** The tag last asked about (null: none yet, which no tag equals) and its answer. */
let askedLanguage: string | undefined | null = null
let answered = false

/**
 * A code unit in the CJK blocks (`takesBreaks`, `isIdeographic`, Hangul Jamo), or the lead
 * surrogate of a kana supplement or a supplementary ideograph: general punctuation (’ “ — …),
 * which most Latin text has, is not among them.
 */
export const MAY_BE_CJK =
  /[\u1100-\u11ff\u2e80-\ua4cf\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe10-\ufe4f\uff00-\uffef\ud82c\ud840-\ud8bf]/

/** Whether a run's text may have CJK break opportunities at all (one native test per run). */
export function mayHaveCjk(text: string): boolean {
  return MAY_BE_CJK.test(text)
}

/** Never at the start of a line (kinsoku: closing, small kana, marks that lean on what precedes). */
const NO_BREAK_BEFORE = new Set(
  Array.from(
    // Closing brackets and quotation marks, CJK and Latin.
    '」』）〉》】〕〗〙〛〞〟｝］｠｣)]}’”»›' +
      // Full stops, commas, colons, marks of exclamation and question (IS, EX, CL).
      '、。，．：；？！‼⁇⁈⁉｡､.,;:!?' +
      // Small kana, the prolonged sound mark, iteration marks, the middle dot, wave dashes (NS, CJ).
      'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｬｭｮｯｰﾞﾟ' +
      'ー々〻ゝゞヽヾ・･〜～゠' +
      // Leaders (IN: never split, never start a line) and signs after a number (PO).
      '…‥%‰°′″℃％￠' +
      // Hyphens, dashes that hang after a word, and the solidus (UAX #14 HY, BA, SY).
      '-‐–/',
  ).map((c) => c.codePointAt(0)!),
)

/** Never at the end of a line: opening brackets and quotation marks, signs before a number (PR). */
const NO_BREAK_AFTER = new Set(
  Array.from('「『（〈《【〔〖〘〚〝｛［｟｢([{‘“«‹$£¥€＄￡￥').map((c) => c.codePointAt(0)!),
)

/** A character next to which a CJK break may fall: an ideograph, CJK punctuation, a fullwidth form. */
function takesBreaks(c: number): boolean {
  return isIdeographic(c) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef)
}

function isHangul(c: number): boolean {
  return c >= 0xac00 && c <= 0xd7a3
}

/**
 * Where the opening word of `text` (from offset `from`) ends (UTF-16 offset): at the first white
 * space, or before the first Chinese or Japanese character (ideograph, kana, CJK punctuation,
 * fullwidth form), which is a word of its own: these scripts put no space between words, so "the
 * text up to a space" would be a whole clause or paragraph. Korean is spaced: a Hangul word is a
 * word.
 */
export function openingWordEnd(text: string, from = 0): number {
  let i = from
  while (i < text.length) {
    const c = text.codePointAt(i)!
    // ASCII's white space is all at or below U+0020: only other characters need the test.
    if (c <= 0x20 || (c >= 0x80 && /\s/u.test(String.fromCodePoint(c)))) break
    if (c >= CJK_FROM && takesBreaks(c) && !isHangul(c)) break
    i += c > 0xffff ? 2 : 1
  }
  return i
}

/** Marks, joiners and variation selectors: they belong to the character before them. */
function clings(c: number): boolean {
  return (
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x3099 && c <= 0x309a) ||
    (c >= 0x200c && c <= 0x200d) ||
    (c >= 0xfe00 && c <= 0xfe0f) ||
    (c >= 0xe0100 && c <= 0xe01ef) ||
    c === 0x2060 ||
    c === 0xfeff
  )
}

/**
 * Whether most of the text's characters (white space aside) are Chinese or Japanese: ideographs,
 * kana, CJK punctuation, fullwidth forms. Korean, written with spaces, counts as other text.
 */
export function mostlyCjk(text: string): boolean {
  let cjk = 0
  let other = 0
  for (const char of text) {
    const c = char.codePointAt(0)!
    if (c <= 0x20) continue
    if (takesBreaks(c) && !isHangul(c)) cjk++
    else other++
  }
  return cjk > other
}

/**
 * The penalty of a line break between the code points `a` and `b`, or -1 where there may be
 * none: at least one of them CJK (`takesBreaks`), neither a space, `b` not kept off a line's
 * start nor `a` off its end. ASCII quotation marks, which open and close alike, keep both sides.
 */
export function cjkBreakPenalty(a: number, b: number): number {
  if (!(takesBreaks(a) || takesBreaks(b))) return -1
  // IDEOGRAPHIC SPACE is a fixed space (`spaceKind`): a line may end after it, not before (UAX #14 BA).
  if (a <= 0x20 || b <= 0x20 || b === 0x3000) return -1
  if (NO_BREAK_BEFORE.has(b) || NO_BREAK_AFTER.has(a) || clings(b)) return -1
  if (a === 0x22 || a === 0x27 || b === 0x22 || b === 0x27) return -1
  return isHangul(a) && isHangul(b) ? HANGUL_BREAK_PENALTY : 0
}

/**
 * The break opportunities inside `text[from, to)` (a stretch without spaces): offsets (UTF-16,
 * into `text`) where a line may end, and the penalty of each. Undefined when there are none.
 */
export function cjkBreaks(
  text: string,
  from: number,
  to: number,
): { offsets: number[]; penalties: number[] } | undefined {
  let out: { offsets: number[]; penalties: number[] } | undefined
  let prev = -1
  for (let i = from; i < to; ) {
    const c = text.codePointAt(i)!
    const size = c > 0xffff ? 2 : 1
    if (prev >= 0 && (c >= CJK_FROM || prev >= CJK_FROM)) {
      const penalty = cjkBreakPenalty(prev, c)
      if (penalty >= 0) {
        out ??= { offsets: [], penalties: [] }
        out.offsets.push(i)
        out.penalties.push(penalty)
      }
    }
    prev = c
    i += size
  }
  return out
}

/**
 * JIS X 4051 / JLREQ punctuation classes: closing brackets (cl-02), commas and full stops
 * (cl-06, cl-07), opening brackets (cl-01). Each is drawn in a full em with blank space on the
 * side away from its neighbour; two in a row would leave a full em of blank between them.
 */
const CLOSING_PUNCTUATION = new Set(
  Array.from('」』）〉》】〕〗〙〛〞〟｝］｠、。，．').map((c) => c.codePointAt(0)!),
)
const OPENING_PUNCTUATION = new Set(Array.from('「『（〈《【〔〖〘〚〝｛［｟').map((c) => c.codePointAt(0)!))

/** Two CJK punctuation marks in a row (the test that lets most words skip `cjkSqueeze`). */
const PUNCTUATION_PAIR =
  /[」』）〉》】〕〗〙〛〞〟｝］｠、。，．「『（〈《【〔〖〘〚〝｛［｟][」』）〉》】〕〗〙〛〞〟｝］｠、。，．「『（〈《【〔〖〘〚〝｛［｟]/

/**
 * An opening bracket where a CJK line may break before it (`cjkBreaks`): `'pair'` after a closing
 * mark, comma or full stop (、「: set closer on one line, `cjkSqueeze`), `'start'` after other text;
 * undefined for anything else. Either way, a line it starts hangs its blank half before the
 * measure, so its ink meets the text block's edge (JIS X 4051's line-head bracket, 天付き).
 */
export function cjkOpening(before: number, c: number): 'pair' | 'start' | undefined {
  if (!OPENING_PUNCTUATION.has(c)) return undefined
  return CLOSING_PUNCTUATION.has(before) ? 'pair' : 'start'
}

/** What `cjkSqueeze` needs of a face: fontkit's shaping with features, its em. */
export interface SqueezeFace {
  unitsPerEm: number
  availableFeatures: string[]
  layout(
    text: string,
    features?: string[],
  ): { positions: ArrayLike<{ xAdvance: number; xOffset: number }>; glyphs: ArrayLike<unknown> }
}

/** A mark's blank half, measured once per face (font units): after it (`trail`), before it (`lead`). */
const blanks = new WeakMap<object, Map<number, { trail: number; lead: number }>>()

/**
 * The blank side of a punctuation mark in this face, read from its OpenType `halt` (alternate
 * half widths: Noto Serif CJK has it) against its full advance: a mark whose ink keeps to one
 * side gives `trail` (closing marks, commas and stops: the half after it is blank) or `lead`
 * (opening marks: `halt` moves the glyph left, the half before it is blank). A mark set centred
 * (the Taiwanese forms of 、。) has neither, and is never squeezed. Without `halt`, none.
 */
function blankOf(face: SqueezeFace, c: number): { trail: number; lead: number } {
  let map = blanks.get(face)
  if (!map) {
    map = new Map()
    blanks.set(face, map)
  }
  let found = map.get(c)
  if (!found) {
    found = { trail: 0, lead: 0 }
    if (face.availableFeatures.includes('halt')) {
      const text = String.fromCodePoint(c)
      const full = face.layout(text, [])
      const half = face.layout(text, ['halt'])
      if (full.glyphs.length === 1 && half.glyphs.length === 1) {
        const saved = full.positions[0]!.xAdvance - half.positions[0]!.xAdvance
        const shift = half.positions[0]!.xOffset - full.positions[0]!.xOffset
        // Up to half an em: `halt` halves a full-width mark.
        if (saved > 0 && saved <= face.unitsPerEm / 2 + 1) {
          if (shift === 0) found.trail = saved
          else if (Math.abs(shift + saved) <= 1) found.lead = saved
        }
      }
    }
    map.set(c, found)
  }
  return found
}

/**
 * JLREQ's consecutive punctuation (§3.1.4): a closing mark, comma or full stop followed by another
 * (」。 。」 」」 ）、) loses the blank half after it; an opening mark after another or after a
 * closing mark, comma or full stop (「『 、「 」「) loses the blank half before it, taken from the
 * first's advance (nothing collides: that half is blank). Returns each glyph's change of advance
 * in font units (negative), or undefined when there is none; `codePoints` gives each glyph's
 * characters as shaped. The measurer (`measure.ts`) and the drawing (`draw.ts`) both apply it to
 * a shaped word, so what is measured is what is drawn; the breaker, which measures the two sides
 * of a break opportunity (、|「) apart, takes the same half off the bracket's piece (`cjkOpening`).
 */
export function cjkSqueeze(
  face: SqueezeFace,
  word: string,
  codePoints: ArrayLike<{ codePoints: number[] }>,
): number[] | undefined {
  if (!PUNCTUATION_PAIR.test(word)) return undefined
  let out: number[] | undefined
  for (let i = 0; i + 1 < codePoints.length; i++) {
    const a = codePoints[i]!.codePoints
    const b = codePoints[i + 1]!.codePoints
    if (a.length !== 1 || b.length !== 1) continue
    const ca = a[0]!
    const cb = b[0]!
    let squeeze = 0
    if (CLOSING_PUNCTUATION.has(ca) && CLOSING_PUNCTUATION.has(cb)) squeeze = blankOf(face, ca).trail
    else if (OPENING_PUNCTUATION.has(cb) && (OPENING_PUNCTUATION.has(ca) || CLOSING_PUNCTUATION.has(ca)))
      squeeze = blankOf(face, cb).lead
    if (squeeze > 0) {
      out ??= new Array(codePoints.length).fill(0)
      out[i] = -squeeze
    }
  }
  return out
}
