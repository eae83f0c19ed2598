/**
 * Word files all the way to books: a folder holding the .docx builds to an EPUB that passes
 * EPUBCheck with no error or warning (the embedded picture packaged) and a PDF that passes
 * `qpdf --check`; the file's title and author are adopted when book.yaml gives none and lose to
 * it when it does; a pandoc-made .docx reads the same way; .rtf and .doc say "save it as .docx".
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadBook, render } from '../../src/index.js'
import { chaptersOf, toText } from '../../src/model/walk.js'
import { epubcheck, expectEpubcheckPasses, qpdfCheck, unzip } from '../robustness/helpers.js'
import { need } from '../tools.js'
import { directManuscript, reviewedChapter, styledManuscript } from './make.js'

process.env.SOURCE_DATE_EPOCH ??= '1700000000'

function folder(files: Record<string, Uint8Array | string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'octavo-docx-'))
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), data)
  return dir
}

describe('a .docx in a book folder', () => {
  it('adopts the title and author the file gives, and builds a valid EPUB and PDF with its picture', async () => {
    const dir = folder({ 'novel.docx': await styledManuscript() })
    const { book, diagnostics } = await loadBook(dir)
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(book!.tree.metadata).toMatchObject({
      title: 'The Glass Orchard',
      subtitle: 'A Novel',
      authors: [{ name: 'Ada Quill' }],
    })
    expect(diagnostics.map((d) => d.code)).not.toContain('book-no-author')
    const epub = await render(book!, 'epub')
    const names = Object.keys(unzip(epub))
    expect(names.some((n) => /images\/image-\d+\.png$/.test(n))).toBe(true)
    need('epubcheck')
    const check = await epubcheck(epub)
    expect(check.ok, check.output).toBe(true)
  })

  it('builds the direct-formatting and the reviewed manuscripts to a PDF qpdf accepts', async () => {
    const dir = folder({
      '01-novel.docx': await directManuscript(),
      '02-review.docx': await reviewedChapter(),
      'book.yaml': 'title: Orchard Stories\nauthor: B. Writer\n',
    })
    const { book, diagnostics } = await loadBook(dir)
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(book!.tree.metadata.title).toBe('Orchard Stories')
    expect(chaptersOf(book!.tree).map((c) => c.file)).toEqual([
      '01-novel.docx',
      '01-novel.docx',
      '01-novel.docx',
      '02-review.docx',
    ])
    const pdf = await render(book!, 'pdf')
    const epub = await render(book!, 'epub')
    need('qpdf')
    expect((await qpdfCheck(pdf)).ok).toBe(true)
    need('epubcheck')
    const check = await epubcheck(epub)
    expect(check.ok, check.output).toBe(true)
  })
})

describe('a folder where Word has the document open', () => {
  it('leaves out the ~$ lock file Word writes beside it', async () => {
    const lock = new Uint8Array(162)
    lock.set(new TextEncoder().encode('\u0005Ada Quill'), 0)
    const dir = folder({ 'novel.docx': await directManuscript(), '~$novel.docx': lock })
    const { book, diagnostics } = await loadBook(dir)
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(new Set(chaptersOf(book!.tree).map((c) => c.file))).toEqual(new Set(['novel.docx']))
  })
})

describe('a .docx written by pandoc', () => {
  it('reads its chapters, notes, marks and metadata', async () => {
    need('pandoc')
    const dir = folder({
      'novel.md': [
        '---',
        'title: The Tides',
        'author: C. Sailor',
        '---',
        '',
        '# Chapter 1: Low Water',
        '',
        'The sea went *out*.[^a]',
        '',
        '* * *',
        '',
        'Then it came back, ~~slowly~~ quickly.',
        '',
        '# Chapter 2: High Water',
        '',
        'The end.',
        '',
        '[^a]: As seas do.',
        '',
      ].join('\n'),
    })
    execFileSync('pandoc', ['-o', path.join(dir, 'novel.docx'), path.join(dir, 'novel.md')])
    const { book, diagnostics } = await loadBook(path.join(dir, 'novel.docx'))
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(book!.tree.metadata).toMatchObject({ title: 'The Tides', authors: [{ name: 'C. Sailor' }] })
    const chapters = chaptersOf(book!.tree)
    expect(chapters.map((c) => toText(c.title))).toEqual(['Low Water', 'High Water'])
    expect(chapters[0]!.children.map((b) => b.type)).toEqual([
      'paragraph',
      'sceneBreak',
      'paragraph',
      'footnoteDefinition',
    ])
    await expectEpubcheckPasses(book!)
  })
})

describe('other word-processor files', () => {
  it('story.doc holding RTF (Word’s "Rich Text Format" kept the name): read as RTF, and said so', async () => {
    const dir = folder({ 'story.doc': '{\\rtf1 Hello}' })
    const { book, diagnostics } = await loadBook(path.join(dir, 'story.doc'))
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(diagnostics.find((d) => d.code === 'book-format-sniffed')?.message).toContain('read as rtf')
    expect(JSON.stringify(chaptersOf(book!.tree)[0]!.children)).toContain('"value":"Hello"')
  })
})
