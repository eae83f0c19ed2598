/**
 * The author's marks and tables in the PDF: struck and underlined text drawn with rules at the
 * face's own metrics, sub- and superscripts set smaller and moved, their text read back whole
 * (`H2O`, not `H O`); a table as a ruled grid whose head rows are printed again at the top of
 * each page it continues on, tagged as a `Table` with `TR`s of `TH`/`TD`, and a valid file.
 */
import { execFileSync } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import type { BlockContent, PhrasingContent, Root, TableCell, TableRow } from '../../src/model/types.js'
import { loadFonts } from '../../src/renderers/pdf/fonts.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { markMetrics } from '../../src/renderers/pdf/marks.js'
import { columnWidths } from '../../src/renderers/pdf/table.js'
import { oneChapterBook, t, tempPdf, tool } from './helpers.js'

const mark = (type: 'delete' | 'underline' | 'subscript' | 'superscript', text: string): PhrasingContent => ({
  type,
  children: [t(text)],
})
const cell = (text: string, extra: Partial<TableCell> = {}): TableCell => ({
  type: 'tableCell',
  children: [t(text)],
  ...extra,
})
const row = (cells: TableCell[], head = false): TableRow => ({
  type: 'tableRow',
  ...(head ? { head } : {}),
  children: cells,
})

const book = (children: BlockContent[]): Root => oneChapterBook(children, { title: [t('The Ledger')] })

async function render(tree: Root) {
  const chunks: Uint8Array[] = []
  for await (const chunk of renderPdf(tree, { halfTitle: false, toc: false }, createMemoryEnv({})))
    chunks.push(chunk)
  return tempPdf(new Uint8Array(Buffer.concat(chunks)))
}

const marks: BlockContent = {
  type: 'paragraph',
  children: [
    t('Water is H'),
    mark('subscript', '2'),
    t('O and the area x'),
    mark('superscript', '2'),
    t('; the log says '),
    mark('delete', 'I love you'),
    t(' and then '),
    mark('underline', 'never mind'),
    t('.'),
  ],
}

/** A table long enough to cross a page: a head row, then 70 rows of the ledger. */
const ledger = (): BlockContent => ({
  type: 'table',
  align: [null, 'right', null],
  caption: [t('The keeper’s stores')],
  children: [
    row([cell('Item'), cell('Count'), cell('Note')], true),
    ...Array.from({ length: 70 }, (_, i) =>
      row([
        cell(`Item ${i + 1}`, { header: true }),
        cell(String((i * 37) % 101)),
        cell(i % 5 === 0 ? 'A longer note that has to wrap across more than one line in its cell.' : 'ok'),
      ]),
    ),
  ],
})

describe('marks in the PDF', () => {
  test('the face’s own rule and script metrics, within reason', async () => {
    const fonts = await loadFonts('literata', createMemoryEnv({}))
    const m = markMetrics(fonts.primary.regular.font)
    expect(m.underline.centre).toBeLessThan(0)
    expect(m.strike.centre).toBeGreaterThan(0.1)
    expect(m.strike.centre).toBeLessThan(0.5)
    expect(m.superscript.shift).toBeGreaterThan(0)
    expect(m.subscript.shift).toBeLessThan(0)
    expect(m.superscript.scale).toBeGreaterThan(0.45)
    expect(m.superscript.scale).toBeLessThan(0.86)
    // A face with nonsense in its tables gets the common values instead.
    const broken = markMetrics({
      unitsPerEm: 1000,
      xHeight: 500,
      underlinePosition: 400,
      underlineThickness: 0,
      'OS/2': { ySuperscriptYSize: 0, ySuperscriptYOffset: 5000 },
    })
    expect(broken.underline).toEqual({ centre: -0.125, thickness: 0.05 })
    expect(broken.superscript).toEqual({ scale: 0.65, shift: 0.33 })
  })

  test('their text reads back whole, with a rule drawn for each decoration', async () => {
    const path = await render(book([marks]))
    const text = tool('pdftotext', [path, '-']).replace(/\s+/g, ' ')
    expect(text).toContain('Water is H2O and the area x2; the log says I love you and then never mind.')
    // A filled rule for each decoration in the page content besides the text.
    const qdf = `${path}.qdf`
    tool('qpdf', ['--qdf', '--object-streams=disable', path, qdf])
    const content = execFileSync('cat', [qdf], { encoding: 'latin1', maxBuffer: 64 << 20 })
    // (An underline broken across lines is a rule on each.)
    expect(content.match(/ re\s+f\b/g)?.length).toBeGreaterThanOrEqual(2)
    // Tagged as Spans whose Layout attributes say what the look means (PDF/UA).
    expect(content).toMatch(/\/A <<\s*\/O \/Layout\s*\/TextDecorationType \/LineThrough/)
    expect(content).toMatch(/\/A <<\s*\/O \/Layout\s*\/TextDecorationType \/Underline/)
    const shifts = [...content.matchAll(/\/BaselineShift (-?[\d.]+)/g)].map((m) => Number(m[1]))
    expect(shifts.some((v) => v > 0)).toBe(true)
    expect(shifts.some((v) => v < 0)).toBe(true)
  })
})

