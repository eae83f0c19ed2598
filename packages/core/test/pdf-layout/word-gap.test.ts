import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BREAK_PARAMETERS,
  breakParagraph,
  FONT_EXPANSION,
  LETTER_SPACING,
} from '../../src/renderers/pdf/layout/break.js'
import { literataMeasurer } from '../../src/renderers/pdf/layout/measure-fontkit.js'
import type { Line, ParagraphSpec, PlacedRun } from '../../src/renderers/pdf/layout/types.js'
import { needCorpus, SHARED } from '../shared.js'

// A word gap is drawn as the space, its word spacing (Tw), the Tc after the space and the Tc
// after the word's last glyph. However the letters and the glyphs' expansion shrink, it never
// falls below two thirds of the space (TeX's ratio), in every pass and at every looseness.

const literata = literataMeasurer()
const SIZE = 10.5
const SPACE = literata.width(' ', 'regular', SIZE)
const FLOOR = (1 - BREAK_PARAMETERS.shrink) * SPACE

const TEXT =
  'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. However little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is so well fixed in the minds of the surrounding families, that he is considered as the rightful property of some one or other of their daughters.'

function spec(text: string, width: number, over: Partial<ParagraphSpec> = {}): ParagraphSpec {
  return {
    runs: [{ text, style: 'regular', size: SIZE }],
    lineWidths: [width],
    indent: 12.6,
    align: 'justify',
    language: 'en-GB',
    letterSpacing: LETTER_SPACING,
    expansion: FONT_EXPANSION,
    ...over,
  }
}

/** Word spaces in a run's text (U+0020 and no-break spaces; fixed spaces are part of words). */
function gapsIn(run: PlacedRun): number {
  return (run.text.match(/[ \u00A0]/g) ?? []).length
}

/** The visible word gap of a run's spaces, as drawn. */
function gapOf(run: PlacedRun): number {
  return literata.width(' ', run.style, run.size) + run.wordSpacing + 2 * (run.characterSpacing ?? 0)
}

/** Narrowest word gap of the lines, and how many lines were set tighter than natural. */
function survey(lines: Line[]): { narrowest: number; tight: number } {
  let narrowest = Number.POSITIVE_INFINITY
  let tight = 0
  for (const line of lines) {
    let shrunk = false
    for (const run of line.runs) {
      if (gapsIn(run) === 0) continue
      const gap = gapOf(run)
      narrowest = Math.min(narrowest, gap)
      if (gap < SPACE - 1e-9) shrunk = true
    }
    if (shrunk) tight++
  }
  return { narrowest, tight }
}

/** The natural width of the text on one line, and its gaps. */
function natural(text: string): { width: number; gaps: number; glyphs: number } {
  const words = text.split(' ')
  const width = words.reduce((w, word) => w + literata.width(word, 'regular', SIZE), 0)
  const glyphs = words.reduce((g, word) => g + literata.glyphCount(word, 'regular'), 0)
  return { width: width + (words.length - 1) * SPACE, gaps: words.length - 1, glyphs }
}

describe('the word gap floor', () => {
  it('keeps every gap at two thirds of the space or more, at every looseness', () => {
    let tight = 0
    for (let width = 160; width <= 340; width += 4) {
      for (const looseness of [0, -1] as const) {
        const layout = breakParagraph(spec(TEXT, width, { looseness }), literata)
        const got = survey(layout.lines)
        tight += got.tight
        expect(got.narrowest).toBeGreaterThanOrEqual(FLOOR - 1e-9)
      }
    }
    // The widths set lines tight: the floor was reached for, not avoided by chance.
    expect(tight).toBeGreaterThan(20)
  })

  it('makes a line that needs more than the floor allows infeasible, looseness -1 included', () => {
    // One line of words: its letters, glyphs and spaces could together shrink by `old` (the
    // letters' Tc also taken from each gap); the floor leaves `allowed`.
    const text = 'membered the number of changes she had gone through that day.'
    const { width, gaps, glyphs } = natural(text)
    const tc = LETTER_SPACING.shrink * SIZE
    const expanding = width - gaps * SPACE
    const allowed =
      gaps * (SPACE * BREAK_PARAMETERS.shrink - tc) + (glyphs - 1) * tc + expanding * FONT_EXPANSION.shrink
    const old = allowed + 2 * gaps * tc
    const one = (w: number, looseness: 0 | -1) =>
      breakParagraph(spec(text, w, { indent: 0, looseness }), literata).lines
    // Within the floor: one line, its gaps at the floor or wider.
    const within = one(width - 0.95 * allowed, 0)
    expect(within).toHaveLength(1)
    expect(survey(within).narrowest).toBeGreaterThanOrEqual(FLOOR - 1e-9)
    // Between the floor and what letters and spaces could once do together: two lines, even
    // when a line fewer is asked for.
    for (const looseness of [0, -1] as const) {
      const lines = one(width - (allowed + old) / 2, looseness)
      expect(lines).toHaveLength(2)
      expect(survey(lines).narrowest).toBeGreaterThanOrEqual(FLOOR - 1e-9)
    }
  })

  it('holds without expansion, and for letters that shrink more than a sixth of the space', () => {
    // 0.05 em a glyph: two Tc are more than the space's third, so the space widens as they tighten.
    for (const letterSpacing of [LETTER_SPACING, { stretch: 0.01, shrink: 0.05 }]) {
      for (let width = 170; width <= 330; width += 8) {
        const layout = breakParagraph(
          spec(TEXT, width, { letterSpacing, expansion: undefined, looseness: -1 }),
          literata,
        )
        expect(survey(layout.lines).narrowest).toBeGreaterThanOrEqual(FLOOR - 1e-9)
      }
    }
  })

  it('property: no gap below the floor, lines at the measure', () => {
    const words = TEXT.split(' ')
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: words.length - 8 }),
        fc.integer({ min: 6, max: 40 }),
        fc.double({ min: 120, max: 360, noNaN: true }),
        fc.constantFrom<0 | -1 | 1>(0, -1, 1),
        (from, count, width, looseness) => {
          const text = words.slice(from, from + count).join(' ')
          const layout = breakParagraph(spec(text, width, { looseness }), literata)
          if (layout.fallback) return
          expect(survey(layout.lines).narrowest).toBeGreaterThanOrEqual(FLOOR - 1e-9)
          for (const line of layout.lines) {
            if (!line.last) expect(Math.abs(line.width - width)).toBeLessThan(1e-6)
            else expect(line.width).toBeLessThanOrEqual(width + 1e-6)
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    )
  })

  it('holds over a novel at a book measure (Pride and Prejudice, looseness 0 and -1)', () => {
    needCorpus()
    const dir = path.join(SHARED, 'corpus/pride-and-prejudice/txt')
    const text = chapters(dir)
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n\n')
    const paragraphs = text
      .split(/\n\s*\n/)
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .filter((p) => p.length > 200)
      .slice(0, 300)
    let tight = 0
    let narrowest = Number.POSITIVE_INFINITY
    for (const paragraph of paragraphs) {
      for (const looseness of [0, -1] as const) {
        const got = survey(breakParagraph(spec(paragraph, 288, { looseness }), literata).lines)
        tight += got.tight
        narrowest = Math.min(narrowest, got.narrowest)
      }
    }
    expect(tight).toBeGreaterThan(100)
    expect(narrowest).toBeGreaterThanOrEqual(FLOOR - 1e-9)
  })
})

/** A novel's text files, in order. */
function chapters(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
}
