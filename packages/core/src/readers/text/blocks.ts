/**
 * Split a chapter's body lines into paragraphs and scene breaks.
 *
 * Plain text marks paragraphs in one of a few ways, and a file is consistent about it, so the
 * way is detected once per file from line statistics:
 * - `blank`: blank lines between paragraphs; single newlines inside one are kept as breaks
 *   (verse, letters' address lines). The common case.
 * - `wrapped`: blank-line paragraphs whose lines are hard-wrapped at a fixed width; lines are
 *   joined with spaces, except where a line plainly was not wrapped (a run of short lines: verse,
 *   a letter's lines, text messages; a short line ending a sentence): those breaks are kept.
 *   Without blank lines, a short line ends a paragraph.
 * - `line`: one paragraph per line (no blank lines, long lines with few blank lines, or lines
 *   that end sentences with blank lines rare among them).
 * - `indent`: a line indented deeper than the rest starts a paragraph (typewriter style).
 * Scene breaks are marker lines (see `scene-break.ts`) or, in every mode, a run of blank lines
 * longer than the file's usual paragraph gap (two or more). In a file of one paragraph a line
 * where blank lines are rare, a single blank line is the break.
 */
import type { Join } from './inline.js'
import { sceneBreakMarker } from './scene-break.js'

export type ParagraphMode = 'blank' | 'wrapped' | 'line' | 'indent'

/** A paragraph: lines `first`..`last` (0-based, inclusive) joined by `join`. */
export interface ParagraphItem {
  kind: 'paragraph'
  first: number
  last: number
  join: Join
  /**
   * With `join: 'space'`, the lines (0-based) after which the line break is kept all the same:
   * verse or a letter's lines inside hard-wrapped text.
   */
  keep?: number[]
}

/** A scene break at line `first` (a marker) or spanning blank lines `first`..`last`. */
export interface BreakItem {
  kind: 'break'
  first: number
  last: number
  /** The marker as written, or `(blank)` for a run of blank lines. */
  marker: string
}

export type Item = ParagraphItem | BreakItem

export interface Layout {
  mode: ParagraphMode
  items: Item[]
}

const BLANK = 0
const TEXT = 1
const MARKER = 2

/** Zero-width characters that make a line look non-empty but print nothing. */
const INVISIBLE_ONLY = /^(?:\u200b|\u200c|\u200d|\u2060|\ufeff)+$/

