/**
 * The PDF renderer's options: one typed record, every field documented with its default, and the
 * resolution of a partial record into concrete numbers (points) for the composer. Bad values are
 * reported as `pdf-option-invalid` and replaced by the default, never thrown.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import { parseLength, type TrimName, trimSizes } from './trim.js'

/** Built-in book faces (all SIL OFL, from the `@expo-google-fonts` packages). */
export type BuiltinFont = 'literata' | 'eb-garamond' | 'source-serif-4' | 'crimson-pro'

/** Book-relative paths of the four faces of a custom font (TTF or OTF), read through `env.readFile`. */
export interface FontFiles {
  regular: string
  italic?: string
  bold?: string
  boldItalic?: string
}

/** A length: points as a number, or a string with a unit: `0.125in`, `3mm`, `9pt`. */
export type Length = number | string

export interface PdfOptions {
  /** Trim (page) size. Default `'6x9in'`. */
  trim: TrimName
  /** The book face. Default `'literata'`. */
  font: BuiltinFont | FontFiles
  /** Body text size in points. Default by trim: 10.5 for 6x9in, 9.5 for pocket, 11.5 for a4/letter. */
  fontSize: number
  /** Leading as a multiple of the font size. Default `1.35`. */
  lineHeight: number
  /** Start chapters and parts on a right-hand (recto) page, inserting a blank verso. Default `false`. */
  openRight: boolean
  /** Drop cap on each chapter's first paragraph: `false`, 2 or 3 lines. Default `false`. */
  dropCap: false | 2 | 3
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
}

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
  trim: TrimName
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
  const invalid = (what: string, value: unknown, fallback: string) =>
    file.message(
      'pdf-option-invalid',
      `PDF option ${what} = ${JSON.stringify(value)} is not valid; using ${fallback}`,
      undefined,
      'pdf',
    )
  let trim: TrimName = '6x9in'
  if (options.trim !== undefined) {
    if (Object.hasOwn(trimSizes, options.trim)) trim = options.trim
    else invalid('trim', options.trim, '6x9in')
  }
  const [width, height] = trimSizes[trim]
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
  let fontSize = defaultSizes[trim] ?? 10.5
  if (options.fontSize !== undefined) {
    if (typeof options.fontSize === 'number' && options.fontSize >= 6 && options.fontSize <= 24)
      fontSize = options.fontSize
    else invalid('fontSize', options.fontSize, `${fontSize}`)
  }
  let lineHeight = 1.35
  if (options.lineHeight !== undefined) {
    if (typeof options.lineHeight === 'number' && options.lineHeight >= 1 && options.lineHeight <= 3)
      lineHeight = options.lineHeight
    else invalid('lineHeight', options.lineHeight, '1.35')
  }
  let dropCap: 0 | 2 | 3 = 0
  if (options.dropCap !== undefined && options.dropCap !== false) {
    if (options.dropCap === 2 || options.dropCap === 3) dropCap = options.dropCap
    else invalid('dropCap', options.dropCap, 'false')
  }
  return {
    width,
    height,
    bleed,
    ...margins,
    fontSize,
    leading: Math.round(fontSize * lineHeight * 100) / 100,
    openRight: options.openRight ?? false,
    dropCap,
    smallCapsOpening: options.smallCapsOpening ?? true,
    toc: options.toc ?? true,
    halfTitle: options.halfTitle ?? true,
    runningHeads: options.runningHeads ?? true,
    font: options.font ?? 'literata',
    trim,
  }
}
