/**
 * The generated pages of books in Portuguese (Brazil's and Portugal's), Dutch, Ukrainian,
 * Turkish, Czech, Arabic, Hebrew, Indonesian and Vietnamese: every string in the language, dates
 * and lists of names written its way, the chapter word its own, and `labels: words` spelled in it.
 */
import { describe, expect, it } from 'vitest'
import { chapterLabel, chaptersOf, createBook, render } from '../../src/index.js'
import type { GeneratedPage } from '../../src/model/types.js'
import { formatDate, hasStrings, joinNames, roleLine, stringsFor } from '../../src/strings/index.js'
import { numberWordsFor } from '../../src/strings/numbers.js'
import { unzipText } from '../epub/helpers.js'
import { make } from './books.js'

const LANGUAGES = ['pt', 'pt-PT', 'nl', 'uk', 'tr', 'cs', 'ar', 'ar-LB', 'he', 'id', 'vi']

describe('strings tables for more languages', () => {
  it('has a complete table for each, none of it English', () => {
    const en = stringsFor('en')
    for (const lang of LANGUAGES) {
      expect(hasStrings(lang), lang).toBe(true)
      const table = stringsFor(lang)
      for (const key of Object.keys(en)) expect(table, `${lang}.${key}`).toHaveProperty(key)
      expect(Object.keys(table.kinds).sort(), lang).toEqual(Object.keys(en.kinds).sort())
      expect(Object.keys(table.roles).sort(), lang).toEqual(Object.keys(en.roles).sort())
      expect(table.months, lang).toHaveLength(12)
      expect(table.monthsOf, lang).toHaveLength(12)
      for (const key of ['contents', 'copyright', 'authorNote', 'madeWith', 'publicDomain'] as const)
        expect(table[key], `${lang}.${key}`).not.toBe(en[key])
      expect(table.kinds.chapter, lang).not.toBe('Chapter')
    }
  })

  it('tells Brazil’s Portuguese from Portugal’s, and the Levant’s Arabic months', () => {
    expect(stringsFor('pt').contents).toBe('Sumário')
    expect(stringsFor('pt-BR').contents).toBe('Sumário')
    for (const tag of ['pt-PT', 'pt-AO', 'pt-MZ', 'pt_pt'])
      expect(stringsFor(tag).contents, tag).toBe('Índice')
    expect(stringsFor('ar').months[0]).toBe('يناير')
    expect(stringsFor('ar-EG').months[0]).toBe('يناير')
    expect(stringsFor('ar-LB').months[0]).toBe('كانون الثاني')
    expect(stringsFor('ar-SY').monthsOf[2]).toBe('آذار')
  })

  it('writes dates each language’s way', () => {
    const cases: Array<[string, string, string]> = [
      ['pt', '1º de março de 2026', '2 de março de 2026'],
      ['pt-PT', '1 de março de 2026', '2 de março de 2026'],
      ['nl', '1 maart 2026', '2 maart 2026'],
      ['uk', '1 березня 2026\u00a0р.', '2 березня 2026\u00a0р.'],
      ['tr', '1 Mart 2026', '2 Mart 2026'],
      ['cs', '1. března 2026', '2. března 2026'],
      ['ar', '1 مارس 2026', '2 مارس 2026'],
      ['ar-LB', '1 آذار 2026', '2 آذار 2026'],
      ['he', '1 במרץ 2026', '2 במרץ 2026'],
      ['id', '1 Maret 2026', '2 Maret 2026'],
      ['vi', 'ngày 1 tháng 3 năm 2026', 'ngày 2 tháng 3 năm 2026'],
    ]
    for (const [lang, first, second] of cases) {
      expect(formatDate('2026-03-01', stringsFor(lang)), lang).toBe(first)
      expect(formatDate('2026-03-02', stringsFor(lang)), lang).toBe(second)
    }
    expect(formatDate('2026-03', stringsFor('uk'))).toBe('березень 2026\u00a0р.')
    expect(formatDate('2026-03', stringsFor('cs'))).toBe('březen 2026')
    expect(formatDate('2026-03', stringsFor('vi'))).toBe('tháng 3 năm 2026')
  })

  it('joins names with the language’s words, and Arabic’s own comma', () => {
    const names = ['A', 'B', 'C']
    expect(joinNames(names, stringsFor('pt'))).toBe('A, B e C')
    expect(joinNames(names, stringsFor('nl'))).toBe('A, B en C')
    expect(joinNames(names, stringsFor('uk'))).toBe('A, B та C')
    expect(joinNames(names, stringsFor('tr'))).toBe('A, B ve C')
    expect(joinNames(names, stringsFor('cs'))).toBe('A, B a C')
    expect(joinNames(['أحمد', 'سعيد', 'محمد'], stringsFor('ar'))).toBe('أحمد، سعيد ومحمد')
    expect(joinNames(['דן', 'רות', 'גיל'], stringsFor('he'))).toBe('דן, רות וגיל')
    expect(joinNames(names, stringsFor('id'))).toBe('A, B dan C')
    expect(joinNames(names, stringsFor('vi'))).toBe('A, B và C')
    expect(roleLine(stringsFor('tr').roles.trl!, ['Ayşe'], stringsFor('tr'))).toBe('Çeviren: Ayşe')
  })

  it('keeps Arabic free of Latin commas and semicolons', () => {
    const arabic = (table: ReturnType<typeof stringsFor>) =>
      JSON.stringify(table)
        .replace(/"(?:madeWith|isbn|accessibilitySummary)":"[^"]*"/g, '')
        .replace(/"[a-zA-Z]+":/g, '')
    for (const lang of ['ar', 'ar-LB'])
      expect(arabic(stringsFor(lang))).not.toMatch(/[\p{sc=Arabic}] ?[,;?]/u)
    expect(stringsFor('ar').accessibilitySummary).toContain('، ')
  })
})

