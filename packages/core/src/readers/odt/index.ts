/**
 * The OpenDocument text reader: an .odt (LibreOffice's, Google Docs' and Word's "OpenDocument
 * Text" export) in, the book's chapters out. The zip is opened by the safe archive layer and its
 * XML read without DTDs (through the Word reader's element tree, `../docx/xml.ts`, which knows
 * the ODF namespaces); each paragraph becomes what the Word reader makes of one (a `DocParagraph`:
 * its style's name and ancestors, alignment, page breaks, outline level, marks by segment), so
 * the chapters are found by the same rules (`../docx/structure.ts`): Heading styles and
 * `text:h` outline levels open chapters, the Title and Subtitle styles and meta.xml name the
 * book, centred ornaments are scene breaks, Quotations are block quotes. Footnotes and endnotes
 * join the chapter citing them; pictures travel as resources; comments and deletions are left
 * out and said so. Never throws.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import type {
  FootnoteDefinition,
  FootnoteReference,
  Image,
  Metadata,
  PhrasingContent,
  Table,
  TableCell,
  TableRow,
} from '../../model/types.js'
import {
  borderRule,
  cellContent,
  type DocBlock,
  type DocParagraph,
  dropNoteMark,
  fromSegments,
  type LinkCtx,
  lookless,
  marksOf,
  paragraphNode,
  type Segment,
} from '../docx/body.js'
import {
  clip,
  type OfficeFormat,
  openPackage,
  paragraphsNamed,
  readOffice,
  reportMalformed,
  Unreadable,
} from '../docx/package.js'
import { documentProperties, mergeProps, propertyText, type RunProps, type Style } from '../docx/parts.js'
import { structure } from '../docx/structure.js'
import { child, children, find, parseXml, textOf, type XmlElement } from '../docx/xml.js'
import { DataImages } from '../shared/data-images.js'
import { type LanguageScope, readInLanguage, runLanguageOf } from '../shared/run-language.js'
import { hasSymbolCodes, symbolFontOf, symbolText } from '../shared/symbol-fonts.js'
import { twipsOf } from '../shared/verse-indent.js'
import type { Reader, ReaderOptions, ReadResult } from '../types.js'
import { odtEntry } from './entry.js'

const SOURCE = 'odt'

export const odtReader: Reader & { codes: typeof odtEntry.codes } = {
  ...odtEntry,
  read: async (input, file, options) => readSafely(input, file, options),
}

const FORMAT: OfficeFormat = {
  invalid: 'odt-invalid',
  what: 'an OpenDocument text',
  reader: 'OpenDocument',
  source: SOURCE,
  bytes: 'an .odt is bytes (a zip archive)',
}

function readSafely(input: Uint8Array | string, file: SourceFile, options: ReaderOptions): ReadResult {
  // A flat OpenDocument (.fodt: one XML file, as LibreOffice saves it for version control).
  if (isFlat(input)) {
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input
    return readOffice(bytes, file, FORMAT, () => readFlatOdt(bytes, file, options))
  }
  return readOffice(input, file, FORMAT, (bytes) => readOdt(bytes, file, options))
}

/** Whether the input is a flat OpenDocument: XML whose head names `office:document`, not a zip. */
function isFlat(input: Uint8Array | string): boolean {
  const head =
    typeof input === 'string' ? input.slice(0, 4096) : new TextDecoder().decode(input.subarray(0, 4096))
  return !head.startsWith('PK') && /<office:document[\s>]/.test(head)
}

// ---------------------------------------------------------------------------------- styles

interface ParaProps {
  align?: string
  breakBefore?: boolean
  breakAfter?: boolean
  /** Which sides have a border (`fo:border`, `fo:border-bottom`…): a horizontal line's, on an empty paragraph. */
  borderTop?: boolean
  borderBottom?: boolean
  borderLeft?: boolean
  borderRight?: boolean
  /** The writing mode's direction (`style:writing-mode`); `page` for the page's. */
  dir?: 'ltr' | 'rtl' | 'page'
  /** `fo:margin-left` and `fo:text-indent` (the first line's further indent), in twips. */
  left?: number
  first?: number
}

