/**
 * mdast → manuscript model, one handler per mdast node type (after mdast-util-to-hast's handler
 * table). Links and images go through the shared URL policy; raw HTML goes through the sanitising
 * HTML converter; GFM tables become `table`s (head row, column alignment), `~~strike~~` a
 * `delete`, and pandoc's `H~2~O` and `x^2^` (found by `marks.ts`) `subscript` and `superscript`.
 * The language of parts (`[mot]{lang=fr}`, `::: {lang=fr}`) is kept where it differs from the
 * language around it, which the converter follows as it goes (`scope`). Recursion is bounded:
 * past `maxDepth` levels a subtree is kept as plain text.
 */
import type * as Mdast from 'mdast'
import type { SourceFile } from '../../diagnostics/file.js'
import { canonicalLanguage } from '../../language.js'
import { pushAll } from '../../model/arrays.js'
import type {
  BlockContent,
  FootnoteDefinition,
  Image,
  Link,
  List,
  Node,
  Paragraph,
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
import { type DataImages, imagePath } from '../shared/data-images.js'
import { isOrnament } from '../shared/ornament.js'
import {
  documentScope,
  inLanguage,
  type LanguageAttributes,
  type LanguageContext,
  mergeText,
  paragraphLanguage,
  scopeWithin,
  trimInline,
} from '../shared/phrasing.js'
import type { FileSink } from '../shared/sink.js'
import { judgeImage, judgeLink } from '../shared/urls.js'
import { clean } from '../source.js'
import { blocksWithContainers, mayHoldContainers, placeNotes } from './containers.js'
import type { ConverterHost } from './host.js'
import type * as HtmlParts from './html-parts.js'
import { inlinesWithHtml } from './inline-html.js'
import type { LineBlock } from './line-blocks.js'
import { LineIndex, type Script } from './marks.js'
import { type FenceOpener, type RawTag, tagLabel } from './raw-html.js'
import type { LanguageSpan, Span } from './spans.js'

type MdNode = Mdast.Nodes
type Definition = Mdast.Definition
type MdPosition = NonNullable<Mdast.Node['position']>

export interface MdConvertOptions {
  /** The Markdown the tree was parsed from, for markers kept as written. */
  source: string
  /** Book-relative path of the file, to resolve image paths against. */
  filePath: string
  file: SourceFile
  /** Where HTML-ish losses (raw HTML, links, images, tables) are reported, under `md-` codes. */
  sink: FileSink
  /** Link and image definitions by normalised identifier. */
  definitions: Map<string, Definition>
  /** Nesting depth past which a subtree is flattened to text; default 200. */
  maxDepth?: number
  /**
   * Raw HTML's reader (`html-parts.ts`): needed by a file holding a `<`, loaded by `read.ts` with
   * the first such file. Without it a raw HTML node is a bug of Octavo's, never the author's.
   */
  html?: typeof HtmlParts
  /**
   * Whether the file holds a character XML forbids (`scanForbidden`); default true. When it does
   * not, no value taken from it can: a value is a slice of it, or a character reference, which
   * both parsers decode to U+FFFD where it names such a character. Then values are not searched
   * again one by one (`clean`).
   */
  forbidden?: boolean
  /** Where pictures written as `data:` URLs are taken in (Google Docs' Markdown holds them so). */
  dataImages?: DataImages
  /**
   * The document's language and direction (its front matter's `lang`, else the book's): parts in
   * another are marked against it. Default: English, left to right.
   */
  language?: LanguageContext
}

/** A value as it is: what `clean` gives for a value of a file without a forbidden character. */
const kept = (value: string): string => value

export class MarkdownConverter implements ConverterHost {
  readonly maxDepth: number
  /** Takes the characters XML forbids out of a value (`clean`), where the file holds any. */
  readonly clean: (value: string) => string
  /** The document's language and direction. */
  readonly base: LanguageContext
  /** The language and direction where the converter is: the document's, or a span's or div's inside it. */
  scope: LanguageContext
  private lines: LineIndex | undefined
  /** Raw HTML elements and fenced divs already reported as not understood (once per file each). */
  private readonly reported = new Set<string>()

  constructor(readonly options: MdConvertOptions) {
    this.maxDepth = options.maxDepth ?? 200
    this.clean = options.forbidden === false ? kept : clean
    this.base = options.language ?? documentScope('en')
    this.scope = this.base
  }

  // ------------------------------------------------------------------ language

  /** `convert` run with the converter in `scope` (inside a span or div in another language). */
  inScope<T>(scope: LanguageContext, convert: () => T): T {
    const outer = this.scope
    if (scope === outer) return convert()
    this.scope = scope
    try {
      return convert()
    } finally {
      this.scope = outer
    }
  }

  /**
   * A span's or div's `lang` and `dir` as written, judged: the language made canonical, the
   * direction `ltr` or `rtl`; a value that is neither is dropped and reported (once per file).
   */
  languageAttributes(lang: string | undefined, dir: string | undefined, position: MdPosition | undefined) {
    const out: LanguageAttributes = {}
    if (lang !== undefined) {
      const canonical = canonicalLanguage(lang)
      if (canonical) out.lang = canonical
      else
        this.badLanguage(`lang=${lang}`, 'is not a language tag (BCP 47: `fr`, `pt-BR`, `sr-Latn`)', position)
    }
    if (dir !== undefined) {
      const lower = dir.trim().toLowerCase()
      if (lower === 'ltr' || lower === 'rtl') out.dir = lower
      else this.badLanguage(`dir=${dir}`, 'is not a direction (`ltr` or `rtl`)', position)
    }
    return out
  }

  private badLanguage(written: string, reason: string, position: MdPosition | undefined): void {
    if (this.reported.has(written)) return
    this.reported.add(written)
    this.options.file.message(
      'md-language',
      `"${written}" ${reason}; the text is kept without it`,
      at<PhrasingContent>({ type: 'break' }, position).position,
      'markdown',
    )
  }

  /** Phrasing that stands alone (a heading, a cell, a verse line): its language said where it is not the document's. */
  standing(content: PhrasingContent[]): PhrasingContent[] {
    return inLanguage(content, this.scope, this.base)
  }

  // ------------------------------------------------------------------ blocks

  /** The blocks of a chapter: author's notes at its ends placed at its start or end. */
  chapterBlocks(nodes: readonly MdNode[]): BlockContent[] {
    const children = this.blocks(nodes)
    placeNotes(children)
    return children
  }

  blocks(nodes: readonly MdNode[], depth = 0): BlockContent[] {
    if (mayHoldContainers(this, nodes)) return blocksWithContainers(this, nodes, depth)
    const out: BlockContent[] = []
    for (const node of nodes) pushAll(out, this.block(node, depth))
    return out
  }

  block(node: MdNode, depth: number): BlockContent[] {
    if (depth > this.maxDepth) return this.flattened(node)
    const handler = (blockHandlers as Record<string, BlockHandler | undefined>)[node.type]
    if (handler) return handler.call(this, node as never, depth + 1)
    // Phrasing met where blocks belong, or a node type from an extension: keep its words.
    const content = this.inline(node, depth + 1)
    if (content.length === 0) return []
    return [at<Paragraph>({ type: 'paragraph', children: content }, node.position)]
  }

  /** A heading that is not the chapter's own: a `heading` node, or a scene break when empty. */
  heading(node: Mdast.Heading, depth: number): BlockContent[] {
    const content = trimInline(this.inlines(node.children, depth))
    const plain = toText(content)
    if (plain.trim() === '' && !content.some((c) => c.type === 'image')) {
      return [at({ type: 'sceneBreak', marker: this.slice(node.position) ?? '#' }, node.position)]
    }
    if (isOrnament(plain)) return [at({ type: 'sceneBreak', marker: plain.trim() }, node.position)]
    const level = Math.min(6, Math.max(2, node.depth)) as 2 | 3 | 4 | 5 | 6
    return [at({ type: 'heading', depth: level, children: this.standing(content) }, node.position)]
  }

  // ------------------------------------------------------------------ inline

  inlines(nodes: readonly MdNode[], depth: number): PhrasingContent[] {
    if (nodes.some((n) => n.type === 'html')) return inlinesWithHtml(this, nodes, depth)
    const out: PhrasingContent[] = []
    for (const node of nodes) pushAll(out, this.inline(node, depth))
    return mergeText(out)
  }

  inline(node: MdNode, depth: number): PhrasingContent[] {
    if (depth > this.maxDepth) {
      this.options.sink.tooDeep(node.position)
      const value = this.clean(plainText(node))
      return value ? [at({ type: 'text', value }, node.position)] : []
    }
    const handler = (inlineHandlers as Record<string, InlineHandler | undefined>)[node.type]
    if (handler) return handler.call(this, node as never, depth + 1)
    if ('children' in node) return this.inlines(node.children as MdNode[], depth + 1)
    if ('value' in node && typeof node.value === 'string') {
      return [at({ type: 'text', value: this.clean(node.value) }, node.position)]
    }
    return []
  }

  link(url: string, title: string | null | undefined, children: PhrasingContent[], position?: MdPosition) {
    const verdict = judgeLink(this.clean(url))
    const sink = this.options.sink
    if (verdict.kind === 'relative') {
      sink.relativeLink(url, position)
      return children
    }
    if (verdict.kind === 'unsafe') {
      sink.unsafeUrl(url, verdict.scheme, position)
      return children
    }
    const link: Link = { type: 'link', url: verdict.url, children }
    if (title) link.title = this.clean(title)
    return [at(link, position)]
  }

  image(
    url: string,
    alt: string | null | undefined,
    title: string | null | undefined,
    position?: MdPosition,
  ) {
    const verdict = judgeImage(this.clean(url), this.options.filePath)
    const altText = alt ? this.clean(alt) : ''
    const path = imagePath(verdict, url, this.options.dataImages, this.options.sink, position)
    if (path !== undefined) {
      const image: Image = { type: 'image', url: path }
      // Markdown cannot say "decorative": an empty alt is a missing one.
      if (altText) image.alt = altText
      if (title) image.title = this.clean(title)
      return [at(image, position)]
    }
    return altText ? [at<PhrasingContent>({ type: 'text', value: altText }, position)] : []
  }

  // ------------------------------------------------------------------ helpers

  /** The model position of an mdast node. */
  positionOf(node: MdNode): Position | undefined {
    return at<PhrasingContent>({ type: 'break' }, node.position).position
  }

  slice(position: MdPosition | undefined): string | undefined {
    const a = position?.start.offset
    const b = position?.end.offset
    if (a === undefined || b === undefined) return undefined
    // As written, less Markdown's backslash escapes (`\* \* \*` is the marker `* * *`).
    return this.clean(this.options.source.slice(a, b))
      .trim()
      .replace(/\\([!-/:-@[-`{-~])/g, '$1')
  }

  rawHtml(node: Mdast.Html): BlockContent[] {
    return this.htmlParts().htmlBlocks(node, this.htmlContext())
  }

  /** An `<img>` tag in running text: the same path rules as a Markdown image. */
  inlineImage(node: Mdast.Html): PhrasingContent[] {
    return this.htmlParts().htmlPhrasing(node, this.htmlContext())
  }

  /** Where raw HTML sits: this file, in the document's language and the one around it. */
  private htmlContext(): HtmlParts.HtmlContext {
    return { ...this.options, language: this.base, within: this.scope }
  }

  private htmlParts(): typeof HtmlParts {
    const parts = this.options.html
    if (!parts) throw new Error('Raw HTML reached the Markdown converter without the HTML reader loaded')
    return parts
  }

  /** Copy an mdast position onto a model node. */
  at<T extends Node>(node: T, position: MdPosition | undefined): T {
    return at(node, position)
  }

  lineIndex(): LineIndex {
    this.lines ??= new LineIndex(this.options.source)
    return this.lines
  }

  /** A raw HTML element with no equivalent in the model: reported once per file for each form. */
  htmlUnknown(tag: RawTag, node: MdNode): void {
    const label = tagLabel(tag)
    if (this.reported.has(label)) return
    this.reported.add(label)
    this.options.file.message(
      'md-html-unknown',
      `${label} has no equivalent in a book; its text is kept without it`,
      this.positionOf(node),
      'markdown',
    )
  }

  /** A raw HTML tag left open, or closing nothing. */
  htmlUnbalanced(reason: string, where: MdNode | MdPosition | undefined): void {
    const position = where && 'type' in where ? where.position : where
    this.options.file.message(
      'md-html-unbalanced',
      reason,
      at<PhrasingContent>({ type: 'break' }, position).position,
      'markdown',
    )
  }

  /** A fenced div (`::: warning`) that means nothing to a book: reported once per class. */
  fencedDiv(opener: FenceOpener, position: MdPosition | undefined): void {
    const name = opener.classes[0] ?? ''
    if (this.reported.has(`::: ${name}`)) return
    this.reported.add(`::: ${name}`)
    this.options.file.message(
      'md-fenced-div',
      `A fenced div "::: ${name}" has no meaning in a book (these have: note, centered, right, smallcaps, underline, lang=, dir=); its content is kept without it`,
      at<PhrasingContent>({ type: 'break' }, position).position,
      'markdown',
    )
  }

  private flattened(node: MdNode): BlockContent[] {
    this.options.sink.tooDeep(node.position)
    const value = this.clean(plainText(node)).replace(/\s+/g, ' ').trim()
    if (!value) return []
    return [at<Paragraph>({ type: 'paragraph', children: [{ type: 'text', value }] }, node.position)]
  }
}

type BlockHandler = (this: MarkdownConverter, node: never, depth: number) => BlockContent[]
type InlineHandler = (this: MarkdownConverter, node: never, depth: number) => PhrasingContent[]

const blockHandlers = {
  paragraph(this: MarkdownConverter, node: Mdast.Paragraph, depth: number): BlockContent[] {
    const content = this.inlines(node.children, depth)
    const meaningful = content.filter((c) => !(c.type === 'text' && c.value.trim() === ''))
    const only = meaningful.length === 1 ? meaningful[0] : undefined
    if (only?.type === 'image') {
      // A lone image is a figure; its title, when given, is the caption.
      const image: Image = { ...only }
      const figure = at<BlockContent>({ type: 'figure', image }, node.position)
      if (figure.type === 'figure' && image.title) {
        figure.caption = [{ type: 'text', value: image.title }]
        delete image.title
      }
      return [figure]
    }
    const plain = toText(content)
    // The source too: `~o~` was read as a subscript, `***Line Break***` as bold italics.
    const source = this.slice(node.position)
    if (
      !content.some((c) => c.type === 'image') &&
      (isOrnament(plain) || (source !== undefined && !source.includes('\n') && isOrnament(source)))
    ) {
      return [at({ type: 'sceneBreak', marker: source ?? plain.trim() }, node.position)]
    }
    if (meaningful.length === 0) return []
    const paragraph = at<Paragraph>({ type: 'paragraph', children: content }, node.position)
    paragraphLanguage(paragraph, this.scope, this.base)
    return [paragraph]
  },
  heading(this: MarkdownConverter, node: Mdast.Heading, depth: number) {
    return this.heading(node, depth)
  },
  thematicBreak(this: MarkdownConverter, node: Mdast.ThematicBreak): BlockContent[] {
    const marker = this.slice(node.position)
    return [at({ type: 'sceneBreak', ...(marker ? { marker } : {}) }, node.position)]
  },
  blockquote(this: MarkdownConverter, node: Mdast.Blockquote, depth: number): BlockContent[] {
    const children = this.blocks(node.children, depth)
    return children.length === 0 ? [] : [at({ type: 'blockquote', children }, node.position)]
  },
  list(this: MarkdownConverter, node: Mdast.List, depth: number): BlockContent[] {
    const list: List = { type: 'list', ordered: node.ordered === true, children: [] }
    if (list.ordered) list.start = node.start ?? 1
    for (const item of node.children) {
      list.children.push(
        at({ type: 'listItem', children: this.blocks(item.children, depth + 1) }, item.position),
      )
    }
    return [at(list, node.position)]
  },
  code(this: MarkdownConverter, node: Mdast.Code): BlockContent[] {
    return [
      at(
        {
          type: 'codeBlock',
          value: this.clean(node.value),
          ...(node.lang ? { lang: this.clean(node.lang) } : {}),
        },
        node.position,
      ),
    ]
  },
  html(this: MarkdownConverter, node: Mdast.Html): BlockContent[] {
    return this.rawHtml(node)
  },
  lineBlock(this: MarkdownConverter, node: LineBlock, depth: number): BlockContent[] {
    const children = node.children.map((line) =>
      at<VerseLine>(
        { type: 'verseLine', children: this.standing(this.inlines(line.children, depth + 1)) },
        line.position,
      ),
    )
    return [at<Verse>({ type: 'verse', children }, node.position)]
  },
  footnoteDefinition(this: MarkdownConverter, node: Mdast.FootnoteDefinition, depth: number): BlockContent[] {
    const definition: FootnoteDefinition = {
      type: 'footnoteDefinition',
      identifier: node.identifier,
      children: this.blocks(node.children, depth),
    }
    if (node.label) definition.label = node.label
    return [at(definition, node.position)]
  },
  definition(): BlockContent[] {
    return []
  },
  yaml(): BlockContent[] {
    return []
  },
  table(this: MarkdownConverter, node: Mdast.Table, depth: number): BlockContent[] {
    // GFM's first row is its head row; the delimiter row under it gives each column's alignment.
    const rows = node.children.map((row, r) =>
      at<TableRow>(
        {
          type: 'tableRow',
          ...(r === 0 ? { head: true } : {}),
          children: row.children.map((cell) =>
            at<TableCell>(
              {
                type: 'tableCell',
                ...(r === 0 ? { header: true } : {}),
                children: this.standing(trimInline(this.inlines(cell.children, depth + 1))),
              },
              cell.position,
            ),
          ),
        },
        row.position,
      ),
    )
    const table: Table = { type: 'table', children: rows }
    if (node.align?.some((a) => a)) table.align = node.align.map((a) => a ?? null)
    return [at(table, node.position)]
  },
}

const inlineHandlers = {
  text(this: MarkdownConverter, node: Mdast.Text): PhrasingContent[] {
    // A soft line break is a space; hard breaks are `break` nodes.
    const raw = node.value
    const value = this.clean(raw.includes('\n') ? raw.replace(/[ \t]*\r?\n[ \t]*/g, ' ') : raw)
    return value ? [at({ type: 'text', value }, node.position)] : []
  },
  emphasis(this: MarkdownConverter, node: Mdast.Emphasis, depth: number): PhrasingContent[] {
    return [at({ type: 'emphasis', children: this.inlines(node.children, depth) }, node.position)]
  },
  strong(this: MarkdownConverter, node: Mdast.Strong, depth: number): PhrasingContent[] {
    return [at({ type: 'strong', children: this.inlines(node.children, depth) }, node.position)]
  },
  delete(this: MarkdownConverter, node: Mdast.Delete, depth: number): PhrasingContent[] {
    return [at({ type: 'delete', children: this.inlines(node.children, depth) }, node.position)]
  },
  smallCaps(this: MarkdownConverter, node: Span, depth: number): PhrasingContent[] {
    return [at({ type: 'smallCaps', children: this.inlines(node.children, depth) }, node.position)]
  },
  underline(this: MarkdownConverter, node: Span, depth: number): PhrasingContent[] {
    return [at({ type: 'underline', children: this.inlines(node.children, depth) }, node.position)]
  },
  languageSpan(this: MarkdownConverter, node: LanguageSpan, depth: number): PhrasingContent[] {
    const outer = this.scope
    const inner = scopeWithin(outer, this.languageAttributes(node.lang, node.dir, node.position))
    const content = this.inScope(inner, () => this.inlines(node.children, depth))
    return inLanguage(content, inner, outer, this.positionOf(node))
  },
  subscript(this: MarkdownConverter, node: Script, depth: number): PhrasingContent[] {
    return [at({ type: 'subscript', children: this.inlines(node.children, depth) }, node.position)]
  },
  superscript(this: MarkdownConverter, node: Script, depth: number): PhrasingContent[] {
    return [at({ type: 'superscript', children: this.inlines(node.children, depth) }, node.position)]
  },
  inlineCode(this: MarkdownConverter, node: Mdast.InlineCode): PhrasingContent[] {
    return [at({ type: 'code', value: this.clean(node.value) }, node.position)]
  },
  break(node: Mdast.Break): PhrasingContent[] {
    return [at({ type: 'break' }, node.position)]
  },
  link(this: MarkdownConverter, node: Mdast.Link, depth: number): PhrasingContent[] {
    return this.link(node.url, node.title, this.inlines(node.children, depth), node.position)
  },
  linkReference(this: MarkdownConverter, node: Mdast.LinkReference, depth: number): PhrasingContent[] {
    const children = this.inlines(node.children, depth)
    const definition = this.options.definitions.get(node.identifier)
    return definition ? this.link(definition.url, definition.title, children, node.position) : children
  },
  image(this: MarkdownConverter, node: Mdast.Image): PhrasingContent[] {
    return this.image(node.url, node.alt, node.title, node.position)
  },
  imageReference(this: MarkdownConverter, node: Mdast.ImageReference): PhrasingContent[] {
    const definition = this.options.definitions.get(node.identifier)
    if (!definition) return node.alt ? [at({ type: 'text', value: this.clean(node.alt) }, node.position)] : []
    return this.image(definition.url, node.alt, definition.title, node.position)
  },
  footnoteReference(node: Mdast.FootnoteReference): PhrasingContent[] {
    return [
      at(
        {
          type: 'footnoteReference',
          identifier: node.identifier,
          ...(node.label ? { label: node.label } : {}),
        },
        node.position,
      ),
    ]
  },
  html(): PhrasingContent[] {
    // Inline tags are handled in `inlines`, which sees their siblings.
    return []
  },
}

/** Copy an mdast position onto a model node (mdast points are 1-based like ours). */
function at<T extends Node>(node: T, position: MdPosition | undefined): T {
  if (position) {
    node.position = { start: point(position.start), end: point(position.end) }
  }
  return node
}

/** A copy of an mdast point; without an offset when it has none. Object literals, no spreads. */
function point(p: MdPosition['start']): Point {
  return p.offset !== undefined
    ? { line: p.line, column: p.column, offset: p.offset }
    : { line: p.line, column: p.column }
}

/** The text of an mdast subtree, gathered with an explicit stack. */
export function plainText(node: MdNode): string {
  let out = ''
  const stack: MdNode[] = [node]
  while (stack.length > 0) {
    const current = stack.pop()!
    if (
      'value' in current &&
      typeof current.value === 'string' &&
      current.type !== 'html' &&
      current.type !== 'yaml'
    ) {
      out += current.value
    } else if (current.type === 'break') out += ' '
    else if ('children' in current) {
      const kids = current.children as MdNode[]
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!)
      if (current.type === 'paragraph' || current.type === 'heading') out += ' '
    }
  }
  return out
}
