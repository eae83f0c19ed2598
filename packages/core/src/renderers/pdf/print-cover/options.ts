/**
 * The print cover's options and codes: the paper (a named stock or a caliper), the page count
 * (else the book's PDF is set to count them), the interior's PDF options, and the bleed.
 */
import { type CodeInfo, defineCodes } from '../../../diagnostics/codes.js'
import type { SourceFile } from '../../../diagnostics/file.js'
import type { OptionSpec } from '../../../options/schema.js'
import type { PdfOptions } from '../options.js'
import { parseLength } from '../trim.js'
import { type Paper, type PaperName, papers } from './spine.js'

export const printCoverCodes = defineCodes({
  'print-cover-pages': {
    level: 'warning',
    description:
      'The book has fewer pages than the paper’s printer binds, or more; the message gives the count and the limits (and, for too many, suggests `volumes: {max-pages: …}`). The cover is still made.',
  },
  'print-cover-option-invalid': {
    level: 'warning',
    description:
      'A print-cover option (paper, caliper, ppi, pages, bleed) has a value Octavo does not understand; the message names the value used instead.',
  },
  'print-cover-script-unsupported': {
    level: 'error',
    description:
      'The cover’s title, subtitle, authors or description need glyphs no installed face has (Chinese, Japanese or Korean without the optional Noto Serif CJK packages); the message names the package to install. No cover is made.',
  },
  'print-cover-image': {
    level: 'warning',
    description:
      'The book’s cover image cannot be drawn on the print cover (missing, damaged, or not PNG or JPEG); the front is set in type instead.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../../diagnostics/types.js' {
  interface CodeTables {
    'print-cover': typeof printCoverCodes
  }
}

export interface PrintCoverOptions {
  /**
   * The stock: `kdp-white`, `kdp-cream`, `kdp-color`, `ingramspark-white` or `ingramspark-creme`.
   * Default `'kdp-white'`.
   */
  paper: PaperName
  /** Another printer's stock by its thickness per page (`0.0023in`, `0.058mm`); wins over `paper`. */
  caliper: string | number
  /** Another printer's stock by pages per inch (`444`); wins over `paper`. */
  ppi: number | string
  /** The interior's page count; default: the book's PDF is set (with `interior`) and counted. */
  pages: number | string
  /**
   * The PDF options the interior is set with (trim, margins, font, font size, open-right…), key
   * by key over book.yaml's `pdf:` section, which is the default: the spine is the width of the
   * PDF the book gets unless a key here says otherwise.
   */
  interior: Partial<PdfOptions>
  /** Bleed around the whole wrap. Default `'0.125in'`. */
  bleed: string | number
}

export const printCoverOptionSchema = {
  paper: {
    type: 'string',
    default: 'kdp-white',
    description: `Paper stock: ${Object.keys(papers).join(' ')}`,
  },
  caliper: { type: ['string', 'number'], description: 'Thickness per page of another stock (0.0023in)' },
  ppi: { type: ['number', 'string'], description: 'Pages per inch of another stock (444)' },
  pages: { type: ['number', 'string'], description: 'Interior page count (default: set the PDF and count)' },
  interior: {
    type: 'mapping',
    description: 'PDF options of the interior, over the book’s pdf: (default: pdf:)',
  },
  bleed: { type: ['string', 'number'], default: '0.125in', description: 'Bleed around the wrap' },
} as const satisfies Record<keyof PrintCoverOptions, OptionSpec>

export interface CoverSettings {
  paper: Paper
  /** How the paper was given, for messages. */
  paperName: string
  pages: number | undefined
  bleed: number
}

export function resolveCoverOptions(options: Partial<PrintCoverOptions>, file: SourceFile): CoverSettings {
  const invalid = (what: string, value: unknown, fallback: string) =>
    file.message(
      'print-cover-option-invalid',
      `print-cover option ${what} = ${JSON.stringify(value)} is not valid; using ${fallback}`,
      undefined,
      'print-cover',
    )
  let paperName: string = 'kdp-white'
  let paper: Paper = papers['kdp-white']
  if (options.paper !== undefined) {
    const key = String(options.paper).trim().toLowerCase().replace(/\s+/g, '-')
    if (Object.hasOwn(papers, key)) {
      paperName = key
      paper = papers[key as PaperName]
    } else invalid('paper', options.paper, `kdp-white (one of: ${Object.keys(papers).join(', ')})`)
  }
  if (options.ppi !== undefined) {
    const ppi = Number(options.ppi)
    if (Number.isFinite(ppi) && ppi >= 100 && ppi <= 2000) {
      paper = { inchesPerPage: 1 / ppi }
      paperName = `${ppi} pages per inch`
    } else invalid('ppi', options.ppi, paperName)
  }
  if (options.caliper !== undefined) {
    const pt = parseLength(typeof options.caliper === 'number' ? `${options.caliper}in` : options.caliper)
    if (pt !== undefined && pt > 0.0005 * 72 && pt < 0.02 * 72) {
      paper = { inchesPerPage: pt / 72 }
      paperName = `a caliper of ${(pt / 72).toFixed(5)} in`
    } else invalid('caliper', options.caliper, paperName)
  }
  let pages: number | undefined
  if (options.pages !== undefined) {
    const n = Number(options.pages)
    if (Number.isInteger(n) && n > 0 && n < 100_000) pages = n
    else invalid('pages', options.pages, 'the page count of the book’s PDF')
  }
  let bleed = 9
  if (options.bleed !== undefined) {
    const pt = parseLength(options.bleed)
    if (pt !== undefined && pt >= 0 && pt <= 36) bleed = pt
    else invalid('bleed', options.bleed, '0.125in')
  }
  return { paper, paperName, pages, bleed }
}