describe('tables in the PDF', () => {
  test('column widths: natural when they fit, shared above the minimums when not', () => {
    const cells = [
      { column: 0, colSpan: 1, min: 10, max: 30 },
      { column: 1, colSpan: 1, min: 20, max: 100 },
    ]
    expect(columnWidths(2, cells, 200)).toEqual([30, 100])
    const fitted = columnWidths(2, cells, 80)
    expect(fitted[0]! + fitted[1]!).toBeCloseTo(80)
    // The narrow column gets all it wants, the wide one the rest.
    expect(fitted).toEqual([30, 50])
    expect(columnWidths(2, cells, 15)).toEqual([5, 10])
    // A spanning cell widens the columns it crosses, evenly.
    expect(columnWidths(2, [...cells, { column: 0, colSpan: 2, min: 0, max: 200 }], 1000)).toEqual([65, 135])
  })

  test('a table crossing a page repeats its head row; every cell is read, in order', async () => {
    const path = await render(book([marks, ledger()]))
    tool('qpdf', ['--check', path])
    const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [path]))![1])
    const text = tool('pdftotext', ['-layout', path, '-'])
    const heads = text.split('\n').filter((line) => /^\s*Item\s+Count\s+Note\s*$/.test(line))
    // The table runs over at least two pages, and the head row starts each of them.
    expect(pages).toBeGreaterThanOrEqual(2)
    expect(heads.length).toBeGreaterThanOrEqual(2)
    const flat = text.replace(/\s+/g, ' ')
    expect(flat).toContain('The keeper’s stores')
    let from = 0
    for (let i = 1; i <= 70; i++) {
      const at = flat.indexOf(`Item ${i} `, from)
      expect(at, `Item ${i}`).toBeGreaterThan(-1)
      from = at
    }
  })

  test('tagged as Table, THead, TBody, TR, TH and TD; the repeated head is an artifact', async () => {
    const path = await render(book([ledger()]))
    const qdf = `${path}.qdf`
    tool('qpdf', ['--qdf', '--object-streams=disable', path, qdf])
    const content = execFileSync('cat', [qdf], { encoding: 'latin1', maxBuffer: 64 << 20 })
    const count = (type: string) => content.match(new RegExp(`/S /${type}\\b`, 'g'))?.length ?? 0
    expect(count('Table')).toBe(1)
    expect(count('THead')).toBe(1)
    expect(count('TBody')).toBe(1)
    expect(count('Caption')).toBe(1)
    // 71 rows, tagged once each; the head row's three header cells and 70 row headers.
    expect(count('TR')).toBe(71)
    expect(count('TH')).toBe(3 + 70)
    expect(count('TD')).toBe(70 * 2)
    expect(content).toMatch(/\/Artifact <<\s*\/Type \/Pagination/)
    // Header cells say what they head (PDF/UA): the head row's columns, the body's rows.
    expect(content.match(/\/Scope \/Column/g)?.length).toBe(3)
    expect(content.match(/\/Scope \/Row/g)?.length).toBe(70)
  })
})