/** Lay out lines `from`..`to` (exclusive) of `lines`. */
export function layout(lines: string[], from: number, to: number): Layout {
  const n = Math.max(0, to - from)
  const kind = new Uint8Array(n)
  const lead = new Int32Array(n)
  const width = new Int32Array(n)
  const markers = new Map<number, string>()

  let minLead = Number.MAX_SAFE_INTEGER
  for (let i = 0; i < n; i++) {
    const line = lines[from + i]!
    const end = line.trimEnd().length
    const start = end === 0 ? 0 : line.length - line.trimStart().length
    if (end === 0 || (end - start < 8 && INVISIBLE_ONLY.test(line.slice(start, end)))) {
      kind[i] = BLANK
      continue
    }
    lead[i] = start
    width[i] = end
    const marker = end - start <= 60 ? sceneBreakMarker(line) : undefined
    if (marker !== undefined) {
      kind[i] = MARKER
      markers.set(i, marker)
      continue
    }
    kind[i] = TEXT
    if (start < minLead) minLead = start
  }

  // Statistics for the mode: how paragraphs seem to start, and how long joined lines are.
  let gaps = 0 // text runs preceded by blank lines (not at the top)
  let follow = 0 // text lines right after another text line
  let followIndented = 0
  let indentStarts = 0
  let runs = 0
  let runsWithFollow = 0
  let textLines = 0
  let sentenceEnds = 0 // text lines ending a sentence, as every line of a line-paragraph file does
  const gapSizes = new Map<number, number>()
  const innerWidths: number[] = []
  /** For each inner width, the line that starts its run of text lines. */
  const innerRuns: number[] = []
  let runStart = 0
  let blankRun = 0
  let seenContent = false
  for (let i = 0; i < n; i++) {
    const k = kind[i]!
    if (k === BLANK) {
      blankRun++
      continue
    }
    if (blankRun > 0 && seenContent) {
      gaps++
      gapSizes.set(blankRun, (gapSizes.get(blankRun) ?? 0) + 1)
    }
    if (k === TEXT) {
      textLines++
      if (endsSentence(lines[from + i]!, width[i]!)) sentenceEnds++
      const prevText = i > 0 && kind[i - 1] === TEXT
      if (prevText) {
        follow++
        if (lead[i]! > minLead) {
          followIndented++
          // Under an unindented line: a paragraph opening in typewriter style, or where verse starts.
          if (lead[i - 1]! <= minLead) indentStarts++
        }
        innerWidths.push(width[i - 1]!)
        innerRuns.push(runStart)
        if (i < 2 || kind[i - 2] !== TEXT) runsWithFollow++
      } else {
        runs++
        runStart = i
      }
    }
    blankRun = 0
    seenContent = true
  }

  const wrapWidth =
    follow >= 4 && runsWithFollow >= runs * 0.3
      ? detectWrap(innerWidths, gaps === 0 ? 0.6 : 0.8, gaps === 0 ? undefined : innerRuns)
      : 0
  // One paragraph a line with a blank line now and then as the break: most lines are followed
  // by another, blank lines are rare among line ends, and lines end sentences (paragraphs do;
  // wrapped lines and verse mostly do not). Blank-line paragraphs have a gap after each one.
  const rareGaps = gaps > 0 && follow >= 4 && follow >= gaps * RARE_GAPS
  let mode: ParagraphMode
  if (follow === 0) mode = 'blank'
  // Hard-wrapped text with verse set in under its prose has runs of indented lines, not openings.
  else if (followIndented >= 2 && followIndented > gaps && !(wrapWidth > 0 && indentStarts <= gaps))
    mode = 'indent'
  else if (wrapWidth > 0) mode = 'wrapped'
  else if (gaps === 0) mode = 'line'
  else if (follow >= gaps && median(innerWidths) >= 100) mode = 'line'
  else if (rareGaps && sentenceEnds >= textLines * SENTENCE_LINES) mode = 'line'
  else mode = 'blank'

  // A scene break is a blank run longer than the usual gap: double-spaced files use two. The
  // usual gap is the smallest size used by a fifth of the gaps (a stray single blank line in a
  // double-spaced file does not count), and one blank line when there are too few gaps to tell.
  let usualGap = 1
  if (gaps >= 3) {
    const sizes = [...gapSizes.keys()].sort((a, b) => a - b)
    usualGap = sizes.find((size) => gapSizes.get(size)! >= gaps * 0.2) ?? 1
  }
  const breakGap =
    mode === 'blank' || mode === 'wrapped' ? Math.max(2, usualGap + 1) : mode === 'line' && rareGaps ? 1 : 2
  // With no blank lines at all, paragraph ends in wrapped text show as short lines.
  const shortLine = mode === 'wrapped' && gaps === 0 ? wrapWidth * 0.75 : -1

  const items: Item[] = []
  let i = 0
  let blankStart = -1
  while (i < n) {
    const k = kind[i]!
    if (k === BLANK) {
      if (blankStart < 0) blankStart = i
      i++
      continue
    }
    if (blankStart >= 0 && items.length > 0 && i - blankStart >= breakGap) {
      items.push({ kind: 'break', first: from + blankStart, last: from + i - 1, marker: '(blank)' })
    }
    blankStart = -1
    if (k === MARKER) {
      items.push({ kind: 'break', first: from + i, last: from + i, marker: markers.get(i)! })
      i++
      continue
    }
    let end = i
    while (end + 1 < n && kind[end + 1] === TEXT) end++
    pushParagraphs(i, end)
    i = end + 1
  }
  return { mode, items }

  function pushParagraphs(start: number, end: number): void {
    if (mode === 'blank') {
      items.push({ kind: 'paragraph', first: from + start, last: from + end, join: 'break' })
      return
    }
    if (mode === 'wrapped' && shortLine < 0) {
      const keep = keptBreaks(start, end)
      const item: ParagraphItem = { kind: 'paragraph', first: from + start, last: from + end, join: 'space' }
      if (keep.length === end - start) item.join = 'break'
      else if (keep.length > 0) item.keep = keep.map((j) => from + j)
      items.push(item)
      return
    }
    let first = start
    for (let j = start; j <= end; j++) {
      const last = j === end
      let split = last
      if (!last) {
        if (mode === 'line') split = true
        else if (mode === 'indent') split = lead[j + 1]! > minLead
        else if (shortLine > 0) split = width[j]! < shortLine || lead[j + 1]! > minLead
      }
      if (split) {
        items.push({ kind: 'paragraph', first: from + first, last: from + j, join: 'space' })
        first = j + 1
      }
    }
  }

  /**
   * In a hard-wrapped paragraph (lines `start`..`end`), the lines after which the break is the
   * author's, not the wrapping: where the next line's first word would have fitted, and the line
   * is well short of the width. A run of three such lines or more (verse, a letter, text
   * messages) keeps its breaks; so does a single one that ends a sentence, is a message ("MOM:
   * call me") or has a line starting with a capital under it (verse, "Dear Tom,"); and the
   * break before a short line indented deeper than the text. A short last line is how wrapped
   * paragraphs end, so it says nothing alone.
   */
  function keptBreaks(start: number, end: number): number[] {
    const keep: number[] = []
    if (start === end) return keep
    const limit = wrapWidth * SHORT_WRAP
    const isShort = (j: number): boolean =>
      width[j]! < limit && (j === end || width[j]! + 1 + firstWord(lines[from + j + 1]!) <= wrapWidth)
    let j = start
    while (j < end) {
      if (!isShort(j)) {
        // A short line set in under a full one (a verse under "She sang:") was never wrapped.
        if (lead[j + 1]! > minLead && isShort(j + 1)) keep.push(j)
        j++
        continue
      }
      let m = j
      while (m + 1 <= end && isShort(m + 1)) m++
      // Lines j..m are short; the breaks after j..min(m, end - 1) are inside the paragraph.
      const last = Math.min(m, end - 1)
      for (let b = j; b <= last; b++) {
        const line = lines[from + b]!
        if (
          m - j + 1 >= 3 ||
          endsSentence(line, width[b]!) ||
          MESSAGE.test(line) ||
          CAPITAL_START.test(lines[from + b + 1]!)
        )
          keep.push(b)
      }
      j = m + 1
    }
    return keep
  }
}

