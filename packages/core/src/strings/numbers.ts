/**
 * Chapter and part numbers in words, in the book's language, for `labels: words` ("Chapitre
 * vingt-trois", "Глава двадцать третья", "Rozdział dwudziesty trzeci"). Each language writes
 * them the way its books do: words in lower case after the label (English capitalises them,
 * "Chapter Twenty-Three"); ordinals where the language calls chapters so (Russian and Polish
 * always, French for the first: "Chapitre premier", "Première partie" reads as "Partie première"
 * here, the label coming first in every language), agreeing with the label's gender (Russian
 * "глава" and "часть", Polish "część" are feminine, "rozdział" masculine; Ukrainian "розділ"
 * masculine, "частина" feminine; Czech "kapitola" and "část" both feminine). Integers from 1 to
 * 999,999 (Russian, Polish, Ukrainian and Czech ordinals and Hebrew: 1 to 999; Arabic ordinals:
 * 1 to 100); anything else is undefined, and the label keeps its digits. Portuguese, Dutch,
 * Turkish, Indonesian and Vietnamese books number chapters with cardinals ("Capítulo vinte e
 * três", "Bölüm yirmi üç"); Arabic with ordinals ("الفصل الثالث والعشرون"); Hebrew with ordinals
 * up to ten, cardinals after ("פרק שלישי", "פרק עשרים ושלושה"). Japanese and Chinese write Han
 * numerals inside their label ("第二十三章"), each in its own way ("百五" and "一百零五"), from
 * 1 to 9,999. English, whose words are title case, has its own in `model/labels.ts`.
 */
/** What is being numbered: the word's gender follows it in some languages. */
export type NumberedUnit = 'chapter' | 'part'

/** A number in words for a label, or undefined when the language cannot spell it. */
export type NumberWords = (n: number, unit?: NumberedUnit) => string | undefined

const inRange = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max

/** Thousands for the languages that write them as `<count> <word>`, the count spelled by `below1000`. */
function withThousands(
  n: number,
  below1000: (v: number) => string,
  thousand: (count: number) => string,
  join: (head: string, rest: string) => string,
): string {
  if (n < 1000) return below1000(n)
  const head = thousand(Math.floor(n / 1000))
  const rest = n % 1000
  return rest === 0 ? head : join(head, below1000(rest))
}

// ---------------------------------------------------------------- French

const FR_UNITS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
]
const FR_TENS = [
  '',
  '',
  'vingt',
  'trente',
  'quarante',
  'cinquante',
  'soixante',
  'soixante',
  'quatre-vingt',
  'quatre-vingt',
]

function frBelow100(v: number): string {
  if (v < 20) return FR_UNITS[v]!
  const ten = Math.floor(v / 10)
  // 70–79 and 90–99 count on from 60 and 80: soixante-douze, quatre-vingt-quinze.
  const unit = ten === 7 || ten === 9 ? (v % 10) + 10 : v % 10
  if (unit === 0) return ten === 8 ? 'quatre-vingts' : FR_TENS[ten]!
  if ((unit === 1 || unit === 11) && ten !== 8 && ten !== 9) return `${FR_TENS[ten]} et ${FR_UNITS[unit]}`
  return `${FR_TENS[ten]}-${FR_UNITS[unit]}`
}

function frBelow1000(v: number): string {
  const hundreds = Math.floor(v / 100)
  const rest = v % 100
  if (hundreds === 0) return frBelow100(rest)
  const head = hundreds === 1 ? 'cent' : `${FR_UNITS[hundreds]} cent${rest === 0 ? 's' : ''}`
  return rest === 0 ? head : `${head} ${frBelow100(rest)}`
}

const french: NumberWords = (n, unit = 'chapter') => {
  if (!inRange(n, 999_999)) return undefined
  if (n === 1) return unit === 'part' ? 'première' : 'premier'
  return withThousands(
    n,
    // "quatre-vingts" and "deux cents" lose their s before "mille": quatre-vingt mille.
    frBelow1000,
    (count) => (count === 1 ? 'mille' : `${frBelow1000(count).replace(/(vingt|cent)s$/, '$1')} mille`),
    (head, rest) => `${head} ${rest}`,
  )
}

// ---------------------------------------------------------------- German

