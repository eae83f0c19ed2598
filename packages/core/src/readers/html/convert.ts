/**
 * The sanitising HTML → manuscript converter, shared by the HTML reader and by raw HTML inside
 * Markdown. It copies only text and a few checked fields (link URLs, image paths, alignment) into
 * the model, so nothing from the input reaches an output unescaped; elements that can carry code
 * or fetch things (script, iframe, svg, form…) are dropped and reported. Recursion is bounded:
 * past `maxDepth` nested elements the rest of a subtree is kept as plain text, gathered with an
 * explicit stack, so 10,000 nested divs neither overflow nor lose their words.
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import { pushAll, trimEdges } from '../../model/arrays.js'
import { MAX_COL_SPAN, MAX_ROW_SPAN } from '../../model/normalize.js'
import { tableGrid } from '../../model/table.js'
import type {
  BlockContent,
  Blockquote,
  Figure,
  FootnoteDefinition,
  FootnoteReference,
  Image,
  Link,
  ListItem,
  Node,
  Note,
  Paragraph,
  PhrasingContent,
  Point,
  Position,
  Table,
  TableCell,
  TableRow,
  Text,
  Verse,
  VerseLine,
} from '../../model/types.js'
import { toText } from '../../model/walk.js'
import type { BlockLayout, BlockVerdict } from '../shared/class-layout.js'
import type { ClassStyles } from '../shared/class-styles.js'
import { type DataImages, imagePath } from '../shared/data-images.js'
import {
  dangerousTags,
  elementAlign,
  elementHidden,
  elementLanguage,
  elementMarks,
  languageProblems,
  type Mark,
} from '../shared/html-marks.js'
import { hasText, textContent } from '../shared/html-text.js'
import { isOrnament } from '../shared/ornament.js'
import {
  documentScope,
  inLanguage,
  type LanguageContext,
  mergeText,
  normalizeSpace,
  paragraphLanguage,
  scopeWithin,
  span,
} from '../shared/phrasing.js'
import type { HtmlSink } from '../shared/sink.js'
import { judgeImage, judgeLink } from '../shared/urls.js'
import { clean } from '../source.js'
import { type Footnotes, findFootnotes, isBackLink } from './footnotes.js'

export type { HtmlSink } from '../shared/sink.js'

type Element = P5.Element
type ChildNode = P5.ChildNode
type ParentNode = P5.ParentNode

export interface ConvertOptions {
  /** The HTML source, for markers kept as written (`<hr/>`). */
  source: string
  /** Book-relative path of the file, to resolve image paths against. */
  filePath: string
  sink: HtmlSink
  /** Where the HTML starts in its file when it is embedded (raw HTML in Markdown); default 1:1. */
  base?: Point
  /**
   * Offered every heading outside author's notes, in document order; return true to take it as
   * the chapter (or part) heading instead of a `heading` node. Default: no heading is taken.
   */
  claimHeading?: (content: PhrasingContent[], position: Position | undefined) => boolean
  /** Nesting depth past which a subtree is flattened to text; default 200. */
  maxDepth?: number
  /** What the document's style sheets say its classes mean (`class-styles.ts`). */
  classes?: ClassStyles | undefined
  /**
   * What the book's style sheets make of its blocks (`class-layout.ts`): indented blocks as
   * quotations, space classes as scene breaks' places (`SPACE`), verse, alignment. Without it
   * blocks are read by their markup alone.
   */
  layout?: BlockLayout | undefined
  /**
   * Keep the place of each empty paragraph (`<p>&nbsp;</p>`) as a `SPACER` scene break, for
   * `settleSpacers` to decide what the empty lines are; without it they are dropped.
   */
  spacers?: boolean
  /** Where pictures written as `data:` URLs are taken in; without it they are dropped. */
  dataImages?: DataImages
  /**
   * The document's language and direction, against which the language of parts (`lang`, `dir`)
   * is marked: the book's, or an EPUB's `dc:language`. The page's own `<html>` and `<body>` win
   * over it. Default: English, left to right.
   */
  language?: LanguageContext
  /**
   * The language where the HTML starts, when it is inside a part in another language (raw HTML
   * in a Markdown `::: {lang=fr}` div); default the document's.
   */
  within?: LanguageContext
  /** The page is XHTML (an EPUB's): its `xml:lang` wins over `lang`. Default false. */
  xhtml?: boolean
  /**
   * Told of a `lang` or `dir` that means nothing (`lang="french"`), as written, why, and where;
   * the text is read without it. Each element is told of once. Default: dropped silently.
   */
  badLanguage?: (written: string, reason: string, place: Position | undefined) => void
}

/** Where a lazily loaded picture's own source is named (its `src` a placeholder until then). */
const LAZY_SOURCES = ['data-src', 'data-lazy-src', 'data-original', 'data-srcset', 'data-lazy-srcset']

/** The marker of an empty paragraph's place, which `settleSpacers` replaces or removes. */
export const SPACER = '\u0000spacer'

/**
 * The marker of a space a style sheet's class makes (an empty `div.space`, a paragraph opening
 * with a blank line's margin): a scene break when it stands between two paragraphs
 * (`settleSpacers`).
 */
export const SPACE = '\u0000space'

/** Lines of verse are this long at most, and this long on average (characters). */
const VERSE_LONGEST = 100
const VERSE_AVERAGE = 60

interface Ctx {
  align?: 'center' | 'right'
  marks: Mark[]
  /** The language and direction here, from the nearest element declaring them, or the document's. */
  scope: LanguageContext
  inNote: boolean
  /** Inside a footnote's text, where links back to the reference are dropped. */
  inFootnote?: boolean
  depth: number
}

const blockTags = new Set(
  `address article aside blockquote body caption center dd details dialog dir div dl dt fieldset
   figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup hr html legend li listing main menu nav ol
   p pre section summary table tbody td tfoot th thead tr ul xmp plaintext`.split(/\s+/),
)

/** Document furniture with no words for the book. */
const silentTags = new Set(['head', 'title', 'col', 'colgroup', 'area', 'map', 'wbr'])

const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/** Elements whose language and direction are the document's, not a part's in another language. */
const documentTags = new Set(['html', 'body'])

const ENGLISH = documentScope('en')

/** "Notes:", "Chapter End Notes", "Summary:", "Author's Note:", "A/N:": labels, not content. */
export const noteLabel = /^\s*(?:chapter\s+)?(?:end\s+)?(?:author'?s?'?\s+)?(?:notes?|summary|a\/n)\s*:?\s*$/i

export function attr(el: Element, name: string): string | undefined {
  for (const a of el.attrs) if (a.name === name) return a.value
  return undefined
}

/** The classes of an element without any, shared. */
const noClasses: readonly string[] = Object.freeze([])

export function classes(el: Element): readonly string[] {
  const value = attr(el, 'class')
  // Most elements of a long page (its paragraphs) have none: no array is made for them.
  if (value === undefined || value === '') return noClasses
  return value.toLowerCase().split(/\s+/).filter(Boolean)
}

const isElement = (node: ChildNode | ParentNode): node is Element => 'tagName' in node
const isHtml = (node: ChildNode): node is Element => isElement(node) && node.tagName === 'html'
const isBody = (node: ChildNode): node is Element => isElement(node) && node.tagName === 'body'

