/**
 * Knuth-Plass total-fit line breaking (Knuth & Plass, "Breaking paragraphs into lines", 1981; TeX
 * §813-890). A paragraph becomes boxes (word pieces), glue (spaces) and penalties (hyphenation
 * points and other break opportunities) in flat typed arrays; a dynamic program over the legal
 * breakpoints keeps, for each, the best way to reach it per fitness class, hyphen streak and
 * (when it matters) line number, and picks the cheapest set of breaks for the whole paragraph.
 * Passes follow TeX: no hyphenation at `\pretolerance`, then hyphenation at `\tolerance`, then an
 * emergency tolerance; if even that finds nothing (a word wider than the measure, or a
 * pathological input) a linear first-fit breaker takes over and the result says `fallback`.
 * Lines come out as positioned runs whose word spacing justifies them exactly, measured as pdfkit
 * draws them (each word shaped alone, spaces widened by `wordSpacing`). A paragraph may also ask
 * for letter-spacing (`letterSpacing`): every glyph then adds a little stretch and shrink, as
 * pdfTeX's font expansion does, and the runs carry the `characterSpacing` (PDF `Tc`) to draw;
 * and font expansion (`expansion`, pdfTeX's hz): every glyph may be a little wider or narrower,
 * one factor a line, and the runs carry it as `expansion` (PDF `Tz`). Both are kept apart from
 * the word spaces' stretch, and both are measured exactly as drawn: a line that opens after a
 * hyphen or a dash starts with the rest of the word shaped alone (its "lead" width), not with
 * the difference of the whole word's prefixes that the boxes hold. However the letters and the
 * glyphs shrink, a word gap never loses more than the space's own shrink (`gapShrink`), in every
 * pass and at every looseness. A URL, an email address or a path breaks at its punctuation, with
 * nothing inserted (`urlBreaks`), and a line broken inside one may fall short (`urlLines`).
 */
import {
  breaksBetweenCharacters,
  CJK_LAST_LINE_MIN_EM,
  CJK_LETTER_STRETCH,
  cjkBreakPenalty,
  cjkBreaks,
  cjkOpening,
  mayHaveCjk,
  mostlyCjk,
} from './cjk.js'
import {
  HYPHENATION_MINIMUMS,
  type Hyphenator,
  hyphenatorFor,
  neverHyphenated,
  tokenMayHyphenate,
} from './hyphenate.js'
import {
  type BreakKind,
  type BreakParagraph,
  type FontExpansion,
  type LetterSpacing,
  type Line,
  letterformsOf,
  type Measurer,
  type ParagraphLayout,
  type ParagraphSpec,
  type PlacedRun,
  type StyledRun,
  spaceKind,
} from './types.js'

/**
 * The knobs of the breaker, after TeX's plain format unless said otherwise. Exported so tests and
 * the benchmark can show what they ran with; a paragraph can override the last-line minimum and
 * looseness through `ParagraphSpec`.
 */
export const BREAK_PARAMETERS = {
  /** TeX `\linepenalty`: added to each line's badness, so fewer lines are preferred. */
  linePenalty: 10,
  /**
   * TeX `\hyphenpenalty`: cost of breaking at a pattern or soft hyphen. Chosen by measurement
   * (`bench/pdf-layout.mjs`, Pride and Prejudice, Literata 10.5 pt on a 324 pt measure, en-US):
   * 35 gives a 95th-percentile word space of 1.35× with 5.1% of lines hyphenated; TeX's 50 gives
   * 1.37× at 3.3%, 25 gives 1.35× at 7.3%. With font expansion (the composed book read back):
   * 20 gives 1.24× at 4.2%, 30 1.25× at 2.7%, 35 1.25× at 2.3%, 40 1.25× at 2.0%.
   */
  hyphenPenalty: 35,
  /** TeX `\exhyphenpenalty`: cost of breaking after a hard hyphen or a dash. */
  explicitPenalty: 50,
  /**
   * Cost of breaking a URL, an email address or a path after a slash, a double slash, an `@` or
   * a colon (`urlBreaks`): about a hyphen's, so a line before a long address is not left
   * gaping to keep it whole, and nothing is drawn at the break.
   */
  urlPenalty: 40,
  /**
   * Cost of breaking such an address before a dot, comma, hyphen, underscore, question mark,
   * number sign, percent sign or tilde, or on either side of `=` and `&`: more than after a
   * slash, which the Chicago Manual of Style prefers.
   */
  urlPunctuationPenalty: 80,
  /** TeX `\doublehyphendemerits`: two hyphenated lines in a row. */
  doubleHyphenDemerits: 10_000,
  /** TeX `\finalhyphendemerits`: the second-last line ends with a hyphen. */
  finalHyphenDemerits: 5_000,
  /** TeX `\adjdemerits`: neighbouring lines whose spacing differs by more than one class. */
  adjacentDemerits: 10_000,
  /** TeX `\pretolerance`: the first pass, without hyphenation, accepts badness up to this. */
  pretolerance: 100,
  /**
   * `pretolerance` for letter-spaced paragraphs; -1 skips the first pass (TeX's
   * `\pretolerance=-1`). Letter stretch makes a line without hyphens reach badness 100 at
   * spaces 1.6 times normal: trying hyphens at once gives evener lines (and still few hyphens).
   */
  letterSpacedPretolerance: -1,
  /**
   * Letter-spaced paragraphs: badness of shrunk lines times this. Letters and spaces together
   * can shrink further than spaces alone; but weighing shrinking three times (as before) made
   * the breaker stretch instead, and loose lines show more than tight ones: measured on Pride
   * and Prejudice, 3 gives a 95th-percentile word space of 1.44× with 6.3% of lines hyphenated,
   * 1 gives 1.39× at 4.0%, 0.75 (with `hyphenPenalty` 35) 1.35× at 5.1%, 0.5 crowds the median
   * line below its natural space (0.95×).
   */
  letterSpacedShrinkWeight: 0.75,
  /**
   * Letter-spaced and expanded paragraphs: how much faster than the word spaces the letters and
   * the glyphs' expansion take up a line's stretch. 1 shares it in proportion to their limits
   * (both reach theirs together); 3 brings letters and glyphs to their limit when the spaces
   * are at a third of theirs, so word spaces stay near their natural width on most lines.
   * Shrink is shared in proportion (a cheaper shrink crowds the lines and leaves the page
   * composer fewer paragraphs to set a line shorter). Measured with `bench/pdf-layout.mjs`
   * (Pride and Prejudice read back from the composed pages, letter-spacing +0.01/−0.025 em,
   * expansion ±2 %): 1 gives a 95th-percentile word space of 1.28× (median 0.94×), 2 1.28×,
   * 3 1.25× (median 1.00×), 4 1.22×; sharing the shrink too (3 and 3) gives 1.19× but a
   * median of 0.93× and two more spreads the composer could not level.
   */
  letterSpacedShare: 3,
  /**
   * Letter-spaced paragraphs that no set of lines within `tolerance` fits (a long unbreakable
   * word after a short line): the emergency pass lets letters stretch this many times their
   * limit, so the one line that must be loose is tracked out a little (0.02 em with
   * `LETTER_SPACING`) rather than gaping at twice its word space. Never past 0.05 em.
   */
  letterSpacedEmergencyStretch: 2,
  /** TeX `\tolerance`: the second pass, with hyphenation. */
  tolerance: 200,
  /**
   * The emergency pass accepts any underfull line (TeX's final pass takes such breaks with
   * "artificial demerits"); demerits still pick the least bad. Only an overfull line (a word
   * wider than the measure) makes it fail.
   */
  emergencyTolerance: Number.POSITIVE_INFINITY,
  /** Hard limit of consecutive lines ending in a hyphen (inserted or hard). */
  maxConsecutiveHyphens: 2,
  /**
   * A ragged measure narrower than this many ems (a table's column) lifts `maxConsecutiveHyphens`:
   * a long word there may take more lines than three, each further hyphen in a row still costing
   * `doubleHyphenDemerits`, rather than be cut without one. On 10 ems any word takes three; a
   * justified paragraph keeps the limit however narrow.
   */
  narrowMeasureEm: 10,
  /** Glue stretch as a share of the space (TeX fonts: 1/2). */
  stretch: 1 / 2,
  /** Glue shrink as a share of the space (TeX fonts: 1/3). */
  shrink: 1 / 3,
  /** Ragged lines: each line may fall short by this many ems at badness 100 (TeX `\rightskip`). */
  raggedStretchEm: 3,
  /** Default minimum width of a paragraph's last line, in ems of its first run (see `lastLineMin`). */
  lastLineMinEm: 1.5,
  /** Demerits for a last line narrower than the minimum. */
  shortLastLineDemerits: 5_000,
  /**
   * Demerits for a runt: a paragraph's last line holding a single word (or the end of a
   * hyphenated one). Book designers send these back; a line or two set a little looser or
   * tighter above is the usual cure, and costs less than this.
   */
  runtDemerits: 10_000,
  /**
   * Added to the hyphen penalty of a proper name (a capitalised word not at the start of a
   * sentence) and of a word in small capitals: "Eliza-beth" reads badly, so such a break is taken
   * only where every alternative is a very loose line (demerits (50 + 1000)² against a line at the
   * tolerance's (10 + 200)²).
   */
  namePenalty: 1_000,
  /** Paragraphs with more items than this are broken first-fit (total fit would hold too many nodes). */
  maxItems: 400_000,
  /** A pass that would keep more active nodes than this gives up (pathological widths or input). */
  maxActive: 4_000,
  /** Tokens longer than this (UTF-16 units) are cut into unbreakable pieces before measuring. */
  maxTokenLength: 512,
} as const

/**
 * Recommended `ParagraphSpec.letterSpacing`, in ems per glyph: at most a hundredth of an em added
 * and a fortieth taken (0.1 and 0.26 pt at 10.5 pt). Measured with `bench/pdf-layout.mjs`
 * (Literata, 333 pt measure): the shrink is what fits the last short word onto the first line
 * of a two-line paragraph (the worst loose lines without it). With font expansion
 * (`FONT_EXPANSION`) beside it, stretch is better left to the glyphs: a letter's Tc widens the
 * gap after it as much as the space's own, so read back from the pages (Pride and Prejudice,
 * `letterSpacedShare` 3) 0.02 em gives a 95th-percentile word space of 1.32×, 0.015 em 1.28×,
 * 0.01 em 1.25×, 0.005 em 1.21× but with 3.1 % of lines hyphenated and 16 broken names (0.01:
 * 2.3 % and 11).
 */
export const LETTER_SPACING: LetterSpacing = { stretch: 0.01, shrink: 0.025 }

/** Letter-spacing limits beyond this many ems are clamped: it would read as tracked-out text. */
const LETTER_SPACING_MAX = 0.05

/**
 * Recommended `ParagraphSpec.expansion`: glyphs up to 2 % wider or narrower, microtype's default
 * (stretch=20, shrink=20) for pdfTeX's font expansion. See `bench/pdf-layout.mjs` for how it and
 * `LETTER_SPACING` were chosen together.
 */
export const FONT_EXPANSION: FontExpansion = { stretch: 0.02, shrink: 0.02 }

/** Expansion limits beyond this fraction are clamped: the letters would visibly change shape. */
const EXPANSION_MAX = 0.05

const P = BREAK_PARAMETERS

const BOX = 0
const GLUE = 1
const PENALTY = 2

/** Item flags. */
const FLAGGED = 1 // a break here ends the line with a hyphen (inserted or hard)
const AUTO = 2 // pattern hyphen: only in hyphenating passes
const NO_BREAK = 4 // glue that may not be broken (before a footnote marker)
const INSERT_HYPHEN = 8 // taking this break draws a '-'
const DASH = 16 // break after a hard hyphen or dash, or inside a URL: nothing inserted
const URL = 32 // a break inside a URL, an email address or a path (`urlBreaks`)

const INFINITY_PENALTY = 10_000
const FIL = 1e9
const NO_RUN = -1
/**
 * ±Infinity in the passes: `Number.POSITIVE_INFINITY` is a property read, without feedback
 * until its branch first runs (an overfull line, say), and an optimised pass reaching it then
 * goes back to the interpreter; a module constant needs no feedback.
 */
const POSITIVE_INFINITY = Number.POSITIVE_INFINITY
const NEGATIVE_INFINITY = Number.NEGATIVE_INFINITY

/** A column of the items' or the nodes' flat storage. */
type TypedColumn = Uint8Array | Int32Array | Float64Array

/** A copy of `column`, `size` long (the storage's doubling). */
function grown<T extends TypedColumn>(column: T, size: number): T {
  const copy = new (column.constructor as new (n: number) => T)(size)
  copy.set(column)
  return copy
}

/** Flat item storage; grows by doubling. */
class Items {
  n = 0
  type = new Uint8Array(64)
  flags = new Uint8Array(64)
  width = new Float64Array(64)
  stretch = new Float64Array(64)
  shrink = new Float64Array(64)
  penalty = new Float64Array(64)
  run = new Int32Array(64)
  start = new Int32Array(64)
  end = new Int32Array(64)
  /** Letter-spacing: glyphs drawn for the item (a glue's space is one), and their stretch/shrink. */
  glyphs = new Float64Array(64)
  lstretch = new Float64Array(64)
  lshrink = new Float64Array(64)
  /** Font expansion: the item's width that expands (a box's or an inserted hyphen's), points. */
  xw = new Float64Array(64)
  /**
   * A box that opens a line after a break inside its word (hyphen or dash): how much wider the
   * rest of the word is shaped alone than the boxes that hold it (the kern across the break),
   * and the same for its glyphs' letter stretch and shrink; `leadEnd` is the word's last box
   * (-1 for boxes no line opens inside a word).
   */
  lead = new Float64Array(64)
  leadL = new Float64Array(64)
  leadM = new Float64Array(64)
  leadG = new Float64Array(64)
  leadEnd = new Int32Array(64)
  /** A CJK opening bracket's blank half, hung before the measure by a line it starts (`cjkHang`). */
  hang = new Float64Array(64)

  push(
    type: number,
    flags: number,
    width: number,
    stretch: number,
    shrink: number,
    penalty: number,
    run: number,
    start: number,
    end: number,
  ): void {
    if (this.n === this.type.length) this.grow()
    const i = this.n++
    this.type[i] = type
    this.flags[i] = flags
    this.width[i] = width
    this.stretch[i] = stretch
    this.shrink[i] = shrink
    this.penalty[i] = penalty
    this.run[i] = run
    this.start[i] = start
    this.end[i] = end
    this.glyphs[i] = 0
    this.lstretch[i] = 0
    this.lshrink[i] = 0
    this.xw[i] = 0
    this.lead[i] = 0
    this.leadL[i] = 0
    this.leadM[i] = 0
    this.leadG[i] = 0
    this.leadEnd[i] = -1
    this.hang[i] = 0
  }

