/**
 * A running head cut at a word ends in its ellipsis, not in the punctuation the cut word ended
 * with: "A CHAPTER WHOSE TITLE IS EXTREMELY LONG…", never "…LONG,…" or "…LONG —…".
 */
import { describe, expect, it } from 'vitest'
import { fitRunningHead } from '../../src/renderers/pdf/running-head.js'

/** One unit a code point, two for capitals. */
const widthOf = (s: string) => Array.from(s).reduce((w, c) => w + (c >= 'A' && c <= 'Z' ? 2 : 1), 0)

describe('fitRunningHead punctuation', () => {
  it('drops a comma, semicolon, colon or dash before the ellipsis', () => {
    const title = 'A CHAPTER WHOSE TITLE IS EXTREMELY LONG, AND GOES ON'
    // Room for "…LONG," and its ellipsis, not for the next word.
    const room = widthOf('A CHAPTER WHOSE TITLE IS EXTREMELY LONG, A…')
    expect(fitRunningHead(title, room, widthOf)).toBe('A CHAPTER WHOSE TITLE IS EXTREMELY LONG…')
    for (const mark of [';', ':', ' —', ' –', '—', ' -']) {
      const head = fitRunningHead(`the long and winding${mark} road to the sea`, 24, widthOf)
      expect(head).toBe('the long and winding…')
    }
  })

  it('drops an opening quotation mark or bracket left with nothing after it', () => {
    expect(fitRunningHead('in which she says “nothing at all”', 20, widthOf)).toBe('in which she says…')
    expect(fitRunningHead('in which she says (nothing at all)', 20, widthOf)).toBe('in which she says…')
  })

  it('keeps a closing mark, a full stop and the letters of a word cut inside', () => {
    expect(fitRunningHead('she said “no.” and then nothing more', 17, widthOf)).toBe('she said “no.”…')
    expect(fitRunningHead('a incomprehensibilities', 12, widthOf)).toBe('a incompreh…')
  })

  it('keeps one character when the cut is all punctuation', () => {
    expect(fitRunningHead(',,,,,,,,,,,,,,,,', 4, widthOf)).toBe(',,,…')
  })
})
