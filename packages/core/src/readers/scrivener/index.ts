/**
 * The Scrivener reader: a Scrivener project (`Novel.scriv`, Scrivener 3 or 2 for Mac, 3 or 1 for
 * Windows) in, the book's parts and chapters out, as Scrivener's own compile would lay them out.
 * The binder (`binder.ts`) gives the Draft folder's tree; each document's text is an RTF file
 * beside it, opened through `ReaderOptions.open` and read by the RTF reader.
 *
 * Which item is a part, a chapter or a scene: the section type the project assigns it (Project
 * Settings > Section Types, by its name: "Part…", "Chapter…", "Scene…"), else the binder's
 * shape, as Scrivener's templates use it:
 * - at the top of the Draft, a folder holding folders, or one titled as a part ("Part One",
 *   "Book II"), is a part, and its items are its chapters;
 * - any other folder (or document holding documents) is a chapter, and every document inside it,
 *   at any depth, one of its scenes, joined with scene breaks;
 * - a document on its own is a chapter.
 * A chapter's heading is its binder title ("Chapter 3", "The Storm", "7") unless its text opens
 * with a heading of its own; scenes' titles are not printed, as Scrivener prints none.
 * Items not included in the compile are left out; so are research, notes, snapshots and the
 * trash, which are not in the Draft. A picture document is a figure. Scrivener's own markup in
 * the RTF (annotations, comments, footnotes, style tags) is made plain first (`markup.ts`).
 * Positions point into each document's own file (a chapter joined from several files says so
 * with `position.file`). A zipped backup of a project is read from the archive the same way.
 * Never throws.
 */
import { mapBounded, READ_CONCURRENCY } from '../../concurrency.js'
import { type Diagnostic, SourceFile } from '../../diagnostics/file.js'
import type { BlockContent, Chapter, Image, Metadata, Node, Part, Position } from '../../model/types.js'
import { visit } from '../../model/walk.js'
import { dirname, normalize } from '../../posix-path.js'
import { sniffImageType } from '../../resources/image-type.js'
import { reportMalformed } from '../docx/package.js'
import { parseHeading } from '../heading.js'
import { rtfReader } from '../rtf/index.js'
import { byteString } from '../rtf/tokens.js'
import { isArchiveProblem, openArchive } from '../shared/archive.js'
import { headChapter, headingFields, makePart } from '../shared/chapter.js'
import type { Reader, ReaderOptions, ReadResult } from '../types.js'
import { type Binder, type BinderItem, readBinder } from './binder.js'
import { scrivenerBackupEntry, scrivenerEntry } from './entry.js'
import { fillFootnotes, plainRtf, readFootnotes } from './markup.js'

const SOURCE = 'scrivener'

export const scrivenerReader: Reader & { codes: typeof scrivenerEntry.codes } = {
  ...scrivenerEntry,
  async read(input, file, options) {
    try {
      return await readProject(input, file, options)
    } catch (error) {
      file.message(
        'internal-error',
        `The Scrivener reader failed: ${(error as Error)?.message ?? error}`,
        undefined,
        SOURCE,
      )
      return { children: [] }
    }
  },
}

/** A zipped project (a backup): the binder found in the archive, its documents read from it. */
export const scrivenerBackupReader: Reader & { codes: typeof scrivenerBackupEntry.codes } = {
  ...scrivenerBackupEntry,
  async read(input, file, options) {
    try {
      return await readBackup(input, file, options)
    } catch (error) {
      file.message(
        'internal-error',
        `The Scrivener reader failed: ${(error as Error)?.message ?? error}`,
        undefined,
        SOURCE,
      )
      return { children: [] }
    }
  },
}