/**
 * An `<svg>` that only wraps one picture (`<image href>` or `xlink:href`, as EPUB makers scale a
 * cover or an illustration), as the `<img>` it stands for; undefined for any other drawing.
 * Its `<title>` or `aria-label` is the picture's description.
 */
function svgPicture(svg: Element): Element | undefined {
  let image: Element | undefined
  let title: string | undefined
  const stack: ChildNode[] = [...svg.childNodes]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.nodeName === '#text') {
      if ((node as P5.TextNode).value.trim() !== '') return undefined
    } else if (isElement(node)) {
      if (node.tagName === 'image' && !image) image = node
      else if (node.tagName === 'title') title = textContent(node).trim()
      else if (node.tagName !== 'g' && node.tagName !== 'desc') return undefined
      if (node.tagName === 'g') stack.push(...node.childNodes)
    }
  }
  const href = image && (attr(image, 'href') ?? attr(image, 'xlink:href'))
  if (!image || !href) return undefined
  const alt = attr(svg, 'aria-label') ?? title
  return {
    ...image,
    nodeName: 'img',
    tagName: 'img',
    attrs: [{ name: 'src', value: href }, ...(alt ? [{ name: 'alt', value: alt }] : [])],
    childNodes: [],
  }
}

/**
 * The address a redirect link stands for: Google Docs' web-page export wraps every link as
 * `https://www.google.com/url?q=ADDRESS&sa=D…` (and Facebook's `l.facebook.com/l.php?u=` does
 * the same), which would put Google's tracking in the book. Only an absolute http(s) target is
 * taken; anything else leaves the link as written, to be judged like any other.
 */
