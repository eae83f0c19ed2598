/**
 * Pictures written into a chapter as data: URLs, as Google Docs' "Download as Markdown" writes
 * every picture (base64, in a reference definition), are the book's files: named under the
 * chapter's path, each once however often it is used, named by what their bytes are; a data: URL
 * that is not a picture a book shows is dropped with a warning saying why. In Markdown (and its
 * raw HTML) and in an HTML page; the book passes EPUBCheck.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { crc32 } from '../../src/crc32.js'
import { SourceFile } from '../../src/diagnostics/file.js'
import { loadBook } from '../../src/index.js'
import type { Chapter } from '../../src/model/types.js'
import { htmlReader } from '../../src/readers/html.js'
import { markdownReader } from '../../src/readers/markdown.js'
import { CONTAINER, handEpub, readEpubBook, xhtml } from '../readers-epub/helpers.js'
import { PNG as PIXEL } from '../readers-odt/make.js'
import { expectEpubcheckPasses } from '../robustness/helpers.js'

process.env.SOURCE_DATE_EPOCH ??= '1700000000'

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))

/** A red PNG of `w`×`h` pixels. */
function png(w: number, h: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const body = new Uint8Array([...new TextEncoder().encode(type), ...data])
    const out = new Uint8Array(12 + data.length)
    const view = new DataView(out.buffer)
    view.setUint32(0, data.length)
    out.set(body, 4)
    view.setUint32(8 + data.length, crc32(body) >>> 0)
    return out
  }
  const header = new Uint8Array(13)
  new DataView(header.buffer).setUint32(0, w)
  new DataView(header.buffer).setUint32(4, h)
  header.set([8, 2, 0, 0, 0], 8)
  const rows = new Uint8Array(h * (1 + 3 * w))
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rows.set([200, 40, 40], y * (1 + 3 * w) + 1 + 3 * x)
  return new Uint8Array([
    ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    ...chunk('IHDR', header),
    ...chunk('IDAT', new Uint8Array(deflateSync(rows))),
    ...chunk('IEND', new Uint8Array()),
  ])
}
const PNG = png(16, 12)
const images = (value: unknown): Array<{ url: string; alt?: string }> => {
  const out: Array<{ url: string; alt?: string }> = []
  JSON.stringify(value, (_k, v) => {
    if (v && typeof v === 'object' && v.type === 'image')
      out.push({ url: v.url, ...(v.alt ? { alt: v.alt } : {}) })
    return v
  })
  return out
}

/** What Google Docs' Markdown export looks like: pictures as reference definitions at the end. */
const GOOGLE_DOCS = `# Chapter One

It was a dark night.

![][image1]

Inline: ![a map](data:image/png;base64,${base64(PNG)}) and raw <img src="data:image/png;base64,${base64(PNG)}" alt="raw">.

![not a picture][image2] ![noise](data:image/png;base64,AAAA) ![](data:image/png;base64,${base64(PIXEL)})

[image1]: <data:image/png;base64,${base64(PNG)}>
[image2]: <data:text/plain;base64,aGVsbG8=>
`

describe('pictures written as data: URLs', () => {
  it('in Markdown are taken in once each, named by their bytes; what is no picture is said', async () => {
    const file = new SourceFile('chapters/one.md')
    const result = await markdownReader.read(GOOGLE_DOCS, file, { language: 'en' })
    expect(Object.keys(result.resources ?? {})).toEqual(['chapters/one.md/image-1.png'])
    expect(result.resources?.['chapters/one.md/image-1.png']).toEqual(PNG)
    expect(images((result.children[0] as Chapter).children)).toEqual([
      { url: 'chapters/one.md/image-1.png' },
      { url: 'chapters/one.md/image-1.png', alt: 'a map' },
      { url: 'chapters/one.md/image-1.png', alt: 'raw' },
    ])
    expect(file.messages.map((m) => [m.code, m.line])).toEqual([
      ['md-data-image', 9],
      ['md-data-image', 9],
      ['md-data-image', 9],
    ])
    expect(file.messages.map((m) => m.message)).toEqual([
      'Dropped an image inlined as a data: URL: its type "text/plain" is not a picture a book shows',
      'Dropped an image inlined as a data: URL: its bytes are not a PNG, JPEG, GIF, WebP or SVG picture',
      "Dropped an image inlined as a data: URL: it is a placeholder of 1×1 pixels (a saved page's spacer), not a picture",
    ])
  })

  it('in an HTML page are taken in too, an SVG written out (percent-encoded) included', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'
    const file = new SourceFile('story.html')
    const result = htmlReader.read(
      `<html><body><h1>Chapter One</h1><p><img src="data:image/png;base64,${base64(PNG)}" alt="A map"></p><p><img src="data:image/svg+xml,${encodeURIComponent(svg)}" alt="A mark"></p></body></html>`,
      file,
      { language: 'en' },
    )
    expect(images(result.children)).toEqual([
      { url: 'story.html/image-1.png', alt: 'A map' },
      { url: 'story.html/image-2.svg', alt: 'A mark' },
    ])
    expect(new TextDecoder().decode(result.resources?.['story.html/image-2.svg'])).toBe(svg)
    expect(file.messages).toEqual([])
  })

  it('a saved page’s lazy-loading placeholder is not taken for the picture it stands for', () => {
    const file = new SourceFile('saved.html')
    const result = htmlReader.read(
      `<html><body><h1>Chapter One</h1><p><img src="data:image/png;base64,${base64(PNG)}" data-src="https://example.com/real.jpg" alt="The real one"></p></body></html>`,
      file,
      { language: 'en' },
    )
    expect(images(result.children)).toEqual([])
    expect(result.resources).toBeUndefined()
    expect(file.messages.map((m) => m.code)).toEqual(['html-remote-image'])
    expect(JSON.stringify(result.children)).toContain('The real one')
  })

  it('in an EPUB’s documents are taken in as the EPUB’s own pictures are', async () => {
    const opf = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Tides</dc:title><dc:language>en</dc:language><dc:identifier id="id">urn:uuid:0b9ee5d5-4d57-4ab4-9c5b-0a4b1e3ec0a1</dc:identifier><meta property="dcterms:modified">2024-01-01T00:00:00Z</meta></metadata><manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/></spine></package>`
    const { book } = await readEpubBook(
      handEpub({
        'META-INF/container.xml': CONTAINER,
        'OEBPS/content.opf': opf,
        'OEBPS/c1.xhtml': xhtml(
          `<h1>One</h1><p>A map:</p><p><img src="data:image/png;base64,${base64(PNG)}" alt="The map"/></p>`,
        ),
      }),
    )
    const found = images(book.tree.children)
    expect(found).toEqual([{ url: 'novel.epub/OEBPS/c1.xhtml/image-1.png', alt: 'The map' }])
    expect(await book.env.readFile(found[0]!.url, 'image')).toEqual(PNG)
  })

  it('a book of such chapters builds to an EPUB that passes EPUBCheck', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-data-images-'))
    writeFileSync(path.join(dir, 'one.md'), GOOGLE_DOCS)
    writeFileSync(
      path.join(dir, 'two.md'),
      `# Chapter Two\n\n![again](data:image/png;base64,${base64(PNG)})\n`,
    )
    const { book, diagnostics } = await loadBook(dir, { metadata: { title: 'T', authors: [{ name: 'A' }] } })
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    await expectEpubcheckPasses(book!)
  })
})
