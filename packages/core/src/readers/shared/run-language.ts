/**
 * The language of parts for the office readers (Word .docx and .doc, OpenDocument, RTF): which
 * language a run of text is in, from the three a word processor keeps on every run (one for Latin
 * text, one for East Asian, one for complex scripts: Arabic, Hebrew, Thai, Indic), which language
 * the document is in (the language of most of its letters, since Word leaves its default at
 * en-US whatever the author types), and so which paragraphs get a `lang` or `dir` of their own
 * and which runs become spans. Stretches without letters (spaces, digits, punctuation) are never
 * marked and never split a span; a region alone (`en-GB` in `en-US`) is no other language.
 */

import type { SourceFile } from '../../diagnostics/file.js'
import { canonicalLanguage, differentLanguage, directionOf, likelyScript } from '../../language.js'

export type Direction = 'ltr' | 'rtl'

/**
 * What a run says of its language, as each format keeps it (Word `w:lang`, OpenDocument
 * `fo:language`, RTF `\lang`, .doc sprmCRgLid0): raw tags, undefined meaning "not said here"
 * (inherited), a tag such as `x-none`, `und` or `zxx` meaning "no language".
 */
export interface RunLanguage {
  /** The language of Latin (and Greek, Cyrillic…) text: `w:val`, `fo:language`, `\lang`. */
  lang?: string
  /** East Asian text's: `w:eastAsia`, `style:language-asian`, `\langfe`. */
  langEastAsian?: string
  /** Complex-script text's: `w:bidi`, `style:language-complex`, `\alang`. */
  langComplex?: string
  /** The run is right to left (`w:rtl`, `\rtlch`, sprmCFBiDi): its text is complex script. */
  rtl?: boolean
  /** The run uses complex-script formatting (`w:cs`, sprmCFComplexScripts). */
  complexScript?: boolean
  /** Word's "Do not check spelling or grammar" (`w:noProof`, `\noproof`): no language. */
  noProof?: boolean
}

const RUN_LANGUAGE_KEYS = ['lang', 'langEastAsian', 'langComplex', 'rtl', 'complexScript', 'noProof'] as const

/** Whether two runs say the same of their language (so their text can be one segment). */
export function sameRunLanguage(a: RunLanguage | undefined, b: RunLanguage | undefined): boolean {
  if (a === b) return true
  return RUN_LANGUAGE_KEYS.every((key) => a?.[key] === b?.[key])
}

/** A run's language and direction alone, without the rest of its formatting. */
export function runLanguageOf(run: RunLanguage): RunLanguage {
  const out: RunLanguage = {}
  for (const key of RUN_LANGUAGE_KEYS)
    if (run[key] !== undefined) (out as Record<string, unknown>)[key] = run[key]
  return out
}

/** A piece of a paragraph as the language step sees it: its language, direction and letters. */
export interface LanguagePiece {
  lang?: string
  rtl?: boolean
  letters: number
}

/** What a span of a paragraph is marked with; undefined for a piece left unmarked. */
export interface SpanMark {
  lang?: string
  dir?: Direction
}

/** What the language step decides for one paragraph. */
export interface ParagraphLanguage {
  /** The paragraph's own language, when most of it is in another than the document's. */
  lang?: string
  /** Its direction, when it is not the document's. */
  dir?: Direction
  /** For each piece, the span it belongs to (pieces with equal marks side by side make one). */
  marks: Array<SpanMark | undefined>
}

/**
 * The scripts a run's letters are told apart by: each of the complex ones (right to left, or
 * shaped: Thai, Indic), the East Asian ones together (Chinese, Japanese and Korean text mixes
 * them), and the others a book's Latin-class languages are written in.
 */
const SCRIPTS: Array<[name: string, iso15924: string, kind: 'latin' | 'complex']> = [
  ['Latin', 'Latn', 'latin'],
  ['Cyrillic', 'Cyrl', 'latin'],
  ['Greek', 'Grek', 'latin'],
  ['Armenian', 'Armn', 'latin'],
  ['Georgian', 'Geor', 'latin'],
  ['Ethiopic', 'Ethi', 'latin'],
  ['Hebrew', 'Hebr', 'complex'],
  ['Arabic', 'Arab', 'complex'],
  ['Syriac', 'Syrc', 'complex'],
  ['Thaana', 'Thaa', 'complex'],
  ['Nko', 'Nkoo', 'complex'],
  ['Thai', 'Thai', 'complex'],
  ['Lao', 'Laoo', 'complex'],
  ['Khmer', 'Khmr', 'complex'],
  ['Devanagari', 'Deva', 'complex'],
  ['Bengali', 'Beng', 'complex'],
  ['Gurmukhi', 'Guru', 'complex'],
  ['Gujarati', 'Gujr', 'complex'],
  ['Oriya', 'Orya', 'complex'],
  ['Tamil', 'Taml', 'complex'],
  ['Telugu', 'Telu', 'complex'],
  ['Kannada', 'Knda', 'complex'],
  ['Malayalam', 'Mlym', 'complex'],
  ['Sinhala', 'Sinh', 'complex'],
  ['Tibetan', 'Tibt', 'complex'],
  ['Myanmar', 'Mymr', 'complex'],
]
const EAST_ASIAN =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Bopomofo}'
/** One stretch of letters of one script a match: group i + 1 for `SCRIPTS[i]`, then East Asian, then any other. */
const STRETCH = new RegExp(
  `${SCRIPTS.map(([name]) => `(\\p{Script=${name}}+)`).join('|')}|([${EAST_ASIAN}]+)|(\\p{L}+)`,
  'gu',
)
/** Text with no letter outside the Latin script: most of a Western book, read at once. */
const LATIN_ONLY = /^[\P{L}\p{Script=Latin}]*$/u
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u
const HANGUL = /\p{Script=Hangul}/u

