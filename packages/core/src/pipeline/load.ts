/**
 * The load stage, from disk: book.yaml, a folder of chapters, or chapter files and globs become
 * a plan (through the manifest, told the registered formats), plugins are loaded, and each
 * chapter file's bytes are read; then the book goes through the read and transform stages. The
 * only stage that touches the file system: `createBook` is its in-memory twin.
 */

import { createNodeEnv, loadPlugins, planBook, skipOutputs } from '#disk'
import { mapBounded, READ_CONCURRENCY } from '../concurrency.js'
import { SourceFile } from '../diagnostics/file.js'
import { ResourceError } from '../env.js'
import { skipMarkedOutputs } from '../manifest/output-marker.js'
import { checkEncoding } from '../manifest/validate.js'
import { pushAll } from '../model/arrays.js'
import type { Root } from '../model/types.js'
import { getRenderer, listRenderers } from '../renderers/index.js'
import { withResources } from '../resources/embedded.js'
import {
  type Book,
  buildDate,
  diagnosticsOf,
  type FormatOptions,
  type LoadOptions,
  type LoadResult,
} from './book.js'
import { registeredFormats } from './formats.js'
import { identifyBookLanguage } from './identify.js'
import { adoptMetadata } from './metadata.js'
import { read, typographyKey } from './read.js'
import { runTransforms } from './transform.js'

/**
 * Load a book from disk: a `book.yaml`, a folder of chapters, or chapter files and globs.
 *
 * @example
 *   const { book, diagnostics } = await loadBook(['my-novel/'])
 *   if (book) await writeFile('my-novel.epub', await render(book, 'epub'))
 */
export async function loadBook(inputs: string | string[], options: LoadOptions = {}): Promise<LoadResult> {
  const list = Array.isArray(inputs) ? inputs : [inputs]
  if (options.encoding !== undefined) {
    const encoding = checkEncoding(options.encoding)
    if (typeof encoding !== 'string') {
      const file = new SourceFile('')
      file.message('book-input-invalid', encoding.message)
      return { diagnostics: file.messages }
    }
  }
  const planned = await planBook(list, { ...options.metadata, cwd: options.cwd, ...registeredFormats() })
  const files = [...planned.files]
  const plan = planned.plan
  if (!plan || files.some((f) => f.hasErrors)) return { diagnostics: files.flatMap((f) => f.messages) }

  const bookFile = files.find((f) => f.path === '') ?? new SourceFile('')
  if (!files.includes(bookFile)) files.unshift(bookFile)
  const env = createNodeEnv(plan.root, {
    date: buildDate(options, plan.metadata),
    file: bookFile,
    ...(options.cache ? { memo: options.cache.memo } : {}),
    ...(options.onProgress ? { progress: options.onProgress } : {}),
  })
  for (const format of options.formats ?? [])
    getRenderer(format)?.prepare?.(env, plan.metadata, plan.chapters.length)

  let bookPlugins = plan.plugins
  if (bookPlugins.length > 0 && options.bookPlugins) {
    const allowed = await options.bookPlugins(plan.root, bookPlugins)
    if (typeof allowed === 'string') {
      bookFile.message('plugin-not-allowed', allowed)
      return { diagnostics: files.flatMap((f) => f.messages) }
    }
    if (!allowed) {
      bookFile.message(
        'plugin-skipped',
        `the book's plugins were not run (${bookPlugins.join(', ')}): output may differ from a build`,
      )
      bookPlugins = []
    }
  }
  const pluginSpecs = [...bookPlugins, ...(options.plugins ?? [])]
  if (pluginSpecs.length > 0) {
    const loaded = await loadPlugins(pluginSpecs, plan.root, bookFile)
    if (!loaded) return { diagnostics: files.flatMap((f) => f.messages) }
    options = { ...options, transforms: [...loaded.transforms, ...(options.transforms ?? [])] }
  }

  if (options.outputFolder) {
    const outputs = { folder: options.outputFolder, extensions: listRenderers().map((r) => r.extension) }
    const named = planned.named ?? new Set<string>()
    plan.chapters = skipOutputs(plan.chapters, named, plan.root, plan.metadata.title, outputs, bookFile)
    if (plan.chapters.length === 0) {
      bookFile.message('book-no-chapters', 'No chapter files to build: the only ones found are outputs')
      return { diagnostics: files.flatMap((f) => f.messages) }
    }
  }

  // A few files at a time: opening every chapter at once fails under an open-file limit.
  let done = 0
  const total = plan.chapters.length
  const sources = await mapBounded(plan.chapters, READ_CONCURRENCY, async (entry) => {
    const file = new SourceFile(entry.file)
    try {
      return { entry, file, bytes: await env.readFile(entry.file, 'chapter') }
    } catch (error) {
      const code = error instanceof ResourceError ? error.code : 'io-read'
      file.message(code, error instanceof Error ? error.message : String(error))
      return { entry, file, bytes: undefined }
    } finally {
      env.progress?.({ stage: 'read', done: ++done, total })
    }
  })
  pushAll(
    files,
    sources.map((s) => s.file),
  )
  // An output found among the chapters by its marker (renamed, or from before a title change).
  const chapters = skipMarkedOutputs(sources, planned.named ?? new Set<string>(), bookFile)
  if (chapters.length === 0) {
    bookFile.message('book-no-chapters', 'No chapter files to build: the only ones found are outputs')
    return { diagnostics: files.flatMap((f) => f.messages) }
  }

  const smart = options.typography ?? plan.options.typography ?? true
  // book.yaml's pipeline keys, under the caller's.
  options = {
    ...options,
    labels: options.labels ?? plan.options.labels,
    tocDepth: options.tocDepth ?? plan.options.tocDepth,
    footnotes: options.footnotes ?? plan.options.footnotes,
  }
  const encoding = options.encoding ?? plan.options.encoding
  await identifyBookLanguage(chapters, plan.metadata, plan.given, bookFile)
  const { children, fresh, found, resources, names } = await read(
    encoding ? chapters.map((s) => ({ ...s, encoding })) : chapters,
    plan.metadata,
    {
      smart: typographyKey(smart),
      ...(options.transforms?.length || !options.cache ? {} : { cache: options.cache }),
      readFile: (path) => env.readFile(path, 'chapter'),
    },
  )
  adoptMetadata(plan.metadata, found, plan.given, bookFile)
  const tree: Root = { type: 'root', metadata: plan.metadata, children }
  const book: Book = {
    tree,
    env: withResources(env, resources),
    formats: plan.options as FormatOptions,
    files,
    ...(names.size > 0 ? { names } : {}),
  }
  await runTransforms(book, fresh, { ...options, typography: smart })
  return { book, diagnostics: diagnosticsOf(book) }
}
