/**
 * The RTF reader: a Rich Text Format document (TextEdit's and WordPad's own format, Word's,
 * LibreOffice's, Scrivener's and Google Docs' export, pandoc's and calibre's output) in, the
 * book's chapters out. The tokens (`tokens.ts`) are read as RTF's specification says a reader
 * should: character and paragraph formatting are state saved and restored with each group,
 * destinations hold what is not the text (font, colour and style tables, the document's
 * information, headers and footers, pictures, notes, field instructions) and a `{\*\…}` group a
 * reader does not know is skipped whole. Text in `\'hh` escapes is decoded in the code page of
 * its font's character set (or the document's `\ansicpg`); `\uN` is Unicode, its fallback
 * skipped as `\ucN` says.
 *
 * Each paragraph becomes what the Word reader makes of one (a `DocParagraph`: its style's name
 * and ancestors, alignment, page breaks, outline level, marks by segment), so chapters, the
 * book's title, scene breaks and quotations are found by the same rules
 * (`../docx/structure.ts`): Heading styles and outline levels open chapters, and in a document
 * of direct formatting alone (TextEdit's) a centred, bold or larger line that reads as a
 * heading does. Footnotes and endnotes join the chapter citing them; PNG and JPEG pictures
 * travel as resources; comments, deletions, hidden text and text boxes are left out and said
 * so. Diagnostics name the paragraph as the line (`book.rtf:12:1`). Never throws.
 *
 * It is written here rather than taken from npm: the RTF packages there parse through Node
 * streams (the in-memory path must run in a browser) or into an HTML DOM, and none keeps the
 * paragraph styles, outline levels and page breaks the chapter rules need.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import { RESOURCE_LIMITS } from '../../limits.js'
import type {
  FootnoteDefinition,
  Image,
  Metadata,
  PhrasingContent,
  TableCell,
  TableRow,
} from '../../model/types.js'
import {
  cellContent,
  type DocBlock,
  type DocParagraph,
  fromSegments,
  hyperlinkField,
  type LinkCtx,
  marksOf,
  type Segment,
  STRONG,
  UNDERLINE,
} from '../docx/body.js'
import { documentProperties, type RunProps, type Style } from '../docx/parts.js'
import { structure } from '../docx/structure.js'
import { decodeWindows1252 } from '../source.js'
import type { Reader, ReaderOptions, ReadResult } from '../types.js'
import { rtfEntry } from './entry.js'
import { BINARY, byteString, CLOSE, END, HEX, hexValue, Lexer, OPEN, SYMBOL, TEXT, WORD } from './tokens.js'

const SOURCE = 'rtf'

export const rtfReader: Reader & { codes: typeof rtfEntry.codes } = {
  ...rtfEntry,
  read(input, file, options) {
    try {
      return readRtf(input, file, options)
    } catch (error) {
      file.message(
        'internal-error',
        `The RTF reader failed: ${(error as Error)?.message ?? error}`,
        undefined,
        SOURCE,
      )
      return { children: [] }
    }
  },
}

// ---------------------------------------------------------------------------------- state

/** Character formatting: a group's, saved and restored with it. */
interface CharState {
  bold: boolean
  italic: boolean
  underline: boolean
  strike: boolean
  smallCaps: boolean
  vert: 'superscript' | 'subscript' | undefined
  hidden: boolean
  deleted: boolean
  /** Half-points, as Word's `w:sz`. */
  size: number
  font: number
  /** Fallback characters after each `\uN`. */
  uc: number
}

/** Paragraph formatting, reset by `\pard`. */
interface ParaState {
  align: string | undefined
  style: number
  pageBreakBefore: boolean
  outline: number | undefined
  list: boolean
  inTable: boolean
  /** Left and first-line indents, twips (`\li`, `\fi`). */
  left: number
  first: number
}

/** Where a group's text goes. */
type Dest =
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
  /** A shape property's name and value (`\\sn`, `\\sv`). */
  | 'propname'
  | 'propvalue'

