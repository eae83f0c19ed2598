/**
 * What calibre writes for what a book lacks: "Unknown" (in its user's language) for a missing
 * title or author, and a cover it draws from them. Neither is the book's: the words are left
 * out (the title then comes from the file's name, as for any book without one) and the cover
 * is Octavo's own. A book merely called "Unknown", from another maker, keeps its title.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { documentProperties } from '../../src/readers/docx/parts.js'
import { isCalibreCover } from '../../src/readers/epub/generated.js'
import { png } from '../epub/helpers.js'
import { need } from '../tools.js'
import { CONTAINER, handEpub, readEpubBook, run, words, xhtml } from './helpers.js'

const enc = new TextEncoder()

/** A JPEG's start: SOI, a JFIF APP0, an optional comment, then the image data's marker. */
function jpeg(comment?: string): Uint8Array {
  const segment = (marker: number, body: Uint8Array) => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 255,
    ...body,
  ]
  const app0 = enc.encode('JFIF\0\x01\x01\0\0\x01\0\x01\0\0')
  return new Uint8Array([
    0xff,
    0xd8,
    ...segment(0xe0, app0),
    ...(comment === undefined ? [] : segment(0xfe, enc.encode(comment))),
    ...segment(0xda, new Uint8Array([1, 2, 3])),
    0xff,
    0xd9,
  ])
}

/** A PNG with a text chunk (`keyword\0text`) before its image data; the CRC is not read. */
function pngWithText(keyword: string, text: string, base: Uint8Array): Uint8Array {
  const data = enc.encode(`${keyword}\0${text}`)
  const chunk = new Uint8Array(12 + data.length)
  new DataView(chunk.buffer).setUint32(0, data.length)
  chunk.set(enc.encode('tEXt'), 4)
  chunk.set(data, 8)
  // After the signature and IHDR (8 + 25 bytes), before IDAT.
  return new Uint8Array([...base.subarray(0, 33), ...chunk, ...base.subarray(33)])
}

const CALIBRE_CREDIT =
  '<dc:contributor opf:role="bkp">calibre (6.13.0) [https://calibre-ebook.com]</dc:contributor>'

function epub(metadata: string, cover?: Uint8Array): Uint8Array {
  const opf = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">${metadata}<dc:language>en</dc:language><dc:identifier id="id">urn:uuid:0eb4b773-0ba5-437c-8afd-b1492074b24c</dc:identifier>${cover ? '<meta name="cover" content="cover"/>' : ''}</metadata><manifest><item id="c1" href="c1.html" media-type="application/xhtml+xml"/>${cover ? '<item id="cover" href="cover_image.jpg" media-type="image/jpeg"/>' : ''}</manifest><spine><itemref idref="c1"/></spine></package>`
  return handEpub({
    'META-INF/container.xml': CONTAINER,
    'OEBPS/content.opf': opf,
    'OEBPS/c1.html': xhtml('<h1>Chapter 1</h1><p>It was dark, then light.</p>'),
    ...(cover ? { 'OEBPS/cover_image.jpg': cover } : {}),
  })
}

describe('calibre placeholders in an EPUB', () => {
  it('"Unknown" as title and author of a calibre book is no title and no name', async () => {
    const { book, codes } = await readEpubBook(
      epub(`<dc:title>Unknown</dc:title><dc:creator opf:role="aut">Unknown</dc:creator>${CALIBRE_CREDIT}`),
      'night-walk.epub',
    )
    expect(book.tree.metadata.title).toBe('Night Walk')
    expect(book.tree.metadata.authors).toEqual([])
    expect(codes.filter((c) => c === 'epub-input-placeholder')).toHaveLength(2)
    expect(codes).toContain('book-no-author')
    expect(words(book.tree)).toContain('It was dark, then light.')
  })

  it('in the language of the calibre that wrote it, told by its calibre: metadata alone', async () => {
    for (const unknown of ['Unbekannt', 'Inconnu(e)', 'Неизвестный', '未知']) {
      const { book } = await readEpubBook(
        epub(
          `<dc:title>A Real Title</dc:title><dc:creator>${unknown}</dc:creator><meta name="calibre:timestamp" content="2026-12-05T04:47:16+00:00"/>`,
        ),
      )
      expect(book.tree.metadata.title).toBe('A Real Title')
      expect(book.tree.metadata.authors).toEqual([])
    }
  })

  it('a book another maker wrote may be called "Unknown", by an author of that name', async () => {
    const { book, codes } = await readEpubBook(
      epub('<dc:title>Unknown</dc:title><dc:creator opf:role="aut">Unknown</dc:creator>'),
    )
    expect(book.tree.metadata.title).toBe('Unknown')
    expect(book.tree.metadata.authors.map((a) => a.name)).toEqual(['Unknown'])
    expect(codes).not.toContain('epub-input-placeholder')
  })

  it("calibre's real author and title are kept", async () => {
    const { book, codes } = await readEpubBook(
      epub(
        `<dc:title>Unknown Waters</dc:title><dc:creator opf:role="aut">Ada Quill</dc:creator>${CALIBRE_CREDIT}`,
      ),
    )
    expect(book.tree.metadata.title).toBe('Unknown Waters')
    expect(book.tree.metadata.authors.map((a) => a.name)).toEqual(['Ada Quill'])
    expect(codes).not.toContain('epub-input-placeholder')
  })
})

