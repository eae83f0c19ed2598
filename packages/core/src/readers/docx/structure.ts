/**
 * From Word's paragraphs to the book's chapters, the way an author laid them out: the Title and
 * Subtitle styles (and a "by NAME" line under the title) are the book's metadata; heading styles
 * (or outline levels) open chapters, split at the shallowest level used twice as the Markdown and
 * HTML readers split (`../split.ts`); without any heading style, chapter titles typed as direct
 * formatting are found the way Vellum finds them (a "Chapter One" line set apart by a page break,
 * centring, bold or a larger size; or any short line so set apart after a page break). Centred
 * ornaments and runs of empty paragraphs are scene breaks; pictures alone in their paragraph are
 * figures (a Caption-style paragraph after one is its caption); list paragraphs are lists, Quote
 * styles blockquotes; Word's own table of contents is left out. Footnotes and endnotes are placed
 * at the end of the chapter that cites them.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import type {
  BlockContent,
  FootnoteDefinition,
  List,
  Metadata,
  PhrasingContent,
  Position,
} from '../../model/types.js'
import { toText, visit } from '../../model/walk.js'
import { parseHeading } from '../heading.js'
import { assemble, type HeadingFields, headingFields } from '../shared/chapter.js'
import { isOrnament } from '../shared/ornament.js'
import { normalizeSpace } from '../shared/phrasing.js'
import { assembleSplit, type HeadingInfo, planSplit } from '../split.js'
import type { ReaderOptions, ReadResult } from '../types.js'
import type { DocBlock, DocParagraph } from './body.js'
import { clip } from './package.js'

const SOURCE = 'docx'

/** A block of the chapter flow, or a heading that may open a chapter. */
type Item =
  | { kind: 'block'; block: BlockContent; n: number; blank?: boolean }
  | { kind: 'heading'; depth: number; content: PhrasingContent[]; text: string; n: number }

const at = (n: number): Position => ({ start: { line: n, column: 1 }, end: { line: n, column: 1 } })

const HEADING_STYLE = /^heading ([1-9])$/
const TOC_STYLE = /^(?:toc \d|toc heading|contents \d|contents heading|table of figures)$/
const QUOTE_STYLE = /^(?:quote|intense quote|block text|block quotation|epigraph)$/
const CAPTION_STYLE = /^(?:caption|image caption|table caption)$/
/** Styles that name the book, not its text. */
const TITLE_STYLES = new Set(['title', 'subtitle', 'author'])

export interface StructureInput {
  /** Whose paragraphs these are, for the diagnostics' codes and wording (default Word's). */
  format?: 'docx' | 'doc' | 'odt' | 'rtf'
  blocks: DocBlock[]
  /** Definitions of every footnote and endnote, by identifier. */
  notes: Map<string, FootnoteDefinition>
  file: SourceFile
  options: ReaderOptions
}

