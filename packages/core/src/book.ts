/**
 * The pipeline as an API: a book from disk (`loadBook`) or from memory (`createBook`), then
 * `render` it to any registered format. This is pandoc's read → transform → write and unified's
 * parse | run | stringify, with every stage reporting into `SourceFile`s instead of printing.
 */
import { createHash } from 'node:crypto'
import { type Diagnostic, OctavoError, SourceFile } from './diagnostics/file.js'
import {
  createMemoryEnv,
  createNodeEnv,
  DEFAULT_DATE,
  dateFromEpoch,
  type Env,
  ResourceError,
} from './env.js'
import { defaultIdentifier, type ManifestChapterEntry, planBook } from './manifest/index.js'
import type { LabelStyle } from './model/labels.js'
import type {
  Chapter,
  ChapterKind,
  Matter,
  Metadata,
  Part,
  Person,
  PhrasingContent,
  Root,
} from './model/types.js'
import { loadPlugins } from './plugins.js'
import { getReader, type ReadResult, readerForPath } from './readers/index.js'
import { getRenderer } from './renderers/index.js'
import { type FootnoteNumbering, footnoteNumbers } from './transforms/footnotes.js'
import { ids } from './transforms/ids.js'
import { labels, labelTitles } from './transforms/labels.js'
import { numbering } from './transforms/numbering.js'
import type { Transform } from './transforms/types.js'
import { typography } from './transforms/typography/index.js'

/** Renderer options by format name (`epub`, `pdf`, a plugin's name), as book.yaml gives them. */
export type FormatOptions = Record<string, Record<string, unknown> | undefined>

/** A parsed, transformed book, ready to render any number of times. */
export interface Book {
  /** The manuscript tree (spec: model/spec.md). */
  tree: Root
  /** File access and build date for renderers. */
  env: Env
  /** Per-format renderer options from book.yaml (`epub:`, `pdf:`), merged under the caller's. */
  formats: FormatOptions
  /** One entry per input file (and `''` for the book as a whole), each with its diagnostics. */
  files: SourceFile[]
}

/** Options shared by `loadBook` and `createBook`. */
export interface BuildOptions {
  /**
   * Build date written into outputs. Default: `SOURCE_DATE_EPOCH` when set, else the book's
   * `date`, else 2000-01-01: never the clock, so builds are reproducible.
   */
  date?: Date
  /** Smarten quotes, dashes and ellipses (default true; book.yaml `typography: false` turns it off). */
  typography?: boolean
  /**
   * How chapter and part numbers are written in labels: `as-written` (the default: "Chapter
   * Twenty-Three" stays), `numbers` ("Chapter 23"), `words`, `roman` (book.yaml `labels:`).
   */
  labels?: LabelStyle
  /**
   * How deep the EPUB navigation and the PDF bookmarks go: 1 chapters only, 2 (the default)
   * chapters and their `##` sections, up to 6 (book.yaml `toc-depth:`).
   */
  tocDepth?: number
  /** Footnote numbers restart with each chapter (`per-chapter`, the default) or run through the book (`per-book`). */
  footnotes?: FootnoteNumbering
  /** Transforms run after the built-in ones, in order. */
  transforms?: Transform[]
  /**
   * Reuse chapters parsed by an earlier build of the same book (watch mode): files whose bytes,
   * reader, language and typography setting are unchanged are not read again. Ignored when
   * `transforms` are given, since a transform may change the cached nodes. Default: none.
   */
  cache?: BookCache
}

/** Parsed chapters kept between builds; make one with `createBookCache()` and pass it each time. */
export interface BookCache {
  /** Per source path: what the last build read. Internal; treat as opaque. */
  readonly entries: Map<string, CacheEntry>
  /** Handed to renderers as `Env.memo`. */
  readonly memo: Map<string, unknown>
}

interface CacheEntry {
  key: string
  children: Array<Part | Chapter>
  messages: Diagnostic[]
  /** What the reader itself set, restored before numbering, labels and ids run again. */
  preset: Array<{
    node: Part | Chapter
    number: number | undefined
    id: string | undefined
    size: number
    /** The label fields the labels transforms rewrite. */
    labels: { numeral?: string; label?: string; title?: PhrasingContent[]; kind?: ChapterKind }
  }>
}

