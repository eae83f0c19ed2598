/** The EPUB renderer end to end: container, package metadata, navigation, chapters, notes, resources, determinism. */
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import {
  COVER_FONT_FILES,
  coverFontFiles,
  coverSvg,
  generateCover,
  uncoveredCharacters,
  wrap,
} from '../../src/cover/generate.js'
import { crc32 } from '../../src/crc32.js'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { BlockContent, Root } from '../../src/model/types.js'
import { epubRenderer } from '../../src/renderers/epub/index.js'
import { fileAs } from '../../src/renderers/epub/opf.js'
import { ZipWriter, zip } from '../../src/renderers/epub/zip.js'
import {
  book,
  chapter,
  fn,
  GIF_1PX,
  hr,
  p,
  ref,
  richFiles,
  richTree,
  t,
  unzip,
  unzipText,
} from './helpers.js'

const { PNG } = createRequire(import.meta.url)('pngjs') as typeof import('pngjs')

const DATE = new Date(Date.UTC(2024, 4, 1, 12, 30, 45))

async function render(
  tree: Root,
  files: Record<string, Uint8Array | string> = {},
  options = {},
  date = DATE,
) {
  const file = new SourceFile('')
  const env = createMemoryEnv(files, { date, file })
  const bytes = await epubRenderer.render(tree, { generateCover: false, ...options }, env)
  return { bytes, messages: file.messages, text: unzipText(bytes) }
}

/** Local file headers in order: name, method, extra length, DOS time and date. */
function localHeaders(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out: Array<{ name: string; method: number; extra: number; time: number; date: number }> = []
  let o = 0
  while (view.getUint32(o, true) === 0x04034b50) {
    const method = view.getUint16(o + 8, true)
    const size = view.getUint32(o + 18, true)
    const nameLength = view.getUint16(o + 26, true)
    const extra = view.getUint16(o + 28, true)
    const name = new TextDecoder().decode(bytes.subarray(o + 30, o + 30 + nameLength))
    out.push({ name, method, extra, time: view.getUint16(o + 10, true), date: view.getUint16(o + 12, true) })
    o += 30 + nameLength + extra + size
  }
  return out
}

describe('container', () => {
  it('puts mimetype first, stored, with no extra field, and every entry at the build date', async () => {
    const { bytes } = await render(book([chapter(1, [p('Hello.')])]))
    expect(new TextDecoder().decode(bytes.subarray(30, 38))).toBe('mimetype')
    expect(new TextDecoder().decode(bytes.subarray(38, 58))).toBe('application/epub+zip')
    const headers = localHeaders(bytes)
    expect(headers[0]).toMatchObject({ name: 'mimetype', method: 0, extra: 0 })
    expect(headers.map((h) => h.name).slice(1, 6)).toEqual([
      'META-INF/container.xml',
      'OEBPS/content.opf',
      'OEBPS/nav.xhtml',
      'OEBPS/toc.ncx',
      'OEBPS/css/book.css',
    ])
    for (const h of headers) {
      expect(h.extra).toBe(0)
      // 2024-05-01 12:30:44 (DOS time has two-second steps), in UTC whatever the machine's zone.
      expect(h.date).toBe(((2024 - 1980) << 9) | (5 << 5) | 1)
      expect(h.time).toBe((12 << 11) | (30 << 5) | 22)
    }
  })

  it('writes the same archive whether text is handed over as it comes or as whole entries', () => {
    // Tiny (stored: deflate would be larger), compressible, one past the first scratch size,
    // then tiny again: a stored entry must not share the reused encoding buffer.
    const texts = ['ab', '<p>é</p>'.repeat(500), `“${'x'.repeat(70_000)}”`, 'é']
    const paths = texts.map((_, i) => `OEBPS/text/${i}.xhtml`)
    const writer = new ZipWriter(6)
    const parts = texts.map((text, i) => writer.text(paths[i]!, text))
    const streamed = writer.finish(parts, DATE)
    const whole = zip(
      texts.map((text, i) => ({ path: paths[i]!, data: new TextEncoder().encode(text) })),
      DATE,
      6,
    )
    expect(Buffer.from(streamed).equals(Buffer.from(whole))).toBe(true)
    expect(localHeaders(streamed).map((h) => h.method)).toEqual([0, 8, 8, 0])
    expect(unzipText(streamed)).toEqual(Object.fromEntries(paths.map((path, i) => [path, texts[i]])))
  })

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })
})