interface RawStyle {
  display: string
  parent: string | undefined
  automatic: boolean
  text: RunProps
  para: ParaProps
}

/** A style resolved: the Word reader's `Style` (name and ancestors), and the properties it sets. */
interface Resolved {
  style: Style
  text: RunProps
  para: ParaProps
}

const NONE: Resolved = { style: { name: '', lineage: [], para: {}, run: {} }, text: {}, para: {} }

/** Names LibreOffice gives what Word calls otherwise, for the shared structure rules. */
const ALIASES: Record<string, string> = { quotations: 'quote', 'text body': 'body text' }

function textProps(el: XmlElement | undefined): RunProps {
  const out: RunProps = {}
  if (!el) return out
  const a = el.attrs
  const style = a['fo:font-style']
  if (style) out.italic = style === 'italic' || style === 'oblique'
  const weight = a['fo:font-weight']
  if (weight) out.bold = weight === 'bold' || /^[6-9]00$/.test(weight)
  const under = a['style:text-underline-style']
  if (under) out.underline = under !== 'none'
  const through = a['style:text-line-through-style']
  if (through) out.strike = through !== 'none'
  const variant = a['fo:font-variant']
  if (variant) out.smallCaps = variant === 'small-caps'
  const transform = a['fo:text-transform']
  if (transform === 'uppercase' || transform === 'none') out.caps = transform === 'uppercase'
  const position = a['style:text-position']
  if (position) {
    const first = position.trim().split(/\s+/)[0]!
    const shift = Number.parseFloat(first)
    out.vertAlign =
      first === 'super' || shift > 0 ? 'superscript' : first === 'sub' || shift < 0 ? 'subscript' : 'baseline'
  }
  const font = a['style:font-name'] ?? a['fo:font-family']
  if (font) out.font = font
  const size = /^([\d.]+)pt$/.exec(a['fo:font-size'] ?? '')?.[1]
  if (size) out.size = Math.round(Number(size) * 2)
  // Hidden text (Word's, saved as OpenDocument): not displayed, so not the book's.
  const display = a['text:display']
  if (display) out.hidden = display === 'none'
  const lang = languageAttributes(a, '')
  if (lang) out.lang = lang
  const eastAsian = languageAttributes(a, '-asian')
  if (eastAsian) out.langEastAsian = eastAsian
  const complex = languageAttributes(a, '-complex')
  if (complex) out.langComplex = complex
  return out
}

/**
 * The language a style's text properties give one script class (`''` for Latin, `-asian`,
 * `-complex`): its RFC tag where LibreOffice writes one, else language, script and country put
 * together (`sr` `Latn` `RS` → `sr-Latn-RS`); LibreOffice's "[None]" (`zxx`, `none`) names none.
 */
function languageAttributes(a: Record<string, string>, suffix: string): string | undefined {
  const rfc = a[`style:rfc-language-tag${suffix}`]
  if (rfc) return rfc
  const language = suffix === '' ? a['fo:language'] : a[`style:language${suffix}`]
  if (!language) return undefined
  if (language === 'none') return 'zxx'
  const script = suffix === '' ? a['fo:script'] : a[`style:script${suffix}`]
  const country = suffix === '' ? a['fo:country'] : a[`style:country${suffix}`]
  return [language, script, country].filter((part) => part && part !== 'none').join('-')
}

function paraProps(el: XmlElement | undefined): ParaProps {
  const out: ParaProps = {}
  if (!el) return out
  const align = el.attrs['fo:text-align']
  if (align) out.align = align === 'end' ? 'right' : align === 'start' ? 'left' : align
  if (el.attrs['fo:break-before'] === 'page') out.breakBefore = true
  if (el.attrs['fo:break-after'] === 'page') out.breakAfter = true
  const mode = el.attrs['style:writing-mode']
  if (mode) out.dir = mode === 'page' ? 'page' : mode === 'rl-tb' || mode === 'rl' ? 'rtl' : 'ltr'
  const left = twipsOf(el.attrs['fo:margin-left'])
  if (left !== undefined) out.left = left
  const first = twipsOf(el.attrs['fo:text-indent'])
  if (first !== undefined) out.first = first
  const all = el.attrs['fo:border']
  for (const side of ['Top', 'Bottom', 'Left', 'Right'] as const) {
    const value = el.attrs[`fo:border-${side.toLowerCase()}`] ?? all
    if (value !== undefined) out[`border${side}`] = drawn(value)
  }
  return out
}