/**
 * A new, empty cache for `loadBook`/`createBook`'s `cache` option.
 *
 * @example
 *   const cache = createBookCache()
 *   const first = await loadBook('my-novel/', { cache })
 *   // Later rebuilds reuse chapters whose files did not change.
 *   const again = await loadBook('my-novel/', { cache })
 */
export function createBookCache(): BookCache {
  return { entries: new Map(), memo: new Map() }
}

export interface LoadOptions extends BuildOptions {
  /** Metadata that wins over book.yaml: the CLI's `--title`, `--author`, `--lang`. */
  metadata?: Partial<Metadata>
  /** Plugin specifiers to load besides book.yaml's `plugins:` (package names or book-relative paths). */
  plugins?: string[]
  /** Folder relative inputs resolve against (default `process.cwd()`). */
  cwd?: string
}

/** The result of loading: the book when there was one, and every diagnostic either way. */
export interface LoadResult {
  book?: Book
  diagnostics: Diagnostic[]
}

/**
 * All diagnostics of a book, in file order.
 *
 * @example
 *   const { book } = await createBook({ metadata: { title: 'Notes' }, chapters: [{ text: 'Hi.' }] })
 *   for (const d of diagnosticsOf(book!)) console.error(formatDiagnostic(d))
 */
export function diagnosticsOf(book: Book): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const file of book.files) out.push(...file.messages)
  if (!book.files.includes(book.env.file)) out.push(...book.env.file.messages)
  return out
}

function buildDate(options: BuildOptions, metadata: Metadata): Date {
  if (options.date) return options.date
  const epoch = dateFromEpoch(typeof process === 'undefined' ? undefined : process.env.SOURCE_DATE_EPOCH)
  if (epoch) return epoch
  const match = metadata.date ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(metadata.date) : null
  if (match) return new Date(Date.UTC(Number(match[1]), Number(match[2] ?? 1) - 1, Number(match[3] ?? 1)))
  return DEFAULT_DATE
}

/**
 * Load a book from disk: a `book.yaml`, a folder of chapters, or chapter files and globs.
 *
 * @example
 *   const { book, diagnostics } = await loadBook(['my-novel/'])
 *   if (book) await writeFile('my-novel.epub', await render(book, 'epub'))
 */
export async function loadBook(inputs: string | string[], options: LoadOptions = {}): Promise<LoadResult> {
  const list = Array.isArray(inputs) ? inputs : [inputs]
  const planned = await planBook(list, { ...options.metadata, cwd: options.cwd })
  const files = [...planned.files]
  const plan = planned.plan
  if (!plan || files.some((f) => f.hasErrors)) return { diagnostics: files.flatMap((f) => f.messages) }

  const bookFile = files.find((f) => f.path === '') ?? new SourceFile('')
  if (!files.includes(bookFile)) files.unshift(bookFile)
  const env = createNodeEnv(plan.root, {
    date: buildDate(options, plan.metadata),
    file: bookFile,
    ...(options.cache ? { memo: options.cache.memo } : {}),
  })

  const pluginSpecs = [...plan.plugins, ...(options.plugins ?? [])]
  if (pluginSpecs.length > 0) {
    const loaded = await loadPlugins(pluginSpecs, plan.root, bookFile)
    if (!loaded) return { diagnostics: files.flatMap((f) => f.messages) }
    options = { ...options, transforms: [...loaded.transforms, ...(options.transforms ?? [])] }
  }

  const sources = await Promise.all(
    plan.chapters.map(async (entry) => {
      const file = new SourceFile(entry.file)
      try {
        return { entry, file, bytes: await env.readFile(entry.file) }
      } catch (error) {
        const code = error instanceof ResourceError ? error.code : 'io-read'
        file.message(code, error instanceof Error ? error.message : String(error))
        return { entry, file, bytes: undefined }
      }
    }),
  )
  files.push(...sources.map((s) => s.file))

  const smart = options.typography ?? plan.options.typography !== false
  // book.yaml's pipeline keys, under the caller's.
  options = {
    ...options,
    labels: options.labels ?? plan.options.labels,
    tocDepth: options.tocDepth ?? plan.options.tocDepth,
    footnotes: options.footnotes ?? plan.options.footnotes,
  }
  const children = assemble(
    sources,
    plan.metadata,
    smart,
    options.transforms?.length ? undefined : options.cache,
  )
  const tree: Root = { type: 'root', metadata: plan.metadata, children }
  const book: Book = { tree, env, formats: plan.options as FormatOptions, files }
  await runTransforms(book, { ...options, typography: smart })
  return { book, diagnostics: diagnosticsOf(book) }
}

