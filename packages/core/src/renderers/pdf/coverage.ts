/**
 * Whether the PDF's faces can show the book's text at all, checked once before typesetting. The
 * embedded faces set Latin, Greek and Cyrillic, and (Noto Serif CJK, `fonts.ts`) Chinese,
 * Japanese and Korean; a book in Arabic, Hebrew, Devanagari or Thai would print every letter as
 * an empty box (and, one warning per distinct character, bury
 * the reason under thousands of lines). When a real share of the text has no glyph, the PDF is
 * not made: one `pdf-script-unsupported` error says how many characters and which scripts (by the
 * Unicode Script property), and the render fails while every other format is still written. A few
 * missing characters in an otherwise covered book stay `pdf-missing-glyph` warnings, reported
 * while typesetting. One pass over the text; each distinct character is classified once.
 *
 * Right-to-left text is another matter than glyphs: the PDF sets every line left to right, so
 * Arabic or Hebrew in a face that has them (`pdf: {font: …}`, shaped by fontkit) comes out with
 * the words of each line in reverse order. A book in a right-to-left language (or `direction: rtl`), or whose text is more than
 * a sliver in right-to-left scripts, is refused whatever the faces (`pdf-right-to-left`, saying
 * that the EPUB reads right); a few such words in a left-to-right book are printed, with one
 * `pdf-right-to-left-text` warning that names them.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import { directionOf } from '../../language.js'
import type { Node, Position, Root } from '../../model/types.js'
import { visit } from '../../model/walk.js'
import { type FaceStyle, spaceKind } from './layout/types.js'
import type { FontMeasurer } from './measure.js'

/** Share of the printable characters past which the PDF is refused, not printed as boxes. */
export const MAX_MISSING_SHARE = 0.05
/** Missing characters past which the PDF is refused whatever the share (pages of boxes). */
export const MAX_MISSING_CHARACTERS = 500

/** Scripts named in the summary, tested in this order (the Script property, not blocks). */
const SCRIPTS = [
  'Arabic',
  'Hebrew',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Thai',
  'Lao',
  'Tibetan',
  'Myanmar',
  'Khmer',
  'Georgian',
  'Armenian',
  'Ethiopic',
  'Syriac',
  'Thaana',
  'Mongolian',
  'Cherokee',
  'Tifinagh',
  'Nko',
  'Yi',
  'Javanese',
  'Balinese',
  'Greek',
  'Cyrillic',
  'Latin',
].map((name) => ({ name: name === 'Nko' ? "N'Ko" : name, test: new RegExp(`^\\p{Script=${name}}$`, 'u') }))

/**
 * Scripts written right to left (Unicode's Script property; their letters are of bidirectional
 * class R or AL), living and historic.
 */
const RTL_SCRIPTS = [
  'Arabic',
  'Hebrew',
  'Syriac',
  'Thaana',
  'Nko',
  'Samaritan',
  'Mandaic',
  'Adlam',
  'Hanifi_Rohingya',
  'Mende_Kikakui',
  'Yezidi',
  'Kharoshthi',
  'Phoenician',
  'Imperial_Aramaic',
  'Old_South_Arabian',
  'Old_North_Arabian',
  'Avestan',
  'Nabataean',
  'Palmyrene',
  'Hatran',
  'Manichaean',
  'Psalter_Pahlavi',
  'Inscriptional_Parthian',
  'Inscriptional_Pahlavi',
  'Lydian',
  'Cypriot',
  'Sogdian',
  'Old_Sogdian',
  'Elymaic',
  'Chorasmian',
  'Old_Hungarian',
  'Meroitic_Cursive',
  'Old_Uyghur',
].map((name) => ({
  name: name === 'Nko' ? "N'Ko" : name.replaceAll('_', ' '),
  test: new RegExp(`^\\p{Script=${name}}$`, 'u'),
  class: `\\p{Script=${name}}`,
}))

/** A word in right-to-left scripts: their letters, with the marks (vowel points, harakat) on them. */
const RTL_WORD = new RegExp(
  `[${RTL_SCRIPTS.map((s) => s.class).join('')}][\\p{M}${RTL_SCRIPTS.map((s) => s.class).join('')}]*`,
  'gu',
)

/** Right-to-left characters past which a book that is not in a right-to-left language is refused. */
export const MAX_RTL_CHARACTERS = 500
/** Share of the printable characters past which right-to-left text refuses the PDF. */
export const MAX_RTL_SHARE = 0.05
/** Right-to-left words a warning names. */
const RTL_NAMED = 3

const MARK = /^\p{M}$/u

/**
 * The right-to-left script a character is in, or undefined: all below U+0590 are left to right,
 * and a mark (a vowel point) is counted with its letter.
 */
export function rtlScriptOf(cp: number, char: string): string | undefined {
  if (cp < 0x590 || MARK.test(char)) return undefined
  for (const script of RTL_SCRIPTS) if (script.test.test(char)) return script.name
  return undefined
}

const pictographic = /^\p{Extended_Pictographic}$/u