export function unwrapRedirect(href: string): string {
  const m = /^https?:\/\/(?:www\.)?(?:google\.[a-z.]+\/url|l\.facebook\.com\/l\.php)\?(.*)$/i.exec(
    href.trim(),
  )
  if (!m) return href
  const params = new URLSearchParams(m[1]!.replace(/#.*$/, ''))
  const target = params.get('q') ?? params.get('url') ?? params.get('u')
  return target && /^https?:\/\//i.test(target) ? target : href
}

/** True for an element holding an author's note or chapter summary (AO3, hand-written). */
export function isNotesBlock(el: Element): boolean {
  const id = (attr(el, 'id') ?? '').toLowerCase()
  if (id === 'notes' || id === 'endnotes' || id === 'summary' || /^chapter_\d+_endnotes$/.test(id))
    return true
  const cls = classes(el)
  return (
    cls.includes('notes') ||
    cls.includes('endnotes') ||
    (cls.includes('summary') && el.tagName === 'div') ||
    // Story sites' and hand-written pages' `<div class="author-note">` (Wattpad-like, Royal Road).
    cls.some((c) => /^authors?[-_]?notes?$/.test(c))
  )
}

/** Site furniture that can sit inside the story area on saved AO3/FFN pages. */
export function isChrome(el: Element): boolean {
  if (el.tagName === 'nav') return true
  const cls = classes(el)
  const id = (attr(el, 'id') ?? '').toLowerCase()
  return (
    cls.includes('landmark') ||
    cls.includes('jump') ||
    cls.includes('actions') ||
    cls.includes('navigation') ||
    // AO3 downloads: "See the end of the chapter for more notes", a link within the page.
    cls.includes('endnote-link') ||
    id === 'feedback' ||
    id === 'kudos' ||
    id === 'comments_placeholder'
  )
}

/**
 * The space between a note's number and its words (Google Docs writes `[1]&nbsp;The note`): once
 * the number is gone, the note would open with a blank.
 */
function trimNoteStart(blocks: BlockContent[]): void {
  const first = blocks[0]
  if (first?.type !== 'paragraph') return
  const lead = first.children[0]
  if (lead?.type !== 'text') return
  lead.value = lead.value.replace(/^[\s\u00a0]+/, '')
  if (lead.value === '') first.children.shift()
}

/** Whether an element holds any words (what hiding it would leave out). */
const holdsText = (el: Element) => hasText(el)

/** Converts a parse5 tree (or part of one) to blocks. One instance per file. */
export class HtmlConverter {
  private readonly hasBlock = new WeakMap<Element, boolean>()
  /** Quotations made from indented blocks (`layout`): consecutive ones join. */
  private readonly classQuotes = new WeakSet<Blockquote>()
  private readonly maxDepth: number
  /** The document's language and direction (see `start`), what parts are marked against. */
  private base: LanguageContext
  /** Elements whose `lang` and `dir` were checked (`badLanguage`): each is told of once. */
  private readonly languageChecked = new WeakSet<Element>()
  private footnotes: Footnotes = findFootnotes({
    nodeName: '#document-fragment',
    childNodes: [],
  } as unknown as ParentNode)

  constructor(private readonly options: ConvertOptions) {
    this.maxDepth = options.maxDepth ?? 200
    this.base = options.language ?? ENGLISH
  }

  /** Convert the children of `root` (a document, fragment or element) to blocks. */
  convert(root: ParentNode): BlockContent[] {
    this.markBlocks(root)
    this.footnotes = findFootnotes(root)
    return this.flow(root.childNodes, this.start(root))
  }

  /** Convert the children of `root` as inline content (an `<img>` tag inside Markdown text). */
  phrasing(root: ParentNode): PhrasingContent[] {
    this.markBlocks(root)
    return this.inlines(root.childNodes, this.start(root))
  }

  /** Convert the inline content of an element (a heading found outside the story area). */
  inlineOf(el: Element): PhrasingContent[] {
    this.markBlocks(el)
    const ctx = this.start(el)
    return normalizeSpace(this.inLanguage(this.inlines(el.childNodes, ctx), ctx))
  }

  // ------------------------------------------------------------------ language

  /**
   * The context to convert `root`'s children in: the document's language and direction found
   * (its `<html>` and `<body>`, over the caller's), and those `root` and its ancestors declare.
   */
  private start(root: ParentNode): Ctx {
    const chain: Element[] = []
    let top: ParentNode = root
    for (let node: ParentNode | null = root; node; node = 'parentNode' in node ? node.parentNode : null) {
      top = node
      if (isElement(node)) chain.push(node)
    }
    // The document's own elements, whether `root` is inside them or the document holding them.
    const html = chain.find((el) => el.tagName === 'html') ?? top.childNodes.find(isHtml)
    const body = chain.find((el) => el.tagName === 'body') ?? html?.childNodes.find(isBody)
    let base = this.options.language ?? ENGLISH
    for (const el of [html, body]) if (el) base = scopeWithin(base, this.declared(el))
    this.base = base
    let scope = this.options.within ?? base
    for (let i = chain.length - 1; i >= 0; i--) scope = this.scopeOf(chain[i]!, scope)
    return { marks: [], inNote: false, depth: 0, scope }
  }

  private declared(el: Element) {
    const told = this.options.badLanguage
    if (told && el.attrs.length > 0 && !this.languageChecked.has(el)) {
      this.languageChecked.add(el)
      for (const { written, reason } of languageProblems(el.attrs)) told(written, reason, this.position(el))
    }
    return elementLanguage(el.attrs, this.options.xhtml)
  }

  /** The scope inside `el`, within `outer`; the document's elements set the document's, not a part's. */
  private scopeOf(el: Element, outer: LanguageContext): LanguageContext {
    if (documentTags.has(el.tagName)) return outer
    return scopeWithin(outer, this.declared(el))
  }

  /** The phrasing of an element standing alone (a caption), its language said where it is not the document's. */
  private phrasingOf(el: Element, ctx: Ctx): PhrasingContent[] {
    const inner: Ctx = { ...ctx, depth: ctx.depth + 1, scope: this.scopeOf(el, ctx.scope) }
    return this.inLanguage(normalizeSpace(this.inlines(el.childNodes, inner)), inner)
  }

  /** Phrasing in `ctx` with nothing around it to say its language (a heading, a cell): the document's. */
  private inLanguage(content: PhrasingContent[], ctx: Ctx): PhrasingContent[] {
    return inLanguage(content, ctx.scope, this.base)
  }

  // ------------------------------------------------------------------ positions

  position(node: ChildNode | ParentNode): Position | undefined {
    const loc = (node as { sourceCodeLocation?: P5.Element['sourceCodeLocation'] }).sourceCodeLocation
    if (!loc) return undefined
    return {
      start: this.point(loc.startLine, loc.startCol, loc.startOffset),
      end: this.point(loc.endLine, loc.endCol, loc.endOffset),
    }
  }

  private point(line: number, column: number, offset: number): Point {
    const base = this.options.base
    if (!base) return { line, column, offset }
    return {
      line: base.line + line - 1,
      column: line === 1 ? base.column + column - 1 : column,
      offset: (base.offset ?? 0) + offset,
    }
  }

  // ------------------------------------------------------------------ blocks

  /** Post-order pass (explicit stack) recording which elements hold block-level content. */
  private markBlocks(root: ParentNode): void {
    const stack: Array<[ParentNode, boolean]> = [[root, false]]
    while (stack.length > 0) {
      const [node, done] = stack.pop()!
      if (!done) {
        stack.push([node, true])
        for (const child of node.childNodes) if (isElement(child)) stack.push([child, false])
        continue
      }
      if (!isElement(node)) continue
      let block = false
      for (const child of node.childNodes) {
        if (isElement(child) && (blockTags.has(child.tagName) || this.hasBlock.get(child))) {
          block = true
          break
        }
      }
      this.hasBlock.set(node, block)
    }
  }

  private flow(nodes: ChildNode[], ctx: Ctx): BlockContent[] {
    const out: BlockContent[] = []
    let run: PhrasingContent[] = []
    const flush = () => {
      if (run.length > 0) pushAll(out, this.paragraphs(run, ctx))
      run = []
    }
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!
      if (!isElement(node)) {
        if (node.nodeName === '#text') pushAll(run, this.inline(node, ctx))
        continue
      }
      const tag = node.tagName
      if (elementHidden(node.attrs, this.options.classes)) {
        // Google Docs hides its page breaks (`<hr style="display:none">`): no text left out.
        if (holdsText(node)) this.options.sink.hidden(this.position(node))
        continue
      }
      const inlineLike =
        !blockTags.has(tag) &&
        !this.hasBlock.get(node) &&
        !isNotesBlock(node) &&
        !this.footnotes.notes.has(node) &&
        !this.footnotes.containers.has(node)
      if (inlineLike || dangerousTags.has(tag) || silentTags.has(tag)) {
        pushAll(run, this.inline(node, ctx))
        continue
      }
      flush()
      // "Notes:" / "Chapter End Notes" followed by the block holding them (AO3's download format).
      if (!ctx.inNote && this.isLabel(node)) {
        const next = nextElement(nodes, i)
        if (next && (next.el.tagName === 'blockquote' || next.el.tagName === 'div')) {
          pushAll(out, this.note(next.el, ctx))
          i = next.index
          continue
        }
      }
      // Lines a style sheet sets as verse: the run of them, as verse when they are short.
      if (this.layoutOf(node, ctx)?.verse) {
        const run = this.verseRun(nodes, i, ctx)
        const verse = this.verse(run.elements, ctx)
        if (verse) pushAll(out, verse)
        else for (const el of run.elements) this.pushBlocks(out, this.block(el, ctx))
        i = run.end
        continue
      }
      this.pushBlocks(out, this.block(node, ctx))
    }
    flush()
    return out
  }

  /** Append an element's blocks; a quotation made from a class joins the one just before it. */
  private pushBlocks(out: BlockContent[], blocks: BlockContent[]): void {
    const only = blocks.length === 1 ? blocks[0] : undefined
    const last = out.at(-1)
    if (
      only?.type === 'blockquote' &&
      last?.type === 'blockquote' &&
      this.classQuotes.has(only) &&
      this.classQuotes.has(last)
    ) {
      pushAll(last.children, only.children)
      const position = span(last.position, only.position)
      if (position) last.position = position
      return
    }
    pushAll(out, blocks)
  }

  /** What the book's style sheets make of a block, outside notes and footnotes. */
  private layoutOf(el: Element, ctx: Ctx): BlockVerdict | undefined {
    if (!this.options.layout || ctx.inNote || ctx.inFootnote) return undefined
    return this.options.layout.of(el)
  }

  /**
   * The verse lines from `nodes[i]` on: elements the layout calls verse, and the empty ones
   * between them (a stanza's end). `end`: the index of the last line.
   */
  private verseRun(nodes: ChildNode[], i: number, ctx: Ctx): { elements: Element[]; end: number } {
    const elements: Element[] = [nodes[i] as Element]
    let end = i
    for (let k = i + 1; k < nodes.length; k++) {
      const node = nodes[k]!
      if (!isElement(node)) {
        if (node.nodeName === '#text' && (node as P5.TextNode).value.trim() !== '') break
        continue
      }
      if (elementHidden(node.attrs, this.options.classes)) break
      if (this.layoutOf(node, ctx)?.verse) {
        elements.push(node)
        end = k
      } else if (
        (node.tagName === 'p' || node.tagName === 'div') &&
        !hasText(node) &&
        !this.hasBlock.get(node)
      ) {
        elements.push(node)
      } else break
    }
    // Empty blocks after the last line are not the run's.
    while (elements.length > 1 && !this.layoutOf(elements.at(-1)!, ctx)?.verse) elements.pop()
    return { elements, end }
  }

  /**
   * Lines of verse, a stanza to each run of them between empty blocks (or a blank line where
   * line breaks are kept): undefined when they are not short enough to be verse (a hanging indent
   * is also a bibliography's), or hold a picture.
   */
  private verse(elements: Element[], parent: Ctx): BlockContent[] | undefined {
    const stanzas: VerseLine[][] = []
    /** The stanza lines standing one to a block are gathered in. */
    let open: VerseLine[] | undefined
    for (const el of elements) {
      if (!hasText(el)) {
        open = undefined
        continue
      }
      const ctx: Ctx = { ...parent, depth: parent.depth + 1, scope: this.scopeOf(el, parent.scope) }
      this.addMark(el, ctx)
      let content = this.inlines(el.childNodes, ctx)
      if (this.layoutOf(el, parent)?.pre) content = newlinesToBreaks(content)
      // The block's lines, in stanzas parted by blank lines.
      const own: VerseLine[][] = [[]]
      for (const line of splitLines(content)) {
        const trimmed = normalizeSpace(line)
        if (toText(trimmed).trim() === '') {
          if (own.at(-1)!.length > 0) own.push([])
          continue
        }
        const verseLine: VerseLine = {
          type: 'verseLine',
          children: this.inLanguage(wrap(trimmed, ctx.marks), ctx),
        }
        own.at(-1)!.push(withPosition(verseLine, spanOf(trimmed)))
      }
      const made = own.filter((stanza) => stanza.length > 0)
      if (made.length === 1 && made[0]!.length === 1) {
        if (!open) {
          open = []
          stanzas.push(open)
        }
        open.push(made[0]![0]!)
      } else {
        // A block of several lines is a stanza of its own.
        pushAll(stanzas, made)
        open = undefined
      }
    }
    const lines = stanzas.flat()
    if (lines.length < 2) return undefined
    let total = 0
    for (const line of lines) {
      const text = toText(line.children).trim()
      if (text.length > VERSE_LONGEST || line.children.some(holdsImage)) return undefined
      total += text.length
    }
    if (total / lines.length > VERSE_AVERAGE) return undefined
    const out: BlockContent[] = []
    for (const stanza of stanzas) {
      const verse: Verse = { type: 'verse', children: stanza }
      out.push(withPosition(verse, span(stanza[0]!.position, stanza.at(-1)!.position)))
    }
    return out
  }

  private isLabel(el: Element): boolean {
    if (!(headingTags.has(el.tagName) || ['p', 'div', 'b', 'strong', 'dt'].includes(el.tagName))) return false
    const text = textContent(el)
    return text.length < 40 && noteLabel.test(text)
  }

  private block(el: Element, parent: Ctx): BlockContent[] {
    const ctx: Ctx = { ...parent, depth: parent.depth + 1, scope: this.scopeOf(el, parent.scope) }
    if (ctx.depth > this.maxDepth) return this.flattened(el)
    const tag = el.tagName
    const position = this.position(el)
    if (this.footnotes.containers.has(el)) return this.noteList(el, ctx)
    const identifier = this.footnotes.notes.get(el)
    if (identifier !== undefined) return this.definition(el, identifier, ctx)
    if (isChrome(el)) return []
    if (isNotesBlock(el) && !parent.inNote) return this.note(el, { ...parent, scope: ctx.scope })
    if (parent.inNote && this.isLabel(el)) return []
    this.applyAlign(el, ctx)
    if (headingTags.has(tag)) return this.heading(el, ctx)
    switch (tag) {
      case 'hr': {
        const marker = position ? this.slice(position) : undefined
        return [withPosition({ type: 'sceneBreak', ...(marker ? { marker } : {}) }, position)]
      }
      case 'p': {
        const layout = this.layoutOf(el, parent)
        const made = this.paragraphs(this.inlines(el.childNodes, ctx), ctx, position)
        // An empty line the author typed: its place kept, when asked.
        if (made.length === 0 && this.options.spacers)
          return [withPosition({ type: 'sceneBreak', marker: layout?.spacer ? SPACE : SPACER }, position)]
        return this.laidOut(made, layout, position)
      }
      case 'blockquote': {
        // AO3 wraps notes and summaries in blockquote.userstuff: a wrapper, not a quotation.
        const children = this.flow(el.childNodes, ctx)
        if (classes(el).includes('userstuff') || children.length === 0) return children
        return [withPosition({ type: 'blockquote', children }, position)]
      }
      case 'ul':
      case 'ol':
      case 'menu':
      case 'dir':
        return this.list(el, ctx)
      case 'pre':
      case 'listing':
      case 'xmp':
      case 'plaintext': {
        const value = clean(textContent(el)).replace(/\n$/, '')
        return value.trim() === '' ? [] : [withPosition({ type: 'codeBlock', value }, position)]
      }
      case 'figure':
        return this.figure(el, ctx)
      case 'dl':
        return this.definitionList(el, ctx)
      case 'table':
        return this.isDataTable(el) ? this.table(el, ctx) : this.flow(el.childNodes, ctx)
      default: {
        // div, section, center, td, li outside a list, and inline elements holding blocks.
        if (tag === 'center') ctx.align = 'center'
        this.addMark(el, ctx)
        const made = this.flow(el.childNodes, ctx)
        if (tag !== 'div') return made
        const layout = this.layoutOf(el, parent)
        // `<div class="space"></div>`: the space a style sheet gives it, kept when asked.
        if (made.length === 0 && layout?.spacer && this.options.spacers)
          return [withPosition({ type: 'sceneBreak', marker: SPACE }, position)]
        return this.laidOut(made, layout, position)
      }
    }
  }

  /**
   * A block's blocks as its style sheet lays them out: in a quotation when it is indented (not
   * when it holds verse alone, which is set apart already), after a `SPACE` when it opens with a
   * blank line.
   */
  private laidOut(
    made: BlockContent[],
    layout: BlockVerdict | undefined,
    position: Position | undefined,
  ): BlockContent[] {
    if (!layout || made.length === 0) return made
    if (layout.quote && !made.every((b) => b.type === 'verse')) {
      const quote: Blockquote = withPosition({ type: 'blockquote', children: made }, position)
      this.classQuotes.add(quote)
      return [quote]
    }
    if (layout.spaceBefore && made[0]!.type === 'paragraph')
      return [withPosition({ type: 'sceneBreak', marker: SPACE }, position), ...made]
    return made
  }

  private heading(el: Element, ctx: Ctx): BlockContent[] {
    const position = this.position(el)
    const text = textContent(el).trim()
    // AO3's "Chapter Text" landmark is a screen-reader signpost, not part of the story.
    if (/^chapter text$/i.test(text)) return []
    const content = this.inLanguage(normalizeSpace(this.inlines(el.childNodes, ctx)), ctx)
    if (content.length === 0) return []
    const plain = toText(content)
    if (isOrnament(plain)) return [withPosition({ type: 'sceneBreak', marker: plain.trim() }, position)]
    if (!ctx.inNote && this.options.claimHeading?.(content, position)) return []
    const depth = Math.min(6, Math.max(2, Number(el.tagName.slice(1)))) as 2 | 3 | 4 | 5 | 6
    return [withPosition({ type: 'heading', depth, children: content }, position)]
  }

  private note(el: Element, ctx: Ctx): BlockContent[] {
    const children = this.flow(el.childNodes, { ...ctx, inNote: true, depth: ctx.depth + 1 })
    if (children.length === 0) return []
    const note: Note = { type: 'note', placement: 'inline', children }
    return [withPosition(note, this.position(el))]
  }

  /** A list of footnotes (pandoc's `section.footnotes`): its notes, nothing else (no rule, no list). */
  private noteList(el: Element, ctx: Ctx): BlockContent[] {
    const out: BlockContent[] = []
    const stack: ChildNode[] = [...el.childNodes].reverse()
    while (stack.length > 0) {
      const node = stack.pop()!
      if (!isElement(node)) continue
      const identifier = this.footnotes.notes.get(node)
      if (identifier !== undefined) pushAll(out, this.definition(node, identifier, ctx))
      else for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!)
    }
    return out
  }

  private definition(el: Element, identifier: string, ctx: Ctx): BlockContent[] {
    const inner: Ctx = {
      ...ctx,
      align: undefined,
      marks: [],
      inFootnote: true,
      depth: ctx.depth + 1,
      scope: this.scopeOf(el, ctx.scope),
    }
    const definition: FootnoteDefinition = {
      type: 'footnoteDefinition',
      identifier,
      children: this.flow(el.childNodes, inner),
    }
    trimNoteStart(definition.children)
    const label = this.footnotes.labels.get(identifier)
    if (label !== undefined) definition.label = label
    return [withPosition(definition, this.position(el))]
  }

  private list(el: Element, ctx: Ctx): BlockContent[] {
    const items: ListItem[] = []
    let loose: ChildNode[] = []
    const flushLoose = () => {
      const children = this.flow(loose, ctx)
      if (children.length > 0) items.push({ type: 'listItem', children })
      loose = []
    }
    for (const child of el.childNodes) {
      if (isElement(child) && child.tagName === 'li') {
        flushLoose()
        const inner = { ...ctx, depth: ctx.depth + 1, scope: this.scopeOf(child, ctx.scope) }
        items.push(
          withPosition(
            { type: 'listItem', children: this.flow(child.childNodes, inner) },
            this.position(child),
          ),
        )
      } else loose.push(child)
    }
    flushLoose()
    if (items.length === 0) return []
    const ordered = el.tagName === 'ol'
    const start = Number.parseInt(attr(el, 'start') ?? '1', 10)
    return [
      withPosition(
        {
          type: 'list',
          ordered,
          ...(ordered ? { start: Number.isFinite(start) ? start : 1 } : {}),
          children: items,
        },
        this.position(el),
      ),
    ]
  }

  private figure(el: Element, ctx: Ctx): BlockContent[] {
    let image: Image | undefined
    let caption: PhrasingContent[] | undefined
    const rest: ChildNode[] = []
    const stack: ChildNode[] = [...el.childNodes].reverse()
    // The image may sit inside a link or a div; the caption is the figcaption's inline content.
    while (stack.length > 0) {
      const node = stack.pop()!
      if (isElement(node) && node.tagName === 'img' && !image) {
        const made = this.image(node)
        if (made.length === 1 && made[0]!.type === 'image') image = made[0] as Image
        else rest.push(node)
      } else if (isElement(node) && node.tagName === 'figcaption' && !caption) {
        caption = this.phrasingOf(node, ctx)
      } else if (
        isElement(node) &&
        (node.tagName === 'a' || node.tagName === 'div' || node.tagName === 'picture')
      ) {
        for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!)
      } else rest.push(node)
    }
    const out: BlockContent[] = []
    if (image) {
      const figure: Figure = { type: 'figure', image }
      if (caption && caption.length > 0) figure.caption = caption
      out.push(withPosition(figure, this.position(el)))
    } else if (caption && caption.length > 0) {
      pushAll(out, this.paragraphs(caption, ctx))
    }
    pushAll(out, this.flow(rest, ctx))
    return out
  }

  /**
   * A definition list as paragraphs: each term (`<dt>`) a paragraph in bold, each definition
   * (`<dd>`) its blocks as they are. `<div>` groups (allowed inside `<dl>`) are walked through;
   * anything else inside is read as ordinary flow, so no word is lost.
   */
  private definitionList(el: Element, ctx: Ctx): BlockContent[] {
    const out: BlockContent[] = []
    const stack: ChildNode[] = [...el.childNodes].reverse()
    while (stack.length > 0) {
      const node = stack.pop()!
      if (isElement(node) && node.tagName === 'dt') {
        const inner = { ...ctx, depth: ctx.depth + 1, scope: this.scopeOf(node, ctx.scope) }
        const content = normalizeSpace(this.inlines(node.childNodes, inner))
        if (content.length === 0) continue
        const strong: PhrasingContent = { type: 'strong', children: content }
        pushAll(out, this.paragraphs([strong], inner, this.position(node)))
      } else if (isElement(node) && node.tagName === 'div') {
        for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!)
      } else if (isElement(node) && node.tagName === 'dd') {
        const inner = { ...ctx, depth: ctx.depth + 1, scope: this.scopeOf(node, ctx.scope) }
        pushAll(out, this.flow(node.childNodes, inner))
      } else pushAll(out, this.flow([node], ctx))
    }
    if (out.length > 0) this.options.sink.definitionList(this.position(el))
    return out
  }

  /** Rows of the table, this table's own (not those of tables nested in its cells). */
  private rows(el: Element): Element[] {
    const out: Element[] = []
    const stack: ChildNode[] = [...el.childNodes].reverse()
    while (stack.length > 0) {
      const node = stack.pop()!
      if (!isElement(node)) continue
      if (node.tagName === 'tr') out.push(node)
      else if (node.tagName === 'thead' || node.tagName === 'tbody' || node.tagName === 'tfoot') {
        for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!)
      }
    }
    return out
  }

  private cells(row: Element): Element[] {
    return row.childNodes.filter(
      (c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'),
    )
  }

  /**
   * A table that holds data: it says so (`<th>`, `<caption>`, `<thead>`), or a row has two or
   * more filled cells. A one-column table without any of these is page layout (old sites centre
   * the story in one), and so is one marked `role="presentation"` or with a cell holding a page
   * (`holdsPage`): its content is read as flow.
   */
  private isDataTable(el: Element): boolean {
    const role = attr(el, 'role')
    if (role === 'presentation' || role === 'none') return false
    if (this.rows(el).some((row) => this.cells(row).some(holdsPage))) return false
    if (el.childNodes.some((c) => isElement(c) && (c.tagName === 'caption' || c.tagName === 'thead')))
      return true
    return this.rows(el).some((row) => {
      const cells = this.cells(row)
      return cells.some((c) => c.tagName === 'th') || cells.filter(hasText).length > 1
    })
  }

  /**
   * A data table: its caption, head rows (`<thead>`, or leading rows of `<th>` only when there is
   * no `<thead>`), body rows, then `<tfoot>` rows (the model has no foot; they read last, as
   * printed). Cells keep `<th>`, spans and alignment; a cell's blocks are joined into one run of
   * text (`cellContent`), reported once per table.
   */
  private table(el: Element, ctx: Ctx): BlockContent[] {
    const inner: Ctx = { ...ctx, align: undefined, marks: [], depth: ctx.depth + 1 }
    const head: Element[] = []
    const body: Element[] = []
    const foot: Element[] = []
    let caption: PhrasingContent[] | undefined
    for (const child of el.childNodes) {
      if (!isElement(child)) continue
      if (child.tagName === 'caption' && !caption) caption = this.phrasingOf(child, inner)
      else if (child.tagName === 'thead') pushAll(head, this.rows(child))
      else if (child.tagName === 'tfoot') pushAll(foot, this.rows(child))
      else if (child.tagName === 'tbody' || child.tagName === 'tr') pushAll(body, this.rows(child))
    }
    if (head.length === 0)
      while (body.length > 1 && this.cells(body[0]!).every((c) => c.tagName === 'th'))
        head.push(body.shift()!)
    const flattened = { any: false }
    const alignOf = new Map<TableCell, 'left' | 'center' | 'right'>()
    const rows: TableRow[] = []
    for (const [group, isHead] of [
      [head, true],
      [body, false],
      [foot, false],
    ] as const) {
      for (const tr of group) {
        const rowAlign = alignment(tr)
        const cells: TableCell[] = []
        const rowCtx = { ...inner, scope: this.scopeOf(tr, inner.scope) }
        for (const td of this.cells(tr)) {
          const cellCtx = { ...rowCtx, scope: this.scopeOf(td, rowCtx.scope) }
          const cell: TableCell = {
            type: 'tableCell',
            children: wrap(this.inLanguage(this.cellContent(td, cellCtx, flattened), cellCtx), ctx.marks),
          }
          if (td.tagName === 'th') cell.header = true
          const colSpan = spanAttr(td, 'colspan', MAX_COL_SPAN)
          const rowSpan = spanAttr(td, 'rowspan', MAX_ROW_SPAN)
          if (colSpan > 1) cell.colSpan = colSpan
          if (rowSpan > 1) cell.rowSpan = rowSpan
          const align = alignment(td) ?? rowAlign
          if (align) alignOf.set(cell, align)
          cells.push(withPosition(cell, this.position(td)))
        }
        const row: TableRow = { type: 'tableRow', children: cells }
        if (isHead) row.head = true
        rows.push(withPosition(row, this.position(tr)))
      }
    }
    if (rows.length === 0) return caption && caption.length > 0 ? this.paragraphs(caption, ctx) : []
    const table: Table = { type: 'table', children: rows }
    if (caption && caption.length > 0) table.caption = caption
    const align = columnAlignment(table, alignOf)
    if (align) table.align = align
    if (flattened.any) this.options.sink.tableFlattened(this.position(el))
    return [withPosition(table, this.position(el))]
  }

  /**
   * A cell's content as phrasing: inline content as it is; blocks (paragraphs, lists, quotes,
   * headings, a nested table) joined with line breaks, list items marked with a bullet, so no
   * word is lost and the lines stay apart. Sets `flattened.any` when blocks were joined.
   */
  private cellContent(td: Element, ctx: Ctx, flattened: { any: boolean }): PhrasingContent[] {
    if (!this.hasBlock.get(td)) return trimBreaks(normalizeSpace(this.inlines(td.childNodes, ctx)))
    const blocks = this.flow(td.childNodes, ctx)
    if (blocks.length > 1 || (blocks.length === 1 && blocks[0]!.type !== 'paragraph')) flattened.any = true
    const lines: PhrasingContent[][] = []
    const stack: Array<[BlockContent, string]> = blocks
      .map((b) => [b, ''] as [BlockContent, string])
      .reverse()
    while (stack.length > 0) {
      const [block, bullet] = stack.pop()!
      const lead: PhrasingContent[] = bullet ? [{ type: 'text', value: bullet }] : []
      switch (block.type) {
        case 'paragraph':
          // A paragraph in another language than the document's keeps it, as a span.
          lines.push([...lead, ...inLanguage(block.children, scopeWithin(this.base, block), this.base)])
          break
        case 'heading':
          lines.push([...lead, ...block.children])
          break
        case 'verse':
          for (const line of block.children) lines.push(line.children)
          break
        case 'figure':
          lines.push([block.image, ...(block.caption ?? [])])
          break
        case 'codeBlock':
          lines.push([{ type: 'code', value: block.value }])
          break
        case 'sceneBreak':
          // An empty paragraph's place (`SPACER`) holds nothing to show in a cell.
          if (block.marker && block.marker !== SPACER) lines.push([{ type: 'text', value: block.marker }])
          break
        case 'table':
          if (block.caption) lines.push(block.caption)
          for (const row of block.children) {
            const line: PhrasingContent[] = []
            for (const cell of row.children) {
              if (line.length > 0) line.push({ type: 'text', value: ' | ' })
              pushAll(line, cell.children)
            }
            lines.push(line)
          }
          break
        case 'list': {
          const items = block.children
          for (let i = items.length - 1; i >= 0; i--) {
            const mark = block.ordered ? `${(block.start ?? 1) + i}. ` : '• '
            const kids = items[i]!.children
            for (let k = kids.length - 1; k >= 0; k--) stack.push([kids[k]!, k === 0 ? mark : ''])
          }
          break
        }
        case 'blockquote':
        case 'note':
        case 'footnoteDefinition':
          for (let k = block.children.length - 1; k >= 0; k--)
            stack.push([block.children[k]!, k === 0 ? bullet : ''])
          break
      }
    }
    const out: PhrasingContent[] = []
    for (const line of lines) {
      if (line.length === 0) continue
      if (out.length > 0) out.push({ type: 'break' })
      pushAll(out, line)
    }
    return mergeText(out)
  }

  /** Split a run of inline content into paragraphs at `<br><br>`, scene breaks and lone images. */
  private paragraphs(run: PhrasingContent[], ctx: Ctx, position?: Position): BlockContent[] {
    const pieces: PhrasingContent[][] = [[]]
    for (let i = 0; i < run.length; i++) {
      const node = run[i]!
      if (node.type === 'break') {
        let j = i + 1
        while (j < run.length && isBlank(run[j]!)) j++
        if (run[j]?.type === 'break') {
          while (j < run.length && (run[j]!.type === 'break' || isBlank(run[j]!))) j++
          pieces.push([])
          i = j - 1
          continue
        }
      }
      pieces[pieces.length - 1]!.push(node)
    }
    const out: BlockContent[] = []
    for (const piece of pieces.flatMap(indentedLines)) {
      const content = trimBreaks(normalizeSpace(piece))
      if (content.length === 0) continue
      // A paragraph's own indent typed as spaces (`&nbsp;&nbsp;&nbsp;The mill…`, an ideographic
      // space in Japanese): the book indents its paragraphs itself. A line-broken block keeps its
      // lines' spacing, as verse may be set by it.
      if (!content.some((c) => c.type === 'break')) {
        const lead = firstText(content)
        if (lead) lead.value = lead.value.replace(INDENT, '')
      }
      const where = pieces.length === 1 && position ? position : spanOf(content)
      const plain = toText(content)
      // `<p>&nbsp;</p>` is a spacer from a word processor, not a paragraph.
      if (plain.trim() === '' && !content.some((c) => c.type === 'image')) continue
      if (isOrnament(plain)) {
        out.push(withPosition({ type: 'sceneBreak', marker: plain.trim() }, where))
        continue
      }
      const only = content.length === 1 ? content[0] : undefined
      if (only?.type === 'image') {
        out.push(withPosition<Figure>({ type: 'figure', image: only }, where))
        continue
      }
      const paragraph: Paragraph = { type: 'paragraph', children: wrap(content, ctx.marks) }
      if (ctx.align) paragraph.align = ctx.align
      paragraphLanguage(paragraph, ctx.scope, this.base)
      out.push(withPosition(paragraph, where))
    }
    return out
  }

  private flattened(el: Element): BlockContent[] {
    const position = this.position(el)
    this.options.sink.tooDeep(position)
    const value = clean(textContent(el)).replace(/\s+/g, ' ').trim()
    if (value === '') return []
    return [withPosition({ type: 'paragraph', children: [{ type: 'text', value }] }, position)]
  }

  // ------------------------------------------------------------------ inline

  private inlines(nodes: ChildNode[], ctx: Ctx): PhrasingContent[] {
    const out: PhrasingContent[] = []
    for (const node of nodes) pushAll(out, this.inline(node, ctx))
    return mergeText(out)
  }

  private inline(node: ChildNode, parent: Ctx): PhrasingContent[] {
    if (node.nodeName === '#text') {
      const value = clean((node as P5.TextNode).value)
      return value === '' ? [] : [withPosition({ type: 'text', value }, this.position(node))]
    }
    if (!isElement(node)) return []
    const tag = node.tagName
    const position = this.position(node)
    // An EPUB's picture wrapped in SVG to scale it (`<svg><image xlink:href="…"/></svg>`): the picture.
    const wrapped = tag === 'svg' ? svgPicture(node) : undefined
    if (wrapped) return this.image(wrapped)
    if (dangerousTags.has(tag)) {
      this.options.sink.dropped(tag, position)
      return []
    }
    if (elementHidden(node.attrs, this.options.classes)) {
      if (holdsText(node)) this.options.sink.hidden(position)
      return []
    }
    if (silentTags.has(tag) || isChrome(node)) return []
    const ctx: Ctx = { ...parent, depth: parent.depth + 1, scope: this.scopeOf(node, parent.scope) }
    if (ctx.depth > this.maxDepth) {
      this.options.sink.tooDeep(position)
      const value = clean(textContent(node))
      return value === '' ? [] : [withPosition({ type: 'text', value }, position)]
    }
    switch (tag) {
      case 'br':
        return [withPosition({ type: 'break' }, position)]
      case 'img':
        return this.image(node)
      case 'a':
        return this.link(node, ctx, parent.scope)
      case 'code':
      case 'kbd':
      case 'samp':
      case 'tt': {
        const value = clean(textContent(node))
        return value === '' ? [] : [withPosition({ type: 'code', value }, position)]
      }
      case 'q':
        // The quotation marks are the text's around it; what is quoted may be in another language.
        return [
          { type: 'text', value: '"' },
          ...inLanguage(this.inlines(node.childNodes, ctx), ctx.scope, parent.scope, position),
          { type: 'text', value: '"' },
        ]
    }
    // `<i lang="la">Carpe diem</i>`: the span inside the mark, as the language is the words'.
    let content = inLanguage(this.inlines(node.childNodes, ctx), ctx.scope, parent.scope, position)
    for (const mark of elementMarks(node.tagName, node.attrs, this.options.classes)) {
      // `<sup><a href="#fn1">1</a></sup>` is a footnote marker, already raised by every renderer.
      if (mark === 'superscript' && content.every(isNoteMarker)) continue
      // A style underlining a link (Google Docs' `<span class="c8"><a class="c8">`) is how links
      // look, not an underline the author gave: the link is kept, the underline not.
      if (
        mark === 'underline' &&
        tag !== 'u' &&
        tag !== 'ins' &&
        content.some((c) => c.type === 'link') &&
        content.every((c) => c.type === 'link' || (c.type === 'text' && c.value.trim() === ''))
      )
        continue
      if (content.length === 0) break
      content = [withPosition({ type: mark, children: content }, position)]
    }
    // A block element met in inline context (inside a heading or caption) still separates words.
    if (blockTags.has(tag)) content = [{ type: 'text', value: ' ' }, ...content, { type: 'text', value: ' ' }]
    return content
  }

  /** A link, or a footnote's reference; `outer`: the language around it. */
  private link(el: Element, ctx: Ctx, outer: LanguageContext): PhrasingContent[] {
    const href = attr(el, 'href')
    const position = this.position(el)
    if (ctx.inFootnote && isBackLink(el, this.footnotes)) return []
    const identifier = href?.startsWith('#') ? this.footnotes.targets.get(href.slice(1)) : undefined
    if (identifier !== undefined && !ctx.inFootnote) {
      const reference: FootnoteReference = { type: 'footnoteReference', identifier }
      const label = this.footnotes.labels.get(identifier)
      if (label !== undefined) reference.label = label
      return [withPosition(reference, position)]
    }
    const children = inLanguage(this.inlines(el.childNodes, ctx), ctx.scope, outer, position)
    if (href === undefined) return children
    const verdict = judgeLink(unwrapRedirect(clean(href)))
    if (verdict.kind === 'relative') {
      this.options.sink.relativeLink(href, position)
      return children
    }
    if (verdict.kind === 'unsafe') {
      this.options.sink.unsafeUrl(href, verdict.scheme, position)
      return children
    }
    const link: Link = { type: 'link', url: verdict.url, children }
    const title = attr(el, 'title')
    if (title) link.title = clean(title)
    return [withPosition(link, position)]
  }

  private image(el: Element): PhrasingContent[] {
    const position = this.position(el)
    const src = attr(el, 'src') ?? ''
    const altRaw = attr(el, 'alt')
    const alt = altRaw === undefined ? undefined : clean(altRaw)
    const verdict = judgeImage(clean(src), this.options.filePath)
    const sink = this.options.sink
    // A saved page's lazy loading: the data: picture is a placeholder for the one named apart.
    const lazy =
      verdict.kind === 'data' ? LAZY_SOURCES.map((name) => attr(el, name)).find(Boolean) : undefined
    if (lazy) {
      sink.remoteImage(lazy, position)
      return alt ? [withPosition({ type: 'text', value: alt }, position)] : []
    }
    const path = imagePath(verdict, src, this.options.dataImages, sink, position)
    if (path !== undefined) {
      const image: Image = { type: 'image', url: path }
      if (alt !== undefined) image.alt = alt
      const title = attr(el, 'title')
      if (title) image.title = clean(title)
      return [withPosition(image, position)]
    }
    // The picture is gone; its description stays in the text.
    return alt ? [withPosition({ type: 'text', value: alt }, position)] : []
  }

  // ------------------------------------------------------------------ helpers

  private applyAlign(el: Element, ctx: Ctx): void {
    const align = elementAlign(el.tagName, el.attrs, this.options.classes)
    if (align !== undefined) ctx.align = align ?? undefined
    // Centred by a selector the class reader does not read (`.letter p.sign`, `div.c > p`).
    else if (this.options.layout) {
      const laid = this.layoutOf(el, ctx)?.align
      if (laid) ctx.align = laid
    }
  }

  private addMark(el: Element, ctx: Ctx): void {
    const marks = elementMarks(el.tagName, el.attrs, this.options.classes)
    if (marks.length > 0) ctx.marks = [...ctx.marks, ...marks]
  }

  private slice(position: Position): string | undefined {
    const { start, end } = position
    if (this.options.base || start.offset === undefined || end.offset === undefined) return undefined
    return clean(this.options.source.slice(start.offset, end.offset))
  }
}

