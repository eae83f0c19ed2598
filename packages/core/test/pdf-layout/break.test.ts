import fc from 'fast-check'
import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import {
  BREAK_PARAMETERS,
  breakParagraph,
  FONT_EXPANSION,
  LETTER_SPACING,
} from '../../src/renderers/pdf/layout/break.js'
import { breaksBetweenCharacters } from '../../src/renderers/pdf/layout/cjk.js'
import { literataMeasurer, literataPaths } from '../../src/renderers/pdf/layout/measure-fontkit.js'
import type {
  Line,
  Measurer,
  ParagraphLayout,
  ParagraphSpec,
  StyledRun,
} from '../../src/renderers/pdf/layout/types.js'
import { fcRuns } from '../fast-check.js'

/** Monospaced stand-in: every character (space included) is half the size wide. */
const mono: Measurer = { width: (text, _style, size) => [...text].length * size * 0.5 }
const literata = literataMeasurer()

const PRIDE =
  'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. However little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is so well fixed in the minds of the surrounding families, that he is considered as the rightful property of some one or other of their daughters.'

function spec(text: string, over: Partial<ParagraphSpec> = {}): ParagraphSpec {
  return {
    runs: [{ text, style: 'regular', size: 10 }],
    lineWidths: [200],
    indent: 12,
    align: 'justify',
    language: 'en-GB',
    ...over,
  }
}

/** The paragraph's text from its lines, inserted hyphens removed, words rejoined. */
function reassemble(layout: ParagraphLayout): string {
  let out = ''
  for (const line of layout.lines) {
    let text = line.runs.map((r) => r.text).join('')
    if (line.breakKind === 'hyphen') text = text.slice(0, -1)
    out += text + (line.breakKind === 'space' ? ' ' : '')
  }
  return out
}

function lineEnd(line: Line): number {
  const last = line.runs.at(-1)!
  return last.x + last.width
}

