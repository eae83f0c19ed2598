/**
 * The language of parts in an EPUB: its XHTML's `xml:lang` (winning over `lang`, as XHTML says),
 * `lang` and `dir` read as the HTML reader reads them, against the document's own language, else
 * the package's `dc:language`. The `xml:lang` many makers repeat on every element marks nothing,
 * and what Octavo's EPUB writes reads back to the same spans and paragraphs.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter, Node } from '../../src/model/types.js'
import { visit } from '../../src/model/walk.js'
import { createBook } from '../../src/pipeline/book.js'
import { render } from '../../src/pipeline/render.js'
import { readEpub } from '../../src/readers/epub/index.js'
import { CONTAINER, handEpub, readEpubBook } from './helpers.js'

/** A one-document EPUB whose package says `language`, its document `html`. */
function epubOf(html: string, language = 'en'): Uint8Array {
  const opf = `<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:12345678-1234-1234-1234-123456789abc</dc:identifier><dc:title>Langues</dc:title><dc:language>${language}</dc:language></metadata><manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/></spine></package>`
  return handEpub({ 'META-INF/container.xml': CONTAINER, 'OEBPS/content.opf': opf, 'OEBPS/c1.xhtml': html })
}

const doc = (body: string, htmlAttrs = '') =>
  `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"${htmlAttrs}><head><title>One</title></head><body><h1>Chapter 1</h1>${body}</body></html>`

/** The spans and the paragraphs with a language of the first chapter, as `lang/dir: text`. */
function parts(bytes: Uint8Array, language = 'en'): string[] {
  const file = new SourceFile('book.epub')
  const { children } = readEpub(bytes, file, { language })
  const out: string[] = []
  const text = (node: Node): string => {
    let value = ''
    visit(node, (n) => {
      if (n.type === 'text') value += n.value
    })
    return value
  }
  visit(children[0] as Chapter, (node) => {
    if ((node.type === 'span' || node.type === 'paragraph') && (node.lang || node.dir))
      out.push(`${node.type} ${node.lang ?? ''}/${node.dir ?? ''}: ${text(node)}`)
  })
  return out
}

describe('EPUB reader: the language of parts', () => {
  it('marks nothing where every element repeats the document language', () => {
    const html = doc(
      '<div xml:lang="en" lang="en"><p xml:lang="en" class="calibre1"><span xml:lang="en-US">Plain</span> text.</p></div>',
      ' xml:lang="en" lang="en"',
    )
    expect(parts(epubOf(html))).toEqual([])
  })

  it('reads xml:lang before lang, and dir', () => {
    const html = doc(
      '<p>A <span lang="en" xml:lang="fr">mot</span>, <em xml:lang="la">carpe diem</em>, <span dir="rtl" xml:lang="he">שלום</span>.</p>' +
        '<div xml:lang="de"><p>Ein Absatz.</p></div>',
      ' xml:lang="en"',
    )
    expect(parts(epubOf(html))).toEqual([
      'span fr/: mot',
      'span la/: carpe diem',
      'span he/rtl: שלום',
      'paragraph de/: Ein Absatz.',
    ])
  })

  it("takes the package's dc:language as the documents' where they say none", () => {
    const html = doc('<p>Il dit <span lang="fr">oui</span> et <span lang="en">yes</span>.</p>')
    expect(parts(epubOf(html, 'fr'))).toEqual(['span en/: yes'])
  })

  it("reads back what Octavo's EPUB writes", async () => {
    const { book, diagnostics } = await createBook({
      metadata: { title: 'Parts', author: 'A. Writer', language: 'en' },
      chapters: [
        {
          markdown:
            '# Chapter One\n\nHe said [je ne sais quoi]{lang=fr} and [שלום]{lang=he dir=rtl}.\n\n::: {lang=de}\nEin Brief.\n:::\n',
        },
      ],
    })
    if (!book) throw new Error(diagnostics.map((d) => d.message).join('\n'))
    const { book: read } = await readEpubBook(await render(book, 'epub'))
    const out: string[] = []
    visit(read.tree as unknown as Node, (node) => {
      if ((node.type === 'span' || node.type === 'paragraph') && (node.lang || node.dir))
        out.push(`${node.type} ${node.lang ?? ''}/${node.dir ?? ''}`)
    })
    expect(out).toEqual(['span fr/', 'span he/rtl', 'paragraph de/'])
  })
})
