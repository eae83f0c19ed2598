/**
 * The OpenDocument text reader (readers/odt/): a LibreOffice document to chapters by the Word
 * reader's rules, its marks from automatic and named styles, notes, lists, quotations, tables,
 * pictures and centred ornaments kept, its title and author from the Title style and meta.xml,
 * comments and tracked changes left out and said so; damaged files one error; a pandoc-made .odt
 * builds to an EPUB that passes EPUBCheck.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { loadBook } from '../../src/index.js'
import type { Chapter } from '../../src/model/types.js'
import { chaptersOf, toText } from '../../src/model/walk.js'
import { odtReader } from '../../src/readers/odt/index.js'
import type { ReadResult } from '../../src/readers/types.js'
import { mutatedBytes, mutatedXml } from '../archive-mutations.js'
import { fcRuns } from '../fast-check.js'
import { expectEpubcheckPasses } from '../robustness/helpers.js'
import { need } from '../tools.js'
import { content, flat, META, odt, PNG, STYLES } from './make.js'

process.env.SOURCE_DATE_EPOCH ??= '1700000000'

async function read(bytes: Uint8Array | string) {
  const file = new SourceFile('novel.odt')
  const result: ReadResult = await odtReader.read(bytes, file, { language: 'en' })
  return { result, file, codes: file.messages.map((m) => m.code) }
}

const strip = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (k, v) => (k === 'position' ? undefined : v)))

const BODY = `<text:p text:style-name="Title">The Glass Orchard</text:p>
<text:p text:style-name="Subtitle">A Winter Tale</text:p>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Chapter One: Frost</text:h>
<text:p text:style-name="Text_20_body">“I <text:span text:style-name="T1">never</text:span> said that,”<text:s/>she said.<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name="Standard">Not <text:span text:style-name="T2">once</text:span>.</text:p></text:note-body></text:note> It was <text:span text:style-name="Emphasis">cold</text:span>, x<text:span text:style-name="T3">2</text:span>, <text:span text:style-name="T4">Rome</text:span>.<office:annotation><dc:creator>Ed</dc:creator><text:p>fix</text:p></office:annotation></text:p>
<text:p text:style-name="P1">* * *</text:p>
<text:p text:style-name="Text_20_body">Morning<text:line-break/>came <text:a xlink:href="https://example.com/">here</text:a> and <text:a xlink:href="javascript:alert(1)">there</text:a>.<text:change-start text:change-id="c1"/>Added.<text:change-end text:change-id="c1"/></text:p>
<text:list text:style-name="L1"><text:list-item><text:p>First</text:p></text:list-item><text:list-item><text:p>Second</text:p></text:list-item></text:list>
<text:p text:style-name="Quotations">A quoted letter.</text:p>
<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Hour</text:p></table:table-cell><table:table-cell><text:p>Place</text:p></table:table-cell></table:table-row></table:table-header-rows><table:table-row><table:table-cell><text:p>Six</text:p></table:table-cell><table:table-cell><text:p>Road</text:p></table:table-cell></table:table-row></table:table>
<text:p text:style-name="Text_20_body"><draw:frame draw:name="map"><draw:image xlink:href="Pictures/map.png"/><svg:title>The old map</svg:title></draw:frame></text:p>
<text:table-of-content><text:index-body><text:p>Chapter One ....... 1</text:p></text:index-body></text:table-of-content>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Chapter Two: Thaw</text:h>
<text:p text:style-name="P2">Spring at last.</text:p>`

describe('the OpenDocument reader', () => {
  it('reads chapters, marks, notes, lists, quotations, tables, pictures and the book’s title', async () => {
    const bytes = odt({
      'content.xml': content(BODY),
      'styles.xml': STYLES,
      'meta.xml': META,
      'Pictures/map.png': PNG,
    })
    const { result, codes } = await read(bytes)
    expect(result.metadata).toMatchObject({
      title: 'The Glass Orchard',
      subtitle: 'A Winter Tale',
      authors: [{ name: 'Ada Quill' }],
      subjects: ['orchards'],
    })
    const chapters = result.children as Chapter[]
    expect(chapters.map((c) => [c.number, toText(c.title ?? [])])).toEqual([
      [1, 'Frost'],
      [2, 'Thaw'],
    ])
    const blocks = strip(chapters[0]!.children)
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', value: '“I ' },
        { type: 'emphasis', children: [{ type: 'text', value: 'never' }] },
        { type: 'text', value: ' said that,” she said.' },
        { type: 'footnoteReference', identifier: 'fn-ftn1' },
        { type: 'text', value: ' It was ' },
        { type: 'emphasis', children: [{ type: 'text', value: 'cold' }] },
        { type: 'text', value: ', x' },
        { type: 'superscript', children: [{ type: 'text', value: '2' }] },
        { type: 'text', value: ', ' },
        { type: 'smallCaps', children: [{ type: 'text', value: 'Rome' }] },
        { type: 'text', value: '.' },
      ],
    })
    expect(blocks[1]).toMatchObject({ type: 'sceneBreak' })
    expect(blocks[2].children).toEqual([
      { type: 'text', value: 'Morning' },
      { type: 'break' },
      { type: 'text', value: 'came ' },
      { type: 'link', url: 'https://example.com/', children: [{ type: 'text', value: 'here' }] },
      { type: 'text', value: ' and there.Added.' },
    ])
    expect(blocks.map((b: { type: string }) => b.type)).toEqual([
      'paragraph',
      'sceneBreak',
      'paragraph',
      'list',
      'blockquote',
      'table',
      'figure',
      'footnoteDefinition',
    ])
    expect(blocks[3]).toMatchObject({ ordered: true })
    expect(blocks[6].image).toMatchObject({ url: 'novel.odt/Pictures/map.png', alt: 'The old map' })
    expect(blocks[7].children).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'Not ' },
          { type: 'strong', children: [{ type: 'text', value: 'once' }] },
          { type: 'text', value: '.' },
        ],
      },
    ])
    expect(Object.keys(result.resources ?? {})).toEqual(['novel.odt/Pictures/map.png'])
    // The contents index is the document's, not the book's; comments and changes are said.
    expect(JSON.stringify(result.children)).not.toContain('.......')
    expect(codes).toEqual(expect.arrayContaining(['odt-book-title', 'odt-comments', 'odt-tracked-changes']))
    expect(codes).not.toContain('internal-error')
  })

  it('reads a flat OpenDocument (.fodt) as it reads the package, pictures written in as base64', async () => {
    const packaged = await read(
      odt({ 'content.xml': content(BODY), 'styles.xml': STYLES, 'meta.xml': META, 'Pictures/map.png': PNG }),
    )
    const file = new SourceFile('novel.fodt')
    const text = flat(content(BODY), STYLES, META, { 'Pictures/map.png': PNG })
    const flatResult: ReadResult = await odtReader.read(new TextEncoder().encode(text), file, {
      language: 'en',
    })
    // The same tree, but for the file's name and where its pictures are kept.
    const urls = (value: unknown) => JSON.stringify(strip(value)).replace(/"(url|file)":"[^"]*"/g, '"$1":"x"')
    expect(urls(flatResult.children)).toBe(urls(packaged.result.children))
    expect(flatResult.metadata).toEqual(packaged.result.metadata)
    expect(Object.values(flatResult.resources ?? {})).toEqual([PNG])
    expect(file.messages.map((m) => m.code)).toEqual(packaged.codes)
    // Given as a string (the in-memory API), and found by its content under another name.
    expect(
      (await odtReader.read(text, new SourceFile('novel.fodt'), { language: 'en' })).children,
    ).toHaveLength(2)
    expect(odtReader.sniff?.(text.slice(0, 512))).toBe(true)
  })

  it('finds chapter titles typed by hand (centred, bold, on a new page) and empty lines as a scene break', async () => {
    const body = `<text:p text:style-name="P1"><text:span text:style-name="T2">Chapter One</text:span></text:p><text:p text:style-name="Text_20_body">It began.</text:p><text:p text:style-name="Text_20_body"/><text:p text:style-name="Text_20_body"/><text:p text:style-name="Text_20_body">Later.</text:p><text:p text:style-name="P2"><text:span text:style-name="T2">Chapter Two</text:span></text:p><text:p text:style-name="Text_20_body">It ended.</text:p>`
    const { result, codes } = await read(odt({ 'content.xml': content(body), 'styles.xml': STYLES }))
    expect(codes).toEqual([])
    expect((result.children as Chapter[]).map((c) => [c.number, c.children.map((b) => b.type)])).toEqual([
      [1, ['paragraph', 'sceneBreak', 'paragraph']],
      [2, ['paragraph']],
    ])
  })

  it("leaves out hidden text (Word's, saved as OpenDocument) and says so", async () => {
    const hidden =
      '<style:style style:name="TH" style:family="text"><style:text-properties text:display="none"/></style:style>'
    const body = `<text:h text:style-name="Heading_20_1" text:outline-level="1">One</text:h>
<text:p text:style-name="Text_20_body">She left<text:span text:style-name="TH"> (check this<text:s/>date)</text:span> at dawn.</text:p>`
    const { result, file, codes } = await read(
      odt({ 'content.xml': content(body, hidden), 'styles.xml': STYLES }),
    )
    const [chapter] = result.children as Array<{ children: Array<{ children: unknown }> }>
    expect(JSON.stringify(chapter!.children)).toContain('She left at dawn.')
    expect(JSON.stringify(result)).not.toContain('check this')
    expect(codes).toContain('odt-hidden-text')
    expect(file.messages.find((m) => m.code === 'odt-hidden-text')).toMatchObject({ line: 2 })
  })

  it('a heading numbered through a list is still a heading', async () => {
    const body = `<text:list text:style-name="L1"><text:list-item><text:h text:outline-level="1">The First</text:h></text:list-item></text:list><text:p>A.</text:p><text:list text:style-name="L1"><text:list-item><text:h text:outline-level="1">The Second</text:h></text:list-item></text:list><text:p>B.</text:p>`
    const { result } = await read(odt({ 'content.xml': content(body) }))
    expect(
      (result.children as Chapter[]).map((c) => [toText(c.title ?? []), c.children.map((b) => b.type)]),
    ).toEqual([
      ['The First', ['paragraph']],
      ['The Second', ['paragraph']],
    ])
  })

  it('keeps a picture anchored to the page, which stands among the paragraphs', async () => {
    const body = `<draw:frame text:anchor-type="page"><draw:image xlink:href="Pictures/map.png"/><svg:desc>A map</svg:desc></draw:frame><text:h text:outline-level="1">One</text:h><text:p>Text.</text:p>`
    const { result, codes } = await read(odt({ 'content.xml': content(body), 'Pictures/map.png': PNG }))
    expect(codes).toEqual([])
    expect(JSON.stringify(result.children)).toContain('"alt":"A map"')
    expect(Object.keys(result.resources ?? {})).toEqual(['novel.odt/Pictures/map.png'])
  })

  it('leaves out an author name a program filled in, as the Word reader does', async () => {
    const meta = META.replace(
      '<meta:initial-creator>Ada Quill</meta:initial-creator>',
      '<meta:initial-creator>LibreOffice</meta:initial-creator>',
    ).replace('<dc:creator>Someone Editing</dc:creator>', '')
    const { result } = await read(odt({ 'content.xml': content('<text:p>A</text:p>'), 'meta.xml': meta }))
    expect(result.metadata?.authors).toBeUndefined()
    expect(result.metadata?.title).toBe('The Glass Orchard')
  })

  it('names what it could not carry over, and reads a document without styles.xml or meta.xml', async () => {
    const body = `<text:h text:outline-level="1">One</text:h><text:p>A <draw:frame><draw:image xlink:href="Pictures/gone.png"/></draw:frame> and <draw:frame><draw:image xlink:href="http://example.com/x.png"/></draw:frame>.</text:p><text:h text:outline-level="1">Two</text:h><text:p>B</text:p>`
    const { result, file } = await read(odt({ 'content.xml': content(body) }))
    expect((result.children as Chapter[]).map((c) => toText(c.title ?? []))).toEqual(['One', 'Two'])
    expect(file.messages.filter((m) => m.code === 'odt-image').map((m) => m.message)).toEqual([
      'An image in paragraph 2 was left out: its part "Pictures/gone.png" is not in the archive',
      'An image in paragraph 2 was left out: it is linked from outside the document ("http://example.com/x.png")',
    ])
  })

  it('refuses what is not an OpenDocument text with one error', async () => {
    expect((await read('text')).codes).toEqual(['odt-invalid'])
    expect((await read(new TextEncoder().encode('hello'))).codes).toEqual(['archive-not-zip'])
    expect((await read(odt({ 'styles.xml': STYLES }))).codes).toEqual(['odt-invalid'])
    const sheet = content('').replace('<office:text></office:text>', '<office:spreadsheet/>')
    const { codes, file } = await read(odt({ 'content.xml': sheet }))
    expect(codes).toEqual(['odt-invalid'])
    expect(file.messages[0]!.message).toContain('no text body')
    // Malformed XML: said, and what could be read is read.
    const broken = await read(odt({ 'content.xml': content('<text:p>A</text:p><text:p>B') }))
    expect(broken.codes).toContain('xml-malformed')
    // A malformed styles.xml is read, and said, once.
    const styles = await read(
      odt({ 'content.xml': content('<text:p>A</text:p>'), 'styles.xml': `${STYLES}<x` }),
    )
    expect(styles.codes.filter((c) => c === 'xml-malformed')).toHaveLength(1)
  })

  it('a book folder holding an .odt builds, its title and author adopted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-odt-'))
    writeFileSync(
      path.join(dir, 'novel.odt'),
      odt({ 'content.xml': content(BODY), 'styles.xml': STYLES, 'meta.xml': META, 'Pictures/map.png': PNG }),
    )
    const { book, diagnostics } = await loadBook(dir)
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(book!.tree.metadata).toMatchObject({
      title: 'The Glass Orchard',
      authors: [{ name: 'Ada Quill' }],
    })
    expect(chaptersOf(book!.tree)).toHaveLength(2)
    await expectEpubcheckPasses(book!)
  })

  it('reads what pandoc writes as .odt: its chapters, title, author and notes', async () => {
    need('pandoc')
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-odt-pandoc-'))
    const md = path.join(dir, 'in.md')
    writeFileSync(
      md,
      '---\ntitle: Lanterns\nauthor: Jo March\n---\n\n# Chapter 1: Dusk\n\nIt was *late*.[^1]\n\n[^1]: Very late.\n\n# Chapter 2: Dawn\n\nIt was early.\n',
    )
    execFileSync('pandoc', [md, '-o', path.join(dir, 'in.odt')])
    const { result, codes } = await read(readFileSync(path.join(dir, 'in.odt')))
    expect(codes).not.toContain('internal-error')
    expect(result.metadata).toMatchObject({ title: 'Lanterns', authors: [{ name: 'Jo March' }] })
    const chapters = result.children as Chapter[]
    expect(chapters.map((c) => toText(c.title ?? []))).toEqual(['Dusk', 'Dawn'])
    expect(JSON.stringify(chapters[0])).toContain('"footnoteDefinition"')
    expect(JSON.stringify(chapters[0])).toContain('"emphasis"')
  })
})

describe('properties', () => {
  const never = async (bytes: Uint8Array) => {
    const { result, file } = await read(bytes)
    expect(Array.isArray(result.children)).toBe(true)
    expect(file.messages.filter((m) => m.code === 'internal-error')).toEqual([])
    for (const m of file.messages) expect(m.file).toBe('novel.odt')
    JSON.stringify(result)
  }
  const seed = () =>
    odt({ 'content.xml': content(BODY), 'styles.xml': STYLES, 'meta.xml': META, 'Pictures/map.png': PNG })

  it('flat documents with tokens spliced in never throw', async () => {
    const text = flat(content(BODY), STYLES, META, { 'Pictures/map.png': PNG })
    const tokens = [
      '<',
      '>',
      '&',
      '"',
      '</office:body>',
      '<office:binary-data>',
      '<text:p>',
      '</text:span>',
      '',
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(text.length), fc.constantFrom(...tokens), fc.nat(20)), { maxLength: 6 }),
        async (edits) => {
          let mutated = text
          for (const [at, token, cut] of edits)
            mutated = mutated.slice(0, at) + token + mutated.slice(at + cut)
          await never(new TextEncoder().encode(mutated))
        },
      ),
      { numRuns: fcRuns(150) },
    )
  })

  it('mutated documents never throw, and every message names the file', async () => {
    await mutatedBytes([seed()], never)
  })

  it('documents with mutated XML (stored uncompressed) never throw', async () => {
    const tokens = ['<', '>', '&', '"', '/', 'text:', '<text:p>', '</text:span>', '<text:note>', '']
    await mutatedXml(seed(), (n) => n.endsWith('.xml'), tokens, never)
  })

  it('a style that names itself as its parent, and notes and frames nested deep, end', async () => {
    const loop = STYLES.replace(
      '<style:style style:name="Standard" style:family="paragraph"/>',
      '<style:style style:name="Standard" style:family="paragraph" style:parent-style-name="Text_20_body"/>',
    )
    const deep = `${'<text:span>'.repeat(500)}deep${'</text:span>'.repeat(500)}`
    const { result, codes } = await read(
      odt({
        'content.xml': content(`<text:p text:style-name="Text_20_body">${deep}</text:p>`),
        'styles.xml': loop,
      }),
    )
    expect(codes).not.toContain('internal-error')
    expect(Array.isArray(result.children)).toBe(true)
  })
})
