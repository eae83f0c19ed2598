/**
 * A whole manuscript in one file: which of its headings open chapters and parts, and how the
 * pieces become what a reader returns. Shared by the Markdown and HTML readers (the text reader
 * finds its heading lines in `text/split.ts` and follows the same rules).
 *
 * The chapter level is the shallowest heading level used more than once (part headings aside):
 * `#` in a novel written as `# Chapter One` … `# Chapter Two`, `##` when `#` is the book's title
 * once at the top or marks parts. A level deeper than the first is trusted only when two of its
 * headings read as chapter headings ("Chapter 5", "Prologue") or the file has two parts, so a
 * chapter with two plain sections ("## Morning", "## Evening") stays one chapter. A file with
 * fewer than two chapter headings is not split: readers then behave exactly as for one chapter.
 *
 * What stands before the first chapter is never dropped silently:
 * - a lone title heading above the chapters with nothing else is the book's title (the reader
 *   reports it at `info` level: the book's title belongs in book.yaml) and is not a chapter;
 * - a title heading with text under it (an epigraph) becomes an unnumbered chapter of kind
 *   `other` with that title;
 * - text with no title heading opens the first chapter, as it does in a one-chapter file;
 * - text between a part heading and its first chapter opens that chapter; a part with text but
 *   no chapter heading holds one untitled chapter, as a part file with text does.
 */

import { pushAll } from '../model/arrays.js'
import type { BlockContent, Chapter, Part, Position } from '../model/types.js'
import { parseHeading } from './heading.js'
import type { HeadingFields, StatedFields } from './shared/chapter.js'
import { span } from './shared/phrasing.js'
import type { ReaderOptions, ReadResult } from './types.js'

/** One heading of the file, in document order, as the split planner sees it. */
export interface HeadingInfo {
  /** 1 for `#` / `<h1>`. */
  depth: number
  /** Its plain text. */
  text: string
  /** True when the next block after it is another heading (nothing stands under it). */
  bare?: boolean
  /**
   * The reader knows it opens a chapter whatever its words (a Word title set apart at the top of a
   * new page, as "Flood", "Ebb"): it counts as a chapter heading where "Chapter 5" would.
   */
  opens?: boolean
}

export interface SplitPlan {
  /** Headings (indices into the list given) that open a part or a chapter, in document order. */
  openers: Array<{ index: number; part: boolean }>
  /** A heading above the chapters that titles the book, not a chapter. */
  title?: number
}

/**
 * Decide whether a file's headings make it several chapters; `undefined` when they do not (the
 * reader then reads the file as one chapter, exactly as before).
 */
export function planSplit(headings: readonly HeadingInfo[], language: string): SplitPlan | undefined {
  if (headings.length < 2) return undefined
  const parsed = headings.map((h) => parseHeading(h.text.trim(), language))
  const isPart = (i: number) => parsed[i]?.kind === 'part'
  const counts = new Map<number, number>()
  headings.forEach((h, i) => {
    if (!isPart(i)) counts.set(h.depth, (counts.get(h.depth) ?? 0) + 1)
  })
  let level: number | undefined
  for (const [depth, count] of counts) if (count >= 2 && (level === undefined || depth < level)) level = depth
  if (level === undefined) return undefined

  const openers: SplitPlan['openers'] = []
  let title: number | undefined
  let firstAtLevel = -1
  for (let i = 0; i < headings.length; i++) {
    const depth = headings[i]!.depth
    if (isPart(i)) {
      if (depth <= level) openers.push({ index: i, part: true })
      continue
    }
    if (depth > level) continue
    if (depth === level) {
      if (firstAtLevel < 0) firstAtLevel = i
      openers.push({ index: i, part: false })
      continue
    }
    // Shallower than the chapters, and used once.
    const heading = parsed[i]
    if (heading === undefined) {
      // Plain text above everything: the book's title. Anywhere else the shape is unclear.
      if (firstAtLevel < 0 && openers.length === 0 && title === undefined) {
        title = i
        continue
      }
      return undefined
    }
    // "# Chapter 5" over "## 1", "## 2": one chapter with numbered scenes.
    if (heading.kind === 'chapter') return undefined
    // "# Prologue" or "# Epilogue" around "## Chapter" headings.
    openers.push({ index: i, part: false })
  }

  const recognised = (i: number) => (parsed[i] !== undefined || headings[i]!.opens === true) && !isPart(i)
  if (level > 1) {
    const named = openers.filter((o) => !o.part && headings[o.index]!.depth === level && recognised(o.index))
    const parts = openers.filter((o) => o.part).length
    if (named.length < 2 && parts < 2) return undefined
  }
  // "# My Novel" straight above "# Chapter 1": a title at the chapters' own level.
  const chapterOpeners = openers.filter((o) => !o.part)
  const first = chapterOpeners[0]
  const second = chapterOpeners[1]
  if (
    title === undefined &&
    first &&
    second &&
    openers[0] === first &&
    !recognised(first.index) &&
    headings[first.index]!.bare === true &&
    second.index === first.index + 1 &&
    recognised(second.index)
  ) {
    title = first.index
    openers.shift()
  }
  if (openers.filter((o) => !o.part).length < 2) return undefined
  return title === undefined ? { openers } : { openers, title }
}

