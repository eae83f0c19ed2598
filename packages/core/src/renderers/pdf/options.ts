/**
 * The PDF renderer's options: one typed record, every field documented with its default, and the
 * resolution of a partial record into concrete numbers (points) for the composer. Authors write
 * these in book.yaml, so the obvious spellings are accepted (`drop-cap: true`, `trim: 6 x 9 in`,
 * `A5`, `font-size: 11pt`); a value that still makes no sense is a `pdf-option-invalid` warning
 * naming the option, the value and what is used instead, never an error or a throw.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import type { OptionSpec } from '../../options/schema.js'
import { pdfCodes } from './codes.js'
import { CUSTOM_TRIM_LIMITS, parseLength, parseSize, parseTrim, type TrimName, trimSizes } from './trim.js'

/** Built-in book faces (all SIL OFL, from the `@expo-google-fonts` packages). */
export type BuiltinFont = 'literata' | 'eb-garamond' | 'source-serif-4' | 'crimson-pro'

/**
 * Book-relative paths of the faces of a custom font (TrueType, OpenType, WOFF or WOFF2), read
 * through `env.readFile`. A collection (`.ttc`, `.otc`) given for `regular` gives the styles not
 * given; `file.ttc#PostScriptName` names one of its faces.
 */
export interface FontFiles {
  regular: string
  italic?: string
  bold?: string
  boldItalic?: string
  /** Monospace face for code; default Source Code Pro. */
  mono?: string
}

/** A length: points as a number, or a string with a unit: `0.125in`, `3mm`, `9pt`. */
export type Length = number | string

export interface PdfOptions {
  /**
   * Trim (page) size: a name from `trimSizes` (`5x8in`, `5.25x8in`, `5.5x8.5in`, `6x9in`, `a5`,
   * `b5`, `pocket`, `a4`, `letter`, KDP's and IngramSpark's other trims such as `6.14x9.21in` and
   * `7x10in`, `royal`, `demy`, `b-format`…), case and spaces ignored; or any size from 3 to 18 in a
   * side, in inches (the default), mm, cm or points: `7x10in`, `178x254mm`, `6 x 9`. Default `'6x9in'`.
   */
  trim: TrimName | (string & {})
  /** The book face. Default `'literata'`. */
  font: BuiltinFont | FontFiles
  /**
   * Body text size, 6-24 pt: points as a number, or a length (`'11pt'`, `'11'`). Default by trim:
   * 10.5 for 6x9in, 9.5 for pocket, 11.5 for a4/letter.
   */
  fontSize: number | string
  /** Leading as a multiple of the font size, 1-3 (`1.4`, `'1.4'` or `'140%'`). Default `1.35`. */
  lineHeight: number | string
  /** Start chapters and parts on a right-hand (recto) page, inserting a blank verso. Default `false`. */
  openRight: boolean
  /**
   * Drop cap on each chapter's first paragraph: `false`, 2 or 3 lines; `true` is the classic
   * three-line initial. Default `false`.
   */
  dropCap: boolean | 2 | 3
  /** Set the first words of each chapter in small capitals. Default `true`. */
  smallCapsOpening: boolean
  /** Bleed added around the trim on every side (MediaBox grows; TrimBox and BleedBox are set). Default `0`. */
  bleed: Length
  /** Print a table of contents with page numbers and links. Default `true`. */
  toc: boolean
  /** Print a half-title page before the title page. Default `true`. */
  halfTitle: boolean
  /** Book title on left pages, chapter title on right pages, folio in the outside corner. Default `true`. */
  runningHeads: boolean
  /** Override the margins sized to the trim; `inside` is the gutter. Defaults depend on the trim (6x9in: 0.75in top, 0.8in bottom, 0.875in inside, 0.625in outside). */
  margins: Partial<Record<'top' | 'bottom' | 'inside' | 'outside', Length>>
  /**
   * A print-shop or archive standard the file is written to and identifies as: `pdf-x-4` (PDF/X-4,
   * the CMYK output intent of `icc`), `pdf-x-1a` (PDF/X-1a:2003: CMYK and grey only, no
   * transparency; a colour or transparent figure is refused with a diagnostic), `pdf-a-2b`
   * (PDF/A-2b, sRGB output intent, still tagged), or `none`. Default `'none'`.
   */
  standard: PdfStandard | 'none'
  /**
   * The CMYK output profile (a book-relative ICC file) the PDF/X standards embed as the output
   * intent. Default: Octavo's own profile of FOGRA39 (coated offset paper, ISO 12647-2).
   */
  icc: string
  /**
   * The printing condition `icc` characterises, as the printer names it (`CGATS TR 006`,
   * `FOGRA51`); written as the output intent's identifier. Default: `FOGRA39`, or `Custom` with `icc`.
   */
  outputCondition: string
}

