/**
 * Recognise a chapter heading line, shared by every reader: "Chapter 23", "Chapter Twenty-Three:
 * Truly All Alone", "CHAPTER XXIII.", "Ch. 5 - Title", "Prologue", "Interlude: ...", "Part One",
 * "Book Three", "Author's Note", and the chapter words of a few other languages, also after
 * their ordinal where a language puts it first ("1. Bölüm", "Első fejezet").
 *
 * The parser is deliberately strict, because the text reader calls it on the first line of every
 * file and a false positive would swallow a real first sentence as a title: a numbered label needs
 * a valid number (digits, a well-formed Roman numeral, or English number words), and what follows
 * the number must be nothing, a separator and a title, or a capitalised title. "I went home.",
 * "Chapter and verse were quoted." and "Part of me wanted to stay" are not headings.
 */
import type { ChapterKind } from '../model/types.js'
import { numberWordsFor } from '../strings/numbers.js'

export interface ParsedHeading {
  /** `part` for "Part One", "Book II"; otherwise a chapter kind. */
  kind: ChapterKind | 'part'
  /** The word as written: "Chapter", "CHAPTER", "Ch.", "Prologue", "Part", "Book". */
  label?: string
  number?: number
  /**
   * The number as written, without a leading "#": "Twenty-Three", "XXIII", "05", "5.5". Kept so
   * a book prints the author's wording by default (see model/labels.ts).
   */
  numeral?: string
  /** Title text after the number and separator, trimmed; undefined when none. */
  title?: string
  /** Column (1-based) where `title` starts in the line, for positions. */
  titleColumn?: number
  /** The part a chapter heading names before it ("Part Two, Chapter Three"): its label and number. */
  part?: ParsedHeading
}

/** How a label takes a number: `required` (Chapter 5), `optional` (Interlude 2), `none`. */
type Numbering = 'required' | 'optional' | 'none'

interface LabelEntry {
  /** Lower-case spellings, matched case-insensitively. */
  words: string[]
  kind: ChapterKind | 'part'
  numbering: Numbering
  /**
   * Primary language subtags the words belong to. Absent: accepted in every book. Present: only
   * when the book's language is one of these, because the word is also an everyday word elsewhere
   * ("Del", "Parte", "Livre").
   */
  languages?: string[]
}

const LABELS: LabelEntry[] = [
  {
    words: [
      'chapter',
      'chap.',
      'chap',
      'ch.',
      'ch',
      'kapitel',
      'kapittel',
      'chapitre',
      'capítulo',
      'capitulo',
      'capitolo',
      'глава',
      'rozdział',
      'rozdzial',
      'hoofdstuk',
      'kapitola',
      'luku',
      'розділ',
      'פרק',
    ],
    kind: 'chapter',
    numbering: 'required',
  },
  // Chapter words that are everyday words too: "bölüm" (section, episode), "الفصل" (the season,
  // the class), "bab" (a door, in Malay and Indonesian also "chapter"), "chương".
  { words: ['bölüm'], kind: 'chapter', numbering: 'required', languages: ['tr'] },
  { words: ['الفصل', 'فصل'], kind: 'chapter', numbering: 'required', languages: ['ar', 'fa'] },
  { words: ['bab'], kind: 'chapter', numbering: 'required', languages: ['id', 'ms'] },
  { words: ['chương'], kind: 'chapter', numbering: 'required', languages: ['vi'] },
  { words: ['part', 'book', 'volume', 'vol.'], kind: 'part', numbering: 'required' },
  { words: ['teil', 'buch'], kind: 'part', numbering: 'required', languages: ['de'] },
  { words: ['del', 'bok'], kind: 'part', numbering: 'required', languages: ['sv', 'da', 'no', 'nb', 'nn'] },
  { words: ['partie', 'livre', 'tome'], kind: 'part', numbering: 'required', languages: ['fr'] },
  { words: ['parte', 'libro'], kind: 'part', numbering: 'required', languages: ['es', 'it', 'pt'] },
  { words: ['часть', 'книга', 'том'], kind: 'part', numbering: 'required', languages: ['ru', 'uk', 'bg'] },
  { words: ['część', 'księga', 'tom'], kind: 'part', numbering: 'required', languages: ['pl'] },
  { words: ['deel', 'boek'], kind: 'part', numbering: 'required', languages: ['nl'] },
  { words: ['livro'], kind: 'part', numbering: 'required', languages: ['pt'] },
  { words: ['частина'], kind: 'part', numbering: 'required', languages: ['uk'] },
  { words: ['kısım', 'kitap', 'cilt'], kind: 'part', numbering: 'required', languages: ['tr'] },
  { words: ['část', 'díl', 'kniha'], kind: 'part', numbering: 'required', languages: ['cs', 'sk'] },
  { words: ['الجزء', 'جزء', 'القسم', 'الكتاب'], kind: 'part', numbering: 'required', languages: ['ar'] },
  { words: ['חלק', 'ספר'], kind: 'part', numbering: 'required', languages: ['he'] },
  { words: ['bagian', 'buku', 'jilid'], kind: 'part', numbering: 'required', languages: ['id', 'ms'] },
  { words: ['phần', 'quyển', 'tập'], kind: 'part', numbering: 'required', languages: ['vi'] },
  {
    words: ['prologue', 'prolog', 'prólogo', 'prologo', 'пролог', 'proloog', 'פרולוג'],
    kind: 'prologue',
    numbering: 'optional',
  },
  {
    words: ['epilogue', 'epilog', 'épilogue', 'epílogo', 'epilogo', 'эпилог', 'епілог', 'epiloog', 'אפילוג'],
    kind: 'epilogue',
    numbering: 'optional',
  },
  { words: ['تمهيد', 'التمهيد'], kind: 'prologue', numbering: 'optional', languages: ['ar'] },
  { words: ['خاتمة', 'الخاتمة'], kind: 'epilogue', numbering: 'optional', languages: ['ar'] },
  { words: ['mở đầu'], kind: 'prologue', numbering: 'optional', languages: ['vi'] },
  { words: ['vĩ thanh'], kind: 'epilogue', numbering: 'optional', languages: ['vi'] },
  {
    words: ['interlude', 'intermission', 'interludio', 'zwischenspiel'],
    kind: 'interlude',
    numbering: 'optional',
  },
  { words: ['foreword', 'avant-propos'], kind: 'foreword', numbering: 'none' },
  {
    words: [
      'preface',
      'préface',
      'prefacio',
      'prefazione',
      'vorwort',
      'предисловие',
      'prefácio',
      'voorwoord',
      'передмова',
      'önsöz',
      'předmluva',
      'הקדמה',
      'kata pengantar',
      'lời nói đầu',
    ],
    kind: 'preface',
    numbering: 'none',
  },
  { words: ['مقدمة', 'المقدمة'], kind: 'preface', numbering: 'none', languages: ['ar'] },
  {
    words: [
      'introduction',
      'einleitung',
      'introducción',
      'introduzione',
      'введение',
      'introdução',
      'inleiding',
      'вступ',
      'pendahuluan',
    ],
    kind: 'introduction',
    numbering: 'none',
  },
  { words: ['giriş'], kind: 'introduction', numbering: 'none', languages: ['tr'] },
  { words: ['úvod'], kind: 'introduction', numbering: 'none', languages: ['cs', 'sk'] },
  // "Doslov" is "literally" in Croatian and Serbian.
  { words: ['doslov'], kind: 'afterword', numbering: 'none', languages: ['cs', 'sk'] },
  { words: ['מבוא'], kind: 'introduction', numbering: 'none', languages: ['he'] },
  {
    words: [
      'afterword',
      'nachwort',
      'postface',
      'послесловие',
      'posfácio',
      'nawoord',
      'післямова',
      'sonsöz',
      'אחרית דבר',
      'kata penutup',
      'lời bạt',
    ],
    kind: 'afterword',
    numbering: 'none',
  },
  {
    words: [
      'acknowledgments',
      'acknowledgements',
      'danksagung',
      'remerciements',
      'agradecimientos',
      'agradecimentos',
      'dankwoord',
      'подяки',
      'poděkování',
      'شكر وتقدير',
      'תודות',
      'ucapan terima kasih',
      'lời cảm ơn',
    ],
    kind: 'acknowledgments',
    numbering: 'none',
  },
  {
    words: ['dedication', 'widmung', 'dédicace', 'dedicatória', 'присвята', 'věnování', 'الإهداء', 'הקדשה'],
    kind: 'dedication',
    numbering: 'none',
  },
  {
    words: [
      'appendix',
      'anhang',
      'annexe',
      'apéndice',
      'apêndice',
      'bijlage',
      'додаток',
      'příloha',
      'נספח',
      'lampiran',
      'phụ lục',
    ],
    kind: 'appendix',
    numbering: 'optional',
  },
  {
    words: [
      "author's note",
      'author’s note',
      'authors note',
      "authors' note",
      "author's notes",
      'author’s notes',
      'authors notes',
      'glossary',
      'nota do autor',
      'nota da autora',
      'noot van de auteur',
      'від автора',
      'yazarın notu',
      'poznámka autora',
      'كلمة المؤلف',
      'ملاحظة المؤلف',
      'דבר המחבר',
      'הערת המחבר',
      'catatan penulis',
      'lời tác giả',
    ],
    kind: 'other',
    numbering: 'none',
  },
  {
    words: [
      'about the author',
      'about the authors',
      'über den autor',
      'über die autorin',
      "à propos de l'auteur",
      'à propos de l’auteur',
      'sobre el autor',
      'sobre la autora',
    ],
    kind: 'other',
    numbering: 'none',
  },
]

