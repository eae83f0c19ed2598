/**
 * One handler per block node type, after mdast-util-to-hast's handler table: each turns a block
 * into line boxes and figure boxes and hands them to the page composer with the right spacing,
 * indents, keep rules and structure elements.
 */

import { differentLanguage } from '../../language.js'
import { pushAll } from '../../model/arrays.js'
import type { BlockContent, Chapter, Figure, Paragraph } from '../../model/types.js'
import { toText } from '../../model/walk.js'
import type { ChapterNotes } from './footnotes.js'
import { figureWidth, imageResolution, loadImage } from './images.js'
import {
  flatten,
  type InlineContext,
  reportMissing,
  type SmallCapsFaces,
  smallCapsOpening,
} from './inline.js'
import { openingWordEnd } from './layout/cjk.js'
import type { StyledRun } from './layout/types.js'
import type { LineBox, StructHandle } from './pages.js'
import { table } from './table.js'
import { addEnd, type LayoutOptions, layoutLines, plain, relaidLines, type Typesetter } from './typeset.js'

/** Where a block sits: its measure, type size, parent structure element and chapter. */
export interface BlockContext {
  ts: Typesetter
  chapter: Chapter
  notes: ChapterNotes | undefined
  inline: InlineContext
  left: number
  width: number
  size: number
  leading: number
  struct: StructHandle
  /** No first-line indent: the block follows a heading, a scene break or the chapter opening. */
  noIndent: boolean
  /** The chapter's first paragraph: drop cap and small-caps opening apply. */
  opening: boolean
  /** Marker to hang before the first line (list items). */
  marker?: string
  /** The chapter's bookmarks so far, shared by every block of it: headings marked `toc` nest under it. */
  sections?: SectionBookmarks
  /**
   * Inside a block quote: paragraphs set line by line (holding breaks) are stanzas, each opening
   * flush, a blank line between them, as a poem quoted in Markdown is typed.
   */
  stanzas?: boolean
  /**
   * The paragraph introduces the block after it (`introduces`): set on one line, it keeps this
   * many lines of what follows on its page, as a heading keeps two.
   */
  keepWith?: number
}

/** The state a chapter's heading bookmarks need: the chapter's key and the headings still open. */
export interface SectionBookmarks {
  chapter: string
  open: Array<{ depth: number; key: string }>
  count: number
}

type Handler<T extends BlockContent['type']> = (
  node: Extract<BlockContent, { type: T }>,
  ctx: BlockContext,
) => Promise<void> | void

/**
 * Most lines of a paragraph set line by line (an address, a short stanza) or a verse that are
 * kept on one page: a longer one splits as prose does.
 */
const KEEP_WHOLE = 6

/** Narrowest measure nesting may leave, in ems of the body size. */
const MIN_MEASURE_EMS = 15

/**
 * The inset a nested block may take (`sides` 1 for a left indent, 2 for both): nesting indents
 * only while at least MIN_MEASURE_EMS of measure remain, so a deeply nested quote is set at the
 * deepest width that still reads instead of shrinking to nothing.
 */
function room(ctx: BlockContext, inset: number, sides: 1 | 2): number {
  return ctx.width - sides * inset >= MIN_MEASURE_EMS * ctx.size ? inset : 0
}

/** Lay out blocks in order, tracking when the next paragraph is indented. */
export async function blocks(children: readonly BlockContent[], ctx: BlockContext): Promise<void> {
  let noIndent = ctx.noIndent
  let opening = ctx.opening
  let marker = ctx.marker
  let stanza = false
  for (const [k, child] of children.entries()) {
    const handler = handlers[child.type] as Handler<typeof child.type> | undefined
    if (!handler) continue
    const isStanza = ctx.stanzas === true && isLineSet(child)
    if (isStanza) {
      if (stanza) ctx.ts.composer.space(ctx.leading)
      noIndent = true
    }
    stanza = isStanza
    const next: BlockContext = { ...ctx, noIndent, opening: opening && child.type === 'paragraph' }
    if (marker) next.marker = marker
    else delete next.marker
    const keepWith = introduces(children, k)
    if (keepWith > 0) next.keepWith = keepWith
    else delete next.keepWith
    await handler(child, next)
    if (child.type === 'footnoteDefinition') continue
    marker = undefined
    opening = false
    noIndent =
      child.type === 'heading' ||
      child.type === 'sceneBreak' ||
      child.type === 'note' ||
      child.type === 'figure' ||
      child.type === 'codeBlock' ||
      child.type === 'table'
  }
}

