/** Small tree utilities shared by transforms and renderers. */
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
  const stack: Array<[Node, Node | undefined]> = [[node, undefined]]
  // An explicit stack, not recursion: a 10,000-deep blockquote must not overflow.
  while (stack.length > 0) {
    const [current, parent] = stack.pop()!
    if (visitor(current, parent) === false) continue
    const kids = childrenOf(current)
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, current])
  }
}

/** Every child list a node has, including titles, captions and figure images. */
export function childrenOf(node: Node): Node[] {
  const out: Node[] = []
  if ('title' in node && Array.isArray(node.title)) out.push(...node.title)
  if ('subtitle' in node && Array.isArray(node.subtitle)) out.push(...node.subtitle)
  if (node.type === 'figure') {
    out.push(node.image)
    if (node.caption) out.push(...node.caption)
  }
  if ('children' in node && Array.isArray(node.children)) out.push(...(node.children as Node[]))
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
    else out.push(...child.children)
  }
  return out
}

/** The part a chapter belongs to, if any. */
export function partOf(root: Root, chapter: Chapter): Part | undefined {
  for (const child of root.children)
    if (child.type === 'part' && child.children.includes(chapter)) return child
  return undefined
}

/**
 * A chapter's display title: "Chapter 23: Truly All Alone", "Prologue", "Chapter 5".
 *
 * @example
 *   const labels = chaptersOf(book.tree).map(chapterLabel)
 *   // ['Prologue', 'Chapter 1: Dawn', 'Chapter 2']
 */
export function chapterLabel(chapter: Chapter): string {
  const title = toText(chapter.title).trim()
  const head = [
    chapter.label,
    chapter.number !== undefined && chapter.kind === 'chapter' ? String(chapter.number) : '',
  ]
    .filter(Boolean)
    .join(' ')
  if (head && title) return `${head}: ${title}`
  return title || head || 'Untitled'
}