describe('determinism', () => {
  it('gives the same bytes for the same input', async () => {
    const files = await richFiles()
    const a = await render(richTree(), files, { generateCover: true })
    const b = await render(richTree(), files, { generateCover: true })
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true)
  })

  it('changes only the dates when env.date changes', async () => {
    const files = await richFiles()
    const a = await render(richTree(), files, {}, DATE)
    const b = await render(richTree(), files, {}, new Date(Date.UTC(2025, 0, 2, 3, 4, 5)))
    expect(Object.keys(a.text)).toEqual(Object.keys(b.text))
    for (const name of Object.keys(a.text)) {
      if (name === 'OEBPS/content.opf') continue
      expect(b.text[name], name).toBe(a.text[name])
    }
    const opfA = a.text['OEBPS/content.opf']!.split('\n')
    const opfB = b.text['OEBPS/content.opf']!.split('\n')
    const differing = opfA.filter((line, i) => line !== opfB[i])
    expect(differing).toEqual(['    <meta property="dcterms:modified">2024-05-01T12:30:45Z</meta>'])
    expect(opfB).toContain('    <meta property="dcterms:modified">2025-01-02T03:04:05Z</meta>')
  })
})

describe('package document', () => {
  it('never writes an empty dc:identifier: a blank one becomes the default UUID', async () => {
    const tree = book([chapter(1, [p('Hello.')])])
    tree.metadata.identifier = { scheme: 'uri', value: '\r\n' }
    const { text } = await render(tree)
    const opf = text['OEBPS/content.opf']!
    expect(opf).toMatch(/<dc:identifier id="book-id">urn:uuid:[0-9a-f-]{36}<\/dc:identifier>/)
    expect(text['OEBPS/toc.ncx']).toMatch(/<meta name="dtb:uid" content="urn:uuid:[0-9a-f-]{36}"/)
  })

  it('writes the metadata, escaped, with refinements and compatibility metas', async () => {
    const { text } = await render(richTree(), await richFiles())
    const opf = text['OEBPS/content.opf']!
    expect(opf).toContain(
      '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="en">',
    )
    expect(opf).toContain(
      '<dc:identifier id="book-id">urn:uuid:0f9a1c52-2f0e-4c8e-9d57-3c1f6e0d8a11</dc:identifier>',
    )
    expect(opf).toContain('<dc:title id="title">A Test Book</dc:title>')
    expect(opf).toContain('<meta refines="#title" property="title-type">main</meta>')
    expect(opf).toContain('<dc:title id="subtitle">Being a Test of Everything</dc:title>')
    expect(opf).toContain('<meta refines="#subtitle" property="title-type">subtitle</meta>')
    expect(opf).toContain('<dc:creator id="author-1">Jane Writer</dc:creator>')
    expect(opf).toContain('<meta refines="#author-1" property="role" scheme="marc:relators">aut</meta>')
    expect(opf).toContain('<meta refines="#author-1" property="file-as">Writer, Jane</meta>')
    expect(opf).toContain('<meta refines="#author-2" property="file-as">Le Guin, Ursula K.</meta>')
    expect(opf).toContain('<meta refines="#contributor-1" property="role" scheme="marc:relators">trl</meta>')
    expect(opf).toContain('<meta refines="#contributor-2" property="role" scheme="marc:relators">ill</meta>')
    expect(opf).toContain('<dc:publisher>Small &#38; Press &#60;Ltd&#62;</dc:publisher>')
    expect(opf).toContain(
      '<dc:description>A book that uses "every" feature &#38; then some.</dc:description>',
    )
    expect(opf).toContain('<dc:date>2024-05-01</dc:date>')
    expect(opf).toContain('<dc:subject>Fantasy</dc:subject>')
    expect(opf).toContain('<dc:rights>CC BY 4.0</dc:rights>')
    expect(opf).toContain('<meta property="belongs-to-collection" id="series">The Test Saga</meta>')
    expect(opf).toContain('<meta refines="#series" property="collection-type">series</meta>')
    expect(opf).toContain('<meta refines="#series" property="group-position">2</meta>')
    expect(opf).toContain('<meta name="calibre:series" content="The Test Saga"/>')
    expect(opf).toContain('<meta name="calibre:series_index" content="2"/>')
    expect(opf).toContain('<meta property="dcterms:modified">2024-05-01T12:30:45Z</meta>')
  })

  it('declares accessibility metadata, with visual mode and alt text when there are images', async () => {
    const plain = (await render(book([chapter(1, [p('x')])]))).text['OEBPS/content.opf']!
    expect(plain).toContain('<meta property="schema:accessMode">textual</meta>')
    expect(plain).not.toContain('>visual<')
    expect(plain).toContain('<meta property="schema:accessModeSufficient">textual</meta>')
    expect(plain).toContain('<meta property="schema:accessibilityHazard">none</meta>')
    expect(plain).toContain(
      '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>',
    )
    expect(plain).not.toContain('alternativeText')
    const rich = (await render(richTree(), await richFiles())).text['OEBPS/content.opf']!
    expect(rich).toContain('<meta property="schema:accessMode">visual</meta>')
    expect(rich).toContain('<meta property="schema:accessibilityFeature">alternativeText</meta>')
  })

  it('maps identifiers: isbn and uri', async () => {
    const isbn = await render(
      book([chapter(1, [p('x')])], { identifier: { scheme: 'isbn', value: '978-0-306-40615-7' } }),
    )
    expect(isbn.text['OEBPS/content.opf']).toContain(
      '<dc:identifier id="book-id">urn:isbn:9780306406157</dc:identifier>',
    )
    expect(isbn.text['OEBPS/text/copyright.xhtml']).toContain('ISBN 978-0-306-40615-7')
    const uri = await render(
      book([chapter(1, [p('x')])], { identifier: { scheme: 'uri', value: 'https://example.com/book' } }),
    )
    expect(uri.text['OEBPS/content.opf']).toContain(
      '<dc:identifier id="book-id">https://example.com/book</dc:identifier>',
    )
  })

  it('leaves out a malformed date with a warning', async () => {
    const { text, messages } = await render(book([chapter(1, [p('x')])], { date: 'May 2024' }))
    expect(text['OEBPS/content.opf']).not.toContain('<dc:date>')
    expect(messages.map((m) => m.code)).toEqual(['epub-date-invalid'])
  })

  it('orders the spine: cover, title, copyright, dedication, contents, front, body, back', async () => {
    const { text } = await render(richTree(), await richFiles(), { generateCover: true })
    const spine = [...text['OEBPS/content.opf']!.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => m[1])
    expect(spine).toEqual([
      'cover',
      'titlepage',
      'copyright',
      'dedication',
      'nav',
      'chapter-001',
      'part-01',
      'chapter-002',
      'chapter-003',
      'part-02',
      'chapter-004',
      'chapter-005',
    ])
    expect(text['OEBPS/content.opf']).toContain(
      '<reference type="text" title="Start of Content" href="text/part-01.xhtml"/>',
    )
  })

  it('keeps the contents page out of the spine when toc is false', async () => {
    const { text } = await render(book([chapter(1, [p('x')])]), {}, { toc: false })
    expect(text['OEBPS/content.opf']).not.toContain('<itemref idref="nav"/>')
    expect(text['OEBPS/content.opf']).toContain('properties="nav"')
  })
})

