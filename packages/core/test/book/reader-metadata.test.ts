/**
 * A chapter file's own metadata (a Word file's properties, an EPUB's OPF, a text's title line)
 * fills what the author left unset; book.yaml, flags and `createBook`'s metadata always win. An
 * asynchronous reader (archive-based formats) is awaited like any other.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBook, loadBook } from '../../src/index.js'
import { registerReader } from '../../src/readers/index.js'

// A stand-in for an archive reader: answers later, and says who wrote the book.
registerReader({
  name: 'test-meta',
  extensions: ['.testmeta'],
  async read(input, file) {
    await new Promise((resolve) => setTimeout(resolve, 1))
    const text = typeof input === 'string' ? input : new TextDecoder().decode(input)
    const [title, author, ...rest] = text.split('\n')
    return {
      metadata: { title, authors: [{ name: author! }], language: 'fr', subjects: ['Mer'] },
      children: [
        {
          type: 'chapter',
          kind: 'chapter',
          file: file.path,
          children: [{ type: 'paragraph', children: [{ type: 'text', value: rest.join(' ') || 'Texte.' }] }],
        },
      ],
    }
  },
})

const dirs: string[] = []
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'octavo-meta-'))
  dirs.push(dir)
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

describe("a file's own metadata", () => {
  it('fills the title, author and language a folder build does not set, and says so', async () => {
    const dir = folder({ 'one.testmeta': 'La Mer\nA. Auteur\nIl pleut.' })
    const { book, diagnostics } = await loadBook(dir)
    const m = book!.tree.metadata
    expect(m.title).toBe('La Mer')
    expect(m.authors).toEqual([{ name: 'A. Auteur' }])
    expect(m.language).toBe('fr')
    expect(m.subjects).toEqual(['Mer'])
    const codes = diagnostics.map((d) => d.code)
    // The folder-name title and the missing author are no longer reported.
    expect(codes).not.toContain('book-title-from-folder')
    expect(codes).not.toContain('book-no-author')
    const adopted = diagnostics.filter((d) => d.code === 'book-metadata-adopted')
    expect(adopted).toHaveLength(1)
    expect(adopted[0]!.message).toContain('one.testmeta')
  })

  it('never wins over book.yaml or the command line', async () => {
    const dir = folder({
      'book.yaml': 'title: Mine\nauthor: Me\nchapters: [one.testmeta]\n',
      'one.testmeta': 'La Mer\nA. Auteur\nIl pleut.',
    })
    const fromYaml = await loadBook(dir)
    expect(fromYaml.book!.tree.metadata.title).toBe('Mine')
    expect(fromYaml.book!.tree.metadata.authors).toEqual([{ name: 'Me' }])
    // Fields book.yaml left unset are still filled.
    expect(fromYaml.book!.tree.metadata.language).toBe('fr')
    const fromFlags = await loadBook(dir, { metadata: { title: 'Flagged' } })
    expect(fromFlags.book!.tree.metadata.title).toBe('Flagged')
  })

  it('derives the default identifier from the adopted title and author', async () => {
    const a = await loadBook(folder({ 'one.testmeta': 'La Mer\nA. Auteur\nx' }))
    const b = await loadBook(folder({ 'one.testmeta': 'La Terre\nA. Auteur\nx' }))
    expect(a.book!.tree.metadata.identifier.value).not.toBe(b.book!.tree.metadata.identifier.value)
  })

  it("fills only what createBook's metadata leaves out", async () => {
    const { book } = await createBook({
      metadata: { title: 'Given' },
      chapters: [{ reader: 'test-meta', content: 'La Mer\nA. Auteur\nIl pleut.' }],
    })
    expect(book!.tree.metadata.title).toBe('Given')
    expect(book!.tree.metadata.authors).toEqual([{ name: 'A. Auteur' }])
  })
})
