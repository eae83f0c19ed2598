/**
 * The load stage, from disk: book.yaml, a folder of chapters, or chapter files and globs become
 * a plan (through the manifest, told the registered formats), plugins are loaded, and each
 * chapter file's bytes are read; then the book goes through the read and transform stages. The
 * only stage that touches the file system: `createBook` is its in-memory twin.
 */
import { SourceFile } from '../diagnostics/file.js'
import { createNodeEnv, ResourceError } from '../env.js'
import { planBook } from '../manifest/plan.js'
import type { Root } from '../model/types.js'
import { loadPlugins } from '../plugins.js'
import {
  type Book,
  buildDate,
  diagnosticsOf,
  type FormatOptions,
  type LoadOptions,
  type LoadResult,
} from './book.js'
import { registeredFormats } from './formats.js'
import { read } from './read.js'
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
  const { children, fresh } = read(sources, plan.metadata, {
    smart,
    ...(options.transforms?.length || !options.cache ? {} : { cache: options.cache }),
  })
  const tree: Root = { type: 'root', metadata: plan.metadata, children }
  const book: Book = { tree, env, formats: plan.options as FormatOptions, files }
  await runTransforms(book, fresh, { ...options, typography: smart })
  return { book, diagnostics: diagnosticsOf(book) }
}
