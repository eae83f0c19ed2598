/**
 * A FictionBook's text body to chapters. The first `<body>` is the book: its own `<title>` and
 * `<epigraph>`s are its title page (the title is the description's, the epigraph the book's),
 * and its `<section>`s are the chapters, or parts holding chapters (`isPart`). Sections below a
 * chapter are its subheadings; an untitled one is a scene, set off by a scene break. Notes are
 * the sections of the notes body that note links point at: each becomes a footnote of the
 * chapter citing it, its title (the note's own mark) dropped. Pictures are `<binary>`s, taken in
 * by the reader (`Ctx.image`). Everything here walks the element tree the XML layer built, whose
 * depth it has already bounded.
 */
import type {
  BlockContent,
  Blockquote,
  Chapter,
  FootnoteDefinition,
  Heading,
  Image,
  Matter,
  Part,
  PhrasingContent,
  Point,
  Position,
  Table,
  TableCell,
  TableRow,
  Verse,
  VerseLine,
} from '../../model/types.js'
import { toText } from '../../model/walk.js'
import { headingFields, makePart } from '../shared/chapter.js'
import { isOrnament } from '../shared/ornament.js'
import { mergeText, normalizeSpace, trimInline } from '../shared/phrasing.js'
import { attribute, elements, textOf, type XmlElement } from '../shared/xml.js'

/** Where something was left out, and how often: one diagnostic per kind, naming the first place. */
export interface Tally {
  count: number
  first?: Point
  /** The first one's id or name, for the message. */
  what?: string
}

export interface Ctx {
  language: string
  matter: Matter
  path: string
  /** The book-relative path of the picture a `#id` names, or undefined (counted by the reader). */
  image(href: string, at: XmlElement): string | undefined
  /** Note sections (of the notes and comments bodies) by id. */
  notes: Map<string, XmlElement>
  /** Empty lines are the file's paragraph spacing: a lone one is not a scene break. */
  spacing: boolean
  missingNotes: Tally
  /** Note links already counted in `missingNotes`. */
  counted: Set<XmlElement>
  /** Note ids some chapter cites. */
  cited: Set<string>
  /** The book's title and authors' names, lower-cased: what a converter's title page says. */
  titlePage: Set<string>
  /** A converter's title page was left out (its place). */
  titlePageAt?: Point
}

/** The notes a chapter cites, in order of first citation, made when the chapter is done. */
interface ChapterNotes {
  order: string[]
  seen: Set<string>
}

const point = (el: XmlElement): Point => ({ line: el.line, column: el.column })
const positionOf = (el: XmlElement): Position => ({ start: point(el), end: point(el) })

const SAFE_URL = /^(?:https?:|mailto:)/i

// ---------------------------------------------------------------------------------- inlines

/** Inline content of an element (`p`, `v`, `subtitle`, a cell), as written, white space not yet collapsed. */
function inlines(el: XmlElement, ctx: Ctx, notes: ChapterNotes | undefined): PhrasingContent[] {
  const out: PhrasingContent[] = []
  const at = positionOf(el)
  for (const c of el.children) {
    if (typeof c === 'string') {
      if (c !== '') out.push({ type: 'text', value: c, position: at })
      continue
    }
    const wrap = (type: 'emphasis' | 'strong' | 'delete' | 'subscript' | 'superscript') => {
      const children = inlines(c, ctx, notes)
      // A note link set as a superscript (<sup><a type="note">1</a></sup>) is the reference alone.
      const marks = children.filter((n) => !(n.type === 'text' && n.value.trim() === ''))
      if (type === 'superscript' && marks.length === 1 && marks[0]!.type === 'footnoteReference') {
        out.push(marks[0]!)
        return
      }
      if (children.length > 0) out.push({ type, children, position: positionOf(c) })
    }
    switch (c.local) {
      case 'emphasis':
        wrap('emphasis')
        break
      case 'strong':
        wrap('strong')
        break
      case 'strikethrough':
        wrap('delete')
        break
      case 'sub':
        wrap('subscript')
        break
      case 'sup':
        wrap('superscript')
        break
      case 'code': {
        const value = rawText(c)
        if (value !== '') out.push({ type: 'code', value, position: positionOf(c) })
        break
      }
      case 'a':
        link(c, ctx, notes, out)
        break
      case 'image': {
        const image = imageOf(c, ctx)
        if (image) out.push(image)
        break
      }
      // `<style name="…">` (a named style) and anything unknown: its text.
      default:
        out.push(...inlines(c, ctx, notes))
        break
    }
  }
  return out
}