describe('navigation', () => {
  it('nests chapters under parts in nav and NCX, with landmarks', async () => {
    const { text } = await render(richTree(), await richFiles())
    const nav = text['OEBPS/nav.xhtml']!
    expect(nav).toContain('<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">')
    expect(nav).toContain(
      '<li><a href="text/part-01.xhtml">Part One: The Road</a>\n' +
        '      <ol>\n' +
        '        <li><a href="text/chapter-002.xhtml">Chapter 1: Truly All Alone</a></li>\n' +
        '        <li><a href="text/chapter-003.xhtml">Chapter 2: Onward</a></li>\n' +
        '      </ol>\n' +
        '    </li>',
    )
    expect(nav).toContain('<li><a href="text/chapter-001.xhtml">Prologue</a></li>')
    expect(nav).toContain('<li><a href="text/chapter-005.xhtml">Afterword</a></li>')
    expect(nav).toContain('<a epub:type="bodymatter" href="text/part-01.xhtml">Start of Content</a>')
    expect(nav).toContain('<a epub:type="toc" href="nav.xhtml#toc">Contents</a>')
    const ncx = text['OEBPS/toc.ncx']!
    expect(ncx).toContain('<meta name="dtb:uid" content="urn:uuid:0f9a1c52-2f0e-4c8e-9d57-3c1f6e0d8a11"/>')
    expect(ncx).toContain('<meta name="dtb:depth" content="2"/>')
    expect(ncx).toMatch(
      /<navPoint id="nav-6" playOrder="6">\n\s+<navLabel><text>Chapter 1: Truly All Alone<\/text><\/navLabel>\n\s+<content src="text\/chapter-002.xhtml"\/>/,
    )
  })
})

