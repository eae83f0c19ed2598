/**
 * The PDF's single-thread work, counted rather than timed: what the line breaker and the measurer
 * compute once per distinct word (and face) must not be computed again for each occurrence.
 */
import { describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import { loadFonts } from '../../src/renderers/pdf/fonts.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import {
  breakParagraph,
  FONT_EXPANSION,
  LETTER_SPACING,
  preparedStats,
  sumStats,
} from '../../src/renderers/pdf/layout/break.js'
import type { Measurer, ParagraphSpec, StyledRun } from '../../src/renderers/pdf/layout/types.js'
import { FaceMetrics, layoutStats } from '../../src/renderers/pdf/measure.js'
import { oneChapterBook, p } from '../pdf/helpers.js'

/** A measurer of fixed-width glyphs that counts what it is asked. */
function countingMeasurer(): Measurer & { widths: number; glyphCounts: number } {
  return {
    widths: 0,
    glyphCounts: 0,
    width(text, _style, size) {
      this.widths++
      return text.length * size * 0.5
    },
    glyphCount(text) {
      this.glyphCounts++
      return text.length
    },
  }
}

function paragraph(words: string, times: number): ParagraphSpec {
  return {
    runs: [{ text: Array(times).fill(words).join(' '), style: 'regular', size: 10 }],
    lineWidths: [300],
    indent: 10,
    align: 'justify',
    language: 'en-US',
    hyphenate: false,
    letterSpacing: LETTER_SPACING,
  }
}

describe('line breaking measures each distinct word once', () => {
  const words = 'the cat sat on a mat, and the dog ran off.'

  test('a letter-spaced paragraph counts glyphs per distinct word, not per occurrence', () => {
    const once = countingMeasurer()
    breakParagraph(paragraph(words, 1), once)
    const often = countingMeasurer()
    const layout = breakParagraph(paragraph(words, 300), often)
    expect(layout.lines.length).toBeGreaterThan(100)
    expect(once.glyphCounts).toBeGreaterThan(0)
    // 300 times the words, and no more counting or measuring than for them once.
    expect(often.glyphCounts).toBe(once.glyphCounts)
    expect(often.widths).toBe(once.widths)
  })

  test('hyphenated and expanded: lines opening inside a word measure per distinct word too', () => {
    // Long words in a narrow measure: many lines open after a hyphen (each such box has a lead
    // width, the rest of its word shaped alone), and some lines hold a piece of a word alone.
    const long = 'incomprehensible misunderstandings notwithstanding extraordinarily'
    const spec = (times: number): ParagraphSpec => ({
      ...paragraph(long, times),
      lineWidths: [90],
      hyphenate: true,
      expansion: FONT_EXPANSION,
    })
    const once = countingMeasurer()
    breakParagraph(spec(2), once)
    const often = countingMeasurer()
    const layout = breakParagraph(spec(200), often)
    expect(layout.lines.filter((l) => l.hyphenated).length).toBeGreaterThan(100)
    expect(often.widths).toBe(once.widths)
    expect(often.glyphCounts).toBe(once.glyphCounts)
  })

  test('a second paragraph of the same words measures and counts nothing new', () => {
    const m = countingMeasurer()
    breakParagraph(paragraph(words, 20), m)
    const after = { widths: m.widths, glyphCounts: m.glyphCounts }
    breakParagraph(paragraph(words, 40), m)
    // One width: the run's word space, measured per run and paragraph.
    expect({ widths: m.widths, glyphCounts: m.glyphCounts }).toEqual({ ...after, widths: after.widths + 1 })
  })
})

describe('the measurer lays a word out once', () => {
  test('a word off the pair model (a ligature) is laid out once for its width and its glyphs', async () => {
    const fonts = await loadFonts('literata', createMemoryEnv({}))
    const face = fonts.primary.regular
    let shaped = 0
    const font = new Proxy(face.font, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver)
        if (key !== 'layout') return value
        return (...args: unknown[]) => {
          // Characters shaped alone (the fast path's test of each) are not counted.
          if ((args[0] as string).length > 1) shaped++
          return (value as (...a: unknown[]) => unknown).apply(target, args)
        }
      },
    })
    const m = new FaceMetrics({ ...face, font })
    // "office": the pair model gives up on "ffi", so the word is laid out whole, from the face's
    // tables (`layout-tables.ts`), not shaped.
    expect(Number.isNaN(m.fast('office'))).toBe(true)
    const before = shaped
    const laid = layoutStats.read
    const width = m.word('office')
    const glyphs = m.glyphCount('office')
    expect(layoutStats.read - laid).toBe(1)
    expect(shaped - before).toBe(0)
    expect(glyphs).toBe(face.font.layout('office').glyphs.length)
    expect(width).toBeCloseTo(face.font.layout('office').advanceWidth * face.scale, 9)
    for (let i = 0; i < 100; i++) {
      m.word('office')
      m.glyphCount('office')
    }
    expect(layoutStats.read - laid).toBe(1)
    expect(shaped - before).toBe(0)
  })
})

