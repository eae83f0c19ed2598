/**
 * Labels, footnote numbers, numbering and the navigation depth, end to end through `createBook`
 * and `loadBook` into both formats: the EPUB's chapter pages, nav.xhtml and toc.ncx, and the
 * PDF's text (pdftotext) and bookmarks (qpdf). A test that needs qpdf, pdftotext or EPUBCheck
 * skips, saying which package to install, when the tool is missing.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import {
  type Book,
  type CreateOptions,
  createBook,
  diagnosticsOf,
  loadBook,
  render,
} from '../../src/index.js'
import { chapterLabel, partLabel } from '../../src/model/labels.js'
import { chaptersOf } from '../../src/model/walk.js'
import { epubcheck, hasEpubcheck, tempFile } from '../integration/checkers.js'
import { has } from '../tools.js'

const hasQpdf = has('qpdf')
const hasPdftotext = has('pdftotext')

async function make(options: Omit<CreateOptions, 'metadata'> & { metadata?: CreateOptions['metadata'] }) {
  const { book } = await createBook({ metadata: { title: 'Labels', author: 'A. Writer' }, ...options })
  return book!
}

function epubFiles(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = new TextDecoder().decode(data)
  return out
}

async function epubOf(book: Book) {
  const files = epubFiles(await render(book, 'epub'))
  const chapters = Object.keys(files)
    .filter((f) => /text\/chapter-\d+\.xhtml$/.test(f))
    .sort()
    .map((f) => files[f]!)
  return { files, nav: files['OEBPS/nav.xhtml']!, ncx: files['OEBPS/toc.ncx']!, chapters }
}

function pdfPath(bytes: Uint8Array): string {
  return tempFile('book.pdf', bytes)
}

function pdfText(bytes: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath(bytes), '-'], { encoding: 'utf8' })
}

interface Outline {
  title: string
  kids: Outline[]
}

function pdfOutline(bytes: Uint8Array): Outline[] {
  const json = JSON.parse(
    execFileSync('qpdf', ['--json', '--json-key=outlines', pdfPath(bytes)], { encoding: 'utf8' }),
  ) as { outlines: Outline[] }
  const strip = (o: Outline): Outline => ({ title: o.title, kids: o.kids.map(strip) })
  return json.outlines.map(strip)
}

/** The navigation entries as text, nested entries indented. */
function navTitles(nav: string): string[] {
  const out: string[] = []
  let depth = 0
  for (const m of nav.matchAll(/<ol>|<\/ol>|<a href="[^"]*">([^<]*)<\/a>/g)) {
    if (m[0] === '<ol>') depth++
    else if (m[0] === '</ol>') depth--
    else out.push(`${'  '.repeat(depth - 1)}${m[1]}`)
  }
  return out
}

function ncxTitles(ncx: string): string[] {
  return [...ncx.matchAll(/<text>([^<]*)<\/text>/g)].map((m) => m[1]!)
}

const words = (s: string) => s.replace(/\s+/g, ' ')