interface Group {
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

const DEFAULT_SIZE = 24

const plainChar = (font: number, uc: number): CharState => ({
  bold: false,
  italic: false,
  underline: false,
  strike: false,
  smallCaps: false,
  vert: undefined,
  hidden: false,
  deleted: false,
  size: DEFAULT_SIZE,
  font,
  uc,
})

const plainPara = (): ParaState => ({
  align: undefined,
  style: 0,
  pageBreakBefore: false,
  outline: undefined,
  list: false,
  inTable: false,
  left: 0,
  first: 0,
})

/** Destinations that are not text and are skipped whole, starred or not. */
const SKIPPED = new Set([
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
const KNOWN_STARRED = new Set([
  'picprop',
  'shppict',
  'fldinst',
  'footnote',
  'shpinst',
  'annotation',
  'pict',
  'listtext',
  'pntext',
])

/** Info fields read into the book's metadata. */
const INFO_FIELDS = new Set(['title', 'author', 'subject', 'keywords', 'doccomm'])

/** Special characters written as control words. */
const CHARACTERS: Record<string, string> = {
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
const SYMBOLS: Record<string, string> = {
  '~': '\u00a0',
  '-': '\u00ad',
  _: '\u2011',
  '{': '{',
  '}': '}',
  '\\': '\\',
}

/** Windows character sets (`\fcharsetN`) as code pages. */
const CHARSET_PAGES: Record<number, number> = {
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
      return 'iso-8859-1'
    case 65001:
      return 'utf-8'
    default:
      return 'windows-1252'
  }
}

const decoders = new Map<string, InstanceType<typeof TextDecoder> | null>()
function decodeBytes(bytes: number[], page: number): string {
  const label = pageLabel(page)
  // Some Node 20 releases decode `windows-1252` as ISO-8859-1 (curly quotes as C1 controls).
  if (label === 'windows-1252' || label === 'iso-8859-1') return decodeWindows1252(Uint8Array.from(bytes))
  let decoder = decoders.get(label)
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label)
    } catch {
      decoder = null
    }
    decoders.set(label, decoder)
  }
  const array = Uint8Array.from(bytes)
  return decoder ? decoder.decode(array) : decodeWindows1252(array)
}

/** The paragraph styles of `\stylesheet`. */
interface StyleDef {
  name: string
  basedOn: number | undefined
  outline: number | undefined
}

/** Names other programs give what Word calls otherwise, for the shared structure rules. */
const ALIASES: Record<string, string> = { quotations: 'quote', 'text body': 'body text' }

/** Styles whose own boldness is the display's, not the words'. */
const HEADING_LOOK = /^(?:heading(?: \d)?|title|subtitle)$/

/** What the reader found that the book leaves out, by paragraph number. */
interface Findings {
  comments: number[]
  tracked: number[]
  hidden: number[]
  textBoxes: number[]
  images: Array<{ n: number; reason: string }>
}

/** Where paragraphs are being collected: the body, or a note. */
interface Sink {
  blocks: DocBlock[]
  segments: Segment[]
  /** A table being read: its rows, the row's cells, the cell's paragraphs. */
  rows: TableRow[]
  cells: TableCell[]
  cellBlocks: DocBlock[]
}

const newSink = (): Sink => ({ blocks: [], segments: [], rows: [], cells: [], cellBlocks: [] })

// ---------------------------------------------------------------------------------- reading

function readRtf(input: Uint8Array | string, file: SourceFile, options: ReaderOptions): ReadResult {
  const head = typeof input === 'string' ? input.slice(0, 8) : input.subarray(0, 8)
  if (!rtfEntry.sniff(head)) {
    file.message(
      'rtf-invalid',
      `"${file.path}" is not an RTF document: it does not start with {\\rtf`,
      undefined,
      SOURCE,
    )
    return { children: [] }
  }
  const src = typeof input === 'string' ? input : byteString(input)
  const reading = new Reading(src, file)
  reading.readTablesAhead()
  reading.run()
  report(reading.findings, file)
  const blocks = quotesByIndent(reading.body.blocks, reading.indents)
  const result = structure({ format: 'rtf', blocks, notes: reading.notes, file, options })
  const { info } = reading
  const metadata: Partial<Metadata> = {
    ...documentProperties({
      title: info.title,
      creator: info.author,
      subjects: [info.subject, ...(info.keywords ?? '').split(/\s*[,;]\s*/)],
      description: info.doccomm,
    }),
    ...result.metadata,
  }
  if (Object.keys(metadata).length > 0) result.metadata = metadata
  if (Object.keys(reading.resources).length > 0) result.resources = reading.resources
  return result
}

/** A style being read from the style sheet. */
interface StyleEntry extends StyleDef {
  number: number
  /** `s` (paragraph), `cs`, `ds` or `ts`: only paragraph styles are kept. */
  kind: string
}

/** One document being read: the lexer, the group stack and what has been collected. */
class Reading {
  readonly lexer: Lexer
  // What the document says of itself.
  ansiPage = 1252
  defaultFont = 0
  readonly fontPages = new Map<number, number>()
  readonly styles = new Map<number, StyleDef>()
  readonly info: Record<string, string> = {}
  readonly findings: Findings = { comments: [], tracked: [], hidden: [], textBoxes: [], images: [] }
  readonly notes = new Map<string, FootnoteDefinition>()
  readonly resources: Record<string, Uint8Array> = {}
  /** Paragraphs read so far: the next one's number is `n + 1`. */
  n = 0

  // The group being read and those around it.
  readonly stack: Group[] = []
  group: Group = { char: plainChar(0, 1), para: plainPara(), dest: 'text', starred: false, named: true }
  readonly body: Sink = newSink()
  sink: Sink = this.body

