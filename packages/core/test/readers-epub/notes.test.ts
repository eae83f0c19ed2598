/**
 * Notes an EPUB keeps in another document than the chapter citing them: pandoc's `ch003.xhtml#fn1`
 * (a book converted from HTML), calibre's split files, a publisher's EPUB 2 `notes.html` with links
 * back, EPUB 3 endnotes in `<aside epub:type="endnote">` and `role="doc-endnote"` items, a pop-up
 * notes document outside the spine. Each reference becomes a footnote reference in its chapter and
 * the note its definition there; back-links go; a document of notes alone is no chapter; a note
 * that is not in the EPUB leaves its marker as text, with one diagnostic. The books made from them
 * pass EPUBCheck with no error and no warning.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter, Node, Part, Root } from '../../src/model/types.js'
import { toText, visit } from '../../src/model/walk.js'
import type { Book } from '../../src/pipeline/book.js'
import { render } from '../../src/pipeline/render.js'
import { type EpubWork, readEpub } from '../../src/readers/epub/index.js'
import { epubcheck, summarise } from '../epub/helpers.js'
import { need } from '../tools.js'
import { CONTAINER, handEpub, readEpubBook, run, words, xhtml } from './helpers.js'

const tmp = mkdtempSync(path.join(tmpdir(), 'octavo-epub-notes-'))

/** The words of blocks, spaced. */
function blockText(nodes: readonly Node[]): string {
  let text = ''
  for (const node of nodes)
    visit(node, (n) => {
      if (n.type === 'text') text += n.value
      if (n.type === 'paragraph') text += ' '
    })
  return text.replace(/\s+/g, ' ').trim()
}

/** Each chapter's references and definitions: `{ title, refs: [label], defs: [text] }`. */
function notesOf(tree: Root) {
  const chapters: Chapter[] = []
  for (const node of tree.children)
    chapters.push(...(node.type === 'part' ? (node as Part).children : [node]))
  return chapters.map((chapter) => {
    const refs: string[] = []
    const ids: string[] = []
    const defs = new Map<string, string>()
    visit(chapter as Node, (n) => {
      if (n.type === 'footnoteReference') {
        refs.push(n.label ?? n.identifier)
        ids.push(n.identifier)
      }
      if (n.type === 'footnoteDefinition') {
        defs.set(n.identifier, blockText(n.children))
        return false
      }
      return undefined
    })
    // Every reference has its definition in the same chapter, in reference order.
    return {
      title: toText(chapter.title ?? []),
      refs,
      defs: ids.map((id) => defs.get(id) ?? `MISSING ${id}`),
    }
  })
}

async function passesEpubcheck(book: Book, name: string) {
  const bytes = await render(book, 'epub')
  need('epubcheck')
  const file = path.join(tmp, `${name}.epub`)
  writeFileSync(file, bytes)
  expect(summarise(await epubcheck(file))).toEqual([])
}

const SOURCE_MD = `# The Harbour

The lantern was lit at dusk.[^dusk] The keeper counted ships.[^ships]

# The Storm

Wind came off the sea, *hard*.[^wind]

[^dusk]: Always at dusk, never before.
[^ships]: Seven, that night.
[^wind]: From the *north*.
`

/**
 * pandoc's EPUB of an HTML book whose notes are listed at its end: split into chapter files, the
 * references point into the last one (`ch002.xhtml#fn1`), and the notes link back.
 */
async function pandocFromHtml(version: 'epub2' | 'epub3'): Promise<Uint8Array> {
  const md = path.join(tmp, 'notes.md')
  writeFileSync(md, SOURCE_MD)
  const html = path.join(tmp, 'notes.html')
  await run('pandoc', [md, '-t', 'html5', '-o', html])
  const out = path.join(tmp, `notes-${version}.epub`)
  await run('pandoc', [
    html,
    '-f',
    'html',
    '-t',
    version,
    '-o',
    out,
    '--metadata',
    'title=The Keeper',
    '--metadata',
    'lang=en',
  ])
  return new Uint8Array(readFileSync(out))
}

const EXPECTED = [
  {
    title: 'The Harbour',
    refs: ['1', '2'],
    defs: ['Always at dusk, never before.', 'Seven, that night.'],
  },
  { title: 'The Storm', refs: ['3'], defs: ['From the north.'] },
]

