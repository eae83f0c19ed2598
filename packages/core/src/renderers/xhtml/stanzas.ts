/** Poems typed as block quotes: told apart from quoted prose, for the handlers and the run of paragraphs after. */
import type { Blockquote, Node, Paragraph } from '../../model/types.js'

function holdsBreak(nodes: readonly Node[]): boolean {
  return nodes.some(
    (node) => node.type === 'break' || ('children' in node && holdsBreak(node.children as Node[])),
  )
}

/**
 * A poem typed as a block quote, as Markdown manuscripts type one: every block a paragraph
 * without an alignment of its own, and each broken into lines. A letter's paragraphs are prose
 * (its closing, a right-aligned paragraph with a break, is not a stanza), so a letter is not one.
 */
export function isStanzas(node: Blockquote): node is Blockquote & { children: Paragraph[] } {
  return (
    node.children.length > 0 &&
    node.children.every((child) => child.type === 'paragraph' && !child.align && holdsBreak(child.children))
  )
}
