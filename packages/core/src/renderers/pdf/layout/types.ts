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
  /**
   * TeX's `\looseness`: -1 asks for the paragraph one line shorter, +1 one line longer, when
   * that is possible within tolerance (otherwise the nearest count is used). The composer uses it
   * to pull back a widow or push down an orphan. Default 0 (the optimum).
   */
  looseness?: -1 | 0 | 1
  /**
   * Points: a last line whose natural width is below this costs extra demerits, so the breaker
   * prefers to carry more than one short word down. Default max(1.5 em of the first run,
   * `indent`).
   */
  lastLineMin?: number
}

/**
 * What ends a line: `space` (an interword space, dropped), `hyphen` (inserted hyphen),
 * `explicit` (after a hard hyphen or dash already in the text), `emergency` (cut inside a word
 * that fits on no line; first-fit fallback only), `last` (the paragraph's end).
 */
export type BreakKind = 'space' | 'hyphen' | 'explicit' | 'emergency' | 'last'

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
  /**
   * Set width: where the last run ends, from the line's left edge (indent and centring
   * included). Justified lines equal the available width.
   */
  width: number
  /** Ends with an inserted hyphen. */
  hyphenated: boolean
  /** The paragraph's last line (not justified). */
  last: boolean
  /** Word space as drawn divided by the font's normal space (1 = natural). */
  spaceRatio: number
  /** Why the line ends here (for text extraction: only `space` ends a word). */
  breakKind?: BreakKind
}

export interface ParagraphLayout {
  lines: Line[]
  /** True when no feasible total-fit solution existed and greedy breaking was used. */
  fallback: boolean
  /**
   * Why greedy breaking was used: `overfull` (something fits on no line, even at the emergency
   * tolerance), `too-long` (more items than total fit handles in bounded memory),
   * `active-limit` (too many candidate breaks alive at once).
   */
  fallbackReason?: 'overfull' | 'too-long' | 'active-limit'
  /**
   * The pass that produced the lines: `pretolerance` (no hyphenation needed), `tolerance` (with
   * hyphenation), `emergency` (loose lines accepted), `greedy` (the fallback).
   */
  pass?: 'pretolerance' | 'tolerance' | 'emergency' | 'greedy'
  /** Set when hyphenation was wanted but the language has no patterns: a reason to report. */
  hyphenationUnavailable?: string
}

/**
 * Break a paragraph into lines (Knuth-Plass total fit, Liang hyphenation). Implemented in
 * `break.ts`; the composer calls it once per paragraph with extra constraints for page rules.
 */
export type BreakParagraph = (spec: ParagraphSpec, measurer: Measurer) => ParagraphLayout
