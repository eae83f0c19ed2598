/**
 * A `Measurer` on the book's embedded faces that agrees with what `draw.ts` draws: each word is
 * set alone and each U+0020 is the face's space glyph (no kerning across a space), widths summed
 * per face. Characters the book face lacks are measured (and later drawn) in the fallback face,
 * and those the fallback lacks in the CJK faces (`fonts.ts`), in that order (`cover`).
 *
 * Shaping a word through fontkit costs tens of microseconds, and a book's breaker measures each
 * word and every hyphenated piece of it ("plea", "plea-", "pleasure"). So plain words take a fast
 * path, after the fontkit measurer in `layout/measure-fontkit.ts`: per-character advances plus a
 * pair adjustment learnt once per character pair. A character or pair that shaping changes (a
 * ligature, a mark, a contextual form) sends the word down the full shaping path, so only text
 * the pair model reproduces takes the fast one; `draw.ts` encodes fast-path words from the same
 * tables, so what is drawn is exactly what was measured. A pair, and a word off the fast path,
 * is laid out from the face's OpenType tables where `layout-tables.ts` can prove that gives
 * what fontkit's shaping gives (nearly all of a book's, in the built-in faces), else shaped.
 *
 * White space follows the `Measurer` contract (`layout/types.ts`): a word space is one U+0020
 * advance, a fixed space (thin, hair, narrow no-break) its `fixedWidth`, and neither is
 * ever shaped with the letters around it. Small capitals have a pair model of their own, learnt
 * from shaping with the face's `smcp` feature (`metrics(face, 'smcp')`): shaping a whole word with
 * a feature costs as much as without, and every chapter opens with some. Capitals are measured
 * as the upper-cased text they are drawn as.
 */

import { upper } from './case.js'
import type { Face, FontSet, TextStyle } from './fonts.js'
import { cjkSqueeze } from './layout/cjk.js'
import { type FaceStyle, fixedSpaceEm, type Letterforms, type Measurer, spaceKind } from './layout/types.js'
import { LayoutTables } from './layout-tables.js'

/** A stretch of text set in one face. */
export interface Segment {
  text: string
  face: Face
}

/**
 * Which face sets a character: 0 unknown, 1 primary, 2 fallback, 3 neither, and from 4 the CJK
 * level: `CJK + k` is the k-th face set of `FontSet.cjk` (the preferred region first).
 */
type Coverage = number
/** The first CJK level of `Coverage`. */
export const CJK = 4

const common = /^[\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*$/
const commonChars = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i).concat(
  Array.from({ length: 0x100 - 0xa0 }, (_, i) => 0xa0 + i),
  [0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026],
)

/** Strings longer than this are measured but not cached (a pathological token would pin memory). */
const CACHE_MAX_LENGTH = 256
/** Cached slow-path widths per face before the cache starts again (a long book's vocabulary). */
const CACHE_LIMIT = 200_000

/**
 * Scripts whose characters may take the fast path: Latin, Greek, Cyrillic, general punctuation,
 * currency and letterlike symbols. Combining marks, invisible format characters and complex
 * scripts are always shaped (their glyphs depend on more than one neighbour).
 */
function modelled(c: number): boolean {
  if (c < 0x20) return false
  // White space other than U+0020 is measured apart (see the module comment), never as a glyph.
  if (c < 0x0300) return c !== 0xad && c !== 0xa0
  if (c < 0x0370) return false
  if (c < 0x0483) return true
  if (c < 0x048a) return false
  if (c < 0x0530) return true
  if (c >= 0x1e00 && c < 0x2000) return true
  if (c >= 0x2000 && c < 0x2070) return c > 0x200f && !(c >= 0x2028 && c <= 0x202f) && c < 0x205f
  return (c >= 0x20a0 && c < 0x20c0) || (c >= 0x2100 && c < 0x2150)
}

/**
 * The small capitals a model sets: the lower case's (`smcp`), or all letters' (`allSmallCaps`:
 * `c2sc` and `smcp`, the running heads').
 */
export type SmallCaps = 'smcp' | 'allSmallCaps'

/** The OpenType features each kind of small capitals is shaped with. */
const SMALL_CAPS_FEATURES: Record<SmallCaps, readonly string[]> = {
  smcp: ['smcp'],
  allSmallCaps: ['c2sc', 'smcp'],
}