/** A paragraph set line by line: it holds a line break of its own. */
function isLineSet(node: BlockContent): boolean {
  return node.type === 'paragraph' && node.children.some((child) => child.type === 'break')
}

/** A paragraph's last visible character: a comma or colon, it leads into what follows. */
const LEADS_ON = /[,:，：]\s*$/u

/**
 * Lines of text a paragraph ending in a comma or colon keeps with it ("Dear Sir,", "He wrote:"):
 * the next block's first two lines (a short address or stanza kept whole: all of it), a blank
 * line before a quotation or verse counted as one, and through another such paragraph. 0 when
 * the paragraph leads into nothing a keep makes sense for (a heading, a scene break, a figure).
 */
export function introduces(siblings: readonly BlockContent[], k: number): number {
  const node = siblings[k]
  if (node?.type !== 'paragraph' || !LEADS_ON.test(toText(node.children))) return 0
  return leadLines(siblings, k + 1)
}

/** Lines of text the block at `k` opens with that an introduction keeps (`introduces`). */
function leadLines(siblings: readonly BlockContent[], k: number): number {
  const node = siblings[k]
  if (!node) return 0
  switch (node.type) {
    case 'paragraph': {
      const lines = node.children.filter((child) => child.type === 'break').length + 1
      if (lines > 1) return lines <= KEEP_WHOLE ? lines : 2
      const more = introduces(siblings, k)
      return more > 0 ? 1 + more : 2
    }
    case 'blockquote': {
      const inner = leadLines(node.children, 0)
      return inner > 0 ? 1 + inner : 0
    }
    case 'verse':
      return 1 + (node.children.length <= KEEP_WHOLE ? node.children.length : 2)
    case 'list':
    case 'codeBlock':
      return 3
    default:
      return 0
  }
}

function ornament(ts: Typesetter): string {
  const cover = (c: string) => ts.measurer.cover(c.codePointAt(0)!, 'regular') === 1
  if (cover('⁂')) return '⁂'
  if (cover('❧')) return '❧'
  return '*   *   *'
}

