/**
 * One RTF document read token by token (`tokens.ts`) into the Word reader's paragraphs
 * (`DocParagraph`), its notes, pictures and what it says of itself: the state machine the
 * reader (`index.ts`) runs. Formatting is group state; a group's first control word may make it
 * a destination, read (`destination`) or skipped whole.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import { RESOURCE_LIMITS } from '../../limits.js'
import type { FootnoteDefinition, Image, PhrasingContent } from '../../model/types.js'
import {
  borderRule,
  cellContent,
  type DocParagraph,
  dropNoteMark,
  fromSegments,
  hyperlinkField,
  type LinkCtx,
  marksOf,
  paragraphNode,
  type Segment,
  STRONG,
  UNDERLINE,
} from '../docx/body.js'
import type { RunProps, Style } from '../docx/parts.js'
import { lcidTag } from '../shared/lcid.js'
import { type LanguageScope, type RunLanguage, sameRunLanguage } from '../shared/run-language.js'
import { hasSymbolCodes, type SymbolFont, symbolFontOf, symbolText } from '../shared/symbol-fonts.js'
import { judgeImage } from '../shared/urls.js'
import { BINARY, CLOSE, END, HEX, hexValue, Lexer, OPEN, SYMBOL, TEXT, WORD } from './tokens.js'
import {
  ALIASES,
  ALIGN,
  BORDER_SIDES,
  CHARACTERS,
  CHARSET_PAGES,
  type CharState,
  COLLECTED,
  DEFAULT_SIZE,
  type Dest,
  decodeBytes,
  type Findings,
  type Group,
  HEADING_LOOK,
  INFO_FIELDS,
  KNOWN_STARRED,
  NO_BORDER,
  NOT_HEX,
  newSink,
  ORDERED_MARK,
  PICTURE_KINDS,
  PICTURE_PROBLEMS,
  plainChar,
  plainPara,
  type Sink,
  SKIPPED,
  type StyleDef,
  type StyleEntry,
  SYMBOLS,
  TOGGLES,
  TYPED_MARK,
} from './words.js'

/** A custom note mark as authors type one: asterisks, daggers, a section sign. */
const NOTE_MARK = /^[*\u2020\u2021\u00a7\u00b6\u2016#+\u203b\u2042]{1,4}/

/** One document being read: the lexer, the group stack and what has been collected. */
export class Reading {
  readonly lexer: Lexer
  // What the document says of itself.
  ansiPage = 1252
  defaultFont = 0
  /** The document's default language (`\\deflangN`), a Windows LCID. */
  defaultLang: number | undefined
  /** Its default languages of East Asian (`\\deflangfeN`) and complex-script text (`\\adeflangN`). */
  defaultLangFE: number | undefined
  defaultLangComplex: number | undefined
  /** The document's language as this reading assumes it, and the letters counted per language. */
  language: LanguageScope | undefined
  readonly fontPages = new Map<number, number>()
  readonly styles = new Map<number, StyleDef>()
  readonly info: Record<string, string> = {}
  readonly findings: Findings = {
    comments: [],
    tracked: [],
    hidden: [],
    textBoxes: [],
    symbols: [],
    images: [],
  }
  /** The font table's fonts that are symbol fonts (Symbol, Wingdings), by number. */
  readonly symbolFonts = new Map<number, SymbolFont>()
  /** The name of the font being read in the font table, until its `;`. */
  fontName: string | undefined
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
  /** Text of the paragraph being read was tracked as deleted (with nothing else, it is gone). */
  private deletion = false
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
  /** A picture attachment was placed: the character standing for it in the text is not text. */
  attachment = false
  /** The last picture placed, and the description the shape properties read gave. */
  lastImage: Image | undefined
  description: string | undefined
  property = ''
  /**
   * The shape being read (`\\shpinst`) has placed its picture: LibreOffice writes a framed
   * picture twice in one shape (its `pib` and its `fillBlip`), one picture either way.
   */
  shapePicture: boolean | undefined
  /** Paragraphs set in from the left, and by how much (twips): block quotations, when the text is not. */
  readonly indents = new Map<DocParagraph, number>()
  /** Where the Unicode copy of a `\\upr` group's text goes. */
  unicodeDest: Dest = 'text'
  /** The font table and style sheet were read before the text (`readTablesAhead`). */
  ahead = false
  /** The note being read has its automatic number (`\\chftn`); without it, a custom mark. */
  autoMark = false

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
      for (const [font, kind] of tables.symbolFonts) this.symbolFonts.set(font, kind)
      for (const [number, style] of tables.styles) this.styles.set(number, style)
    }
    // The document's default languages, in its head before the tables, for `declaredLanguage`.
    const head = this.src.slice(0, Math.min(4096, this.src.indexOf('{\\fonttbl') >>> 0))
    const said = (word: string) => {
      const m = new RegExp(`\\\\${word}(\\d+)`).exec(head)
      return m ? Number(m[1]) : undefined
    }
    this.defaultLang ??= said('deflang')
    this.defaultLangFE ??= said('deflangfe')
    this.defaultLangComplex ??= said('adeflang')
    this.ahead = true
  }

  /** The language the document declares: its Normal style's, else its default (`\\deflang`). */
  declaredLanguage(): string | undefined {
    return lcidTag(this.styles.get(0)?.lang) ?? lcidTag(this.defaultLang)
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
        'rtf',
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
    if (this.attachment && this.group.dest === 'text') {
      // The character that stands for an attachment in the text (TextEdit's `¬`, U+FFFC).
      this.attachment = false
      if (/^[\u00ac\ufffc]/.test(value)) value = value.slice(1)
    }
    if (value === '') return
    const dest = this.group.dest
    if (dest === 'fonttbl') {
      // A font's name, up to its `;`: whether it is a symbol font.
      if (this.fontName === undefined) return
      this.fontName += value
      const end = this.fontName.indexOf(';')
      if (end >= 0) {
        const kind = symbolFontOf(this.fontName.slice(0, end))
        if (kind) this.symbolFonts.set(this.font, kind)
        this.fontName = undefined
      }
      return
    }
    if (dest !== 'text') {
      if (COLLECTED.has(dest)) this.collected += value
      return
    }
    // A symbol font's codes (Symbol's `\\'e5`, or the same moved to U+F0E5): what it draws.
    const symbolFont = this.symbolFonts.get(char.font)
    if (symbolFont || hasSymbolCodes(value)) {
      const mapped = symbolText(value, symbolFont)
      if (mapped.dropped > 0) this.findings.symbols.push(this.n + 1)
      value = mapped.text
      if (value === '') return
    }
    if (char.hidden) {
      this.findings.hidden.push(this.n + 1)
      return
    }
    if (char.deleted) {
      this.findings.tracked.push(this.n + 1)
      this.deletion = true
      return
    }
    const props: RunProps = {
      bold: char.bold,
      italic: char.italic,
      underline: char.underline,
      strike: char.strike,
      smallCaps: char.smallCaps,
      caps: char.caps,
    }
    if (char.vert) props.vertAlign = char.vert
    const marks = marksOf(props)
    const segments = this.sink.segments
    const last = segments[segments.length - 1]
    const language = this.runLanguage(char)
    if (
      last?.node.type === 'text' &&
      last.marks === marks &&
      last.link === this.link &&
      last.size === char.size &&
      last.bold === char.bold &&
      sameRunLanguage(last.language, language)
    ) {
      last.node.value += value
      return
    }
    const seg: Segment = { node: { type: 'text', value }, marks, bold: char.bold, size: char.size, language }
    if (this.link) seg.link = this.link
    segments.push(seg)
  }

  /**
   * A run's languages as tags: its own, else its paragraph style's, else the document's
   * defaults (`\deflang`, `\deflangfe`, `\adeflang`). An LCID naming none is `zxx`.
   */
  private runLanguage(char: CharState): RunLanguage {
    const tag = (lcid: number | undefined) => (lcid === undefined ? undefined : (lcidTag(lcid) ?? 'zxx'))
    const style = this.styles.get(this.group.para.style)
    const language: RunLanguage = {}
    const lang = tag(char.lang ?? style?.lang ?? this.defaultLang)
    const eastAsian = tag(char.langFE ?? this.defaultLangFE)
    const complex = tag(char.langComplex ?? this.defaultLangComplex)
    if (lang) language.lang = lang
    if (eastAsian) language.langEastAsian = eastAsian
    if (complex) language.langComplex = complex
    if (char.rtl) language.rtl = true
    if (char.noProof) language.noProof = true
    return language
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
    if (dest !== 'text' && dest !== 'fonttbl' && !COLLECTED.has(dest)) return
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
      ...fromSegments(segments, this.language && { scope: this.language, dir: para.rtl ? 'rtl' : 'ltr' }),
      rule: false,
    }
    // LibreOffice's "Horizontal Line" (an HTML <hr>, pandoc's `* * *`) and any empty paragraph
    // with a line above or below it: the author's rule between scenes.
    paragraph.rule =
      paragraph.text === '' &&
      !paragraph.content.some((c) => c.type === 'image') &&
      (lineage.includes('horizontal line') || borderRule(para.borders))
    if (para.align !== undefined) paragraph.align = para.align
    if (outline !== undefined) paragraph.outline = outline
    if (para.list || this.listMark) paragraph.list = { ordered: this.listMark?.ordered ?? false }
    else if (typedList) paragraph.list = typedList
    if (para.left > 0 && !paragraph.list) this.indents.set(paragraph, para.left)
    if (para.left || para.first) paragraph.indent = { left: para.left, first: para.first }
    if (para.dropCap) paragraph.dropCap = true
    if (this.deletion && paragraph.text === '' && paragraph.content.length === 0) paragraph.deleted = true
    this.deletion = false
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
        if (name === 'f' && param !== undefined) {
          this.font = param
          this.fontName = ''
        } else if (
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
        const outerShape = this.shapePicture
        this.shapePicture = false
        group.close = () => {
          this.shapePicture = outerShape
          // A floating picture's description may follow its picture.
          const image = this.pictures > before ? this.lastImage : undefined
          if (image && this.description && image.alt === undefined) image.alt = this.description
        }
        return true
      }
      case 'upr': {
        // Text given as ANSI, then as Unicode in a `{\\*\\ud …}` group: the Unicode copy is read.
        const dest = group.dest
        group.dest = 'ignored'
        this.unicodeDest = dest
        return true
      }
      case 'ud':
        group.dest = this.unicodeDest
        return true
      case 'NeXTGraphic': {
        // TextEdit's picture in an .rtfd: a file beside the text, named here.
        group.dest = 'propname'
        this.collected = ''
        group.close = () => {
          const name = this.collected.trim()
          this.collected = ''
          const verdict = judgeImage(name, this.file.path)
          if (verdict.kind === 'keep') {
            const image: Image = { type: 'image', url: verdict.path }
            this.lastImage = image
            this.pushNode(image)
          } else
            this.findings.images.push({
              n: this.n + 1,
              reason: `its file "${name.slice(0, 80)}" cannot be used`,
            })
          this.attachment = true
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
    const ref: PhrasingContent = { type: 'footnoteReference', identifier: id }
    this.pushNode(ref)
    const outer = this.sink
    const outerAuto = this.autoMark
    this.autoMark = false
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
        .map((b) => paragraphNode(b, b.content))
      // The space (often a no-break one) after the note's own mark.
      const opening = definition.children[0]
      const lead = opening?.type === 'paragraph' ? opening.children[0] : undefined
      if (lead?.type === 'text') lead.value = lead.value.replace(/^\s+/, '')
      if (!this.autoMark && opening?.type === 'paragraph') this.customMark(opening, outer, ref)
      this.autoMark = outerAuto
      this.sink = outer
      this.link = outerLink
    }
  }

  /**
   * A note with a custom mark (`*`, `†`: typed before the note and at its head, no `\\chftn`):
   * the model has no custom marker, the note's number stands for it, so the mark is left out of
   * both places.
   */
  private customMark(opening: { children: PhrasingContent[] }, outer: Sink, ref: PhrasingContent): void {
    let first: PhrasingContent | undefined = opening.children[0]
    while (first && first.type !== 'text' && 'children' in first) first = first.children[0]
    const mark = first?.type === 'text' ? NOTE_MARK.exec(first.value)?.[0] : undefined
    if (!mark) return
    opening.children = dropNoteMark(opening.children, mark)
    const at = outer.segments.findIndex((s) => s.node === ref)
    const before = at > 0 ? outer.segments[at - 1] : undefined
    if (before?.node.type !== 'text') return
    const chars = new Set(mark)
    let end = before.node.value.length
    while (end > 0 && chars.has(before.node.value[end - 1]!)) end--
    if (end === before.node.value.length) return
    if (end === 0) outer.segments.splice(at - 1, 1)
    else before.node = { type: 'text', value: before.node.value.slice(0, end) }
  }

  private picture(): void {
    const n = this.n + 1
    if (this.shapePicture === true) return
    if (this.shapePicture === false) this.shapePicture = true
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
    else if (name === 'lang' && param !== undefined) entry.lang = param
  }

  /** A change of character formatting: the bytes read in the old state are decoded first. */
  private format(change: (char: CharState) => void): void {
    this.flushBytes()
    const next = { ...this.group.char }
    change(next)
    this.group.char = next
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
      case 'deflang':
        if (param !== undefined) this.defaultLang = param
        return
      case 'deflangfe':
        if (param !== undefined) this.defaultLangFE = param
        return
      case 'adeflang':
        if (param !== undefined) this.defaultLangComplex = param
        return
      // A run's languages, direction and proofing.
      case 'lang':
      case 'langnp':
        this.format((c) => {
          c.lang = param
        })
        return
      case 'langfe':
      case 'langfenp':
        this.format((c) => {
          c.langFE = param
        })
        return
      case 'alang':
        this.format((c) => {
          c.langComplex = param
        })
        return
      case 'rtlch':
      case 'ltrch':
        this.format((c) => {
          c.rtl = name === 'rtlch'
        })
        return
      case 'noproof':
        this.format((c) => {
          c.noProof = on
        })
        return
      case 'rtlpar':
      case 'ltrpar':
        group.para.rtl = name === 'rtlpar'
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
      case 'dropcapli':
      case 'dropcapt':
        group.para.dropCap = (param ?? 1) > 0
        return
      case 'ls':
        group.para.list = true
        return
      case 'intbl':
        group.para.inTable = true
        return
      case 'chftn':
        this.autoMark = true
        return
      case 'brdrt':
      case 'brdrb':
      case 'brdrl':
      case 'brdrr': {
        // A side's border: drawn unless the style word after it says none.
        const side = BORDER_SIDES[name]!
        group.para.borders = { ...group.para.borders, [side]: true }
        group.para.side = side
        return
      }
      case 'box':
        group.para.borders = { borderTop: true, borderBottom: true, borderLeft: true, borderRight: true }
        group.para.side = undefined
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
      case 'ulnone':
        this.format((c) => {
          c.underline = false
        })
        return
      case 'super':
      case 'sub':
      case 'nosupersub':
        this.format((c) => {
          c.vert = name === 'super' ? 'superscript' : name === 'sub' ? 'subscript' : undefined
        })
        return
      case 'fs':
        this.format((c) => {
          c.size = param !== undefined && param > 0 ? param : DEFAULT_SIZE
        })
        return
      case 'f':
        if (param !== undefined)
          this.format((c) => {
            c.font = param
          })
        return
      default: {
        if (NO_BORDER.has(name)) {
          const side = group.para.side
          if (side) group.para.borders = { ...group.para.borders, [side]: false }
          return
        }
        const toggle = TOGGLES[name]
        if (toggle) {
          this.format((c) => {
            c[toggle] = on
          })
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
