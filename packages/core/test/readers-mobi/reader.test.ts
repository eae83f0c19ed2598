/**
 * The Kindle book reader (readers/mobi/) on books calibre made from one pandoc EPUB: AZW3 (KF8),
 * old MOBI 6, joint MOBI (MOBI 6 + KF8; the KF8 half is read) and "new" MOBI (KF8 alone). Each
 * reads into the chapters the EPUB reader makes of the source EPUB: the same titles in order,
 * the same words, italics, the footnote a footnote, the picture and cover carried with the
 * bytes calibre kept, the metadata. One AZW3 is built into an EPUB that passes EPUBCheck.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadBook } from '../../src/index.js'
import type { Chapter } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { render } from '../../src/pipeline/render.js'
import { readerFor } from '../../src/readers/index.js'
import { epubcheck, summarise } from '../epub/helpers.js'
import { need } from '../tools.js'
import { books, COVER, type Kind, kinds, MAP, readKindle, readSourceEpub, tmp, words } from './helpers.js'

process.env.SOURCE_DATE_EPOCH ??= '1700000000'

const titles = (children: ReadonlyArray<{ type: string }>) =>
  (children as Chapter[]).map((c) => [c.label ?? '', c.title ? toText(c.title) : ''])

const NAMES: Record<Kind, string> = {
  azw3: 'book.azw3',
  old: 'book-old.mobi',
  both: 'book-both.mobi',
  new: 'book-new.mobi',
}

describe('the Kindle book reader', () => {
  for (const kind of ['azw3', 'both', 'new', 'old'] as const) {
    it(`reads calibre's ${kind === 'old' ? 'MOBI 6' : kind === 'both' ? 'joint MOBI' : kind === 'new' ? 'KF8 MOBI' : 'AZW3'} into the chapters the EPUB reader makes of the source`, async () => {
      need('pandoc', 'ebook-convert')
      const all = await books()
      const source = await readSourceEpub(all.epub)
      const { result, file, codes } = await readKindle(all[kind], NAMES[kind])
      expect(codes.filter((c) => !c.startsWith('epub-input-generated-page'))).toEqual([])
      expect(file.messages.every((m) => m.level !== 'error')).toBe(true)
      // Chapters and their titles, in order; pandoc's title page and calibre's contents left out.
      expect(titles(result.children)).toEqual(titles(source.result.children))
      expect(titles(result.children)).toEqual([
        ['Chapter', ''],
        ['', 'The Second Night'],
        ['Epilogue', ''],
      ])
      // Every word of the source, once, in order.
      expect(words(result)).toBe(words(source.result))
      expect(words(result).match(/lantern/g)).toHaveLength(1)
      const found = kinds(result)
      expect(found).toContain('emphasis')
      expect(found).toContain('footnoteReference')
      expect(found).toContain('footnoteDefinition')
      expect(found).toContain('sceneBreak')
      expect(found).toContain('image')
      // The picture and the cover, with the bytes calibre kept (`--mobi-keep-original-images`).
      const resources = result.resources ?? {}
      const md = result.metadata ?? {}
      expect(md.cover).toBeDefined()
      const pictures = Object.entries(resources).filter(([name]) => name !== md.cover)
      expect(pictures).toHaveLength(1)
      expect(pictures[0]![0]).toMatch(new RegExp(`^${NAMES[kind].replace('.', '\\.')}/images/`))
      // The bytes are the book's own records, unchanged; an AZW3 keeps the source's PNGs, where
      // calibre re-encodes a .mobi's pictures (PNG as GIF, the cover as JPEG) even when told to keep them.
      const held = Buffer.from(all[kind])
      for (const [, bytes] of Object.entries(resources)) expect(held.includes(Buffer.from(bytes))).toBe(true)
      if (kind === 'azw3') {
        expect(Buffer.from(pictures[0]![1]).equals(Buffer.from(MAP))).toBe(true)
        expect(Buffer.from(resources[md.cover!]!).equals(Buffer.from(COVER))).toBe(true)
      }
      expect(md.title).toBe('The Lantern Keeper')
      expect(md.authors).toEqual([{ name: 'Mira Vale' }])
      expect(md.publisher).toBe('Harbour Press')
      expect(md.language).toBe('en')
      expect(md.description).toBe('A keeper and her light.')
      expect(md.date).toBe('2021-03-04')
    }, 240_000)
  }

  it('is what the registry picks for .mobi, .azw3, .azw and .prc, also by content', async () => {
    need('pandoc', 'ebook-convert')
    const all = await books()
    for (const name of ['a.mobi', 'a.azw3', 'a.azw', 'a.prc'])
      expect(readerFor(name, all.azw3)?.reader.name).toBe('mobi')
    expect(readerFor('a.kfx', all.azw3)?.reader.name).toBe('other-ebook')
  })

  it('builds a book from an .azw3 whose EPUB passes EPUBCheck', async () => {
    need('pandoc', 'ebook-convert', 'epubcheck')
    const all = await books()
    const azw3 = path.join(tmp, 'lantern.azw3')
    writeFileSync(azw3, all.azw3)
    const { book, diagnostics } = await loadBook([azw3])
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(book!.tree.metadata.title).toBe('The Lantern Keeper')
    const epub = await render(book!, 'epub')
    const out = path.join(tmp, 'lantern.epub')
    writeFileSync(out, epub)
    expect(summarise(await epubcheck(out))).toEqual([])
  }, 240_000)
})