async function readBackup(
  input: Uint8Array | string,
  file: SourceFile,
  options: ReaderOptions,
): Promise<ReadResult> {
  const archive = typeof input === 'string' ? undefined : openArchive(input)
  if (!archive || isArchiveProblem(archive)) {
    file.message(
      'scrivener-invalid',
      `"${file.path}" is not a zip archive${archive ? ` (${archive.message})` : ''}; a .zip is read as a Scrivener project's backup`,
      undefined,
      SOURCE,
    )
    return { children: [] }
  }
  for (const problem of archive.problems)
    file.message(problem.code, `${file.path}: ${problem.message}`, undefined, SOURCE)
  // The binder nearest the archive's top: the project, not one kept inside it.
  const binder = archive.entries
    .filter((e) => !e.directory && /\.scrivx$/i.test(e.name) && !e.name.startsWith('__MACOSX/'))
    .sort((a, b) => a.name.split('/').length - b.name.split('/').length || a.name.localeCompare(b.name))[0]
  if (!binder) {
    file.message(
      'scrivener-invalid',
      `"${file.path}" holds no Scrivener project (no .scrivx binder in it): Octavo reads a .zip only as a Scrivener project's backup`,
      undefined,
      SOURCE,
    )
    return { children: [] }
  }
  const bytes = archive.read(binder.name)
  if (isArchiveProblem(bytes)) {
    file.message(bytes.code, `${file.path}: ${bytes.message}`, undefined, SOURCE)
    return { children: [] }
  }
  const base = binder.name.slice(0, binder.name.lastIndexOf('/') + 1)
  const inner = new SourceFile(`${file.path}/${binder.name}`)
  const result = await readProject(bytes, inner, {
    ...options,
    open: async (path) => {
      const name = normalize(`${base}${path}`)
      if (!archive.has(name)) return undefined
      const got = archive.read(name)
      if (isArchiveProblem(got)) throw new Error(got.message)
      return got
    },
  })
  for (const message of inner.messages) file.messages.push(message)
  // Named after the project inside, not the backup's file ("Novel.bak2.zip").
  const project = /([^/]+)\.scriv\/[^/]+$/i.exec(binder.name)?.[1]
  if (project && !result.metadata?.title) result.metadata = { ...result.metadata, title: project }
  return result
}

/** A chapter of the compile: the item it is made from and the documents whose text it holds. */
interface ChapterPlan {
  item: BinderItem
  documents: BinderItem[]
  /** A part's own text: a chapter only when there is some, and not titled after the part. */
  own?: boolean
}

/** The draft as Scrivener would compile it: parts of chapters, and chapters. */
type Layout = Array<{ part: BinderItem; chapters: ChapterPlan[] } | ChapterPlan>

