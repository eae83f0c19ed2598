/**
 * Split a chapter's body lines into paragraphs and scene breaks.
 *
 * Plain text marks paragraphs in one of a few ways, and a file is consistent about it, so the
 * way is detected once per file from line statistics:
 * - `blank`: blank lines between paragraphs; single newlines inside one are kept as breaks
 *   (verse, letters' address lines). The common case.
 * - `wrapped`: blank-line paragraphs whose lines are hard-wrapped at a fixed width; lines are
 *   joined with spaces. Without blank lines, a short line ends a paragraph.
 * - `line`: one paragraph per line (no blank lines, or long lines with few blank lines).
 * - `indent`: a line indented deeper than the rest starts a paragraph (typewriter style).
 * Scene breaks are marker lines (see `scene-break.ts`) or, in every mode, a run of blank lines
 * longer than the file's usual paragraph gap (two or more).
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
  let runs = 0
  let runsWithFollow = 0
  const gapSizes = new Map<number, number>()
  const innerWidths: number[] = []
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
      const prevText = i > 0 && kind[i - 1] === TEXT
      if (prevText) {
        follow++
        if (lead[i]! > minLead) followIndented++
        innerWidths.push(width[i - 1]!)
        if (i < 2 || kind[i - 2] !== TEXT) runsWithFollow++
      } else runs++
    }
    blankRun = 0
    seenContent = true
  }

  const wrapWidth =
    follow >= 4 && runsWithFollow >= runs * 0.3 ? detectWrap(innerWidths, gaps === 0 ? 0.6 : 0.8) : 0
  let mode: ParagraphMode
  if (follow === 0) mode = 'blank'
  else if (followIndented >= 2 && followIndented > gaps) mode = 'indent'
  else if (wrapWidth > 0) mode = 'wrapped'
  else if (gaps === 0) mode = 'line'
  else if (follow >= gaps && median(innerWidths) >= 100) mode = 'line'
  else mode = 'blank'

  // A scene break is a blank run longer than the usual gap: double-spaced files use two. The
  // usual gap is the smallest size used by a fifth of the gaps (a stray single blank line in a
  // double-spaced file does not count), and one blank line when there are too few gaps to tell.
  let usualGap = 1
  if (gaps >= 3) {
    const sizes = [...gapSizes.keys()].sort((a, b) => a - b)
    usualGap = sizes.find((size) => gapSizes.get(size)! >= gaps * 0.2) ?? 1
  }
  const breakGap = mode === 'blank' || mode === 'wrapped' ? Math.max(2, usualGap + 1) : 2
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
}

/**
 * The wrap width when lines inside paragraphs end near one fixed column (hard-wrapped text),
 * else 0. Verse and address lines vary in length and are short, so they do not qualify. `share`
 * is the part of lines that must be near the width: lower without blank lines, where each
 * paragraph's short last line is an inner line too.
 */
function detectWrap(widths: number[], share: number): number {
  const sorted = Float64Array.from(widths).sort()
  const wrap = sorted[Math.floor((sorted.length - 1) * 0.95)]!
  if (wrap < 50 || wrap > 110) return 0
  let near = 0
  for (const w of sorted) if (w >= wrap - 20 && w <= wrap + 5) near++
  return near >= sorted.length * share ? wrap : 0
}

function median(values: number[]): number {
  if (values.length === 0) return 0
  const sorted = Float64Array.from(values).sort()
  return sorted[sorted.length >> 1]!
}