/** Whether a border (`0.5pt solid #000000`, `none`, `hidden`) is drawn. */
const drawn = (value: string) => !/^\s*(?:none|hidden)\b/.test(value) && !/^\s*0(?:\.0*)?[a-z]*\s/.test(value)

/** An internal style name as LibreOffice writes it (`Heading_20_1`) read as its display name. */
const displayOf = (name: string) =>
  name.replace(/_([0-9a-f]{2})_/gi, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16)))

/** Every style of the document (styles.xml's, then content.xml's automatic ones), resolvable by family and name. */
function readStyles(stylesDoc: XmlElement | undefined, content: XmlElement | undefined) {
  const raw = new Map<string, RawStyle>()
  const defaults = new Map<string, { text: RunProps; para: ParaProps }>()
  const take = (container: XmlElement | undefined, automatic: boolean) => {
    for (const el of children(container)) {
      if (el.name === 'style:default-style') {
        const family = el.attrs['style:family'] ?? ''
        defaults.set(family, {
          text: textProps(child(el, 'style:text-properties')),
          para: paraProps(child(el, 'style:paragraph-properties')),
        })
      }
      if (el.name !== 'style:style') continue
      const name = el.attrs['style:name']
      if (!name) continue
      const family = el.attrs['style:family'] ?? ''
      raw.set(`${family}:${name}`, {
        display: (el.attrs['style:display-name'] ?? displayOf(name)).toLowerCase().trim(),
        parent: el.attrs['style:parent-style-name'],
        automatic,
        text: textProps(child(el, 'style:text-properties')),
        para: paraProps(child(el, 'style:paragraph-properties')),
      })
    }
  }
  const stylesRoot = child(stylesDoc, 'office:document-styles')
  take(child(stylesRoot, 'office:styles'), false)
  take(child(stylesRoot, 'office:automatic-styles'), true)
  take(child(child(content, 'office:document-content'), 'office:automatic-styles'), true)

  const resolved = new Map<string, Resolved>()
  // A paragraph naming no style still has the default style's language and direction (its
  // other properties stay unread there, as before: they would change how big its text looks).
  const defaultPara = defaults.get('paragraph')
  const unstyled: Resolved = {
    ...NONE,
    text: runLanguageOf(defaultPara?.text ?? {}),
    para: defaultPara?.para.dir ? { dir: defaultPara.para.dir } : {},
  }
  return (family: string, name: string | undefined): Resolved => {
    if (!name) return family === 'paragraph' ? unstyled : NONE
    const key = `${family}:${name}`
    const known = resolved.get(key)
    if (known) return known
    const chain: RawStyle[] = []
    const seen = new Set<string>()
    for (let at: string | undefined = name; at && chain.length < 32 && !seen.has(at); ) {
      seen.add(at)
      const style = raw.get(`${family}:${at}`)
      if (!style) break
      chain.push(style)
      at = style.parent
    }
    const base = defaults.get(family)
    let text: RunProps = { ...base?.text }
    let para: ParaProps = { ...base?.para }
    for (let i = chain.length - 1; i >= 0; i--) {
      text = mergeProps(text, chain[i]!.text)
      para = mergeProps(para, chain[i]!.para)
    }
    // A style used but never defined (pandoc names "Title" and "Author" so) is still its name.
    const named =
      chain.length > 0 ? chain.filter((s) => !s.automatic) : [{ display: displayOf(name).toLowerCase() }]
    const lineage = named.map((s) => ALIASES[s.display] ?? s.display)
    for (const s of named) if (ALIASES[s.display]) lineage.push(s.display)
    const result: Resolved = { style: { name: lineage[0] ?? '', lineage, para: {}, run: {} }, text, para }
    resolved.set(key, result)
    return result
  }
}

/** Styles whose own text marks are the display's, not the words' (a Heading is bold by style). */
const STYLE_MARKS_DROPPED = /^(?:heading(?: \d)?|title|subtitle)$/

// ---------------------------------------------------------------------------------- body

