/**
 * Hostile nesting and size: 10,000 nested elements must neither overflow nor lose the words,
 * and entity-heavy input is read in one linear pass.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Node } from '../../src/model/types.js'
import { visit } from '../../src/model/walk.js'
import { htmlReader } from '../../src/readers/html.js'
import { expectSafeResult } from '../readers-md/invariants.js'

function read(source: string) {
  const file = new SourceFile('deep.html')
  const result = htmlReader.read(source, file, { language: 'en' })
  expectSafeResult(result, file)
  let text = ''
  for (const top of result.children) {
    visit(top as Node, (node) => {
      if (node.type === 'text') text += node.value
    })
  }
  return { file, text, result }
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
      const { file, text } = read(
        `<p>before</p>${open.repeat(10_000)}deep words${close.repeat(10_000)}<p>after</p>`,
      )
      expect(text).toContain('deep words')
      expect(text).toContain('before')
      expect(file.messages.map((m) => m.code)).toContain('html-too-deep')
    })
  }

  it('ordinary nesting is left alone', () => {
    const { file } = read(`${'<div>'.repeat(40)}<p>fine</p>${'</div>'.repeat(40)}`)
    expect(file.messages).toEqual([])
  })
})

describe('html size', () => {
  // A million units: linear work reads them in about a second; quadratic work (10^12 steps)
  // could not finish within the suite's timeout, so finishing is the proof. No clock is read.
  for (const [name, unit, decoded] of [
    ['named entities', '&amp;', '&'],
    ['bare ampersands', '&', '&'],
    ['unterminated numeric references', '&#', '&#'],
    ['entity-like words', '&notit;', '¬it;'],
    ['lone angle brackets', '<', '<'],
  ] as const) {
    it(`${name}: a million of them read in one pass, every one kept`, () => {
      const { text } = read(`<p>${unit.repeat(1_000_000)}</p>`)
      expect(text.split(decoded).length - 1).toBe(1_000_000)
    })
  }
})
