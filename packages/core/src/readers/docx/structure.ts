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
 * at the end of the chapter that cites them. Pages before the first chapter are front matter; in
 * a story that stays one chapter, a copyright line, a dedication or an epigraph set apart at its
 * head is too. A poem's lines keep their indents (`verse.ts`).
 */
import type { SourceFile } from '../../diagnostics/file.js'
import type {
  BlockContent,
  Chapter,
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
import { indentLines } from '../shared/verse-indent.js'
import { assembleSplit, type HeadingInfo, planSplit } from '../split.js'
import type { ReaderOptions, ReadResult } from '../types.js'
import { type DocBlock, type DocParagraph, inLanguage, paragraphNode } from './body.js'
import { clip } from './package.js'
import { type VerseParagraph, verseLines } from './verse.js'

const SOURCE = 'docx'

/** A block of the chapter flow, or a heading that may open a chapter. */
type Item =
  | { kind: 'block'; block: BlockContent; n: number; blank?: boolean }
  | { kind: 'heading'; depth: number; content: PhrasingContent[]; text: string; n: number; opens?: boolean }

/**
 * A chapter title typed as direct formatting: its depth (-1 for a line joined to the one above),
 * its content, and whether it opens a chapter whatever its words (a title at the top of a page).
 */
interface DirectHeading {
  depth: number
  content: PhrasingContent[]
  opens?: boolean
}

const at = (n: number): Position => ({ start: { line: n, column: 1 }, end: { line: n, column: 1 } })

const HEADING_STYLE = /^heading ([1-9])$/
const TOC_STYLE = /^(?:toc \d|toc heading|contents \d|contents heading|table of figures)$/
const QUOTE_STYLE = /^(?:quote|quotations|intense quote|block text|block quotation|epigraph)$/
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
  let titleContent: PhrasingContent[] | undefined
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
  if (!paragraphs.some((b) => b.kind === 'paragraph' && TITLE_STYLES.has(b.style.name))) {
    const page = manuscriptPage(paragraphs, options.language)
    if (page) {
      paragraphs = page.paragraphs
      if (page.header.length > 0)
        file.message(
          `${format}-manuscript-header`,
          `Left out the manuscript's header above the title (${page.header.length} line${page.header.length === 1 ? '' : 's'}: "${clip(page.header.map((p) => p.text).join(' / '), 60)}"): the author's address and word count are for an editor, not the book`,
          at(page.header[0]!.n),
          format,
        )
    } else paragraphs = titlePage(paragraphs, options.language)
  }
  const titled = paragraphs.filter(
    (b): b is DocParagraph => b.kind === 'paragraph' && TITLE_STYLES.has(b.style.name),
  )
  if (titled.length > 0) {
    const title = titled.find((p) => p.style.name === 'title' && p.text !== '')
    const subtitle = titled.find((p) => p.style.name === 'subtitle' && p.text !== '')
    if (title) {
      metadata.title = title.text
      if (title.style.lineage.includes(TYPED)) titleContent = title.content
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
    ? new Map<DocParagraph, DirectHeading>()
    : directHeadings(paragraphs, options.language)

  const items = joinTitles(toItems(paragraphs, direct, verseLines(paragraphs)), options.language)
  const headings = items.filter((i): i is Extract<Item, { kind: 'heading' }> => i.kind === 'heading')
  const infos: HeadingInfo[] = headings.map((h) => {
    const index = items.indexOf(h)
    const next = items[index + 1]
    return {
      depth: h.depth,
      text: h.text,
      ...(next?.kind === 'heading' ? { bare: true } : {}),
      ...(h.opens ? { opens: true } : {}),
    }
  })
  const plan = planSplit(infos, options.language)
  // A story with no chapter headings under its title page: one chapter, titled as the book is.
  const storyTitle = headings.length === 0 && titleContent && !plan ? normalizeSpace(titleContent) : undefined
  const result = plan
    ? splitResult(items, headings, plan, input, pageStarts(paragraphs))
    : oneChapter(items, headings, input, pageStarts(paragraphs), storyTitle)
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

/** A word count as a manuscript's first page gives it: "About 3,100 words", "approx. 80k words". */
const WORD_COUNT = /\b(?:about|approx(?:\.|imately)?|circa|ca\.|~)?\s*[\d][\d,.\s]*k?\s+words\b/i

/**
 * Page one of a manuscript in standard manuscript format (Shunn's, what magazines and agents ask
 * for): the author's name, address and e-mail at the top left and the word count at the top right
 * ("About 3,100 words", after tabs or in a paragraph of its own), then, halfway down, the title
 * centred (plain or bold, often in capitals) over "by NAME". The centred title and by-line name
 * the book, as a title page does; the header above them is left out, said once: it is for an
 * editor, not a reader. Only a by-line under a centred title is trusted, and a header only when it
 * is short lines that give a word count or start with the by-line's name. The title keeps the
 * author's words (capitals included): a casing changed by rule would spoil "NASA" or "McBRIDE".
 */
function manuscriptPage(
  blocks: DocBlock[],
  language: string,
): { paragraphs: DocBlock[]; header: DocParagraph[] } | undefined {
  const top: DocParagraph[] = []
  for (const b of blocks) {
    if (b.kind !== 'paragraph') break
    if (b.text === '') continue
    if (top.length > 0 && b.pageBreakBefore) break
    top.push(b)
    if (top.length >= 12) break
  }
  const byAt = top.findIndex(
    (p, i) =>
      i > 0 &&
      p.align === 'center' &&
      p.text.length <= 80 &&
      /^by\s+\S/i.test(p.text) &&
      NAME_LIKE.test(p.text),
  )
  if (byAt < 0) return undefined
  const byLine = top[byAt]!
  const title = top[byAt - 1]!
  if (title.align !== 'center' || title.text.length > 100 || parseHeading(title.text, language) !== undefined)
    return undefined
  const header = top.slice(0, byAt - 1)
  const author = byLine.text.replace(/^by\s+/i, '')
  if (
    header.length > 0 &&
    (header.length > 8 ||
      header.some((p) => p.text.length > 100 || p.align === 'center') ||
      !header.some((p) => WORD_COUNT.test(p.text) || p.text.startsWith(author)))
  )
    return undefined
  const dropped = new Set<DocBlock>([...header, byLine])
  const out: DocBlock[] = []
  for (const b of blocks) {
    if (dropped.has(b)) continue
    if (b === title) {
      out.push({ ...title, style: { ...title.style, name: 'title', lineage: ['title', TYPED] } })
      out.push({ ...byLine, style: { ...byLine.style, name: 'author', lineage: ['author', TYPED] } })
      continue
    }
    out.push(b)
  }
  return { paragraphs: out, header }
}

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
function directHeadings(blocks: DocBlock[], language: string): Map<DocParagraph, DirectHeading> {
  const paragraphs = blocks.filter((b): b is DocParagraph => b.kind === 'paragraph')
  const bodySize = commonSize(paragraphs)
  const distinct = (p: DocParagraph) =>
    p.align === 'center' || p.allBold || (p.size > 0 && bodySize > 0 && p.size >= bodySize * 1.2)
  const short = (p: DocParagraph) =>
    p.text.length <= 80 && p.text.split(' ').length <= 12 && !/[.!?,;:]["”’»]?$/.test(p.text)
  const found = new Map<DocParagraph, DirectHeading>()
  let firstLine: DocParagraph | undefined
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
    if (startsPage && set && short(p)) {
      found.set(p, { depth: isFirst ? 1 : 2, content: p.content, opens: !isFirst })
      if (isFirst) firstLine = p
    }
  }
  // The first line looking as the titles on the pages after it do ("Flood" over its text, then
  // "Ebb" and "Slack Water" each on a new page) is the first of them, not the book's title; one
  // with nothing under it, or set apart differently, still titles the book.
  const look = (p: DocParagraph) => `${p.align ?? ''}|${p.allBold}|${p.size}`
  if (firstLine) {
    const after = paragraphs[paragraphs.indexOf(firstLine) + 1]
    const titled = after && after.text !== '' && found.has(after)
    const alike = [...found].some(([p, h]) => h.opens && look(p) === look(firstLine!))
    if (!titled && alike) found.set(firstLine, { depth: 2, content: firstLine.content, opens: true })
  }
  return found
}

/**
 * A bare "Chapter One" heading with a short heading one level down straight under it ("Heading 1:
 * Chapter One", "Heading 2: The Storm"): the second is the chapter's title, joined as a typed
 * "Chapter One" over "The Storm" is ("Chapter One: The Storm"), not a section of its text. When
 * more headings of that level follow in the chapter ("Morning", "Evening"), they are its sections.
 * So is a short line set apart under it (`titleUnder`).
 */
function joinTitles(items: Item[], language: string): Item[] {
  const out: Item[] = []
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    const title = item.kind === 'heading' ? titleUnder(items, i, language) : undefined
    if (item.kind === 'heading' && title) {
      const content: PhrasingContent[] = [...item.content, { type: 'text', value: ': ' }, ...title]
      out.push({ ...item, content, text: toText(content).trim() })
      i++
      continue
    }
    out.push(item)
  }
  return out
}

/**
 * The title straight under the heading `items[i]` when that heading is a label and number alone
 * ("Chapter One"): a short heading one level down, or the same title as a short line set apart
 * (centred, or all in italics or bold: "Chapter One" over a centred, italic "The Storm"), not a
 * paragraph of the story. Undefined for anything else.
 */
function titleUnder(items: Item[], i: number, language: string): PhrasingContent[] | undefined {
  const item = items[i]!
  const next = items[i + 1]
  if (item.kind !== 'heading') return undefined
  const parsed = parseHeading(item.text, language)
  if (parsed?.label === undefined || parsed.title !== undefined || parsed.kind === 'part') return undefined
  if (next?.kind === 'heading') {
    const short = next.text.length <= 80 && next.text.split(' ').length <= 12
    return next.depth === item.depth + 1 &&
      short &&
      parseHeading(next.text, language) === undefined &&
      !sectioned(items, i + 2, item.depth, next.depth)
      ? next.content
      : undefined
  }
  const title = next?.kind === 'block' ? setApartTitle(next.block) : undefined
  return title && parseHeading(toText(title), language) === undefined ? title : undefined
}

/**
 * A paragraph's content when it reads as a title set apart: one short line (at most 80
 * characters, 12 words) with no sentence end or dialogue, centred or all in one emphasis, whose
 * emphasis is then the title's look and left off. Undefined for anything else.
 */
function setApartTitle(block: BlockContent): PhrasingContent[] | undefined {
  if (block.type !== 'paragraph') return undefined
  const text = toText(block.children).trim()
  if (text === '' || text.length > 80 || text.split(/\s+/).length > 12) return undefined
  if (/[.!?…,;:]["”’')]*$/.test(text) || /^["“‘'—–-]/.test(text) || text.includes('\n')) return undefined
  const inked = block.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''))
  const emphasised =
    inked.length > 0 && inked.every((c) => c.type === 'emphasis')
      ? 'emphasis'
      : inked.length > 0 && inked.every((c) => c.type === 'strong')
        ? 'strong'
        : undefined
  if (block.align !== 'center' && !emphasised) return undefined
  return emphasised
    ? block.children.flatMap((c) => (c.type === emphasised ? c.children : [c]))
    : block.children
}

/** Another heading at `depth` before the next one at `above` or higher: the chapter has sections. */
function sectioned(items: Item[], from: number, above: number, depth: number): boolean {
  for (let i = from; i < items.length; i++) {
    const item = items[i]!
    if (item.kind !== 'heading') continue
    if (item.depth <= above) return false
    if (item.depth === depth) return true
  }
  return false
}

/** A heading set all in bold: the bold is its look (a heading is bold anyway), not emphasis. */
function unbold(content: PhrasingContent[]): PhrasingContent[] {
  const inked = content.filter((c) => !(c.type === 'text' && c.value.trim() === ''))
  if (inked.length === 0 || !inked.every((c) => c.type === 'strong')) return content
  return content.flatMap((c) => (c.type === 'strong' ? c.children : [c]))
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
  direct: Map<DocParagraph, DirectHeading>,
  verse: Map<DocParagraph, VerseParagraph>,
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
    // Deleted as a tracked change: not there, not even as an empty paragraph.
    if (b.deleted) continue
    const position = at(b.n)
    const heading = direct.get(b)
    if (heading?.depth === -1) continue
    const depth = heading?.depth ?? (direct.size === 0 ? headingDepth(b) : undefined)
    const spaced = normalizeSpace(heading?.content ?? b.content)
    // A poem's lines keep their indents (dropped with the rest of the white space above).
    const lines = depth === undefined ? verse.get(b) : undefined
    const content = lines ? indentLines(spaced, lines.counts) : spaced
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
      const title = inLanguage(b, unbold(content))
      const text = toText(title).trim()
      items.push({
        kind: 'heading',
        depth,
        content: title,
        text,
        n: b.n,
        ...(heading?.opens ? { opens: true } : {}),
      })
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
          ? inLanguage(next, normalizeSpace(next.content))
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
  const { lang, dir } = paragraphNode(b, content)
  return {
    type: 'paragraph',
    ...(align ? { align } : {}),
    ...(lang ? { lang } : {}),
    ...(dir ? { dir } : {}),
    children: content,
    position,
  }
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
  all: Item[],
  headings: Array<Extract<Item, { kind: 'heading' }>>,
  input: StructureInput,
  pages: number[],
  storyTitle?: PhrasingContent[],
): ReadResult {
  const front = storyFrontMatter(all, pages, input)
  const items = front?.rest ?? all
  const first = items.find((i) => !(i.kind === 'block' && i.blank))
  let chapter: HeadingFields | undefined
  let part: HeadingFields | undefined
  const level = headings.length > 0 ? Math.min(...headings.map((h) => h.depth)) : 1
  const blocks: BlockContent[] = []
  if (storyTitle) chapter = { ...headingFields(storyTitle, input.options.language), kind: 'chapter' }
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
  const result = assemble(
    {
      ...(part ? { part } : {}),
      ...(chapter ? { chapter } : {}),
      children: groups[0]!,
      position: { start: { line: 1, column: 1 }, end: { line: last, column: 1 } },
    },
    input.file.path,
    input.options,
  )
  if (front) result.metadata = { ...result.metadata, ...front.metadata }
  return result
}

function splitResult(
  items: Item[],
  headings: Array<Extract<Item, { kind: 'heading' }>>,
  plan: NonNullable<ReturnType<typeof planSplit>>,
  input: StructureInput,
  pages: number[],
): ReadResult {
  const { file, options } = input
  const openers = new Map<Item, boolean>()
  for (const o of plan.openers) openers.set(headings[o.index]!, o.part)
  const chapterLevel = Math.min(...plan.openers.filter((o) => !o.part).map((o) => headings[o.index]!.depth))
  const titleItem = plan.title !== undefined ? headings[plan.title] : undefined
  const groups: BlockContent[][] = [[]]
  const preamble: Item[] = []
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
    if (groups.length === 1) preamble.push(item)
    groups.at(-1)!.push(item.kind === 'heading' ? innerHeading(item, chapterLevel) : item.block)
  }
  // Whole pages before the page the first chapter starts on are front matter, not its opening.
  const front = title ? undefined : frontMatter(preamble, marks[0], pages, input)
  if (front) groups[0] = front.opening
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
  if (front) {
    result.children.unshift(...front.chapters)
    if (Object.keys(front.metadata).length > 0) result.metadata = { ...result.metadata, ...front.metadata }
  }
  markBackMatter(result, input.options)
  return result
}

/** The paragraph numbers a new page starts at (a page or section break before them). */
function pageStarts(blocks: DocBlock[]): number[] {
  return blocks.filter((b) => b.kind === 'paragraph' && b.pageBreakBefore).map((b) => b.n)
}

const COPYRIGHT = /©|\(c\)\s*\d{4}|\bcopyright\b|\bisbn\b|all rights reserved/i
/** "All rights reserved." (any case, its full stop or not) at the end of a © line. */
const RESERVED = /[\s.;,—–-]*\b(all rights reserved\b\.?)\s*$/i
/** A line that is only "All rights reserved." */
const RESERVED_LINE = /^all rights reserved\b\.?$/i

/**
 * A © line's words as the book's: the claim as the `copyright` ("Copyright © 2026 Jane Poet",
 * its full stop aside, as book.yaml writes it), and an "All rights reserved." closing it as the
 * `rights`, as written; the copyright page prints both, so none of the line is lost.
 */
function copyrightOf(line: string): Pick<Metadata, 'copyright' | 'rights'> {
  const reserved = RESERVED.exec(line)
  const claim = (reserved ? line.slice(0, reserved.index) : line).replace(/[.\s]+$/, '')
  const rights = reserved?.[1]
  if (!claim) return rights ? { rights } : {}
  return rights ? { copyright: claim, rights } : { copyright: claim }
}
const CONTENTS = /^(?:table of )?contents$/i
const DASH = /^\s*[—―–-]+\s*/

/**
 * Pages before the page the first chapter (or part) starts on: a manuscript's front matter. A
 * dedication page and an epigraph page become the book's dedication and epigraph, which Octavo
 * prints on pages of its own; a copyright page and a typed contents page are left out, as Octavo
 * makes both (a copyright line it has is kept as the book's `copyright`); any other page (a
 * foreword without a heading) is an untitled front-matter chapter. Text on the first chapter's own
 * page (an epigraph right above "Chapter 1") still opens that chapter. Undefined when the first
 * chapter does not start a new page, or nothing stands before it.
 */
function frontMatter(
  preamble: Item[],
  first: HeadingFields | undefined,
  pages: number[],
  input: StructureInput,
): { opening: BlockContent[]; chapters: Chapter[]; metadata: Partial<Metadata> } | undefined {
  const blocks = preamble.filter((i): i is Extract<Item, { kind: 'block' }> => i.kind === 'block' && !i.blank)
  if (blocks.length === 0 || !first?.position) return undefined
  const groups = pagesOf(blocks, pages)
  const last = blocks.at(-1)!.n
  const firstLine = first.position.start.line
  const onOwnPage = pages.some((p) => p > last && p <= firstLine)
  const opening = onOwnPage ? [] : groups.pop()!.map((i) => i.block)
  if (groups.length === 0) return undefined

  const read = frontPages(groups, input, false)
  if (!read) return undefined
  const format = input.format ?? SOURCE
  input.file.message(
    `${format}-front-matter`,
    `The page${groups.length === 1 ? '' : 's'} before the first chapter ${groups.length === 1 ? 'was' : 'were'} read as front matter: ${read.said.join(', ')}; book.yaml would win`,
    at(groups[0]![0]!.n),
    format,
  )
  return { opening, chapters: read.chapters, metadata: read.metadata }
}

type BlockItem = Extract<Item, { kind: 'block' }>

/** The blocks grouped into pages: a page starts where a break stands between a block and the last. */
function pagesOf(blocks: BlockItem[], pages: number[]): BlockItem[][] {
  const groups: BlockItem[][] = []
  let last = 0
  for (const item of blocks) {
    const start = item.block.position?.start.line ?? item.n
    if (groups.length === 0 || pages.some((p) => p > last && p <= start)) groups.push([])
    groups.at(-1)!.push(item)
    last = item.n
  }
  return groups
}

/**
 * How a dedication opens when only its look sets it apart from a story's first line or title:
 * "For Anna", "To my wife", "In memory of…", "Dedicated to…" ("For a week…", "To Kill a
 * Mockingbird" are no dedication).
 */
const DEDICATION =
  /^(?:(?:[Ff]or|[Tt]o)\s+(?:my|our|the memory of|\p{Lu}[\p{L}'’.-]*(?:\s+(?:and|&)\s+\p{Lu}[\p{L}'’.-]*)?(?:[,.;:!—–]|$))|(?:[Ii]n (?:loving )?memory of|[Dd]edicated to|[Pp]our|À|[Ff]ür|[Pp]ara|[Pp]er|[Vv]oor)\s)/u

