/**
 * Labels in the model, before any renderer sees them. Two transforms:
 *
 * - `labelTitles` splits a title that already carries its label ("Part One: Blossom", the form
 *   `octavo init` writes for book.yaml's `part:`; a caller's chapter title "Chapter 1: Dawn")
 *   into label, number and title, so no renderer labels it twice ("Part: Part One: Blossom").
 *   It runs before numbering, so a number found in a title counts as the author's.
 * - `labels` applies the book's `labels:` style after numbering: `as-written` (the default)
 *   keeps each heading's numeral; `numbers`, `words` and `roman` rewrite every numeral.
 *
 * The renderers then print `model/labels.ts`'s heads and titles from the model alone.
 */
import { ENGLISH_LABEL_WORDS, formatNumber, type LabelStyle, type LabelWords } from '../model/labels.js'
import type { Chapter, Part, PhrasingContent } from '../model/types.js'
import { numberFirst, ordinalBefore, parseHeading } from '../readers/heading.js'
import { stringsFor } from '../strings/index.js'
import { numberWordsFor } from '../strings/numbers.js'
import type { Transform } from './types.js'

/** A title made of plain text only (book.yaml, a caller's string): the only kind re-read here. */
function plainText(title: readonly PhrasingContent[] | undefined): string | undefined {
  if (!title || title.length === 0) return undefined
  let out = ''
  for (const node of title) {
    if (node.type !== 'text') return undefined
    out += node.value
  }
  return out
}

function split(node: Part | Chapter, language: string): void {
  if (node.label !== undefined) return
  const text = plainText(node.title)
  if (text === undefined) return
  if (node.type === 'part') {
    // A part titled with its number alone (book.yaml's `part: "One"` or `part: II`) is that
    // number, "Part One", not "Part One: One". A year ("1914") is a title.
    const numbered = parseHeading(`Part ${text.trim()}`, 'en')
    if (
      numbered?.kind === 'part' &&
      numbered.number !== undefined &&
      numbered.number <= 100 &&
      numbered.title === undefined &&
      (node.number === undefined || node.number === numbered.number)
    ) {
      node.number = numbered.number
      if (numbered.numeral !== undefined) node.numeral = numbered.numeral
      delete node.title
      return
    }
  }
  const parsed = parseHeading(text.trim(), language)
  if (!parsed || parsed.label === undefined) return
  if (node.type === 'part') {
    // "Part One: Blossom" is a part's label; "Chapter 3: …" as a part's title is left alone.
    if (parsed.kind !== 'part' || parsed.number === undefined) return
    // book.yaml's `number:` wins over the title's; the title's wording is kept only when they agree.
    if (node.number !== undefined && node.number !== parsed.number) return
  } else {
    if (node.number !== undefined || node.kind !== 'chapter') return
    if (parsed.kind === 'part') return
    if (parsed.kind !== 'chapter') node.kind = parsed.kind
  }
  node.label = parsed.label
  if (parsed.number !== undefined) node.number = parsed.number
  if (parsed.numeral !== undefined) node.numeral = parsed.numeral
  if (parsed.title) node.title = [{ type: 'text', value: parsed.title }]
  else delete node.title
}

/**
 * A transform that splits titles carrying their own label ("Part One: Blossom") into label,
 * number and title. Only plain-text titles without a label are read: a reader has already
 * parsed every heading it found.
 *
 * @example
 *   await labelTitles({ language: 'en' })(tree, file)
 *   // part.title "Part One: Blossom" → label "Part", number 1, numeral "One", title "Blossom"
 */
export function labelTitles(options: { language?: string } = {}): Transform {
  return (tree) => {
    const language = options.language ?? tree.metadata.language
    for (const child of tree.children) {
      split(child, language)
      if (child.type === 'part') for (const chapter of child.children) split(chapter, language)
    }
  }
}

export interface LabelsOptions {
  /** How numbers are written in labels; default `as-written`. */
  style?: LabelStyle
  /** Number words for `words` (default: the book language's, see `strings/numbers.ts`; else English). */
  words?: LabelWords
}

/**
 * A transform that writes every chapter and part number in one style (`numbers`, `words`,
 * `roman`); `as-written` leaves the authors' numerals alone.
 *
 * @example
 *   await labels({ style: 'roman' })(tree, file)
 *   // "Chapter Twenty-Three" → "Chapter XXIII"
 */
export function labels(options: LabelsOptions = {}): Transform {
  const style = options.style ?? 'as-written'
  return (tree) => {
    // `labels: words` spells numbers in the book's language ("Chapitre vingt-trois"); English
    // (and a language without number words of its own) keeps the English table's.
    const spelled = numberWordsFor(tree.metadata.language)
    const words =
      options.words ?? (spelled ? { ...ENGLISH_LABEL_WORDS, numberWords: spelled } : ENGLISH_LABEL_WORDS)
    // The words a label is made of when the source names none ("Chapter" before a bare number,
    // "Prologue", "Part") are the book's language's, decided here once for every renderer.
    const { kinds } = stringsFor(tree.metadata.language, tree.metadata.strings)
    const name = (node: Part | Chapter): string | undefined => {
      if (node.type === 'part') return node.number === undefined ? undefined : kinds.part
      if (node.kind === 'other') return undefined
      if (node.kind === 'chapter' || node.kind === 'appendix')
        return node.number === undefined ? undefined : kinds[node.kind]
      return kinds[node.kind]
    }
    // A label written after its ordinal ("{number}. Bölüm", "{number} Bölüm"): the ordinal in the
    // style asked for, in words "Birinci Bölüm", in figures "1. Bölüm" (with the period the
    // language writes after an ordinal figure).
    const language = tree.metadata.language
    const first = numberFirst(language)
    const numberBefore = (node: Part | Chapter): boolean => {
      if (
        style === 'as-written' ||
        !first ||
        !node.label?.startsWith('{number}') ||
        node.number === undefined
      )
        return false
      const ordinal = style === 'words' ? ordinalBefore(node.number, language) : undefined
      node.numeral = ordinal
        ? ordinal.charAt(0).toLocaleUpperCase(language) + ordinal.slice(1)
        : formatNumber(node.number, style === 'words' ? 'numbers' : style)
      node.label = node.label.replace(/^\{number\}\.?/, !ordinal && first.period ? '{number}.' : '{number}')
      return true
    }
    const restyle = (node: Part | Chapter) => {
      // Only where the book's word differs from the English default the renderers fall back to,
      // so an English book's tree is left exactly as read.
      const word = node.label?.trim() ? undefined : name(node)
      const english = node.type === 'part' ? ENGLISH_LABEL_WORDS.part : ENGLISH_LABEL_WORDS.kinds[node.kind]
      if (word && word !== english) node.label = word
      if (numberBefore(node)) return
      if (style === 'words' && node.number !== undefined && options.words === undefined && spelled) {
        node.numeral = spelled(node.number, node.type === 'part' ? 'part' : 'chapter') ?? String(node.number)
      } else if (style !== 'as-written' && node.number !== undefined)
        node.numeral = formatNumber(node.number, style, words)
    }
    for (const child of tree.children) {
      restyle(child)
      if (child.type === 'part') for (const chapter of child.children) restyle(chapter)
    }
  }
}
