/**
 * The fan-fiction keys of book.yaml: known (no `manifest-unknown-key`), checked like the others,
 * and normalised into the metadata; the same fields through the API and the command line.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createBook } from '../../src/index.js'
import { parseManifest } from '../../src/manifest/parse.js'
import { parseChapterRange } from '../../src/manifest/validate.js'

function parse(text: string) {
  const file = new SourceFile('book.yaml')
  const manifest = parseManifest(text, file)
  return { manifest, messages: file.messages.map((m) => [m.code, m.line, m.message]) }
}

describe('archive keys in book.yaml', () => {
  it('reads every key, with no unknown-key warning', () => {
    const { manifest, messages } = parse(`title: The Long Winter
fandom: Harry Potter - J. K. Rowling
rating: Teen And Up Audiences
warnings: [No Archive Warnings Apply]
category: F/M
relationships: [Hermione Granger/Draco Malfoy]
characters: [Hermione Granger, Luna Lovegood]
additional-tags: [Slow Burn, Winter]
status: ongoing
source: https://archiveofourown.org/works/123
published: 2025-01-05
updated: 2026-11-30
words: "45,678"
notes: |
  For Kat.

  Beta'd by Sam.
end-notes: Thanks for reading!
preface: true
new-since: 2026-11-01
update-log: [Chapters 11–12 added 2026-11-30]
chapters-range: 3-5
`)
    expect(messages).toEqual([])
    expect(manifest!.metadata).toMatchObject({
      fandoms: ['Harry Potter - J. K. Rowling'],
      rating: 'Teen And Up Audiences',
      warnings: ['No Archive Warnings Apply'],
      categories: ['F/M'],
      relationships: ['Hermione Granger/Draco Malfoy'],
      characters: ['Hermione Granger', 'Luna Lovegood'],
      tags: ['Slow Burn', 'Winter'],
      status: 'in-progress',
      source: 'https://archiveofourown.org/works/123',
      published: '2025-01-05',
      updated: '2026-11-30',
      words: 45678,
      notes: "For Kat.\n\nBeta'd by Sam.",
      endNotes: 'Thanks for reading!',
      preface: true,
      newSince: '2026-11-01',
      updateLog: ['Chapters 11–12 added 2026-11-30'],
      chaptersRange: { from: 3, to: 5 },
    })
  })

  it('rejects wrong values with the line', () => {
    const { manifest, messages } = parse(
      'title: X\nstatus: abandoned\nsource: my blog\nwords: lots\nchapters-range: 9-2\n',
    )
    expect(manifest).toBeUndefined()
    expect(messages.map(([code, line]) => [code, line])).toEqual([
      ['manifest-invalid', 2],
      ['manifest-invalid', 3],
      ['manifest-invalid', 4],
      ['manifest-invalid', 5],
    ])
  })

  it('reads chapter ranges', () => {
    expect(parseChapterRange('23-40')).toEqual({ from: 23, to: 40 })
    expect(parseChapterRange('23-')).toEqual({ from: 23 })
    expect(parseChapterRange(7)).toEqual({ from: 7, to: 7 })
    expect(parseChapterRange('x')).toHaveProperty('problem')
  })
})

describe('archive fields through the API', () => {
  it('keeps them and builds the part of the work asked for', async () => {
    const { book, diagnostics } = await createBook({
      metadata: {
        title: 'Serial',
        fandoms: ['Original Work'],
        status: 'in-progress',
        chaptersRange: '2-3',
      } as never,
      chapters: [1, 2, 3, 4].map((n) => ({ text: `Chapter ${n}\n\nWords of chapter ${n}.` })),
    })
    expect(book!.tree.metadata.fandoms).toEqual(['Original Work'])
    expect(book!.tree.children.map((c) => (c.type === 'chapter' ? c.number : 0))).toEqual([2, 3])
    expect(diagnostics.find((d) => d.code === 'book-chapters-range')!.message).toBe(
      'Chapters 2–3: 2 kept, 2 left out',
    )
    expect(book!.tree.pages!.map((p) => p.type)).toContain('prefacePage')
  })
})