interface Findings {
  comments: number[]
  tracked: number[]
  hidden: number[]
  textBoxes: number[]
  symbols: number[]
  images: Array<{ n: number; reason: string }>
}

interface Ctx {
  style: ReturnType<typeof readStyles>
  /** The document's language as this reading assumes it, and the letters counted per language. */
  language?: LanguageScope
  /** The pages' direction (their `style:writing-mode`), for paragraphs that take the page's. */
  pageDir: 'ltr' | 'rtl'
  /** Numbered list styles, by name. */
  ordered: Set<string>
  counter: { n: number }
  notes: Map<string, FootnoteDefinition>
  image(href: string): string | { problem: string }
  /** Where pictures written into the document as base64 are taken in. */
  embedded: DataImages
  findings: Findings
  /** Font faces (`style:font-face`): a font name's family. */
  faces: Map<string, string>
}

const SAFE_URL = /^(?:https?:|mailto:)/i

/** The blocks of a text container (`office:text`, a note body, a list item, a cell, a section). */
function walkBlocks(container: XmlElement, ctx: Ctx, list?: { ordered: boolean }): DocBlock[] {
  const out: DocBlock[] = []
  let pendingBreak = false
  const visit = (el: XmlElement, inList: { ordered: boolean } | undefined) => {
    for (const node of el.children) {
      if (typeof node === 'string') continue
      switch (node.name) {
        case 'text:p':
        case 'text:h': {
          const p = paragraph(node, ctx, pendingBreak)
          // A heading numbered through a list (LibreOffice's outline numbering) stays a heading.
          if (inList && node.name === 'text:p') p.list = inList
          pendingBreak = p.breakAfter
          out.push(p)
          break
        }
        case 'text:list': {
          const styleName = node.attrs['text:style-name']
          const ordered = inList?.ordered ?? (styleName !== undefined && ctx.ordered.has(styleName))
          for (const item of children(node)) {
            if (item.name === 'text:list-item' || item.name === 'text:list-header') visit(item, { ordered })
          }
          break
        }
        case 'text:section':
        case 'text:soft-page-break':
          visit(node, inList)
          break
        case 'table:table':
          out.push({ kind: 'table', n: ctx.counter.n + 1, table: table(node, ctx) })
          pendingBreak = false
          break
        // A picture anchored to the page stands among the paragraphs: a paragraph of its own.
        case 'draw:frame':
        case 'draw:a':
        case 'draw:g': {
          const p = paragraph({ name: 'text:p', attrs: {}, children: [node] }, ctx, pendingBreak)
          pendingBreak = p.breakAfter
          out.push(p)
          break
        }
        // A generated index (the table of contents, an index) is not the author's text.
        default:
          break
      }
    }
  }
  visit(container, list)
  return out
}

