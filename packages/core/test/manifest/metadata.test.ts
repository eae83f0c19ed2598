import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  defaultIdentifier,
  directionOf,
  parseDate,
  parseIdentifier,
  parseLanguage,
  titleFromName,
  uuidV5,
} from '../../src/manifest/metadata.js'

const RFC4122_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('defaultIdentifier', () => {
  it('matches the RFC 4122 name-based (SHA-1) algorithm', () => {
    // The DNS-namespace example published with Python's uuid module and most UUID libraries.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    )
  })

  it('is deterministic and a valid version 5 UUID', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.string()), (title, authors) => {
        const a = defaultIdentifier(title, authors)
        const b = defaultIdentifier(title, [...authors])
        expect(a).toEqual(b)
        expect(a.scheme).toBe('uuid')
        expect(a.value).toMatch(RFC4122_V5)
      }),
    )
  })

  it('differs when the title or an author differs', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (title, other, author) => {
        fc.pre(title !== other && !title.includes('\n') && !other.includes('\n'))
        expect(defaultIdentifier(title, [author]).value).not.toBe(defaultIdentifier(other, [author]).value)
      }),
    )
    expect(defaultIdentifier('T', ['A']).value).not.toBe(defaultIdentifier('T', ['B']).value)
    expect(defaultIdentifier('T', ['A']).value).not.toBe(defaultIdentifier('T', []).value)
  })

  it('is pinned: a changed algorithm would change every book identifier', () => {
    expect(defaultIdentifier('Pride and Prejudice', ['Jane Austen']).value).toBe(
      uuidV5('86d59c3e-0cc0-5886-8984-66f9712b11ae', 'Pride and Prejudice\nJane Austen'),
    )
  })
})

describe('parseIdentifier', () => {
  it.each([
    ['978-0-14-143951-8', { scheme: 'isbn', value: '9780141439518' }],
    ['9780141439518', { scheme: 'isbn', value: '9780141439518' }],
    ['ISBN 978-0-14-143951-8', { scheme: 'isbn', value: '9780141439518' }],
    ['urn:isbn:9780141439518', { scheme: 'isbn', value: '9780141439518' }],
    ['isbn:0-14-143951-3', { scheme: 'isbn', value: '9780141439518' }],
    ['0141439513', { scheme: 'isbn', value: '9780141439518' }],
    ['080442957X', { scheme: 'isbn', value: '9780804429573' }],
    ['0-8044-2957-x', { scheme: 'isbn', value: '9780804429573' }],
    [
      'urn:uuid:6BA7B810-9DAD-11D1-80B4-00C04FD430C8',
      { scheme: 'uuid', value: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' },
    ],
    [
      '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      { scheme: 'uuid', value: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' },
    ],
    ['urn:doi:10.1000/182', { scheme: 'uri', value: 'urn:doi:10.1000/182' }],
    ['https://example.com/book', { scheme: 'uri', value: 'https://example.com/book' }],
    ['isbn.example.org/1', { scheme: 'uri', value: 'isbn.example.org/1' }],
    ['12345', { scheme: 'uri', value: '12345' }],
  ])('%s', (input, expected) => {
    expect(parseIdentifier(input)).toEqual(expected)
  })

  it.each([
    ['978-0-14-143951-7', 'looks like an ISBN-13 but its check digit is wrong (expected 8, got 7)'],
    ['0141439512', 'looks like an ISBN-10 but its check digit is wrong (expected 3, got 2)'],
    ['1234567890128', 'looks like an ISBN-13 but does not start with 978 or 979'],
    ['ISBN 12345', 'must be an ISBN of 10 or 13 digits, got "ISBN 12345"'],
    ['  ', 'must not be empty'],
  ])('rejects %s', (input, problem) => {
    expect(parseIdentifier(input)).toEqual({ problem })
  })

  it('accepts every ISBN-13 with a right check digit and rejects every wrong one', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^97[89]\d{9}$/), fc.integer({ min: 0, max: 9 }), (twelve, check) => {
        let sum = 0
        for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(twelve[i])
        const right = (10 - (sum % 10)) % 10
        const result = parseIdentifier(twelve + check)
        if (check === right) expect(result).toEqual({ scheme: 'isbn', value: twelve + check })
        else expect(result).toHaveProperty('problem')
      }),
    )
  })
})

describe('parseLanguage', () => {
  it.each([
    ['en', 'en'],
    ['en-gb', 'en-GB'],
    ['en_US', 'en-US'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['pt-BR', 'pt-BR'],
    ['iw', 'he'],
    ['es-419', 'es-419'],
  ])('%s → %s', (input, expected) => {
    expect(parseLanguage(input)).toBe(expected)
  })

  it.each(['english', 'en GB', '', 'e', 'en--GB', '12'])('rejects %j', (input) => {
    expect(parseLanguage(input)).toEqual({
      problem: `must be a BCP 47 language tag such as "en" or "pt-BR", got ${JSON.stringify(input)}`,
    })
  })

  it('derives the writing direction', () => {
    expect(['ar', 'he', 'fa', 'ur', 'yi', 'dv', 'en', 'ja', 'zh-Hant'].map(directionOf)).toEqual([
      'rtl',
      'rtl',
      'rtl',
      'rtl',
      'rtl',
      'rtl',
      'ltr',
      'ltr',
      'ltr',
    ])
  })
})

describe('parseDate', () => {
  it.each([
    ['2024', '2024'],
    ['2024-02', '2024-02'],
    ['2024-02-29', '2024-02-29'],
    ['2001-12-14t21:59:43.10-05:00', '2001-12-14'],
    [2024, '2024'],
  ] as const)('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected)
  })

  it('takes the UTC day of a Date', () => {
    expect(parseDate(new Date(Date.UTC(2020, 0, 31)))).toBe('2020-01-31')
  })

  it.each([
    ['2023-02-29', 'is not a real date: "2023-02-29"'],
    ['2024-13', 'is not a real date: "2024-13"'],
    ['2024-00-10', 'is not a real date: "2024-00-10"'],
    ['May 2024', 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got "May 2024"'],
    ['24', 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got "24"'],
  ])('rejects %s', (input, problem) => {
    expect(parseDate(input)).toEqual({ problem })
  })
})

describe('titleFromName', () => {
  it.each([
    ['my-web-serial', 'My Web Serial'],
    ['the_long_road', 'The Long Road'],
    ['Book', 'Book'],
    ['---', ''],
    ['été-2024', 'Été 2024'],
  ])('%s → %j', (input, expected) => {
    expect(titleFromName(input)).toBe(expected)
  })
})
