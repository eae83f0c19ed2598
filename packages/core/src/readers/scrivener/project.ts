/**
 * A project read from its binder: the layout planned, each document's text (or picture) opened
 * beside it and read, the chapters joined, the book's metadata taken (see `index.ts`).
 */
import { mapBounded, READ_CONCURRENCY } from '../../concurrency.js'
import { type Diagnostic, SourceFile } from '../../diagnostics/file.js'
import type { BlockContent, Chapter, Image, Metadata, Part } from '../../model/types.js'
import { dirname, normalize } from '../../posix-path.js'
import { sniffImageType } from '../../resources/image-type.js'
import { reportMalformed } from '../docx/package.js'
import { rtfReader } from '../rtf/index.js'
import { byteString } from '../rtf/tokens.js'
import { headingFields, makePart } from '../shared/chapter.js'
import type { ReaderOptions, ReadResult } from '../types.js'
import { type BinderItem, readBinder } from './binder.js'
import { compileChapter } from './join.js'
import { type ChapterPlan, lay } from './layout.js'
import { fillFootnotes, type Plain, plainRtf, readFootnotes } from './markup.js'
import { at, named, SOURCE, UNTITLED } from './names.js'

/** A document read: where its text is, what the RTF reader made of it and said, its markup. */
interface DocumentRead {
  path: string
  result: ReadResult
  messages: Diagnostic[]
  /** Scrivener's own markup it held (`markup.ts`); absent for a picture. */
  markup?: Plain
}

export async function readProject(
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
  // Each document's text, read a few at a time (a project can hold thousands of documents). What
  // is said about the binder goes to a file of the document's own, reported in binder order
  // after: the reads end in any order, the diagnostics never do.
  const reads = await mapBounded(documents, READ_CONCURRENCY, async (document) => {
    const where = document.type === 'Image' ? document.media! : document.text
    const path = normalize(folder === '.' ? where : `${folder}/${where}`)
    const sub = new SourceFile(path)
    const said = new SourceFile(file.path)
    const got = await readDocument(document, where, path, sub, said)
    return { got, said: said.messages }
  })
  const texts = reads.map((r) => r.got)
  const left = { annotations: 0, comments: 0, first: '' }
  for (const { got, said } of reads) {
    for (const message of said) file.messages.push(message)
    if (!got?.markup) continue
    left.annotations += got.markup.annotations
    left.comments += got.markup.comments
    if ((got.markup.annotations > 0 || got.markup.comments > 0) && !left.first) left.first = got.path
  }

  /** One document read: its text (or picture) through the RTF reader, Scrivener's markup first. */
  async function readDocument(
    document: BinderItem,
    where: string,
    path: string,
    sub: SourceFile,
    said: SourceFile,
  ): Promise<DocumentRead | undefined> {
    let bytes: Uint8Array | undefined
    try {
      bytes = await open!(where)
    } catch (error) {
      said.message(
        'scrivener-text-unreadable',
        `Left out ${named(document)}: ${(error as Error)?.message ?? error}`,
        { line: document.line, column: 1 },
        SOURCE,
      )
    }
    // A document never typed in has no file: it is empty, not missing.
    if (!bytes || bytes.length === 0) return undefined
    if (document.type === 'Image') return picture(document, bytes, path, said)
    const own = { ...options, open: undefined }
    let src = byteString(bytes)
    if (src.startsWith('\xef\xbb\xbf')) src = src.slice(3)
    // Footnotes written in the inspector are comments marked as such, in a file of their own.
    let notes = new Map<string, BlockContent[]>()
    if (src.includes('scrivcmt://')) {
      const comments = document.text.replace(/\.rtf$/, '.comments')
      const xml = await open!(comments).catch(() => undefined)
      if (xml) {
        const notesFile = new SourceFile(`${path.slice(0, -'.rtf'.length)}.comments`)
        notes = readFootnotes(new TextDecoder().decode(xml), notesFile, own)
        for (const message of notesFile.messages) sub.messages.push(message)
      }
    }
    const plain = plainRtf(src, new Set(notes.keys()))
    const result = rtfReader.read(plain.rtf, sub, own) as ReadResult
    fillFootnotes(result.children as Chapter[], notes)
    return { path, result, messages: sub.messages, markup: plain }
  }
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
  const empty: BinderItem[] = []
  const compile = (plan: ChapterPlan) => compileChapter(plan, text, binder, file, options.language, empty)
  for (const unit of layout) {
    if ('part' in unit) {
      const part = makePart(headingFields([{ type: 'text', value: unit.part.title }], options.language))
      part.position = at(unit.part.line)
      for (const plan of unit.chapters) for (const chapter of compile(plan)) part.children.push(chapter)
      children.push(part)
    } else for (const chapter of compile(unit)) children.push(chapter)
  }

  // Chapters planned but not written yet: each named, or a few of many.
  if (empty.length > 0 && empty.length <= 3)
    for (const item of empty)
      file.message('scrivener-empty', `Left out ${named(item)}, which has no text yet`, at(item.line), SOURCE)
  else if (empty.length > 3)
    file.message(
      'scrivener-empty',
      `Left out ${empty.length} chapters that have no text yet: ${empty
        .slice(0, 3)
        .map(named)
        .join(', ')} and ${empty.length - 3} more`,
      at(empty[0]!.line),
      SOURCE,
    )
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
  // Each document as its author finds it in the binder, for diagnostics naming its file.
  const names: Record<string, string> = {}
  documents.forEach((document, i) => {
    const got = texts[i]
    if (got && got.path !== file.path) names[got.path] = place(document)
  })
  return {
    children,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    ...(Object.keys(resources).length > 0 ? { resources } : {}),
    ...(Object.keys(names).length > 0 ? { names } : {}),
  }
}

/** Where an item stands in the binder: "Part One › The Gate › Arrival". */
const place = (item: BinderItem) => [...item.trail, item.title].map((t) => t || 'untitled').join(' › ')

/**
 * A picture document as a chapter holding its figure, the picture travelling as a resource under
 * its own path; one of a type books cannot show (BMP, TIFF, PDF) is left out and said so.
 */
function picture(
  document: BinderItem,
  bytes: Uint8Array,
  path: string,
  file: SourceFile,
): DocumentRead | undefined {
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
