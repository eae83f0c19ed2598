/**
 * Page counts a printer takes: a print file (bleed, or a PDF/X standard) ends on an even page,
 * with a blank last verso (no folio, no head) when the text ends on a recto, as IngramSpark
 * requires; a PDF longer than KDP prints a paperback (828 pages) is one `pdf-page-count` warning
 * naming the count and the volumes setting that splits it.
 */
import { describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { Root } from '../../src/model/types.js'
import type { PdfOptions } from '../../src/renderers/pdf/index.js'
import { paginatePdf } from '../../src/renderers/pdf/paginate.js'
import { chapterOf, oneChapterBook, p, tempPdf, tool } from '../pdf/helpers.js'
import { PdfObjects, render } from './helpers.js'

const sentence =
  'The lamp was lit at dusk and put out at dawn, and between the two the keeper wrote the weather into the log in a hand that did not change from one year to the next. '

/** A one-chapter book whose plain PDF (no bleed) has an odd number of pages. */
async function oddBook(): Promise<{ tree: Root; pages: number }> {
  for (let n = 1; n < 12; n++) {
    const tree = oneChapterBook(Array.from({ length: n * 3 }, () => p(sentence.repeat(4))))
    const pages = new PdfObjects((await render(tree, {})).bytes).pages().length
    if (pages % 2 === 1) return { tree, pages }
  }
  throw new Error('no odd book')
}

async function pagesOf(tree: Root, options: Partial<PdfOptions>) {
  const { bytes, messages } = await render(tree, options)
  const pdf = new PdfObjects(bytes)
  return { pdf, bytes, messages, pages: pdf.pages() }
}

describe('page counts for print', () => {
  test('a print file ends on a blank verso when its text ends on a recto; a screen PDF does not', async () => {
    const { tree, pages } = await oddBook()
    for (const options of [{ bleed: '0.125in' }, { standard: 'pdf-x-4' }] as Partial<PdfOptions>[]) {
      const out = await pagesOf(tree, options)
      expect(out.pages.length).toBe(pages + 1)
      const path = tempPdf(out.bytes)
      // The added page carries nothing: no folio, no running head, no text.
      const last = String(out.pages.length)
      expect(tool('pdftotext', ['-f', last, '-l', last, path, '-']).trim()).toBe('')
      // The page before it is the text's last, as without bleed.
      expect(tool('pdftotext', ['-f', String(pages), '-l', String(pages), path, '-'])).toMatch(/keeper/)
      expect(tool('qpdf', ['--check', path])).toMatch(/No syntax or stream encoding errors/)
      // Laid out without drawing (the print cover and volumes count so), the same pages.
      const env = createMemoryEnv({}, { file: new SourceFile('') })
      expect((await paginatePdf(tree, options, env)).pages).toBe(pages + 1)
      expect(out.messages).toEqual([])
    }
    // PDF/A is an archive standard, not a print one: nothing added.
    expect((await pagesOf(tree, { standard: 'pdf-a-2b' })).pages.length).toBe(pages)
  }, 120_000)

  test('an even print file is left as it is', async () => {
    const { tree, pages } = await oddBook()
    // One page more of text: the plain PDF is even, and so is the print one, unchanged.
    const longer: Root = {
      ...tree,
      children: [...tree.children, chapterOf(2, 'Coda', [p(sentence)])],
    }
    const plain = (await pagesOf(longer, {})).pages.length
    const print = (await pagesOf(longer, { bleed: '0.125in' })).pages.length
    expect(print).toBe(plain % 2 === 0 ? plain : plain + 1)
    expect(print % 2).toBe(0)
    expect(pages).toBeGreaterThan(0)
  }, 120_000)

  test('a PDF longer than a paperback is one warning with the count and a volumes budget', async () => {
    // 430 chapters opening on rectos: each its page and a blank verso, past KDP's 828.
    const tree: Root = {
      ...oneChapterBook([]),
      children: Array.from({ length: 430 }, (_, i) => chapterOf(i + 1, `Day ${i + 1}`, [p(sentence)])),
    }
    const { messages, pages } = await pagesOf(tree, { openRight: true, toc: false })
    expect(pages.length).toBeGreaterThan(828)
    expect(messages.map((m) => [m.code, m.level, m.message])).toEqual([
      [
        'pdf-page-count',
        'warning',
        `The PDF has ${pages.length} pages, more than KDP prints in a paperback (at most 828; IngramSpark 1,200): split it into volumes with \`volumes: {max-pages: 800}\` in book.yaml`,
      ],
    ])
    // Within the limit: no warning.
    const short: Root = { ...tree, children: tree.children.slice(0, 100) }
    expect((await pagesOf(short, { openRight: true, toc: false })).messages).toEqual([])
  }, 300_000)
})