/**
 * The pair model of one face (see the module comment), or of its small capitals (`smallCaps`:
 * everything shaped with their features, so a character's glyph is its small capital). Advances
 * and adjustments are at size 1, in points (font units times `face.scale`).
 */
export class FaceMetrics {
  /** Per BMP code unit: 0 not looked at, 1 one plain glyph, 2 needs shaping. */
  private readonly state = new Uint8Array(0x10000)
  readonly advance = new Float64Array(0x10000)
  readonly glyph = new Uint16Array(0x10000)
  /** The cmap's glyph of a code unit that takes the fast path (`glyph` before `smcp`). */
  private readonly cmap = new Uint16Array(0x10000)
  /**
   * a → b → adjustment of a's advance; NaN when shaping the pair changes glyphs. Pairs of two
   * Latin-1 code units are kept in `latin` instead. By code unit, not by `a * 0x10000 + b`: a key
   * past 2^30 is no small integer to V8, and each look-up made a heap number (a pair with a curly
   * quote or a dash, a million in a War and Peace PDF: 17 MB).
   */
  private readonly first = new Map<number, Map<number, number>>()
  /** Pair → adjustment of b's advance, only when non-zero (PairPos `value2`, rare). */
  private readonly second = new Map<number, number>()
  /** Words the pair model cannot set, as shaped (see `ShapedWord`). */
  private readonly shaped = new Map<string, ShapedWord>()
  private readonly fixed = new Map<number, { width: number; glyph: number }>()
  readonly space: number
  /** Whether the face has OpenType small capitals (`smcp`). */
  readonly smcp: boolean

  constructor(
    readonly face: Face,
    /** This is the model of the face's small capitals: everything is shaped with their features. */
    readonly smallCaps: SmallCaps | undefined = undefined,
  ) {
    this.space = this.simple(32) ? this.advance[32]! : this.shapedWidth(' ')
    this.smcp = face.font.availableFeatures.includes('smcp')
  }

  /** fontkit's shaping of text, with the small capitals' features on for their model. */
  shape(text: string): ReturnType<Face['font']['layout']> {
    // A fresh array each time: fontkit fills a features object it is given with its defaults.
    return this.smallCaps
      ? this.face.font.layout(text, [...SMALL_CAPS_FEATURES[this.smallCaps]])
      : this.face.font.layout(text)
  }

  /** The model words in `forms` are measured by: this one, or the face's small capitals. */
  private model(forms: Letterforms): FaceMetrics | undefined {
    return forms === 'smallCaps' && this.smcp && !this.smallCaps ? metrics(this.face, 'smcp') : undefined
  }

  /**
   * A fixed space (`spaceKind` 2) at size 1 and the glyph drawn for it: the face's own glyph;
   * for U+202F in a face without one, its THIN SPACE's width; else `fixedSpaceEm`. `glyph` is 0
   * when the face has no glyph of its own (the drawing uses the space glyph, shifted).
   */
  fixedSpace(c: number): { width: number; glyph: number } {
    let f = this.fixed.get(c)
    if (!f) {
      const font = this.face.font
      const own = font.glyphForCodePoint(c)
      const thin = c === 0x202f && own.id === 0 ? font.glyphForCodePoint(0x2009) : undefined
      const width =
        own.id !== 0
          ? own.advanceWidth * this.face.scale
          : thin && thin.id !== 0
            ? thin.advanceWidth * this.face.scale
            : fixedSpaceEm(c)
      f = { width, glyph: own.id }
      this.fixed.set(c, f)
    }
    return f
  }

  /**
   * Whether the code unit is drawn as one glyph of its own, unpositioned: its cmap glyph, or for
   * the small-capitals model whatever single glyph `smcp` makes of it.
   */
  simple(c: number): boolean {
    const s = this.state[c]
    if (s === 1) return true
    if (s === 2) return false
    return this.learnSimple(c)
  }