function wrap(content: PhrasingContent[], marks: Mark[]): PhrasingContent[] {
  let out = content
  for (let i = marks.length - 1; i >= 0; i--) out = [{ type: marks[i]!, children: out }]
  return out
}

/**
 * A cell that holds a page rather than a datum: a heading, or paragraphs enough to be prose
 * (saved pages of old sites set the whole story in a layout table's cell).
 */
function holdsPage(cell: Element): boolean {
  let paragraphs = 0
  const stack: ChildNode[] = [...cell.childNodes]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (!isElement(node)) continue
    if (headingTags.has(node.tagName)) return true
    // A table inside is its own question.
    if (node.tagName === 'table') continue
    if (node.tagName === 'p' && ++paragraphs >= 4) return true
    for (const child of node.childNodes) stack.push(child)
  }
  return false
}

/** A footnote reference, or the white space around one. */
function isNoteMarker(node: PhrasingContent): boolean {
  return node.type === 'footnoteReference' || (node.type === 'text' && node.value.trim() === '')
}

/** A cell's or row's alignment, from `align` or `style="text-align: …"`. */
function alignment(el: Element): 'left' | 'center' | 'right' | undefined {
  const style = (attr(el, 'style') ?? '').toLowerCase()
  const value = /text-align\s*:\s*([a-z-]+)/.exec(style)?.[1] ?? attr(el, 'align')?.toLowerCase()
  if (value === 'left' || value === 'center' || value === 'right') return value
  if (value === 'start') return 'left'
  if (value === 'end') return 'right'
  return undefined
}

