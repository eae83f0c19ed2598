/** Shared by the EPUB reader tests: build an EPUB with Octavo, read one back as a book. */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { zipSync } from 'fflate'
import type { Node, Root } from '../../src/model/types.js'
import { toText, visit } from '../../src/model/walk.js'
import { type Book, createBook } from '../../src/pipeline/book.js'
import { loadBook } from '../../src/pipeline/load.js'
import { render } from '../../src/pipeline/render.js'
import { png } from '../epub/helpers.js'

export const run = promisify(execFile)
const enc = new TextEncoder()

/** An Octavo-made EPUB 3: three chapters, a footnote, an image, a cover, a series, a contributor. */
export async function octavoEpub(): Promise<Uint8Array> {
  const { book, diagnostics } = await createBook({
    metadata: {
      title: 'The Glass Orchard',
      author: 'Ada Quill',
      language: 'en',
      series: { name: 'Orchards', number: 2 },
      contributors: [{ name: 'T. Ranslator', role: 'translator' }],
      subjects: ['Fantasy', 'Orchards'],
      description: 'A book about glass.',
      date: '2024-05-01',
      publisher: 'Quill Press',
      rights: 'CC BY 4.0',
      cover: 'images/cover.png',
    },
    files: { 'images/map.png': await png(60, 40), 'images/cover.png': await png(160, 256) },
    chapters: [
      {
        markdown:
          '# Chapter One: The Seed\n\nIt began with a seed.[^1]\n\n[^1]: A glass seed.\n\n![The map](images/map.png)',
      },
      { markdown: '# Chapter Two: The Root\n\nThe root went *deep*.\n\n* * *\n\nMorning came.' },
      { markdown: '# Epilogue\n\nAnd so it grew.' },
    ],
  })
  if (!book) throw new Error(diagnostics.map((d) => d.message).join('\n'))
  return render(book, 'epub')
}

/** Read an EPUB's bytes as a book, as `octavo build novel.epub` does (no book.yaml: all from the file). */
export async function readEpubBook(
  bytes: Uint8Array,
  name = 'novel.epub',
): Promise<{ book: Book; codes: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'octavo-epub-in-'))
  writeFileSync(path.join(dir, name), bytes)
  const { book, diagnostics } = await loadBook([path.join(dir, name)])
  if (!book) throw new Error(diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'))
  return { book, codes: diagnostics.map((d) => d.code) }
}

/** Chapter titles as plain text, in order. */
export function titles(tree: Root): string[] {
  const out: string[] = []
  for (const node of tree.children)
    for (const chapter of node.type === 'part' ? node.children : [node]) out.push(toText(chapter.title ?? []))
  return out
}

/** All the words of the tree's chapters. */
export function words(tree: Root): string {
  let text = ''
  for (const node of tree.children)
    visit(node as Node, (n) => {
      if (n.type === 'text') text += `${n.value} `
    })
  return text.replace(/\s+/g, ' ').trim()
}

/** A hand-made EPUB from documents: `files` are archive entries; the OPF is written for them. */
export function handEpub(entries: Record<string, string | Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
    mimetype: [enc.encode('application/epub+zip'), { level: 0 }],
  }
  for (const [name, value] of Object.entries(entries))
    files[name] = typeof value === 'string' ? enc.encode(value) : value
  return zipSync(files as never)
}

export const CONTAINER = `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`

export const xhtml = (body: string, title = 'x') =>
  `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>${title}</title></head><body>${body}</body></html>`

/** A document of a hand-made EPUB: its entry under `OEBPS/`, its content, and how the OPF lists it. */
export interface HandDocument {
  href: string
  content: string | Uint8Array
  /** In the spine (default), or only in the manifest. */
  spine?: boolean
  properties?: string
  mediaType?: string
}

/**
 * A hand-made EPUB from its documents, the OPF written for them: `metadata` and `guide` are the
 * OPF's inner markup, `toc` names the NCX's manifest id (`ncx`) when one of the documents is it.
 */
export function packagedEpub(
  documents: HandDocument[],
  options: { metadata?: string; guide?: string; version?: string; prefix?: string } = {},
): Uint8Array {
  const id = (i: number) => `d${i}`
  const items = documents
    .map(
      (d, i) =>
        `<item id="${d.href.endsWith('.ncx') ? 'ncx' : id(i)}" href="${d.href}" media-type="${d.mediaType ?? (d.href.endsWith('.ncx') ? 'application/x-dtbncx+xml' : /\.(png|jpe?g)$/.test(d.href) ? `image/${d.href.endsWith('png') ? 'png' : 'jpeg'}` : 'application/xhtml+xml')}"${d.properties ? ` properties="${d.properties}"` : ''}/>`,
    )
    .join('')
  const spine = documents
    .map((d, i) => (d.spine === false || !/x?html$/.test(d.href) ? '' : `<itemref idref="${id(i)}"/>`))
    .join('')
  const ncx = documents.some((d) => d.href.endsWith('.ncx')) ? ' toc="ncx"' : ''
  const opf = `<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="${options.version ?? '3.0'}" unique-identifier="id"${options.prefix ? ` prefix="${options.prefix}"` : ''}><metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf"><dc:identifier id="id">urn:uuid:12345678-1234-1234-1234-123456789abc</dc:identifier><dc:title>Hand</dc:title><dc:language>en</dc:language>${options.metadata ?? ''}</metadata><manifest>${items}</manifest><spine${ncx}>${spine}</spine>${options.guide ? `<guide>${options.guide}</guide>` : ''}</package>`
  const entries: Record<string, string | Uint8Array> = {
    'META-INF/container.xml': CONTAINER,
    'OEBPS/content.opf': opf,
  }
  for (const d of documents) entries[`OEBPS/${d.href}`] = d.content
  return handEpub(entries)
}

/** An EPUB 3 nav document listing `entries` (`[href, label, children?]`). */
export function navDocument(entries: NavEntry[]): string {
  const list = (items: NavEntry[]): string =>
    `<ol>${items.map(([href, label, kids]) => `<li><a href="${href}">${label}</a>${kids ? list(kids) : ''}</li>`).join('')}</ol>`
  return xhtml(`<nav epub:type="toc" id="toc"><h1>Contents</h1>${list(entries)}</nav>`, 'Contents')
}
export type NavEntry = [string, string, NavEntry[]?]

/** An EPUB 2 NCX listing `entries`. */
export function ncxDocument(entries: NavEntry[]): string {
  let n = 0
  const points = (items: NavEntry[]): string =>
    items
      .map(
        ([href, label, kids]) =>
          `<navPoint id="p${++n}" playOrder="${n}"><navLabel><text>${label}</text></navLabel><content src="${href}"/>${kids ? points(kids) : ''}</navPoint>`,
      )
      .join('')
  return `<?xml version="1.0" encoding="utf-8"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><head/><docTitle><text>Hand</text></docTitle><navMap>${points(entries)}</navMap></ncx>`
}
