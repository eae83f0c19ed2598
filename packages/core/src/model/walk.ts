/** Small tree utilities shared by transforms and renderers. */

import { pushAll } from './arrays.js'
import type { Chapter, Node, Part, PhrasingContent, Root } from './types.js'

/**
 * Visit every node depth-first, parents before children. Return `false` to skip a node's children.
 *
 * @example
 *   let images = 0
 *   visit(book.tree, (node) => {
 *     if (node.type === 'image') images++
 *   })
 */
export function visit(node: Node, visitor: (node: Node, parent: Node | undefined) => boolean | void): void {
  // An explicit stack, not recursion: a 10,000-deep blockquote must not overflow. Nodes and their
  // parents on two stacks, children pushed straight from their lists: no array or pair is made
  // per node (the EPUB renderer walks every chapter twice).
  const nodes: Node[] = [node]
  const parents: Array<Node | undefined> = [undefined]
  while (nodes.length > 0) {
    const current = nodes.pop()!
    const parent = parents.pop()
    if (visitor(current, parent) === false) continue
    // The lists of `childrenOf`, last first, each from its end.
    if ('children' in current && Array.isArray(current.children))
      pushReversed(current.children, current, nodes, parents)
    if (current.type === 'table' && current.caption) pushReversed(current.caption, current, nodes, parents)
    if (current.type === 'figure') {
      if (current.caption) pushReversed(current.caption, current, nodes, parents)
      nodes.push(current.image)
      parents.push(current)
    }
    if ('subtitle' in current && Array.isArray(current.subtitle))
      pushReversed(current.subtitle, current, nodes, parents)
    if ('title' in current && Array.isArray(current.title))
      pushReversed(current.title, current, nodes, parents)
  }
}

function pushReversed(
  list: readonly Node[],
  parent: Node,
  nodes: Node[],
  parents: Array<Node | undefined>,
): void {
  for (let i = list.length - 1; i >= 0; i--) {
    nodes.push(list[i]!)
    parents.push(parent)
  }
}

/**
 * The blocks whose content is inline (or rows, lines and captions of it): no block, and so no
 * footnote definition, note or list, is inside them. A walk looking for blocks skips their
 * content (`visit`: return false), which is most of a book's nodes.
 */
const INLINE_HOLDERS: ReadonlySet<Node['type']> = new Set<Node['type']>([
  'paragraph',
  'heading',
  'verse',
  'table',
  'figure',
  'codeBlock',
])

/** Whether `node`'s content is inline only (see `INLINE_HOLDERS`). */
export function holdsInlineOnly(node: Node): boolean {
  return INLINE_HOLDERS.has(node.type)
}

/** Every child list a node has, including titles, captions and figure images. */
export function childrenOf(node: Node): Node[] {
  const out: Node[] = []
  if ('title' in node && Array.isArray(node.title)) pushAll(out, node.title)
  if ('subtitle' in node && Array.isArray(node.subtitle)) pushAll(out, node.subtitle)
  if (node.type === 'figure') {
    out.push(node.image)
    if (node.caption) pushAll(out, node.caption)
  }
  // A table's caption is read before its rows (and counted, numbered, linked like any text).
  if (node.type === 'table' && node.caption) pushAll(out, node.caption)
  if ('children' in node && Array.isArray(node.children)) pushAll(out, node.children as Node[])
  return out
}

/**
 * The plain text of inline content (footnote references and images contribute nothing).
 *
 * @example
 *   const [first] = chaptersOf(book.tree)
 *   const title = toText(first?.title) // 'Dawn'
 */
export function toText(content: readonly PhrasingContent[] | undefined): string {
  if (!content) return ''
  let out = ''
  for (const node of content) {
    if (node.type === 'text' || node.type === 'code') out += node.value
    else if (node.type === 'break') out += ' '
    else if ('children' in node) out += toText(node.children)
  }
  return out
}

/**
 * All chapters in reading order, whether or not they sit inside parts.
 *
 * @example
 *   for (const chapter of chaptersOf(book.tree)) {
 *     console.log(chapter.file, chapter.children.length)
 *   }
 */
export function chaptersOf(root: Root): Chapter[] {
  const out: Chapter[] = []
  for (const child of root.children) {
    if (child.type === 'chapter') out.push(child)
    else pushAll(out, child.children)
  }
  return out
}

/** The part a chapter belongs to, if any. */
export function partOf(root: Root, chapter: Chapter): Part | undefined {
  for (const child of root.children)
    if (child.type === 'part' && child.children.includes(chapter)) return child
  return undefined
}

/** A part in reading order, with the body chapters it keeps there. */
export interface PartInOrder {
  type: 'part'
  part: Part
  chapters: Chapter[]
}

/** The book in reading order; see {@link readingOrder}. */
export interface ReadingOrder {
  front: Chapter[]
  body: Array<Chapter | PartInOrder>
  back: Chapter[]
}

/**
 * The book in reading order, the one every renderer follows: front-matter chapters first and
 * back-matter chapters last, wherever they stand in the tree (inside a part too), the body
 * between them with its parts. A part whose chapters are all front or back matter keeps its
 * place, empty.
 *
 * @example
 *   const { front, body, back } = readingOrder(book.tree)
 */
export function readingOrder(root: Root): ReadingOrder {
  const order: ReadingOrder = { front: [], body: [], back: [] }
  const place = (chapter: Chapter, body: Chapter[]) => {
    if (chapter.matter === 'front') order.front.push(chapter)
    else if (chapter.matter === 'back') order.back.push(chapter)
    else body.push(chapter)
  }
  for (const child of root.children) {
    if (child.type === 'part') {
      const entry: PartInOrder = { type: 'part', part: child, chapters: [] }
      for (const chapter of child.children) place(chapter, entry.chapters)
      order.body.push(entry)
    } else if (child.matter === 'body') order.body.push(child)
    else place(child, [])
  }
  return order
}

/** One step of the reading order: a part (before its chapters), or a chapter with its part. */
export type ReadingStep = { type: 'part'; part: Part } | { type: 'chapter'; chapter: Chapter; part?: Part }

/**
 * The reading order as one sequence, for walks that need no nesting: each part, then its
 * chapters (which carry it as `part`).
 *
 * @example
 *   for (const step of readingSequence(readingOrder(book.tree)))
 *     if (step.type === 'chapter') console.log(step.chapter.file)
 */
export function* readingSequence(order: ReadingOrder): Generator<ReadingStep> {
  for (const chapter of order.front) yield { type: 'chapter', chapter }
  for (const entry of order.body) {
    if (entry.type === 'chapter') {
      yield { type: 'chapter', chapter: entry }
      continue
    }
    yield { type: 'part', part: entry.part }
    for (const chapter of entry.chapters) yield { type: 'chapter', chapter, part: entry.part }
  }
  for (const chapter of order.back) yield { type: 'chapter', chapter }
}
