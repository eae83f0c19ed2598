import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBook, diagnosticsOf, loadBook, render } from '../../src/index.js'
import { lintBook } from '../../src/lint.js'
import { partLabel } from '../../src/model/labels.js'
import { chaptersOf, toText } from '../../src/model/walk.js'
import { pluginFrom } from '../../src/plugins.js'
import { bookStats, countWords } from '../../src/stats.js'

const memoryBook = (chapters: Parameters<typeof createBook>[0]['chapters']) =>
  createBook({ metadata: { title: 'T', author: 'A' }, chapters, date: new Date(Date.UTC(2024, 0, 2)) })

describe('createBook', () => {
  it('reads text, Markdown and HTML chapters from memory and smartens their typography', async () => {
    const { book, diagnostics } = await memoryBook([
      { text: 'Chapter 1: Dawn\n\n"Hello," she said--quietly...' },
      { markdown: '# Chapter 2: Noon\n\nIt was *hot*.' },
      { html: "<h1>Chapter 3: Dusk</h1><p>It's late.</p>" },
    ])
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    const chapters = chaptersOf(book!.tree)
    expect(chapters.map((c) => [c.number, toText(c.title)])).toEqual([
      [1, 'Dawn'],
      [2, 'Noon'],
      [3, 'Dusk'],
    ])
    const first = chapters[0]!.children[0]!
    expect(first.type === 'paragraph' && toText(first.children)).toBe('“Hello,” she said\u2060—quietly…')
    expect(chapters.map((c) => c.id)).toEqual(['ch-001', 'ch-002', 'ch-003'])
  })

  it("keeps a Markdown chapter's own matter: front matter stated in the file wins", async () => {
    const { book } = await memoryBook([
      { markdown: '---\nmatter: front\nkind: foreword\ntitle: Foreword\n---\n\nA few words.' },
      { markdown: '# Chapter 1: Start\n\nHello.' },
    ])
    expect(chaptersOf(book!.tree).map((c) => [c.kind, c.matter])).toEqual([
      ['foreword', 'front'],
      ['chapter', 'body'],
    ])
  })

  it('gives chapters inside a part from one file the same care as the others', async () => {
    const { book, diagnostics } = await memoryBook([
      {
        title: 'Caller title',
        markdown:
          '# Part One\n\n## Chapter 1\n\n---\n\nOpening scene.\n\n## Chapter 2\n\nMore.\n\n---\n\n# Part Two\n\n## Chapter 3\n\n## Chapter 4\n\nEnd.\n',
      },
    ])
    const chapters = chaptersOf(book!.tree)
    expect(chapters.map((c) => c.number)).toEqual([1, 2, 3, 4])
    // No stray scene break at the start of chapter 1 or the end of chapter 2.
    expect(chapters[0]!.children.map((b) => b.type)).toEqual(['paragraph'])
    expect(chapters[1]!.children.map((b) => b.type)).toEqual(['paragraph'])
    // The caller's title names a one-chapter input, not every chapter of a manuscript.
    expect(chapters.map((c) => toText(c.title))).toEqual(['', '', '', ''])
    // Chapter 3 is empty: said, with its place.
    const empty = diagnostics.filter((d) => d.code === 'book-chapter-empty')
    expect(empty).toHaveLength(1)
    expect(empty[0]).toMatchObject({ line: 17 })
  })

  it('uses a caller title for a text without a heading line, and numbers it', async () => {
    const { book } = await memoryBook([{ title: 'The First Letter', text: 'Dear Tom,\n\nHello.' }])
    const [chapter] = chaptersOf(book!.tree)
    expect(toText(chapter!.title)).toBe('The First Letter')
    expect(chapter!.number).toBe(1)
  })

  it('fills metadata defaults: language en and a stable UUID from title and authors', async () => {
    const a = (await memoryBook([{ text: 'x' }])).book!.tree.metadata
    const b = (await memoryBook([{ text: 'y' }])).book!.tree.metadata
    expect(a.language).toBe('en')
    expect(a.identifier.scheme).toBe('uuid')
    expect(a.identifier.value).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(b.identifier).toEqual(a.identifier)
  })

  it('warns about duplicate and out-of-order chapter numbers', async () => {
    const { book } = await memoryBook([
      { text: 'Chapter 1\n\nA.' },
      { text: 'Chapter 1\n\nB.' },
      { text: 'Chapter 4\n\nC.' },
    ])
    const codes = diagnosticsOf(book!).map((d) => d.code)
    expect(codes).toContain('book-duplicate-number')
    expect(codes).toContain('book-number-order')
  })

  it('survives a JSON round trip', async () => {
    const { book } = await memoryBook([
      { markdown: '# Chapter 1\n\nHi[^1].\n\n[^1]: Note.\n\n> quote\n\n1. one\n2. two' },
    ])
    expect(JSON.parse(JSON.stringify(book!.tree))).toEqual(book!.tree)
  })

  it('turns typography off when asked', async () => {
    const { book } = await createBook({
      metadata: { title: 'T', author: 'A' },
      chapters: [{ text: '"x" -- y...' }],
      typography: false,
    })
    const p = chaptersOf(book!.tree)[0]!.children[0]!
    expect(p.type === 'paragraph' && toText(p.children)).toBe('"x" -- y...')
  })

  it('an unknown format is an OctavoError with the renderer-unknown code', async () => {
    const { book } = await memoryBook([{ text: 'x' }])
    await expect(render(book!, 'docx' as string)).rejects.toMatchObject({
      diagnostic: { code: 'renderer-unknown' },
    })
  })
})

