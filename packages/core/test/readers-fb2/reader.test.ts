/**
 * The FictionBook reader (readers/fb2/): an FB2's description to the book's metadata, its body
 * to parts, chapters, subheadings, epigraphs, poems, quotations, tables and scene breaks, its
 * notes body to footnotes, its binaries to pictures and the cover (byte for byte), in UTF-8 or
 * Windows-1251, plain or zipped; damaged files diagnostics with line and column, never a throw;
 * a built book passes EPUBCheck; calibre's FB2 reads as the EPUB it was made from.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { loadBook } from '../../src/index.js'
import type { Chapter, FootnoteDefinition, Part } from '../../src/model/types.js'
import { chaptersOf, toText } from '../../src/model/walk.js'
import { epubReader } from '../../src/readers/epub/index.js'
import { fb2Reader } from '../../src/readers/fb2/index.js'
import { readerFor } from '../../src/readers/index.js'
import type { ReadResult } from '../../src/readers/types.js'
import { mutatedBytes } from '../archive-mutations.js'
import { fcRuns } from '../fast-check.js'
import { textOf } from '../model-text.js'
import { expectEpubcheckPasses } from '../robustness/helpers.js'
import { need } from '../tools.js'
import { binary, cp1251, DESCRIPTION, fb2, JPEG, PNG, zipped } from './make.js'

process.env.SOURCE_DATE_EPOCH ??= '1700000000'

async function read(input: Uint8Array | string, name = 'novel.fb2') {
  const file = new SourceFile(name)
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input
  const result: ReadResult = await fb2Reader.read(bytes, file, { language: 'en' })
  return { result, file, codes: file.messages.map((m) => m.code) }
}

const strip = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (k, v) => (k === 'position' ? undefined : v)))

const chapters = (result: ReadResult) =>
  result.children.flatMap((c) => (c.type === 'part' ? c.children : [c])) as Chapter[]

const BODY = `<title><p>Ada Quill</p><p>The Glass Orchard</p></title>
<epigraph><p>Every orchard remembers.</p><text-author>Old saying</text-author></epigraph>
<section>
  <title><p>Part One</p><p>Frost</p></title>
  <epigraph><p>Cold comes first.</p></epigraph>
  <section>
    <title><p>Chapter 1</p><p>The Storm</p></title>
    <epigraph><p>Wind, wind.</p><text-author>A. Poet</text-author></epigraph>
    <p>“I <emphasis>never</emphasis> said that,” she said.<a l:href="#n1" type="note">[1]</a> It was <strong>cold</strong>, H<sub>2</sub>O, x<sup>2</sup>, <strikethrough>gone</strikethrough>, <code>ls  -l</code>.</p>
    <p>See <a l:href="https://example.com/">the site</a>, <a l:href="#ch2">chapter two</a> and <a l:href="javascript:alert(1)">this</a>.</p>
    <empty-line/>
    <p>Morning came.<sup><a l:href="#n2" type="note">2</a></sup></p>
    <subtitle>* * *</subtitle>
    <p>Evening came.</p>
    <section>
      <title><p>The Letter</p></title>
      <p>Dear friend,</p>
      <cite><p>A quoted line.</p><text-author>Someone</text-author></cite>
    </section>
  </section>
  <section id="ch2">
    <title><p>Chapter 2: Thaw</p></title>
    <poem>
      <title><p>Spring Song</p></title>
      <stanza><v>Green returns,</v><v>the <emphasis>river</emphasis> turns.</v></stanza>
      <stanza><v>Second stanza.</v></stanza>
      <text-author>Ada Quill</text-author>
      <date>1999</date>
    </poem>
    <table><tr><th>Hour</th><th>Place</th></tr><tr><td>Six</td><td colspan="2">Road</td></tr></table>
    <image l:href="#map.png" alt="The old map"/>
    <p>Spring at last.<a l:href="#n1" type="note">1</a></p>
  </section>
</section>
<section>
  <title><p>Part Two</p></title>
  <section>
    <title><p>Chapter 3</p></title>
    <p>The end, almost.</p>
    <section><p>An untitled scene.</p></section>
    <section><p>Another one.</p></section>
  </section>
</section>`

const NOTES = `<title><p>Notes</p></title>
<section id="n1"><title><p>1</p></title><p>Not <emphasis>once</emphasis>.</p></section>
<section id="n2"><title><p>2</p></title><p>At six.<a l:href="#n3" type="note">3</a></p></section>
<section id="n3"><title><p>3</p></title><p>Sharp.</p></section>
<section id="n4"><title><p>4</p></title><p>Nobody cites me.</p></section>`

const BINARIES = `${binary('cover.jpg', 'image/jpeg', JPEG)}\n${binary('map.png', 'image/png', PNG)}`

const BOOK = fb2(BODY, { notes: NOTES, binaries: BINARIES })

/** A description of one line, with no cover. */
const PLAIN =
  '<description><title-info><book-title>Plain</book-title><lang>en</lang></title-info></description>'

