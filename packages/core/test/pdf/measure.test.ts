/**
 * The composer's measurer against full shaping: the pair model (per-character advances plus a
 * learnt pair adjustment) must give exactly fontkit's width for every word it takes, and the
 * glyph count drawn (a ligature is one glyph) for letter-spacing.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import { type FontSet, loadFonts } from '../../src/renderers/pdf/fonts.js'
import { FontMeasurer, metrics } from '../../src/renderers/pdf/measure.js'
import { hasCorpus, SHARED } from '../shared.js'

const ALICE = `${SHARED}/corpus/alices-adventures-in-wonderland/ref`

/** Every distinct word of Alice, and each prefix a hyphenation could leave ("plea", "plea-"). */
function vocabulary(): string[] {
  const words = new Set<string>()
  for (const f of readdirSync(ALICE))
    for (const w of readFileSync(`${ALICE}/${f}`, 'utf8').split(/\s+/)) if (w) words.add(w)
  const out = new Set(words)
  for (const w of words) {
    for (let i = 2; i < w.length - 1; i++) {
      out.add(w.slice(0, i))
      out.add(`${w.slice(0, i)}-`)
    }
  }
  for (const w of [
    'office',
    'affluent',
    'fjord',
    'AVATAR',
    'T.',
    'café',
    'naïve',
    'Ἀθῆναι',
    'Москва́',
    'e\u0301te\u0301',
  ])
    out.add(w)
  return [...out]
}

async function fonts(font: 'literata' | 'source-serif-4'): Promise<FontSet> {
  return loadFonts(font, createMemoryEnv({}))
}

describe('FontMeasurer', () => {
  const words = hasCorpus ? vocabulary() : []

  for (const font of ['literata', 'source-serif-4'] as const) {
    test.skipIf(!hasCorpus)(
      `${font}: widths and glyph counts equal fontkit's shaping, word by word`,
      async () => {
        const set = await fonts(font)
        const measurer = new FontMeasurer(set)
        let fast = 0
        for (const style of ['regular', 'italic'] as const) {
          const face = set.primary[style]
          for (const word of words) {
            if (![...word].every((c) => measurer.cover(c.codePointAt(0)!, style) === 1)) continue
            const run = face.font.layout(word)
            expect(measurer.width(word, style, 1000)).toBeCloseTo(run.advanceWidth * face.scale * 1000, 6)
            expect(measurer.glyphCount(word, style)).toBe(run.glyphs.length)
            if (!Number.isNaN(metrics(face).fast(word))) fast++
          }
        }
        // Nearly every word takes the fast path (ligatures and marks are shaped).
        expect(fast / (2 * words.length)).toBeGreaterThan(0.9)
      },
    )
  }

  test('a ligature is one glyph; spaces count; text with spaces is words plus spaces', async () => {
    const set = await fonts('literata')
    const m = new FontMeasurer(set)
    expect(m.glyphCount('office', 'regular')).toBe(set.primary.regular.font.layout('office').glyphs.length)
    expect(m.glyphCount('office', 'regular')).toBeLessThan(6)
    expect(m.glyphCount('a cat', 'regular')).toBe(5)
    expect(m.width('a cat', 'regular', 10)).toBeCloseTo(
      m.width('a', 'regular', 10) + m.width(' ', 'regular', 10) + m.width('cat', 'regular', 10),
      9,
    )
  })
})