/** An element's text as written (code keeps its spaces). */
function rawText(el: XmlElement): string {
  let text = ''
  const stack: Array<XmlElement | string> = [el]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (typeof node === 'string') text += node
    else for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
  return text
}

/** A link: a note's reference, a web link, or (to a place in the book, or nowhere) its text. */
function link(el: XmlElement, ctx: Ctx, notes: ChapterNotes | undefined, out: PhrasingContent[]): void {
  const href = (attribute(el, 'href') ?? '').trim()
  if (href.startsWith('#')) {
    const id = href.slice(1)
    if (ctx.notes.has(id)) {
      // Outside a chapter (a part's title) a note has nowhere to go: its mark is dropped with it.
      if (!notes) return
      if (!notes.seen.has(id)) {
        notes.seen.add(id)
        notes.order.push(id)
      }
      const label = textOf(el).replace(/^\[|\]$/g, '')
      out.push({
        type: 'footnoteReference',
        identifier: id,
        ...(label ? { label } : {}),
        position: positionOf(el),
      })
      return
    }
    // A title is read more than once (to tell parts from chapters): each link counts once.
    if (attribute(el, 'type') === 'note' && !ctx.counted.has(el)) {
      ctx.counted.add(el)
      ctx.missingNotes.count++
      if (!ctx.missingNotes.first) {
        ctx.missingNotes.first = point(el)
        ctx.missingNotes.what = href
      }
    }
    // A link to a section of the book: the book's contents are Octavo's, so its text alone.
    out.push(...inlines(el, ctx, notes))
    return
  }
  const children = inlines(el, ctx, notes)
  if (SAFE_URL.test(href) && children.length > 0)
    out.push({ type: 'link', url: href, children: withoutLinks(children), position: positionOf(el) })
  else out.push(...children)
}

/** Links inside a link (which the model forbids) as their text. */
function withoutLinks(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.flatMap((n) =>
    n.type === 'link'
      ? withoutLinks(n.children)
      : 'children' in n
        ? [{ ...n, children: withoutLinks(n.children) } as PhrasingContent]
        : [n],
  )
}

function imageOf(el: XmlElement, ctx: Ctx): Image | undefined {
  const url = ctx.image(attribute(el, 'href') ?? '', el)
  if (!url) return undefined
  const image: Image = { type: 'image', url, position: positionOf(el) }
  const alt = (attribute(el, 'alt') ?? attribute(el, 'title') ?? '').replace(/\s+/g, ' ').trim()
  if (alt) image.alt = alt
  return image
}

/** Inline content laid out as a line: white space collapsed, runs joined. */
function line(el: XmlElement, ctx: Ctx, notes: ChapterNotes | undefined): PhrasingContent[] {
  return mergeText(normalizeSpace(inlines(el, ctx, notes)))
}

// ---------------------------------------------------------------------------------- blocks

/** A paragraph has something to show: text that is not white space, or a picture. */
function shows(content: PhrasingContent[]): boolean {
  return content.length > 0 && (toText(content).trim() !== '' || hasAtom(content))
}

function hasAtom(nodes: PhrasingContent[]): boolean {
  return nodes.some(
    (n) => n.type === 'image' || n.type === 'footnoteReference' || ('children' in n && hasAtom(n.children)),
  )
}