describe('the FictionBook reader', () => {
  it('reads the description: title, authors, translator, language, annotation, genres, keywords, series, publisher, date, ISBN, cover', async () => {
    const { result } = await read(BOOK)
    expect(result.metadata).toEqual({
      title: 'The Glass Orchard',
      authors: [{ name: 'Ada M. Quill', fileAs: 'Quill, Ada M.' }, { name: 'Moth' }],
      contributors: [{ name: 'Louise Maude', fileAs: 'Maude, Louise', role: 'translator' }],
      language: 'en',
      description: 'A winter tale.\n\nOf frost.',
      subjects: ['sf_fantasy', 'adventure', 'orchards', 'winter'],
      date: '2021',
      series: { name: 'The Orchards', number: 2 },
      publisher: 'Quill Press',
      identifier: { scheme: 'isbn', value: '9780306406157' },
      cover: 'novel.fb2/image-1.jpg',
      epigraph: { text: 'Every orchard remembers.', source: 'Old saying' },
    })
  })

  it('reads parts, chapters with two-paragraph titles, subheadings, epigraphs and scenes', async () => {
    const { result } = await read(BOOK)
    const parts = result.children as Part[]
    expect(parts.map((p) => [p.type, p.label, p.numeral, toText(p.title ?? [])])).toEqual([
      ['part', 'Part', 'One', 'Frost'],
      ['part', 'Part', 'Two', ''],
    ])
    const all = chapters(result)
    expect(all.map((c) => [c.label, c.number, toText(c.title ?? [])])).toEqual([
      ['Chapter', 1, 'The Storm'],
      ['Chapter', 2, 'Thaw'],
      ['Chapter', 3, ''],
    ])
    // The book's own title is not a chapter; the part's epigraph opens its first chapter.
    expect(textOf(result.children)).not.toContain('Ada Quill The Glass Orchard')
    const first = strip(all[0]!.children)
    expect(first.map((b: { type: string }) => b.type)).toEqual([
      'blockquote',
      'blockquote',
      'paragraph',
      'paragraph',
      'sceneBreak',
      'paragraph',
      'sceneBreak',
      'paragraph',
      'heading',
      'paragraph',
      'blockquote',
      'footnoteDefinition',
      'footnoteDefinition',
      'footnoteDefinition',
    ])
    expect(first[0]).toEqual({
      type: 'blockquote',
      children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Cold comes first.' }] }],
    })
    expect(first[1].children[1]).toEqual({
      type: 'paragraph',
      align: 'right',
      children: [{ type: 'text', value: 'A. Poet' }],
    })
    expect(first[4]).toEqual({ type: 'sceneBreak', marker: '(blank)' })
    expect(first[6]).toEqual({ type: 'sceneBreak', marker: '* * *' })
    expect(first[8]).toEqual({ type: 'heading', depth: 2, children: [{ type: 'text', value: 'The Letter' }] })
    // Untitled subsections are scenes.
    expect(strip(all[2]!.children).map((b: { type: string }) => b.type)).toEqual([
      'paragraph',
      'sceneBreak',
      'paragraph',
      'sceneBreak',
      'paragraph',
    ])
  })

  it('reads inline marks, links, notes (also cited from notes), poems, tables and images', async () => {
    const { result, codes } = await read(BOOK)
    const [one, two] = chapters(result)
    const blocks = strip(one!.children)
    expect(blocks[2]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', value: '“I ' },
        { type: 'emphasis', children: [{ type: 'text', value: 'never' }] },
        { type: 'text', value: ' said that,” she said.' },
        { type: 'footnoteReference', identifier: 'n1', label: '1' },
        { type: 'text', value: ' It was ' },
        { type: 'strong', children: [{ type: 'text', value: 'cold' }] },
        { type: 'text', value: ', H' },
        { type: 'subscript', children: [{ type: 'text', value: '2' }] },
        { type: 'text', value: 'O, x' },
        { type: 'superscript', children: [{ type: 'text', value: '2' }] },
        { type: 'text', value: ', ' },
        { type: 'delete', children: [{ type: 'text', value: 'gone' }] },
        { type: 'text', value: ', ' },
        { type: 'code', value: 'ls  -l' },
        { type: 'text', value: '.' },
      ],
    })
    expect(blocks[3].children).toEqual([
      { type: 'text', value: 'See ' },
      { type: 'link', url: 'https://example.com/', children: [{ type: 'text', value: 'the site' }] },
      { type: 'text', value: ', chapter two and this.' },
    ])
    // A note link inside <sup> is the reference alone.
    expect(blocks[5].children).toEqual([
      { type: 'text', value: 'Morning came.' },
      { type: 'footnoteReference', identifier: 'n2', label: '2' },
    ])
    const notes = blocks.filter(
      (b: { type: string }) => b.type === 'footnoteDefinition',
    ) as FootnoteDefinition[]
    expect(notes.map((n) => [n.identifier, textOf(n.children)])).toEqual([
      ['n1', 'Not once.'],
      ['n2', 'At six.'],
      ['n3', 'Sharp.'],
    ])
    const poem = strip(two!.children)
    expect(poem[0]).toEqual({
      type: 'paragraph',
      children: [{ type: 'strong', children: [{ type: 'text', value: 'Spring Song' }] }],
    })
    expect(poem[1]).toEqual({
      type: 'verse',
      children: [
        { type: 'verseLine', children: [{ type: 'text', value: 'Green returns,' }] },
        {
          type: 'verseLine',
          children: [
            { type: 'text', value: 'the ' },
            { type: 'emphasis', children: [{ type: 'text', value: 'river' }] },
            { type: 'text', value: ' turns.' },
          ],
        },
      ],
    })
    expect(poem.slice(3, 5).map((b: { align?: string }) => b.align)).toEqual(['right', 'right'])
    expect(poem[5]).toEqual({
      type: 'table',
      children: [
        {
          type: 'tableRow',
          head: true,
          children: [
            { type: 'tableCell', header: true, children: [{ type: 'text', value: 'Hour' }] },
            { type: 'tableCell', header: true, children: [{ type: 'text', value: 'Place' }] },
          ],
        },
        {
          type: 'tableRow',
          children: [
            { type: 'tableCell', children: [{ type: 'text', value: 'Six' }] },
            { type: 'tableCell', colSpan: 2, children: [{ type: 'text', value: 'Road' }] },
          ],
        },
      ],
    })
    expect(poem[6]).toEqual({
      type: 'figure',
      image: { type: 'image', url: 'novel.fb2/image-2.png', alt: 'The old map' },
    })
    // Chapter two cites n1 again: its own copy of the note.
    expect(poem.filter((b: { type: string }) => b.type === 'footnoteDefinition')).toHaveLength(1)
    // The pictures are the binaries' bytes.
    expect(result.resources).toEqual({ 'novel.fb2/image-1.jpg': JPEG, 'novel.fb2/image-2.png': PNG })
    // Note 4 is cited by nothing: said, as info.
    expect(codes).toEqual(['fb2-body-left-out'])
  })

  it('keeps positions into the file on what it reads', async () => {
    const { result } = await read(BOOK)
    const one = chapters(result)[0]!
    expect(one.position?.start.line).toBeGreaterThan(20)
    for (const block of one.children) expect(block.position).toBeDefined()
  })

  it('reads a Windows-1251 FictionBook as its declaration says', async () => {
    const ru = fb2(
      '<section><title><p>Глава 1</p><p>Буря</p></title><p>«Ёлка — это праздник», — сказала она.</p></section>',
      {
        declaration: '<?xml version="1.0" encoding="windows-1251"?>',
        description:
          '<description><title-info><genre>prose_classic</genre><author><first-name>Лев</first-name><last-name>Толстой</last-name></author><book-title>Ёлка</book-title><lang>ru</lang></title-info></description>',
      },
    )
    const { result, codes } = await read(cp1251(ru))
    expect(codes).toEqual([])
    expect(result.metadata).toMatchObject({
      title: 'Ёлка',
      authors: [{ name: 'Лев Толстой', fileAs: 'Толстой, Лев' }],
      language: 'ru',
    })
    const [chapter] = chapters(result)
    expect([chapter!.label, chapter!.number, toText(chapter!.title ?? [])]).toEqual(['Глава', 1, 'Буря'])
    expect(textOf(chapter!.children)).toBe('«Ёлка — это праздник», — сказала она.')
  })

  it('leaves out placeholder authors and needs no description', async () => {
    const none = await read(
      fb2('<section><p>Text.</p></section>', {
        description:
          '<description><title-info><author><first-name></first-name><last-name></last-name></author><author><last-name>Неизвестный автор</last-name></author><book-title>T</book-title></title-info></description>',
      }),
    )
    expect(none.result.metadata).toEqual({ title: 'T' })
    const bare = await read(
      `<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0"><body><section><p>Only text.</p></section></body></FictionBook>`,
    )
    expect(bare.codes).toEqual([])
    expect(textOf(bare.result.children)).toBe('Only text.')
  })

  it('reads empty lines as spacing where the file spaces every paragraph with one', async () => {
    const spaced = Array.from({ length: 10 }, (_, i) => `<p>Line ${i}.</p><empty-line/>`).join('')
    const { result } = await read(fb2(`<section>${spaced}<empty-line/><p>After two.</p></section>`))
    const types = chapters(result)[0]!.children.map((b) => b.type)
    expect(types.filter((t) => t === 'sceneBreak')).toHaveLength(1)
    expect(types.at(-2)).toBe('sceneBreak')
  })

  it('reads a .fb2.zip, the usual download', async () => {
    const zip = zipped({ 'novel.fb2': BOOK })
    const { result, codes } = await read(zip, 'novel.fb2.zip')
    expect(codes).toEqual(['fb2-body-left-out'])
    expect(chapters(result)).toHaveLength(3)
    expect(result.metadata?.cover).toBe('novel.fb2.zip/image-1.jpg')
    expect(result.resources?.['novel.fb2.zip/image-2.png']).toEqual(PNG)
    const two = await read(zipped({ 'a.fb2': BOOK, 'b.fb2': BOOK }), 'x.fb2.zip')
    expect(two.codes).toContain('fb2-archive')
    const none = await read(zipped({ 'readme.txt': 'hello' }), 'x.fb2.zip')
    expect(none.codes).toEqual(['fb2-invalid'])
    expect(none.file.messages[0]!.message).toContain('holding no .fb2')
  })

  it('a .fb2.zip named on the command line is FictionBook’s, not taken for another zip', async () => {
    // The longest extension a reader takes wins: `.fb2.zip` over the Scrivener backup's `.zip`.
    expect(readerFor('downloads/My.Novel.FB2.zip', zipped({ 'novel.fb2': BOOK }))?.reader.name).toBe('fb2')
    expect(readerFor('Novel.bak2.zip', zipped({ 'Novel.scriv/Novel.scrivx': '<x/>' }))?.reader.name).toBe(
      'scrivener-backup',
    )
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-fb2-zip-'))
    writeFileSync(path.join(dir, 'novel.fb2.zip'), zipped({ 'novel.fb2': BOOK }))
    const { book, diagnostics } = await loadBook([path.join(dir, 'novel.fb2.zip')])
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(chaptersOf(book!.tree)).toHaveLength(3)
  })

  it('is chosen by extension, and by content for an FB2 under another name', () => {
    const bytes = new TextEncoder().encode(BOOK)
    expect(readerFor('novel.fb2', bytes)?.reader.name).toBe('fb2')
    expect(fb2Reader.sniff!(bytes.subarray(0, 1024))).toBe(true)
    expect(fb2Reader.sniff!(zipped({ 'novel.fb2': BOOK }))).toBe(true)
    expect(fb2Reader.sniff!('<!DOCTYPE html><html><body>x</body></html>')).toBe(false)
    // No longer refused as an e-book Octavo does not read.
    expect(readerFor('novel.fb2', bytes)?.reader.name).not.toBe('other-ebook')
    expect(fb2Reader.discover).toBe(false)
  })
})