const DE_UNITS = [
  '',
  'eins',
  'zwei',
  'drei',
  'vier',
  'fünf',
  'sechs',
  'sieben',
  'acht',
  'neun',
  'zehn',
  'elf',
  'zwölf',
  'dreizehn',
  'vierzehn',
  'fünfzehn',
  'sechzehn',
  'siebzehn',
  'achtzehn',
  'neunzehn',
]
const DE_TENS = [
  '',
  '',
  'zwanzig',
  'dreißig',
  'vierzig',
  'fünfzig',
  'sechzig',
  'siebzig',
  'achtzig',
  'neunzig',
]

function deBelow1000(v: number, final: boolean): string {
  const hundreds = Math.floor(v / 100)
  const rest = v % 100
  let out = hundreds ? `${hundreds === 1 ? 'ein' : DE_UNITS[hundreds]}hundert` : ''
  if (rest > 0) {
    if (rest < 20) out += rest === 1 && !final ? 'ein' : DE_UNITS[rest]
    else {
      const unit = rest % 10
      out += unit
        ? `${unit === 1 ? 'ein' : DE_UNITS[unit]}und${DE_TENS[Math.floor(rest / 10)]}`
        : DE_TENS[rest / 10]
    }
  }
  return out
}

const german: NumberWords = (n) =>
  inRange(n, 999_999)
    ? withThousands(
        n,
        (v) => deBelow1000(v, true),
        (count) => `${deBelow1000(count, false)}tausend`,
        (head, rest) => head + rest,
      )
    : undefined

// ---------------------------------------------------------------- Spanish

const ES_UNITS = [
  '',
  'uno',
  'dos',
  'tres',
  'cuatro',
  'cinco',
  'seis',
  'siete',
  'ocho',
  'nueve',
  'diez',
  'once',
  'doce',
  'trece',
  'catorce',
  'quince',
  'dieciséis',
  'diecisiete',
  'dieciocho',
  'diecinueve',
  'veinte',
  'veintiuno',
  'veintidós',
  'veintitrés',
  'veinticuatro',
  'veinticinco',
  'veintiséis',
  'veintisiete',
  'veintiocho',
  'veintinueve',
]
const ES_TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa']
const ES_HUNDREDS = [
  '',
  'ciento',
  'doscientos',
  'trescientos',
  'cuatrocientos',
  'quinientos',
  'seiscientos',
  'setecientos',
  'ochocientos',
  'novecientos',
]

function esBelow1000(v: number): string {
  if (v === 100) return 'cien'
  const hundreds = Math.floor(v / 100)
  const rest = v % 100
  const words: string[] = hundreds ? [ES_HUNDREDS[hundreds]!] : []
  if (rest > 0 && rest < 30) words.push(ES_UNITS[rest]!)
  else if (rest >= 30)
    words.push(rest % 10 ? `${ES_TENS[Math.floor(rest / 10)]} y ${ES_UNITS[rest % 10]}` : ES_TENS[rest / 10]!)
  return words.join(' ')
}

const spanish: NumberWords = (n) =>
  inRange(n, 999_999)
    ? withThousands(
        n,
        esBelow1000,
        // "veintiún mil", "un mil" is just "mil".
        (count) =>
          count === 1
            ? 'mil'
            : `${esBelow1000(count)
                .replace(/veintiuno$/, 'veintiún')
                .replace(/uno$/, 'un')} mil`,
        (head, rest) => `${head} ${rest}`,
      )
    : undefined

// ---------------------------------------------------------------- Italian

const IT_UNITS = [
  '',
  'uno',
  'due',
  'tre',
  'quattro',
  'cinque',
  'sei',
  'sette',
  'otto',
  'nove',
  'dieci',
  'undici',
  'dodici',
  'tredici',
  'quattordici',
  'quindici',
  'sedici',
  'diciassette',
  'diciotto',
  'diciannove',
]
const IT_TENS = [
  '',
  '',
  'venti',
  'trenta',
  'quaranta',
  'cinquanta',
  'sessanta',
  'settanta',
  'ottanta',
  'novanta',
]

function itBelow1000(v: number): string {
  const hundreds = Math.floor(v / 100)
  const rest = v % 100
  let out = hundreds ? `${hundreds === 1 ? '' : IT_UNITS[hundreds]}cento` : ''
  if (rest > 0) {
    let small: string
    if (rest < 20) small = IT_UNITS[rest]!
    else {
      const unit = rest % 10
      const tens = IT_TENS[Math.floor(rest / 10)]!
      // The tens drop their vowel before uno and otto: ventuno, trentotto.
      small =
        unit === 0
          ? tens
          : unit === 1 || unit === 8
            ? tens.slice(0, -1) + IT_UNITS[unit]
            : tens + IT_UNITS[unit]
    }
    out += small
  }
  return out
}