interface Walk {
  ctx: Ctx
  notes: ChapterNotes | undefined
  /** Depth of the headings a subsection opens here (2 in a chapter). */
  depth: number
}

/**
 * The blocks of a container (a section's body, a cite, an epigraph, a note), `skip`ping the
 * elements its caller reads itself (a section's title). Empty lines between paragraphs are
 * scene breaks where the file does not use them for spacing (`Ctx.spacing`); two or more are
 * one anywhere.
 */
function blocks(
  container: XmlElement,
  walk: Walk,
  out: BlockContent[],
  prose = true,
  skip?: XmlElement,
): void {
  let blank = 0
  let blankAt: XmlElement | undefined
  const push = (block: BlockContent) => {
    const prev = out[out.length - 1]
    if (
      prose &&
      blank > 0 &&
      (blank >= 2 || !walk.ctx.spacing) &&
      block.type === 'paragraph' &&
      prev?.type === 'paragraph'
    )
      out.push({ type: 'sceneBreak', marker: '(blank)', position: positionOf(blankAt!) })
    blank = 0
    out.push(block)
  }
  const { ctx, notes } = walk
  for (const el of elements(container)) {
    if (el === skip) continue
    switch (el.local) {
      case 'title':
        break
      case 'p': {
        const content = line(el, ctx, notes)
        if (shows(content)) push({ type: 'paragraph', children: content, position: positionOf(el) })
        else if (blank++ === 0) blankAt = el
        break
      }
      case 'empty-line':
        if (blank++ === 0) blankAt = el
        break
      case 'subtitle': {
        const content = line(el, ctx, notes)
        if (!shows(content)) break
        const text = toText(content).trim()
        if (isOrnament(text)) {
          blank = 0
          out.push({ type: 'sceneBreak', marker: text, position: positionOf(el) })
        } else
          push({
            type: 'heading',
            depth: Math.min(6, walk.depth) as Heading['depth'],
            children: content,
            position: positionOf(el),
          })
        break
      }
      case 'epigraph':
      case 'cite':
      case 'annotation': {
        const quote: Blockquote = { type: 'blockquote', children: [], position: positionOf(el) }
        blocks(el, { ...walk }, quote.children, false)
        if (quote.children.length > 0) push(quote)
        break
      }
      case 'text-author':
      case 'date': {
        const content = line(el, ctx, notes)
        if (shows(content))
          push({ type: 'paragraph', align: 'right', children: content, position: positionOf(el) })
        break
      }
      case 'poem':
        poem(el, walk, push)
        break
      case 'table': {
        const table = tableOf(el, walk)
        if (table) push(table)
        break
      }
      case 'image': {
        const image = imageOf(el, ctx)
        if (image) {
          const caption = (attribute(el, 'title') ?? '').replace(/\s+/g, ' ').trim()
          push({
            type: 'figure',
            image,
            ...(caption ? { caption: [{ type: 'text', value: caption }] } : {}),
            position: positionOf(el),
          })
        }
        break
      }
      case 'section':
        section(el, walk, out)
        blank = 0
        break
      default: {
        // Something the schema does not put here (a stray inline): its text as a paragraph.
        const content = line(el, ctx, notes)
        if (shows(content)) push({ type: 'paragraph', children: content, position: positionOf(el) })
      }
    }
  }
}

/** A subsection inside a chapter: its title a heading (untitled: a scene break), then its blocks. */
function section(el: XmlElement, walk: Walk, out: BlockContent[]): void {
  const title = titleLines(el, walk.ctx, walk.notes)
  if (title.length > 0) {
    const children: PhrasingContent[] = []
    for (const [i, t] of title.entries()) {
      if (i > 0) children.push({ type: 'break' })
      children.push(...t)
    }
    out.push({
      type: 'heading',
      depth: Math.min(6, walk.depth) as Heading['depth'],
      children,
      position: positionOf(el),
    })
  } else if (out.length > 0) out.push({ type: 'sceneBreak', position: positionOf(el) })
  blocks(el, { ...walk, depth: walk.depth + 1 }, out)
}

