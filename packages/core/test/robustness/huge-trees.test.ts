/**
 * Chapters far larger than any book's: 200,000 blocks in one chapter (each reader), a paragraph of
 * 130,000 inline nodes, 130,000 children of a link, and thousands of footnotes. No spread of an
 * unbounded array may overflow the stack, and footnote handling must be linear: the work is
 * counted (elements scanned by Array searches), never timed. Also: runs of footnote and link
 * reference definitions are not pathological Markdown.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createBook, diagnosticsOf, render } from '../../src/index.js'
import { normalizeTree } from '../../src/model/normalize.js'
import type { Node, Paragraph, PhrasingContent, Root } from '../../src/model/types.js'
import { chaptersOf, childrenOf, visit } from '../../src/model/walk.js'
import { MAX_MARKERS } from '../../src/readers/markdown/pathological.js'
import { markdownReader } from '../../src/readers/markdown.js'
import { expectBookOrDiagnostics, inspectEpub, isPdf } from './helpers.js'

const meta = { title: 'Huge', author: 'A' }
/** Past the ~125,000 arguments a `push(...x)` call overflowed the stack at. */
const BLOCKS = 200_000
const SLOW = 900_000

function count(root: Root, type: string): number {
  let n = 0
  visit(root, (node) => {
    if (node.type === type) n++
  })
  return n
}

async function epubParagraphs(chapter: { text?: string; markdown?: string; html?: string; file: string }) {
  const result = await createBook({ metadata: meta, chapters: [chapter] })
  expectBookOrDiagnostics(result)
  const book = result.book!
  expect(diagnosticsOf(book).filter((d) => d.code === 'internal-error')).toEqual([])
  const [first] = chaptersOf(book.tree)
  const paragraphs = first!.children.filter((c) => c.type === 'paragraph').length
  const epub = inspectEpub(await render(book, 'epub'))
  expect(epub.problems).toEqual([])
  return { paragraphs, epub }
}

describe('200,000 blocks in one chapter', () => {
  it(
    'plain text: every paragraph read and written to the EPUB',
    async () => {
      const text = `Chapter 1\n\n${Array.from({ length: BLOCKS }, (_, i) => `p${i}`).join('\n\n')}\n`
      const { paragraphs, epub } = await epubParagraphs({ text, file: 'huge.txt' })
      expect(paragraphs).toBe(BLOCKS)
      const xhtml = epub.xhtml.map((n) => new TextDecoder().decode(epub.entries[n])).join('')
      expect(xhtml).toContain(`p${BLOCKS - 1}<`)
    },
    SLOW,
  )

  it(
    'HTML: every paragraph read and written to the EPUB',
    async () => {
      const html = `<h1>Huge</h1>${Array.from({ length: BLOCKS }, (_, i) => `<p>p${i}</p>`).join('\n')}`
      const { paragraphs } = await epubParagraphs({ html, file: 'huge.html' })
      expect(paragraphs).toBe(BLOCKS)
    },
    SLOW,
  )

  it(
    'Markdown: 130,000 paragraphs read and written to the EPUB',
    async () => {
      // Fewer than the others: micromark itself takes seconds per 10,000 blocks.
      const n = 130_000
      const markdown = `# Huge\n\n${Array.from({ length: n }, (_, i) => `p${i}`).join('\n\n')}\n`
      const { paragraphs } = await epubParagraphs({ markdown, file: 'huge.md' })
      expect(paragraphs).toBe(n)
    },
    SLOW,
  )

  it('visit and childrenOf walk a node of 200,000 children', () => {
    const children: Paragraph[] = Array.from({ length: BLOCKS }, () => ({
      type: 'paragraph',
      children: [{ type: 'text', value: 'x' }],
    }))
    const chapter = { type: 'chapter', kind: 'chapter', matter: 'body', children } as unknown as Node
    expect(childrenOf(chapter)).toHaveLength(BLOCKS)
    let texts = 0
    visit(chapter, (node) => {
      if (node.type === 'text') texts++
    })
    expect(texts).toBe(BLOCKS)
  })

  it('normalizeTree unwraps a link of 130,000 inlines inside a link, in one pass', () => {
    const inner: PhrasingContent[] = Array.from({ length: 130_000 }, () => ({ type: 'text', value: 'w ' }))
    const root = {
      type: 'root',
      metadata: meta,
      children: [
        {
          type: 'chapter',
          kind: 'chapter',
          matter: 'body',
          children: [
            {
              type: 'paragraph',
              children: [
                {
                  type: 'link',
                  url: 'https://a.example',
                  children: [{ type: 'link', url: 'https://b.example', children: inner }],
                },
              ],
            },
          ],
        },
      ],
    } as unknown as Root
    expect(normalizeTree(root)).toBeGreaterThan(0)
    expect(count(root, 'link')).toBe(1)
    expect(count(root, 'text')).toBe(130_000)
  })

  it(
    'the PDF sets a paragraph of 130,000 inline nodes without overflowing',
    async () => {
      const children: PhrasingContent[] = Array.from({ length: 130_000 }, (_, i) =>
        i % 2 === 0
          ? { type: 'text', value: 'word ' }
          : { type: 'emphasis', children: [{ type: 'text', value: 'it ' }] },
      )
      const result = await createBook({
        metadata: meta,
        chapters: [{ markdown: '# Long\n\nx\n', file: 'long.md' }],
      })
      const book = result.book!
      const [chapter] = chaptersOf(book.tree)
      chapter!.children = [{ type: 'paragraph', children }]
      const bytes = await render(book, 'pdf')
      expect(isPdf(bytes)).toBe(true)
      expect(diagnosticsOf(book).filter((d) => d.level === 'error')).toEqual([])
    },
    SLOW,
  )
})

