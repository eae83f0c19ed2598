/**
 * Hostile nesting and size: 10,000 nested elements must neither overflow nor lose the words,
 * and entity-heavy input parses in time linear in its length.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Node } from '../../src/model/types.js'
import { visit } from '../../src/model/walk.js'
import { htmlReader } from '../../src/readers/html.js'
import { expectSafeResult } from '../readers-md/invariants.js'

function read(source: string) {
  const file = new SourceFile('deep.html')
  const started = performance.now()
  const result = htmlReader.read(source, file, { language: 'en' })
  const ms = performance.now() - started
  expectSafeResult(result, file)
  let text = ''
  for (const top of result.children) {
    visit(top as Node, (node) => {
      if (node.type === 'text') text += node.value
    })
  }
  return { file, text, ms, result }
}

describe('html deep nesting', () => {
  for (const [name, open, close] of [
    ['div', '<div>', '</div>'],
    ['blockquote', '<blockquote>', '</blockquote>'],
    ['b', '<b>', '</b>'],
    ['span', '<span>', '</span>'],
    ['ul/li', '<ul><li>', '</li></ul>'],
    ['unclosed i', '<i>', ''],
  ] as const) {
    it(`10,000 nested ${name}`, () => {
      const { file, text, ms } = read(
        `<p>before</p>${open.repeat(10_000)}deep words${close.repeat(10_000)}<p>after</p>`,
      )
      expect(text).toContain('deep words')
      expect(text).toContain('before')
      expect(file.messages.map((m) => m.code)).toContain('html-too-deep')
      expect(ms).toBeLessThan(20_000)
    })
  }

  it('ordinary nesting is left alone', () => {
    const { file } = read(`${'<div>'.repeat(40)}<p>fine</p>${'</div>'.repeat(40)}`)
    expect(file.messages).toEqual([])
  })
})

describe('html size', () => {
  const time = (source: string) => {
    read(source) // warm up
    const runs = [read(source).ms, read(source).ms, read(source).ms]
    return Math.min(...runs)
  }
  for (const [name, unit] of [
    ['named entities', '&amp;'],
    ['bare ampersands', '&'],
    ['unterminated numeric references', '&#'],
    ['entity-like words', '&notit;'],
    ['lone angle brackets', '<'],
  ] as const) {
    it(`${name}: four times the input takes about four times as long`, () => {
      const small = time(`<p>${unit.repeat(25_000)}</p>`)
      const large = time(`<p>${unit.repeat(100_000)}</p>`)
      // Linear gives 4x; quadratic would give 16x. The slack is for a busy shared machine.
      expect(large).toBeLessThan(small * 9 + 50)
    })
  }
})
