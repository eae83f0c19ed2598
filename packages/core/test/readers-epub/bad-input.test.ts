/**
 * The EPUB reader on hostile and broken input: not a zip, no package, a missing or looping spine,
 * missing documents, XXE and entity bombs in the OPF, DRM, random and mutated archives. Each gives
 * its diagnostic naming the file; none throws; an AO3 preface becomes the work's metadata.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { epubReader } from '../../src/readers/epub/index.js'
import type { ReadResult } from '../../src/readers/types.js'
import { fcRuns } from '../fast-check.js'
import { CONTAINER, handEpub, xhtml } from './helpers.js'

async function read(bytes: Uint8Array | string) {
  const file = new SourceFile('in/novel.epub')
  const result: ReadResult = await epubReader.read(bytes, file, { language: 'en' })
  for (const m of file.messages) expect(`${m.file} ${m.message}`).toContain('novel.epub')
  return { result, codes: file.messages.map((m) => m.code), messages: file.messages }
}

const opf = (manifest: string, spine: string, metadata = '<dc:title>T</dc:title>') =>
  `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">${metadata}</metadata><manifest>${manifest}</manifest><spine>${spine}</spine></package>`

const item = (id: string, href: string, type = 'application/xhtml+xml') =>
  `<item id="${id}" href="${href}" media-type="${type}"/>`

describe('EPUB reader: bad input', () => {
  it('not a zip, text, empty', async () => {
    expect((await read(new TextEncoder().encode('hello'))).codes).toEqual(['archive-not-zip'])
    expect((await read('a string')).codes).toEqual(['archive-not-zip'])
    expect((await read(new Uint8Array(0))).codes).toEqual(['archive-not-zip'])
  })

  it('a zip with no package document', async () => {
    const { codes } = await read(handEpub({ 'a.txt': 'x' }))
    expect(codes).toEqual(['epub-input-no-package'])
  })

  it('a missing, looping or broken spine', async () => {
    const bytes = handEpub({
      'META-INF/container.xml': CONTAINER,
      'OEBPS/content.opf': opf(
        item('a', 'a.xhtml') + item('gone', 'gone.xhtml') + item('img', 'x.png', 'image/png'),
        '<itemref idref="a"/><itemref idref="a"/><itemref idref="nope"/><itemref idref="gone"/><itemref idref="img"/>',
      ),
      'OEBPS/a.xhtml': xhtml('<h1>One</h1><p>Words.</p>'),
    })
    const { result, codes } = await read(bytes)
    expect(result.children.length).toBe(1)
    expect(codes.filter((c) => c === 'epub-input-spine').length).toBe(4)
    const empty = await read(
      handEpub({ 'META-INF/container.xml': CONTAINER, 'OEBPS/content.opf': opf('', '') }),
    )
    expect(empty.codes).toContain('epub-input-empty')
  })

  it('an OPF with XXE or an entity bomb expands nothing and still reads', async () => {
    const bomb = `<!DOCTYPE package [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>`
    const bytes = handEpub({
      'META-INF/container.xml': CONTAINER,
      'OEBPS/content.opf': opf(
        item('a', 'a.xhtml'),
        '<itemref idref="a"/>',
        '<dc:title>&b;&xxe;</dc:title>',
      ).replace('<package', `${bomb}<package`),
      'OEBPS/a.xhtml': xhtml('<p>Words.</p>'),
    })
    const { result, codes } = await read(bytes)
    expect(codes).toContain('xml-malformed')
    expect(result.metadata?.title).toBe('&b;&xxe;')
    expect(result.children.length).toBe(1)
  })

  it('DRM-encrypted documents are one error', async () => {
    const bytes = handEpub({
      'META-INF/container.xml': CONTAINER,
      'META-INF/encryption.xml':
        '<encryption><EncryptedData><CipherData><CipherReference URI="OEBPS/a.xhtml"/></CipherData></EncryptedData></encryption>',
      'OEBPS/content.opf': opf(item('a', 'a.xhtml'), '<itemref idref="a"/>'),
      'OEBPS/a.xhtml': 'binary garbage',
    })
    expect((await read(bytes)).codes).toEqual(['epub-input-drm'])
  })

  it("takes AO3's preface as the work's metadata and keeps its afterword as back matter; titles from the NCX", async () => {
    const ncx = `<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap><navPoint id="p1"><navLabel><text>Chapter 1: Arrival</text></navLabel><content src="ch1.xhtml"/></navPoint></navMap></ncx>`
    const bytes = handEpub({
      'META-INF/container.xml': CONTAINER,
      'OEBPS/content.opf': opf(
        item('pre', 'preface.xhtml') +
          item('c1', 'ch1.xhtml') +
          item('aft', 'afterword.xhtml') +
          item('ncx', 'toc.ncx', 'application/x-dtbncx+xml'),
        '<itemref idref="pre"/><itemref idref="c1"/><itemref idref="aft"/>',
      ).replace('<spine>', '<spine toc="ncx">'),
      'OEBPS/toc.ncx': ncx,
      'OEBPS/preface.xhtml': xhtml(
        '<div id="preface"><h1>Arrival</h1><div class="meta"><dl class="tags"><dt>Rating:</dt><dd>General</dd></dl><p>Summary</p><blockquote class="userstuff"><p>She arrives.</p></blockquote></div></div>',
      ),
      'OEBPS/ch1.xhtml': xhtml('<div class="userstuff"><p>The train stopped.</p></div>'),
      'OEBPS/afterword.xhtml': xhtml('<div id="afterword"><p>Thanks for reading.</p></div>'),
    })
    const { result, messages } = await read(bytes)
    const chapters = result.children.filter((c) => c.type === 'chapter')
    // The preface's details become metadata (and Octavo's own preface page), not a second preface.
    expect(chapters.map((c) => c.matter)).toEqual(['body', 'back'])
    expect(result.metadata?.rating).toBe('General')
    expect(
      messages.some((m) => m.code === 'epub-input-generated-page' && /AO3's preface/.test(m.message)),
    ).toBe(true)
    const body = chapters[0]!
    expect(body.number).toBe(1)
    expect(body.title).toEqual([{ type: 'text', value: 'Arrival' }])
  })

  const sample = handEpub({
    'META-INF/container.xml': CONTAINER,
    'OEBPS/content.opf': opf(
      item('a', 'a.xhtml') + item('b', 'b.xhtml'),
      '<itemref idref="a"/><itemref idref="b"/>',
    ),
    'OEBPS/a.xhtml': xhtml('<h1>One</h1><p>Words <em>here</em>.</p>'),
    'OEBPS/b.xhtml': xhtml('<h1>Two</h1><p>More words.</p><img src="../x.png" alt=""/>'),
  })

  it('never throws on random bytes or mutated EPUBs, and names the file in every diagnostic', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 1500 }), async (bytes) => {
        await read(bytes)
      }),
      { numRuns: fcRuns(150) },
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(sample.length - 1), value: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (mutations) => {
          const bytes = sample.slice()
          for (const m of mutations) bytes[m.at] = m.value
          const { messages } = await read(bytes)
          expect(messages.every((m) => m.code !== 'internal-error')).toBe(true)
        },
      ),
      { numRuns: fcRuns(300) },
    )
  })
})