/** The reader's result: chapters and parts, and what the Title style and "by" line say. */
export function structure(input: StructureInput): ReadResult {
  const { file, options } = input
  const metadata: Partial<Metadata> = {}
  let paragraphs = joinDropCaps(input.blocks)

  // Word's own table of contents: Octavo makes the book's.
  const format = input.format ?? SOURCE
  const toc = paragraphs.filter((b) => b.kind === 'paragraph' && TOC_STYLE.test(b.style.name))
  if (toc.length > 0) {
    file.message(
      `${format}-contents-dropped`,
      `Left out ${format === 'docx' || format === 'doc' ? "Word's" : "the document's"} table of contents (${toc.length} paragraph${toc.length === 1 ? '' : 's'}); the book makes its own`,
      at(toc[0]!.n),
      format,
    )
    paragraphs = paragraphs.filter((b) => !toc.includes(b))
  }

  // Title and Subtitle styles name the book, or a title page typed by hand.
  if (!paragraphs.some((b) => b.kind === 'paragraph' && TITLE_STYLES.has(b.style.name)))
    paragraphs = titlePage(paragraphs, options.language)
  const titled = paragraphs.filter(
    (b): b is DocParagraph => b.kind === 'paragraph' && TITLE_STYLES.has(b.style.name),
  )
  if (titled.length > 0) {
    const title = titled.find((p) => p.style.name === 'title' && p.text !== '')
    const subtitle = titled.find((p) => p.style.name === 'subtitle' && p.text !== '')
    if (title) {
      metadata.title = title.text
      file.message(
        `${format}-book-title`,
        `"${clip(title.text, 60)}" (${title.style.lineage.includes(TYPED) ? 'centred above the first chapter' : 'Title style'}) was read as the book's title; book.yaml or --title would win`,
        at(title.n),
        format,
      )
    }
    if (subtitle) metadata.subtitle = subtitle.text
    // pandoc writes the author in an "Author" style.
    const authors = titled.filter((p) => p.style.name === 'author' && p.text !== '')
    if (authors.length > 0) metadata.authors = authors.map((p) => ({ name: p.text.replace(/^by\s+/i, '') }))
    const last = titled.at(-1)!
    const byLine = paragraphs.find(
      (b): b is DocParagraph => b.kind === 'paragraph' && b.n > last.n && b.text !== '',
    )
    const by = byLine && /^by\s+(\S.{0,80})$/i.exec(byLine.text)
    if (by && byLine && byLine.n <= last.n + 3 && !metadata.authors) {
      metadata.authors = by[1]!
        .split(/\s*(?:,|&|\band\b)\s*/)
        .filter(Boolean)
        .map((name) => ({ name }))
      paragraphs = paragraphs.filter((b) => b !== byLine)
    }
    paragraphs = paragraphs.filter((b) => !titled.includes(b as DocParagraph))
  }

  const styled = paragraphs.some(
    (b) => b.kind === 'paragraph' && headingDepth(b) !== undefined && b.text !== '',
  )
  const direct = styled
    ? new Map<DocParagraph, { depth: number; content: PhrasingContent[] }>()
    : directHeadings(paragraphs, options.language)

  const items = toItems(paragraphs, direct)
  const headings = items.filter((i): i is Extract<Item, { kind: 'heading' }> => i.kind === 'heading')
  const infos: HeadingInfo[] = headings.map((h) => {
    const index = items.indexOf(h)
    const next = items[index + 1]
    return { depth: h.depth, text: h.text, ...(next?.kind === 'heading' ? { bare: true } : {}) }
  })
  const plan = planSplit(infos, options.language)
  const result = plan ? splitResult(items, headings, plan, input) : oneChapter(items, headings, input)
  if (Object.keys(metadata).length > 0) result.metadata = { ...result.metadata, ...metadata }
  return result
}

function headingDepth(p: DocParagraph): number | undefined {
  const styled = p.style.lineage.map((name) => HEADING_STYLE.exec(name)?.[1]).find(Boolean)
  if (styled) return Number(styled)
  return p.outline !== undefined ? p.outline + 1 : undefined
}

/**
 * A drop cap is its own paragraph in Word and RTF (a frame holding "T"), its word going on in
 * the next ("he night was…"): the letters open the next paragraph again, which keeps its own
 * style and place.
 */
function joinDropCaps(blocks: DocBlock[]): DocBlock[] {
  if (!blocks.some((b) => b.kind === 'paragraph' && b.dropCap)) return blocks
  const out: DocBlock[] = []
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!
    const next = blocks[i + 1]
    if (b.kind === 'paragraph' && b.dropCap && next?.kind === 'paragraph' && next.text !== '') {
      const content = [...b.content, ...next.content]
      out.push({
        ...next,
        content,
        text: `${b.text}${next.text}`,
        pageBreakBefore: b.pageBreakBefore || next.pageBreakBefore,
      })
      i++
    } else out.push(b)
  }
  return out
}

