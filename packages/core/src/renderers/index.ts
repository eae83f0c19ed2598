/**
 * The renderer registry: a data table from name to renderer, shared by built-ins and plugins.
 * Each entry declares everything the rest of Octavo knows about its format (extension, media
 * type, option schema, codes), so the manifest, the pipeline and the CLI learn formats from here.
 */

import { defineCodes } from '../diagnostics/codes.js'
import { normalizeTree } from '../model/normalize.js'
import { type EpubOptions, epubRenderer } from './epub/index.js'
import { kepubRenderer } from './kepub/index.js'
import { type PdfOptions, pdfRenderer } from './pdf/index.js'
import { type PrintCoverOptions, printCoverRenderer } from './pdf/print-cover/index.js'
import type { AnyRenderer, Renderer } from './types.js'

export type { AnyRenderer, Pagination, Renderer } from './types.js'

/**
 * Each built-in format's options, by registry name: what `render(book, 'pdf', options)` takes,
 * so a misspelt format or option name is a type error. A plugin can add its own by declaration
 * merging; a format name only known at run time (a `string`) takes any options.
 */
export interface FormatOptionTypes {
  epub: EpubOptions
  kepub: EpubOptions
  pdf: PdfOptions
  'print-cover': PrintCoverOptions
}

const renderers = new Map<string, AnyRenderer>()

/**
 * Add or replace a renderer under its `name`. Every renderer, built-in or plugin, is handed trees
 * within the model's limits (bounded nesting, no link inside a link: see `normalizeTree`), so
 * none has to defend against a tree built by hand 10,000 levels deep.
 *
 * @example
 *   registerRenderer<{ width: number }>({
 *     name: 'txt',
 *     extension: '.txt',
 *     mediaType: 'text/plain',
 *     description: 'Plain text',
 *     render: async (tree) => {
 *       const { chapterLabel } = labelsFor(tree.metadata.language, tree.metadata.strings)
 *       return new TextEncoder().encode(chaptersOf(tree).map(chapterLabel).join('\n'))
 *     },
 *   })
 */
export function registerRenderer<O>(renderer: Renderer<O>): void {
  if (renderer.codes) defineCodes(renderer.codes)
  const guarded: AnyRenderer = {
    ...(renderer as AnyRenderer),
    render: (tree, options, env) => {
      normalizeTree(tree)
      return renderer.render(tree, options, env)
    },
  }
  if (renderer.paginate) {
    const paginate = renderer.paginate.bind(renderer)
    guarded.paginate = (tree, options, env) => {
      normalizeTree(tree)
      return paginate(tree, options, env)
    }
  }
  if (renderer.renderStream) {
    const stream = renderer.renderStream.bind(renderer)
    guarded.renderStream = (tree, options, env) => {
      normalizeTree(tree)
      return stream(tree, options, env)
    }
  }
  renderers.set(renderer.name, guarded)
}

/**
 * The renderer registered under `name` (`epub`, `pdf`, or a plugin's), if any.
 *
 * @example
 *   const epub = getRenderer('epub')
 *   console.log(epub?.extension, epub?.mediaType) // '.epub' 'application/epub+zip'
 */
export function getRenderer(name: string): AnyRenderer | undefined {
  return renderers.get(name)
}

/**
 * Every registered renderer, built-in ones first, in registration order.
 *
 * @example
 *   for (const r of listRenderers()) console.log(`${r.name}  ${r.description}`)
 */
export function listRenderers(): AnyRenderer[] {
  return [...renderers.values()]
}

/** The built-in renderers, in registration order (their types carry options and code tables). */
export const builtInRenderers = [epubRenderer, kepubRenderer, pdfRenderer, printCoverRenderer] as const

for (const renderer of builtInRenderers) registerRenderer(renderer as AnyRenderer)
