/**
 * Word's text, paragraph by paragraph: the body of document.xml (and of each footnote and
 * endnote) walked into paragraphs and tables that carry model phrasing plus what the structure
 * step needs to know about each paragraph (style, alignment, page break before it, size, whether
 * it is all bold). Runs keep bold, italic, underline, strikethrough, small caps, superscript and
 * subscript as marks; hyperlinks (elements and HYPERLINK fields) become links; pictures become
 * images whose bytes are handed to the book. What is not the author's text is left out and
 * counted, for one diagnostic per kind: comments, deletions (insertions are kept, as if accepted),
 * hidden text, text boxes, Word's field codes.
 */
import type {
  FootnoteReference,
  Image,
  Paragraph,
  PhrasingContent,
  Table,
  TableCell,
  TableRow,
} from '../../model/types.js'
import { letterCount } from '../../words.js'
import {
  type Direction,
  type LanguageScope,
  type RunLanguage,
  runLanguageOf,
  runPieces,
  type SpanMark,
  sameMark,
  sameRunLanguage,
} from '../shared/run-language.js'
import {
  fromSymbolFont,
  hasSymbolCodes,
  isSymbolCode,
  symbolFontOf,
  symbolText,
} from '../shared/symbol-fonts.js'
import { typedIndent } from '../shared/verse-indent.js'
import {
  mergeProps,
  paraProps,
  type Relationship,
  type RunProps,
  resolvePart,
  runProps,
  type Style,
  type Styles,
} from './parts.js'
import { child, children, find, onOff, textOf, type XmlElement } from './xml.js'

/** A paragraph as the structure step sees it. */
export interface DocParagraph {
  kind: 'paragraph'
  /** 1-based number of the paragraph in the document: what diagnostics name. */
  n: number
  style: Style
  align?: string
  /** A page (or section) break stands before it. */
  pageBreakBefore: boolean
  /** It ends with a page break (the next paragraph starts a page). */
  breakAfter: boolean
  /** 0-based outline level from its style or its own properties (0 = Heading 1). */
  outline?: number
  /** List membership and whether that list is numbered. */
  list?: { ordered: boolean }
  content: PhrasingContent[]
  /** Its plain text, trimmed. */
  text: string
  /**
   * The white space typed at the start of each of its lines (they part at its breaks), in
   * spaces (`../shared/verse-indent.ts`); none when no line has any. Kept for verse's indents.
   */
  lineIndents?: number[]
  /** Its left indent and its first line's further one (negative when hanging), in twips. */
  indent?: { left: number; first: number }
  /** It draws a horizontal rule (a VML `o:hr` picture, or a bottom border on an empty paragraph). */
  rule: boolean
  /** The largest font size of its text, in half-points (0 when it has no text). */
  size: number
  /** Every character of its text is bold. */
  allBold: boolean
  /** A drop cap: its letters open the next paragraph (Word keeps them in a frame of their own). */
  dropCap?: boolean
  /** Its language, when most of it is in another than the document's (`shared/run-language.ts`). */
  lang?: string
  /** Its direction, when it is not the document's. */
  dir?: Direction
  /**
   * All it held was tracked as deleted: with the deletion accepted it is not there at all, so it
   * is neither text nor an empty paragraph (two of which would make a scene break).
   */
  deleted?: boolean
}

export interface DocTable {
  kind: 'table'
  n: number
  table: Table
}

export type DocBlock = DocParagraph | DocTable

/** What the walk saw that is not the book's text, by paragraph number. */
export interface Findings {
  comments: Map<number, string[]>
  tracked: Set<number>
  hidden: Set<number>
  textBoxes: Set<number>
  images: Array<{ n: number; reason: string }>
  unsafeLinks: Array<{ n: number; url: string }>
  /** Paragraphs holding a symbol font's character with no Unicode equivalent, left out. */
  symbols?: number[]
  /** Excerpts of the paragraphs named above. */
  excerpts: Map<number, string>
}