/** A poem: its title and epigraphs, each stanza a verse, its author and date after. */
function poem(el: XmlElement, walk: Walk, push: (block: BlockContent) => void): void {
  const { ctx, notes } = walk
  for (const c of elements(el)) {
    switch (c.local) {
      case 'title':
      case 'subtitle': {
        const lines = c.local === 'title' ? titleLines(el, ctx, notes, c) : [line(c, ctx, notes)]
        for (const content of lines)
          if (shows(content))
            push({
              type: 'paragraph',
              children: [{ type: 'strong', children: content }],
              position: positionOf(c),
            })
        break
      }
      case 'epigraph': {
        const quote: Blockquote = { type: 'blockquote', children: [], position: positionOf(c) }
        blocks(c, walk, quote.children, false)
        if (quote.children.length > 0) push(quote)
        break
      }
      case 'stanza': {
        // A stanza's own title or subtitle heads it; its lines are the verse.
        for (const head of elements(c))
          if (head.local === 'title' || head.local === 'subtitle') {
            const lines = head.local === 'title' ? titleLines(c, ctx, notes, head) : [line(head, ctx, notes)]
            for (const content of lines)
              if (shows(content))
                push({
                  type: 'paragraph',
                  children: [{ type: 'strong', children: content }],
                  position: positionOf(head),
                })
          }
        const verse: Verse = { type: 'verse', children: [], position: positionOf(c) }
        for (const v of elements(c, 'v')) {
          const content = line(v, ctx, notes)
          if (shows(content))
            verse.children.push({
              type: 'verseLine',
              children: content,
              position: positionOf(v),
            } satisfies VerseLine)
        }
        if (verse.children.length > 0) push(verse)
        break
      }
      case 'text-author':
      case 'date': {
        const content = line(c, ctx, notes)
        if (shows(content))
          push({ type: 'paragraph', align: 'right', children: content, position: positionOf(c) })
        break
      }
      default:
        break
    }
  }
}

/** A table: rows of cells, each cell its inline content; a first row of header cells is the head. */
function tableOf(el: XmlElement, walk: Walk): Table | undefined {
  const rows: TableRow[] = []
  for (const tr of elements(el, 'tr')) {
    const row: TableRow = { type: 'tableRow', children: [], position: positionOf(tr) }
    for (const cellEl of elements(tr)) {
      if (cellEl.local !== 'td' && cellEl.local !== 'th') continue
      const cell: TableCell = {
        type: 'tableCell',
        children: line(cellEl, walk.ctx, walk.notes),
        position: positionOf(cellEl),
      }
      if (cellEl.local === 'th') cell.header = true
      const colSpan = Number(attribute(cellEl, 'colspan'))
      if (Number.isInteger(colSpan) && colSpan > 1) cell.colSpan = Math.min(colSpan, 64)
      const rowSpan = Number(attribute(cellEl, 'rowspan'))
      if (Number.isInteger(rowSpan) && rowSpan > 1) cell.rowSpan = Math.min(rowSpan, 64)
      row.children.push(cell)
    }
    if (row.children.length > 0) rows.push(row)
  }
  if (rows.length === 0) return undefined
  if (rows[0]!.children.every((c) => c.header)) rows[0]!.head = true
  return { type: 'table', children: rows, position: positionOf(el) }
}

// ---------------------------------------------------------------------------------- titles

/**
 * The lines of a section's `<title>` (each `<p>` one line; empty lines dropped), or of the
 * `title` element given.
 */
function titleLines(
  section: XmlElement,
  ctx: Ctx,
  notes: ChapterNotes | undefined,
  title = elements(section, 'title')[0],
): PhrasingContent[][] {
  if (!title) return []
  const lines = elements(title, 'p')
    .map((p) => line(p, ctx, notes))
    .filter(shows)
  // A title written without paragraphs (`<title>Chapter 1</title>`, against the schema).
  if (lines.length === 0) {
    const bare = line(title, ctx, notes)
    if (shows(bare)) lines.push(bare)
  }
  return lines
}

