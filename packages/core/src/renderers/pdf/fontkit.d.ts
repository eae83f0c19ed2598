/** The small part of fontkit 2 (untyped upstream) that the PDF renderer uses. */
declare module 'fontkit' {
  export interface Glyph {
    id: number
    advanceWidth: number
    /** The characters the glyph stands for, as shaped. */
    codePoints: number[]
  }
  export interface GlyphPosition {
    xAdvance: number
    xOffset: number
    yOffset: number
  }
  export interface GlyphRun {
    advanceWidth: number
    glyphs: Glyph[]
    positions: GlyphPosition[]
  }
  export interface Font {
    postscriptName: string
    unitsPerEm: number
    ascent: number
    descent: number
    lineGap: number
    xHeight: number
    capHeight: number
    availableFeatures: string[]
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun
    hasGlyphForCodePoint(codePoint: number): boolean
    glyphForCodePoint(codePoint: number): Glyph
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font | { fonts: Font[] }
}