  /**
   * `simple` for a code unit not met before. Apart, so the hot test above is what the words'
   * loops (`fast`, inlined in `word`) take in: this reads the face's fontkit font, whose hidden
   * class differs from face to face, and each face first met there sent them back to the
   * interpreter.
   */
  private learnSimple(c: number): boolean {
    let ok = false
    if (modelled(c)) {
      const font = this.face.font
      const cmap = font.glyphForCodePoint(c).id
      // Laid out from the tables where they settle it, as the pairs are (`layoutSimple`): fontkit's
      // first shaping of a face decodes its lookups, some 15 ms a face, which a book whose every
      // pair the tables read needed for nothing else.
      const run = this.layoutSimple(String.fromCharCode(c), [cmap])
      const id = this.smallCaps && font.hasGlyphForCodePoint(c) ? run.glyphs[0]!.id : cmap
      const p = run.positions[0]
      ok = id !== 0 && run.glyphs.length === 1 && run.glyphs[0]!.id === id && !p!.xOffset && !p!.yOffset
      if (ok) {
        this.glyph[c] = id
        this.cmap[c] = cmap
        this.advance[c] = p!.xAdvance * this.face.scale
      }
    }
    this.state[c] = ok ? 1 : 2
    return ok
  }

  /**
   * `pair` for two Latin-1 code units (most of a book's pairs), by index: +Infinity where the pair
   * was not learnt yet (an adjustment is finite, or NaN). Made on the first such pair.
   */
  private latin: Float64Array | undefined

  /** Adjustment of a's advance when b follows (NaN: the pair must be shaped). */
  pair(a: number, b: number): number {
    if (a < 0x100 && b < 0x100) {
      const table = this.latin
      if (table !== undefined) {
        const known = table[(a << 8) | b]!
        if (known !== Number.POSITIVE_INFINITY) return known
      }
      return this.learnLatin(a, b)
    }
    let row = this.first.get(a)
    const k = row?.get(b)
    if (k !== undefined) return k
    const learnt = this.learn(a, b)
    if (row === undefined) {
      row = new Map()
      this.first.set(a, row)
    }
    row.set(b, learnt)
    return learnt
  }

  /**
   * The face's layout tables where they give what shaping gives (`layout-tables.ts`; with `smcp`
   * for the small capitals): null until first needed, undefined when the face cannot be read so.
   */
  private tables: LayoutTables | undefined | null = null

  /**
   * fontkit's layout of text whose code units all take the fast path alone (`simple`), or of the
   * one code unit `learnSimple` asks about with its cmap glyph in `ids`: from the face's tables
   * where they settle it, else shaped.
   */
  private layoutSimple(text: string, ids?: number[]): ReturnType<Face['font']['layout']> {
    const alone = ids !== undefined
    if (this.tables === null)
      this.tables = LayoutTables.of(
        this.face.font,
        this.smallCaps ? [...SMALL_CAPS_FEATURES[this.smallCaps]] : [],
      )
    if (this.tables) {
      if (ids === undefined) {
        ids = new Array<number>(text.length)
        for (let i = 0; i < text.length; i++) ids[i] = this.cmap[text.charCodeAt(i)]!
      }
      const run = this.tables.layout(text, ids)
      if (run) {
        if (alone) layoutStats.charactersRead++
        else layoutStats.read++
        return run as ReturnType<Face['font']['layout']>
      }
    }
    if (alone) layoutStats.charactersShaped++
    else layoutStats.shaped++
    return this.shape(text)
  }

  /**
   * `pair` for two Latin-1 code units not learnt yet, kept in `latin` (made here the first
   * time). Apart, as `learnSimple` is: what the words' loops take in stays the table look-up.
   */
  private learnLatin(a: number, b: number): number {
    let table = this.latin
    if (!table) {
      table = new Float64Array(0x10000).fill(Number.POSITIVE_INFINITY)
      this.latin = table
    }
    const k = this.learn(a, b)
    table[(a << 8) | b] = k
    return k
  }

  /** Learn the pair once: the adjustment of a's advance (NaN when shaping changes the glyphs). */
  private learn(a: number, b: number): number {
    const key = a * 0x10000 + b
    const run = this.layoutSimple(String.fromCharCode(a, b))
    let adjust = Number.NaN
    const [p, q] = run.positions
    if (
      run.glyphs.length === 2 &&
      run.glyphs[0]!.id === this.glyph[a] &&
      run.glyphs[1]!.id === this.glyph[b] &&
      !p!.xOffset &&
      !p!.yOffset &&
      !q!.xOffset &&
      !q!.yOffset
    ) {
      adjust = p!.xAdvance * this.face.scale - this.advance[a]!
      const late = q!.xAdvance * this.face.scale - this.advance[b]!
      if (late !== 0) this.second.set(key, late)
    }
    return adjust
  }

