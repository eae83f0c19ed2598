/**
 * Pandoc's inline notes (`^[…]`) and line blocks (`| …`), which CommonMark reads as text: the
 * same footnotes as `[^1]` notes, and `verse` blocks, whichever parser read the file (a GFM table
 * sends a file to micromark), positions from the source; escaped, empty and nested forms, and
 * lines not all marked, stay as written.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { markdownReader } from '../../src/readers/markdown.js'

/** A GFM table: the fast parser declines the file, micromark reads it. */
const TABLE = '\n\n| a | b |\n| --- | --- |\n| c | d |\n'

function read(source: string, keepPositions = false, tail = '') {
  const file = new SourceFile('chapters/p.md')
  const result = markdownReader.read(`# One\n\n${source}\n${tail}`, file, { language: 'en' })
  const chapters = result.children as Chapter[]
  const blocks = JSON.parse(
    JSON.stringify(chapters[0]!.children, (k, v) => (k === 'position' && !keepPositions ? undefined : v)),
  ) as Array<{ type: string; children?: unknown[]; identifier?: string }>
  return { blocks: blocks.filter((b) => b.type !== 'table'), chapters, messages: file.messages }
}

const t = (value: string) => ({ type: 'text', value })
const line = (...children: unknown[]) => ({ type: 'verseLine', children })

describe('inline notes', () => {
  for (const [parser, tail] of [
    ['the fast parser', ''],
    ['micromark', TABLE],
  ] as const) {
    it(`are footnotes like [^1] notes, holding Markdown (${parser})`, () => {
      const inline = read('Dark.^[A *note* with [Rome]{.smallcaps}.] Then.', false, tail).blocks
      const written = read('Dark.[^n] Then.\n\n[^n]: A *note* with [Rome]{.smallcaps}.', false, tail).blocks
      const id = (blocks: typeof inline) =>
        JSON.stringify(blocks)
          .replace(/"identifier":"[^"]*"/g, '"identifier":"x"')
          .replace(/,"label":"n"/g, '')
      expect(id(inline)).toBe(id(written))
      expect(inline[0]).toEqual({
        type: 'paragraph',
        children: [t('Dark.'), { type: 'footnoteReference', identifier: 'inline note 1' }, t(' Then.')],
      })
    })
  }

  it('are numbered apart from labelled notes, never taken for one', () => {
    const { blocks } = read('a^[first] b[^1] c^[second]\n\n[^1]: labelled')
    const refs = (blocks[0]!.children as Array<{ type: string; identifier?: string }>)
      .filter((c) => c.type === 'footnoteReference')
      .map((c) => c.identifier)
    expect(refs).toEqual(['inline note 1', '1', 'inline note 2'])
    const defs = blocks.filter((b) => b.type === 'footnoteDefinition').map((b) => b.identifier)
    expect(defs.sort()).toEqual(['1', 'inline note 1', 'inline note 2'])
  })

  it('go to the chapter citing them when a file holds several', () => {
    const { chapters } = read('a^[one]\n\n# Two\n\nb^[two]')
    const notesOf = (c: Chapter) =>
      c.children
        .filter((b) => b.type === 'footnoteDefinition')
        .map((b) => JSON.stringify(b).match(/"value":"(\w+)"/)![1])
    expect(chapters.map(notesOf)).toEqual([['one'], ['two']])
  })

  it('leave escaped, empty and nested forms as written', () => {
    const { blocks } = read('\\^[escaped] ^[] x^[a ^[b] c]')
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      children: [t('^[escaped] ^[] x'), { type: 'footnoteReference', identifier: 'inline note 1' }],
    })
    expect(JSON.stringify(blocks[1])).toContain('"value":"a ^[b] c"')
  })

  it('keep source positions: the reference from ^ to ], the note inside the brackets', () => {
    const { blocks } = read('ab^[cd] e', true)
    const ref = (blocks[0]!.children as Array<{ position: unknown }>)[1]!
    // `# One\n\n` is two lines: the paragraph is line 3.
    expect(ref.position).toMatchObject({ start: { line: 3, column: 3 }, end: { line: 3, column: 8 } })
    const note = blocks[1] as { children: Array<{ position: unknown }> }
    expect(note.children[0]!.position).toMatchObject({
      start: { line: 3, column: 5 },
      end: { line: 3, column: 7 },
    })
  })

  it('are linear: 20,000 notes in one paragraph, and 20,000 unclosed openers', () => {
    const many = read(Array.from({ length: 20_000 }, (_, i) => `w${i}^[n${i}]`).join(' ')).blocks
    expect(many.filter((b) => b.type === 'footnoteDefinition')).toHaveLength(20_000)
    const unclosed = Array.from({ length: 20_000 }, () => '^[').join(' ')
    expect(read(unclosed).blocks[0]).toEqual({ type: 'paragraph', children: [t(unclosed)] })
  })
})