/** The words a book shows on its generated pages, in order, and its chapters' labels. */
async function pagesOf(language: string) {
  const book = await make({
    metadata: {
      title: 'T',
      author: 'Ada',
      language,
      date: '2026-03-01',
      publisher: 'P',
      series: { name: 'S', number: 2 },
      contributors: [{ name: 'L', role: 'translator' }],
      dedication: 'M.',
      epigraph: { text: 'E.' },
      aboutAuthor: 'A.',
      alsoBy: ['Y'],
    },
    chapters: [{ text: 'One.' }, { text: 'Two.' }],
  })
  const pages = book.tree.pages as GeneratedPage[]
  const copyright = pages.find((p) => p.type === 'copyrightPage')
  const lines =
    copyright && 'lines' in copyright ? copyright.lines.map((l) => (typeof l === 'string' ? l : l.text)) : []
  const title = pages.find((p) => p.type === 'titlePage') as { series?: string; contributors?: string[] }
  return {
    labels: pages.map((p) => p.label),
    lines,
    series: title.series,
    contributors: title.contributors,
    chapters: chaptersOf(book.tree).map(chapterLabel),
    fallback: book.files[0]!.messages.filter((d) => d.code === 'book-strings-fallback'),
  }
}

describe('a book in each language', () => {
  it.each([
    [
      'pt',
      [
        'Falsa folha de rosto',
        'Folha de rosto',
        'Créditos',
        'Dedicatória',
        'Epígrafe',
        'Sumário',
        'Sobre o autor',
        'Do mesmo autor',
      ],
      'Publicado em 1º de março de 2026',
      'S, livro 2',
      'Tradução de L',
      'Capítulo 1',
    ],
    [
      'pt-PT',
      [
        'Anterrosto',
        'Folha de rosto',
        'Ficha técnica',
        'Dedicatória',
        'Epígrafe',
        'Índice',
        'Sobre o autor',
        'Do mesmo autor',
      ],
      'Publicado em 1 de março de 2026',
      'S, livro 2',
      'Tradução de L',
      'Capítulo 1',
    ],
    [
      'nl',
      [
        'Franse titel',
        'Titelpagina',
        'Colofon',
        'Opdracht',
        'Motto',
        'Inhoud',
        'Over de auteur',
        'Ook van Ada',
      ],
      'Verschenen: 1 maart 2026',
      'S, deel 2',
      'Vertaald door L',
      'Hoofdstuk 1',
    ],
    [
      'uk',
      [
        'Шмуцтитул',
        'Титульна сторінка',
        'Авторські права',
        'Присвята',
        'Епіграф',
        'Зміст',
        'Про автора',
        'Інші книжки автора',
      ],
      'Дата публікації: 1 березня 2026\u00a0р.',
      'S, книга 2',
      'Переклад: L',
      'Розділ 1',
    ],
    [
      'tr',
      [
        'Ön iç kapak',
        'İç kapak',
        'Künye',
        'İthaf',
        'Epigraf',
        'İçindekiler',
        'Yazar hakkında',
        'Yazarın diğer kitapları',
      ],
      'Yayın tarihi: 1 Mart 2026',
      'S, 2. kitap',
      'Çeviren: L',
      'Bölüm 1',
    ],
    [
      'cs',
      ['Patitul', 'Titulní strana', 'Tiráž', 'Věnování', 'Motto', 'Obsah', 'O autorovi', 'Od téhož autora'],
      'Datum vydání: 1. března 2026',
      'S, díl 2',
      'Překlad: L',
      'Kapitola 1',
    ],
    [
      'ar',
      [
        'صفحة العنوان المختصر',
        'صفحة العنوان',
        'حقوق النشر',
        'الإهداء',
        'التصدير',
        'المحتويات',
        'عن المؤلف',
        'صدر للمؤلف',
      ],
      'تاريخ النشر: 1 مارس 2026',
      'S، الكتاب 2',
      'ترجمة: L',
      'الفصل 1',
    ],
    [
      'he',
      [
        'שער מקדים',
        'שער',
        'זכויות יוצרים',
        'הקדשה',
        'מוטו',
        'תוכן העניינים',
        'על המחבר',
        'ספרים נוספים מאת Ada',
      ],
      'תאריך פרסום: 1 במרץ 2026',
      'S, ספר 2',
      'תרגום: L',
      'פרק 1',
    ],
    [
      'id',
      [
        'Halaman Prancis',
        'Halaman Judul',
        'Hak Cipta',
        'Persembahan',
        'Epigraf',
        'Daftar Isi',
        'Tentang Penulis',
        'Buku Lain karya Ada',
      ],
      'Terbit: 1 Maret 2026',
      'S, Buku 2',
      'Diterjemahkan oleh L',
      'Bab 1',
    ],
    [
      'vi',
      [
        'Trang tên sách phụ',
        'Trang tên sách',
        'Bản quyền',
        'Lời đề tặng',
        'Đề từ',
        'Mục lục',
        'Về tác giả',
        'Cùng tác giả',
      ],
      'Xuất bản: ngày 1 tháng 3 năm 2026',
      'S, tập 2',
      'Người dịch: L',
      'Chương 1',
    ],
  ])('%s', async (language, labels, date, series, translator, chapter) => {
    const book = await pagesOf(language)
    expect(book.labels).toEqual(labels)
    expect(book.lines).toContain(date)
    expect(book.series).toBe(series)
    expect(book.contributors).toEqual([translator])
    expect(book.chapters[0]).toBe(chapter)
    expect(book.fallback).toEqual([])
    expect(book.lines.join('\n')).not.toMatch(/Published|Made with|Translated by/)
  })

  it('reads an Arabic book’s chapter headings and words its EPUB in Arabic', async () => {
    const { book } = await createBook({
      metadata: { title: 'العودة', author: 'سارة', language: 'ar' },
      chapters: [
        { text: 'الفصل الأول: البداية\n\nكان الصباح باردًا.\n' },
        { text: 'الفصل 2: العودة\n\nعادت إلى البيت.\n' },
      ],
    })
    expect(chaptersOf(book!.tree).map(chapterLabel)).toEqual(['الفصل الأول: البداية', 'الفصل 2: العودة'])
    const epub = unzipText(await render(book!, 'epub', { generateCover: false }))
    const nav = epub['OEBPS/nav.xhtml']!
    expect(nav).toMatch(/المحتويات/)
    expect(nav).not.toMatch(/>Contents<|CHAPTER|Chapter/)
  }, 60_000)
})

