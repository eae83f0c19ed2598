/**
 * What RTF's words mean to the reader (`reading.ts`): the state a group saves and restores, the
 * destinations skipped or read, the characters and code pages words stand for, the picture
 * formats, the formatting switches.
 */
import type { TableCell, TableRow } from '../../model/types.js'
import type { BorderSides, DocBlock, Segment } from '../docx/body.js'
import { tryDecode } from '../encoding.js'
import { decodeWindows1252 } from '../source.js'

/** Character formatting: a group's, saved and restored with it. */
export interface CharState {
  bold: boolean
  italic: boolean
  underline: boolean
  strike: boolean
  smallCaps: boolean
  /** All caps (`\\caps`): the text shows in capitals. */
  caps: boolean
  vert: 'superscript' | 'subscript' | undefined
  hidden: boolean
  deleted: boolean
  /** Half-points, as Word's `w:sz`. */
  size: number
  font: number
  /** Fallback characters after each `\uN`. */
  uc: number
  /**
   * The run's languages as LCIDs (`\langN` for Latin text, `\langfeN` East Asian, `\alangN`
   * complex script); undefined takes the paragraph style's, then the document's (`\deflang`).
   */
  lang?: number
  langFE?: number
  langComplex?: number
  /** Right-to-left text (`\rtlch`, until `\ltrch`). */
  rtl: boolean
  /** No proofing (`\noproof`): no language. */
  noProof: boolean
}

/** Paragraph formatting, reset by `\pard`. */
export interface ParaState {
  align: string | undefined
  style: number
  pageBreakBefore: boolean
  outline: number | undefined
  list: boolean
  inTable: boolean
  /** Left and first-line indents, twips (`\li`, `\fi`). */
  left: number
  first: number
  /** A drop cap's frame (`\dropcapli`). */
  dropCap: boolean
  /** Sides with a border (`\brdrb\brdrs`, `\box`), and the side the border words after `\brdrX` set. */
  borders: BorderSides
  side: keyof BorderSides | undefined
  /** A right-to-left paragraph (`\rtlpar`, until `\ltrpar` or `\pard`). */
  rtl: boolean
}

/** Where a group's text goes. */
export type Dest =
  | 'text'
  | 'fonttbl'
  | 'stylesheet'
  | 'style'
  | 'info'
  | 'infofield'
  | 'fldinst'
  | 'pict'
  | 'listtext'
  /** A shape's or a picture's properties: only a picture and its description are read. */
  | 'shape'
  /** Text said twice (`\\upr`): this copy is not read. */
  | 'ignored'
  /** A shape property's name and value (`\\sn`, `\\sv`). */
  | 'propname'
  | 'propvalue'

export interface Group {
  char: CharState
  para: ParaState
  dest: Dest
  /** `{\*`: skip the group unless its first control word is one this reader knows. */
  starred: boolean
  /** Set when a group's first control word has been seen. */
  named: boolean
  /** What closes with this group. */
  close?: () => void
}

export const DEFAULT_SIZE = 24

export const plainChar = (font: number, uc: number): CharState => ({
  bold: false,
  italic: false,
  underline: false,
  strike: false,
  smallCaps: false,
  caps: false,
  vert: undefined,
  hidden: false,
  deleted: false,
  size: DEFAULT_SIZE,
  font,
  uc,
  rtl: false,
  noProof: false,
})

export const plainPara = (): ParaState => ({
  align: undefined,
  style: 0,
  pageBreakBefore: false,
  outline: undefined,
  list: false,
  inTable: false,
  left: 0,
  first: 0,
  dropCap: false,
  borders: {},
  side: undefined,
  rtl: false,
})

/** The paragraph border words that name a side. */
export const BORDER_SIDES: Record<string, keyof BorderSides> = {
  brdrt: 'borderTop',
  brdrb: 'borderBottom',
  brdrl: 'borderLeft',
  brdrr: 'borderRight',
}

