/**
 * One stretch of the document's text (the main text, or one note) walked into the Word reader's
 * paragraphs and tables (`../docx/body.ts`), so that chapters, the title page, scene breaks and
 * quotations are found by the same rules (`../docx/structure.ts`). Paragraphs end at their marks
 * (0x0D, a cell's 0x07, a section's 0x0C); each takes its style and properties from the PAPX of
 * its mark, and its characters their formatting from their styles, their CHPX and their piece.
 * Fields keep their result (a HYPERLINK's as a link); note references become
 * `footnoteReference`s; pictures, inline or floating, become images where they stand or are
 * anchored (or mark the paragraph a rule, for a horizontal line); drawn shapes, comments' marks,
 * deletions and hidden text are left out and counted for the diagnostics.
 */
import type { FootnoteReference, PhrasingContent, TableCell, TableRow } from '../../model/types.js'
import {
  borderRule,
  cellContent,
  type DocBlock,
  type DocParagraph,
  fromSegments,
  hyperlinkField,
  type LinkCtx,
  lookless,
  marksOf,
  type Segment,
  UNDERLINE,
} from '../docx/body.js'
import type { RunProps } from '../docx/parts.js'
import { HEADING_LOOK } from '../rtf/words.js'
import { type LanguageScope, sameRunLanguage } from '../shared/run-language.js'
import { fromSymbolFont, hasSymbolCodes, isSymbolCode, symbolText } from '../shared/symbol-fonts.js'
import { applyChar, applyPara, type CharProps, forEachSprm, type ParaProps } from './sprm.js'
import type { DocStyle, StyleSheet } from './styles.js'
import type { Text, TextRun } from './text.js'

/** What the walk saw that is not the book's text, by paragraph number. */
export interface Findings {
  comments: number[]
  tracked: number[]
  hidden: number[]
  /** Pictures left out, each with why. */
  images: Array<{ n: number; reason: string }>
  unsafeLinks: Array<{ n: number; url: string }>
  /** Paragraphs holding a symbol font's character with no Unicode equivalent, left out. */
  symbols: number[]
}

export interface WalkContext {
  text: Text
  styles: StyleSheet
  /** Whether a list override and level is numbered. */
  ordered: (ilfo: number, ilvl: number) => boolean
  /** Note references in this stretch, by CP. */
  refs: Map<number, string>
  /** The note references' CPs, sorted. */
  refList: readonly number[]
  /** CPs of section marks (0x0C ending a section), and whether the next section starts a page. */
  sections: Map<number, boolean>
  findings: Findings
  /** Paragraph counter shared by the body and the notes. */
  counter: { n: number }
  /**
   * The inline picture whose PICF is at `at` in the Data stream: its image node (its bytes kept
   * as a resource), 'rule' for a horizontal line, or undefined when it is left out (and said so).
   */
  picture: (at: number | undefined, n: number) => PhrasingContent | 'rule' | undefined
  /**
   * The floating picture anchored at `cp` (a 0x08 character), as `picture` gives one; false when
   * the drawing anchored there is not a picture (a text box, a shape), left out as before.
   */
  anchored: (cp: number, n: number) => PhrasingContent | 'rule' | undefined | false
  /** The document's language as this reading assumes it, and the letters counted per language. */
  language?: LanguageScope
}

interface Field {
  instr: string
  result: boolean
  link?: LinkCtx
}

const PARAGRAPH_END = 0x0d
const CELL_END = 0x07
const PAGE_BREAK = 0x0c
const SAFE_URL = /^(?:https?:|mailto:)/i

/** Characters Word stores as controls that are text: tab, non-breaking and optional hyphens. */
const CONTROLS: Record<number, string> = { 9: '\t', 30: '\u2011', 31: '\u00ad' }

/** The first note reference at or after `cp` in the sorted `refs` (Infinity when none is). */
function nextRef(refs: readonly number[], cp: number): number {
  let lo = 0
  let hi = refs.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (refs[mid]! < cp) lo = mid + 1
    else hi = mid
  }
  return lo < refs.length ? refs[lo]! : Number.POSITIVE_INFINITY
}

