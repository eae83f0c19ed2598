/**
 * The "Adding a format" recipe, proven: a reader and a renderer declared as registry entries
 * (one folder's worth each, here inline) are seen by file discovery, book.yaml validation, the
 * diagnostics table and `listRenderers()` without any other module knowing them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  type Code,
  codes,
  completeMetadata,
  createBook,
  diagnosticsOf,
  getRenderer,
  listReaders,
  listRenderers,
  loadBook,
  type Reader,
  type Renderer,
  registerReader,
  registerRenderer,
  render,
  SourceFile,
  toText,
} from '../../src/index.js'
import { read } from '../../src/pipeline/read.js'

/** A reader for `.foo` files: each line is a paragraph; a blank file is a warning with its own code. */
const fooReader: Reader = {
  name: 'foo',
  extensions: ['.foo'],
  codes: { 'foo-blank': { level: 'warning', description: 'A .foo file has no lines.' } },
  read(input, file) {
    const text = typeof input === 'string' ? input : new TextDecoder().decode(input)
    const lines = text.split('\n').filter((l) => l.trim() !== '')
    // A plugin's codes are not in the closed `Code` union: they are checked at run time.
    if (lines.length === 0)
      file.message('foo-blank' as Code, 'nothing to read', { line: 1, column: 1 }, 'foo')
    return {
      children: [
        {
          type: 'chapter',
          matter: 'body',
          kind: 'chapter',
          title: [{ type: 'text', value: lines[0] ?? 'Untitled' }],
          children: lines
            .slice(1)
            .map((l) => ({ type: 'paragraph', children: [{ type: 'text', value: l }] })),
        },
      ],
    }
  },
}

interface CountOptions {
  perChapter: boolean
  label: string
}

/** A renderer writing word counts, with an option schema. */
const countRenderer: Renderer<CountOptions> = {
  name: 'wordcount',
  extension: '.count',
  mediaType: 'text/plain',
  description: 'Word counts',
  options: {
    perChapter: { type: 'boolean', default: false, description: 'One line per chapter' },
    label: { type: 'string', default: 'words', values: ['words', 'mots'], description: 'The word for words' },
  },
  codes: { 'wordcount-empty': { level: 'info', description: 'The book has no words.' } },
  async render(tree, options) {
    const counts = tree.children.map((c) =>
      c.type === 'chapter'
        ? c.children
            .map((p) => ('children' in p ? toText(p.children as never) : ''))
            .join(' ')
            .split(/\s+/)
            .filter(Boolean).length
        : 0,
    )
    const lines = options.perChapter ? counts.map(String) : [String(counts.reduce((a, b) => a + b, 0))]
    return new TextEncoder().encode(`${lines.join('\n')} ${options.label ?? 'words'}\n`)
  },
}

// A format's options type joins `render`'s, so `render(book, 'wordcount', { perChaptre: true })` is a type error.
declare module '../../src/renderers/index.js' {
  interface FormatOptionTypes {
    wordcount: CountOptions
  }
}

registerReader(fooReader)
registerRenderer(countRenderer)

const root = mkdtempSync(path.join(tmpdir(), 'octavo-recipe-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function book(name: string, yaml: string | undefined, files: Record<string, string>): string {
  const dir = path.join(root, name)
  mkdirSync(path.join(dir, 'chapters'), { recursive: true })
  if (yaml !== undefined) writeFileSync(path.join(dir, 'book.yaml'), yaml)
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text)
  return dir
}

