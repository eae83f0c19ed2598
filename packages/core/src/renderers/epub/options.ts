/**
 * The EPUB renderer's options: one typed record with documented defaults (pandoc's `WriterOptions`).
 * Paths are book-relative and read through `env.readFile`, so they cannot leave the book folder.
 */
import type { OptionSpec } from '../../options/schema.js'

/** Words Octavo itself writes into the book; override them for books not in English. */
export interface EpubStrings {
  /** Heading of the contents page and label of the TOC nav. Default "Contents". */
  contents: string
  /** Label of the landmarks nav. Default "Landmarks". */
  landmarks: string
  /** Landmark and NCX label of the cover page. Default "Cover". */
  cover: string
  /** Landmark label of the title page. Default "Title Page". */
  titlePage: string
  /** Label of the copyright page in the TOC. Default "Copyright". */
  copyright: string
  /** Label of the dedication page in the TOC. Default "Dedication". */
  dedication: string
  /** Landmark label of the first chapter. Default "Start of Content". */
  start: string
  /** Label over an author's note. Default "Author's Note". */
  authorNote: string
  /** Text of a footnote's back link, for screen readers. Default "Back to text". */
  backToText: string
  /** Copyright-page line naming the tool. Default "Made with Octavo". */
  madeWith: string
  /** Prefix of the series line on the title page, e.g. "Book 2 of". Default "Book". */
  seriesBook: string
  /** Words before contributor names by MARC role (`trl` → "Translated by"). */
  roles: Record<string, string>
  /** `accessibilitySummary` in the package metadata. */
  accessibilitySummary: string
}

export interface EpubOptions {
  /** Add an in-book contents page (the navigation document, placed in the reading order). Default `true`. */
  toc: boolean
  /** Book-relative path of the author's stylesheet, applied after Octavo's. Default: none. */
  css?: string
  /** Book-relative paths of font files (TTF, OTF, WOFF, WOFF2) to embed with `@font-face`. Default `[]`. */
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
  /** Words Octavo writes itself. Default: English. */
  strings: Partial<EpubStrings>
}

export const defaultStrings: EpubStrings = {
  contents: 'Contents',
  landmarks: 'Landmarks',
  cover: 'Cover',
  titlePage: 'Title Page',
  copyright: 'Copyright',
  dedication: 'Dedication',
  start: 'Start of Content',
  authorNote: 'Author’s Note',
  backToText: 'Back to text',
  madeWith: 'Made with Octavo',
  seriesBook: 'Book',
  roles: {
    edt: 'Edited by',
    trl: 'Translated by',
    ill: 'Illustrated by',
    ctb: 'With contributions by',
  },
  accessibilitySummary:
    'This publication meets WCAG 2.1 Level AA: it has a navigable table of contents, structured headings, a logical reading order, language tags, and text that can be resized and restyled. Footnotes are linked both ways.',
}

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
    description: 'Font files (TTF, OTF, WOFF, WOFF2) to embed',
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

export function resolveOptions(options: Partial<EpubOptions>): ResolvedOptions {
  const merged = { ...defaultOptions, ...options }
  return {
    ...merged,
    fonts: merged.fonts ?? [],
    strings: {
      ...defaultStrings,
      ...options.strings,
      roles: { ...defaultStrings.roles, ...options.strings?.roles },
    },
  }
}
