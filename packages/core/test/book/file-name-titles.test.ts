/**
 * A chapter whose text has no heading takes its title from its file's name when the name was
 * made to say it (`03 - The Storm.md`, `Chapter 3 - Aftermath.txt`, `00 - Prologue.md`), in a
 * book of several files; a name that only numbers or names a file (`01.md`, `chapter-01.md`,
 * `draft.md`) gives nothing, a heading in the text wins, and a book of one file is titled by it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadBook } from '../../src/index.js'
import { chaptersOf, toText } from '../../src/model/walk.js'
import { nameTitle } from '../../src/pipeline/read.js'

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'octavo-name-titles-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  return dir
}

describe('nameTitle', () => {
  it.each([
    ['chapters/03 - The Storm.md', 'chapter', undefined, 'The Storm'],
    ['03_the_storm.txt', 'chapter', undefined, 'The Storm'],
    ['12-the-long-road.md', 'chapter', undefined, 'The Long Road'],
    ['7) A Letter.md', 'chapter', undefined, 'A Letter'],
    ['Chapter 3 - Aftermath.txt', 'chapter', 3, 'Aftermath'],
    ['00 - Prologue.md', 'prologue', undefined, undefined],
    ['Epilogue.md', 'epilogue', undefined, undefined],
  ])('%s', (file, kind, number, title) => {
    const fields = nameTitle(file, 'en')!
    expect(fields.kind).toBe(kind)
    expect(fields.number).toBe(number)
    expect(fields.title ? toText(fields.title) : undefined).toBe(title)
  })

  it.each(['01.md', 'chapter-01.md', 'Chapter 01.md', 'draft.md', 'my story.md', '1984.md', 'Part One.md'])(
    '%s gives nothing',
    (file) => {
      expect(nameTitle(file, 'en')).toBeUndefined()
    },
  )
})

describe('a book of several files', () => {
  it('titles the chapters whose text has no heading by their names', async () => {
    const dir = folder({
      '00 - Prologue.md': 'Before.',
      '01 - The Beginning.md': 'It began.',
      '02 - Ignored.md': '# Chapter 2: The Heading Wins\n\nText.',
      '03.txt': 'Untitled.',
    })
    const { book } = await loadBook(dir, { metadata: { title: 'T', authors: [{ name: 'A' }] } })
    expect(
      chaptersOf(book!.tree).map((c) => [c.kind, c.number, c.title ? toText(c.title) : undefined]),
    ).toEqual([
      ['prologue', undefined, undefined],
      ['chapter', 1, 'The Beginning'],
      ['chapter', 2, 'The Heading Wins'],
      ['chapter', 3, undefined],
    ])
  })

  it('but a book of one file is titled by its name, its chapter is not', async () => {
    const dir = folder({ '01 - The Beginning.md': 'It began.' })
    const { book } = await loadBook(path.join(dir, '01 - The Beginning.md'), {
      metadata: { authors: [{ name: 'A' }] },
    })
    expect(book!.tree.metadata.title).toBe('The Beginning')
    expect(chaptersOf(book!.tree)[0]!.title).toBeUndefined()
  })
})