describe('labels: words in each language', () => {
  it.each([
    ['pt', 'Capítulo', ['Capítulo um', 'Capítulo dois', 'Capítulo vinte e três']],
    ['nl', 'Hoofdstuk', ['Hoofdstuk een', 'Hoofdstuk twee', 'Hoofdstuk drieëntwintig']],
    ['uk', 'Розділ', ['Розділ перший', 'Розділ другий', 'Розділ двадцять третій']],
    ['tr', 'Bölüm', ['Bölüm bir', 'Bölüm iki', 'Bölüm yirmi üç']],
    ['cs', 'Kapitola', ['Kapitola první', 'Kapitola druhá', 'Kapitola dvacátá třetí']],
    ['ar', 'الفصل', ['الفصل الأول', 'الفصل الثاني', 'الفصل الثالث والعشرون']],
    ['he', 'פרק', ['פרק ראשון', 'פרק שני', 'פרק עשרים ושלושה']],
    ['id', 'Bab', ['Bab satu', 'Bab dua', 'Bab dua puluh tiga']],
    ['vi', 'Chương', ['Chương một', 'Chương hai', 'Chương hai mươi ba']],
  ])('%s', async (language, word, expected) => {
    const { book } = await createBook({
      metadata: { title: 'T', author: 'A', language },
      chapters: [1, 2, 23].map((n) => ({ text: `${word} ${n}\n\nText.\n` })),
      labels: 'words',
    })
    expect(chaptersOf(book!.tree).map(chapterLabel)).toEqual(expected)
  })
})

