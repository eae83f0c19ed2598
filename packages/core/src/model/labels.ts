/**
 * The labels a book prints for its chapters and parts, one module for every renderer: the line
 * above a title ("Chapter Twenty-Three", "Part One", "Prologue"), and the display title the
 * contents, navigation, bookmarks and running heads use ("Chapter Twenty-Three: Truly All
 * Alone"). A label keeps the author's wording: the number is printed as written (`numeral`), the
 * label word as a book sets it (abbreviations spelled out, capitals in title case, since the
 * renderers choose the case of a chapter head themselves). The `labels` transform rewrites the
 * numerals when a book asks for one style (`numbers`, `words`, `roman`). Generated words
 * ("Chapter", "Part", number words) come through a `LabelWords` parameter with English defaults,
 * so a per-language strings table can supply them; a renderer takes `labelsFor` its book's
 * language, which joins a head and a title as the language does ("Chapitre 1 : Le Départ").
 */
import { endsInHanOrKana } from '../cjk.js'
import { en } from '../strings/en.js'
import { stringsFor } from '../strings/index.js'
import type { StringOverrides } from '../strings/types.js'
import type { Chapter, ChapterKind, Part } from './types.js'
import { toText } from './walk.js'

/** The generated words labels use; every field has an English default. */
export interface LabelWords {
  /** What a chapter of each kind is called when its heading names nothing else ("Prologue"). */
  kinds: Record<ChapterKind, string>
  /** The label of a part whose source names none. */
  part: string
  /** A chapter with neither title nor label. */
  untitled: string
  /** A number in words, for part labels and `labels: words` ("Twenty-Three"). */
  numberWords(n: number): string | undefined
  /**
   * What joins a head and a title in a display title, where it is not ": " (French "\u202F: ").
   * Chinese, Japanese and Korean heads keep their own spacing whatever this says.
   */
  separator?: string
}

/** What a chapter of each kind is called when its heading names nothing else: the English table's words. */
const { part: PART, ...NAMED_KINDS } = en.kinds
const KIND_NAMES: Record<ChapterKind, string> = { ...NAMED_KINDS, other: '' }

const UNITS = [
  'Zero',
  'One',
  'Two',
  'Three',
  'Four',
  'Five',
  'Six',
  'Seven',
  'Eight',
  'Nine',
  'Ten',
  'Eleven',
  'Twelve',
  'Thirteen',
  'Fourteen',
  'Fifteen',
  'Sixteen',
  'Seventeen',
  'Eighteen',
  'Nineteen',
]
const TENS = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety']

/**
 * An integer from 0 to 999,999 in English words, as books write chapter numbers: "Twenty-Three",
 * "One Hundred and Twelve". Undefined for anything else (fractions, larger numbers).
 *
 * @example
 *   englishNumberWords(23) // 'Twenty-Three'
 */
export function englishNumberWords(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) return undefined
  const below1000 = (v: number): string => {
    const hundreds = Math.floor(v / 100)
    const rest = v % 100
    const words: string[] = []
    if (hundreds > 0) words.push(`${UNITS[hundreds]} Hundred`)
    if (rest > 0 || hundreds === 0) {
      const small =
        rest < 20 ? UNITS[rest]! : TENS[Math.floor(rest / 10)]! + (rest % 10 ? `-${UNITS[rest % 10]}` : '')
      words.push(hundreds > 0 ? `and ${small}` : small)
    }
    return words.join(' ')
  }
  if (n < 1000) return below1000(n)
  const thousands = Math.floor(n / 1000)
  const rest = n % 1000
  const head = `${below1000(thousands)} Thousand`
  if (rest === 0) return head
  return rest < 100 ? `${head} and ${below1000(rest)}` : `${head} ${below1000(rest)}`
}

/** English, the default of every generated word. */
export const ENGLISH_LABEL_WORDS: LabelWords = {
  kinds: KIND_NAMES,
  part: PART,
  untitled: 'Untitled',
  numberWords: englishNumberWords,
}

/**
 * A positive integer below 4,000 in Roman numerals ("XXIII"); undefined otherwise.
 *
 * @example
 *   toRoman(23) // 'XXIII'
 */
