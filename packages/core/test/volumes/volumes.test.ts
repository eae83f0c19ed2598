/**
 * Volumes: `volumes:` splits one book into several, decided once for every format. Each mode on
 * generated books; the numbering carried across; each volume's title page, series position and
 * identifier in the PDF and the EPUB; a page budget kept by the real page count; the diagnostics
 * for values that cannot work; EPUBCheck and qpdf on every volume.
 */
import { execFileSync } from 'node:child_process'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { type Book, chaptersOf, diagnosticsOf, getRenderer, render, splitVolumes } from '../../src/index.js'
import { parseManifest } from '../../src/manifest/parse.js'
import { registeredFormats } from '../../src/pipeline/formats.js'
import { bodyChapters, parseVolumes, volumeTree } from '../../src/transforms/volumes.js'
import { epubcheck, summarise, tempFile } from '../epub/helpers.js'
import { tempPdf } from '../pdf/helpers.js'
import { need } from '../tools.js'
import { chapterText, parted, serial } from './books.js'

const numbers = (book: Book) => chaptersOf(book.tree).map((c) => c.number)

/** Page count of a PDF, from its page tree's /Count (the root /Pages is the first one written). */
function pageCount(pdf: Uint8Array): number {
  const counts = [
    ...Buffer.from(pdf)
      .toString('latin1')
      .matchAll(/\/Count (\d+)/g),
  ].map((m) => Number(m[1]))
  return Math.max(...counts)
}

function opf(epub: Uint8Array): string {
  return strFromU8(unzipSync(epub)['OEBPS/content.opf']!)
}

function pdftotext(pdf: Uint8Array, first: number, last: number): string {
  need('pdftotext')
  return execFileSync('pdftotext', ['-f', String(first), '-l', String(last), tempPdf(pdf), '-'], {
    encoding: 'utf8',
  })
}

describe('the volumes value', () => {
  it('accepts parts, a chapter count and a page budget, in book.yaml and API spellings', () => {
    expect(parseVolumes('parts')).toEqual({ parts: true })
    expect(parseVolumes({ parts: true })).toEqual({ parts: true })
    expect(parseVolumes({ chapters: 50 })).toEqual({ chapters: 50 })
    expect(parseVolumes({ chapters: '50' })).toEqual({ chapters: 50 })
    expect(parseVolumes({ 'max-pages': 800 })).toEqual({ maxPages: 800 })
    expect(parseVolumes({ maxPages: 800 })).toEqual({ maxPages: 800 })
  })

  it('refuses what cannot work, saying what it takes', () => {
    expect(parseVolumes('banana')).toEqual({
      problem: 'must be `parts`, `{chapters: N}` or `{max-pages: N}`, got "banana"',
    })
    expect(parseVolumes({ chapters: 0 })).toEqual({
      problem: '`chapters` must be a whole number of at least 1, got 0',
    })
    expect(parseVolumes({ chapters: 2.5 })).toMatchObject({
      problem: expect.stringContaining('whole number'),
    })
    expect(parseVolumes({ 'max-pages': 2 })).toMatchObject({ problem: expect.stringContaining('at least 4') })
    expect(parseVolumes({ chapters: 5, 'max-pages': 800 })).toMatchObject({
      problem: expect.stringContaining('one of them'),
    })
    expect(parseVolumes({ pages: 800 })).toMatchObject({ problem: expect.stringContaining('`pages`') })
  })

  it('reports a bad book.yaml value at its line and column', () => {
    const { formats } = registeredFormats()
    for (const [value, expected] of [
      ['banana', 'got "banana"'],
      ['{chapters: 0}', '`chapters` must be a whole number of at least 1, got 0'],
      ['{max-pages: 0}', '`max-pages` must be a whole number of at least 4, got 0'],
    ] as const) {
      const file = new SourceFile('book.yaml')
      const manifest = parseManifest(`title: T\nauthor: A\nvolumes: ${value}\n`, file, formats)
      expect(manifest).toBeUndefined()
      expect(file.messages).toHaveLength(1)
      expect(file.messages[0]).toMatchObject({ code: 'manifest-invalid', line: 3, column: 10 })
      expect(file.messages[0]!.message).toContain(expected)
    }
  })

  it('keeps where book.yaml says it, for the diagnostics a split makes', () => {
    const { formats } = registeredFormats()
    const file = new SourceFile('book.yaml')
    const manifest = parseManifest('title: T\nvolumes:\n  max-pages: 800\n', file, formats)
    expect(manifest?.metadata.volumes).toEqual({
      maxPages: 800,
      at: { file: 'book.yaml', line: 3, column: 3 },
    })
  })

  it('is checked through the API too', async () => {
    const { createBook } = await import('../../src/index.js')
    const { book, diagnostics } = await createBook({
      metadata: { title: 'T', volumes: 'banana' as never },
      chapters: [{ text: 'Hi.' }],
    })
    expect(book).toBeUndefined()
    expect(diagnostics[0]?.message).toContain('volumes')
  })
})