async function readProject(
  input: Uint8Array | string,
  file: SourceFile,
  options: ReaderOptions,
): Promise<ReadResult> {
  const xml = typeof input === 'string' ? input : new TextDecoder().decode(input)
  const read = readBinder(xml)
  reportMalformed(
    read.problems.map((p) => `${p.line}:${p.column}: ${p.message}`),
    file,
    SOURCE,
  )
  if ('error' in read) {
    file.message('scrivener-invalid', `"${file.path}" cannot be read: ${read.error}`, undefined, SOURCE)
    return { children: [] }
  }
  const { binder } = read
  const open = options.open
  if (!open) {
    file.message(
      'scrivener-invalid',
      `"${file.path}" is a Scrivener binder; its documents are files in the project folder around it, which this build cannot open`,
      undefined,
      SOURCE,
    )
    return { children: [] }
  }
  if (binder.excluded > 0)
    file.message(
      'scrivener-excluded',
      `Left out ${binder.excluded} item${binder.excluded === 1 ? '' : 's'} of the Draft set not to be included in the compile`,
      undefined,
      SOURCE,
    )

  const layout = lay(binder, options.language, file)
  const plans = layout.flatMap((unit) => ('part' in unit ? unit.chapters : [unit]))
  const documents = plans.flatMap((plan) => plan.documents)
  const folder = dirname(file.path)
  const left = { annotations: 0, comments: 0, first: '' }
  // Each document's text, read a few at a time (a project can hold thousands of documents).
  const texts = await mapBounded(documents, READ_CONCURRENCY, async (document) => {
    const where = document.type === 'Image' ? document.media! : document.text
    const path = normalize(folder === '.' ? where : `${folder}/${where}`)
    const sub = new SourceFile(path)
    let bytes: Uint8Array | undefined
    try {
      bytes = await open(where)
    } catch (error) {
      file.message(
        'scrivener-text-unreadable',
        `Left out ${named(document)}: ${(error as Error)?.message ?? error}`,
        { line: document.line, column: 1 },
        SOURCE,
      )
    }
    // A document never typed in has no file: it is empty, not missing.
    if (!bytes || bytes.length === 0) return undefined
    if (document.type === 'Image') return picture(document, bytes, path, file)
    const own = { ...options, open: undefined }
    let src = byteString(bytes)
    if (src.startsWith('\xef\xbb\xbf')) src = src.slice(3)
    // Footnotes written in the inspector are comments marked as such, in a file of their own.
    let notes = new Map<string, BlockContent[]>()
    if (src.includes('scrivcmt://')) {
      const comments = document.text.replace(/\.rtf$/, '.comments')
      const xml = await open(comments).catch(() => undefined)
      if (xml)
        notes = readFootnotes(
          new TextDecoder().decode(xml),
          new SourceFile(`${path.slice(0, -4)}.comments`),
          own,
        )
    }
    const plain = plainRtf(src, new Set(notes.keys()))
    left.annotations += plain.annotations
    left.comments += plain.comments
    if ((plain.annotations > 0 || plain.comments > 0) && !left.first) left.first = path
    const result = rtfReader.read(plain.rtf, sub, own) as ReadResult
    fillFootnotes(result.children as Chapter[], notes)
    return { path, result, messages: sub.messages }
  })
  if (left.first) {
    const what = [
      left.annotations > 0 ? `${left.annotations} inline annotation${left.annotations === 1 ? '' : 's'}` : '',
      left.comments > 0 ? `${left.comments} comment${left.comments === 1 ? '' : 's'}` : '',
    ]
      .filter(Boolean)
      .join(' and ')
    file.message(
      'scrivener-notes-to-self',
      `Left out ${what} (notes to self, as Scrivener's compile does), the first in "${left.first}"; text a comment was attached to is kept`,
      undefined,
      SOURCE,
    )
  }
  const text = new Map(documents.map((d, i) => [d, texts[i]]))

  const children: Array<Part | Chapter> = []
  const resources: Record<string, Uint8Array> = {}
  const said: Partial<Metadata> = {}
  for (const got of texts) {
    if (!got) continue
    for (const message of got.messages) file.messages.push(message)
    Object.assign(resources, got.result.resources)
    for (const [key, value] of Object.entries(got.result.metadata ?? {}))
      if (value !== undefined && !(key in said)) (said as Record<string, unknown>)[key] = value
  }
  const compile = (plan: ChapterPlan) => compileChapter(plan, text, binder, file, options.language)
  for (const unit of layout) {
    if ('part' in unit) {
      const part = makePart(headingFields([{ type: 'text', value: unit.part.title }], options.language))
      part.position = at(unit.part.line)
      for (const plan of unit.chapters) for (const chapter of compile(plan)) part.children.push(chapter)
      children.push(part)
    } else for (const chapter of compile(unit)) children.push(chapter)
  }

  if (children.length === 0)
    file.message(
      'scrivener-invalid',
      `"${file.path}" has no text to compile: its Draft folder holds no document with text${binder.excluded > 0 ? ' included in the compile' : ''}`,
      undefined,
      SOURCE,
    )
  const metadata: Partial<Metadata> = {}
  // The project's own title and author (Project Properties) over what a document's title page said.
  if (said.title) metadata.title = said.title
  if (said.authors) metadata.authors = said.authors
  if (binder.title) metadata.title = binder.title
  if (binder.author) metadata.authors = [{ name: binder.author }]
  return {
    children,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    ...(Object.keys(resources).length > 0 ? { resources } : {}),
  }
}

/** Titles Scrivener gives a document nobody named. */
const UNTITLED = /^(?:untitled(?: document)?(?: \d+)?|new (?:document|scene|folder|text))$/i

/** An item as a diagnostic names it. */
const named = (item: BinderItem) =>
  item.title === '' || UNTITLED.test(item.title) ? 'an untitled document' : `"${item.title}"`