function paragraph(p: XmlElement, ctx: Ctx, breakBefore: boolean): DocParagraph {
  const n = ++ctx.counter.n
  const resolved = ctx.style('paragraph', p.attrs['text:style-name'])
  const baseText: RunProps = STYLE_MARKS_DROPPED.test(resolved.style.name)
    ? lookless(resolved.text)
    : resolved.text
  const segments: Segment[] = []
  const breakAfter = resolved.para.breakAfter === true
  const push = (node: PhrasingContent, t: RunProps, link: LinkCtx | undefined, marked = true) => {
    const seg: Segment = {
      node,
      marks: marked ? marksOf(t) : 0,
      bold: t.bold === true,
      size: t.size ?? 0,
      language: t,
    }
    if (link) seg.link = link
    segments.push(seg)
  }
  const inline = (el: XmlElement, t: RunProps, link: LinkCtx | undefined, depth: number) => {
    if (depth > 64) return
    for (const c of el.children) {
      if (typeof c === 'string') {
        // White space in ODF text is collapsed, as in HTML; `text:s` writes the spaces meant.
        let value = c.replace(/[ \t\r\n]+/g, ' ')
        // A symbol font's codes (Symbol's U+F0E5): the character the font draws.
        const symbolFont = t.font === undefined ? undefined : symbolFontOf(ctx.faces.get(t.font) ?? t.font)
        if (!t.hidden && (symbolFont || hasSymbolCodes(value))) {
          const mapped = symbolText(value, symbolFont)
          if (mapped.dropped > 0) ctx.findings.symbols.push(n)
          value = mapped.text
        }
        if (t.hidden) {
          if (value.trim() !== '') ctx.findings.hidden.push(n)
        } else if (value) push({ type: 'text', value }, t, link)
        continue
      }
      switch (c.name) {
        case 'text:span': {
          const own = ctx.style('text', c.attrs['text:style-name']).text
          inline(c, mergeProps(t, own), link, depth + 1)
          break
        }
        case 'text:s': {
          if (t.hidden) break
          const count = Math.max(1, Math.min(64, Number(c.attrs['text:c']) || 1))
          push({ type: 'text', value: ' '.repeat(count) }, t, link)
          break
        }
        case 'text:tab':
          if (!t.hidden) push({ type: 'text', value: '\t' }, t, link)
          break
        case 'text:line-break':
          push({ type: 'break' }, t, link, false)
          break
        case 'text:a': {
          const href = c.attrs['xlink:href'] ?? ''
          inline(c, t, SAFE_URL.test(href) ? { url: href } : link, depth + 1)
          break
        }
        case 'text:note': {
          const id = `${c.attrs['text:note-class'] === 'endnote' ? 'en' : 'fn'}-${c.attrs['text:id'] ?? ctx.notes.size + 1}`
          const body = child(c, 'text:note-body')
          if (body && !ctx.notes.has(id)) {
            const blocks = walkBlocks(body, ctx)
            // A custom mark (`text:label="*"`), typed again at the note's head: the model has no
            // custom marker, the note's number stands for it, so it is left out there.
            const mark = child(c, 'text:note-citation')?.attrs['text:label']
            ctx.notes.set(id, {
              type: 'footnoteDefinition',
              identifier: id,
              children: blocks
                .filter((b): b is DocParagraph => b.kind === 'paragraph' && b.content.length > 0)
                .map((b, i) => paragraphNode(b, i === 0 && mark ? dropNoteMark(b.content, mark) : b.content))
                .filter((p) => p.children.length > 0),
            })
          }
          const ref: FootnoteReference = { type: 'footnoteReference', identifier: id }
          push(ref, t, link, false)
          break
        }
        case 'draw:frame':
        case 'draw:a':
        case 'draw:g':
          frame(c, t, link, depth)
          break
        case 'office:annotation':
          ctx.findings.comments.push(n)
          break
        case 'text:change':
        case 'text:change-start':
          ctx.findings.tracked.push(n)
          break
        case 'text:note-citation':
        case 'text:bookmark':
        case 'text:bookmark-start':
        case 'text:bookmark-end':
        case 'text:reference-mark':
        case 'text:reference-mark-start':
        case 'text:reference-mark-end':
        case 'text:soft-page-break':
        case 'text:change-end':
        case 'office:annotation-end':
          break
        default:
          // Fields (page numbers, dates, sequence numbers) and other wrappers: their text.
          inline(c, t, link, depth + 1)
          break
      }
    }
  }
  /** A frame: its picture, or what its text box holds (LibreOffice's captioned pictures). */
  const frame = (el: XmlElement, t: RunProps, link: LinkCtx | undefined, depth: number) => {
    for (const c of children(el)) {
      if (c.name === 'draw:image') {
        const href = c.attrs['xlink:href'] ?? ''
        const data = child(c, 'office:binary-data')
        const got = data ? ctx.embedded.takeBase64(textOf(data)) : ctx.image(href)
        if (typeof got === 'string') {
          const image: Image = { type: 'image', url: got }
          const alt = [child(el, 'svg:title'), child(el, 'svg:desc')]
            .map((e) => (e ? textOf(e).replace(/\s+/g, ' ').trim() : ''))
            .find(Boolean)
          if (alt) image.alt = alt
          push(image, t, link, false)
        } else ctx.findings.images.push({ n, reason: got.problem })
        // One picture a frame: the others are the same picture in other formats.
        return
      }
      if (c.name === 'draw:text-box') {
        // A captioned picture (LibreOffice frames the picture and its caption in a text box):
        // both are kept. Any other text box is a sidebar or a pull quote, beside the flow.
        if (!find(c, 'draw:image')) {
          ctx.findings.textBoxes.push(n)
          return
        }
        for (const p of children(c))
          if (p.name === 'text:p' || p.name === 'text:h') inline(p, t, link, depth + 1)
        return
      }
      if (c.name === 'draw:frame' || c.name === 'draw:a' || c.name === 'draw:g') frame(c, t, link, depth + 1)
    }
  }
  inline(p, baseText, undefined, 0)
  const result: DocParagraph = {
    kind: 'paragraph',
    n,
    style: resolved.style,
    pageBreakBefore: breakBefore || resolved.para.breakBefore === true,
    breakAfter,
    ...fromSegments(segments, ctx.language && { scope: ctx.language, dir: directionOf(resolved.para, ctx) }),
    rule: false,
  }
  // LibreOffice's "Horizontal Line" (an HTML <hr> imported, pandoc's `* * *`), or any empty
  // paragraph with a line above or below it: the author's rule between scenes.
  result.rule =
    result.text === '' &&
    !result.content.some((c) => c.type === 'image') &&
    (resolved.style.lineage.includes('horizontal line') || borderRule(resolved.para))
  if (resolved.para.align !== undefined) result.align = resolved.para.align
  const { left, first } = resolved.para
  if (left || first) result.indent = { left: left ?? 0, first: first ?? 0 }
  const level = Number(p.attrs['text:outline-level'])
  if (p.name === 'text:h')
    result.outline = Number.isInteger(level) && level >= 1 && level <= 10 ? level - 1 : 0
  return result
}

