/**
 * The front-matter rules: pages decided once from the metadata, worded in the book's language,
 * never a placeholder, never an invented ©, an identifier only when it is an ISBN; and the EPUB
 * and the PDF saying the same thing.
 */

import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { completeMetadata, createBook, render } from '../../src/index.js'
import { parseManifest } from '../../src/manifest/parse.js'
import type { CopyrightPage, GeneratedPage, Metadata, TitlePage } from '../../src/model/types.js'
import { registeredFormats } from '../../src/pipeline/formats.js'
import { upper } from '../../src/renderers/pdf/case.js'
import { fill, formatDate, hasStrings, joinNames, stringsFor } from '../../src/strings/index.js'
import { frontMatterPages, isPublicDomain } from '../../src/transforms/front-matter.js'
import { unzipText } from '../epub/helpers.js'
import { tempPdf } from '../pdf/helpers.js'
import { englishBook, frenchBook, make } from './books.js'

const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0

function meta(extra: Partial<Metadata> & { author?: string } = {}): Metadata {
  return completeMetadata({ title: 'Salt', author: 'Ada Quill', ...extra })
}

function page<T extends GeneratedPage['type']>(
  pages: GeneratedPage[],
  type: T,
): Extract<GeneratedPage, { type: T }> | undefined {
  return pages.find((p) => p.type === type) as Extract<GeneratedPage, { type: T }> | undefined
}

function copyrightText(m: Metadata): string[] {
  return (page(frontMatterPages(m), 'copyrightPage') as CopyrightPage).lines.map((l) => l.text)
}

function pdfText(bytes: Uint8Array): string {
  const run = spawnSync('pdftotext', ['-enc', 'UTF-8', '-layout', tempPdf(bytes), '-'], { encoding: 'utf8' })
  return run.stdout
}

describe('which pages a book has', () => {
  it('has half title, title, copyright and contents always, the others when the metadata says', () => {
    expect(frontMatterPages(meta()).map((p) => p.type)).toEqual([
      'halfTitlePage',
      'titlePage',
      'copyrightPage',
      'contentsPage',
    ])
    const all = frontMatterPages(
      meta({ dedication: 'For M.', epigraph: { text: 'Sea.' }, aboutAuthor: 'Ada.', alsoBy: ['Salt II'] }),
    )
    expect(all.map((p) => `${p.type}:${p.matter}`)).toEqual([
      'halfTitlePage:front',
      'titlePage:front',
      'copyrightPage:front',
      'dedicationPage:front',
      'epigraphPage:front',
      'contentsPage:front',
      'aboutAuthorPage:back',
      'alsoByPage:back',
    ])
  })

  it('survives a JSON round trip and sets root.pages through createBook', async () => {
    const book = await make(englishBook)
    expect(book.tree.pages?.length).toBe(8)
    expect(JSON.parse(JSON.stringify(book.tree.pages))).toEqual(book.tree.pages)
    expect(book.tree.pages?.some((p) => 'position' in p)).toBe(false)
  })
})

describe('never a placeholder', () => {
  it('prints no author line when there is no author, and never "Unknown"', async () => {
    const m = meta({ author: undefined })
    m.authors = []
    const pages = frontMatterPages(m)
    expect((page(pages, 'titlePage') as TitlePage).authors).toEqual([])
    expect(copyrightText(m)).toEqual(['Salt', 'Made with Octavo'])
    expect(JSON.stringify(pages)).not.toMatch(/Unknown/)

    const { book } = await createBook({ metadata: { title: 'Salt' }, chapters: [{ text: 'Waves.' }] })
    const epub = unzipText(await render(book!, 'epub', { generateCover: false }))
    for (const [name, text] of Object.entries(epub)) expect(text, name).not.toMatch(/Unknown/)
    expect(epub['OEBPS/text/titlepage.xhtml']).not.toMatch(/class="author"/)
  })

  it('the folder loader warns book-no-author and names no one', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const nodePath = await import('node:path')
    const { loadBook } = await import('../../src/index.js')
    const dir = mkdtempSync(nodePath.join(tmpdir(), 'octavo-front-'))
    writeFileSync(nodePath.join(dir, 'book.yaml'), 'title: Salt\n')
    writeFileSync(nodePath.join(dir, '01.txt'), 'Chapter 1\n\nWaves.\n')
    const { book, diagnostics } = await loadBook(dir)
    expect(diagnostics.map((d) => d.code)).toContain('book-no-author')
    expect(book!.tree.metadata.authors).toEqual([])
  })

  it('leaves out an empty subtitle, series or publisher instead of printing a blank', () => {
    const title = page(frontMatterPages(meta({ subtitle: '  ', publisher: '' })), 'titlePage') as TitlePage
    expect(title).not.toHaveProperty('subtitle')
    expect(title).not.toHaveProperty('publisher')
    expect(title).not.toHaveProperty('series')
  })
})

