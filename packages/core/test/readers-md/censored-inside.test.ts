/**
 * A word censored with an asterisk inside an italic (`*italic with f*ck inside*`) would end the
 * italic at its asterisk: CommonMark lets an asterisk between letters close an emphasis. It is read
 * as the asterisk it is when the italic then pairs across it; emphasis inside a word or at its edge
 * (`**Bold**ly`, `wo*rd*`) stays emphasis. The fast parser and micromark read the same.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { parseFast } from '../../src/readers/markdown/fast-blocks.js'
import { markdownReader } from '../../src/readers/markdown.js'

function read(source: string) {
  const file = new SourceFile('chapters/c.md')
  const result = markdownReader.read(`# One\n\n${source}\n`, file, { language: 'en' })
  const blocks = (result.children[0] as Chapter).children
  return {
    blocks: JSON.parse(JSON.stringify(blocks, (k, v) => (k === 'position' ? undefined : v))),
    messages: file.messages.map((m) => `${m.code} ${m.line}:${m.column} ${m.message}`),
  }
}

/** The same source read by micromark (a tab sends the file there) and by the fast parser. */
function both(source: string) {
  expect(parseFast(`# One\n\n${source}\n`)).toBeDefined()
  const fast = read(source)
  // A tab sends the file to micromark: on a blank line of its own, it changes nothing.
  expect(parseFast(`# One\n\n\t\n\n${source}\n`)).toBeUndefined()
  const slow = read(`\t\n\n${source}`)
  expect(JSON.stringify(slow.blocks)).toBe(JSON.stringify(fast.blocks))
  expect(slow.messages.map((m) => m.replace(/ \d+:\d+ /, ' '))).toEqual(
    fast.messages.map((m) => m.replace(/ \d+:\d+ /, ' ')),
  )
  return fast
}

const t = (value: string) => ({ type: 'text', value })
const em = (...children: unknown[]) => ({ type: 'emphasis', children })
const strong = (...children: unknown[]) => ({ type: 'strong', children })
const p = (...children: unknown[]) => [{ type: 'paragraph', children }]

describe('Markdown reader: a censored word inside an italic', () => {
  it('keeps the italic whole and the asterisk as written', () => {
    const { blocks, messages } = both('*italic with f*ck inside*')
    expect(blocks).toEqual(p(em(t('italic with f*ck inside'))))
    expect(messages).toEqual([
      'md-censored 3:15 1 word censored with asterisks (f*ck … sh*t) would have made the words between them italic or bold, or cut an italic short; their asterisks were kept as written',
    ])
  })

  it('at the start or end of the italic, and before punctuation', () => {
    expect(both('*F*ck*').blocks).toEqual(p(em(t('F*ck'))))
    expect(both('*sh*t!*').blocks).toEqual(p(em(t('sh*t!'))))
    expect(both('He said *oh f*ck* and left.').blocks).toEqual(
      p(t('He said '), em(t('oh f*ck')), t(' and left.')),
    )
  })

  it('inside bold, and with two asterisks', () => {
    expect(both('**what the f*ck is this**').blocks).toEqual(p(strong(t('what the f*ck is this'))))
    expect(both('*what the f**k*').blocks).toEqual(p(em(t('what the f**k'))))
  })

  it('keeps emphasis inside a word or at its edge', () => {
    const { blocks, messages } = both('un*believ*able, **Bold**ly, *Bold*ly, *a word* and wo*rd*')
    expect(messages).toEqual([])
    expect(blocks).toEqual(
      p(
        t('un'),
        em(t('believ')),
        t('able, '),
        strong(t('Bold')),
        t('ly, '),
        em(t('Bold')),
        t('ly, '),
        em(t('a word')),
        t(' and wo'),
        em(t('rd')),
      ),
    )
    expect(both('*Bold*ly go, he said, *very* boldly.').blocks).toEqual(
      p(em(t('Bold')), t('ly go, he said, '), em(t('very')), t(' boldly.')),
    )
  })

  it('keeps the censored words across emphasis as before', () => {
    expect(both('f*ck *really* sh*t').blocks).toEqual(p(t('f*ck '), em(t('really')), t(' sh*t')))
    expect(both('*oh f*ck*, and what the f*ck is this sh*t').blocks).toEqual(
      p(em(t('oh f*ck')), t(', and what the f*ck is this sh*t')),
    )
  })
})
