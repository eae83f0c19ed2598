/**
 * The print cover is the cover of the PDF the book gets: its interior is set with book.yaml's
 * `pdf:` options (trim, open-right, drop caps…) unless `print-cover: {interior:}` overrides a key,
 * so the wrap is the trim's size and the spine the width of the interior's real page count.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import nodePath from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadBook, render } from '../../src/index.js'
import { papers, spineWidth } from '../../src/renderers/pdf/print-cover/spine.js'
import { PdfObjects } from './helpers.js'

const IN = 72
const BLEED = 9

const paragraph = (i: number) =>
  `The rain had not stopped for ${i + 2} days, and the gutters of the old town ran like streams down to the harbour, where the boats knocked together at their moorings and the gulls sat hunched along the sea wall, waiting for the weather to turn as it always did in the end, though never when anyone wanted it to.`

/** A book folder: three chapters, book.yaml with `pdf:` and, when given, a `print-cover:` section. */
function folder(yaml: string): string {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'octavo-cover-interior-'))
  writeFileSync(nodePath.join(dir, 'book.yaml'), `title: The Harbour\nauthor: Ada Quill\n${yaml}`)
  for (const n of [1, 2, 3]) {
    const text = Array.from({ length: 14 + n * 3 }, (_, i) => paragraph(i)).join('\n\n')
    writeFileSync(nodePath.join(dir, `ch${n}.md`), `# Chapter ${n}\n\n${text}\n`)
  }
  return dir
}

async function build(yaml: string) {
  const { book } = await loadBook(folder(yaml))
  const pdf = new PdfObjects(await render(book!, 'pdf'))
  const cover = new PdfObjects(await render(book!, 'print-cover'))
  const [page] = cover.pages()
  return { pages: pdf.pages(), media: page!['/MediaBox'] as number[], book: book! }
}

describe('print cover interior', () => {
  test('follows the book’s pdf: options, trim and page count alike', async () => {
    const { pages, media } = await build('pdf:\n  trim: 5.5x8.5in\n  open-right: true\n  drop-cap: true\n')
    // The interior actually built: 5.5 x 8.5 in.
    expect(pages[0]!['/MediaBox']).toEqual([0, 0, 5.5 * IN, 8.5 * IN])
    const spine = spineWidth(pages.length, papers['kdp-white'])
    expect(media[2]).toBeCloseTo(2 * 5.5 * IN + spine + 2 * BLEED, 1)
    expect(media[3]).toBeCloseTo(8.5 * IN + 2 * BLEED, 1)
  }, 120_000)

  test('print-cover: {interior:} overrides a key, the other pdf: keys still apply', async () => {
    const yaml = 'pdf:\n  trim: 5.5x8.5in\n  open-right: true\nprint-cover:\n  interior:\n    trim: 6x9in\n'
    const { media, book } = await build(yaml)
    // The interior the cover counts: 6x9 with the book's open-right, as the PDF set so is.
    const interior = new PdfObjects(await render(book, 'pdf', { trim: '6x9in' })).pages()
    expect(interior[0]!['/MediaBox']).toEqual([0, 0, 6 * IN, 9 * IN])
    const spine = spineWidth(interior.length, papers['kdp-white'])
    expect(media[2]).toBeCloseTo(2 * 6 * IN + spine + 2 * BLEED, 1)
    expect(media[3]).toBeCloseTo(9 * IN + 2 * BLEED, 1)
    // Without open-right the same interior has fewer pages: the key was kept, not dropped.
    const closed = new PdfObjects(await render(book, 'pdf', { trim: '6x9in', openRight: false })).pages()
    expect(closed.length).toBeLessThan(interior.length)
  }, 120_000)
})