  /** Fallback characters still to skip after a `\uN`. */
  skip = 0
  /** Bytes of `\'hh` escapes (and raw high bytes) waiting to be decoded together, in `pendingChar`. */
  pending: number[] = []
  pendingChar: CharState = this.group.char
  /** A page break waits for the next paragraph. */
  pageBreak = false
  /** A section just ended: its break is a page unless the next section says it runs on. */
  sectionBreak = false
  /** The list mark (`\listtext`, `\pntext`) of the paragraph being read. */
  listMark: { ordered: boolean } | undefined
  /** The link of the field whose result is being read, and the field being read. */
  link: LinkCtx | undefined
  field: { link?: LinkCtx } | undefined
  /** Text of a destination being collected: a style's name, an info field, a field instruction, a list mark. */
  collected = ''
  font = 0
  style: StyleEntry | undefined
  // The picture being read.
  pictKind = ''
  pictHex: string[] = []
  pictBinary = ''
  pictures = 0
  /** The last picture placed, and the description the shape properties read gave. */
  lastImage: Image | undefined
  description: string | undefined
  property = ''
  /** Paragraphs set in from the left, and by how much (twips): block quotations, when the text is not. */
  readonly indents = new Map<DocParagraph, number>()
  /** The font table and style sheet were read before the text (`readTablesAhead`). */
  ahead = false

  constructor(
    readonly src: string,
    readonly file: SourceFile,
  ) {
    this.lexer = new Lexer(src)
    if (src.charCodeAt(0) === 0xef) this.lexer.pos = 3
  }

  /**
   * The font table and the style sheet, read before the text: they belong at the top, but
   * Aspose's (Google Docs' RTF export) come after the text, whose code pages and heading styles
   * they give.
   */
  readTablesAhead(): void {
    for (const name of ['fonttbl', 'stylesheet']) {
      const at = this.src.indexOf(`{\\${name}`)
      if (at < 0) continue
      const probe = new Lexer(this.src)
      probe.pos = at + 1
      probe.skipGroup()
      const tables = new Reading(this.src.slice(at, probe.pos), this.file)
      tables.run()
      for (const [font, page] of tables.fontPages) this.fontPages.set(font, page)
      for (const [number, style] of tables.styles) this.styles.set(number, style)
    }
    this.ahead = true
  }

  run(): void {
    const { lexer, src } = this
    for (let kind = lexer.next(); kind !== END; kind = lexer.next()) {
      switch (kind) {
        case OPEN:
          this.flushBytes()
          this.stack.push(this.group)
          this.group = {
            char: { ...this.group.char },
            para: { ...this.group.para },
            dest: this.group.dest,
            starred: false,
            named: false,
          }
          this.skip = 0
          break
        case CLOSE:
          this.popGroup()
          break
        case WORD:
          this.controlWord(lexer.name, lexer.param)
          break
        case TEXT:
          this.text(src.slice(lexer.from, lexer.to))
          break
        case HEX:
          if (this.skip > 0) this.skip--
          else if (this.group.dest !== 'pict') this.byte(lexer.byte)
          break
        case SYMBOL:
          this.symbol(lexer.symbol)
          break
        case BINARY:
          if (this.group.dest === 'pict') this.pictBinary = src.slice(lexer.from, lexer.to)
          break
      }
    }
    this.flushBytes()
    while (this.stack.length > 1) this.popGroup()
    const open = this.stack.length
    if (open > 0) this.popGroup()
    this.sink = this.body
    if (this.body.segments.length > 0) this.endParagraph()
    this.flushTable(this.body)
    if (open > 0)
      this.file.message(
        'rtf-truncated',
        'The document ends inside open groups (a `{` never closed): it may have been cut short',
        { line: this.n + 1, column: 1 },
        SOURCE,
      )
  }

  private popGroup(): void {
    this.flushBytes()
    const closing = this.group
    const outer = this.stack.pop()
    // A stray `}` is ignored.
    if (!outer) return
    // Its destination ends while its own state still holds.
    closing.close?.()
    this.group = outer
    this.skip = 0
  }

  /** Skip the rest of the group just opened. */
  private skipGroup(): void {
    this.lexer.skipGroup()
    this.group = this.stack.pop() ?? this.group
    this.skip = 0
  }

  // ------------------------------------------------------------------------------ text

  /** Text in the group's state: to the paragraph, or to the destination being collected. */
  private emit(value: string, char: CharState): void {
    if (value === '') return
    const dest = this.group.dest
    if (dest !== 'text') {
      if (COLLECTED.has(dest)) this.collected += value
      return
    }
    if (char.hidden) {
      this.findings.hidden.push(this.n + 1)
      return
    }
    if (char.deleted) {
      this.findings.tracked.push(this.n + 1)
      return
    }
    const props: RunProps = {
      bold: char.bold,
      italic: char.italic,
      underline: char.underline,
      strike: char.strike,
      smallCaps: char.smallCaps,
    }
    if (char.vert) props.vertAlign = char.vert
    const marks = marksOf(props)
    const segments = this.sink.segments
    const last = segments[segments.length - 1]
    if (
      last?.node.type === 'text' &&
      last.marks === marks &&
      last.link === this.link &&
      last.size === char.size &&
      last.bold === char.bold
    ) {
      last.node.value += value
      return
    }
    const seg: Segment = { node: { type: 'text', value }, marks, bold: char.bold, size: char.size }
    if (this.link) seg.link = this.link
    segments.push(seg)
  }

