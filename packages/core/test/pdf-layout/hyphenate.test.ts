import { describe, expect, it } from 'vitest'
import { hyphenatorFor, patternSetFor, tokenMayHyphenate } from '../../src/renderers/pdf/layout/hyphenate.js'

/** The word with a '-' at each allowed break. */
function marked(tag: string, word: string): string {
  const found = hyphenatorFor(tag)
  if (!found.ok) throw new Error(found.reason)
  let out = ''
  let last = 0
  for (const p of found.hyphenator.points(word)) {
    out += `${word.slice(last, p)}-`
    last = p
  }
  return out + word.slice(last)
}

describe('hyphenation points', () => {
  it.each([
    ['en-US', 'hyphenation', 'hy-phen-ation'],
    ['en-US', 'possession', 'pos-ses-sion'],
    ['en-US', 'acknowledged', 'ac-knowl-edged'],
    ['en-US', 'typesetting', 'type-set-ting'],
    ['en-GB', 'neighbourhood', 'neigh-bour-hood'],
    ['en-GB', 'acknowledged', 'ac-know-ledged'],
    ['en-GB', 'universally', 'uni-ver-sally'],
    ['de', 'Silbentrennung', 'Sil-ben-tren-nung'],
    ['de-DE', 'Donaudampfschiff', 'Do-nau-dampf-schiff'],
    ['fr', 'imprimerie', 'im-pri-me-rie'],
    ['fr-CA', 'typographique', 'ty-po-gra-phique'],
  ])('%s %s → %s', (tag, word, expected) => {
    expect(marked(tag, word)).toBe(expected)
  })

  it('never breaks words of fewer than 5 letters', () => {
    for (const w of ['also', 'into', 'able', 'über', 'même']) {
      expect(marked('en-US', w)).toBe(w)
    }
    // Five letters is the shortest breakable word (2 + 3).
    expect(marked('en-US', 'table')).toBe('ta-ble')
  })

  it('keeps 2 letters before and 3 after every break', () => {
    for (const w of ['academy', 'readily', 'laughable', 'difficulties', 'everybody', 'electricity']) {
      const parts = marked('en-US', w).split('-')
      expect(parts[0]!.length).toBeGreaterThanOrEqual(2)
      expect(parts.at(-1)!.length).toBeGreaterThanOrEqual(3)
    }
  })

  it('never breaks ALL-CAPS words, digits, URLs', () => {
    expect(marked('en-US', 'UNESCO')).toBe('UNESCO')
    expect(marked('en-US', 'HYPHENATION')).toBe('HYPHENATION')
    expect(tokenMayHyphenate('1805th')).toBe(false)
    expect(tokenMayHyphenate('https://example.com/typesetting')).toBe(false)
    expect(tokenMayHyphenate('someone@example.com')).toBe(false)
    expect(tokenMayHyphenate('“Hyphenation,”')).toBe(true)
  })

  it('allows capitalised words (TeX \\uchyph=1)', () => {
    expect(marked('en-GB', 'Netherfield')).toBe('Neth-er-field')
  })

  it('maps BCP 47 tags to pattern sets', () => {
    expect(patternSetFor('en')).toBe('en-us')
    expect(patternSetFor('en-AU')).toBe('en-gb')
    expect(patternSetFor('de-AT')).toBe('de-1996')
    expect(patternSetFor('pt-BR')).toBe('pt')
    expect(patternSetFor('sv-SE')).toBe('sv')
    expect(patternSetFor('zh-Hans')).toBeUndefined()
    expect(patternSetFor('tlh')).toBeUndefined()
  })

  it('gives a reason for an unknown language', () => {
    const found = hyphenatorFor('tlh')
    expect(found.ok).toBe(false)
    if (!found.ok) expect(found.reason).toContain('no hyphenation patterns for language "tlh"')
  })
})
