/**
 * The shared state of one typesetting pass and the paragraph-to-lines step every block handler
 * uses: build a `ParagraphSpec`, break it (`breaker.ts`), and wrap each line in a `LineBox` with
 * its height, baseline, offset, structure element and footnote references.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import type { Env } from '../../env.js'
import type { Chapter, Node } from '../../model/types.js'
import { breakParagraph } from './breaker.js'
import type { FontSet } from './fonts.js'
import { FONT_EXPANSION, LETTER_SPACING } from './layout/break.js'
import type { ParagraphLayout, ParagraphSpec, StyledRun } from './layout/types.js'
import type { FontMeasurer } from './measure.js'
import type { Settings } from './options.js'
import type { Composer, LineBox, StructHandle } from './pages.js'
import { visible } from './visible.js'

export interface Typesetter {
  settings: Settings
  fonts: FontSet
  measurer: FontMeasurer
  composer: Composer
  env: Env
  /** Where diagnostics go. */
  file: SourceFile
  language: string
  /** Named destinations that exist (chapter and part ids), for `#id` links. */
  dests: Set<string>
  /** Characters already reported as missing (and other once-only reports). */
  missing: Set<string>
  /** Images that could not be used, by path. */
  images: Map<string, ImageInfo | Error>
  stats: { fallbackParagraphs: number; paragraphs: number }
  /** Called between chapters: lets the output stream drain. */
  pause?: () => Promise<void>
  /** Layouts shared with another pass over the same book on another thread (`prebreak.ts`). */
  share?: LayoutShare
}

/**
 * What a typesetting pass shares with another over the same book: the main pass takes the
 * layouts a worker's pass made ahead of it, and the worker's pass sets only the chapters it
 * claims and records what it made.
 */
export interface LayoutShare {
  /** As chapter `index` (reading order) starts: false leaves it out of this pass. */
  chapter(index: number): boolean
  /** A layout made elsewhere for a spec equal to this one, or undefined. */
  take?(spec: ParagraphSpec): ParagraphLayout | undefined
  /** A layout this pass made. */
  made?(spec: ParagraphSpec, layout: ParagraphLayout): void
}

/** A typesetter for one pass over a book, with nothing reported or found yet. */
export function createTypesetter(
  given: Pick<Typesetter, 'settings' | 'fonts' | 'measurer' | 'composer' | 'env' | 'file' | 'language'>,
): Typesetter {
  return {
    ...given,
    dests: new Set(),
    missing: new Set(),
    images: new Map(),
    stats: { paragraphs: 0, fallbackParagraphs: 0 },
  }
}

export interface ImageInfo {
  bytes: Uint8Array
  width: number
  height: number
}

export interface LayoutOptions {
  /** Measure (line width) in points. */
  width: number
  /** Left edge of the measure from the text block's left edge. */
  left: number
  indent: number
  align: 'justify' | 'left' | 'center' | 'right'
  size: number
  leading: number
  hyphenate?: boolean
  /** TeX's looseness: ask for one line fewer (-1) or more (+1) than the optimum. */
  looseness?: -1 | 0 | 1
  /**
   * Only a layout within TeX's tolerance will do: none from the emergency pass or the greedy
   * fallback (`relaidLines` gives undefined). A page's re-break without hyphenation asks this:
   * a paragraph of long words in a narrow measure set without hyphens can be all gaps.
   */
  withinTolerance?: boolean
  /** The paragraph's own language, when it is not the book's: hyphenated and broken by it. */
  language?: string
  struct?: StructHandle
  /**
   * Whether the last line ends `struct` (default true). False for the first of several line runs
   * of one element (a chapter's label and then its title, both the `H1`): the element must stay
   * open until its last run, which may fall on a later page.
   */
  endStruct?: boolean
  /** Per-line narrowing from the left (drop caps, hanging verse lines); the last entry repeats. */
  inset?: number[]
  /**
   * Let justified lines also space letters a little (`LETTER_SPACING`) and expand their glyphs
   * (`FONT_EXPANSION`: ±2 %), for evener word spaces. Default true for `justify`; ignored for
   * other alignments.
   */
  letterSpacing?: boolean
}

/** Report a diagnostic about a chapter's file at a node's position. */
export function report(
  ts: Typesetter,
  code: Parameters<SourceFile['message']>[0],
  message: string,
  chapter: Chapter | undefined,
  node?: Node,
): void {
  ts.file.messageIn(chapter?.file, code, message, node?.position, 'pdf')
}

/** Baseline offset inside a line box of the given leading, centring the face's extent. */
export function ascentFor(ts: Typesetter, size: number, leading: number): number {
  const { ascent, descent } = ts.fonts
  return (leading - (ascent + descent) * size) / 2 + ascent * size
}

/** Break run lists (one per forced line break) into line boxes. */
export function layoutLines(ts: Typesetter, segments: StyledRun[][], options: LayoutOptions): LineBox[] {
  return laidOut(ts, segments, options, undefined)!
}