describe('breakParagraph', () => {
  it('justifies every line but the last exactly to the measure', () => {
    for (const width of [150, 200, 260, 333]) {
      const layout = breakParagraph(
        spec(PRIDE, { lineWidths: [width], runs: [{ text: PRIDE, style: 'regular', size: 10.5 }] }),
        literata,
      )
      expect(layout.fallback).toBe(false)
      for (const line of layout.lines.slice(0, -1)) {
        expect(Math.abs(lineEnd(line) - width)).toBeLessThan(0.01)
        expect(line.width).toBeCloseTo(width, 2)
        // pdfkit's wordSpacing: the run's width is its natural width plus the extra per space.
        const run = line.runs[0]!
        const natural = run.text.split(' ').reduce((w, word) => w + literata.width(word, 'regular', 10.5), 0)
        const spaces = run.text.split(' ').length - 1
        expect(natural + spaces * (literata.width(' ', 'regular', 10.5) + run.wordSpacing)).toBeCloseTo(
          run.width,
          6,
        )
      }
      const last = layout.lines.at(-1)!
      expect(last.last).toBe(true)
      expect(last.runs.every((r) => r.wordSpacing === 0)).toBe(true)
      expect(last.spaceRatio).toBe(1)
      expect(reassemble(layout)).toBe(PRIDE)
    }
  })

  it('starts the first line at the indent and drops spaces at line ends', () => {
    const layout = breakParagraph(spec(`  ${PRIDE}  `), literata)
    expect(layout.lines[0]!.runs[0]!.x).toBe(12)
    for (const line of layout.lines) {
      const text = line.runs.map((r) => r.text).join('')
      expect(text).toBe(text.trim())
    }
  })

  it('puts an inserted hyphen on the first part and the rest on the next line', () => {
    const layout = breakParagraph(spec(PRIDE, { lineWidths: [150] }), literata)
    const hyphenated = layout.lines.filter((l) => l.hyphenated)
    expect(hyphenated.length).toBeGreaterThan(0)
    for (const line of hyphenated) {
      expect(line.breakKind).toBe('hyphen')
      expect(line.runs.at(-1)!.text).toMatch(/\p{L}-$/u)
    }
  })

  it('breaks after hard hyphens and em dashes without inserting anything', () => {
    const text = 'aaaa bbbb well-known cccc dddd eeee—ffff gggg hhhh'
    const layouts = [40, 45, 50, 55, 60, 65, 70, 75, 80].map((w) =>
      breakParagraph(spec(text, { lineWidths: [w], indent: 0, hyphenate: false }), mono),
    )
    const ends = layouts.flatMap((l) =>
      l.lines.filter((x) => x.breakKind === 'explicit').map((x) => x.runs.at(-1)!.text),
    )
    expect(ends.some((t) => t.endsWith('well-'))).toBe(true)
    expect(ends.some((t) => t.endsWith('eeee—'))).toBe(true)
    for (const l of layouts) {
      expect(reassemble(l)).toBe(text)
      expect(l.lines.some((x) => x.hyphenated)).toBe(false)
    }
  })

  it('never ends more than two lines in a row with a hyphen', () => {
    // Long hyphenatable words in a narrow measure: without the limit, 3+ in a row happen.
    const words =
      'nevertheless acknowledgement neighbourhood understanding recollection disinterestedness circumstances'
    const text = Array.from({ length: 6 }, () => words).join(' ')
    const params = BREAK_PARAMETERS as { maxConsecutiveHyphens: number; doubleHyphenDemerits: number }
    const saved = { ...params }
    let found: number | undefined
    try {
      params.maxConsecutiveHyphens = 99
      params.doubleHyphenDemerits = 0
      for (let w = 90; w < 200 && found === undefined; w += 3) {
        const layout = breakParagraph(spec(text, { lineWidths: [w], indent: 0 }), literata)
        if (maxStreak(layout) >= 3) found = w
      }
    } finally {
      Object.assign(params, saved)
    }
    expect(found).toBeDefined()
    const layout = breakParagraph(spec(text, { lineWidths: [found!], indent: 0 }), literata)
    expect(maxStreak(layout)).toBeLessThanOrEqual(2)
    expect(reassemble(layout)).toBe(text)
  })

  it('sets ragged lines with natural spaces', () => {
    for (const align of ['left', 'center', 'right'] as const) {
      const layout = breakParagraph(spec(PRIDE, { align, indent: 0 }), literata)
      expect(layout.fallback).toBe(false)
      expect(layout.lines.some((l) => l.hyphenated)).toBe(false) // hyphenation defaults off
      for (const line of layout.lines) {
        expect(line.runs.every((r) => r.wordSpacing === 0)).toBe(true)
        expect(line.spaceRatio).toBe(1)
        const natural = line.runs.reduce((w, r) => w + r.width, 0)
        expect(natural).toBeLessThanOrEqual(200 + 1e-9)
        const x = line.runs[0]!.x
        if (align === 'left') expect(x).toBe(0)
        if (align === 'right') expect(x + natural).toBeCloseTo(200, 6)
        if (align === 'center') expect(x).toBeCloseTo((200 - natural) / 2, 6)
      }
      expect(reassemble(layout)).toBe(PRIDE)
    }
  })

  it('uses each line its own width (a drop cap narrows the first two)', () => {
    const layout = breakParagraph(spec(PRIDE, { lineWidths: [140, 140, 220], indent: 0 }), literata)
    expect(layout.fallback).toBe(false)
    layout.lines.slice(0, -1).forEach((line, i) => {
      expect(lineEnd(line)).toBeCloseTo(i < 2 ? 140 : 220, 2)
    })
  })

  it('never starts a line with a footnote marker, even after a space', () => {
    const runs: StyledRun[] = []
    for (let i = 0; i < 30; i++) {
      runs.push({ text: i % 2 ? `word number ${i} here` : `and again ${i} `, style: 'regular', size: 10 })
      runs.push({ text: String(i + 1), style: 'regular', size: 6, superscript: true, anchor: `fn${i}` })
    }
    runs.push({ text: ' the end.', style: 'regular', size: 10 })
    for (let w = 60; w < 200; w += 7) {
      const layout = breakParagraph(
        { runs, lineWidths: [w], indent: 0, align: 'justify', language: 'en' },
        mono,
      )
      for (const line of layout.lines.slice(1)) expect(line.runs[0]!.superscript).not.toBe(true)
      expect(layout.lines.flatMap((l) => l.runs).every((r) => r.text.length > 0)).toBe(true)
    }
  })

  it('keeps each style run with its own x, in order', () => {
    const runs: StyledRun[] = [
      { text: 'She said it was ', style: 'regular', size: 10 },
      { text: 'entirely impossible', style: 'italic', size: 10 },
      { text: ', and that she would ', style: 'regular', size: 10 },
      { text: 'never', style: 'bold', size: 10 },
      { text: ' consent to such a thing while she lived.', style: 'regular', size: 10 },
    ]
    const layout = breakParagraph(
      { runs, lineWidths: [120], indent: 0, align: 'justify', language: 'en' },
      literata,
    )
    for (const line of layout.lines) {
      let x = 0
      for (const run of line.runs) {
        expect(run.x).toBeCloseTo(x, 9)
        x = run.x + run.width
      }
    }
    expect(layout.lines.flatMap((l) => l.runs).some((r) => r.style === 'italic')).toBe(true)
  })

  it('falls back to first fit, flagged, when a word fits on no line', () => {
    const text = 'A honorificabilitudinitatibus pneumonoultramicroscopicsilicovolcanoconiosis word.'
    const layout = breakParagraph(spec(text, { lineWidths: [60], indent: 0, hyphenate: false }), mono)
    expect(layout.fallback).toBe(true)
    expect(layout.fallbackReason).toBe('overfull')
    expect(layout.pass).toBe('greedy')
    for (const line of layout.lines) expect(lineEnd(line)).toBeLessThanOrEqual(60 + 1e-9)
    expect(layout.lines.some((l) => l.breakKind === 'emergency')).toBe(true)
    expect(reassemble(layout)).toBe(text)
  })

  it('reports a language without patterns and still breaks', () => {
    const layout = breakParagraph(spec(PRIDE, { language: 'tlh' }), literata)
    expect(layout.hyphenationUnavailable).toMatch(/no hyphenation patterns/)
    expect(layout.lines.some((l) => l.hyphenated)).toBe(false)
    expect(reassemble(layout)).toBe(PRIDE)
  })

  it('makes a paragraph one line longer with looseness when the tolerance allows', () => {
    // Mono 10 pt: a word is 20 pt, a space 5 (stretch 2.5, shrink 1.67). At 240 pt ten words
    // fit at r = -0.33 and nine at r = 1 (badness 100 ≤ 200); eleven never fit.
    const text = Array.from({ length: 40 }, () => 'abcd').join(' ')
    const count = (looseness: -1 | 0 | 1): number =>
      breakParagraph(spec(text, { looseness, lineWidths: [240], indent: 0, hyphenate: false }), mono).lines
        .length
    expect(count(0)).toBe(4)
    expect(count(1)).toBe(5)
    expect(count(-1)).toBe(4) // three lines would need thirteen words a line
  })

  it('builds no lines for a layout of another count than the one asked (lineCount)', () => {
    // A page's re-break is wanted at one count only (a line shorter or longer): the breaker finds
    // the breaks, and builds the lines only at that count. Five lines at looseness 1, as above.
    const text = Array.from({ length: 40 }, () => 'abcd').join(' ')
    const at = (lineCount?: number): ParagraphLayout =>
      breakParagraph(
        spec(text, { looseness: 1, lineWidths: [240], indent: 0, hyphenate: false, lineCount }),
        mono,
      )
    expect(at(5)).toEqual(at())
    expect(at(5).lines).toHaveLength(5)
    const other = at(6)
    expect(other.lines).toEqual([])
    expect({ ...other, lines: at().lines }).toEqual(at())
  })

  it('penalises a very short last line', () => {
    const text = 'The quick brown fox jumps over the lazy dog and then it runs far away from it.'
    const short = (l: ParagraphLayout): boolean => l.lines.length > 1 && lineEnd(l.lines.at(-1)!) < 45
    const widths = Array.from({ length: 60 }, (_, i) => 100 + i * 2)
    const count = (lastLineMin: number): number =>
      widths.filter((w) =>
        short(breakParagraph(spec(text, { lineWidths: [w], indent: 0, lastLineMin }), mono)),
      ).length
    expect(count(0)).toBeGreaterThan(0)
    expect(count(45)).toBeLessThan(count(0))
  })

  it('handles a huge paragraph in linear time, flagged', () => {
    const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit']
    const text = Array.from({ length: 250_000 }, (_, i) => words[(i * 7) % words.length]).join(' ')
    // Knuth–Plass over 250,000 words would be quadratic in the active list; the fallback is
    // what keeps it linear, and its flag is what is asserted (no clock).
    const layout = breakParagraph(spec(text, { lineWidths: [300] }), mono)
    expect(layout.fallback).toBe(true)
    expect(layout.fallbackReason).toBe('too-long')
    expect(layout.lines.length).toBeGreaterThan(1000)
  })

  it('the first-fit fallback keeps the limit of hyphens in a row too (nightly counterexample)', () => {
    const layout = breakParagraph(
      {
        runs: [{ text: 'aa-aaa aatel-aaaaa Amahda', style: 'regular', size: 10 }],
        lineWidths: [40],
        indent: 12,
        align: 'justify',
        language: 'en-US',
      },
      literata,
    )
    expect(layout.fallback).toBe(true)
    expect(reassemble(layout)).toBe('aa-aaa aatel-aaaaa Amahda')
    expect(maxStreak(layout)).toBeLessThanOrEqual(BREAK_PARAMETERS.maxConsecutiveHyphens)
  })

  it('measures a line that opens inside a word as drawn: the rest of the word shaped alone', () => {
    // "uninterrupted" broken "uninterrup-ted": the box "ted" was the whole word's width less its
    // prefix's, kern across the break included; the line "ted throughout the autumn." was then
    // narrower than drawn, and the line above it fitted only by shrinking its spaces past the
    // limit. Measured as drawn, no line does; without letter-spacing or expansion this paragraph
    // then has only a loose way to go, with them a good one.
    const text =
      'Extraordinary circumstances, incomprehensible misunderstandings and disinterestedness notwithstanding, the correspondence continued uninterrupted throughout the autumn.'
    const base = spec(text, {
      lineWidths: [260],
      indent: 12.6,
      runs: [{ text, style: 'regular', size: 10.5 }],
    })
    const plain = breakParagraph(base, literata)
    for (const line of plain.lines) {
      expect(line.spaceRatio).toBeGreaterThanOrEqual(1 - BREAK_PARAMETERS.shrink - 1e-9)
      expect(lineEnd(line)).toBeLessThanOrEqual(260 + 1e-9)
    }
    const micro = breakParagraph(
      { ...base, letterSpacing: LETTER_SPACING, expansion: FONT_EXPANSION },
      literata,
    )
    expect(micro.pass).toBe('tolerance')
    expect(Math.max(...micro.lines.map((l) => l.spaceRatio))).toBeLessThan(1.5)
    // Each line opening after a hyphen: its first word measured alone (as draw.ts shapes it).
    const lines = plain.lines
    for (let i = 1; i < lines.length; i++) {
      if (lines[i - 1]!.breakKind !== 'hyphen') continue
      const run = lines[i]!.runs[0]!
      const words = run.text.split(' ')
      const natural = words.reduce((w, word) => w + literata.width(word, 'regular', 10.5), 0)
      const spaces = words.length - 1
      const drawn = natural + spaces * (literata.width(' ', 'regular', 10.5) + run.wordSpacing)
      expect(Math.abs(drawn - run.width)).toBeLessThan(1e-9)
    }
  })

  it('property: justified within tolerance or flagged; text preserved; never throws', () => {
    const word = fc.oneof(
      fc.stringMatching(/^[a-z]{1,14}$/),
      fc.stringMatching(/^[A-Z][a-z]{2,12}[,.;]?$/),
      fc.stringMatching(/^[a-z]{2,6}-[a-z]{2,6}$/),
      fc.stringMatching(/^[a-z]{2,6}—[a-z]{2,6}$/),
      fc.constantFrom('1805', 'NATO', '“Well,”', 'don’t', 'x'),
    )
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 40, max: 400 }),
        fc.constantFrom('justify', 'left', 'center', 'right') as fc.Arbitrary<ParagraphSpec['align']>,
        fc.constantFrom('en-US', 'en-GB', 'de', 'xx'),
        (ws, width, align, language) => {
          const text = ws.join(' ')
          const layout = breakParagraph(
            {
              runs: [{ text, style: 'regular', size: 10 }],
              lineWidths: [width],
              indent: 12,
              align,
              language,
            },
            literata,
          )
          expect(reassemble(layout)).toBe(text)
          expect(maxStreak(layout)).toBeLessThanOrEqual(2)
          for (const line of layout.lines) {
            expect(line.runs.every((r) => r.text.length > 0)).toBe(true)
            if (
              !layout.fallback &&
              !line.last &&
              align === 'justify' &&
              line.runs.some((r) => r.text.includes(' '))
            ) {
              expect(Math.abs(lineEnd(line) - width)).toBeLessThan(0.01)
              expect(line.spaceRatio).toBeGreaterThanOrEqual(1 - BREAK_PARAMETERS.shrink - 1e-9)
            }
            if (!layout.fallback) expect(lineEnd(line)).toBeLessThanOrEqual(width + 0.01)
          }
        },
      ),
      { numRuns: fcRuns(300) },
    )
  })

  it('never throws on odd input', () => {
    const odd: ParagraphSpec[] = [
      spec(''),
      spec('   '),
      spec('word', { lineWidths: [] }),
      spec('some words here', { lineWidths: [0] }),
      spec('some words here', { lineWidths: [Number.NaN] }),
      spec('some words here', { indent: Number.NaN }),
      spec('a\u00A0b\u00A0c d\u2009e\u00ADf g', { lineWidths: [10] }),
      spec('🙂🙂🙂🙂🙂🙂🙂🙂 x', { lineWidths: [12] }),
      spec('x'.repeat(5000), { lineWidths: [100] }),
    ]
    for (const s of odd) expect(() => breakParagraph(s, mono)).not.toThrow()
    expect(breakParagraph(spec(''), mono).lines.flatMap((l) => l.runs)).toEqual([])
  })

  it('drops line widths that are no number, and sets negative ones to zero', () => {
    const text = 'some words here and there, and then some more words to fill a few lines'
    const lines = (lineWidths: number[]) => breakParagraph(spec(text, { lineWidths }), mono).lines
    expect(lines([Number.NaN, 40, Number.NEGATIVE_INFINITY])).toEqual(lines([40]))
    expect(lines([-3, 40])).toEqual(lines([0, 40]))
    expect(lines([Number.NaN])).toEqual(lines([Number.POSITIVE_INFINITY]))
  })

  it('tells the languages that break between characters, whatever was asked before', () => {
    const asked: Array<[string | undefined, boolean]> = [
      ['ja', true],
      ['en', false],
      ['en', false],
      ['ja-JP', true],
      ['zh_TW', true],
      ['EN-gb', false],
      [undefined, false],
      ['KO', true],
      ['', false],
      ['yue-Hant', true],
    ]
    for (const [language, breaks] of asked) expect(breaksBetweenCharacters(language)).toBe(breaks)
  })
})