/**
 * Characters whose script is Common but that serve a few scripts (Script_Extensions): the Arabic
 * comma, the Devanagari danda, the Japanese long vowel mark. They are named by the first of those
 * scripts, not as symbols.
 */
const EXTENDED = SCRIPTS.map((script) => ({
  name: script.name,
  test: new RegExp(`^\\p{Script_Extensions=${script.name === "N'Ko" ? 'Nko' : script.name}}$`, 'u'),
}))

/** The scripts the CJK faces set. */
const CJK_SCRIPTS = new Set(['Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo'])

/** The script a character belongs to, for the summary: a script's name, emoji or symbols. */
export function scriptOf(char: string): string {
  for (const script of SCRIPTS) if (script.test.test(char)) return script.name
  if (pictographic.test(char)) return 'emoji'
  for (const script of EXTENDED) if (script.test.test(char)) return script.name
  return 'symbols'
}

/** What the faces cannot show of a book's text. */
export interface Coverage {
  /** Characters printed, white space aside. */
  printable: number
  /** Of those, how many no face has a glyph for. */
  missing: number
  /** Missing characters by script, most first. */
  scripts: Array<{ script: string; count: number }>
  /** The text in right-to-left scripts: how much, by script (most first), the first words shown. */
  rtl: { count: number; shown: number; scripts: Array<{ script: string; count: number }>; words: RtlWord[] }
}

/** A word in a right-to-left script the faces can show, and where it is. */
export interface RtlWord {
  word: string
  file?: string | undefined
  position?: Position | undefined
}

/** What a stretch of the book holds in right-to-left scripts. */
export interface RtlTally {
  /** Its characters in right-to-left scripts, shown or not. */
  count: number
  /** Those by script. */
  byScript: Map<string, number>
  /** Of those, how many the faces can show (and would print left to right). */
  shown: number
  /** The first few words of them the faces can show. */
  words: RtlWord[]
}

/** What a stretch of the book holds: characters printed, of those missing, missing by script. */
export interface Tally {
  printable: number
  missing: number
  byScript: Map<string, number>
  rtl: RtlTally
}

const tally = (): Tally => ({
  printable: 0,
  missing: 0,
  byScript: new Map(),
  rtl: { count: 0, byScript: new Map(), shown: 0, words: [] },
})

/**
 * Count the characters of the book's text (metadata, titles, body, notes) no face can show.
 * With `kept` (watch mode: the same faces as the render that kept them), each chapter is counted
 * once and found there by its node when the book is set again: a chapter not edited is the same
 * node (the read cache keeps it).
 */
export function coverageOf(tree: Root, measurer: FontMeasurer, kept?: WeakMap<Node, Tally>): Coverage {
  const known = new Map<number, boolean>()
  const rtlKnown = new Map<number, string | undefined>()
  const absentFrom = (cp: number, style: FaceStyle) => {
    const key = style === 'mono' ? -cp : cp
    let absent = known.get(key)
    if (absent === undefined) {
      absent = measurer.cover(cp, style) === 3
      known.set(key, absent)
    }
    return absent
  }
  // The file the chapter being counted came from, for the words a warning names.
  let file: string | undefined
  const scan = (text: string, style: FaceStyle, into: Tally, node?: Node) => {
    let rtl = 0
    for (const char of text) {
      const cp = char.codePointAt(0)!
      if (cp <= 0x20 || (cp <= 0xffff && spaceKind(cp) !== 0)) continue
      into.printable++
      if (cp <= 0x7e) continue
      const absent = absentFrom(cp, style)
      if (cp >= 0x590) {
        let script = rtlKnown.get(cp)
        if (script === undefined && !rtlKnown.has(cp)) {
          script = rtlScriptOf(cp, char)
          rtlKnown.set(cp, script)
        }
        if (script !== undefined) {
          rtl++
          into.rtl.count++
          into.rtl.byScript.set(script, (into.rtl.byScript.get(script) ?? 0) + 1)
          if (!absent) into.rtl.shown++
        }
      }
      if (!absent) continue
      into.missing++
      const script = scriptOf(char)
      into.byScript.set(script, (into.byScript.get(script) ?? 0) + 1)
    }
    if (rtl === 0 || into.rtl.words.length >= RTL_NAMED) return
    for (const [word] of text.matchAll(RTL_WORD)) {
      if ([...word].some((c) => !MARK.test(c) && absentFrom(c.codePointAt(0)!, style))) continue
      into.rtl.words.push({ word, file, position: node?.position })
      if (into.rtl.words.length >= RTL_NAMED) break
    }
  }
  const count = (node: Node, into: Tally) =>
    visit(node, (n) => {
      if (kept && n !== node && n.type === 'chapter') {
        let chapter = kept.get(n)
        if (!chapter) {
          chapter = tally()
          count(n, chapter)
          kept.set(n, chapter)
        }
        into.printable += chapter.printable
        into.missing += chapter.missing
        for (const [script, n] of chapter.byScript)
          into.byScript.set(script, (into.byScript.get(script) ?? 0) + n)
        into.rtl.count += chapter.rtl.count
        into.rtl.shown += chapter.rtl.shown
        for (const [script, n] of chapter.rtl.byScript)
          into.rtl.byScript.set(script, (into.rtl.byScript.get(script) ?? 0) + n)
        for (const word of chapter.rtl.words) if (into.rtl.words.length < RTL_NAMED) into.rtl.words.push(word)
        return false
      }
      if (n.type === 'chapter') file = n.file
      if (n.type === 'text') scan(n.value, 'regular', into, n)
      else if (n.type === 'code' || n.type === 'codeBlock') scan(n.value, 'mono', into, n)
    })
  const book = tally()
  const meta = tree.metadata
  for (const value of [meta.title, meta.subtitle]) if (typeof value === 'string') scan(value, 'regular', book)
  count(tree, book)
  const ranked = (counts: Map<string, number>) =>
    [...counts].map(([script, count]) => ({ script, count })).sort((a, b) => b.count - a.count)
  const { rtl } = book
  return {
    printable: book.printable,
    missing: book.missing,
    scripts: ranked(book.byScript),
    rtl: { count: rtl.count, shown: rtl.shown, scripts: ranked(rtl.byScript), words: rtl.words },
  }
}