const italian: NumberWords = (n) => {
  if (!inRange(n, 999_999)) return undefined
  const words = withThousands(
    n,
    itBelow1000,
    (count) => (count === 1 ? 'mille' : `${itBelow1000(count)}mila`),
    (head, rest) => head + rest,
  )
  // A final "tre" in a compound is stressed and written so: ventitré, centotré.
  return words !== 'tre' && words.endsWith('tre') ? `${words.slice(0, -3)}tré` : words
}

// ---------------------------------------------------------------- Swedish

const SV_UNITS = [
  '',
  'ett',
  'två',
  'tre',
  'fyra',
  'fem',
  'sex',
  'sju',
  'åtta',
  'nio',
  'tio',
  'elva',
  'tolv',
  'tretton',
  'fjorton',
  'femton',
  'sexton',
  'sjutton',
  'arton',
  'nitton',
]
const SV_TENS = ['', '', 'tjugo', 'trettio', 'fyrtio', 'femtio', 'sextio', 'sjuttio', 'åttio', 'nittio']

function svBelow1000(v: number): string {
  const hundreds = Math.floor(v / 100)
  const rest = v % 100
  let out = hundreds ? `${SV_UNITS[hundreds]}hundra` : ''
  if (rest > 0) out += rest < 20 ? SV_UNITS[rest] : SV_TENS[Math.floor(rest / 10)]! + SV_UNITS[rest % 10]
  return out
}

const swedish: NumberWords = (n) =>
  inRange(n, 999_999)
    ? withThousands(
        n,
        svBelow1000,
        (count) => `${svBelow1000(count)}tusen`,
        (head, rest) => head + rest,
      )
    : undefined

// ---------------------------------------------------------------- Russian (feminine ordinals)

const RU_TENS = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
]
const RU_HUNDREDS = [
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
]
/** "глава" and "часть" are feminine: первая, двадцать третья. */
const RU_ORDINAL_UNITS = [
  '',
  'первая',
  'вторая',
  'третья',
  'четвёртая',
  'пятая',
  'шестая',
  'седьмая',
  'восьмая',
  'девятая',
  'десятая',
  'одиннадцатая',
  'двенадцатая',
  'тринадцатая',
  'четырнадцатая',
  'пятнадцатая',
  'шестнадцатая',
  'семнадцатая',
  'восемнадцатая',
  'девятнадцатая',
]
const RU_ORDINAL_TENS = [
  '',
  '',
  'двадцатая',
  'тридцатая',
  'сороковая',
  'пятидесятая',
  'шестидесятая',
  'семидесятая',
  'восьмидесятая',
  'девяностая',
]
const RU_ORDINAL_HUNDREDS = [
  '',
  'сотая',
  'двухсотая',
  'трёхсотая',
  'четырёхсотая',
  'пятисотая',
  'шестисотая',
  'семисотая',
  'восьмисотая',
  'девятисотая',
]

/** Only the last word of a Russian ordinal is one: сто двадцать третья. */
const russian: NumberWords = (n) => {
  if (!inRange(n, 999)) return undefined
  const hundreds = Math.floor(n / 100)
  const rest = n % 100
  if (rest === 0) return RU_ORDINAL_HUNDREDS[hundreds]
  const words: string[] = hundreds ? [RU_HUNDREDS[hundreds]!] : []
  if (rest < 20) words.push(RU_ORDINAL_UNITS[rest]!)
  else if (rest % 10 === 0) words.push(RU_ORDINAL_TENS[rest / 10]!)
  else words.push(RU_TENS[Math.floor(rest / 10)]!, RU_ORDINAL_UNITS[rest % 10]!)
  return words.join(' ')
}

// ---------------------------------------------------------------- Polish (ordinals)