  /** Adjustment of b's own advance after a (only after `pair(a, b)` was finite). */
  late(a: number, b: number): number {
    return this.second.size === 0 ? 0 : (this.second.get(a * 0x10000 + b) ?? 0)
  }

  /** Width at size 1 of a space-free word by the pair model; NaN when it must be shaped. */
  fast(word: string): number {
    return this.sets(word) ? this.fastWidth[0]! : Number.NaN
  }

  /**
   * The width `sets` found last: a double returned is boxed where V8 does not inline the call, and
   * one stored in a field may be too; a typed array's element never is.
   */
  private readonly fastWidth = new Float64Array(1)

  /** Whether the pair model sets a space-free word; its width at size 1 in `fastWidth` then. */
  sets(word: string): boolean {
    let w = 0
    let prev = -1
    const latin = this.latin
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i)
      // A space ends a word: nothing kerns across it (see `width`).
      if (c === 32 || !this.simple(c)) return false
      w += this.advance[c]!
      if (prev >= 0) {
        // A Latin-1 pair already learnt is read here, in a branch of its own: through `pair`, or
        // in one variable with `pair`'s answer, the table's double became a value V8 boxes (a
        // heap number for each of a book's letter pairs: 14 MB in a War and Peace PDF).
        const known =
          prev < 0x100 && c < 0x100 && latin !== undefined
            ? latin[(prev << 8) | c]!
            : Number.POSITIVE_INFINITY
        if (known !== Number.POSITIVE_INFINITY) {
          if (Number.isNaN(known)) return false
          w += known + this.late(prev, c)
        } else {
          const k = this.pair(prev, c)
          if (Number.isNaN(k)) return false
          w += k + this.late(prev, c)
        }
      }
      prev = c
    }
    this.fastWidth[0] = w
    return true
  }

  /**
   * Width at size 1 of a space-free word: the pair model, or fontkit's shaping (cached); small
   * capitals shaped with `smcp` (as written when the face has none), capitals upper-cased.
   */
  word(word: string, forms?: Letterforms): number {
    if (forms !== undefined) {
      if (forms === 'capitals') return this.word(word.toUpperCase())
      const model = this.model(forms)
      if (model) return model.word(word)
    }
    const w = this.fast(word)
    return Number.isNaN(w) ? this.shapedWidth(word) : w
  }

  /** Glyphs drawn for a space-free word: one per character on the fast path, else as shaped. */
  glyphCount(word: string, forms?: Letterforms): number {
    if (forms !== undefined) {
      if (forms === 'capitals') return this.glyphCount(word.toUpperCase())
      const model = this.model(forms)
      if (model) return model.glyphCount(word)
    }
    if (this.sets(word)) return word.length
    return this.shapeWord(word).glyphs
  }

  private shapedWidth(word: string): number {
    return this.shapeWord(word).width
  }

  /**
   * A word as shaped, once for all of its figures: a justified paragraph asks for the width and
   * the glyph count (for letter-spacing) of each word it measures, and `draw.ts` encodes the
   * glyphs of the words it draws from the same shaping; shaping is what costs.
   */
  shapeWord(word: string): ShapedWord {
    let shaped = this.shaped.get(word)
    if (shaped === undefined) {
      let simple = true
      for (let i = 0; i < word.length && simple; i++) simple = this.simple(word.charCodeAt(i))
      const run = simple ? this.layoutSimple(word) : this.shape(word)
      // CJK punctuation in a row is set closer (`cjkSqueeze`): measured and drawn (`draw.ts`
      // draws these advances) alike.
      const squeeze = cjkSqueeze(this.face.font, word, run.glyphs)
      let squeezed = 0
      const n = run.glyphs.length
      const ids = new Array<number>(n)
      const advances = new Array<number>(n)
      const codePoints = new Array<number[]>(n)
      let firstOffset = -1
      for (let i = 0; i < n; i++) {
        const glyph = run.glyphs[i]!
        const position = run.positions[i]!
        ids[i] = glyph.id
        advances[i] = squeeze ? position.xAdvance + squeeze[i]! : position.xAdvance
        if (squeeze) squeezed += squeeze[i]!
        codePoints[i] = glyph.codePoints
        if (firstOffset < 0 && (position.xOffset || position.yOffset)) firstOffset = i
      }
      shaped = {
        width: (run.advanceWidth + squeezed) * this.face.scale,
        glyphs: n,
        ids,
        advances,
        codePoints,
        firstOffset,
      }
      if (word.length <= CACHE_MAX_LENGTH) {
        if (this.shaped.size >= CACHE_LIMIT) this.shaped.clear()
        this.shaped.set(word, shaped)
      }
    }
    return shaped
  }

  /**
   * Width at size 1 of text in this face: words set alone, each word space one U+0020 advance,
   * each fixed space its `fixedSpace` width.
   */
  width(text: string, forms?: Letterforms): number {
    let total = 0
    let start = 0
    for (let i = 0; i <= text.length; i++) {
      const kind = i === text.length ? 3 : spaceKind(text.charCodeAt(i))
      if (kind === 0) continue
      if (i > start) total += this.word(i - start === text.length ? text : text.slice(start, i), forms)
      if (kind === 1) total += this.space
      else if (kind === 2) total += this.fixedSpace(text.charCodeAt(i)).width
      start = i + 1
    }
    return total
  }

  /** Glyphs drawn for text in this face: a word space is one, a fixed space none. */
  glyphs(text: string, forms?: Letterforms): number {
    let total = 0
    let start = 0
    for (let i = 0; i <= text.length; i++) {
      const kind = i === text.length ? 3 : spaceKind(text.charCodeAt(i))
      if (kind === 0) continue
      if (i > start) total += this.glyphCount(i - start === text.length ? text : text.slice(start, i), forms)
      if (kind === 1) total++
      start = i + 1
    }
    return total
  }
}

