/**
 * The safety net: a paragraph Knuth-Plass cannot set (here: it throws, the only way `breaker.ts`
 * turns to the greedy breaker) is broken first-fit, and its lines are measured as they are drawn,
 * small capitals with the face's `smcp` glyphs, so none runs past the measure.
 */
import { describe, expect, test, vi } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import { breakParagraph } from '../../src/renderers/pdf/breaker.js'
import { loadFonts } from '../../src/renderers/pdf/fonts.js'
import { letterformsOf, type ParagraphSpec } from '../../src/renderers/pdf/layout/types.js'
import { FontMeasurer } from '../../src/renderers/pdf/measure.js'

vi.mock('../../src/renderers/pdf/layout/break.js', () => ({
  breakParagraph: () => {
    throw new Error('Knuth-Plass gave up')
  },
}))

const TEXT =
  'they called it in the town the keeper’s hour the hour when the light was lit and the boats came home across the bar one by one with their lanterns swinging'

describe('greedy fallback', () => {
  test('small capitals are measured as drawn: every line fits the measure', async () => {
    const measurer = new FontMeasurer(await loadFonts('literata', createMemoryEnv({})))
    expect(measurer.hasSmallCaps('regular')).toBe(true)
    for (const align of ['left', 'justify'] as const) {
      for (const width of [120, 150, 180, 210]) {
        const spec: ParagraphSpec = {
          runs: [
            { text: 'Once ', style: 'regular', size: 11 },
            { text: TEXT, style: 'regular', size: 11, smallCaps: true },
          ],
          lineWidths: [width],
          indent: 0,
          align,
          language: 'en',
        }
        const layout = breakParagraph(spec, measurer)
        expect(layout.pass).toBe('greedy')
        expect(layout.lines.length).toBeGreaterThan(2)
        for (const line of layout.lines) {
          // What the drawing sets: each run's words in its letterforms, word spaces at the
          // face's space widened by the justification.
          let drawn = 0
          for (const run of line.runs) {
            const forms = letterformsOf(run)
            const words = run.text.split(' ')
            const width =
              words.reduce((sum, w) => sum + (w ? measurer.width(w, run.style, run.size, forms) : 0), 0) +
              (words.length - 1) * (measurer.width(' ', run.style, run.size) + run.wordSpacing)
            // The run is as wide as drawn, so the next run starts where this one ends.
            expect(run.width).toBeCloseTo(width, 6)
            drawn += width
          }
          expect(drawn).toBeLessThanOrEqual(width + 0.01)
          if (align === 'justify' && !line.last) expect(drawn).toBeCloseTo(width, 6)
        }
      }
    }
  })
})