describe('a paragraph broken again is not prepared again', () => {
  const text =
    'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity.'
  const spec = (runs: StyledRun[]): ParagraphSpec => ({
    runs,
    lineWidths: [124],
    indent: 10,
    align: 'justify',
    language: 'en-US',
    letterSpacing: LETTER_SPACING,
    expansion: FONT_EXPANSION,
  })

  test('another looseness or no hyphens reuses the items: nothing measured, the same lines as afresh', () => {
    const m = countingMeasurer()
    const runs: StyledRun[] = [{ text, style: 'regular', size: 10 }]
    breakParagraph(spec(runs), m)
    const after = { widths: m.widths, glyphCounts: m.glyphCounts }
    const reused = preparedStats.reused
    // What the page composer asks when a page ends badly: the same runs, another looseness.
    const looser = breakParagraph({ ...spec(runs), looseness: 1 }, m)
    const tighter = breakParagraph({ ...spec(runs), looseness: -1 }, m)
    expect(preparedStats.reused - reused).toBe(2)
    expect({ widths: m.widths, glyphCounts: m.glyphCounts }).toEqual(after)
    expect(looser).toEqual(breakParagraph({ ...spec(runs), looseness: 1 }, countingMeasurer()))
    expect(tighter).toEqual(breakParagraph({ ...spec(runs), looseness: -1 }, countingMeasurer()))
    // Without hyphens the items differ (no pattern points): prepared again, as afresh.
    const unhyphenated = breakParagraph({ ...spec(runs), hyphenate: false, looseness: 1 }, m)
    expect(preparedStats.reused - reused).toBe(2)
    expect(unhyphenated).toEqual(
      breakParagraph({ ...spec(runs), hyphenate: false, looseness: 1 }, countingMeasurer()),
    )
  })

  test('its passes and its relayouts sum its items once; another paragraph between sums afresh', () => {
    const runs: StyledRun[] = [{ text, style: 'regular', size: 10 }]
    const other: StyledRun[] = [{ text: text.replace('wisdom', 'understanding'), style: 'regular', size: 10 }]
    const m = countingMeasurer()
    const computed = sumStats.computed
    const first = breakParagraph(spec(runs), m)
    // The first pass (no hyphens) could not set it: the second pass ran on the same sums.
    expect(first.pass).toBe('tolerance')
    const looser = breakParagraph({ ...spec(runs), looseness: 1 }, m)
    expect(sumStats.computed - computed).toBe(1)
    // Another paragraph's items in the shared sums, then the first one's again (its items kept):
    // summed again, and set as afresh.
    breakParagraph(spec(other), m)
    const reused = preparedStats.reused
    const again = breakParagraph({ ...spec(runs), looseness: 1 }, m)
    expect(preparedStats.reused - reused).toBe(1)
    expect(sumStats.computed - computed).toBe(3)
    expect(again).toEqual(looser)
    expect(again).toEqual(breakParagraph({ ...spec(runs), looseness: 1 }, countingMeasurer()))
  })

  test('runs changed in place are prepared afresh; the placed runs are the spec’s own', () => {
    const m = countingMeasurer()
    const runs: StyledRun[] = [
      { text, style: 'regular', size: 10 },
      { text: '1', style: 'regular', size: 6, superscript: true, anchor: 'n1', link: '#n1' },
    ]
    breakParagraph(spec(runs), m)
    const reused = preparedStats.reused
    runs[0] = { ...runs[0]!, text: text.replace('wisdom', 'understanding'), style: 'italic' }
    runs[1]!.anchor = 'n2'
    const again = breakParagraph({ ...spec(runs), looseness: 1 }, m)
    expect(preparedStats.reused).toBe(reused)
    expect(again).toEqual(breakParagraph({ ...spec(runs), looseness: 1 }, countingMeasurer()))
    expect(again.lines.flatMap((l) => l.runs).some((r) => r.style === 'italic')).toBe(true)
    // Only a field the items do not depend on changed: reused, with the new anchor on the marker.
    runs[1]!.anchor = 'n3'
    const marker = breakParagraph(spec(runs), m)
      .lines.flatMap((l) => l.runs)
      .find((r) => r.superscript)
    expect(preparedStats.reused).toBe(reused + 1)
    expect(marker?.anchor).toBe('n3')
  })

  test('a placed run carries every field of its run', () => {
    const run: Required<StyledRun> = {
      text: 'word',
      style: 'italic',
      size: 11,
      superscript: false,
      smallCaps: true,
      capitals: false,
      shift: 0.5,
      underline: { size: 11, shift: 0 },
      strike: { size: 11, shift: 0.5 },
      link: 'https://example.org/',
      anchor: 'a1',
      noHyphenate: true,
      lang: 'fr',
    }
    for (const letterSpacing of [undefined, LETTER_SPACING]) {
      const [placed] = breakParagraph(
        { runs: [run], lineWidths: [300], indent: 0, align: 'justify', language: 'en-US', letterSpacing },
        countingMeasurer(),
      ).lines[0]!.runs
      expect(placed).toMatchObject(run)
    }
  })
})