const PL_HUNDREDS = [
  '',
  'sto',
  'dwieście',
  'trzysta',
  'czterysta',
  'pięćset',
  'sześćset',
  'siedemset',
  'osiemset',
  'dziewięćset',
]
/** Masculine, for "rozdział"; `feminine` makes "część"'s forms. */
const PL_ORDINAL_UNITS = [
  '',
  'pierwszy',
  'drugi',
  'trzeci',
  'czwarty',
  'piąty',
  'szósty',
  'siódmy',
  'ósmy',
  'dziewiąty',
  'dziesiąty',
  'jedenasty',
  'dwunasty',
  'trzynasty',
  'czternasty',
  'piętnasty',
  'szesnasty',
  'siedemnasty',
  'osiemnasty',
  'dziewiętnasty',
]
const PL_ORDINAL_TENS = [
  '',
  '',
  'dwudziesty',
  'trzydziesty',
  'czterdziesty',
  'pięćdziesiąty',
  'sześćdziesiąty',
  'siedemdziesiąty',
  'osiemdziesiąty',
  'dziewięćdziesiąty',
]
const PL_ORDINAL_HUNDREDS = [
  '',
  'setny',
  'dwusetny',
  'trzechsetny',
  'czterechsetny',
  'pięćsetny',
  'sześćsetny',
  'siedemsetny',
  'osiemsetny',
  'dziewięćsetny',
]

/** drugi → druga, trzeci → trzecia, pierwszy → pierwsza. */
const feminine = (word: string) =>
  word.endsWith('gi') ? `${word.slice(0, -1)}a` : word.endsWith('ci') ? `${word}a` : `${word.slice(0, -1)}a`

/** Tens and units are both ordinal in Polish, hundreds before them are not: sto dwudziesty trzeci. */
const polish: NumberWords = (n, unit = 'chapter') => {
  if (!inRange(n, 999)) return undefined
  const hundreds = Math.floor(n / 100)
  const rest = n % 100
  const words: string[] = []
  if (rest === 0) words.push(PL_ORDINAL_HUNDREDS[hundreds]!)
  else {
    if (hundreds) words.push(PL_HUNDREDS[hundreds]!)
    if (rest < 20) words.push(PL_ORDINAL_UNITS[rest]!)
    else {
      words.push(PL_ORDINAL_TENS[Math.floor(rest / 10)]!)
      if (rest % 10) words.push(PL_ORDINAL_UNITS[rest % 10]!)
    }
  }
  const ordinal = (word: string) => (unit === 'part' && /[yi]$/.test(word) ? feminine(word) : word)
  return words.map((word, i) => (i === 0 && hundreds && rest ? word : ordinal(word))).join(' ')
}

// ---------------------------------------------------------------- Portuguese

const PT_UNITS = [
  '',
  'um',
  'dois',
  'três',
  'quatro',
  'cinco',
  'seis',
  'sete',
  'oito',
  'nove',
  'dez',
  'onze',
  'doze',
  'treze',
  'catorze',
  'quinze',
  'dezesseis',
  'dezessete',
  'dezoito',
  'dezenove',
]
/** Portugal (and Africa) write the teens with "dez-a-": dezasseis, dezassete, dezanove. */
const PT_PT_TEENS: Readonly<Record<number, string>> = { 16: 'dezasseis', 17: 'dezassete', 19: 'dezanove' }
const PT_TENS = [
  '',
  '',
  'vinte',
  'trinta',
  'quarenta',
  'cinquenta',
  'sessenta',
  'setenta',
  'oitenta',
  'noventa',
]
const PT_HUNDREDS = [
  '',
  'cento',
  'duzentos',
  'trezentos',
  'quatrocentos',
  'quinhentos',
  'seiscentos',
  'setecentos',
  'oitocentos',
  'novecentos',
]

/** Every part joined by "e": cento e vinte e três. A hundred alone is "cem". */
function ptBelow1000(v: number, european: boolean): string {
  if (v === 100) return 'cem'
  const hundreds = Math.floor(v / 100)
  const rest = v % 100
  const words: string[] = hundreds ? [PT_HUNDREDS[hundreds]!] : []
  if (rest > 0 && rest < 20) words.push((european && PT_PT_TEENS[rest]) || PT_UNITS[rest]!)
  else if (rest >= 20) {
    words.push(PT_TENS[Math.floor(rest / 10)]!)
    if (rest % 10) words.push(PT_UNITS[rest % 10]!)
  }
  return words.join(' e ')
}

/**
 * Cardinals after the label, as Portuguese books number chapters in words ("Capítulo um",
 * "Parte dois"); Brazilian spelling, or Portugal's with `european`.
 */
const portugueseWith =
  (european: boolean): NumberWords =>
  (n) =>
    inRange(n, 999_999)
      ? withThousands(
          n,
          (v) => ptBelow1000(v, european),
          (count) => (count === 1 ? 'mil' : `${ptBelow1000(count, european)} mil`),
          // "mil e um", "mil e cem", but "mil duzentos e trinta": "e" only before the last group.
          (head, rest) => (/ e /.test(rest) ? `${head} ${rest}` : `${head} e ${rest}`),
        )
      : undefined