/** Blank lines at most one line end in this many for a file of one paragraph a line. */
const RARE_GAPS = 4
/** Share of lines ending a sentence for a file of one paragraph a line with blank lines. */
const SENTENCE_LINES = 0.75
/** A line shorter than this part of the wrap width, with room for the next word, was not wrapped. */
const SHORT_WRAP = 0.75
/** A text message or chat line: "MOM: where r u", "Tom: ok". */
const MESSAGE =
  /^[ \t]*(?:\p{Lu}[\p{L}\p{N}'’.-]*(?:[ \t]\p{Lu}[\p{L}\p{N}'’.-]*){0,2}|\p{Lu}{2,})[ \t]*:[ \t]*\S/u

/** A line starting with a capital letter, after any indent, quotes or emphasis markers. */
const CAPITAL_START = /^[\s"'“‘«(*_]*\p{Lu}/u

/** True when `line` (ending at index `end`) ends a sentence: `.`, `!`, `?`, `…`, a dash, `:`, CJK stops, then closing quotes or brackets. */
function endsSentence(line: string, end: number): boolean {
  let k = end - 1
  while (k >= 0 && CLOSERS.includes(line[k]!)) k--
  return k >= 0 && STOPS.includes(line[k]!)
}
const CLOSERS = '"\'”’»)]*_」』）'
const STOPS = '.!?…:—–-。！？'

/** Length of the first word of `line` (after its indent). */
function firstWord(line: string): number {
  let k = 0
  while (k < line.length && (line[k] === ' ' || line[k] === '\t')) k++
  const start = k
  while (k < line.length && line[k] !== ' ' && line[k] !== '\t') k++
  return k - start
}

/**
 * The wrap width when lines inside paragraphs end near one fixed column (hard-wrapped text),
 * else 0. Verse and address lines vary in length and are short, so they do not qualify. `share`
 * is the part of lines that must be near the width: lower without blank lines, where each
 * paragraph's short last line is an inner line too. With `runs` (the run of lines each width
 * belongs to), runs whose lines all end well short of the width (a song, a letter, messages in
 * wrapped text) do not count, as long as they are at most twice as many lines as the rest.
 */
function detectWrap(widths: number[], share: number, runs?: number[]): number {
  const wrap = detectWrapOf(widths, share)
  if (wrap > 0 || !runs || widths.length === 0) return wrap
  const first = percentile(widths)
  if (first < 50 || first > 110) return 0
  // Left out: whole runs of short lines, and two or more short lines in a row inside a run.
  const short = (i: number): boolean => widths[i]! < first - 20
  const longRun = new Set<number>()
  for (let i = 0; i < widths.length; i++) if (!short(i)) longRun.add(runs[i]!)
  const kept = widths.filter(
    (_, i) =>
      longRun.has(runs[i]!) &&
      !(
        short(i) &&
        ((i > 0 && runs[i - 1] === runs[i] && short(i - 1)) || (runs[i + 1] === runs[i] && short(i + 1)))
      ),
  )
  if (kept.length < 4 || kept.length * 3 < widths.length) return 0
  return detectWrapOf(kept, share)
}

function detectWrapOf(widths: number[], share: number): number {
  const sorted = Float64Array.from(widths).sort()
  const wrap = percentile(widths, sorted)
  if (wrap < 50 || wrap > 110) return 0
  let near = 0
  for (const w of sorted) if (w >= wrap - 20 && w <= wrap + 5) near++
  return near >= sorted.length * share ? wrap : 0
}

function percentile(widths: number[], sorted = Float64Array.from(widths).sort()): number {
  return sorted[Math.floor((sorted.length - 1) * 0.95)]!
}

function median(values: number[]): number {
  if (values.length === 0) return 0
  const sorted = Float64Array.from(values).sort()
  return sorted[sorted.length >> 1]!
}
