/**
 * Chapter headings of books in Portuguese, Dutch, Ukrainian, Turkish, Czech, Arabic, Hebrew,
 * Indonesian and Vietnamese: their chapter and part words, numbers spelled in the language,
 * Arabic-Indic digits, Hebrew letter numerals, and the direction marks right-to-left text may
 * carry. Everyday words are labels only in a book in their language.
 */
import { describe, expect, test } from 'vitest'
import { parseHeading } from '../../src/readers/heading.js'

type Row = [line: string, language: string, kind: string, number: number | undefined, title?: string]

describe('headings in more languages', () => {
  test.each<Row>([
    ['Capítulo 5: O regresso', 'pt', 'chapter', 5, 'O regresso'],
    ['Capítulo um', 'pt-BR', 'chapter', 1],
    ['Capítulo dezasseis', 'pt-PT', 'chapter', 16],
    ['Capítulo quatorze', 'pt', 'chapter', 14],
    ['Capítulo primeiro', 'pt', 'chapter', 1],
    ['Parte dois', 'pt', 'part', 2],
    ['Livro 2', 'pt', 'part', 2],
    ['Hoofdstuk drieëntwintig', 'nl', 'chapter', 23],
    ['Hoofdstuk één: Thuis', 'nl', 'chapter', 1, 'Thuis'],
    ['Deel twee', 'nl', 'part', 2],
    ['Розділ перший', 'uk', 'chapter', 1],
    ['Розділ 3: Зустріч', 'uk', 'chapter', 3, 'Зустріч'],
    ["Розділ п'ятий", 'uk', 'chapter', 5],
    ['Розділ пʼятий', 'uk', 'chapter', 5],
    ['РОЗДІЛ ДВАДЦЯТЬ ТРЕТІЙ', 'uk', 'chapter', 23],
    ['Частина друга', 'uk', 'part', 2],
    ['Bölüm 3: Yeni Başlangıç', 'tr', 'chapter', 3, 'Yeni Başlangıç'],
    ['BÖLÜM İKİ', 'tr', 'chapter', 2],
    ['Bölüm yirmi üç', 'tr', 'chapter', 23],
    ['Kısım 2', 'tr', 'part', 2],
    ['Kapitola první', 'cs', 'chapter', 1],
    ['Kapitola dvacátá třetí: Návrat', 'cs', 'chapter', 23, 'Návrat'],
    ['Kapitola jedna', 'cs', 'chapter', 1],
    ['Část druhá', 'cs', 'part', 2],
    ['الفصل 3: العودة', 'ar', 'chapter', 3, 'العودة'],
    ['الفصل ٣: العودة', 'ar', 'chapter', 3, 'العودة'],
    ['الفصل الأول: البداية', 'ar', 'chapter', 1, 'البداية'],
    ['الفصل الاول', 'ar', 'chapter', 1],
    ['الفصل الحادي عشر', 'ar', 'chapter', 11],
    ['الفصل الثالث والعشرون – النهاية', 'ar', 'chapter', 23, 'النهاية'],
    ['الفصل 3، العودة', 'ar', 'chapter', 3, 'العودة'],
    ['\u200Fالفصل \u200F3\u200F: العودة', 'ar', 'chapter', 3, 'العودة'],
    ['الجزء الثاني', 'ar', 'part', 2],
    ['الخاتمة', 'ar', 'epilogue', undefined],
    ['פרק 5', 'he', 'chapter', 5],
    ['פרק ראשון', 'he', 'chapter', 1],
    ['פרק אחד עשר', 'he', 'chapter', 11],
    ["פרק א'", 'he', 'chapter', 1],
    ['פרק א׳: ההתחלה', 'he', 'chapter', 1, 'ההתחלה'],
    ['פרק י"ב', 'he', 'chapter', 12],
    ['פרק ט״ו', 'he', 'chapter', 15],
    ['פרק ב: השיבה', 'he', 'chapter', 2, 'השיבה'],
    ['חלק שני', 'he', 'part', 2],
    ['Bab 1: Awal', 'id', 'chapter', 1, 'Awal'],
    ['Bab Pertama', 'id', 'chapter', 1],
    ['Bab dua puluh tiga', 'id', 'chapter', 23],
    ['Bagian 2', 'id', 'part', 2],
    ['Chương 1: Khởi đầu', 'vi', 'chapter', 1, 'Khởi đầu'],
    ['Chương hai mươi mốt', 'vi', 'chapter', 21],
    ['Chương một trăm linh năm', 'vi', 'chapter', 105],
    ['Phần 2', 'vi', 'part', 2],
    ['Nota do autor', 'pt', 'other', undefined],
    ['Prefácio', 'pt', 'preface', undefined],
    ['Úvod', 'cs', 'introduction', undefined],
    ['Lời nói đầu', 'vi', 'preface', undefined],
  ])('%s (%s)', (line, language, kind, number, title) => {
    const heading = parseHeading(line, language)
    expect(heading?.kind).toBe(kind)
    expect(heading?.number).toBe(number)
    expect(heading?.title).toBe(title)
  })

  test('keeps the numeral as written', () => {
    expect(parseHeading('الفصل ٣', 'ar')?.numeral).toBe('٣')
    expect(parseHeading('פרק י״ב', 'he')?.numeral).toBe('י״ב')
    expect(parseHeading('Розділ перший', 'uk')?.numeral).toBe('перший')
  })

  test.each<[string, string]>([
    // Everyday words outside their language.
    ['Bölüm 3: Yeni', 'en'],
    ['Bab 1', 'en'],
    ['Část 2', 'pl'],
    ['Частина 2', 'ru'],
    ['Úvod', 'en'],
    // Sentences, and words that are no numbers.
    ['الفصل الأول من السنة', 'ar'],
    ['Chương trình mới', 'vi'],
    ['Bölüm başkanı geldi.', 'tr'],
    ['פרק בית', 'he'],
    // A Hebrew numeral must be spelled as one: 15 is ט״ו, never י״ה.
    ['פרק י״ה', 'he'],
    ['פרק אב', 'he'],
  ])('%s (%s) is no heading', (line, language) => {
    expect(parseHeading(line, language)).toBeUndefined()
  })
})
