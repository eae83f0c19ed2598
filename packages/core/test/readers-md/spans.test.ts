/**
 * Pandoc's bracketed spans `[Rome]{.smallcaps}` and `[never]{.underline}`: the same `smallCaps` and
 * `underline` nodes as `<span class="smallcaps">` and `<u>`, positions from the source; other
 * attributes, escaped brackets and brackets with no attributes stay text.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { markdownReader } from '../../src/readers/markdown.js'

function read(source: string, keepPositions = false) {
  const file = new SourceFile('chapters/s.md')
  const result = markdownReader.read(`# One\n\n${source}\n`, file, { language: 'en' })
  const blocks = (result.children[0] as Chapter).children
  return {
    blocks: JSON.parse(
      JSON.stringify(blocks, (k, v) => (k === 'position' && !keepPositions ? undefined : v)),
    ),
    messages: file.messages,
  }
}

const t = (value: string) => ({ type: 'text', value })
const p = (...children: unknown[]) => [{ type: 'paragraph', children }]

describe('bracketed spans', () => {
  it('read as the HTML forms read', () => {
    expect(read('[Rome]{.smallcaps} fell, [never]{.underline} again').blocks).toEqual(
      read('<span class="smallcaps">Rome</span> fell, <u>never</u> again').blocks,
    )
  })

  it('hold Markdown, nest, and sit inside other marks', () => {
    expect(read('a [*b* [c]{.underline} d]{.smallcaps} **[e]{.smallcaps}**').blocks).toEqual(
      p(
        t('a '),
        {
          type: 'smallCaps',
          children: [
            { type: 'emphasis', children: [t('b')] },
            t(' '),
            { type: 'underline', children: [t('c')] },
            t(' d'),
          ],
        },
        t(' '),
        { type: 'strong', children: [{ type: 'smallCaps', children: [t('e')] }] },
      ),
    )
  })

  it('leave other attributes, escaped brackets and bare brackets as text', () => {
    expect(read('[a]{.other} \\[b]{.smallcaps} [c] d]{.smallcaps} []{.underline}').blocks).toEqual(
      p(t('[a]{.other} [b]{.smallcaps} [c] d]{.smallcaps} []{.underline}')),
    )
  })

  it('keep source positions', () => {
    const [paragraph] = read('x [Rome]{.smallcaps} y', true).blocks
    const span = paragraph.children[1]
    expect(span.type).toBe('smallCaps')
    expect(span.position.start).toEqual({ line: 3, column: 3, offset: 9 })
    expect(span.position.end).toEqual({ line: 3, column: 21, offset: 27 })
    expect(span.children[0].position.start.column).toBe(4)
    expect(paragraph.children[2].position.start.column).toBe(21)
  })
})