export function toRoman(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 1 || n >= 4000) return undefined
  const table: Array<[number, string]> = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ]
  let out = ''
  let rest = n
  for (const [value, numeral] of table) {
    while (rest >= value) {
      out += numeral
      rest -= value
    }
  }
  return out
}

/** How a book writes the numbers in its labels; `as-written` keeps each heading's own. */
export type LabelStyle = 'as-written' | 'numbers' | 'words' | 'roman'

export const LABEL_STYLES: readonly LabelStyle[] = ['as-written', 'numbers', 'words', 'roman']

/**
 * A number written in one style; falls back to digits when the style cannot write it (a half
 * chapter 5.5 in words, 4,000 in Roman numerals).
 *
 * @example
 *   formatNumber(23, 'roman') // 'XXIII'
 */
export function formatNumber(n: number, style: LabelStyle, words: LabelWords = ENGLISH_LABEL_WORDS): string {
  if (style === 'words') return words.numberWords(n) ?? String(n)
  if (style === 'roman') return toRoman(n) ?? String(n)
  return String(n)
}

/** Abbreviations authors write for the common labels, and what a book prints for them. */
const LABEL_WORDS: Record<string, string> = {
  ch: 'Chapter',
  chap: 'Chapter',
  chapter: 'Chapter',
  pt: 'Part',
  part: 'Part',
  bk: 'Book',
  book: 'Book',
  vol: 'Volume',
  volume: 'Volume',
  app: 'Appendix',
  appx: 'Appendix',
}

/** Capitals ("CHAPITRE", "TWENTY-THREE") in title case; any other wording stays as it is. */
function titleCaseCapitals(word: string): string {
  if (word !== word.toUpperCase() || word === word.toLowerCase()) return word
  // A dotted capital İ is Turkish (or Azeri): "BİRİNCİ" is "Birinci", not "Bi̇ri̇nci̇".
  return (word.includes('İ') ? word.toLocaleLowerCase('tr') : word.toLowerCase()).replace(
    /(^|[\s-])(\p{L})/gu,
    (_, sep: string, letter: string) => sep + letter.toUpperCase(),
  )
}

/**
 * A label as a book prints it: "CHAPTER", "ch." and "Chap" become "Chapter"; a label in
 * capitals ("CHAPITRE") is set in title case, its apostrophes curled; anything else stays as the
 * author wrote it.
 */