/** The lineage mark of a paragraph given a style by `titlePage`, for the diagnostics' wording. */
const TYPED = '(title page)'

/** A person's name as a title page sets it: a few capitalised words or initials, no digits. */
const NAME_LIKE =
  /^(?:by\s+)?(?:(?:\p{Lu}[\p{L}'’.-]*|de|da|di|du|del|der|van|von|le|la|bin|al)[ \t]+){0,4}\p{Lu}[\p{L}'’.-]*$/u

/**
 * A title page typed by hand above the first chapter (a manuscript from TextEdit or Word,
 * pandoc's RTF): when every line before the first chapter heading is centred (five at most),
 * the first, set apart by boldness or size and not itself a heading, is the book's title, and
 * the names under it ("by A. Writer", "by" over a name, or the name alone) its authors. They
 * are given the Title and Author styles, which name the book. The first chapter heading is a
 * paragraph in a heading style or at an outline level, or, in a document with neither, a line
 * that reads as one ("Chapter One", "Prologue").
 */
function titlePage(paragraphs: DocBlock[], language: string): DocBlock[] {
  const styled = paragraphs.some(
    (b) => b.kind === 'paragraph' && headingDepth(b) !== undefined && b.text !== '',
  )
  const first = paragraphs.findIndex(
    (b) =>
      b.kind === 'paragraph' &&
      b.text !== '' &&
      (styled
        ? headingDepth(b) !== undefined
        : b.text.length <= 100 && parseHeading(b.text, language)?.kind !== undefined),
  )
  if (first <= 0) return paragraphs
  const before = paragraphs.slice(0, first)
  if (before.some((b) => b.kind !== 'paragraph')) return paragraphs
  const lines = (before as DocParagraph[]).filter((p) => p.text !== '')
  if (lines.length === 0 || lines.length > 5 || !lines.every((p) => p.align === 'center')) return paragraphs
  const [title, ...rest] = lines
  const body = commonSize(paragraphs.filter((b): b is DocParagraph => b.kind === 'paragraph'))
  if (
    !title ||
    title.text.length > 100 ||
    parseHeading(title.text, language) !== undefined ||
    !(title.allBold || (body > 0 && title.size > body))
  )
    return paragraphs
  const named = new Map<DocBlock, string>([[title, 'title']])
  const dropped = new Set<DocBlock>()
  for (let i = 0; i < rest.length; i++) {
    const p = rest[i]!
    const next = rest[i + 1]
    if (/^by$/i.test(p.text) && next && NAME_LIKE.test(next.text)) {
      dropped.add(p)
      named.set(next, 'author')
      i++
    } else if (p.text.length <= 60 && NAME_LIKE.test(p.text)) named.set(p, 'author')
  }
  return paragraphs
    .filter((b) => !dropped.has(b))
    .map((b) => {
      const name = named.get(b)
      return name && b.kind === 'paragraph'
        ? { ...b, style: { ...b.style, name, lineage: [name, TYPED] } }
        : b
    })
}

/**
 * Chapter titles typed as direct formatting. A line is a title when it reads as one ("Chapter
 * One", "Prologue", "Part Two"): a labelled heading even typed as a plain paragraph, a bare
 * number ("12", "XII.") only when set apart (page break before it, centred, all bold, or larger
 * than the body text); or when it is short, set apart by look and starts a page. A short
 * set-apart line under a bare "Chapter One" is its title. The document's first line, set apart
 * and not a chapter title, titles the book when chapters follow.
 */
function directHeadings(
  blocks: DocBlock[],
  language: string,
): Map<DocParagraph, { depth: number; content: PhrasingContent[] }> {
  const paragraphs = blocks.filter((b): b is DocParagraph => b.kind === 'paragraph')
  const bodySize = commonSize(paragraphs)
  const distinct = (p: DocParagraph) =>
    p.align === 'center' || p.allBold || (p.size > 0 && bodySize > 0 && p.size >= bodySize * 1.2)
  const short = (p: DocParagraph) =>
    p.text.length <= 80 && p.text.split(' ').length <= 12 && !/[.!?,;:]["”’»]?$/.test(p.text)
  const found = new Map<DocParagraph, { depth: number; content: PhrasingContent[] }>()
  let first = true
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!
    if (p.text === '' || isOrnament(p.text) || p.list) continue
    const startsPage = p.pageBreakBefore || first
    const isFirst = first
    first = false
    const parsed = p.text.length <= 100 ? parseHeading(p.text, language) : undefined
    const set = distinct(p)
    // A labelled heading ("Chapter 12", "Part Two: …", "Prologue") typed as a plain paragraph
    // is one, as a line of its own is in a text file; a bare number must be set apart.
    const labelled = parsed?.label !== undefined && parsed.kind !== 'other'
    if (parsed && (set || startsPage || labelled)) {
      let content = p.content
      const next = paragraphs[i + 1]
      // "Chapter One" over "The Storm", both set apart: one heading.
      if (
        parsed.title === undefined &&
        parsed.kind !== 'part' &&
        next &&
        next.text !== '' &&
        !next.pageBreakBefore &&
        distinct(next) &&
        short(next) &&
        !parseHeading(next.text, language)
      ) {
        content = [...p.content, { type: 'text', value: ': ' }, ...next.content]
        found.set(next, { depth: -1, content: [] })
        i++
      }
      found.set(p, { depth: parsed.kind === 'part' ? 1 : 2, content })
      continue
    }
    if (startsPage && set && short(p)) found.set(p, { depth: isFirst ? 1 : 2, content: p.content })
  }
  return found
}

/** The font size most of the text is set in (half-points), 0 when unknown. */
function commonSize(paragraphs: DocParagraph[]): number {
  const weight = new Map<number, number>()
  for (const p of paragraphs) if (p.size > 0) weight.set(p.size, (weight.get(p.size) ?? 0) + p.text.length)
  let best = 0
  let most = -1
  for (const [size, w] of weight) if (w > most) [best, most] = [size, w]
  return best
}

/** Paragraphs and tables into flow items and headings. */
function toItems(
  blocks: DocBlock[],
  direct: Map<DocParagraph, { depth: number; content: PhrasingContent[] }>,
): Item[] {
  const items: Item[] = []
  let blanks = 0
  let blankAt = 0
  const flushBlanks = () => {
    // One empty paragraph is spacing; two or more between text are a scene break.
    if (blanks >= 2)
      items.push({
        kind: 'block',
        block: { type: 'sceneBreak', marker: '(blank)', position: at(blankAt) },
        n: blankAt,
        blank: true,
      })
    blanks = 0
  }
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!
    if (b.kind === 'table') {
      flushBlanks()
      items.push({ kind: 'block', block: { ...b.table, position: at(b.n) }, n: b.n })
      continue
    }
    const position = at(b.n)
    const heading = direct.get(b)
    if (heading?.depth === -1) continue
    const depth = heading?.depth ?? (direct.size === 0 ? headingDepth(b) : undefined)
    const content = normalizeSpace(heading?.content ?? b.content)
    const hasMedia = content.some((c) => c.type !== 'text' && c.type !== 'break')
    if (b.rule) {
      flushBlanks()
      items.push({ kind: 'block', block: { type: 'sceneBreak', marker: '(rule)', position }, n: b.n })
      continue
    }
    if (b.text === '' && !hasMedia) {
      // A page break is not a scene break: the blanks before a new page are layout.
      if (b.pageBreakBefore) blanks = 0
      if (blanks === 0) blankAt = b.n
      blanks++
      continue
    }
    if (b.pageBreakBefore) blanks = 0
    flushBlanks()
    if (depth !== undefined && b.text !== '') {
      items.push({ kind: 'heading', depth, content, text: toText(content).trim(), n: b.n })
      continue
    }
    if (isOrnament(b.text) && !hasMedia) {
      items.push({ kind: 'block', block: { type: 'sceneBreak', marker: b.text, position }, n: b.n })
      continue
    }
    const onlyImages = content.every(
      (c) => c.type === 'image' || (c.type === 'text' && c.value.trim() === ''),
    )
    if (onlyImages && content.some((c) => c.type === 'image')) {
      const next = blocks[i + 1]
      const caption =
        next?.kind === 'paragraph' && CAPTION_STYLE.test(next.style.name) && next.text !== ''
          ? normalizeSpace(next.content)
          : undefined
      if (caption) i++
      for (const image of content) {
        if (image.type !== 'image') continue
        items.push({
          kind: 'block',
          block: { type: 'figure', image, ...(caption ? { caption } : {}), position },
          n: b.n,
        })
      }
      continue
    }
    if (b.list) {
      const last = items.at(-1)
      const item = { type: 'listItem' as const, children: [paragraph(content, b, position)], position }
      if (
        last?.kind === 'block' &&
        last.block.type === 'list' &&
        last.block.ordered === b.list.ordered &&
        last.n === b.n - 1
      ) {
        last.block.children.push(item)
        last.n = b.n
        if (last.block.position) last.block.position.end = position.end
      } else {
        const list: List = {
          type: 'list',
          ordered: b.list.ordered,
          children: [item],
          position: { ...position },
        }
        items.push({ kind: 'block', block: list, n: b.n })
      }
      continue
    }
    if (b.style.lineage.some((name) => QUOTE_STYLE.test(name))) {
      const last = items.at(-1)
      if (last?.kind === 'block' && last.block.type === 'blockquote' && last.n === b.n - 1) {
        last.block.children.push(paragraph(content, b, position))
        last.n = b.n
      } else {
        items.push({
          kind: 'block',
          block: {
            type: 'blockquote',
            children: [paragraph(content, b, position)],
            position: { ...position },
          },
          n: b.n,
        })
      }
      continue
    }
    items.push({ kind: 'block', block: paragraph(content, b, position), n: b.n })
  }
  return items
}

function paragraph(content: PhrasingContent[], b: DocParagraph, position: Position): BlockContent {
  const align =
    b.align === 'center' ? 'center' : b.align === 'right' || b.align === 'end' ? 'right' : undefined
  return { type: 'paragraph', ...(align ? { align } : {}), children: content, position }
}

/** A heading inside a chapter: its depth below the chapter level, between 2 and 6. */
function innerHeading(item: Extract<Item, { kind: 'heading' }>, chapterLevel: number): BlockContent {
  const depth = Math.max(2, Math.min(6, item.depth - chapterLevel + 1)) as 2 | 3 | 4 | 5 | 6
  return { type: 'heading', depth, children: item.content, position: at(item.n) }
}

/** Blank-line scene breaks at a chapter's edges are page layout: dropped without a word. */
function trimBlanks(blocks: BlockContent[]): BlockContent[] {
  const blank = (b: BlockContent | undefined) => b?.type === 'sceneBreak' && b.marker === '(blank)'
  while (blank(blocks[0])) blocks.shift()
  while (blank(blocks.at(-1))) blocks.pop()
  return blocks
}

/** Append each note definition to the chapter that first cites it. */
function placeNotes(groups: BlockContent[][], notes: Map<string, FootnoteDefinition>): void {
  const placed = new Set<string>()
  for (const group of groups) {
    const cited: string[] = []
    for (const block of [...group]) {
      visit(block, (node) => {
        if (node.type === 'footnoteReference' && !placed.has(node.identifier)) {
          placed.add(node.identifier)
          cited.push(node.identifier)
        }
      })
    }
    // Notes citing notes: their definitions follow too.
    for (let i = 0; i < cited.length; i++) {
      const definition = notes.get(cited[i]!)
      if (!definition) continue
      group.push(definition)
      visit(definition, (node) => {
        if (node.type === 'footnoteReference' && !placed.has(node.identifier)) {
          placed.add(node.identifier)
          cited.push(node.identifier)
        }
      })
    }
  }
}

function oneChapter(
  items: Item[],
  headings: Array<Extract<Item, { kind: 'heading' }>>,
  input: StructureInput,
): ReadResult {
  const first = items.find((i) => !(i.kind === 'block' && i.blank))
  let chapter: HeadingFields | undefined
  let part: HeadingFields | undefined
  const level = headings.length > 0 ? Math.min(...headings.map((h) => h.depth)) : 1
  const blocks: BlockContent[] = []
  for (const item of items) {
    if (item.kind === 'heading' && item === first) {
      const fields = headingFields(item.content, input.options.language, at(item.n))
      if (fields.kind === 'part') part = fields
      else chapter = fields
      continue
    }
    // After a part heading, the first chapter heading opens the part's chapter.
    if (item.kind === 'heading' && part && !chapter && blocks.length === 0) {
      chapter = headingFields(item.content, input.options.language, at(item.n))
      if (chapter.kind === 'part') chapter.kind = 'chapter'
      continue
    }
    blocks.push(item.kind === 'heading' ? innerHeading(item, level) : item.block)
  }
  const groups = [trimBlanks(blocks)]
  placeNotes(groups, input.notes)
  const last = items.at(-1)?.n ?? 1
  return assemble(
    {
      ...(part ? { part } : {}),
      ...(chapter ? { chapter } : {}),
      children: groups[0]!,
      position: { start: { line: 1, column: 1 }, end: { line: last, column: 1 } },
    },
    input.file.path,
    input.options,
  )
}

function splitResult(
  items: Item[],
  headings: Array<Extract<Item, { kind: 'heading' }>>,
  plan: NonNullable<ReturnType<typeof planSplit>>,
  input: StructureInput,
): ReadResult {
  const { file, options } = input
  const openers = new Map<Item, boolean>()
  for (const o of plan.openers) openers.set(headings[o.index]!, o.part)
  const chapterLevel = Math.min(...plan.openers.filter((o) => !o.part).map((o) => headings[o.index]!.depth))
  const titleItem = plan.title !== undefined ? headings[plan.title] : undefined
  const groups: BlockContent[][] = [[]]
  const marks: HeadingFields[] = []
  let title: HeadingFields | undefined
  for (const item of items) {
    if (item === titleItem && item.kind === 'heading') {
      title = headingFields(item.content, options.language, at(item.n))
      continue
    }
    if (item.kind === 'heading' && openers.has(item)) {
      const fields = headingFields(item.content, options.language, at(item.n))
      if (openers.get(item)) fields.kind = 'part'
      else if (fields.kind === 'part') fields.kind = 'chapter'
      marks.push(fields)
      groups.push([])
      continue
    }
    groups.at(-1)!.push(item.kind === 'heading' ? innerHeading(item, chapterLevel) : item.block)
  }
  for (const group of groups) trimBlanks(group)
  placeNotes(groups, input.notes)
  const result = assembleSplit(
    {
      ...(title ? { title } : {}),
      preamble: groups[0]!,
      sections: marks.map((heading, i) => ({ heading, children: groups[i + 1]! })),
    },
    file.path,
    options,
    (heading) =>
      file.message(
        `${input.format ?? SOURCE}-book-title`,
        `"${clip(toText(heading.title), 60)}" above the chapters was read as the book's title, not a chapter; book.yaml or --title would win`,
        heading.position?.start,
        input.format ?? SOURCE,
      ),
  )
  if (title && groups[0]!.length === 0 && title.title) {
    result.metadata = { title: toText(title.title).trim() }
  }
  return result
}
