/**
 * Property tests: any input — random bytes, random strings, plausible chapter text full of
 * markers — gives a well-formed result with no exception, only XML-safe text, a position on every
 * node, and a clean JSON round trip. And text without markup loses no character.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Node } from '../../src/model/types.js'
import { visit } from '../../src/model/walk.js'
import { textReader } from '../../src/readers/text/index.js'
import { fcRuns } from '../fast-check.js'

const XML_FORBIDDEN =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

function check(input: Uint8Array | string): void {
  const file = new SourceFile('p.txt')
  let result: ReturnType<typeof textReader.read> | undefined
  expect(() => {
    result = textReader.read(input, file, { language: 'en' })
  }).not.toThrow()
  expect(file.messages.filter((m) => m.code === 'text-internal-error')).toEqual([])
  // Usually one chapter; plausible text with heading lines standing alone may hold several.
  expect(result!.children.length).toBeGreaterThanOrEqual(1)
  for (const top of result!.children) {
    visit(top as Node, (node) => {
      expect(node.position, node.type).toBeDefined()
      const { start, end } = node.position!
      expect(start.line >= 1 && start.column >= 1 && end.line >= start.line).toBe(true)
      if (node.type === 'text') {
        expect(XML_FORBIDDEN.test(node.value)).toBe(false)
        expect(node.value.length).toBeGreaterThan(0)
      }
    })
  }
  expect(JSON.parse(JSON.stringify(result))).toEqual(result)
  for (const m of file.messages) expect(m.code.startsWith('text-')).toBe(true)
}

const LINES = [
  'Chapter 1',
  'Chapter Twenty-Three: Truly _All_ Alone',
  'Part One',
  'Book II: The Road',
  'Prologue',
  "Author's Note",
  '* * *',
  '***',
  '~~~',
  '-----',
  '#',
  'o0o',
  '      ❧',
  '',
  '',
  '',
  '   ',
  'A/N: thanks for reading!',
  '(A/N: bracketed)',
  'AN: note',
  "Author's Note:",
  'Disclaimer: not mine.',
  '_emphasis_ and *more* and **strong** and __this__',
  '_unclosed and *stray and ** and __',
  '* bullet',
  '    indented line',
  '\tTabbed line',
  'A plain sentence, with "quotes" -- and ... dots.',
  'snake_case and f*ck and 2 * 3',
  '***both*** _a *b* c_',
  '\u0000\u0007\ufeff\ufffe',
  'Zoë 美咲 Ярослав \u200d\u200c\u202e',
  // Headings in ornaments, and an AO3 chapter page as copied.
  '~*~ Chapter 3 ~*~',
  '=== Chapter 4: Ice ===',
  '[Chapter 5] Thaw',
  '** \u0000 **',
  'Summary:',
  'Notes:',
  'Chapter Text',
  '(See the end of the chapter for more notes.)',
]

const plausible = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...LINES), fc.string({ unit: 'grapheme', maxLength: 40 })), {
      maxLength: 40,
    }),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([lines, eol]) => lines.join(eol))

describe('text reader properties', () => {
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => check(bytes)),
      { numRuns: fcRuns(400) },
    )
  })

  it('never throws on random UTF-16-looking and BOM-led bytes', () => {
    const prefixed = fc
      .tuple(
        fc.constantFrom([0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], []),
        fc.uint8Array({ maxLength: 500 }),
      )
      .map(([bom, rest]) => new Uint8Array([...bom, ...Array.from(rest).flatMap((b) => [b, 0])]))
    fc.assert(
      fc.property(prefixed, (bytes) => check(bytes)),
      { numRuns: fcRuns(200) },
    )
  })

  it('never throws on random binary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => check(text)),
      { numRuns: fcRuns(400) },
    )
  })

  it('never throws on plausible chapter text full of markers', () => {
    fc.assert(
      fc.property(plausible, (text) => check(text)),
      { numRuns: fcRuns(500) },
    )
    fc.assert(
      fc.property(plausible, (text) => check(new TextEncoder().encode(text))),
      { numRuns: fcRuns(200) },
    )
  })

  it('loses no character of text without markup', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}[.,!?]?$/)
    const line = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '))
    const body = fc.array(fc.oneof(line, fc.constant('')), { minLength: 1, maxLength: 30 })
    fc.assert(
      fc.property(body, fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = `Chapter 1${eol}${eol}${lines.join(eol)}`
        const file = new SourceFile('p.txt')
        const chapter = textReader.read(text, file, { language: 'en' }).children[0]!
        let out = ''
        visit(chapter as Node, (node) => {
          if (node.type === 'text') out += node.value
        })
        expect(out.replace(/\s/g, '')).toBe(lines.join('').replace(/\s/g, ''))
      }),
      { numRuns: fcRuns(300) },
    )
  })
})
