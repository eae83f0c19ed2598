/**
 * Damage a lenient reading system forgives, forgiven with a warning naming it: entry names zipped
 * with backslashes, an href differing from its entry only in case (when exactly one entry
 * matches), and a spine document whose media type is wrong or missing (read as the .xhtml,
 * .html or .htm its name says it is).
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { toText } from '../../src/model/walk.js'
import { readEpub } from '../../src/readers/epub/index.js'
import { CONTAINER, handEpub, xhtml } from './helpers.js'

function read(bytes: Uint8Array) {
  const file = new SourceFile('book.epub')
  const { children } = readEpub(bytes, file, { language: 'en' })
  return {
    titles: children.map((c) =>
      c.type === 'chapter' ? toText(c.title ?? []) || `${c.label} ${c.number}` : 'part',
    ),
    messages: file.messages.map((m) => `${m.code}: ${m.message}`),
  }
}

const chapter = (n: number) => xhtml(`<h1>Chapter ${n}</h1><p>Text ${n}.</p>`)

/** An EPUB whose OPF lists `ch1.xhtml` and `ch2.xhtml` as `hrefs` says, with `entries` as the zip's. */
function epubWith(
  hrefs: [string, string],
  entries: Record<string, string>,
  mediaType = 'application/xhtml+xml',
) {
  const opf = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">x</dc:identifier><dc:title>Damaged</dc:title><dc:language>en</dc:language></metadata><manifest><item id="c1" href="${hrefs[0]}" media-type="${mediaType}"/><item id="c2" href="${hrefs[1]}" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>`
  return handEpub({ 'META-INF/container.xml': CONTAINER, 'OEBPS/content.opf': opf, ...entries })
}

describe('lenient reading', () => {
  it('an href differing from its entry only in case reads that entry, with a warning', () => {
    const got = read(
      epubWith(['Text/CH1.xhtml', 'Text/ch2.xhtml'], {
        'OEBPS/Text/ch1.xhtml': chapter(1),
        'OEBPS/Text/ch2.xhtml': chapter(2),
      }),
    )
    expect(got.titles).toEqual(['Chapter 1', 'Chapter 2'])
    expect(got.messages).toContain(
      'epub-input-repaired: book.epub: the package names "OEBPS/Text/CH1.xhtml", which is not in the archive; read "OEBPS/Text/ch1.xhtml", the one entry differing from it only in case',
    )
  })

  it('two entries matching but for case: neither is guessed', () => {
    const got = read(
      epubWith(['Text/CH1.xhtml', 'Text/ch2.xhtml'], {
        'OEBPS/Text/ch1.xhtml': chapter(1),
        'OEBPS/Text/Ch1.xhtml': chapter(9),
        'OEBPS/Text/ch2.xhtml': chapter(2),
      }),
    )
    expect(got.titles).toEqual(['Chapter 2'])
    expect(got.messages).toContain(
      'epub-input-spine: book.epub: spine item "OEBPS/Text/CH1.xhtml" is missing from the archive',
    )
  })

  it('entry names with backslashes are read as slashes, with a warning', () => {
    const got = read(
      epubWith(['Text/ch1.xhtml', 'Text/ch2.xhtml'], {
        'OEBPS\\Text\\ch1.xhtml': chapter(1),
        'OEBPS/Text/ch2.xhtml': chapter(2),
      }),
    )
    expect(got.titles).toEqual(['Chapter 1', 'Chapter 2'])
    expect(got.messages).toContain(
      'epub-input-repaired: book.epub: the entry "OEBPS\\Text\\ch1.xhtml" is named with backslashes, which a zip never uses; read as "OEBPS/Text/ch1.xhtml"',
    )
    expect(got.messages.some((m) => m.startsWith('archive-unsafe-path'))).toBe(false)
  })

  it('a backslash name climbing out of the archive is still refused', () => {
    const got = read(
      epubWith(['Text/ch1.xhtml', 'Text/ch2.xhtml'], {
        '..\\..\\evil.xhtml': chapter(6),
        'OEBPS/Text/ch1.xhtml': chapter(1),
        'OEBPS/Text/ch2.xhtml': chapter(2),
      }),
    )
    expect(got.titles).toEqual(['Chapter 1', 'Chapter 2'])
    expect(got.messages.some((m) => m.startsWith('archive-unsafe-path'))).toBe(true)
  })

  for (const [mediaType, said] of [
    ['text/plain', 'as text/plain'],
    ['application/octet-stream', 'as application/octet-stream'],
    ['', 'with no media type'],
  ] as const)
    it(`an .xhtml spine document declared ${said} is read, with a warning`, () => {
      const got = read(
        epubWith(
          ['Text/ch1.xhtml', 'Text/ch2.xhtml'],
          { 'OEBPS/Text/ch1.xhtml': chapter(1), 'OEBPS/Text/ch2.xhtml': chapter(2) },
          mediaType,
        ),
      )
      expect(got.titles).toEqual(['Chapter 1', 'Chapter 2'])
      expect(got.messages).toContain(
        `epub-input-repaired: book.epub: spine item "OEBPS/Text/ch1.xhtml" is declared ${said}, not application/xhtml+xml; read as the document its name says it is`,
      )
    })

  it('a spine item whose name and type both say it is no document is still skipped', () => {
    const other = read(
      epubWith(
        ['Text/ch1.txt', 'Text/ch2.xhtml'],
        { 'OEBPS/Text/ch1.txt': 'words', 'OEBPS/Text/ch2.xhtml': chapter(2) },
        'text/plain',
      ),
    )
    expect(other.titles).toEqual(['Chapter 2'])
    expect(other.messages).toContain(
      'epub-input-spine: book.epub: spine item "OEBPS/Text/ch1.txt" is text/plain, not a document; skipped',
    )
  })
})

describe('a picture the EPUB lacks', () => {
  it('is left out, said once, and the book is still read and written', async () => {
    const bytes = epubWith(['Text/ch1.xhtml', 'Text/ch2.xhtml'], {
      'OEBPS/Text/ch1.xhtml': xhtml(
        '<h1>Chapter 1</h1><p>See <img src="../Images/gone.png" alt="a map"/> here.</p><figure><img src="../Images/lost.png" alt="x"/><figcaption>The harbour</figcaption></figure>',
      ),
      'OEBPS/Text/ch2.xhtml': xhtml('<h1>Chapter 2</h1><p><img src="../Images/gone.png" alt=""/>Text.</p>'),
    })
    const file = new SourceFile('book.epub')
    const { children, resources } = readEpub(bytes, file, { language: 'en' })
    const text = JSON.stringify(children)
    expect(text).not.toContain('"type":"image"')
    const first = children[0]!.type === 'chapter' ? children[0]!.children : []
    expect(first.map((b) => (b.type === 'paragraph' ? toText(b.children) : b.type))).toEqual([
      'See a map here.',
      'The harbour',
    ])
    expect(resources ?? {}).toEqual({})
    expect(file.messages.map((m) => m.code)).toEqual(['epub-input-image-missing'])
    expect(file.messages[0]!.message).toContain('2 pictures')
    // Through the pipeline, no resource-missing error stops the book.
    const { readEpubBook } = await import('./helpers.js')
    const { codes } = await readEpubBook(bytes)
    expect(codes).not.toContain('resource-missing')
    expect(codes).toContain('epub-input-image-missing')
  })
})
