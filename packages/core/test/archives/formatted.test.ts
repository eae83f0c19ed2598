/**
 * An AO3 work page saved "Web page, HTML only" (no assets, relative links, inline scripts) reads
 * as the work, nothing of the site; and the work's summary, notes and end notes keep their
 * formatting (paragraphs, italics, bold, links) on the preface and end notes pages of the EPUB
 * and the PDF, while book.yaml's own `summary:` (Markdown-ish) still wins and is formatted too.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBook, loadBook, render } from '../../src/index.js'
import type { Chapter, Note, PrefacePage } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { textBlocks } from '../../src/transforms/work-text.js'
import { epubcheck, summarise, tempFile, unzipText } from '../epub/helpers.js'
import { need } from '../tools.js'
import { ao3HtmlOnlyPage } from './pages.js'

async function load(yaml?: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'octavo-ao3-html-only-'))
  writeFileSync(path.join(dir, 'The Winter Garden.html'), ao3HtmlOnlyPage)
  if (yaml) writeFileSync(path.join(dir, 'book.yaml'), `${yaml}chapters: ['*.html']\n`)
  const { book, diagnostics } = await loadBook(yaml ? path.join(dir, 'book.yaml') : dir)
  expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
  return { book: book!, diagnostics, dir }
}

const SITE =
  /Kudos|kudos|Comments|Chapter Index|Chapter by Chapter|Download|Share|Work Header|Chapter Text|See the end|Footer|Site Map|Post Comment|Search|\$j|document\.cookie|fernleaf|Archive of Our Own|Fandoms/

describe('an AO3 work page saved "Web page, HTML only"', () => {
  it('reads the chapters, their notes and the work, nothing of the site', async () => {
    const { book, diagnostics } = await load()
    const chapters = book.tree.children as Chapter[]
    expect(chapters.map((c) => [c.number, toText(c.title)])).toEqual([
      [1, 'Snowdrops'],
      [2, 'Hellebores'],
    ])
    const notes = (c: Chapter) =>
      c.children
        .filter((b): b is Note => b.type === 'note')
        .map((n) => [
          n.placement,
          n.children.map((b) => (b.type === 'paragraph' ? toText(b.children) : '')).join(),
        ])
    expect(notes(chapters[0]!)).toEqual([
      ['start', 'the first frost.'],
      ['end', 'Rowan arrives next week.'],
    ])
    expect(notes(chapters[1]!)).toEqual([])
    expect(book.tree.metadata).toMatchObject({
      title: 'The Winter Garden',
      authors: [{ name: 'quillfeather' }],
      language: 'en',
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      categories: ['F/F'],
      fandoms: ['Original Work'],
      relationships: ['Ivy/Rowan'],
      characters: ['Ivy', 'Rowan'],
      tags: ['Gardening', 'Slow Burn'],
      published: '2026-11-02',
      updated: '2026-11-30',
      words: 2468,
      status: 'in-progress',
      // No address is saved with the page: the work's own links name it.
      source: 'https://archiveofourown.org/works/654321',
      description: 'Two gardeners, one very cold winter.\n\nInspired by the flower show. Updated on Sundays.',
      notes: 'With thanks to my beta, who knows her roses.',
      endNotes: 'More next spring.',
    })
    // Nothing of the site reaches a chapter.
    for (const chapter of chapters) expect(JSON.stringify(chapter.children)).not.toMatch(SITE)
    expect(diagnostics.map((d) => d.code)).not.toContain('html-site-layout')
  })

  it('builds an EPUB whose preface and end notes keep the marks, valid for EPUBCheck', async () => {
    const { book } = await load()
    const bytes = await render(book, 'epub')
    const text = unzipText(bytes)
    const preface = text['OEBPS/text/preface.xhtml']!
    expect(preface).toContain('<p class="first">Two gardeners, one <em>very</em> cold winter.</p>')
    expect(preface).toContain(
      '<p>Inspired by <a href="https://example.org/chelsea">the flower show</a>. <strong>Updated on Sundays.</strong></p>',
    )
    expect(preface).toContain('With thanks to <em>my beta</em>, who knows her roses.')
    expect(text['OEBPS/text/end-notes.xhtml']).toContain('More <em>next spring</em>.')
    // dc:description stays plain text.
    expect(text['OEBPS/content.opf']).toMatch(
      /<dc:description>Two gardeners, one very cold winter\.\nInspired by the flower show\. Updated on Sundays\.<\/dc:description>/,
    )
    for (const [entry, content] of Object.entries(text)) {
      if (!entry.endsWith('.xhtml')) continue
      expect(content, entry).not.toMatch(/<script|\$j|document\.cookie|Kudos|Chapter Index|href="\/works/)
    }
    need('epubcheck')
    expect(summarise(await epubcheck(tempFile('ao3-html-only.epub', bytes)))).toEqual([])
  })

  it('builds a PDF with the formatted summary and end notes', async () => {
    const { book, dir } = await load()
    const bytes = await render(book, 'pdf')
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-')
    need('pdftotext')
    const file = path.join(dir, 'work.pdf')
    writeFileSync(file, bytes)
    const text = spawnSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ')
    for (const s of ['Two gardeners, one very cold winter.', 'Updated on Sundays.', 'More next spring.'])
      expect(text, s).toContain(s)
    expect(text.indexOf('Updated on Sundays.')).toBeLessThan(text.indexOf('The snowdrops came up'))
    expect(text.indexOf('More next spring.')).toBeGreaterThan(text.indexOf('argued about the soil'))
  }, 120_000)

  it('keeps book.yaml’s summary over the page’s, formatted from its Markdown marks', async () => {
    const { book } = await load(
      'summary: "A *quiet* book about **soil**.\\n\\nSee [the plan](https://example.org/plan)."\n',
    )
    const preface = book.tree.pages!.find((p): p is PrefacePage => p.type === 'prefacePage')!
    expect(preface.sections.find((s) => s.name === 'summary')!.children).toEqual(
      textBlocks('A *quiet* book about **soil**.\n\nSee [the plan](https://example.org/plan).'),
    )
    // The page's notes still come formatted: only the summary was given.
    expect(JSON.stringify(preface.sections.find((s) => s.name === 'notes')!.children)).toContain('"emphasis"')
    const epub = unzipText(await render(book, 'epub'))
    expect(epub['OEBPS/text/preface.xhtml']).toContain(
      '<p class="first">A <em>quiet</em> book about <strong>soil</strong>.</p>\n<p>See <a href="https://example.org/plan">the plan</a>.</p>',
    )
  })
})

describe('book.yaml text with Markdown marks', () => {
  const inline = (text: string) => {
    const [block] = textBlocks(text)
    return block?.type === 'paragraph' ? block.children : []
  }

  it('reads emphasis, strong, links and escapes; leaves lone markers and snake_case as written', () => {
    expect(inline('a *b* __c__ _d_ ***e***')).toEqual([
      { type: 'text', value: 'a ' },
      { type: 'emphasis', children: [{ type: 'text', value: 'b' }] },
      { type: 'text', value: ' ' },
      { type: 'strong', children: [{ type: 'text', value: 'c' }] },
      { type: 'text', value: ' ' },
      { type: 'emphasis', children: [{ type: 'text', value: 'd' }] },
      { type: 'text', value: ' ' },
      { type: 'strong', children: [{ type: 'emphasis', children: [{ type: 'text', value: 'e' }] }] },
    ])
    expect(inline('5 * 3 = 15, snake_case_name, \\*not\\*, a*')).toEqual([
      { type: 'text', value: '5 * 3 = 15, snake_case_name, *not*, a*' },
    ])
    expect(inline('[site](javascript:alert(1)) [ok](https://example.org)')).toEqual([
      { type: 'text', value: '[site](javascript:alert(1)) ' },
      { type: 'link', url: 'https://example.org', children: [{ type: 'text', value: 'ok' }] },
    ])
    expect(
      textBlocks('one\nline\n\n\ntwo').map((b) => (b.type === 'paragraph' ? toText(b.children) : '')),
    ).toEqual(['one line', 'two'])
  })

  it('costs work in proportion to the text for runs of lone markers', () => {
    // Each kind of marker is searched for a partner to the end at most once per level: a long run
    // of lone asterisks is read as text (a quadratic search would take minutes here).
    const text = '*a '.repeat(50_000)
    expect(toText(inline(text))).toBe(text.trim())
  })

  it('survives a JSON round trip on the tree, formatted summary included', async () => {
    const { book } = await createBook({
      metadata: { title: 'T', fandoms: ['Original Work'], description: 'A *b*.' },
      chapters: [{ text: 'Chapter 1\n\nWords.' }],
    })
    expect(JSON.parse(JSON.stringify(book!.tree))).toEqual(book!.tree)
  })
})
