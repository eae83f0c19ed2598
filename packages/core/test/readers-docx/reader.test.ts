/**
 * The Word reader on manuscripts made in the test as authors lay them out: with styles, with
 * direct formatting only, and under review (tracked changes, comments, hidden text).
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter, Node, Part, Root } from '../../src/model/types.js'
import { toText, visit } from '../../src/model/walk.js'
import { docxReader } from '../../src/readers/docx/index.js'
import { directManuscript, reviewedChapter, styledManuscript } from './make.js'

async function read(bytes: Uint8Array, path = 'novel.docx') {
  const file = new SourceFile(path)
  const result = await docxReader.read(bytes, file, { language: 'en' })
  return { result, file, chapters: result.children.flatMap((c) => (c.type === 'part' ? c.children : [c])) }
}

// biome-ignore lint/suspicious/noExplicitAny: the tests read fields of several node types
type Loose = any

function nodes(node: Node | Array<Part | Chapter>, type: string): Loose[] {
  const out: Loose[] = []
  const root = Array.isArray(node) ? ({ type: 'root', children: node } as unknown as Root) : node
  visit(root, (n) => {
    if (n.type === type) out.push(n)
  })
  return out
}

const textOf = (chapter: Chapter) =>
  nodes(chapter, 'text')
    .map((t) => (t as { value: string }).value)
    .join(' ')

describe('a manuscript with styles', async () => {
  const { result, file, chapters } = await read(await styledManuscript())

  it('takes the book title and subtitle from the Title and Subtitle styles, the rest from the properties', () => {
    expect(result.metadata).toMatchObject({
      title: 'The Glass Orchard',
      subtitle: 'A Novel',
      authors: [{ name: 'Ada Quill' }],
      subjects: ['Fiction', 'orchard', 'glass'],
      description: 'A novel about an orchard of glass.',
    })
    expect(file.messages.find((m) => m.code === 'docx-book-title')?.line).toBe(1)
  })

  it('splits at Heading 1 and keeps Heading 2 as a section', () => {
    expect(chapters.map((c) => [c.label, c.numeral, toText(c.title)])).toEqual([
      ['Chapter', 'One', 'The Storm'],
      ['Chapter', 'Two', ''],
    ])
    expect(
      nodes(chapters[0]!, 'heading').map((h) => [
        (h as { depth: number }).depth,
        toText((h as { children: [] }).children),
      ]),
    ).toEqual([[2, 'Morning']])
  })

  it('keeps every mark Word authors type', () => {
    const first = chapters[0]!
    for (const [type, text] of [
      ['emphasis', 'dark'],
      ['strong', 'stormy'],
      ['underline', 'underlined'],
      ['smallCaps', 'small caps'],
      ['delete', 'struck'],
      ['subscript', '2'],
      ['superscript', '2'],
      ['link', 'the orchard'],
    ] as const) {
      const found = nodes(first, type).map((n) => toText((n as { children: [] }).children))
      expect(found, type).toContain(text)
    }
    expect(nodes(first, 'link').map((n) => (n as { url: string }).url)).toEqual([
      'https://example.com/orchard',
    ])
    expect(textOf(first)).toContain('a local file')
    expect(file.messages.filter((m) => m.code === 'docx-unsafe-link')).toHaveLength(1)
  })

  it('reads a centred ornament and a run of empty paragraphs as scene breaks', () => {
    expect(nodes(chapters[0]!, 'sceneBreak').map((n) => (n as { marker: string }).marker)).toEqual([
      '* * *',
      '(blank)',
    ])
  })

  it('places footnotes and endnotes in the chapter that cites them', () => {
    const defs = nodes(chapters[0]!, 'footnoteDefinition')
    const refs = nodes(chapters[0]!, 'footnoteReference')
    expect(defs.map((d) => (d as { identifier: string }).identifier).sort()).toEqual(
      refs.map((r) => (r as { identifier: string }).identifier).sort(),
    )
    expect(
      defs.map((d) => toText((d as { children: Array<{ children: [] }> }).children[0]!.children)),
    ).toEqual(['A note on the storm.', 'An endnote.'])
  })

  it('makes the picture a figure with its alt text, its bytes handed to the book', () => {
    const [figure] = nodes(chapters[0]!, 'figure') as Array<{
      image: { url: string; alt?: string; title?: string }
    }>
    expect(figure!.image).toMatchObject({ alt: 'A map of the orchard', title: 'Map' })
    expect(figure!.image.url.startsWith('novel.docx/word/media/')).toBe(true)
    const bytes = result.resources?.[figure!.image.url]
    expect(bytes && [...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47])
  })

  it('keeps the table with its header row', () => {
    const [table] = nodes(chapters[0]!, 'table') as Array<{
      children: Array<{ head?: boolean; children: Array<{ children: [] }> }>
    }>
    expect(
      table!.children.map((row) => [row.head ?? false, ...row.children.map((c) => toText(c.children))]),
    ).toEqual([
      [true, 'Tree', 'Glass'],
      [false, 'Apple', 'Green'],
    ])
  })
})

describe('a manuscript typed with direct formatting only', async () => {
  const { chapters, result } = await read(await directManuscript())

  it('finds the chapter titles the way Vellum does', () => {
    expect(chapters.map((c) => [c.kind, c.label ?? '', c.numeral ?? '', toText(c.title)])).toEqual([
      ['chapter', 'Chapter', 'One', 'The Storm'],
      ['chapter', 'CHAPTER', 'TWO', ''],
      ['epilogue', 'Epilogue', '', ''],
    ])
    expect(result.metadata?.title).toBeUndefined()
  })

  it('reads first-line-indented paragraphs as paragraphs and a centred # as a scene break', () => {
    expect(chapters[0]!.children.map((b) => b.type)).toEqual([
      'paragraph',
      'paragraph',
      'sceneBreak',
      'paragraph',
    ])
    expect(chapters[0]!.children.map((b) => toText('children' in b ? (b.children as []) : []))).not.toContain(
      'The Storm',
    )
  })
})

describe('a chapter under review', async () => {
  const { chapters, file } = await read(await reviewedChapter(), 'ch3.docx')
  const text = textOf(chapters[0]!)

  it('accepts insertions and drops deletions, comments and hidden text', () => {
    expect(text).toContain('She said kindly goodbye.')
    expect(text).not.toContain('DELETEDWORDS')
    expect(text).not.toContain('Cut this line')
    expect(text).not.toContain('SECRETNOTE')
    expect(text).toContain('A line the editor questioned.')
  })

  it('says so once per kind, naming the file and the paragraph', () => {
    const by = (code: string) => file.messages.filter((m) => m.code === code)
    for (const code of ['docx-tracked-changes', 'docx-comments', 'docx-hidden-text'])
      expect(by(code), code).toHaveLength(1)
    expect(by('docx-tracked-changes')[0]).toMatchObject({ file: 'ch3.docx', line: 3, level: 'warning' })
    expect(by('docx-tracked-changes')[0]!.message).toContain('paragraph 3 ("She said kindly goodbye.")')
    expect(by('docx-comments')[0]).toMatchObject({ file: 'ch3.docx', line: 4 })
    expect(by('docx-comments')[0]!.message).toContain('Editor: Cut this line?')
    expect(by('docx-hidden-text')[0]).toMatchObject({ file: 'ch3.docx', line: 5 })
  })
})

describe('in memory', () => {
  it('createBook reads a .docx given as bytes and packages its picture in the EPUB', async () => {
    const { createBook, render } = await import('../../src/index.js')
    const { unzipSync } = await import('fflate')
    const { book, diagnostics } = await createBook({
      metadata: { title: 'From Memory', author: 'M. Keeper' },
      chapters: [{ reader: 'docx', content: await styledManuscript() }],
    })
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    // The caller's metadata wins over the file's.
    expect(book!.tree.metadata.title).toBe('From Memory')
    const entries = Object.keys(unzipSync(await render(book!, 'epub')))
    expect(entries.filter((n) => /images\/image-\d+\.png$/.test(n))).toHaveLength(1)
  })
})
