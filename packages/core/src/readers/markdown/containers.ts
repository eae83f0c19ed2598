/**
 * Blocks wrapped in something Markdown itself has no syntax for: pandoc's fenced divs
 * (`::: note` … `:::`, the Markdown form of an author's note) and raw HTML containers written as
 * a lone opening tag, Markdown blocks, and a lone closing tag (`<center>`, blank line, text, blank
 * line, `</center>`), which CommonMark hands over as three separate blocks. Openers and closers
 * are paired among siblings; the pair gives its blocks the HTML reader's meaning for the element
 * (alignment, marks, a `notes` class making an author's note, a block quote, a language: `::: {lang=fr}`
 * and `<div lang="fr">` make every paragraph inside French). A fence line that
 * opens or closes a paragraph without a blank line (`::: note` then text on the next line) is cut
 * off it, as pandoc reads it. An opener without a closer is left as it was (text, or raw HTML).
 */
import type * as Mdast from 'mdast'
import { pushAll } from '../../model/arrays.js'
import type { BlockContent, Note, Paragraph, PhrasingContent } from '../../model/types.js'
import { isNotesBlock } from '../html/convert.js'
import { elementAlign, elementLanguage, elementMarks, type Mark } from '../shared/html-marks.js'
import { type LanguageAttributes, scopeWithin } from '../shared/phrasing.js'
import type { ConverterHost as MarkdownConverter } from './host.js'
import {
  type FenceOpener,
  fenceOpener,
  isFenceCloser,
  neutralAttributes,
  type RawTag,
  readTag,
} from './raw-html.js'

type MdNode = Mdast.Nodes
type MdPosition = NonNullable<Mdast.Node['position']>

type Item =
  | { kind: 'node'; node: MdNode }
  | { kind: 'fence-open'; opener: FenceOpener; position: MdPosition | undefined }
  | { kind: 'fence-close'; position: MdPosition | undefined }
  | { kind: 'html-open'; tag: RawTag; node: MdNode }
  | { kind: 'html-close'; tag: RawTag; node: MdNode }

/** HTML elements that can wrap Markdown blocks. */
const containerTags = new Set(
  'div center aside section article p blockquote main header footer span font small'.split(' '),
)

/** Notes whose placement the author stated (`::: {.note placement="end"}`): not inferred. */
export const statedPlacement = new WeakSet<Note>()

/** True when `nodes` may hold a fence or a lone container tag: the cheap test before the work. */
export function mayHoldContainers(converter: MarkdownConverter, nodes: readonly MdNode[]): boolean {
  for (const node of nodes) {
    if (node.type === 'html') return true
    if (node.type === 'paragraph' && converter.slice(node.position)?.includes(':::')) return true
  }
  return false
}

/** The blocks of `nodes`, fenced divs and HTML containers among them applied. */
export function blocksWithContainers(
  converter: MarkdownConverter,
  nodes: readonly MdNode[],
  depth: number,
): BlockContent[] {
  const items: Item[] = []
  for (const node of nodes) pushAll(items, itemsOf(converter, node))
  const closer = pair(items)
  const convert = (from: number, to: number, level: number): BlockContent[] => {
    const out: BlockContent[] = []
    for (let i = from; i < to; i++) {
      const item = items[i]!
      const end = closer.get(i)
      // Past the converter's depth bound, containers are left unapplied rather than recursed into.
      if (end !== undefined && level < converter.maxDepth) {
        // The blocks inside are read in the container's language, for what they hold in another.
        const language = languageOf(converter, item)
        const scope = scopeWithin(converter.scope, language)
        const blocks = converter.inScope(scope, () => convert(i + 1, end, level + 1))
        pushAll(out, apply(converter, item, blocks, items[end]!))
        i = end
        continue
      }
      if (item.kind === 'node' || item.kind === 'html-open' || item.kind === 'html-close')
        pushAll(out, converter.block(item.node, depth))
      else if (item.kind === 'fence-open' || item.kind === 'fence-close')
        pushAll(out, restore(converter, item))
    }
    return out
  }
  return convert(0, items.length, 0)
}