const handlers: { [T in BlockContent['type']]: Handler<T> } = {
  paragraph(node, ctx) {
    paragraph(node, ctx)
  },

  heading(node, ctx) {
    const { ts } = ctx
    const size = node.depth === 2 ? ctx.size * 1.12 : ctx.size
    const style = node.depth <= 3 ? 'bold' : 'italic'
    const leading = Math.max(ctx.leading, size * 1.3)
    const struct: StructHandle = { type: `H${node.depth}`, parent: ctx.struct }
    const runs = flatten(node.children, style, size, ctx.inline, node)
    const lines = layoutLines(ts, runs, {
      width: ctx.width,
      left: ctx.left,
      indent: 0,
      align: 'left',
      size,
      leading,
      hyphenate: false,
      struct,
    })
    const sections = ctx.sections
    if (node.toc && sections && lines.length > 0) {
      // Nested under the nearest shallower heading listed before it, else under the chapter.
      while (sections.open.length > 0 && sections.open.at(-1)!.depth >= node.depth) sections.open.pop()
      const key = `${sections.chapter}-s${++sections.count}`
      const title = toText(node.children).replace(/\s+/g, ' ').trim()
      if (title) {
        lines[0]!.outline = { title, key, parent: sections.open.at(-1)?.key ?? sections.chapter }
        sections.open.push({ depth: node.depth, key })
      }
    }
    // A line of space above, half a line below, the odd space of the heading's own leading
    // added above: the block takes whole lines of text, and the text after it keeps to the grid.
    const depth = lines.length * leading
    const below = ctx.leading * 0.5
    const block = Math.ceil((ctx.leading + depth + below) / ctx.leading - 0.01) * ctx.leading
    const above = block - depth - below
    // A heading keeps at least two lines of what follows on its page.
    ts.composer.need(above + depth + below, 2)
    ts.composer.space(above)
    ts.composer.placeLines(lines, { keepAll: true })
    ts.composer.space(below)
  },

  sceneBreak(_node, ctx) {
    const { ts } = ctx
    const struct: StructHandle = { type: 'P', parent: ctx.struct }
    const size = ctx.size * 1.1
    const lines = layoutLines(ts, [[{ text: ornament(ts), style: 'regular', size }]], {
      width: ctx.width,
      left: ctx.left,
      indent: 0,
      align: 'center',
      size,
      leading: ctx.leading,
      hyphenate: false,
      struct,
    })
    // At a page boundary the space goes, the ornament stays: it is the only sign of the break.
    ts.composer.space(ctx.leading * 0.5)
    ts.composer.placeLines(lines, { keepAll: true })
    ts.composer.space(ctx.leading * 0.5)
  },

  async blockquote(node, ctx) {
    const inset = room(ctx, ctx.size * 1.5, 2)
    ctx.ts.composer.space(ctx.leading * 0.5)
    const struct: StructHandle = { type: 'BlockQuote', parent: ctx.struct }
    await blocks(node.children, {
      ...ctx,
      left: ctx.left + inset,
      width: ctx.width - 2 * inset,
      struct,
      noIndent: true,
      stanzas: true,
    })
    ctx.ts.composer.endStruct(struct)
    ctx.ts.composer.space(ctx.leading * 0.5)
  },

  verse(node, ctx) {
    const { ts } = ctx
    const inset = room(ctx, ctx.size * 2, 1)
    const hang = ctx.size
    const struct: StructHandle = { type: 'P', parent: ctx.struct }
    ts.composer.space(ctx.leading * 0.5)
    const all: LineBox[] = []
    for (const line of node.children) {
      const runs = flatten(line.children, 'regular', ctx.size, ctx.inline, line)
      // A verse line too long for the measure wraps with a hanging indent, never reflowed into the next.
      const boxes = layoutLines(ts, runs, {
        width: ctx.width - inset,
        left: ctx.left + inset,
        indent: 0,
        align: 'left',
        size: ctx.size,
        leading: ctx.leading,
        hyphenate: false,
        inset: [0, hang],
      })
      for (const box of boxes) box.struct = struct
      pushAll(all, boxes)
    }
    addEnd(all[all.length - 1], struct)
    // A short verse (a stanza, a couplet) is kept on one page.
    ts.composer.placeLines(all, { whole: all.length <= KEEP_WHOLE })
    ts.composer.space(ctx.leading * 0.5)
  },

  async list(node, ctx) {
    const inset = room(ctx, ctx.size * 1.5, 1)
    const struct: StructHandle = { type: 'L', parent: ctx.struct }
    ctx.ts.composer.space(ctx.leading * 0.3)
    let n = node.start ?? 1
    for (const item of node.children) {
      const li: StructHandle = { type: 'LI', parent: struct }
      const marker = node.ordered ? `${n++}.` : '•'
      await blocks(item.children, {
        ...ctx,
        left: ctx.left + inset,
        width: ctx.width - inset,
        struct: li,
        noIndent: true,
        marker,
      })
      ctx.ts.composer.endStruct(li)
    }
    ctx.ts.composer.endStruct(struct)
    ctx.ts.composer.space(ctx.leading * 0.3)
  },

  async figure(node, ctx) {
    await figure(node, ctx)
  },

  async note(node, ctx) {
    const { ts } = ctx
    const size = ctx.size * 0.9
    const leading = Math.round(ctx.leading * 0.9 * 100) / 100
    const inset = room(ctx, ctx.size, 2)
    const struct: StructHandle = { type: 'Div', parent: ctx.struct }
    const label: StructHandle = { type: 'P', parent: struct }
    ts.composer.space(ctx.leading * 0.75)
    ts.composer.need(leading * 4)
    ts.composer.placeBox({
      kind: 'rule',
      x: ctx.left + inset,
      width: ctx.width - 2 * inset,
      height: leading * 0.6,
    })
    const heading = layoutLines(ts, [[{ text: 'AUTHOR’S NOTE', style: 'regular', size: size * 0.85 }]], {
      width: ctx.width - 2 * inset,
      left: ctx.left + inset,
      indent: 0,
      align: 'left',
      size,
      leading,
      hyphenate: false,
      struct: label,
    })
    ts.composer.placeLines(heading, { keepAll: true })
    await blocks(node.children, {
      ...ctx,
      left: ctx.left + inset,
      width: ctx.width - 2 * inset,
      size,
      leading,
      struct,
      noIndent: true,
      opening: false,
    })
    ts.composer.placeBox({
      kind: 'rule',
      x: ctx.left + inset,
      width: ctx.width - 2 * inset,
      height: leading * 0.6,
      ends: [struct],
    })
    ts.composer.space(ctx.leading * 0.75)
  },

  footnoteDefinition() {
    // Printed at the foot of the page that refers to it (footnotes.ts).
  },

  table(node, ctx) {
    table(node, ctx)
  },

  codeBlock(node, ctx) {
    const { ts } = ctx
    const size = ctx.size * 0.85
    const leading = Math.round(ctx.leading * 0.9 * 100) / 100
    const inset = room(ctx, ctx.size, 1)
    const struct: StructHandle = { type: 'Code', parent: ctx.struct }
    reportMissing(node.value, 'mono', node, ctx.inline)
    // Leading spaces become no-break spaces so indentation survives line breaking.
    const segments: StyledRun[][] = node.value
      .replace(/\n+$/, '')
      .split('\n')
      .map((line) => [
        {
          text:
            line.replace(/^ +/, (s) => '\u00a0'.repeat(s.length)).replace(/\t/g, '\u00a0\u00a0') || '\u00a0',
          style: 'mono',
          size,
          noHyphenate: true,
        },
      ])
    const lines = layoutLines(ts, segments, {
      width: ctx.width - inset,
      left: ctx.left + inset,
      indent: 0,
      align: 'left',
      size,
      leading,
      hyphenate: false,
      struct,
    })
    ts.composer.space(ctx.leading * 0.5)
    ts.composer.placeLines(lines)
    ts.composer.space(ctx.leading * 0.5)
  },
}