/** `colspan`/`rowspan` as HTML parses it: digits, within bounds, else 1. */
function spanAttr(el: Element, name: string, max: number): number {
  const value = Number.parseInt(attr(el, name) ?? '', 10)
  return Number.isFinite(value) && value > 1 ? Math.min(value, max) : 1
}

/**
 * Column alignment from the cells: each column takes the alignment of its first body cell that
 * starts there and spans it alone (GFM and word processors align every cell of a column), else of
 * such a head cell. Undefined when no column is aligned.
 */
function columnAlignment(
  table: Table,
  alignOf: Map<TableCell, 'left' | 'center' | 'right'>,
): Table['align'] | undefined {
  const grid = tableGrid(table)
  const body: Array<'left' | 'center' | 'right' | undefined> = []
  const head: Array<'left' | 'center' | 'right' | undefined> = []
  grid.cells.forEach((cells, r) => {
    const into = r < grid.headRows ? head : body
    for (const placed of cells) {
      if (placed.colSpan !== 1 || into[placed.column] !== undefined) continue
      into[placed.column] = alignOf.get(placed.cell)
    }
  })
  const align: NonNullable<Table['align']> = []
  let any = false
  for (let c = 0; c < grid.columns; c++) {
    const value = body[c] ?? head[c] ?? null
    if (value) any = true
    align.push(value)
  }
  return any ? align : undefined
}