/** Tags that name no language: Word's `x-none`, BCP 47's undetermined and "no linguistic content". */
const NO_LANGUAGE = /^(?:x-none|und|zxx|mul|none)$/i

/** A run's stated tag as a canonical BCP 47 tag; undefined for "no language" and non-tags. */
export function languageOf(tag: string | undefined): string | undefined {
  if (tag === undefined || NO_LANGUAGE.test(tag.trim())) return undefined
  const canonical = canonicalLanguage(tag)
  return canonical && !/^x-/.test(canonical) ? canonical : undefined
}

/** A piece of a run's text and the language it is in, if the run names one that fits it. */
export interface RunPiece {
  text: string
  lang: string | undefined
  rtl: boolean
}

/**
 * A run's text cut where its language changes. Each stretch of letters takes the language the
 * run gives its script class (Latin, East Asian, complex), as Word picks `w:val`, `w:eastAsia`
 * or `w:bidi` by character; a right-to-left or complex-script run is complex throughout. A
 * language only applies to letters of a script it is written in: Word's defaults name a language
 * for every class (`w:bidi="ar-SA"`, LibreOffice's `zh-CN`), which Hebrew typed under `ar-SA`,
 * or Japanese under `zh-CN`, or Russian under `en-US` are not in; such letters are in no
 * language. Characters without a script (spaces, digits, punctuation) go with the stretch
 * before them.
 */
export function runPieces(text: string, run: RunLanguage): RunPiece[] {
  const rtl = run.rtl === true
  if (run.noProof) return [{ text, lang: undefined, rtl }]
  const complexRun = rtl || run.complexScript === true
  if (!complexRun && LATIN_ONLY.test(text)) return [{ text, lang: fitting(run.lang, 'Latn'), rtl }]
  const out: RunPiece[] = []
  let cut = 0
  let current: string | undefined
  let started = false
  for (const m of text.matchAll(STRETCH)) {
    const lang = stretchLanguage(m, run, complexRun)
    if (started && lang !== current) {
      out.push({ text: text.slice(cut, m.index), lang: current, rtl })
      cut = m.index
    }
    current = lang
    started = true
  }
  out.push({
    text: text.slice(cut),
    lang: started ? current : languageOf(complexRun ? run.langComplex : run.lang),
    rtl,
  })
  return out
}

/** The language of one stretch of letters of one script (a match of `STRETCH`), if it fits. */
function stretchLanguage(m: RegExpMatchArray, run: RunLanguage, complexRun: boolean): string | undefined {
  const group = m.findIndex((g, i) => i > 0 && g !== undefined)
  if (group <= SCRIPTS.length) {
    const [, script, kind] = SCRIPTS[group - 1]!
    const tag = complexRun || kind === 'complex' ? run.langComplex : run.lang
    return fitting(tag, script)
  }
  if (group === SCRIPTS.length + 1) {
    const tag = complexRun ? run.langComplex : run.langEastAsian
    const letters = m[0]
    return fitting(tag, KANA.test(letters) ? 'Jpan' : HANGUL.test(letters) ? 'Kore' : 'Hani')
  }
  // A script not told apart: the tag is taken at its word.
  return languageOf(complexRun ? run.langComplex : run.lang)
}

/** A tag as a language for letters of `script`, or undefined when that language is not written so. */
function fitting(tag: string | undefined, script: string): string | undefined {
  const lang = languageOf(tag)
  if (lang === undefined) return undefined
  const written = likelyScript(lang)
  if (written === undefined || written === script) return lang
  // Han is written in Chinese (simplified or traditional), Japanese and Korean alike.
  if (script === 'Hani') return ['Hans', 'Hant', 'Jpan', 'Kore', 'Hani'].includes(written) ? lang : undefined
  return undefined
}

/**
 * One reading of a document in an assumed language: the letters counted per language as its
 * paragraphs pass, and each paragraph's decision made against the assumed language.
 */
export class LanguageScope {
  /** Letters per canonical tag; `''` for letters in no language (no proofing). */
  readonly tally = new Map<string, number>()
  /** The language paragraphs are compared with: the document's, else the book's. */
  private readonly base: string | undefined
  private readonly direction: Direction

  /**
   * @param document The document's language as assumed for this reading (canonical BCP 47).
   * @param book The book's language (`ReaderOptions.language`), for a document that names none.
   */
  constructor(
    readonly document: string | undefined,
    book?: string,
  ) {
    this.base = document ?? languageOf(book)
    this.direction = this.base ? directionOf(this.base) : 'ltr'
  }

