import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_BLOCK_DEPTH, MAX_INLINE_DEPTH, normalizeTree } from '../../src/model/normalize.js'
import type { BlockContent, Chapter, PhrasingContent, Root } from '../../src/model/types.js'
import { toText, visit } from '../../src/model/walk.js'

const root = (children: BlockContent[]): Root => ({
  type: 'root',
  metadata: {
    title: 'T',
    authors: [],
    language: 'en',
    identifier: { scheme: 'uuid', value: 'x' },
    subjects: [],
    contributors: [],
  },
  children: [{ type: 'chapter', matter: 'body', kind: 'chapter', children }],
})
const text = (value: string): PhrasingContent => ({ type: 'text', value })
const chapterOf = (tree: Root) => tree.children[0] as Chapter

function depths(tree: Root): { block: number; inline: number } {
  let block = 0
  let inline = 0
  const stack: Array<[import('../../src/model/types.js').Node, number, number]> = [[tree, 0, 0]]
  while (stack.length) {
    const [node, b, i] = stack.pop()!
    const nb = ['blockquote', 'list', 'listItem', 'note', 'footnoteDefinition'].includes(node.type)
      ? b + 1
      : b
    const ni = ['emphasis', 'strong', 'smallCaps', 'link'].includes(node.type) ? i + 1 : i
    block = Math.max(block, nb)
    inline = Math.max(inline, ni)
    if ('children' in node) for (const c of node.children as never[]) stack.push([c, nb, ni])
  }
  return { block, inline }
}

describe('normalizeTree', () => {
  it('flattens 100,000 nested blockquotes without overflowing, keeping every word in order', () => {
    let inner: BlockContent = { type: 'paragraph', children: [text('innermost words')] }
    for (let i = 0; i < 100_000; i++) {
      inner = { type: 'blockquote', children: [{ type: 'paragraph', children: [text(`w${i}`)] }, inner] }
    }
    const tree = root([inner])
    expect(normalizeTree(tree)).toBeGreaterThan(0)
    expect(depths(tree).block).toBeLessThanOrEqual(MAX_BLOCK_DEPTH)
    const words: string[] = []
    visit(tree, (n) => {
      if (n.type === 'text') words.push(n.value)
    })
    expect(words.at(-1)).toBe('innermost words')
    expect(words).toHaveLength(100_001)
    expect(words[0]).toBe('w99999')
  })

  it('flattens deep emphasis and keeps lists made of list items', () => {
    let inline: PhrasingContent = text('deep')
    for (let i = 0; i < 10_000; i++) inline = { type: i % 2 ? 'emphasis' : 'strong', children: [inline] }
    let list: BlockContent = { type: 'paragraph', children: [inline] }
    for (let i = 0; i < 5_000; i++)
      list = { type: 'list', ordered: false, children: [{ type: 'listItem', children: [list] }] }
    const tree = root([list])
    normalizeTree(tree)
    expect(depths(tree).inline).toBeLessThanOrEqual(MAX_INLINE_DEPTH)
    visit(tree, (n) => {
      if (n.type === 'list') for (const c of n.children) expect(c.type).toBe('listItem')
    })
  })

  it('unwraps a link inside a link and lifts footnote references out of links', () => {
    const tree = root([
      {
        type: 'paragraph',
        children: [
          {
            type: 'link',
            url: 'https://a.example',
            children: [
              text('outer '),
              { type: 'link', url: 'https://b.example', children: [text('inner')] },
              { type: 'emphasis', children: [{ type: 'footnoteReference', identifier: '1' }] },
            ],
          },
          text(' after'),
        ],
      },
    ])
    expect(normalizeTree(tree)).toBe(2)
    const p = chapterOf(tree).children[0]!
    expect(p.type === 'paragraph' && p.children.map((c) => c.type)).toEqual([
      'link',
      'footnoteReference',
      'text',
    ])
    expect(p.type === 'paragraph' && toText(p.children)).toBe('outer inner after')
  })

  it('leaves a valid tree untouched (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 5 }), (words) => {
        const tree = root(
          words.map((w) => ({
            type: 'paragraph',
            children: [{ type: 'emphasis', children: [text(w || 'x')] }],
          })),
        )
        const before = JSON.stringify(tree)
        expect(normalizeTree(tree)).toBe(0)
        expect(JSON.stringify(tree)).toBe(before)
      }),
    )
  })
})