export interface WalkContext {
  /** The part being walked (`word/document.xml`), to resolve relationship targets. */
  part: string
  rels: Map<string, Relationship>
  styles: Styles
  numbering: Map<string, boolean>
  comments: Map<string, { author: string; text: string }>
  /** The chapter file's book-relative path: embedded images are named under it. */
  filePath: string
  /** Asked for an image part's bytes (book-relative url returned), undefined when it cannot be had. */
  image(partPath: string): string | { problem: string }
  findings: Findings
  /** Paragraph counter shared by the parts of one document. */
  counter: { n: number }
  /**
   * The custom marks (`w:customMarkFollows`: a `*` typed after the reference) of the notes
   * cited, by identifier: left out of the text, and of the note's head (`dropNoteMark`).
   */
  customMarks?: Map<string, string>
  /** The document's language as this reading assumes it, and the letters counted per language. */
  language?: LanguageScope
}

/** A segment's marks, as bits (the OpenDocument reader sets them too). */
export const STRONG = 1
export const EMPHASIS = 2
export const UNDERLINE = 4
export const DELETE = 8
export const SMALL_CAPS = 16
export const SUPER = 32
export const SUB = 64
/**
 * All caps: not a mark of the model (it has none), so the text itself is set in capitals, as the
 * author sees it (`fromSegments`).
 */
export const CAPS = 128
const MARKS: Array<
  [number, 'strong' | 'emphasis' | 'underline' | 'delete' | 'smallCaps' | 'superscript' | 'subscript']
> = [
  [STRONG, 'strong'],
  [EMPHASIS, 'emphasis'],
  [UNDERLINE, 'underline'],
  [DELETE, 'delete'],
  [SMALL_CAPS, 'smallCaps'],
  [SUPER, 'superscript'],
  [SUB, 'subscript'],
]

export interface LinkCtx {
  url: string
}

/** One piece of a paragraph: a leaf node with the marks and link it sits in. */
export interface Segment {
  node: PhrasingContent
  marks: number
  link?: LinkCtx
  bold: boolean
  size: number
  /** The language its run is in (a run's `RunProps` carry it); none for a node that is not text. */
  language?: RunLanguage
  /** The span it is set in, as the language step decided (`fromSegments`). */
  span?: SpanMark
}

/** What `fromSegments` needs to decide a paragraph's language: the reading's scope, its direction. */
export interface LanguageContext {
  scope: LanguageScope
  /** The direction the paragraph is written in; `ltr` unless it says otherwise. */
  dir?: Direction
}

/** A complex field (`w:fldChar` begin … separate … end) being read. */
interface Field {
  instr: string
  result: boolean
  link?: LinkCtx
}

const SAFE_URL = /^(?:https?:|mailto:)/i
const STYLE_MARKS_DROPPED = /^(?:heading \d|title|subtitle)$/

/** Walk a body-like element (`w:body`, `w:footnote`, a table cell) into blocks. */
export function walkBlocks(container: XmlElement, ctx: WalkContext): DocBlock[] {
  const out: DocBlock[] = []
  const fields: Field[] = []
  let pendingBreak = false
  const visit = (el: XmlElement) => {
    for (const node of el.children) {
      if (typeof node === 'string') continue
      switch (node.name) {
        case 'w:p': {
          const p = walkParagraph(node, ctx, fields, pendingBreak)
          pendingBreak = p.breakAfter || sectionBreak(node)
          out.push(p)
          break
        }
        case 'w:tbl':
          out.push({ kind: 'table', n: ctx.counter.n + 1, table: walkTable(node, ctx, fields) })
          pendingBreak = false
          break
        case 'w:sdt':
          visit(child(node, 'w:sdtContent') ?? node)
          break
        case 'w:customXml':
        case 'w:ins':
        case 'w:moveTo':
          if (node.name !== 'w:customXml') ctx.findings.tracked.add(ctx.counter.n + 1)
          visit(node)
          break
        case 'w:del':
        case 'w:moveFrom':
          ctx.findings.tracked.add(ctx.counter.n + 1)
          break
        case 'mc:AlternateContent':
          visit(child(node, 'mc:Choice') ?? child(node, 'mc:Fallback') ?? node)
          break
        default:
          break
      }
    }
  }
  visit(container)
  return out
}

/** A paragraph whose properties end a section that starts on a new page. */
function sectionBreak(p: XmlElement): boolean {
  const sect = child(child(p, 'w:pPr'), 'w:sectPr')
  if (!sect) return false
  const type = child(sect, 'w:type')?.attrs['w:val'] ?? 'nextPage'
  return type !== 'continuous'
}

