/**
 * Folder discovery takes chapter formats only: an EPUB lying in a book folder (an output, a
 * download) is not read as a chapter, while an EPUB named on its own is read as a book.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBook, loadBook, render } from '../../src/index.js'
import { chaptersOf } from '../../src/model/walk.js'

describe('what a folder build reads', () => {
  it('leaves an EPUB in the folder alone, and reads one named on its own', async () => {
    const made = await createBook({
      metadata: { title: 'Elsewhere', author: 'A. Writer' },
      chapters: [{ text: 'Chapter 1\n\nFar away.' }, { text: 'Chapter 2\n\nFarther.' }],
    })
    const epub = await render(made.book!, 'epub')
    const dir = mkdtempSync(join(tmpdir(), 'octavo-discovery-'))
    writeFileSync(join(dir, 'chapter-1.txt'), 'Chapter 1\n\nHere.\n')
    writeFileSync(join(dir, 'elsewhere.epub'), epub)

    const folder = await loadBook(dir, { metadata: { title: 'Here', authors: [{ name: 'Me' }] } })
    expect(chaptersOf(folder.book!.tree).map((c) => c.file)).toEqual(['chapter-1.txt'])

    const named = await loadBook(join(dir, 'elsewhere.epub'))
    expect(named.book!.tree.metadata.title).toBe('Elsewhere')
    expect(chaptersOf(named.book!.tree)).toHaveLength(2)
  })
})
