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
  /**
   * Small capitals: lower-case letters set with the face's OpenType small capitals (`smcp`),
   * measured and drawn alike; never pattern-hyphenated. A face without `smcp` draws the text as
   * written: for it the composer synthesizes small capitals instead (see `capitals`).
   */
  smallCaps?: boolean
  /**
   * Draw the letters as capitals (`toUpperCase`), measured so too, while `text` keeps its case:
   * the PDF tells extraction the source text (/ActualText). The composer's synthesized small
   * capitals are lower-case stretches in runs of their own, at a smaller size, with this set.
   */
  capitals?: boolean
  /**
   * Points the baseline is raised (a superscript, +) or lowered (a subscript, −) as drawn; the
   * run's `size` is already the script's. Measuring and line breaking ignore it.
   */
  shift?: number
  /**
   * Rules drawn with the text (the author's underline and strike-through): the size and baseline
   * shift of the text the mark was set on, so a rule runs level under a raised figure inside it.
   */
  underline?: Decoration
  strike?: Decoration
  /** A URL, or `#id` inside the book: the composer adds a link annotation over the run. */
  link?: string
  /** An id the composer needs the page of (footnote references, link targets). */
  anchor?: string
  /** Do not hyphenate words of this run (code, URLs). */
  noHyphenate?: boolean
  /**
   * The run's language when it differs from its paragraph's (a span of French in English): the
   * PDF tags it `/Span` with `/Lang`, and the breaker hyphenates its words by that language's
   * patterns (none where it has none).
   */
  lang?: string
}

/** Where a rule drawn with text takes its metrics from: that text's size and baseline shift. */
export interface Decoration {
  size: number
  shift: number
}

/**
 * Letterforms a run asks for beyond its face's defaults: `smallCaps` (the face's `smcp`
 * feature; a face without it sets the text as written) or `capitals` (upper-cased as drawn).
 * `letterformsOf` reads them from a run.
 */
export type Letterforms = 'smallCaps' | 'capitals'

/** The letterforms a run is measured and drawn with (`capitals` wins). */
export function letterformsOf(run: Pick<StyledRun, 'smallCaps' | 'capitals'>): Letterforms | undefined {
  return run.capitals ? 'capitals' : run.smallCaps ? 'smallCaps' : undefined
}

/**
 * Text measurement in points, with kerning and ligatures as the PDF will draw them. The breaker
 * measures words and word spaces apart (a word space, breakable or not, is the face's U+0020);
 * a fixed space (`spaceKind` 2) stays inside its word and is measured there at its fixed width
 * (the face's glyph for it, else `fixedSpaceEm`), never shaped with its neighbours.
 */
export interface Measurer {
  width(text: string, style: FaceStyle, size: number, forms?: Letterforms): number
  /** Whether the face (or its fallback) has a glyph for the code point. */
  hasGlyph?(codePoint: number, style: FaceStyle): boolean
  /**
   * How many glyphs the face draws for `text` (a ligature counts once), for letter-spacing:
   * PDF's `Tc` is added after each glyph drawn, not after each character; a fixed space counts
   * none (it is drawn at its width whatever the letter-spacing). Without it the breaker counts
   * code points, which is exact only for text that forms no ligatures.
   */
  glyphCount?(text: string, style: FaceStyle, forms?: Letterforms): number
}

/**
 * What a UTF-16 code unit is to the line breaker, the measurers and the drawing: 0 not white
 * space; 1 a word space (U+0020, which may break, and every other `\s` character but the fixed
 * ones, which may not: U+00A0 is TeX's `~`, a space that stretches like any other); 2 a fixed
 * space: THIN SPACE U+2009, HAIR SPACE U+200A and NARROW NO-BREAK SPACE U+202F (French
 * typography's space before ; : ! ? » and after «), and IDEOGRAPHIC SPACE U+3000 (a CJK
 * character a full em wide, which a line may end after: `cjkBreakPenalty`), never stretched or
 * shrunk, nor broken as a word space.
 */
export function spaceKind(c: number): 0 | 1 | 2 {
  if (c === 32) return 1
  if (c < 0xa0) return c >= 9 && c <= 13 ? 1 : 0
  if (c < 0x1680) return c === 0xa0 ? 1 : 0
  if (c === 0x2009 || c === 0x200a || c === 0x202f || c === 0x3000) return 2
  return c === 0x1680 ||
    (c >= 0x2000 && c <= 0x2008) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x205f ||
    c === 0xfeff
    ? 1
    : 0
}

/**
 * The width of a fixed space in ems, for a face that has no glyph of its own for it: THIN SPACE
 * and NARROW NO-BREAK SPACE 1/6 em (TeX's `\thinspace`; the built-in faces draw their thin space
 * at 1/10 to 1/6 em, Unicode suggests 1/5 to 1/6), HAIR SPACE 1/10 em, IDEOGRAPHIC SPACE 1 em. A face with the glyph
 * uses its advance; a face lacking U+202F uses its own THIN SPACE (the same space in French
 * practice, "espace fine insécable"). See `fixedSpaceWidth` in the measurers.
 */