describe('no invented ©', () => {
  it('makes no copyright statement from the date and the author', () => {
    const lines = copyrightText(meta({ date: '2026-03-01' }))
    expect(lines.join('\n')).not.toMatch(/©|Copyright/)
  })

  it('prints `copyright` and `rights` as given', () => {
    const lines = copyrightText(meta({ copyright: '© 2026 Ada Quill', rights: 'CC BY 4.0' }))
    expect(lines).toContain('© 2026 Ada Quill')
    expect(lines).toContain('CC BY 4.0')
  })

  it('says a public-domain or CC0 work is in the public domain, in the book’s language', () => {
    for (const rights of ['Public domain', 'CC0', 'CC0 1.0', 'CC0 1.0 Universal', 'public-domain']) {
      expect(isPublicDomain(rights), rights).toBe(true)
      const lines = copyrightText(meta({ rights }))
      expect(lines, rights).toContain('This work is in the public domain.')
      expect(lines.join('\n'), rights).not.toMatch(/©/)
    }
    expect(copyrightText(meta({ rights: 'Public domain', language: 'fr' }))).toContain(
      'Cette œuvre est dans le domaine public.',
    )
    for (const rights of ['CC BY 4.0', 'All rights reserved', 'CC BY-SA 4.0']) {
      expect(isPublicDomain(rights), rights).toBe(false)
    }
  })

  it('Pride and Prejudice: no "Copyright © Jane Austen" in either format', async () => {
    const book = await make({
      metadata: {
        title: 'Pride and Prejudice',
        author: 'Jane Austen',
        rights: 'Public domain',
        date: '1813',
      },
      chapters: [{ text: 'It is a truth universally acknowledged.' }],
    })
    const epub = unzipText(await render(book, 'epub', { generateCover: false }))
    expect(epub['OEBPS/text/copyright.xhtml']).not.toMatch(/©/)
    expect(epub['OEBPS/text/copyright.xhtml']).toMatch(/This work is in the public domain\./)
    if (!hasPdftotext) return
    const pdf = pdfText(await render(book, 'pdf'))
    expect(pdf).not.toMatch(/©/)
    expect(pdf).toMatch(/This work is in the public domain\./)
  }, 120_000)
})

describe('identifier and date', () => {
  it('prints an ISBN and no other identifier', () => {
    expect(copyrightText(meta({ identifier: { scheme: 'isbn', value: '9781234567897' } }))).toContain(
      'ISBN 978-1-234-56789-7',
    )
    const uuid = copyrightText(
      meta({ identifier: { scheme: 'uuid', value: '2b1f7f0e-3c1a-4a55-9e3e-6f3c1b2a9d10' } }),
    )
    expect(uuid.join('\n')).not.toMatch(/2b1f7f0e|Identifier/)
    const uri = copyrightText(meta({ identifier: { scheme: 'uri', value: 'https://example.org/salt' } }))
    expect(uri.join('\n')).not.toMatch(/example\.org/)
  })

  it('writes dates in the book’s language from the table, not Intl', () => {
    expect(formatDate('2026-03-01', stringsFor('en'))).toBe('1 March 2026')
    expect(formatDate('2026-03-01', stringsFor('fr'))).toBe('1er mars 2026')
    expect(formatDate('2026-03-02', stringsFor('fr'))).toBe('2 mars 2026')
    expect(formatDate('2026-03-01', stringsFor('de'))).toBe('1. März 2026')
    expect(formatDate('2026-03-01', stringsFor('es'))).toBe('1 de marzo de 2026')
    expect(formatDate('2026-03-01', stringsFor('ru'))).toBe('1 марта 2026\u00a0г.')
    expect(formatDate('2026-03-01', stringsFor('pl'))).toBe('1 marca 2026')
    expect(formatDate('2026-03', stringsFor('pl'))).toBe('marzec 2026')
    expect(formatDate('2026', stringsFor('fr'))).toBe('2026')
    expect(formatDate('sometime', stringsFor('en'))).toBe('sometime')
    expect(copyrightText(meta({ date: '2026-03-01' }))).toContain('Published 1 March 2026')
  })
})