/**
 * Elements scanned by Array searches (`includes`, `indexOf`, `find`…) on arrays of more than 64
 * elements while `run` runs: a lookup in a growing list per footnote shows as quadratic growth.
 */
const SEARCHES = [
  'includes',
  'indexOf',
  'lastIndexOf',
  'find',
  'findIndex',
  'findLast',
  'some',
  'every',
  'filter',
] as const
let scanned = 0

async function scannedFor(n: number, format: 'epub' | 'pdf' | undefined): Promise<number> {
  const markdown = `# Notes\n\n${Array.from({ length: n }, (_, i) => `Line ${i}.[^n${i}]`).join('\n\n')}\n\n${Array.from({ length: n }, (_, i) => `[^n${i}]: Note ${i}.`).join('\n\n')}\n`
  scanned = 0
  const result = await createBook({ metadata: meta, chapters: [{ markdown, file: 'notes.md' }] })
  const book = result.book!
  expect(count(book.tree, 'footnoteDefinition')).toBe(n)
  expect(count(book.tree, 'footnoteReference')).toBe(n)
  if (format) await render(book, format)
  return scanned
}

describe('footnotes are linear', () => {
  const originals = new Map<string, unknown>()
  beforeEach(() => {
    for (const name of SEARCHES) {
      const original = Array.prototype[name] as (...args: unknown[]) => unknown
      originals.set(name, original)
      Object.defineProperty(Array.prototype, name, {
        configurable: true,
        writable: true,
        value(this: unknown[], ...args: unknown[]) {
          if (this.length > 64) scanned += this.length
          return original.apply(this, args)
        },
      })
    }
  })
  afterEach(() => {
    for (const [name, original] of originals)
      Object.defineProperty(Array.prototype, name, { configurable: true, writable: true, value: original })
  })

  it(
    'reading 4,000 footnotes scans no more than twice the work of 2,000 (plus a margin)',
    async () => {
      const small = await scannedFor(2_000, undefined)
      const large = await scannedFor(4_000, undefined)
      // Quadratic lookups (the GFM footnote extension's list of identifiers) made this 4×.
      expect(large).toBeLessThan(small * 2.5 + 10_000)
    },
    SLOW,
  )

  it(
    'the EPUB and the PDF of 1,000 and 2,000 footnotes: linear too',
    async () => {
      for (const format of ['epub', 'pdf'] as const) {
        const small = await scannedFor(1_000, format)
        const large = await scannedFor(2_000, format)
        expect(large, format).toBeLessThan(small * 2.5 + 10_000)
      }
    },
    SLOW,
  )

  it(
    '20,000 footnotes in one chapter make an EPUB with all of them',
    async () => {
      const n = 20_000
      const markdown = `# Notes\n\n${Array.from({ length: n }, (_, i) => `L${i}.[^${i}]`).join('\n\n')}\n\n${Array.from({ length: n }, (_, i) => `[^${i}]: N${i}.`).join('\n')}\n`
      const result = await createBook({ metadata: meta, chapters: [{ markdown, file: 'notes.md' }] })
      const epub = inspectEpub(await render(result.book!, 'epub'))
      expect(epub.problems).toEqual([])
      const xhtml = epub.xhtml.map((name) => new TextDecoder().decode(epub.entries[name])).join('')
      expect(xhtml).toContain(`N${n - 1}.`)
    },
    SLOW,
  )
})

describe('definition runs are not pathological Markdown', () => {
  const read = (source: string) => {
    const file = new SourceFile('notes.md')
    const result = markdownReader.read(source, file, { language: 'en' })
    const root = { type: 'root', metadata: meta, children: result.children } as unknown as Root
    return { file, root }
  }

  it('more than 500 footnote definitions on consecutive lines keep every reference', () => {
    const n = MAX_MARKERS + 300
    const source = `# Notes\n\n${Array.from({ length: n }, (_, i) => `Line ${i}.[^${i}]`).join(' ')}\n\n${Array.from({ length: n }, (_, i) => `[^${i}]: Note ${i}.`).join('\n')}\n`
    const { file, root } = read(source)
    expect(file.messages.map((m) => m.code)).not.toContain('md-pathological')
    expect(count(root, 'footnoteReference')).toBe(n)
    expect(count(root, 'footnoteDefinition')).toBe(n)
  })

  it('more than 500 link reference definitions on consecutive lines are all used', () => {
    const n = MAX_MARKERS + 300
    const source = `# Links\n\n${Array.from({ length: n }, (_, i) => `[w${i}][l${i}]`).join('\n\n')}\n\n${Array.from({ length: n }, (_, i) => `[l${i}]: https://example.com/${i}`).join('\n')}\n`
    const { file, root } = read(source)
    expect(file.messages.map((m) => m.code)).not.toContain('md-pathological')
    expect(count(root, 'link')).toBe(n)
  })

  it('a paragraph of thousands of unmatched brackets is read as the characters it is', () => {
    // The fast Markdown parser matches brackets in linear work: nothing to defuse.
    const { file, root } = read(`# One\n\n${']'.repeat(MAX_MARKERS * 2)}\n\n[^1]: A note.\n`)
    expect(file.messages.map((m) => m.code)).not.toContain('md-pathological')
    let brackets = 0
    visit(root, (node) => {
      if (node.type === 'text') brackets += node.value.split(']').length - 1
    })
    expect(brackets).toBe(MAX_MARKERS * 2)
  })
})