function paragraph(node: Paragraph, ctx: BlockContext): void {
  const { ts } = ctx
  const { settings } = ts
  const language = node.lang && differentLanguage(node.lang, ts.language) ? node.lang : undefined
  let segments = flatten(node.children, 'regular', ctx.size, ctx.inline, node, language)
  if (segments.every((s) => s.length === 0)) return
  const struct: StructHandle = { type: 'P', parent: ctx.struct, ...(language ? { lang: language } : {}) }
  const align = node.align ?? 'justify'
  const indent = ctx.noIndent || align !== 'justify' ? 0 : ctx.size
  let inset: number[] | undefined
  let dropCap: LineBox['dropCap'] | undefined
  let minHead = 2
  // The opening as written: a paragraph shorter than its cap is set without one.
  const written = segments
  if (ctx.opening && align === 'justify') {
    const first = segments[0]!.map((run) => ({ ...run }))
    if (settings.dropCap && first.length > 0) {
      const cap = takeInitial(first)
      if (cap) {
        const lines = settings.dropCap
        const capHeight = ts.fonts.primary.regular.font.capHeight / ts.fonts.primary.regular.font.unitsPerEm
        const size = ((lines - 1) * ctx.leading + capHeight * ctx.size) / capHeight
        // Opening punctuation stays at text size on the first line, beside the letter (at cap
        // size it would hang far into the gutter).
        const letter = cap.slice(cap.length - (cap.codePointAt(cap.length - 2)! > 0xffff ? 2 : 1))
        const quote = cap.slice(0, cap.length - letter.length)
        const quoteWidth = quote ? ts.measurer.width(quote, 'regular', ctx.size) : 0
        const width = quoteWidth + ts.measurer.width(letter, 'regular', size) + ctx.size * 0.3
        inset = [...Array(lines).fill(width), 0]
        const ascent =
          (ctx.leading - (ts.fonts.ascent + ts.fonts.descent) * ctx.size) / 2 + ts.fonts.ascent * ctx.size
        // The first word whole, for copy, search and screen readers (`/ActualText`).
        // A Chinese or Japanese paragraph's first word is its first character (`openingWordEnd`).
        const text = first[0]?.text ?? ''
        const rest = text.slice(0, openingWordEnd(text))
        dropCap = {
          text: letter,
          size,
          x: ctx.left + quoteWidth,
          baseline: (lines - 1) * ctx.leading + ascent,
          actual: cap + rest,
          ...(quote ? { quote: { text: quote, size: ctx.size, x: ctx.left, baseline: ascent } } : {}),
        }
        minHead = lines
        segments = [first, ...segments.slice(1)]
      }
    }
    if (settings.smallCapsOpening)
      segments = [openingSmallCaps(segments[0]!, dropCap ? 3 : 4, ts.measurer), ...segments.slice(1)]
  }
  let options: LayoutOptions = {
    width: ctx.width,
    left: ctx.left,
    indent: dropCap ? 0 : indent,
    align,
    size: ctx.size,
    leading: ctx.leading,
    struct,
    ...(inset ? { inset } : {}),
    ...(language ? { language } : {}),
  }
  const decorate = (lines: LineBox[]) => {
    if (lines[0] && dropCap) lines[0].dropCap = dropCap
    if (lines[0] && ctx.marker) {
      const w = ts.measurer.width(ctx.marker, 'regular', ctx.size)
      lines[0].marker = { text: ctx.marker, size: ctx.size, x: ctx.left - w - ctx.size * 0.5 }
    }
    return lines
  }
  let lines = decorate(layoutLines(ts, segments, options))
  if (dropCap && lines.length < settings.dropCap) {
    // Fewer lines than the cap is tall would leave a hole under it: no cap for this paragraph.
    dropCap = undefined
    minHead = 2
    segments = settings.smallCapsOpening
      ? [openingSmallCaps(written[0]!, 4, ts.measurer), ...written.slice(1)]
      : written
    const { inset: _, ...plain } = options
    options = { ...plain, indent }
    lines = decorate(layoutLines(ts, segments, options))
  }
  // A line leading into the next block ("Dear Sir,") stays with that block's first lines.
  if (ctx.keepWith && lines.length === 1) ts.composer.need(lines[0]!.height, ctx.keepWith)
  ts.composer.placeLines(lines, {
    minHead,
    // A short paragraph set line by line (an address, a stanza) is kept on one page.
    whole: isLineSet(node) && lines.length <= KEEP_WHOLE,
    relayout: (change, lineCount) => {
      const again = relaidLines(ts, segments, { ...options, ...change }, lineCount)
      return again && decorate(again)
    },
  })
}