function walkParagraph(p: XmlElement, ctx: WalkContext, fields: Field[], breakBefore: boolean): DocParagraph {
  const n = ++ctx.counter.n
  const pPr = child(p, 'w:pPr')
  const style = ctx.styles.paragraph(child(pPr, 'w:pStyle')?.attrs['w:val'])
  const own = paraProps(pPr)
  const props: typeof own = { ...style.para, ...own }
  if (child(pPr, 'w:pPrChange') || find(child(pPr, 'w:rPr') ?? p, 'w:rPrChange')) ctx.findings.tracked.add(n)
  const base = STYLE_MARKS_DROPPED.test(style.name)
    ? mergeProps(ctx.styles.defaults, lookless(style.run))
    : mergeProps(ctx.styles.defaults, style.run)
  const segments: Segment[] = []
  let breakAfter = false
  let breakFirst = false
  let rule = borderRule(paragraphBorders(pPr))
  let hyperlink: LinkCtx | undefined
  // Text or a paragraph mark tracked as deleted: with nothing else, the paragraph is gone.
  let deletion = child(child(pPr, 'w:rPr'), 'w:del') !== undefined

  const currentLink = (): LinkCtx | undefined => {
    for (let i = fields.length - 1; i >= 0; i--) if (fields[i]!.link) return fields[i]!.link
    return hyperlink
  }
  const inFieldCode = () => fields.some((f) => !f.result)

  const run = (r: XmlElement) => {
    const rPr = child(r, 'w:rPr')
    if (child(rPr, 'w:rPrChange')) ctx.findings.tracked.add(n)
    const charStyle = ctx.styles.character(child(rPr, 'w:rStyle')?.attrs['w:val'])
    const props = mergeProps(base, charStyle?.run ?? {}, runProps(rPr))
    const marks = marksOf(props)
    /** The note whose custom mark the run's text after its reference is, and the mark so far. */
    let custom: { id: string; mark: string } | undefined
    const push = (node: PhrasingContent, marked = true) => {
      const seg: Segment = {
        node,
        marks: marked ? marks : 0,
        bold: props.bold === true,
        size: props.size ?? 0,
        language: props,
      }
      const link = currentLink()
      if (link) seg.link = link
      segments.push(seg)
    }
    for (const c of r.children) {
      if (typeof c === 'string') continue
      switch (c.name) {
        case 'w:fldChar': {
          const type = c.attrs['w:fldCharType']
          if (type === 'begin') fields.push({ instr: '', result: false })
          else if (type === 'separate') {
            const field = fields.at(-1)
            if (field) {
              field.result = true
              const link = hyperlinkField(field.instr)
              if (link) field.link = link
            }
          } else if (type === 'end') fields.pop()
          continue
        }
        case 'w:instrText': {
          const field = fields.at(-1)
          if (field && !field.result) field.instr += textOf(c)
          continue
        }
        default:
          break
      }
      if (inFieldCode()) continue
      if (props.hidden && c.name !== 'w:footnoteReference' && c.name !== 'w:endnoteReference') {
        if (c.name === 'w:t' && textOf(c) !== '') ctx.findings.hidden.add(n)
        continue
      }
      switch (c.name) {
        case 'w:t': {
          let value = textOf(c)
          if (hasSymbolCodes(value)) {
            const mapped = symbolText(value, undefined)
            if (mapped.dropped > 0) ctx.findings.symbols?.push(n)
            value = mapped.text
          }
          if (custom) custom.mark += value
          else if (value !== '') push({ type: 'text', value })
          break
        }
        case 'w:tab':
          push({ type: 'text', value: '\t' })
          break
        case 'w:noBreakHyphen':
          push({ type: 'text', value: '\u2011' })
          break
        case 'w:softHyphen':
          push({ type: 'text', value: '\u00ad' })
          break
        case 'w:cr':
          push({ type: 'break' }, false)
          break
        case 'w:br': {
          const type = c.attrs['w:type']
          // A page break before any of the paragraph's text starts the paragraph's page.
          if (type === 'page') {
            if (segments.every((g) => g.node.type === 'text' && g.node.value.trim() === '')) breakFirst = true
            else breakAfter = true
          } else if (type !== 'column') push({ type: 'break' }, false)
          break
        }
        case 'w:sym': {
          const code = Number.parseInt(c.attrs['w:char'] ?? '', 16)
          if (!Number.isInteger(code) || code < 0x20 || code >= 0x110000) break
          // A symbol font's code (F0xx, or 20–FF in Symbol or Wingdings) names a glyph of that
          // font: the Unicode character it draws, or nothing where there is none.
          const font = symbolFontOf(c.attrs['w:font'])
          const value =
            font || isSymbolCode(code)
              ? fromSymbolFont(code, font ?? 'symbol')
              : code < 0xd800 || code > 0xf8ff
                ? String.fromCodePoint(code)
                : undefined
          if (value === undefined) ctx.findings.symbols?.push(n)
          else if (custom) custom.mark += value
          else push({ type: 'text', value })
          break
        }
        case 'w:footnoteReference':
        case 'w:endnoteReference': {
          const id = c.attrs['w:id']
          if (id === undefined) break
          const ref: FootnoteReference = {
            type: 'footnoteReference',
            identifier: `${c.name === 'w:footnoteReference' ? 'fn' : 'en'}-${id}`,
          }
          push(ref, false)
          // A custom mark follows in the run: the note's number stands for it.
          if (onOff({ name: '', attrs: { 'w:val': c.attrs['w:customMarkFollows'] ?? '0' }, children: [] }))
            custom = { id: ref.identifier, mark: '' }
          break
        }
        case 'w:commentReference':
          noteComment(c.attrs['w:id'])
          break
        case 'w:pict':
          if (isRule(c)) {
            rule = true
            break
          }
          for (const image of pictures(c, ctx, n)) push(image, false)
          break
        case 'w:drawing':
        case 'w:object':
          for (const image of pictures(c, ctx, n)) push(image, false)
          break
        case 'mc:AlternateContent': {
          const choice = child(c, 'mc:Choice') ?? child(c, 'mc:Fallback')
          if (choice) for (const image of pictures(choice, ctx, n)) push(image, false)
          break
        }
        default:
          break
      }
    }
    if (custom) ctx.customMarks?.set(custom.id, custom.mark)
  }

  const noteComment = (id: string | undefined) => {
    const list = ctx.findings.comments.get(n) ?? []
    const comment = id === undefined ? undefined : ctx.comments.get(id)
    const label = comment ? `${comment.author ? `${comment.author}: ` : ''}${comment.text}` : ''
    if (!list.includes(label)) list.push(label)
    ctx.findings.comments.set(n, list)
  }

  const inline = (el: XmlElement) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue
      switch (c.name) {
        case 'w:r':
          run(c)
          break
        case 'w:hyperlink': {
          const outer = hyperlink
          const id = c.attrs['r:id']
          const rel = id === undefined ? undefined : ctx.rels.get(id)
          if (rel?.external) {
            if (SAFE_URL.test(rel.target.trim())) hyperlink = { url: rel.target.trim() }
            else ctx.findings.unsafeLinks.push({ n, url: rel.target })
          }
          inline(c)
          hyperlink = outer
          break
        }
        case 'w:fldSimple': {
          const link = hyperlinkField(c.attrs['w:instr'] ?? '')
          const outer = hyperlink
          if (link) hyperlink = link
          inline(c)
          hyperlink = outer
          break
        }
        case 'w:ins':
        case 'w:moveTo':
          ctx.findings.tracked.add(n)
          inline(c)
          break
        case 'w:del':
        case 'w:moveFrom':
          ctx.findings.tracked.add(n)
          deletion = true
          break
        case 'w:commentRangeStart':
          if (!ctx.findings.comments.has(n)) noteComment(c.attrs['w:id'])
          break
        case 'w:smartTag':
        case 'w:customXml':
        case 'w:dir':
        case 'w:bdo':
          inline(c)
          break
        case 'w:sdt':
          inline(child(c, 'w:sdtContent') ?? c)
          break
        case 'mc:AlternateContent':
          inline(child(c, 'mc:Choice') ?? child(c, 'mc:Fallback') ?? c)
          break
        default:
          break
      }
    }
  }
  inline(p)

  const made = fromSegments(
    segments,
    ctx.language && { scope: ctx.language, dir: props.bidi ? 'rtl' : 'ltr' },
  )
  const result: DocParagraph = {
    kind: 'paragraph',
    n,
    style,
    pageBreakBefore: breakBefore || props.pageBreakBefore === true,
    breakAfter,
    ...made,
    rule: rule && made.text === '',
  }
  // A break with nothing after it in its paragraph (Ctrl+Enter alone) starts the next one's page.
  if (breakFirst) {
    if (made.text !== '') result.pageBreakBefore = true
    else result.breakAfter = true
  }
  if (deletion && made.text === '' && made.content.length === 0 && !result.rule) result.deleted = true
  if (props.align !== undefined) result.align = props.align
  if (props.outline !== undefined) result.outline = props.outline
  if (props.left || props.first) result.indent = { left: props.left ?? 0, first: props.first ?? 0 }
  const dropCap = child(pPr, 'w:framePr')?.attrs['w:dropCap']
  if (dropCap === 'drop' || dropCap === 'margin') result.dropCap = true
  if (props.numId !== undefined && props.numId !== '0')
    result.list = { ordered: ctx.numbering.get(props.numId) ?? false }
  if (ctx.findings.comments.has(n) || ctx.findings.tracked.has(n) || ctx.findings.hidden.has(n)) {
    ctx.findings.excerpts.set(n, made.text)
  }
  return result
}