describe('chapters', () => {
  it('writes the section, heading spans, subtitle and lang', async () => {
    const { text } = await render(richTree(), await richFiles())
    const ch = text['OEBPS/text/chapter-002.xhtml']!
    expect(ch).toContain(
      '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">',
    )
    expect(ch).toContain('<title>Chapter 1: Truly All Alone</title>')
    expect(ch).toContain(
      '<section epub:type="chapter" role="doc-chapter" id="ch-002" aria-labelledby="ch-002-title">',
    )
    expect(ch).toContain(
      '<h1 id="ch-002-title"><span class="chapter-label">Chapter 1</span> <span class="chapter-title">Truly All Alone</span></h1>\n<p class="chapter-subtitle">In which nothing happens</p>',
    )
    const prologue = text['OEBPS/text/chapter-001.xhtml']!
    expect(prologue).toContain('<body epub:type="frontmatter">')
    expect(prologue).toContain(
      '<section epub:type="prologue" role="doc-prologue" id="prologue" aria-labelledby="prologue-title">',
    )
    expect(text['OEBPS/text/part-01.xhtml']).toContain(
      '<section epub:type="part" role="doc-part" id="part-01" aria-labelledby="part-01-title">\n<h1 id="part-01-title"><span class="part-label">Part One</span> <span class="part-title">The Road</span></h1>',
    )
  })

  it('resolves internal links across files and drops unknown ones with a warning', async () => {
    const tree = book([
      chapter(1, [
        p(
          { type: 'link', url: '#second', children: [t('next')] },
          {
            type: 'link',
            url: '#nowhere',
            children: [t('lost')],
            position: { start: { line: 4, column: 2 }, end: { line: 4, column: 9 } },
          },
        ),
      ]),
      chapter(2, [p('x')], { id: 'second' }),
    ])
    const { text, messages } = await render(tree)
    expect(text['OEBPS/text/chapter-001.xhtml']).toContain('<a href="chapter-002.xhtml#second">next</a>lost')
    expect(messages).toEqual([
      expect.objectContaining({
        code: 'epub-link-target-missing',
        file: 'chapters/01.md',
        line: 4,
        column: 2,
      }),
    ])
  })

  it('sets dir and page progression for right-to-left books', async () => {
    const { text } = await render(book([chapter(1, [p('שלום')])], { language: 'he' }))
    expect(text['OEBPS/content.opf']).toContain('<spine toc="ncx" page-progression-direction="rtl">')
    expect(text['OEBPS/text/chapter-001.xhtml']).toContain('lang="he" xml:lang="he" dir="rtl"')
    expect(text['OEBPS/nav.xhtml']).toContain('dir="rtl"')
    const ltr = await render(book([chapter(1, [p('x')])], { language: 'ar', direction: 'ltr' }))
    expect(ltr.text['OEBPS/content.opf']).toContain('<spine toc="ncx">')
  })

  it('escapes nasty titles and names everywhere', async () => {
    const nasty = `A & B <c> "d" 'e' ]]> \u0007`
    const tree = book([chapter(1, [p('x')], { title: [t(nasty)] })], {
      title: nasty,
      authors: [{ name: nasty }],
    })
    const { text } = await render(tree)
    for (const [name, body] of Object.entries(text)) {
      if (!/\.(xhtml|opf|ncx)$/.test(name)) continue
      expect(body, name).not.toMatch(/]]>|<c>|\u0007|&amp;/)
    }
    expect(text['OEBPS/text/chapter-001.xhtml']).toContain(
      `<title>Chapter 1: A &#38; B &#60;c&#62; "d" 'e' ]]&#62;</title>`,
    )
  })
})

