/**
 * Words censored with asterisks (`f*ck … sh*t`, `f**k`) keep their asterisks: the emphasis
 * CommonMark would pair between two of them, across the words between, is none the author typed.
 * Emphasis inside one word and emphasis opening or closing at a word's edge is kept; the fast
 * parser and micromark read the same, and the repair is said once, as information.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { parseFast } from '../../src/readers/markdown/fast-blocks.js'
import { markdownReader } from '../../src/readers/markdown.js'

function read(source: string, keepPositions = false) {
  const file = new SourceFile('chapters/c.md')
  const result = markdownReader.read(`# One\n\n${source}\n`, file, { language: 'en' })
  const blocks = (result.children[0] as Chapter).children
  return {
    blocks: JSON.parse(
      JSON.stringify(blocks, (k, v) => (k === 'position' && !keepPositions ? undefined : v)),
    ),
    messages: file.messages.map((m) => `${m.code} ${m.level} ${m.line}:${m.column} ${m.message}`),
  }
}

const t = (value: string) => ({ type: 'text', value })
const p = (...children: unknown[]) => [{ type: 'paragraph', children }]

describe('Markdown reader: words censored with asterisks', () => {
  it('keeps the asterisks of f*ck … sh*t, and says so once', () => {
    const { blocks, messages } = read('What the f*ck is this sh*t, he said. A d*mn h*ll.')
    expect(blocks).toEqual(p(t('What the f*ck is this sh*t, he said. A d*mn h*ll.')))
    expect(messages).toEqual([
      'md-censored info 3:11 4 words censored with asterisks (f*ck … sh*t) would have made the words between them italic or bold, or cut an italic short; their asterisks were kept as written',
    ])
  })

  it('keeps two asterisks in a word (f**k … sh**t) from making bold', () => {
    expect(read('f**k this sh**t').blocks).toEqual(p(t('f**k this sh**t')))
  })

  it('keeps emphasis between them, and emphasis inside one word or at its edge', () => {
    expect(read('What the f*ck is *really* this sh*t.').blocks).toEqual(
      p(t('What the f*ck is '), { type: 'emphasis', children: [t('really')] }, t(' this sh*t.')),
    )
    const { blocks, messages } = read('un*believ*able, **Bold**ly, *a word* and wo*rd*')
    expect(messages).toEqual([])
    expect(blocks).toEqual(
      p(
        t('un'),
        { type: 'emphasis', children: [t('believ')] },
        t('able, '),
        { type: 'strong', children: [t('Bold')] },
        t('ly, '),
        { type: 'emphasis', children: [t('a word')] },
        t(' and wo'),
        { type: 'emphasis', children: [t('rd')] },
      ),
    )
  })

  it('keeps the positions of the text around them', () => {
    const [paragraph] = read('a f*ck b sh*t c', true).blocks
    expect(paragraph.children[0].position).toEqual({
      start: { line: 3, column: 1, offset: 7 },
      end: { line: 3, column: 16, offset: 22 },
    })
  })

  it('reads the same from the fast parser and micromark', () => {
    const source = 'What the f*ck is *really* this sh*t.\n\n> f**k this sh**t and un*believ*able'
    expect(parseFast(`# One\n\n${source}\n`)).toBeDefined()
    // A tab sends the file to micromark; it stands where it changes no words.
    const slow = read(source.replace('What the', 'What\tthe'))
    const fast = read(source)
    expect(JSON.stringify(slow.blocks).replace('What\\tthe', 'What the')).toBe(JSON.stringify(fast.blocks))
    expect(slow.messages).toEqual(fast.messages)
  })
})