/** The sides of a paragraph that have a border drawn. */
export interface BorderSides {
  borderTop?: boolean
  borderBottom?: boolean
  borderLeft?: boolean
  borderRight?: boolean
}

/**
 * Whether a paragraph's borders draw a horizontal line (one above or below it, Word's and
 * LibreOffice's "Horizontal Line"), not a box around it (a boxed paragraph of a sidebar).
 */
export function borderRule(sides: BorderSides): boolean {
  return (sides.borderTop === true || sides.borderBottom === true) && !(sides.borderLeft && sides.borderRight)
}

/** The sides `w:pBdr` draws (`w:val="nil"` or `"none"` draws none). */
function paragraphBorders(pPr: XmlElement | undefined): BorderSides {
  const bdr = child(pPr, 'w:pBdr')
  const drawn = (name: string) => {
    const side = child(bdr, name)
    return side !== undefined && !['nil', 'none'].includes(side.attrs['w:val'] ?? '')
  }
  return {
    borderTop: drawn('w:top'),
    borderBottom: drawn('w:bottom'),
    borderLeft: drawn('w:left'),
    borderRight: drawn('w:right'),
  }
}

/**
 * A note's content without its custom mark (`*`, `†`) where its text starts: the model has no
 * custom marker (every format prints the note's number), so the literal mark, typed at the head
 * of the note where Word's automatic number would stand, is left out; so are the spaces after it.
 */
