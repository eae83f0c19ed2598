/**
 * The plain-text reader: a chapter file as archives (AO3, FFN) and word processors export it,
 * turned into a chapter (or a part) of the manuscript tree.
 *
 * Steps: decode the bytes (`decode.ts`), split lines (CRLF, CR, LF, mixed), read the heading
 * from the first non-blank line (`../heading.ts`), lay the rest out as paragraphs and scene
 * breaks (`blocks.ts`), set author's notes apart (`notes.ts`), then build inline content with
 * positions (`inline.ts`). A whole work in one file is split at its heading lines (`split.ts`). It works line by line with native string search, never per character
 * through a regex, because a 2-million-word serial must parse in well under a second. It never
 * throws: every problem is a diagnostic on the file.
 *
 * Positions are 1-based lines and columns (offsets 0-based, UTF-16 units) in the decoded text
 * without its BOM. Characters XML forbids are removed before lines are split, so on the rare line
 * that held one, later columns count the text as cleaned.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import type {
  BlockContent,
  Chapter,
  Heading,
  Note,
  Paragraph,
  Part,
  Person,
  PhrasingContent,
  Point,
  SceneBreak,
} from '../../model/types.js'
import { toText } from '../../model/walk.js'
import { type ParsedHeading, parseHeading, romanValue } from '../heading.js'
import { markupIn } from '../shared/sniff.js'
import type { ReaderOptions, ReadResult, SyncReader } from '../types.js'
import { type Item, layout, type ParagraphItem } from './blocks.js'
import { textCodes } from './codes.js'
import { decodeInput, removeForbidden } from './decode.js'
import { type InlineStats, phrasing, type Segment } from './inline.js'
import { CHAPTER_TEXT, findNotes, type NoteLabel, noteLabel, SEE_THE_END } from './notes.js'
import { sceneBreakMarker } from './scene-break.js'
import { findSplitLines } from './split.js'
import { titleUnder } from './title-under.js'

/** The decoded file split into lines, with each line's offset. */
interface Source {
  text: string
  lines: string[]
  offsets: number[]
}

function splitLines(text: string): Source {
  const lines: string[] = []
  const offsets: number[] = []
  const eol = /\r\n?|\n/g
  let start = 0
  for (let m = eol.exec(text); m; m = eol.exec(text)) {
    lines.push(text.slice(start, m.index))
    offsets.push(start)
    start = m.index + m[0].length
  }
  lines.push(text.slice(start))
  offsets.push(start)
  return { text, lines, offsets }
}

function isBlank(line: string): boolean {
  return line.trim().length === 0
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length
}

