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