  /** Give item `i` `glyphs` glyphs that stretch and shrink by `perStretch`/`perShrink` each. */
  letters(i: number, glyphs: number, perStretch: number, perShrink: number): void {
    this.glyphs[i] = glyphs
    this.lstretch[i] = glyphs * perStretch
    this.lshrink[i] = glyphs * perShrink
  }

  private grow(): void {
    const size = this.type.length * 2
    const g = <T extends TypedColumn>(a: T): T => grown(a, size)
    this.type = g(this.type)
    this.flags = g(this.flags)
    this.width = g(this.width)
    this.stretch = g(this.stretch)
    this.shrink = g(this.shrink)
    this.penalty = g(this.penalty)
    this.run = g(this.run)
    this.start = g(this.start)
    this.end = g(this.end)
    this.glyphs = g(this.glyphs)
    this.lstretch = g(this.lstretch)
    this.lshrink = g(this.lshrink)
    this.xw = g(this.xw)
    this.lead = g(this.lead)
    this.leadL = g(this.leadL)
    this.leadM = g(this.leadM)
    this.leadG = g(this.leadG)
    this.leadEnd = g(this.leadEnd)
    this.hang = g(this.hang)
  }
}

/**
 * Prepared paragraphs kept for a relayout: the page composer breaks a paragraph again with
 * another `looseness` (or without hyphens) when a page ends badly, and preparing it (segmenting,
 * measuring, hyphenating, building the items) is a large part of breaking it. The items depend
 * only on what `PreparedKey` holds, never on the line widths or the looseness, so a paragraph
 * broken again within the last `PREPARED_SLOTS` paragraphs reuses its items. Per measurer, like
 * the shapes. A relayout hands over the same runs array: found by it, then checked field by field
 * (the text compared as a string), so a paragraph whose runs changed is prepared afresh.
 */
const PREPARED_SLOTS = 48
/** A slot whose store grew past this many items gives it up (bounded memory). */
const PREPARED_MAX_ITEMS = 8_192

/** What `prepare` reads of a paragraph (see `preparedMatches`). */
interface PreparedKey {
  runs: StyledRun[]
  /** Per run: text, style, size and the flags `prepare` reads, as they were. */
  texts: string[]
  styles: string[]
  sizes: number[]
  flags: number[]
  /** Per run: its language when not the paragraph's (`StyledRun.lang`): its words' patterns. */
  langs: Array<string | undefined>
  align: ParagraphSpec['align']
  indent: number
  language: string
  hyphenator: Hyphenator | undefined
  letterSpacing: LetterSpacing | undefined
  expansion: FontExpansion | undefined
}

interface PreparedCache {
  /** Runs array → slot. */
  index: Map<StyledRun[], number>
  keys: (PreparedKey | undefined)[]
  preps: (Prepared | undefined)[]
  stores: Items[]
  next: number
}

const preparedCaches = new WeakMap<Measurer, PreparedCache>()

/** Counts of prepared paragraphs reused and prepared (tests). */
export const preparedStats = { reused: 0, prepared: 0 }

function runFlags(run: StyledRun): number {
  return (
    (run.superscript ? 1 : 0) | (run.smallCaps ? 2 : 0) | (run.capitals ? 4 : 0) | (run.noHyphenate ? 8 : 0)
  )
}

function sameSpacing(
  a: LetterSpacing | FontExpansion | undefined,
  b: LetterSpacing | FontExpansion | undefined,
) {
  return a === b || (a !== undefined && b !== undefined && a.stretch === b.stretch && a.shrink === b.shrink)
}

/** The hyphenator for a run's own language; none where the language has no patterns. */
function hyphenatorOfRun(language: string): Hyphenator | undefined {
  const found = hyphenatorFor(language)
  return found.ok ? found.hyphenator : undefined
}

/** Whether `spec` is the paragraph `key` was prepared from, in everything `prepare` reads. */
function preparedMatches(key: PreparedKey, spec: Paragraph, hyphenator: Hyphenator | undefined): boolean {
  const runs = spec.runs
  if (
    key.align !== spec.align ||
    !Object.is(key.indent, spec.indent) ||
    key.language !== spec.language ||
    key.hyphenator !== hyphenator ||
    !sameSpacing(key.letterSpacing, spec.letterSpacing) ||
    !sameSpacing(key.expansion, spec.expansion) ||
    key.texts.length !== runs.length
  )
    return false
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!
    if (
      key.texts[r] !== run.text ||
      key.styles[r] !== run.style ||
      !Object.is(key.sizes[r], run.size) ||
      key.flags[r] !== runFlags(run) ||
      key.langs[r] !== run.lang
    )
      return false
  }
  return true
}

/**
 * `prepare`, or the items kept from the last time the same paragraph was prepared (see
 * `PREPARED_SLOTS`), with the spec's own runs (placed runs copy their links and anchors).
 */
function preparedFor(spec: Paragraph, measurer: Measurer, hyphenator: Hyphenator | undefined): Prepared {
  let cache = preparedCaches.get(measurer)
  if (!cache) {
    cache = { index: new Map(), keys: [], preps: [], stores: [], next: 0 }
    preparedCaches.set(measurer, cache)
  }
  const slot = cache.index.get(spec.source)
  if (slot !== undefined && preparedMatches(cache.keys[slot]!, spec, hyphenator)) {
    preparedStats.reused++
    // Updated in place (a copy would be an object of another shape to the passes, which V8
    // then compiles again): the spec's own runs, and the first pass's letter scale.
    const kept = cache.preps[slot]!
    kept.runs = spec.runs.filter((r) => r.text.length > 0)
    kept.letterScale = 1
    return kept
  }
  preparedStats.prepared++
  const at = cache.next
  cache.next = (at + 1) % PREPARED_SLOTS
  const old = cache.keys[at]
  if (old !== undefined && cache.index.get(old.runs) === at) cache.index.delete(old.runs)
  cache.keys[at] = undefined
  cache.preps[at] = undefined
  if (slot !== undefined && cache.index.get(spec.source) === slot) cache.index.delete(spec.source)
  let store = cache.stores[at]
  if (!store) {
    store = new Items()
    cache.stores[at] = store
  }
  const prep = prepare(spec, measurer, hyphenator, store)
  if (store.type.length > PREPARED_MAX_ITEMS) {
    // A very long paragraph: its items are used this once, and the slot starts small again.
    cache.stores[at] = new Items()
    return prep
  }
  const runs = spec.runs
  cache.keys[at] = {
    runs: spec.source,
    texts: runs.map((r) => r.text),
    styles: runs.map((r) => r.style),
    sizes: runs.map((r) => r.size),
    flags: runs.map(runFlags),
    langs: runs.map((r) => r.lang),
    align: spec.align,
    indent: spec.indent,
    language: spec.language,
    hyphenator,
    letterSpacing: spec.letterSpacing && { ...spec.letterSpacing },
    expansion: spec.expansion && { ...spec.expansion },
  }
  cache.preps[at] = prep
  cache.index.set(spec.source, at)
  return prep
}

/**
 * What `prepare` and `buildLines` read of a `ParagraphSpec`, in one shape, its runs made so too
 * (`flatRun`): the composer's specs come in a few shapes and its runs in many (a looseness,
 * letter-spacing, a link, an anchor, small capitals each add fields), and each shape met for
 * the first time by the optimised `prepare`, `widthOf` or `placedRun` sent it back to the
 * interpreter. Made once for each paragraph broken, in `breakParagraph`.
 */
interface Paragraph {
  /** The spec's own runs array, by which a relayout finds its prepared items. */
  source: StyledRun[]
  /** Its runs, flat, empty ones included. */
  runs: StyledRun[]
  align: ParagraphSpec['align']
  indent: number
  language: string
  letterSpacing: LetterSpacing | undefined
  expansion: FontExpansion | undefined
}

function paragraphOf(spec: ParagraphSpec): Paragraph {
  const source = spec.runs
  const runs: StyledRun[] = []
  for (const run of source) runs.push(flatRun(run))
  return {
    source,
    runs,
    align: spec.align,
    indent: spec.indent,
    language: spec.language,
    letterSpacing: spec.letterSpacing,
    expansion: spec.expansion,
  }
}

/** A run with every `StyledRun` field, in this order (see `Paragraph`). */
function flatRun(run: StyledRun): StyledRun {
  return {
    text: run.text,
    style: run.style,
    size: run.size,
    superscript: run.superscript,
    smallCaps: run.smallCaps,
    capitals: run.capitals,
    shift: run.shift,
    underline: run.underline,
    strike: run.strike,
    link: run.link,
    anchor: run.anchor,
    noHyphenate: run.noHyphenate,
    lang: run.lang,
  }
}

/** A prepared paragraph: items plus what the passes and the output need. */
interface Prepared {
  items: Items
  runs: StyledRun[]
  /** Text of each run with soft hyphens removed (items point into it). */
  texts: string[]
  /** Natural space width of each run's face and size. */
  spaces: Float64Array
  hasAuto: boolean
  /**
   * Letter-spacing or font expansion is on (a justified paragraph with `letterSpacing` or
   * `expansion`): lines are placed by `placeSpaced`, with the letter-spaced passes and weights.
   */
  letters: boolean
  /** Per run: points each glyph may stretch / shrink (0 where the run is not letter-spaced). */
  letterStretch: Float64Array
  letterShrink: Float64Array
  /** Letter stretch of the pass being run and of the lines built: 1, or `emergencyLetterScale`. */
  letterScale: number
  /** `letterSpacedEmergencyStretch`, lowered so no glyph stretches past 0.05 em. */
  emergencyLetterScale: number
  /** Per run: 1 where its glyphs expand (font expansion on, not a superscript, not code). */
  expands: Uint8Array
  /** The paragraph asked for font expansion (its runs then carry `expansion`, 1 at the least). */
  expansion: boolean
  /** Font expansion limits, fractions of the glyphs' width (0 when off). */
  expandStretch: number
  expandShrink: number
  measurer: Measurer
  /**
   * Word pieces measured for this paragraph (`pieceShape`), by box and breakpoint: its passes
   * and relayouts ask for the same pieces again, each line that opens inside a word at every
   * breakpoint up to the word's end.
   */
  pieces: Map<number, readonly [number, number]> | undefined
  /**
   * The breaks the last looseness pass gave the opposite looseness, with what else that pass
   * read (`breakParagraph` finds them when the composer asks for that looseness next).
   */
  opposite: Opposite | undefined
}

interface Opposite {
  looseness: number
  widths: Float64Array
  lastLineMin: number
  lineStretch: number
  breaks: number[]
}

function sameWidths(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false
  return true
}

/**
 * The white space a line may break at: tab, line feed, vertical tab, form feed, carriage return,
 * space, line and paragraph separators. Other word spaces (`spaceKind` 1: NBSP…) do not break.
 */
function breakingSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0x2028 || c === 0x2029
}
const LETTER_END = /[\p{L}\p{M}]$/u
const LETTER_START = /^[\p{L}\p{M}]/u
const LETTER_SEGMENT = /[\p{L}\p{M}]+/gu
const IS_LETTER = /[\p{L}\p{M}]/u
const DASH_FOLLOWER = /[\p{L}\p{N}\u2018\u201C([]/u

/** A token that opens (after a bracket or quote) with a scheme, `www.` or `mailto:`. */
const URL_START = /^[^\p{L}\p{N}]{0,2}(?:[a-z][a-z\d+.-]*:\/\/|www\.|mailto:)/iu
/** An email address in a token. */
const EMAIL = /[\p{L}\p{N}._%+-]@[\p{L}\p{N}-]+\.[\p{L}\p{N}]/u
/** A file path: two or more slashes (or backslashes) between names, a letter among them. */
const PATH = /[\p{L}\p{N}._~-]*[/\\][\p{L}\p{N}._~-]+[/\\][\p{L}\p{N}._~-]/u
const HAS_LETTER = /\p{L}/u
/** Characters a URL breaks before (Chicago: what reads as punctuation opens the next line). */
const URL_BEFORE = '.,-_?#%~'
/** The least a URL break leaves of the token on either side, in UTF-16 units. */
const URL_MIN_PIECE = 3

/** Whether a token is a URL, an email address or a file path (see `urlBreaks`). */
function urlLike(token: string): boolean {
  if (token.length < 2 * URL_MIN_PIECE) return false
  if (URL_START.test(token)) return true
  if (token.includes('@')) return EMAIL.test(token)
  return PATH.test(token) && HAS_LETTER.test(token)
}

/**
 * Where a URL, an email address or a path may break, as the Chicago Manual of Style asks (17.11
 * of the 15th edition; the FAQ: "breaking after a slash is preferable"): after a slash or a
 * double slash (never between the two), an `@` or a colon not followed by a slash; before a
 * dot, comma, hyphen, underscore, question mark, number sign, percent sign or tilde (a line
 * ending in a dot reads as a sentence's end, one ending in a hyphen as a hyphenated word);
 * before or after `=` and `&`. Never within a run of such signs ("..."), and never leaving
 * fewer than `URL_MIN_PIECE` characters of the token on a line (a sentence's closing stop
 * stays with the address). Nothing is drawn at the break: no hyphen is ever added.
 */
function urlBreaks(token: string, points: BreakPoint[]): void {
  const n = token.length
  for (let i = URL_MIN_PIECE; i <= n - URL_MIN_PIECE; i++) {
    const before = token[i - 1]!
    const at = token[i]!
    let penalty = -1
    if ((before === '/' || before === '\\') && at !== '/' && at !== '\\') penalty = P.urlPenalty
    else if (before === '@' || (before === ':' && at !== '/')) penalty = P.urlPenalty
    else if (before === '=' || before === '&') penalty = P.urlPunctuationPenalty
    else if (URL_BEFORE.includes(at) || at === '=' || at === '&') {
      // Not inside a run of signs ("..", "?=", "/."): the break goes before the first of them.
      if (!URL_BEFORE.includes(before) && before !== '/' && before !== '=' && before !== '&')
        penalty = P.urlPunctuationPenalty
    }
    if (penalty >= 0) points.push({ offset: i, flags: DASH | URL, penalty })
  }
}

interface BreakPoint {
  offset: number
  flags: number
  penalty: number
}

/**
 * Turn runs into items. `hyphenator` undefined: no pattern points (explicit hyphens, dashes and
 * soft hyphens still break).
 */
function prepare(
  spec: Paragraph,
  measurer: Measurer,
  hyphenator: Hyphenator | undefined,
  items: Items,
): Prepared {
  // The store is one of a few reused by every call (`preparedFor`; breaking is synchronous and
  // not re-entrant): a book's 25,000 paragraphs would otherwise allocate 25,000 sets of arrays.
  items.n = 0
  const runs = spec.runs.filter((r) => r.text.length > 0)
  const texts = runs.map((r) => r.text)
  const spaces = new Float64Array(runs.length)
  let hasAuto = false
  const ragged = spec.align !== 'justify'
  const ex = ragged ? undefined : expansionOf(spec)
  const ls = ragged ? undefined : (letterSpacingOf(spec) ?? (ex ? { stretch: 0, shrink: 0 } : undefined))
  const letters = ls !== undefined
  const letterStretch = new Float64Array(runs.length)
  const letterShrink = new Float64Array(runs.length)
  const expands = new Uint8Array(runs.length)
  const indent = Number.isFinite(spec.indent) && spec.indent > 0 ? spec.indent : 0
  items.push(BOX, 0, indent, 0, 0, 0, NO_RUN, 0, 0)
  let seenContent = false
  // Whether the next word starts a sentence: a capital there is no sign of a name.
  let sentenceStart = true

  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!
    const text = run.text
    const space = measurer.width(' ', run.style, run.size)
    spaces[r] = space
    const stretch = ragged ? 0 : space * P.stretch
    // Footnote markers and code keep their letters as drawn (code is often aligned by column).
    const spaced = ls !== undefined && !run.superscript && run.style !== 'mono'
    const perStretch = spaced ? cjkLetterStretch(ls.stretch, text) * run.size : 0
    const perShrink = spaced ? ls.shrink * run.size : 0
    // The word gap's floor (`gapShrink`): what the letters' Tc takes from it comes off the space.
    const shrink = ragged ? 0 : gapShrink(space, perShrink)
    letterStretch[r] = perStretch
    letterShrink[r] = perShrink
    expands[r] = spaced && ex !== undefined ? 1 : 0
    // Every space drawn is a glyph too, and PDF's Tc applies to it.
    const pushGlue = (flags: number, start: number, end: number): void => {
      items.push(GLUE, flags, space, stretch, shrink, 0, r, start, end)
      if (letters) items.letters(items.n - 1, 1, perStretch, perShrink)
    }
    if (run.superscript) {
      // A footnote marker is one unbreakable box, glued to what precedes it.
      const trimmed = text.replace(/^[\s]+|[\s]+$/g, '')
      if (trimmed.length === 0) continue
      const from = text.indexOf(trimmed)
      const last = items.n - 1
      if (items.type[last] === GLUE) items.flags[last]! |= NO_BREAK
      items.push(BOX, 0, widthOf(measurer, trimmed, run), 0, 0, 0, r, from, from + trimmed.length)
      seenContent = true
      if (from + trimmed.length < text.length) pushGlue(0, from + trimmed.length, text.length)
      continue
    }
    const prevText = r > 0 ? runs[r - 1]!.text : ''
    const nextText = r + 1 < runs.length ? runs[r + 1]!.text : ''
    // A word cut by a style change ("*emph*asis") is not a word on its own: don't hyphenate its ends.
    const joinedBefore = LETTER_END.test(prevText) && LETTER_START.test(text)
    const joinedAfter = LETTER_END.test(text) && LETTER_START.test(nextText)
    // A run in another language (a German compound in English) breaks by its own patterns, or
    // not at all where there are none.
    const runHyphenator = run.lang === undefined || !hyphenator ? hyphenator : hyphenatorOfRun(run.lang)
    const cache = shapeCache(measurer, run, runHyphenator)
    // Small capitals are names or display words: hyphenated only where nothing else fits.
    const nameRun = run.smallCaps === true
    // Chinese, Japanese and Korean break between characters too (`cjkPusher`).
    const cjk = mayHaveCjk(text) ? cjkPusher(spec.language) : undefined
    if (cjk) cjkRunBreak(items, prevText, text, r, spec.language)
    // Tokens end at a breaking space (`breakingSpace`); inside one, each run of other word spaces
    // (`spaceKind` 1: NBSP and the like) is unbreakable glue. Scanned by character codes: a
    // regular expression's match would allocate an array and a string per token.
    const length = text.length
    let pos = 0
    while (pos < length) {
      let tokenEnd = pos
      // Whether a no-break word space (NBSP and the like) is inside: the one scan finds the token's
      // end and that (every `spaceKind` 1 code unit below U+00A0 breaks), a second only then.
      let nbsp = false
      for (; tokenEnd < length; tokenEnd++) {
        const c = text.charCodeAt(tokenEnd)
        if (breakingSpace(c)) break
        if (c >= 0xa0 && spaceKind(c) === 1) nbsp = true
      }
      if (tokenEnd > pos) {
        seenContent = true
        // Other word spaces (NBSP and the like) do not break but stretch as spaces (TeX's `~`):
        // unbreakable glue. Fixed spaces (thin, hair, narrow no-break) stay inside the token, a
        // part of its box measured at their own width: never stretched, never broken.
        let p = pos
        for (;;) {
          let pieceEnd = nbsp ? p : tokenEnd
          while (pieceEnd < tokenEnd && spaceKind(text.charCodeAt(pieceEnd)) !== 1) pieceEnd++
          if (pieceEnd > p) {
            const atStart = p === 0 && joinedBefore
            const atEnd = pieceEnd === length && joinedAfter
            const first = items.n
            const auto = (cjk ?? pushToken)(
              items,
              measurer,
              run,
              r,
              text,
              p,
              pieceEnd,
              runHyphenator,
              atStart,
              atEnd,
              cache,
            )
            // The token's shape (none for a giant token) has the token and what is known of it.
            const shape = lastShape
            const word = shape ? shape.token : text.slice(p, pieceEnd)
            if (auto) {
              hasAuto = true
              if (nameRun || (!sentenceStart && trait(shape, word, CAPITAL))) namePenalties(items, first)
            }
            sentenceStart = trait(shape, word, ENDS_SENTENCE)
            tokenExtras(items, first, measurer, run, word, spaced, perStretch, perShrink, expands[r] === 1)
          }
          if (pieceEnd === tokenEnd) break
          let nbEnd = pieceEnd
          while (nbEnd < tokenEnd && spaceKind(text.charCodeAt(nbEnd)) === 1) nbEnd++
          // Each no-break space is a space of its own (code indented with NBSPs keeps its width).
          for (let k = pieceEnd; k < nbEnd; k++) pushGlue(NO_BREAK, k, k + 1)
          p = nbEnd
        }
      }
      if (tokenEnd === length) break
      let wsEnd = tokenEnd + 1
      while (wsEnd < length && breakingSpace(text.charCodeAt(wsEnd))) wsEnd++
      // One glue for any run of whitespace, even across runs; none before the first word.
      if (seenContent && items.type[items.n - 1] !== GLUE) pushGlue(0, tokenEnd, wsEnd)
      pos = wsEnd
    }
  }
  // Trailing spaces are dropped; then TeX's \parfillskip and the forced end.
  while (items.n > 1 && items.type[items.n - 1] === GLUE) items.n--
  items.push(PENALTY, 0, 0, 0, 0, INFINITY_PENALTY, NO_RUN, 0, 0)
  items.push(GLUE, 0, 0, FIL, 0, 0, NO_RUN, 0, 0)
  items.push(PENALTY, 0, 0, 0, 0, -INFINITY_PENALTY, NO_RUN, 0, 0)
  // Every spaced run stretches the same number of ems, so one factor keeps them all in bounds.
  const emergencyLetterScale =
    ls && ls.stretch > 0
      ? Math.max(1, Math.min(P.letterSpacedEmergencyStretch, LETTER_SPACING_MAX / ls.stretch))
      : 1
  return {
    items,
    runs,
    texts,
    spaces,
    hasAuto,
    letters,
    letterStretch,
    letterShrink,
    letterScale: 1,
    emergencyLetterScale,
    expands,
    expansion: ex !== undefined,
    expandStretch: ex?.stretch ?? 0,
    expandShrink: ex?.shrink ?? 0,
    measurer,
    pieces: undefined,
    opposite: undefined,
  }
}

/** A word that starts with a capital letter (after any opening punctuation). */
const CAPITALISED = /^[^\p{L}\p{N}]*\p{Lu}/u
/** A word that ends a sentence (closing quotes and brackets may follow the stop). */
const SENTENCE_END = /[.!?\u2026][\u2019\u201D"')\]]*$/u

/** A title before a name ("Mr.", "Mrs.", "Dr.", "St."): its stop ends no sentence. */
const ABBREVIATION = /^\p{Lu}\p{Ll}{0,2}\.$/u

/** `TokenShape.traits`: whether the token starts with a capital, ends a sentence (each bit pair: known, value). */
const CAPITAL = 1
const ENDS_SENTENCE = 4

/**
 * Whether a token starts with a capital (`CAPITAL`) or ends a sentence (`ENDS_SENTENCE`), tested
 * once per cached shape rather than for every occurrence of the token.
 */
function trait(
  shape: TokenShape | undefined,
  word: string,
  which: typeof CAPITAL | typeof ENDS_SENTENCE,
): boolean {
  if (shape && shape.traits & which) return (shape.traits & (which << 1)) !== 0
  const value =
    which === CAPITAL ? CAPITALISED.test(word) : SENTENCE_END.test(word) && !ABBREVIATION.test(word)
  if (shape) shape.traits |= which | (value ? which << 1 : 0)
  return value
}

/** Make the pattern hyphens of the items pushed since `first` cost a name's penalty. */
function namePenalties(items: Items, first: number): void {
  for (let i = first; i < items.n; i++) {
    if (items.type[i] === PENALTY && items.flags[i]! & AUTO)
      items.penalty[i] = Math.min(INFINITY_PENALTY - 1, items.penalty[i]! + P.namePenalty)
  }
}

/**
 * The shrink of a word space's own glue, given the Tc its letters may shrink by (`perShrink`,
 * points a glyph; 0 without letter-spacing). A word gap is drawn as the space, its word spacing
 * (Tw), the Tc after the space and the Tc after the word's last glyph: with letters shrinking,
 * the gap would lose their two Tc on top of the space's own third (pdfTeX's font expansion and
 * microtype's tracking never narrow the interword glue). So the two Tc come out of the space's
 * shrink instead: whatever the letters and the glyphs' expansion do, a gap is never narrower
 * than two thirds of the space (TeX's ratio: 0.222 em of Computer Modern's 0.333 em; 0.133 em
 * of Literata's 0.2 em, 1.4 pt at 10.5 pt), and the line's shrink ratio stays the one measure
 * of how tight it is, which every pass and looseness bounds at -1. Negative (the space widens as
 * the letters tighten) where the letters' Tc is more than a sixth of the space.
 */
function gapShrink(space: number, perShrink: number): number {
  return space * P.shrink - 2 * perShrink
}

/** The paragraph's letter-spacing limits in ems, sanitised; undefined when off. */
function letterSpacingOf(spec: Paragraph): LetterSpacing | undefined {
  const ls = spec.letterSpacing
  if (!ls) return undefined
  const clamp = (v: number): number => (Number.isFinite(v) ? Math.min(LETTER_SPACING_MAX, Math.max(0, v)) : 0)
  return { stretch: clamp(ls.stretch), shrink: clamp(ls.shrink) }
}

/** The paragraph's font expansion limits, sanitised; undefined when off. */
function expansionOf(spec: Paragraph): FontExpansion | undefined {
  const ex = spec.expansion
  if (!ex) return undefined
  const clamp = (v: number): number => (Number.isFinite(v) ? Math.min(EXPANSION_MAX, Math.max(0, v)) : 0)
  return { stretch: clamp(ex.stretch), shrink: clamp(ex.shrink) }
}

/**
 * After `pushToken`, in one walk of the token's cached shape: with letter-spacing (`spaced`), the
 * glyphs of each item (one count per word and face, whatever the paragraph; a giant token's
 * pieces, which have no shape, counted apiece); with font expansion, the items' expanding width
 * (`xw`); and for each box a line may open with after a break inside the token, its lead (see
 * `Items.lead`), with its glyphs when letters stretch or shrink.
 */
function tokenExtras(
  items: Items,
  first: number,
  measurer: Measurer,
  run: StyledRun,
  token: string,
  spaced: boolean,
  perStretch: number,
  perShrink: number,
  expands: boolean,
): void {
  if (expands) for (let i = first; i < items.n; i++) items.xw[i] = items.width[i]!
  const shape = lastShape
  if (!shape || shape.token !== token) {
    if (!spaced) return
    const from = items.start[first]!
    for (let i = first; i < items.n; i++) {
      const piece = stripSoft(token.slice(items.start[i]! - from, items.end[i]! - from))
      items.letters(i, glyphsOf(measurer, piece, run), perStretch, perShrink)
    }
    return
  }
  const k = shape.breaks
  const glyphs = spaced ? shapeGlyphs(shape, measurer, run) : undefined
  if (glyphs) {
    for (let j = 0; j <= k; j++) {
      items.letters(first + 2 * j, glyphs[j]!, perStretch, perShrink)
      if (j < k) items.letters(first + 2 * j + 1, glyphs[k + 1 + j]!, perStretch, perShrink)
    }
  }
  if (k === 0) return
  const leads = shapeLeads(shape, measurer, run)
  // Counts of the rest of the word after each break, after the boxes' and the hyphens'.
  const leadGlyphs = perStretch + perShrink > 0 ? (glyphs ?? shapeGlyphs(shape, measurer, run)) : undefined
  const leadAt = 2 * k + 1
  const end = first + 2 * k
  for (let j = 0; j < k; j++) {
    const box = first + 2 * j + 2
    items.lead[box] = leads[j]!
    items.leadEnd[box] = end
    if (leadGlyphs) {
      const g = leadGlyphs[leadAt + j]!
      items.leadG[box] = g
      items.leadL[box] = g * perStretch
      items.leadM[box] = g * perShrink
    }
  }
}

/**
 * Per break of a shape: the width of the rest of the word shaped alone (as the line after the
 * break draws it) less the boxes that hold it. Computed once per shape.
 */
function shapeLeads(shape: TokenShape, measurer: Measurer, run: StyledRun): readonly number[] {
  if (shape.leads) return shape.leads
  const { token, data, breaks: k } = shape
  const leads = perBreak(k)
  let rest = data[k]!
  for (let j = k - 1; j >= 0; j--) {
    leads[j] = widthOf(measurer, stripSoft(token.slice(data[breakAt(k, j) + RESUME]!)), run) - rest
    rest += data[j]!
  }
  shape.leads = leads
  return leads
}

/** Width of `text` in a run's face, size and letterforms. */
function widthOf(measurer: Measurer, text: string, run: StyledRun): number {
  return measurer.width(text, run.style, run.size, letterformsOf(run))
}

/**
 * Glyphs drawn for `text` in a run's face and letterforms: the measurer's count, or code points
 * when it cannot tell (fixed spaces count none: their Tc is taken back when drawn).
 */
function glyphsOf(measurer: Measurer, text: string, run: StyledRun): number {
  if (measurer.glyphCount) return measurer.glyphCount(text, run.style, letterformsOf(run))
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (!isLowSurrogate(c) && spaceKind(c) !== 2) n++
  }
  return n
}

/**
 * A number per break of a shape, zeroed. These arrays live as long as the shape cache, one set per
 * distinct word: plain arrays, at a quarter of a typed array's overhead (War and Peace keeps some
 * 66,000 shapes), and one shared empty array for the words without a break.
 */
function perBreak(k: number): number[] {
  return k === 0 ? NONE_PER_BREAK : new Array<number>(k).fill(0)
}
const NONE_PER_BREAK: number[] = []

/**
 * Glyphs of each box of a token shape, of each inserted hyphen and of the rest of the word after
 * each break, in one array (see `TokenShape.glyphs`); computed once per shape.
 */
function shapeGlyphs(shape: TokenShape, measurer: Measurer, run: StyledRun): readonly number[] {
  if (shape.glyphs) return shape.glyphs
  const { token, data, breaks: k } = shape
  // Boxes at [0, k], hyphens from k + 1, leads from 2k + 1.
  const counts = new Array<number>(3 * k + 1).fill(0)
  // Differences of prefix counts, like the widths: the unbroken word counts as shaped whole.
  let prev = 0
  for (let j = 0; j < k; j++) {
    const at = breakAt(k, j)
    const prefix = stripSoft(token.slice(0, data[at + OFFSET]!))
    const g = glyphsOf(measurer, prefix, run)
    counts[j] = g - prev
    prev = g
    if (data[at + FLAGS]! & INSERT_HYPHEN) counts[k + 1 + j] = glyphsOf(measurer, `${prefix}-`, run) - g
  }
  counts[k] = glyphsOf(measurer, stripSoft(token), run) - prev
  // As for the widths (`shapeLeads`): the rest of the word after a break, counted alone.
  let rest = counts[k]!
  for (let j = k - 1; j >= 0; j--) {
    counts[2 * k + 1 + j] =
      glyphsOf(measurer, stripSoft(token.slice(data[breakAt(k, j) + RESUME]!)), run) - rest
    rest += counts[j]!
  }
  shape.glyphs = counts
  return counts
}

/** How one token breaks and measures; computed once per distinct token, face and language. */
interface TokenShape {
  /** Breaks in the token (`k`). */
  breaks: number
  /**
   * The shape's numbers in one plain array: the `k + 1` box widths, then five numbers a break
   * (`breakAt`): its offset in the token as written (UTF-16), where the box after it starts
   * (after a soft hyphen's own character), its flags, its penalty and the width of its inserted
   * hyphen (0 for breaks that insert nothing). One array a shape, kept as long as the shape
   * cache: a typed array apiece (six a word with breaks) cost War and Peace some 20 MB more.
   */
  data: readonly number[]
  auto: boolean
  /** The token as written. */
  token: string
  /**
   * Glyph counts, filled the first time a letter-spaced paragraph uses the shape, in one array:
   * the k + 1 boxes', the k inserted hyphens' (0 where none), the k rests of the word after each
   * break, counted alone.
   */
  glyphs: readonly number[] | undefined
  /** Lead widths per break (see `shapeLeads`), filled the first time a line could open there. */
  leads: readonly number[] | undefined
  /** What `trait` has learnt of the token (bits: `CAPITAL`, `ENDS_SENTENCE`, each with its value). */
  traits: number
}

/** Where break `j`'s numbers start in the `data` of a shape with `k` breaks. */
function breakAt(k: number, j: number): number {
  return k + 1 + 5 * j
}
/** A break's numbers, after `breakAt`. */
const OFFSET = 0
const RESUME = 1
const FLAGS = 2
const PENALTY_OF = 3
const HYPHEN = 4

/** The shape `pushToken` used last (so glyph counts can be attached to the cached shape). */
let lastShape: TokenShape | undefined

/** Token shapes per measurer, per (face, size, language, run options); bounded. */
const shapeCaches = new WeakMap<Measurer, Map<string, ShapeTable>>()
const SHAPE_CACHE_LIMIT = 100_000

function shapeCache(measurer: Measurer, run: StyledRun, hyphenator: Hyphenator | undefined): ShapeTable {
  let byKey = shapeCaches.get(measurer)
  if (!byKey) {
    byKey = new Map()
    shapeCaches.set(measurer, byKey)
  }
  const key = `${run.style}|${run.size}|${hyphenator?.patterns ?? ''}|${run.noHyphenate ? 1 : 0}|${run.smallCaps ? 1 : 0}${run.capitals ? 1 : 0}`
  let cache = byKey.get(key)
  if (!cache) {
    cache = new ShapeTable()
    byKey.set(key, cache)
  }
  return cache
}

/** Counts of token shapes looked up and made (tests). */
export const shapeStats = { lookups: 0, made: 0 }

/**
 * Token shapes by the token's text, looked up by a stretch of a run's text without taking it out
 * as a string: a book looks up each of its words (half a million in War and Peace) and finds
 * nearly all; a `Map` would hash a fresh slice of the text for each. Open addressing on a hash of
 * the UTF-16 code units; the shapes' own tokens are compared code unit by code unit.
 */
class ShapeTable {
  size = 0
  private mask = 255
  /** Per slot, two numbers: 1 + the index of its shape in `shapes` (0: empty), the token's hash. */
  private slots = new Int32Array(512)
  private shapes: TokenShape[] = []

  /** The shape of `text[from, to)` (its hash `hash`, from `tokenHash`), or undefined. */
  get(text: string, from: number, to: number, hash: number): TokenShape | undefined {
    const { slots, mask } = this
    const length = to - from
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = slots[2 * i]!
      if (slot === 0) return undefined
      if (slots[2 * i + 1] !== hash) continue
      const shape = this.shapes[slot - 1]!
      const token = shape.token
      if (token.length !== length) continue
      let k = 0
      while (k < length && token.charCodeAt(k) === text.charCodeAt(from + k)) k++
      if (k === length) return shape
    }
  }

  /** Add a shape not in the table (its token's hash `hash`). */
  add(shape: TokenShape, hash: number): void {
    if (2 * (this.size + 1) > this.mask) this.grow()
    this.shapes.push(shape)
    this.size++
    this.place(this.size, hash)
  }

  clear(): void {
    this.size = 0
    this.mask = 255
    this.slots = new Int32Array(512)
    this.shapes = []
  }

  private place(slot: number, hash: number): void {
    let i = hash & this.mask
    while (this.slots[2 * i] !== 0) i = (i + 1) & this.mask
    this.slots[2 * i] = slot
    this.slots[2 * i + 1] = hash
  }

  private grow(): void {
    const old = this.slots
    this.mask = this.mask * 2 + 1
    this.slots = new Int32Array(2 * (this.mask + 1))
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) this.place(old[i]!, old[i + 1]!)
  }
}

