/**
 * `labels: words` in the book's language (issue 11): number words for en fr de es it ru pl sv
 * (and Han numerals for ja and zh, tested with the other CJK labels in cjk-labels.test.ts; pt nl
 * uk tr cs id vi ar he in test/front/more-languages.test.ts), ordinals where the language numbers
 * chapters so, agreeing with the label's gender, up to 999 at least (Arabic's to 100); a book in
 * another language keeps English's.
 */
import { describe, expect, it } from 'vitest'
import { chapterLabel, chaptersOf, createBook } from '../../src/index.js'
import { numberLanguages, numberWordsFor } from '../../src/strings/numbers.js'

const CASES: Record<string, Array<[number, string, string?]>> = {
  fr: [
    [1, 'premier', 'première'],
    [2, 'deux'],
    [17, 'dix-sept'],
    [21, 'vingt et un'],
    [23, 'vingt-trois'],
    [71, 'soixante et onze'],
    [80, 'quatre-vingts'],
    [81, 'quatre-vingt-un'],
    [99, 'quatre-vingt-dix-neuf'],
    [100, 'cent'],
    [200, 'deux cents'],
    [201, 'deux cent un'],
    [999, 'neuf cent quatre-vingt-dix-neuf'],
    [3000, 'trois mille'],
    [80_000, 'quatre-vingt mille'],
  ],
  de: [
    [1, 'eins'],
    [21, 'einundzwanzig'],
    [23, 'dreiundzwanzig'],
    [101, 'einhunderteins'],
    [999, 'neunhundertneunundneunzig'],
    [1000, 'eintausend'],
  ],
  es: [
    [1, 'uno'],
    [16, 'dieciséis'],
    [23, 'veintitrés'],
    [31, 'treinta y uno'],
    [100, 'cien'],
    [101, 'ciento uno'],
    [500, 'quinientos'],
    [999, 'novecientos noventa y nueve'],
    [21_000, 'veintiún mil'],
  ],
  it: [
    [1, 'uno'],
    [3, 'tre'],
    [21, 'ventuno'],
    [23, 'ventitré'],
    [28, 'ventotto'],
    [100, 'cento'],
    [103, 'centotré'],
    [999, 'novecentonovantanove'],
    [2000, 'duemila'],
  ],
  sv: [
    [1, 'ett'],
    [18, 'arton'],
    [23, 'tjugotre'],
    [100, 'etthundra'],
    [999, 'niohundranittionio'],
  ],
  ru: [
    [1, 'первая'],
    [3, 'третья'],
    [20, 'двадцатая'],
    [23, 'двадцать третья'],
    [40, 'сороковая'],
    [100, 'сотая'],
    [123, 'сто двадцать третья'],
    [300, 'трёхсотая'],
    [999, 'девятьсот девяносто девятая'],
  ],
  pl: [
    [1, 'pierwszy', 'pierwsza'],
    [2, 'drugi', 'druga'],
    [3, 'trzeci', 'trzecia'],
    [20, 'dwudziesty', 'dwudziesta'],
    [23, 'dwudziesty trzeci', 'dwudziesta trzecia'],
    [100, 'setny', 'setna'],
    [123, 'sto dwudziesty trzeci', 'sto dwudziesta trzecia'],
    [999, 'dziewięćset dziewięćdziesiąty dziewiąty', 'dziewięćset dziewięćdziesiąta dziewiąta'],
  ],
}

describe('number words', () => {
  it('cover the languages Octavo has strings for (English has its own)', () => {
    expect([...numberLanguages].sort()).toEqual([
      'ar',
      'cs',
      'de',
      'es',
      'fr',
      'he',
      'id',
      'it',
      'ja',
      'nl',
      'pl',
      'pt',
      'ru',
      'sv',
      'tr',
      'uk',
      'vi',
      'zh',
    ])
    expect(numberWordsFor('en')).toBeUndefined()
    expect(numberWordsFor('fr-CA')!(23)).toBe('vingt-trois')
  })

  for (const [language, cases] of Object.entries(CASES)) {
    it.each(cases)(`${language}: %i is "%s"`, (n, chapter, part) => {
      const words = numberWordsFor(language)!
      expect(words(n, 'chapter')).toBe(chapter)
      expect(words(n, 'part')).toBe(part ?? chapter)
    })
  }

  it('spell every number from 1 to 999 in every language, each differently', () => {
    // Arabic's ordinals stop at a hundred ("المئة"); beyond, the label keeps its digits.
    const last: Record<string, number> = { ar: 100 }
    for (const language of numberLanguages) {
      const words = numberWordsFor(language)!
      const max = last[language] ?? 999
      const seen = new Set<string>()
      for (let n = 1; n <= max; n++) {
        const word = words(n)
        // Words in lower case (Ukrainian with its apostrophe), Arabic or Hebrew letters, or Han
        // numerals (Japanese and Chinese).
        expect(word, `${language} ${n}`).toMatch(
          /^(?:\p{Ll}[\p{Ll}’ -]*\p{Ll}|[\p{sc=Arabic}\p{sc=Hebrew}][\p{sc=Arabic}\p{sc=Hebrew} ]*|\p{sc=Han}+)$/u,
        )
        seen.add(word!)
      }
      expect(seen.size, language).toBe(max)
      if (max < 999) expect(words(max + 1), language).toBeUndefined()
    }
  })

  it('leave fractions, zero and numbers beyond the table to digits', () => {
    for (const language of numberLanguages) {
      const words = numberWordsFor(language)!
      expect(words(0)).toBeUndefined()
      expect(words(2.5)).toBeUndefined()
      expect(words(1_000_000)).toBeUndefined()
    }
    expect(numberWordsFor('ru')!(1000)).toBeUndefined()
  })
})

describe('labels: words in a book', () => {
  it.each([
    ['fr', 'Chapitre', ['Chapitre premier', 'Chapitre deux', 'Chapitre vingt-trois']],
    ['ru', 'Глава', ['Глава первая', 'Глава вторая', 'Глава двадцать третья']],
    ['pl', 'Rozdział', ['Rozdział pierwszy', 'Rozdział drugi', 'Rozdział dwudziesty trzeci']],
    ['en', 'Chapter', ['Chapter One', 'Chapter Two', 'Chapter Twenty-Three']],
    // No number words of its own: English's, as before.
    ['fi', 'Chapter', ['Chapter One', 'Chapter Two', 'Chapter Twenty-Three']],
  ])('%s', async (language, word, expected) => {
    const { book } = await createBook({
      metadata: { title: 'T', author: 'A', language },
      chapters: [1, 2, 23].map((n) => ({ text: `${word} ${n}\n\nText.\n` })),
      labels: 'words',
    })
    expect(chaptersOf(book!.tree).map(chapterLabel)).toEqual(expected)
  })
})