describe('labels keep the author’s wording', () => {
  const chapters = [
    { text: 'Chapter Twenty-Three: Truly All Alone\n\nShe walked home alone.' },
    { text: 'CHAPTER TWENTY-FOUR\n\nThe next day came.' },
    { text: 'Ch. 25 - The End\n\nAnd it ended.' },
  ]

  it('prints "Chapter Twenty-Three" over the title in the EPUB, nav and NCX', async () => {
    const book = await make({ chapters })
    expect(chaptersOf(book.tree).map(chapterLabel)).toEqual([
      'Chapter Twenty-Three: Truly All Alone',
      // Capitals are set in title case (the renderers choose the case of a head); the
      // abbreviation is spelled out; the number stays as written.
      'Chapter Twenty-Four',
      'Chapter 25: The End',
    ])
    const { nav, ncx, chapters: pages } = await epubOf(book)
    expect(pages[0]).toContain('<span class="chapter-label">Chapter Twenty-Three</span>')
    expect(pages[0]).toContain('<span class="chapter-title">Truly All Alone</span>')
    expect(nav).toContain('>Chapter Twenty-Three: Truly All Alone</a>')
    expect(ncx).toContain('<text>Chapter Twenty-Three: Truly All Alone</text>')
    expect(nav).not.toContain('Chapter 23')
    // A book opening at chapter 23 warns about nothing.
    expect(diagnosticsOf(book).filter((d) => d.code.startsWith('book-number'))).toEqual([])
  })

  it.skipIf(!hasPdftotext || !hasQpdf)('prints the same labels in the PDF text and bookmarks', async () => {
    const bytes = await render(await make({ chapters }), 'pdf')
    const text = words(pdfText(bytes))
    expect(text).toMatch(/Chapter Twenty-Three/i)
    expect(text).not.toMatch(/Chapter 23/i)
    expect(pdfOutline(bytes).map((o) => o.title)).toEqual([
      'Chapter Twenty-Three: Truly All Alone',
      'Chapter Twenty-Four',
      'Chapter 25: The End',
    ])
  })

  it('normalises every numeral with `labels:`', async () => {
    const styled = async (labels: 'numbers' | 'words' | 'roman') =>
      chaptersOf((await make({ chapters, labels })).tree).map((c) => chapterLabel(c))
    expect(await styled('numbers')).toEqual([
      'Chapter 23: Truly All Alone',
      'Chapter 24',
      'Chapter 25: The End',
    ])
    expect(await styled('roman')).toEqual([
      'Chapter XXIII: Truly All Alone',
      'Chapter XXIV',
      'Chapter XXV: The End',
    ])
    expect(await styled('words')).toEqual([
      'Chapter Twenty-Three: Truly All Alone',
      'Chapter Twenty-Four',
      'Chapter Twenty-Five: The End',
    ])
    const { nav } = await epubOf(await make({ chapters, labels: 'roman' }))
    expect(nav).toContain('>Chapter XXIII: Truly All Alone</a>')
  })

  it('reads `labels:` from book.yaml and rejects an unknown style', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-labels-'))
    writeFileSync(path.join(dir, 'one.txt'), 'Chapter Seven\n\nText.\n')
    writeFileSync(path.join(dir, 'book.yaml'), 'title: T\nauthor: A\nlabels: numbers\nchapters: [one.txt]\n')
    const { book } = await loadBook(path.join(dir, 'book.yaml'))
    expect(chaptersOf(book!.tree).map(chapterLabel)).toEqual(['Chapter 7'])
    writeFileSync(path.join(dir, 'book.yaml'), 'title: T\nauthor: A\nlabels: fancy\nchapters: [one.txt]\n')
    const bad = await loadBook(path.join(dir, 'book.yaml'))
    const d = bad.diagnostics.find((x) => x.code === 'manifest-invalid')
    expect(d?.message).toMatch(/labels.*"as-written", "numbers", "words", "roman"/)
    expect(d?.line).toBe(3)
  })

  it('keeps the numeral of a cached chapter when the style changes between builds', async () => {
    const { createBookCache } = await import('../../src/index.js')
    const cache = createBookCache()
    const first = await make({ chapters, labels: 'roman', cache })
    expect(chapterLabel(chaptersOf(first.tree)[1]!)).toBe('Chapter XXIV')
    const again = await make({ chapters, cache })
    expect(chapterLabel(chaptersOf(again.tree)[1]!)).toBe('Chapter Twenty-Four')
  })
})