/**
 * A picture document as a chapter holding its figure, the picture travelling as a resource under
 * its own path; one of a type books cannot show (BMP, TIFF, PDF) is left out and said so.
 */
function picture(document: BinderItem, bytes: Uint8Array, path: string, file: SourceFile) {
  if (!sniffImageType(bytes)) {
    file.message(
      'scrivener-item-skipped',
      `Left out the picture ${named(document)}: it is not PNG, JPEG, GIF, WebP or SVG (convert it, or put a picture of one of those types in its place)`,
      { line: document.line, column: 1 },
      SOURCE,
    )
    return undefined
  }
  const image: Image = { type: 'image', url: path, position: at(document.line) }
  if (document.title !== '' && !UNTITLED.test(document.title)) image.alt = document.title
  const chapter: Chapter = { type: 'chapter', matter: 'body', kind: 'chapter', children: [] }
  chapter.children.push({ type: 'figure', image, position: at(document.line) })
  // A picture's chapter is titled by its binder title only when it stands on its own.
  const result: ReadResult = { children: [chapter], resources: { [path]: bytes } }
  return { path: file.path, result, messages: [] as Diagnostic[] }
}

/** A binder line as a position in the binder file. */
const at = (line: number): Position => ({ start: { line, column: 1 }, end: { line, column: 1 } })

/** Whether an item holds other items (a folder, or a document with documents under it). */
const holds = (item: BinderItem) => item.children.length > 0

/**
 * Whether the compile takes something from the item: text (folders can hold text in Scrivener 3)
 * or a picture (an image document: a map, a chapter's illustration).
 */
const textual = (item: BinderItem) =>
  item.type === 'Text' || item.type === 'Folder' || (item.type === 'Image' && item.media !== undefined)

type Role = 'part' | 'chapter' | 'scene' | 'section'

/** What a section type's name says an item is ("Part Title", "Chapter Heading", "Scene", "Section"). */
function roleNamed(name: string | undefined): Role | undefined {
  if (!name) return undefined
  if (/\bpart\b|\bbook\b|\bvolume\b/i.test(name)) return 'part'
  if (/chapter/i.test(name)) return 'chapter'
  if (/scene/i.test(name)) return 'scene'
  if (/section|heading/i.test(name)) return 'section'
  return undefined
}

/** The section type Scrivener gives an item that names none: by its kind and depth. */
function levelRole(item: BinderItem, binder: Binder): Role | undefined {
  const levels =
    item.type === 'Folder'
      ? binder.levels.folders
      : holds(item)
        ? binder.levels.containers
        : binder.levels.files
  return roleNamed(levels[Math.min(item.depth, levels.length - 1)])
}

/** The draft's items as parts and chapters (see the module's comment). */
function lay(binder: Binder, language: string, file: SourceFile): Layout {
  const layout: Layout = []
  const skipped: BinderItem[] = []
  /** The documents of a chapter made from `item`: its own text, then everything under it. */
  const documents = (item: BinderItem): BinderItem[] => {
    const out: BinderItem[] = []
    const stack = [item]
    while (stack.length > 0) {
      const next = stack.pop()!
      if (textual(next)) out.push(next)
      else skipped.push(next)
      for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!)
    }
    return out
  }
  // The item's own section type first; then its shape (chapter folders inside it) and its
  // title; then the type its level has by default, which a template sets and authors seldom change.
  const isPart = (item: BinderItem): boolean => {
    if (!holds(item)) return false
    const said = roleNamed(item.sectionType)
    if (said) return said === 'part'
    if (item.children.some((child) => child.type === 'Folder')) return true
    if (parseHeading(item.title, language)?.kind === 'part') return true
    return levelRole(item, binder) === 'part'
  }
  for (const item of binder.draft) {
    // An image or a PDF is left out, but not the documents someone put under it.
    if (!textual(item) && !holds(item)) {
      skipped.push(item)
      continue
    }
    if (textual(item) && isPart(item)) {
      const chapters: ChapterPlan[] = []
      // The part's own text, when it has some, is an untitled chapter before the others.
      chapters.push({ item, documents: [item], own: true })
      for (const child of item.children) {
        if (!textual(child) && !holds(child)) skipped.push(child)
        else chapters.push({ item: child, documents: documents(child) })
      }
      layout.push({ part: item, chapters })
    } else layout.push({ item, documents: documents(item) })
  }
  if (skipped.length > 0) {
    const first = skipped[0]!
    file.message(
      'scrivener-item-skipped',
      `Left out ${skipped.length === 1 ? '' : `${skipped.length} items, the first `}${named(first)} (${first.type}): only text documents are compiled`,
      { line: first.line, column: 1 },
      SOURCE,
    )
  }
  return layout
}

