/**
 * Bad and unusual encodings, from disk (bytes through loadBook, as an author's files arrive) and
 * from memory (strings through createBook). Each case ends in a book whose EPUB is well-formed
 * and holds the author's words, with a diagnostic naming the file where something was repaired.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { createBook } from '../../src/index.js'
import { chaptersOf } from '../../src/model/walk.js'
import {
  allDiagnostics,
  allXhtml,
  cleanupTempDirs,
  epubOf,
  epubText,
  expectBookOrDiagnostics,
  findDiagnostic,
  loadFolder,
} from './helpers.js'

afterAll(cleanupTempDirs)

const SAMPLE = 'Chapter 1: Über\n\n"Hello," she said — naïve café, 東京, שלום.\n\nThe second paragraph.\n'

function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const units = (bom ? '\uFEFF' : '') + text
  const out = new Uint8Array(units.length * 2)
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i)
    out[2 * i + (endian === 'le' ? 0 : 1)] = u & 0xff
    out[2 * i + (endian === 'le' ? 1 : 0)] = u >> 8
  }
  return out
}

const bytes = (...parts: Array<string | number[]>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)))

async function loadOne(name: string, content: string | Uint8Array) {
  const { result } = await loadFolder({ [name]: content })
  expectBookOrDiagnostics(result)
  expect(result.book, JSON.stringify(result.diagnostics)).toBeDefined()
  return result.book!
}

describe('encodings from disk', () => {
  for (const [label, endian, bom] of [
    ['UTF-16 LE with BOM', 'le', true],
    ['UTF-16 BE with BOM', 'be', true],
    ['UTF-16 LE without BOM', 'le', false],
    ['UTF-16 BE without BOM', 'be', false],
  ] as const) {
    it(`${label} reads as the same words`, async () => {
      const book = await loadOne('ch.txt', utf16(SAMPLE, endian, bom))
      const epub = await epubOf(book)
      const text = epubText(epub)
      for (const word of ['Über', 'naïve café', '東京', 'שלום', 'second paragraph'])
        expect(text).toContain(word)
      expect(text).not.toContain('\u0000')
      expect(text).not.toContain('\uFFFD')
      const d = allDiagnostics(book)
      expect(d.filter((x) => x.level !== 'info').map((x) => x.code)).toEqual([])
      if (!bom) findDiagnostic(d, 'text-encoding-guessed', 'ch.txt')
    })
  }

  it('Windows-1252 with curly quotes 0x93/0x94 is detected, with a warning', async () => {
    const book = await loadOne(
      'ch.txt',
      bytes(
        'Chapter 1\n\n',
        [0x93],
        'Hello,',
        [0x94],
        ' she said. It',
        [0x92],
        's fine ',
        [0x96],
        ' really. Caf',
        [0xe9],
        '.\n',
      ),
    )
    const text = epubText(await epubOf(book))
    expect(text).toContain('\u201CHello,\u201D')
    expect(text).toContain('It\u2019s')
    expect(text).toContain('\u2013')
    expect(text).toContain('Café')
    const d = findDiagnostic(allDiagnostics(book), 'text-encoding-fallback', 'ch.txt')
    expect(d.level).toBe('warning')
  })

  it('invalid UTF-8 gives a warning on the file and a well-formed book', async () => {
    // A lone continuation byte, a truncated sequence, an overlong encoding and a UTF-8-encoded surrogate.
    const book = await loadOne(
      'ch.txt',
      bytes(
        'Chapter 1\n\nAlpha ',
        [0x80],
        ' beta ',
        [0xc3],
        ' gamma ',
        [0xc0, 0xaf],
        ' delta ',
        [0xed, 0xa0, 0x80],
        ' omega.\n',
      ),
    )
    const text = epubText(await epubOf(book))
    for (const w of ['Alpha', 'beta', 'gamma', 'delta', 'omega']) expect(text).toContain(w)
    const d = allDiagnostics(book).find(
      (x) => x.code === 'text-encoding-fallback' || x.code === 'text-encoding-invalid',
    )
    expect(d, JSON.stringify(allDiagnostics(book))).toBeDefined()
    expect(d!.file).toBe('ch.txt')
  })

  it('mixed line endings (CRLF, CR, LF) make the same paragraphs as LF', async () => {
    const book = await loadOne(
      'ch.txt',
      'Chapter 1\r\n\r\nFirst para.\r\rSecond para.\n\nThird para.\r\n\r\nFourth para.\n',
    )
    const chapter = chaptersOf(book.tree)[0]!
    expect(chapter.children.filter((c) => c.type === 'paragraph')).toHaveLength(4)
    const xhtml = allXhtml(await epubOf(book))
    expect(xhtml).not.toContain('\r')
  })

  it('NUL and other control characters are removed with a warning giving the line', async () => {
    const book = await loadOne('ch.txt', 'Chapter 1\n\nHel\u0000lo wor\u0007ld\u001b and\u0085 more\u009f.\n')
    const epub = await epubOf(book)
    const text = epubText(epub)
    expect(text).toContain('Hello world')
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/)
    const d = findDiagnostic(allDiagnostics(book), 'text-control-characters', 'ch.txt')
    expect(d.line).toBe(3)
  })

  it('a file of only whitespace is an empty chapter with a warning, and the book still renders', async () => {
    const { result } = await loadFolder({
      'a.txt': 'Chapter 1\n\nSome text.\n',
      'b.txt': '  \n\t\n \r\n\u00a0\n',
    })
    expectBookOrDiagnostics(result)
    expect(result.book).toBeDefined()
    const d = allDiagnostics(result.book!).find(
      (x) => (x.code === 'text-empty' || x.code === 'book-chapter-empty') && x.file === 'b.txt',
    )
    expect(d, JSON.stringify(result.diagnostics)).toBeDefined()
    await epubOf(result.book!)
  })

  it('an empty (0-byte) chapter file gives a warning, and the book still renders', async () => {
    const { result } = await loadFolder({ 'a.txt': 'Chapter 1\n\nSome text.\n', 'b.txt': '' })
    expectBookOrDiagnostics(result)
    expect(result.book).toBeDefined()
    const d = allDiagnostics(result.book!).find(
      (x) => (x.code === 'text-empty' || x.code === 'book-chapter-empty') && x.file === 'b.txt',
    )
    expect(d, JSON.stringify(result.diagnostics)).toBeDefined()
    await epubOf(result.book!)
  })
})

describe('encodings from memory', () => {
  it('lone surrogates are replaced, with a warning, and never reach the XML', async () => {
    const result = await createBook({
      metadata: { title: 'Surrogates \uD800', author: 'A' },
      chapters: [{ text: 'Chapter 1\n\nabc\uD800def ghi\uDC00jkl \uDBFF\n' }],
    })
    expectBookOrDiagnostics(result)
    const text = epubText(await epubOf(result.book!))
    expect(text).toContain('abc')
    expect(text).toContain('jkl')
    findDiagnostic(allDiagnostics(result.book!), 'text-lone-surrogate', 'chapter-1.txt')
  })

  it('zero-width and bidi controls are kept where they carry meaning; stray BOMs go', async () => {
    const para =
      'Coder 👩\u200D💻 and a\u200Bb, \u202Eevil\u202C, \u2066isolated\u2069, mid\uFEFFword, ‏עברית‎ and العربية.'
    const inputs = [
      ['text', { text: `Chapter 1\n\n${para}\n` }],
      ['markdown', { markdown: `# Chapter 1\n\n${para}\n` }],
      ['html', { html: `<h1>Chapter 1</h1><p>${para}</p>` }],
    ] as const
    for (const [reader, input] of inputs) {
      const result = await createBook({ metadata: { title: 'Bidi', author: 'A' }, chapters: [input] })
      expectBookOrDiagnostics(result)
      const text = epubText(await epubOf(result.book!))
      expect(text, reader).toContain('👩\u200D💻')
      expect(text, reader).toContain('عربية')
      expect(text, reader).toContain('\u202Eevil\u202C')
      // The text reader documents removing stray byte-order marks (text-control-characters).
      if (reader === 'text') expect(text, reader).not.toContain('\uFEFF')
    }
  })

  it('a 20 MB single paragraph finishes with every word', async () => {
    const words = ['alpha', 'beta', 'gamma', 'delta', '"quoted"', "it's", 'dash--dash', 'ellipsis...']
    const parts: string[] = []
    let size = 0
    for (let i = 0; size < 20_000_000; i++) {
      const w = words[i % words.length]!
      parts.push(w)
      size += w.length + 1
    }
    const paragraph = parts.join(' ')
    const result = await createBook({
      metadata: { title: 'Huge', author: 'A' },
      chapters: [{ text: `Chapter 1\n\n${paragraph}\n` }],
    })
    expectBookOrDiagnostics(result)
    const epub = await epubOf(result.book!)
    // Every word survived: count a marker that typography does not change.
    expect(epubText(epub).split('gamma').length).toBe(paragraph.split('gamma').length)
  })

  it('10,000 tiny chapters give an EPUB with 10,000 chapters', async () => {
    const chapters = Array.from({ length: 10_000 }, (_, i) => ({
      text: `Chapter ${i + 1}\n\nMarker${String(i + 1).padStart(5, '0')} text.\n`,
    }))
    const result = await createBook({ metadata: { title: 'Many', author: 'A' }, chapters })
    expectBookOrDiagnostics(result)
    expect(chaptersOf(result.book!.tree)).toHaveLength(10_000)
    const epub = await epubOf(result.book!)
    const markers = new Set(epubText(epub).match(/Marker\d{5}/g))
    expect(markers.size).toBe(10_000)
    expect(allDiagnostics(result.book!).filter((d) => d.level === 'error')).toEqual([])
  })
})