describe('bad input', () => {
  it('refuses what is not FictionBook XML with line and column, and never throws', async () => {
    const text = await read('just some words, no markup')
    expect(text.codes).toEqual(['fb2-invalid'])
    expect(text.file.messages[0]!.message).toMatch(
      /^"novel.fb2" cannot be read as a FictionBook: it is not XML/,
    )
    expect(text.file.messages[0]!.line).toBe(1)
    const empty = await read(new Uint8Array())
    expect(empty.codes).toEqual(['fb2-invalid'])
    const html = await read('<?xml version="1.0"?>\n<html><body><p>x</p></body></html>')
    expect(html.codes).toEqual(['fb2-invalid'])
    expect(html.file.messages[0]).toMatchObject({
      line: 2,
      message: expect.stringContaining('<html>, not <FictionBook>'),
    })
    const nobody = await read(
      `<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0" xmlns:l="http://www.w3.org/1999/xlink">${DESCRIPTION}</FictionBook>`,
    )
    expect(nobody.codes).toEqual(['fb2-invalid'])
    expect(nobody.result.children).toHaveLength(1)
  })

  it('keeps what a truncated file holds, and says where it breaks', async () => {
    const cut = BOOK.slice(0, BOOK.indexOf('Evening came.'))
    const { result, file } = await read(cut)
    // The notes and binaries were cut off with the end: their links are said to lead nowhere.
    expect(file.messages.map((m) => m.code)).toEqual([
      'fb2-malformed',
      'fb2-note-missing',
      'fb2-image-missing',
    ])
    expect(file.messages[0]!.line).toBe(cut.split('\n').length)
    expect(textOf(result.children)).toContain('Morning came.')
    // An HTML entity FB2 does not define: reported, the rest kept.
    const entity = await read(fb2('<section><p>A&nbsp;B</p><p>C</p></section>', { description: PLAIN }))
    expect(entity.codes).toEqual(['fb2-malformed'])
    expect(textOf(entity.result.children)).toContain('C')
  })

  it('warns once for note links to nowhere and images with no binary, and for bad base64', async () => {
    const { result, file } = await read(
      fb2(
        `<section><p>A<a l:href="#x1" type="note">1</a> b<a l:href="#x2" type="note">[2]</a>.</p>
<image l:href="#none.png"/><image l:href="#gone.png"/><image l:href="http://example.com/a.png"/>
<p><image l:href="#bad.png"/> and <image l:href="#text.png"/></p></section>`,
        {
          description: PLAIN,
          binaries: `<binary id="bad.png" content-type="image/png">!!!not base64!!!</binary><binary id="text.png" content-type="image/png">${Buffer.from('hello').toString('base64')}</binary>`,
        },
      ),
    )
    const byCode = Object.fromEntries(file.messages.map((m) => [m.code, m]))
    expect(file.messages.map((m) => m.code).sort()).toEqual([
      'fb2-image-invalid',
      'fb2-image-missing',
      'fb2-note-missing',
    ])
    expect(byCode['fb2-note-missing']!.message).toBe(
      '2 note links point at no note (the first to "#x1"); their marks were kept as text',
    )
    expect(byCode['fb2-note-missing']!.line).toBe(PLAIN.split('\n').length + 4)
    expect(byCode['fb2-image-missing']!.message).toContain('3 images')
    expect(byCode['fb2-image-invalid']!.message).toContain('2 images could not be used')
    expect(textOf(result.children)).toContain('A1 b[2].')
    expect(result.resources).toBeUndefined()
  })

  it('reads a huge number of sections in linear time', async () => {
    const many = Array.from(
      { length: 20_000 },
      (_, i) => `<section><title><p>Chapter ${i + 1}</p></title><p>Text ${i}.</p></section>`,
    ).join('\n')
    const started = performance.now()
    const { result, codes } = await read(fb2(many, { description: PLAIN }))
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(codes).toEqual([])
    expect(chapters(result)).toHaveLength(20_000)
    // Sections nested past what any book does are refused by the XML layer, not the stack.
    const deep = `${'<section>'.repeat(5000)}<p>x</p>${'</section>'.repeat(5000)}`
    const nested = await read(fb2(deep))
    expect(nested.codes).toEqual(['fb2-invalid'])
  })
})

