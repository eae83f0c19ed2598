/**
 * Inputs that make micromark quadratic (thousands of emphasis marks or brackets in one paragraph).
 * The fast parser reads them as CommonMark says, in linear work (`fast-parser.test.ts` counts it),
 * with no warning. A file the fast parser leaves to micromark (here: raw HTML in it) is defused
 * before parsing: the markers past the limit become literal, with one `md-pathological` warning,
 * positions still point into the file as written, and paragraphs under the limit parse exactly as
 * before. No timing is asserted (see bench/markdown-reader.mjs for figures).
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Node, Paragraph } from '../../src/model/types.js'
import { toText, visit } from '../../src/model/walk.js'
import { MAX_MARKERS } from '../../src/readers/markdown/pathological.js'
import { markdownReader } from '../../src/readers/markdown.js'

/** Raw HTML is left to micromark, so a file holding some takes the guarded path. */
const MICROMARK = '\n\n<br>\n'

function read(source: string) {
  const file = new SourceFile('p.md')
  const result = markdownReader.read(source, file, { language: 'en' })
  const types = new Set<string>()
  const paragraphs: Paragraph[] = []
  for (const top of result.children) {
    visit(top as Node, (node) => {
      types.add(node.type)
      if (node.type === 'paragraph') paragraphs.push(node)
    })
  }
  return { file, paragraphs, types }
}

describe('pathological Markdown, fast path', () => {
  it('reads thousands of emphasis marks as emphasis, with no warning', () => {
    const { file, types } = read(`# One\n\n${'*a'.repeat(MAX_MARKERS * 2)}\n`)
    expect(file.messages).toEqual([])
    expect(types.has('emphasis')).toBe(true)
  })

  it('reads thousands of brackets as the characters they are', () => {
    const body = `${'['.repeat(MAX_MARKERS)}x${']'.repeat(MAX_MARKERS + 1)}`
    const { file, paragraphs } = read(`# One\n\n${body}\n`)
    expect(file.messages).toEqual([])
    expect(toText(paragraphs[0]!.children)).toBe(body)
  })
})

describe('pathological Markdown, behind micromark', () => {
  it('reads thousands of emphasis marks in one paragraph as literal text', () => {
    const body = '*a'.repeat(MAX_MARKERS * 2)
    const { file, paragraphs, types } = read(`# One\n\n${body}${MICROMARK}`)
    expect(file.messages.map((m) => m.code)).toEqual(['md-pathological'])
    expect(file.messages[0]).toMatchObject({ line: 3, level: 'warning' })
    expect(types.has('emphasis')).toBe(false)
    expect(toText(paragraphs[0]!.children)).toBe(body)
  })

  it('reads thousands of brackets as literal text', () => {
    const body = `${'['.repeat(MAX_MARKERS)}x${']'.repeat(MAX_MARKERS + 1)}`
    const { file, paragraphs } = read(`# One\n\n${body}${MICROMARK}`)
    expect(file.messages.map((m) => m.code)).toEqual(['md-pathological'])
    expect(toText(paragraphs[0]!.children)).toBe(body)
  })

  it('escapes a run far longer than emphasis uses', () => {
    const run = '_'.repeat(2_000)
    const { file, paragraphs } = read(`# One\n\n${run}core${run}${MICROMARK}`)
    expect(file.messages.map((m) => m.code)).toEqual(['md-pathological'])
    expect(toText(paragraphs[0]!.children)).toBe(`${run}core${run}`)
  })

  it('keeps positions on the file as written and code spans intact', () => {
    const body = `\`a*b\` ${'*a'.repeat(MAX_MARKERS * 2)}`
    const source = `# One\n\n${body}\n\nEnd *here*.${MICROMARK}`
    const { paragraphs } = read(source)
    const [first, last] = paragraphs
    expect(first!.children[0]).toMatchObject({ type: 'code', value: 'a*b' })
    expect(first!.position?.end).toEqual({ line: 3, column: body.length + 1, offset: 7 + body.length })
    const end = source.indexOf('End')
    expect(last!.position?.start).toEqual({ line: 5, column: 1, offset: end })
    expect(last!.children.map((c) => c.type)).toEqual(['text', 'emphasis', 'text'])
  })

  it('leaves paragraphs under the limit alone', () => {
    const body = 'a *b* '.repeat(MAX_MARKERS / 4).trim()
    const { file, types } = read(`# One\n\n${body}\n\n${'\\*'.repeat(MAX_MARKERS * 2)}${MICROMARK}`)
    expect(file.messages).toEqual([])
    expect(types.has('emphasis')).toBe(true)
  })
})
