/**
 * Quote tables, one per language: which marks a straight `"` and `'` become, which spacing the
 * language puts inside them, and which word-initial elisions ('tis, 'em) take an apostrophe rather
 * than an opening quote. A straight `"` always maps to the primary (outer) pair and `'` to the
 * secondary (inner) pair, as in pandoc and SmartyPants: writers mark nesting by the kind of quote.
 */

/** How one language writes quotation marks. */
export interface QuoteTable {
  /** Primary language subtag this table is for (`en`). */
  language: string
  /** Outer quotes, written `"` in plain text. */
  primary: readonly [open: string, close: string]
  /** Inner quotes, written `'` in plain text. */
  secondary: readonly [open: string, close: string]
  /** The apostrophe (U+2019 everywhere we know of). */
  apostrophe: string
  /**
   * French spacing: a narrow no-break space (U+202F) inside guillemets and before `; : ! ?`.
   * Default false.
   */
  frenchSpacing?: boolean
  /**
   * Words that, after a straight `'` at the start of a word, mean the quote is an apostrophe
   * standing for elided letters ('tis, 'em, 'n'), not an opening quote. Lower case.
   */
  elisions?: ReadonlySet<string>
  /**
   * Words elided only after certain words: the word maps to a pattern the text before the quote
   * must end with (`would 'a' been`, for "have", but `the letter 'a'`). Checked only when the
   * word is followed by a straight `'` too.
   */
  elidedAfter?: Readonly<Record<string, RegExp>>
  /**
   * Words that end in an elision (`o'` for "of", `nothin'`): a straight `'` after them is no
   * evidence that a quotation closes there.
   */
  finalElision?: RegExp
  /**
   * Abbreviated titles after which a space does not break (`Mr. Darcy`), without their period.
   * Case-sensitive.
   */
  titles?: ReadonlySet<string>
}

// The words evidence cannot decide (see smarten.ts: a word-initial `'` with nothing to close it is
// an apostrophe anyway). Conservative on purpose: each entry turns an opening quote into an
// apostrophe, so a word that is commonly the first word of a quotation ("'Is it true?'", "'Till
// then'", "'Art is long'") must not be here. Dialect forms that are no English word are safe.
const englishElisions = new Set([
  'bout',
  'cause',
  'cept',
  'cos',
  'course',
  'coz',
  'cuz',
  'em',
  'fore',
  'gainst',
  'kay',
  'mongst',
  'n',
  'neath',
  'nuff',
  'pon',
  's',
  'scuse',
  'specially',
  'spect',
  'tain',
  'taint',
  'til',
  'tis',
  'tisn',
  'twas',
  'tween',
  'twere',
  'twill',
  'twixt',
  'twould',
  'twon',
  'ud',
  'un',
  'uns',
])

// `would 'a' been`, `I'd 'a' caught`, `can't 'a' found`: "have" after a modal.
const englishElidedAfter = {
  a: /(?:['\u2019]d|n['\u2019]t|\b(?:would|could|should|might|must|may|will|shall|to|I|we|you|they))\s+$/i,
}

// Titles set with a no-break space after them (Standard Ebooks' list).
const englishTitles = new Set(
  'Mr Mrs Ms Messrs Mme Mmes Mlle Mlles MM Dr Drs Prof Profs Rev Fr St Mt Capt Col Gen Lt Lieut Sgt Pvt Hon Gov Sen Rep Ven'.split(
    ' ',
  ),
)

const APOSTROPHE = '\u2019'

export const en: QuoteTable = {
  language: 'en',
  primary: ['\u201C', '\u201D'],
  secondary: ['\u2018', '\u2019'],
  apostrophe: APOSTROPHE,
  elisions: englishElisions,
  elidedAfter: englishElidedAfter,
  finalElision: /^(?:o|an|th|ol|wi|fro|ter|yo|nat[uo]r)$|[a-z]{2,}in$/i,
  titles: englishTitles,
}

export const fr: QuoteTable = {
  language: 'fr',
  primary: ['\u00AB', '\u00BB'],
  secondary: ['\u201C', '\u201D'],
  apostrophe: APOSTROPHE,
  frenchSpacing: true,
}

// Colloquial German drops letters at the start of words too: 's ist, 'ne Frage, so 'n Ding.
const germanElisions = new Set(['s', 'n', 'ne', 'nem', 'nen', 'ner'])

export const de: QuoteTable = {
  language: 'de',
  primary: ['\u201E', '\u201C'],
  secondary: ['\u201A', '\u2018'],
  apostrophe: APOSTROPHE,
  elisions: germanElisions,
}

/** Swiss German uses guillemets, without spaces. */
export const deCH: QuoteTable = {
  language: 'de',
  primary: ['\u00AB', '\u00BB'],
  secondary: ['\u2039', '\u203A'],
  apostrophe: APOSTROPHE,
  elisions: germanElisions,
}

export const es: QuoteTable = {
  language: 'es',
  primary: ['\u00AB', '\u00BB'],
  secondary: ['\u201C', '\u201D'],
  apostrophe: APOSTROPHE,
}

export const it: QuoteTable = {
  language: 'it',
  primary: ['\u00AB', '\u00BB'],
  secondary: ['\u201C', '\u201D'],
  apostrophe: APOSTROPHE,
}

export const ru: QuoteTable = {
  language: 'ru',
  primary: ['\u00AB', '\u00BB'],
  secondary: ['\u201E', '\u201C'],
  apostrophe: APOSTROPHE,
}

export const pl: QuoteTable = {
  language: 'pl',
  primary: ['\u201E', '\u201D'],
  secondary: ['\u00AB', '\u00BB'],
  apostrophe: APOSTROPHE,
}

