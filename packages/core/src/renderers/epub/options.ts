/**
 * The EPUB renderer's options: one typed record with documented defaults (pandoc's `WriterOptions`).
 * Paths are book-relative and read through `env.readFile`, so they cannot leave the book folder.
 */

import type { OptionSpec } from '../../options/schema.js'
import { en } from '../../strings/en.js'
import { type StringOverrides, type Strings, stringsFor } from '../../strings/index.js'

/** Words Octavo itself writes into the book: the shared strings table (see `strings/`). */
export type EpubStrings = Strings

export interface EpubOptions {
  /** Add an in-book contents page (the navigation document, placed in the reading order). Default `true`. */
  toc: boolean
  /** Book-relative path of the author's stylesheet, applied after Octavo's. Default: none. */
  css?: string
  /**
   * Book-relative paths of font files (TTF, OTF, WOFF, WOFF2) to embed with `@font-face`: the first
   * family that is not fixed-pitch sets the text, a fixed-pitch one code (see `css/fonts.ts`).
   * Default `[]`.
   */
  fonts: string[]
  /**
   * Largest XHTML file, in bytes, before a chapter is split (at a scene break when there is one,
   * else between paragraphs). Default `300_000`: older reading systems choke on bigger files.
   */
  maxFileBytes: number
  /** Deflate level for the zip, 0–9. Default 6: level 9 is slower for <1% smaller output. */
  compressionLevel: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9
  /** Generate a typographic cover when `metadata.cover` is absent. Default `true`. */
  generateCover: boolean
  /**
   * Words Octavo writes itself, over the book's language table and book.yaml's `strings:` (this
   * is the older spelling of that key; the front pages take their words from the metadata).
   * Default: none.
   */
  strings: StringOverrides
}

/** The English table, kept under its old name. */
export const defaultStrings: EpubStrings = en

/**
 * The options as data, for book.yaml's `epub:` section, `octavo formats` and `octavo init` (the
 * Record keeps it complete: a new option without a spec is a type error).
 */
export const epubOptionSchema = {
  toc: { type: 'boolean', default: true, description: 'An in-book contents page' },
  css: { type: 'string', example: 'style.css', description: 'Your own stylesheet, applied after Octavo’s' },
  fonts: {
    type: 'list',
    default: [],
    example: ['fonts/MyFace-Regular.ttf'],
    description: 'Font files (TTF, OTF, WOFF, WOFF2) to embed and set the text in',
  },
  maxFileBytes: {
    type: 'number',
    default: 300_000,
    description: 'Largest XHTML file in bytes before a chapter is split',
  },
  compressionLevel: {
    type: 'number',
    default: 6,
    values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    description: 'Deflate level of the zip, 0-9',
  },
  generateCover: {
    type: 'boolean',
    default: true,
    description: 'Generate a typographic cover when the book has none',
  },
  strings: {
    type: 'mapping',
    default: {},
    description: 'Words Octavo writes itself, in place of its English ones',
  },
} as const satisfies Record<keyof EpubOptions, OptionSpec>

export const defaultOptions: EpubOptions = {
  toc: true,
  fonts: [],
  maxFileBytes: 300_000,
  compressionLevel: 6,
  generateCover: true,
  strings: {},
}

export interface ResolvedOptions extends Omit<EpubOptions, 'strings'> {
  strings: EpubStrings
}

/** Options with defaults filled, and the strings of `language` with the book's and then these overrides. */
export function resolveOptions(
  options: Partial<EpubOptions>,
  language = 'en',
  bookStrings?: StringOverrides,
): ResolvedOptions {
  const merged = { ...defaultOptions, ...options }
  const overrides: StringOverrides = {
    ...bookStrings,
    ...options.strings,
    roles: { ...bookStrings?.roles, ...options.strings?.roles },
    kinds: { ...bookStrings?.kinds, ...options.strings?.kinds },
  }
  return { ...merged, fonts: merged.fonts ?? [], strings: stringsFor(language, overrides) }
}