export function dropNoteMark(content: PhrasingContent[], mark: string): PhrasingContent[] {
  const chars = [...new Set(mark.replace(/\s+/g, ''))]
  if (chars.length === 0) return content
  const lead = new RegExp(`^[\\s${chars.map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]+`, 'u')
  const out = [...content]
  while (out.length > 0) {
    const first = out[0]!
    if (first.type === 'text') {
      const value = first.value.replace(lead, '')
      if (value === '') {
        out.shift()
        continue
      }
      out[0] = { ...first, value }
    } else if ('children' in first && first.type !== 'link') {
      const inner = dropNoteMark(first.children, mark)
      if (inner.length === 0) {
        out.shift()
        continue
      }
      out[0] = { ...first, children: inner } as PhrasingContent
    }
    break
  }
  return out
}

/** A VML horizontal rule (`<v:rect o:hr="t">`), which pandoc and Word's "Horizontal Line" write. */
function isRule(pict: XmlElement): boolean {
  const rect = find(pict, 'v:rect')
  return rect !== undefined && ['t', 'true'].includes(rect.attrs['o:hr'] ?? '')
}

/**
 * A style's text size and language without its bold, italics and the rest (a heading's own
 * look): its words keep the language the style gives them.
 */
export function lookless(props: RunProps): RunProps {
  const out: RunProps = runLanguageOf(props)
  if (props.size !== undefined) out.size = props.size
  return out
}

/** The mark bits of a run's formatting. */
export function marksOf(props: RunProps): number {
  let marks = 0
  if (props.bold) marks |= STRONG
  if (props.italic) marks |= EMPHASIS
  if (props.underline) marks |= UNDERLINE
  if (props.strike) marks |= DELETE
  if (props.smallCaps) marks |= SMALL_CAPS
  if (props.vertAlign === 'superscript') marks |= SUPER
  if (props.vertAlign === 'subscript') marks |= SUB
  if (props.caps) marks |= CAPS
  return marks
}

/** The link a `HYPERLINK "url"` field makes; none for a bookmark jump (`\l`) or an unsafe scheme. */
export function hyperlinkField(instr: string): LinkCtx | undefined {
  const m = /^\s*HYPERLINK\s+(?:"([^"]*)"|(\S+))/i.exec(instr)
  const url = (m?.[1] ?? m?.[2] ?? '').trim()
  return url && SAFE_URL.test(url) ? { url } : undefined
}