/** A node as items: a lone tag, a fence line, or a paragraph with fence lines cut off its ends. */
function itemsOf(converter: MarkdownConverter, node: MdNode): Item[] {
  if (node.type === 'html') {
    const tag = readTag(node.value)
    if (
      tag &&
      !tag.selfClosing &&
      (containerTags.has(tag.name) || elementMarks(tag.name, tag.attrs).length > 0)
    )
      return [{ kind: tag.kind === 'open' ? 'html-open' : 'html-close', tag, node }]
    return [{ kind: 'node', node }]
  }
  if (node.type !== 'paragraph') return [{ kind: 'node', node }]
  const source = converter.slice(node.position)
  if (!source?.includes(':::')) return [{ kind: 'node', node }]
  const lines = source.split(/\r\n|\r|\n/).map((line, i) => (i === 0 ? line : line.replace(/^[ \t>]*/, '')))
  const opener = fenceOpener(lines[0]!)
  if (lines.length === 1) {
    if (opener) return [{ kind: 'fence-open', opener, position: node.position }]
    if (isFenceCloser(lines[0]!)) return [{ kind: 'fence-close', position: node.position }]
    return [{ kind: 'node', node }]
  }
  const closes = isFenceCloser(lines[lines.length - 1]!)
  if (!opener && !closes) return [{ kind: 'node', node }]
  const cut = cutLines(converter, node, Boolean(opener), closes)
  if (!cut) return [{ kind: 'node', node }]
  const out: Item[] = []
  if (opener) out.push({ kind: 'fence-open', opener, position: cut.head })
  out.push({ kind: 'node', node: cut.paragraph })
  if (closes) out.push({ kind: 'fence-close', position: cut.tail })
  return out
}

/**
 * The paragraph less its first line, its last line, or both (each a fence), with the positions
 * of what was cut; undefined when its first or last text node does not hold those lines as written.
 */
function cutLines(
  converter: MarkdownConverter,
  node: Mdast.Paragraph,
  head: boolean,
  tail: boolean,
): { paragraph: Mdast.Paragraph; head?: MdPosition; tail?: MdPosition } | undefined {
  const source = converter.options.source
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  const index = converter.lineIndex()
  const kids = node.children.map((k) => ({ ...k })) as Mdast.PhrasingContent[]
  let from = start
  let to = end
  const result: { paragraph: Mdast.Paragraph; head?: MdPosition; tail?: MdPosition } = {
    paragraph: node,
  }
  if (head) {
    const first = kids[0]
    const nl = first?.type === 'text' ? first.value.indexOf('\n') : -1
    if (first?.type !== 'text' || nl < 0) return undefined
    const lineEnd = source.slice(start, end).search(/\r\n|\r|\n/)
    if (lineEnd < 0) return undefined
    result.head = { start: index.point(start), end: index.point(start + lineEnd) }
    const rest = first.value.slice(nl + 1)
    from = start + lineEnd
    while (from < end && rest !== '' && source[from] !== rest[0]) from++
    if (rest === '') kids.shift()
    else kids[0] = { ...first, value: rest, position: { start: index.point(from), end: first.position!.end } }
    if (rest === '') from = kids[0]?.position?.start.offset ?? from
  }
  if (tail) {
    const last = kids[kids.length - 1]
    const nl = last?.type === 'text' ? last.value.lastIndexOf('\n') : -1
    if (last?.type !== 'text' || nl < 0) return undefined
    const text = source.slice(from, end)
    const lineStart = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'))
    if (lineStart < 0) return undefined
    let lineContent = from + lineStart + 1
    while (lineContent < end && /[ \t>]/.test(source[lineContent]!)) lineContent++
    result.tail = { start: index.point(lineContent), end: index.point(end) }
    to = from + lineStart
    if (source[to - 1] === '\r') to--
    const value = last.value.slice(0, nl).replace(/[ \t]+$/, '')
    while (to > from && (source[to - 1] === ' ' || source[to - 1] === '\t')) to--
    if (value === '') kids.pop()
    else
      kids[kids.length - 1] = {
        ...last,
        value,
        position: { start: last.position!.start, end: index.point(to) },
      }
    if (value === '') to = kids[kids.length - 1]?.position?.end.offset ?? to
  }
  if (kids.length === 0) return undefined
  result.paragraph = {
    type: 'paragraph',
    children: kids,
    position: { start: index.point(from), end: index.point(to) },
  }
  return result
}