describe('adding a format', () => {
  it('is listed by the registries, codes included', () => {
    expect(listReaders().map((r) => r.name)).toEqual([
      'text',
      'markdown',
      'html',
      'epub',
      'docx',
      'odt',
      'rtf',
      'scrivener',
      'scrivener-backup',
      'doc',
      'fb2',
      'mobi',
      'other-ebook',
      'foo',
    ])
    expect(listRenderers().map((r) => r.name)).toEqual(['epub', 'kepub', 'pdf', 'print-cover', 'wordcount'])
    expect(getRenderer('wordcount')?.options?.perChapter?.default).toBe(false)
    expect((codes as Record<string, { level: string }>)['foo-blank']?.level).toBe('warning')
    expect((codes as Record<string, { level: string }>)['wordcount-empty']?.level).toBe('info')
  })

  it('picks up .foo files by folder glob, reads them, and takes its book.yaml section', async () => {
    const dir = book(
      'good',
      'title: Counting\nauthor: A. Writer\nchapters: [chapters/*]\nwordcount:\n  per-chapter: true\n',
      {
        'chapters/01.foo': 'Dawn\nIt was early.\nThe sun rose.\n',
        'chapters/02.foo': '\n',
        'chapters/03.txt': 'Chapter 3: Dusk\n\nIt was late and dark.\n',
        'chapters/notes.bar': 'not a chapter',
      },
    )
    const { book: built, diagnostics } = await loadBook(dir)
    expect(built?.tree.children.map((c) => c.type === 'chapter' && c.file)).toEqual([
      'chapters/01.foo',
      'chapters/02.foo',
      'chapters/03.txt',
    ])
    expect(diagnostics.filter((d) => d.code === ('foo-blank' as Code))).toEqual([
      {
        code: 'foo-blank',
        level: 'warning',
        message: 'nothing to read',
        file: 'chapters/02.foo',
        line: 1,
        column: 1,
        source: 'foo',
      },
    ])
    expect(built?.formats.wordcount).toEqual({ perChapter: true })
    expect(new TextDecoder().decode(await render(built!, 'wordcount'))).toBe('6\n0\n5 words\n')
  })

  it('checks its book.yaml section against its option schema', async () => {
    const typo = book('typo', 'title: T\nauthor: A\nwordcount:\n  per-chaptre: true\n', {
      'chapters/01.foo': 'One\nTwo\n',
    })
    const first = await loadBook(typo)
    expect(first.diagnostics.find((d) => d.code === 'manifest-unknown-key')).toMatchObject({
      message: 'Unknown key `per-chaptre` in `wordcount`; did you mean `per-chapter`?',
      file: 'book.yaml',
      line: 4,
      column: 3,
    })
    const wrong = book('wrong', 'title: T\nauthor: A\nwordcount:\n  label: words\n  per-chapter: [1]\n', {})
    const second = await loadBook(wrong)
    expect(second.book).toBeUndefined()
    expect(second.diagnostics.find((d) => d.code === 'manifest-invalid')).toMatchObject({
      message: '`wordcount.per-chapter` must be true or false, not a list',
      line: 5,
      column: 16,
    })
    const closed = book('closed', 'title: T\nauthor: A\nwordcount: { label: Wörter }\n', {})
    expect((await loadBook(closed)).diagnostics.find((d) => d.code === 'manifest-invalid')?.message).toBe(
      '`wordcount.label` must be one of "words", "mots", not "Wörter"',
    )
  })

  it('reads a chapter given in memory by reader name', async () => {
    const { book: built } = await createBook({
      metadata: { title: 'T', author: 'A' },
      chapters: [
        { reader: 'foo', content: 'Dawn\nIt was early.\n' },
        { reader: 'nope', content: 'x' },
      ],
    })
    const chapter = built!.tree.children[0]!
    expect(chapter.type === 'chapter' && chapter.file).toBe('chapter-1.foo')
    expect(diagnosticsOf(built!).find((d) => d.code === 'book-unknown-format')).toMatchObject({
      file: 'chapter-2',
      message:
        'no reader named "nope" for "chapter-2" (known: text, markdown, html, epub, docx, odt, rtf, scrivener, scrivener-backup, doc, fb2, mobi, other-ebook, foo)',
    })
  })

  it('says which extensions the registered readers know when none takes a file', async () => {
    const file = new SourceFile('chapters/01.bar')
    read(
      [{ entry: { file: file.path, matter: 'body' }, file, bytes: 'x' }],
      completeMetadata({ title: 'T' }),
      {
        smart: false,
      },
    )
    const diagnostics = file.messages
    expect(diagnostics.find((d) => d.code === 'book-unknown-format')?.message).toBe(
      'no reader for "chapters/01.bar" (known: .txt, .text, .md, .markdown, .html, .htm, .xhtml, .epub, .docx, .docm, .dotx, .odt, .ott, .fodt, .rtf, .scrivx, .zip, .doc, .fb2, .fb2.zip, .mobi, .prc, .azw, .azw3, .kfx, .pdf, .foo)',
    )
  })
})

describe('content sniffing', () => {
  it('reads a saved web page named .txt as HTML, and a tagless .html as text, saying so', async () => {
    const dir = book('sniff', undefined, {
      'chapters/01.txt':
        '<!DOCTYPE html>\n<html><head><title>x</title></head><body><h1>Chapter 1: Saved</h1><p>It was <em>saved</em>.</p></body></html>\n',
      'chapters/02.html': 'Chapter 2: Plain\n\nNo markup *here* at all.\n',
    })
    const { book: built } = await loadBook(dir, { metadata: { title: 'T', authors: [{ name: 'A' }] } })
    const chapters = built!.tree.children.filter((c) => c.type === 'chapter')
    expect(chapters.map((c) => c.title && toText(c.title))).toEqual(['Saved', 'Plain'])
    expect(JSON.stringify(chapters[0]!.children)).toContain('"emphasis"')
    expect(
      diagnosticsOf(built!)
        .filter((d) => d.code === 'book-format-sniffed')
        .map((d) => d.message),
    ).toEqual([
      '"chapters/01.txt" holds html, not what its extension says; read as html',
      '"chapters/02.html" holds text, not what its extension says; read as text',
    ])
  })
})
