/**
 * The PDF's single-thread work, counted rather than timed: what the line breaker and the measurer
 * compute once per distinct word (and face) must not be computed again for each occurrence.
 */
import { describe, expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import { loadFonts } from '../../src/renderers/pdf/fonts.js'
import { breakParagraph, FONT_EXPANSION, LETTER_SPACING } from '../../src/renderers/pdf/layout/break.js'
import type { Measurer, ParagraphSpec } from '../../src/renderers/pdf/layout/types.js'
import { FaceMetrics } from '../../src/renderers/pdf/measure.js'

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

describe('the measurer shapes a word once', () => {
  test('a word off the pair model (a ligature) is shaped once for its width and its glyphs', async () => {
    const fonts = await loadFonts('literata', createMemoryEnv({}))
    const face = fonts.primary.regular
    let shaped = 0
    const font = new Proxy(face.font, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver)
        if (key !== 'layout') return value
        return (...args: unknown[]) => {
          shaped++
          return (value as (...a: unknown[]) => unknown).apply(target, args)
        }
      },
    })
    const m = new FaceMetrics({ ...face, font })
    // "office": the pair model gives up on "ffi", so the word is shaped whole.
    expect(Number.isNaN(m.fast('office'))).toBe(true)
    const before = shaped
    const width = m.word('office')
    const glyphs = m.glyphCount('office')
    expect(shaped - before).toBe(1)
    expect(glyphs).toBe(face.font.layout('office').glyphs.length)
    expect(width).toBeCloseTo(face.font.layout('office').advanceWidth * face.scale, 9)
    for (let i = 0; i < 100; i++) {
      m.word('office')
      m.glyphCount('office')
    }
    expect(shaped - before).toBe(1)
  })
})
