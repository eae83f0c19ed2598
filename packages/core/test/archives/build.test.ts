/**
 * An archive download in, a book out: each site's page (pages.ts) built from a folder as a new
 * user would, checked by EPUBCheck (0 errors, 0 warnings) and, for the AO3 download, Ace; the
 * OPF carries the work's metadata the way calibre, KOReader, Apple Books and Kobo read it; the
 * preface and end notes are in the book; a rebuild with one more chapter is the same book.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { loadBook, render } from '../../src/index.js'
import { aceViolations, epubcheck, summarise, tempFile, unzip, unzipText, which } from '../epub/helpers.js'
import { need } from '../tools.js'
import {
  ao3ChapterPage,
  ao3Download,
  ffnPage,
  royalRoadPage,
  scribbleHubPage,
  spaceBattlesReader,
  wattpadPage,
} from './pages.js'

const _run = promisify(execFile)

async function build(files: Record<string, string>, yaml?: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'octavo-archive-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  if (yaml) writeFileSync(path.join(dir, 'book.yaml'), yaml)
  const { book, diagnostics } = await loadBook(yaml ? path.join(dir, 'book.yaml') : dir)
  expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
  const bytes = await render(book!, 'epub')
  return { book: book!, bytes, text: unzipText(bytes), diagnostics }
}

const SITES: Record<string, Record<string, string>> = {
  'ao3-download': { 'work.html': ao3Download() },
  'ao3-chapter-page': { 'chapter.html': ao3ChapterPage },
  ffn: { 'a.html': ffnPage(2, 'Thaw'), 'b.html': ffnPage(1, 'First Snow') },
  'royal-road': {
    'z.html': royalRoadPage(1, 'Chapter 1 - Good Morning Brother', '2026-03-01'),
    'a.html': royalRoadPage(2, 'Chapter 2 - Life Goes On', '2026-03-08'),
  },
  wattpad: { 'part.html': wattpadPage },
  'scribble-hub': { 'chapter.html': scribbleHubPage },
  spacebattles: { 'reader.html': spaceBattlesReader },
}

describe('each site builds to a valid EPUB with its metadata and preface', () => {
  for (const [name, files] of Object.entries(SITES)) {
    it(name, async () => {
      const { text, bytes, book } = await build(files)
      const opf = text['OEBPS/content.opf']!
      expect(opf).toContain('<dc:source>https://')
      expect(book.tree.metadata.authors.length).toBe(1)
      expect(opf).not.toContain('Unknown')
      const preface = text['OEBPS/text/preface.xhtml']!
      expect(preface).toContain('epub:type="preface"')
      expect(preface).toContain(book.tree.metadata.title)
      // Nothing hostile anywhere in the book.
      for (const [entry, content] of Object.entries(text)) {
        if (!entry.endsWith('.xhtml')) continue
        expect(content, entry).not.toMatch(
          /<script|<iframe|tracker\.example|data:image|onclick|fonts\.example/,
        )
      }
      need('epubcheck')
      expect(summarise(await epubcheck(tempFile(`${name}.epub`, bytes)))).toEqual([])
    })
  }
})

describe('the AO3 download', () => {
  it('puts the work into the OPF, the preface and the end notes', async () => {
    const { text, diagnostics } = await build({ 'work.html': ao3Download() })
    const opf = text['OEBPS/content.opf']!
    for (const subject of [
      'Sherlock Holmes - Arthur Conan Doyle',
      'Sherlock Holmes &#38; John Watson',
      'John Watson',
      'Case Fic',
      'In-Progress',
    ])
      expect(opf).toContain(`<dc:subject>${subject}</dc:subject>`)
    expect(opf).toContain('<dc:source>https://archiveofourown.org/works/123456</dc:source>')
    expect(opf).toContain('<dc:date>2026-01-05</dc:date>')
    expect(opf).toContain('<meta property="dcterms:modified">2026-11-30T00:00:00Z</meta>')
    expect(opf).toContain('<meta property="belongs-to-collection" id="series">Baker Street Letters</meta>')
    expect(opf).toContain('<meta refines="#series" property="group-position">2</meta>')
    expect(opf).toContain('<meta name="calibre:series" content="Baker Street Letters"/>')
    expect(opf).toMatch(/<dc:description>A letter goes missing\.\nHolmes is not amused\.<\/dc:description>/)
    const preface = text['OEBPS/text/preface.xhtml']!
    expect(preface).toContain('<dd class="rating">Teen And Up Audiences</dd>')
    expect(preface).toContain('<dd class="warnings">No Archive Warnings Apply</dd>')
    expect(preface).toContain('<dd class="series">Part 2 of Baker Street Letters</dd>')
    expect(preface).toContain('<dd class="words">12345</dd>')
    expect(preface).toContain('<dd class="status">In progress</dd>')
    expect(preface).toContain('<p class="first">Written for the Baker Street exchange.</p>')
    expect(preface).toMatch(
      /<h2 id="preface-summary">Summary<\/h2>\n<p class="first">A letter goes missing\.<\/p>/,
    )
    expect(text['OEBPS/text/end-notes.xhtml']).toContain('<p class="first">Thank you for reading!</p>')
    // The preface comes before the chapters in the spine, the end notes after them.
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => m[1])
    expect(spine.indexOf('preface')).toBeLessThan(spine.findIndex((id) => id!.startsWith('chapter-')))
    expect(spine.indexOf('end-notes')).toBeGreaterThan(
      spine.findLastIndex((id) => id!.startsWith('chapter-')),
    )
    const adopted = diagnostics.find((d) => d.code === 'book-metadata-adopted')!
    expect(adopted.message).toContain('The Case of the Missing Letter')
    expect(diagnostics.map((d) => d.code)).not.toContain('book-title-from-folder')
  })

  it('passes Ace by DAISY', async () => {
    const chromium = process.env.PUPPETEER_EXECUTABLE_PATH ?? which('chromium') ?? which('chromium-browser')
    const aceBin = path.resolve(import.meta.dirname, '../../../../node_modules/.bin/ace-cli')
    need('chromium')
    if (!existsSync(aceBin) || !chromium) return expect.fail('ace-cli missing: run npm run setup')
    const { bytes } = await build({ 'work.html': ao3Download() })
    const epub = tempFile('ao3-ace.epub', bytes)
    expect(await aceViolations(epub, aceBin, chromium)).toEqual([])
  }, 180_000)

  it('turns the preface off with `preface: false`, keeping the end notes and saying so', async () => {
    const { text, diagnostics } = await build({ 'work.html': ao3Download() }, 'preface: false\n')
    expect(text['OEBPS/text/preface.xhtml']).toBeUndefined()
    expect(text['OEBPS/text/end-notes.xhtml']).toContain('Thank you for reading!')
    expect(diagnostics.map((d) => d.code)).toContain('book-preface-off')
  })
})

describe('serial updates', () => {
  it('a rebuild with one more chapter keeps the identifier and changes only what it must', async () => {
    const before = await build({ 'work.html': ao3Download(2) })
    const after = await build({ 'work.html': ao3Download(3) })
    const id = (opf: string) => /<dc:identifier id="book-id">([^<]+)</.exec(opf)![1]
    expect(id(after.text['OEBPS/content.opf']!)).toBe(id(before.text['OEBPS/content.opf']!))
    const a = unzip(before.bytes)
    const b = unzip(after.bytes)
    const changed = Object.keys(b)
      .filter((name) => !a[name] || Buffer.compare(Buffer.from(a[name]!), Buffer.from(b[name]!)) !== 0)
      .sort()
    expect(changed).toEqual([
      'OEBPS/content.opf',
      'OEBPS/nav.xhtml',
      'OEBPS/text/chapter-003.xhtml',
      'OEBPS/toc.ncx',
    ])
  })

  it('orders saved chapter pages by the chapter number they state, not their file names', async () => {
    const { book } = await build(SITES['royal-road']!)
    expect(book.tree.children.map((c) => (c.type === 'chapter' ? c.number : undefined))).toEqual([1, 2])
  })

  it('marks chapters added since `new-since` and draws the update log', async () => {
    const { text } = await build(
      SITES['royal-road']!,
      "new-since: 2026-03-05\nupdate-log: ['Chapter 2 added 2026-03-08']\nchapters: [z.html, a.html]\n",
    )
    expect(text['OEBPS/nav.xhtml']).toContain('Life Goes On (new)')
    expect(text['OEBPS/nav.xhtml']).not.toContain('Good Morning Brother (new)')
    expect(text['OEBPS/text/update-log.xhtml']).toContain('<li>Chapter 2 added 2026-03-08</li>')
    // dcterms:modified is the newest chapter's date when the work states no `updated`.
    expect(text['OEBPS/content.opf']).toContain(
      '<meta property="dcterms:modified">2026-03-08T00:00:00Z</meta>',
    )
  })
})
