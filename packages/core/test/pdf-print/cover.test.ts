/**
 * The `print-cover` format: a full-wrap cover whose spine is the vendors' formula (KDP: 0.002252
 * in a page on white paper, 0.0025 on cream), with bleed, the barcode area kept clear, spine text
 * only where the spine can hold it, and a warning for a page count the printer does not bind.
 */
import { describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { Root } from '../../src/model/types.js'
import { getRenderer } from '../../src/renderers/index.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import type { PrintCoverOptions } from '../../src/renderers/pdf/print-cover/options.js'
import { renderPrintCover } from '../../src/renderers/pdf/print-cover/render.js'
import { papers, spineTextSize, spineWidth } from '../../src/renderers/pdf/print-cover/spine.js'
import { sampleBook, tempPdf, tool } from '../pdf/helpers.js'
import { PdfObjects } from './helpers.js'

async function cover(options: Partial<PrintCoverOptions>, tree: Root = sampleBook(), files = {}) {
  const env = createMemoryEnv(files, { file: new SourceFile('') })
  const out = await renderPrintCover(tree, options, env)
  return { ...out, messages: env.file.messages }
}

const IN = 72

describe('print cover', () => {
  test('the spine is the vendors’ published width for three page counts on white and cream paper', async () => {
    // KDP: white 0.002252 in a page, cream 0.0025 (pages counted as whole leaves). IngramSpark:
    // its template's 200-page spines, 10.77 mm on 50 lb white and 11.63 mm on 50 lb crème.
    const mm = (x: number) => x / 25.4
    const expected: Record<string, Record<number, number>> = {
      'kdp-white': { 120: 0.27024, 300: 0.6756, 501: 1.1305 },
      'kdp-cream': { 120: 0.3, 300: 0.75, 501: 1.255 },
      'ingramspark-white': { 120: mm(6.462), 200: mm(10.77), 300: mm(16.155), 501: mm(27.0327) },
      'ingramspark-creme': { 120: mm(6.978), 200: mm(11.63), 300: mm(17.445), 501: mm(29.1913) },
    }
    for (const [paper, widths] of Object.entries(expected)) {
      for (const [pages, inches] of Object.entries(widths)) {
        expect(spineWidth(Number(pages), papers[paper as 'kdp-white'])).toBeCloseTo(inches * IN, 3)
        const { report, bytes, messages } = await cover({ paper: paper as 'kdp-white', pages: Number(pages) })
        expect(messages).toEqual([])
        // 6x9 trim twice, the spine, 0.125 in bleed each side.
        expect(report.width).toBeCloseTo((12 + inches + 0.25) * IN, 3)
        expect(report.height).toBeCloseTo(9.25 * IN, 3)
        const pdf = new PdfObjects(bytes)
        const [page] = pdf.pages()
        const media = page!['/MediaBox'] as number[]
        expect(media[2]).toBeCloseTo((12 + inches + 0.25) * IN, 1)
        expect(page!['/TrimBox']).toEqual([9, 9, media[2]! - 9, media[3]! - 9])
        expect(page!['/BleedBox']).toEqual(media)
      }
    }
  }, 120_000)

  test('another printer’s stock by caliper or pages per inch', async () => {
    expect((await cover({ ppi: 400, pages: 200 })).report.spine).toBeCloseTo(0.5 * IN, 6)
    expect((await cover({ caliper: '0.003in', pages: 200 })).report.spine).toBeCloseTo(0.6 * IN, 6)
    // Same input, same bytes.
    const [a, b] = [await cover({ pages: 200 }), await cover({ pages: 200 })]
    expect(Buffer.compare(a.bytes, b.bytes)).toBe(0)
  }, 60_000)

  test('spine text only where the spine is wide enough and the printer allows it', async () => {
    expect(spineTextSize(79, spineWidth(79, papers['kdp-white']), papers['kdp-white'])).toBeUndefined()
    // IngramSpark allows spine text from 48 pages, where the spine is still too narrow for it.
    const ingram = papers['ingramspark-white']
    expect(spineTextSize(47, spineWidth(47, ingram), ingram)).toBeUndefined()
    expect(spineTextSize(48, spineWidth(48, ingram), ingram)).toBeUndefined()
    expect(spineTextSize(200, spineWidth(200, ingram), ingram)).toBeGreaterThan(5)
    const thin = await cover({ pages: 60 })
    const thick = await cover({ pages: 400 })
    expect(thin.report.spineText).toBe(false)
    expect(thick.report.spineText).toBe(true)
    const count = (bytes: Uint8Array) =>
      tool('pdftotext', [tempPdf(bytes), '-']).split('Ada Quill').length - 1
    // The front always; the spine only on the thick book.
    expect(count(thin.bytes)).toBe(1)
    expect(count(thick.bytes)).toBe(2)
  }, 60_000)

  test('a page count the printer does not bind is a warning with the count and the limit', async () => {
    const few = await cover({ pages: 20 })
    expect(few.messages.map((m) => [m.code, m.message])).toEqual([
      ['print-cover-pages', 'The book has 20 pages; kdp-white is bound from 24'],
    ])
    const many = await cover({ paper: 'kdp-cream', pages: 800 })
    expect(many.messages.map((m) => m.message)).toEqual([
      'The book has 800 pages; kdp-cream is bound up to 776: split it into volumes with `volumes: {max-pages: 750}` in book.yaml',
    ])
    // IngramSpark binds from 18 pages, crème up to 1,050; 20 pages is no warning there.
    expect((await cover({ paper: 'ingramspark-white', pages: 20 })).messages).toEqual([])
    const thin = await cover({ paper: 'ingramspark-white', pages: 16 })
    expect(thin.messages.map((m) => m.message)).toEqual([
      'The book has 16 pages; ingramspark-white is bound from 18',
    ])
    const thick = await cover({ paper: 'ingramspark-creme', pages: 1100 })
    expect(thick.messages.map((m) => m.message)).toEqual([
      'The book has 1100 pages; ingramspark-creme is bound up to 1050: split it into volumes with `volumes: {max-pages: 1000}` in book.yaml',
    ])
  }, 60_000)

  test('without a page count, the book’s PDF is set with the interior options and counted', async () => {
    const env = createMemoryEnv({}, { file: new SourceFile('') })
    let pages = 0
    for await (const _ of renderPdf(
      sampleBook(),
      { trim: '5x8in', fontSize: 10 },
      env,
      (r) => (pages = r.pages),
    ));
    // Keys as book.yaml spells them.
    const { report, messages } = await cover({ interior: { trim: '5x8in', 'font-size': 10 } as never })
    expect(report.pages).toBe(pages)
    expect(report.height).toBeCloseTo(8.25 * IN, 3)
    // A short sample: below KDP's minimum.
    expect(messages.map((m) => m.code)).toEqual(['print-cover-pages'])
  }, 60_000)

  test('is a registered format writing .cover.pdf; a bad option is a warning naming the fallback', async () => {
    const renderer = getRenderer('print-cover')!
    expect(renderer.extension).toBe('.cover.pdf')
    const { messages } = await cover({ paper: 'vellum' as never, pages: 100 })
    expect(messages.map((m) => m.code)).toEqual(['print-cover-option-invalid'])
    expect(messages[0]!.message).toContain('using kdp-white')
    const missing = await cover(
      { pages: 100 },
      { ...sampleBook(), metadata: { ...sampleBook().metadata, cover: 'gone.png' } },
    )
    expect(missing.messages.map((m) => m.code)).toEqual(['print-cover-image'])
  }, 60_000)
})
