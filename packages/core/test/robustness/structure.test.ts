/**
 * Odd manuscript structure: missing headings, repeated or shuffled chapter numbers, scene breaks at
 * the edges, emphasis that never closes, raw HTML in Markdown, and nesting 10,000 levels deep,
 * both through the readers and as trees built directly and handed to the EPUB and PDF renderers.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import { createBook } from '../../src/index.js'
import type { BlockContent, Chapter, PhrasingContent, Root } from '../../src/model/types.js'
import { chaptersOf } from '../../src/model/walk.js'
import { getRenderer } from '../../src/renderers/index.js'
import { ids } from '../../src/transforms/ids.js'
import {
  allDiagnostics,
  allXhtml,
  cleanupTempDirs,
  epubOf,
  epubText,
  expectBookOrDiagnostics,
  findDiagnostic,
  hasPdftotext,
  hasQpdf,
  inspectEpub,
  isPdf,
  itUnless,
  pdfText,
  qpdfCheck,
} from './helpers.js'

afterAll(cleanupTempDirs)

const meta = { title: 'Structure', author: 'A' }

describe('headings and numbers', () => {
  it('a chapter with no heading line is still a chapter, numbered, in the TOC', async () => {
    const result = await createBook({
      metadata: meta,
      chapters: [{ text: 'Just a first paragraph.\n\nAnd another.\n' }],
    })
    expectBookOrDiagnostics(result)
    const [chapter] = chaptersOf(result.book!.tree)
    expect(chapter!.number).toBe(1)
    expect(chapter!.children.filter((c) => c.type === 'paragraph')).toHaveLength(2)
    expect(epubText(await epubOf(result.book!))).toContain('Just a first paragraph.')
  })

  const duplicate = () =>
    createBook({
      metadata: meta,
      chapters: [
        { text: 'Chapter 1\n\nOne.\n' },
        { text: 'Chapter 2\n\nTwo.\n' },
        { text: 'Chapter 2\n\nTwo again.\n' },
      ],
    })
  const shuffled = () =>
    createBook({
      metadata: meta,
      chapters: [
        { text: 'Chapter 1\n\nOne.\n' },
        { text: 'Chapter 3\n\nThree.\n' },
        { text: 'Chapter 2\n\nTwo.\n' },
      ],
    })

  it('duplicate chapter numbers warn book-duplicate-number, naming the file', async () => {
    const result = await duplicate()
    expectBookOrDiagnostics(result)
    const d = findDiagnostic(allDiagnostics(result.book!), 'book-duplicate-number')
    expect(d.level).toBe('warning')
    expect([d.file, d.message].join(' ')).toContain('chapter-3.txt')
    await epubOf(result.book!)
  })

  it('numbers out of order warn book-number-order, naming the file', async () => {
    const result = await shuffled()
    expectBookOrDiagnostics(result)
    const d = findDiagnostic(allDiagnostics(result.book!), 'book-number-order')
    expect([d.file, d.message].join(' ')).toMatch(/chapter-[23]\.txt/)
    await epubOf(result.book!)
  })

  it('both numbering warnings carry the chapter file and line as fields', async () => {
    const dup = findDiagnostic(allDiagnostics((await duplicate()).book!), 'book-duplicate-number')
    expect(dup.file).toBe('chapter-3.txt')
    expect(dup.line).toBe(1)
    const order = findDiagnostic(allDiagnostics((await shuffled()).book!), 'book-number-order')
    expect(order.file).toMatch(/^chapter-[23]\.txt$/)
    expect(order.line).toBe(1)
  })
})

describe('scene breaks and emphasis', () => {
  for (const [label, input] of [
    ['text', { text: 'Chapter 1\n\n* * *\n\nMiddle.\n\n* * *\n' }],
    ['markdown', { markdown: '# Chapter 1\n\n* * *\n\nMiddle.\n\n* * *\n' }],
    ['html', { html: '<h1>Chapter 1</h1><hr><p>Middle.</p><hr>' }],
  ] as const) {
    // Markdown and HTML: skipped while KNOWN_DEFECTS['scene-break-edge-md'/'-html'] stand.
    const defect =
      label === 'markdown' ? 'scene-break-edge-md' : label === 'html' ? 'scene-break-edge-html' : undefined
    itUnless(defect)(`a scene break as the first or last line separates nothing (${label})`, async () => {
      const result = await createBook({ metadata: meta, chapters: [input] })
      expectBookOrDiagnostics(result)
      const chapter = chaptersOf(result.book!.tree)[0]!
      expect(chapter.children[0]?.type).not.toBe('sceneBreak')
      expect(chapter.children.at(-1)?.type).not.toBe('sceneBreak')
      expect(epubText(await epubOf(result.book!))).toContain('Middle.')
    })
  }

  it('nested emphasis markers that never close keep every character as text', async () => {
    // Every marker follows a space and precedes a letter: all openers, none can close.
    const opened = `${' _w *w'.repeat(2500)} deep`
    for (const input of [
      { text: `Chapter 1\n\n_a *b _c *d never closes\n\n${opened}\n` },
      { markdown: `# Chapter 1\n\n_a *b _c *d never closes\n\n${opened}\n` },
    ]) {
      const result = await createBook({ metadata: meta, chapters: [input] })
      expectBookOrDiagnostics(result)
      const text = epubText(await epubOf(result.book!))
      expect(text).toContain('never closes')
      expect(text).toContain('deep')
      // The markers are kept as literal text (nothing was eaten).
      expect((text.match(/[_*]/g) ?? []).length).toBeGreaterThanOrEqual(5_000 + 4)
    }
  })

  it('raw HTML in Markdown never reaches the EPUB as markup', async () => {
    const markdown =
      '# Chapter 1\n\n<div onclick="steal()">kept words <script>alert(1)</script></div>\n\n' +
      'Inline <span style="color:red" onmouseover="x()">red</span> and <img src="http://example.invalid/t.png" onerror="y()">.\n\n' +
      '<iframe src="javascript:alert(2)"></iframe>\n'
    const result = await createBook({ metadata: meta, chapters: [{ markdown }] })
    expectBookOrDiagnostics(result)
    const epub = await epubOf(result.book!)
    const xhtml = allXhtml(epub).toLowerCase()
    expect(xhtml).not.toContain('<script')
    expect(xhtml).not.toContain('<iframe')
    expect(xhtml).not.toMatch(/\son[a-z]+\s*=/)
    expect(xhtml).not.toContain('javascript:')
    expect(xhtml).not.toContain('alert(1)')
    expect(epubText(epub)).toContain('red')
  })
})

// ---------------------------------------------------------------- 10,000 levels

const DEPTH = 10_000

describe('10,000 levels of nesting through the readers', () => {
  const inputs: Array<[string, { markdown?: string; html?: string; text?: string }]> = [
    ['markdown blockquotes', { markdown: `# Chapter 1\n\n${'>'.repeat(DEPTH)} innermost words\n` }],
    ['markdown lists', { markdown: `# Chapter 1\n\n${'- + '.repeat(DEPTH / 2)}innermost words\n` }],
    [
      'markdown emphasis',
      { markdown: `# Chapter 1\n\n${'*_'.repeat(DEPTH / 2)}innermost words${'_*'.repeat(DEPTH / 2)}\n` },
    ],
    [
      'html blockquotes',
      {
        html: `<h1>Chapter 1</h1>${'<blockquote>'.repeat(DEPTH)}<p>innermost words</p>${'</blockquote>'.repeat(DEPTH)}`,
      },
    ],
    [
      'html lists',
      { html: `<h1>Chapter 1</h1>${'<ul><li>'.repeat(DEPTH)}innermost words${'</li></ul>'.repeat(DEPTH)}` },
    ],
    [
      'html emphasis',
      {
        html: `<h1>Chapter 1</h1><p>${'<em><strong>'.repeat(DEPTH / 2)}innermost words${'</strong></em>'.repeat(DEPTH / 2)}</p>`,
      },
    ],
    [
      'html unclosed divs',
      { html: `<h1>Chapter 1</h1>${'<div><blockquote>'.repeat(DEPTH / 2)}<p>innermost words` },
    ],
  ]
  for (const [label, input] of inputs) {
    it(`${label}: no stack overflow, EPUB and PDF render`, async () => {
      const result = await createBook({ metadata: meta, chapters: [input] })
      expectBookOrDiagnostics(result)
      expect(result.book).toBeDefined()
      const epub = await epubOf(result.book!)
      expect(epubText(epub)).toContain('innermost words')
      const pdf = await getRenderer('pdf')!.render(result.book!.tree, {}, result.book!.env)
      expect(isPdf(pdf)).toBe(true)
      if (hasQpdf) expect((await qpdfCheck(pdf)).ok).toBe(true)
    })
  }
})

function chapterOf(children: BlockContent[]): Root {
  const chapter: Chapter = {
    type: 'chapter',
    matter: 'body',
    kind: 'chapter',
    number: 1,
    title: [{ type: 'text', value: 'Deep' }],
    children,
  }
  return {
    type: 'root',
    metadata: {
      title: 'Deep',
      authors: [{ name: 'A' }],
      language: 'en',
      identifier: { scheme: 'uuid', value: '00000000-0000-4000-8000-000000000001' },
      subjects: [],
      contributors: [],
    },
    children: [chapter],
  }
}

const leaf = (): PhrasingContent[] => [{ type: 'text', value: 'innermost words' }]

function nestBlocks(kind: 'blockquote' | 'list' | 'note' | 'footnote'): BlockContent {
  let node: BlockContent = { type: 'paragraph', children: leaf() }
  for (let i = 0; i < DEPTH; i++) {
    if (kind === 'blockquote') node = { type: 'blockquote', children: [node] }
    else if (kind === 'list')
      node = { type: 'list', ordered: i % 2 === 0, children: [{ type: 'listItem', children: [node] }] }
    else if (kind === 'note') node = { type: 'note', placement: 'inline', children: [node] }
    else
      node = {
        type: 'blockquote',
        children: [node, { type: 'paragraph', children: [{ type: 'text', value: `level ${i}` }] }],
      }
  }
  return node
}

function nestInline(): BlockContent {
  let inline: PhrasingContent[] = leaf()
  const kinds = ['emphasis', 'strong', 'smallCaps', 'link'] as const
  for (let i = 0; i < DEPTH; i++) {
    const type = kinds[i % kinds.length]!
    inline = [
      type === 'link' ? { type, url: 'https://example.org/', children: inline } : { type, children: inline },
    ]
  }
  return { type: 'paragraph', children: inline }
}

describe('10,000-level trees built directly', () => {
  const trees: Array<[string, () => Root]> = [
    ['blockquotes', () => chapterOf([nestBlocks('blockquote')])],
    ['lists', () => chapterOf([nestBlocks('list')])],
    ['author notes', () => chapterOf([nestBlocks('note')])],
    ['wide and deep blockquotes', () => chapterOf([nestBlocks('footnote')])],
    ['inline emphasis/strong/smallCaps/link', () => chapterOf([nestInline()])],
    [
      'a footnote holding deep quotes',
      () =>
        chapterOf([
          {
            type: 'paragraph',
            children: [
              { type: 'text', value: 'See' },
              { type: 'footnoteReference', identifier: 'n1' },
            ],
          },
          { type: 'footnoteDefinition', identifier: 'n1', children: [nestBlocks('blockquote')] },
        ]),
    ],
  ]
  // Skipped while KNOWN_DEFECTS['deep-tree-epub'/'deep-tree-pdf'] stand (readers cap nesting, so
  // this only bites trees built through the API or by plugins).
  for (const [label, make] of trees) {
    itUnless('deep-tree-epub')(`EPUB: ${label}`, async () => {
      const tree = make()
      await ids()(tree, new SourceFile(''))
      const env = createMemoryEnv({})
      const bytes = await getRenderer('epub')!.render(tree, {}, env)
      const report = inspectEpub(bytes)
      expect(report.problems).toEqual([])
      expect(epubText(report)).toContain('innermost words')
      expect(env.file.messages.filter((d) => d.code === 'internal-error')).toEqual([])
    })
    itUnless(label === 'a footnote holding deep quotes' ? undefined : 'deep-tree-pdf')(
      `PDF: ${label}`,
      async () => {
        const tree = make()
        await ids()(tree, new SourceFile(''))
        const env = createMemoryEnv({})
        const bytes = await getRenderer('pdf')!.render(tree, {}, env)
        expect(isPdf(bytes)).toBe(true)
        if (hasQpdf) expect((await qpdfCheck(bytes)).ok).toBe(true)
        // Small capitals are synthesised as capitals, so text extraction gives them upper-cased.
        if (hasPdftotext)
          expect((await pdfText(bytes)).replace(/\s+/g, ' ').toLowerCase()).toContain('innermost words')
      },
    )
  }
})
