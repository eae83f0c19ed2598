/**
 * A `Measurer` on the book's embedded faces that agrees with what pdfkit draws: pdfkit lays text
 * out in chunks that end after each space (kerning does not cross a space), so widths are summed
 * over the same chunks here, cached per face. Characters the book face lacks are measured (and
 * later drawn, see `draw.ts`) in the fallback face.
 */
import type { Face, FontSet, TextStyle } from './fonts.js'
import type { FaceStyle, Measurer } from './layout/types.js'

/** A stretch of text set in one face. */
export interface Segment {
  text: string
  face: Face
}

export function textStyle(style: FaceStyle): TextStyle {
  return style === 'mono' ? 'regular' : style
}

/** 0 unknown, 1 primary, 2 fallback, 3 neither. */
type Coverage = 0 | 1 | 2 | 3

const common = /^[\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*$/
const commonChars = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i).concat(
  Array.from({ length: 0x100 - 0xa0 }, (_, i) => 0xa0 + i),
  [0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026],
)

export class FontMeasurer implements Measurer {
  private readonly commonCovered = new Map<TextStyle, boolean>()
  private readonly widths = new Map<string, number>()
  private readonly coverage = new Map<string, Uint8Array>()

  constructor(readonly fonts: FontSet) {}

  width(text: string, style: FaceStyle, size: number): number {
    const s = textStyle(style)
    let total = 0
    let start = 0
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 32) {
        total += this.chunk(text.slice(start, i + 1), s)
        start = i + 1
      }
    }
    if (start < text.length) total += this.chunk(text.slice(start), s)
    return total * size
  }

  hasGlyph(codePoint: number, style: FaceStyle): boolean {
    return this.cover(codePoint, textStyle(style)) !== 3
  }

  /** Whether the code point is in the primary face (1), only the fallback (2) or neither (3). */
  cover(codePoint: number, style: TextStyle): Coverage {
    let table = this.coverage.get(style)
    if (!table) {
      table = new Uint8Array(0x10000)
      this.coverage.set(style, table)
    }
    if (codePoint < 0x10000 && table[codePoint]) return table[codePoint] as Coverage
    let value: Coverage = 3
    if (codePoint < 0x20 || this.fonts.primary[style].font.hasGlyphForCodePoint(codePoint)) value = 1
    else if (this.fonts.fallback[style].font.hasGlyphForCodePoint(codePoint)) value = 2
    if (codePoint < 0x10000) table[codePoint] = value
    return value
  }

  /** Split text into stretches by face: primary where it has the glyph, else the fallback. */
  segments(text: string, style: FaceStyle): Segment[] {
    const s = textStyle(style)
    // Most text is in the range every book face covers: one stretch, no per-character lookups.
    if (common.test(text) && this.coversCommon(s)) return [{ text, face: this.fonts.primary[s] }]
    const out: Segment[] = []
    let current: Face | undefined
    let buffer = ''
    for (const char of text) {
      const cover = this.cover(char.codePointAt(0)!, s)
      // Spaces stay with the stretch they follow, so words are not cut into two text objects.
      const face =
        cover === 2 ? this.fonts.fallback[s] : char === ' ' && current ? current : this.fonts.primary[s]
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

  /** Width of one space-terminated chunk at size 1, in points. */
  private chunk(text: string, style: TextStyle): number {
    const key = style + text
    let width = this.widths.get(key)
    if (width === undefined) {
      width = 0
      for (const segment of this.segments(text, style)) width += faceWidth(segment.face, segment.text)
      this.widths.set(key, width)
    }
    return width
  }
}

// Shaping is the costly part of measuring: each face keeps the advance of every chunk it has shaped.
const shaped = new WeakMap<Face, Map<string, number>>()

/** Width at size 1 of text laid out in one face, chunked after spaces as pdfkit does. */
export function faceWidth(face: Face, text: string): number {
  let cache = shaped.get(face)
  if (!cache) {
    cache = new Map()
    shaped.set(face, cache)
  }
  let total = 0
  let start = 0
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 32) {
      const end = i === text.length ? i : i + 1
      if (end > start) {
        const chunk = text.slice(start, end)
        let advance = cache.get(chunk)
        if (advance === undefined) {
          advance = face.shape ? face.shape(chunk) : face.font.layout(chunk).advanceWidth * face.scale
          cache.set(chunk, advance)
        }
        total += advance
      }
      start = end
    }
  }
  return total
}
