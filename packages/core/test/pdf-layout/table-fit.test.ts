import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import type { BlockContent, Root, TableCell, TableRow } from '../../src/model/types.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { tokenPieces } from '../../src/renderers/pdf/layout/break.js'
import { hyphenatorFor } from '../../src/renderers/pdf/layout/hyphenate.js'
import { fitTable, TIGHT_PADDING } from '../../src/renderers/pdf/table.js'
import { oneChapterBook, t, tempPdf, tool } from '../pdf/helpers.js'

// A table too wide for the measure: long words are hyphenated (with a hyphen), then the gutters
// tightened and the type set smaller; no column is narrower than its longest unbreakable piece
// (a number, a heading, a word between its hyphenation points) while any size down to the
// smallest fits that; only past it is anything cut.

const cell = (text: string): TableCell => ({ type: 'tableCell', children: [t(text)] })
const row = (texts: string[], head = false): TableRow => ({
  type: 'tableRow',
  ...(head ? { head } : {}),
  children: texts.map(cell),
})

async function render(tree: Root): Promise<string> {
  const chunks: Uint8Array[] = []
  for await (const chunk of renderPdf(tree, { halfTitle: false, toc: false }, createMemoryEnv({})))
    chunks.push(chunk)
  return tempPdf(new Uint8Array(Buffer.concat(chunks)))
}

/** The cells' text as pdftotext reads it, each word with its position. */
function words(path: string): { text: string; x: number; y: number; size: number }[] {
  const xml = tool('pdftotext', ['-bbox', path, '-'])
  return [
    ...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)<\/word>/g),
  ].map((m) => ({ text: m[4]!, x: Number(m[1]), y: Number(m[2]), size: Number(m[3]) - Number(m[2]) }))
}

const cells = (widths: Array<[number, number, number]>) =>
  widths.map(([min, hard, max], column) => ({ column, colSpan: 1, min, hard, max }))

describe('fitting a table to the measure', () => {
  it('keeps natural widths, then whole words, before anything else', () => {
    const natural = fitTable(
      2,
      cells([
        [10, 10, 30],
        [20, 8, 100],
      ]),
      200,
      4,
      0.5,
    )
    expect(natural).toMatchObject({ scale: 1, padding: 1, hyphenate: false, cut: false })
    const wrapped = fitTable(
      2,
      cells([
        [10, 10, 30],
        [20, 8, 100],
      ]),
      100,
      4,
      0.5,
    )
    expect(wrapped).toMatchObject({ scale: 1, hyphenate: false })
    expect(wrapped.widths[1]).toBeGreaterThanOrEqual(20 + 4)
  })

  it('hyphenates long words at the table size before setting it smaller', () => {
    // Whole words need 2 * (60 + 4) + hairs; the pieces 2 * (20 + 4).
    const fit = fitTable(
      2,
      cells([
        [60, 20, 60],
        [60, 20, 60],
      ]),
      100,
      4,
      0.5,
    )
    expect(fit).toMatchObject({ scale: 1, padding: 1, hyphenate: true, cut: false })
    for (const w of fit.widths) expect(w).toBeGreaterThanOrEqual(20 + 4)
  })

  it('tightens the gutters, then sets the type smaller, so numbers stay whole', () => {
    // Six columns of numbers 50 wide (unbreakable: min = hard), padding 8: 348 at full size.
    const numbers = cells(Array.from({ length: 6 }, (): [number, number, number] => [50, 50, 50]))
    const tight = fitTable(6, numbers, 6 * (50 + 8 * TIGHT_PADDING) + 3, 8, 0.5)
    expect(tight).toMatchObject({ scale: 1, padding: TIGHT_PADDING, cut: false })
    const smaller = fitTable(6, numbers, 250, 8, 0.5)
    expect(smaller.scale).toBeLessThan(1)
    expect(smaller.scale).toBeGreaterThanOrEqual(0.5)
    expect(smaller.cut).toBe(false)
    // Each column holds its number at that size, and the table the measure.
    for (const w of smaller.widths) expect(w).toBeGreaterThanOrEqual((50 + 8 * TIGHT_PADDING) * smaller.scale)
    expect(smaller.widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(250 + 1e-6)
    // Past the smallest size nothing can save it: the last resort, said so.
    expect(fitTable(6, numbers, 100, 8, 0.5)).toMatchObject({ scale: 0.5, cut: true })
  })

  it('finds the unbreakable pieces of a cell: numbers whole, words between their points', () => {
    const en = hyphenatorFor('en-GB')
    if (!en.ok) throw new Error(en.reason)
    const plain = { noHyphenate: false, capitals: false }
    expect(tokenPieces('1234567890', plain, en.hyphenator).map((p) => p.text)).toEqual(['1234567890'])
    expect(tokenPieces('C4', plain, en.hyphenator).map((p) => p.text)).toEqual(['C4'])
    const word = tokenPieces('Floccinaucinihilipilification', plain, en.hyphenator)
    expect(word.length).toBeGreaterThan(3)
    expect(word.slice(0, -1).every((p) => p.hyphen)).toBe(true)
    expect(word.map((p) => p.text).join('')).toBe('Floccinaucinihilipilification')
    // A URL breaks at its punctuation, with nothing inserted.
    const url = tokenPieces('example.org/a/b', { noHyphenate: true }, en.hyphenator)
    expect(url.length).toBeGreaterThan(1)
    expect(url.some((p) => p.hyphen)).toBe(false)
  })

  it('sets a twelve-column table with no number, heading or word cut', async () => {
    const table: BlockContent = {
      type: 'table',
      children: [
        row(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11', 'C12'], true),
        row([
          'Supercalifragilistic',
          'Antidisestablishmentarianism',
          'Floccinaucinihilipilification',
          'x',
          'y',
          'z',
          ...Array.from({ length: 6 }, () => '1234567890'),
        ]),
      ],
    }
    const path = await render(oneChapterBook([table], { title: [t('Wide')] }))
    const got = words(path)
    const head = got.find((w) => w.text === 'C1')!
    const body = got.filter((w) => w.y > head.y + 1)
    // Every number and heading whole.
    expect(got.filter((w) => w.text === '1234567890')).toHaveLength(6)
    for (const h of ['C1', 'C4', 'C5', 'C6', 'C10', 'C12']) expect(got.map((w) => w.text)).toContain(h)
    // The long words broken only at hyphens the lines show: the pieces rejoined give the words.
    const inColumn = (word: string) => {
      const start = body.find((w) => w.text.length > 2 && word.startsWith(w.text.replace(/-$/, '')))!
      return body
        .filter((w) => Math.abs(w.x - start.x) < 1 && w.y >= start.y)
        .sort((a, b) => a.y - b.y)
        .map((w) => w.text)
    }
    for (const word of ['Antidisestablishmentarianism', 'Floccinaucinihilipilification']) {
      const lines = inColumn(word)
      let joined = ''
      for (const line of lines) {
        if (joined.length >= word.length) break
        expect(line.endsWith('-') || joined.length + line.length === word.length, line).toBe(true)
        joined += line.replace(/-$/, '')
      }
      expect(joined).toBe(word)
    }
  })
})