/** The pictures in a drawing (or an old VML picture); text boxes and shapes are counted, not read. */
function pictures(el: XmlElement, ctx: WalkContext, n: number): Image[] {
  const out: Image[] = []
  const blip = find(el, 'a:blip')
  const vml = find(el, 'v:imagedata')
  if (find(el, 'wps:txbx') || find(el, 'v:textbox') || find(el, 'w:txbxContent'))
    ctx.findings.textBoxes.add(n)
  if (!blip && !vml) return out
  const embed = blip?.attrs['r:embed'] ?? vml?.attrs['r:id']
  const linked = blip?.attrs['r:link']
  if (embed === undefined) {
    if (linked !== undefined)
      ctx.findings.images.push({ n, reason: 'it is linked, not embedded, and is never fetched' })
    return out
  }
  const rel = ctx.rels.get(embed)
  const target = rel && !rel.external ? resolvePart(ctx.part, rel.target) : undefined
  if (!target) {
    ctx.findings.images.push({
      n,
      reason: rel?.external ? 'it is linked, not embedded, and is never fetched' : 'its part is missing',
    })
    return out
  }
  const url = ctx.image(target)
  if (typeof url !== 'string') {
    ctx.findings.images.push({ n, reason: url.problem })
    return out
  }
  const docPr = find(el, 'wp:docPr')
  const shape = find(el, 'v:shape')
  const image: Image = { type: 'image', url }
  const decorative = find(el, 'adec:decorative')
  // Word writes the alt text to `descr`; LibreOffice (and Word's "Title" box) to `title`.
  const described = (docPr?.attrs.descr || shape?.attrs.alt)?.replace(/\s+/g, ' ').trim()
  const alt = described || docPr?.attrs.title?.replace(/\s+/g, ' ').trim()
  if (decorative && onOff({ name: '', attrs: { 'w:val': decorative.attrs.val ?? '1' }, children: [] }))
    image.alt = ''
  else if (alt) image.alt = alt
  const title = docPr?.attrs.title?.trim()
  if (title && described) image.title = title
  out.push(image)
  return out
}

/** A table: rows and cells, header rows from "repeat as header row", spans from gridSpan and vMerge. */
function walkTable(tbl: XmlElement, ctx: WalkContext, fields: Field[]): Table {
  const rows: TableRow[] = []
  // The cell a vertical merge continues, by grid column.
  const above = new Map<number, TableCell>()
  for (const tr of children(tbl, 'w:tr')) {
    const row: TableRow = { type: 'tableRow', children: [] }
    if (onOff(child(child(tr, 'w:trPr'), 'w:tblHeader'))) row.head = true
    let column = 0
    for (const tc of children(tr, 'w:tc')) {
      const tcPr = child(tc, 'w:tcPr')
      const span = Math.max(1, Math.min(64, Number(child(tcPr, 'w:gridSpan')?.attrs['w:val']) || 1))
      const vMerge = child(tcPr, 'w:vMerge')
      if (vMerge && (vMerge.attrs['w:val'] ?? 'continue') === 'continue' && above.has(column)) {
        const cell = above.get(column)!
        cell.rowSpan = (cell.rowSpan ?? 1) + 1
        column += span
        // Its paragraphs are still counted, so later paragraph numbers stay right.
        walkBlocks(tc, ctx)
        continue
      }
      const cell: TableCell = { type: 'tableCell', children: cellContent(walkBlocks(tc, ctx)) }
      if (row.head) cell.header = true
      if (span > 1) cell.colSpan = span
      if (vMerge) above.set(column, cell)
      else above.delete(column)
      row.children.push(cell)
      column += span
    }
    rows.push(row)
  }
  void fields
  const table: Table = { type: 'table', children: rows }
  return table
}

/**
 * A table cell's paragraphs as one run of phrasing, a line break between them. A cell holds
 * phrasing only (model/spec.md), so a table nested in it gives its cells' text line by line,
 * in reading order: kept, not dropped.
 */