  /**
   * Decide a paragraph's language and direction and which of its pieces to mark, counting its
   * letters. `own` is the direction the paragraph is written in (`ltr` unless its format says).
   */
  paragraph(pieces: readonly LanguagePiece[], own: Direction = 'ltr'): ParagraphLanguage {
    const letters = new Map<string, number>()
    let total = 0
    for (const piece of pieces) {
      if (piece.letters === 0) continue
      const key = piece.lang ?? ''
      letters.set(key, (letters.get(key) ?? 0) + piece.letters)
      this.tally.set(key, (this.tally.get(key) ?? 0) + piece.letters)
      total += piece.letters
    }
    const out: ParagraphLanguage = { marks: [] }
    // A paragraph mostly in another language is that language's, its other runs marked within it.
    for (const [tag, count] of letters) {
      if (tag !== '' && count * 2 > total && this.differs(tag, this.base)) out.lang = tag
    }
    if (own !== this.direction) out.dir = own
    const context = out.lang ?? this.base
    const keys = pieces.map((piece) => {
      if (piece.letters === 0) return undefined
      const mark: SpanMark = {}
      if (piece.lang && context && this.differs(piece.lang, context)) mark.lang = piece.lang
      if (piece.rtl && own === 'ltr') mark.dir = 'rtl'
      return mark.lang || mark.dir ? mark : null
    })
    out.marks = bridge(keys)
    return out
  }

  /**
   * The language of most of the document's letters: languages (not regions) are weighed, the
   * tag of that language with the most letters named, the declared tag breaking ties at both.
   * Letters in no language count for the declared one.
   */
  majority(declared: string | undefined): string | undefined {
    const weights = new Map<string, { total: number; tags: Map<string, number> }>()
    for (const [tag, count] of this.tally) {
      const named = tag === '' ? declared : tag
      if (named === undefined) continue
      let group: string | undefined
      for (const key of weights.keys()) if (!differentLanguage(named, key)) group = key
      const entry = weights.get(group ?? named) ?? { total: 0, tags: new Map() }
      entry.total += count
      entry.tags.set(named, (entry.tags.get(named) ?? 0) + count)
      weights.set(group ?? named, entry)
    }
    const unnamed = declared === undefined ? (this.tally.get('') ?? 0) : 0
    let best: { total: number; tags: Map<string, number> } | undefined
    for (const entry of weights.values()) {
      if (
        !best ||
        entry.total > best.total ||
        (entry.total === best.total && declared !== undefined && entry.tags.has(declared))
      )
        best = entry
    }
    // Most of the text is in no language and the document names none: it has none.
    if (!best || unnamed > best.total) return declared
    let tag: string | undefined
    let most = -1
    for (const [name, count] of best.tags) {
      if (count > most || (count === most && name === declared)) [tag, most] = [name, count]
    }
    return tag
  }

  private differs(tag: string, other: string | undefined): boolean {
    return other === undefined || differentLanguage(tag, other)
  }
}

/**
 * Letterless pieces (`undefined`) join the span on both sides of them when those are one span;
 * otherwise they, like pieces needing no mark (`null`), are left unmarked.
 */
function bridge(keys: Array<SpanMark | null | undefined>): Array<SpanMark | undefined> {
  const out: Array<SpanMark | undefined> = keys.map((k) => k ?? undefined)
  let previous: SpanMark | null | undefined
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]
    if (key !== undefined) {
      previous = key
      continue
    }
    let j = i
    while (j < keys.length && keys[j] === undefined) j++
    const next = keys[j]
    if (previous && next && sameMark(previous, next)) for (let k = i; k < j; k++) out[k] = previous
    i = j - 1
  }
  return out
}

/** Whether two marks make one span. */
export function sameMark(a: SpanMark | undefined, b: SpanMark | undefined): boolean {
  return a?.lang === b?.lang && a?.dir === b?.dir
}

/**
 * Read a document in its own language: once in the language it declares, and, when most of its
 * letters turn out to be in another (Word's default left at en-US under German text), once more
 * in that one, quietly, so each diagnostic is said once. Returns the reading kept and the
 * document's language (the majority's, the declared one breaking ties).
 */
export function readInLanguage<T>(
  declared: string | undefined,
  book: string | undefined,
  file: SourceFile,
  read: (scope: LanguageScope, file: SourceFile) => T,
): { result: T; language: string | undefined } {
  const assumed = languageOf(declared)
  const first = new LanguageScope(assumed, book)
  const result = read(first, file)
  const language = first.majority(assumed)
  if (language === undefined || (assumed !== undefined && !differentLanguage(language, assumed)))
    return { result, language: language ?? assumed }
  return { result: read(new LanguageScope(language, book), quiet(file)), language }
}

/** A file whose messages go nowhere: a second reading's, which the first already gave. */
export function quiet(file: SourceFile): SourceFile {
  const silent = Object.create(file) as SourceFile
  Object.defineProperty(silent, 'messages', { value: [] })
  return silent
}
