/**
 * Headings that put the ordinal before the label: Turkish "1. Bölüm", "Birinci Bölüm",
 * Hungarian "1. fejezet", "Első fejezet", Finnish "1. luku", Estonian "1. peatükk", Latvian
 * "1. nodaļa", Lithuanian "1 skyrius". The label keeps its frame with a `{number}` slot and
 * the numeral as written, so the book prints them back as the author wrote them; `labels:`
 * rewrites the ordinal ("Birinci Bölüm" ↔ "1. Bölüm").
 */
import { describe, expect, test } from 'vitest'
import { createBook } from '../../src/index.js'
import { chapterHead, chapterLabel, type LabelStyle, labelsFor, partHead } from '../../src/model/labels.js'
import type { Chapter, Part } from '../../src/model/types.js'
import { ordinalBefore, parseHeading } from '../../src/readers/heading.js'

type Row = [
  line: string,
  language: string,
  kind: string,
  number: number,
  label: string,
  numeral: string,
  title?: string,
]

describe('number-first headings', () => {
  test.each<Row>([
    ['1. Bölüm', 'tr', 'chapter', 1, '{number}. Bölüm', '1'],
    ['3. Bölüm: Yeni Başlangıç', 'tr', 'chapter', 3, '{number}. Bölüm', '3', 'Yeni Başlangıç'],
    ['12. BÖLÜM', 'tr', 'chapter', 12, '{number}. BÖLÜM', '12'],
    ['IV. Bölüm', 'tr', 'chapter', 4, '{number}. Bölüm', 'IV'],
    ['Birinci Bölüm', 'tr', 'chapter', 1, '{number} Bölüm', 'Birinci'],
    ['BİRİNCİ BÖLÜM', 'tr', 'chapter', 1, '{number} BÖLÜM', 'BİRİNCİ'],
    ['Altıncı Bölüm', 'tr', 'chapter', 6, '{number} Bölüm', 'Altıncı'],
    ['ALTINCI BÖLÜM', 'tr', 'chapter', 6, '{number} BÖLÜM', 'ALTINCI'],
    ['Yirmi Üçüncü Bölüm - Dönüş', 'tr', 'chapter', 23, '{number} Bölüm', 'Yirmi Üçüncü', 'Dönüş'],
    ['Yüzüncü Bölüm', 'tr', 'chapter', 100, '{number} Bölüm', 'Yüzüncü'],
    ['2. Kısım', 'tr', 'part', 2, '{number}. Kısım', '2'],
    ['İkinci Kitap', 'tr', 'part', 2, '{number} Kitap', 'İkinci'],
    ['1. fejezet', 'hu', 'chapter', 1, '{number}. fejezet', '1'],
    ['Első fejezet: A kezdet', 'hu', 'chapter', 1, '{number} fejezet', 'Első', 'A kezdet'],
    ['Huszonegyedik fejezet', 'hu', 'chapter', 21, '{number} fejezet', 'Huszonegyedik'],
    ['Tizenkettedik fejezet', 'hu', 'chapter', 12, '{number} fejezet', 'Tizenkettedik'],
    ['Harmincadik fejezet', 'hu', 'chapter', 30, '{number} fejezet', 'Harmincadik'],
    ['II. rész', 'hu', 'part', 2, '{number}. rész', 'II'],
    ['1. luku', 'fi', 'chapter', 1, '{number}. luku', '1'],
    ['Ensimmäinen luku', 'fi', 'chapter', 1, '{number} luku', 'Ensimmäinen'],
    ['2. osa', 'fi', 'part', 2, '{number}. osa', '2'],
    ['1. peatükk', 'et', 'chapter', 1, '{number}. peatükk', '1'],
    ['Kolmas peatükk', 'et', 'chapter', 3, '{number} peatükk', 'Kolmas'],
    ['1. nodaļa', 'lv', 'chapter', 1, '{number}. nodaļa', '1'],
    ['Otrā nodaļa', 'lv', 'chapter', 2, '{number} nodaļa', 'Otrā'],
    ['1 skyrius', 'lt', 'chapter', 1, '{number} skyrius', '1'],
    ['Pirmas skyrius', 'lt', 'chapter', 1, '{number} skyrius', 'Pirmas'],
    ['Antroji dalis', 'lt', 'part', 2, '{number} dalis', 'Antroji'],
  ])('%s (%s)', (line, language, kind, number, label, numeral, title) => {
    const heading = parseHeading(line, language)
    expect(heading).toMatchObject({ kind, number, label, numeral })
    expect(heading?.title).toBe(title)
  })

  test.each<[line: string, language: string]>([
    // Not the book's language: the bare number and its title, as before.
    ['1. Bölüm', 'en'],
    // A figure without the period an ordinal takes is a cardinal in Turkish.
    ['1 Bölüm', 'tr'],
    // "In chapter 1", a sentence: the suffix after the apostrophe.
    ["1. Bölüm'de her şey değişti.", 'tr'],
    // A sentence, not a title.
    ['Birinci bölüm çok uzundu.', 'tr'],
    // A cardinal before the label is no ordinal.
    ['Bir Bölüm', 'tr'],
  ])('%s (%s) is not a number-first heading', (line, language) => {
    expect(parseHeading(line, language)?.label).toBeUndefined()
  })

  test('ordinals before the label, in words', () => {
    expect(ordinalBefore(1, 'tr')).toBe('birinci')
    expect(ordinalBefore(23, 'tr')).toBe('yirmi üçüncü')
    expect(ordinalBefore(4, 'tr-TR')).toBe('dördüncü')
    expect(ordinalBefore(2, 'hu')).toBe('második')
    expect(ordinalBefore(12, 'hu')).toBe('tizenkettedik')
    expect(ordinalBefore(40, 'hu')).toBe('negyvenedik')
    expect(ordinalBefore(11, 'fi')).toBe('yhdestoista')
    expect(ordinalBefore(11, 'et')).toBeUndefined()
    expect(ordinalBefore(3, 'en')).toBeUndefined()
  })
})