/** The name of a language in English (`ar` → Arabic), or its tag when the runtime knows none. */
function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames('en', { type: 'language' }).of(tag)
    return name && name !== tag ? `${name} (\`${tag}\`)` : `\`${tag}\``
  } catch {
    return `\`${tag}\``
  }
}

/** "Arabic: 143; Hebrew: 2". */
const counted = (scripts: Array<{ script: string; count: number }>) =>
  scripts.map((s) => `${s.script}: ${s.count.toLocaleString('en')}`).join('; ')

/**
 * Refuse the PDF of a right-to-left book (its language, its direction, or a real share of its
 * text), whatever its faces: one `pdf-right-to-left` error. A few right-to-left words in a
 * left-to-right book are set, and named once (`pdf-right-to-left-text`). True when refused.
 */
function checkDirection(tree: Root, coverage: Coverage, file: SourceFile): void {
  const { printable, rtl } = coverage
  const language = tree.metadata.language
  const byLanguage = language ? directionOf(language) === 'rtl' : false
  const byText = rtl.count > MAX_RTL_CHARACTERS || rtl.count > printable * MAX_RTL_SHARE
  const because = byLanguage
    ? `the book is in ${languageName(language!)}, written right to left`
    : tree.metadata.direction === 'rtl'
      ? 'the book is set right to left (`direction: rtl`)'
      : byText
        ? `${rtl.count.toLocaleString('en')} of the book's ${printable.toLocaleString('en')} characters are in right-to-left scripts (${counted(rtl.scripts)})`
        : undefined
  if (because)
    file.fail(
      'pdf-right-to-left',
      `Right-to-left PDFs are not supported yet: ${because}, and the PDF sets every line left to right (the words of a right-to-left line would come out in reverse order), so no PDF was made, whatever the font. The EPUB (\`-f epub\`) is made as usual and reads correctly, right to left`,
      undefined,
      'pdf',
    )
  if (rtl.shown === 0) return
  const [first] = rtl.words
  const named =
    rtl.words.length === 0
      ? ''
      : ` (${rtl.words.map((w) => `"${w.word}"`).join(', ')}${rtl.words.length === RTL_NAMED ? ' …' : ''})`
  const n = rtl.shown
  file.messageIn(
    first?.file,
    'pdf-right-to-left-text',
    `${n.toLocaleString('en')} character${n === 1 ? '' : 's'} of right-to-left text${named} ${n === 1 ? 'is' : 'are'} printed, words of more than one in left-to-right order, as the PDF cannot set right-to-left lines yet; the EPUB sets them right`,
    first?.position,
    'pdf',
  )
}

/**
 * Refuse the PDF with one error when it cannot be set: `pdf-right-to-left` when the book is
 * written right to left, `pdf-script-unsupported` when the faces cannot show its text.
 */
export function checkCoverage(
  tree: Root,
  measurer: FontMeasurer,
  file: SourceFile,
  kept?: WeakMap<Node, Tally>,
): void {
  const coverage = coverageOf(tree, measurer, kept)
  checkDirection(tree, coverage, file)
  const { printable, missing, scripts } = coverage
  if (missing === 0) return
  if (missing <= MAX_MISSING_CHARACTERS && missing <= printable * MAX_MISSING_SHARE) return
  const names = counted(scripts)
  // The CJK faces are optional packages: say which to install when they are what is missing.
  const absent = measurer.fonts.cjkUnavailable
  const install =
    absent.length > 0 && scripts.some((s) => CJK_SCRIPTS.has(s.script))
      ? `; install ${absent.join(', ')} to print the CJK text`
      : ''
  file.fail(
    'pdf-script-unsupported',
    `The PDF's faces have no glyphs for ${missing.toLocaleString('en')} of the book's ${printable.toLocaleString('en')} characters (${names}); they would print as empty boxes, so no PDF was made${install}`,
    undefined,
    'pdf',
  )
}