  /** A node that is not text (a line break, a note reference, a picture) where the text stands. */
  private pushNode(node: PhrasingContent): void {
    const { char } = this.group
    if (char.hidden || char.deleted) return
    const seg: Segment = { node, marks: 0, bold: false, size: 0 }
    if (this.link) seg.link = this.link
    this.sink.segments.push(seg)
  }

  private byte(b: number): void {
    if (this.pending.length > 0 && this.pendingChar !== this.group.char) this.flushBytes()
    this.pendingChar = this.group.char
    this.pending.push(b)
  }

  private flushBytes(): void {
    if (this.pending.length === 0) return
    const char = this.pendingChar
    const value = decodeBytes(this.pending, this.fontPages.get(char.font) ?? this.ansiPage)
    this.pending = []
    this.emit(value, char)
  }

  /** Text characters: line ends in the source are not text; high bytes are code-page bytes. */
  private text(value: string): void {
    const dest = this.group.dest
    if (dest === 'pict') {
      this.pictHex.push(value.replace(NOT_HEX, ''))
      return
    }
    if (this.skip > 0) {
      const drop = Math.min(this.skip, value.length)
      value = value.slice(drop)
      this.skip -= drop
    }
    if (dest !== 'text' && !COLLECTED.has(dest)) return
    let start = 0
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i)
      if (c === 0x0d || c === 0x0a || c === 0 || (c >= 0x80 && c <= 0xff)) {
        if (i > start) {
          this.flushBytes()
          this.emit(value.slice(start, i), this.group.char)
        }
        if (c >= 0x80) this.byte(c)
        start = i + 1
      }
    }
    if (start < value.length) {
      this.flushBytes()
      this.emit(start === 0 ? value : value.slice(start), this.group.char)
    }
  }

  private symbol(s: string): void {
    if (s === '*') {
      this.group.starred = true
      return
    }
    if (s === '\n') {
      // `\` before a line end: a paragraph mark (TextEdit ends every paragraph so).
      if (this.group.dest === 'text') this.endParagraph()
      return
    }
    if (this.skip > 0) {
      this.skip--
      return
    }
    const ch = SYMBOLS[s]
    if (ch !== undefined) {
      this.flushBytes()
      this.emit(ch, this.group.char)
    }
  }

  // ------------------------------------------------------------------------------ paragraphs

  /** End the paragraph being read (`\par`, `\cell`, a page break after text). */
  private endParagraph(breakAfter = false): void {
    this.flushBytes()
    const { para } = this.group
    const sink = this.sink
    const n = ++this.n
    const lineage: string[] = []
    const seen = new Set<number>()
    for (let s: number | undefined = para.style; s !== undefined && !seen.has(s) && lineage.length < 16; ) {
      seen.add(s)
      const def = this.styles.get(s)
      if (!def) break
      lineage.push(ALIASES[def.name] ?? def.name)
      if (ALIASES[def.name]) lineage.push(def.name)
      s = def.basedOn
    }
    const style: Style = { name: lineage[0] ?? '', lineage, para: {}, run: {} }
    const outline = para.outline ?? this.styles.get(para.style)?.outline
    // A heading's boldness is its look, not its words' (they keep their italics), and so is a
    // link's underline.
    const heading = outline !== undefined || HEADING_LOOK.test(style.name)
    let segments = sink.segments
    if (heading || segments.some((s) => s.link && s.marks & UNDERLINE))
      segments = segments.map((s) => {
        const marks = s.marks & ~(heading ? STRONG : 0) & ~(s.link ? UNDERLINE : 0)
        return marks === s.marks ? s : { ...s, marks }
      })
    // A list item typed as a mark and a tab over a hanging indent (pandoc's, and Word's without
    // list numbering): the mark is the list's.
    let typedList: { ordered: boolean } | undefined
    if (para.first < 0 && !para.list && !this.listMark) {
      const first = segments[0]
      const mark = first?.node.type === 'text' ? TYPED_MARK.exec(first.node.value) : null
      if (first && mark) {
        typedList = { ordered: /[\dA-Za-z]/.test(mark[1]!) }
        const value = (first.node as { value: string }).value.slice(mark[0].length)
        segments = [{ ...first, node: { type: 'text', value } }, ...segments.slice(1)]
      }
    }
    const paragraph: DocParagraph = {
      kind: 'paragraph',
      n,
      style,
      pageBreakBefore: this.pageBreak || para.pageBreakBefore,
      breakAfter,
      ...fromSegments(segments),
      rule: false,
    }
    if (para.align !== undefined) paragraph.align = para.align
    if (outline !== undefined) paragraph.outline = outline
    if (para.list || this.listMark) paragraph.list = { ordered: this.listMark?.ordered ?? false }
    else if (typedList) paragraph.list = typedList
    if (para.left > 0 && !paragraph.list) this.indents.set(paragraph, para.left)
    this.pageBreak = false
    this.sectionBreak = false
    this.listMark = undefined
    sink.segments = []
    if (para.inTable) sink.cellBlocks.push(paragraph)
    else {
      this.flushTable(sink)
      sink.blocks.push(paragraph)
    }
  }

  private endCell(): void {
    const sink = this.sink
    if (sink.segments.length > 0) {
      const { para } = this.group
      const inTable = para.inTable
      para.inTable = true
      this.endParagraph()
      para.inTable = inTable
    }
    sink.cells.push({ type: 'tableCell', children: cellContent(sink.cellBlocks) })
    sink.cellBlocks = []
  }

  private endRow(sink: Sink): void {
    if (sink.cellBlocks.length > 0) {
      sink.cells.push({ type: 'tableCell', children: cellContent(sink.cellBlocks) })
      sink.cellBlocks = []
    }
    if (sink.cells.length > 0) sink.rows.push({ type: 'tableRow', children: sink.cells })
    sink.cells = []
  }

  private flushTable(sink: Sink): void {
    if (sink.cells.length > 0 || sink.cellBlocks.length > 0) this.endRow(sink)
    // A last row left empty (the spare row of a table typed in Pages or Word) is not content.
    while (sink.rows.length > 0 && sink.rows.at(-1)!.children.every((cell) => cell.children.length === 0))
      sink.rows.pop()
    if (sink.rows.length === 0) return
    sink.blocks.push({ kind: 'table', n: this.n, table: { type: 'table', children: sink.rows } })
    sink.rows = []
  }

  private pageBreakHere(): void {
    this.flushBytes()
    if (this.sink.segments.length > 0) this.endParagraph(true)
    this.pageBreak = true
  }

  // ------------------------------------------------------------------------------ control words

  private controlWord(name: string, param: number | undefined): void {
    const group = this.group
    if (this.skip > 0) {
      this.skip--
      return
    }
    if (!group.named) {
      // A group's first control word may name its destination.
      group.named = true
      if (SKIPPED.has(name) || (group.starred && !KNOWN_STARRED.has(name))) {
        this.skipGroup()
        return
      }
      if (this.destination(name)) return
    }
    switch (group.dest) {
      case 'text':
        this.textWord(name, param)
        return
      case 'fonttbl':
        if (name === 'f' && param !== undefined) this.font = param
        else if (
          name === 'fcharset' &&
          param !== undefined &&
          CHARSET_PAGES[param] !== undefined &&
          param !== 0
        )
          this.fontPages.set(this.font, CHARSET_PAGES[param]!)
        else if (name === 'cpg' && param !== undefined && param > 0) this.fontPages.set(this.font, param)
        return
      case 'stylesheet':
        this.openStyle()
        this.styleWord(name, param)
        return
      case 'style':
        this.styleWord(name, param)
        return
      case 'pict':
        this.pictKind = PICTURE_KINDS[name] ?? this.pictKind
        return
      case 'fldinst':
      case 'listtext': {
        const ch = CHARACTERS[name]
        if (ch) this.collected += ch
        else if (name === 'u' && param !== undefined) {
          this.collected += String.fromCharCode(param < 0 ? param + 65536 : param)
          this.skip = group.char.uc
        }
        return
      }
      default:
        return
    }
  }

  /** A destination's first word: true when this reader handles it here. */
  private destination(name: string): boolean {
    const group = this.group
    switch (name) {
      case 'fonttbl':
      case 'stylesheet':
        // Read ahead of the text (`readTablesAhead`).
        if (this.ahead) {
          this.skipGroup()
          return true
        }
        group.dest = name
        return true
      case 'info':
        group.dest = name
        return true
      case 'listtext':
      case 'pntext':
        group.dest = 'listtext'
        this.collected = ''
        group.close = () => {
          const mark = this.collected.trim()
          this.listMark = { ordered: ORDERED_MARK.test(mark) }
          this.collected = ''
        }
        return true
      case 'field': {
        const outer = this.field
        this.field = {}
        group.close = () => {
          this.field = outer
        }
        return true
      }
      case 'fldinst': {
        const field = this.field
        group.dest = 'fldinst'
        this.collected = ''
        group.close = () => {
          if (field) field.link = hyperlinkField(this.collected)
          this.collected = ''
        }
        return true
      }
      case 'fldrslt': {
        const before = this.link
        if (this.field?.link) this.link = this.field.link
        group.close = () => {
          this.link = before
        }
        return true
      }
      case 'footnote':
        this.footnote()
        return true
      case 'annotation':
        this.findings.comments.push(this.n + 1)
        this.skipGroup()
        return true
      case 'shptxt':
        this.findings.textBoxes.push(this.n + 1)
        this.skipGroup()
        return true
      case 'shpinst': {
        group.dest = 'shape'
        const before = this.pictures
        this.description = undefined
        group.close = () => {
          // A floating picture's description may follow its picture.
          const image = this.pictures > before ? this.lastImage : undefined
          if (image && this.description && image.alt === undefined) image.alt = this.description
        }
        return true
      }
      case 'picprop':
        group.dest = 'shape'
        this.description = undefined
        return true
      case 'sn':
      case 'sv':
        if (group.dest !== 'shape') return false
        group.dest = name === 'sn' ? 'propname' : 'propvalue'
        this.collected = ''
        group.close = () => {
          const said = this.collected.replace(/\s+/g, ' ').trim()
          if (name === 'sn') this.property = said
          else if (this.property === 'wzDescription' && said) this.description = said
          this.collected = ''
        }
        return true
      case 'pict':
        group.dest = 'pict'
        this.pictKind = ''
        this.pictHex = []
        this.pictBinary = ''
        group.close = () => this.picture()
        return true
      default:
        if (INFO_FIELDS.has(name) && group.dest === 'info') {
          group.dest = 'infofield'
          this.collected = ''
          group.close = () => {
            const value = this.collected.replace(/\s+/g, ' ').trim()
            if (value) this.info[name] = value
            this.collected = ''
          }
          return true
        }
        return false
    }
  }

  /** A note: its reference where it stands, its paragraphs read into a sink of their own. */
  private footnote(): void {
    this.flushBytes()
    const id = `fn-${this.notes.size + 1}`
    this.pushNode({ type: 'footnoteReference', identifier: id })
    const outer = this.sink
    const outerLink = this.link
    const note = newSink()
    this.sink = note
    this.link = undefined
    const group = this.group
    group.dest = 'text'
    group.para = plainPara()
    // Reserved now, so that a note inside it is numbered after it.
    this.notes.set(id, { type: 'footnoteDefinition', identifier: id, children: [] })
    group.close = () => {
      if (note.segments.length > 0) this.endParagraph()
      this.flushTable(note)
      const definition = this.notes.get(id)!
      definition.children = note.blocks
        .filter((b): b is DocParagraph => b.kind === 'paragraph' && b.content.length > 0)
        .map((b) => ({ type: 'paragraph' as const, children: b.content }))
      // The space (often a no-break one) after the note's own mark.
      const opening = definition.children[0]
      const lead = opening?.type === 'paragraph' ? opening.children[0] : undefined
      if (lead?.type === 'text') lead.value = lead.value.replace(/^\s+/, '')
      this.sink = outer
      this.link = outerLink
    }
  }

  private picture(): void {
    const n = this.n + 1
    const kind = this.pictKind
    if (kind !== 'png' && kind !== 'jpeg') {
      this.findings.images.push({ n, reason: PICTURE_PROBLEMS[kind] ?? 'its format is not one Octavo reads' })
      return
    }
    let bytes: Uint8Array
    if (this.pictBinary) bytes = Uint8Array.from(this.pictBinary, (c) => c.charCodeAt(0) & 0xff)
    else {
      const hex = this.pictHex.join('')
      if (hex.length / 2 > RESOURCE_LIMITS.image) {
        this.findings.images.push({ n, reason: `it is larger than ${RESOURCE_LIMITS.image} bytes` })
        return
      }
      bytes = new Uint8Array(hex.length >> 1)
      for (let i = 0, j = 0; j < bytes.length; i += 2, j++)
        bytes[j] = hexValue(hex.charCodeAt(i)) * 16 + hexValue(hex.charCodeAt(i + 1))
    }
    if (bytes.length > RESOURCE_LIMITS.image) {
      this.findings.images.push({ n, reason: `it is larger than ${RESOURCE_LIMITS.image} bytes` })
      return
    }
    this.pictHex = []
    this.pictBinary = ''
    const url = `${this.file.path}/image-${++this.pictures}.${kind === 'png' ? 'png' : 'jpg'}`
    this.resources[url] = bytes
    const image: Image = { type: 'image', url }
    // Word keeps a picture's alt text as its description, in the picture's properties.
    if (this.description) image.alt = this.description
    this.description = undefined
    this.lastImage = image
    this.pushNode(image)
  }

  private openStyle(): void {
    const group = this.group
    group.dest = 'style'
    this.collected = ''
    const entry: StyleEntry = { number: 0, kind: 's', name: '', basedOn: undefined, outline: undefined }
    this.style = entry
    group.close = () => {
      entry.name = this.collected.replace(/;\s*$/, '').replace(/\s+/g, ' ').trim().toLowerCase()
      this.collected = ''
      if (entry.kind === 's' && entry.name) this.styles.set(entry.number, entry)
    }
  }

  private styleWord(name: string, param: number | undefined): void {
    const entry = this.style
    if (!entry) return
    if (name === 's' && param !== undefined) entry.number = param
    else if (name === 'cs' || name === 'ds' || name === 'ts') entry.kind = name
    else if (name === 'sbasedon' && param !== undefined && param !== entry.number) entry.basedOn = param
    else if (name === 'outlinelevel' && param !== undefined && param >= 0 && param < 9) entry.outline = param
  }

  /** A control word in the text. */
  private textWord(name: string, param: number | undefined): void {
    const group = this.group
    const char = group.char
    const on = param === undefined || param !== 0
    switch (name) {
      // The document
      case 'ansicpg':
        if (param !== undefined && param > 0) this.ansiPage = param
        return
      case 'mac':
        this.ansiPage = 10000
        return
      case 'pc':
        this.ansiPage = 437
        return
      case 'pca':
        this.ansiPage = 850
        return
      case 'deff':
        if (param !== undefined) {
          this.defaultFont = param
          char.font = param
        }
        return
      // Paragraphs
      case 'par':
        this.endParagraph()
        return
      case 'pard':
        this.flushBytes()
        group.para = plainPara()
        return
      case 'ql':
      case 'qc':
      case 'qr':
      case 'qj':
      case 'qd':
        group.para.align = ALIGN[name]
        return
      case 's':
        if (param !== undefined) group.para.style = param
        return
      case 'outlinelevel':
        if (param !== undefined && param >= 0 && param < 9) group.para.outline = param
        return
      case 'pagebb':
        group.para.pageBreakBefore = on
        return
      case 'li':
      case 'lin':
        group.para.left = param ?? 0
        return
      case 'fi':
        group.para.first = param ?? 0
        return
      case 'ls':
        group.para.list = true
        return
      case 'intbl':
        group.para.inTable = true
        return
      case 'page':
        this.pageBreakHere()
        return
      case 'sect':
        this.pageBreakHere()
        this.sectionBreak = true
        return
      case 'sbknone':
      case 'sbkcol':
        if (this.sectionBreak) this.pageBreak = false
        return
      case 'line':
        this.flushBytes()
        this.pushNode({ type: 'break' })
        return
      case 'cell':
        this.flushBytes()
        this.endCell()
        return
      case 'nestcell':
        // A table in a table is read as its text, a line a cell.
        this.flushBytes()
        if (this.sink.segments.length > 0) this.pushNode({ type: 'break' })
        return
      case 'row':
        this.flushBytes()
        this.endRow(this.sink)
        return
      case 'u':
        if (param !== undefined) {
          this.flushBytes()
          this.emit(String.fromCharCode(param < 0 ? param + 65536 : param), char)
          this.skip = char.uc
        }
        return
      case 'uc':
        if (param !== undefined && param >= 0 && param < 10) char.uc = param
        return
      case 'plain':
        this.flushBytes()
        group.char = plainChar(this.defaultFont, char.uc)
        return
      default: {
        const change = CHARACTER_FORMAT[name]
        if (change) {
          // A change of formatting ends the bytes read in the old one.
          this.flushBytes()
          const next = { ...char }
          change(next, on, param)
          group.char = next
          return
        }
        const ch = CHARACTERS[name]
        if (ch !== undefined) {
          this.flushBytes()
          this.emit(ch, char)
        }
      }
    }
  }
}

