/**
 * From a file's headings, front matter and blocks to what a reader returns: one chapter, an
 * empty part ("Part One" alone in its file), or a part holding the chapter that follows its
 * heading. Shared by the Markdown and HTML readers so both read "Chapter Twenty-Three: Truly All
 * Alone" the same way, through `parseHeading`.
 */
import type {
  BlockContent,
  Chapter,
  ChapterKind,
  Matter,
  Part,
  PhrasingContent,
  Position,
} from '../../model/types.js'
import { toText } from '../../model/walk.js'
import { parseHeading } from '../heading.js'
import type { ReaderOptions, ReadResult } from '../types.js'
import { sliceInline, trimInline } from './phrasing.js'

/** What a heading says about the chapter (or part) it opens. */
export interface HeadingFields {
  kind: ChapterKind | 'part'
  label?: string
  number?: number
  /** The number as written ("Twenty-Three"). */
  numeral?: string
  title?: PhrasingContent[]
  position?: Position
}

/** Read a heading's inline content with `parseHeading`; unrecognised text is all title. */
export function headingFields(
  content: PhrasingContent[],
  language: string,
  position?: Position,
): HeadingFields {
  const plain = toText(content)
  const parsed = parseHeading(plain, language)
  const fields: HeadingFields = { kind: parsed?.kind ?? 'chapter' }
  if (position) fields.position = position
  if (!parsed) {
    if (plain.trim() !== '') fields.title = trimInline(content)
    return fields
  }
  if (parsed.label !== undefined) fields.label = parsed.label
  if (parsed.number !== undefined) fields.number = parsed.number
  if (parsed.numeral !== undefined) fields.numeral = parsed.numeral
  if (parsed.title) {
    let at = parsed.titleColumn !== undefined ? parsed.titleColumn - 1 : -1
    if (plain.slice(at, at + parsed.title.length) !== parsed.title) at = plain.lastIndexOf(parsed.title)
    fields.title =
      at >= 0
        ? trimInline(sliceInline(content, at, at + parsed.title.length))
        : [{ type: 'text', value: parsed.title }]
  }
  return fields
}

/** Chapter fields a file states outright (front matter); they win over the heading. */
export interface StatedFields {
  title?: string
  subtitle?: string
  number?: number
  kind?: ChapterKind | 'part'
  matter?: Matter
  /** When the chapter was posted (front matter `date:`), ISO 8601; dates the update log. */
  date?: string
}

export interface AssembleInput {
  /** The part heading, when the file opens with one. */
  part?: HeadingFields
  /** The chapter heading. */
  chapter?: HeadingFields
  stated?: StatedFields
  children: BlockContent[]
  /** Span of the whole file. */
  position?: Position
}

const textOf = (value: string): PhrasingContent[] => [{ type: 'text', value }]

/** Build the reader's result. */
export function assemble(input: AssembleInput, filePath: string, options: ReaderOptions): ReadResult {
  const stated = input.stated ?? {}
  let partHeading = input.part
  let chapterHeading = input.chapter
  // `kind: part` in front matter makes the file a part even when its heading is plain text.
  if (stated.kind === 'part' && !partHeading) {
    partHeading = chapterHeading ?? { kind: 'part' }
    chapterHeading = undefined
  }
  const hasChapter = chapterHeading !== undefined || input.children.length > 0
  if (partHeading && !hasChapter) {
    const part = makePart(partHeading)
    if (stated.title !== undefined) part.title = textOf(stated.title)
    if (stated.number !== undefined) {
      part.number = stated.number
      delete part.numeral
    }
    return { children: [part] }
  }
  const fields = chapterHeading ?? { kind: 'chapter' }
  const kind = stated.kind !== undefined && stated.kind !== 'part' ? stated.kind : fields.kind
  const chapter: Chapter = {
    type: 'chapter',
    matter: stated.matter ?? options.matter ?? 'body',
    kind: kind === 'part' ? 'chapter' : kind,
    file: filePath,
    children: input.children,
  }
  const number = stated.number ?? fields.number
  if (number !== undefined) chapter.number = number
  // A number stated in front matter overrides the heading's, and its wording with it.
  if (stated.number === undefined && fields.numeral !== undefined) chapter.numeral = fields.numeral
  if (fields.label !== undefined) chapter.label = fields.label
  const title = stated.title !== undefined ? textOf(stated.title) : fields.title
  if (title && title.length > 0) chapter.title = title
  if (stated.subtitle !== undefined) chapter.subtitle = textOf(stated.subtitle)
  if (stated.date !== undefined) chapter.date = stated.date
  if (input.position) chapter.position = input.position
  if (!partHeading) return { children: [chapter] }
  const part = makePart(partHeading)
  part.children.push(chapter)
  return { children: [part] }
}

export function makePart(fields: HeadingFields): Part {
  const part: Part = { type: 'part', children: [] }
  if (fields.number !== undefined) part.number = fields.number
  if (fields.numeral !== undefined) part.numeral = fields.numeral
  if (fields.label !== undefined) part.label = fields.label
  if (fields.title && fields.title.length > 0) part.title = fields.title
  if (fields.position) part.position = fields.position
  return part
}

/**
 * Give an untitled chapter what a heading found elsewhere says (its table-of-contents entry, its
 * file's name): kind (a part's heading leaves the kind), label, number and title.
 */
export function headChapter(chapter: Chapter, fields: HeadingFields): void {
  if (fields.kind !== 'part') chapter.kind = fields.kind
  if (fields.label !== undefined) chapter.label = fields.label
  if (fields.number !== undefined) chapter.number = fields.number
  if (fields.numeral !== undefined) chapter.numeral = fields.numeral
  if (fields.title) chapter.title = fields.title
}

/** The empty chapter a reader gives for a file it refused (the refusal is its diagnostic). */
export function emptyChapter(file: { path: string }, options: ReaderOptions): Chapter {
  return { type: 'chapter', matter: options.matter ?? 'body', kind: 'chapter', file: file.path, children: [] }
}