export function normalizeLabel(label: string): string {
  // A label around its number's slot ("{number}. BÖLÜM", "第{number}章"): its words alone.
  if (label.includes('{number}'))
    return label
      .trim()
      .split('{number}')
      .map((side) => side.replace(/\p{L}[^{}]*\p{L}|\p{L}/u, (word) => normalizeLabel(word)))
      .join('{number}')
  const word = label.trim().replace(/\.$/, '')
  const known = LABEL_WORDS[word.toLowerCase()]
  if (known) return known
  // An apostrophe in a label is one, as typography makes it in titles: "Author’s Note",
  // "Authors’ Notes" (the label is printed as it is, not through the typography transform).
  return titleCaseCapitals(word).replace(/(\p{L})'(?=\p{L}|\s|$)/gu, '$1’')
}

/**
 * A numeral as a book prints it: as written, except that number words in capitals
 * ("TWENTY-THREE") are set in title case like the label before them. Roman numerals keep
 * their case: "XXIII" and "xxiii" are both deliberate.
 */
export function normalizeNumeral(numeral: string): string {
  const trimmed = numeral.trim()
  if (/^[IVXLCDM]+$/i.test(trimmed)) return trimmed
  // Hebrew letter numerals with their own marks, as typography sets them in the text: "י״ב", "ה׳".
  if (/^[\u05D0-\u05EA]/.test(trimmed))
    return trimmed
      .replace(/(?<=[\u05D0-\u05EA])["\u201D](?=[\u05D0-\u05EA])/, '\u05F4')
      .replace(/['\u2019]$/, '\u05F3')
  return titleCaseCapitals(trimmed)
}

/**
 * A label and its number as one head: "Chapter 5", "Teil 2"; a label holding a `{number}` slot
 * takes the number inside it, as Chinese, Japanese and Korean books write it ("第{number}章" and
 * "一" → "第一章", "제{number}장" → "제1장"), and as Turkish or Hungarian ones put the ordinal
 * first ("{number}. Bölüm" → "1. Bölüm"). Without a number such a label names its unit alone
 * ("章", "部", "Bölüm"), never an empty frame.
 *
 * @example
 *   numberedLabel('第{number}章', '二十三') // '第二十三章'
 */
export function numberedLabel(label: string, numeral?: string): string {
  if (!label.includes('{number}')) return [label, numeral].filter(Boolean).join(' ')
  if (numeral) return label.replace('{number}', numeral)
  return label.replace(/^[第제]\s*/, '').replace(/\s*\{number\}\.?\s*/, '')
}

/**
 * A head and a title as one display title: "Chapter 5: Dawn", or with the book language's
 * `separator` ("Chapitre 5\u202F: L’aube"); "第一章　旅立ち" (Chinese and Japanese books set an
 * ideographic space between them), "제1장 시작", whatever the separator.
 */
export function titledLabel(head: string, title: string, separator = ': '): string {
  if (endsInHanOrKana(head)) return `${head}\u3000${title}`
  if (/\p{scx=Hangul}$/u.test(head)) return `${head} ${title}`
  return `${head}${separator}${title}`
}

function plainTitle(node: Chapter | Part): string {
  // Without the word joiners typography sets before a dash and soft hyphens: a label is read
  // whole, in contents, navigation and bookmarks, where they only risk a box for a glyph.
  return toText(node.title)
    .replace(/[\u00AD\u2060]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The line above a chapter's title, as every renderer prints it: "Chapter Twenty-Three",
 * "Prologue", "Appendix 2", or "" for a chapter whose heading is its title alone (kind `other`).
 *
 * @example
 *   chapterHead({ type: 'chapter', kind: 'chapter', matter: 'body', label: 'CH.', number: 5, children: [] })
 *   // 'Chapter 5'
 */
function chapterHeadWith(words: LabelWords, chapter: Chapter): string {
  // A chapter or appendix is counted; another kind is numbered when its source numbered it
  // ("Interlude 2", "Side Story 3"): two interludes are told apart by it.
  const numbered =
    chapter.number !== undefined &&
    (chapter.kind === 'chapter' || chapter.kind === 'appendix' || Boolean(chapter.numeral?.trim()))
  // An unnumbered chapter is not "Chapter": it is its title alone.
  const fallback = chapter.kind === 'chapter' && !numbered ? '' : words.kinds[chapter.kind]
  const label = chapter.label?.trim() ? normalizeLabel(chapter.label) : fallback
  const numeral = chapter.numeral?.trim() ? normalizeNumeral(chapter.numeral) : String(chapter.number)
  const head = label ? numberedLabel(label, numbered ? numeral : undefined) : numbered ? numeral : ''
  // A foreword titled "Foreword" is said once, by its title.
  return head.toLowerCase() === plainTitle(chapter).toLowerCase() ? '' : head
}

/**
 * A chapter's display title for contents, bookmarks and navigation: "Chapter Twenty-Three:
 * Truly All Alone", "Prologue", "Chapter 5". Never empty.
 *
 * @example
 *   const labels = chaptersOf(book.tree).map((c) => chapterLabel(c))
 *   // ['Prologue', 'Chapter 1: Dawn', 'Chapter 2']
 */
function chapterLabelWith(words: LabelWords, chapter: Chapter): string {
  const title = plainTitle(chapter)
  const head = chapterHeadWith(words, chapter)
  if (head && title) return titledLabel(head, title, words.separator)
  return title || head || numberedLabel(words.kinds[chapter.kind]) || words.untitled
}

/**
 * The line above a part's title: "Part One", "Book III" as written, or "" for a part whose
 * source gave a title and neither label nor number (its title is said alone). A part with a
 * number and no numeral as written spells it in words after the label, as books do.
 */
function partHeadWith(words: LabelWords, part: Part): string {
  const stated = part.label?.trim() ? normalizeLabel(part.label) : ''
  if (part.number === undefined) return numberedLabel(stated || (plainTitle(part) ? '' : words.part))
  const label = stated || words.part
  // Words after the book's own part word (or an English one), up to twenty as books do ("Part
  // Forty-Two" is rare; `labels: words` asks for it); digits after any other label ("Teil 2").
  const english = label === words.part || label === 'Part' || label === 'Book' || label === 'Volume'
  const spell = english && part.number <= 20
  const numeral = part.numeral?.trim()
    ? normalizeNumeral(part.numeral)
    : ((spell ? words.numberWords(part.number) : undefined) ?? String(part.number))
  return numberedLabel(label, numeral)
}

function partLabelWith(words: LabelWords, part: Part): string {
  const title = plainTitle(part)
  const head = partHeadWith(words, part)
  return head && title
    ? titledLabel(head, title, words.separator)
    : title || head || numberedLabel(words.part)
}

/** The four label functions, in one language's words. */
export interface Labels {
  chapterHead(chapter: Chapter): string
  chapterLabel(chapter: Chapter): string
  partHead(part: Part): string
  partLabel(part: Part): string
}

/**
 * The label functions in a language's words (a per-language strings table supplies them); each
 * takes only its node, so it can be handed to `Array.map`.
 *
 * @example
 *   const { chapterLabel } = labelsIn({ ...ENGLISH_LABEL_WORDS, part: 'Partie' })
 */
export function labelsIn(words: LabelWords): Labels {
  return {
    chapterHead: (chapter) => chapterHeadWith(words, chapter),
    chapterLabel: (chapter) => chapterLabelWith(words, chapter),
    partHead: (part) => partHeadWith(words, part),
    partLabel: (part) => partLabelWith(words, part),
  }
}

const ENGLISH_LABELS = labelsIn(ENGLISH_LABEL_WORDS)

/**
 * The label functions a renderer prints a book's contents, navigation, bookmarks and running
 * heads with: the English ones, joining a head and a title as the book's language does
 * ("Chapitre 1\u202F: Le Départ" in French; `strings: {labelSeparator}` in book.yaml sets
 * another). Build it once per render. Only the joint is the language's: the words a label is
 * made of are already the book's in the tree (the `labels` transform wrote them), and the English
 * words are left as fallbacks, so an English book prints exactly what `chapterLabel` does.
 *
 * @example
 *   const { chapterLabel } = labelsFor(tree.metadata.language, tree.metadata.strings)
 *   chapterLabel(chapter) // 'Chapitre 1\u202F: Le Départ'
 */
export function labelsFor(language: string, strings?: StringOverrides): Labels {
  const separator = stringsFor(language || 'en', strings).labelSeparator
  return separator === undefined || separator === ': '
    ? ENGLISH_LABELS
    : labelsIn({ ...ENGLISH_LABEL_WORDS, separator })
}

/**
 * The line above a chapter's title, as every renderer prints it: "Chapter Twenty-Three",
 * "Prologue", "Appendix 2", or "" for a chapter whose heading is its title alone (kind `other`).
 *
 * @example
 *   chapterHead({ type: 'chapter', kind: 'chapter', matter: 'body', label: 'CH.', number: 5, children: [] })
 *   // 'Chapter 5'
 */
export const chapterHead = (chapter: Chapter): string => chapterHeadWith(ENGLISH_LABEL_WORDS, chapter)

/**
 * A chapter's display title for contents, bookmarks and navigation: "Chapter Twenty-Three:
 * Truly All Alone", "Prologue", "Chapter 5". Never empty.
 *
 * @example
 *   const titles = chaptersOf(book.tree).map(chapterLabel)
 *   // ['Prologue', 'Chapter 1: Dawn', 'Chapter Two']
 */
export const chapterLabel = (chapter: Chapter): string => chapterLabelWith(ENGLISH_LABEL_WORDS, chapter)

/** The line above a part's title: "Part One", or "" for a part titled without label or number. */
export const partHead = (part: Part): string => partHeadWith(ENGLISH_LABEL_WORDS, part)

/** A part's display title: "Part One: The Road", "Part Two", "The Road". Never empty. */
export const partLabel = (part: Part): string => partLabelWith(ENGLISH_LABEL_WORDS, part)