function withPosition<T extends Node>(node: T, position: Position | undefined): T {
  if (position) node.position = position
  return node
}

function spanOf(content: PhrasingContent[]): Position | undefined {
  let first: Position | undefined
  let last: Position | undefined
  for (const node of content) {
    if (!node.position) continue
    first ??= node.position
    last = node.position
  }
  return span(first, last)
}

/** Spaces typed to indent a line: no-break, en, em, figure, thin and ideographic spaces, tabs. */
const INDENT = /^[ \t\u00a0\u2002\u2003\u2007\u2009\u3000]+/

/** An indent of two no-break spaces, or one em or ideographic space, at least. */
const TYPED_INDENT = /^(?:[\u00a0\u2002\t][ \u00a0\u2002\t]|[ \u00a0]*[\u2003\u3000])/

/** The first text of some phrasing content, within its marks; none when it opens with anything else. */
function firstText(nodes: PhrasingContent[]): Text | undefined {
  let at: PhrasingContent | undefined = nodes[0]
  while (at) {
    if (at.type === 'text') return at
    if (!('children' in at) || at.type === 'link') return undefined
    at = (at.children as PhrasingContent[])[0]
  }
  return undefined
}

/**
 * Lines of prose that each open with a typed indent and end in a single `<br>` (a page written
 * before CSS: `&nbsp;&nbsp;&nbsp;&nbsp;The mill…<br>&nbsp;&nbsp;&nbsp;&nbsp;Inside…<br>`) are
 * paragraphs, as the indents show. Only when every line is indented and reads as prose (one as
 * long as prose runs, or each ending a sentence): short indented lines are verse, kept as lines.
 */