describe('placeholder authors in an office document (Word, OpenDocument, RTF, .doc)', () => {
  it("account names and calibre's Unknown, in its languages, are no author; a name beside them is", () => {
    const authors = (creator: string) =>
      documentProperties({ title: 'T', creator, subjects: [], description: undefined }).authors?.map(
        (a) => a.name,
      )
    for (const creator of ['Unknown', 'Unbekannt', 'Inconnu(e)', 'Desconocido', '未知', 'Windows User'])
      expect(authors(creator)).toBeUndefined()
    expect(authors('Unbekannt; Ada Quill')).toEqual(['Ada Quill'])
    // An account's name, not a person's: one word with no capital, a mail address, DOMAIN\\user.
    for (const creator of ['mellison', 'jsmith2', 'm.ellison', 'ada@example.com', 'CORP\\aquill'])
      expect(authors(creator), creator).toBeUndefined()
    for (const creator of ['Colette', 'bell hooks', 'Ada Quill', 'e. e. cummings'])
      expect(authors(creator), creator).toEqual([creator])
    expect(authors('Ada Unbekannt')).toEqual(['Ada Unbekannt'])
  })
})

describe("calibre's generated cover in an EPUB", () => {
  it('is recognised by its signature, in a JPEG comment or a PNG text chunk, before the image data only', async () => {
    expect(isCalibreCover(jpeg('Generated cover: calibre 6.13.0'))).toBe(true)
    expect(isCalibreCover(jpeg('Generated cover: calibre 3.48.0'))).toBe(true)
    expect(isCalibreCover(jpeg())).toBe(false)
    expect(isCalibreCover(jpeg('Cover art by Ada Quill'))).toBe(false)
    expect(isCalibreCover(jpeg('Generated cover: some other tool'))).toBe(false)
    const base = await png(4, 4)
    expect(isCalibreCover(pngWithText('Generated cover', 'calibre 6.13.0', base))).toBe(true)
    expect(isCalibreCover(pngWithText('Comment', 'drawn by hand', base))).toBe(false)
    expect(isCalibreCover(base)).toBe(false)
    // Cut short, or not an image at all: no throw, no.
    const signed = jpeg('Generated cover: calibre 6.13.0')
    for (let n = 0; n < signed.length; n++) isCalibreCover(signed.subarray(0, n))
    expect(isCalibreCover(enc.encode('Generated cover: calibre'))).toBe(false)
  })

  it('is left out, and the book gets the cover a book without one gets', async () => {
    const generated = await readEpubBook(
      epub(`<dc:title>Night Walk</dc:title>${CALIBRE_CREDIT}`, jpeg('Generated cover: calibre 6.13.0')),
    )
    expect(generated.book.tree.metadata.cover).toBeUndefined()
    expect(generated.codes).toContain('epub-input-generated-cover')
    const own = await readEpubBook(
      epub(`<dc:title>Night Walk</dc:title>${CALIBRE_CREDIT}`, jpeg('Cover art')),
    )
    expect(own.book.tree.metadata.cover).toMatch(/cover_image\.jpg$/)
    expect(own.codes).not.toContain('epub-input-generated-cover')
  })
})

describe('calibre itself', () => {
  it('a text converted with no title or author, in German, and on to Kindle and FictionBook: the file name, no author, no drawn cover', async () => {
    need('ebook-convert')
    const tmp = mkdtempSync(path.join(tmpdir(), 'octavo-calibre-unknown-'))
    writeFileSync(path.join(tmp, 'night-walk.txt'), 'It was dark.\n\nThen light.\n')
    for (const [lang, version] of [
      ['en', '2'],
      ['de', '3'],
    ] as const) {
      const out = path.join(tmp, `night-walk-${lang}.epub`)
      await run('ebook-convert', [path.join(tmp, 'night-walk.txt'), out, '--epub-version', version], {
        timeout: 180_000,
        env: { ...process.env, CALIBRE_OVERRIDE_LANG: lang },
      })
      const { book, codes } = await readEpubBook(new Uint8Array(readFileSync(out)), `night-walk-${lang}.epub`)
      // calibre titles a text by its file name; the author it did not know is left out.
      expect(book.tree.metadata.title).toBe('night-walk')
      expect(book.tree.metadata.authors).toEqual([])
      expect(book.tree.metadata.cover).toBeUndefined()
      expect(codes).toContain('epub-input-placeholder')
      expect(codes).toContain('epub-input-generated-cover')
      expect(words(book.tree)).toContain('Then light.')
    }
    // The same book as calibre's Kindle book and FictionBook: its placeholders known there too.
    for (const ext of ['azw3', 'mobi', 'fb2']) {
      const out = path.join(tmp, `night-walk.${ext}`)
      await run('ebook-convert', [path.join(tmp, 'night-walk-en.epub'), out], { timeout: 180_000 })
      const { book } = await readEpubBook(new Uint8Array(readFileSync(out)), `night-walk.${ext}`)
      expect(book.tree.metadata.title, ext).toBe('night-walk')
      expect(book.tree.metadata.authors, ext).toEqual([])
      expect(book.tree.metadata.cover, ext).toBeUndefined()
    }
  }, 600_000)
})