describe('footnotes', () => {
  it('links references and notes both ways, with book-unique ids', async () => {
    const tree = book([
      chapter(1, [p('One', ref('a')), p('Two', ref('a')), fn('a', p('Note A.'))]),
      chapter(2, [p('Three', ref('a')), fn('a', p('Another A.'))]),
    ])
    const { text, messages } = await render(tree)
    const one = text['OEBPS/text/chapter-001.xhtml']!
    expect(one).toContain(
      '<a class="noteref" id="fnref-1-1" href="#fn-1-1" epub:type="noteref" role="doc-noteref">1</a>',
    )
    expect(one).toContain(
      '<a class="noteref" id="fnref-1-1-2" href="#fn-1-1" epub:type="noteref" role="doc-noteref">1</a>',
    )
    expect(one).toContain(
      '<aside class="footnote" epub:type="footnote" role="doc-footnote" id="fn-1-1">\n<p class="first"><a class="footnote-back" href="#fnref-1-1" role="doc-backlink" title="Back to text">1.</a> Note A.</p>\n</aside>',
    )
    expect(text['OEBPS/text/chapter-002.xhtml']).toContain('id="fn-2-1"')
    expect(messages).toEqual([])
  })

  it('keeps the first of two definitions with one identifier, with a warning', async () => {
    const { text, messages } = await render(
      book([chapter(1, [p('x', ref('d')), fn('d', p('First.')), fn('d', p('Second.'))])]),
    )
    expect(text['OEBPS/text/chapter-001.xhtml']).toContain('First.')
    expect(text['OEBPS/text/chapter-001.xhtml']).not.toContain('Second.')
    expect(messages.map((m) => m.code)).toEqual(['epub-footnote-duplicate'])
  })

  it('warns about unreferenced notes and missing definitions', async () => {
    const tree = book([
      chapter(1, [
        p('One', ref('missing', 2, 4)),
        {
          ...fn('unused', p('Never cited.')),
          position: { start: { line: 9, column: 1 }, end: { line: 9, column: 20 } },
        } as BlockContent,
      ]),
    ])
    const { text, messages } = await render(tree)
    const ch = text['OEBPS/text/chapter-001.xhtml']!
    expect(ch).toContain('One[missing]')
    expect(ch).not.toContain('Never cited')
    expect(messages).toEqual([
      expect.objectContaining({
        code: 'epub-footnote-missing',
        level: 'warning',
        file: 'chapters/01.md',
        line: 2,
        column: 4,
      }),
      expect.objectContaining({
        code: 'epub-footnote-unused',
        level: 'warning',
        file: 'chapters/01.md',
        line: 9,
        column: 1,
      }),
    ])
  })
})

describe('splitting long chapters', () => {
  const para = (i: number) => p(`Paragraph ${i} `.padEnd(1000, 'x'))

  it('splits at a scene break, keeps notes with their references, points the TOC at the first piece', async () => {
    const children: BlockContent[] = []
    for (let i = 0; i < 30; i++) children.push(para(i))
    children.push(hr())
    for (let i = 30; i < 45; i++) children.push(i === 40 ? p('Cited late', ref('n')) : para(i))
    children.push(fn('n', p('The late note.')))
    const { text, messages } = await render(book([chapter(1, children)]), {}, { maxFileBytes: 40_000 })
    expect(messages).toEqual([])
    const first = text['OEBPS/text/chapter-001.xhtml']!
    const second = text['OEBPS/text/chapter-001-2.xhtml']!
    expect(Buffer.byteLength(first)).toBeLessThanOrEqual(40_000)
    expect(Buffer.byteLength(second)).toBeLessThanOrEqual(40_000)
    // The cut falls on the scene break, which opens the second file.
    expect(first).toContain('Paragraph 29')
    expect(first).not.toContain('Paragraph 30')
    expect(second).toMatch(
      /<section epub:type="chapter" role="doc-chapter" aria-label="Chapter 1">\n<hr class="scene-break"\/>/,
    )
    expect(second).toContain('href="#fn-1-1"')
    expect(second).toContain('id="fn-1-1"')
    expect(first).not.toContain('id="fn-1-1"')
    expect(text['OEBPS/nav.xhtml']).toContain('<a href="text/chapter-001.xhtml">Chapter 1</a>')
    expect(text['OEBPS/nav.xhtml']).not.toContain('chapter-001-2')
    expect(text['OEBPS/content.opf']).toContain('<itemref idref="chapter-001-2"/>')
  })

  it('splits between paragraphs when there is no scene break, every file under the limit', async () => {
    const children: BlockContent[] = []
    for (let i = 0; i < 200; i++) children.push(i === 150 ? p('Cite', ref('z')) : para(i))
    children.push(fn('z', p('Zed.')))
    children.unshift(p('Early', ref('z')))
    const { text } = await render(book([chapter(1, children)]), {}, { maxFileBytes: 30_000 })
    const pieces = Object.keys(text).filter((n) => n.startsWith('OEBPS/text/chapter-001'))
    expect(pieces.length).toBeGreaterThanOrEqual(7)
    for (const name of pieces) expect(Buffer.byteLength(text[name]!), name).toBeLessThanOrEqual(30_000)
    // The note sits with its first reference; the later reference points into that file.
    expect(text['OEBPS/text/chapter-001.xhtml']).toContain('id="fn-1-1"')
    const later = pieces.find((n) => text[n]!.includes('Cite<sup class="noteref"><a'))!
    expect(text[later]).toContain('href="chapter-001.xhtml#fn-1-1"')
    const all = pieces.map((n) => text[n]).join('')
    for (let i = 0; i < 200; i++) if (i !== 150) expect(all).toContain(`Paragraph ${i} x`)
  })

  it('warns when a single block is over the limit', async () => {
    const { messages } = await render(
      book([chapter(1, [p('y'.repeat(50_000))])]),
      {},
      { maxFileBytes: 20_000 },
    )
    expect(messages.map((m) => m.code)).toEqual(['epub-file-too-large'])
  })
})