/**
 * `layoutLines` for a page's re-break, wanted only at `lineCount` lines when that is given:
 * undefined, its lines never built, when a paragraph of one segment breaks into another count
 * (most re-breaks a page tries: a War and Peace PDF dropped 93 % of them for their count, after
 * building their lines). A paragraph of several segments is laid out whole, its count checked by
 * the caller. Shared with another pass (`share`), a layout goes with its spec, the count in it:
 * one without lines is taken only for the same count.
 */
export function relaidLines(
  ts: Typesetter,
  segments: StyledRun[][],
  options: LayoutOptions,
  lineCount: number | undefined,
): LineBox[] | undefined {
  // No paragraph has no lines: a count below one is not one to stop at.
  const wanted = lineCount !== undefined && lineCount >= 1 && segments.length === 1 ? lineCount : undefined
  return laidOut(ts, segments, options, wanted)
}

/**
 * `layoutLines`, and `relaidLines` with a count: undefined only when the count is not met. A box
 * is made whole, every `LineBox` field present (undefined where it does not apply) in one order:
 * fields added later (a structure element, `justified`, footnote references; a drop cap, a
 * destination, `y` when placed) gave line boxes a dozen shapes, and the composer's code reading
 * them line after line was compiled again at each new one. The options are read once, before
 * the loop: they come in as many shapes as there are callers.
 */
function laidOut(
  ts: Typesetter,
  segments: StyledRun[][],
  options: LayoutOptions,
  lineCount: number | undefined,
): LineBox[] | undefined {
  const out: LineBox[] = []
  const inset = options.inset ?? [0]
  const { width, left, indent, align, size, leading, struct, looseness } = options
  const language = options.language ?? ts.language
  const hyphenate = options.hyphenate ?? align === 'justify'
  const spaced = align === 'justify' && options.letterSpacing !== false
  const justified = align === 'justify' ? true : undefined
  const ascent = ascentFor(ts, size, leading)
  for (let index = 0; index < segments.length; index++) {
    const runs = segments[index]!
    if (runs.length === 0) continue
    const first = out.length
    // The widths from the inset of the box that comes next (the last entry repeats).
    const lineWidths: number[] = []
    for (let k = Math.max(0, Math.min(first, inset.length - 1)); k < inset.length; k++)
      lineWidths.push(Math.max(width - inset[k]!, width / 4))
    ts.stats.paragraphs++
    const spec: ParagraphSpec = {
      runs,
      lineWidths,
      indent: index === 0 ? indent : 0,
      align,
      language,
      hyphenate,
      ...(looseness ? { looseness } : {}),
      ...(spaced ? { letterSpacing: LETTER_SPACING, expansion: FONT_EXPANSION } : {}),
      ...(lineCount !== undefined ? { lineCount } : {}),
    }
    const share = ts.share
    let layout = share?.take?.(spec)
    if (!layout) {
      layout = breakParagraph(spec, ts.measurer)
      share?.made?.(spec, layout)
    }
    if (lineCount !== undefined && layout.lines.length !== lineCount) return undefined
    if (options.withinTolerance && (layout.fallback || layout.pass === 'emergency')) return undefined
    if (layout.fallback) ts.stats.fallbackParagraphs++
    // A paragraph in a language without patterns is broken at spaces, as the book's would be;
    // only the book's own language is worth a warning.
    if (layout.hyphenationUnavailable && language === ts.language && !ts.missing.has('\u0000hyphenation')) {
      ts.missing.add('\u0000hyphenation')
      report(
        ts,
        'pdf-hyphenation-unavailable',
        `No hyphenation for "${ts.language}": ${layout.hyphenationUnavailable}`,
        undefined,
      )
    }
    for (const line of layout.lines) {
      const i = out.length
      let refs: string[] | undefined
      for (const run of line.runs) {
        if (!run.anchor || !run.superscript) continue
        if (refs) refs.push(run.anchor)
        else refs = [run.anchor]
      }
      out.push({
        kind: 'line',
        line,
        height: leading,
        ascent,
        x: left + (inset[Math.min(i, inset.length - 1)] ?? 0),
        measure: width,
        y: undefined,
        struct: struct || undefined,
        refs,
        justified,
        dropCap: undefined,
        marker: undefined,
        dest: undefined,
        outline: undefined,
        goTo: undefined,
        pageOf: undefined,
        ends: undefined,
      })
    }
  }
  if (struct && options.endStruct !== false) addEnd(out[out.length - 1], struct)
  return out
}

/** Mark a line as the end of a structure element. */
export function addEnd(box: LineBox | undefined, handle: StructHandle): void {
  if (!box) return
  if (box.ends) box.ends.push(handle)
  else box.ends = [handle]
}

/** Plain runs of one style, for display lines (titles, labels, metadata). */
export function plain(text: string, style: StyledRun['style'], size: number): StyledRun[][] {
  return text.split('\n').map((t) => {
    const value = visible(t).replace(/\s+/g, ' ').trim()
    return value ? [{ text: value, style, size }] : []
  })
}