describe('volumes by chapter count and by part', () => {
  it('leaves a book without volumes alone', async () => {
    const book = await serial({ chapters: 3 })
    const volumes = await splitVolumes(book)
    expect(volumes).toEqual([book])
    expect(volumes[0]).toBe(book)
  })

  it('puts N chapters in each volume, the numbering running on without a warning', async () => {
    const book = await serial({
      chapters: 12,
      metadata: { title: 'The Long Road', volumes: { chapters: 5 } },
    })
    const volumes = await splitVolumes(book)
    expect(volumes.map(numbers)).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
      [11, 12],
    ])
    expect(volumes.map((v) => v.tree.metadata.volume)).toEqual([
      { number: 1, of: 3 },
      { number: 2, of: 3 },
      { number: 3, of: 3 },
    ])
    const epub = await render(volumes[1]!, 'epub')
    const nav = strFromU8(unzipSync(epub)['OEBPS/nav.xhtml']!)
    expect(nav).toContain('Chapter 6')
    expect(nav).not.toContain('Chapter 5<')
    expect(diagnosticsOf(book).filter((d) => d.level !== 'info')).toEqual([])
  })

  it('makes one volume per part, each opening with its part', async () => {
    const book = await parted(3, 2, { metadata: { title: 'The Long Road', volumes: { parts: true } } })
    const volumes = await splitVolumes(book)
    expect(volumes.map(numbers)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ])
    expect(volumes.map((v) => v.tree.children.map((c) => c.type))).toEqual([['part'], ['part'], ['part']])
  })

  it('warns and builds one book when there are no parts to split at', async () => {
    const book = await serial({ chapters: 3, metadata: { title: 'T', volumes: { parts: true } } })
    expect(await splitVolumes(book)).toEqual([book])
    expect(diagnosticsOf(book).map((d) => d.code)).toContain('volumes-no-parts')
  })

  it('gives each volume its own identifier, derived from the book’s, the same on every build', async () => {
    const make = () => serial({ chapters: 6, metadata: { title: 'The Long Road', volumes: { chapters: 2 } } })
    const [one, two] = [await make(), await make()]
    const ids = (await splitVolumes(one)).map((v) => v.tree.metadata.identifier.value)
    expect(new Set(ids).size).toBe(3)
    expect(ids).not.toContain(one.tree.metadata.identifier.value)
    expect((await splitVolumes(two)).map((v) => v.tree.metadata.identifier.value)).toEqual(ids)
    const other = await serial({ chapters: 6, metadata: { title: 'Another Road', volumes: { chapters: 2 } } })
    const otherIds = (await splitVolumes(other)).map((v) => v.tree.metadata.identifier.value)
    expect(otherIds.filter((id) => ids.includes(id))).toEqual([])
  })

  it('puts the work’s own pages in the first volume and its end notes in the last', async () => {
    const book = await serial({
      chapters: 4,
      metadata: {
        title: 'The Long Road',
        volumes: { chapters: 2 },
        dedication: 'For M.',
        endNotes: 'Thanks for reading.',
        aboutAuthor: 'Ada writes.',
      },
    })
    const [first, last] = await splitVolumes(book)
    const types = (v: Book) => v.tree.pages!.map((p) => p.type)
    expect(types(first!)).toContain('dedicationPage')
    expect(types(last!)).not.toContain('dedicationPage')
    expect(types(first!)).not.toContain('endNotesPage')
    expect(types(last!)).toContain('endNotesPage')
    expect(types(first!)).toContain('aboutAuthorPage')
    expect(types(last!)).toContain('aboutAuthorPage')
  })
})

