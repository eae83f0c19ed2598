/**
 * Output file names (issue 12, item 19): a title in any script keeps its letters, and the length
 * cut never splits a character (a surrogate pair, or a letter from its combining marks).
 */
import { describe, expect, it } from 'vitest'
import { outputName, SLUG_LIMIT } from '../../src/manifest/slug.js'

describe('outputName', () => {
  it('an ASCII title is cut between its characters, as the grapheme segmenter cuts it (no CR)', () => {
    // The segmenter is skipped for ASCII without CR: one character a grapheme, as it says.
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    const ascii = Array.from({ length: 0x80 }, (_, i) => String.fromCharCode(i)).filter((c) => c !== '\r')
    let x = 11
    for (let n = 0; n < 200; n++) {
      let text = ''
      for (let k = 0; k < 40; k++) {
        x = (x * 1_103_515_245 + 12_345) >>> 0
        text += ascii[(x >>> 16) % ascii.length]
      }
      expect(Array.from(segmenter.segment(text), (s) => s.segment)).toEqual([...text])
    }
    // CR LF is one grapheme: such a title takes the segmenter's path.
    expect(Array.from(segmenter.segment('a\r\nb'), (s) => s.segment)).toEqual(['a', '\r\n', 'b'])
    expect(outputName('A\r\nB')).toBe('a-b')
    expect(outputName(`${'word '.repeat(30)}end`)).toBe(`${'word-'.repeat(16)}`.replace(/-$/, ''))
  })

  it('keeps letters of every script, marks included', () => {
    expect(outputName('吾輩は猫である')).toBe('吾輩は猫である')
    expect(outputName('परीक्षण')).toBe('परीक्षण')
    expect(outputName('ภาษาไทย')).toBe('ภาษาไทย')
    expect(outputName('Война и мир')).toBe('война-и-мир')
  })

  it('still folds Latin accents and punctuation', () => {
    expect(outputName('The Long Road!')).toBe('the-long-road')
    expect(outputName('Café  Crème — Ünïcode')).toBe('cafe-creme-unicode')
    expect(outputName("Don't Panic")).toBe('dont-panic')
    expect(outputName('!!!')).toBe('book')
  })

  it('cuts on grapheme boundaries at the limit', () => {
    for (const unit of ['𝔄', '👩🏽‍🚀', 'क्षि', 'é', 'で']) {
      for (let n = 30; n < 90; n += 7) {
        const name = outputName(unit.repeat(n))
        expect(name.length).toBeLessThanOrEqual(SLUG_LIMIT)
        expect(name).not.toContain('\uFFFD')
        // Whole units only: the name is the unit repeated, never a part of one.
        const one = outputName(unit)
        expect(name.split(one).join('')).toBe('')
        expect(() => encodeURIComponent(name)).not.toThrow()
      }
    }
  })
})