describe('books', () => {
  it('a named .fb2 builds into an EPUB that passes EPUBCheck, its metadata adopted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-fb2-'))
    const book = fb2(BODY, {
      notes: NOTES,
      binaries: `${binary('cover.jpg', 'image/png', PNG)}\n${binary('map.png', 'image/png', PNG)}`,
    })
    writeFileSync(path.join(dir, 'novel.fb2'), book)
    const { book: built, diagnostics } = await loadBook([path.join(dir, 'novel.fb2')])
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(built!.tree.metadata).toMatchObject({
      title: 'The Glass Orchard',
      authors: [{ name: 'Ada M. Quill' }, { name: 'Moth' }],
      series: { name: 'The Orchards', number: 2 },
    })
    expect(chaptersOf(built!.tree)).toHaveLength(3)
    await expectEpubcheckPasses(built!)
  }, 120_000)

  it('reads what calibre writes as FB2 with the words of the EPUB it came from', async () => {
    need('ebook-convert', 'pandoc')
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-fb2-calibre-'))
    const md = path.join(dir, 'in.md')
    writeFileSync(
      md,
      '---\ntitle: Lanterns\nauthor: Jo March\nlang: en\n---\n\n# Chapter 1: Dusk\n\nIt was *late*, and the **lamps** were lit.[^1]\n\n* * *\n\nA new scene began.\n\n# Chapter 2: Dawn\n\nIt was early.\n\n> A quoted line.\n\n[^1]: Very late.\n',
    )
    const epubPath = path.join(dir, 'in.epub')
    execFileSync('pandoc', [md, '-o', epubPath])
    const fb2Path = path.join(dir, 'in.fb2')
    execFileSync('ebook-convert', [epubPath, fb2Path], { stdio: 'ignore', timeout: 120_000 })
    const { result, codes } = await read(new Uint8Array(readFileSync(fb2Path)), 'in.fb2')
    // calibre keeps pandoc's title page as a first section: left out, as the EPUB reader leaves it.
    expect(codes).toEqual(['fb2-title-page'])
    expect(result.metadata).toMatchObject({ title: 'Lanterns', authors: [{ name: 'Jo March' }] })
    // calibre's "antique", written for a book without a genre, is not the book's.
    expect(result.metadata?.subjects).toBeUndefined()
    // Its chapter headings are bold paragraphs: read as the chapters' titles.
    expect(chapters(result).map((c) => [c.number, toText(c.title ?? [])])).toEqual([
      [1, 'Dusk'],
      [2, 'Dawn'],
    ])
    const epubFile = new SourceFile('in.epub')
    const epub = await epubReader.read(new Uint8Array(readFileSync(epubPath)), epubFile, { language: 'en' })
    const words = (r: ReadResult) =>
      textOf(
        r.children.map((c) => ({
          ...c,
          children: (c as Chapter).children.filter((b) => b.type !== 'footnoteDefinition'),
        })) as Chapter[],
      )
        .replace(/\s+/g, ' ')
        .trim()
    const fromFb2 = words(result)
    for (const sentence of [
      'It was late, and the lamps were lit.',
      'A new scene began.',
      'It was early.',
      'A quoted line.',
    ])
      expect(fromFb2).toContain(sentence)
    // Every paragraph the EPUB reader reads is in the FB2's words (calibre loses the note's link,
    // leaving its mark and text in the chapter, so containment, not equality).
    const paragraphs: string[] = []
    for (const c of chapters(epub))
      for (const b of c.children) if (b.type === 'paragraph') paragraphs.push(textOf(b.children).trim())
    expect(paragraphs.length).toBeGreaterThanOrEqual(3)
    for (const p of paragraphs) expect(fromFb2).toContain(p)
  }, 180_000)
})