type Texts = Map<BinderItem, { path: string; result: ReadResult } | undefined>

/**
 * One planned chapter from its documents' texts: the first that has text opens it, and each one
 * after it is a scene of it, after a scene break, unless its text opens with a heading of its
 * own (an author who typed "Chapter 4" into a document has begun a chapter there).
 */
function compileChapter(
  plan: ChapterPlan,
  texts: Texts,
  binder: Binder,
  file: SourceFile,
  language: string,
): Chapter[] {
  const out: Chapter[] = []
  let current: Chapter | undefined
  plan.documents.forEach((document, index) => {
    const got = texts.get(document)
    if (!got) return
    const chapters = got.result.children.flatMap((node) => (node.type === 'part' ? node.children : [node]))
    for (const chapter of chapters) {
      const headed =
        chapter.title !== undefined || chapter.number !== undefined || chapter.label !== undefined
      let blocks = trimBreaks(chapter.children)
      // A section (non-fiction's) prints its title as a subheading; a scene follows a break.
      const section =
        document !== plan.item &&
        !headed &&
        document.title !== '' &&
        (roleNamed(document.sectionType) ?? levelRole(document, binder)) === 'section'
      if (section && blocks.length > 0)
        blocks = [
          { type: 'heading', depth: 2, children: [{ type: 'text', value: document.title }] },
          ...blocks,
        ]
      if (!current || headed) {
        chapter.children = blocks
        chapter.file = got.path
        current = chapter
        out.push(chapter)
        continue
      }
      if (blocks.length === 0) continue
      if (got.path !== current.file) stamp(blocks, got.path)
      renameNotes(blocks, `s${index}`)
      if (!section && current.children.length > 0) current.children.push({ type: 'sceneBreak' })
      for (const block of blocks) current.children.push(block)
    }
  })
  if (!current) {
    // Nothing typed in it yet (Scrivener writes no file for an empty document).
    if (!plan.own)
      file.message(
        'scrivener-empty',
        `Left out ${named(plan.item)}, which has no text yet`,
        { line: plan.item.line, column: 1 },
        SOURCE,
      )
    return out
  }
  if (plan.own) return out
  const first = out[0]!
  const untitled = first.title === undefined && first.number === undefined && first.label === undefined
  const title = plan.item.title
  if (untitled && title !== '' && !UNTITLED.test(title))
    headChapter(first, headingFields([{ type: 'text', value: title }], language))
  return out
}

/** Blocks without scene breaks at either end (the joins make their own). */
function trimBreaks(blocks: BlockContent[]): BlockContent[] {
  let from = 0
  let to = blocks.length
  while (from < to && blocks[from]!.type === 'sceneBreak') from++
  while (to > from && blocks[to - 1]!.type === 'sceneBreak') to--
  return from === 0 && to === blocks.length ? blocks : blocks.slice(from, to)
}

/** Say on every node's position which file it came from (a chapter joined from several). */
function stamp(blocks: BlockContent[], path: string): void {
  for (const block of blocks)
    visit(block as Node, (node) => {
      if (node.position) node.position.file = path
    })
}

/** Give a joined scene's notes identifiers of their own: each file numbers its notes from 1. */
function renameNotes(blocks: BlockContent[], suffix: string): void {
  for (const block of blocks)
    visit(block as Node, (node) => {
      if (node.type === 'footnoteDefinition' || node.type === 'footnoteReference')
        node.identifier = `${node.identifier}-${suffix}`
    })
}