describe('parts carrying their label', () => {
  async function partsBook(yamlPart: string) {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-parts-'))
    mkdirSync(path.join(dir, 'c'))
    writeFileSync(path.join(dir, 'c', '1.md'), '# Chapter 1: Dawn\n\nText.\n')
    writeFileSync(path.join(dir, 'c', '2.md'), '# Chapter 2\n\nMore text.\n')
    writeFileSync(
      path.join(dir, 'book.yaml'),
      `title: T\nauthor: A\nchapters:\n  - part: ${yamlPart}\n    chapters: [c/1.md, c/2.md]\n`,
    )
    const { book } = await loadBook(path.join(dir, 'book.yaml'))
    return book!
  }

  it('is labelled once in the EPUB part page, nav and NCX', async () => {
    const book = await partsBook('"Part One: Blossom"')
    const part = book.tree.children[0]!
    expect(part.type === 'part' && partLabel(part)).toBe('Part One: Blossom')
    const { files, nav, ncx } = await epubOf(book)
    const page = files['OEBPS/text/part-01.xhtml']!
    expect(page).toContain('<span class="part-label">Part One</span> <span class="part-title">Blossom</span>')
    expect(nav).toContain('>Part One: Blossom</a>')
    expect(ncx).toContain('<text>Part One: Blossom</text>')
    for (const doc of [page, nav, ncx]) expect(doc).not.toMatch(/Part: Part|Part One: Part One/)
  })

  it('is one part when book.yaml lists it and the first file repeats its heading', async () => {
    for (const [listed, heading] of [
      ['"Part One: Summer"', 'Part One: Summer'],
      ['Summer', 'Part One: Summer'],
      ['"Part 1: Summer"', 'PART ONE\n\nSummer'],
    ]) {
      const dir = mkdtempSync(path.join(tmpdir(), 'octavo-part-twice-'))
      writeFileSync(path.join(dir, 'c1.txt'), `${heading}\n\nChapter 1\n\nHot.\n`)
      writeFileSync(path.join(dir, 'c2.txt'), 'Chapter 2\n\nHotter.\n')
      writeFileSync(
        path.join(dir, 'book.yaml'),
        `title: T\nauthor: A\nchapters:\n  - part: ${listed}\n    chapters: [c1.txt, c2.txt]\n`,
      )
      const { book } = await loadBook(path.join(dir, 'book.yaml'))
      const parts = book!.tree.children.filter((n) => n.type === 'part')
      expect(
        parts.map((p) => [partLabel(p), p.children.length]),
        listed,
      ).toEqual([['Part One: Summer', 2]])
    }
    // Another part in the file is its own.
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-part-other-'))
    writeFileSync(path.join(dir, 'c1.txt'), 'Part Two: Winter\n\nChapter 1\n\nCold.\n')
    writeFileSync(
      path.join(dir, 'book.yaml'),
      'title: T\nauthor: A\nchapters:\n  - part: "Part One: Summer"\n    chapters: [c1.txt]\n',
    )
    const { book } = await loadBook(path.join(dir, 'book.yaml'))
    expect(book!.tree.children.filter((n) => n.type === 'part').map((p) => partLabel(p as never))).toEqual([
      'Part One: Summer',
      'Part Two: Winter',
    ])
  })

  it('given again by the next file ("Part Two, Chapter 4"), is one part', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-part-again-'))
    writeFileSync(path.join(dir, '01.txt'), 'Part One\n\nChapter 1\n\nOne.\n')
    writeFileSync(path.join(dir, '02.txt'), 'Chapter 2\n\nTwo.\n')
    writeFileSync(path.join(dir, '03.txt'), 'Part Two, Chapter 3\n\nThree.\n')
    writeFileSync(path.join(dir, '04.txt'), 'Part Two, Chapter 4\n\nFour.\n')
    writeFileSync(path.join(dir, '05.txt'), 'Part Three: Winter\n\nChapter 5\n\nFive.\n')
    writeFileSync(path.join(dir, '06.txt'), 'Part Three: Spring\n\nChapter 6\n\nSix.\n')
    const { book } = await loadBook(dir, { metadata: { title: 'T', authors: [{ name: 'A' }] } })
    const parts = book!.tree.children.filter((n) => n.type === 'part')
    expect(parts.map((p) => [partLabel(p), p.children.map((c) => c.number)])).toEqual([
      ['Part One', [1, 2]],
      ['Part Two', [3, 4]],
      // Two parts numbered alike but titled apart stay two (and numbering says so).
      ['Part Three: Winter', [5]],
      ['Part Three: Spring', [6]],
    ])
  })

  it('titled with its number alone, is that number once', async () => {
    for (const [listed, label] of [
      ['"One"\n    number: 1', 'Part One'],
      ['II', 'Part II'],
      ['"1914"', '1914'],
      ['"Two"\n    number: 3', 'Part Three: Two'],
    ]) {
      const dir = mkdtempSync(path.join(tmpdir(), 'octavo-part-number-'))
      writeFileSync(path.join(dir, 'c1.txt'), 'Chapter 1\n\nHot.\n')
      writeFileSync(
        path.join(dir, 'book.yaml'),
        `title: T\nauthor: A\nchapters:\n  - part: ${listed}\n    chapters: [c1.txt]\n`,
      )
      const { book } = await loadBook(path.join(dir, 'book.yaml'))
      const part = book!.tree.children[0]!
      expect(part.type === 'part' && partLabel(part), listed).toBe(label)
    }
  })

  it('is its title alone when it has neither label nor number', async () => {
    const book = await partsBook('The Shore')
    const { nav, files } = await epubOf(book)
    expect(nav).toContain('>The Shore</a>')
    expect(files['OEBPS/text/part-01.xhtml']).not.toContain('part-label')
  })

  it.skipIf(!hasPdftotext || !hasQpdf)('prints "Part One" over "Blossom" in the PDF, once', async () => {
    const bytes = await render(await partsBook('"Part One: Blossom"'), 'pdf')
    const outline = pdfOutline(bytes)
    expect(outline[0]!.title).toBe('Part One: Blossom')
    const text = words(pdfText(bytes))
    expect(text).toMatch(/Part One Blossom/i)
    expect(text).not.toMatch(/PART\s+Part One|Part One: Part One|Part: Part/i)
  })
})