describe('one strings table per language', () => {
  it('has a table for en, fr, de, es, it, ru, pl, sv, ja, zh and ko, each complete', () => {
    const en = stringsFor('en')
    for (const lang of ['en', 'fr', 'de', 'es', 'it', 'ru', 'pl', 'sv', 'ja', 'zh', 'zh-TW', 'ko']) {
      expect(hasStrings(lang), lang).toBe(true)
      const table = stringsFor(lang)
      for (const key of Object.keys(en)) expect(table, `${lang}.${key}`).toHaveProperty(key)
      expect(Object.keys(table.kinds).sort(), lang).toEqual(Object.keys(en.kinds).sort())
      expect(Object.keys(table.roles).sort(), lang).toEqual(Object.keys(en.roles).sort())
      expect(table.months, lang).toHaveLength(12)
      expect(table.monthsOf, lang).toHaveLength(12)
      if (lang !== 'en') expect(table.contents, lang).not.toBe(en.contents)
    }
    expect(stringsFor('fr-CA').contents).toBe('Table des matières')
    expect(stringsFor('fi-FI')).toBe(en)
  })

  it('lays overrides over the language, entry by entry', () => {
    const s = stringsFor('fr', { contents: 'Sommaire', roles: { trl: 'Traduction de' } })
    expect(s.contents).toBe('Sommaire')
    expect(s.roles.trl).toBe('Traduction de')
    expect(s.roles.ill).toBe('Illustré par')
    expect(s.copyright).toBe('Droits d’auteur')
  })

  it('fills templates without ever printing a slot', () => {
    expect(fill('Book {number} of {series}', { number: '2', series: 'Tides' })).toBe('Book 2 of Tides')
    expect(fill('Also by {author}', {})).toBe('Also by')
    expect(joinNames(['A', 'B', 'C'], stringsFor('de'))).toBe('A, B und C')
  })

  it('falls back to English with one info diagnostic', async () => {
    const { book } = await createBook({
      metadata: { title: 'Suola', author: 'Ada', language: 'fi' },
      chapters: [{ text: 'Aaltoja.' }, { text: 'Lisää aaltoja.' }],
    })
    const infos = book!.files[0]!.messages.filter((d) => d.code === 'book-strings-fallback')
    expect(infos).toHaveLength(1)
    expect(infos[0]!.level).toBe('info')
    expect(page(book!.tree.pages!, 'contentsPage')!.title).toBe('Contents')
    const { book: fr } = await createBook({
      metadata: { title: 'Sel', language: 'fr' },
      chapters: [{ text: 'Vagues.' }],
    })
    expect(fr!.files[0]!.messages.filter((d) => d.code === 'book-strings-fallback')).toHaveLength(0)
  })

  it('words every generated page of a French book in French, in both formats', async () => {
    const book = await make(frenchBook)
    const labels = book.tree.pages!.map((p) => p.label)
    expect(labels).toEqual([
      'Faux-titre',
      'Page de titre',
      'Droits d’auteur',
      'Dédicace',
      'Épigraphe',
      'Table des matières',
      'À propos de l’auteur',
      'Du même auteur',
    ])
    const epub = unzipText(await render(book, 'epub', { generateCover: false }))
    expect(epub['OEBPS/nav.xhtml']).toMatch(/Table des matières/)
    expect(epub['OEBPS/text/copyright.xhtml']).toMatch(/Réalisé avec Octavo/)
    if (!hasPdftotext) return
    const pdf = pdfText(await render(book, 'pdf'))
    expect(pdf).toMatch(/TABLE DES MATIÈRES/)
    expect(pdf).toMatch(/Date de publication\s*: 1er mars 2026/)
    expect(pdf).not.toMatch(/CONTENTS|Copyright|Typeset with|Made with|Published/)
  }, 120_000)
})