export const sv: QuoteTable = {
  language: 'sv',
  primary: ['\u201D', '\u201D'],
  secondary: ['\u2019', '\u2019'],
  apostrophe: APOSTROPHE,
}

// The tables below follow CLDR's `delimiters` (quotationStart/End, alternateQuotationStart/End),
// checked against CLDR 47; where a table departs from it, its comment says why.

/** Brazil: “ ” outside, ‘ ’ inside (CLDR `pt`). */
export const pt: QuoteTable = {
  language: 'pt',
  primary: ['\u201C', '\u201D'],
  secondary: ['\u2018', '\u2019'],
  apostrophe: APOSTROPHE,
}

/** Portugal (and Africa): guillemets, without spaces, “ ” inside (CLDR `pt-PT`). */
export const ptPT: QuoteTable = {
  language: 'pt',
  primary: ['\u00AB', '\u00BB'],
  secondary: ['\u201C', '\u201D'],
  apostrophe: APOSTROPHE,
}

// Spoken Dutch drops letters at the start of words: 's avonds, 't is, 'n boek, 'k weet, zag 'm.
const dutchElisions = new Set(['s', 't', 'n', 'k', 'm', 'r', 'ns'])

/**
 * Dutch books quote with double or single marks, the other kind inside (Taalunie). CLDR 47 gives
 * ‘ ’ at both levels; a writer's `"` stays double here and `'` single, the writer's choice.
 */
export const nl: QuoteTable = {
  language: 'nl',
  primary: ['\u201C', '\u201D'],
  secondary: ['\u2018', '\u2019'],
  apostrophe: APOSTROPHE,
  elisions: dutchElisions,
}

/** Ukrainian: guillemets, „ “ inside (CLDR `uk`); the apostrophe of п’ять is U+2019 too. */
export const uk: QuoteTable = {
  language: 'uk',
  primary: ['\u00AB', '\u00BB'],
  secondary: ['\u201E', '\u201C'],
  apostrophe: APOSTROPHE,
}

/** Turkish: “ ” and ‘ ’ (CLDR `tr`); the apostrophe before a suffix (İstanbul’da) is U+2019. */
export const tr: QuoteTable = {
  language: 'tr',
  primary: ['\u201C', '\u201D'],
  secondary: ['\u2018', '\u2019'],
  apostrophe: APOSTROPHE,
}

/** Czech: „ “ and ‚ ‘, as German (CLDR `cs`). */
export const cs: QuoteTable = {
  language: 'cs',
  primary: ['\u201E', '\u201C'],
  secondary: ['\u201A', '\u2018'],
  apostrophe: APOSTROPHE,
}

/**
 * Arabic, right to left. Arabic books quote with guillemets (« », mirrored by the bidi
 * algorithm, so they point the right way on the page); CLDR 47 gives ” “ for `ar`, used here
 * inside. Marks are in logical order: the first opens, on the right.
 */
export const ar: QuoteTable = {
  language: 'ar',
  primary: ['\u00AB', '\u00BB'],
  secondary: ['\u201D', '\u201C'],
  apostrophe: APOSTROPHE,
}

/**
 * Hebrew, right to left: ” ” and ’ ’, the same mark opening and closing (CLDR `he`), as in
 * Swedish. A `"` between letters is gershayim ״ (צה"ל) and a `'` after a letter a geresh ׳
 * (ג'ירפה, the numeral א'), in a book of any language: see `hebrewQuote` in smarten.ts.
 */
export const he: QuoteTable = {
  language: 'he',
  primary: ['\u201D', '\u201D'],
  secondary: ['\u2019', '\u2019'],
  apostrophe: APOSTROPHE,
}

/** Indonesian: “ ” and ‘ ’ (CLDR `id`). */
export const id: QuoteTable = {
  language: 'id',
  primary: ['\u201C', '\u201D'],
  secondary: ['\u2018', '\u2019'],
  apostrophe: APOSTROPHE,
}

/** Vietnamese: “ ” and ‘ ’ (CLDR `vi`). */
export const vi: QuoteTable = {
  language: 'vi',
  primary: ['\u201C', '\u201D'],
  secondary: ['\u2018', '\u2019'],
  apostrophe: APOSTROPHE,
}

/** Full tags (lower case) that differ from their base language, then base languages. */
const tables: Readonly<Record<string, QuoteTable>> = {
  'de-ch': deCH,
  'de-li': deCH,
  'pt-pt': ptPT,
  en,
  fr,
  de,
  es,
  it,
  ru,
  pl,
  sv,
  pt,
  nl,
  uk,
  tr,
  cs,
  ar,
  he,
  id,
  vi,
}

/**
 * The table for a BCP 47 tag: the full tag if it has its own table (`de-CH`), else its primary
 * language (`en-GB` → `en`). Undefined for languages without a table.
 */
export function quoteTableFor(language: string): QuoteTable | undefined {
  const tag = language.trim().toLowerCase().replace(/_/g, '-')
  if (Object.hasOwn(tables, tag)) return tables[tag]
  // A tag with a script or region between language and region (`de-Latn-CH`) still finds `de-ch`.
  const parts = tag.split('-')
  const region = parts.find((p, i) => i > 0 && p.length === 2)
  const base = parts[0] ?? ''
  if (region && Object.hasOwn(tables, `${base}-${region}`)) return tables[`${base}-${region}`]
  // Portugal's marks in every country but Brazil (`pt-AO`, `pt-MZ`), as CLDR's `pt-PT` children.
  if (base === 'pt' && region && region !== 'br') return ptPT
  return Object.hasOwn(tables, base) ? tables[base] : undefined
}

/** Languages with a table, for documentation and tests. */
export const supportedLanguages: readonly string[] = Object.keys(tables)