/** A paragraph's direction: its style's writing mode, the page's where it says so or says none. */
function directionOf(para: ParaProps, ctx: Ctx): 'ltr' | 'rtl' {
  return para.dir === undefined || para.dir === 'page' ? ctx.pageDir : para.dir
}

/**
 * The direction of the document's pages: the writing mode of the page layout its first master
 * page uses (LibreOffice's Default Page Style), left to right when it says none.
 */
function pageDirection(stylesDoc: XmlElement | undefined): 'ltr' | 'rtl' {
  const root = child(stylesDoc, 'office:document-styles')
  const master = children(child(root, 'office:master-styles'), 'style:master-page')[0]
  const name = master?.attrs['style:page-layout-name']
  for (const container of [child(root, 'office:automatic-styles'), child(root, 'office:styles')])
    for (const layout of children(container, 'style:page-layout')) {
      if (name !== undefined && layout.attrs['style:name'] !== name) continue
      const mode = child(layout, 'style:page-layout-properties')?.attrs['style:writing-mode']
      return mode === 'rl-tb' || mode === 'rl' ? 'rtl' : 'ltr'
    }
  return 'ltr'
}

/**
 * The language the document declares: meta.xml's `dc:language`, else its default paragraph
 * style's (LibreOffice's Tools > Options > Language Settings, kept in styles.xml).
 */
function declaredLanguage(
  stylesDoc: XmlElement | undefined,
  meta: XmlElement | undefined,
): string | undefined {
  const said = child(child(meta, 'office:document-meta'), 'office:meta')
  const language = said && propertyText(said, 'dc:language')
  if (language) return language
  const styles = child(child(stylesDoc, 'office:document-styles'), 'office:styles')
  const paragraph = children(styles, 'style:default-style').find(
    (s) => s.attrs['style:family'] === 'paragraph',
  )
  return textProps(child(paragraph, 'style:text-properties')).lang
}

/** A table: header rows, cells as phrasing, spans as they say. */
function table(el: XmlElement, ctx: Ctx): Table {
  const rows: TableRow[] = []
  const visit = (container: XmlElement, head: boolean) => {
    for (const c of children(container)) {
      if (c.name === 'table:table-header-rows') visit(c, true)
      else if (c.name === 'table:table-rows' || c.name === 'table:table-row-group') visit(c, head)
      else if (c.name === 'table:table-row') {
        const row: TableRow = { type: 'tableRow', children: [] }
        if (head) row.head = true
        for (const cellEl of children(c, 'table:table-cell')) {
          const cell: TableCell = { type: 'tableCell', children: cellContent(walkBlocks(cellEl, ctx)) }
          if (head) cell.header = true
          const span = Number(cellEl.attrs['table:number-columns-spanned'])
          if (Number.isInteger(span) && span > 1) cell.colSpan = Math.min(span, 64)
          const rowSpan = Number(cellEl.attrs['table:number-rows-spanned'])
          if (Number.isInteger(rowSpan) && rowSpan > 1) cell.rowSpan = Math.min(rowSpan, 64)
          row.children.push(cell)
        }
        rows.push(row)
      }
    }
  }
  visit(el, false)
  return { type: 'table', children: rows }
}