describe('loadBook', () => {
  it('loads a zero-config folder; chapters sorted naturally', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-book-'))
    for (const n of [10, 2, 1])
      writeFileSync(path.join(dir, `chapter-${n}.txt`), `Chapter ${n}\n\nText ${n}.\n`)
    const { book, diagnostics } = await loadBook(dir, { metadata: { title: 'T', authors: [{ name: 'A' }] } })
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(chaptersOf(book!.tree).map((c) => c.file)).toEqual([
      'chapter-1.txt',
      'chapter-2.txt',
      'chapter-10.txt',
    ])
    expect(chaptersOf(book!.tree).map((c) => c.number)).toEqual([1, 2, 10])
  })

  it('nests chapters into parts declared in book.yaml', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-book-'))
    mkdirSync(path.join(dir, 'c'))
    for (const n of [1, 2, 3]) writeFileSync(path.join(dir, 'c', `${n}.md`), `# Chapter ${n}\n\nText.\n`)
    writeFileSync(
      path.join(dir, 'book.yaml'),
      'title: T\nauthor: A\nchapters:\n  - part: "Part One: Up"\n    chapters: [c/1.md, c/2.md]\n  - part: "Part Two: Down"\n    chapters: [c/3.md]\n',
    )
    const { book } = await loadBook(path.join(dir, 'book.yaml'))
    const parts = book!.tree.children
    expect(parts.map((p) => p.type)).toEqual(['part', 'part'])
    // The title carries its label: it is split, so no renderer labels it twice.
    expect(parts.map((p) => (p.type === 'part' ? [toText(p.title), p.children.length] : null))).toEqual([
      ['Up', 2],
      ['Down', 1],
    ])
    expect(parts.map((p) => (p.type === 'part' ? partLabel(p) : null))).toEqual([
      'Part One: Up',
      'Part Two: Down',
    ])
  })
})

describe('plugins', () => {
  it('accepts a renderer, a renderers list, or readers/transforms; explains anything else', () => {
    const renderer = {
      name: 'x',
      extension: '.x',
      mediaType: 'x/x',
      description: '',
      render: async () => new Uint8Array(),
    }
    expect(pluginFrom({ default: renderer })).toEqual({ renderers: [renderer] })
    expect(pluginFrom({ renderers: [renderer] })).toEqual({ renderers: [renderer] })
    expect(pluginFrom({ transforms: [() => {}] })).toMatchObject({ transforms: [expect.any(Function)] })
    expect(pluginFrom({ renderers: renderer as never })).toBe('`renderers` must be an array')
    expect(pluginFrom({ other: 1 })).toMatch(/exports none of/)
  })
})