/** Border styles that draw no line. */
export const NO_BORDER = new Set(['brdrnone', 'brdrnil', 'brdrtbl'])

/** Destinations that are not text and are skipped whole, starred or not. */
export const SKIPPED = new Set([
  'colortbl',
  'header',
  'headerl',
  'headerr',
  'headerf',
  'footer',
  'footerl',
  'footerr',
  'footerf',
  'ftnsep',
  'ftnsepc',
  'ftncn',
  'aftnsep',
  'aftnsepc',
  'aftncn',
  'xe',
  'tc',
  'tcn',
  'txe',
  'rxe',
  'pntxta',
  'pntxtb',
  'pn',
  'nonshppict',
  'shprslt',
  'do',
  'objdata',
  'objclass',
  'objname',
  'template',
  'revtbl',
  'filetbl',
  'listtable',
  'listoverridetable',
  'rsidtbl',
  'private',
  'userprops',
  'themedata',
  'colorschememapping',
  'latentstyles',
  'datastore',
  'xmlnstbl',
  'generator',
  'mmathPr',
  'pgdsctbl',
  'bkmkstart',
  'bkmkend',
  'atnid',
  'atnauthor',
  'atndate',
  'atnref',
  'atrfstart',
  'atrfend',
  'fontemb',
  'fontfile',
  'falt',
  'panose',
  'blipuid',
])

/** Starred destinations this reader reads. */
export const KNOWN_STARRED = new Set([
  'picprop',
  'shppict',
  'fldinst',
  'footnote',
  'shpinst',
  'annotation',
  'pict',
  'listtext',
  'pntext',
  'ud',
])

/** Info fields read into the book's metadata. */
export const INFO_FIELDS = new Set(['title', 'author', 'subject', 'keywords', 'doccomm'])

/** Special characters written as control words. */
export const CHARACTERS: Record<string, string> = {
  emdash: '\u2014',
  endash: '\u2013',
  emspace: '\u2003',
  enspace: '\u2002',
  qmspace: '\u2005',
  bullet: '\u2022',
  lquote: '\u2018',
  rquote: '\u2019',
  ldblquote: '\u201c',
  rdblquote: '\u201d',
  zwj: '\u200d',
  zwnj: '\u200c',
  zwbo: '\u200b',
  zwnbo: '\u2060',
  tab: '\t',
}

/** Control symbols that are characters. */
export const SYMBOLS: Record<string, string> = {
  '~': '\u00a0',
  '-': '\u00ad',
  _: '\u2011',
  '{': '{',
  '}': '}',
  '\\': '\\',
}

/** Windows character sets (`\fcharsetN`) as code pages. */
export const CHARSET_PAGES: Record<number, number> = {
  0: 1252,
  77: 10000,
  128: 932,
  129: 949,
  130: 1361,
  134: 936,
  136: 950,
  161: 1253,
  162: 1254,
  163: 1258,
  177: 1255,
  178: 1256,
  186: 1257,
  204: 1251,
  222: 874,
  238: 1250,
}

/** Code pages as WHATWG encoding labels. */
function pageLabel(page: number): string {
  if (page >= 1250 && page <= 1258) return `windows-${page}`
  switch (page) {
    case 874:
      return 'windows-874'
    case 932:
      return 'shift_jis'
    case 936:
      return 'gbk'
    case 949:
      return 'euc-kr'
    case 950:
      return 'big5'
    case 10000:
      return 'macintosh'
    case 20866:
      return 'koi8-r'
    case 21866:
      return 'koi8-u'
    case 28591:
      // ISO-8859-1 is Windows-1252 to WHATWG.
      return 'windows-1252'
    case 65001:
      return 'utf-8'
    default:
      return 'windows-1252'
  }
}

/** Bytes in a code page: through the platform's decoder, Windows-1252 where it has none. */
export function decodeBytes(bytes: number[], page: number): string {
  const array = Uint8Array.from(bytes)
  return tryDecode(pageLabel(page), array) ?? decodeWindows1252(array)
}