/** FNV-1a over the UTF-16 code units of `text[from, to)`. */
function tokenHash(text: string, from: number, to: number): number {
  let h = 0x811c9dc5 | 0
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h
}

/** Push the boxes and penalties of one space-free token; returns whether it got pattern points. */
function pushToken(
  items: Items,
  measurer: Measurer,
  run: StyledRun,
  r: number,
  text: string,
  from: number,
  to: number,
  hyphenator: Hyphenator | undefined,
  atRunStart: boolean,
  atRunEnd: boolean,
  runCache: ShapeTable,
): boolean {
  if (to - from > P.maxTokenLength) {
    // A pathological token: unbreakable pieces (only the fallback may cut it), measured apiece.
    lastShape = undefined
    let start = from
    while (start < to) {
      let cut = Math.min(to, start + P.maxTokenLength)
      if (cut < to && isLowSurrogate(text.charCodeAt(cut))) cut--
      items.push(BOX, 0, widthOf(measurer, stripSoft(text.slice(start, cut)), run), 0, 0, 0, r, start, cut)
      start = cut
    }
    return false
  }
  let shape: TokenShape | undefined
  const cacheable = !atRunStart && !atRunEnd
  const cache = cacheable ? runCache : undefined
  const hash = cache ? tokenHash(text, from, to) : 0
  if (cache) {
    shapeStats.lookups++
    shape = cache.get(text, from, to, hash)
  }
  if (!shape) {
    shapeStats.made++
    shape = shapeToken(text.slice(from, to), measurer, run, hyphenator, atRunStart, atRunEnd)
    if (cache) {
      if (cache.size >= SHAPE_CACHE_LIMIT) cache.clear()
      cache.add(shape, hash)
    }
  }
  lastShape = shape
  const { data, breaks } = shape
  const first = items.n
  let url = false
  let start = from
  for (let j = 0; j < breaks; j++) {
    const at = breakAt(breaks, j)
    const offset = from + data[at + OFFSET]!
    items.push(BOX, 0, data[j]!, 0, 0, 0, r, start, offset)
    items.push(
      PENALTY,
      data[at + FLAGS]!,
      data[at + HYPHEN]!,
      0,
      0,
      data[at + PENALTY_OF]!,
      r,
      offset,
      offset,
    )
    start = from + data[at + RESUME]!
    if (data[at + FLAGS]! & URL) url = true
  }
  items.push(BOX, 0, data[breaks]!, 0, 0, 0, r, start, to)
  if (url) urlLines(items, first, run.size)
  return shape.auto
}

/**
 * A URL's pieces are long and its breaks few: the line before one would gape to end exactly at
 * a break, and a line of its pieces has no word space to justify at all. So a line that ends at
 * a URL break, or holds a URL's pieces and no word space, has a ragged line's stretch besides its
 * spaces' (`raggedStretchEm`, kept in the `stretch` of the URL's breaks and boxes, which no
 * penalty or box otherwise has): `totalFit` counts it in the line's badness, and the line is set
 * with its spaces at that same ratio, falling short of the measure by the rest (`urlStretchOf`).
 */
function urlLines(items: Items, first: number, size: number): void {
  const stretch = P.raggedStretchEm * size
  for (let i = first; i < items.n; i++)
    if (items.type[i] === BOX || items.flags[i]! & URL) items.stretch[i] = stretch
}

/**
 * Extra penalty of a CJK break in a paragraph of another language: there CJK text is mostly
 * names (美咲 in an English novel), which are broken no more readily than a proper name is
 * hyphenated; a long Chinese quotation still breaks where it must.
 */
function foreignCjkPenalty(language: string): number {
  return breaksBetweenCharacters(language) ? 0 : P.namePenalty
}

/**
 * `pushToken` for a run that may hold CJK text: each token cut at its CJK break opportunities
 * (`layout/cjk.ts`), each piece pushed as a token of its own, a penalty between pieces that draws
 * nothing (no hyphen) and is open to every pass. The breaks carry no glue (nothing would draw
 * it): a justified line of CJK text is filled by its letter-spacing, every glyph taking an equal
 * share as JIS X 4051 spreads the characters of a line, with the wider limit of
 * `cjkLetterStretch`; the passes count it like any letter stretch.
 */
function cjkPusher(language: string): typeof pushToken {
  const extra = foreignCjkPenalty(language)
  return (items, measurer, run, r, text, from, to, hyphenator, atRunStart, atRunEnd, runCache) => {
    const breaks = cjkBreaks(text, from, to)
    if (!breaks)
      return pushToken(items, measurer, run, r, text, from, to, hyphenator, atRunStart, atRunEnd, runCache)
    const { offsets, penalties } = breaks
    let auto = false
    let start = from
    for (let k = 0; k <= offsets.length; k++) {
      const end = k < offsets.length ? offsets[k]! : to
      const first = k === 0 && atRunStart
      const last = k === offsets.length && atRunEnd
      const box = items.n
      if (pushToken(items, measurer, run, r, text, start, end, hyphenator, first, last, runCache)) auto = true
      if (k > 0) cjkHang(items, box, text, start, measurer, run)
      if (k < offsets.length) items.push(PENALTY, 0, 0, 0, 0, penalties[k]! + extra, r, end, end)
      start = end
    }
    // No one shape describes the pieces: glyphs are counted item by item (`tokenExtras`).
    lastShape = undefined
    return auto
  }
}

/**
 * A CJK piece that opens with a bracket after a break opportunity (`cjkOpening`): a line it
 * starts hangs the bracket's blank half before the measure (`Items.hang`, `lead` the width the
 * line then loses), and after a closing mark, comma or full stop the piece is that half narrower
 * on the line too (、「 set closer, as `cjkSqueeze` draws it). Only a full-width bracket.
 */
function cjkHang(
  items: Items,
  box: number,
  text: string,
  from: number,
  measurer: Measurer,
  run: StyledRun,
): void {
  const kind = cjkOpening(text.charCodeAt(from - 1), text.charCodeAt(from))
  if (!kind || box >= items.n || items.type[box] !== BOX) return
  const full = widthOf(measurer, text[from]!, run)
  if (Math.abs(full - run.size) > run.size * 0.05) return
  const half = full / 2
  items.hang[box] = half
  if (kind === 'pair') items.width[box] = items.width[box]! - half
  else items.lead[box] = -half
}

/**
 * The letter stretch of a run, ems per glyph: a run set mostly in CJK text, which has no spaces
 * to stretch, may stretch its characters by `CJK_LETTER_STRETCH` (JIS X 4051 fills a line by
 * spacing its characters evenly); the stretch at its breaks is that. Other runs keep `stretch`.
 */
function cjkLetterStretch(stretch: number, text: string): number {
  return stretch > 0 && mayHaveCjk(text) && mostlyCjk(text) ? Math.max(stretch, CJK_LETTER_STRETCH) : stretch
}

/** A CJK break where a run starts (a style change inside CJK text: "**美咲**は"). */
function cjkRunBreak(items: Items, prevText: string, text: string, r: number, language: string): void {
  if (!prevText || items.type[items.n - 1] !== BOX || items.run[items.n - 1] === NO_RUN) return
  const last = prevText.length - (isLowSurrogate(prevText.charCodeAt(prevText.length - 1)) ? 2 : 1)
  const penalty = cjkBreakPenalty(prevText.codePointAt(last)!, text.codePointAt(0)!)
  if (penalty >= 0) items.push(PENALTY, 0, 0, 0, 0, penalty + foreignCjkPenalty(language), r, 0, 0)
}

/** Where a token may break, and whether pattern points are among them (`tokenBreaks`). */
interface TokenBreaks {
  /** In no order, an offset possibly twice. */
  points: BreakPoint[]
  soft: boolean
  auto: boolean
}

/**
 * The break points of a token in a run (its `noHyphenate`, `capitals`): soft hyphens, a URL's
 * punctuation (`urlBreaks`), hard hyphens and dashes, and the hyphenator's pattern points. A
 * word cut by a style change is not hyphenated at that end (`atRunStart`, `atRunEnd`).
 */