describe('resources', () => {
  it('stores each image once, sniffs its type, and reports problems at the image', async () => {
    const tree = book([
      chapter(1, [
        p(
          { type: 'image', url: 'img/a.gif', alt: 'A' },
          { type: 'image', url: './img/a.gif', alt: 'A again' },
        ),
        p({
          type: 'image',
          url: 'img/fake.png',
          alt: 'fake',
          position: { start: { line: 3, column: 5 }, end: { line: 3, column: 9 } },
        }),
        p({
          type: 'image',
          url: 'img/none.png',
          alt: 'none',
          position: { start: { line: 4, column: 1 }, end: { line: 4, column: 9 } },
        }),
        p({
          type: 'image',
          url: '../secret.png',
          alt: 'outside',
          position: { start: { line: 5, column: 1 }, end: { line: 5, column: 9 } },
        }),
        p({
          type: 'image',
          url: 'img/a.gif',
          position: { start: { line: 6, column: 2 }, end: { line: 6, column: 9 } },
        }),
      ]),
    ])
    const { bytes, text, messages } = await render(tree, {
      'img/a.gif': GIF_1PX,
      'img/fake.png': 'not an image',
    })
    const files = unzip(bytes)
    expect(Object.keys(files).filter((n) => n.startsWith('OEBPS/images/'))).toEqual([
      'OEBPS/images/image-001.gif',
    ])
    expect(text['OEBPS/content.opf']).toContain(
      '<item id="image-001" href="images/image-001.gif" media-type="image/gif"/>',
    )
    const ch = text['OEBPS/text/chapter-001.xhtml']!
    expect(ch).toContain(
      '<img class="inline" src="../images/image-001.gif" alt="A"/><img class="inline" src="../images/image-001.gif" alt="A again"/>',
    )
    expect(ch).toContain('<span class="image-missing">fake</span>')
    expect(ch).toContain('<span class="image-missing">outside</span>')
    expect(messages.map((m) => [m.code, m.level, m.file, m.line, m.column])).toEqual([
      ['resource-unknown-type', 'error', 'chapters/01.md', 3, 5],
      ['resource-missing', 'error', 'chapters/01.md', 4, 1],
      ['resource-outside-book', 'error', 'chapters/01.md', 5, 1],
      ['image-no-alt', 'warning', 'chapters/01.md', 6, 2],
    ])
  })

  it('warns once about a WebP image, which older reading systems cannot show', async () => {
    const webp = Uint8Array.from(atob('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=='), (c) =>
      c.charCodeAt(0),
    )
    const image = {
      type: 'image' as const,
      url: 'a.webp',
      alt: 'dot',
      position: { start: { line: 2, column: 3 }, end: { line: 2, column: 9 } },
    }
    const { text, messages } = await render(book([chapter(1, [p(image, { ...image })])]), { 'a.webp': webp })
    expect(text['OEBPS/content.opf']).toContain('media-type="image/webp"')
    expect(messages.map((m) => [m.code, m.file, m.line])).toEqual([['epub-image-webp', 'chapters/01.md', 2]])
  })

  it('uses the given cover with an SVG wrapper page and the EPUB 2 cover meta', async () => {
    const { text } = await render(richTree({ cover: 'images/cover.png' }), await richFiles())
    const opf = text['OEBPS/content.opf']!
    expect(opf).toContain(
      '<item id="cover-image" href="images/cover.png" media-type="image/png" properties="cover-image"/>',
    )
    expect(opf).toContain(
      '<item id="cover" href="text/cover.xhtml" media-type="application/xhtml+xml" properties="svg"/>',
    )
    expect(opf).toContain('<meta name="cover" content="cover-image"/>')
    expect(text['OEBPS/text/cover.xhtml']).toContain('viewBox="0 0 160 256"')
    expect(text['OEBPS/text/cover.xhtml']).toContain(
      '<image width="160" height="256" xlink:href="../images/cover.png"/>',
    )
  })

  it('generates a 1600×2560 PNG cover when none is given, and when the given one is missing', async () => {
    const file = new SourceFile('')
    const env = createMemoryEnv({}, { date: DATE, file })
    const bytes = await epubRenderer.render(book([chapter(1, [p('x')])], { cover: 'nope.jpg' }), {}, env)
    expect(file.messages.map((m) => m.code)).toEqual(['resource-missing'])
    const png = unzip(bytes)['OEBPS/images/cover.png']!
    expect(Array.from(png.subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47])
    const view = new DataView(png.buffer, png.byteOffset)
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1600, 2560])
  })

  it('embeds fonts with @font-face and appends the author stylesheet', async () => {
    const { readFileSync } = await import('node:fs')
    const { createRequire } = await import('node:module')
    const require = createRequire(import.meta.url)
    const ttf = readFileSync(
      require.resolve('@expo-google-fonts/literata/400Regular_Italic/Literata_400Regular_Italic.ttf'),
    )
    const { text, messages } = await render(
      book([chapter(1, [p('x')])]),
      {
        'fonts/lit.ttf': ttf,
        'style.css': '@charset "UTF-8";\nbody { font-family: "Literata"; }',
        'fonts/bad.ttf': 'nope',
      },
      {
        fonts: ['fonts/lit.ttf', 'fonts/bad.ttf'],
        css: 'style.css',
      },
    )
    const css = text['OEBPS/css/book.css']!
    expect(css).toContain(
      '@font-face {\n  font-family: "Literata";\n  font-weight: 400;\n  font-style: italic;\n  src: url("../fonts/font-01.ttf");\n}',
    )
    expect(css.trimEnd().endsWith('body { font-family: "Literata"; }')).toBe(true)
    expect(css.match(/@charset/g)).toHaveLength(1)
    expect(text['OEBPS/content.opf']).toContain(
      '<item id="font-01" href="fonts/font-01.ttf" media-type="font/ttf"/>',
    )
    expect(messages.map((m) => m.code)).toEqual(['resource-unknown-type'])
  })
})