/** The standards `pdf: {standard:}` writes (see `standards.ts`). */
export const pdfStandards = ['pdf-x-4', 'pdf-x-1a', 'pdf-a-2b'] as const
export type PdfStandard = (typeof pdfStandards)[number]

/**
 * The options as data, for book.yaml's `pdf:` section, `octavo formats` and `octavo init` (the
 * Record keeps it complete). Kinds are as lenient as `resolveOptions`, which reads the usual
 * spellings (`drop-cap: yes`, `font-size: 11pt`) and warns about the rest with the fallback.
 */
export const pdfOptionSchema = {
  trim: {
    type: 'string',
    default: '6x9in',
    description: `Page size: ${Object.keys(trimSizes).join(' ')}, or any size (7x10in, 178x254mm)`,
  },
  font: {
    type: ['string', 'mapping'],
    default: 'literata',
    description: 'literata eb-garamond source-serif-4 crimson-pro, or { regular: file.ttf, … }',
  },
  fontSize: {
    type: ['number', 'string'],
    description: 'Body text size, 6-24 pt (default by trim: 10.5 for 6x9in)',
  },
  lineHeight: {
    type: ['number', 'string'],
    default: 1.35,
    description: 'Leading as a multiple of the size, 1-3',
  },
  openRight: {
    type: ['boolean', 'string'],
    default: false,
    example: true,
    description: 'Chapters open on a right-hand page',
  },
  dropCap: {
    type: ['boolean', 'number', 'string'],
    default: false,
    example: true,
    description: 'Drop cap: false, true (3 lines), 2 or 3',
  },
  smallCapsOpening: {
    type: ['boolean', 'string'],
    default: true,
    description: 'First words of a chapter in small capitals',
  },
  bleed: { type: ['number', 'string'], default: 0, description: 'Bleed around the trim (e.g. 0.125in)' },
  toc: { type: ['boolean', 'string'], default: true, description: 'A contents page with page numbers' },
  halfTitle: {
    type: ['boolean', 'string'],
    default: true,
    description: 'A half-title page before the title page',
  },
  runningHeads: {
    type: ['boolean', 'string'],
    default: true,
    description: 'Book and chapter titles at the top of pages',
  },
  margins: {
    type: 'mapping',
    description: 'Override margins sized to the trim: { top, bottom, inside, outside }',
  },
  standard: {
    type: 'string',
    default: 'none',
    example: 'pdf-x-4',
    description: `Print or archive standard: ${pdfStandards.join(' ')} or none`,
  },
  icc: {
    type: 'string',
    description: 'CMYK output profile (.icc) for PDF/X (default: FOGRA39, built in)',
  },
  outputCondition: {
    type: 'string',
    description: 'Printing condition the icc profile describes (default FOGRA39)',
  },
} as const satisfies Record<keyof PdfOptions, OptionSpec>

/** Everything the composer needs, in points. */
export interface Settings {
  width: number
  height: number
  bleed: number
  top: number
  bottom: number
  inside: number
  outside: number
  fontSize: number
  leading: number
  openRight: boolean
  dropCap: 0 | 2 | 3
  smallCapsOpening: boolean
  toc: boolean
  halfTitle: boolean
  runningHeads: boolean
  font: BuiltinFont | FontFiles
  /** The named trim, or the custom size as `WxHpt`. */
  trim: TrimName | `${number}x${number}pt`
  /** The standard the file is written to, if any. */
  standard: PdfStandard | undefined
  /** A book-relative CMYK output profile for PDF/X, and the condition it describes. */
  icc: string | undefined
  outputCondition: string | undefined
}

