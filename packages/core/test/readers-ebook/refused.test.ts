/**
 * E-book files Octavo does not read (readers/ebook/): a Kindle book in KFX or a PDF named on the
 * command line is one error that names the file and says what to build instead; in a book folder
 * such files (and the Kindle books and FictionBooks Octavo reads when named) are outputs or
 * downloads, never chapters.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadBook } from '../../src/index.js'
import { chaptersOf } from '../../src/model/walk.js'

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'octavo-other-ebook-'))
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), data)
  return dir
}

describe('other e-book files', () => {
  for (const [name, what, advice] of [
    ['My Story.kfx', 'a Kindle book (KFX)', 'download the work as EPUB or HTML'],
    ['work.KFX', 'a Kindle book (KFX)', 'ebook-convert "work.KFX" "work.epub"'],
    ['print.pdf', 'a PDF', 'build from the chapters it was made from'],
  ] as const) {
    it(`${name}, named: one error that says what it is and what to build instead`, async () => {
      const dir = folder({ [name]: 'BOOKMOBI\u0000\u0001 not text' })
      const { diagnostics } = await loadBook(path.join(dir, name), { metadata: { authors: [{ name: 'A' }] } })
      const errors = diagnostics.filter((d) => d.level === 'error')
      expect(errors.map((d) => [d.code, d.file])).toEqual([['ebook-unsupported-format', name]])
      expect(errors[0]!.message).toContain(`"${name}" is ${what}, which Octavo does not read`)
      expect(errors[0]!.message).toContain(advice)
      expect(diagnostics.map((d) => d.code)).not.toContain('book-chapter-empty')
    })
  }

  it('in a book folder, are not taken for chapters', async () => {
    const dir = folder({
      '01.md': '# One\n\nIt rained.',
      'book.pdf': '%PDF-1.7',
      'book.mobi': 'BOOKMOBI',
      'book.azw3': 'x',
      'book.fb2': '<FictionBook/>',
      'book.kfx': 'x',
    })
    const { book, diagnostics } = await loadBook(dir, { metadata: { title: 'T', authors: [{ name: 'A' }] } })
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(chaptersOf(book!.tree).map((c) => c.file)).toEqual(['01.md'])
  })
})