describe('typography', () => {
  it('smartens the new pages’ text like the rest of the metadata', async () => {
    const book = await make({
      metadata: {
        title: 'Salt',
        author: 'Ada',
        epigraph: { text: '"It\'s the sea," she said.', source: "Ada's log" },
        aboutAuthor: "Ada's home -- the island.",
        alsoBy: ["The Keeper's Log"],
      },
      chapters: [{ text: 'Waves.' }],
    })
    const epigraph = page(book.tree.pages!, 'epigraphPage')!
    expect(epigraph.lines).toEqual(['“It’s the sea,” she said.'])
    expect(epigraph.source).toBe('Ada’s log')
    expect(page(book.tree.pages!, 'aboutAuthorPage')!.paragraphs).toEqual(['Ada’s home\u00A0— the island.'])
    expect(page(book.tree.pages!, 'alsoByPage')!.titles).toEqual(['The Keeper’s Log'])
  })
})

describe('book.yaml', () => {
  it('reads copyright, epigraph, about-author, also-by and strings', () => {
    const file = new SourceFile('book.yaml')
    const manifest = parseManifest(
      [
        'title: Salt',
        'copyright: © 2026 Ada Quill',
        'epigraph: The sea has neither meaning nor pity.',
        'epigraph-source: Anton Chekhov',
        'about-author: Ada Quill lives by the sea.',
        'also-by: [The Salt Road, Harbour Lights]',
        'strings:',
        '  contents: In This Book',
        '  roles: {trl: Englished by}',
        '  made-with: Set in type by Octavo',
      ].join('\n'),
      file,
    )
    expect(file.messages).toEqual([])
    expect(manifest!.metadata).toMatchObject({
      copyright: '© 2026 Ada Quill',
      epigraph: { text: 'The sea has neither meaning nor pity.', source: 'Anton Chekhov' },
      aboutAuthor: 'Ada Quill lives by the sea.',
      alsoBy: ['The Salt Road', 'Harbour Lights'],
      strings: {
        contents: 'In This Book',
        madeWith: 'Set in type by Octavo',
        roles: { trl: 'Englished by' },
      },
    })
  })

  it('takes an epigraph mapping and about-author from a file', () => {
    const file = new SourceFile('book.yaml')
    const manifest = parseManifest(
      'title: Salt\nepigraph: {text: Sea., source: Chekhov}\nabout-author: {file: about.md}\n',
      file,
    )
    expect(file.messages).toEqual([])
    expect(manifest!.metadata.epigraph).toEqual({ text: 'Sea.', source: 'Chekhov' })
    expect(manifest!.aboutAuthorFile?.pattern).toBe('about.md')
  })

  it('reads about-author from a file in the book folder, and says where a missing one is named', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const nodePath = await import('node:path')
    const { loadBook } = await import('../../src/index.js')
    const dir = mkdtempSync(nodePath.join(tmpdir(), 'octavo-front-'))
    writeFileSync(nodePath.join(dir, '01.txt'), 'Chapter 1\n\nWaves.\n')
    writeFileSync(nodePath.join(dir, 'about.md'), 'Ada lives by the sea.\n\nShe keeps a light.\n')
    writeFileSync(
      nodePath.join(dir, 'book.yaml'),
      'title: Salt\nauthor: Ada\nabout-author: {file: about.md}\n',
    )
    const { book, diagnostics } = await loadBook(dir)
    expect(diagnostics.filter((x) => x.level === 'error')).toEqual([])
    const about = page(book!.tree.pages!, 'aboutAuthorPage')
    expect(about?.paragraphs).toEqual(['Ada lives by the sea.', 'She keeps a light.'])
    // Not a chapter as well, though it sits among them.
    expect(book!.tree.children.map((c) => c.type === 'chapter' && c.file)).toEqual(['01.txt'])

    writeFileSync(
      nodePath.join(dir, 'book.yaml'),
      'title: Salt\nauthor: Ada\nabout-author:\n  file: gone.md\n',
    )
    const missing = await loadBook(dir)
    const d = missing.diagnostics.find((x) => x.code === 'book-file-missing')
    expect(d?.message).toMatch(/gone\.md/)
    expect(d?.file).toBe('book.yaml')
    expect(d?.line).toBe(4)
    expect(missing.book).toBeUndefined()
  })

  it('keeps `epub: {strings}` working, under the top-level key', () => {
    const file = new SourceFile('book.yaml')
    const manifest = parseManifest(
      'title: Salt\nepub:\n  strings: {contents: Old, copyright: Rights}\nstrings: {contents: New}\n',
      file,
      registeredFormats().formats,
    )
    expect(file.messages).toEqual([])
    expect(manifest!.metadata.strings).toMatchObject({ contents: 'New', copyright: 'Rights' })
  })

  it('warns on an unknown strings key with a suggestion, and rejects a wrong value', () => {
    const file = new SourceFile('book.yaml')
    parseManifest('title: Salt\nstrings:\n  contens: Index\n', file)
    expect(file.messages.map((d) => [d.code, d.message, d.line])).toEqual([
      ['manifest-unknown-key', 'Unknown key `contens` in `strings`; did you mean `contents`?', 3],
    ])
    const bad = new SourceFile('book.yaml')
    expect(parseManifest('title: Salt\nstrings:\n  months: [Jan]\n', bad)).toBeUndefined()
    expect(bad.messages[0]!.code).toBe('manifest-invalid')
  })

  it('overrides reach both formats', async () => {
    const book = await make({
      metadata: {
        title: 'Salt',
        author: 'Ada',
        strings: { contents: 'In This Book', madeWith: 'Set by hand' },
      },
      chapters: [{ text: 'Waves.' }],
    })
    const epub = unzipText(await render(book, 'epub', { generateCover: false }))
    expect(epub['OEBPS/nav.xhtml']).toMatch(/In This Book/)
    expect(epub['OEBPS/text/copyright.xhtml']).toMatch(/Set by hand/)
    if (!hasPdftotext) return
    const pdf = pdfText(await render(book, 'pdf'))
    expect(pdf).toMatch(/IN THIS BOOK/)
    expect(pdf).toMatch(/Set by hand/)
  }, 120_000)
})