const portuguese = portugueseWith(false)
const portugueseEuropean = portugueseWith(true)

// ---------------------------------------------------------------- Dutch

const NL_UNITS = [
  '',
  'een',
  'twee',
  'drie',
  'vier',
  'vijf',
  'zes',
  'zeven',
  'acht',
  'negen',
  'tien',
  'elf',
  'twaalf',
  'dertien',
  'veertien',
  'vijftien',
  'zestien',
  'zeventien',
  'achttien',
  'negentien',
]
const NL_TENS = [
  '',
  '',
  'twintig',
  'dertig',
  'veertig',
  'vijftig',
  'zestig',
  'zeventig',
  'tachtig',
  'negentig',
]

/** One word up to a thousand: honderddrieëntwintig (a unit ending in e takes a diaeresis: tweeëntwintig). */
function nlBelow1000(v: number): string {
  const hundreds = Math.floor(v / 100)
  const rest = v % 100
  let out = hundreds ? `${hundreds === 1 ? '' : NL_UNITS[hundreds]}honderd` : ''
  if (rest > 0 && rest < 20) out += NL_UNITS[rest]
  else if (rest >= 20) {
    const unit = NL_UNITS[rest % 10]!
    const tens = NL_TENS[Math.floor(rest / 10)]!
    out += unit ? `${unit}${unit.endsWith('e') ? 'ë' : 'e'}n${tens}` : tens
  }
  return out
}

/** Dutch cardinals, as Dutch books number chapters ("Hoofdstuk drieëntwintig"); a space after duizend. */
const dutch: NumberWords = (n) =>
  inRange(n, 999_999)
    ? withThousands(
        n,
        nlBelow1000,
        (count) => `${count === 1 ? '' : nlBelow1000(count)}duizend`,
        (head, rest) => `${head} ${rest}`,
      )
    : undefined

// ---------------------------------------------------------------- Ukrainian (ordinals)

const UK_TENS = [
  '',
  '',
  'двадцять',
  'тридцять',
  'сорок',
  'п’ятдесят',
  'шістдесят',
  'сімдесят',
  'вісімдесят',
  'дев’яносто',
]
const UK_HUNDREDS = [
  '',
  'сто',
  'двісті',
  'триста',
  'чотириста',
  'п’ятсот',
  'шістсот',
  'сімсот',
  'вісімсот',
  'дев’ятсот',
]
/** Masculine, for "розділ"; "частина" takes the feminine (`ukFeminine`). */
const UK_ORDINAL_UNITS = [
  '',
  'перший',
  'другий',
  'третій',
  'четвертий',
  'п’ятий',
  'шостий',
  'сьомий',
  'восьмий',
  'дев’ятий',
  'десятий',
  'одинадцятий',
  'дванадцятий',
  'тринадцятий',
  'чотирнадцятий',
  'п’ятнадцятий',
  'шістнадцятий',
  'сімнадцятий',
  'вісімнадцятий',
  'дев’ятнадцятий',
]
const UK_ORDINAL_TENS = [
  '',
  '',
  'двадцятий',
  'тридцятий',
  'сороковий',
  'п’ятдесятий',
  'шістдесятий',
  'сімдесятий',
  'вісімдесятий',
  'дев’яностий',
]
const UK_ORDINAL_HUNDREDS = [
  '',
  'сотий',
  'двохсотий',
  'трьохсотий',
  'чотирьохсотий',
  'п’ятисотий',
  'шестисотий',
  'семисотий',
  'восьмисотий',
  'дев’ятисотий',
]

/** перший → перша, третій → третя. */
const ukFeminine = (word: string) => (word.endsWith('ій') ? `${word.slice(0, -2)}я` : `${word.slice(0, -2)}а`)

/**
 * Ukrainian ordinals, only the last word one (сто двадцять третій), agreeing with the label:
 * "Розділ перший", "Частина перша". The apostrophe is U+2019, as the typography transform sets it.
 */
const ukrainian: NumberWords = (n, unit = 'chapter') => {
  if (!inRange(n, 999)) return undefined
  const hundreds = Math.floor(n / 100)
  const rest = n % 100
  const words: string[] = hundreds && rest ? [UK_HUNDREDS[hundreds]!] : []
  let last: string
  if (rest === 0) last = UK_ORDINAL_HUNDREDS[hundreds]!
  else if (rest < 20) last = UK_ORDINAL_UNITS[rest]!
  else if (rest % 10 === 0) last = UK_ORDINAL_TENS[rest / 10]!
  else {
    words.push(UK_TENS[Math.floor(rest / 10)]!)
    last = UK_ORDINAL_UNITS[rest % 10]!
  }
  words.push(unit === 'part' ? ukFeminine(last) : last)
  return words.join(' ')
}