/**
 * What a title's lines say: "Chapter 1" over "The Storm" is the label and number, then the
 * title; one line is read as any heading is ("Chapter 1: The Storm"); lines after the title are
 * the subtitle.
 */
function titleFields(lines: PhrasingContent[][], language: string, position: Position) {
  const first = lines[0]
  if (!first) return { fields: undefined, subtitle: undefined }
  const fields = headingFields(first, language, position)
  let rest = lines.slice(1)
  if (!fields.title && rest.length > 0) {
    fields.title = trimInline(rest[0]!)
    rest = rest.slice(1)
  }
  const subtitle: PhrasingContent[] = []
  for (const [i, l] of rest.entries()) {
    if (i > 0) subtitle.push({ type: 'break' })
    subtitle.push(...l)
  }
  return { fields, subtitle: subtitle.length > 0 ? subtitle : undefined }
}

// ---------------------------------------------------------------------------------- structure

/** The sections a section holds directly. */
const subsections = (el: XmlElement) => elements(el, 'section')

/**
 * A top-level section is a part when its title says so ("Part One", "Часть первая", "Book II"),
 * when its sections are titled as chapters ("Chapter 1", "Глава 1", "Prologue"), or when its
 * sections hold sections of their own (three levels: parts, chapters, their subsections).
 * Otherwise its sections are the chapter's subheadings (or scenes).
 */
function isPart(el: XmlElement, ctx: Ctx): boolean {
  const inner = subsections(el)
  if (inner.length === 0) return false
  const head = titleLines(el, ctx, undefined)[0]
  if (head && headingFields(head, ctx.language).kind === 'part') return true
  if (inner.some((s) => subsections(s).length > 0)) return true
  return inner.some((s) => {
    const t = titleLines(s, ctx, undefined)[0]
    if (!t) return false
    const f = headingFields(t, ctx.language)
    return f.label !== undefined && f.kind !== 'part'
  })
}

/** An empty top-level section titled as a part ("Part One" alone): the chapters after it are its. */
function isPartHeading(el: XmlElement, ctx: Ctx): boolean {
  if (elements(el).some((c) => c.local !== 'title' && c.local !== 'epigraph' && c.local !== 'empty-line'))
    return false
  const head = titleLines(el, ctx, undefined)[0]
  return head !== undefined && headingFields(head, ctx.language).kind === 'part'
}

/** A chapter from a section: its title's fields, its blocks, the notes it cites at its end. */
function chapterOf(el: XmlElement, ctx: Ctx, before: BlockContent[]): Chapter {
  const notes: ChapterNotes = { order: [], seen: new Set() }
  const position = positionOf(el)
  let lines = titleLines(el, ctx, notes)
  const bold = lines.length === 0 ? boldTitle(el, ctx) : undefined
  if (bold) lines = [bold.content]
  const { fields, subtitle } = titleFields(lines, ctx.language, position)
  const chapter: Chapter = {
    type: 'chapter',
    matter: ctx.matter,
    kind: fields && fields.kind !== 'part' ? fields.kind : 'chapter',
    file: ctx.path,
    children: [...before],
    position,
  }
  if (fields?.number !== undefined) chapter.number = fields.number
  if (fields?.numeral !== undefined) chapter.numeral = fields.numeral
  if (fields?.label !== undefined) chapter.label = fields.label
  if (fields?.title && fields.title.length > 0) chapter.title = fields.title
  if (subtitle) chapter.subtitle = subtitle
  blocks(el, { ctx, notes, depth: 2 }, chapter.children, true, bold?.el)
  chapter.children = tidy(chapter.children)
  chapter.children.push(...definitions(notes, ctx))
  return chapter
}