// ---------------------------------------------------------------------------------- document

function readOdt(bytes: Uint8Array, file: SourceFile, options: ReaderOptions): ReadResult {
  const pkg = openPackage(bytes, file, FORMAT, () => 'content.xml')
  const { xml, resources } = pkg
  if (!pkg.archive.has('content.xml'))
    throw new Unreadable('odt-invalid', 'it has no content.xml, so it is not an OpenDocument file')
  const content = xml('content.xml')
  const body = child(child(child(content, 'office:document-content'), 'office:body'), 'office:text')
  if (!body)
    throw new Unreadable(
      'odt-invalid',
      'content.xml holds no text body (a spreadsheet, a presentation, or a damaged file)',
    )
  // A picture is a part of the package: a link out of it (an URL, `../x.png`) is not carried over.
  const image = (href: string): string | { problem: string } => {
    const part = href.replace(/^\.\//, '')
    if (/^[a-z][a-z0-9+.-]*:/i.test(part) || part.startsWith('/') || part.split('/').includes('..'))
      return { problem: `it is linked from outside the document ("${href.slice(0, 80)}")` }
    return pkg.image(part)
  }
  const embedded = new DataImages(file.path)
  const result = readDocument(
    { content, body, stylesDoc: xml('styles.xml'), meta: xml('meta.xml') },
    image,
    embedded,
    file,
    options,
  )
  const carried = { ...resources, ...embedded.resources }
  if (Object.keys(carried).length > 0) result.resources = carried
  return result
}

/**
 * A flat OpenDocument: the parts a package holds (meta, styles, automatic styles, body) are the
 * one `office:document`'s children, and pictures are written into it as base64
 * (`office:binary-data`).
 */
function readFlatOdt(bytes: Uint8Array, file: SourceFile, options: ReaderOptions): ReadResult {
  const parsed = parseXml(bytes)
  reportMalformed(parsed.problems, file, SOURCE)
  const doc = child(parsed.root, 'office:document')
  const body = child(child(doc, 'office:body'), 'office:text')
  if (!doc || !body)
    throw new Unreadable('odt-invalid', 'it holds no OpenDocument text body (office:document, office:text)')
  const part = (name: string, ...parts: Array<XmlElement | undefined>): XmlElement => ({
    name: '#document',
    attrs: {},
    children: [{ name, attrs: {}, children: parts.filter((p): p is XmlElement => p !== undefined) }],
  })
  const content = part(
    'office:document-content',
    child(doc, 'office:automatic-styles'),
    child(doc, 'office:body'),
  )
  const stylesDoc = part('office:document-styles', child(doc, 'office:styles'))
  const meta = part('office:document-meta', child(doc, 'office:meta'))
  const embedded = new DataImages(file.path)
  const image = (href: string) => ({
    problem: `it is linked, not embedded ("${href.slice(0, 80)}"), and is never fetched`,
  })
  const result = readDocument({ content, body, stylesDoc, meta }, image, embedded, file, options)
  if (Object.keys(embedded.resources).length > 0) result.resources = embedded.resources
  return result
}

/** A document's parts, from a package or a flat file. */
interface Parts {
  content: XmlElement | undefined
  body: XmlElement
  stylesDoc: XmlElement | undefined
  meta: XmlElement | undefined
}

/** Chapters and metadata from a document's parts; pictures by reference (`image`) or written in (`embedded`). */
function readDocument(
  { content, body, stylesDoc, meta }: Parts,
  image: Ctx['image'],
  embedded: DataImages,
  file: SourceFile,
  options: ReaderOptions,
): ReadResult {
  const style = readStyles(stylesDoc, content)
  const ordered = new Set<string>()
  for (const root of [
    child(child(content, 'office:document-content'), 'office:automatic-styles'),
    child(child(stylesDoc, 'office:document-styles'), 'office:styles'),
  ])
    for (const listStyle of children(root, 'text:list-style')) {
      const first = children(listStyle)[0]
      if (first?.name === 'text:list-level-style-number' && listStyle.attrs['style:name'])
        ordered.add(listStyle.attrs['style:name'])
    }

  const faces = new Map<string, string>()
  for (const root of [child(content, 'office:document-content'), child(stylesDoc, 'office:document-styles')])
    for (const face of children(child(root, 'office:font-face-decls'), 'style:font-face')) {
      const name = face.attrs['style:name']
      const family = face.attrs['svg:font-family']
      if (name && family && !faces.has(name)) faces.set(name, family)
    }
  const pageDir = pageDirection(stylesDoc)
  // The language of most of the text; the one the document declares breaks a tie.
  const read = readInLanguage(declaredLanguage(stylesDoc, meta), options.language, file, (language) => {
    const findings: Findings = {
      comments: [],
      tracked: [],
      hidden: [],
      textBoxes: [],
      symbols: [],
      images: [],
    }
    const notes = new Map<string, FootnoteDefinition>()
    const ctx: Ctx = {
      style,
      ordered,
      counter: { n: 0 },
      notes,
      image,
      embedded,
      findings,
      faces,
      language,
      pageDir,
    }
    return { blocks: walkBlocks(body, ctx), notes, findings }
  })
  const { blocks, notes, findings } = read.result
  report(findings, file)
  const result = structure({ format: 'odt', blocks, notes, file, options })
  const metadata: Partial<Metadata> = {
    ...metaProperties(meta),
    ...(read.language ? { language: read.language } : {}),
    ...result.metadata,
  }
  if (Object.keys(metadata).length > 0) result.metadata = metadata
  return result
}

/** meta.xml: the title, the author (the initial creator, else the creator), subjects, description. */
function metaProperties(root: XmlElement | undefined): Partial<Metadata> {
  const meta = child(child(root, 'office:document-meta'), 'office:meta')
  if (!meta) return {}
  const text = (name: string) => propertyText(meta, name)
  return documentProperties({
    title: text('dc:title'),
    creator: text('meta:initial-creator') ?? text('dc:creator'),
    subjects: [text('dc:subject'), ...children(meta, 'meta:keyword').map((k) => textOf(k).trim())],
    description: text('dc:description'),
  })
}

/** One diagnostic per kind of thing left out, naming the first paragraph where it stood. */
function report(findings: Findings, file: SourceFile): void {
  if (findings.comments.length > 0) {
    const w = paragraphsNamed(findings.comments)
    file.message('odt-comments', `Left out the comments on ${w.text}`, w.place, SOURCE)
  }
  if (findings.tracked.length > 0) {
    const w = paragraphsNamed(findings.tracked)
    file.message(
      'odt-tracked-changes',
      `Tracked changes in ${w.text}: insertions kept and deletions dropped, as if accepted; accept or reject them in LibreOffice to be sure`,
      w.place,
      SOURCE,
    )
  }
  if (findings.hidden.length > 0) {
    const w = paragraphsNamed(findings.hidden)
    file.message('odt-hidden-text', `Left out hidden text in ${w.text}`, w.place, SOURCE)
  }
  if (findings.symbols.length > 0) {
    const w = paragraphsNamed(findings.symbols)
    file.message(
      'odt-symbol',
      `Left out characters of a symbol font (Wingdings, Webdings…) that have no Unicode equivalent, in ${w.text}`,
      w.place,
      SOURCE,
    )
  }
  if (findings.textBoxes.length > 0) {
    const w = paragraphsNamed(findings.textBoxes)
    file.message('odt-text-box', `Left out the text of text boxes in ${w.text}`, w.place, SOURCE)
  }
  for (const { n, reason } of findings.images.slice(0, 20))
    file.message(
      'odt-image',
      `An image in paragraph ${n} was left out: ${clip(reason, 120)}`,
      { line: n, column: 1 },
      SOURCE,
    )
}
