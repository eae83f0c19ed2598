/**
 * Footnote numbers, decided once for every format: each footnote definition gets the number its
 * marker and back-link print, whatever label the source gave it (`[^clear]`, `[^12]`, an HTML
 * note's id). Notes are numbered in the order a reader meets them: by first reference, in reading
 * order, a note referenced from inside another note right after the note that refers to it (it
 * prints just below it). Numbering restarts with each chapter by default; `per-book` runs on
 * through the book. A definition nothing refers to gets no number (the renderers report it).
 */
import type { Chapter, FootnoteDefinition, Node } from '../model/types.js'
import { holdsInlineOnly, readingOrder, readingSequence } from '../model/walk.js'
import type { Transform } from './types.js'

/** Where footnote numbers restart: each chapter (the default), or never. */
export type FootnoteNumbering = 'per-chapter' | 'per-book'

export const FOOTNOTE_NUMBERINGS: readonly FootnoteNumbering[] = ['per-chapter', 'per-book']

/**
 * Push the child lists to walk for references, notes' own content left out (it is reached through
 * references): the last list first, each from its end, so the stack pops them in document order
 * (title, subtitle, caption, children). No list is made per node.
 */
function pushChildren(stack: Node[], node: Node): void {
  if ('children' in node && Array.isArray(node.children)) pushList(stack, node.children as Node[])
  if ((node.type === 'figure' || node.type === 'table') && node.caption) pushList(stack, node.caption)
  if ('subtitle' in node && Array.isArray(node.subtitle)) pushList(stack, node.subtitle)
  if ('title' in node && Array.isArray(node.title)) pushList(stack, node.title)
}

function pushList(stack: Node[], list: readonly Node[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const child = list[i]!
    if (child.type !== 'footnoteDefinition') stack.push(child)
  }
}

/** Number the notes of one chapter from `next`; returns the next free number. */
function numberChapter(chapter: Chapter, next: number): number {
  const definitions = new Map<string, FootnoteDefinition>()
  const stack: Node[] = [chapter]
  // First pass: every definition, wherever it sits among the blocks; the first of a repeated
  // identifier wins.
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'footnoteDefinition') {
      delete node.number
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node)
    }
    if (holdsInlineOnly(node)) continue
    if ('children' in node && Array.isArray(node.children))
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Node)
  }
  if (definitions.size === 0) return next
  // Second pass: references in reading order, each new note's content read right after it.
  const walk: Node[] = []
  pushChildren(walk, chapter)
  while (walk.length > 0) {
    const node = walk.pop()!
    if (node.type === 'footnoteReference') {
      const definition = definitions.get(node.identifier)
      if (definition && definition.number === undefined) {
        definition.number = next++
        for (let i = definition.children.length - 1; i >= 0; i--) {
          const child = definition.children[i]!
          if (child.type !== 'footnoteDefinition') walk.push(child)
        }
      }
      continue
    }
    pushChildren(walk, node)
  }
  return next
}

/**
 * A transform that gives every referenced footnote definition its printed `number`.
 *
 * @example
 *   await footnoteNumbers({ numbering: 'per-book' })(tree, file)
 */
export function footnoteNumbers(options: { numbering?: FootnoteNumbering } = {}): Transform {
  const perBook = options.numbering === 'per-book'
  return (tree) => {
    let next = 1
    for (const step of readingSequence(readingOrder(tree))) {
      if (step.type !== 'chapter') continue
      next = numberChapter(step.chapter, perBook ? next : 1)
    }
  }
}