/** Longest spellings first, so "chapter" wins over "chap" and "ch". */
const SPELLINGS: Array<{ word: string; entry: LabelEntry }> = LABELS.flatMap((entry) =>
  entry.words.map((word) => ({ word, entry })),
).sort((a, b) => b.word.length - a.word.length)

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
}
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  двадцать: 20,
  тридцать: 30,
  сорок: 40,
  пятьдесят: 50,
}
const ORDINAL_UNITS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  // Russian ordinals, masculine, feminine and neuter ("Глава первая", "Часть вторая").
  первый: 1,
  первая: 1,
  первое: 1,
  второй: 2,
  вторая: 2,
  второе: 2,
  третий: 3,
  третья: 3,
  третье: 3,
  четвёртый: 4,
  четвёртая: 4,
  четвёртое: 4,
  четвертый: 4,
  четвертая: 4,
  четвертое: 4,
  пятый: 5,
  пятая: 5,
  пятое: 5,
  шестой: 6,
  шестая: 6,
  шестое: 6,
  седьмой: 7,
  седьмая: 7,
  седьмое: 7,
  восьмой: 8,
  восьмая: 8,
  восьмое: 8,
  девятый: 9,
  девятая: 9,
  девятое: 9,
  десятый: 10,
  десятая: 10,
  десятое: 10,
  одиннадцатый: 11,
  одиннадцатая: 11,
  одиннадцатое: 11,
  двенадцатый: 12,
  двенадцатая: 12,
  двенадцатое: 12,
  тринадцатый: 13,
  тринадцатая: 13,
  тринадцатое: 13,
  четырнадцатый: 14,
  четырнадцатая: 14,
  четырнадцатое: 14,
  пятнадцатый: 15,
  пятнадцатая: 15,
  пятнадцатое: 15,
  шестнадцатый: 16,
  шестнадцатая: 16,
  шестнадцатое: 16,
  семнадцатый: 17,
  семнадцатая: 17,
  семнадцатое: 17,
  восемнадцатый: 18,
  восемнадцатая: 18,
  восемнадцатое: 18,
  девятнадцатый: 19,
  девятнадцатая: 19,
  девятнадцатое: 19,
}
const ORDINAL_TENS: Record<string, number> = {
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
  двадцатый: 20,
  двадцатая: 20,
  двадцатое: 20,
  тридцатый: 30,
  тридцатая: 30,
  тридцатое: 30,
  сороковой: 40,
  сороковая: 40,
  сороковое: 40,
  пятидесятый: 50,
  пятидесятая: 50,
  пятидесятое: 50,
}

const ROMAN = /^M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/

/** Value of a Roman numeral written all upper- or all lower-case; undefined when malformed. */
export function romanValue(word: string): number | undefined {
  if (!word || (word !== word.toUpperCase() && word !== word.toLowerCase())) return undefined
  const upper = word.toUpperCase()
  if (!ROMAN.test(upper)) return undefined
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 }
  let total = 0
  for (let i = 0; i < upper.length; i++) {
    const v = values[upper[i]!]!
    const next = i + 1 < upper.length ? values[upper[i + 1]!]! : 0
    total += v < next ? -v : v
  }
  return total
}

interface NumberMatch {
  value: number
  /** Index in the line just after the number. */
  end: number
  /** Words of the book's language other than English: their case is the language's, kept. */
  spelled?: boolean
}

/**
 * English number words from `start`: "Twenty-Three", "One Hundred and Twelve", "One Thousand and
 * One", "the Twenty-Third". Returns the longest well-formed number.
 */
function parseNumberWords(line: string, start: number): NumberMatch | undefined {
  // Letters of any script: "twenty-first", "двадцать первая".
  const tokenRe = /\p{L}+/uy
  // Read tokens separated by one space or hyphen, remembering where each ends.
  const tokens: Array<{ word: string; end: number }> = []
  let at = start
  while (tokens.length < 12) {
    tokenRe.lastIndex = at
    const m = tokenRe.exec(line)
    if (!m) break
    tokens.push({ word: m[0].toLowerCase(), end: at + m[0].length })
    at += m[0].length
    const sep = line[at]
    if ((sep === ' ' || sep === '-') && /\p{L}/u.test(line[at + 1] ?? '')) at++
    else break
  }
  let i = 0
  if (tokens[0]?.word === 'the') i = 1
  let total = 0
  let group = 0
  let best: NumberMatch | undefined
  // What may come next: anything, a scale after a unit, a unit or scale after a tens word,
  // a fresh group after a scale ("hundred and twelve"), or nothing after an ordinal.
  let expect = 'any' as 'any' | 'afterUnit' | 'afterTens' | 'afterScale' | 'done'
  for (; i < tokens.length && expect !== 'done'; i++) {
    const { word, end } = tokens[i]!
    const isScale = word === 'hundred' || word === 'thousand' || word === 'hundredth' || word === 'thousandth'
    if (word === 'and') {
      if (expect !== 'afterScale') break
      continue
    }
    if (isScale) {
      if (expect !== 'afterUnit' && expect !== 'afterTens') break
      if (word.startsWith('hundred')) {
        if (group === 0 || group >= 100) break
        group *= 100
      } else {
        total += group * 1000
        group = 0
      }
      expect = word.endsWith('th') ? 'done' : 'afterScale'
    } else if (expect === 'any' || expect === 'afterScale') {
      if (Object.hasOwn(UNITS, word)) {
        group += UNITS[word]!
        expect = 'afterUnit'
      } else if (Object.hasOwn(TENS, word)) {
        group += TENS[word]!
        expect = 'afterTens'
      } else if (Object.hasOwn(ORDINAL_UNITS, word)) {
        group += ORDINAL_UNITS[word]!
        expect = 'done'
      } else if (Object.hasOwn(ORDINAL_TENS, word)) {
        group += ORDINAL_TENS[word]!
        expect = 'done'
      } else break
    } else if (expect === 'afterTens') {
      const unit = Object.hasOwn(UNITS, word) ? UNITS[word] : undefined
      const ordinal = Object.hasOwn(ORDINAL_UNITS, word) ? ORDINAL_UNITS[word] : undefined
      if (unit !== undefined && unit > 0 && unit < 10) {
        group += unit
        expect = 'afterUnit'
      } else if (ordinal !== undefined && ordinal < 10) {
        group += ordinal
        expect = 'done'
      } else break
    } else break
    best = { value: total + group, end }
  }
  return best
}

