/** Running heads are cut to their measure at a word, with an ellipsis, in few measurements. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fitRunningHead } from '../../src/renderers/pdf/running-head.js'

/** Width of a string: one unit per code point, two for capitals (a proportional face in miniature). */
const widthOf = (s: string) => Array.from(s).reduce((w, c) => w + (c >= 'A' && c <= 'Z' ? 2 : 1), 0)

describe('fitRunningHead', () => {
  it('leaves a head that fits alone', () => {
    expect(fitRunningHead('DOWN THE RABBIT-HOLE', 40, widthOf)).toBe('DOWN THE RABBIT-HOLE')
  })

  it('cuts at a word and adds an ellipsis', () => {
    expect(fitRunningHead('the long and winding road', 18, widthOf)).toBe('the long and…')
  })

  it('cuts inside a word when the last word would cost more than a third', () => {
    expect(fitRunningHead('a incomprehensibilities', 12, widthOf)).toBe('a incompreh…')
  })

  it('never splits a surrogate pair', () => {
    const head = fitRunningHead('😀😀😀😀😀😀😀😀', 5, widthOf)
    expect(head).toBe('😀😀😀😀…')
    expect(head).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
  })

  it('fits, keeps a start of the text, and measures a 10,000-character title a few dozen times', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 300 }),
        fc.integer({ min: 2, max: 200 }),
        (text, max) => {
          const head = fitRunningHead(text, max, widthOf)
          if (head === text) {
            expect(widthOf(text)).toBeLessThanOrEqual(max)
            return
          }
          expect(head.endsWith('…')).toBe(true)
          const kept = head.slice(0, -1)
          expect(text.startsWith(kept)).toBe(true)
          if (Array.from(kept).length > 1) expect(widthOf(head)).toBeLessThanOrEqual(max)
        },
      ),
    )
    let calls = 0
    const counting = (s: string) => {
      calls++
      return widthOf(s)
    }
    fitRunningHead('lorem ipsum '.repeat(900), 120, counting)
    expect(calls).toBeLessThan(20)
  })
})