/** Closer index for each opener index: fences pair with the nearest open fence, tags by name. */
function pair(items: readonly Item[]): Map<number, number> {
  const out = new Map<number, number>()
  const open: number[] = []
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    if (item.kind === 'fence-open' || item.kind === 'html-open') open.push(i)
    else if (item.kind === 'fence-close' || item.kind === 'html-close') {
      let k = open.length - 1
      while (k >= 0) {
        const o = items[open[k]!]!
        if (
          item.kind === 'fence-close'
            ? o.kind === 'fence-open'
            : o.kind === 'html-open' && o.tag.name === item.tag.name
        )
          break
        k--
      }
      if (k < 0) continue
      out.set(open[k]!, i)
      open.length = k
    }
  }
  return out
}

/** The language and direction a container declares: `::: {lang=fr dir=rtl}`, `<div lang="fr">`. */
function languageOf(converter: MarkdownConverter, item: Item): LanguageAttributes {
  if (item.kind === 'fence-open') {
    const { attributes } = item.opener
    return converter.languageAttributes(attributes.get('lang'), attributes.get('dir'), item.position)
  }
  return item.kind === 'html-open' ? elementLanguage(item.tag.attrs) : {}
}

/** What a container makes of its blocks (read in its language already). */
function apply(
  converter: MarkdownConverter,
  item: Item,
  blocks: BlockContent[],
  closing: Item,
): BlockContent[] {
  const end =
    closing.kind === 'node' ? undefined : 'node' in closing ? closing.node.position : closing.position
  const start = item.kind === 'node' ? undefined : 'node' in item ? item.node.position : item.position
  const position = start && end ? { start: start.start, end: end.end } : undefined
  if (item.kind === 'fence-open') {
    const { opener } = item
    if (opener.classes.includes('note'))
      return note(converter, blocks, position, opener.attributes.get('placement'))
    // `::: centered`, `::: {.right}`, `::: {style="text-align: center"}`, `::: smallcaps`: what
    // the same class or style means on an HTML <div>, and `right` for a letter's closing lines.
    const style = opener.attributes.get('style')
    const attrs = [
      { name: 'class', value: opener.classes.join(' ') },
      ...(style ? [{ name: 'style', value: style }] : []),
    ]
    const marks = elementMarks('div', attrs)
    const align = opener.classes.some((c) => FENCE_RIGHT.has(c)) ? 'right' : elementAlign('div', attrs)
    // A language given, even one not understood (reported apart), is what the div is for.
    const languaged = opener.attributes.has('lang') || opener.attributes.has('dir')
    if (marks.length === 0 && (align === undefined || align === null)) {
      if (!languaged) converter.fencedDiv(opener, start)
      return blocks
    }
    dress(blocks, align, marks)
    return blocks
  }
  if (item.kind !== 'html-open') return blocks
  const { tag } = item
  const el = { tagName: tag.name, attrs: tag.attrs } as unknown as Parameters<typeof isNotesBlock>[0]
  if (isNotesBlock(el)) return note(converter, blocks, position, undefined)
  if (tag.name === 'blockquote')
    return blocks.length === 0
      ? []
      : [converter.at<BlockContent>({ type: 'blockquote', children: blocks }, position)]
  const marks = elementMarks(tag.name, tag.attrs)
  const align = elementAlign(tag.name, tag.attrs)
  if (
    marks.length === 0 &&
    align === undefined &&
    tag.attrs.some((a) => !neutralAttributes.has(a.name) && a.name !== 'align')
  )
    converter.htmlUnknown(tag, item.node)
  dress(blocks, align, marks)
  return blocks
}

