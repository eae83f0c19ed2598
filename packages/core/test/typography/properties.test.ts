import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { smarten, smartenRuns, supportedLanguages } from '../../src/transforms/typography/index.js'
import { fcRuns } from '../fast-check.js'

// Pieces that exercise every rule: quotes of both kinds, dash and dot runs, spaced dots, elisions,
// digits for ranges and decades, brackets, French high punctuation, curly marks already there.
const piece = fc.constantFrom(
  '"',
  "'",
  '-',
  '--',
  '----',
  '------',
  '.',
  '...',
  '. . .',
  ' ',
  '  ',
  '\n',
  '\u00A0',
  '\u202F',
  'a',
  'Word',
  'é',
  'tis',
  'em',
  's',
  'n',
  '1',
  '90',
  '2024',
  ',',
  '!',
  '?',
  ':',
  ';',
  '(',
  ')',
  '[',
  '*',
  '“',
  '’',
  '‘',
  '…',
  '—',
  '«',
  '»',
  '¿',
)
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''))
const languages = fc.constantFrom(...supportedLanguages, 'en-GB', 'xx')

// Word joiners (before dashes) and primes (`17′`) are marks the transform sets too.
const MARKS = /["'“”‘’„‚«»‹›\-–—⸺⸻.…′″\u2060\s]/g
const skeleton = (s: string) => s.replace(MARKS, '')

describe('smarten properties', () => {
  it('is idempotent: smartening twice equals smartening once', () => {
    fc.assert(
      fc.property(text, languages, (s, language) => {
        const once = smarten(s, language)
        expect(smarten(once, language)).toBe(once)
      }),
      { numRuns: fcRuns(5000) },
    )
  })

  it('never changes letters, digits or other punctuation', () => {
    fc.assert(
      fc.property(text, languages, (s, language) => {
        expect(skeleton(smarten(s, language))).toBe(skeleton(s))
      }),
      { numRuns: fcRuns(3000) },
    )
  })

  it('leaves no straight quotes, no -- and no ... behind in English', () => {
    fc.assert(
      fc.property(text, (s) => {
        const out = smarten(s, 'en')
        expect(out).not.toMatch(/["']/)
        // A run of 7+ hyphens or 5+ dots is a drawn line, deliberately left alone.
        if (!/-{7,}/.test(s)) expect(out).not.toMatch(/--/)
        if (!/\.{5,}/.test(s)) expect(out).not.toMatch(/\.\.\./)
      }),
      { numRuns: fcRuns(3000) },
    )
  })

  it('reads a paragraph split anywhere into runs exactly as the whole string', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), languages, (s, cuts, language) => {
        const points = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b)
        const runs: string[] = []
        let last = 0
        for (const p of points) {
          runs.push(s.slice(last, p))
          last = p
        }
        runs.push(s.slice(last))
        expect(smartenRuns(runs, language).join('')).toBe(smarten(s, language))
      }),
      { numRuns: fcRuns(3000) },
    )
  })

  it('stays idempotent on the counterexamples the properties have found', () => {
    // A range before a dashed number: the word joiner set before the dash the first time must not
    // make the second pass read `90-2024` as a range.
    for (const s of ['90-2024—2024', '90-2024--2024', '1-2\u2060—3', '555-1234-5678']) {
      for (const language of ['en', 'de-ch', 'fr']) {
        const once = smarten(s, language)
        expect(smarten(once, language), `${JSON.stringify(s)} in ${language}`).toBe(once)
      }
    }
    expect(smarten('90-2024--2024', 'en')).toBe('90-2024\u2060—2024')
  })

  it('treats an opaque item as a word and gives it back empty', () => {
    expect(smartenRuns(['"', null, '" he said'], 'en')).toEqual(['“', '', '” he said'])
    expect(smartenRuns(["'", null, "'"], 'en')).toEqual(['‘', '', '’'])
  })

  it('is linear: pathological megabyte strings stay fast', () => {
    const size = 1_000_000
    const patterns = ['. ', "'", '"', '-', '.', "' '", '"a" ', "'tis ", '1-', '-- ', ' . . . .']
    for (const p of patterns) {
      const s = p.repeat(Math.ceil(size / p.length))
      // A megabyte of one edit per character: quadratic work (10^12 steps) could not finish
      // within the suite's timeout, so finishing is the proof. Idempotence checks the output.
      const en = smarten(s, 'en')
      expect(smarten(en, 'en'), `pattern ${JSON.stringify(p)}`).toBe(en)
      smarten(s, 'fr')
    }
  })
})
