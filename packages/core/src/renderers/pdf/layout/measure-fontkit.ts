/**
 * A `Measurer` on fontkit, for tests and benchmarks of the line breaker without pdfkit. Widths
 * are what pdfkit draws: fontkit's `layout` with the font's default features (kerning and
 * standard ligatures included, as pdfkit calls it), advances summed and scaled to the size.
 * Shaping a word through fontkit costs ~50 µs, so plain text takes a fast path that gives the
 * same sum: per-character advances plus a pair adjustment learnt from shaping each character
 * pair once; any pair that shaping changes (a ligature, a composed accent) sends the string down
 * the slow path. Widths are cached per face in font units, so every size shares them; glyph
 * counts (for letter-spacing) come from the same test: the fast path draws one glyph per
 * character, anything else is counted as shaped. Small capitals are shaped with the face's
 * `smcp` feature (never the fast path); capitals are measured upper-cased; white space follows
 * the `Measurer` contract (word spaces are U+0020 wide, fixed spaces their `fixedSpaceWidth`).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { type FaceStyle, fixedSpaceEm, type Letterforms, type Measurer, spaceKind } from './types.js'

/** The part of fontkit's API used here (fontkit ships no types). */
interface FontkitGlyph {
  id: number
}
interface FontkitFont {
  unitsPerEm: number
  availableFeatures: string[]
  layout(text: string, features?: string[]): { glyphs: FontkitGlyph[]; positions: { xAdvance: number }[] }
  glyphForCodePoint(codePoint: number): FontkitGlyph & { advanceWidth: number }
  hasGlyphForCodePoint(codePoint: number): boolean
}
interface Fontkit {
  create(buffer: Uint8Array): FontkitFont
}

const require = createRequire(import.meta.url)

/** Strings longer than this are measured but not cached (a pathological token would pin memory). */
const CACHE_MAX_LENGTH = 256

class Face {
  private readonly widths = new Map<string, number>()
  private readonly glyphs = new Map<string, number>()
  /** Advance of a BMP character in font units, NaN when shaping changes it on its own. */
  private readonly advances = new Map<number, number>()
  /** Pair adjustment (a << 16 | b), NaN when shaping substitutes. */
  private readonly pairs = new Map<number, number>()

  private readonly smallCapsWidths = new Map<string, number>()
  private readonly smallCapsGlyphs = new Map<string, number>()

  /** fontkit's `unitsPerEm` is a getter that re-reads the head table: keep it. */
  readonly unitsPerEm: number
  /** Whether the face has OpenType small capitals. */
  readonly smcp: boolean

  constructor(readonly font: FontkitFont) {
    this.unitsPerEm = font.unitsPerEm
    this.smcp = font.availableFeatures.includes('smcp')
  }

  /** Width in font units. */
  units(text: string, forms?: Letterforms): number {
    if (forms === 'capitals') text = text.toUpperCase()
    else if (forms === 'smallCaps' && this.smcp) return this.pieces(text, true, false)
    let w = this.widths.get(text)
    if (w !== undefined) return w
    w = this.fast(text)
    if (Number.isNaN(w)) w = this.pieces(text, false, false)
    if (text.length <= CACHE_MAX_LENGTH) this.widths.set(text, w)
    return w
  }

  /** Glyphs drawn for `text`: one per UTF-16 unit where the fast path holds, else as shaped. */
  glyphCount(text: string, forms?: Letterforms): number {
    if (forms === 'capitals') text = text.toUpperCase()
    else if (forms === 'smallCaps' && this.smcp) return this.pieces(text, true, true)
    let g = this.glyphs.get(text)
    if (g !== undefined) return g
    g = Number.isNaN(this.fast(text)) ? this.pieces(text, false, true) : text.length
    if (text.length <= CACHE_MAX_LENGTH) this.glyphs.set(text, g)
    return g
  }

  /**
   * Width (or glyph count) of text that is not a plain fast-path word: fixed spaces cut it into
   * pieces shaped alone (they are not shaped: a face may lack the glyph).
   */
  private pieces(text: string, smcp: boolean, count: boolean): number {
    let total = 0
    let start = 0
    for (let i = 0; i <= text.length; i++) {
      const fixed = i < text.length && spaceKind(text.charCodeAt(i)) === 2
      if (i < text.length && !fixed) continue
      if (i > start) {
        const piece = start === 0 && i === text.length ? text : text.slice(start, i)
        total += count ? this.shapedGlyphs(piece, smcp) : this.shaped(piece, smcp)
      }
      if (fixed && !count) total += this.fixedSpace(text.charCodeAt(i))
      start = i + 1
    }
    return total
  }

  /** Width of a fixed space in font units (see `fixedSpaceEm`). */
  fixedSpace(c: number): number {
    const own = this.font.glyphForCodePoint(c)
    if (own.id !== 0) return own.advanceWidth
    const thin = c === 0x202f ? this.font.glyphForCodePoint(0x2009) : undefined
    if (thin && thin.id !== 0) return thin.advanceWidth
    return fixedSpaceEm(c) * this.unitsPerEm
  }

  private shaped(text: string, smcp = false): number {
    const cache = smcp ? this.smallCapsWidths : undefined
    const hit = cache?.get(text)
    if (hit !== undefined) return hit
    const run = smcp ? this.font.layout(text, ['smcp']) : this.font.layout(text)
    let w = 0
    for (const p of run.positions) w += p.xAdvance
    if (cache && text.length <= CACHE_MAX_LENGTH) cache.set(text, w)
    return w
  }

