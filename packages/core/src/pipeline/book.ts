/**
 * The pipeline's book: what a built book is (`Book`), the options every entry point shares, and
 * the in-memory entry point (`createBook`). The stages live beside it, one module each:
 * load (`load.ts`: book.yaml and files on disk) → read (`read.ts`: each file through its
 * reader) → transform (`transform.ts`: typography, numbering, ids, the caller's) → render
 * (`render.ts`: any registered format). This is pandoc's read → transform → write and unified's
 * parse | run | stringify, with every stage reporting into `SourceFile`s instead of printing.
 * Nothing here imports a `node:` module: the disk lives in `load.ts` only.
 */
import { type Diagnostic, OctavoError, SourceFile } from '../diagnostics/file.js'
import {
  type Assets,
  createMemoryEnv,
  DEFAULT_DATE,
  dateFromEpoch,
  type Env,
  type ProgressStep,
} from '../env.js'
import { dateFromMetadata, defaultIdentifier } from '../manifest/metadata.js'
import { checkCreateInput } from '../manifest/validate.js'
import { pushAll } from '../model/arrays.js'
import type { LabelStyle } from '../model/labels.js'
import type { Matter, Metadata, Person, Root } from '../model/types.js'
import { getReader } from '../readers/index.js'
import { withResources } from '../resources/embedded.js'
import type { FootnoteNumbering } from '../transforms/footnotes.js'
import type { Transform } from '../transforms/types.js'
import type { SmartenOptions } from '../transforms/typography/smarten.js'
import { identifyBookLanguage } from './identify.js'
import { adoptMetadata } from './metadata.js'
import { type BookCache, read, type Source, typographyKey } from './read.js'

export { type BookCache, createBookCache } from './read.js'

import { runTransforms } from './transform.js'

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
  /**
   * What files a reader opened are called where their author sees them, by book-relative path
   * (`ReadResult.names`: a Scrivener document's place in the binder), for diagnostics about them
   * to say; absent when no reader gave one.
   */
  names?: ReadonlyMap<string, string>
}

