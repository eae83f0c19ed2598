/**
 * Hostile nesting: 10,000 levels of block quotes or lists must neither overflow the stack nor
 * lose the words; the reader reports `md-too-deep` and keeps what it can.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Node } from '../../src/model/types.js'
import { visit } from '../../src/model/walk.js'
import { markdownReader } from '../../src/readers/markdown.js'
import { expectSafeResult } from './invariants.js'

function readDeep(source: string) {
  const file = new SourceFile('deep.md')
  const result = markdownReader.read(source, file, { language: 'en' })
  expectSafeResult(result, file)
  let text = ''
  let depth = 0
  for (const top of result.children) {
    visit(top as Node, (node) => {
      if (node.type === 'text') text += node.value
    })
  }
  // Depth of the deepest node, by an explicit walk.
  const stack: Array<[Node, number]> = result.children.map((c) => [c as Node, 1])
  while (stack.length > 0) {
    const [node, d] = stack.pop()!
    depth = Math.max(depth, d)
    if ('children' in node && Array.isArray(node.children))
      for (const c of node.children) stack.push([c as Node, d + 1])
  }
  return { file, text, depth }
}

describe('markdown deep nesting', () => {
  it('10,000 nested block quotes', () => {
    const { file, text, depth } = readDeep(`${'>'.repeat(10_000)} deep words\n`)
    expect(text).toContain('deep words')
    expect(file.messages.map((m) => m.code)).toContain('md-too-deep')
    expect(file.messages.find((m) => m.code === 'md-too-deep')?.level).toBe('error')
    expect(depth).toBeLessThan(200)
  })

  it('10,000 nested bullet lists on one line', () => {
    const { file, text } = readDeep(`${'- '.repeat(10_000)}inner\n`)
    expect(text).toContain('inner')
    expect(file.messages.map((m) => m.code)).toContain('md-too-deep')
  })

  it('10,000 nested ordered lists and quotes, mixed', () => {
    const { file, text } = readDeep(`${'> 1. '.repeat(5_000)}inner\n`)
    expect(text).toContain('inner')
    expect(file.messages.map((m) => m.code)).toContain('md-too-deep')
  })

  it('lists nested by indentation, one level a line', () => {
    const lines = Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i * 2)}- item ${i}`)
    const { file, text } = readDeep(lines.join('\n'))
    expect(text).toContain('item 0')
    expect(text).toContain('item 999')
    expect(file.messages.map((m) => m.code)).toContain('md-too-deep')
  })

  it('3,000 nested emphasis markers keep their words and a bounded depth', () => {
    // CommonMark reads them as 1,500 levels of strong emphasis; past the converter's bound the
    // rest is kept as text.
    const { file, text, depth } = readDeep(`${'*'.repeat(3_000)}core${'*'.repeat(3_000)}`)
    expect(text).toContain('core')
    expect(depth).toBeLessThan(250)
    expect(file.messages.map((m) => m.code)).toEqual(['md-too-deep'])
  })

  it('100 nested emphasis markers are flattened past the depth bound', () => {
    // Under the long-run limit, so parsed as emphasis: the converter's depth bound is what holds.
    const { text } = readDeep(`${'*'.repeat(30)}core${'*'.repeat(30)}`)
    expect(text).toContain('core')
  })

  it('shallow nesting is left alone', () => {
    const { file, depth } = readDeep(`${'> '.repeat(30)}fine\n`)
    expect(file.messages).toEqual([])
    expect(depth).toBeGreaterThan(30)
  })
})
