/**
 * Which paragraphs of an office document are lines of verse with indents to keep, and how many
 * no-break spaces open each of their lines (`../shared/verse-indent.ts` says why and how). A poem
 * is either one paragraph a line (Enter after each) or a paragraph a stanza (Shift+Enter); its
 * lines' indents are typed (spaces, tabs) or its paragraphs' own (left and first-line indents).
 * A run of such paragraphs ends at a long line, a list, a heading, a page break or a scene
 * break (two empty paragraphs); one empty paragraph parts its stanzas.
 */
import type { PhrasingContent } from '../../model/types.js'
import { toText } from '../../model/walk.js'
import { ENDED, type IndentedLine, spacesOf, verseIndents } from '../shared/verse-indent.js'
import type { DocBlock, DocParagraph } from './body.js'

/** The longest line of a run: past it, the paragraph is prose (as `verseIndents` says too). */
const SHORT = 70

/** A paragraph of verse: the no-break spaces to open each of its lines with, and its run's paragraphs. */
export interface VerseParagraph {
  counts: number[]
  run: DocParagraph[]
}

/** The paragraphs of verse whose lines' indents vary, each with its lines' no-break spaces. */
export function verseLines(blocks: DocBlock[]): Map<DocParagraph, VerseParagraph> {
  const out = new Map<DocParagraph, VerseParagraph>()
  if (!blocks.some((b) => b.kind === 'paragraph' && (b.lineIndents || b.indent))) return out
  let run: Array<{ p: DocParagraph; lines: IndentedLine[] }> = []
  const end = () => {
    const lines = run.flatMap((r) => r.lines)
    const counts = verseIndents(lines)
    if (counts) {
      let i = 0
      const paragraphs = run.map((r) => r.p)
      for (const r of run) {
        out.set(r.p, { counts: counts.slice(i, i + r.lines.length), run: paragraphs })
        i += r.lines.length
      }
    }
    run = []
  }
  // How the prose's paragraphs open (a typed tab, a first-line indent): a short paragraph that
  // opens so and ends a sentence is a line of dialogue, not verse, and ends a run.
  const leads = new Map<number, number>()
  for (const b of blocks) {
    if (b.kind !== 'paragraph' || b.text.length <= SHORT || b.list || b.outline !== undefined) continue
    leads.set(leadOf(b), (leads.get(leadOf(b)) ?? 0) + 1)
  }
  const proseLead = [...leads].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0
  let empties = 0
  for (const b of blocks) {
    if (b.kind !== 'paragraph' || b.list || b.outline !== undefined || b.rule || b.pageBreakBefore) end()
    if (b.kind !== 'paragraph' || b.list || b.outline !== undefined || b.rule) continue
    if (b.text === '') {
      if (++empties >= 2) end()
      continue
    }
    empties = 0
    const texts = lineTexts(b.content)
    const dialogue = texts.length === 1 && proseLead > 0 && leadOf(b) === proseLead && ENDED.test(texts[0]!)
    if (dialogue || texts.some((t) => t.length > SHORT)) {
      end()
      continue
    }
    const left = b.indent?.left ?? 0
    const first = b.indent?.first ?? 0
    run.push({
      p: b,
      lines: texts.map((text, i) => ({
        text,
        typed: b.lineIndents?.[i] ?? 0,
        twips: i === 0 ? left + first : left,
      })),
    })
  }
  end()
  return out
}

/** A paragraph's first line's indent, typed and set, in spaces. */
function leadOf(p: DocParagraph): number {
  const typed = p.lineIndents?.[0] ?? 0
  return (typed >= 2 ? typed : 0) + spacesOf((p.indent?.left ?? 0) + (p.indent?.first ?? 0))
}

/** The plain text of each line of some phrasing content (lines part at breaks, in marks too), trimmed. */
function lineTexts(content: PhrasingContent[]): string[] {
  const lines: string[] = ['']
  const walk = (nodes: PhrasingContent[]) => {
    for (const node of nodes) {
      if (node.type === 'break') lines.push('')
      else if (node.type === 'text') lines[lines.length - 1] += node.value
      else if ('children' in node) walk(node.children as PhrasingContent[])
      else lines[lines.length - 1] += toText([node])
    }
  }
  walk(content)
  return lines.map((l) => l.replace(/\s+/g, ' ').trim())
}
