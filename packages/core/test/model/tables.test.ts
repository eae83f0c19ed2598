/**
 * What every tree walk knows of tables and the new marks: the table grid (HTML's table model:
 * row spans take later rows' slots, spans clipped to their row group), the caption among a
 * table's children, word counts that include table text, footnote numbering reaching a caption
 * and a cell, and `normalizeTree` bounding spans and deep marks.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { MAX_COL_SPAN, MAX_INLINE_DEPTH, normalizeTree } from '../../src/model/normalize.js'
import { tableGrid } from '../../src/model/table.js'
import type {
  Chapter,
  FootnoteDefinition,
  PhrasingContent,
  Root,
  Table,
  TableCell,
} from '../../src/model/types.js'
import { childrenOf, toText } from '../../src/model/walk.js'
import type { Book } from '../../src/pipeline/book.js'
import { bookStats } from '../../src/stats.js'
import { footnoteNumbers } from '../../src/transforms/footnotes.js'

const t = (value: string): PhrasingContent => ({ type: 'text', value })
const cell = (value: string, extra: Partial<TableCell> = {}): TableCell => ({
  type: 'tableCell',
  children: [t(value)],
  ...extra,
})

const table: Table = {
  type: 'table',
  caption: [t('Two words'), { type: 'footnoteReference', identifier: 'a' }],
  children: [
    { type: 'tableRow', head: true, children: [cell('A', { rowSpan: 5 }), cell('B')] },
    { type: 'tableRow', children: [cell('one', { rowSpan: 2 }), cell('two'), cell('three')] },
    {
      type: 'tableRow',
      children: [
        cell('four'),
        { type: 'tableCell', children: [{ type: 'footnoteReference', identifier: 'b' }] },
      ],
    },
    { type: 'tableRow', children: [cell('five', { colSpan: 3 })] },
  ],
}

function root(): Root {
  const note = (identifier: string): FootnoteDefinition => ({
    type: 'footnoteDefinition',
    identifier,
    children: [{ type: 'paragraph', children: [t('Note.')] }],
  })
  const chapter: Chapter = {
    type: 'chapter',
    matter: 'body',
    kind: 'chapter',
    children: [structuredClone(table), note('b'), note('a')],
  }
  return {
    type: 'root',
    metadata: {
      title: 'T',
      authors: [],
      language: 'en',
      identifier: { scheme: 'uuid', value: 'x' },
      subjects: [],
      contributors: [],
    },
    children: [chapter],
  }
}

describe('tables in the model', () => {
  it('places cells on the grid as HTML does', () => {
    const grid = tableGrid(table)
    expect(grid.headRows).toBe(1)
    expect(grid.columns).toBe(3)
    const at = grid.cells.map((row) => row.map((c) => [c.row, c.column, c.colSpan, c.rowSpan]))
    expect(at).toEqual([
      // The head's row span is clipped to the head.
      [
        [0, 0, 1, 1],
        [0, 1, 1, 1],
      ],
      [
        [1, 0, 1, 2],
        [1, 1, 1, 1],
        [1, 2, 1, 1],
      ],
      // "one" takes column 0 of this row too.
      [
        [2, 1, 1, 1],
        [2, 2, 1, 1],
      ],
      [[3, 0, 3, 1]],
    ])
  })

  it('walks a table’s caption before its rows, and counts its words', () => {
    expect(childrenOf(table)[0]).toBe(table.caption![0])
    const stats = bookStats({ tree: root() } as unknown as Book)
    // Caption (2), cells (A B one two three four five), and the notes' words (2).
    expect(stats.words).toBe(2 + 7 + 2)
    expect(toText(table.children[1]!.children[1]!.children)).toBe('two')
  })

  it('numbers notes referred to from a caption and a cell, caption first', async () => {
    const tree = root()
    await footnoteNumbers()(tree, new SourceFile(''))
    const [, b, a] = (tree.children[0] as Chapter).children as [Table, FootnoteDefinition, FootnoteDefinition]
    expect(a.number).toBe(1)
    expect(b.number).toBe(2)
  })

  it('normalizeTree bounds spans and flattens marks nested past the limit', () => {
    const tree = root()
    const chapter = tree.children[0] as Chapter
    const t0 = chapter.children[0] as Table
    t0.children[1]!.children[0]!.colSpan = 1e9
    t0.children[1]!.children[1]!.rowSpan = Number.NaN
    let deep: PhrasingContent = t('deep')
    for (let i = 0; i < MAX_INLINE_DEPTH * 2; i++)
      deep = { type: i % 2 ? 'superscript' : 'delete', children: [deep] }
    t0.children[1]!.children[2]!.children = [deep]
    expect(normalizeTree(tree)).toBeGreaterThanOrEqual(3)
    expect(t0.children[1]!.children[0]!.colSpan).toBe(MAX_COL_SPAN)
    expect(t0.children[1]!.children[1]!.rowSpan).toBe(1)
    expect(toText(t0.children[1]!.children[2]!.children)).toBe('deep')
    let depth = 0
    let node: PhrasingContent | undefined = t0.children[1]!.children[2]!.children[0]
    while (node && 'children' in node) {
      depth++
      node = node.children[0]
    }
    expect(depth).toBeLessThanOrEqual(MAX_INLINE_DEPTH)
    // A tree that needs nothing is left alone.
    expect(normalizeTree(tree)).toBe(0)
  })
})