/**
 * Whether the PDF is made for a press: bleed around the trim or a PDF/X standard. Such a file
 * ends on an even page (`book.ts`): IngramSpark takes only even page counts, and a book's last
 * leaf has two sides whatever the file says. A PDF without either may still go to a printer (a
 * novel needs no bleed), but it may as well be read on a screen, where a blank last page is odd.
 */
export function forPrint(settings: Pick<Settings, 'bleed' | 'standard'>): boolean {
  return settings.bleed > 0 || settings.standard === 'pdf-x-4' || settings.standard === 'pdf-x-1a'
}

/**
 * The most pages a paperback is printed with: KDP 828 (black ink on white paper or premium
 * colour, the largest of its print options; 776 on cream, 600 in standard colour, fewer on some
 * large trims: KDP Help, "Print Options"), IngramSpark 1,200 (50 lb white; 1,050 on crème:
 * IngramSpark's file creation guide). Past KDP's, a PDF is warned about (`pdf-page-count`),
 * whatever it is for: Octavo's PDF is a book set at a print trim, and a reader on a screen
 * loses nothing by the warning.
 */
export const PAPERBACK_PAGES = { kdp: 828, ingramSpark: 1200 } as const

/**
 * The `volumes: {max-pages:}` budget to suggest for a printer's limit: a round number some way
 * under it, so a volume that gains a page or two in its final layout still fits (828 → 800).
 */
export function volumeBudget(limit: number): number {
  return Math.max(50, Math.floor((limit - 20) / 50) * 50)
}

const defaultSizes: Partial<Record<TrimName, number>> = {
  pocket: 9.5,
  '5x8in': 10,
  '5.25x8in': 10,
  a4: 11.5,
  letter: 11.5,
  b5: 11,
}