describe('footnote markers are numbers', () => {
  const markdown = [
    '# Chapter 1',
    '',
    'It was clear.[^clear] And then it was not.[^fog]',
    '',
    'A stray [^nope] reference.',
    '',
    '[^clear]: Clear as day.[^deep]',
    '[^fog]: Foggy.',
    '[^deep]: A note only another note refers to.',
  ].join('\n')
  const second = '# Chapter 2\n\nAgain.[^x]\n\n[^x]: The second chapter’s note.\n'

  it('shows 1, 2, 3 in the EPUB marker and back-link, not the source label', async () => {
    const book = await make({ chapters: [{ markdown }, { markdown: second }] })
    const { chapters: pages } = await epubOf(book)
    const markers = [...pages[0]!.matchAll(/role="doc-noteref">([^<]*)</g)].map((m) => m[1])
    expect(markers).toEqual(['1', '3', '2'])
    const backs = [...pages[0]!.matchAll(/role="doc-backlink"[^>]*>([^<]*)</g)].map((m) => m[1])
    expect(backs.sort()).toEqual(['1.', '2.', '3.'])
    expect(pages[0]).not.toMatch(/>clear</)
    // Per chapter by default: the second chapter starts again at 1.
    expect(pages[1]).toMatch(/role="doc-noteref">1</)
  })

  it('numbers through the book with `footnotes: per-book`', async () => {
    const book = await make({ chapters: [{ markdown }, { markdown: second }], footnotes: 'per-book' })
    const { chapters: pages } = await epubOf(book)
    expect(pages[1]).toMatch(/role="doc-noteref">4</)
  })

  it('warns about an undefined reference at its line', async () => {
    const book = await make({ chapters: [{ markdown, file: 'one.md' }] })
    const found = diagnosticsOf(book).filter((d) => d.code === 'md-footnote-undefined')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ file: 'one.md', line: 5, column: 9 })
    expect(found[0]!.message).toContain('[^nope]')
  })

  it.skipIf(!hasPdftotext)(
    'prints every note in the PDF, the nested one too, numbered as in the EPUB',
    async () => {
      const book = await make({ chapters: [{ markdown }] })
      const text = words(pdfText(await render(book, 'pdf')))
      expect(text).toContain('1. Clear as day.')
      expect(text).toContain('2. A note only another note refers to.')
      expect(text).toContain('3. Foggy.')
      expect(diagnosticsOf(book).filter((d) => d.code.startsWith('pdf-footnote'))).toEqual([])
    },
  )
})