const NOT_HEX = /[^0-9a-fA-F]+/g

/** Destinations whose text is collected (a name, an instruction, a value), not set. */
const COLLECTED: ReadonlySet<Dest> = new Set<Dest>([
  'style',
  'infofield',
  'fldinst',
  'listtext',
  'propname',
  'propvalue',
])

/** A list mark typed before a tab: a bullet, a dash, "1.", "a)", "(iv)". */
const TYPED_MARK =
  /^[ ]*([\u2022\u00b7\u25e6\u25aa\u2023\u25cf\u25cb\u25a0\u2013*-]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcdm]{1,6})[.)])\t+/

/** A list mark that numbers: "1.", "a)", "(iv)", "IV.". */
const ORDERED_MARK = /^\(?(?:\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]/

const ALIGN: Record<string, string> = { ql: 'left', qc: 'center', qr: 'right', qj: 'both', qd: 'both' }

/** The picture formats of `\pict`, by control word. */
const PICTURE_KINDS: Record<string, string> = {
  pngblip: 'png',
  jpegblip: 'jpeg',
  emfblip: 'emf',
  wmetafile: 'wmf',
  macpict: 'pict',
  pmmetafile: 'wmf',
  dibitmap: 'bitmap',
  wbitmap: 'bitmap',
}

const PICTURE_PROBLEMS: Record<string, string> = {
  emf: 'it is a Windows metafile (EMF), which books cannot show; save it as PNG or JPEG',
  wmf: 'it is a Windows metafile (WMF), which books cannot show; save it as PNG or JPEG',
  pict: 'it is a Mac PICT, which books cannot show; save it as PNG or JPEG',
  bitmap: 'it is a device bitmap, which books cannot show; save it as PNG or JPEG',
}

/** Character formatting words: how each changes the state (`on` false for `\b0`). */
const CHARACTER_FORMAT: Record<string, (c: CharState, on: boolean, param: number | undefined) => void> = {
  b: (c, on) => {
    c.bold = on
  },
  i: (c, on) => {
    c.italic = on
  },
  ul: (c, on) => {
    c.underline = on
  },
  uld: (c, on) => {
    c.underline = on
  },
  uldb: (c, on) => {
    c.underline = on
  },
  ulw: (c, on) => {
    c.underline = on
  },
  ulwave: (c, on) => {
    c.underline = on
  },
  uldash: (c, on) => {
    c.underline = on
  },
  ulth: (c, on) => {
    c.underline = on
  },
  ulnone: (c) => {
    c.underline = false
  },
  strike: (c, on) => {
    c.strike = on
  },
  striked: (c, on) => {
    c.strike = on
  },
  scaps: (c, on) => {
    c.smallCaps = on
  },
  super: (c) => {
    c.vert = 'superscript'
  },
  sub: (c) => {
    c.vert = 'subscript'
  },
  nosupersub: (c) => {
    c.vert = undefined
  },
  v: (c, on) => {
    c.hidden = on
  },
  deleted: (c, on) => {
    c.deleted = on
  },
  fs: (c, _on, param) => {
    c.size = param !== undefined && param > 0 ? param : DEFAULT_SIZE
  },
  f: (c, _on, param) => {
    if (param !== undefined) c.font = param
  },
}

/** Twips past the text's own left edge that set a paragraph apart as a quotation (1 cm). */
const QUOTE_INDENT = 567

/**
 * Paragraphs set in from the left of the text (its most common indent, by the length of text at
 * each) are block quotations, as Word's Quote style would say; lists, headings and centred lines
 * are not. A document indented throughout has none.
 */
function quotesByIndent(blocks: DocBlock[], indents: Map<DocParagraph, number>): DocBlock[] {
  if (indents.size === 0) return blocks
  const weight = new Map<number, number>()
  for (const b of blocks) {
    if (b.kind !== 'paragraph' || b.list || b.text === '') continue
    const indent = indents.get(b) ?? 0
    weight.set(indent, (weight.get(indent) ?? 0) + b.text.length)
  }
  let common = 0
  let most = -1
  for (const [indent, w] of weight) if (w > most) [common, most] = [indent, w]
  return blocks.map((b) => {
    if (b.kind !== 'paragraph' || b.outline !== undefined || b.align === 'center' || b.text === '') return b
    const indent = indents.get(b)
    if (indent === undefined || indent < common + QUOTE_INDENT) return b
    return { ...b, style: { ...b.style, lineage: [...b.style.lineage, 'quote'] } }
  })
}

const clip = (s: string, max = 50) => (s.length > max ? `${s.slice(0, max - 3)}...` : s)

/** One diagnostic per kind of thing left out, naming the first paragraph where it stood. */
function report(findings: Findings, file: SourceFile): void {
  const where = (ns: number[]) => {
    const sorted = [...new Set(ns)].sort((a, b) => a - b)
    const more = sorted.length > 1 ? ` and ${sorted.length - 1} more` : ''
    return { text: `paragraph ${sorted[0]}${more}`, place: { line: sorted[0]!, column: 1 } }
  }
  const said: Array<
    [
      keyof Findings,
      'rtf-comments' | 'rtf-tracked-changes' | 'rtf-hidden-text' | 'rtf-text-box',
      (w: string) => string,
    ]
  > = [
    ['comments', 'rtf-comments', (w) => `Left out the comments on ${w}`],
    [
      'tracked',
      'rtf-tracked-changes',
      (w) =>
        `Tracked changes in ${w}: insertions kept and deletions dropped, as if accepted; accept or reject them in your word processor to be sure`,
    ],
    ['hidden', 'rtf-hidden-text', (w) => `Left out hidden text in ${w}`],
    ['textBoxes', 'rtf-text-box', (w) => `Left out the text of text boxes or shapes in ${w}`],
  ]
  for (const [key, code, message] of said) {
    const ns = findings[key] as number[]
    if (ns.length === 0) continue
    const w = where(ns)
    file.message(code, message(w.text), w.place, SOURCE)
  }
  for (const { n, reason } of findings.images.slice(0, 20))
    file.message(
      'rtf-image',
      `A picture in paragraph ${n} was left out: ${clip(reason, 120)}`,
      { line: n, column: 1 },
      SOURCE,
    )
}
