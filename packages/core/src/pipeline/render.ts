/**
 * The render stage: a built book to the bytes of any registered format, with book.yaml's section
 * for that format under the caller's options.
 */
import type { Place } from '../diagnostics/file.js'
import { suggestKey } from '../manifest/suggest.js'
import { camelCase, kebabCase } from '../options/schema.js'
import { type AnyRenderer, type FormatOptionTypes, getRenderer } from '../renderers/index.js'
import type { Book } from './book.js'

/**
 * A format name as `render` takes it: a built-in's literal name (a typo is a type error), or any
 * `string` for a name known only at run time (a plugin's, a command-line flag).
 */
export type FormatName<F extends string> = F & (string extends F ? unknown : keyof FormatOptionTypes)

/** The options `render` takes for format `F`: its typed record, or any record for a run-time name. */
export type RenderOptions<F extends string> = string extends F
  ? Record<string, unknown>
  : F extends keyof FormatOptionTypes
    ? Partial<FormatOptionTypes[F]>
    : Record<string, unknown>

/**
 * Render a book to a registered format (`epub`, `pdf`, or a plugin's name). Options merge over
 * book.yaml's section for that format. Diagnostics the renderer raises land in
 * `diagnosticsOf(book)`; an unknown format, or a book no output can be made of, throws
 * `OctavoError`.
 *
 * @example
 *   const pdf = await render(book, 'pdf', { trim: '6x9in' })
 */
export async function render<F extends string>(
  book: Book,
  format: FormatName<F>,
  options: RenderOptions<F> = {} as RenderOptions<F>,
): Promise<Uint8Array> {
  const renderer = getRenderer(format)
  if (!renderer) return book.env.file.fail('renderer-unknown', `no renderer named "${format}"`)
  checkOptions(renderer, options, book)
  return renderer.render(book.tree, optionsFor(renderer, book, format, options), book.env)
}

/**
 * The options a render gets: book.yaml's section for the format under the caller's, over the
 * section of the format it is `basedOn` (the kepub's `kepub:` over `epub:`); an option
 * the renderer `inherits` from another format is that format's section, then book.yaml's value,
 * then the caller's, key by key (the print cover's `interior`: `pdf:`, with `print-cover:
 * {interior:}` and a caller's `{interior: {trim}}` over it).
 */
function optionsFor(
  renderer: AnyRenderer,
  book: Book,
  format: string,
  options: Record<string, unknown>,
): Record<string, unknown> {
  const section = book.formats[format] ?? {}
  const base = renderer.basedOn ? book.formats[renderer.basedOn] : undefined
  const merged: Record<string, unknown> = { ...base, ...section, ...options }
  for (const [option, from] of Object.entries(renderer.inherits ?? {}))
    merged[option] = { ...book.formats[from], ...keysOf(section[option]), ...keysOf(options[option]) }
  return merged
}

/** A mapping's entries with camel-case keys (`font-size` → `fontSize`); nothing for anything else. */
function keysOf(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [camelCase(key), v]))
}

/**
 * A caller's option the format does not have is a warning (book.yaml's are checked when it is
 * read): untyped callers, JavaScript and plugins get the same "did you mean" as book.yaml.
 */
function checkOptions(renderer: AnyRenderer, options: Record<string, unknown>, book: Book): void {
  const schema = renderer.options
  if (!schema) return
  const known = Object.keys(schema)
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(schema, key)) continue
    const suggestion = suggestKey(kebabCase(key), known.map(kebabCase))
    const place: Place = undefined
    book.env.file.message(
      'renderer-unknown-option',
      `\`${key}\` is not an option of the ${renderer.name} renderer${suggestion ? `; did you mean \`${camelCase(suggestion)}\`?` : ''}`,
      place,
      renderer.name,
    )
  }
}

/**
 * Render as a stream of chunks, written as they are made (PDF pages as they are typeset).
 * Renderers without a streaming form yield their whole output as one chunk.
 */
export async function* renderStream<F extends string>(
  book: Book,
  format: FormatName<F>,
  options: RenderOptions<F> = {} as RenderOptions<F>,
): AsyncIterable<Uint8Array> {
  const renderer = getRenderer(format)
  if (!renderer) book.env.file.fail('renderer-unknown', `no renderer named "${format}"`)
  checkOptions(renderer, options, book)
  const merged = optionsFor(renderer, book, format, options)
  if (renderer.renderStream) yield* renderer.renderStream(book.tree, merged, book.env)
  else yield await renderer.render(book.tree, merged, book.env)
}