/** A part or chapter heading and the blocks that follow it up to the next one. */
export interface Section {
  heading: HeadingFields
  children: BlockContent[]
  /** Where the section ends in the source, when its last child may not (a moved footnote). */
  end?: Position['end']
}

export interface SplitInput {
  /** The book-title heading above the chapters, if the plan found one. */
  title?: HeadingFields
  /** Blocks before the first part or chapter heading. */
  preamble: BlockContent[]
  sections: Section[]
  /** Front matter: only `matter` applies to a file of several chapters. */
  stated?: StatedFields
}

/**
 * Build the reader's result for a split file. `onTitle` is told about a title heading that
 * was not kept as a chapter, so the reader can report it under its own code.
 */
export function assembleSplit(
  input: SplitInput,
  filePath: string,
  options: ReaderOptions,
  onTitle: (title: HeadingFields) => void,
): ReadResult {
  const matter = input.stated?.matter ?? options.matter ?? 'body'
  const out: Array<Part | Chapter> = []
  let part: Part | undefined
  let pending: BlockContent[] = []

  const chapterOf = (
    heading: HeadingFields | undefined,
    children: BlockContent[],
    end?: Position['end'],
  ): Chapter => {
    const chapter: Chapter = {
      type: 'chapter',
      matter,
      kind: heading && heading.kind !== 'part' ? heading.kind : 'chapter',
      file: filePath,
      children,
    }
    if (heading?.number !== undefined) chapter.number = heading.number
    if (heading?.numeral !== undefined) chapter.numeral = heading.numeral
    if (heading?.label !== undefined) chapter.label = heading.label
    if (heading?.title && heading.title.length > 0) chapter.title = heading.title
    const position = span(heading?.position ?? children[0]?.position, children.at(-1)?.position)
    const start = children[0]?.position?.start
    if (position && start && heading?.position && before(start, heading.position.start)) {
      position.start = start
    }
    if (position) chapter.position = { start: position.start, end: end ?? position.end }
    return chapter
  }
  const place = (chapter: Chapter) => {
    if (part) {
      part.children.push(chapter)
      if (chapter.position && part.position) part.position = { ...part.position, end: chapter.position.end }
    } else out.push(chapter)
  }
  // Text after a part heading with no chapter heading after it: the part's one chapter.
  const flushPending = () => {
    if (pending.length === 0) return
    place(chapterOf(undefined, pending))
    pending = []
  }

  if (input.title && input.preamble.length === 0) onTitle(input.title)
  else if (input.title) {
    out.push(chapterOf({ ...input.title, kind: 'other' }, input.preamble))
  } else pending = input.preamble

  for (const section of input.sections) {
    if (section.heading.kind === 'part') {
      // Text before the first part has no chapter of its own to open: it opens the part's first.
      if (part) flushPending()
      part = { type: 'part', children: [] }
      const fields = section.heading
      if (fields.number !== undefined) part.number = fields.number
      if (fields.numeral !== undefined) part.numeral = fields.numeral
      if (fields.label !== undefined) part.label = fields.label
      if (fields.title && fields.title.length > 0) part.title = fields.title
      const position = span(fields.position, section.children.at(-1)?.position)
      if (position) part.position = { start: position.start, end: section.end ?? position.end }
      out.push(part)
      pushAll(pending, section.children)
      continue
    }
    place(chapterOf(section.heading, [...pending, ...section.children], section.end))
    pending = []
  }
  flushPending()
  return { children: out }
}

function before(a: Position['start'], b: Position['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column)
}