describe('EPUB reader: notes in another document', () => {
  for (const version of ['epub3', 'epub2'] as const) {
    it(`joins pandoc's ${version} notes (ch00x.xhtml#fn1) to the chapters citing them`, async () => {
      need('pandoc')
      const bytes = await pandocFromHtml(version)
      // The input really has its notes in another document.
      const { book } = await readEpubBook(bytes, `keeper-${version}.epub`)
      expect(notesOf(book.tree)).toEqual(EXPECTED)
      expect(words(book.tree)).not.toMatch(/↩/)
      await passesEpubcheck(book, `keeper-${version}`)
    }, 240_000)
  }

  it("joins the notes of calibre's split files", async () => {
    need('pandoc', 'ebook-convert')
    const md = path.join(tmp, 'calibre.md')
    writeFileSync(md, SOURCE_MD)
    const html = path.join(tmp, 'calibre.html')
    await run('pandoc', [md, '-t', 'html5', '-s', '--metadata', 'title=The Keeper', '-o', html])
    const out = path.join(tmp, 'calibre-notes.epub')
    await run('ebook-convert', [html, out, '--no-default-epub-cover'], { timeout: 180_000 })
    const { book } = await readEpubBook(new Uint8Array(readFileSync(out)), 'calibre-notes.epub')
    expect(notesOf(book.tree).filter((c) => c.refs.length > 0)).toEqual(EXPECTED)
    expect(words(book.tree)).not.toMatch(/↩/)
    await passesEpubcheck(book, 'calibre-notes')
  }, 400_000)

  it("a publisher's EPUB 2: notes.html with numbered links back, its notes page left out", async () => {
    const opf = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Tides</dc:title><dc:language>en</dc:language><dc:identifier id="id">urn:isbn:9780000000000</dc:identifier></metadata><manifest><item id="c1" href="text/ch1.html" media-type="application/xhtml+xml"/><item id="c2" href="text/ch2.html" media-type="application/xhtml+xml"/><item id="n" href="text/notes.html" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/><itemref idref="c2"/><itemref idref="n"/></spine></package>`
    const bytes = handEpub({
      'META-INF/container.xml': CONTAINER,
      'OEBPS/content.opf': opf,
      'OEBPS/text/ch1.html': xhtml(
        '<h1>Chapter One</h1><p>The tide turned<a id="r1" href="notes.html#n1"><sup>1</sup></a> at noon, and the boats came in.</p><p>Nobody spoke.<sup><a href="notes.html#n2" id="r2">2</a></sup></p>',
      ),
      'OEBPS/text/ch2.html': xhtml(
        '<h1>Chapter Two</h1><p>The second tide<a href="notes.html#n3" id="r3">[3]</a> was late.</p><p>See also <a href="ch1.html#r1">the first chapter</a>.</p>',
      ),
      'OEBPS/text/notes.html': xhtml(
        '<h1>Notes</h1><p class="chapter">Chapter One</p>' +
          '<p id="n1"><a href="ch1.html#r1">1.</a> The tide tables of 1880, <i>as printed</i>.</p>' +
          '<p class="note"><a id="n2" href="ch1.html#r2">2</a> Not a word.</p>' +
          '<p class="chapter">Chapter Two</p>' +
          '<div class="note" id="n3"><p><a href="ch2.html#r3">[3]</a> Late by an hour.</p><p>Or two.</p></div>',
      ),
    })
    const { book, codes } = await readEpubBook(bytes, 'tides.epub')
    expect(book.tree.children.map((c) => c.type === 'chapter' && c.number)).toEqual([1, 2])
    expect(notesOf(book.tree).map((c) => c.defs)).toEqual([
      ['The tide tables of 1880, as printed.', 'Not a word.'],
      ['Late by an hour. Or two.'],
    ])
    expect(codes).toContain('epub-input-notes-page')
    const text = words(book.tree)
    expect(text).not.toMatch(/Notes|\[3\]|1\./)
    // A cross-reference that is no note stays text.
    expect(text).toContain('See also the first chapter.')
    await passesEpubcheck(book, 'tides')
  })

  const epub3 = (extra: Record<string, string>, manifest = '', spine = '') =>
    handEpub({
      'META-INF/container.xml': CONTAINER,
      'OEBPS/content.opf': `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Tides</dc:title><dc:language>en</dc:language><dc:identifier id="id">urn:uuid:0b9ee5d5-4d57-4ab4-9c5b-0a4b1e3ec0a1</dc:identifier><meta property="dcterms:modified">2024-01-01T00:00:00Z</meta></metadata><manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="c2.xhtml" media-type="application/xhtml+xml"/>${manifest}</manifest><spine><itemref idref="c1"/><itemref idref="c2"/>${spine}</spine></package>`,
      ...extra,
    })

  it('EPUB 3 endnotes: aside epub:type="endnote", role="doc-endnote" items, a notes document outside the spine', async () => {
    const bytes = epub3(
      {
        'OEBPS/c1.xhtml': xhtml(
          '<h1>One</h1><p>A bell<a epub:type="noteref" href="endnotes.xhtml#en1">1</a> rang, twice<a role="doc-noteref" href="endnotes.xhtml#en2">2</a>.</p>',
        ),
        'OEBPS/c2.xhtml': xhtml(
          '<h1>Two</h1><p>A gull<a epub:type="noteref" href="popup.xhtml#p1">*</a> cried.</p>',
        ),
        'OEBPS/endnotes.xhtml': xhtml(
          '<section epub:type="endnotes" role="doc-endnotes"><h2>Endnotes</h2>' +
            '<aside epub:type="endnote" id="en1"><p>Bronze, <em>old</em>.</p></aside>' +
            '<ol><li role="doc-endnote" id="en2"><p>At six. <a role="doc-backlink" href="c1.xhtml">↩</a></p></li></ol></section>',
        ),
        'OEBPS/popup.xhtml': xhtml('<aside epub:type="footnote" id="p1"><p>A herring gull.</p></aside>'),
      },
      '<item id="en" href="endnotes.xhtml" media-type="application/xhtml+xml"/><item id="pop" href="popup.xhtml" media-type="application/xhtml+xml"/>',
      '<itemref idref="en" linear="no"/>',
    )
    const { book, codes } = await readEpubBook(bytes, 'bells.epub')
    expect(notesOf(book.tree)).toEqual([
      { title: 'One', refs: ['1', '2'], defs: ['Bronze, old.', 'At six.'] },
      { title: 'Two', refs: ['*'], defs: ['A herring gull.'] },
    ])
    expect(codes.filter((c) => c === 'epub-input-notes-page')).toHaveLength(1)
    expect(codes).not.toContain('epub-input-note-missing')
    await passesEpubcheck(book, 'bells')
  })

  it('a reference to a note that is not in the EPUB stays text, with one diagnostic naming where', () => {
    const bytes = epub3({
      'OEBPS/c1.xhtml': xhtml(
        '<h1>One</h1>\n<p>A bell<a epub:type="noteref" href="gone.xhtml#en1">1</a> rang<a epub:type="noteref" href="c2.xhtml#nope">2</a>.</p>',
      ),
      'OEBPS/c2.xhtml': xhtml('<h1>Two</h1><p>Quiet.</p>'),
    })
    const file = new SourceFile('in/bells.epub')
    const result = readEpub(bytes, file, { language: 'en' })
    const missing = file.messages.filter((m) => m.code === 'epub-input-note-missing')
    expect(missing).toHaveLength(1)
    expect(missing[0]).toMatchObject({ file: 'in/bells.epub/OEBPS/c1.xhtml', line: 2 })
    expect(missing[0]!.message).toMatch(/gone\.xhtml#en1.*1 more reference/)
    const kinds = new Set<string>()
    for (const chapter of result.children) visit(chapter as Node, (n) => void kinds.add(n.type))
    expect(kinds).not.toContain('footnoteReference')
    expect(blockText((result.children[0] as Chapter).children)).toContain('A bell1 rang2.')
  })

  it('parses each document once, and joins notes in work linear in the documents', () => {
    const book = (chapters: number) => {
      const files: Record<string, string> = {}
      let manifest = ''
      let spine = ''
      let notes = ''
      for (let i = 1; i <= chapters; i++) {
        files[`OEBPS/c${i}.xhtml`] = xhtml(
          `<h1>Chapter ${i}</h1><p>Words<a epub:type="noteref" href="notes.xhtml#n${i}">${i}</a> and words.</p>`,
        )
        manifest += `<item id="x${i}" href="c${i}.xhtml" media-type="application/xhtml+xml"/>`
        spine += `<itemref idref="x${i}"/>`
        notes += `<aside epub:type="endnote" id="n${i}"><p>Note ${i}.</p></aside>`
      }
      files['OEBPS/notes.xhtml'] = xhtml(notes)
      files['META-INF/container.xml'] = CONTAINER
      files['OEBPS/content.opf'] =
        `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></metadata><manifest>${manifest}<item id="notes" href="notes.xhtml" media-type="application/xhtml+xml"/></manifest><spine>${spine}<itemref idref="notes"/></spine></package>`
      const work: EpubWork = { parses: new Map(), noteVisits: 0, fallbacks: 0 }
      const result = readEpub(handEpub(files), new SourceFile('big.epub'), { language: 'en' }, work)
      expect(result.children).toHaveLength(chapters)
      expect([...work.parses.values()].every((n) => n === 1)).toBe(true)
      expect(work.parses.size).toBe(chapters + 1)
      expect(work.fallbacks).toBe(0)
      return work.noteVisits
    }
    const small = book(50)
    const large = book(400)
    // Eight times the documents and notes, eight times the elements visited: no pass per note.
    expect(large / small).toBeGreaterThan(7.5)
    expect(large / small).toBeLessThan(8.5)
  })
})
