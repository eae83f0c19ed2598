/**
 * The contract between paragraph layout (`layout/`: hyphenation, Knuth-Plass line breaking) and
 * page composition (`../pages.ts` and friends, on pdfkit). Layout knows nothing of pdfkit: it
 * measures through `Measurer`, so it can be tested with a fake one and benchmarked alone.
 */

/** The four faces of a book font, plus monospace for code. */
export type FaceStyle = 'regular' | 'italic' | 'bold' | 'boldItalic' | 'mono'

/** A run of text in one face and size, as the composer flattens a paragraph's inline nodes. */
export interface StyledRun {
  text: string
  style: FaceStyle
  /** Font size in points. */
  size: number
  /** Raised, smaller (footnote markers): never broken inside, never hyphenated. */
  superscript?: boolean
  /** Small capitals (set by the composer as smaller capitals when the font lacks `smcp`). */
  smallCaps?: boolean
  /** A URL, or `#id` inside the book: the composer adds a link annotation over the run. */
  link?: string
  /** An id the composer needs the page of (footnote references, link targets). */
  anchor?: string
  /** Do not hyphenate words of this run (code, URLs). */
  noHyphenate?: boolean
}

/** Text measurement in points, with kerning and ligatures as the PDF will draw them. */
export interface Measurer {
  width(text: string, style: FaceStyle, size: number): number
  /** Whether the face (or its fallback) has a glyph for the code point. */
  hasGlyph?(codePoint: number, style: FaceStyle): boolean
}

export interface ParagraphSpec {
  runs: StyledRun[]
  /**
   * Available width of each line in points; line i uses `lineWidths[min(i, length - 1)]`.
   * (A drop cap narrows the first lines; usually one entry.)
   */
  lineWidths: number[]
  /** First-line indent in points (0 after a heading or scene break). */
  indent: number
  align: 'justify' | 'left' | 'center' | 'right'
  /** BCP 47 tag choosing the hyphenation patterns. */
  language: string
  /** Default true for `justify`. */
  hyphenate?: boolean
}

/** A run placed on a line. Draw it at (lineX + x, baseline) with pdfkit's `wordSpacing`. */
export interface PlacedRun extends StyledRun {
  /** Offset from the line's left edge, points. */
  x: number
  /** Width as drawn, including extra word spacing. */
  width: number
  /** Extra space to add to each U+0020 in `text` (pdfkit's `wordSpacing` option). */
  wordSpacing: number
}

export interface Line {
  runs: PlacedRun[]
  /** Set width (justified lines equal the available width). */
  width: number
  /** Ends with an inserted hyphen. */
  hyphenated: boolean
  /** The paragraph's last line (not justified). */
  last: boolean
  /** Word space as drawn divided by the font's normal space (1 = natural). */
  spaceRatio: number
}

export interface ParagraphLayout {
  lines: Line[]
  /** True when no feasible total-fit solution existed and greedy breaking was used. */
  fallback: boolean
}

/**
 * Break a paragraph into lines (Knuth-Plass total fit, Liang hyphenation). Implemented in
 * `break.ts`; the composer calls it once per paragraph with extra constraints for page rules.
 */
export type BreakParagraph = (spec: ParagraphSpec, measurer: Measurer) => ParagraphLayout
