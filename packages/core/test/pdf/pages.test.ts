/**
 * The page composer's rules as properties (fast-check): whatever the paragraph lengths, every
 * line is placed once and in order, no page ends with the first line of a paragraph (orphan) or
 * starts with the last (widow) unless the composer counts a forced split, pages never overflow,
 * and footnotes sit on the page of their reference.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Line } from '../../src/renderers/pdf/layout/types.js'
import { resolveOptions } from '../../src/renderers/pdf/options.js'
import { Composer, type LineBox, type Page, roman } from '../../src/renderers/pdf/pages.js'

const settings = resolveOptions({}, new SourceFile(''))

function line(tag: string, hyphenated = false): Line & { tag: string } {
  return { runs: [], width: 100, hyphenated, last: false, spaceRatio: 1, tag }
}

function boxes(id: number, n: number, hyphenAt: number | readonly number[] = -1, refs?: string[]): LineBox[] {
  const hyphens = new Set(typeof hyphenAt === 'number' ? [hyphenAt] : hyphenAt)
  return Array.from({ length: n }, (_, i) => ({
    kind: 'line' as const,
    line: line(`${id}:${i}:${n}`, hyphens.has(i)),
    height: settings.leading,
    ascent: 10,
    x: 0,
    measure: 300,
    ...(i === 0 && refs ? { refs } : {}),
  }))
}

const tagOf = (box: { kind: string; line?: Line }) => ((box as LineBox).line as Line & { tag: string }).tag

describe('page composer', () => {
  test('roman numerals', () => {
    expect([1, 4, 9, 14, 40, 90, 400, 1994].map(roman)).toEqual([
      'i',
      'iv',
      'ix',
      'xiv',
      'xl',
      'xc',
      'cd',
      'mcmxciv',
    ])
  })

  test('no widows or orphans; every line once, in order; no overflow', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 45 }), { minLength: 1, maxLength: 60 }), (lengths) => {
        const pages: Page[] = []
        const composer = new Composer(settings, (page) => pages.push(page))
        composer.startPage({ folio: true, head: true })
        lengths.forEach((n, id) => {
          composer.placeLines(boxes(id, n))
        })
        const stats = composer.finish()
        const placed = pages.flatMap((page) => page.boxes.map(tagOf))
        const expected = lengths.flatMap((n, id) => Array.from({ length: n }, (_, i) => `${id}:${i}:${n}`))
        expect(placed).toEqual(expected)
        let violations = 0
        for (const page of pages) {
          const first = page.boxes[0]
          const last = page.boxes[page.boxes.length - 1]
          if (first) {
            const [, i, n] = tagOf(first).split(':').map(Number)
            if (n! >= 2 && i === n! - 1) violations++
          }
          if (last && page !== pages[pages.length - 1]) {
            const [, i, n] = tagOf(last).split(':').map(Number)
            if (n! >= 2 && i === 0) violations++
          }
          const used = page.boxes.reduce((sum, b) => sum + b.height, 0)
          expect(used).toBeLessThanOrEqual(composer.textHeight + page.extra + 0.01)
          expect(page.extra).toBeLessThanOrEqual(settings.leading)
        }
        expect(violations).toBeLessThanOrEqual(stats.forcedSplits)
      }),
      { numRuns: 200 },
    )
  })

  test('a page that would end in a hyphen asks for the paragraph without hyphenation', () => {
    const composer = new Composer(settings, () => {})
    composer.startPage({ folio: true, head: true })
    const perPage = Math.floor(composer.textHeight / settings.leading)
    composer.placeLines(boxes(0, perPage - 5))
    let asked: unknown
    composer.placeLines(boxes(1, 10, 4), {
      relayout: (change) => {
        asked = change
        return boxes(1, 10)
      },
    })
    expect(asked).toEqual({ hyphenate: false })
    expect(composer.finish().hyphenAtPageEnd).toBe(0)
  })

  test('no page ends in a hyphen, even when no relayout is offered, and no widow or orphan comes of it', () => {
    // Paragraphs with hyphenated lines where the breaker allows them: never the last line, at
    // most two in a row.
    const paragraph = fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }).map((flags) => {
      const hyphens: number[] = []
      flags.forEach((h, i) => {
        if (h && i < flags.length - 1 && !(hyphens.includes(i - 1) && hyphens.includes(i - 2)))
          hyphens.push(i)
      })
      return { n: flags.length, hyphens }
    })
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 50 }), (paragraphs) => {
        const pages: Page[] = []
        const composer = new Composer(settings, (page) => pages.push(page))
        composer.startPage({ folio: true, head: true })
        paragraphs.forEach(({ n, hyphens }, id) => {
          composer.placeLines(boxes(id, n, hyphens))
        })
        const stats = composer.finish()
        const placed = pages.flatMap((page) => page.boxes.map(tagOf))
        expect(placed).toEqual(
          paragraphs.flatMap(({ n }, id) => Array.from({ length: n }, (_, i) => `${id}:${i}:${n}`)),
        )
        let hyphenEnds = 0
        let widowsOrOrphans = 0
        for (const page of pages.slice(0, -1)) {
          const last = page.boxes[page.boxes.length - 1] as LineBox
          if (last.line.hyphenated) hyphenEnds++
          const [, i, n] = tagOf(last).split(':').map(Number)
          if (n! >= 2 && i === 0) widowsOrOrphans++
          const [, j, m] = tagOf(pages[pages.indexOf(page) + 1]!.boxes[0]!)
            .split(':')
            .map(Number)
          if (m! >= 2 && j === m! - 1) widowsOrOrphans++
        }
        expect(hyphenEnds).toBe(stats.hyphenAtPageEnd)
        expect(widowsOrOrphans).toBeLessThanOrEqual(stats.forcedSplits)
        // Only a paragraph longer than a page, hyphenated twice at its foot, could force one.
        if (paragraphs.every(({ n }) => n * settings.leading < composer.textHeight)) {
          expect(stats.hyphenAtPageEnd).toBe(0)
        }
      }),
      { numRuns: 300 },
    )
  })

  test('a widow is pulled back with looseness -1 when the breaker can', () => {
    const composer = new Composer(settings, () => {})
    composer.startPage({ folio: true, head: true })
    const perPage = Math.floor(composer.textHeight / settings.leading)
    composer.placeLines(boxes(0, perPage - 5))
    const asked: unknown[] = []
    composer.placeLines(boxes(1, 6), {
      relayout: (change) => {
        asked.push(change)
        return change.looseness === -1 ? boxes(1, 5) : undefined
      },
    })
    expect(asked).toEqual([{ looseness: -1 }])
    const stats = composer.finish()
    expect(stats.pages).toBe(1)
    expect(stats.shortPages + stats.longPages).toBe(0)
  })

  test('a footnote goes on the page of its reference, or the referring line moves on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 12 }), (before, noteLines) => {
        const pages: Page[] = []
        const composer = new Composer(settings, (page) => pages.push(page))
        composer.footnote = () => boxes(99, noteLines).map((b) => ({ ...b, height: settings.leading * 0.8 }))
        composer.startPage({ folio: true, head: true })
        composer.placeLines(boxes(0, before))
        composer.placeLines(boxes(1, 4, -1, ['fn-1-1']))
        composer.placeLines(boxes(2, 30))
        composer.finish()
        const refPage = pages.find((page) => page.boxes.some((b) => tagOf(b) === '1:0:4'))!
        expect(refPage.notes.length).toBeGreaterThanOrEqual(Math.min(2, noteLines))
        expect(pages.reduce((sum, page) => sum + page.notes.length, 0)).toBe(noteLines)
        for (const page of pages) {
          const used = page.boxes.reduce((sum, b) => sum + b.height, 0)
          expect(used + page.noteHeight).toBeLessThanOrEqual(composer.textHeight + page.extra + 0.01)
        }
      }),
      { numRuns: 100 },
    )
  })
})