// ---------------------------------------------------------------- Turkish

const TR_UNITS = ['', 'bir', 'iki', 'üç', 'dört', 'beş', 'altı', 'yedi', 'sekiz', 'dokuz']
const TR_TENS = ['', 'on', 'yirmi', 'otuz', 'kırk', 'elli', 'altmış', 'yetmiş', 'seksen', 'doksan']

/** Words apart, as the Turkish Language Association writes them: yüz yirmi üç; "yüz", not "bir yüz". */
function trBelow1000(v: number): string {
  const hundreds = Math.floor(v / 100)
  const words: string[] = []
  if (hundreds) words.push(hundreds === 1 ? 'yüz' : `${TR_UNITS[hundreds]} yüz`)
  if (v % 100 >= 10) words.push(TR_TENS[Math.floor((v % 100) / 10)]!)
  if (v % 10) words.push(TR_UNITS[v % 10]!)
  return words.join(' ')
}

/** Turkish cardinals after the label ("Bölüm yirmi üç"); "bin", not "bir bin". */
const turkish: NumberWords = (n) =>
  inRange(n, 999_999)
    ? withThousands(
        n,
        trBelow1000,
        (count) => (count === 1 ? 'bin' : `${trBelow1000(count)} bin`),
        (head, rest) => `${head} ${rest}`,
      )
    : undefined

// ---------------------------------------------------------------- Czech (feminine ordinals)

/** "kapitola" and "část" are both feminine: první, druhá, dvacátá třetí. */
const CS_ORDINAL_UNITS = [
  '',
  'první',
  'druhá',
  'třetí',
  'čtvrtá',
  'pátá',
  'šestá',
  'sedmá',
  'osmá',
  'devátá',
  'desátá',
  'jedenáctá',
  'dvanáctá',
  'třináctá',
  'čtrnáctá',
  'patnáctá',
  'šestnáctá',
  'sedmnáctá',
  'osmnáctá',
  'devatenáctá',
]
const CS_ORDINAL_TENS = [
  '',
  '',
  'dvacátá',
  'třicátá',
  'čtyřicátá',
  'padesátá',
  'šedesátá',
  'sedmdesátá',
  'osmdesátá',
  'devadesátá',
]
const CS_ORDINAL_HUNDREDS = [
  '',
  'stá',
  'dvoustá',
  'třístá',
  'čtyřstá',
  'pětistá',
  'šestistá',
  'sedmistá',
  'osmistá',
  'devítistá',
]

/** Every part of a Czech ordinal is one: "Kapitola dvacátá první", "stá dvacátá třetí". */
const czech: NumberWords = (n) => {
  if (!inRange(n, 999)) return undefined
  const hundreds = Math.floor(n / 100)
  const rest = n % 100
  const words: string[] = hundreds ? [CS_ORDINAL_HUNDREDS[hundreds]!] : []
  if (rest > 0 && rest < 20) words.push(CS_ORDINAL_UNITS[rest]!)
  else if (rest >= 20) {
    words.push(CS_ORDINAL_TENS[Math.floor(rest / 10)]!)
    if (rest % 10) words.push(CS_ORDINAL_UNITS[rest % 10]!)
  }
  return words.join(' ')
}

// ---------------------------------------------------------------- Indonesian

const ID_UNITS = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan']

/** sebelas, dua belas, dua puluh satu, seratus, dua ratus: "se-" stands for "one" before a scale. */
function idBelow1000(v: number): string {
  const hundreds = Math.floor(v / 100)
  const rest = v % 100
  const words: string[] = []
  if (hundreds) words.push(hundreds === 1 ? 'seratus' : `${ID_UNITS[hundreds]} ratus`)
  if (rest === 10) words.push('sepuluh')
  else if (rest === 11) words.push('sebelas')
  else if (rest > 11 && rest < 20) words.push(`${ID_UNITS[rest - 10]} belas`)
  else {
    if (rest >= 20) words.push(`${ID_UNITS[Math.floor(rest / 10)]} puluh`)
    if (rest % 10) words.push(ID_UNITS[rest % 10]!)
  }
  return words.join(' ')
}