describe('fontkit measurer', () => {
  it('agrees with pdfkit on widths (kerning and ligatures on)', () => {
    const doc = new PDFDocument({ autoFirstPage: false })
    doc.addPage()
    doc.font(literataPaths().regular).fontSize(10.5)
    for (const word of ['office', 'Typography', 'AVATAR', 'efficient', '“Yes,”', 'neighbourhood']) {
      expect(literata.width(word, 'regular', 10.5)).toBeCloseTo(doc.widthOfString(word), 6)
    }
  })

  it('fast path gives the shaped width for real text', () => {
    const words = new Set(
      PRIDE.split(' ').concat(['office', 'affluent', 'fjord', 'AV', 'T.', 'café', 'naïve', 'ﬁne']),
    )
    for (const w of words) {
      for (const style of ['regular', 'italic', 'bold', 'boldItalic'] as const) {
        expect(literata.width(w, style, 12)).toBeCloseTo(literata.shapedWidth(w, style, 12), 9)
      }
    }
  })
})

function maxStreak(layout: ParagraphLayout): number {
  let streak = 0
  let max = 0
  for (const line of layout.lines) {
    const flagged = line.hyphenated || (line.breakKind === 'explicit' && line.runs.at(-1)!.text.endsWith('-'))
    streak = flagged ? streak + 1 : 0
    max = Math.max(max, streak)
  }
  return max
}