describe('line blocks', () => {
  for (const [parser, tail] of [
    ['the fast parser', ''],
    ['micromark', TABLE],
  ] as const) {
    it(`are verse, each line as written, its indent kept (${parser})`, () => {
      const { blocks } = read(
        '| The sea is *calm* tonight,\n| The tide is full\n|     Upon the straits.\n\nAfter.',
        false,
        tail,
      )
      expect(blocks.slice(0, 2)).toEqual([
        {
          type: 'verse',
          children: [
            line(t('The sea is '), { type: 'emphasis', children: [t('calm')] }, t(' tonight,')),
            line(t('The tide is full')),
            line(t('\u00a0\u00a0\u00a0\u00a0Upon the straits.')),
          ],
        },
        { type: 'paragraph', children: [t('After.')] },
      ])
    })
  }

  it('a line of | alone between stanzas makes two verses; a hard break ends a line too', () => {
    const { blocks } = read('| one\n|\n| two\\\n| three')
    expect(blocks).toEqual([
      { type: 'verse', children: [line(t('one'))] },
      { type: 'verse', children: [line(t('two')), line(t('three'))] },
    ])
  })

  it('in a block quote and a list item too', () => {
    const quoted = read('> | one\n> | two').blocks
    expect(quoted).toEqual([
      { type: 'blockquote', children: [{ type: 'verse', children: [line(t('one')), line(t('two'))] }] },
    ])
  })

  it('only when every line starts with | and a space: else a paragraph, as written', () => {
    for (const source of ['| one\ntwo', 'one\n| two', '|one\n|two', '\\| one\n| two']) {
      const { blocks } = read(source)
      expect(
        blocks.map((b) => b.type),
        source,
      ).toEqual(['paragraph'])
    }
  })

  it('keep source positions', () => {
    const { blocks } = read('| ab\n|   cd', true)
    const [first, second] = (blocks[0] as { children: Array<{ children: Array<{ position: unknown }> }> })
      .children
    expect(first!.children[0]!.position).toMatchObject({
      start: { line: 3, column: 3 },
      end: { line: 3, column: 5 },
    })
    expect(second!.children[0]!.position).toMatchObject({
      start: { line: 4, column: 3 },
      end: { line: 4, column: 7 },
    })
  })
})

describe("pandoc's metadata block", () => {
  const meta = (source: string) => {
    const file = new SourceFile('chapters/m.md')
    const result = markdownReader.read(source, file, { language: 'en' })
    return { result, messages: file.messages.map((m) => `${m.code} ${m.line}:${m.column} ${m.message}`) }
  }

  it("above a manuscript: its title, subtitle, authors and language are the book's", () => {
    const { result, messages } = meta(
      '---\ntitle: My Novel\nsubtitle: A Tale\nauthor:\n  - Jo March\n  - name: Amy March\nlang: en-GB\nnumber: 3\n---\n\n# Chapter 1\n\nA.\n\n# Chapter 2\n\nB.\n',
    )
    expect(result.metadata).toEqual({
      title: 'My Novel',
      subtitle: 'A Tale',
      authors: [{ name: 'Jo March' }, { name: 'Amy March' }],
      language: 'en-GB',
    })
    expect(result.children.map((c) => (c.type === 'chapter' ? c.title : undefined))).toEqual([
      undefined,
      undefined,
    ])
    expect(messages).toEqual([
      'md-front-matter-ignored 1:1 Front matter "number" describes one chapter, but this file holds 2; ignored',
    ])
  })

  it("above one chapter: the title is the chapter's, the author the book's", () => {
    const { result } = meta('---\ntitle: The Storm\nauthor: Jo March\n---\n\nIt rained.\n')
    expect(result.metadata).toEqual({ authors: [{ name: 'Jo March' }] })
    expect(toText((result.children[0] as Chapter).title ?? [])).toBe('The Storm')
  })

  it('an author or language of the wrong shape is an error at its line, and nothing is taken', () => {
    const { result, messages } = meta('---\nauthor: [Jo, [nested]]\nlang: not a tag\n---\n\nText.\n')
    expect(result.metadata).toBeUndefined()
    expect(messages).toEqual([
      'md-front-matter-invalid 2:9 Front-matter "author" must be a name or a list of names',
      'md-front-matter-invalid 3:7 Front-matter "lang" must be a language tag such as en or en-GB',
    ])
  })
})