export function cellContent(blocks: DocBlock[]): PhrasingContent[] {
  const content: PhrasingContent[] = []
  const line = (phrasing: PhrasingContent[]) => {
    if (phrasing.length === 0) return
    if (content.length > 0) content.push({ type: 'break' })
    content.push(...phrasing)
  }
  for (const block of blocks) {
    if (block.kind === 'paragraph') line(inLanguage(block, block.content))
    else for (const row of block.table.children) for (const cell of row.children) line(cell.children)
  }
  return content
}

/** A paragraph's phrasing, plain text, largest size and whether all its text is bold, from its segments. */
export function fromSegments(
  segments: Segment[],
  language?: LanguageContext,
): Pick<DocParagraph, 'content' | 'text' | 'size' | 'allBold' | 'lang' | 'dir' | 'lineIndents'> {
  segments = segments.map((s) =>
    s.marks & CAPS && s.node.type === 'text'
      ? { ...s, node: { type: 'text', value: s.node.value.toUpperCase() } }
      : s,
  )
  const lineIndents = typedIndents(segments)
  const decided = language ? markLanguages(segments, language) : undefined
  if (decided) segments = decided.segments
  const content = buildPhrasing(segments)
  const text = plain(segments).trim()
  const textSegs = segments.filter(
    (s) => s.node.type === 'text' && (s.node as { value: string }).value.trim() !== '',
  )
  return {
    content,
    text,
    size: textSegs.reduce((max, s) => Math.max(max, s.size), 0),
    allBold: textSegs.length > 0 && textSegs.every((s) => s.bold),
    ...(decided?.lang ? { lang: decided.lang } : {}),
    ...(decided?.dir ? { dir: decided.dir } : {}),
    ...(lineIndents ? { lineIndents } : {}),
  }
}

/** The white space typed at the start of each line of the segments, before the phrasing drops it. */
function typedIndents(segments: Segment[]): number[] | undefined {
  const out = [0]
  let open = true
  for (const s of segments) {
    if (s.node.type === 'break') {
      out.push(0)
      open = true
    } else if (!open) continue
    else if (s.node.type !== 'text') open = false
    else {
      const { width, length } = typedIndent(s.node.value)
      out[out.length - 1] = out.at(-1)! + width
      if (length < s.node.value.length) open = false
    }
  }
  return out.some((w) => w > 0) ? out : undefined
}

/**
 * Cut a paragraph's text segments where their language changes (a run's Latin and East Asian
 * text take different languages) and let the language step decide the paragraph's language and
 * direction and each segment's span.
 */
function markLanguages(
  segments: Segment[],
  language: LanguageContext,
): { segments: Segment[]; lang?: string; dir?: Direction } {
  const whole = oneLanguage(segments, language)
  if (whole) return whole
  const cut: Segment[] = []
  const pieces: Array<{ lang?: string; rtl?: boolean; letters: number }> = []
  for (const s of segments) {
    if (s.node.type !== 'text' || !s.language) {
      cut.push(s)
      pieces.push({ letters: 0 })
      continue
    }
    const parts = runPieces(s.node.value, s.language)
    for (const part of parts) {
      cut.push(parts.length === 1 ? s : { ...s, node: { type: 'text', value: part.text } })
      pieces.push({
        ...(part.lang ? { lang: part.lang } : {}),
        ...(part.rtl ? { rtl: true } : {}),
        letters: letterCount(part.text),
      })
    }
  }
  const decided = language.scope.paragraph(pieces, language.dir)
  const out = cut.map((s, i) => {
    const span = decided.marks[i]
    return span ? { ...s, span } : s
  })
  return {
    segments: out,
    ...(decided.lang ? { lang: decided.lang } : {}),
    ...(decided.dir ? { dir: decided.dir } : {}),
  }
}

/**
 * Most paragraphs are in one language throughout: every text segment says the same of its
 * language, left to right, in the Latin script. Then the paragraph is one piece: counted once,
 * nothing cut, no span (a single piece is either the document's language or the paragraph's
 * own). Undefined for any other paragraph, which `markLanguages` cuts piece by piece. A Word War
 * and Peace spent about a tenth of its reading cutting and counting such paragraphs by run.
 */