describe('properties', () => {
  const never = async (bytes: Uint8Array) => {
    const { result, file } = await read(bytes)
    expect(Array.isArray(result.children)).toBe(true)
    expect(file.messages.filter((m) => m.code === 'internal-error')).toEqual([])
    for (const m of file.messages) expect(m.file).toBe('novel.fb2')
    JSON.stringify(result)
  }

  it('documents with tokens spliced in or cut short never throw', async () => {
    const tokens = [
      '<',
      '>',
      '&',
      '"',
      '</section>',
      '<section>',
      '<p>',
      '</body>',
      '<a l:href="#n1" type="note">',
      '<image l:href="#map.png"/>',
      '<empty-line/>',
      '',
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(BOOK.length), fc.constantFrom(...tokens), fc.nat(40)), { maxLength: 6 }),
        fc.option(fc.nat(BOOK.length)),
        async (edits, cut) => {
          let mutated = BOOK
          for (const [at, token, drop] of edits)
            mutated = mutated.slice(0, at) + token + mutated.slice(at + drop)
          if (cut !== null) mutated = mutated.slice(0, cut)
          await never(new TextEncoder().encode(mutated))
        },
      ),
      { numRuns: fcRuns(200) },
    )
  })

  it('bytes overwritten anywhere, zipped or not, never throw', async () => {
    await mutatedBytes([new TextEncoder().encode(BOOK), zipped({ 'novel.fb2': BOOK })], never)
  })
})
