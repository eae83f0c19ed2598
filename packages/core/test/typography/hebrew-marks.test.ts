/**
 * Hebrew's own marks: a `"` inside a Hebrew word is gershayim ״ (צה"ל), a `'` after a Hebrew
 * letter a geresh ׳ (ג'ורג', א'), in a book of any language, since both neighbours say the word
 * is Hebrew. A `"` or `'` after prefix letters alone (ו"שלום", ה'לא') opens a quotation when the
 * next one of its kind closes it; a `'` before a letter of another script is its apostrophe.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { smarten, supportedLanguages } from '../../src/transforms/typography/index.js'
import { fcRuns } from '../fast-check.js'

const cases: Array<[language: string, input: string, expected: string]> = [
  // Gershayim in acronyms, before the last letter, also with a prefix or a suffix.
  ['he', 'צה"ל נכנס לת"א.', 'צה״ל נכנס לת״א.'],
  ['he', 'דו"חות ומו"לים', 'דו״חות ומו״לים'],
  ['he', 'עלה 50 ש"ח.', 'עלה 50 ש״ח.'],
  // Pointed text: the point after the letter does not part it from the mark.
  ['he', 'צָה"ל', 'צָה״ל'],
  // Geresh in a word, after one, and after a numeral letter.
  ['he', "ג'ורג' אהב ז'אנר.", 'ג׳ורג׳ אהב ז׳אנר.'],
  ['he', "פרק ב' וכו'", 'פרק ב׳ וכו׳'],
  // Quotations still open and close: after a space, and after a prefix when the next quote closes.
  ['he', '"שלום," אמרה.', '”שלום,” אמרה.'],
  ['he', '"א" ו"ב"', '”א” ו”ב”'],
  ['he', 'ו"שלום עליכם" אמר.', 'ו”שלום עליכם” אמר.'],
  ['he', 'עלה 50 ש"ח ו"שלום" אמר.', 'עלה 50 ש״ח ו”שלום” אמר.'],
  ['he', "ה'לא' שלו", 'ה’לא’ שלו'],
  ['he', "'שלום' וכו'", '’שלום’ וכו׳'],
  // Inside a quotation an acronym is an acronym: double quotations do not nest.
  ['he', '"קניתי ב-5 ש"ח"', '”קניתי ב-5 ש״ח”'],
  // Hebrew words in other books.
  ['en', 'The IDF (צה"ל) and George (ג\'ורג\') said "hi".', 'The IDF (צה״ל) and George (ג׳ורג׳) said “hi”.'],
  ['en', "the שלום's sound", 'the שלום’s sound'],
  ['fr', 'Il dit : « צה"ל » !', 'Il dit\u202F: «\u202Fצה״ל\u202F»\u202F!'],
  ['de', '"Die צה"ל", sagte er.', '„Die צה״ל“, sagte er.'],
]

describe('Hebrew gershayim and geresh', () => {
  it.each(cases)('%s: %s', (language, input, expected) => {
    expect(smarten(input, language)).toBe(expected)
  })

  it('leaves Latin, Cyrillic and Arabic words alone: only Hebrew letters make the marks', () => {
    expect(smarten('It\'s "x"y, d\'accord', 'en')).not.toMatch(/[\u05F3\u05F4]/)
    expect(smarten("П'ять", 'uk')).toBe('П’ять')
  })

  it('leaves the marks alone when quotes are off', () => {
    expect(smarten('צה"ל', 'he', {}, { quotes: false })).toBe('צה"ל')
  })

  it('keeps ׳ and ״ typed as such', () => {
    expect(smarten('צה״ל וג׳ורג׳', 'he')).toBe('צה״ל וג׳ורג׳')
  })
})

// Hebrew words, prefixes, acronyms and numerals among the marks every rule acts upon.
const piece = fc.constantFrom(
  '"',
  "'",
  ' ',
  '-',
  '--',
  '...',
  ',',
  '.',
  '!',
  ':',
  '(',
  ')',
  '1',
  'ו',
  'ה',
  'ש',
  'צה',
  'ל',
  'ג',
  'שלום',
  'ָ',
  'a',
  'Word',
  '’',
  '”',
  '״',
  '׳',
  '«',
  '»',
)
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''))
const languages = fc.constantFrom(...supportedLanguages, 'xx')

describe('Hebrew marks: properties', () => {
  it('is idempotent: smartening twice equals smartening once', () => {
    fc.assert(
      fc.property(text, languages, (s, language) => {
        const once = smarten(s, language)
        expect(smarten(once, language)).toBe(once)
      }),
      { numRuns: fcRuns(5000) },
    )
  })

  it('leaves no straight quote behind', () => {
    fc.assert(
      fc.property(text, languages, (s, language) => {
        expect(smarten(s, language)).not.toMatch(/["']/)
      }),
      { numRuns: fcRuns(2000) },
    )
  })

  it('is linear: a megabyte of acronyms and prefixed quotations stays fast', () => {
    for (const unit of ['ש"ח ', 'ו"ב ', "ה'ל ", 'וכש"', '\u05B8"']) {
      const big = unit.repeat(250_000)
      const start = performance.now()
      smarten(big, 'he')
      expect(performance.now() - start).toBeLessThan(3000)
    }
  })
})
