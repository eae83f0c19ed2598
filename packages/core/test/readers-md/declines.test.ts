/**
 * What the fast parser leaves to micromark is found by scanning (`declines` in fast-blocks.ts),
 * and must be exactly what these expressions find: autolink characters and words in any case, and
 * a line shaped like a table's delimiter row, lines ending at LF, CR, U+2028 or U+2029 as the
 * `m` flag has them. Held to them on short strings drawn from the characters that matter.
 */
import { describe, expect, it } from 'vitest'
import { declines, rowScan } from '../../src/readers/markdown/fast-blocks.js'

const AUTOLINK = /[\t\0@]|www\.|:\/\/|mailto:|xmpp:/i
const DELIMITER_ROW = /^[ >]*(?=[^\n\r]*[|:])[|: -]*-[|: -]*$/m
const expected = (s: string) => AUTOLINK.test(s) || DELIMITER_ROW.test(s)

/** A small deterministic generator (no flaky seeds). */
function* strings(alphabet: readonly string[], count: number, maxLength: number): Generator<string> {
  let state = 12345
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return state
  }
  for (let i = 0; i < count; i++) {
    let s = ''
    const length = next() % (maxLength + 1)
    for (let j = 0; j < length; j++) s += alphabet[next() % alphabet.length]
    yield s
  }
}

/** The generated strings `declines` answers differently from the expressions, and how many they match. */
function compare(alphabet: readonly string[], maxLength: number): { wrong: string[]; matched: number } {
  const wrong: string[] = []
  let matched = 0
  for (const s of strings(alphabet, 60_000, maxLength)) {
    if (declines(s) !== expected(s)) wrong.push(s)
    if (expected(s)) matched++
  }
  return { wrong, matched }
}

describe('the fast parser declines what the expressions find, and only that', () => {
  it('table delimiter rows, line ends included', () => {
    const alphabet = ['-', '|', ':', ' ', '>', '\n', '\r', 'a', '\u2028', '\u2029', '=']
    const { wrong, matched: rows } = compare(alphabet, 12)
    expect(wrong.slice(0, 5)).toEqual([])
    // Both answers come up often enough to count.
    expect(rows).toBeGreaterThan(5_000)
    expect(rows).toBeLessThan(55_000)
  })

  it('autolink words in any case, and the characters', () => {
    // Pieces of the words, whole and split, so that every word comes up in many cases.
    const alphabet = ['www', 'WwW', 'w', '.', 'mailto', 'MailTo', 'mail', 'to', 'xmpp', 'XmPp', 'xm', 'p']
    alphabet.push(':', '/', '//', '@', '\t', ' ', 'a')
    const { wrong, matched: found } = compare(alphabet, 6)
    expect(wrong.slice(0, 5)).toEqual([])
    expect(found).toBeGreaterThan(5_000)
    expect(found).toBeLessThan(55_000)
    // Letters outside ASCII never fold to these words (the Kelvin sign, the long s).
    expect(declines('\u212Ammp: \u017Fww.')).toBe(false)
    expect(declines('WwW.example')).toBe(true)
    expect(declines('say MAILTO: now')).toBe(true)
  })

  it('prose, a heading underline and a scene break are read by the fast parser', () => {
    expect(declines('# One\n\nIt was early -- too early.\n\nTwo\n---\n\n* * *\n')).toBe(false)
    expect(declines('| a | b |\n|---|:-:|\n')).toBe(true)
    expect(declines('Title\r\n---:\r\n')).toBe(true)
  })
})

describe('the delimiter-row search', () => {
  it('looks at each character once, whatever the lines and their ends', () => {
    const shapes = [
      'a line of prose - with a dash\n'.repeat(50_000),
      'a line of prose - with a dash\r\n'.repeat(50_000),
      '- item\r'.repeat(50_000),
      `${'x'.repeat(1_000_000)}\n-`,
    ]
    for (const text of shapes) {
      const before = rowScan.chars
      expect(declines(text)).toBe(false)
      expect(rowScan.chars - before).toBeLessThanOrEqual(text.length + 1)
    }
    const row = `${'prose - prose\n'.repeat(10_000)}| --- |\nmore`
    const before = rowScan.chars
    expect(declines(row)).toBe(true)
    expect(rowScan.chars - before).toBeLessThanOrEqual(row.length)
  })
})