/**
 * The front matter of a file that stays one chapter (a short story): a copyright line, a
 * dedication or an epigraph at its start, before the story, become the book's, as pages before
 * a first chapter do (`frontMatter`). Set apart, they are: on pages of their own (a page break
 * after them), or, with no break, a few short centred or italic lines over the story's plain ones.
 * Only what reads as one of the three is taken, a dedication only when it opens as one ("For…",
 * "In memory of…"; a line so set apart was read as the story's title, and is taken back): a story
 * opening with prose, or with its title or any other set-apart line, reads as it always has.
 */
function storyFrontMatter(
  items: Item[],
  pages: number[],
  input: StructureInput,
): { rest: Item[]; metadata: Partial<Metadata> } | undefined {
  // The blocks before the story's first heading (or its 20th line), blank lines included.
  const lead: BlockItem[] = []
  const origin = new Map<BlockItem, Item>()
  const apartByLook = new Set<BlockItem>()
  let heading: Item | undefined
  for (const item of items) {
    if (item.kind === 'heading') {
      if (!(DEDICATION.test(item.text) && item.text.length <= 80)) {
        heading = item
        break
      }
      const block: BlockItem = {
        kind: 'block',
        block: { type: 'paragraph', children: item.content, position: at(item.n) },
        n: item.n,
      }
      origin.set(block, item)
      apartByLook.add(block)
      lead.push(block)
    } else lead.push(item)
    if (lead.length > 30) break
  }
  const head = lead.filter((i) => !i.blank)
  if (head.length === 0) return undefined
  const take = (front: BlockItem[], groups: BlockItem[][], what: string) => {
    const read = frontPages(groups, input, true)
    if (!read || read.chapters.length > 0 || Object.keys(read.metadata).length === 0) return undefined
    const format = input.format ?? SOURCE
    input.file.message(
      `${format}-front-matter`,
      `${what} before the story ${front.length === 1 ? 'was' : 'were'} read as front matter: ${read.said.join(', ')}; book.yaml would win`,
      at(front[0]!.n),
      format,
    )
    const last = front.at(-1)!
    const end = items.indexOf(origin.get(last) ?? last) + 1
    return { rest: items.slice(end), metadata: read.metadata }
  }

  // Pages of their own: every page but the story's first, which runs on (or, when a heading
  // opens the story on a page of its own, every page before it).
  const groups = pagesOf(head, pages)
  const headingPage = heading && pages.some((p) => p > head.at(-1)!.n && p <= heading.n)
  for (let k = groups.length - (heading && headingPage ? 0 : 1); k > 0; k--) {
    const front = groups.slice(0, k)
    const found = take(front.flat(), front, front.length === 1 ? 'The page' : 'The pages')
    if (found) return found
  }

  // Lines set apart by their look, a story in plain paragraphs after them.
  const apart = (i: BlockItem) => {
    const b = i.block
    if (textOfBlock(b).length > 200) return false
    if (b.type === 'blockquote' || apartByLook.has(i)) return true
    if (b.type !== 'paragraph') return false
    const italic = b.children.every(
      (c) => c.type === 'emphasis' || c.type === 'break' || (c.type === 'text' && c.value.trim() === ''),
    )
    return b.align === 'center' || italic
  }
  const plain = head.findIndex((i) => !apart(i))
  // All set apart up to a heading: the lines above the story's title.
  const run = plain >= 0 ? head.slice(0, plain) : heading ? head : []
  const after = head[run.length]
  if (run.length === 0 || run.length > 6 || !(after || heading)) return undefined
  if (after && after.block.type !== 'paragraph') return undefined
  // Pieces: what blank lines part; a dedication's line over an epigraph with its source.
  const pieces: BlockItem[][] = [[]]
  for (const item of lead.slice(0, lead.indexOf(run.at(-1)!) + 1)) {
    if (item.blank) {
      if (pieces.at(-1)!.length > 0) pieces.push([])
    } else pieces.at(-1)!.push(item)
  }
  const parted = pieces.flatMap((piece) =>
    piece.length > 2 &&
    DEDICATION.test(textOfBlock(piece[0]!.block)) &&
    DASH.test(textOfBlock(piece.at(-1)!.block))
      ? [piece.slice(0, 1), piece.slice(1)]
      : [piece],
  )
  return take(run, parted, run.length === 1 ? 'The line' : 'The lines')
}