/** Fenced-div classes that set their paragraphs flush right. */
const FENCE_RIGHT = new Set(['right', 'flushright', 'align-right', 'text-right'])

/** Give every paragraph among `blocks` the alignment (unless it has its own) and the marks. */
function dress(blocks: BlockContent[], align: 'center' | 'right' | null | undefined, marks: Mark[]): void {
  for (const paragraph of paragraphsIn(blocks)) {
    if (align !== undefined && paragraph.align === undefined && align !== null) paragraph.align = align
    let children: PhrasingContent[] = paragraph.children
    for (const mark of marks) children = [{ type: mark, children }]
    paragraph.children = children
  }
}

function note(
  converter: MarkdownConverter,
  blocks: BlockContent[],
  position: MdPosition | undefined,
  placement: string | undefined,
): BlockContent[] {
  // A note holds no note: one inside is unwrapped.
  const children: BlockContent[] = []
  for (const block of blocks) {
    if (block.type === 'note') pushAll(children, block.children)
    else children.push(block)
  }
  if (children.length === 0) return []
  const made = converter.at<Note>({ type: 'note', placement: 'inline', children }, position)
  if (placement === 'start' || placement === 'end' || placement === 'inline') {
    made.placement = placement
    statedPlacement.add(made)
  }
  return [made]
}

/** Every paragraph among `blocks`, nested ones included (explicit stack). */
function paragraphsIn(blocks: BlockContent[]): Paragraph[] {
  const out: Paragraph[] = []
  const stack: BlockContent[] = [...blocks].reverse()
  while (stack.length > 0) {
    const block = stack.pop()!
    if (block.type === 'paragraph') out.push(block)
    else if (block.type === 'list') for (const li of block.children) stack.push(...[...li.children].reverse())
    else if (
      'children' in block &&
      block.type !== 'table' &&
      block.type !== 'verse' &&
      block.type !== 'heading'
    )
      stack.push(...[...(block.children as BlockContent[])].reverse())
  }
  return out
}

/** A fence line that paired with nothing: its text, as it was. */
function restore(converter: MarkdownConverter, item: Item): BlockContent[] {
  if (item.kind !== 'fence-open' && item.kind !== 'fence-close') return []
  const value = converter.slice(item.position)
  if (!value) return []
  if (item.kind === 'fence-open')
    converter.options.file.message(
      'md-fenced-div',
      `"${value}" is not closed by a ":::" line; it was kept as text`,
      converter.at<PhrasingContent>({ type: 'break' }, item.position).position,
      'markdown',
    )
  return [converter.at<Paragraph>({ type: 'paragraph', children: [{ type: 'text', value }] }, item.position)]
}

/**
 * Author's notes at the ends of a chapter stand there: before any story a note opens the chapter
 * (`start`), after all of it a note closes it (`end`); others are `inline`. Footnote definitions
 * are not story (renderers place them). A placement the author stated is kept.
 */
export function placeNotes(children: BlockContent[]): void {
  // Plain loops: `map`, `indexOf` and `forEach`, inlined into the reader's optimised `convert`,
  // checked the arrays' kind, and a chapter's differing sent `convert` back to the interpreter.
  let first = -1
  let last = -1
  for (let i = 0; i < children.length; i++) {
    const type = children[i]!.type
    if (type === 'note' || type === 'footnoteDefinition') continue
    if (first === -1) first = i
    last = i
  }
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!
    if (child.type !== 'note' || statedPlacement.has(child)) continue
    if (first === -1 || i < first) child.placement = 'start'
    else if (i > last) child.placement = 'end'
    else child.placement = 'inline'
  }
}