describe('a word off the pair model is shaped once for measuring and drawing', () => {
  test('the drawer encodes it from the measurer’s shaping: no text is shaped twice', async () => {
    const env = createMemoryEnv({}, { file: new SourceFile('') })
    const fonts = await loadFonts('literata', env)
    // The render parses nothing again: the built-in faces are parsed once a process.
    const font = fonts.primary.regular.font
    // A word no other test measures, with an "ffi" the pair model gives up on.
    const word = 'Raffiniertheit'
    const shaped = new Map<string, number>()
    const layout = font.layout
    font.layout = function (this: typeof font, text, features) {
      if (text.includes('affin')) {
        const key = `${text}|${JSON.stringify(features ?? null)}`
        shaped.set(key, (shaped.get(key) ?? 0) + 1)
      }
      return layout.call(this, text, features)
    }
    try {
      const tree = oneChapterBook(
        [
          p('The opening words of the chapter.'),
          p(`A ${word} and another ${word} here.`),
          p(`There, ${word} at last and ${word} again.`),
        ],
        { file: 'chapters/1.md' },
      )
      for await (const _ of renderPdf(tree, { halfTitle: false, toc: false }, env));
    } finally {
      font.layout = layout
    }
    // Laid out from the face's tables for measuring, encoded from that for drawing: not shaped.
    expect(shaped.get(`${word}|null`)).toBeUndefined()
    expect(Math.max(0, ...shaped.values())).toBeLessThanOrEqual(1)
  })
})

describe('a line’s text is the source’s, taken in one piece where it can be', () => {
  test('breakable white space is one space; no-break and fixed spaces stay; soft hyphens go', () => {
    const text = 'one\ttwo\n three\u00a0four  five\u2009six se\u00adven\u2028eight\u00a0\u00a0nine'
    for (const letterSpacing of [undefined, LETTER_SPACING]) {
      const layout = breakParagraph(
        {
          runs: [
            { text, style: 'regular', size: 10 },
            { text: ' and  ten', style: 'italic', size: 10 },
          ],
          lineWidths: [10_000],
          indent: 0,
          align: 'justify',
          language: 'en-US',
          letterSpacing,
        },
        countingMeasurer(),
      )
      expect(layout.lines).toHaveLength(1)
      expect(layout.lines[0]!.runs.map((r) => r.text)).toEqual([
        'one two three\u00a0four five\u2009six seven eight\u00a0\u00a0nine',
        // The gap between the runs is the second run's (its text has it).
        ' and ten',
      ])
    }
  })
})

describe('the pair model learns each pair once', () => {
  test('Latin-1 pairs and others: laid out once, the same widths on a second model', async () => {
    const fonts = await loadFonts('literata', createMemoryEnv({}))
    const face = fonts.primary.regular
    const shaped: string[] = []
    const font = new Proxy(face.font, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver)
        if (key !== 'layout') return value
        return (text: string, ...rest: unknown[]) => {
          shaped.push(text)
          return (value as (...a: unknown[]) => unknown).apply(target, [text, ...rest])
        }
      },
    })
    const m = new FaceMetrics({ ...face, font })
    const words = ['Vault', 'AVATAR', 'naïve', 'Москва', 'Ωmega']
    const laid = layoutStats.read + layoutStats.shaped
    const first = words.map((w) => m.word(w))
    // The pairs are read from the face's tables, none shaped; each once.
    const pairs = layoutStats.read + layoutStats.shaped - laid
    expect(pairs).toBeGreaterThan(10)
    expect(pairs).toBeLessThanOrEqual(words.reduce((n, w) => n + w.length - 1, 0))
    expect(shaped.filter((t) => t.length === 2)).toEqual([])
    const before = shaped.length
    expect(words.map((w) => m.word(w))).toEqual(first)
    expect(shaped.length).toBe(before)
    expect(layoutStats.read + layoutStats.shaped - laid).toBe(pairs)
    // What a model learns is what shaping the pairs gives a fresh one, pair by pair.
    const fresh = new FaceMetrics(face)
    expect(words.map((w) => fresh.word(w))).toEqual(first)
    expect(first.every((w) => w > 0 && Number.isFinite(w))).toBe(true)
  })
})