export function resolveOptions(options: Partial<PdfOptions>, file: SourceFile): Settings {
  // Raises `pdf-option-invalid`; loading the table is what defines it (this module is used alone too).
  void pdfCodes
  const invalid = (what: string, value: unknown, fallback: string) =>
    file.message(
      'pdf-option-invalid',
      `PDF option ${what} = ${JSON.stringify(value)} is not valid; using ${fallback}`,
      undefined,
      'pdf',
    )
  let trim: Settings['trim'] = '6x9in'
  let [width, height]: readonly [number, number] = trimSizes['6x9in']
  if (options.trim !== undefined) {
    const named = parseTrim(options.trim)
    const size = parseSize(options.trim)
    const [min, max] = CUSTOM_TRIM_LIMITS
    if (named) {
      trim = named
      ;[width, height] = trimSizes[named]
    } else if (size && Math.min(...size) >= min - 0.01 && Math.max(...size) <= max + 0.01) {
      // A custom trim: points rounded to a hundredth, so the boxes are the size asked for.
      ;[width, height] = size.map((v) => Math.round(v * 100) / 100) as [number, number]
      trim = `${width}x${height}pt`
    } else
      invalid(
        'trim',
        options.trim,
        `6x9in (a size such as 7x10in or 178x254mm, 3 to 18 in a side, or one of: ${Object.keys(trimSizes).join(', ')})`,
      )
  }
  // Margins scale with the trim from a 6x9in book's, so small and large trims keep its proportions.
  const sx = width / 432
  const sy = height / 648
  const margins = { top: 54 * sy, bottom: 58 * sy, inside: 63 * sx, outside: 45 * sx }
  for (const side of ['top', 'bottom', 'inside', 'outside'] as const) {
    const value = options.margins?.[side]
    if (value === undefined) continue
    const pt = parseLength(value)
    if (pt === undefined || pt < 0 || pt > width / 3)
      invalid(`margins.${side}`, value, `${margins[side].toFixed(1)}pt`)
    else margins[side] = pt
  }
  let bleed = 0
  if (options.bleed !== undefined && options.bleed !== 0) {
    const pt = parseLength(options.bleed)
    if (pt === undefined || pt < 0 || pt > 36) invalid('bleed', options.bleed, '0')
    else bleed = pt
  }
  // A custom trim takes the size of the named trims of its width.
  let fontSize =
    defaultSizes[trim as TrimName] ??
    (width < 4.6 * 72 ? 9.5 : width < 5.3 * 72 ? 10 : width >= 8 * 72 ? 11.5 : 10.5)
  if (options.fontSize !== undefined) {
    const pt = parseLength(options.fontSize)
    if (pt !== undefined && pt >= 6 && pt <= 24) fontSize = pt
    else invalid('fontSize', options.fontSize, `${fontSize}pt (6 to 24 pt)`)
  }
  let lineHeight = 1.35
  if (options.lineHeight !== undefined) {
    const value = parseRatio(options.lineHeight)
    if (value !== undefined && value >= 1 && value <= 3) lineHeight = value
    else invalid('lineHeight', options.lineHeight, '1.35 (a multiple of the font size, 1 to 3)')
  }
  let dropCap: 0 | 2 | 3 = 0
  if (options.dropCap !== undefined) {
    const value = parseDropCap(options.dropCap)
    if (value !== undefined) dropCap = value
    else invalid('dropCap', options.dropCap, 'no drop cap (use true, false, 2 or 3)')
  }
  const flag = (name: keyof PdfOptions, fallback: boolean): boolean => {
    const value = options[name]
    if (value === undefined) return fallback
    const parsed = parseBoolean(value)
    if (parsed !== undefined) return parsed
    invalid(name, value, String(fallback))
    return fallback
  }
  let standard: PdfStandard | undefined
  if (options.standard !== undefined) {
    const key = String(options.standard)
      .trim()
      .toLowerCase()
      .replace(/[\s/_:]+/g, '-')
      .replace(/^pdf(?=[xa])/, 'pdf-')
    const name = key === 'pdf-x-1a-2003' ? 'pdf-x-1a' : key
    if ((pdfStandards as readonly string[]).includes(name)) standard = name as PdfStandard
    else if (!['none', 'false', 'no', ''].includes(name))
      invalid('standard', options.standard, `none (one of: ${pdfStandards.join(', ')}, none)`)
  }
  const text = (name: 'icc' | 'outputCondition'): string | undefined => {
    const value = options[name]
    if (value === undefined) return undefined
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
    invalid(name, value, 'the default')
    return undefined
  }
  return {
    standard,
    icc: text('icc'),
    outputCondition: text('outputCondition'),
    width,
    height,
    bleed,
    ...margins,
    fontSize,
    leading: Math.round(fontSize * lineHeight * 100) / 100,
    openRight: flag('openRight', false),
    dropCap,
    smallCapsOpening: flag('smallCapsOpening', true),
    toc: flag('toc', true),
    halfTitle: flag('halfTitle', true),
    runningHeads: flag('runningHeads', true),
    font: options.font ?? 'literata',
    trim,
  }
}

/** A boolean, or its usual spellings in YAML and on command lines; undefined otherwise. */
function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value !== 'string') return undefined
  const v = value.trim().toLowerCase()
  if (['true', 'yes', 'on', '1'].includes(v)) return true
  if (['false', 'no', 'off', '0', 'none'].includes(v)) return false
  return undefined
}

/** `true` is the classic three-line initial; `false`/0 none; 2 or 3 lines (also as text). */
function parseDropCap(value: unknown): 0 | 2 | 3 | undefined {
  if (value === 2 || value === 3) return value
  if (value === 0) return 0
  if (typeof value === 'string') {
    const m = /^\s*([23])\s*(?:lines?)?\s*$/i.exec(value)
    if (m) return Number(m[1]) as 2 | 3
  }
  const flag = parseBoolean(value)
  if (flag === undefined) return undefined
  return flag ? 3 : 0
}

/** A ratio as a number, a numeric string or a percentage (`'140%'`). */
function parseRatio(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%)?\s*$/.exec(value)
  if (!m) return undefined
  return m[2] ? Number(m[1]) / 100 : Number(m[1])
}