/** The footnotes a chapter cites, each once, notes cited from notes after them. */
function definitions(notes: ChapterNotes, ctx: Ctx): FootnoteDefinition[] {
  const out: FootnoteDefinition[] = []
  for (let i = 0; i < notes.order.length; i++) {
    const id = notes.order[i]!
    const el = ctx.notes.get(id)!
    ctx.cited.add(id)
    const children: BlockContent[] = []
    // The note's title is its mark ("1", "*"), which Octavo numbers itself.
    blocks(el, { ctx, notes, depth: 3 }, children)
    const body = tidy(children).filter((b) => b.type !== 'heading' && b.type !== 'sceneBreak')
    if (body.length === 0) {
      // A note of its title alone (`<title><p>1) Text</p></title>`, as some converters write).
      const lines = titleLines(el, ctx, notes)
      if (lines.length > 1) for (const l of lines.slice(1)) body.push({ type: 'paragraph', children: l })
      else if (lines.length === 1 && !/^\s*[[(]?\s*[\d*†‡]+\s*[\])]?\.?\s*$/.test(toText(lines[0]!)))
        body.push({ type: 'paragraph', children: lines[0]! })
    }
    out.push({ type: 'footnoteDefinition', identifier: id, children: body, position: positionOf(el) })
  }
  return out
}

/** Scene breaks at a chapter's edges or side by side separate nothing: dropped. */
function tidy(children: BlockContent[]): BlockContent[] {
  const out: BlockContent[] = []
  for (const block of children) {
    if (block.type === 'sceneBreak' && (out.length === 0 || out[out.length - 1]!.type === 'sceneBreak'))
      continue
    out.push(block)
  }
  while (out[out.length - 1]?.type === 'sceneBreak') out.pop()
  return out
}

/**
 * A section with no `<title>` that opens with a short paragraph all in bold: its title, as
 * calibre writes a chapter's heading (`<p><strong>Chapter 1: Dusk</strong></p>`).
 */
function boldTitle(el: XmlElement, ctx: Ctx): { el: XmlElement; content: PhrasingContent[] } | undefined {
  const first = elements(el).find((c) => c.local !== 'empty-line')
  if (first?.local !== 'p') return undefined
  const marked = first.children.filter((c) => typeof c !== 'string' || c.trim() !== '')
  if (marked.length !== 1 || typeof marked[0] === 'string' || marked[0]!.local !== 'strong') return undefined
  const content = line(first, ctx, undefined)
  if (content.length !== 1 || content[0]!.type !== 'strong') return undefined
  const text = toText(content).trim()
  if (text === '' || text.length > 120 || isOrnament(text)) return undefined
  return { el: first, content: content[0]!.children }
}

/**
 * A first section that only repeats the book's title and its authors (the title page calibre
 * keeps from an EPUB): Octavo makes the book's title page itself.
 */
function isTitlePage(el: XmlElement, ctx: Ctx): boolean {
  if (ctx.titlePage.size === 0) return false
  let lines = 0
  for (const c of elements(el)) {
    if (c.local === 'empty-line') continue
    if (c.local !== 'p' && c.local !== 'title') return false
    for (const p of c.local === 'title' ? elements(c, 'p') : [c]) {
      const text = textOf(p).toLowerCase()
      if (text === '') continue
      if (!ctx.titlePage.has(text)) return false
      lines++
    }
  }
  return lines > 0
}

/** What the main body holds besides its sections: its title and epigraphs (the book's title page). */
export interface BookFront {
  /** The body's own title, as plain lines. */
  title: string[]
  /** The first epigraph: its text (lines) and its author. */
  epigraph?: { text: string; source?: string }
  /** Epigraphs after the first, left out. */
  extraEpigraphs: number
}

