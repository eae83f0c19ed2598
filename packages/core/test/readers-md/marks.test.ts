/**
 * The marks Markdown gained: GFM tables become `table` (head row, alignment), `~~strike~~` a
 * `delete`, pandoc's `H~2~O` a `subscript` and `x^2^` a `superscript`, by pandoc's rules (no
 * unescaped space inside; `~~` stays strikethrough; escaped marks are plain characters).
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { BlockContent, Chapter, Node, PhrasingContent } from '../../src/model/types.js'
import { markdownReader } from '../../src/readers/markdown.js'

function read(source: string) {
  const file = new SourceFile('m.md')
  const result = markdownReader.read(source, file, { language: 'en' })
  const chapter = result.children[0] as Chapter
  return { file, blocks: chapter.children }
}

/** A tree without positions, with text nodes as bare strings, for compact assertions. */
function shape(nodes: readonly (PhrasingContent | BlockContent | Node)[]): unknown[] {
  return nodes.map((node) => {
    if (node.type === 'text') return node.value
    const { position: _position, children, ...rest } = node as { position?: unknown; children?: unknown }
    return Array.isArray(children) ? { ...rest, children: shape(children) } : rest
  })
}

const inline = (source: string) => {
  const { file, blocks } = read(`# One\n\n${source}\n`)
  const paragraph = blocks[0]
  if (paragraph?.type !== 'paragraph') throw new Error(`no paragraph: ${JSON.stringify(blocks)}`)
  return { file, children: paragraph.children }
}

describe('Markdown subscript and superscript', () => {
  it('reads H~2~O and x^2^', () => {
    const { file, children } = inline('H~2~O and E = mc^2^.')
    expect(shape(children)).toEqual([
      'H',
      { type: 'subscript', children: ['2'] },
      'O and E = mc',
      { type: 'superscript', children: ['2'] },
      '.',
    ])
    expect(file.messages).toEqual([])
  })

  it('keeps marks with spaces inside as written, unless the spaces are escaped', () => {
    expect(shape(inline('a ~b c~ d and x^y z^').children)).toEqual(['a ~b c~ d and x^y z^'])
    expect(shape(inline('P~a\\ cat~').children)).toEqual([
      'P',
      { type: 'subscript', children: ['a\u00a0cat'] },
    ])
  })

  it('keeps ~~ as strikethrough and escaped marks as characters', () => {
    expect(shape(inline('~~gone~~ and H\\~2~O and 2\\^10^').children)).toEqual([
      { type: 'delete', children: ['gone'] },
      ' and H~2~O and 2^10^',
    ])
  })

  it('finds marks inside emphasis and points at them as written', () => {
    const { children } = inline('*CO~2~* and 10^-3^')
    expect(shape(children)).toEqual([
      { type: 'emphasis', children: ['CO', { type: 'subscript', children: ['2'] }] },
      ' and 10',
      { type: 'superscript', children: ['-3'] },
    ])
    const sup = children[2]!
    // `# One\n\n` is 7 characters; the superscript starts at column 15 of line 3.
    expect(sup.position).toEqual({
      start: { line: 3, column: 15, offset: 21 },
      end: { line: 3, column: 19, offset: 25 },
    })
  })

  it('leaves footnote references and code alone', () => {
    const { children } = inline('See[^1] and `x^2^`.\n\n[^1]: A note.')
    expect(children.map((c) => c.type)).toEqual(['text', 'footnoteReference', 'text', 'code', 'text'])
  })
})

describe('Markdown strikethrough and tables', () => {
  it('reads ~~strike~~ as delete, with no warning', () => {
    const { file, children } = inline('Some ~~struck~~ text.')
    expect(shape(children)).toEqual(['Some ', { type: 'delete', children: ['struck'] }, ' text.'])
    expect(file.messages).toEqual([])
  })

  it('reads a GFM table with its head row and alignment', () => {
    const { file, blocks } = read(
      '# One\n\n| Name | Age | Note |\n|:-----|----:|:---:|\n| Anna | *40* | a |\n| Pierre | 20 | |\n',
    )
    expect(file.messages).toEqual([])
    expect(blocks).toHaveLength(1)
    const table = blocks[0]!
    expect(table.type).toBe('table')
    if (table.type !== 'table') return
    expect(table.align).toEqual(['left', 'right', 'center'])
    expect(shape(table.children)).toEqual([
      {
        type: 'tableRow',
        head: true,
        children: [
          { type: 'tableCell', header: true, children: ['Name'] },
          { type: 'tableCell', header: true, children: ['Age'] },
          { type: 'tableCell', header: true, children: ['Note'] },
        ],
      },
      {
        type: 'tableRow',
        children: [
          { type: 'tableCell', children: ['Anna'] },
          { type: 'tableCell', children: [{ type: 'emphasis', children: ['40'] }] },
          { type: 'tableCell', children: ['a'] },
        ],
      },
      {
        type: 'tableRow',
        children: [
          { type: 'tableCell', children: ['Pierre'] },
          { type: 'tableCell', children: ['20'] },
          { type: 'tableCell', children: [] },
        ],
      },
    ])
    expect(table.position?.start).toMatchObject({ line: 3, column: 1 })
    expect(table.children[1]!.position?.start).toMatchObject({ line: 5, column: 1 })
  })

  it('leaves out alignment when no column states one', () => {
    const { blocks } = read('# One\n\n| a | b |\n|---|---|\n| 1 | 2 |\n')
    expect(blocks[0]).not.toHaveProperty('align')
  })
})