/** Options shared by `loadBook` and `createBook`. */
export interface BuildOptions {
  /**
   * Build date written into outputs. Default: `SOURCE_DATE_EPOCH` when set, else the book's
   * `date`, else 2000-01-01: never the clock, so builds are reproducible.
   */
  date?: Date
  /**
   * Smarten quotes, dashes and ellipses (default true; book.yaml `typography: false` turns it
   * off). An object keeps typography on and turns single rules off: `{ wordJoiners: false }`
   * (see `SmartenOptions`; book.yaml `typography: {word-joiners: false}`).
   */
  typography?: boolean | SmartenOptions
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
   * reader, language and typography setting are unchanged are not read again. Ignored for
   * chapters when `transforms` are given, since a transform may change the cached nodes. The
   * renderers keep what they made in it too (the EPUB's compressed entries and cover, the PDF's
   * paragraph layouts, drawn lines, compressed pages and each chapter's glyph coverage), each
   * checked against its input: the files are those a build without it writes. Default: none.
   */
  cache?: BookCache
}

export interface LoadOptions extends BuildOptions {
  /** Metadata that wins over book.yaml: the CLI's `--title`, `--author`, `--lang`. */
  metadata?: Partial<Metadata>
  /** Plugin specifiers to load besides book.yaml's `plugins:` (package names or book-relative paths). */
  plugins?: string[]
  /** Folder relative inputs resolve against (default `process.cwd()`). */
  cwd?: string
  /**
   * Encoding of every chapter file (the CLI's `--encoding`; any WHATWG label such as `koi8-r`,
   * `windows-1251`, `shift_jis`), winning over book.yaml's `encoding:`. A byte-order mark still
   * wins. Default: book.yaml's, else detected per file.
   */
  encoding?: string
  /**
   * Whether book.yaml's `plugins:` may run: they are code from the book's folder, and loading a
   * book someone sent must not run it unasked. Called only when the book names plugins, with the
   * book folder and the specifiers as written. `true` loads them; `false` leaves them out with an
   * info (`plugin-skipped`), for inspecting a book (`octavo stats`, `check`); a string refuses
   * them: loading stops with the error `plugin-not-allowed` and that string as its message.
   * Plugins in `plugins` above are the caller's own and always load. Default: load.
   */
  bookPlugins?: (root: string, specs: readonly string[]) => boolean | string | Promise<boolean | string>
  /**
   * The formats the caller will render the book to, if known (the CLI's `--format`): each one's
   * `Renderer.prepare` runs as soon as the book's folder and metadata are planned, so what it
   * starts (the EPUB's cover thread, and for a long book its compression thread) is ready when
   * the render begins. The output is the same.
   */
  formats?: readonly string[]
  /**
   * The folder the caller writes outputs to (absolute), so that they are never read back as
   * chapters: a chapter file found there by a folder listing or pattern and named like an output
   * of this book (`outputName(title)` plus the extension of any registered renderer, plugins'
   * included) is left out with a warning (`book-output-skipped`). Default: none.
   */
  outputFolder?: string
  /**
   * Told how far loading and rendering have got: chapter files read (`stage: 'read'`), and,
   * through `Env.progress`, each renderer's own steps. For a progress display; default none.
   */
  onProgress?: (step: ProgressStep) => void
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
  for (const file of book.files) pushAll(out, file.messages)
  if (!book.files.includes(book.env.file)) pushAll(out, book.env.file.messages)
  return out
}

export function buildDate(options: BuildOptions, metadata: Metadata): Date {
  if (options.date) return options.date
  const epoch = dateFromEpoch(typeof process === 'undefined' ? undefined : process.env.SOURCE_DATE_EPOCH)
  if (epoch) return epoch
  return (metadata.date && dateFromMetadata(metadata.date)) || DEFAULT_DATE
}

/**
 * A chapter given in memory: exactly one of `text`, `markdown` or `html`, or `content` with the
 * registry name of the reader for it (`reader: 'fountain'`, a plugin's); each as a string or as
 * the file's bytes (decoded as the readers decode files: see `encoding`).
 */
export interface ChapterInput {
  /** Title when the text has no heading line of its own. */
  title?: string
  text?: string | Uint8Array
  markdown?: string | Uint8Array
  html?: string | Uint8Array
  /**
   * Encoding of bytes given here (any WHATWG label: `koi8-r`, `shift_jis`…); an unknown name is
   * an error. Default: detected, as for a file on disk (BOM, `<meta charset>`, UTF-8, guess).
   */
  encoding?: string
  /** Source for the reader named by `reader`. */
  content?: string | Uint8Array
  /** Registry name of the reader for `content` (unknown: a `book-unknown-format` error on the chapter). */
  reader?: string
  /** Name used in diagnostics (default `chapter-N` with the reader's first extension: `.txt`, `.md`, `.html`). */
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
  /**
   * The files Octavo ships (faces, hyphenation patterns, resvg's WebAssembly), for a browser
   * build; Node finds them in `node_modules` and this can be left out. See `Assets`.
   */
  assets?: Assets
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
  const bookFile = new SourceFile('')
  const checked = checkCreateInput(options)
  for (const issue of checked.issues) bookFile.message(issue.code, issue.message)
  if (bookFile.hasErrors) return { diagnostics: [...bookFile.messages] }
  const metadata = completeMetadata(checked.metadata)
  const env = createMemoryEnv(options.files ?? {}, {
    date: buildDate(options, metadata),
    file: bookFile,
    ...(options.cache ? { memo: options.cache.memo } : {}),
    ...(options.assets ? { assets: options.assets } : {}),
  })
  const files = [bookFile]
  const sources: Source[] = options.chapters.map((chapter, index) => {
    const [reader, value]: [string, string | Uint8Array] =
      chapter.reader !== undefined
        ? [chapter.reader, chapter.content ?? '']
        : chapter.markdown !== undefined
          ? ['markdown', chapter.markdown]
          : chapter.html !== undefined
            ? ['html', chapter.html]
            : ['text', chapter.text ?? '']
    const ext = getReader(reader)?.extensions[0] ?? ''
    const file = new SourceFile(chapter.file ?? `chapter-${index + 1}${ext}`)
    files.push(file)
    const source: Source = {
      entry: { file: file.path, matter: chapter.matter ?? 'body' },
      file,
      bytes: value,
      reader,
    }
    if (chapter.title) source.title = chapter.title
    if (chapter.encoding) source.encoding = chapter.encoding
    return source
  })
  // A caller's metadata is all given: a file's own fills only what it left out.
  const given = Object.keys(checked.metadata).map((key) => (key === 'author' ? 'authors' : key)) as Array<
    keyof Metadata
  >
  await identifyBookLanguage(sources, metadata, given, bookFile)
  const { children, fresh, found, resources, names } = await read(sources, metadata, {
    smart: typographyKey(options.typography ?? true),
    ...(options.transforms?.length || !options.cache ? {} : { cache: options.cache }),
    readFile: (path) => env.readFile(path, 'chapter'),
  })
  adoptMetadata(metadata, found, given, bookFile)
  const book: Book = {
    tree: { type: 'root', metadata, children },
    env: withResources(env, resources),
    formats: options.formats ?? {},
    files,
    ...(names.size > 0 ? { names } : {}),
  }
  await runTransforms(book, fresh, options)
  return { book, diagnostics: diagnosticsOf(book) }
}

export { OctavoError }
