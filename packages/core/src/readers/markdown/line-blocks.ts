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
      const blocks =
        node.type === 'paragraph' && isLineBlock(node, source) ? lineBlocks(node, source, lines) : undefined
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
 * Whether every line of the paragraph starts with `|` followed by a space or nothing, the `|` not
 * backslash-escaped (`\\|` is the author's own bar).
 */
function isLineBlock(paragraph: Mdast.Paragraph, source: string): boolean {
  const kids = paragraph.children
  let lineStart = true
  for (const kid of kids) {
    if (kid.type === 'break') {
      lineStart = true
      continue
    }
    if (kid.type !== 'text') {
      if (lineStart) return false
      continue
    }
    const value = kid.value
    let map: ReturnType<typeof align> | null = null
    for (let i = 0; i < value.length; i++) {
      const c = value[i]
      if (lineStart) {
        if (c !== '|') return false
        const next = value[i + 1]
        if (next !== undefined && next !== ' ' && next !== '\n') return false
        const start = kid.position?.start.offset
        const end = kid.position?.end.offset
        if (map === null)
          map = start === undefined || end === undefined ? undefined : align(value, source, start, end)
        if (map?.escaped[i]) return false
        lineStart = false
      }
      if (c === '\n') lineStart = true
    }
  }
  return !lineStart
}

/** The line blocks of a paragraph `isLineBlock` accepted: one per stanza. */
function lineBlocks(paragraph: Mdast.Paragraph, source: string, lines: () => LineIndex): LineBlock[] {
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
      line.push(kid)
      continue
    }
    const value = kid.value
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