function tokenBreaks(
  token: string,
  run: Pick<StyledRun, 'noHyphenate' | 'capitals'>,
  hyphenator: Hyphenator | undefined,
  atRunStart: boolean,
  atRunEnd: boolean,
): TokenBreaks {
  const points: BreakPoint[] = []
  const soft = token.includes('\u00AD')
  if (soft) {
    for (let i = token.indexOf('\u00AD'); i >= 0; i = token.indexOf('\u00AD', i + 1)) {
      if (i > 0 && i < token.length - 1) {
        points.push({ offset: i, flags: FLAGGED | INSERT_HYPHEN, penalty: P.hyphenPenalty })
      }
    }
  }
  // A URL, an email address or a path breaks at its punctuation, whatever the run: never after
  // its hyphens (which would read as inserted), never by the patterns.
  const url = urlLike(token)
  if (url) urlBreaks(token, points)
  if (!run.noHyphenate && !url) {
    // Hard hyphens and dashes: a line may end after them, nothing inserted.
    for (let i = 1; i < token.length - 1; i++) {
      const c = token[i]!
      if (c === '-' || c === '\u2010' || c === '\u2013') {
        if (IS_LETTER.test(token[i - 1]!) && IS_LETTER.test(token[i + 1]!)) {
          points.push({ offset: i + 1, flags: FLAGGED | DASH, penalty: P.explicitPenalty })
        }
      } else if (c === '\u2014') {
        const next = token[i + 1]!
        if (next !== '\u2014' && DASH_FOLLOWER.test(next)) {
          points.push({ offset: i + 1, flags: DASH, penalty: P.explicitPenalty })
        }
      }
    }
  }
  let auto = false
  if (
    hyphenator &&
    !soft &&
    !url &&
    !run.noHyphenate &&
    !run.capitals &&
    token.length >= HYPHENATION_MINIMUMS.word &&
    tokenMayHyphenate(token)
  ) {
    LETTER_SEGMENT.lastIndex = 0
    for (let m = LETTER_SEGMENT.exec(token); m; m = LETTER_SEGMENT.exec(token)) {
      if (m[0].length < HYPHENATION_MINIMUMS.word) continue
      // A word cut by a style change ("*emph*asis") is not a word on its own.
      if (atRunStart && m.index === 0) continue
      if (atRunEnd && m.index + m[0].length === token.length) continue
      for (const p of hyphenator.points(m[0])) {
        points.push({ offset: m.index + p, flags: FLAGGED | INSERT_HYPHEN | AUTO, penalty: P.hyphenPenalty })
        auto = true
      }
    }
  }
  return { points, soft, auto }
}

/** A piece of a token between two of its breaks (`tokenPieces`). */
export interface TokenPiece {
  /** As drawn, soft hyphens dropped; without the hyphen a break after it inserts. */
  text: string
  /** A break after it draws a hyphen. */
  hyphen: boolean
}

/**
 * The pieces of `token` (a run's text between spaces) between the places a line may break
 * inside it, as the breaker finds them: a table (`table.ts`) sizes its columns so none is cut.
 * `atRunStart`, `atRunEnd`: the token continues a word of the run before or after (no pattern
 * hyphen at that end).
 */
export function tokenPieces(
  token: string,
  run: Pick<StyledRun, 'noHyphenate' | 'capitals'>,
  hyphenator: Hyphenator | undefined,
  atRunStart = false,
  atRunEnd = false,
): TokenPiece[] {
  const { points } = tokenBreaks(token, run, hyphenator, atRunStart, atRunEnd)
  points.sort((a, b) => a.offset - b.offset)
  const pieces: TokenPiece[] = []
  let from = 0
  for (const p of points) {
    if (p.offset <= from) continue
    pieces.push({
      text: stripSoft(token.slice(from, p.offset)),
      hyphen: (p.flags & INSERT_HYPHEN) !== 0,
    })
    from = token[p.offset] === '\u00AD' ? p.offset + 1 : p.offset
  }
  pieces.push({ text: stripSoft(token.slice(from)), hyphen: false })
  return pieces
}

function shapeToken(
  token: string,
  measurer: Measurer,
  run: StyledRun,
  hyphenator: Hyphenator | undefined,
  atRunStart: boolean,
  atRunEnd: boolean,
): TokenShape {
  const { points, soft, auto } = tokenBreaks(token, run, hyphenator, atRunStart, atRunEnd)
  if (points.length === 0) {
    // Made as the shapes with breaks make theirs (doubles from the start): a literal, or a width
    // in whole points, would be another elements kind at every `data` read.
    const data = new Array<number>(1).fill(0.5)
    data[0] = widthOf(measurer, soft ? stripSoft(token) : token, run)
    return newShape(0, data, false, token)
  }
  if (points.length > 1) points.sort((a, b) => a.offset - b.offset)
  const unique = points.filter((p, i) => i === 0 || p.offset !== points[i - 1]!.offset)
  const k = unique.length
  // Doubles from the start (a box width is one): the array is made once in its final kind.
  const data = new Array<number>(breakAt(k, k)).fill(0.5)
  // Box widths are differences of prefix widths, so the unbroken word measures exactly as shaped
  // and a line ending "neigh-" measures exactly width("neigh-").
  const clean = soft ? stripSoft(token) : token
  const cleanIndex = (offset: number): number => (soft ? stripSoft(token.slice(0, offset)).length : offset)
  let prevWidth = 0
  for (let j = 0; j < k; j++) {
    const p = unique[j]!
    const prefix = clean.slice(0, cleanIndex(p.offset))
    const w = widthOf(measurer, prefix, run)
    data[j] = w - prevWidth
    prevWidth = w
    const at = breakAt(k, j)
    data[at + OFFSET] = p.offset
    data[at + RESUME] = soft && token[p.offset] === '\u00AD' ? p.offset + 1 : p.offset
    data[at + FLAGS] = p.flags
    data[at + PENALTY_OF] = p.penalty
    data[at + HYPHEN] = p.flags & INSERT_HYPHEN ? widthOf(measurer, `${prefix}-`, run) - w : 0
  }
  data[k] = widthOf(measurer, clean, run) - prevWidth
  return newShape(k, data, auto, token)
}

/**
 * A token shape with every field it will have: `glyphs` and `leads` are filled later, and
 * adding them then would give the shapes several hidden classes (a deoptimisation at each read).
 */
function newShape(breaks: number, data: readonly number[], auto: boolean, token: string): TokenShape {
  return { breaks, data, auto, token, glyphs: undefined, leads: undefined, traits: 0 }
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}

/** Growable node store for the dynamic program. */
class Nodes {
  n = 0
  pos = new Int32Array(256) // the break item
  start = new Int32Array(256) // first item of the next line
  line = new Int32Array(256) // lines so far
  fit = new Uint8Array(256)
  hyph = new Uint8Array(256) // consecutive flagged breaks ending here
  total = new Float64Array(256)
  prev = new Int32Array(256)
  /**
   * The node's line is certainly too loose for the pass at every breakpoint whose `progress` is
   * below this (see `totalFit`); -Infinity until the node is found too loose once.
   */
  wake = new Float64Array(256)

  /**
   * A node, its demerits `total` 0: the caller writes them into `total` (a double handed to a
   * call V8 does not inline is boxed, and `totalFit` adds a node at most of its breakpoints).
   */
  add(pos: number, start: number, line: number, fit: number, hyph: number, prev: number): number {
    if (this.n === this.pos.length) this.grow()
    const i = this.n++
    this.pos[i] = pos
    this.start[i] = start
    this.line[i] = line
    this.fit[i] = fit
    this.hyph[i] = hyph
    this.total[i] = 0
    this.prev[i] = prev
    this.wake[i] = Number.NEGATIVE_INFINITY
    return i
  }

  private grow(): void {
    const size = this.n * 2
    const g = <T extends TypedColumn>(a: T): T => grown(a, size)
    this.pos = g(this.pos)
    this.start = g(this.start)
    this.line = g(this.line)
    this.fit = g(this.fit)
    this.hyph = g(this.hyph)
    this.total = g(this.total)
    this.prev = g(this.prev)
    this.wake = g(this.wake)
  }
}

const sharedNodes = new Nodes()
/**
 * The active list and the candidates of a breakpoint, shared by every pass like the nodes: a
 * typed array of more than 64 bytes is allocated outside V8's heap, which costs more than a
 * pass over a short paragraph. The active list is made room for `maxActive` nodes and a
 * breakpoint's candidates beyond them at once: grown in a pass, it took a branch the optimised
 * `totalFit` had never run, which sent it back to the interpreter and to a recompile.
 */
let sharedActive = new Int32Array(2 * BREAK_PARAMETERS.maxActive)
const candNode: number[] = []
const candTotal: number[] = []
const candFit: number[] = []
const candHyph: number[] = []
const candLine: number[] = []
const candKey: number[] = []
/**
 * The paragraph whose items the prefix sums hold: the passes over one paragraph (and its
 * relayouts, which keep its items, `preparedFor`) sum them once. Items never change once
 * prepared; a store prepared again belongs to a new `Prepared`.
 */
let summed: Prepared | undefined
/** How many times the prefix sums were computed (tests). */
export const sumStats = { computed: 0 }
/**
 * What the passes did, summed over every paragraph (tests): the breakpoints visited, the
 * (breakpoint, active node) `pairs` there, and the pairs `evaluated` (their line measured), the
 * others passed over as certainly too loose (see `totalFit`). `skipLoose` false measures every
 * pair (tests: the same breaks either way).
 */
export const fitStats = { passes: 0, breakpoints: 0, pairs: 0, evaluated: 0, opposites: 0, skipLoose: true }
/**
 * Of the summed paragraph: the largest width, stretch (a URL break's, `urlLines`), letter stretch
 * and expanding width a breakpoint adds to the line it ends (an inserted hyphen's), and whether no item's width or stretch is
 * negative (the prefix sums only grow), which the loose-line bound of `totalFit` relies on.
 */
let extraWMax = 0
let extraYMax = 0
let extraLMax = 0
let extraXMax = 0
let growing = true
/**
 * The prefix sums, room for `SUMS_SIZE` items at first (0.8 MB): as for the active list, growing
 * them is a branch the optimised `totalFit` would take for the first time on a long paragraph.
 */
const SUMS_SIZE = 16_384
let sums = {
  w: new Float64Array(SUMS_SIZE),
  y: new Float64Array(SUMS_SIZE),
  z: new Float64Array(SUMS_SIZE),
  l: new Float64Array(SUMS_SIZE),
  m: new Float64Array(SUMS_SIZE),
  x: new Float64Array(SUMS_SIZE),
  g: new Int32Array(SUMS_SIZE),
}

interface PassOptions {
  tolerance: number
  hyphenate: boolean
  /** Stretch every line has besides its glue (ragged setting). */
  lineStretch: number
  widths: Float64Array
  lastLineMin: number
  looseness: number
  /** No limit to consecutive hyphenated lines (a narrow measure, `narrowMeasureEm`). */
  ladders: boolean
}

/** Both kinds of result have every field (one hidden class where `breakParagraph` reads them). */
type PassResult =
  | {
      ok: true
      breaks: number[]
      /** With a looseness: the breaks the same pass gives the opposite looseness. */
      opposite: number[] | undefined
      reason: undefined
    }
  | { ok: false; breaks: undefined; opposite: undefined; reason: 'infeasible' | 'active-limit' }

/** The failed passes' results, made once (no call, which a pass would first make late). */
const INFEASIBLE: PassResult = { ok: false, breaks: undefined, opposite: undefined, reason: 'infeasible' }
const ACTIVE_LIMIT: PassResult = { ok: false, breaks: undefined, opposite: undefined, reason: 'active-limit' }