describe('a volume’s title page and series position', () => {
  it('says "Book 2" and "Book 2 of <title>" on the PDF title page, and the OPF places it in the series', async () => {
    const book = await serial({ chapters: 4, metadata: { title: 'The Long Road', volumes: { chapters: 2 } } })
    const [, second] = await splitVolumes(book)
    const meta = second!.tree.metadata
    expect(meta.series).toEqual({ name: 'The Long Road', number: 2 })
    const text = pdftotext(await render(second!, 'pdf'), 1, 3)
    expect(text).toMatch(/The Long Road\s+Book 2\s+ADA QUILL\s+Book 2 of The Long Road/)
    const package_ = opf(await render(second!, 'epub'))
    expect(package_).toContain(
      `<dc:identifier id="book-id">urn:uuid:${meta.identifier.value}</dc:identifier>`,
    )
    expect(package_).toContain('<meta property="belongs-to-collection" id="series">The Long Road</meta>')
    expect(package_).toContain('<meta refines="#series" property="group-position">2</meta>')
    expect(package_).toContain('<meta name="calibre:series_index" content="2"/>')
    const titlePage = strFromU8(unzipSync(await render(second!, 'epub'))['OEBPS/text/titlepage.xhtml']!)
    expect(titlePage).toContain('<p class="volume">Book 2</p>')
  })

  it('takes the word from the language’s strings, and book.yaml’s strings over it', async () => {
    const french = await serial({
      chapters: 2,
      metadata: { title: 'La Route', language: 'fr', volumes: { chapters: 1 } },
    })
    const [, two] = await splitVolumes(french)
    expect(two!.tree.pages!.find((p) => p.type === 'titlePage')).toMatchObject({
      volume: 'Tome 2',
      series: 'La Route, tome 2',
    })
    const own = await serial({
      chapters: 2,
      metadata: { title: 'T', volumes: { chapters: 1 }, strings: { volume: 'Volume {number}' } },
    })
    const [, second] = await splitVolumes(own)
    expect(second!.tree.pages!.find((p) => p.type === 'titlePage')).toMatchObject({ volume: 'Volume 2' })
  })

  it('numbers the volumes in the book’s own series when it names one without a number, else in its title', async () => {
    const unnumbered = await serial({
      chapters: 2,
      metadata: { title: 'Arc One', series: { name: 'The Tides' }, volumes: { chapters: 1 } },
    })
    expect((await splitVolumes(unnumbered))[1]!.tree.metadata.series).toEqual({
      name: 'The Tides',
      number: 2,
    })
    const numbered = await serial({
      chapters: 2,
      metadata: { title: 'Arc One', series: { name: 'The Tides', number: 3 }, volumes: { chapters: 1 } },
    })
    expect((await splitVolumes(numbered))[1]!.tree.metadata.series).toEqual({ name: 'Arc One', number: 2 })
  })

  it('renders the same bytes for the same volume on every build', async () => {
    const make = async () =>
      (
        await splitVolumes(await serial({ chapters: 4, metadata: { title: 'T', volumes: { chapters: 2 } } }))
      )[1]!
    const [a, b] = [await make(), await make()]
    expect(Buffer.from(await render(a, 'epub')).equals(Buffer.from(await render(b, 'epub')))).toBe(true)
    expect(Buffer.from(await render(a, 'pdf')).equals(Buffer.from(await render(b, 'pdf')))).toBe(true)
  })
})