/** Walk CPs `[from, to)` into blocks. */
export function walkText(from: number, to: number, ctx: WalkContext): DocBlock[] {
  const blocks: DocBlock[] = []
  const fields: Field[] = []
  let cells: TableCell[] = []
  let cellBlocks: DocBlock[] = []
  let rows: TableRow[] = []
  let pending: Array<{ run: TextRun; start: number; end: number }> = []
  let breakBefore = false

  const endRow = () => {
    if (cellBlocks.length > 0) {
      cells.push({ type: 'tableCell', children: cellContent(cellBlocks) })
      cellBlocks = []
    }
    if (cells.length > 0) rows.push({ type: 'tableRow', children: cells })
    cells = []
  }
  const flushTable = () => {
    if (cells.length > 0 || cellBlocks.length > 0) endRow()
    while (rows.length > 0 && rows.at(-1)!.children.every((cell) => cell.children.length === 0)) rows.pop()
    if (rows.length > 0)
      blocks.push({ kind: 'table', n: ctx.counter.n, table: { type: 'table', children: rows } })
    rows = []
  }

  /** End the paragraph whose characters are pending, its mark `mark` stored at `fc`. */
  const endParagraph = (mark: number, fc: number, sectionBreak: boolean | undefined) => {
    const papx = ctx.text.paragraphAt(fc)
    const style = ctx.styles.paragraph(papx.istd)
    const para: ParaProps = { ...style.para }
    applyPara(papx.grpprl, para)
    const made = paragraph(pending, style, para, breakBefore)
    pending = []
    breakBefore = sectionBreak ?? made.breakAfter
    const inTable = para.inTable || (para.depth ?? 0) > 0
    if (para.rowEnd && inTable) {
      endRow()
      return
    }
    // A row of a table in a table ends with an empty paragraph of its own.
    if (para.innerRowEnd && made.text === '' && made.content.length === 0) return
    if (inTable) {
      cellBlocks.push(made)
      if (mark === CELL_END) {
        cells.push({ type: 'tableCell', children: cellContent(cellBlocks) })
        cellBlocks = []
      }
      return
    }
    flushTable()
    blocks.push(made)
  }

  const paragraph = (
    parts: typeof pending,
    style: DocStyle,
    para: ParaProps,
    pageBreakBefore: boolean,
  ): DocParagraph => {
    const n = ++ctx.counter.n
    // A heading's own boldness and italics are its look, not its words': only its size counts.
    const heading = HEADING_LOOK.test(style.style.name)
    const segments: Segment[] = []
    let breakAfter = false
    let rule = false
    // Text tracked as deleted: with nothing else, the paragraph is gone.
    let deletion = false
    /** Floating drawings: a horizontal line's own anchor when the paragraph is a rule. */
    const floating: Array<{ n: number; reason: string }> = []
    const push = (node: PhrasingContent, props: RunProps, marked = true) => {
      let link: LinkCtx | undefined
      for (let i = fields.length - 1; i >= 0 && !link; i--) link = fields[i]!.link
      const last = segments.at(-1)
      // A link's underline is its look, not the author's emphasis.
      const marks = marked ? marksOf(props) & ~(link ? UNDERLINE : 0) : 0
      if (
        node.type === 'text' &&
        last?.node.type === 'text' &&
        last.marks === marks &&
        last.link === link &&
        last.bold === (props.bold === true) &&
        last.size === (props.size ?? 0) &&
        sameRunLanguage(last.language, props)
      ) {
        last.node.value += node.value
        return
      }
      const seg: Segment = { node, marks, bold: props.bold === true, size: props.size ?? 0, language: props }
      if (link) seg.link = link
      segments.push(seg)
    }
    /** What the loop below does with each plain character, for a stretch of them. */
    const plainStretch = (text: string, props: CharProps) => {
      const field = fields.at(-1)
      if (field && !field.result) field.instr += text
      else if (props.deleted) {
        ctx.findings.tracked.push(n)
        deletion = true
      } else {
        if (props.inserted) ctx.findings.tracked.push(n)
        if (props.hidden) {
          if (/[^ ]/.test(text)) ctx.findings.hidden.push(n)
        } else if (hasSymbolCodes(text)) {
          // A symbol font's codes (Symbol's U+F0E5): the character the font draws.
          const mapped = symbolText(text, undefined)
          if (mapped.dropped > 0) ctx.findings.symbols.push(n)
          if (mapped.text !== '') push({ type: 'text', value: mapped.text }, props)
        } else push({ type: 'text', value: text }, props)
      }
    }
    for (const { run, start, end } of parts) {
      const props = charProps(run, style.run, heading, ctx.styles)
      for (let i = start; i < end; i++) {
        const code = run.text.charCodeAt(i)
        const cp = run.cp + i
        // A stretch of plain characters (no control, no note reference, no symbol) at once: a
        // novel is almost nothing else, and one character at a time cost most of the read.
        if (code >= 0x20 && !(code === 0x28 && props.special) && !ctx.refs.has(cp)) {
          let j = i + 1
          const stop = Math.min(end, i + (nextRef(ctx.refList, cp) - cp))
          while (j < stop) {
            const c = run.text.charCodeAt(j)
            if (c < 0x20 || (c === 0x28 && props.special)) break
            j++
          }
          plainStretch(run.text.slice(i, j), props)
          i = j - 1
          continue
        }
        if (code === 0x13) {
          fields.push({ instr: '', result: false })
          continue
        }
        if (code === 0x14 || code === 0x15) {
          const field = fields.at(-1)
          if (code === 0x15) fields.pop()
          else if (field && !field.result) {
            field.result = true
            const link = hyperlinkField(field.instr)
            if (link) field.link = link
            else if (/^\s*HYPERLINK\s+"?[a-z]/i.test(field.instr) && !/\\l/.test(field.instr)) {
              const url = /^\s*HYPERLINK\s+(?:"([^"]*)"|(\S+))/i.exec(field.instr)
              const target = (url?.[1] ?? url?.[2] ?? '').trim()
              if (target && !SAFE_URL.test(target)) ctx.findings.unsafeLinks.push({ n, url: target })
            }
          }
          continue
        }
        const field = fields.at(-1)
        if (field && !field.result) {
          field.instr += run.text[i]
          continue
        }
        const ref = ctx.refs.get(cp)
        if (ref !== undefined) {
          const node: FootnoteReference = { type: 'footnoteReference', identifier: ref }
          push(node, props, false)
          continue
        }
        if (props.deleted) {
          ctx.findings.tracked.push(n)
          deletion = true
          continue
        }
        if (props.inserted) ctx.findings.tracked.push(n)
        if (code === 0x05) {
          ctx.findings.comments.push(n)
          continue
        }
        if (code === 0x01 && props.special !== false) {
          const picture = ctx.picture(props.picLocation, n)
          if (picture === 'rule') rule = true
          else if (picture) push(picture, props, false)
          continue
        }
        if (code === 0x08 && props.special !== false) {
          // A floating picture stands where it is anchored: alone in its paragraph, a figure.
          const picture = ctx.anchored(cp, n)
          if (picture === 'rule') rule = true
          else if (picture) push(picture, props, false)
          if (picture !== false) continue
        }
        if (code === 0x01 || code === 0x08) {
          // Any other drawing anchored here (0x08), a text box or a shape: not carried over.
          if (props.special !== false)
            floating.push({
              n,
              reason:
                'it is a drawing of shapes, or pictures grouped with shapes, which Octavo does not take from a .doc; insert it as a PNG or JPEG picture',
            })
          continue
        }
        if (props.hidden) {
          if (code > 0x20) ctx.findings.hidden.push(n)
          continue
        }
        if (code === 0x0b) {
          push({ type: 'break' }, props, false)
          continue
        }
        if (code === PAGE_BREAK) {
          breakAfter = true
          continue
        }
        if (code === 0x28 && props.special && props.symbol !== undefined) {
          const symbol = props.symbol
          // Symbol-font characters (F0xx) name glyphs of that font: the character Symbol draws.
          const value = isSymbolCode(symbol)
            ? fromSymbolFont(symbol, 'symbol')
            : symbol >= 0x20 && (symbol < 0xd800 || symbol > 0xf8ff)
              ? String.fromCharCode(symbol)
              : undefined
          if (value === undefined) ctx.findings.symbols.push(n)
          else push({ type: 'text', value }, props)
          continue
        }
        if (code < 0x20) {
          const control = CONTROLS[code]
          if (control) push({ type: 'text', value: control }, props)
          continue
        }
        push({ type: 'text', value: run.text[i]! }, props)
      }
    }
    const made = fromSegments(
      segments,
      ctx.language && { scope: ctx.language, dir: para.bidi ? 'rtl' : 'ltr' },
    )
    // An empty paragraph with a line above or below it (sprmPBrcBottom…): a rule between scenes.
    if (borderRule(para) && !made.content.some((c) => c.type === 'image')) rule = true
    if (!(rule && made.text === '')) ctx.findings.images.push(...floating)
    const result: DocParagraph = {
      kind: 'paragraph',
      n,
      style: style.style,
      pageBreakBefore: pageBreakBefore || para.pageBreakBefore === true,
      breakAfter,
      ...made,
      rule: rule && made.text === '',
    }
    if (deletion && made.text === '' && made.content.length === 0 && !result.rule) result.deleted = true
    if (para.align === 'center' || para.align === 'right' || para.align === 'both') result.align = para.align
    if (para.left || para.first) result.indent = { left: para.left ?? 0, first: para.first ?? 0 }
    if (para.outline !== undefined && para.outline < 9) result.outline = para.outline
    if (para.ilfo !== undefined && para.ilfo > 0 && para.ilfo < 0x7fff)
      result.list = { ordered: ctx.ordered(para.ilfo, para.ilvl ?? 0) }
    return result
  }

  for (const run of ctx.text.runs(from, to)) {
    let start = 0
    for (let i = 0; i < run.text.length; i++) {
      const code = run.text.charCodeAt(i)
      const cp = run.cp + i
      const section = code === PAGE_BREAK ? ctx.sections.get(cp) : undefined
      if (code !== PARAGRAPH_END && code !== CELL_END && section === undefined) continue
      if (i > start) pending.push({ run, start, end: i })
      start = i + 1
      endParagraph(code, run.fc + i * run.width, section)
    }
    if (start < run.text.length) pending.push({ run, start, end: run.text.length })
  }
  if (pending.length > 0) {
    const fc = pending.at(-1)!
    endParagraph(PARAGRAPH_END, fc.run.fc + (fc.end - 1) * fc.run.width, undefined)
  }
  flushTable()
  return blocks
}

/**
 * A run's formatting: its paragraph style's, its character style's, then its own sprms and its
 * piece's, toggles read against what the styles give. In a heading only the style's size is kept.
 */
function charProps(run: TextRun, styleRun: RunProps, heading: boolean, styles: StyleSheet): CharProps {
  let charStyle: number | undefined
  for (const grpprl of [run.chpx, run.prm]) {
    if (!grpprl) continue
    forEachSprm(grpprl, (op, at) => {
      if (op === 0x4a30) charStyle = grpprl[at]! | (grpprl[at + 1]! << 8)
    })
  }
  const inherited = (charStyle !== undefined && styles.character(charStyle, styleRun)) || styleRun
  const props: CharProps = heading ? lookless(inherited) : { ...inherited }
  applyChar(run.chpx, props, inherited)
  if (run.prm) applyChar(run.prm, props, inherited)
  return props
}