interface Source {
  entry: Pick<ManifestChapterEntry, 'file' | 'matter' | 'part'>
  file: SourceFile
  bytes: Uint8Array | string | undefined
  /** Registry name of the reader to use; default by file extension. */
  reader?: string
  /** A caller's title for a text with no heading line of its own. */
  title?: string
}

/**
 * Read each source with its reader, smarten its typography, and nest chapters into parts (from
 * book.yaml or part headings). Typography runs per source here, not over the whole tree later, so
 * that a cached chapter is reused already smartened.
 */
function assemble(
  sources: Source[],
  metadata: Metadata,
  smart: boolean,
  cache?: BookCache,
): Array<Part | Chapter> {
  const language = metadata.language
  const smarten = smart ? typography({ language, metadata: false }) : undefined
  const out: Array<Part | Chapter> = []
  let manifestPart: ManifestChapterEntry['part']
  let current: Part | undefined
  for (const { entry, file, bytes, reader: readerName, title } of sources) {
    if (bytes === undefined) continue
    const reader = readerName ? getReader(readerName) : readerForPath(entry.file)
    if (!reader) {
      file.message('book-unknown-format', `no reader for "${entry.file}" (known: .txt, .md, .html)`)
      continue
    }
    if (entry.part !== manifestPart) {
      manifestPart = entry.part
      current = undefined
      if (entry.part) {
        current = { type: 'part', title: [{ type: 'text', value: entry.part.title }], children: [] }
        if (entry.part.number !== undefined) current.number = entry.part.number
        out.push(current)
      }
    }
    const key = cache && `${reader.name}\0${language}\0${smart}\0${entry.matter}\0${digest(bytes)}`
    const cached = key ? cache!.entries.get(entry.file) : undefined
    let result: ReadResult
    if (cached && cached.key === key) {
      file.messages.push(...cached.messages)
      for (const preset of cached.preset) {
        preset.node.number = preset.number
        preset.node.id = preset.id
        for (const key of ['numeral', 'label', 'title', 'kind'] as const) {
          const value = preset.labels[key]
          if (value === undefined) delete (preset.node as Partial<Chapter>)[key]
          else (preset.node as Partial<Chapter>)[key] = value as never
        }
        if (preset.node.type === 'part') preset.node.children.length = preset.size
      }
      result = { children: cached.children }
    } else {
      try {
        result = reader.read(bytes, file, { language, matter: entry.matter })
        // Per-file typography notices (an unknown language) would repeat for every file; the
        // metadata pass reports them once for the book.
        if (smarten) smarten({ type: 'root', metadata, children: result.children }, new SourceFile(file.path))
      } catch (error) {
        // Readers must never throw; if one does, that is our bug, not the author's.
        file.message('internal-error', `the ${reader.name} reader failed: ${(error as Error).message}`)
        continue
      }
      if (key) {
        const preset: CacheEntry['preset'] = []
        for (const node of result.children) {
          for (const n of node.type === 'part' ? [node, ...node.children] : [node]) {
            preset.push({
              node: n,
              number: n.number,
              id: n.id,
              size: n.type === 'part' ? n.children.length : 0,
              labels: {
                numeral: n.numeral,
                label: n.label,
                title: n.title,
                kind: n.type === 'chapter' ? n.kind : undefined,
              },
            })
          }
        }
        cache!.entries.set(entry.file, {
          key,
          children: result.children,
          messages: [...file.messages],
          preset,
        })
      }
    }
    // The chapter steps apply to every chapter the file gave, inside a part too (a whole
    // manuscript in one file can hold parts). A caller's title names a one-chapter file only.
    const chapterCount = result.children.reduce((n, c) => n + (c.type === 'part' ? c.children.length : 1), 0)
    const finish = (chapter: Chapter) => {
      chapter.file ??= file.path
      // The reader was given entry.matter as the default; a file's own front matter may say otherwise.
      chapter.matter ??= entry.matter
      trimSceneBreaks(chapter, file)
      if (title && chapterCount === 1 && !chapter.title && chapter.number === undefined)
        chapter.title = [{ type: 'text', value: title }]
      if (!hasText(chapter)) {
        const which = chapterCount > 1 ? `A chapter of "${file.path}"` : `"${file.path}"`
        file.message(
          'book-chapter-empty',
          `${which} has no text`,
          chapterCount > 1 ? chapter.position : undefined,
        )
      }
    }
    for (const node of result.children) {
      if (node.type === 'part') {
        current = node
        out.push(node)
        for (const chapter of node.children) finish(chapter)
      } else {
        finish(node)
        if (current && node.matter === 'body') current.children.push(node)
        else {
          if (node.matter !== 'body') current = undefined
          out.push(node)
        }
      }
    }
  }
  return out
}

