/**
 * A document holding several chapters, split where the navigation says they start: a one-file
 * EPUB's `book.xhtml#ch2` entries. The document is read whole by the HTML reader first (so a
 * footnote at its end still finds its reference), then its blocks are dealt out by their source
 * offsets to the anchors the top-level entries point at. Each part is titled by the heading it
 * opens with, else by its entry's label; a first paragraph repeating the label, or giving the
 * chapter's number alone (`<p class="chapnum">2</p>`), is the title's, not the text's. Footnote
 * definitions go with the part citing them.
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import type { BlockContent, Chapter, Node } from '../../model/types.js'
import { toText, visit } from '../../model/walk.js'
import { headChapter, headingFields } from '../shared/chapter.js'

/** Where a chapter starts: an offset in the document's text, and its contents entry's label. */
export interface Anchor {
  offset: number
  label: string
}

/**
 * The offsets of the elements `entries` point at (an entry without a fragment: the document's
 * top), in document order; those that name no element are dropped.
 */
export function anchorsOf(
  doc: P5.Document,
  entries: ReadonlyArray<{ fragment?: string; label: string }>,
): Anchor[] {
  const wanted = new Map<string, string>()
  const out: Anchor[] = []
  for (const e of entries)
    if (e.fragment === undefined) out.push({ offset: 0, label: e.label })
    else if (!wanted.has(e.fragment)) wanted.set(e.fragment, e.label)
  const stack: P5.Node[] = [doc]
  while (stack.length > 0 && wanted.size > 0) {
    const node = stack.pop()!
    if ('tagName' in node) {
      const id = node.attrs.find((a) => a.name === 'id' || (node.tagName === 'a' && a.name === 'name'))?.value
      const label = id === undefined ? undefined : wanted.get(id)
      if (label !== undefined && node.sourceCodeLocation) {
        out.push({ offset: node.sourceCodeLocation.startOffset, label })
        wanted.delete(id!)
      }
    }
    const children = 'childNodes' in node ? node.childNodes : []
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
  }
  out.sort((a, b) => a.offset - b.offset)
  return out.filter((a, i) => i === 0 || a.offset !== out[i - 1]!.offset)
}

/** Split `chapter` (a whole document read as one) at `anchors`; fewer than two: as it is. */
export function splitChapter(chapter: Chapter, anchors: readonly Anchor[], language: string): Chapter[] {
  if (anchors.length < 2) return [chapter]
  const preamble: BlockContent[] = []
  const groups: BlockContent[][] = anchors.map(() => [])
  let current = -1
  for (const block of chapter.children) {
    const at = block.position?.start.offset
    if (at !== undefined) {
      current = -1
      while (current + 1 < anchors.length && anchors[current + 1]!.offset <= at) current++
    }
    ;(current < 0 ? preamble : groups[current]!).push(block)
  }
  moveDefinitions([preamble, ...groups])
  const out: Chapter[] = []
  // The title the reader took from the document's first heading is the first chapter's when that
  // heading opened it (the chapter's own blocks do not start with another heading), else the
  // preamble's (a book's title above its first chapter).
  const firstOpensWithHeading = groups[0]![0]?.type === 'heading'
  if (preamble.length > 0) {
    const first: Chapter = { ...chapter, children: preamble }
    if (!firstOpensWithHeading) {
      delete first.title
      delete first.label
      delete first.number
      delete first.numeral
    }
    out.push(first)
  }
  for (const [i, blocks] of groups.entries()) {
    if (blocks.length === 0 && !(i === 0 && chapter.title)) continue
    let next: Chapter
    if (i === 0 && !firstOpensWithHeading && preamble.length === 0) next = { ...chapter, children: blocks }
    else {
      next = { type: 'chapter', matter: chapter.matter, kind: 'chapter', children: blocks }
      if (chapter.file !== undefined) next.file = chapter.file
    }
    if (!next.title && next.number === undefined && next.label === undefined)
      titleFrom(next, anchors[i]!.label, language)
    out.push(next)
  }
  return out
}

/**
 * A document the HTML reader already split into chapters at its headings ("Chapter 1" alone):
 * a chapter without a title takes the label of the entry pointing where it starts, when that
 * label says more than its heading.
 */
export function titleChapters(
  chapters: readonly Chapter[],
  anchors: readonly Anchor[],
  language: string,
): void {
  for (const chapter of chapters) {
    const at = chapter.children.find((b) => b.position?.start.offset !== undefined)?.position?.start.offset
    if (chapter.title || at === undefined) continue
    let found: Anchor | undefined
    for (const anchor of anchors) if (anchor.offset <= at) found = anchor
    if (!found?.label) continue
    const named = headingFields([{ type: 'text', value: found.label }], language)
    const own = `${chapter.label ?? ''} ${chapter.numeral ?? chapter.number ?? ''}`
    if (named.title && squash(toText(named.title)) !== squash(own)) chapter.title = named.title
  }
}

/** Title an untitled chapter by its opening heading, else by its contents label. */
function titleFrom(chapter: Chapter, label: string, language: string): void {
  const first = chapter.children[0]
  if (first?.type === 'heading') {
    chapter.children.shift()
    headChapter(chapter, headingFields(first.children, language, first.position))
    // "Chapter 1" alone, its contents entry "Down the Rabbit-Hole": that is its title.
    const named = label ? headingFields([{ type: 'text', value: label }], language).title : undefined
    if (!chapter.title && named && squash(toText(named)) !== squash(toText(first.children)))
      chapter.title = named
    return
  }
  if (label) headChapter(chapter, headingFields([{ type: 'text', value: label }], language))
  consumeTitleParagraph(chapter, label)
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase()

/**
 * A chapter's first paragraph that only repeats its title (the contents label, styled as a
 * paragraph), or gives its number alone, is its heading: taken out of the text, the number kept.
 */
export function consumeTitleParagraph(chapter: Chapter, label: string): void {
  const first = chapter.children[0]
  if (first?.type !== 'paragraph') return
  const text = squash(toText(first.children))
  if (text === '' || text.length > 200) return
  if (label && text === squash(label)) {
    chapter.children.shift()
    return
  }
  const number = /^(\d{1,4})\.?$/.exec(text)
  if (number) {
    chapter.children.shift()
    chapter.number ??= Number(number[1])
  }
}

/** Move each footnote definition to the group holding its first reference. */
function moveDefinitions(groups: BlockContent[][]): void {
  const citedIn = new Map<string, number>()
  for (const [i, blocks] of groups.entries())
    for (const block of blocks)
      visit(block as Node, (n) => {
        if (n.type === 'footnoteReference' && !citedIn.has(n.identifier)) citedIn.set(n.identifier, i)
      })
  const moving: Array<[number, BlockContent]> = []
  for (const [i, blocks] of groups.entries()) {
    const kept: BlockContent[] = []
    for (const block of blocks) {
      const to = block.type === 'footnoteDefinition' ? citedIn.get(block.identifier) : undefined
      if (to !== undefined && to !== i) moving.push([to, block])
      else kept.push(block)
    }
    blocks.splice(0, blocks.length, ...kept)
  }
  for (const [to, block] of moving) groups[to]!.push(block)
}