/**
 * A word as fontkit shapes it in one face (with `smcp` for the small-capitals model): its width at
 * size 1, the glyphs drawn, and each glyph's id, advance (font units), code points, and the first
 * glyph fontkit offsets (a mark; -1 for none), which `draw.ts` encodes without shaping it again.
 */
export interface ShapedWord {
  width: number
  glyphs: number
  ids: number[]
  advances: number[]
  codePoints: number[][]
  firstOffset: number
}

/**
 * Pairs and words laid out in this process from the faces' tables (`read`) or by shaping
 * (`shaped`), past `simple`; and the characters `simple` laid out alone, each way: tests count
 * them.
 */
export const layoutStats = { read: 0, shaped: 0, charactersRead: 0, charactersShaped: 0 }

// Keyed by the parsed font, which is immutable and shared by every render of the process (the
// built-in faces are parsed once): what one book learnt, the next need not shape again.
const metricsOf = new WeakMap<Face['font'], FaceMetrics>()
const smallCapsOf: Record<SmallCaps, WeakMap<Face['font'], FaceMetrics>> = {
  smcp: new WeakMap(),
  allSmallCaps: new WeakMap(),
}

/**
 * The pair model of a face (or of its small capitals), made on first use and shared by
 * measuring and drawing.
 */
export function metrics(face: Face, smallCaps?: SmallCaps): FaceMetrics {
  const cache = smallCaps ? smallCapsOf[smallCaps] : metricsOf
  let m = cache.get(face.font)
  if (!m) {
    m = new FaceMetrics(face, smallCaps)
    cache.set(face.font, m)
  }
  return m
}

export class FontMeasurer implements Measurer {
  private readonly commonCovered = new Map<TextStyle, boolean>()
  private readonly coverage = new Map<string, Uint8Array>()
  /**
   * The primary faces' models, each made when its style is first measured: making one shapes a
   * space, which decodes the face's layout tables (some 7 ms a face), and a book that sets no
   * word in bold italic or in code never needs theirs. Every style is a field from the start (one
   * hidden class, whichever are made).
   */
  private readonly primary: Record<TextStyle, FaceMetrics | undefined> = {
    regular: undefined,
    italic: undefined,
    bold: undefined,
    boldItalic: undefined,
    mono: undefined,
  }

  constructor(
    readonly fonts: FontSet,
    /** The book's language: capitals are made by its case rules (Turkish i → İ). */
    readonly language?: string,
  ) {}

  /** The primary face's model for a style (`primary`). */
  private model(style: TextStyle): FaceMetrics {
    return this.primary[style] ?? this.makeModel(style)
  }

