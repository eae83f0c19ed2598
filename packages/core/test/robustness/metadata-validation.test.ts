/**
 * One validation for every entry point: what book.yaml and the command line reject, createBook
 * rejects too, as diagnostics (never a throw, never a book); what is valid BCP 47 is accepted
 * everywhere; and early years stay the years they are.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { createBook, loadBook } from '../../src/index.js'
import { dateFromMetadata, parseDate, parseLanguage } from '../../src/manifest/metadata.js'
import { checkMetadata } from '../../src/manifest/validate.js'
import { cleanupTempDirs, loadFolder, tempDir, writeTree } from './helpers.js'

afterAll(cleanupTempDirs)

const chapters = [{ text: 'Chapter 1\n\nSome words.' }]

describe('createBook validates like book.yaml and the command line', () => {
  for (const [label, metadata, word] of [
    ['a language that is no language', { title: 'T', language: 'not a language!' }, 'language'],
    ['an impossible date', { title: 'T', date: '2024-13-45' }, 'date'],
    ['a date in words', { title: 'T', date: 'yesterday' }, 'date'],
    ['the year 0000', { title: 'T', date: '0000-01-01' }, 'date'],
    ['an empty title', { title: '' }, 'title'],
    ['a blank title', { title: '   ' }, 'title'],
    ['an ISBN with a wrong check digit', { title: 'T', identifier: '978-0-306-40615-6' }, 'identifier'],
    ['a direction that is neither', { title: 'T', direction: 'up' }, 'direction'],
  ] as const) {
    it(`${label}: an error diagnostic naming the ${word}, and no book`, async () => {
      const result = await createBook({ metadata: metadata as never, chapters })
      expect(result.book).toBeUndefined()
      const error = result.diagnostics.find((d) => d.level === 'error')
      expect(error, JSON.stringify(result.diagnostics)).toBeDefined()
      expect(error!.code).toBe('book-input-invalid')
      expect(error!.message).toContain(word)
    })
  }

  it('no chapters: an error, and no book', async () => {
    const result = await createBook({ metadata: { title: 'T' }, chapters: [] })
    expect(result.book).toBeUndefined()
    expect(result.diagnostics.map((d) => [d.code, d.level])).toEqual([['book-no-chapters', 'error']])
  })

  it('input of the wrong shape from JavaScript is a diagnostic, not a throw', async () => {
    for (const bad of [
      { metadata: null, chapters },
      { metadata: 'Title', chapters },
      { metadata: { title: 'T' }, chapters: 'one' },
      { metadata: { title: 'T' }, chapters: [null] },
      { metadata: { title: 7 }, chapters },
      { metadata: { title: 'T', author: [{}] }, chapters },
    ]) {
      const result = await createBook(bad as never)
      expect(result.book, JSON.stringify(bad)).toBeUndefined()
      expect(result.diagnostics.some((d) => d.level === 'error')).toBe(true)
    }
  })

  it('the same words as book.yaml for the same mistake', async () => {
    const { result } = await loadFolder({ 'ch.txt': 'Chapter 1\n\nWords.' }, undefined, 'date: 2024-13-45\n')
    const fromYaml = result.diagnostics.find((d) => d.level === 'error')!
    const created = await createBook({ metadata: { title: 'T', date: '2024-13-45' }, chapters })
    const fromCode = created.diagnostics.find((d) => d.level === 'error')!
    // "`date` is not a real date: …" in book.yaml; "The date is not a real date: …" in code.
    expect(fromYaml.message).toContain('is not a real date: "2024-13-45"')
    expect(fromCode.message).toContain('is not a real date: "2024-13-45"')
  })

  it('valid values are normalised as book.yaml normalises them', async () => {
    const { book } = await createBook({
      metadata: {
        title: ' T ',
        language: 'en_gb',
        identifier: { scheme: 'isbn', value: '0-306-40615-2' },
        date: '2024-02-29',
      },
      chapters,
    })
    expect(book!.tree.metadata).toMatchObject({
      title: 'T',
      language: 'en-GB',
      identifier: { scheme: 'isbn', value: '9780306406157' },
      date: '2024-02-29',
    })
  })

  it('the command line’s --lang and book.yaml’s language share the check', async () => {
    const { dir } = await loadFolder({ 'ch.txt': 'Chapter 1\n\nWords.' })
    const bad = await loadBook([dir], { metadata: { language: 'not a language!' } })
    expect(bad.book).toBeUndefined()
    expect(bad.diagnostics.find((d) => d.level === 'error')?.message).toMatch(/language must be a BCP 47/)
    const good = await loadBook([dir], { metadata: { language: 'i-klingon' } })
    expect(good.book?.tree.metadata.language).toBe('tlh')
  })
})

describe('BCP 47 tags', () => {
  it('private-use and grandfathered tags are valid; canonical forms are kept', () => {
    expect(parseLanguage('x-klingon')).toBe('x-klingon')
    expect(parseLanguage('X-Klingon')).toBe('x-klingon')
    expect(parseLanguage('i-klingon')).toBe('tlh')
    expect(parseLanguage('i-default')).toBe('i-default')
    expect(parseLanguage('en-GB-oed')).toBe('en-GB-oxendict')
    expect(parseLanguage('zh-min-nan')).toBe('nan')
    expect(parseLanguage('en_gb')).toBe('en-GB')
    expect(parseLanguage('iw')).toBe('he')
    expect(parseLanguage('en-x-custom')).toBe('en-x-custom')
    expect(parseLanguage('not a language!')).toHaveProperty('problem')
    expect(parseLanguage('english')).toHaveProperty('problem')
  })

  it('book.yaml and createBook accept x-klingon and i-klingon', async () => {
    for (const tag of ['x-klingon', 'i-klingon']) {
      const dir = await tempDir()
      await writeTree(dir, {
        'book.yaml': `title: T\nauthor: A\nlanguage: ${tag}\n`,
        'ch.txt': 'Chapter 1\n\nWords.',
      })
      const result = await loadBook([dir])
      expect(result.book, JSON.stringify(result.diagnostics)).toBeDefined()
      const created = await createBook({ metadata: { title: 'T', language: tag }, chapters })
      expect(created.book, JSON.stringify(created.diagnostics)).toBeDefined()
    }
  })
})

describe('dates and early years', () => {
  it('year 0000 is rejected; years 0001–0099 stay themselves', () => {
    expect(parseDate('0000')).toHaveProperty('problem')
    expect(parseDate('0000-02-29')).toHaveProperty('problem')
    expect(parseDate('0050-02-28')).toBe('0050-02-28')
    // Year 4 is a leap year and year 100 is not, whatever 1904 and 2000 are.
    expect(parseDate('0004-02-29')).toBe('0004-02-29')
    expect(parseDate('0100-02-29')).toHaveProperty('problem')
    expect(dateFromMetadata('0050')!.toISOString()).toBe('0050-01-01T00:00:00.000Z')
    expect(dateFromMetadata('0099-12-31')!.getUTCFullYear()).toBe(99)
  })

  it('a book dated in the year 50 is built with that date, not 1950', async () => {
    const previous = process.env.SOURCE_DATE_EPOCH
    delete process.env.SOURCE_DATE_EPOCH
    try {
      const { book } = await createBook({ metadata: { title: 'T', date: '0050-06-01' }, chapters })
      expect(book!.env.date.toISOString()).toBe('0050-06-01T00:00:00.000Z')
    } finally {
      if (previous !== undefined) process.env.SOURCE_DATE_EPOCH = previous
    }
  })

  it('checkMetadata names every bad key at once', () => {
    const { issues } = checkMetadata({ title: 'T', language: '??', date: 'yesterday', direction: 'up' })
    expect(issues.map((i) => i.key)).toEqual(['language', 'date', 'direction'])
  })
})
