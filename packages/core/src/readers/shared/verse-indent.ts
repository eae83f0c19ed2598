/**
 * The indentation of a poem in an office document (Word, OpenDocument, RTF, Word 97–2003): lines
 * typed with leading spaces or tabs, or set in by their paragraphs' indents, alternate lines
 * further in than the rest. The office readers drop a paragraph's leading white space (a typed
 * first-line indent of prose is formatting); for lines of verse it is the poem's shape, kept as
 * the Markdown reader keeps a line block's (`../markdown/line-blocks.ts`): as no-break spaces
 * opening the line, which the EPUB and the PDF set as they are.
 *
 * Verse is told from prose by its lines: short ones (a few words each), set line by line, most
 * not ending a sentence, their indents not all the same. Dialogue's short paragraphs end their
 * sentences; a manuscript's typed tab opens every paragraph alike: both stay as they were.
 */
import type { PhrasingContent } from '../../model/types.js'

const NBSP = '\u00a0'

/** A tab's worth of spaces: a tab stop is half an inch, four spaces of a book's text. */
const TAB = 4

/** Twips (1/20 pt) a space stands for: half an inch (720 twips) is a tab, four spaces. */
const TWIPS_PER_SPACE = 180

/** The longest line a poem's line can be (in characters): a prose sentence runs on longer. */
const SHORT = 70

/** A line that ends a sentence, closing quotes and brackets after its stop. */
export const ENDED = /[.!?…]["”’»)\]]*$/

/** The spaces an indent of `twips` stands for. */
export const spacesOf = (twips: number) => Math.max(0, Math.round(twips / TWIPS_PER_SPACE))

/** The spaces a line's leading white space stands for (a tab four, an em space two). */
export function typedIndent(value: string): { width: number; length: number } {
  let width = 0
  let length = 0
  for (const c of value) {
    if (c === ' ' || c === NBSP || c === '\u2002') width += 1
    else if (c === '\t') width += TAB
    else if (c === '\u2003' || c === '\u3000') width += 2
    else break
    length++
  }
  return { width, length }
}

/** A length of a style sheet (`0.5in`, `1.27cm`, `36pt`) in twips; undefined when it is none. */
export function twipsOf(length: string | undefined): number | undefined {
  const m = /^\s*(-?\d*\.?\d+)\s*(in|cm|mm|pt|pc|px)?\s*$/.exec(length ?? '')
  if (!m) return undefined
  const n = Number(m[1])
  const perUnit = { in: 1440, cm: 1440 / 2.54, mm: 144 / 2.54, pt: 20, pc: 240, px: 15 }
  return Math.round(n * perUnit[(m[2] ?? 'pt') as keyof typeof perUnit])
}

/** One line of a run of short lines: its text, its typed indent (spaces) and its paragraph's (twips). */
export interface IndentedLine {
  text: string
  typed: number
  twips: number
}

/**
 * The no-break spaces to open each line with, when the lines are verse whose indents vary; the
 * indent they all share is the block's margin, not the poem's shape, and is left out. Undefined
 * when the lines are prose, or indented all alike.
 */
export function verseIndents(lines: IndentedLine[]): number[] | undefined {
  const worded = lines.filter((l) => l.text !== '')
  if (worded.length < 2 || worded.some((l) => l.text.length > SHORT)) return undefined
  const ended = worded.filter((l) => ENDED.test(l.text)).length
  if (ended * 2 > worded.length) return undefined
  // A single typed space is a slip of the thumb, not an indent.
  const widths = lines.map((l) => (l.text === '' ? 0 : (l.typed >= 2 ? l.typed : 0) + spacesOf(l.twips)))
  const shown = widths.filter((_, i) => lines[i]!.text !== '')
  const least = Math.min(...shown)
  if (Math.max(...shown) - least < 2) return undefined
  return widths.map((w, i) => (lines[i]!.text === '' ? 0 : w - least))
}

/**
 * Open line `i` of some phrasing content (lines part at its `break`s, inside marks too) with
 * `counts[i]` no-break spaces, before its first text, picture or mark, at that depth.
 */
export function indentLines(content: PhrasingContent[], counts: number[]): PhrasingContent[] {
  let line = 0
  let pending = true
  const walk = (nodes: PhrasingContent[]): PhrasingContent[] => {
    const out: PhrasingContent[] = []
    for (const node of nodes) {
      if (node.type === 'break') {
        out.push(node)
        line++
        pending = true
        continue
      }
      // Into marks: a line may open inside one, and breaks stand inside them too.
      if ('children' in node && node.type !== 'link') {
        out.push({ ...node, children: walk(node.children as PhrasingContent[]) } as PhrasingContent)
        continue
      }
      if (pending) {
        pending = false
        const count = counts[line] ?? 0
        if (count > 0) {
          const lead = NBSP.repeat(count)
          if (node.type === 'text') {
            out.push({ ...node, value: lead + node.value })
            continue
          }
          out.push({ type: 'text', value: lead })
        }
      }
      out.push(node)
    }
    return out
  }
  return walk(content)
}
