/**
 * The total-fit passes' work, counted: most (breakpoint, active node) pairs are lines still too
 * short to reach the measure within the tolerance, and a node found so is passed over until its
 * line may fit (`looseUntil` in layout/break.ts). Passing over must never change a break: every
 * paragraph is broken the same with it and with every pair measured.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  breakParagraph,
  FONT_EXPANSION,
  fitStats,
  LETTER_SPACING,
  pieceStats,
  shapeStats,
} from '../../src/renderers/pdf/layout/break.js'
import { literataMeasurer } from '../../src/renderers/pdf/layout/measure-fontkit.js'
import type {
  Measurer,
  ParagraphLayout,
  ParagraphSpec,
  StyledRun,
} from '../../src/renderers/pdf/layout/types.js'
import { fcRuns } from '../fast-check.js'

const literata = literataMeasurer()
/** Monospaced stand-in: every character is half the size wide. */
const mono: Measurer = { width: (text, _style, size) => text.length * size * 0.5 }

/** Break `spec` with passing over on and off; both layouts and the pairs each measured. */
function both(spec: ParagraphSpec, measurer: Measurer) {
  const count = (skip: boolean): [ParagraphLayout, number, number] => {
    fitStats.skipLoose = skip
    const pairs = fitStats.pairs
    const evaluated = fitStats.evaluated
    try {
      // A copy of the runs each time: the paragraph is prepared afresh, as the first time.
      const layout = breakParagraph({ ...spec, runs: spec.runs.map((r) => ({ ...r })) }, measurer)
      return [layout, fitStats.pairs - pairs, fitStats.evaluated - evaluated]
    } finally {
      fitStats.skipLoose = true
    }
  }
  const [skipping, pairs, evaluated] = count(true)
  const [measuring, allPairs, allEvaluated] = count(false)
  return { skipping, measuring, pairs, evaluated, allPairs, allEvaluated }
}

const WORDS = [
  'the',
  'a',
  'of',
  'and',
  'truth',
  'universally',
  'acknowledged,',
  'possession',
  'neighbourhood',
  'considered',
  'incomprehensible',
  'misunderstandings',
  'notwithstanding',
  'self-confidence',
  'well\u2014known',
  'Elizabeth',
  'extra\u00ADordinary',
  'Mr.\u00a0Darcy',
  '“Indeed,”',
  'was.',
  'honorificabilitudinitatibus',
  '1813',
]

describe('passing over lines too loose changes no break', () => {
  test('random paragraphs, measures, alignments, letter-spacing, expansion and looseness', () => {
    const run = fc.record({
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 120 }),
      style: fc.constantFrom<StyledRun['style']>('regular', 'italic'),
      size: fc.constantFrom(9, 10.5, 12),
    })
    fc.assert(
      fc.property(
        fc.array(run, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 30, max: 420 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom<ParagraphSpec['align']>('justify', 'justify', 'left', 'center'),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom<-1 | 0 | 1>(-1, 0, 0, 1),
        fc.integer({ min: 0, max: 24 }),
        fc.boolean(),
        (runs, lineWidths, align, spaced, hyphenate, looseness, indent, real) => {
          const spec: ParagraphSpec = {
            runs: runs.map((r, i) => ({
              text: (i > 0 ? ' ' : '') + r.words.join(' '),
              style: r.style,
              size: r.size,
            })),
            lineWidths,
            indent,
            align,
            language: 'en-US',
            hyphenate,
            looseness,
            ...(spaced ? { letterSpacing: LETTER_SPACING, expansion: FONT_EXPANSION } : {}),
          }
          const { skipping, measuring, evaluated, allEvaluated, pairs, allPairs } = both(
            spec,
            real ? literata : mono,
          )
          expect(skipping).toEqual(measuring)
          // The same pairs were visited; fewer (or as many) were measured.
          expect(pairs).toBe(allPairs)
          expect(allEvaluated).toBe(allPairs)
          expect(evaluated).toBeLessThanOrEqual(allEvaluated)
        },
      ),
      { numRuns: fcRuns(300) },
    )
  })

  test('a book paragraph measures under a third of its pairs, with the same lines', () => {
    const text = Array.from(
      { length: 40 },
      (_, i) =>
        `It is a truth universally acknowledged, that a single man in possession of a good fortune number ${i + 1}, must be in want of a wife; however little known the feelings or views of such a man may be.`,
    ).join(' ')
    for (const spaced of [false, true]) {
      const spec: ParagraphSpec = {
        runs: [{ text, style: 'regular', size: 10.5 }],
        lineWidths: [324],
        indent: 12,
        align: 'justify',
        language: 'en-US',
        ...(spaced ? { letterSpacing: LETTER_SPACING, expansion: FONT_EXPANSION } : {}),
      }
      for (const looseness of [0, 1, -1] as const) {
        const { skipping, measuring, evaluated, pairs } = both({ ...spec, looseness }, literata)
        expect(skipping.lines.length).toBeGreaterThan(60)
        expect(skipping).toEqual(measuring)
        expect(evaluated * 3).toBeLessThan(pairs)
      }
    }
  })
})