  private shapedGlyphs(text: string, smcp: boolean): number {
    const cache = smcp ? this.smallCapsGlyphs : undefined
    const hit = cache?.get(text)
    if (hit !== undefined) return hit
    const g = (smcp ? this.font.layout(text, ['smcp']) : this.font.layout(text)).glyphs.length
    if (cache && text.length <= CACHE_MAX_LENGTH) cache.set(text, g)
    return g
  }

  private fast(text: string): number {
    let w = 0
    let prev = -1
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if ((c >= 0xd800 && c <= 0xdfff) || (c >= 0x2009 && spaceKind(c) === 2)) return Number.NaN
      const a = this.advance(c)
      if (Number.isNaN(a)) return Number.NaN
      w += a
      if (prev >= 0) {
        const k = this.pair(prev, c)
        if (Number.isNaN(k)) return Number.NaN
        w += k
      }
      prev = c
    }
    return w
  }

  private advance(c: number): number {
    let a = this.advances.get(c)
    if (a === undefined) {
      const run = this.font.layout(String.fromCharCode(c))
      const glyph = this.font.glyphForCodePoint(c)
      a =
        run.glyphs.length === 1 && run.glyphs[0]!.id === glyph.id && glyph.id !== 0
          ? run.positions[0]!.xAdvance
          : Number.NaN
      this.advances.set(c, a)
    }
    return a
  }

  private pair(a: number, b: number): number {
    const key = a * 0x10000 + b
    let k = this.pairs.get(key)
    if (k === undefined) {
      const run = this.font.layout(String.fromCharCode(a, b))
      k =
        run.glyphs.length === 2 &&
        run.glyphs[0]!.id === this.font.glyphForCodePoint(a).id &&
        run.glyphs[1]!.id === this.font.glyphForCodePoint(b).id
          ? run.positions[0]!.xAdvance + run.positions[1]!.xAdvance - this.advance(a) - this.advance(b)
          : Number.NaN
      this.pairs.set(key, k)
    }
    return k
  }

  /** Width through fontkit's full shaping (for checking the fast path). */
  shapedUnits(text: string): number {
    return this.shaped(text)
  }
}

export interface FontkitMeasurer extends Measurer {
  glyphCount(text: string, style: FaceStyle, forms?: Letterforms): number
  /** Whether the face has OpenType small capitals (`smcp`). */
  hasSmallCaps(style: FaceStyle): boolean
  /** Width through full shaping, bypassing the fast path and the cache (tests compare the two). */
  shapedWidth(text: string, style: FaceStyle, size: number): number
}

/**
 * A measurer over TTF/OTF bytes per face. Faces not given use `regular` (which must be given).
 */
export function createFontkitMeasurer(
  fonts: Partial<Record<FaceStyle, Uint8Array>> & { regular: Uint8Array },
): FontkitMeasurer {
  const fontkit = require('fontkit') as Fontkit
  const faces = new Map<FaceStyle, Face>()
  const opened = new Map<Uint8Array, Face>()
  const styles: FaceStyle[] = ['regular', 'italic', 'bold', 'boldItalic', 'mono']
  for (const style of styles) {
    const bytes = fonts[style] ?? fonts.regular
    let face = opened.get(bytes)
    if (!face) {
      face = new Face(fontkit.create(bytes))
      opened.set(bytes, face)
    }
    faces.set(style, face)
  }
  const face = (style: FaceStyle): Face => faces.get(style) ?? faces.get('regular')!
  return {
    width(text, style, size, forms) {
      const f = face(style)
      return (f.units(text, forms) * size) / f.unitsPerEm
    },
    hasGlyph(codePoint, style) {
      return face(style).font.hasGlyphForCodePoint(codePoint)
    },
    glyphCount(text, style, forms) {
      return face(style).glyphCount(text, forms)
    },
    hasSmallCaps(style) {
      return face(style).smcp
    },
    shapedWidth(text, style, size) {
      const f = face(style)
      return (f.shapedUnits(text) * size) / f.unitsPerEm
    },
  }
}

/** File names of the four Literata faces inside `@expo-google-fonts/literata`. */
const LITERATA: Record<Exclude<FaceStyle, 'mono'>, string> = {
  regular: '400Regular',
  italic: '400Regular_Italic',
  bold: '700Bold',
  boldItalic: '700Bold_Italic',
}

/** Paths of Literata's regular, italic, bold and bold italic TTF files (tests, benchmarks). */
export function literataPaths(): Record<Exclude<FaceStyle, 'mono'>, string> {
  const root = dirname(require.resolve('@expo-google-fonts/literata/package.json'))
  const out = {} as Record<Exclude<FaceStyle, 'mono'>, string>
  for (const [style, folder] of Object.entries(LITERATA) as [Exclude<FaceStyle, 'mono'>, string][]) {
    const ttf = readdirSync(join(root, folder)).find((f) => f.endsWith('.ttf'))
    if (!ttf) throw new Error(`no TTF in ${join(root, folder)}`)
    out[style] = join(root, folder, ttf)
  }
  return out
}

/** A fontkit measurer on Literata (mono falls back to regular). */
export function literataMeasurer(): FontkitMeasurer {
  const paths = literataPaths()
  return createFontkitMeasurer({
    regular: readFileSync(paths.regular),
    italic: readFileSync(paths.italic),
    bold: readFileSync(paths.bold),
    boldItalic: readFileSync(paths.boldItalic),
  })
}
