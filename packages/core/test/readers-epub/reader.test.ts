/**
 * The EPUB reader on EPUBs made by Octavo itself, by pandoc (EPUB 3 and EPUB 2) and by calibre:
 * the chapters in spine order with their titles, the words, the footnotes, the images and the
 * cover carried along, the OPF metadata adopted; the makers' generated pages left out. Each
 * re-typeset book passes EPUBCheck with no error and no warning, and its PDF `qpdf --check`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Node } from '../../src/model/types.js'
import { visit } from '../../src/model/walk.js'
import { render } from '../../src/pipeline/render.js'
import { epubcheck, summarise } from '../epub/helpers.js'
import { need } from '../tools.js'
import { octavoEpub, readEpubBook, run, titles, words } from './helpers.js'

const tmp = mkdtempSync(path.join(tmpdir(), 'octavo-epubin-'))

const SOURCE_MD = `% The Lantern Keeper
% Mira Vale

# Chapter One

The lantern was lit at dusk.[^n]

[^n]: Always at dusk.

# The Second Night

Wind came off the sea, *hard*.

* * *

Morning.
`

async function pandocEpub(version: 'epub2' | 'epub3'): Promise<Uint8Array> {
  const md = path.join(tmp, 'source.md')
  writeFileSync(md, SOURCE_MD)
  const out = path.join(tmp, `pandoc-${version}.epub`)
  await run('pandoc', [
    md,
    '-t',
    version,
    '-o',
    out,
    '--metadata',
    'lang=en-GB',
    '--metadata',
    'date=2021-03-04',
  ])
  return new Uint8Array(readFileSync(out))
}

async function checkOutputs(book: Awaited<ReturnType<typeof readEpubBook>>['book'], name: string) {
  const epub = await render(book, 'epub')
  need('epubcheck')
  const epubFile = path.join(tmp, `${name}.epub`)
  writeFileSync(epubFile, epub)
  expect(summarise(await epubcheck(epubFile))).toEqual([])
  const pdf = await render(book, 'pdf')
  const pdfFile = path.join(tmp, `${name}.pdf`)
  writeFileSync(pdfFile, pdf)
  need('qpdf')
  await run('qpdf', ['--check', pdfFile])
}

describe('EPUB reader: Octavo-made EPUB 3', () => {
  it('reads chapters, titles, words, notes, images, cover and metadata', async () => {
    const bytes = await octavoEpub()
    const { book, codes } = await readEpubBook(bytes)
    expect(titles(book.tree)).toEqual(['The Seed', 'The Root', ''])
    const labels = book.tree.children.map((c) => (c.type === 'chapter' ? c.label : undefined))
    expect(labels).toEqual(['Chapter', 'Chapter', 'Epilogue'])
    expect(words(book.tree)).toContain('It began with a seed.')
    expect(words(book.tree)).toContain('And so it grew.')
    // Octavo's own cover, title page, copyright page and contents are not chapters again.
    expect(words(book.tree)).not.toMatch(/Quill Press|Contents/)
    expect(codes).toContain('epub-input-generated-page')
    const kinds = new Set<string>()
    let image = ''
    for (const node of book.tree.children)
      visit(node as Node, (n) => {
        kinds.add(n.type)
        if (n.type === 'image') image = n.url
      })
    expect(kinds).toContain('footnoteReference')
    expect(kinds).toContain('footnoteDefinition')
    expect(kinds).toContain('sceneBreak')
    expect(kinds).toContain('emphasis')
    expect(image).toMatch(/^novel\.epub\/.*\.png$/)
    const md = book.tree.metadata
    expect(md.title).toBe('The Glass Orchard')
    expect(md.authors).toEqual([{ name: 'Ada Quill', fileAs: 'Quill, Ada' }])
    expect(md.series).toEqual({ name: 'Orchards', number: 2 })
    expect(md.contributors.map((c) => [c.name, c.role])).toEqual([['T. Ranslator', 'translator']])
    expect(md.subjects).toEqual(['Fantasy', 'Orchards'])
    expect(md.publisher).toBe('Quill Press')
    expect(md.rights).toBe('CC BY 4.0')
    expect(md.date).toBe('2024-05-01')
    expect(md.description).toBe('A book about glass.')
    expect(md.cover).toMatch(/^novel\.epub\/.*cover.*\.png$/)
    await checkOutputs(book, 'octavo')
  }, 240_000)
})

describe('EPUB reader: pandoc', () => {
  for (const version of ['epub3', 'epub2'] as const) {
    it(`reads pandoc's ${version}`, async () => {
      need('pandoc', 'epubcheck')
      const { book } = await readEpubBook(await pandocEpub(version), `lantern-${version}.epub`)
      expect(titles(book.tree)).toEqual(['', 'The Second Night'])
      expect(book.tree.children[0]?.type === 'chapter' && book.tree.children[0].number).toBe(1)
      const text = words(book.tree)
      expect(text).toContain('The lantern was lit at dusk.')
      expect(text).toContain('Always at dusk.')
      expect(text).not.toContain('Mira Vale')
      expect(book.tree.metadata.title).toBe('The Lantern Keeper')
      expect(book.tree.metadata.authors.map((a) => a.name)).toEqual(['Mira Vale'])
      expect(book.tree.metadata.language).toBe('en-GB')
      await checkOutputs(book, `pandoc-${version}`)
    }, 240_000)
  }
})

describe('EPUB reader: calibre', () => {
  it("reads calibre's conversion, its jacket and title page left out", async () => {
    need('pandoc', 'ebook-convert', 'epubcheck')
    const source = path.join(tmp, 'calibre-source.epub')
    writeFileSync(source, await pandocEpub('epub3'))
    const out = path.join(tmp, 'calibre.epub')
    await run(
      'ebook-convert',
      [source, out, '--series', 'Lights', '--series-index', '3', '--insert-metadata'],
      {
        timeout: 180_000,
      },
    )
    const { book } = await readEpubBook(new Uint8Array(readFileSync(out)), 'calibre.epub')
    const text = words(book.tree)
    expect(text).toContain('The lantern was lit at dusk.')
    expect(text).toContain('Morning.')
    expect(book.tree.metadata.series).toEqual({ name: 'Lights', number: 3 })
    expect(book.tree.metadata.title).toBe('The Lantern Keeper')
    expect(book.tree.metadata.contributors.some((c) => /calibre/i.test(c.name))).toBe(false)
    await checkOutputs(book, 'calibre')
  }, 400_000)
})