const textOfBlock = (b: BlockContent) =>
  toText('children' in b ? (b.children as PhrasingContent[]) : []).trim()

/**
 * What front-matter pages are: a dedication, an epigraph, a copyright page, a typed contents page,
 * or (unless `strict`) an untitled front-matter chapter. Strict, a page that is none of the four
 * makes the whole undefined, and a copyright or dedication page must say so in its words: a
 * story's opening is never taken for front matter on a guess.
 */
function frontPages(
  groups: BlockItem[][],
  input: StructureInput,
  strict: boolean,
): { chapters: Chapter[]; metadata: Partial<Metadata>; said: string[] } | undefined {
  const { file } = input
  const metadata: Partial<Metadata> = {}
  const chapters: Chapter[] = []
  const said: string[] = []
  const lines = (page: BlockContent[]) =>
    page
      .flatMap((b) =>
        b.type === 'blockquote'
          ? b.children.map((c) => textOfBlock(c))
          : b.type === 'paragraph'
            ? [textOfBlock(b)]
            : [],
      )
      .filter((t) => t !== '')
  // A dedication over an epigraph in a Quote style, on one page: each is itself.
  // A typed contents list ends at its last entry (a title and a page number): what follows on
  // its page (a dedication) is a page of its own.
  const itemText = (i: BlockItem) => textOfBlock(i.block)
  // A by-line left under the Title style (its name a field that was never filled in) is no page.
  if (groups.every((g) => g.length === 1 && /^by\b/i.test(itemText(g[0]!)))) return undefined
  const parted = groups.flatMap((group) => {
    if (!CONTENTS.test(itemText(group[0]!))) return [group]
    let end = 1
    while (end < group.length && /\d+$/.test(itemText(group[end]!))) end++
    return end < group.length ? [group.slice(0, end), group.slice(end)] : [group]
  })
  const pieces = parted.flatMap((group) => {
    const quoteAt = group.findIndex((i) => i.block.type === 'blockquote')
    return quoteAt > 0 && group.slice(quoteAt).every((i) => i.block.type === 'blockquote')
      ? [group.slice(0, quoteAt), group.slice(quoteAt)]
      : [group]
  })
  for (const group of pieces) {
    const page = group.map((i) => i.block)
    const words = lines(page)
    const prose = page.every((b) => b.type === 'paragraph' || b.type === 'blockquote')
    const text = words.join(' ')
    if (prose && CONTENTS.test(words[0] ?? '')) {
      said.push('a typed contents page (left out: the book makes its own)')
      continue
    }
    // Strict, the © line itself must be a short one: a story's first page that mentions
    // copyright in passing is no copyright page.
    const copyright = strict ? words.some((w) => w.length <= 200 && COPYRIGHT.test(w)) : COPYRIGHT.test(text)
    if (prose && copyright && text.length <= 1200) {
      const line = words.find((w) => /©|\bcopyright\b/i.test(w))
      const kept = line && !metadata.copyright ? copyrightOf(line) : undefined
      if (kept) Object.assign(metadata, kept)
      // "All rights reserved." on a line of its own is the book's rights too.
      const reserved = words.find((w) => RESERVED_LINE.test(w))
      if (reserved && !metadata.rights) metadata.rights = reserved
      said.push(
        `a copyright page (left out: Octavo makes its own from book.yaml; its © line was kept as the copyright${metadata.rights ? ', and its rights' : ''})`,
      )
      continue
    }
    const short = prose && words.length > 0 && words.length <= 6 && text.length <= 400
    const quoted = page.every((b) => b.type === 'blockquote')
    const sourced = words.length >= 2 && DASH.test(words.at(-1)!)
    if (short && (quoted || sourced) && !metadata.epigraph) {
      const source = sourced ? words.at(-1)!.replace(DASH, '') : undefined
      metadata.epigraph = {
        text: (sourced ? words.slice(0, -1) : words).join('\n'),
        ...(source ? { source } : {}),
      }
      said.push('an epigraph')
      continue
    }
    // Strict, a dedication must also open as one: a story's title page is none.
    if (
      short &&
      words.length <= 3 &&
      words.every((w) => w.length <= 80) &&
      !(strict && !DEDICATION.test(words[0]!)) &&
      !metadata.dedication
    ) {
      metadata.dedication = words.join('\n')
      said.push('a dedication')
      continue
    }
    if (strict) return undefined
    const children = trimBlanks(page)
    const chapter: Chapter = { type: 'chapter', matter: 'front', kind: 'other', file: file.path, children }
    const span = { start: children[0]?.position?.start, end: children.at(-1)?.position?.end }
    if (span.start && span.end) chapter.position = { start: span.start, end: span.end }
    chapters.push(chapter)
    said.push('an untitled front-matter page')
  }
  return { chapters, metadata, said }
}

/**
 * "About the Author", a glossary or acknowledgements after the last numbered chapter: back matter,
 * as a book sets them, unless the file was given front or back matter as a whole.
 */
function markBackMatter(result: ReadResult, options: ReaderOptions): void {
  // A whole manuscript is read as body matter by default; a file given front or back keeps it.
  if (options.matter !== undefined && options.matter !== 'body') return
  const BACK = new Set(['acknowledgments', 'appendix', 'other'])
  const flat = result.children.flatMap((c) => (c.type === 'part' ? c.children : [c]))
  for (let i = flat.length - 1; i >= 0; i--) {
    const c = flat[i]!
    if (c.type !== 'chapter' || c.matter !== 'body' || !BACK.has(c.kind) || c.label === undefined) break
    c.matter = 'back'
  }
}