/**
 * A scene break separates two scenes: one at the very start or end of a chapter separates
 * nothing and would print a stray ornament. Readers may already drop them (the text reader does,
 * with its own code); this catches every other source the same way.
 */
function trimSceneBreaks(chapter: Chapter, file: SourceFile): void {
  const kids = chapter.children
  while (kids.length > 0 && (kids[0]!.type === 'sceneBreak' || kids.at(-1)!.type === 'sceneBreak')) {
    const edge = kids[0]!.type === 'sceneBreak' ? kids.shift()! : kids.pop()!
    file.message(
      'book-scene-break-edge',
      'a scene break at the start or end of a chapter was dropped',
      edge.position,
    )
  }
}

function hasText(chapter: Chapter): boolean {
  return chapter.children.some((c) => c.type !== 'sceneBreak')
}

async function runTransforms(book: Book, options: BuildOptions): Promise<void> {
  const builtIns: Transform[] = [
    labelTitles(),
    numbering(),
    labels({ style: options.labels }),
    ids({ tocDepth: options.tocDepth }),
    footnoteNumbers({ numbering: options.footnotes }),
  ]
  // Chapters were smartened as they were read (see `assemble`); here only the metadata is.
  if (options.typography !== false) {
    const metadataOnly = typography({ language: book.tree.metadata.language })
    builtIns.unshift((tree, file) => {
      metadataOnly({ ...tree, children: [] }, file)
    })
  }
  for (const transform of [...builtIns, ...(options.transforms ?? [])]) {
    const result = await transform(book.tree, book.env.file)
    if (result) book.tree = result
  }
}

/** A chapter given in memory: exactly one of `text`, `markdown` or `html`. */
export interface ChapterInput {
  /** Title when the text has no heading line of its own. */
  title?: string
  text?: string
  markdown?: string
  html?: string
  /** Name used in diagnostics (default `chapter-N.txt|md|html`). */
  file?: string
  /** Default `body`. */
  matter?: Matter
}

/** Metadata as a caller gives it: `author` as a string is accepted, missing fields get defaults. */
export type MetadataInput = Partial<Omit<Metadata, 'authors'>> & {
  title: string
  authors?: Array<Person | string>
  author?: string | string[]
}

export interface CreateOptions extends BuildOptions {
  metadata: MetadataInput
  chapters: ChapterInput[]
  /** Images, cover, fonts and CSS referenced by the book, by book-relative path. */
  files?: Record<string, Uint8Array | string>
  /** Renderer options by format, as book.yaml's `epub:` and `pdf:` sections. */
  formats?: FormatOptions
}

