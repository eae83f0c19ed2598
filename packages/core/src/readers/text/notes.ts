/**
 * Author's notes in fan-fiction exports: paragraphs opening with "A/N:", "AN:", "Author's Note:"
 * (or "Disclaimer:"), also in bold or italics ("**Author's Note:**", "*A/N:*", "__A/N__"), at
 * the start or the end of a chapter. Only the place is decided here; the
 * reader turns the run into a `note` node. In mid-chapter such a paragraph stays a paragraph.
 */
import type { Item } from './blocks.js'

/** What opens a note paragraph. */
export interface NoteLabel {
  /** Index in the line where the note's own text starts (after label and separator). */
  textStart: number
  /** `(` or `[` when the note is wrapped in brackets: "(A/N: …)". */
  bracket: '' | '(' | '['
  /** True when the label is removed from the text ("A/N:"); false for "Disclaimer:", kept as written. */
  strip: boolean
  /**
   * The emphasis marker opened before the label and not closed right after it ("**A/N: thanks!**"):
   * the note's paragraph drops it where it ends, or keeps the label as written when it closes earlier.
   */
  close?: string
}

const A_N = /^[ \t]*([([]?)[ \t]*a\/n(?![\p{L}\p{N}])[ \t]*(?:[:.\-–—]+[ \t]*)?/iu
const AUTHORS_NOTE =
  /^[ \t]*([([]?)[ \t]*(?:author['’]s|authors['’]?)[ \t]+notes?[ \t]*(?:[:\-–—]+[ \t]*|$)/iu
const AN_UPPER = /^[ \t]*([([]?)[ \t]*AN[ \t]*:[ \t]*/u
const DISCLAIMER = /^[ \t]*([([]?)[ \t]*disclaimer[ \t]*[:\-–—]/iu
/**
 * AO3's chapter page as copied: "Summary:" and "Notes:" each alone on its line, the text under
 * it (then "Chapter Text", the story, "Notes:"). "Summary: two travellers" on one line stays text.
 */
const AO3_LABEL = /^[ \t]*()(?:summary|(?:chapter[ \t]+|end[ \t]+)?notes)[ \t]*:[ \t]*$/iu

/** The line AO3's chapter page puts between its summary and notes and the story. */
export const CHAPTER_TEXT = /^[ \t]*chapter[ \t]+text[ \t]*$/iu

/** AO3's pointer from the notes above a chapter to those below it: no note of the author's. */
export const SEE_THE_END =
  /^[ \t]*\(?[ \t]*see the end of the (?:chapter|work) for (?:more )?notes\.?[ \t]*\)?[ \t]*$/iu

/** A label set in bold or italics: an opening bracket, then the emphasis marker. */
const EMPHASIS_OPEN = /^[ \t]*([([]?)[ \t]*(\*{1,3}|_{1,3})(?=[^\s*_])/u
/** What may follow a label's closing emphasis marker: "**A/N**: text". */
const AFTER_CLOSE = /^[ \t]*(?:[:.\-–—]+[ \t]*)?/u
/** Longest label looked for between emphasis markers. */
const MAX_LABEL = 24

/** The note label opening `line`, if any. */
export function noteLabel(line: string): NoteLabel | undefined {
  const plain = plainLabel(line)
  if (plain) return plain
  const open = EMPHASIS_OPEN.exec(line)
  if (!open) return undefined
  const bracket = (open[1] ?? '') as NoteLabel['bracket']
  const marker = open[2]!
  const at = open[0].length
  const inner = line.slice(at)
  const closeAt = inner.indexOf(marker)
  if (closeAt > 0 && closeAt <= MAX_LABEL) {
    // "**Author's Note:** text", "__A/N__: text": the markers hold the label and nothing else.
    const labelText = inner.slice(0, closeAt)
    const after = AFTER_CLOSE.exec(inner.slice(closeAt + marker.length))![0]
    if (DISCLAIMER_ONLY.test(labelText) && (/[:\-–—]/.test(labelText) || /[:\-–—]/.test(after)))
      return { textStart: 0, bracket: '', strip: false }
    const found = plainLabel(labelText.trimEnd() + after, false)
    if (found && !found.bracket && found.strip && found.textStart >= labelText.trimEnd().length)
      return { textStart: at + closeAt + marker.length + after.length, bracket, strip: true }
  }
  // "**A/N: thanks for reading!**": the whole note is set in bold.
  const found = plainLabel(inner, false)
  if (!found || found.bracket || !found.strip) {
    return found && !found.strip ? { textStart: 0, bracket: '', strip: false } : undefined
  }
  return { textStart: at + found.textStart, bracket, strip: true, close: marker }
}

/** "Disclaimer" between emphasis markers, with or without its colon. */
const DISCLAIMER_ONLY = /^[ \t]*disclaimer[ \t]*[:\-–—]?[ \t]*$/iu

/**
 * The note label opening `line` as typed, with no emphasis around it. AO3's labels only as AO3
 * writes them (`ao3`): "**Summary:** two travellers" is the story's.
 */
function plainLabel(line: string, ao3 = true): NoteLabel | undefined {
  for (const re of ao3 ? [A_N, AUTHORS_NOTE, AN_UPPER, AO3_LABEL] : [A_N, AUTHORS_NOTE, AN_UPPER]) {
    const m = re.exec(line)
    if (m) return { textStart: m[0].length, bracket: (m[1] ?? '') as NoteLabel['bracket'], strip: true }
  }
  const d = DISCLAIMER.exec(line)
  if (d) return { textStart: 0, bracket: '', strip: false }
  return undefined
}

/** A run of items that forms a note: `items[start..end]` (inclusive), all paragraphs. */
export interface NoteRun {
  start: number
  end: number
  placement: 'start' | 'end'
}

/** Most story-looking paragraphs we let follow an "A/N:" paragraph at the end of a chapter. */
const MAX_END_TAIL = 3

/**
 * Find the start and end notes among `items`. `labelOf(i)` gives the note label of paragraph
 * `items[i]` and whether its text is the label alone (then the next paragraph belongs to it).
 */
export function findNotes(
  items: Item[],
  labelOf: (index: number) => { label: NoteLabel; labelOnly: boolean } | undefined,
  /** Where the story is known to start (after AO3's "Chapter Text"): all before it is the start note. */
  storyStart?: number,
): NoteRun[] {
  const runs: NoteRun[] = []
  let storyFrom = 0
  if (storyStart !== undefined && storyStart > 0) {
    runs.push({ start: 0, end: storyStart - 1, placement: 'start' })
    storyFrom = storyStart
  } else if (items[0]?.kind === 'paragraph' && labelOf(0)) {
    let end = 0
    let pullNext = labelOf(0)!.labelOnly
    while (end + 1 < items.length && items[end + 1]!.kind === 'paragraph') {
      const next = labelOf(end + 1)
      if (!next && !pullNext) break
      end++
      pullNext = next?.labelOnly ?? false
    }
    // A chapter that is nothing but a note is still the author's note, placed at the start.
    runs.push({ start: 0, end, placement: 'start' })
    storyFrom = end + 1
  }

  let lastBreak = -1
  for (let i = items.length - 1; i >= storyFrom; i--) {
    if (items[i]!.kind === 'break') {
      lastBreak = i
      break
    }
  }
  let labelled = -1
  for (let i = items.length - 1; i > Math.max(lastBreak, storyFrom - 1); i--) {
    if (items[i]!.kind === 'paragraph' && labelOf(i)) {
      labelled = i
      break
    }
  }
  if (labelled < 0 || items.length - 1 - labelled > MAX_END_TAIL) return runs
  let start = labelled
  while (start - 1 > Math.max(lastBreak, storyFrom - 1) && labelOf(start - 1)) start--
  // The note must follow some story: otherwise the chapter is all note, handled above.
  let story = false
  for (let i = storyFrom; i < start; i++) if (items[i]!.kind === 'paragraph') story = true
  if (story) runs.push({ start, end: items.length - 1, placement: 'end' })
  return runs
}