/** One total-fit pass; returns the break item indices (the last is the final forced break). */
function totalFit(prep: Prepared, o: PassOptions): PassResult {
  const { items } = prep
  const n = items.n
  const type = items.type
  const flags = items.flags
  const width = items.width
  const penalty = items.penalty
  // Prefix sums: sum*[i] covers items [0, i).
  if (sums.w.length < n + 1) {
    summed = undefined
    const size = Math.max(n + 1, sums.w.length * 2)
    sums = {
      w: new Float64Array(size),
      y: new Float64Array(size),
      z: new Float64Array(size),
      l: new Float64Array(size),
      m: new Float64Array(size),
      x: new Float64Array(size),
      g: new Int32Array(size),
    }
  }
  const sumW = sums.w
  const sumY = sums.y
  const sumZ = sums.z
  // Word spaces a line may break at, counted: a last line without one is a runt.
  const sumG = sums.g
  // Letter stretch and shrink, kept apart from the glue's: letters stop at their limit.
  const letters = prep.letters
  const sumL = sums.l
  const sumM = sums.m
  // Font expansion: the width that expands, at the paragraph's limits.
  const sumX = sums.x
  const xStretch = prep.expandStretch
  const xShrink = prep.expandShrink
  const fresh = summed !== prep
  summed = prep
  if (fresh) sumStats.computed++
  if (fresh) {
    sumW[0] = 0
    sumY[0] = 0
    sumZ[0] = 0
    sumG[0] = 0
    extraWMax = 0
    extraYMax = 0
    extraLMax = 0
    extraXMax = 0
    growing = true
    for (let i = 0; i < n; i++) {
      const t = type[i]
      sumG[i + 1] = sumG[i]! + (t === GLUE && items.run[i] !== NO_RUN && (flags[i]! & NO_BREAK) === 0 ? 1 : 0)
      sumW[i + 1] = sumW[i]! + (t === PENALTY ? 0 : width[i]!)
      sumY[i + 1] = sumY[i]! + (t === GLUE ? items.stretch[i]! : 0)
      sumZ[i + 1] = sumZ[i]! + (t === GLUE ? items.shrink[i]! : 0)
      if (!(width[i]! >= 0 && items.lstretch[i]! >= 0 && items.xw[i]! >= 0)) growing = false
      else if (t === PENALTY) {
        if (width[i]! > extraWMax) extraWMax = width[i]!
        if (items.stretch[i]! > extraYMax) extraYMax = items.stretch[i]!
        if (items.lstretch[i]! > extraLMax) extraLMax = items.lstretch[i]!
        if (items.xw[i]! > extraXMax) extraXMax = items.xw[i]!
      } else if (t === GLUE && !(items.stretch[i]! >= 0)) growing = false
    }
    for (let r = 0; r < prep.letterStretch.length; r++) if (!(prep.letterStretch[r]! >= 0)) growing = false
  }
  if (fresh && letters) {
    sumL[0] = 0
    sumM[0] = 0
    sumX[0] = 0
    for (let i = 0; i < n; i++) {
      const t = type[i]
      sumL[i + 1] = sumL[i]! + (t === PENALTY ? 0 : items.lstretch[i]!)
      sumM[i + 1] = sumM[i]! + (t === PENALTY ? 0 : items.lshrink[i]!)
      sumX[i + 1] = sumX[i]! + (t === PENALTY ? 0 : items.xw[i]!)
    }
  }
  const { lead, leadL, leadM, leadEnd } = items
  const widths = o.widths
  const lastWidthIndex = widths.length - 1
  const lastWidth = widths[lastWidthIndex]!
  // Nodes whose lines all have the same width can be merged regardless of line number
  // (TeX's "easy lines"), unless looseness needs the count.
  const byLine = o.looseness !== 0
  fitStats.passes++
  const nodes = sharedNodes
  nodes.n = 0
  nodes.add(-1, 0, 0, 1, 0, -1)
  let active = sharedActive
  active[0] = 0
  let activeCount = 1
  // Candidates for the current breakpoint (the shared `cand*` arrays), keyed by (fitness, hyphen
  // streak, line key).
  const finals: number[] = []
  const xw = items.xw
  const maxBadness = o.tolerance
  const shrinkBadness = letters ? 100 * P.letterSpacedShrinkWeight : 100
  const letterScale = prep.letterScale
  const share = P.letterSpacedShare
  // Most (breakpoint, active node) pairs are lines still too short to stretch to the measure
  // within the tolerance. A node found so once is passed over at the next breakpoints until a
  // lower bound of its line's slack (the room beyond what the line's stretch at the tolerance
  // fills) may have run out; the bound falls by at most the growth of `progress`, the prefix sums
  // weighted as the line's stretch counts them. So the same pairs are measured that could give a
  // candidate, and the result is the same. `looseAt`: a ratio beyond it is beyond the tolerance
  // (a little above the exact threshold, against rounding). Off for the emergency pass.
  const looseAt = maxBadness >= 0 && maxBadness < 1e5 ? Math.cbrt(maxBadness / 100) * (1 + 1e-7) : -1
  const skipping = looseAt >= 0 && looseAt < 10 && growing && fitStats.skipLoose
  const weightL = letters ? letterScale : 0
  const weightX = letters ? xStretch : 0
  passWidths = widths
  passLineStretch = o.lineStretch
  passLooseAt = looseAt

  for (let b = 1; b < n; b++) {
    const t = type[b]!
    let breakable: boolean
    if (t === GLUE) breakable = type[b - 1] === BOX && (flags[b]! & NO_BREAK) === 0
    else if (t === PENALTY)
      breakable = penalty[b]! < INFINITY_PENALTY && (o.hyphenate || (flags[b]! & AUTO) === 0)
    else breakable = false
    if (!breakable) continue
    const forced = t === PENALTY && penalty[b]! <= -INFINITY_PENALTY
    const pen = t === PENALTY ? penalty[b]! : 0
    const flagged = t === PENALTY && (flags[b]! & FLAGGED) !== 0
    const extraW = t === PENALTY ? width[b]! : 0
    // With letter-spacing: the inserted hyphen's glyph spaces too, and the line's last glyph
    // does not (its Tc falls past the line's end).
    let extraL = 0
    let extraM = 0
    let extraX = 0
    if (letters) {
      const hyphen = t === PENALTY && (flags[b]! & INSERT_HYPHEN) !== 0
      // The paragraph's end: its last box comes before the \parfillskip glue and its penalty.
      const last = forced ? b - 3 : b - 1
      const lastRun = hyphen ? items.run[b]! : last >= 0 ? items.run[last]! : NO_RUN
      if (lastRun !== NO_RUN && (hyphen || type[last] === BOX)) {
        extraL = (t === PENALTY ? items.lstretch[b]! : 0) - prep.letterStretch[lastRun]!
        extraM = (t === PENALTY ? items.lshrink[b]! : 0) - prep.letterShrink[lastRun]!
      }
      if (t === PENALTY) extraX = items.xw[b]!
    }
    let cands = 0
    let kept = 0
    fitStats.breakpoints++
    fitStats.pairs += activeCount
    // The forced end is never passed over: every node leaves the active list there.
    const progress = forced
      ? POSITIVE_INFINITY
      : letters
        ? sumW[b]! + weightL * sumL[b]! + weightX * sumX[b]! + looseAt * sumY[b]!
        : sumW[b]! + looseAt * sumY[b]!
    const wake = nodes.wake
    for (let k = 0; k < activeCount; k++) {
      const a = active[k]!
      if (progress < wake[a]!) {
        active[kept++] = a
        continue
      }
      fitStats.evaluated++
      const s = nodes.start[a]!
      const line = nodes.line[a]!
      const W = line < lastWidthIndex ? widths[line]! : lastWidth
      // Natural width, letter stretch and shrink, expanding width: from the prefix sums, with the
      // lead of a line that opens inside a word; a line that also ends inside that word (a piece
      // of it alone) is measured as drawn.
      let L: number
      let Ll = 0
      let Lm = 0
      let X = 0
      if (leadEnd[s]! >= b) {
        const measured = piece(prep, s, b)
        L = measured[0]!
        Ll = measured[1]!
        Lm = measured[2]!
        X = measured[3]!
      } else {
        L = sumW[b]! - sumW[s]! + extraW + lead[s]!
        if (letters) {
          Ll = sumL[b]! - sumL[s]! + extraL + leadL[s]!
          Lm = sumM[b]! - sumM[s]! + extraM + leadM[s]!
          X = sumX[b]! - sumX[s]! + extraX + (xw[s]! > 0 ? lead[s]! : 0)
        }
      }
      let r: number
      if (L < W) {
        let Y = sumY[b]! - sumY[s]! + o.lineStretch
        // A line broken inside a URL, or one of a URL's pieces alone: partly ragged (`urlLines`).
        Y += t === PENALTY ? items.stretch[b]! : Y === 0 ? items.stretch[s]! : 0
        if (letters) {
          // Letters and spaces share the stretch up to the letters' limit (r = 1); past it the
          // spaces alone take the rest, and their ratio is what the line's badness is. Expanding
          // glyphs count with the letters.
          const Yl = Math.max(0, Ll) * letterScale + X * xStretch
          const need = W - L
          if (Y === 0) r = need <= Yl ? need / Yl : POSITIVE_INFINITY
          else if (need <= Y / share + Yl) r = need / (Y + share * Yl)
          else r = (need - Yl) / Y
        } else {
          r = Y > 0 ? (W - L) / Y : POSITIVE_INFINITY
        }
      } else if (L > W) {
        const Z = sumZ[b]! - sumZ[s]!
        // Shared in proportion: past the letters' limit the line is overfull anyway. Without
        // letters `Zl` is 0 and this is the spaces' ratio, (W - L) / Z: one branch for both, as
        // a branch of its own (overfull lines without letters are rare) was first taken after
        // `totalFit` was compiled, and sent it back to the interpreter.
        const Zl = Math.max(0, Lm) + X * xShrink
        const need = L - W
        r = Z + Zl > 0 ? -need / (Z + Zl) : NEGATIVE_INFINITY
      } else {
        r = 0
      }
      if (!(r < -1 || forced)) active[kept++] = a
      if (r < -1) continue
      let hyphStreak = flagged ? nodes.hyph[a]! + 1 : 0
      if (hyphStreak > P.maxConsecutiveHyphens) {
        if (!o.ladders) continue
        hyphStreak = P.maxConsecutiveHyphens
      }
      const badness = r >= 0 ? (r > 10 ? 1e5 : 100 * r * r * r) : -shrinkBadness * r * r * r
      if (badness > maxBadness) {
        // Not a line without glue: a URL break ahead may give it its first piece's stretch.
        if (skipping && r > looseAt && leadEnd[s]! < b && sumY[b]! + o.lineStretch > sumY[s]!)
          looseUntil(prep, a, s, b, line)
        continue
      }
      let d = P.linePenalty + badness
      d *= d
      if (pen > 0) d += pen * pen
      else if (pen < 0 && !forced) d -= pen * pen
      if (flagged && nodes.hyph[a]! > 0) d += P.doubleHyphenDemerits
      if (forced) {
        if (nodes.hyph[a]! > 0) d += P.finalHyphenDemerits
        if (L < o.lastLineMin && line > 0) d += P.shortLastLineDemerits
        if (line > 0 && sumG[b]! === sumG[s]! && o.lineStretch === 0) d += P.runtDemerits
      }
      // Fitness class: 0 tight, 1 decent, 2 loose, 3 very loose. Every comparison is made each
      // time (a class first met after `totalFit` was compiled would send it back).
      const fit = (r < -0.5 ? 0 : 1) + (r <= 0.5 ? 0 : 1) + (r <= 1 ? 0 : 1)
      const df = fit - nodes.fit[a]!
      if (df > 1 || df < -1) d += P.adjacentDemerits
      const total = nodes.total[a]! + d
      const lineKey = byLine || line < lastWidthIndex ? line + 1 : -1
      const key = (lineKey + 2) * 16 + hyphStreak * 4 + fit
      let c = 0
      while (c < cands && candKey[c] !== key) c++
      if (c === cands) {
        cands++
        candKey[c] = key
        candNode[c] = a
        candTotal[c] = total
        candFit[c] = fit
        candHyph[c] = hyphStreak
        candLine[c] = line + 1
      } else if (total < candTotal[c]!) {
        candNode[c] = a
        candTotal[c] = total
        candLine[c] = line + 1
      }
    }
    activeCount = kept
    if (cands > 0) {
      let start = b + 1
      while (start < n && type[start] !== BOX) {
        // Glue and penalties after a break vanish, up to the next box.
        if (type[start] === PENALTY && penalty[start]! <= -INFINITY_PENALTY) break
        start++
      }
      for (let c = 0; c < cands; c++) {
        // A way in that costs more than the best of its group plus the largest future saving
        // (one adjacency penalty) can never win.
        const group = candKey[c]! >> 2
        let best = POSITIVE_INFINITY
        for (let e = 0; e < cands; e++) {
          if (candKey[e]! >> 2 === group && candTotal[e]! < best) best = candTotal[e]!
        }
        if (candTotal[c]! > best + P.adjacentDemerits) continue
        const node = nodes.add(b, start, candLine[c]!, candFit[c]!, candHyph[c]!, candNode[c]!)
        nodes.total[node] = candTotal[c]!
        if (forced) {
          finals.push(node)
          continue
        }
        if (activeCount === active.length) {
          const grown = new Int32Array(active.length * 2)
          grown.set(active)
          active = grown
          sharedActive = grown
        }
        active[activeCount++] = node
      }
    }
    if (activeCount > P.maxActive) return ACTIVE_LIMIT
    if (activeCount === 0 && !forced) return INFEASIBLE
  }
  if (finals.length === 0) return INFEASIBLE
  let best = finals[0]!
  for (const f of finals) if (nodes.total[f]! < nodes.total[best]!) best = f
  // A looseness pass keeps its nodes by line count whichever way the looseness goes: the one
  // pass answers both (the page composer asks for a line fewer and a line more in turn). Both
  // are found for every pass (a looseness of 0 finds `best` twice): calls made only after a
  // looseness pass had no feedback in a `totalFit` compiled before one, and code compiled for
  // the loop of a long paragraph (on-stack replacement) is not dropped when it bails out
  // there: it did so at the end of each looseness pass.
  const breaks = breaksTo(nodes, loosest(nodes, finals, best, o.looseness))
  const opposite = breaksTo(nodes, loosest(nodes, finals, best, -o.looseness))
  return { ok: true, breaks, opposite: o.looseness === 0 ? undefined : opposite, reason: undefined }
}

/** TeX's \looseness: the final node whose line count is nearest best's + looseness, then fewest demerits. */
function loosest(nodes: Nodes, finals: number[], best: number, looseness: number): number {
  let chosen = best
  const target = nodes.line[best]! + looseness
  for (const f of finals) {
    const dist = Math.abs(nodes.line[f]! - target)
    const chosenDist = Math.abs(nodes.line[chosen]! - target)
    if (dist < chosenDist || (dist === chosenDist && nodes.total[f]! < nodes.total[chosen]!)) chosen = f
  }
  return chosen
}

/** The break items from the paragraph's start to final node `end`. */
function breaksTo(nodes: Nodes, end: number): number[] {
  const breaks: number[] = []
  for (let a = end; a > 0; a = nodes.prev[a]!) breaks.push(nodes.pos[a]!)
  breaks.reverse()
  return breaks
}

/**
 * The numbers of the pass `looseUntil` reads, set by `totalFit` before its loop. Handed over as
 * arguments, a double is boxed at each call V8 does not inline (the command's smaller inlining
 * budget left this one out): a heap number for each of War and Peace's million loose lines.
 */
let passWidths: Float64Array = new Float64Array(1)
let passLineStretch = 0
let passLooseAt = 0

/**
 * For active node `a`, whose line (from item `s`, number `line` of the pass's widths, its width
 * `W` read as `totalFit` reads it) was found too loose at breakpoint `b0` (its ratio beyond
 * `looseAt`), its `wake`: the `progress` (`totalFit`) below which it stays too loose at every
 * later breakpoint of the pass. Its slack, the need `W - L` less what the stretch fills at
 * `looseAt` (`Yl + looseAt * Y`, letters and expansion as `totalFit` counts them), is positive
 * exactly when the ratio is beyond `looseAt`, whatever branch the ratio takes; and from `b0` on
 * it falls by at most the growth of `progress`, once a breakpoint's own additions (an inserted
 * hyphen's width, a URL break's stretch, letter stretch and expansion) are taken at their largest in the paragraph and
 * the letter stretch counted as if it were never negative. -Infinity (never passed over) where a
 * line's expanding width could be negative, lowered a little against rounding.
 */
function looseUntil(prep: Prepared, a: number, s: number, b0: number, line: number): void {
  const widths = passWidths
  const W = line < widths.length - 1 ? widths[line]! : widths[widths.length - 1]!
  const lineStretch = passLineStretch
  const looseAt = passLooseAt
  const { items } = prep
  const lead = items.lead[s]!
  let bound = W - lead - extraWMax - looseAt * (lineStretch + extraYMax) + sums.w[s]! + looseAt * sums.y[s]!
  if (prep.letters) {
    const scale = prep.letterScale
    const xStretch = prep.expandStretch
    const xl = items.xw[s]! > 0 ? lead : 0
    if (sums.x[b0]! - sums.x[s]! + xl < 0) {
      sharedNodes.wake[a] = NEGATIVE_INFINITY
      return
    }
    const ll = sums.l[b0]! - sums.l[s]! + items.leadL[s]! + extraLMax
    bound +=
      -xStretch * (extraXMax + xl) - scale * Math.max(0, ll) + scale * sums.l[b0]! + xStretch * sums.x[s]!
  }
  sharedNodes.wake[a] = bound - (Math.abs(bound) * 1e-9 + 1e-6)
}

/**
 * A line that opens inside a word (box `s`, after a hyphen or dash) and ends inside it too (at
 * penalty `b`): measured as drawn, the piece alone plus any inserted hyphen. Returns the natural
 * width, the letter stretch and shrink (the last glyph's Tc is past the line's end) and the
 * expanding width (in `pieceOut`, until the next call). Rare (a line holding one piece of a
 * word), so measured on demand.
 */
function piece(prep: Prepared, s: number, b: number): Float64Array {
  const r = prep.items.run[s]!
  const spaced = prep.letterStretch[r]! + prep.letterShrink[r]! > 0
  const [w, g] = pieceShape(prep, s, b, spaced)
  pieceOut[0] = w
  if (!prep.letters) {
    pieceOut[1] = pieceOut[2] = pieceOut[3] = 0
    return pieceOut
  }
  const glyphs = Math.max(0, g - 1)
  pieceOut[1] = glyphs * prep.letterStretch[r]!
  pieceOut[2] = glyphs * prep.letterShrink[r]!
  pieceOut[3] = prep.expands[r] ? w : 0
  return pieceOut
}