describe('lint and stats', () => {
  it('finds repeated words, unbalanced quotes and mixed scene breaks, with positions', async () => {
    const { book } = await memoryBook([
      {
        file: 'a.txt',
        text: 'Chapter 1\n\n"Hello," she said, and and left.\n\n* * *\n\nShe said "no.\n\nThe end.\n\n~~~\n\nMore.',
      },
    ])
    const messages = lintBook(book!).flatMap((f) => f.messages)
    expect(messages.find((m) => m.code === 'lint-repeated-word')).toMatchObject({ file: 'a.txt', line: 3 })
    expect(messages.some((m) => m.code === 'lint-unclosed-quote')).toBe(true)
    expect(messages.some((m) => m.code === 'lint-scene-break-styles')).toBe(true)
  })

  it('counts words with the corpus rule', async () => {
    expect(countWords("Don't stop--the well-known 'em dash, 1,000 times.")).toBe(9)
    const { book } = await memoryBook([{ text: 'Chapter 1: A Title With Words\n\nOne two three.' }])
    expect(bookStats(book!).words).toBe(3)
  })
})

describe('the watch-mode cache', () => {
  it('gives the same tree as a fresh load, reusing unchanged chapters, after edits that renumber', async () => {
    const { createBookCache } = await import('../../src/index.js')
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-cache-'))
    const write = (name: string, text: string) => writeFileSync(path.join(dir, name), text)
    write('a-1.txt', 'Chapter 1\n\n"One," she said--twice...\n')
    write('a-2.txt', 'Part Two\n')
    write('a-3.txt', 'The third, untitled.\n')
    write('a-4.txt', 'Chapter 4: Four\n\nFour.\n')
    const metadata = { title: 'T', authors: [{ name: 'A' }] }
    const cache = createBookCache()
    const first = await loadBook(dir, { metadata, cache })
    const reused = chaptersOf(first.book!.tree).at(-1)
    // An untitled chapter inserted before chapter 3 changes the numbering of the chapters after it.
    write('a-2b.txt', 'Inserted.\n')
    write('a-1.txt', 'Chapter 1\n\n"Uno," she said.\n')
    const second = await loadBook(dir, { metadata, cache })
    const fresh = await loadBook(dir, { metadata })
    expect(second.book!.tree).toEqual(fresh.book!.tree)
    expect(second.diagnostics).toEqual(fresh.diagnostics)
    expect(chaptersOf(second.book!.tree).at(-1)).toBe(reused)
    const p = chaptersOf(second.book!.tree)[0]!.children[0]!
    expect(p.type === 'paragraph' && toText(p.children)).toBe('“Uno,” she said.')
  })
})

describe('the render memo', () => {
  it('a cached EPUB rebuild after an edit is byte-identical to a fresh build', async () => {
    const { createBookCache } = await import('../../src/index.js')
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-memo-'))
    for (const n of [1, 2, 3])
      writeFileSync(path.join(dir, `c-${n}.txt`), `Chapter ${n}\n\n"Text ${n}," she said.\n`)
    const options = { metadata: { title: 'Memo', authors: [{ name: 'A' }] }, date: new Date(0) }
    const cache = createBookCache()
    await render((await loadBook(dir, { ...options, cache })).book!, 'epub')
    writeFileSync(path.join(dir, 'c-2.txt'), 'Chapter 2\n\nChanged--entirely.\n')
    const cached = await render((await loadBook(dir, { ...options, cache })).book!, 'epub')
    const fresh = await render((await loadBook(dir, options)).book!, 'epub')
    expect(Buffer.from(cached).equals(Buffer.from(fresh))).toBe(true)
    expect([...cache.memo.keys()].some((k) => k.startsWith('cover:'))).toBe(true)
  })
})
