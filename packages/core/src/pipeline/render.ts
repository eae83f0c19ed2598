/**
 * The render stage: a built book to the bytes of any registered format, with book.yaml's section
 * for that format under the caller's options.
 */
import { getRenderer } from '../renderers/index.js'
import type { Book } from './book.js'

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