/**
 * `piece`'s answer, one array for every call: an array literal returned and taken apart in
 * `totalFit` made the line's natural width there a boxed number, allocated for every pair of
 * breakpoint and active node the loop measured (some 200 MB in a War and Peace PDF).
 */
const pieceOut = new Float64Array(4)

/** Widths and glyph counts of word pieces (see `piece`), per measurer, face, size and letterforms. */
const pieceCaches = new WeakMap<Measurer, Map<string, [number, number]>>()

/**
 * The width and (with `glyphs`, else 0) the glyph count of the piece of a word from box `s` to
 * penalty `b`, with the hyphen it inserts: measured once per distinct piece.
 */
function pieceShape(prep: Prepared, s: number, b: number, glyphs: boolean): [number, number] {
  // Pieces lie within one token, so the key is exact up to tokens of 4096 items.
  const own = b - s < 4096 ? s * 4096 + (b - s) : -1
  const kept = own >= 0 ? prep.pieces?.get(own) : undefined
  if (kept !== undefined && (!glyphs || kept[1] >= 0)) return [kept[0], glyphs ? kept[1] : 0]
  pieceStats.measured++
  const { items, measurer } = prep
  const r = items.run[s]!
  const run = prep.runs[r]!
  const hyphen = items.type[b] === PENALTY && (items.flags[b]! & INSERT_HYPHEN) !== 0
  const text = stripSoft(prep.texts[r]!.slice(items.start[s]!, items.start[b]!)) + (hyphen ? '-' : '')
  let cache = pieceCaches.get(measurer)
  if (!cache) {
    cache = new Map()
    pieceCaches.set(measurer, cache)
  }
  const key = `${run.style}|${run.size}|${letterformsOf(run) ?? ''}|${text}`
  let hit = cache.get(key)
  if (!hit) {
    if (cache.size >= SHAPE_CACHE_LIMIT) cache.clear()
    hit = [widthOf(measurer, text, run), -1]
    cache.set(key, hit)
  }
  if (glyphs && hit[1] < 0) hit[1] = glyphsOf(measurer, text, run)
  if (own >= 0) {
    prep.pieces ??= new Map()
    prep.pieces.set(own, [hit[0], hit[1]])
  }
  return [hit[0], glyphs ? hit[1] : 0]
}

/** How many word pieces were looked up beyond the paragraph's own (tests). */
export const pieceStats = { measured: 0 }

/**
 * Where a line ends: an item index, or a cut inside a box (first-fit only). Every cut has both
 * fields (`cutAt`), and the total-fit passes' cuts come in an array made as first fit's is
 * (`cutsAt`): `buildLines` reads both kinds.
 */
interface Cut {
  item: number
  /** For a cut inside box `item`: the text offset in its run where the next line starts. */
  offset: number | undefined
}

function cutAt(item: number, offset?: number): Cut {
  return { item, offset }
}

/** The cuts at the break items of a pass. */
function cutsAt(breaks: number[]): Cut[] {
  const cuts: Cut[] = []
  for (const item of breaks) cuts.push(cutAt(item))
  return cuts
}

/** The first item (and text offset in it, or -1) of the line after `cut`. */
function nextLineStart(items: Items, cut: Cut): [number, number] {
  let i: number
  let carry = -1
  if (cut.offset !== undefined && cut.offset < items.end[cut.item]!) {
    i = cut.item
    carry = cut.offset
  } else {
    i = cut.item + 1
  }
  // Glue and penalties after a break vanish, up to the next box (or the end).
  if (carry < 0) {
    while (i < items.n && items.type[i] !== BOX && !isForced(items, i)) i++
  }
  return [i, carry]
}

function isForced(items: Items, i: number): boolean {
  return items.type[i] === PENALTY && items.penalty[i]! <= -INFINITY_PENALTY
}

/**
 * First-fit breaking (what pdfkit's LineWrapper does, plus hyphen points): linear, always
 * succeeds. A box that fits on no line is cut between characters (at least one per line).
 */
function firstFit(
  prep: Prepared,
  widths: Float64Array,
  measurer: Measurer,
  hyphenate: boolean,
  ladders: boolean,
): Cut[] {
  const { items } = prep
  const { type, width, penalty, flags } = items
  const cuts: Cut[] = []
  let i = 0
  let carry = -1
  // Lines just set that end in a hyphen: past the limit a hyphen break is no candidate, as in
  // the total-fit passes (a line is cut inside a word instead when nothing else fits).
  let streak = 0
  for (let lineNo = 0; ; lineNo++) {
    const W = widths[Math.min(lineNo, widths.length - 1)]!
    let L = 0
    let content = false
    let lastBreak = -1
    let cut: Cut | undefined
    for (let j = i; j < items.n && !cut; j++) {
      const t = type[j]!
      if (t === PENALTY) {
        if (penalty[j]! <= -INFINITY_PENALTY) cut = cutAt(j)
        else if (
          penalty[j]! < INFINITY_PENALTY &&
          (hyphenate || (flags[j]! & AUTO) === 0) &&
          ((flags[j]! & FLAGGED) === 0 || ladders || streak < P.maxConsecutiveHyphens) &&
          L + width[j]! <= W
        ) {
          lastBreak = j
        }
        continue
      }
      if (t === GLUE) {
        if (type[j - 1] === BOX && (flags[j]! & NO_BREAK) === 0 && items.run[j] !== NO_RUN) lastBreak = j
        L += width[j]!
        continue
      }
      const r = items.run[j]!
      const from = j === i && carry >= 0 ? carry : items.start[j]!
      let w = width[j]!
      if (from !== items.start[j]) {
        const run = prep.runs[r]!
        w = widthOf(measurer, stripSoft(prep.texts[r]!.slice(from, items.end[j]!)), run)
      }
      if (L + w > W && r !== NO_RUN) {
        if (lastBreak >= 0) {
          cut = cutAt(lastBreak)
          break
        }
        const at = splitPoint(prep, measurer, j, from, W - L, !content)
        if (at < items.end[j]!) {
          cut = cutAt(j, at)
          break
        }
      }
      L += w
      if (r !== NO_RUN) content = true
    }
    if (!cut) cut = cutAt(items.n - 1)
    if (isForced(items, cut.item) && !content && cuts.length > 0) {
      // Only vanishing items were left: the previous line is the last.
      cuts[cuts.length - 1] = cut
      break
    }
    cuts.push(cut)
    if (isForced(items, cut.item)) break
    streak =
      cut.offset === undefined && type[cut.item] === PENALTY && (flags[cut.item]! & FLAGGED) !== 0
        ? streak + 1
        : 0
    ;[i, carry] = nextLineStart(items, cut)
  }
  return cuts
}

/**
 * Where to cut box `j` (read from text offset `from`) so its head fits in `room`. With
 * `atLeastOne`, the head has at least one code point even if it does not fit.
 */
function splitPoint(
  prep: Prepared,
  measurer: Measurer,
  j: number,
  from: number,
  room: number,
  atLeastOne: boolean,
): number {
  const r = prep.items.run[j]!
  const run = prep.runs[r]!
  const text = prep.texts[r]!
  const end = prep.items.end[j]!
  let w = 0
  let k = from
  while (k < end) {
    const step = isHighSurrogate(text.charCodeAt(k)) && k + 1 < end ? 2 : 1
    const cw = widthOf(measurer, text.slice(k, k + step), run)
    if (w + cw > room && (k > from || !atLeastOne)) break
    w += cw
    k += step
  }
  return k
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff
}

function stripSoft(s: string): string {
  return s.includes('\u00AD') ? s.replace(/\u00AD/g, '') : s
}

/** Word spaces, breakable or not: each one a justified gap (the breaker's text has no runs of U+0020). */
const SPACES = /[^\S\u2009\u200A\u202F]+/g

/**
 * The width `text` is drawn at with a non-zero `wordSpacing`: each word shaped alone, each word
 * space (any `\s` but the fixed spaces, NBSP included) one space wide; fixed spaces are part of
 * their word. Returns [width, gaps, glyphs
 * of the words] (glyphs counted only when `glyphs` is set).
 */
function drawnWidth(
  text: string,
  run: StyledRun,
  space: number,
  measurer: Measurer,
  glyphs: boolean,
): [number, number, number] {
  if (run.superscript) {
    return [widthOf(measurer, text, run), 0, glyphs ? glyphsOf(measurer, text, run) : 0]
  }
  let w = 0
  let gaps = 0
  let g = 0
  let last = 0
  SPACES.lastIndex = 0
  for (let m = SPACES.exec(text); m; m = SPACES.exec(text)) {
    if (m.index > last) {
      const word = text.slice(last, m.index)
      w += widthOf(measurer, word, run)
      if (glyphs) g += glyphsOf(measurer, word, run)
    }
    gaps += m[0].length
    last = m.index + m[0].length
  }
  if (last < text.length) {
    const word = last === 0 ? text : text.slice(last)
    w += widthOf(measurer, word, run)
    if (glyphs) g += glyphsOf(measurer, word, run)
  }
  return [w + gaps * space, gaps, g]
}

/**
 * A run placed on a line: the run's fields with its text on the line and where it is set, every
 * field present (undefined where the run or the paragraph has none), in one order. Placed runs of
 * one shape are what the composer and the drawing read, line after line: each field added only
 * when set gave them a dozen shapes (a link, an anchor, letter-spacing), and the code reading them
 * was compiled again at each new one.
 */
function placedRun(
  run: StyledRun,
  text: string,
  x: number,
  width: number,
  wordSpacing: number,
  characterSpacing: number | undefined,
  expansion: number | undefined,
): PlacedRun {
  return {
    text,
    style: run.style,
    size: run.size,
    superscript: run.superscript,
    smallCaps: run.smallCaps,
    capitals: run.capitals,
    shift: run.shift,
    underline: run.underline,
    strike: run.strike,
    link: run.link,
    anchor: run.anchor,
    noHyphenate: run.noHyphenate,
    lang: run.lang,
    x,
    width,
    wordSpacing,
    characterSpacing,
    expansion,
  }
}

/** Build the output lines from the chosen breaks. */
function buildLines(
  prep: Prepared,
  cuts: Cut[],
  spec: Paragraph,
  widths: Float64Array,
  measurer: Measurer,
): Line[] {
  const { items, runs, texts, spaces } = prep
  const { type, flags } = items
  const lines: Line[] = []
  const justify = spec.align === 'justify'
  let i = 0
  let carry = -1
  // The line's segments: `segs` of them, in arrays kept at their longest from line to line, not
  // cut back (an array cut to length 0 lets its store go, and every line grew eight anew).
  let segs = 0
  const segRun: number[] = []
  const segText: string[] = []
  const segWidth: number[] = []
  const segGaps: number[] = []
  const segGlyphs: number[] = []
  // A segment's text while it is the run's own text from `segFrom` to `segTo` (each box as
  // written, each gap one U+0020 where the source has one): taken as one slice at the end of
  // the line, not built up word by word. `segJoined` is set once it is not (a soft hyphen, a
  // gap of other white space, the inserted hyphen) and holds the text built so far.
  const segFrom: number[] = []
  const segTo: number[] = []
  const segJoined: (string | undefined)[] = []
  // Per run, 1 where its text has a soft hyphen: typed, of one hidden class whatever the texts
  // (the optimised `buildLines` bailed out at the array a map of them made, "wrong map").
  const soft = new Uint8Array(texts.length)
  for (let r = 0; r < texts.length; r++) soft[r] = texts[r]!.includes('\u00AD') ? 1 : 0
  // `glyphs` counts the glyphs of words only; each gap is one more (the space's own Tc).
  // `piece` undefined: the run's text from `from` to `to` as written. One closure for all the
  // lines (it reads only the segment arrays). The width is item `item`'s: a width handed over
  // would be a double boxed at each call V8 does not inline.
  const add = (
    r: number,
    from: number,
    to: number,
    piece: string | undefined,
    item: number,
    gap: number,
    glyphs: number,
  ): void => {
    const w = items.width[item]!
    const k = segs - 1
    if (k >= 0 && segRun[k] === r) {
      const joined = segJoined[k]
      if (joined === undefined && piece === undefined && from === segTo[k]) segTo[k] = to
      else
        segJoined[k] =
          (joined ?? texts[r]!.slice(segFrom[k], segTo[k])) + (piece ?? texts[r]!.slice(from, to))
      segWidth[k] = segWidth[k]! + w
      segGaps[k] = segGaps[k]! + gap
      segGlyphs[k] = segGlyphs[k]! + glyphs
    } else {
      segRun[segs] = r
      segFrom[segs] = from
      segTo[segs] = to
      segJoined[segs] = piece
      segWidth[segs] = w
      segGaps[segs] = gap
      segGlyphs[segs] = glyphs
      segs++
    }
  }
  for (let li = 0; li < cuts.length; li++) {
    const cut = cuts[li]!
    const last = li === cuts.length - 1
    const W = widths[Math.min(li, widths.length - 1)]!
    // A line cut inside a word (first-fit only) is measured word by word; others from items.
    const exact = carry >= 0 || cut.offset !== undefined
    segs = 0
    let indentX = 0
    const limit = cut.offset !== undefined ? cut.item + 1 : cut.item
    for (let j = i; j < limit; j++) {
      const r = items.run[j]!
      if (type[j] === BOX) {
        if (r === NO_RUN) {
          indentX += items.width[j]!
          continue
        }
        const from = j === i && carry >= 0 ? carry : items.start[j]!
        const to = j === cut.item && cut.offset !== undefined ? cut.offset : items.end[j]!
        if (to > from)
          add(r, from, to, soft[r] ? stripSoft(texts[r]!.slice(from, to)) : undefined, j, 0, items.glyphs[j]!)
      } else if (type[j] === GLUE && r !== NO_RUN) {
        const start = items.start[j]!
        const end = items.end[j]!
        // A breakable gap is drawn as one U+0020, whatever white space the source has there.
        const asWritten = flags[j]! & NO_BREAK || (end === start + 1 && texts[r]!.charCodeAt(start) === 32)
        add(r, start, end, asWritten ? undefined : ' ', j, 1, 0)
      }
    }
    // A CJK bracket opening the line hangs its blank half before the measure (`cjkHang`).
    const hang = carry < 0 && segs > 0 ? items.hang[i]! : 0
    if (hang > 0) {
      indentX -= hang
      if (!exact) segWidth[0] = segWidth[0]! + hang + items.lead[i]!
    }
    let kind: BreakKind
    let hyphenated = false
    if (cut.offset !== undefined) kind = 'emergency'
    else if (last) kind = 'last'
    else if (type[cut.item] === GLUE) kind = 'space'
    else if (flags[cut.item]! & INSERT_HYPHEN) {
      kind = 'hyphen'
      hyphenated = true
      const at = items.start[cut.item]!
      add(items.run[cut.item]!, at, at, '-', cut.item, 0, items.glyphs[cut.item]!)
    } else kind = 'explicit'
    for (let k = 0; k < segs; k++) segText[k] = segJoined[k] ?? texts[segRun[k]!]!.slice(segFrom[k], segTo[k])
    if (exact) {
      for (let k = 0; k < segs; k++) {
        const r = segRun[k]!
        const [w, gaps, glyphs] = drawnWidth(segText[k]!, runs[r]!, spaces[r]!, measurer, prep.letters)
        segWidth[k] = w
        segGaps[k] = gaps
        segGlyphs[k] = glyphs
      }
    } else if (items.leadEnd[i]! >= 0 && segs > 0) {
      // The line opens inside a word (after a hyphen or dash): the rest of it is drawn alone,
      // as the breaker measured it (its lead, or the piece alone when the line ends inside it).
      const spaced = prep.letters && prep.letterStretch[segRun[0]!]! + prep.letterShrink[segRun[0]!]! > 0
      if (cut.item <= items.leadEnd[i]!) {
        const [w, g] = pieceShape(prep, i, cut.item, spaced)
        segWidth[0] = w
        if (spaced) segGlyphs[0] = g
      } else {
        segWidth[0] = segWidth[0]! + items.lead[i]!
        if (spaced) segGlyphs[0] = segGlyphs[0]! + items.leadG[i]!
      }
    }
    let gaps = 0
    for (let k = 0; k < segs; k++) gaps += segGaps[k]!
    const url = justify ? urlStretchOf(items, i, cut.item, gaps) : 0
    if (prep.letters) {
      lines.push(
        placeSpaced(
          prep,
          W,
          last,
          indentX,
          segs,
          segRun,
          segText,
          segWidth,
          segGaps,
          segGlyphs,
          hyphenated,
          kind,
          url,
        ),
      )
      ;[i, carry] = nextLineStart(items, cut)
      continue
    }
    let natural = indentX
    let stretch = 0
    let shrink = 0
    for (let k = 0; k < segs; k++) {
      const r = segRun[k]!
      natural += segWidth[k]!
      stretch += segGaps[k]! * spaces[r]! * P.stretch
      shrink += segGaps[k]! * spaces[r]! * P.shrink
    }
    let ratio = 0
    if (justify && W !== Number.POSITIVE_INFINITY) {
      const extra = W - natural
      if (extra > 0 && !last && stretch + url > 0) ratio = extra / (stretch + url)
      else if (extra < 0 && shrink > 0) ratio = Math.max(-1, extra / shrink)
    }
    let x = indentX
    if (spec.align === 'center' && W !== Number.POSITIVE_INFINITY) x += (W - natural) / 2
    else if (spec.align === 'right' && W !== Number.POSITIVE_INFINITY) x += W - natural
    const placed: PlacedRun[] = []
    let spaceRatio = 1
    let ratioSet = false
    for (let k = 0; k < segs; k++) {
      const r = segRun[k]!
      const space = spaces[r]!
      const perSpace =
        ratio === 0 || segGaps[k] === 0 ? 0 : ratio * space * (ratio > 0 ? P.stretch : P.shrink)
      const w = segWidth[k]! + perSpace * segGaps[k]!
      placed.push(placedRun(runs[r]!, segText[k]!, x, w, perSpace, undefined, undefined))
      if (!ratioSet && segGaps[k]! > 0 && space > 0) {
        spaceRatio = (space + perSpace) / space
        ratioSet = true
      }
      x += w
    }
    lines.push({ runs: placed, width: x, hyphenated, last, spaceRatio, breakKind: kind })
    ;[i, carry] = nextLineStart(items, cut)
  }
  return lines
}

