/**
 * A part's own page holding more than its heading: a subtitle (`<h2>`, `<p class="part-subtitle">`),
 * an epigraph, or a title only the contents gives ("Part One: Above Ground"). It is the part, not
 * a chapter: no empty "Chapter 1" after it, the numbering not shifted, its subtitle its title,
 * and what a part cannot hold (an epigraph) opening its first chapter.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Root } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { readEpub } from '../../src/readers/epub/index.js'
import { type NavEntry, navDocument, ncxDocument, packagedEpub, readEpubBook, xhtml } from './helpers.js'

/** The book's outline: parts with their title, chapters with their number and title. */
function outline(tree: Root): string[] {
  const chapter = (c: { number?: number; title?: Parameters<typeof toText>[0] }) =>
    `  ${c.number ?? '-'} ${toText(c.title ?? [])}`.trimEnd()
  return tree.children.flatMap((n) =>
    n.type === 'part'
      ? [`Part ${n.number ?? '-'}: ${toText(n.title ?? [])}`, ...n.children.map(chapter)]
      : [chapter(n)],
  )
}

/** A part page, then two chapters "Chapter 1" and "Chapter 2", its contents listing them. */
function partBook(partPage: string, partLabel = 'Part One', ncx = false) {
  const entries: NavEntry[] = [
    [
      'part1.xhtml',
      partLabel,
      [
        ['ch1.xhtml', 'Chapter 1'],
        ['ch2.xhtml', 'Chapter 2'],
      ],
    ],
  ]
  return packagedEpub(
    [
      ncx
        ? { href: 'toc.ncx', content: ncxDocument(entries), spine: false }
        : { href: 'nav.xhtml', content: navDocument(entries), properties: 'nav', spine: false },
      { href: 'part1.xhtml', content: xhtml(partPage) },
      { href: 'ch1.xhtml', content: xhtml('<h1>Chapter 1</h1><p>Chapter one text here.</p>') },
      { href: 'ch2.xhtml', content: xhtml('<h1>Chapter 2</h1><p>Chapter two text here.</p>') },
    ],
    ncx ? { version: '2.0' } : {},
  )
}

describe('part pages', () => {
  it('a part heading with a subtitle heading: the subtitle is the part title, no extra chapter', async () => {
    const { book, codes } = await readEpubBook(partBook('<h1>Part One</h1><h2>The Gathering Storm</h2>'))
    expect(outline(book.tree)).toEqual(['Part 1: The Gathering Storm', '  1', '  2'])
    expect(codes).not.toContain('book-duplicate-number')
  })

  it('a subtitle paragraph (`<p class="part-subtitle">`), the contents read from an NCX', async () => {
    const { book, codes } = await readEpubBook(
      partBook(
        '<div class="part"><h1 class="part-title">Part One</h1><p class="part-subtitle">The Gathering Storm</p></div>',
        'Part One',
        true,
      ),
    )
    expect(outline(book.tree)).toEqual(['Part 1: The Gathering Storm', '  1', '  2'])
    expect(codes).not.toContain('book-duplicate-number')
  })

  it('an epigraph on an `epub:type="part"` page opens the part\'s first chapter, with an info', () => {
    const file = new SourceFile('book.epub')
    const { children } = readEpub(
      partBook(
        '<section epub:type="part"><h1>Part One</h1><blockquote class="epigraph"><p>Whan that Aprill with his shoures soote.</p><p>— Chaucer</p></blockquote></section>',
      ),
      file,
      { language: 'en' },
    )
    expect(children.map((c) => c.type)).toEqual(['part', 'chapter', 'chapter'])
    const part = children[0]!
    expect(part.type === 'part' && part.children).toEqual([])
    const first = children[1]!
    expect(first.type === 'chapter' && first.children.map((b) => b.type)).toEqual(['blockquote', 'paragraph'])
    // Its blocks came from another document: no position pointing into this one.
    expect(first.type === 'chapter' && first.children[0]!.position).toBeUndefined()
    expect(file.messages.map((m) => `${m.code}: ${m.message}`)).toContain(
      'epub-input-part-page: book.epub: the part page "OEBPS/part1.xhtml" holds more than the part\'s title (an epigraph?), which a part cannot hold; it opens the part\'s first chapter',
    )
  })

  it('the contents label titles the part ("Part One: Above Ground"); the subtitle repeating it is consumed', async () => {
    const { book } = await readEpubBook(
      partBook(
        '<section epub:type="part"><h1>Part One</h1><p class="subtitle">Above Ground</p></section>',
        'Part One: Above Ground',
      ),
    )
    expect(outline(book.tree)).toEqual(['Part 1: Above Ground', '  1', '  2'])
    expect(book.tree.children[1]).toBeUndefined()
  })

  it('the contents label titles a part page holding its heading alone', async () => {
    const { book } = await readEpubBook(partBook('<h1>Part One</h1>', 'Part One: Above Ground'))
    expect(outline(book.tree)).toEqual(['Part 1: Above Ground', '  1', '  2'])
  })

  it('an `epub:type="part"` page whose heading is a title alone is the part of that title', async () => {
    const { book } = await readEpubBook(
      partBook('<section epub:type="part"><h1>Above Ground</h1></section>', 'Part One: Above Ground'),
    )
    expect(outline(book.tree)).toEqual(['Part 1: Above Ground', '  1', '  2'])
  })

  it('a part heading followed by a chapter of real text stays a part holding that chapter', () => {
    const text = 'It was a long, long day, and the rain did not stop. '.repeat(20)
    const file = new SourceFile('book.epub')
    const { children } = readEpub(partBook(`<h1>Part One</h1><p>${text}</p>`), file, { language: 'en' })
    const part = children[0]!
    expect(part.type).toBe('part')
    expect(part.type === 'part' && part.children.length).toBe(1)
  })

  it('a part page holding its first chapter ("Chapter 1" under "Part One") keeps the chapter', () => {
    const file = new SourceFile('book.epub')
    const { children } = readEpub(partBook('<h1>Part One</h1><h2>Chapter 1</h2><p>Short.</p>'), file, {
      language: 'en',
    })
    const part = children[0]!
    expect(part.type === 'part' && part.children.map((c) => c.number)).toEqual([1])
  })
})