describe('volumes on a page budget', () => {
  const BUDGET = 24

  it('fills each volume up to the budget by the real page count, at chapter boundaries', async () => {
    const book = await serial({
      chapters: 14,
      metadata: { title: 'The Long Road', volumes: { maxPages: BUDGET } },
    })
    const volumes = await splitVolumes(book)
    expect(volumes.length).toBeGreaterThan(1)
    // Every chapter once, in order, across the volumes.
    expect(volumes.flatMap(numbers)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1))
    const paginate = getRenderer('pdf')!.paginate!
    for (const [i, volume] of volumes.entries()) {
      const pdf = await render(volume, 'pdf')
      const pages = pageCount(pdf)
      expect(pages).toBeLessThanOrEqual(BUDGET)
      // The measure is the render's own count.
      expect((await paginate(volume.tree, {}, volume.env)).pages).toBe(pages)
      const next = volumes[i + 1]
      if (!next) continue
      // Full: one more chapter would have passed the budget.
      const chapters = bodyChapters(volume.tree)
      const more = volumeTree(book.tree, {
        number: i + 1,
        of: volumes.length,
        chapters: new Set([...chapters, bodyChapters(next.tree)[0]!]),
        identifier: volume.tree.metadata.identifier,
      })
      expect((await paginate(more, {}, volume.env)).pages).toBeGreaterThan(BUDGET)
    }
    expect(diagnosticsOf(book).filter((d) => d.level !== 'info')).toEqual([])
  }, 120_000)

  it('ends a volume before a part rather than split the part, when the part begins in its second half', async () => {
    const book = await parted(3, 4, { metadata: { title: 'The Long Road' } })
    const paginate = getRenderer('pdf')!.paginate!
    const parts = book.tree.children.filter((c) => c.type === 'part')
    // Room for the longest part alone and a part page and a chapter more, never for two parts.
    let longest = 0
    for (const [i, part] of parts.entries()) {
      const tree = volumeTree(book.tree, {
        number: i + 1,
        of: i === parts.length - 1 ? i + 1 : i + 2,
        chapters: new Set(part.children),
        identifier: book.tree.metadata.identifier,
      })
      longest = Math.max(longest, (await paginate(tree, {}, book.env)).pages)
    }
    book.tree.metadata.volumes = { maxPages: longest + 7 }
    const volumes = await splitVolumes(book)
    expect(volumes.map(numbers)).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ])
  }, 120_000)

  it('splits the EPUBs where the PDFs split, and every volume is valid', async () => {
    const book = await serial({
      chapters: 8,
      metadata: { title: 'The Long Road', volumes: { maxPages: BUDGET } },
    })
    const volumes = await splitVolumes(book)
    expect(volumes.length).toBeGreaterThan(1)
    for (const volume of volumes) {
      const nav = strFromU8(unzipSync(await render(volume, 'epub'))['OEBPS/nav.xhtml']!)
      for (const n of numbers(volume)) expect(nav).toContain(`Chapter ${n}<`)
    }
    need('epubcheck')
    need('qpdf')
    for (const [i, volume] of volumes.entries()) {
      const epub = tempFile(`volume-${i + 1}.epub`, await render(volume, 'epub'))
      expect(summarise(await epubcheck(epub))).toEqual([])
      const pdf = tempPdf(await render(volume, 'pdf'))
      expect(execFileSync('qpdf', ['--check', pdf], { encoding: 'utf8' })).toContain(
        'No syntax or stream encoding errors',
      )
    }
  }, 180_000)

  it('gives a chapter longer than the budget a volume of its own, with a warning naming it', async () => {
    const { createBook } = await import('../../src/index.js')
    const { book } = await createBook({
      metadata: { title: 'T', volumes: { maxPages: 12, at: { file: 'book.yaml', line: 4, column: 3 } } },
      chapters: [
        { title: 'Chapter 1', text: chapterText(1) },
        { title: 'Chapter 2', text: Array.from({ length: 8 }, (_, i) => chapterText(i + 3)).join('\n\n') },
        { title: 'Chapter 3', text: chapterText(2) },
      ],
    })
    const volumes = await splitVolumes(book!)
    expect(volumes.map(numbers)).toEqual([[1], [2], [3]])
    const warning = diagnosticsOf(book!).find((d) => d.code === 'volumes-chapter-over-budget')
    expect(warning).toMatchObject({ level: 'warning', file: 'book.yaml', line: 4, column: 3 })
    expect(warning!.message).toContain('"Chapter 2"')
  }, 120_000)

  it('refuses a budget the front matter alone fills, at book.yaml’s line', async () => {
    const book = await serial({
      chapters: 2,
      metadata: { title: 'T', volumes: { maxPages: 4, at: { file: 'book.yaml', line: 3, column: 10 } } },
    })
    expect(await splitVolumes(book)).toEqual([])
    expect(diagnosticsOf(book).find((d) => d.code === 'volumes-budget-too-small')).toMatchObject({
      level: 'error',
      file: 'book.yaml',
      line: 3,
      column: 10,
    })
  }, 60_000)
})