/** A file's whole result and its messages. */
const read1 = (source: string) => {
  const file = new SourceFile('chapters/t.md')
  const result = markdownReader.read(source, file, { language: 'en' })
  return { result, file }
}

describe("pandoc's title block", () => {
  it('gives the title and the authors as front matter does, and is not text; positions after it hold', () => {
    const { result } = read1(
      '% The Lantern Keeper\n% Jo March; Amy March\n% 1868\n\n# Chapter One\n\nIt was *dark*.\n\n# Chapter Two\n\nB.\n',
    )
    expect(result.metadata).toEqual({
      title: 'The Lantern Keeper',
      authors: [{ name: 'Jo March' }, { name: 'Amy March' }],
    })
    const first = result.children[0] as Chapter
    expect(JSON.stringify(first.children)).not.toContain('%')
    const emphasis = (first.children[0] as { children: Array<{ type: string; position?: unknown }> })
      .children[1]!
    expect(emphasis.position).toMatchObject({ start: { line: 7, column: 8 }, end: { line: 7, column: 14 } })
  })

  it('a title over two lines, authors one a line, empty fields; above one chapter the title is its', () => {
    const { result } = read1('% A Long\n  Title\n%\n  Jo March\n  Amy March\n\nText.\n')
    expect(result.metadata).toEqual({ authors: [{ name: 'Jo March' }, { name: 'Amy March' }] })
    expect(toText((result.children[0] as Chapter).title ?? [])).toBe('A Long Title')
  })

  it('is none without a blank line after it, past three fields, or below the first line', () => {
    for (const source of [
      '% Title\nText right under.\n',
      '% a\n% b\n% c\n% d\n\nText.\n',
      'Text.\n\n% Title\n\nMore.\n',
    ]) {
      const { result } = read1(source)
      expect(result.metadata, source).toBeUndefined()
      expect(JSON.stringify(result.children), source).toContain('%')
    }
  })
})

describe("MultiMarkdown's metadata lines", () => {
  it('give the title, subtitle, authors and language as front matter does (what Scrivener compiles)', () => {
    const { result, file } = read1(
      'Title: My Scrivener Book\nSubtitle: A Winter\n    Tale\nAuthor: Jo March; Amy March\nBase Header Level: 2\nLanguage: en-GB\n\n# Chapter One\n\nIt was *dark*.\n\n# Chapter Two\n\nB.\n',
    )
    expect(result.metadata).toEqual({
      title: 'My Scrivener Book',
      subtitle: 'A Winter Tale',
      authors: [{ name: 'Jo March' }, { name: 'Amy March' }],
      language: 'en-GB',
    })
    const first = result.children[0] as Chapter
    expect(JSON.stringify(result.children)).not.toMatch(/Scrivener|Base Header/)
    const emphasis = (first.children[0] as { children: Array<{ type: string; position?: unknown }> })
      .children[1]!
    expect(emphasis.position).toMatchObject({ start: { line: 10, column: 8 } })
    expect(file.messages).toEqual([])
  })

  it('are text when they name neither title nor author, have no blank line after them, or are not first', () => {
    for (const source of [
      'Note: this is a draft.\nRating: Mature\n\nText.\n',
      'Title: A\nText right under.\n',
      'Text.\n\nTitle: A\n\nMore.\n',
      'Chapter 1: The Start\n\nText.\n',
    ]) {
      const { result } = read1(source)
      expect(result.metadata?.authors, source).toBeUndefined()
      expect(JSON.stringify(result.children), source).toMatch(/Note|Title|Chapter|Start/)
    }
  })
})

describe('fenced divs that align or mark', () => {
  it('centre, set flush right, or mark their paragraphs; others are reported and kept', () => {
    const { blocks, messages } = read(
      '::: centered\nTHE END\n:::\n\n::: {.right}\nYours, Jo\n:::\n\n::: {style="text-align: center"}\nA\n:::\n\n::: smallcaps\nB\n:::\n\n::: wide\nC\n:::',
    )
    expect(blocks).toEqual([
      { type: 'paragraph', align: 'center', children: [t('THE END')] },
      { type: 'paragraph', align: 'right', children: [t('Yours, Jo')] },
      { type: 'paragraph', align: 'center', children: [t('A')] },
      { type: 'paragraph', children: [{ type: 'smallCaps', children: [t('B')] }] },
      { type: 'paragraph', children: [t('C')] },
    ])
    expect(messages.map((m) => m.code)).toEqual(['md-fenced-div'])
  })
})
