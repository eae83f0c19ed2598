/**
 * One-file EPUBs and nested contents: top-level entries pointing at anchors inside one document
 * split it there, each part titled by its heading or else the entry's label; a nested contents
 * whose parts have no page of their own makes the parts, the chapters titled by their own entries.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter, Node, Part } from '../../src/model/types.js'
import { toText, visit } from '../../src/model/walk.js'
import { readEpub } from '../../src/readers/epub/index.js'
import { type NavEntry, navDocument, ncxDocument, packagedEpub, xhtml } from './helpers.js'

function first(c: Chapter): string {
  const block = c.children[0]
  return block && 'children' in block ? toText(block.children as never) : ''
}

function read(bytes: Uint8Array) {
  const file = new SourceFile('book.epub')
  const { children } = readEpub(bytes, file, { language: 'en' })
  const outline = (c: Chapter) =>
    `${c.label ?? ''}${c.number !== undefined ? ` ${c.number}` : ''}|${toText(c.title ?? [])}|${first(c)}`
  return {
    children,
    outline: children.map((n) =>
      n.type === 'part'
        ? {
            part: `${n.label ?? ''} ${n.number ?? ''}|${toText(n.title ?? [])}`,
            chapters: (n as Part).children.map(outline),
          }
        : outline(n),
    ),
    codes: file.messages.map((m) => m.code),
  }
}

const CHAPTERS = ['Down the Rabbit-Hole', 'The Pool of Tears', 'A Caucus-Race']
const entries = (href: (i: number) => string): NavEntry[] => CHAPTERS.map((t, i) => [href(i), t])

describe('one document, several chapters', () => {
  it('splits at <h2 id> anchors the nav points at, each titled by its heading', () => {
    const body = CHAPTERS.map(
      (t, i) => `<h2 id="ch${i + 1}">${t}</h2><p>Text ${i + 1}.</p><p>More ${i + 1}.</p>`,
    ).join('')
    const { outline } = read(
      packagedEpub([
        { href: 'book.xhtml', content: xhtml(body) },
        {
          href: 'nav.xhtml',
          content: navDocument(entries((i) => `book.xhtml#ch${i + 1}`)),
          properties: 'nav',
          spine: false,
        },
      ]),
    )
    expect(outline).toEqual([
      '|Down the Rabbit-Hole|Text 1.',
      '|The Pool of Tears|Text 2.',
      '|A Caucus-Race|Text 3.',
    ])
  })

  it('splits <div id> chapters titled only in the NCX, their number paragraphs taken as numbers', () => {
    const body = CHAPTERS.map(
      (_, i) => `<div id="c${i + 1}"><p class="chapnum">${i + 1}</p><p>Text ${i + 1}.</p></div>`,
    ).join('')
    const { outline } = read(
      packagedEpub(
        [
          { href: 'book.xhtml', content: xhtml(body) },
          { href: 'toc.ncx', content: ncxDocument(entries((i) => `book.xhtml#c${i + 1}`)) },
        ],
        { version: '2.0' },
      ),
    )
    expect(outline).toEqual([
      ' 1|Down the Rabbit-Hole|Text 1.',
      ' 2|The Pool of Tears|Text 2.',
      ' 3|A Caucus-Race|Text 3.',
    ])
  })

  it('gives "Chapter 1" alone its contents label as title, and each footnote to the part citing it', () => {
    const body = `${CHAPTERS.map(
      (_, i) =>
        `<section id="s${i + 1}"><h2>Chapter ${i + 1}</h2><p>Text ${i + 1}.${i === 1 ? '<a epub:type="noteref" href="#fn1">1</a>' : ''}</p></section>`,
    ).join('')}<aside epub:type="footnote" id="fn1"><p>The note.</p></aside>`
    const { outline, children } = read(
      packagedEpub([
        { href: 'book.xhtml', content: xhtml(body) },
        {
          href: 'nav.xhtml',
          content: navDocument(entries((i) => `book.xhtml#s${i + 1}`)),
          properties: 'nav',
          spine: false,
        },
      ]),
    )
    expect(outline).toEqual([
      'Chapter 1|Down the Rabbit-Hole|Text 1.',
      'Chapter 2|The Pool of Tears|Text 2.',
      'Chapter 3|A Caucus-Race|Text 3.',
    ])
    const defs = children.map((c) => {
      let n = 0
      visit(c as Node, (x) => {
        if (x.type === 'footnoteDefinition') n++
      })
      return n
    })
    expect(defs).toEqual([0, 1, 0])
  })

  it('keeps a book title above the first chapter out of its title', () => {
    const body = `<h1>The Book</h1>${CHAPTERS.map((t, i) => `<h2 id="ch${i + 1}">${t}</h2><p>Text ${i + 1}.</p>`).join('')}`
    const { outline } = read(
      packagedEpub([
        { href: 'book.xhtml', content: xhtml(body) },
        {
          href: 'nav.xhtml',
          content: navDocument(entries((i) => `book.xhtml#ch${i + 1}`)),
          properties: 'nav',
          spine: false,
        },
      ]),
    )
    expect(outline.map((o) => (o as string).split('|')[1])).toEqual(CHAPTERS)
  })

  it('does not split at a chapter’s sections nested under its entry', () => {
    const body = `<h1>One</h1><p>a</p><h2 id="s1">Section</h2><p>b</p><h2 id="s2">Other</h2><p>c</p>`
    const { outline } = read(
      packagedEpub([
        { href: 'one.xhtml', content: xhtml(body) },
        {
          href: 'nav.xhtml',
          content: navDocument([
            [
              'one.xhtml',
              'One',
              [
                ['one.xhtml#s1', 'Section'],
                ['one.xhtml#s2', 'Other'],
              ],
            ],
          ]),
          properties: 'nav',
          spine: false,
        },
      ]),
    )
    expect(outline).toEqual(['|One|a'])
  })
})

describe('nested contents without part pages', () => {
  it('makes the parts from the parent entries, each chapter titled by its own entry', () => {
    const docs = CHAPTERS.concat('The Rabbit').map((_, i) => ({
      href: `ch${i + 1}.xhtml`,
      content: xhtml(`<p>Text ${i + 1}.</p>`),
    }))
    const nav: NavEntry[] = [
      [
        'ch1.xhtml',
        'Part One',
        [
          ['ch1.xhtml', 'Down the Rabbit-Hole'],
          ['ch2.xhtml', 'The Pool of Tears'],
        ],
      ],
      [
        'ch3.xhtml',
        'Part Two',
        [
          ['ch3.xhtml', 'A Caucus-Race'],
          ['ch4.xhtml', 'The Rabbit'],
        ],
      ],
    ]
    for (const toc of [
      { href: 'nav.xhtml', content: navDocument(nav), properties: 'nav', spine: false },
      { href: 'toc.ncx', content: ncxDocument(nav) },
    ]) {
      const { outline } = read(packagedEpub([...docs, toc]))
      expect(outline).toEqual([
        { part: 'Part 1|', chapters: ['|Down the Rabbit-Hole|Text 1.', '|The Pool of Tears|Text 2.'] },
        { part: 'Part 2|', chapters: ['|A Caucus-Race|Text 3.', '|The Rabbit|Text 4.'] },
      ])
    }
  })
})
