/**
 * Raw HTML typed into Markdown means what it means in an HTML chapter: each element authors paste
 * gives the same nodes through the Markdown reader as through the HTML reader, on the fast parser
 * and on micromark alike; what has no equivalent keeps its text and is reported with its place.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { htmlReader } from '../../src/readers/html.js'
import { parseFast } from '../../src/readers/markdown/fast-blocks.js'
import { markdownReader } from '../../src/readers/markdown.js'

function bare(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'position' ? undefined : v)))
}

function markdown(source: string) {
  const file = new SourceFile('chapters/m.md')
  const result = markdownReader.read(`# One\n\n${source}\n`, file, { language: 'en' })
  return { blocks: bare((result.children[0] as Chapter).children), file }
}

function html(source: string) {
  const file = new SourceFile('chapters/h.html')
  const result = htmlReader.read(`<h1>One</h1>\n<p>${source}</p>\n`, file, { language: 'en' })
  return bare((result.children[0] as Chapter).children)
}

const elements = [
  'I <u>did</u> say',
  'H<sub>2</sub>O and x<sup>2</sup>',
  '<s>one</s>, <del>two</del>, <strike>three</strike>',
  '<span class="smallcaps">Rome</span> and <span class="small-caps">Troy</span>',
  'a <span style="font-variant: small-caps">Roman</span> road',
  '<i>i</i> <em>em</em> <b>b</b> <strong>strong</strong>',
  'one<br>two',
  'a <span style="text-decoration: underline">line</span> under',
  '<u><i>both</i></u> and <b><sup>st</sup></b>',
  'a <ins>new</ins> word',
  'a <a href="https://example.com/">link</a> here',
  'a <small>small</small> word',
]

describe('raw HTML in Markdown maps as in an HTML chapter', () => {
  for (const source of elements) {
    it(source, () => {
      expect(markdown(source).blocks).toEqual(html(source))
    })
  }

  it('reads the same with the fast parser and with micromark', () => {
    // A comment makes the fast parser decline the file: the same paragraph then goes to micromark.
    for (const source of elements) {
      // A bare URL is an autolink candidate, micromark's to read; everything else is read fast.
      if (!source.includes('://')) expect(parseFast(`# One\n\n${source}\n`), source).toBeDefined()
      const viaMicromark = markdown(`${source}\n\n<!-- micromark -->`)
      expect(viaMicromark.blocks).toEqual(markdown(source).blocks)
    }
  })

  it('reports an element it has no equivalent for, once per file, with its place', () => {
    const { blocks, file } = markdown('a <small>b</small> c\n\nd <small>e</small> <font color="red">f</font>')
    expect(blocks).toEqual([
      { type: 'paragraph', children: [{ type: 'text', value: 'a b c' }] },
      { type: 'paragraph', children: [{ type: 'text', value: 'd e f' }] },
    ])
    expect(file.messages.map((m) => [m.code, m.line, m.column, m.message])).toEqual([
      ['md-html-unknown', 3, 3, '<small> has no equivalent in a book; its text is kept without it'],
      ['md-html-unknown', 5, 20, '<font> has no equivalent in a book; its text is kept without it'],
    ])
    expect(file.messages[0]!.file).toBe('chapters/m.md')
  })

  it('ends a tag left open with its paragraph, and ignores a closer with no opener', () => {
    const { blocks, file } = markdown('a <u>b c\n\nd </u> e')
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'a ' },
          { type: 'underline', children: [{ type: 'text', value: 'b c' }] },
        ],
      },
      { type: 'paragraph', children: [{ type: 'text', value: 'd e' }] },
    ])
    expect(file.messages.map((m) => m.code)).toEqual(['md-html-unbalanced', 'md-html-unbalanced'])
  })

  it('drops what can run code, with its content', () => {
    const { blocks, file } = markdown('a <button onclick="x()">press</button> b')
    expect(blocks).toEqual([{ type: 'paragraph', children: [{ type: 'text', value: 'a b' }] }])
    expect(file.messages.map((m) => m.code)).toEqual(['md-raw-html-dropped'])
  })
})