/** The paragraph styles of `\stylesheet`. */
export interface StyleDef {
  name: string
  basedOn: number | undefined
  outline: number | undefined
  /** Its text's language (`\\langN`), a Windows LCID. */
  lang?: number
}

/** Names other programs give what Word calls otherwise, for the shared structure rules. */
export const ALIASES: Record<string, string> = { quotations: 'quote', 'text body': 'body text' }

/** Styles whose own boldness is the display's, not the words'. */
export const HEADING_LOOK = /^(?:heading(?: \d)?|title|subtitle)$/

/** What the reader found that the book leaves out, by paragraph number. */
export interface Findings {
  comments: number[]
  tracked: number[]
  hidden: number[]
  textBoxes: number[]
  /** Paragraphs holding a symbol font's character with no Unicode equivalent, left out. */
  symbols: number[]
  images: Array<{ n: number; reason: string }>
}

/** Where paragraphs are being collected: the body, or a note. */
export interface Sink {
  blocks: DocBlock[]
  segments: Segment[]
  /** A table being read: its rows, the row's cells, the cell's paragraphs. */
  rows: TableRow[]
  cells: TableCell[]
  cellBlocks: DocBlock[]
}

export const newSink = (): Sink => ({ blocks: [], segments: [], rows: [], cells: [], cellBlocks: [] })

export const NOT_HEX = /[^0-9a-fA-F]+/g

/** Destinations whose text is collected (a name, an instruction, a value), not set. */
export const COLLECTED: ReadonlySet<Dest> = new Set<Dest>([
  'style',
  'infofield',
  'fldinst',
  'listtext',
  'propname',
  'propvalue',
])

/** A list mark typed before a tab: a bullet, a dash, "1.", "a)", "(iv)". */
export const TYPED_MARK =
  /^[ ]*([\u2022\u00b7\u25e6\u25aa\u2023\u25cf\u25cb\u25a0\u2013*-]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcdm]{1,6})[.)])\t+/

/** A list mark that numbers: "1.", "a)", "(iv)", "IV.". */
export const ORDERED_MARK = /^\(?(?:\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]/

export const ALIGN: Record<string, string> = { ql: 'left', qc: 'center', qr: 'right', qj: 'both', qd: 'both' }

/** The picture formats of `\pict`, by control word. */
export const PICTURE_KINDS: Record<string, string> = {
  pngblip: 'png',
  jpegblip: 'jpeg',
  emfblip: 'emf',
  wmetafile: 'wmf',
  macpict: 'pict',
  pmmetafile: 'wmf',
  dibitmap: 'bitmap',
  wbitmap: 'bitmap',
}

export const PICTURE_PROBLEMS: Record<string, string> = {
  emf: 'it is a Windows metafile (EMF), which books cannot show; save it as PNG or JPEG',
  wmf: 'it is a Windows metafile (WMF), which books cannot show; save it as PNG or JPEG',
  pict: 'it is a Mac PICT, which books cannot show; save it as PNG or JPEG',
  bitmap: 'it is a device bitmap, which books cannot show; save it as PNG or JPEG',
}

/** Character formatting switched on and off (`\\b`, `\\b0`): the field of the state each sets. */
export const TOGGLES: Record<
  string,
  'bold' | 'italic' | 'underline' | 'strike' | 'smallCaps' | 'caps' | 'hidden' | 'deleted'
> = {
  b: 'bold',
  i: 'italic',
  ul: 'underline',
  uld: 'underline',
  uldb: 'underline',
  ulw: 'underline',
  ulwave: 'underline',
  uldash: 'underline',
  ulth: 'underline',
  strike: 'strike',
  striked: 'strike',
  scaps: 'smallCaps',
  caps: 'caps',
  v: 'hidden',
  deleted: 'deleted',
}

/** A style being read from the style sheet. */
export interface StyleEntry extends StyleDef {
  number: number
  /** `s` (paragraph), `cs`, `ds` or `ts`: only paragraph styles are kept. */
  kind: string
}