/**
 * Ordinals a chapter or part may be numbered with that the book's number words (`numberWordsFor`,
 * cardinals but for French's "premier") do not give: "Capítulo primero", "Capitolo primo",
 * "Deuxième partie" read as "Partie deuxième".
 */
const ORDINALS: Readonly<Record<string, readonly string[]>> = {
  fr: [
    'premier première un une',
    'deuxième second seconde',
    'troisième',
    'quatrième',
    'cinquième',
    'sixième',
    'septième',
    'huitième',
    'neuvième',
    'dixième',
  ],
  es: [
    'primero primera primer',
    'segundo segunda',
    'tercero tercera tercer',
    'cuarto cuarta',
    'quinto quinta',
    'sexto sexta',
    'séptimo séptima',
    'octavo octava',
    'noveno novena',
    'décimo décima',
  ],
  it: [
    'primo prima',
    'secondo seconda',
    'terzo terza',
    'quarto quarta',
    'quinto quinta',
    'sesto sesta',
    'settimo settima',
    'ottavo ottava',
    'nono nona',
    'decimo decima',
  ],
  de: [
    'eins erstes erste',
    'zweites zweite',
    'drittes dritte',
    'viertes vierte',
    'fünftes fünfte',
    'sechstes sechste',
    'siebtes siebte',
    'achtes achte',
    'neuntes neunte',
    'zehntes zehnte',
  ],
  pt: [
    'primeiro primeira',
    'segundo segunda',
    'terceiro terceira',
    'quarto quarta',
    'quinto quinta',
    'sexto sexta',
    'sétimo sétima',
    'oitavo oitava',
    'nono nona',
    'décimo décima',
  ],
  nl: ['één'],
  // Masculine and neuter ordinals ("Díl druhý"), and cardinals ("Kapitola jedna").
  cs: [
    'první jedna jeden',
    'druhý druhé dva dvě',
    'třetí tři',
    'čtvrtý čtvrté čtyři',
    'pátý páté pět',
    'šestý šesté šest',
    'sedmý sedmé sedm',
    'osmý osmé osm',
    'devátý deváté devět',
    'desátý desáté deset',
  ],
  id: [
    'pertama kesatu',
    'kedua',
    'ketiga',
    'keempat',
    'kelima',
    'keenam',
    'ketujuh',
    'kedelapan',
    'kesembilan',
    'kesepuluh',
  ],
  // Cardinals, masculine and feminine: "פרק אחד", "חלק שתיים".
  he: [
    'אחד אחת',
    'שניים שתיים שנים',
    'שלושה שלוש',
    'ארבעה ארבע',
    'חמישה חמש',
    'שישה שש',
    'שבעה שבע',
    'שמונה',
    'תשעה תשע',
    'עשרה עשר',
  ],
}

/**
 * Other spellings of a language's number words, read as well as the ones `numberWordsFor`
 * writes: Portugal's teens and Brazil's "quatorze", the south of Vietnam's "linh" and "bốn".
 */
const VARIANTS: Readonly<Record<string, (phrase: string) => string[]>> = {
  pt: (phrase) => [
    phrase.replace('catorze', 'quatorze'),
    phrase
      .replace('dezesseis', 'dezasseis')
      .replace('dezessete', 'dezassete')
      .replace('dezenove', 'dezanove'),
  ],
  vi: (phrase) => [phrase.replace(' lẻ ', ' linh '), phrase.replace(/ mươi tư$/, ' mươi bốn')],
}

/**
 * A word as the spelled-number tables hold it: lower case, one apostrophe (п'ять, пʼять and
 * п’ять alike), Turkish dotted and dotless i alike ("İKİ", "ALTI"), Arabic without short vowels
 * or tatweel, its alifs with hamza and its final ى written plain ("الاول", "الحادى عشر").
 */
function foldWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/['ʼ]/g, '’')
    .replace(/\u0307/g, '')
    .replace(/ı/g, 'i')
    .replace(/[\u064B-\u0652\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ى/g, 'ي')
}

/** Beyond this a chapter is numbered in figures: the spelled numbers read are those up to it. */
const SPELLED_MAX = 300

/** Per primary language: spelled number (words joined by single spaces, lower case) → value. */
const spelledByLanguage = new Map<string, ReadonlyMap<string, number> | undefined>()

function spelledNumbers(language: string): ReadonlyMap<string, number> | undefined {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? ''
  if (spelledByLanguage.has(primary)) return spelledByLanguage.get(primary)
  const words = numberWordsFor(primary)
  let table: Map<string, number> | undefined
  if (words) {
    table = new Map()
    const variants = VARIANTS[primary]
    const add = (phrase: string | undefined, value: number) => {
      if (!phrase) return
      for (const spelling of [phrase, ...(variants?.(phrase) ?? [])]) {
        const key = spelling
          .split(/[\s-]+/)
          .map(foldWord)
          .join(' ')
        if (!table!.has(key)) table!.set(key, value)
      }
    }
    for (let n = 1; n <= SPELLED_MAX; n++) {
      add(words(n, 'chapter'), n)
      add(words(n, 'part'), n)
      add(words(n), n)
    }
    ORDINALS[primary]?.forEach((forms, i) => {
      for (const form of forms.split(' ')) add(form, i + 1)
    })
  }
  spelledByLanguage.set(primary, table)
  return table
}

/**
 * The book language's spelled number at `start` ("premier", "vingt-trois", "dreiundzwanzig",
 * "veintitrés"): the longest run of up to six words that is one. Undefined for English (read by
 * `parseNumberWords`) and languages without number words.
 */
function parseSpelledNumber(line: string, start: number, language: string): NumberMatch | undefined {
  return readSpelled(line, start, spelledNumbers(language))
}

/** The longest run of up to six words at `start` that `table` holds (keys as `spelledNumbers` folds them). */
function readSpelled(
  line: string,
  start: number,
  table: ReadonlyMap<string, number> | undefined,
): NumberMatch | undefined {
  if (!table) return undefined
  // A word may hold an apostrophe: Ukrainian "п’ятий".
  const word = /\p{L}+(?:['’]\p{L}+)*/uy
  let at = start
  let phrase = ''
  let best: NumberMatch | undefined
  for (let count = 0; count < 6; count++) {
    word.lastIndex = at
    const m = word.exec(line)
    if (!m) break
    phrase = phrase ? `${phrase} ${foldWord(m[0])}` : foldWord(m[0])
    at += m[0].length
    const value = table.get(phrase)
    if (value !== undefined) best = { value, end: at, spelled: true }
    const sep = line[at]
    if ((sep === ' ' || sep === '-') && /\p{L}/u.test(line[at + 1] ?? '')) at++
    else break
  }
  return best
}

/**
 * Digits ("23", "05", "5.5", "#5", Arabic-Indic "٣"), Hebrew letters ("י״ב"), a Roman numeral,
 * or number words at `start`: English ones, or the book language's (`parseSpelledNumber`).
 */
function parseNumber(line: string, start: number, language = 'en'): NumberMatch | undefined {
  const digits = /#?([0-9٠-٩۰-۹]{1,5})(?:\.([0-9٠-٩۰-۹]{1,2})(?![0-9٠-٩۰-۹]))?/y
  digits.lastIndex = start
  const d = digits.exec(line)
  if (d) {
    // "5." is a number and a separator; "5.5" is a half chapter.
    const [whole, part] = [asciiDigits(d[1]!), d[2] === undefined ? undefined : asciiDigits(d[2])]
    const value = part !== undefined ? Number(`${whole}.${part}`) : Number(whole)
    return { value, end: start + d[0].length }
  }
  const hebrew = parseHebrewNumeral(line, start)
  if (hebrew) return hebrew
  const word = /\p{L}+/uy
  word.lastIndex = start
  const w = word.exec(line)
  if (!w) return undefined
  const roman = romanValue(w[0])
  if (roman !== undefined && roman > 0) {
    const after = line[start + w[0].length]
    // A Roman numeral is a whole word: "Iv" and "IVy" are not numbers.
    if (after === undefined || !/[\p{L}\p{N}]/u.test(after)) return { value: roman, end: start + w[0].length }
  }
  const english = parseNumberWords(line, start)
  const spelled = parseSpelledNumber(line, start, language)
  return spelled && (!english || spelled.end > english.end) ? spelled : english
}

/** Arabic-Indic digits ("٣", and the Persian forms "۳") as ASCII ones. */
function asciiDigits(digits: string): string {
  return digits.replace(/[٠-٩۰-۹]/g, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90))
}

/**
 * A number written in Hebrew letters, as Hebrew books number chapters: a letter and a geresh
 * ("פרק ה׳", "ה'"), letters with gershayim before the last ("פרק י״ב", "י\"ב"), or one letter
 * alone before the end or a separator ("פרק ב: השיבה"). Only the canonical spelling of a number
 * counts (15 is ט״ו, never י״ה), so a word is never read as one.
 */
function parseHebrewNumeral(line: string, start: number): NumberMatch | undefined {
  const m = /([\u05D0-\u05EA]{1,3})(?:(["\u05F4\u201D])([\u05D0-\u05EA]))?(['\u05F3\u2019])?/y
  m.lastIndex = start
  const found = m.exec(line)
  if (!found) return undefined
  const [, head, gershayim, last, geresh] = found
  const end = start + found[0].length
  if (/[\p{L}\p{N}]/u.test(line[end] ?? '')) return undefined
  let letters: string
  if (gershayim) {
    if (geresh) return undefined
    letters = head! + last!
  } else {
    if (head!.length !== 1) return undefined
    // A letter alone needs its geresh, or nothing but a separator after it.
    if (!geresh && !/^[ \t]*(?:$|[:.\-–—|,~)])/.test(line.slice(end))) return undefined
    letters = head!
  }
  const value = hebrewValue(letters)
  return value === undefined ? undefined : { value, end, spelled: true }
}

const HEBREW_FINALS: Readonly<Record<string, string>> = { ך: 'כ', ם: 'מ', ן: 'נ', ף: 'פ', ץ: 'צ' }

/** Hebrew letters as numerals (gematria): א–ט units, י–צ tens, ק–ת hundreds. */
const HEBREW_LETTER_VALUES = new Map<string, number>(
  [...'אבגדהוזחטיכלמנסעפצקרשת'].map((letter, i) => [letter, ((i % 9) + 1) * 10 ** Math.floor(i / 9)]),
)

/** The value of Hebrew numeral letters, when they are the number's canonical spelling (1–999). */
function hebrewValue(letters: string): number | undefined {
  const plain = [...letters].map((letter) => HEBREW_FINALS[letter] ?? letter).join('')
  let value = 0
  for (const letter of plain) {
    const v = HEBREW_LETTER_VALUES.get(letter)
    if (v === undefined) return undefined
    value += v
  }
  return value > 0 && value < 1000 && hebrewLetters(value) === plain ? value : undefined
}

/** The canonical letters of 1–999: ת repeated for the four hundreds, ט״ו and ט״ז for 15 and 16. */
function hebrewLetters(n: number): string {
  const letters = [...HEBREW_LETTER_VALUES.keys()]
  let out = 'ת'.repeat(Math.floor(n / 400))
  let rest = n % 400
  if (rest >= 100) {
    out += letters[17 + Math.floor(rest / 100)]!
    rest %= 100
  }
  if (rest === 15 || rest === 16) return `${out}ט${rest === 15 ? 'ו' : 'ז'}`
  if (rest >= 10) out += letters[8 + Math.floor(rest / 10)]!
  if (rest % 10) out += letters[(rest % 10) - 1]!
  return out
}

/** Separators between number and title: ":", ".", "-", "–", "—", "--", "|", ",", "،", "~", ")". */
const SEPARATOR = /[ \t]*(?:--|[:.\-–—|,،~)])[ \t]*/y

/** What can start a title that follows the number with only a space: "Chapter 5 The Reckoning". */
const TITLE_START = /[\p{Lu}\p{Lt}\p{N}"“'‘(«[]/u

interface Rest {
  ok: boolean
  title?: string
  titleColumn?: number
}

/**
 * Read what follows a label or number: end of line, a separator and a title, or (when
 * `spaceTitle`) whitespace and a capitalised title.
 */
function parseRest(line: string, at: number, spaceTitle: boolean): Rest {
  const rest = line.slice(at)
  if (rest.trim() === '') return { ok: true }
  SEPARATOR.lastIndex = at
  const sep = SEPARATOR.exec(line)
  let titleStart: number
  if (sep) {
    titleStart = at + sep[0].length
  } else {
    if (!spaceTitle || !/^[ \t]/.test(rest)) return { ok: false }
    titleStart = at + (rest.length - rest.trimStart().length)
    if (!TITLE_START.test(line[titleStart] ?? '')) return { ok: false }
  }
  const raw = line.slice(titleStart)
  const title = raw.trim()
  if (!title) return { ok: true }
  if (sep && continuesLabel(line, at, sep[0], title)) return { ok: false }
  const column = titleStart + (raw.length - raw.trimStart().length) + 1
  const inner = innerTitle(title, sep?.[0].trim() ?? '')
  if (inner.end <= inner.start) return { ok: true }
  return { ok: true, title: title.slice(inner.start, inner.end), titleColumn: column + inner.start }
}

/**
 * The title without what only frames it: the closing half of an ornament the separator opened
 * ("Chapter 5 ~The Fall~"), ornaments on both sides ("Chapter 5: ~ The Fall ~"), or brackets
 * around all of it ("Chapter 3 (Part 2)": the head says "Chapter 3: Part 2", not "Chapter 3: (Part 2)").
 */
function innerTitle(title: string, mark: string): { start: number; end: number } {
  let end = title.length
  if ((mark === '~' || mark === '-' || mark === '=') && title.endsWith(mark) && !title.startsWith(mark)) {
    while (end > 0 && (title[end - 1] === mark || title[end - 1] === ' ' || title[end - 1] === '\t')) end--
  }
  const cut = title.slice(0, end)
  const wrapped = unwrapTitle(cut)
  let start = wrapped.start
  end = wrapped.end
  const body = cut.slice(start, end)
  if (/^\([^()]+\)$/.test(body) || /^\[[^[\]]+\]$/.test(body)) {
    start++
    end--
    while (start < end && /\s/.test(cut[start]!)) start++
    while (end > start && /\s/.test(cut[end - 1]!)) end--
  }
  return { start, end }
}

/** Words that make a clause a sentence: "that was what…", "Harry decided". */
const VERB =
  /(?<![\p{L}'’])(?:was|were|is|are|am|had|has|have|did|does|do|said|says|thought|called|decided|came|went|got|would|could|should|will|can|must|might|knew|felt|looked|seemed)(?![\p{L}'’])/iu
/** A dash set off by spaces, then a lower-case word: a clause in parentheses ("- the bit I hate -"). */
const DASH_CLAUSE = /(?:\s[-–—]+|--)\s*\p{Ll}/u

/**
 * True when what follows the label reads as the rest of a sentence that opens with the label,
 * not as a title: the label glued to a word by a hyphen ("Epilogue-style endings", "Part
 * 2-the"), a clause between dashes ("Chapter 5 - she had read it twice - was her favourite."),
 * a comma going on to a full stop ("Dedication, Harry decided, was overrated."), or a lower-case
 * start going on to one, after a comma or dash ("Interlude, the bard called it, was…", "Book 3
 * - that was where…") or, with a verb, after a colon ("Prologue: that was what she called it.").
 * A lower-case title after a colon or dash with no full stop ("Chapter One: in which Pooh…",
 * "Chapter 3 — a beginning") and a capitalised one ending in one ("Prologue: The End of the
 * World.") stay titles.
 */
function continuesLabel(line: string, at: number, sep: string, title: string): boolean {
  const mark = sep.trim()
  // "Epilogue-style": no space before the hyphen and a word right after it.
  if (mark === '-' && sep === '-' && /\p{L}/u.test(line[at + 1] ?? '')) {
    if (/\p{L}/u.test(line[at - 1] ?? '') || /\p{Ll}/u.test(line[at + 1]!)) return true
  }
  const lower = /^\p{Ll}/u.test(title)
  const sentence = /[^.][.!?]["”’')]*$/u.test(title)
  if (DASH_CLAUSE.test(title) && (lower || sentence)) return true
  if (mark === ',') return sentence || lower
  if (lower && sentence) return mark !== ':' || VERB.test(title)
  return false
}

/** True when the title reads like prose rather than a heading: several sentences, or very long. */
function looksLikeProse(title: string): boolean {
  if (title.length > 120) return true
  // "Thanks for reading. See you soon!" has a sentence break inside it.
  return /[.!?]["”’']?\s+["“‘']?\p{Lu}/u.test(title) && title.split(/\s+/).length > 6
}

/** Ornaments set around a title, alike on both sides: "~ The End ~", "-The Fall-", "=*= Home =*=". */
const TITLE_ORNAMENT = /^([~=•·°+*-]{1,6})[ \t]*(\S.*?)[ \t]*([~=•·°+*-]{1,6})$/u

/**
 * The title inside the ornaments around it ("~ The End ~" → "The End"), as indices in `title`;
 * all of it when it has none. Asterisks alone are emphasis (`*The End*`), read as such later.
 *
 * @example
 *   unwrapTitle('~The Fall~') // { start: 1, end: 9 }
 */
export function unwrapTitle(title: string): { start: number; end: number } {
  const m = TITLE_ORNAMENT.exec(title)
  const [left, inner, right] = [m?.[1], m?.[2], m?.[3]]
  if (!m || !left || !inner || !right || [...left].reverse().join('') !== right)
    return { start: 0, end: title.length }
  if (/^\*+$/.test(left) || !/[\p{L}\p{N}]/u.test(inner)) return { start: 0, end: title.length }
  const start = title.indexOf(inner, left.length)
  return { start, end: start + inner.length }
}

function languageAllows(entry: LabelEntry, language: string): boolean {
  if (!entry.languages) return true
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? ''
  if (!primary || primary === 'und') return true
  return entry.languages.includes(primary)
}

// ---------------------------------------------------------------- Chinese, Japanese, Korean

/** Han numerals as Chinese and Japanese books write chapter numbers, with their formal forms. */
const HAN_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  壱: 1,
  壹: 1,
  二: 2,
  弐: 2,
  貳: 2,
  两: 2,
  兩: 2,
  三: 3,
  参: 3,
  參: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}
const HAN_SCALES: Readonly<Record<string, number>> = {
  十: 10,
  拾: 10,
  百: 100,
  千: 1000,
  万: 10000,
  萬: 10000,
}

/**
 * The value of a number written in Han numerals: "二十三" (23), "十二" (12), "百五" (105),
 * "一百零五" (105), or digit by digit "一〇五" (105). Undefined when malformed ("十十").
 *
 * @example
 *   hanValue('二十三') // 23
 */
export function hanValue(text: string): number | undefined {
  if (text === '' || text.length > 12) return undefined
  let positional = true
  for (const ch of text) if (!Object.hasOwn(HAN_DIGITS, ch)) positional = false
  if (positional) {
    let value = 0
    for (const ch of text) value = value * 10 + HAN_DIGITS[ch]!
    return text.length > 1 && HAN_DIGITS[text[0]!] === 0 ? undefined : value
  }
  let total = 0
  let section = 0
  let digit: number | undefined
  let lastScale = Number.POSITIVE_INFINITY
  for (const ch of text) {
    if (Object.hasOwn(HAN_DIGITS, ch)) {
      // Two digits in a row are only "zero, then a digit" ("一百零五").
      if (digit !== undefined && digit !== 0) return undefined
      digit = HAN_DIGITS[ch]!
      continue
    }
    const scale = HAN_SCALES[ch]
    if (scale === undefined) return undefined
    if (scale === 10_000) {
      total += (section + (digit ?? 0) || 1) * scale
      section = 0
      lastScale = Number.POSITIVE_INFINITY
    } else {
      if (scale >= lastScale || digit === 0) return undefined
      section += (digit ?? 1) * scale
      lastScale = scale
    }
    digit = undefined
  }
  const value = total + section + (digit ?? 0)
  return value > 0 ? value : undefined
}

/** ASCII digits, full-width digits ("１２") or Han numerals, as one number. */
function cjkNumber(text: string): number | undefined {
  const ascii = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
  if (/^\d{1,5}$/.test(ascii)) return Number(ascii)
  return hanValue(text)
}

/** The units a numbered CJK heading counts: 第一章, 第3話, 第二部, 제1장, 제2부. */
const CJK_UNITS: Readonly<Record<string, 'chapter' | 'part'>> = {
  章: 'chapter',
  話: 'chapter',
  话: 'chapter',
  回: 'chapter',
  節: 'chapter',
  节: 'chapter',
  幕: 'chapter',
  部: 'part',
  巻: 'part',
  卷: 'part',
  篇: 'part',
  장: 'chapter',
  화: 'chapter',
  부: 'part',
  권: 'part',
}

/** Chapter words of Chinese, Japanese and Korean books, each standing alone or before a title. */
const CJK_NAMED: ReadonlyArray<[string, ChapterKind]> = [
  ['プロローグ', 'prologue'],
  ['序章', 'prologue'],
  ['楔子', 'prologue'],
  ['프롤로그', 'prologue'],
  ['エピローグ', 'epilogue'],
  ['終章', 'epilogue'],
  ['终章', 'epilogue'],
  ['尾声', 'epilogue'],
  ['尾聲', 'epilogue'],
  ['에필로그', 'epilogue'],
  ['幕間', 'interlude'],
  ['間章', 'interlude'],
  ['まえがき', 'preface'],
  ['前書き', 'preface'],
  ['前言', 'preface'],
  ['あとがき', 'afterword'],
  ['後書き', 'afterword'],
  ['后记', 'afterword'],
  ['後記', 'afterword'],
  ['謝辞', 'acknowledgments'],
  ['致谢', 'acknowledgments'],
  ['致謝', 'acknowledgments'],
]

/**
 * A numbered CJK heading: 第 + number + unit ("第二十三章", "第3話", "第一部"), 제 + number + unit
 * ("제 1 장", "제2부"), or digits + unit ("12話", "3화"). The label keeps the frame with a
 * `{number}` slot ("第{number}章"), the numeral as written ("二十三").
 */
const CJK_NUMBERED =
  /(?:([第제])[ \t\u3000]*([0-9０-９〇零一壱壹二弐貳两兩三参參四五六七八九十拾百千万萬]{1,12})|([0-9０-９]{1,5}))[ \t\u3000]*([章話话回節节幕部巻卷篇장화부권])/y

/** What may follow a CJK label: the end, a space (ideographic or not), a separator, or a bracket opening the title. */
const CJK_AFTER = /[ \t\u3000]*(?:[:：.．、,，|｜\-–—]+[ \t\u3000]*)?/y

function parseCjk(line: string, lead: number): ParsedHeading | undefined {
  // Every CJK heading starts with a digit or a character from U+3000 on (第, 제, kana, Hangul,
  // full-width digits): any other line, nearly every line readers ask about, is not read here.
  const first = line.charCodeAt(lead)
  if (first < 0x3000 && (first < 0x30 || first > 0x39)) return undefined
  CJK_NUMBERED.lastIndex = lead
  const m = CJK_NUMBERED.exec(line)
  let kind: ParsedHeading['kind']
  let label: string
  let number: number | undefined
  let numeral: string | undefined
  let end: number
  if (m) {
    numeral = m[2] ?? m[3]!
    number = cjkNumber(numeral)
    if (number === undefined) return undefined
    kind = CJK_UNITS[m[4]!]!
    const numeralAt = m.index + m[0].indexOf(numeral, m[1] ? 1 : 0)
    label = `${line.slice(lead, numeralAt)}{number}${line.slice(numeralAt + numeral.length, m.index + m[0].length)}`
    end = m.index + m[0].length
  } else {
    const named = CJK_NAMED.find(([word]) => line.startsWith(word, lead))
    if (!named) return undefined
    ;[label, kind] = named
    end = lead + label.length
  }
  CJK_AFTER.lastIndex = end
  const gap = CJK_AFTER.exec(line)![0]
  const titleAt = end + gap.length
  const raw = line.slice(titleAt).trimEnd()
  // "第一章が終わった。" runs on into a sentence: a title needs a space, a separator or a bracket first.
  if (raw !== '' && gap === '' && !/^[「『【〈《（(〔[“"]/.test(raw)) return undefined
  // Digits without 第 or 제 ("12話", "3화") are a heading only before a space or nothing:
  // "3回、" and "2部屋" start sentences.
  if (m && !m[1] && (!/[話话화章장]/.test(m[4]!) || (raw !== '' && !/^[ \t\u3000]+$/.test(gap))))
    return undefined
  // A sentence is not a title: too long, or ending in a full stop.
  if (raw.length > 60 || /[。．.]$/.test(raw)) return undefined
  const rest: Rest = raw === '' ? { ok: true } : { ok: true, title: raw, titleColumn: titleAt + 1 }
  return build(kind, label, number, rest, numeral)
}

/** Parse one line; `undefined` when it is not a heading. `language` is the book's BCP 47 tag. */
export function parseHeading(line: string, language = 'en'): ParsedHeading | undefined {
  if (typeof line !== 'string' || line.length > 500) return undefined
  // Right-to-left text may carry invisible direction marks (RLM, LRM, the Arabic letter mark)
  // around its digits: read as spaces, which keeps every column where it was.
  if (/[\u200E\u200F\u061C]/.test(line)) line = line.replace(/[\u200E\u200F\u061C]/g, ' ')
  const plain = parseUndecorated(line, language)
  if (plain) return plain
  // "~*~ Chapter 3 ~*~", "=== Chapter 3: The Storm ===", "[Chapter 3] The Storm": the heading
  // inside its ornaments, read with them made spaces (its title's column stays right).
  const bare = undecorated(line)
  return bare === undefined ? undefined : parseUndecorated(bare, language)
}

/** Characters fan-fiction writers put around a chapter heading, on both sides alike. */
const ORNAMENT = /^([ \t]*)([~*=#_+•·°-]{1,12})([ \t]*)(\S.*?\S|\S)([ \t]*)([~*=#_+•·°-]{1,12})[ \t]*$/u
/** A label and number in brackets, then the title: "[Chapter 3] The Storm". */
const BRACKETED = /^([ \t]*)\[([^\]]{1,40})\](.*)$/u

/** The line with the ornaments around its heading made spaces, or undefined when it has none. */
function undecorated(line: string): string | undefined {
  const m = ORNAMENT.exec(line)
  if (m && !/^[~*=#_+•·°\-\s]+$/u.test(m[4]!)) {
    const [, a, left, b, inner, c, right] = m
    return `${a}${' '.repeat(left!.length)}${b}${inner}${c}${' '.repeat(right!.length)}`
  }
  const k = BRACKETED.exec(line)
  if (k) return `${k[1]} ${k[2]} ${k[3]}`
  return undefined
}

function parseUndecorated(line: string, language: string): ParsedHeading | undefined {
  const lead = line.length - line.trimStart().length
  if (lead === line.length) return undefined
  const cjk = parseCjk(line, lead)
  if (cjk) return cjk
  const lower = line.toLowerCase()

  for (const { word, entry } of SPELLINGS) {
    if (!lower.startsWith(word, lead)) continue
    const after = lead + word.length
    const next = line[after]
    // The label must end at a word boundary: "Chapters", "Partial", "Booking" are not labels.
    if (next !== undefined && /[\p{L}\p{N}'’]/u.test(next) && !word.endsWith('.')) {
      if (!(/[0-9٠-٩۰-۹]/.test(next) && entry.numbering !== 'none')) continue
    }
    if (!languageAllows(entry, language)) continue
    const label = line.slice(lead, after)
    const heading = parseAfterLabel(line, after, label, entry, language)
    if (heading?.kind === 'part' && heading.title !== undefined && heading.titleColumn !== undefined) {
      // "Part Two, Chapter Three", "Book 1, Chapter 3": the chapter, in its part.
      const at = heading.titleColumn - 1
      const inner = parseUndecorated(' '.repeat(at) + line.slice(at), language)
      if (inner && inner.kind !== 'part' && inner.label !== undefined) {
        const { title: _, titleColumn: __, ...part } = heading
        return { ...inner, part }
      }
    }
    if (heading) return heading
  }
  return parseNumberFirst(line, lead, language) ?? parseBareNumber(line, lead)
}

function parseAfterLabel(
  line: string,
  after: number,
  label: string,
  entry: LabelEntry,
  language: string,
): ParsedHeading | undefined {
  const spaces = /[ \t]*/y
  spaces.lastIndex = after
  const numberAt = after + (spaces.exec(line)?.[0].length ?? 0)

  if (entry.numbering !== 'none') {
    const number =
      numberAt > after || /[0-9٠-٩۰-۹]/.test(line[after] ?? '')
        ? parseNumber(line, numberAt, language)
        : undefined
    if (number) {
      // "Chapter 5 of 20: The Fall": the count of chapters is no part of the title.
      const of = /[ \t]+of[ \t]+/iy
      of.lastIndex = number.end
      const total = of.exec(line) ? parseNumber(line, of.lastIndex, language) : undefined
      const restAt =
        total && /^(?:[ \t]*$|[ \t]*(?:--|[:.\-–—|,~)]))/.test(line.slice(total.end)) ? total.end : number.end
      const rest = parseRest(line, restAt, true)
      if (!rest.ok) return undefined
      if (entry.kind === 'other' && rest.title && looksLikeProse(rest.title)) return undefined
      const numeral = line.slice(numberAt, number.end).replace(/^#/, '')
      return build(entry.kind, label, number.value, rest, numeral, number.spelled)
    }
    if (entry.kind === 'appendix') {
      // "Appendix A: Maps": the letter belongs to the label, there is no number.
      const letter = /([A-Z])(?![\p{L}\p{N}])/uy
      letter.lastIndex = numberAt
      const m = numberAt > after ? letter.exec(line) : null
      if (m) {
        const rest = parseRest(line, numberAt + 1, false)
        if (rest.ok) return build(entry.kind, line.slice(after - label.length, numberAt + 1), undefined, rest)
      }
    }
    if (entry.numbering === 'required') return undefined
  }
  const rest = parseRest(line, after, false)
  if (!rest.ok) return undefined
  if (rest.title && looksLikeProse(rest.title)) return undefined
  if (entry.kind === 'other' && rest.title && (rest.title.length > 60 || /[.!?]$/.test(rest.title)))
    return undefined
  return build(entry.kind, label, undefined, rest)
}

// ---------------------------------------------------------------- number, then label

/**
 * Languages that write the number before the label, as an ordinal: "1. Bölüm", "Birinci Bölüm"
 * (Turkish), "1. fejezet", "Első fejezet", "IV. rész" (Hungarian), "1. luku" (Finnish),
 * "1. peatükk" (Estonian), "1. nodaļa" (Latvian), "1 skyrius" (Lithuanian, whose ordinal
 * figures take no period). A figure takes the period where the language writes one.
 */
const NUMBER_FIRST: Readonly<
  Record<string, { chapter: readonly string[]; part: readonly string[]; period: boolean }>
> = {
  tr: { chapter: ['bölüm'], part: ['kısım', 'kitap', 'cilt'], period: true },
  hu: { chapter: ['fejezet'], part: ['rész', 'könyv'], period: true },
  fi: { chapter: ['luku'], part: ['osa'], period: true },
  et: { chapter: ['peatükk'], part: ['osa'], period: true },
  lv: { chapter: ['nodaļa'], part: ['daļa'], period: true },
  lt: { chapter: ['skyrius'], part: ['dalis'], period: false },
}

const TR_ORDINAL: Readonly<Record<string, string>> = {
  bir: 'birinci',
  iki: 'ikinci',
  üç: 'üçüncü',
  dört: 'dördüncü',
  beş: 'beşinci',
  altı: 'altıncı',
  yedi: 'yedinci',
  sekiz: 'sekizinci',
  dokuz: 'dokuzuncu',
  on: 'onuncu',
  yirmi: 'yirminci',
  otuz: 'otuzuncu',
  kırk: 'kırkıncı',
  elli: 'ellinci',
  altmış: 'altmışıncı',
  yetmiş: 'yetmişinci',
  seksen: 'sekseninci',
  doksan: 'doksanıncı',
  yüz: 'yüzüncü',
}

const HU_UNITS = [
  '',
  'egyedik',
  'kettedik',
  'harmadik',
  'negyedik',
  'ötödik',
  'hatodik',
  'hetedik',
  'nyolcadik',
  'kilencedik',
]
const HU_TENS = [
  '',
  'tizen',
  'huszon',
  'harminc',
  'negyven',
  'ötven',
  'hatvan',
  'hetven',
  'nyolcvan',
  'kilencven',
]
const HU_TENTHS = [
  '',
  'tizedik',
  'huszadik',
  'harmincadik',
  'negyvenedik',
  'ötvenedik',
  'hatvanadik',
  'hetvenedik',
  'nyolcvanadik',
  'kilencvenedik',
]

/** Ordinals up to ten (nineteen in Finnish) where the language's are not made by a rule here. */
const FIRST_ORDINALS: Readonly<Record<string, readonly string[]>> = {
  fi: [
    'ensimmäinen',
    'toinen',
    'kolmas',
    'neljäs',
    'viides',
    'kuudes',
    'seitsemäs',
    'kahdeksas',
    'yhdeksäs',
    'kymmenes',
    'yhdestoista',
    'kahdestoista',
    'kolmastoista',
    'neljästoista',
    'viidestoista',
    'kuudestoista',
    'seitsemästoista',
    'kahdeksastoista',
    'yhdeksästoista',
  ],
  et: ['esimene', 'teine', 'kolmas', 'neljas', 'viies', 'kuues', 'seitsmes', 'kaheksas', 'üheksas', 'kümnes'],
  // Feminine, as "nodaļa" and "daļa" are.
  lv: ['pirmā', 'otrā', 'trešā', 'ceturtā', 'piektā', 'sestā', 'septītā', 'astotā', 'devītā', 'desmitā'],
}

/** Lithuanian ordinals, read only: masculine for "skyrius", feminine for "dalis", plain and definite. */
const LT_ORDINALS = [
  'pirmas pirmasis pirma pirmoji',
  'antras antrasis antra antroji',
  'trečias trečiasis trečia trečioji',
  'ketvirtas ketvirtasis ketvirta ketvirtoji',
  'penktas penktasis penkta penktoji',
  'šeštas šeštasis šešta šeštoji',
  'septintas septintasis septinta septintoji',
  'aštuntas aštuntasis aštunta aštuntoji',
  'devintas devintasis devinta devintoji',
  'dešimtas dešimtasis dešimta dešimtoji',
]

/**
 * The ordinal a label written after its number takes, in words and lower case: "birinci",
 * "yirmi üçüncü" (Turkish, to 300), "első", "huszonegyedik" (Hungarian, to 99), "ensimmäinen"
 * (Finnish, to 19), Estonian and Latvian to ten. Undefined beyond, and for other languages.
 *
 * @example
 *   ordinalBefore(23, 'tr') // 'yirmi üçüncü'
 */
export function ordinalBefore(n: number, language: string): string | undefined {
  if (!Number.isInteger(n) || n < 1) return undefined
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? ''
  if (primary === 'tr') {
    const cardinal = n <= SPELLED_MAX ? numberWordsFor('tr')?.(n) : undefined
    if (!cardinal) return undefined
    const words = cardinal.split(' ')
    const last = TR_ORDINAL[words.pop()!]
    return last ? [...words, last].join(' ') : undefined
  }
  if (primary === 'hu') {
    if (n > 99) return undefined
    if (n <= 2) return n === 1 ? 'első' : 'második'
    const tens = Math.floor(n / 10)
    const units = n % 10
    return units === 0 ? HU_TENTHS[tens] : HU_TENS[tens]! + HU_UNITS[units]!
  }
  return FIRST_ORDINALS[primary]?.[n - 1]
}

/** Per primary language: ordinal before a label (folded as `spelledNumbers` folds) → value. */
const ordinalsByLanguage = new Map<string, ReadonlyMap<string, number>>()

function ordinalsBefore(primary: string): ReadonlyMap<string, number> {
  const known = ordinalsByLanguage.get(primary)
  if (known) return known
  const table = new Map<string, number>()
  const add = (phrase: string, value: number) => {
    const key = phrase.split(/\s+/).map(foldWord).join(' ')
    if (!table.has(key)) table.set(key, value)
  }
  for (let n = 1; n <= SPELLED_MAX; n++) {
    const phrase = ordinalBefore(n, primary)
    if (phrase) add(phrase, n)
  }
  if (primary === 'lt')
    LT_ORDINALS.forEach((forms, i) => {
      for (const form of forms.split(' ')) add(form, i + 1)
    })
  ordinalsByLanguage.set(primary, table)
  return table
}

/**
 * How a language writes a label after its number, or undefined when it writes it before: whether
 * a figure takes a period ("1. Bölüm", but "1 skyrius"). For the `labels` transform, which
 * rewrites such a label's numeral.
 */
export function numberFirst(language: string): { period: boolean } | undefined {
  const entry = NUMBER_FIRST[language.toLowerCase().split(/[-_]/)[0] ?? '']
  return entry ? { period: entry.period } : undefined
}

/**
 * "1. Bölüm", "IV. rész", "Birinci Bölüm: Başlangıç", "1 skyrius": an ordinal, then the label,
 * in a book whose language writes them so. The label keeps the frame as written with a
 * `{number}` slot ("{number}. Bölüm"), as Chinese and Japanese labels do, so it prints back the
 * same; the numeral is kept as written ("1", "IV", "Birinci").
 */
function parseNumberFirst(line: string, lead: number, language: string): ParsedHeading | undefined {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? ''
  const words = NUMBER_FIRST[primary]
  if (!words) return undefined
  const figure = /(\d{1,3}|[IVXLCDM]{1,8})(\.?)(?=[ \t])/y
  figure.lastIndex = lead
  const m = figure.exec(line)
  let value: number | undefined
  let numeral: string
  let at: number
  let period = ''
  if (m) {
    if (words.period && !m[2]) return undefined
    value = /\d/.test(m[1]!) ? Number(m[1]) : romanValue(m[1]!)
    numeral = m[1]!
    period = m[2]!
    at = lead + m[0].length
  } else {
    const spelled = readSpelled(line, lead, ordinalsBefore(primary))
    if (!spelled) return undefined
    value = spelled.value
    numeral = line.slice(lead, spelled.end)
    at = spelled.end
  }
  if (!value) return undefined
  const word = /[ \t]+(\p{L}+)/uy
  word.lastIndex = at
  const w = word.exec(line)
  if (!w) return undefined
  const folded = foldWord(w[1]!)
  const kind = words.chapter.some((x) => foldWord(x) === folded)
    ? 'chapter'
    : words.part.some((x) => foldWord(x) === folded)
      ? 'part'
      : undefined
  if (!kind) return undefined
  const end = at + w[0].length
  // "1. Bölüm'de…" ("in chapter 1"): a suffix after an apostrophe makes it a sentence.
  if (/^['’]\p{L}/u.test(line.slice(end, end + 2)) || /\p{N}/u.test(line[end] ?? '')) return undefined
  const rest = parseRest(line, end, true)
  if (!rest.ok || (rest.title && looksLikeProse(rest.title))) return undefined
  return build(kind, `{number}${period} ${w[1]}`, value, rest, numeral, true)
}

/**
 * "23", "23.", "XXIII.", "12. The Title": a number standing alone as a chapter heading. Four
 * digits are a year ("1984"), more likely a title than a chapter number.
 */
function parseBareNumber(line: string, lead: number): ParsedHeading | undefined {
  const m = /(\d{1,3}|[IVXLCDM]+)(?![\p{L}\p{N}])/uy
  m.lastIndex = lead
  const found = m.exec(line)
  if (!found) return undefined
  const token = found[1]!
  // A lone capital such as "C", "D", "L" or "M" is more likely a title (or a letter) than
  // chapter 100; only I, V and X are common enough as bare chapter numbers. A lone digit is a
  // number ("7", "3. The Storm"): where it may be prose (a countdown inside a chapter), the
  // caller asks for more (`text/split.ts` wants a run counting up).
  if (token.length === 1 && /[LCDM]/.test(token)) return undefined
  const value = /\d/.test(token) ? Number(token) : romanValue(token)
  if (value === undefined || value <= 0) return undefined
  const end = lead + token.length
  const rest = line.slice(end)
  if (/^\s*\.?\s*$/.test(rest)) return { kind: 'chapter', number: value, numeral: token }
  // "12. The Title" / "IV: The Title": a separator is required, and a title that reads like a heading.
  const sep = /^([.:]|\s+[-–—]|\s*--)\s+/.exec(rest)
  if (!sep) return undefined
  const start = end + sep[0].length
  const title = line.slice(start).trim()
  if (!title || !TITLE_START.test(title[0]!) || looksLikeProse(title) || title.split(/\s+/).length > 10)
    return undefined
  if (/[.!?,;]$/.test(title) && title.split(/\s+/).length > 3) return undefined
  return { kind: 'chapter', number: value, numeral: token, title, titleColumn: start + 1 }
}

function build(
  kind: ParsedHeading['kind'],
  label: string,
  number: number | undefined,
  rest: Rest,
  numeral?: string,
  keepCase = false,
): ParsedHeading {
  const heading: ParsedHeading = { kind, label }
  if (number !== undefined) heading.number = number
  // "chapter one" prints as "Chapter One": the label is set in title case, so are its words. Other
  // languages' keep theirs: "Chapitre premier", "Capítulo primero".
  if (numeral !== undefined)
    heading.numeral =
      !keepCase && /^[a-z]+(?:[ -][a-z]+)*$/.test(numeral) && romanValue(numeral) === undefined
        ? capitalizeWords(numeral)
        : numeral
  if (rest.title !== undefined) {
    heading.title = rest.title
    heading.titleColumn = rest.titleColumn
  }
  return heading
}

/** "twenty-three" → "Twenty-Three", "one hundred and one" → "One Hundred and One". */
function capitalizeWords(words: string): string {
  return words.replace(/[a-z]+/g, (w) => (w === 'and' || w === 'the' ? w : w[0]!.toUpperCase() + w.slice(1)))
}