describe('number-first labels print as written', () => {
  const chapter = (label: string, number: number, numeral: string, title?: string): Chapter => ({
    type: 'chapter',
    kind: 'chapter',
    matter: 'body',
    label,
    number,
    numeral,
    ...(title ? { title: [{ type: 'text', value: title }] } : {}),
    children: [],
  })

  test('the head and the display title', () => {
    expect(chapterHead(chapter('{number}. Bölüm', 1, '1'))).toBe('1. Bölüm')
    expect(chapterHead(chapter('{number} Bölüm', 1, 'Birinci'))).toBe('Birinci Bölüm')
    expect(chapterLabel(chapter('{number}. Bölüm', 3, '3', 'Yeni Başlangıç'))).toBe(
      '3. Bölüm: Yeni Başlangıç',
    )
    expect(labelsFor('hu').chapterLabel(chapter('{number} fejezet', 1, 'Első', 'A kezdet'))).toBe(
      'Első fejezet: A kezdet',
    )
  })

  test('capitals are set in title case, a Turkish dotted İ as Turkish', () => {
    expect(chapterHead(chapter('{number} BÖLÜM', 1, 'BİRİNCİ'))).toBe('Birinci Bölüm')
    expect(chapterHead(chapter('{number}. BÖLÜM', 12, '12'))).toBe('12. Bölüm')
  })

  test('a part without a number names its unit alone, without the ordinal’s period', () => {
    const part: Part = { type: 'part', label: '{number}. Kısım', children: [] }
    expect(partHead(part)).toBe('Kısım')
  })
})

describe('number-first headings through a book', () => {
  async function heads(language: string, labels?: LabelStyle) {
    const { book } = await createBook({
      metadata: { title: 'Kitap', author: 'A', language },
      chapters: [
        { text: '1. Bölüm: Başlangıç\n\nMetin.', file: 'a.txt' },
        { text: 'İkinci Bölüm\n\nMetin.', file: 'b.txt' },
      ],
      ...(labels ? { labels } : {}),
    })
    const kids = book!.tree.children as Chapter[]
    return kids.map((c) => [chapterHead(c), chapterLabel(c)])
  }

  test('as written', async () => {
    expect(await heads('tr')).toEqual([
      ['1. Bölüm', '1. Bölüm: Başlangıç'],
      ['İkinci Bölüm', 'İkinci Bölüm'],
    ])
  })

  test('one file of several chapters, and Markdown headings', async () => {
    const { book } = await createBook({
      metadata: { title: 'Könyv', author: 'A', language: 'hu' },
      chapters: [
        { text: '1. fejezet\n\nSzöveg.\n\n2. fejezet: Vége\n\nSzöveg.', file: 'a.txt' },
        { markdown: '# Harmadik fejezet\n\nSzöveg.', file: 'b.md' },
      ],
    })
    const kids = book!.tree.children as Chapter[]
    expect(kids.map((c) => [c.number, chapterLabel(c)])).toEqual([
      [1, '1. fejezet'],
      [2, '2. fejezet: Vége'],
      [3, 'Harmadik fejezet'],
    ])
  })

  test('labels: words and numbers rewrite the ordinal, with the period a figure takes', async () => {
    expect(await heads('tr', 'words')).toEqual([
      ['Birinci Bölüm', 'Birinci Bölüm: Başlangıç'],
      ['İkinci Bölüm', 'İkinci Bölüm'],
    ])
    expect(await heads('tr', 'numbers')).toEqual([
      ['1. Bölüm', '1. Bölüm: Başlangıç'],
      ['2. Bölüm', '2. Bölüm'],
    ])
    expect(await heads('tr', 'roman')).toEqual([
      ['I. Bölüm', 'I. Bölüm: Başlangıç'],
      ['II. Bölüm', 'II. Bölüm'],
    ])
  })
})