  /** Apart from `model`, so what the words' loops take in is the look-up alone. */
  private makeModel(style: TextStyle): FaceMetrics {
    const made = metrics(this.fonts.primary[style])
    this.primary[style] = made
    return made
  }

  width(text: string, style: FaceStyle, size: number, forms?: Letterforms): number {
    if (forms === 'capitals') return this.width(upper(text, this.language), style, size)
    if (forms === undefined) {
      // Most words: primary face, pair model, no spaces (the breaker measures words alone).
      const w = this.model(style).fast(text)
      if (!Number.isNaN(w)) return w * size
    }
    let total = 0
    for (const segment of this.segments(text, style))
      total += metrics(segment.face).width(segment.text, forms)
    return total * size
  }

  glyphCount(text: string, style: FaceStyle, forms?: Letterforms): number {
    if (forms === 'capitals') return this.glyphCount(upper(text, this.language), style)
    if (forms === undefined && this.model(style).sets(text)) return text.length
    let total = 0
    for (const segment of this.segments(text, style))
      total += metrics(segment.face).glyphs(segment.text, forms)
    return total
  }

  /**
   * Whether the face of this style has OpenType small capitals; without them the composer
   * synthesizes small capitals from capitals (`inline.ts`).
   */
  hasSmallCaps(style: FaceStyle): boolean {
    return this.model(style).smcp
  }

  hasGlyph(codePoint: number, style: FaceStyle): boolean {
    return this.cover(codePoint, style) !== 3
  }

  /**
   * Whether the code point is in the primary face (1), only the fallback (2), in none (3), or
   * first in the k-th CJK face set (`CJK + k`). Astral code points (CJK extension B and on) are
   * looked up each time, in a map.
   */
  cover(codePoint: number, style: TextStyle): Coverage {
    let table = this.coverage.get(style)
    if (!table) {
      table = new Uint8Array(0x10000)
      this.coverage.set(style, table)
    }
    if (codePoint < 0x10000 && table[codePoint]) return table[codePoint]!
    let value: Coverage = 3
    if (codePoint < 0x20 || this.fonts.primary[style].font.hasGlyphForCodePoint(codePoint)) value = 1
    else if (this.fonts.fallback[style].font.hasGlyphForCodePoint(codePoint)) value = 2
    else {
      const k = this.fonts.cjk.findIndex((set) => set[style].font.hasGlyphForCodePoint(codePoint))
      if (k >= 0) value = CJK + k
    }
    if (codePoint < 0x10000) table[codePoint] = value
    return value
  }

  /** The face a character of this style is set in (`cover`); the primary for one none has. */
  private faceFor(cover: Coverage, style: TextStyle): Face {
    if (cover === 2) return this.fonts.fallback[style]
    if (cover >= CJK) return this.fonts.cjk[cover - CJK]![style]
    return this.fonts.primary[style]
  }

  /** Split text into stretches by face: primary where it has the glyph, else the fallback, else CJK. */
  segments(text: string, style: FaceStyle): Segment[] {
    const s = style
    // Most text is in the range every book face covers: one stretch, no per-character lookups.
    if (common.test(text) && this.coversCommon(s)) return [{ text, face: this.fonts.primary[s] }]
    const out: Segment[] = []
    let current: Face | undefined
    let buffer = ''
    for (const char of text) {
      const cp = char.codePointAt(0)!
      // White space stays with the stretch it follows, so words are not cut into two text
      // objects (and it is measured apart from glyphs, whichever face has them).
      const face =
        current && cp <= 0xffff && spaceKind(cp) !== 0 ? current : this.faceFor(this.cover(cp, s), s)
      if (face !== current && buffer) {
        out.push({ text: buffer, face: current! })
        buffer = ''
      }
      current = face
      buffer += char
    }
    if (buffer) out.push({ text: buffer, face: current! })
    return out
  }

  private coversCommon(style: TextStyle): boolean {
    let covered = this.commonCovered.get(style)
    if (covered === undefined) {
      covered = commonChars.every((c) => this.cover(c, style) === 1)
      this.commonCovered.set(style, covered)
    }
    return covered
  }
}

/** Width at size 1 of text laid out in one face, as `draw.ts` draws it. */
export function faceWidth(face: Face, text: string, forms?: Letterforms): number {
  return metrics(face).width(text, forms)
}