/**
 * The opening words in small capitals (`smallCapsOpening`), up to the first Chinese or Japanese
 * character: those scripts have no capitals, and their first character is a word of its own
 * (`openingWordEnd`), so a paragraph that opens with one has no small-caps opening.
 */
export function openingSmallCaps(runs: StyledRun[], words: number, faces: SmallCapsFaces): StyledRun[] {
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!
    if (run.superscript) continue
    let at = 0
    // Past each word of the run to the first CJK character, if any.
    while (at < run.text.length) {
      while (at < run.text.length && /\s/u.test(run.text[at]!)) at++
      const end = openingWordEnd(run.text, at)
      if (end < run.text.length && !/\s/u.test(run.text[end]!)) {
        const head = [...runs.slice(0, k), ...(end > 0 ? [{ ...run, text: run.text.slice(0, end) }] : [])]
        const tail = [{ ...run, text: run.text.slice(end) }, ...runs.slice(k + 1)]
        return [...(head.length > 0 ? smallCapsOpening(head, words, faces) : []), ...tail]
      }
      at = end
    }
  }
  return smallCapsOpening(runs, words, faces)
}

/**
 * What may stand before a drop cap's letter and stays beside it at text size: opening
 * punctuation of any language (brackets and quotation marks, Unicode Ps, Pi and Pf: “ ‘ « » „ ‹
 * › 「 and the final quotes Swedish and German open with), the straight quotes, Spanish ¿ and ¡,
 * and the dashes that open dialogue (French, Spanish, Russian: — – ―, and a typed hyphen), each
 * with the spaces set after it (« Oui with its narrow no-break space, — Да with a space).
 */