export function fixedSpaceEm(c: number): number {
  if (c === 0x3000) return 1
  return c === 0x200a ? 1 / 10 : 1 / 6
}

/**
 * Letter-spacing as extra stretch and shrink of justified lines (pdfTeX's font expansion,
 * InDesign's letter-spacing justification), in ems of each run's size, per glyph. Used only
 * for `justify`; superscripts and `mono` runs are never letter-spaced.
 */
export interface LetterSpacing {
  /**
   * Most spacing added after each glyph, ems (recommended 0.01 with font expansion, 0.02
   * without; keep it under 0.03). A paragraph
   * that no set of lines within tolerance fits is set in the emergency pass with up to
   * `BREAK_PARAMETERS.letterSpacedEmergencyStretch` times this (never past 0.05 em).
   */
  stretch: number
  /** Most spacing taken from each glyph, ems (recommended 0.025). */
  shrink: number
}

/**
 * Font expansion (pdfTeX's `\pdfadjustspacing`, microtype's `expansion`; Hermann Zapf's hz
 * program): a justified line may widen or narrow its glyphs horizontally by up to these
 * fractions of their width (0.02 = 2 %, microtype's default stretch and shrink of 20), so its
 * word spaces vary less. One factor per line, the same for every expanded run on it; drawn with
 * PDF `Tz`. Word spaces are not expanded (they are glue), nor are superscripts and `mono` runs.
 */
export interface FontExpansion {
  /** Most a glyph may be widened, as a fraction of its width (recommended 0.02; clamped to 0.05). */
  stretch: number
  /** Most a glyph may be narrowed, as a fraction of its width (recommended 0.02; clamped to 0.05). */
  shrink: number
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
   * The number of lines wanted (a page's re-break of the paragraph a line shorter or longer, which
   * it takes only at that count): a layout of another count is not built, and comes back with no
   * lines. Default: any count.
   */
  lineCount?: number
  /**
   * Points: a last line whose natural width is below this costs extra demerits, so the breaker
   * prefers to carry more than one short word down. Default max(1.5 em of the first run,
   * `indent`).
   */
  lastLineMin?: number
  /**
   * Let justification also space letters (see `LetterSpacing`; `LETTER_SPACING` in break.ts has
   * the recommended values). The line's adjustment is shared between word spaces and letters in
   * proportion to their stretchability; letters never pass their limits (word spaces take the
   * rest). Such paragraphs are broken with hyphenation from the first pass and with shrunk lines
   * costing more (see `letterSpaced*` in `BREAK_PARAMETERS`). Default: absent, no
   * letter-spacing, and layouts exactly as without this option.
   */
  letterSpacing?: LetterSpacing
  /**
   * Let justification also expand glyphs (see `FontExpansion`; `FONT_EXPANSION` in break.ts has
   * the recommended values). It shares a line's adjustment with the letter-spacing, at the same
   * ratio of its limits, and is broken with the same passes and weights as letter-spacing.
   * Default: absent, no expansion.
   */
  expansion?: FontExpansion
}

/**
 * What ends a line: `space` (an interword space, dropped), `hyphen` (inserted hyphen),
 * `explicit` (after a hard hyphen or dash already in the text), `emergency` (cut inside a word
 * that fits on no line; first-fit fallback only), `last` (the paragraph's end).
 */
export type BreakKind = 'space' | 'hyphen' | 'explicit' | 'emergency' | 'last'

/**
 * A run placed on a line. Draw it at (lineX + x, baseline) with pdfkit's `wordSpacing` and
 * `characterSpacing`: `doc.text(text, lineX + x, baseline, { lineBreak: false, wordSpacing,
 * characterSpacing })`.
 */
export interface PlacedRun extends StyledRun {
  /** Offset from the line's left edge, points. */
  x: number
  /**
   * Width as drawn, including extra word and letter spacing: where the next run starts. For the
   * line's last run, where its last glyph ends (the `Tc` that PDF adds after that glyph, past
   * the ink, is not counted), so justified lines end exactly at the measure.
   */
  width: number
  /** Extra space added to each word space in `text` (U+0020, NBSP…; never a fixed space). */
  wordSpacing: number
  /**
   * Points added after every glyph, spaces included (pdfkit's `characterSpacing` option, PDF
   * `Tc`); negative tightens. Present only when the paragraph asked for `letterSpacing`.
   */
  characterSpacing?: number
  /**
   * Horizontal scale of the run's glyphs (font expansion, PDF `Tz` = 100 × this): 1.012 draws
   * every glyph 1.2 % wider. `width`, `wordSpacing` and `characterSpacing` are what shows on the
   * page, after scaling (PDF's `Tz` scales `Tc`, `Tw` and TJ shifts too: the drawing divides
   * them back). Word spaces keep their width. Present only when the paragraph asked for
   * `expansion`.
   */
  expansion?: number
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
  /**
   * Word space as drawn divided by the font's normal space (1 = natural): the space's advance
   * plus `wordSpacing` plus its own `characterSpacing` (the `Tc` after the letter before it is
   * that letter's, as between any two letters).
   */
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