describe('numbering starts from the first chapter’s number', () => {
  const chapter = (n: number, file: string) => ({ text: `Chapter ${n}\n\nText of ${n}.`, file })

  it('warns for a gap or a repeat after the first number, never for the start', async () => {
    const start = await make({ chapters: [chapter(21, 'a.txt'), chapter(22, 'b.txt')] })
    expect(diagnosticsOf(start).filter((d) => d.code.startsWith('book-number'))).toEqual([])
    const gap = await make({ chapters: [chapter(21, 'a.txt'), chapter(23, 'b.txt'), chapter(23, 'c.txt')] })
    const found = diagnosticsOf(gap).filter((d) => d.code.startsWith('book-'))
    expect(found.map((d) => [d.code, d.file])).toEqual([
      ['book-number-order', 'b.txt'],
      ['book-duplicate-number', 'c.txt'],
    ])
  })

  it('counts unnumbered chapters before the first number back from it', async () => {
    const book = await make({
      chapters: [
        { markdown: '# Arrival\n\nText.' },
        chapter(21, 'b.txt'),
        { markdown: '# Leaving\n\nText.' },
      ],
    })
    expect(chaptersOf(book.tree).map((c) => c.number)).toEqual([20, 21, 22])
    expect(diagnosticsOf(book).filter((d) => d.code.startsWith('book-number'))).toEqual([])
  })

  it('rejects a number no label can print', async () => {
    const book = await make({
      chapters: [{ markdown: '---\nnumber: 1e308\n---\n# Dawn\n\nText.', file: 'x.md' }],
    })
    expect(chapterLabel(chaptersOf(book.tree)[0]!)).toBe('Chapter 1: Dawn')
    const d = diagnosticsOf(book).find((x) => x.code === 'book-number-invalid')
    expect(d).toMatchObject({ file: 'x.md' })
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-num-'))
    writeFileSync(path.join(dir, 'one.txt'), 'Text.\n')
    writeFileSync(
      path.join(dir, 'book.yaml'),
      'title: T\nauthor: A\nchapters:\n  - part: Up\n    number: 1e308\n    chapters: [one.txt]\n',
    )
    const bad = await loadBook(path.join(dir, 'book.yaml'))
    expect(bad.diagnostics.find((x) => x.code === 'manifest-invalid')?.line).toBe(5)
  })
})

describe('headings reach the navigation down to `toc-depth`', () => {
  const markdown = [
    '# Chapter 1: Dawn',
    '',
    'Intro.',
    '',
    '## The Road',
    '',
    'Text.',
    '',
    '### A Stone',
    '',
    'Text.',
    '',
    '## The River',
    '',
    'Text.',
  ].join('\n')

  it('lists `##` sections under their chapter by default, with ids in the chapter page', async () => {
    const book = await make({ chapters: [{ markdown }] })
    const { nav, ncx, chapters } = await epubOf(book)
    const titles = navTitles(nav.slice(0, nav.indexOf('landmarks')))
    expect(titles.slice(-3)).toEqual(['Chapter 1: Dawn', '  The Road', '  The River'])
    expect(ncxTitles(ncx)).toEqual(expect.arrayContaining(['The Road', 'The River']))
    expect(ncxTitles(ncx)).not.toContain('A Stone')
    const hrefs = [...nav.matchAll(/href="(text\/chapter-001\.xhtml#[^"]+)"/g)].map((m) => m[1]!)
    expect(hrefs).toHaveLength(2)
    for (const href of hrefs) expect(chapters[0]).toContain(`id="${href.split('#')[1]}"`)
  })

  it('goes deeper with `toc-depth: 3` and stays with chapters at 1', async () => {
    const deep = await epubOf(await make({ chapters: [{ markdown }], tocDepth: 3 }))
    expect(navTitles(deep.nav).filter((t) => t.includes('Stone'))).toEqual(['    A Stone'])
    expect(deep.ncx).toMatch(/<meta name="dtb:depth" content="3"\/>/)
    const flat = await epubOf(await make({ chapters: [{ markdown }], tocDepth: 1 }))
    expect(flat.nav).not.toContain('The Road')
  })

  it.skipIf(!hasQpdf)('adds the sections to the PDF bookmarks, nested under the chapter', async () => {
    const bytes = await render(await make({ chapters: [{ markdown }], tocDepth: 3 }), 'pdf')
    const [chapter] = pdfOutline(bytes)
    expect(chapter!.title).toBe('Chapter 1: Dawn')
    expect(chapter!.kids.map((k) => k.title)).toEqual(['The Road', 'The River'])
    expect(chapter!.kids[0]!.kids.map((k) => k.title)).toEqual(['A Stone'])
  })

  it.skipIf(!hasEpubcheck)(
    'keeps EPUBCheck at 0 errors, 0 warnings',
    async () => {
      const book = await make({
        chapters: [{ markdown }, { markdown: '# Chapter 2\n\nA note.[^a]\n\n[^a]: It.[^b]\n\n[^b]: Inner.' }],
        tocDepth: 3,
      })
      const file = tempFile('book.epub', await render(book, 'epub'))
      expect(await epubcheck(file)).toEqual([])
    },
    120_000,
  )
})