describe('pages', () => {
  it('writes the copyright line from rights, and never invents a ©', async () => {
    const withRights = await render(richTree(), await richFiles())
    const page = withRights.text['OEBPS/text/copyright.xhtml']!
    expect(page).toContain('<p class="rights">CC BY 4.0</p>')
    expect(page).toContain('<p class="contributors">Translated by Tom Trans</p>')
    expect(page).toContain('<p class="edition">First edition</p>')
    expect(page).toContain('<p class="made-with">Made with Octavo</p>')
    const plain = await render(book([chapter(1, [p('x')])], { date: '2021-03' }))
    expect(plain.text['OEBPS/text/copyright.xhtml']).not.toMatch(/©|class="rights"/)
    expect(plain.text['OEBPS/text/copyright.xhtml']).toContain('<p class="date">Published March 2021</p>')
    expect(plain.text['OEBPS/text/dedication.xhtml']).toBeUndefined()
  })
})

describe('generated cover', () => {
  it('wraps at spaces, then after hyphens, then inside over-long words', () => {
    expect(wrap('one two three', 10, 60)).toEqual(['one two', 'three'])
    expect(wrap('Featherstonehaugh-Cholmondeley', 10, 100)).toEqual(['Featherstonehaugh-', 'Cholmondeley'])
    expect(wrap('Supercalifragilistic', 10, 50).join('')).toBe('Supercalifragilistic')
    expect(wrap('Supercalifragilistic', 10, 30).length).toBeGreaterThan(2)
  })

  it('escapes the text it draws and shows series, subtitle and authors', () => {
    const svg = coverSvg({
      title: 'A & B <C>',
      subtitle: 'Sub',
      authors: [{ name: 'X "Y"' }],
      language: 'en',
      identifier: { scheme: 'uuid', value: 'u' },
      subjects: [],
      contributors: [],
      series: { name: 'Saga', number: 3 },
    })
    expect(svg).toContain('>A &#38; B &#60;C&#62;</text>')
    expect(svg).toContain('>Sub</text>')
    expect(svg).toContain('>X "Y"</text>')
    expect(svg).toContain('>SAGA · BOOK 3</text>')
  })

  it('knows which characters no cover face can draw', async () => {
    expect(await uncoveredCharacters('Война и мир · Ὀδύσσεια · Ærøskøbing — “quoted”…')).toEqual([])
    expect(await uncoveredCharacters('ألف ليلة وليلة · שָׁלוֹם')).toEqual([])
    expect(await uncoveredCharacters('Love 💕 in 東京')).toEqual(['💕', '東', '京'])
    // With the regional CJK faces the cover then loads (optional packages, here installed).
    expect(
      await uncoveredCharacters('Love 💕 in 東京', undefined, coverFontFiles('Love 💕 in 東京')),
    ).toEqual(['💕'])
  })

  it('draws Chinese, Japanese and Korean with the faces their language calls for', () => {
    const regional = (text: string, language?: string) =>
      coverFontFiles(text, language)
        .filter((f) => f.startsWith('noto-serif-') && /(jp|sc|tc|kr)\//.test(f))
        .map((f) => f.split('/')[0])
    expect(coverFontFiles('Pride and Prejudice', 'en')).toBe(COVER_FONT_FILES)
    expect(regional('東京の夜', 'ja')).toEqual(['noto-serif-jp', 'noto-serif-jp'])
    expect(regional('东京之夜', 'zh-CN')).toEqual(['noto-serif-sc', 'noto-serif-sc'])
    expect(regional('東京之夜', 'zh-TW')).toEqual(['noto-serif-tc', 'noto-serif-tc'])
    expect(regional('서울의 밤', 'ko')).toEqual(['noto-serif-kr', 'noto-serif-kr'])
    // Kana make an English book's title Japanese; Hangul beside it brings the Korean faces too.
    expect(regional('Tokyo ひかり 서울', 'en')).toEqual([
      'noto-serif-jp',
      'noto-serif-jp',
      'noto-serif-kr',
      'noto-serif-kr',
    ])
  })

  it('draws an Arabic or Hebrew title, and makes no cover for one it cannot draw', async () => {
    const inkOf = (png: Uint8Array) => {
      // Light pixels in the title band (the ground is dark): how much of the title is drawn.
      const image = PNG.sync.read(Buffer.from(png))
      let ink = 0
      for (let y = 600; y < 1400; y += 2)
        for (let x = 200; x < 1400; x += 2) if (image.data[(y * image.width + x) * 4]! > 180) ink++
      return ink
    }
    const meta = (title: string) => {
      const { subtitle: _, ...rest } = richTree().metadata
      return { ...rest, title }
    }
    const arabic = inkOf(await generateCover(meta('ألف ليلة وليلة')))
    const hebrew = inkOf(await generateCover(meta('שלום עולם')))
    const latin = inkOf(await generateCover(meta('Alif Layla')))
    expect(arabic).toBeGreaterThan(latin / 3)
    expect(hebrew).toBeGreaterThan(latin / 3)

    const japanese = inkOf(await generateCover({ ...meta('東京の夜'), language: 'ja' }))
    expect(japanese).toBeGreaterThan(latin / 3)

    const tree = book([chapter(1, [p('Hello.')])])
    tree.metadata.title = 'Love 💕'
    const { text, messages } = await render(tree, {}, { generateCover: true })
    expect(messages.map((m) => m.code)).toContain('epub-cover-glyphs')
    expect(messages.find((m) => m.code === 'epub-cover-glyphs')?.message).toContain('"💕" (U+1F495)')
    expect(Object.keys(text).some((name) => name.includes('cover'))).toBe(false)

    tree.metadata.title = '東京の夜'
    const cjk = await render(tree, {}, { generateCover: true })
    expect(cjk.messages.map((m) => m.code)).not.toContain('epub-cover-glyphs')
    expect(Object.keys(cjk.text).some((name) => name.includes('cover'))).toBe(true)
  })
})

describe('helpers', () => {
  it('derives file-as names', () => {
    expect(fileAs('Jane Austen')).toBe('Austen, Jane')
    expect(fileAs('Ursula K. Le Guin')).toBe('Le Guin, Ursula K.')
    expect(fileAs('Martin Luther King Jr.')).toBe('King, Martin Luther, Jr.')
    expect(fileAs('Homer')).toBe('Homer')
    expect(fileAs('Tolstoy, Leo')).toBe('Tolstoy, Leo')
  })
})
