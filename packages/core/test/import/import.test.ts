/**
 * `importBook`: an EPUB read as a book becomes Markdown chapter files, its images and a commented
 * book.yaml; reading the folder back gives the same chapters, titles, words and metadata.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importBook } from '../../src/import/index.js'
import type { Node } from '../../src/model/types.js'
import { visit } from '../../src/model/walk.js'
import { loadBook } from '../../src/pipeline/load.js'
import { octavoEpub, readEpubBook, titles, words } from '../readers-epub/helpers.js'

function kinds(tree: Parameters<typeof titles>[0]): string[] {
  const out = new Set<string>()
  for (const node of tree.children) visit(node as Node, (n) => void out.add(n.type))
  return [...out].sort()
}

describe('importBook', () => {
  it('writes a folder that reads back to the same book', async () => {
    const { book } = await readEpubBook(await octavoEpub())
    const { slug, files } = await importBook(book.tree, book.env)
    expect(slug).toBe('the-glass-orchard')
    const names = files.map((f) => f.path)
    expect(names).toContain('book.yaml')
    expect(names.filter((n) => n.startsWith('chapters/')).length).toBe(3)
    expect(names.some((n) => /^images\/.*\.png$/.test(n))).toBe(true)
    const yaml = files.find((f) => f.path === 'book.yaml')!.content as string
    expect(yaml).toMatch(/^# /m)
    for (const key of [
      'title:',
      'authors:',
      'series:',
      'contributors:',
      'subjects:',
      'publisher:',
      'rights:',
      'cover:',
      'identifier:',
    ])
      expect(yaml).toContain(key)

    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-import-'))
    for (const file of files) {
      mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true })
      writeFileSync(path.join(dir, file.path), file.content)
    }
    const again = await loadBook([dir])
    expect(again.diagnostics.filter((d) => d.level === 'error')).toEqual([])
    const back = again.book!
    expect(titles(back.tree)).toEqual(titles(book.tree))
    expect(words(back.tree)).toBe(words(book.tree))
    expect(kinds(back.tree)).toEqual(kinds(book.tree))
    const m = back.tree.metadata
    expect(m.title).toBe(book.tree.metadata.title)
    expect(m.authors).toEqual(book.tree.metadata.authors)
    expect(m.series).toEqual(book.tree.metadata.series)
    expect(m.identifier).toEqual(book.tree.metadata.identifier)
    expect(m.contributors).toEqual(book.tree.metadata.contributors)
    expect(m.cover).toMatch(/^images\//)
  }, 120_000)

  it('escapes text that would read as Markdown', async () => {
    const { createBook } = await import('../../src/pipeline/book.js')
    const { book } = await createBook({
      metadata: { title: 'Marks', author: 'A', language: 'en' },
      typography: false,
      chapters: [
        {
          title: 'One',
          text: '# not a heading\n\n1. not a list\n\n> not a quote\n\n*not emphasis* and [not a link](x) and a_b_c ~x~ ^y^ | pipe',
        },
      ],
    } as never)
    const { files } = await importBook(book!.tree, book!.env)
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-import-esc-'))
    for (const file of files) {
      mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true })
      writeFileSync(path.join(dir, file.path), file.content)
    }
    const again = await loadBook([dir])
    expect(words(again.book!.tree)).toBe(words(book!.tree))
    expect(kinds(again.book!.tree)).toEqual(kinds(book!.tree))
  }, 60_000)
})