const OPENING = /^(?:[\p{Ps}\p{Pi}\p{Pf}"'¿¡\u2012-\u2015\u2E3A\u2E3B-][\p{Zs}\t]*)+/u

/**
 * Cut the drop-cap initial, with the opening punctuation before it (`OPENING`), from the start of
 * the paragraph: from the first run, or across runs when the punctuation is a run of its own
 * (`“*Never*,” she said`). None when the paragraph opens with anything else (a footnote marker,
 * a symbol) or the punctuation is all there is.
 */
function takeInitial(runs: StyledRun[]): string | undefined {
  let quote = ''
  let k = 0
  for (; k < runs.length; k++) {
    const run = runs[k]!
    if (run.superscript) return undefined
    const opening = OPENING.exec(run.text)?.[0] ?? ''
    if (opening.length < run.text.length) break
    quote += opening
  }
  const run = runs[k]
  if (!run || run.superscript) return undefined
  const opening = OPENING.exec(run.text)?.[0] ?? ''
  const letter = /^(?:\p{L}|\p{N})/u.exec(run.text.slice(opening.length))?.[0]
  if (!letter) return undefined
  run.text = run.text.slice(opening.length + letter.length)
  runs.splice(0, run.text ? k : k + 1)
  return quote + opening + letter
}

async function figure(node: Figure, ctx: BlockContext): Promise<void> {
  const { ts } = ctx
  const info = await loadImage(ts, node.image, ctx.chapter)
  const captionSize = ctx.size * 0.9
  const struct: StructHandle = { type: 'Figure', parent: ctx.struct, alt: node.image.alt ?? '' }
  const caption = node.caption
    ? layoutLines(ts, flatten(node.caption, 'italic', captionSize, ctx.inline), {
        width: ctx.width,
        left: ctx.left,
        indent: 0,
        align: 'center',
        size: captionSize,
        leading: ctx.leading,
        hyphenate: false,
        struct: { type: 'Caption', parent: ctx.struct },
      })
    : []
  ts.composer.space(ctx.leading * 0.5)
  if (!info) {
    const alt = node.image.alt || node.image.url
    const lines = layoutLines(ts, plain(alt, 'italic', ctx.size), {
      width: ctx.width,
      left: ctx.left,
      indent: 0,
      align: 'center',
      size: ctx.size,
      leading: ctx.leading,
      struct,
    })
    ts.composer.placeLines([...lines, ...caption])
    ts.composer.space(ctx.leading * 0.5)
    return
  }
  const captionHeight = caption.length * ctx.leading + (caption.length ? ctx.leading * 0.3 : 0)
  const maxHeight = ts.composer.textHeight * 0.75 - captionHeight
  // Pictures print at print's 300 pixels an inch, never narrower than half the text block (a
  // smaller picture is enlarged, with a warning) nor wider than it.
  let width = figureWidth(info.width, ctx.width)
  let height = (width * info.height) / info.width
  if (height > maxHeight) {
    height = maxHeight
    width = (height * info.width) / info.height
  }
  imageResolution(ts, node, info.width, width, ctx.chapter)
  ts.composer.need(height + captionHeight)
  ts.composer.placeBox({
    kind: 'image',
    x: ctx.left + (ctx.width - width) / 2,
    width,
    height,
    bytes: info.bytes,
    struct,
    ends: [struct],
  })
  if (caption.length) {
    ts.composer.space(ctx.leading * 0.3)
    ts.composer.placeLines(caption, { keepAll: true })
  }
  ts.composer.space(ctx.leading * 0.5)
}
