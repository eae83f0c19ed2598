/**
 * The title line (issue 14, item 6): a lone line above the chapters of a whole-work text file
 * is the book's title, and a "by NAME" line under it the book's author, unless book.yaml, the
 * command line or `createBook`'s metadata say otherwise; the byline never becomes a chapter.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { loadBook } from '../../src/index.js'
import { chaptersOf, toText } from '../../src/model/walk.js'
import { bylineName, textReader } from '../../src/readers/text/index.js'

const WORK = 'Chapter 1\n\nThe road was long.\n\nChapter 2\n\nIt ended.\n'

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'octavo-title-line-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

describe('the reader', () => {
  it('gives a lone title line as the book title, not a chapter', () => {
    const file = new SourceFile('w.txt')
    const result = textReader.read(`The Long Road\n\n${WORK}`, file, { language: 'en' })
    expect(result.metadata).toEqual({ title: 'The Long Road' })
    expect(result.children.map((c) => c.type === 'chapter' && c.number)).toEqual([1, 2])
    expect(file.messages.map((m) => [m.code, m.line])).toEqual([['text-book-title', 1]])
  })

  it.each([
    ['on the next line', 'The Long Road\nby A. Writer\n\n'],
    ['after a blank line', 'The Long Road\n\nby A. Writer\n\n'],
    ['capitalised', 'The Long Road\n\nBy A. Writer\n\n'],
  ])('takes a byline %s as the author, never as a chapter', (_how, head) => {
    const file = new SourceFile('w.txt')
    const result = textReader.read(head + WORK, file, { language: 'en' })
    expect(result.metadata).toEqual({ title: 'The Long Road', authors: [{ name: 'A. Writer' }] })
    expect(result.children).toHaveLength(2)
    expect(JSON.stringify(result.children)).not.toContain('Writer')
    expect(file.messages[0]!.message).toContain('"A. Writer" its author')
  })

  it('keeps a summary under the title and byline as the opening chapter, titled', () => {
    const file = new SourceFile('w.txt')
    const result = textReader.read(
      `The Long Road\nby A. Writer\n\nTwo travellers, one road.\n\n${WORK}`,
      file,
      {
        language: 'en',
      },
    )
    expect(result.metadata).toEqual({ title: 'The Long Road', authors: [{ name: 'A. Writer' }] })
    const [first, ...rest] = result.children
    expect(first?.type === 'chapter' && [first.kind, toText(first.title)]).toEqual(['other', 'The Long Road'])
    expect(JSON.stringify(first)).toContain('Two travellers')
    expect(JSON.stringify(first)).not.toContain('Writer')
    expect(rest).toHaveLength(2)
  })

  it('a title over a summary with no byline stays the summary’s heading, and names no book', () => {
    const result = textReader.read(
      `The Long Road\n\nTwo travellers, one road.\n\n${WORK}`,
      new SourceFile('w.txt'),
      {
        language: 'en',
      },
    )
    expect(result.metadata).toBeUndefined()
    expect(result.children).toHaveLength(3)
  })

  it('knows bylines in the book languages, and not sentences that start with "by"', () => {
    expect(bylineName('by Ann Author and Bo Bell')).toBe('Ann Author and Bo Bell')
    expect(bylineName('par Jules Verne')).toBe('Jules Verne')
    expect(bylineName('von Thomas Mann')).toBe('Thomas Mann')
    expect(bylineName('av Selma Lagerlöf')).toBe('Selma Lagerlöf')
    expect(bylineName('автор: Лев Толстой')).toBe('Лев Толстой')
    expect(bylineName('by the river we walked for a long time')).toBeUndefined()
    expect(bylineName('by the way, it rained.')).toBeUndefined()
    expect(bylineName('by noon')).toBeUndefined()
    expect(bylineName('Byron')).toBeUndefined()
  })
})

describe('the book', () => {
  it('takes its title and author from the file when nothing else names them', async () => {
    const dir = folder({ 'work.txt': `The Long Road\nby A. Writer\n\n${WORK}` })
    const { book, diagnostics } = await loadBook(dir)
    expect(book!.tree.metadata.title).toBe('The Long Road')
    expect(book!.tree.metadata.authors).toEqual([{ name: 'A. Writer' }])
    expect(chaptersOf(book!.tree)).toHaveLength(2)
    const codes = diagnostics.map((d) => d.code)
    expect(codes).not.toContain('book-title-from-folder')
    expect(codes).not.toContain('book-no-author')
  })

  it('book.yaml and the command line win', async () => {
    const dir = folder({
      'book.yaml': 'title: Mine\nauthor: Me\nchapters: [work.txt]\n',
      'work.txt': `The Long Road\nby A. Writer\n\n${WORK}`,
    })
    const yaml = await loadBook(dir)
    expect(yaml.book!.tree.metadata.title).toBe('Mine')
    expect(yaml.book!.tree.metadata.authors).toEqual([{ name: 'Me' }])
    const flags = await loadBook(join(dir, 'work.txt'), {
      metadata: { title: 'Flag', authors: [{ name: 'F' }] },
    })
    expect(flags.book!.tree.metadata.title).toBe('Flag')
    expect(flags.book!.tree.metadata.authors).toEqual([{ name: 'F' }])
  })
})
