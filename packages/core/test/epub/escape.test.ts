import { describe, expect, it } from 'vitest'
import { escapeAttr, escapeText } from '../../src/escape-xml.js'

describe('escapeText', () => {
  it('escapes markup characters with numeric references only', () => {
    expect(escapeText('a & b < c > d ]]> e')).toBe('a &#38; b &#60; c &#62; d ]]&#62; e')
  })
  it('leaves quotes and ordinary text alone', () => {
    expect(escapeText(`"it's" — fine`)).toBe(`"it's" — fine`)
  })
  it('drops characters XML cannot carry', () => {
    expect(escapeText('a\u0000b\u0008c\u000Bd\u001Fe\u007Ff\u0085g\uFFFEh\uFFFFi')).toBe('abcdefghi')
  })
  it('keeps tab, newline and surrogate pairs, drops lone surrogates', () => {
    expect(escapeText('a\tb\nc 🐉')).toBe('a\tb\nc 🐉')
    expect(escapeText('x\uD800y\uDC00z')).toBe('xyz')
    expect(escapeText('🐉\uD83D')).toBe('🐉')
  })
})

describe('escapeAttr', () => {
  it('escapes both quotes and flattens whitespace', () => {
    expect(escapeAttr(`say "hi" & 'bye'\n<now>`)).toBe('say &#34;hi&#34; &#38; &#39;bye&#39; &#60;now&#62;')
  })
  it('returns the same string when nothing needs escaping', () => {
    const s = 'plain value'
    expect(escapeAttr(s)).toBe(s)
  })
})