function indentedLines(piece: PhrasingContent[]): PhrasingContent[][] {
  if (!piece.some((n) => n.type === 'break')) return [piece]
  const lines: PhrasingContent[][] = [[]]
  for (const node of piece) {
    if (node.type === 'break') lines.push([])
    else lines.at(-1)!.push(node)
  }
  const worded = lines.filter((line) => toText(line).trim() !== '')
  if (worded.length < 2) return [piece]
  const indented = (line: PhrasingContent[]) => {
    const lead = firstText(trimEdges(line, (n) => n.type === 'text' && /^[ \t\n\r\f]*$/.test(n.value)))
    return (
      lead !== undefined &&
      TYPED_INDENT.test(lead.value.replace(/^[ \t\n\r\f]+(?=[\u00a0\u2002\u2003\u3000])/, ''))
    )
  }
  const prose =
    worded.some((line) => toText(line).trim().length > 60) ||
    worded.every((line) => /[.!?…]["”’»)]*$/.test(toText(line).trim()))
  if (!worded.every(indented) || !prose) return [piece]
  return lines
}

/** Text whose line breaks are kept (`white-space: pre-line`): each newline a `break`, within marks too. */
function newlinesToBreaks(content: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const node of content) {
    if (node.type === 'text' && node.value.includes('\n')) {
      node.value.split('\n').forEach((piece, i) => {
        if (i > 0) out.push({ type: 'break' })
        if (piece !== '') out.push({ type: 'text', value: piece })
      })
    } else if ('children' in node && node.type !== 'link') {
      ;(node as { children: PhrasingContent[] }).children = newlinesToBreaks(
        node.children as PhrasingContent[],
      )
      out.push(node)
    } else out.push(node)
  }
  return out
}

/**
 * Phrasing cut into lines at its breaks, marks holding a break cut with it (`<i>one<br/>two</i>`
 * is two lines, each in italics).
 */
function splitLines(content: PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]]
  for (const node of content) {
    if (node.type === 'break') lines.push([])
    else if ('children' in node && node.type !== 'link' && holdsBreak(node)) {
      splitLines(node.children as PhrasingContent[]).forEach((piece, i) => {
        if (i > 0) lines.push([])
        if (piece.length > 0) lines.at(-1)!.push({ ...node, children: piece } as PhrasingContent)
      })
    } else lines.at(-1)!.push(node)
  }
  return lines
}

function holdsBreak(node: PhrasingContent): boolean {
  if (node.type === 'break') return true
  return 'children' in node && node.type !== 'link' && (node.children as PhrasingContent[]).some(holdsBreak)
}

/** Whether phrasing holds a picture, within its marks. */
function holdsImage(node: PhrasingContent): boolean {
  if (node.type === 'image') return true
  return 'children' in node && (node.children as PhrasingContent[]).some(holdsImage)
}

function isBlank(node: PhrasingContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}

function trimBreaks(content: PhrasingContent[]): PhrasingContent[] {
  return trimEdges(content, (node) => node.type === 'break')
}

function nextElement(nodes: ChildNode[], i: number): { el: Element; index: number } | undefined {
  for (let j = i + 1; j < nodes.length; j++) {
    const node = nodes[j]!
    if (isElement(node)) return { el: node, index: j }
    if (node.nodeName === '#text' && (node as P5.TextNode).value.trim() !== '') return undefined
  }
  return undefined
}