/** True when line `index` is the file's last non-blank line and reads like a title, not prose. */
function isSubtitle(lines: string[], index: number): boolean {
  for (let i = index + 1; i < lines.length; i++) if (!isBlank(lines[i]!)) return false
  const text = lines[index]!.trim()
  return text.length <= 80 && !/[.!?,;:]["”’')]?$/.test(text) && parseHeading(text) === undefined
}

/** The title on its own line under a chapter heading that has none (see `title-under.ts`). */
function titleUnderHeading(
  lines: string[],
  at: number,
  to: number,
  heading: ParsedHeading,
  language: string,
): ReturnType<typeof titleUnder> {
  if (heading.kind === 'part' || heading.kind === 'other' || heading.title !== undefined) return undefined
  return titleUnder(lines, at, to, language)
}

/** What a notice posted in a chapter's place says: no chapter, a hiatus, a break, a rewrite. */
const NOTICE =
  /(?<!\p{L})(?:hiatus|not an? (?:real )?(?:update|chapter)|isn['’]t an? (?:real )?(?:update|chapter)|on hold|discontinu|abandon|up for adoption|taking a (?:short |long )?break|rewrit(?:e|ing) (?:this|the) (?:story|fic)|no (?:update|chapter) (?:this|next))/iu

/** Longest file read as a notice: a few short paragraphs. */
const NOTICE_MAX_LINES = 40
const NOTICE_MAX_CHARS = 3000

/**
 * True when the file, opening with an author's note label and no heading, is a notice posted
 * in a chapter's place (a hiatus, no update this week): short, and saying so in its first
 * paragraph. Then the paragraphs under the label ("Thanks for understanding!") are the note's.
 */
function isNotice(lines: string[], first: number): boolean {
  if (!noteLabel(lines[first]!)) return false
  let chars = 0
  let nonBlank = 0
  for (let i = first; i < lines.length; i++) {
    if (isBlank(lines[i]!)) continue
    chars += lines[i]!.length
    if (++nonBlank > NOTICE_MAX_LINES || chars > NOTICE_MAX_CHARS) return false
  }
  let opening = ''
  for (let i = first; i < lines.length && !isBlank(lines[i]!); i++) opening += ` ${lines[i]}`
  return NOTICE.test(opening)
}

/** Most paragraphs of author's note looked through for the heading under them. */
const MAX_NOTE_PARAGRAPHS = 8

/**
 * The heading under an author's note or disclaimer that opens the file ("A/N: Sorry for the
 * wait!", blank, "Chapter 4: The Storm"), or undefined. Only a recognised note label on the
 * first line starts the search, and only a few paragraphs are looked through: a labelled
 * heading ("Chapter 4", "Prologue", "Part Two") heading a paragraph of its own anywhere among
 * them, a bare number ("12") only right under the labelled note paragraphs. A part heading
 * counts only when a chapter or text follows it, so the note has a chapter to go to.
 */
function headingAfterNote(
  lines: string[],
  first: number,
  language: string,
): { line: number; heading: ParsedHeading } | undefined {
  if (!noteLabel(lines[first]!)) return undefined
  let allLabelled = true
  let paragraphs = 0
  for (let i = first + 1; i < lines.length && i - first < 80; i++) {
    const line = lines[i]!
    if (isBlank(line)) continue
    // A heading starts a paragraph, or follows a one-line note in a file of one paragraph a line.
    const opens = isBlank(lines[i - 1]!) || (i - 1 === first && !isBlank(line) && noteLabel(lines[i - 1]!))
    if (!opens) continue
    const heading = parseHeading(line, language)
    if (heading && heading.kind !== 'other' && (heading.label !== undefined || allLabelled)) {
      if (heading.kind !== 'part') return { line: i, heading }
      let next = i + 1
      while (next < lines.length && isBlank(lines[next]!)) next++
      if (next < lines.length && (heading.title !== undefined || !isSubtitle(lines, next)))
        return { line: i, heading }
      return undefined
    }
    if (++paragraphs >= MAX_NOTE_PARAGRAPHS) return undefined
    if (!noteLabel(line) && sceneBreakMarker(line) === undefined) allLabelled = false
  }
  return undefined
}

/** Read one plain-text file. */
function readText(input: Uint8Array | string, file: SourceFile, options: ReaderOptions): ReadResult {
  const decoded = removeForbidden(decodeInput(input, file, options.encoding), file)
  const source = splitLines(decoded)
  const { lines } = source
  const language = options.language || 'en'
  const stats: InlineStats = { unclosed: 0 }
  const ctx = new Context(source, file, stats)

  const chapter: Chapter = {
    type: 'chapter',
    matter: options.matter ?? 'body',
    kind: 'chapter',
    file: file.path,
    children: [],
    position: { start: { line: 1, column: 1, offset: 0 }, end: ctx.endOfFile() },
  }

  let first = 0
  while (first < lines.length && isBlank(lines[first]!)) first++
  if (first >= lines.length) {
    file.message('text-empty', 'The file has no text; the chapter is empty', { line: 1, column: 1 }, 'text')
    return { children: [chapter] }
  }

  let part: Part | undefined
  let partHeading: ParsedHeading | undefined
  let heading = parseHeading(lines[first]!, language)
  // "A/N: Sorry for the wait!", blank, "Chapter 4: The Storm": the note goes where a note under
  // the heading goes (the chapter's start note), and the heading is the chapter's.
  let noteFrom: number | undefined
  if (!heading) {
    const after = headingAfterNote(lines, first, language)
    if (after) {
      noteFrom = first
      first = after.line
      heading = after.heading
    }
  }
  const partLine = first
  let bodyFrom = first
  if (heading?.part) {
    // "Part Two, Chapter Three": the part and its chapter on one line.
    partHeading = heading.part
    part = {
      type: 'part',
      children: [],
      position: { start: ctx.point(first, indentOf(lines[first]!)), end: ctx.endOfFile() },
    }
    applyHeading(part, partHeading, first, ctx)
  }
  if (heading?.kind === 'part') {
    partHeading = heading
    part = {
      type: 'part',
      children: [],
      position: { start: ctx.point(first, indentOf(lines[first]!)), end: ctx.endOfFile() },
    }
    applyHeading(part, heading, first, ctx)
    bodyFrom = first + 1
    let next = bodyFrom
    while (next < lines.length && isBlank(lines[next]!)) next++
    if (next >= lines.length) return { children: [part] }
    if (!part.title && isSubtitle(lines, next)) {
      // "Part One" then "The Road" alone: the second line is the part's title, not a chapter.
      const line = lines[next]!
      const start = line.length - line.trimStart().length
      part.title = ctx.inline([ctx.segment(next, start, line.trim().length)], 'space')
      return { children: [part] }
    }
    heading = parseHeading(lines[next]!, language)
    if (heading && heading.kind !== 'part') first = next
    else heading = undefined
  }
  if (heading) {
    chapter.kind = heading.kind as Chapter['kind']
    chapter.position!.start = ctx.point(first, indentOf(lines[first]!))
    applyHeading(chapter, heading, first, ctx)
    bodyFrom = first + 1
    const under = chapter.title ? undefined : titleUnderHeading(lines, first, lines.length, heading, language)
    if (under) {
      chapter.title = ctx.inline([ctx.segment(under.line, under.start, under.end - under.start)], 'space')
      bodyFrom = under.line + 1
    }
  }

  // A whole work in one file: heading lines further down open chapters (and parts) of their own.
  const opening = heading ?? partHeading
  const openingLine = heading ? first : partLine
  const { splits, sections } = findSplitLines(
    lines,
    bodyFrom,
    opening && { heading: opening, text: lines[openingLine]! },
    language,
  )
  ctx.sections = new Set(sections)
  const chapterHeadings = (heading ? 1 : 0) + splits.filter((s) => s.heading.kind !== 'part').length
  if (splits.length > 0 && chapterHeadings >= 2) {
    const openers: Opener[] = []
    if (part && partHeading && !heading?.part) openers.push({ line: partLine, heading: partHeading })
    if (heading) openers.push({ line: first, heading })
    for (const s of splits) openers.push(s)
    const result = readSplit(ctx, openers, noteFrom ?? (heading || part ? -1 : first), options, file)
    reportUnclosed(stats, file)
    return result
  }

  const { items } = layout(lines, bodyFrom, lines.length)
  if (noteFrom === undefined) {
    // A notice ("A/N: this is not an update, I'm going on hiatus", thanks under it) is all note.
    const notice = !heading && !part && isNotice(lines, first)
    chapter.children = ctx.blocks(items, notice ? lines.length : undefined)
  } else {
    // The note above the heading, then the story under it: one chapter, the note at its start.
    const note = layout(lines, noteFrom, partLine).items
    chapter.children = ctx.blocks([...note, ...items], partLine)
    chapter.position!.start = ctx.point(noteFrom, indentOf(lines[noteFrom]!))
    if (part) part.position!.start = chapter.position!.start
  }
  const only = chapter.children.length === 1 ? chapter.children[0] : undefined
  if (!heading && !part && only?.type === 'note') {
    // A hiatus notice or a thank-you between chapters: the author's note it is, not a chapter to
    // number (kind `other` is never numbered, and its label is its heading).
    const disclaimer = noteLabel(lines[first]!)?.strip === false
    chapter.kind = 'other'
    chapter.label = disclaimer ? 'Disclaimer' : "Author's Note"
    file.message(
      'text-note-only',
      `The file holds only an author's note; it is read as ${disclaimer ? 'a disclaimer' : 'an author’s note'}, not a numbered chapter`,
      only.position?.start,
      'text',
    )
  }
  if (chapter.children.length === 0) {
    file.message(
      'text-empty',
      heading ? 'The chapter has a heading but no text' : 'The file has no text; the chapter is empty',
      ctx.point(first, 0),
      'text',
    )
  }
  reportUnclosed(stats, file)
  if (part) {
    part.children.push(chapter)
    return { children: [part] }
  }
  return { children: [chapter] }
}

function reportUnclosed(stats: InlineStats, file: SourceFile): void {
  if (stats.unclosed > 0) {
    file.message(
      'text-emphasis-unclosed',
      `${stats.unclosed} emphasis marker${stats.unclosed === 1 ? '' : 's'} (_ or *) never closed; kept as text`,
      stats.firstUnclosed,
      'text',
    )
  }
}

/** A line that opens a part or chapter of a split file. */
interface Opener {
  line: number
  heading: ParsedHeading
}

/** True when a paragraph's one line reads as a title: short, unpunctuated, not a heading. */
function isTitleLine(text: string): boolean {
  return (
    text.length <= 80 &&
    !/[.!?,;:]["”’')]?$/.test(text) &&
    parseHeading(text) === undefined &&
    noteLabel(text) === undefined
  )
}

/**
 * Several chapters in one file, by the rules of `../split.ts`: text before the first heading
 * opens the first chapter, unless its first line reads as a title ("The Long Road" over "by A.
 * Writer" and a summary): then that line is the book's title (and a byline under it the book's
 * author, in `metadata`), and a summary under it a chapter of kind `other` with that title; a
 * title over a summary with no byline only heads the summary's chapter; a short line alone under a part heading is the part's title; other
 * text under a part heading opens the part's first chapter. Each chapter is laid out on its own,
 * so paragraph style, scene breaks and author's notes are read per chapter.
 */
function readSplit(
  ctx: Context,
  openers: Opener[],
  preambleFrom: number,
  options: ReaderOptions,
  file: SourceFile,
): ReadResult {
  const { lines } = ctx
  const matter = options.matter ?? 'body'
  const language = options.language || 'en'
  const out: Array<Part | Chapter> = []
  let part: Part | undefined
  let pending: Item[] = []
  /** End of the last non-blank line in `from`..`to` (exclusive), or undefined. */
  const lastPoint = (from: number, to: number): Point | undefined => {
    for (let l = to - 1; l >= from; l--)
      if (!isBlank(lines[l]!)) return ctx.point(l, lines[l]!.trimEnd().length)
    return undefined
  }
  const startOf = (items: Item[], fallback: Point): Point => {
    const item = items[0]
    if (!item) return fallback
    const line = lines[item.first]!
    return ctx.point(item.first, item.kind === 'break' && item.marker === '(blank)' ? 0 : indentOf(line))
  }
  const place = (chapter: Chapter) => {
    if (part) {
      part.children.push(chapter)
      part.position!.end = chapter.position!.end
    } else out.push(chapter)
  }
  const makeChapter = (items: Item[], at: Point, end: Point, storyLine?: number): Chapter => ({
    type: 'chapter',
    matter,
    kind: 'chapter',
    file: file.path,
    children: ctx.blocks(items, storyLine),
    position: { start: startOf(items, at), end },
  })
  const flushPending = () => {
    if (pending.length === 0) return
    const last = pending[pending.length - 1]!
    place(makeChapter(pending, ctx.point(pending[0]!.first, 0), lastPoint(last.first, last.last + 1)!))
    pending = []
  }

  let metadata: ReadResult['metadata']
  if (preambleFrom >= 0) {
    const to = openers[0]!.line
    const items = layout(lines, preambleFrom, to).items
    const head = items[0]
    const text = head?.kind === 'paragraph' ? lines[head.first]!.trim() : ''
    if (head && text && isTitleLine(text)) {
      const at = ctx.point(head.first, indentOf(lines[head.first]!))
      // The rest of a header block ("by A. Writer", a summary) stays as the title's chapter.
      let rest =
        head.first < head.last ? [{ ...head, first: head.first + 1 }, ...items.slice(1)] : items.slice(1)
      // "by A. Writer" under the title names the author; it is not the start of a chapter.
      const next = rest[0]
      const author = next?.kind === 'paragraph' ? bylineName(lines[next.first]!) : undefined
      if (author !== undefined) {
        rest =
          next!.first < next!.last ? [{ ...next!, first: next!.first + 1 }, ...rest.slice(1)] : rest.slice(1)
      }
      // A title alone (or with its byline) above the chapters is the book's; a title over a
      // summary stays the summary's heading too.
      if (rest.length === 0 || author !== undefined) {
        metadata = { title: text, ...(author !== undefined ? { authors: [{ name: author }] } : {}) }
        file.message(
          'text-book-title',
          `"${text}" above the chapters is the book's title${author !== undefined ? `, and "${author}" its author` : ''} (book.yaml or the command line would win)`,
          at,
          'text',
        )
      }
      if (rest.length > 0) {
        const chapter = makeChapter(rest, at, lastPoint(preambleFrom, to)!)
        chapter.kind = 'other'
        chapter.title = ctx.inline(
          [ctx.segment(head.first, indentOf(lines[head.first]!), text.length)],
          'space',
        )
        chapter.position!.start = at
        out.push(chapter)
      }
    } else pending = items
  }

  for (let k = 0; k < openers.length; k++) {
    const { line, heading } = openers[k]!
    const to = k + 1 < openers.length ? openers[k + 1]!.line : lines.length
    const at = ctx.point(line, indentOf(lines[line]!))
    const under =
      heading.kind === 'part' || heading.title
        ? undefined
        : titleUnderHeading(lines, line, to, heading, language)
    const items = layout(lines, under ? under.line + 1 : line + 1, to).items
    const end = lastPoint(line, to)!
    if (heading.kind === 'part') {
      if (part) flushPending()
      part = { type: 'part', children: [], position: { start: at, end } }
      applyHeading(part, heading, line, ctx)
      out.push(part)
      const only = items.length === 1 ? items[0]! : undefined
      const text = only?.kind === 'paragraph' && only.first === only.last ? lines[only.first]!.trim() : ''
      if (!part.title && text && isTitleLine(text)) {
        // "Part One" then "The Road" alone: the second line is the part's title.
        part.title = ctx.inline(
          [ctx.segment(only!.first, indentOf(lines[only!.first]!), text.length)],
          'space',
        )
      } else pending.push(...items)
      continue
    }
    // A note above the heading (text before it opening with "A/N:") is the chapter's start note.
    if (heading.part && !(part && samePart(part, heading.part))) {
      // "Part Two, Chapter Three" opens Part Two, unless it is already open.
      flushPending()
      part = { type: 'part', children: [], position: { start: at, end } }
      applyHeading(part, heading.part, line, ctx)
      out.push(part)
    }
    const chapter = makeChapter([...pending, ...items], at, end, pending.length > 0 ? line : undefined)
    pending = []
    chapter.kind = heading.kind as Chapter['kind']
    if (chapter.position!.start.line > at.line) chapter.position!.start = at
    applyHeading(chapter, heading, line, ctx)
    if (under)
      chapter.title = ctx.inline([ctx.segment(under.line, under.start, under.end - under.start)], 'space')
    if (chapter.children.length === 0) {
      file.message('text-empty', 'The chapter has a heading but no text', at, 'text')
    }
    place(chapter)
  }
  flushPending()
  return metadata ? { children: out, metadata } : { children: out }
}

/**
 * The name in a byline under a title ("by A. Writer", "By Ann Author and Bo Bell", "par Jules
 * Verne", "von Thomas Mann"), or undefined when the line is not one: a short line, the word and
 * a name without sentence punctuation at its end.
 */
export function bylineName(line: string): string | undefined {
  const match = /^\s*(?:by|written by|par|von|por|av|przez|автор:?)\s+(.+?)\s*$/iu.exec(line)
  const name = match?.[1]
  if (!name || name.length > 80 || /[!?,;:]$/.test(name) || /[.!?]\s+\p{Ll}/u.test(name)) return undefined
  // Five words at most between the connectives: "by the river we walked" is a sentence.
  const words = name.split(/\s+(?:and|&|et|und|y|e|och|i|и)\s+|\s*,\s*/iu)
  if (words.some((part) => part.split(/\s+/).length > 4)) return undefined
  if (!/^\p{Lu}/u.test(name) && !/^\p{Lu}/u.test(name.replace(/^[^\p{L}]+/u, ''))) return undefined
  return name
}

/**
 * The authors a preamble of one by-line paragraph names ("by Ann Smith and Bo Li"), split at
 * commas, `&` and "and"; undefined when the preamble is anything else. Under a title heading above
 * a manuscript's chapters (a web page's, a Markdown file's).
 */
export function bylineAuthors(preamble: readonly BlockContent[]): Person[] | undefined {
  const lone = preamble.length === 1 ? preamble[0] : undefined
  const by = lone?.type === 'paragraph' ? bylineName(toText(lone.children)) : undefined
  return by
    ?.split(/\s*(?:,|&|\band\b)\s*/)
    .filter(Boolean)
    .map((name) => ({ name }))
}

function samePart(part: Part, heading: ParsedHeading): boolean {
  return part.number === heading.number && part.label?.toLowerCase() === heading.label?.toLowerCase()
}

function applyHeading(node: Part | Chapter, heading: ParsedHeading, line: number, ctx: Context): void {
  if (heading.label !== undefined) node.label = heading.label
  if (heading.number !== undefined) node.number = heading.number
  if (heading.numeral !== undefined) node.numeral = heading.numeral
  if (heading.title !== undefined && heading.titleColumn !== undefined) {
    node.title = ctx.inline([ctx.segment(line, heading.titleColumn - 1, heading.title.length)], 'space')
    // "CHAPTER 5: THE FALL": a heading typed in capitals is set in title case, its label and
    // its title alike, since the renderer chooses the case of a head; capitals the author set
    // in a heading of mixed case ("Chapter 5: THE FALL") stay.
    const label = heading.label ?? ''
    if (/\p{Lu}/u.test(label) && label === label.toUpperCase() && isShouted(heading.title)) {
      for (const child of node.title) visitText(child, (text) => titleCase(text))
    }
  }
}

/** True when a title's letters are all capitals, and it has a word of two letters or more. */
function isShouted(title: string): boolean {
  return title === title.toUpperCase() && title !== title.toLowerCase() && /\p{Lu}{2}/u.test(title)
}

/** Words a title leaves in lower case inside it. */
const SMALL_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'but',
  'or',
  'nor',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'by',
  'with',
  'from',
  'as',
])

/** "THE END OF ALL THINGS" → "The End of All Things"; Roman numerals ("PART II") stay. */
function titleCase(text: string): string {
  let first = true
  return text.replace(/\p{L}[\p{L}\p{M}'’]*/gu, (word, at: number) => {
    const lower = word.toLowerCase()
    const last = !/\p{L}/u.test(text.slice(at + word.length))
    const out =
      word.length > 1 && romanValue(word) !== undefined
        ? word
        : !first && !last && SMALL_WORDS.has(lower)
          ? lower
          : lower[0]!.toUpperCase() + lower.slice(1)
    first = false
    return out
  })
}

/** Rewrite every text node under `node`. */
function visitText(node: PhrasingContent, change: (text: string) => string): void {
  if (node.type === 'text') node.value = change(node.value)
  else if ('children' in node)
    for (const child of node.children as PhrasingContent[]) visitText(child, change)
}

/** How a paragraph's lines join: breaks, with `soft` segments joined by spaces, when it keeps some. */
function joinOf(item: ParagraphItem): 'break' | 'space' {
  return item.keep ? 'break' : item.join
}

/** Per-file state shared by the block builders. */
class Context {
  /** Lines of numbers that head a chapter's sections ("1", "2" under "Chapter 2"; `split.ts`). */
  sections: ReadonlySet<number> = new Set()

  constructor(
    private readonly source: Source,
    private readonly file: SourceFile,
    private readonly stats: InlineStats,
  ) {}

  get lines(): string[] {
    return this.source.lines
  }

  point(line: number, index: number): Point {
    return { line: line + 1, column: index + 1, offset: this.source.offsets[line]! + index }
  }

  endOfFile(): Point {
    const last = this.source.lines.length - 1
    return this.point(last, this.source.lines[last]!.length)
  }

  /** `length` characters of line `line` from `index`. */
  segment(line: number, index: number, length: number): Segment {
    return {
      text: this.source.lines[line]!.slice(index, index + length),
      line: line + 1,
      column: index + 1,
      offset: this.source.offsets[line]! + index,
    }
  }

  inline(segments: Segment[], join: 'break' | 'space'): PhrasingContent[] {
    return phrasing(segments, join, this.stats)
  }

  /**
   * A paragraph's lines, trimmed; `skip` characters cut from the first (a note's label). Lines
   * of a wrapped paragraph that keeps some breaks are `soft` where the break is the wrapping's.
   */
  segments(item: ParagraphItem, skip = 0): Segment[] {
    const out: Segment[] = []
    const keep = item.keep && new Set(item.keep)
    for (let l = item.first; l <= item.last; l++) {
      const line = this.source.lines[l]!
      const end = line.trimEnd().length
      let start = line.length - line.trimStart().length
      if (l === item.first && skip > 0) {
        start = Math.max(start, skip)
        while (start < end && /\s/.test(line[start]!)) start++
      }
      if (start >= end) continue
      const segment = this.segment(l, start, end - start)
      if (keep && out.length > 0 && !keep.has(l - 1)) segment.soft = true
      out.push(segment)
    }
    return out
  }

  paragraph(segments: Segment[], join: 'break' | 'space'): Paragraph {
    const first = segments[0]!
    const last = segments[segments.length - 1]!
    return {
      type: 'paragraph',
      children: this.inline(segments, join),
      position: {
        start: { line: first.line, column: first.column, offset: first.offset },
        end: {
          line: last.line,
          column: last.column + last.text.length,
          offset: last.offset + last.text.length,
        },
      },
    }
  }

  sceneBreak(item: Item & { kind: 'break' }): SceneBreak {
    const lastLine = this.source.lines[item.last]!
    if (item.marker === '(blank)') {
      return {
        type: 'sceneBreak',
        marker: item.marker,
        position: { start: this.point(item.first, 0), end: this.point(item.last, lastLine.length) },
      }
    }
    const start = lastLine.length - lastLine.trimStart().length
    return {
      type: 'sceneBreak',
      marker: item.marker,
      position: {
        start: this.point(item.first, start),
        end: this.point(item.first, lastLine.trimEnd().length),
      },
    }
  }

  /**
   * Turn laid-out items into block nodes: collapse breaks, set notes apart, drop edge breaks.
   * `storyLine`: where the story starts when a note opening the items stood above the heading;
   * everything before that line is the start note.
   */
  blocks(laid: Item[], storyLine?: number): BlockContent[] {
    // Consecutive breaks are one break; a written marker beats a run of blank lines.
    const items: Item[] = []
    for (const item of laid) {
      const prev = items[items.length - 1]
      if (item.kind === 'break' && prev?.kind === 'break') {
        if (prev.marker === '(blank)' && item.marker !== '(blank)') items[items.length - 1] = item
        continue
      }
      items.push(item)
    }
    // Breaks before the first paragraph separate nothing.
    while (items[0]?.kind === 'break') this.edgeBreak(items.shift() as Item & { kind: 'break' }, 'start')

    const labels = new Map<number, { label: NoteLabel; labelOnly: boolean } | undefined>()
    const labelOf = (index: number) => {
      if (labels.has(index)) return labels.get(index)
      const item = items[index]
      let found: { label: NoteLabel; labelOnly: boolean } | undefined
      if (item?.kind === 'paragraph') {
        const label = noteLabel(this.source.lines[item.first]!)
        if (label) {
          const rest = label.strip ? this.segments(item, label.textStart) : [1]
          found = { label, labelOnly: rest.length === 0 }
        }
      }
      labels.set(index, found)
      return found
    }
    // A chapter copied from AO3's page: "Summary:" and "Notes:" above a line "Chapter Text", then
    // the story. The line goes; what is above it is the start note.
    let storyStart: number | undefined
    if (storyLine !== undefined && items[0]?.kind === 'paragraph' && labelOf(0)) {
      storyStart = items.findIndex((item) => item.first >= storyLine)
      if (storyStart < 0) storyStart = items.length
    } else if (items[0]?.kind === 'paragraph' && labelOf(0)) {
      const limit = Math.min(items.length, 60)
      for (let k = 1; k < limit; k++) {
        const item = items[k]!
        if (item.kind !== 'paragraph' || item.first !== item.last) continue
        if (!CHAPTER_TEXT.test(this.source.lines[item.first]!)) continue
        items.splice(k, 1)
        labels.clear()
        storyStart = k
        break
      }
    }
    const notes = findNotes(items, labelOf, storyStart)

    const out: BlockContent[] = []
    let i = 0
    for (const note of notes) {
      for (; i < note.start; i++) this.pushItem(items[i]!, out, i, note)
      const made = this.note(items, note.start, note.end, note.placement, labelOf)
      // A note of nothing but a label or AO3's pointer to the end notes says nothing.
      if (made.children.length > 0) out.push(made)
      i = note.end + 1
    }
    for (; i < items.length; i++) this.pushItem(items[i]!, out, i, undefined)
    // A break left last (after the story, with no note after it) ends nothing.
    const tail = out[out.length - 1]
    if (tail?.type === 'sceneBreak') {
      out.pop()
      this.file.message(
        'text-scene-break-edge',
        `Scene break "${tail.marker}" at the end of the chapter dropped`,
        tail.position,
        'text',
      )
    }
    return out
  }

  private pushItem(
    item: Item,
    out: BlockContent[],
    index: number,
    nextNote: { start: number } | undefined,
  ): void {
    if (item.kind === 'break') {
      const prev = out[out.length - 1]
      // A break right after a start note or right before an end note only separates the note.
      if (prev?.type === 'note' || (nextNote && index === nextNote.start - 1)) return
      if (out.length === 0) {
        this.edgeBreak(item, 'start')
        return
      }
      out.push(this.sceneBreak(item))
      return
    }
    if (item.first === item.last && this.sections.has(item.first)) {
      out.push(this.sectionHeading(item.first))
      return
    }
    const segments = this.segments(item)
    if (segments.length > 0) out.push(this.paragraph(segments, joinOf(item)))
  }

  /** "2" or "II." alone on line `line`, numbering a section: a heading of the number as written. */
  private sectionHeading(line: number): Heading {
    const text = this.source.lines[line]!
    const start = indentOf(text)
    const length = text.trimEnd().replace(/\.$/, '').length - start
    const segment = this.segment(line, start, length)
    return {
      type: 'heading',
      depth: 2,
      children: this.inline([segment], 'space'),
      position: { start: this.point(line, start), end: this.point(line, start + length) },
    }
  }

  private edgeBreak(item: Item & { kind: 'break' }, where: 'start' | 'end'): void {
    const node = this.sceneBreak(item)
    this.file.message(
      'text-scene-break-edge',
      `Scene break "${item.marker}" at the ${where} of the chapter dropped`,
      node.position,
      'text',
    )
  }

  private note(
    items: Item[],
    start: number,
    end: number,
    placement: 'start' | 'end',
    labelOf: (index: number) => { label: NoteLabel; labelOnly: boolean } | undefined,
  ): Note {
    const children: BlockContent[] = []
    let bracket: NoteLabel['bracket'] = ''
    const firstItem = items[start] as ParagraphItem
    let lastAt = end
    while (lastAt > start && items[lastAt]!.kind !== 'paragraph') lastAt--
    const lastItem = items[lastAt] as ParagraphItem
    for (let i = start; i <= end; i++) {
      const item = items[i] as ParagraphItem
      if (item.kind !== 'paragraph') continue
      // AO3's "(See the end of the chapter for more notes.)" points; it says nothing.
      if (item.first === item.last && SEE_THE_END.test(this.source.lines[item.first]!)) continue
      const found = labelOf(i)
      const skip = found?.label.strip ? found.label.textStart : 0
      if (found?.label.bracket) bracket = found.label.bracket
      let segments = this.segments(item, skip)
      // "**A/N: thanks!**": the bold closes at the paragraph's end, and goes with its opener; one
      // closing earlier ("**A/N: thanks** for reading") keeps the label and its bold as written.
      const close = found?.label.close
      if (close && !this.dropClosingMarker(segments, close)) segments = this.segments(item)
      // "(A/N: thanks!)" closes where it ends: in its own paragraph or the note's last.
      if (bracket && this.dropClosingBracket(segments, bracket)) bracket = ''
      if (segments.length > 0) children.push(this.paragraph(segments, joinOf(item)))
    }
    const firstLine = this.source.lines[firstItem.first]!
    const lastLine = this.source.lines[lastItem.last]!
    return {
      type: 'note',
      placement,
      children,
      position: {
        start: this.point(firstItem.first, firstLine.length - firstLine.trimStart().length),
        end: this.point(lastItem.last, lastLine.trimEnd().length),
      },
    }
  }

  /** "**A/N: thanks!**": the closing emphasis marker ending the paragraph goes with the opening one. */
  private dropClosingMarker(segments: Segment[], marker: string): boolean {
    const last = segments[segments.length - 1]
    if (!last?.text.endsWith(marker) || last.text.endsWith(marker + marker[0])) return false
    // The first closing marker must be the last one: else the bold ends before the paragraph does.
    const all = segments.map((segment) => segment.text).join(' ')
    if (all.indexOf(marker) !== all.length - marker.length) return false
    const text = last.text.slice(0, -marker.length).trimEnd()
    if (text) segments[segments.length - 1] = { ...last, text }
    else segments.pop()
    return true
  }

  /** "(A/N: thanks!)": the closing bracket goes with the opening one. */
  private dropClosingBracket(segments: Segment[], bracket: '(' | '['): boolean {
    const last = segments[segments.length - 1]
    const close = bracket === '(' ? ')' : ']'
    if (!last?.text.endsWith(close)) return false
    // "(an aside)" closing a paragraph inside the note is the aside's own bracket.
    const all = segments.map((segment) => segment.text).join(' ')
    if (all.split(close).length <= all.split(bracket).length) return false
    const text = last.text.slice(0, -1).trimEnd()
    if (text) segments[segments.length - 1] = { ...last, text }
    else segments.pop()
    return true
  }
}

/** Never throw: an internal failure becomes an error diagnostic and an empty chapter. */
function read(input: Uint8Array | string, file: SourceFile, options: ReaderOptions): ReadResult {
  try {
    return readText(input, file, options)
  } catch (error) {
    file.message(
      'text-internal-error',
      `The text reader failed on this file (${(error as Error)?.message ?? String(error)}); please report it`,
      { line: 1, column: 1 },
      'text',
    )
    return {
      children: [
        { type: 'chapter', matter: options.matter ?? 'body', kind: 'chapter', file: file.path, children: [] },
      ],
    }
  }
}

export const textReader: SyncReader & { codes: typeof textCodes } = {
  name: 'text',
  extensions: ['.txt', '.text'],
  // A saved web page named `.txt` is not plain text; a file with no tag at all certainly is.
  sniff: (head) => ({ document: false, none: true, some: undefined })[markupIn(head)],
  codes: textCodes,
  read,
}