/**
 * The stretch a line from item `start` to break `end`, with `gaps` word spaces, has besides its
 * spaces' for being broken inside a URL (`urlLines`), as `totalFit` counts it.
 */
function urlStretchOf(items: Items, start: number, end: number, gaps: number): number {
  if (items.type[end] === PENALTY) return items.stretch[end]!
  return gaps === 0 ? items.stretch[start]! : 0
}

/**
 * Place a letter-spaced or expanded line's runs: word spaces and letters share the adjustment in
 * proportion to their stretch (or shrink), letters up to their limit, spaces beyond; expanding
 * glyphs count with the letters, at the same ratio of their limit. Widths are what is drawn with
 * `wordSpacing`, `characterSpacing` and `expansion`: every glyph, each space included, is
 * followed by the Tc; the last glyph's Tc is past the line's end and not counted; expanded
 * glyphs are `expansion` times their width, word spaces are not expanded. The line's `n`
 * segments are the first `n` of the `seg*` arrays; `url` is its stretch for ending inside a URL
 * (`urlStretchOf`), which nothing fills.
 */
function placeSpaced(
  prep: Prepared,
  W: number,
  last: boolean,
  indentX: number,
  n: number,
  segRun: number[],
  segText: string[],
  segWidth: number[],
  segGaps: number[],
  segGlyphs: number[],
  hyphenated: boolean,
  kind: BreakKind,
  url: number,
): Line {
  const { runs, spaces, letterStretch, letterShrink, expands } = prep
  const expansion = prep.expansion
  // The letter stretch of the pass that set the line: each run's times this (1 but in the
  // emergency pass; no copy of the array, whose map call was a rare branch).
  const scale = prep.letterScale
  const tail = n > 0 && segGlyphs[n - 1]! + segGaps[n - 1]! > 0 ? segRun[n - 1]! : -1
  let natural = indentX
  let stretch = 0
  let shrink = 0
  let lstretch = tail >= 0 ? -(letterStretch[tail]! * scale) : 0
  let lshrink = tail >= 0 ? -letterShrink[tail]! : 0
  // The glyphs' width, which expands (word spaces do not).
  let expanding = 0
  for (let k = 0; k < n; k++) {
    const r = segRun[k]!
    const glyphs = segGlyphs[k]! + segGaps[k]!
    natural += segWidth[k]!
    stretch += segGaps[k]! * spaces[r]! * P.stretch
    shrink += segGaps[k]! * gapShrink(spaces[r]!, letterShrink[r]!)
    lstretch += glyphs * (letterStretch[r]! * scale)
    lshrink += glyphs * letterShrink[r]!
    if (expands[r]) expanding += segWidth[k]! - segGaps[k]! * spaces[r]!
  }
  lstretch = Math.max(0, lstretch) + expanding * prep.expandStretch
  // A line broken inside a URL falls short by a share of the need, as its spaces would stretch.
  stretch += url
  lshrink = Math.max(0, lshrink) + expanding * prep.expandShrink
  // Ratios for the spaces (rs) and the letters (rl): equal while the letters are within limits.
  let rs = 0
  let rl = 0
  // Stretching, letters reach their limit when the spaces are at 1 / share of theirs (see
  // `letterSpacedShare`); shrinking, both go in proportion.
  const share = P.letterSpacedShare
  if (W !== Number.POSITIVE_INFINITY) {
    const extra = W - natural
    if (extra > 0 && !last && stretch + lstretch > 0) {
      if (stretch === 0) rl = Math.min(1, extra / lstretch)
      else if (extra <= stretch / share + lstretch) {
        rs = extra / (stretch + share * lstretch)
        rl = lstretch > 0 ? share * rs : 0
      } else {
        rl = lstretch > 0 ? 1 : 0
        rs = (extra - lstretch) / stretch
      }
    } else if (extra < 0 && shrink + lshrink > 0) {
      // Never past -1, where the word gaps reach their floor (`gapShrink`): the passes set no
      // tighter line, so this only keeps rounding from crossing it.
      rs = rl = Math.max(-1, extra / (shrink + lshrink))
    }
  }
  // The line's expansion: one factor for all its expanding runs.
  const expand = rl === 0 ? 0 : rl * (rl > 0 ? prep.expandStretch : prep.expandShrink)
  let x = indentX
  const placed: PlacedRun[] = []
  let spaceRatio = 1
  let ratioSet = false
  for (let k = 0; k < n; k++) {
    const r = segRun[k]!
    const space = spaces[r]!
    const perSpace =
      rs === 0 || segGaps[k] === 0
        ? 0
        : rs * (rs > 0 ? space * P.stretch : gapShrink(space, letterShrink[r]!))
    const limit = rl > 0 ? letterStretch[r]! * scale : letterShrink[r]!
    const perGlyph = rl === 0 || limit === 0 ? 0 : rl * limit
    const tc = (segGlyphs[k]! + segGaps[k]! - (k === n - 1 && r === tail ? 1 : 0)) * perGlyph
    const e = expands[r] ? expand : 0
    const w = segWidth[k]! + e * (segWidth[k]! - segGaps[k]! * space) + perSpace * segGaps[k]! + tc
    placed.push(placedRun(runs[r]!, segText[k]!, x, w, perSpace, perGlyph, expansion ? 1 + e : undefined))
    if (!ratioSet && segGaps[k]! > 0 && space > 0) {
      spaceRatio = (space + perSpace + perGlyph) / space
      ratioSet = true
    }
    x += w
  }
  return { runs: placed, width: x, hyphenated, last, spaceRatio, breakKind: kind }
}

/**
 * The line widths as a `Float64Array`: a plain array of them is of small integers or of doubles
 * as the widths happen to be, two hidden classes to every read in the passes.
 */
function sanitiseWidths(lineWidths: number[]): Float64Array {
  // Counted, then copied: no array between (a paragraph's two made 11 MB of garbage in a War and
  // Peace PDF, broken 18,000 times with its re-breaks).
  let n = 0
  for (const w of lineWidths) if (Number.isFinite(w) || w === Number.POSITIVE_INFINITY) n++
  if (n === 0) return Float64Array.of(Number.POSITIVE_INFINITY)
  const widths = new Float64Array(n)
  let i = 0
  for (const w of lineWidths)
    if (Number.isFinite(w) || w === Number.POSITIVE_INFINITY) widths[i++] = Math.max(0, w)
  return widths
}

/** See `BreakParagraph` in types.ts. Never throws on any text; bad widths are clamped. */
export const breakParagraph: BreakParagraph = (spec, measurer) => {
  const widths = sanitiseWidths(spec.lineWidths)
  const justify = spec.align === 'justify'
  const wantHyphens = spec.hyphenate ?? justify
  let hyphenator: Hyphenator | undefined
  let hyphenationUnavailable: string | undefined
  // Chinese, Japanese and Korean break between characters, not inside words: nothing is missing.
  // Nor are Vietnamese words, each syllable a word of its own.
  if (wantHyphens && !breaksBetweenCharacters(spec.language) && !neverHyphenated(spec.language)) {
    const found = hyphenatorFor(spec.language)
    if (found.ok) hyphenator = found.hyphenator
    else hyphenationUnavailable = found.reason
  }
  const em = spec.runs.find((r) => !r.superscript)?.size ?? spec.runs[0]?.size ?? 10
  const lastLineMin =
    spec.lastLineMin ??
    Math.max(
      (breaksBetweenCharacters(spec.language) ? CJK_LAST_LINE_MIN_EM : P.lastLineMinEm) * em,
      Number.isFinite(spec.indent) ? Math.max(0, spec.indent) : 0,
    )
  const looseness = Math.max(-1, Math.min(1, Math.trunc(spec.looseness ?? 0)))
  const lineStretch = justify ? 0 : P.raggedStretchEm * em
  let widest = 0
  for (const w of widths) widest = Math.max(widest, w)
  const ladders = !justify && widest < P.narrowMeasureEm * em
  const paragraph = paragraphOf(spec)

  // Every field present, undefined where it does not apply: a layout of one shape whether it
  // fell back or not, for the composer's reads.
  const finish = (
    prep: Prepared,
    cuts: Cut[],
    pass: NonNullable<ParagraphLayout['pass']>,
    fallbackReason?: ParagraphLayout['fallbackReason'],
  ): ParagraphLayout => ({
    // Not of the count asked for: no lines built (a page tried this re-break and will drop it).
    lines:
      spec.lineCount !== undefined && cuts.length !== spec.lineCount
        ? []
        : buildLines(prep, cuts, paragraph, widths, measurer),
    fallback: fallbackReason !== undefined,
    fallbackReason,
    pass,
    hyphenationUnavailable: hyphenationUnavailable || undefined,
  })

  // Pattern points are prepared once and simply ignored by the first pass.
  const prep = preparedFor(paragraph, measurer, hyphenator)
  if (prep.items.n > P.maxItems) {
    const cuts = firstFit(prep, widths, measurer, false, ladders)
    return finish(prep, cuts, 'greedy', 'too-long')
  }
  let failure: 'infeasible' | 'active-limit' = 'infeasible'
  const passes: { tolerance: number; hyphenate: boolean; name: NonNullable<ParagraphLayout['pass']> }[] = []
  // TeX skips the first pass when looseness is asked for: it wants every option open. Looseness
  // is never pursued into the emergency pass (a longer paragraph of gaping lines is no cure).
  const pretolerance = prep.letters ? P.letterSpacedPretolerance : P.pretolerance
  const firstPass = looseness === 0 && pretolerance >= 0
  if (firstPass) passes.push({ tolerance: pretolerance, hyphenate: false, name: 'pretolerance' })
  passes.push({ tolerance: P.tolerance, hyphenate: prep.hasAuto, name: 'tolerance' })
  passes.push({ tolerance: P.emergencyTolerance, hyphenate: prep.hasAuto, name: 'emergency' })
  for (const pass of passes) {
    // Without pattern points the second pass can only differ by its tolerance: kept as it was for
    // plain paragraphs, run for letter-spaced ones (whose first pass may have been skipped).
    if (pass.name === 'tolerance' && !prep.hasAuto && looseness === 0 && !prep.letters) continue
    const loose = pass.name === 'emergency' ? 0 : looseness
    // A looseness the last looseness pass over these items and widths answered too.
    const kept = loose !== 0 && pass.name === 'tolerance' ? prep.opposite : undefined
    if (
      kept &&
      kept.looseness === loose &&
      kept.lineStretch === lineStretch &&
      Object.is(kept.lastLineMin, lastLineMin) &&
      sameWidths(kept.widths, widths)
    ) {
      fitStats.opposites++
      return finish(prep, cutsAt(kept.breaks), pass.name)
    }
    prep.letterScale = pass.name === 'emergency' ? prep.emergencyLetterScale : 1
    const result = totalFit(prep, {
      tolerance: pass.tolerance,
      hyphenate: pass.hyphenate,
      lineStretch,
      widths,
      lastLineMin,
      looseness: loose,
      ladders,
    })
    if (result.ok) {
      if (result.opposite)
        prep.opposite = { looseness: -loose, widths, lastLineMin, lineStretch, breaks: result.opposite }
      return finish(prep, cutsAt(result.breaks), pass.name)
    }
    failure = result.reason
    if (failure === 'active-limit') break
  }
  prep.letterScale = 1
  const cuts = firstFit(prep, widths, measurer, hyphenator !== undefined, ladders)
  return finish(prep, cuts, 'greedy', failure === 'active-limit' ? 'active-limit' : 'overfull')
}