function oneLanguage(
  segments: readonly Segment[],
  language: LanguageContext,
): { segments: Segment[]; lang?: string; dir?: Direction } | undefined {
  let run: RunLanguage | undefined
  let text = ''
  for (const s of segments) {
    if (s.node.type !== 'text') continue
    if (!s.language) return undefined
    if (!run) {
      run = s.language
      if (run.rtl || run.complexScript || run.noProof) return undefined
    } else if (s.language !== run && !sameRunLanguage(s.language, run)) return undefined
    text += s.node.value
  }
  if (!run) return undefined
  const parts = runPieces(text, run)
  if (parts.length !== 1) return undefined
  const part = parts[0]!
  const decided = language.scope.paragraph(
    [{ ...(part.lang ? { lang: part.lang } : {}), letters: letterCount(text) }],
    language.dir,
  )
  return {
    segments: [...segments],
    ...(decided.lang ? { lang: decided.lang } : {}),
    ...(decided.dir ? { dir: decided.dir } : {}),
  }
}

/** A paragraph's phrasing as the model's paragraph, with its own language and direction. */
export function paragraphNode(b: Pick<DocParagraph, 'lang' | 'dir'>, children: PhrasingContent[]): Paragraph {
  return {
    type: 'paragraph',
    ...(b.lang ? { lang: b.lang } : {}),
    ...(b.dir ? { dir: b.dir } : {}),
    children,
  }
}

/**
 * A paragraph's phrasing where it is not a paragraph of its own (a heading, a table cell's
 * line): in a span holding its language and direction, when it has them.
 */
export function inLanguage(
  b: Pick<DocParagraph, 'lang' | 'dir'>,
  content: PhrasingContent[],
): PhrasingContent[] {
  if ((!b.lang && !b.dir) || content.length === 0) return content
  return [
    {
      type: 'span',
      ...(b.lang ? { lang: b.lang } : {}),
      ...(b.dir ? { dir: b.dir } : {}),
      children: content,
    },
  ]
}

function plain(segments: Segment[]): string {
  let out = ''
  for (const s of segments) if (s.node.type === 'text') out += s.node.value
  return out.replace(/\s+/g, ' ')
}

/**
 * Nest segments into phrasing: links outermost, then marks in a fixed order, grouping
 * neighbours that share them (so `a *b **c** d*` is one emphasis holding a strong). Leading tabs
 * (a typed first-line indent) are dropped and other tabs become spaces.
 */
function buildPhrasing(segments: Segment[]): PhrasingContent[] {
  let start = 0
  while (start < segments.length) {
    const node = segments[start]!.node
    if (node.type !== 'text') break
    const value = node.value.replace(/^[\t ]+/, '')
    if (value !== '') {
      segments[start] = { ...segments[start]!, node: { type: 'text', value } }
      break
    }
    start++
  }
  const list = segments
    .slice(start)
    .map((s) =>
      s.node.type === 'text' && s.node.value.includes('\t')
        ? { ...s, node: { type: 'text' as const, value: s.node.value.replace(/\t+/g, ' ') } }
        : s,
    )
  return group(list, 0)
}

function group(segments: Segment[], level: number): PhrasingContent[] {
  const out: PhrasingContent[] = []
  if (level > MARKS.length + 1) {
    for (const s of segments) {
      const last = out.at(-1)
      if (s.node.type === 'text' && last?.type === 'text') last.value += s.node.value
      else out.push(s.node.type === 'text' ? { type: 'text', value: s.node.value } : s.node)
    }
    return out
  }
  let i = 0
  while (i < segments.length) {
    const key = keyAt(segments[i]!, level)
    let j = i + 1
    while (j < segments.length && sameKey(keyAt(segments[j]!, level), key, level)) j++
    const inner = group(segments.slice(i, j), level + 1)
    if (key === undefined) out.push(...inner)
    else if (level === 0) out.push({ type: 'link', url: (key as LinkCtx).url, children: inner })
    else if (level === 1) out.push({ type: 'span', ...(key as SpanMark), children: inner })
    else out.push({ type: MARKS[level - 2]![1], children: inner })
    i = j
  }
  return out
}

/**
 * What groups segments at a level: the link object at 0, the span at 1 (inside links, around
 * the marks, so a phrase in another language is one span whatever its italics), whether the
 * mark is set after.
 */
function keyAt(s: Segment, level: number): LinkCtx | SpanMark | true | undefined {
  if (level === 0) return s.link
  if (level === 1) return s.span
  return s.marks & MARKS[level - 2]![0] ? true : undefined
}

function sameKey(
  a: LinkCtx | SpanMark | true | undefined,
  b: LinkCtx | SpanMark | true | undefined,
  level: number,
): boolean {
  if (level !== 1 || a === undefined || b === undefined) return a === b
  return sameMark(a as SpanMark, b as SpanMark)
}
