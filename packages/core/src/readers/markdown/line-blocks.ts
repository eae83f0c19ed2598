/**
 * Pandoc's line blocks, the Markdown of poems, songs and addresses: every line of a paragraph
 * starts with `| `, and each is kept as written, its leading spaces too (as no-break spaces).
 *
 *     | The sea is calm tonight,
 *     | The tide is full, the moon lies fair
 *     |     Upon the straits.
 *
 * CommonMark reads them as a paragraph (a table needs its delimiter row), so this pass finds them
 * in a parsed tree: a paragraph whose text starts with `|` and has `|` after each of its line
 * ends. It becomes a `lineBlock` of lines, which the converter makes a `verse`; a line holding
 * `|` alone is a stanza break, which ends one verse and starts the next. Positions are taken from
 * the source, as `marks.ts` takes them. One pass over each paragraph's children.
 */
import type * as Mdast from 'mdast'
import { align, type LineIndex } from './marks.js'

/** A line block: a `verse` once converted. */
export interface LineBlock extends Mdast.Parent {
  type: 'lineBlock'
  children: LineBlockLine[]
}

export interface LineBlockLine extends Mdast.Parent {
  type: 'lineBlockLine'
  children: Mdast.PhrasingContent[]
}

declare module 'mdast' {
  interface BlockContentMap {
    lineBlock: LineBlock
  }
  interface RootContentMap {
    lineBlock: LineBlock
    lineBlockLine: LineBlockLine
  }
}

const NBSP = '\u00a0'

/** Replace each paragraph of `tree` (parsed from `source`) that is a line block by its blocks. */
export function markLineBlocks(tree: Mdast.Root, source: string, lines: () => LineIndex): void {
  // Cheap test first: a line block has a line starting with `|`.
  if (
    !source.startsWith('|') &&
    source.indexOf('\n|') < 0 &&
    source.indexOf('>|') < 0 &&
    source.indexOf('> |') < 0
  )
    return
  const stack: Mdast.Parent[] = [tree]
  while (stack.length > 0) {
    const parent = stack.pop()!
    let changed: Mdast.Nodes[] | undefined
    const kids = parent.children as Mdast.Nodes[]
    for (let k = 0; k < kids.length; k++) {
      const node = kids[k]!
      const blocks = node.type === 'paragraph' ? lineBlocks(node, source, lines) : undefined
      if (blocks) {
        changed ??= kids.slice(0, k)
        for (const block of blocks) changed.push(block)
        continue
      }
      changed?.push(node)
      // Blocks hold paragraphs; phrasing holds none.
      if (
        node.type === 'blockquote' ||
        node.type === 'list' ||
        node.type === 'listItem' ||
        node.type === 'footnoteDefinition'
      )
        stack.push(node)
    }
    if (changed) parent.children = changed as typeof parent.children
  }
}

/**
 * The line blocks of a paragraph, one per stanza; undefined unless every line of it starts with
 * `|` followed by a space or nothing, the `|` not backslash-escaped (`\\|` is the author's own bar).
 */
function lineBlocks(
  paragraph: Mdast.Paragraph,
  source: string,
  lines: () => LineIndex,
): LineBlock[] | undefined {
  const stanzas: LineBlockLine[][] = [[]]
  let line: Mdast.PhrasingContent[] = []
  const end = () => {
    const stanza = stanzas[stanzas.length - 1]!
    // A line of `|` alone (or of spaces after it) is a stanza break.
    if (line.every((c) => c.type === 'text' && c.value.trim() === '')) {
      if (stanza.length > 0) stanzas.push([])
    } else stanza.push({ type: 'lineBlockLine', children: line, position: spanOf(line) })
    line = []
  }
  let lineStart = true
  for (const kid of paragraph.children) {
    if (kid.type === 'break') {
      end()
      lineStart = true
      continue
    }
    if (kid.type !== 'text') {
      if (lineStart) return undefined
      line.push(kid)
      continue
    }
    const value = kid.value
    // Most paragraphs are told apart at their first character, before any alignment.
    if (lineStart && value.length > 0 && value[0] !== '|') return undefined
    const start = kid.position?.start.offset
    const stop = kid.position?.end.offset
    const map = start === undefined || stop === undefined ? undefined : align(value, source, start, stop)
    const piece = (a: number, b: number, text: string): Mdast.Text => {
      const cut: Mdast.Text = { type: 'text', value: text }
      if (map) cut.position = { start: lines().point(map.from[a]!), end: lines().point(map.from[b]!) }
      else if (kid.position) cut.position = kid.position
      return cut
    }
    let a = 0
    // Up to the text's end: a text ending in a line break leaves the next line to the next node.
    while (a < value.length) {
      let b = value.indexOf('\n', a)
      if (b < 0) b = value.length
      let from = a
      let lead = ''
      if (lineStart) {
        const next = value[a + 1]
        if (value[a] !== '|' || map?.escaped[a] || (next !== undefined && next !== ' ' && next !== '\n'))
          return undefined
        // `|`, then one space; the spaces after it indent the line, kept as no-break spaces.
        from = a + 1
        if (value[from] === ' ') from++
        while (value[from] === ' ') {
          lead += NBSP
          from++
        }
      }
      if (b > from || lead) line.push(piece(lead ? from - lead.length : from, b, lead + value.slice(from, b)))
      if (b === value.length) {
        lineStart = false
        break
      }
      end()
      lineStart = true
      a = b + 1
    }
  }
  // A paragraph ending in a line break leaves a line with no `|`.
  if (lineStart) return undefined
  end()
  return stanzas
    .filter((stanza) => stanza.length > 0)
    .map((stanza) => ({
      type: 'lineBlock' as const,
      children: stanza,
      position: {
        start: stanza[0]!.position?.start ?? paragraph.position!.start,
        end: stanza[stanza.length - 1]!.position?.end ?? paragraph.position!.end,
      },
    }))
}

function spanOf(nodes: Mdast.PhrasingContent[]): Mdast.Node['position'] {
  const first = nodes[0]?.position
  const last = nodes[nodes.length - 1]?.position
  return first && last ? { start: first.start, end: last.end } : undefined
}