describe('each distinct token is shaped once a face, found again without a copy of it', () => {
  test('thousands of distinct tokens over many paragraphs: each made once, every other one found', () => {
    // Tokens that share prefixes, differ by one letter or only in length, and collide in a small
    // table before it grows: each must find its own shape.
    const tokens = Array.from({ length: 6_000 }, (_, i) => `w${i.toString(36)}${'x'.repeat(i % 7)}`)
    const m: Measurer = { width: (text, _style, size) => text.length * size * 0.5 }
    const paragraph = (from: number, to: number): ParagraphSpec => ({
      runs: [{ text: `start ${tokens.slice(from, to).join(' ')} end`, style: 'bold', size: 7.25 }],
      lineWidths: [200],
      indent: 0,
      align: 'justify',
      language: 'en-US',
      hyphenate: false,
    })
    const made = shapeStats.made
    const lookups = shapeStats.lookups
    const first: ParagraphLayout[] = []
    for (let k = 0; k < tokens.length; k += 500) first.push(breakParagraph(paragraph(k, k + 500), m))
    expect(shapeStats.made - made).toBe(tokens.length + 2)
    // The same tokens again, in other paragraphs and another order: nothing new is made.
    for (let k = tokens.length - 250; k >= 0; k -= 250) breakParagraph(paragraph(k, k + 250), m)
    expect(shapeStats.made - made).toBe(tokens.length + 2)
    // Every token of the 12 + 24 paragraphs looked up ("start" and "end" too), once each.
    expect(shapeStats.lookups - lookups).toBe(2 * tokens.length + 2 * 36)
    // And what was set from found shapes is what was set from made ones.
    for (let k = 0; k < tokens.length; k += 500)
      expect(breakParagraph(paragraph(k, k + 500), m)).toEqual(first[k / 500])
  })
})

describe('a paragraph measures each piece of a word once', () => {
  test('its passes and relayouts find the pieces of words it measured, and set the same lines', () => {
    // Long words in a narrow measure: many lines open after a hyphen, and the passes measure the
    // piece of the word up to each later hyphen point of it.
    const text = Array(12)
      .fill('incomprehensible misunderstandings notwithstanding extraordinarily')
      .join(' ')
    const spec = (runs: StyledRun[], looseness: -1 | 0 | 1): ParagraphSpec => ({
      runs,
      lineWidths: [70],
      indent: 0,
      align: 'justify',
      language: 'en-US',
      looseness,
      letterSpacing: LETTER_SPACING,
      expansion: FONT_EXPANSION,
    })
    const runs: StyledRun[] = [{ text, style: 'regular', size: 10 }]
    const before = pieceStats.measured
    const first = breakParagraph(spec(runs, 0), literata)
    expect(first.lines.filter((l) => l.hyphenated).length).toBeGreaterThan(10)
    const measured = pieceStats.measured - before
    expect(measured).toBeGreaterThan(0)
    // The same paragraph again and a line looser and tighter: no piece measured again.
    const again = [0, 1, -1].map((k) => breakParagraph(spec(runs, k as -1 | 0 | 1), literata))
    expect(pieceStats.measured - before).toBe(measured)
    // As set afresh (another runs array: prepared and measured anew).
    for (const [i, k] of [0, 1, -1].entries())
      expect(again[i]).toEqual(breakParagraph(spec([{ ...runs[0]! }], k as -1 | 0 | 1), literata))
    expect(pieceStats.measured - before).toBeGreaterThan(measured)
  })
})

describe('a line fewer and a line more come from one pass', () => {
  test('the composer asks for both in turn: the second is the first pass’s, as set afresh', () => {
    const text = Array(8)
      .fill(
        'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.',
      )
      .join(' ')
    const spec = (runs: StyledRun[], looseness: -1 | 1, lineWidths = [200]): ParagraphSpec => ({
      runs,
      lineWidths,
      indent: 12,
      align: 'justify',
      language: 'en-US',
      looseness,
      letterSpacing: LETTER_SPACING,
      expansion: FONT_EXPANSION,
    })
    const runs: StyledRun[] = [{ text, style: 'regular', size: 10 }]
    breakParagraph({ ...spec(runs, 1), looseness: 0 }, literata)
    const passes = fitStats.passes
    const opposites = fitStats.opposites
    const tighter = breakParagraph(spec(runs, -1), literata)
    const looser = breakParagraph(spec(runs, 1), literata)
    expect(fitStats.passes - passes).toBe(1)
    expect(fitStats.opposites - opposites).toBe(1)
    expect(looser.lines.length).toBe(tighter.lines.length + 2)
    expect(looser).toEqual(breakParagraph(spec([{ ...runs[0]! }], 1), literata))
    expect(tighter).toEqual(breakParagraph(spec([{ ...runs[0]! }], -1), literata))
    // Other widths: a pass of their own.
    const before = fitStats.passes
    const narrower = breakParagraph(spec(runs, -1, [190]), literata)
    expect(fitStats.passes - before).toBe(1)
    expect(narrower).toEqual(breakParagraph(spec([{ ...runs[0]! }], -1, [190]), literata))
  })
})