/** Indonesian cardinals ("Bab dua puluh tiga"); "seribu" for a thousand. */
const indonesian: NumberWords = (n) =>
  inRange(n, 999_999)
    ? withThousands(
        n,
        idBelow1000,
        (count) => (count === 1 ? 'seribu' : `${idBelow1000(count)} ribu`),
        (head, rest) => `${head} ${rest}`,
      )
    : undefined

// ---------------------------------------------------------------- Vietnamese

const VI_UNITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín']

/**
 * Below a hundred: mười, mười lăm, hai mươi mốt, hai mươi tư, hai mươi lăm (5 is "lăm" after a
 * ten, 1 "mốt" and 4 "tư" after "mươi").
 */
function viBelow100(v: number): string {
  if (v < 10) return VI_UNITS[v]!
  const tens = Math.floor(v / 10)
  const unit = v % 10
  const head = tens === 1 ? 'mười' : `${VI_UNITS[tens]} mươi`
  if (unit === 0) return head
  if (unit === 5) return `${head} lăm`
  if (tens > 1 && unit === 1) return `${head} mốt`
  if (tens > 1 && unit === 4) return `${head} tư`
  return `${head} ${VI_UNITS[unit]}`
}

/** "một trăm lẻ năm": a gap in the tens is "lẻ" (the northern standard; "linh" in the south). */
function viBelow1000(v: number, full: boolean): string {
  const hundreds = Math.floor(v / 100)
  const rest = v % 100
  if (!hundreds && !full) return viBelow100(rest)
  const head = `${VI_UNITS[hundreds]} trăm`
  if (rest === 0) return head
  return rest < 10 ? `${head} lẻ ${VI_UNITS[rest]}` : `${head} ${viBelow100(rest)}`
}

/** Vietnamese cardinals ("Chương hai mươi ba"); "nghìn" for a thousand, then "không trăm" for a gap. */
const vietnamese: NumberWords = (n) => {
  if (!inRange(n, 999_999)) return undefined
  if (n < 1000) return viBelow1000(n, false)
  const head = `${viBelow1000(Math.floor(n / 1000), false)} nghìn`
  const rest = n % 1000
  return rest === 0 ? head : `${head} ${viBelow1000(rest, true)}`
}

// ---------------------------------------------------------------- Arabic (ordinals)

/** Masculine with the article, agreeing with "الفصل" and "الجزء": الأول، الحادي عشر. */
const AR_ORDINAL_UNITS = [
  '',
  'الأول',
  'الثاني',
  'الثالث',
  'الرابع',
  'الخامس',
  'السادس',
  'السابع',
  'الثامن',
  'التاسع',
  'العاشر',
]
const AR_ORDINAL_TENS = [
  '',
  '',
  'العشرون',
  'الثلاثون',
  'الأربعون',
  'الخمسون',
  'الستون',
  'السبعون',
  'الثمانون',
  'التسعون',
]

/**
 * Arabic ordinals from 1 to 100, as a heading names its chapter ("الفصل الثالث والعشرون"):
 * "الحادي" for one in compounds, the tens joined by "و". Beyond a hundred, digits.
 */
const arabic: NumberWords = (n) => {
  if (!inRange(n, 100)) return undefined
  if (n === 100) return 'المئة'
  if (n <= 10) return AR_ORDINAL_UNITS[n]
  const unit = n % 10
  const unitWord = unit === 1 ? 'الحادي' : AR_ORDINAL_UNITS[unit]!
  if (n < 20) return `${unitWord} عشر`
  const tens = AR_ORDINAL_TENS[Math.floor(n / 10)]!
  return unit ? `${unitWord} و${tens}` : tens
}

// ---------------------------------------------------------------- Hebrew

/** Ordinal adjectives exist from first to tenth, masculine for "פרק" and "חלק". */
const HE_ORDINALS = [
  '',
  'ראשון',
  'שני',
  'שלישי',
  'רביעי',
  'חמישי',
  'שישי',
  'שביעי',
  'שמיני',
  'תשיעי',
  'עשירי',
]
/** Masculine cardinals, standing alone ("שניים") and in the teens ("שנים עשר"). */
const HE_UNITS = ['', 'אחד', 'שניים', 'שלושה', 'ארבעה', 'חמישה', 'שישה', 'שבעה', 'שמונה', 'תשעה']
const HE_TEEN_UNITS = ['', 'אחד', 'שנים', 'שלושה', 'ארבעה', 'חמישה', 'שישה', 'שבעה', 'שמונה', 'תשעה']
const HE_TENS = ['', 'עשרה', 'עשרים', 'שלושים', 'ארבעים', 'חמישים', 'שישים', 'שבעים', 'שמונים', 'תשעים']
const HE_HUNDREDS = [
  '',
  'מאה',
  'מאתיים',
  'שלוש מאות',
  'ארבע מאות',
  'חמש מאות',
  'שש מאות',
  'שבע מאות',
  'שמונה מאות',
  'תשע מאות',
]