const CASES: Record<string, Array<[number, string, string?]>> = {
  pt: [
    [1, 'um'],
    [16, 'dezesseis'],
    [21, 'vinte e um'],
    [100, 'cem'],
    [101, 'cento e um'],
    [123, 'cento e vinte e três'],
    [1001, 'mil e um'],
    [1234, 'mil duzentos e trinta e quatro'],
  ],
  'pt-PT': [
    [16, 'dezasseis'],
    [17, 'dezassete'],
    [19, 'dezanove'],
    [119, 'cento e dezanove'],
  ],
  nl: [
    [1, 'een'],
    [21, 'eenentwintig'],
    [22, 'tweeëntwintig'],
    [23, 'drieëntwintig'],
    [100, 'honderd'],
    [123, 'honderddrieëntwintig'],
    [2000, 'tweeduizend'],
    [2023, 'tweeduizend drieëntwintig'],
  ],
  uk: [
    [1, 'перший', 'перша'],
    [3, 'третій', 'третя'],
    [5, 'п’ятий', 'п’ята'],
    [23, 'двадцять третій', 'двадцять третя'],
    [40, 'сороковий', 'сорокова'],
    [100, 'сотий', 'сота'],
    [123, 'сто двадцять третій', 'сто двадцять третя'],
  ],
  tr: [
    [1, 'bir'],
    [23, 'yirmi üç'],
    [100, 'yüz'],
    [123, 'yüz yirmi üç'],
    [1000, 'bin'],
    [2023, 'iki bin yirmi üç'],
  ],
  cs: [
    [1, 'první'],
    [2, 'druhá'],
    [21, 'dvacátá první'],
    [100, 'stá'],
    [200, 'dvoustá'],
  ],
  id: [
    [1, 'satu'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [100, 'seratus'],
    [1000, 'seribu'],
    [2023, 'dua ribu dua puluh tiga'],
  ],
  vi: [
    [1, 'một'],
    [15, 'mười lăm'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [25, 'hai mươi lăm'],
    [105, 'một trăm lẻ năm'],
    [1005, 'một nghìn không trăm lẻ năm'],
  ],
  ar: [
    [1, 'الأول'],
    [11, 'الحادي عشر'],
    [12, 'الثاني عشر'],
    [20, 'العشرون'],
    [21, 'الحادي والعشرون'],
    [100, 'المئة'],
  ],
  he: [
    [1, 'ראשון'],
    [10, 'עשירי'],
    [11, 'אחד עשר'],
    [12, 'שנים עשר'],
    [22, 'עשרים ושניים'],
    [105, 'מאה וחמישה'],
    [123, 'מאה עשרים ושלושה'],
  ],
}

describe('number words', () => {
  for (const [language, cases] of Object.entries(CASES)) {
    it.each(cases)(`${language}: %i is "%s"`, (n, chapter, part) => {
      const words = numberWordsFor(language)!
      expect(words(n, 'chapter')).toBe(chapter)
      expect(words(n, 'part')).toBe(part ?? chapter)
    })
  }

  it('leaves Arabic beyond a hundred, and Ukrainian, Czech and Hebrew beyond 999, to digits', () => {
    expect(numberWordsFor('ar')!(101)).toBeUndefined()
    for (const language of ['uk', 'cs', 'he'])
      expect(numberWordsFor(language)!(1000), language).toBeUndefined()
  })
})