/**
 * Complete metadata with Octavo's defaults: language `en`, a stable UUID, empty lists.
 *
 * @example
 *   const metadata = completeMetadata({ title: 'The Long Road', author: 'A. Writer' })
 *   metadata.language // 'en'
 *   metadata.authors // [{ name: 'A. Writer' }]
 */
export function completeMetadata(input: MetadataInput): Metadata {
  const { author, authors: given, ...rest } = input
  const names = given ?? (author === undefined ? [] : Array.isArray(author) ? author : [author])
  const authors: Person[] = names.map((a) => (typeof a === 'string' ? { name: a } : a))
  return {
    ...rest,
    title: input.title,
    authors,
    language: input.language ?? 'en',
    identifier:
      input.identifier ??
      defaultIdentifier(
        input.title,
        authors.map((a) => a.name),
      ),
    subjects: input.subjects ?? [],
    contributors: input.contributors ?? [],
  }
}

/**
 * Make a book from strings in memory: no file system access at all.
 *
 * @example
 *   const { book } = await createBook({
 *     metadata: { title: 'The Long Road', author: 'A. Writer' },
 *     chapters: [{ title: 'Chapter 1: Dawn', text: '"Hello," she said.' }],
 *   })
 *   const epub = await render(book!, 'epub')
 */
export async function createBook(options: CreateOptions): Promise<LoadResult> {
  const metadata = completeMetadata(options.metadata)
  const bookFile = new SourceFile('')
  const env = createMemoryEnv(options.files ?? {}, {
    date: buildDate(options, metadata),
    file: bookFile,
    ...(options.cache ? { memo: options.cache.memo } : {}),
  })
  const files = [bookFile]
  const sources: Source[] = options.chapters.map((chapter, index) => {
    const [reader, ext, value] =
      chapter.markdown !== undefined
        ? ['markdown', 'md', chapter.markdown]
        : chapter.html !== undefined
          ? ['html', 'html', chapter.html]
          : ['text', 'txt', chapter.text ?? '']
    const file = new SourceFile(chapter.file ?? `chapter-${index + 1}.${ext}`)
    files.push(file)
    const source: Source = {
      entry: { file: file.path, matter: chapter.matter ?? 'body' },
      file,
      bytes: value,
      reader,
    }
    if (chapter.title) source.title = chapter.title
    return source
  })
  const children = assemble(
    sources,
    metadata,
    options.typography !== false,
    options.transforms?.length ? undefined : options.cache,
  )
  const book: Book = {
    tree: { type: 'root', metadata, children },
    env,
    formats: options.formats ?? {},
    files,
  }
  await runTransforms(book, options)
  return { book, diagnostics: diagnosticsOf(book) }
}

/**
 * Render a book to a registered format (`epub`, `pdf`, or a plugin's name). Options merge over
 * book.yaml's section for that format. Diagnostics the renderer raises land in
 * `diagnosticsOf(book)`; an unknown format, or a book no output can be made of, throws
 * `OctavoError`.
 *
 * @example
 *   const pdf = await render(book, 'pdf', { trim: '6x9in' })
 */
export async function render(
  book: Book,
  format: string,
  options: Record<string, unknown> = {},
): Promise<Uint8Array> {
  const renderer = getRenderer(format)
  if (!renderer) return book.env.file.fail('renderer-unknown', `no renderer named "${format}"`)
  return renderer.render(book.tree, { ...book.formats[format], ...options }, book.env)
}

/**
 * Render as a stream of chunks, written as they are made (PDF pages as they are typeset).
 * Renderers without a streaming form yield their whole output as one chunk.
 */
export async function* renderStream(
  book: Book,
  format: string,
  options: Record<string, unknown> = {},
): AsyncIterable<Uint8Array> {
  const renderer = getRenderer(format)
  if (!renderer) book.env.file.fail('renderer-unknown', `no renderer named "${format}"`)
  const merged = { ...book.formats[format], ...options }
  if (renderer.renderStream) yield* renderer.renderStream(book.tree, merged, book.env)
  else yield await renderer.render(book.tree, merged, book.env)
}

function digest(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('base64')
}

export { OctavoError }
