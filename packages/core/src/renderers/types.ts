/** The renderer contract (STYLE.md §4): a finished tree in, the bytes of one output file out. */
import type { CodeTable } from '../diagnostics/types.js'
import type { Env } from '../env.js'
import type { Chapter, Metadata, Part, Root } from '../model/types.js'
import type { OptionSchema } from '../options/schema.js'

export interface Renderer<Options = unknown> {
  /** Registry name, used by `--format`: `epub`. */
  name: string
  /** Output file extension with the dot: `.epub`. */
  extension: string
  /** IANA media type of the output. */
  mediaType: string
  /** One line for `octavo formats`. */
  description: string
  /**
   * Its options as data: book.yaml's `<name>:` section is checked against it (unknown keys,
   * wrong kinds of value, values outside a closed set), `octavo formats` lists it and `octavo
   * init` writes it into the template. Without one, the section is passed through unchecked.
   */
  options?: OptionSchema
  /**
   * Options that default to another format's options, key by key: `{interior: 'pdf'}` makes the
   * print cover's `interior` the book's `pdf:` section (and a caller's `pdf` options) with
   * `print-cover: {interior: …}` overriding single keys, so the cover counts the pages of the
   * PDF the book actually gets.
   */
  inherits?: Readonly<Record<string, string>>
  /**
   * Another format whose book.yaml section this one's options default to, key by key: the kepub
   * is the EPUB with Kobo's markup, so `epub:` (its fonts, its stylesheet) applies to it, with
   * `kepub:` over it.
   */
  basedOn?: string
  /** The diagnostic codes it raises, joined into `codes` when it is registered (see `Reader.codes`). */
  codes?: CodeTable
  /**
   * Render the tree. Problems with the book (a missing image) are reported on `env.file` and the
   * renderer goes on where it can; it throws `OctavoError` only when no output can be made.
   */
  render(tree: Root, options: Partial<Options>, env: Env): Promise<Uint8Array>
  /** Optional streaming form: chunks in order, written as they are made (PDF). */
  renderStream?(tree: Root, options: Partial<Options>, env: Env): AsyncIterable<Uint8Array>
  /**
   * Optional, for a paged format: where its pages would fall, laid out with nothing drawn (a
   * volume split on a page budget measures with it). Diagnostics are left to `render`.
   */
  paginate?(tree: Root, options: Partial<Options>, env: Env): Promise<Pagination>
  /**
   * Optional: start what its render will need and that needs no book yet (a thread), while the
   * book loads. `loadBook` calls it for the formats it is told will be rendered
   * (`LoadOptions.formats`), with the metadata planned so far and how many chapter files are to
   * be read (each holds one chapter or more); the output is the same without.
   */
  prepare?(env: Env, metadata: Metadata, files: number): void
}

/** Where a paged format's pages fall (`Renderer.paginate`); page indexes are 0-based. */
export interface Pagination {
  /** Pages in all, blank ones included. */
  pages: number
  /** Index of the first body page: the front matter's length. */
  front: number
  /** Index of the first page after the body (back-matter chapters and pages), else `pages`. */
  bodyEnd: number
  /** The page each chapter and part opens on. */
  starts: ReadonlyMap<Chapter | Part, number>
}

/**
 * A renderer of any options type, as the registry holds them. `render` takes its options
 * contravariantly, so no options type but `any` admits every renderer.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type AnyRenderer = Renderer<any>