/** The chapters and parts of the main body. */
export function readBody(body: XmlElement, ctx: Ctx): { children: Array<Part | Chapter>; front: BookFront } {
  const children: Array<Part | Chapter> = []
  const front: BookFront = { title: [], extraEpigraphs: 0 }
  let pending: BlockContent[] = []
  let openPart: Part | undefined
  const place = (chapter: Chapter) => {
    if (openPart) openPart.children.push(chapter)
    else children.push(chapter)
  }
  for (const el of elements(body)) {
    switch (el.local) {
      case 'title':
        front.title = titleLines(body, ctx, undefined, el).map((l) => toText(l).trim())
        break
      case 'epigraph':
        if (!front.epigraph) {
          const text = elements(el)
            .filter((c) => c.local !== 'text-author')
            .flatMap((c) =>
              c.local === 'poem' ? elements(c, 'stanza').flatMap((s) => elements(s, 'v')) : [c],
            )
            .map(textOf)
            .filter(Boolean)
            .join('\n')
          const source = elements(el, 'text-author').map(textOf).filter(Boolean).join(', ')
          if (text) front.epigraph = { text, ...(source ? { source } : {}) }
        } else front.extraEpigraphs++
        break
      case 'section':
        if (children.length === 0 && pending.length === 0 && isTitlePage(el, ctx)) {
          ctx.titlePageAt = point(el)
        } else if (isPartHeading(el, ctx)) {
          const head = titleLines(el, ctx, undefined)
          const { fields } = titleFields(head, ctx.language, positionOf(el))
          openPart = makePart(fields!)
          children.push(openPart)
        } else if (isPart(el, ctx)) {
          openPart = undefined
          children.push(partOf(el, ctx, pending))
          pending = []
        } else {
          place(chapterOf(el, ctx, pending))
          pending = []
        }
        break
      default: {
        // A picture or text standing in the body outside any section: it opens the next chapter.
        const out: BlockContent[] = []
        const holder: XmlElement = { ...body, children: [el] }
        blocks(holder, { ctx, notes: undefined, depth: 2 }, out)
        pending.push(...out)
      }
    }
  }
  if (pending.length > 0) {
    const chapter: Chapter = {
      type: 'chapter',
      matter: ctx.matter,
      kind: 'chapter',
      file: ctx.path,
      children: tidy(pending),
      position: positionOf(body),
    }
    place(chapter)
  }
  return { children, front }
}

/** A part: its title's fields, its sections its chapters (what it holds before them opens the first). */
function partOf(el: XmlElement, ctx: Ctx, before: BlockContent[]): Part {
  const { fields } = titleFields(titleLines(el, ctx, undefined), ctx.language, positionOf(el))
  const part = makePart(fields ?? { kind: 'part', position: positionOf(el) })
  part.position = positionOf(el)
  let pending = [...before]
  for (const c of elements(el)) {
    if (c.local === 'title') continue
    if (c.local === 'section') {
      part.children.push(chapterOf(c, ctx, pending))
      pending = []
      continue
    }
    const holder: XmlElement = { ...el, children: [c] }
    blocks(holder, { ctx, notes: undefined, depth: 2 }, pending)
  }
  if (pending.length > 0 && part.children.length > 0)
    part.children[part.children.length - 1]!.children.push(...pending)
  return part
}

/**
 * Whether the file uses empty lines as paragraph spacing: a lone `<empty-line/>` stands in more
 * than a third of the gaps between paragraphs (a file converted line by line), so that only two
 * or more are a scene break. Where they are rare, a lone one between paragraphs is a scene break,
 * the one way FB2 has to set scenes apart besides a `<subtitle>* * *</subtitle>`.
 */
export function usesSpacing(body: XmlElement): boolean {
  let gaps = 0
  let lone = 0
  const stack: XmlElement[] = [body]
  while (stack.length > 0) {
    const el = stack.pop()!
    let prevP = false
    let blank = 0
    for (const c of elements(el)) {
      if (c.local === 'empty-line') blank++
      else if (c.local === 'p') {
        if (prevP) {
          gaps++
          if (blank === 1) lone++
        }
        prevP = true
        blank = 0
      } else {
        prevP = false
        blank = 0
        stack.push(c)
      }
    }
  }
  return lone >= 3 && lone * 3 > gaps
}