/**
 * Hebrew: an ordinal up to ten ("פרק שלישי"), a masculine cardinal beyond ("פרק שנים עשר",
 * "פרק עשרים ושלושה"), "ו" joined to the last part ("מאה עשרים ושלושה", "מאה וחמישה").
 */
const hebrew: NumberWords = (n) => {
  if (!inRange(n, 999)) return undefined
  if (n <= 10) return HE_ORDINALS[n]
  const hundreds = Math.floor(n / 100)
  const rest = n % 100
  const parts: string[] = hundreds ? [HE_HUNDREDS[hundreds]!] : []
  if (rest > 10 && rest < 20) parts.push(`${HE_TEEN_UNITS[rest - 10]} עשר`)
  else if (rest > 0) {
    if (rest >= 10) parts.push(HE_TENS[Math.floor(rest / 10)]!)
    if (rest % 10) parts.push(HE_UNITS[rest % 10]!)
  }
  if (parts.length > 1) parts[parts.length - 1] = `ו${parts[parts.length - 1]}`
  return parts.join(' ')
}

// ---------------------------------------------------------------- Japanese and Chinese

const HAN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九']
const HAN_SCALES: ReadonlyArray<[number, string]> = [
  [1000, '千'],
  [100, '百'],
  [10, '十'],
]

/** Japanese: 十, 百 and 千 without a leading 一, zeros left out ("二十三", "百五", "千二百"). */
function japanese(n: number): string | undefined {
  if (!inRange(n, 9999)) return undefined
  let out = ''
  let rest = n
  for (const [value, word] of HAN_SCALES) {
    const digit = Math.floor(rest / value)
    rest %= value
    if (digit) out += (digit === 1 ? '' : HAN[digit]) + word
  }
  return rest ? out + HAN[rest] : out
}

/** Chinese: "十二" below twenty, then 一百 and 一千 with their 一, and 零 for a gap ("一百零五"). */
function chinese(n: number): string | undefined {
  if (!inRange(n, 9999)) return undefined
  if (n < 20) return n < 10 ? HAN[n] : `十${n % 10 ? HAN[n % 10] : ''}`
  let out = ''
  let gap = false
  let rest = n
  for (const [value, word] of [...HAN_SCALES, [1, ''] as [number, string]]) {
    const digit = Math.floor(rest / value)
    rest %= value
    if (digit === 0) {
      gap = out !== ''
      continue
    }
    out += `${gap ? '零' : ''}${HAN[digit]}${word}`
    gap = false
  }
  return out
}

const TABLE: Record<string, NumberWords> = {
  fr: french,
  de: german,
  es: spanish,
  it: italian,
  ru: russian,
  pl: polish,
  sv: swedish,
  ja: japanese,
  zh: chinese,
  pt: portuguese,
  nl: dutch,
  uk: ukrainian,
  tr: turkish,
  cs: czech,
  id: indonesian,
  vi: vietnamese,
  ar: arabic,
  he: hebrew,
}

/** The languages with number words here (English's are `englishNumberWords`). */
export const numberLanguages: readonly string[] = Object.keys(TABLE)

/**
 * Number words for a BCP 47 language (by its primary subtag), or undefined for English and for
 * a language without a table (the caller falls back to English's).
 *
 * @example
 *   numberWordsFor('fr-CA')(23) // 'vingt-trois'
 *   numberWordsFor('ru')(23, 'part') // 'двадцать третья'
 */
export function numberWordsFor(language: string): NumberWords | undefined {
  const [primary = '', ...rest] = language.toLowerCase().split(/[-_]/)
  if (primary === 'pt' && europeanPortuguese(rest)) return portugueseEuropean
  return TABLE[primary]
}

/**
 * True when the subtags after `pt` name a country that writes Portugal's Portuguese (every
 * Portuguese-speaking country but Brazil); plain `pt` is Brazil's, as in CLDR.
 */
export function europeanPortuguese(subtags: readonly string[]): boolean {
  const region = subtags.find((tag) => /^[a-z]{2}$/.test(tag))
  return region !== undefined && region !== 'br'
}
