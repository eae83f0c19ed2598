/**
 * The PDF's own walk of the hyphenation patterns (`patternMarkers`) must mark every word exactly
 * as the `hyphen` package's hyphenator does, in every language it ships, for a book's whole
 * vocabulary and for any word of the patterns' letters; and a word is walked once per book.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import fc from 'fast-check'
import createHyphenator from 'hyphen/hyphen.js'
import { describe, expect, test } from 'vitest'
import { hyphenatorFor, patternMarkers } from '../../src/renderers/pdf/layout/hyphenate.js'
import { fcRuns } from '../fast-check.js'
import { needCorpus, SHARED } from '../shared.js'

const require = createRequire(import.meta.url)
const patternsOf = (set: string): unknown => require(`hyphen/patterns/${set}.js`)

/** `hyphen`'s hyphenator as the PDF configured it before it walked the patterns itself. */
function reference(patterns: unknown): (word: string) => string {
  return createHyphenator(patterns, { hyphenChar: '\u00AD', minWordLength: 5, html: false })
}

/** Letters the patterns know (the trie's first level, the word-boundary dot left out). */
function alphabet(patterns: unknown): string[] {
  const trie = (patterns as [unknown, Record<string, unknown>])[1]
  return Object.keys(trie).filter((c) => c !== '.' && /^[\p{L}\p{M}]$/u.test(c))
}

const SETS = ['en-us', 'en-gb', 'de-1996', 'fr', 'ru', 'pl', 'sv', 'it', 'es', 'nl', 'tr', 'el-monoton', 'hu']

describe('the pattern walk marks words as hyphen does', () => {
  test.each(SETS)('%s: words of its letters, any case, and its exceptions', (set) => {
    const patterns = patternsOf(set)
    const ours = patternMarkers(patterns)!
    const theirs = reference(patterns)
    expect(ours).toBeDefined()
    const letters = alphabet(patterns)
    expect(letters.length).toBeGreaterThan(10)
    const letter = fc.constantFrom(...letters, ...letters.map((c) => c.toLocaleUpperCase()))
    fc.assert(
      fc.property(fc.array(letter, { minLength: 1, maxLength: 24 }), (chars) => {
        const word = chars.join('')
        expect(ours(word)).toBe(theirs(word))
      }),
      { numRuns: fcRuns(2_000) },
    )
    const exceptions = (patterns as unknown[])[2] as Record<string, unknown> | undefined
    for (const word of Object.keys(exceptions ?? {})) {
      expect(ours(word)).toBe(theirs(word))
      const capital = word[0]!.toLocaleUpperCase() + word.slice(1)
      expect(ours(capital)).toBe(theirs(capital))
    }
  })

  test('every word of the corpus novels (en-us)', () => {
    needCorpus()
    const corpus = path.join(SHARED, 'corpus')
    const patterns = patternsOf('en-us')
    const ours = patternMarkers(patterns)!
    const theirs = reference(patterns)
    const words = new Set<string>()
    for (const book of readdirSync(corpus)) {
      const dir = path.join(corpus, book, 'txt')
      if (!existsSync(dir)) continue
      for (const file of readdirSync(dir))
        for (const word of readFileSync(path.join(dir, file), 'utf8').match(/[\p{L}\p{M}]+/gu) ?? [])
          words.add(word)
    }
    expect(words.size).toBeGreaterThan(10_000)
    let differ = 0
    for (const word of words) if (ours(word) !== theirs(word)) differ++
    expect(differ).toBe(0)
  })

  test('a set of another shape is left to hyphen', () => {
    expect(patternMarkers(undefined)).toBeUndefined()
    expect(patternMarkers({})).toBeUndefined()
    expect(patternMarkers([[], []])).toBeUndefined()
  })
})

describe('a word is hyphenated once', () => {
  test('asking again for a word gives the first answer, not a new walk', () => {
    const found = hyphenatorFor('en-US')
    if (!found.ok) throw new Error(found.reason)
    const first = found.hyphenator.points('typographically')
    expect(first.length).toBeGreaterThan(2)
    // The cache hands back the very array (shared, never mutated).
    expect(found.hyphenator.points('typographically')).toBe(first)
  })
})
