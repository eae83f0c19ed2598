/**
 * Footnotes: the number the footnote transform gave each note (by first reference, per chapter
 * or per book), the superscript marker in the text (a link to the note), and the note's own
 * lines, laid out at a smaller size on demand when the page composer places the line that refers
 * to it (it then keeps the two on one page). A note referenced from inside another note is set
 * right after it, as part of the same block: the composer places only what the text refers to.
 */

import { pushAll } from '../../model/arrays.js'
import type { BlockContent, Chapter, FootnoteDefinition, FootnoteReference } from '../../model/types.js'
import { toText, visit } from '../../model/walk.js'
import { flatten, type InlineContext } from './inline.js'
import type { LineBox, StructHandle } from './pages.js'
import { layoutLines, report, type Typesetter } from './typeset.js'

export class ChapterNotes {
  private readonly definitions = new Map<string, FootnoteDefinition>()
  private readonly numbers = new Map<string, number>()
  private readonly layouts = new Map<string, LineBox[]>()
  private readonly byAnchor = new Map<string, FootnoteDefinition>()
  /** Anchors of notes set inside another note's block, which print there and only there. */
  private readonly nested = new Set<string>()
  /** A note's lines with its nested notes', as the composer gets them. */
  private readonly blocks = new Map<string, LineBox[]>()

  constructor(
    private readonly ts: Typesetter,
    private readonly chapter: Chapter,
    /** Unique per chapter in the book, for anchor names. */
    private readonly key: string,
    private readonly parent: StructHandle,
    private readonly inline: () => InlineContext,
  ) {
    visit(chapter, (node) => {
      if (node.type === 'footnoteDefinition' && !this.definitions.has(node.identifier))
        this.definitions.set(node.identifier, node)
    })
  }

  /** The marker for a reference, numbering the note on first use. */
  reference(node: FootnoteReference): { marker: string; anchor: string; target: string } | undefined {
    const definition = this.definitions.get(node.identifier)
    if (!definition) {
      report(
        this.ts,
        'pdf-footnote-missing',
        `Footnote reference [^${node.label ?? node.identifier}] has no definition in this chapter`,
        this.chapter,
        node,
      )
      return undefined
    }
    let number = this.numbers.get(node.identifier)
    if (number === undefined) {
      // A tree built without the footnote transform numbers by first use here.
      number = definition.number ?? this.numbers.size + 1
      this.numbers.set(node.identifier, number)
    }
    const anchor = `fn-${this.key}-${number}`
    this.byAnchor.set(anchor, definition)
    this.ts.dests.add(anchor)
    return { marker: String(number), anchor, target: `#${anchor}` }
  }

  /**
   * The note's lines for the page composer, followed by the lines of the notes it refers to that
   * no line before it has (depth first); laid out once. A note already set inside another
   * note's block has no lines of its own.
   */
  lines(anchor: string): LineBox[] {
    if (this.nested.has(anchor)) return []
    const done = this.blocks.get(anchor)
    if (done) return done
    const own = this.ownLines(anchor)
    const block = [...own]
    const visiting = new Set([anchor])
    const stack = own.flatMap((line) => line.refs ?? []).reverse()
    while (stack.length > 0) {
      const inner = stack.pop()!
      if (visiting.has(inner) || this.nested.has(inner) || this.layouts.has(inner)) continue
      visiting.add(inner)
      this.nested.add(inner)
      const lines = this.ownLines(inner)
      block.push(...lines)
      const refs = lines.flatMap((line) => line.refs ?? [])
      for (let i = refs.length - 1; i >= 0; i--) stack.push(refs[i]!)
    }
    this.blocks.set(anchor, block)
    return block
  }

  /** One note's own lines; laid out once. */
  private ownLines(anchor: string): LineBox[] {
    let lines = this.layouts.get(anchor)
    if (lines) return lines
    const definition = this.byAnchor.get(anchor)
    if (!definition) return []
    const number = anchor.slice(anchor.lastIndexOf('-') + 1)
    const { settings } = this.ts
    const size = settings.fontSize * 0.82
    const leading = Math.round(settings.leading * 0.82 * 100) / 100
    const struct: StructHandle = { type: 'Note', parent: this.parent }
    lines = []
    const blocks = definition.children
    blocks.forEach((block, index) => {
      const segments = blockRuns(block, size, this.inline())
      if (index === 0) segments[0]!.unshift({ text: `${number}. `, style: 'regular', size })
      const boxes = layoutLines(this.ts, segments, {
        width: this.ts.composer.textWidth,
        left: 0,
        indent: index === 0 ? 0 : size,
        align: 'justify',
        size,
        leading,
      })
      for (const box of boxes) box.struct = struct
      pushAll(lines!, boxes)
    })
    if (lines.length === 0)
      lines = layoutLines(this.ts, [[{ text: `${number}.`, style: 'regular', size }]], {
        width: this.ts.composer.textWidth,
        left: 0,
        indent: 0,
        align: 'left',
        size,
        leading,
      })
    lines[0]!.dest = anchor
    lines[0]!.struct = struct
    for (const line of lines) line.struct = struct
    lines[lines.length - 1]!.ends = [struct]
    this.layouts.set(anchor, lines)
    return lines
  }

  /** Report definitions nothing referred to. */
  finish(): void {
    for (const [identifier, definition] of this.definitions) {
      if (!this.numbers.has(identifier)) {
        report(
          this.ts,
          'pdf-footnote-unused',
          `Footnote [^${definition.label ?? identifier}] is never referenced; it is not printed`,
          this.chapter,
          definition,
        )
      }
    }
  }
}

/** A footnote's block as runs: paragraphs keep their inline styling, anything else its text. */
function blockRuns(block: BlockContent, size: number, ctx: InlineContext) {
  if (block.type === 'paragraph') return flatten(block.children, 'regular', size, ctx)
  let text = ''
  visit(block, (node) => {
    if (node.type === 'text' || node.type === 'code') text += `${node.value} `
    if (node.type === 'codeBlock') text += node.value
    if (node.type === 'paragraph' || node.type === 'verseLine') text += ` ${toText(node.children)} `
    return node.type !== 'paragraph' && node.type !== 'verseLine'
  })
  return [[{ text: text.replace(/\s+/g, ' ').trim() || ' ', style: 'regular' as const, size }]]
}