describe('the PDF shows what the EPUB shows', () => {
  it.skipIf(!hasPdftotext)(
    'series, contributors, edition and publisher (needs poppler-utils)',
    async () => {
      const book = await make(englishBook)
      const pdf = pdfText(await render(book, 'pdf')).replace(/\s+/g, ' ')
      const epub = unzipText(await render(book, 'epub', { generateCover: false }))
      const epubText = `${epub['OEBPS/text/titlepage.xhtml']}${epub['OEBPS/text/copyright.xhtml']}`
      for (const words of [
        'Book 2 of The Tides',
        'Edited by Ben Marsh',
        'Illustrated by Iris Vane',
        'First edition',
        'Harbour Press',
        'Published 1 March 2026',
        '© 2026 Ada Quill',
        'ISBN 978-1-234-56789-7',
        'The sea has neither meaning nor pity.',
        'About the Author',
        'Also by Ada Quill',
        'Harbour Lights',
      ]) {
        expect(pdf, words).toContain(words.replace(/\s+/g, ' '))
      }
      for (const words of [
        'Book 2 of The Tides',
        'Edited by Ben Marsh',
        'Illustrated by Iris Vane',
        'First edition',
      ]) {
        expect(epubText, words).toContain(words)
      }
    },
    120_000,
  )

  it('makes capitals with the book’s language (Turkish dotted İ)', () => {
    expect(upper('içindekiler', 'tr')).toBe('İÇİNDEKİLER')
    expect(upper('içindekiler', 'en')).toBe('IÇINDEKILER')
    expect(upper('salt', 'not a tag!')).toBe('SALT')
  })
})
