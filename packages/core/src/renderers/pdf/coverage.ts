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
 */
import type { SourceFile } from '../../diagnostics/file.js'
import type { Node, Root } from '../../model/types.js'
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

const pictographic = /^\p{Extended_Pictographic}$/u

/** The scripts the CJK faces set. */
const CJK_SCRIPTS = new Set(['Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo'])

/** The script a character belongs to, for the summary: a script's name, emoji or symbols. */
export function scriptOf(char: string): string {
  for (const script of SCRIPTS) if (script.test.test(char)) return script.name
  return pictographic.test(char) ? 'emoji' : 'symbols'
}

/** What the faces cannot show of a book's text. */
export interface Coverage {
  /** Characters printed, white space aside. */
  printable: number
  /** Of those, how many no face has a glyph for. */
  missing: number
  /** Missing characters by script, most first. */
  scripts: Array<{ script: string; count: number }>
}

/** What a stretch of the book holds: characters printed, of those missing, missing by script. */
export interface Tally {
  printable: number
  missing: number
  byScript: Map<string, number>
}

const tally = (): Tally => ({ printable: 0, missing: 0, byScript: new Map() })

/**
 * Count the characters of the book's text (metadata, titles, body, notes) no face can show.
 * With `kept` (watch mode: the same faces as the render that kept them), each chapter is counted
 * once and found there by its node when the book is set again: a chapter not edited is the same
 * node (the read cache keeps it).
 */
export function coverageOf(tree: Root, measurer: FontMeasurer, kept?: WeakMap<Node, Tally>): Coverage {
  const known = new Map<number, boolean>()
  const scan = (text: string, style: FaceStyle, into: Tally) => {
    for (const char of text) {
      const cp = char.codePointAt(0)!
      if (cp <= 0x20 || (cp <= 0xffff && spaceKind(cp) !== 0)) continue
      into.printable++
      if (cp <= 0x7e) continue
      const key = style === 'mono' ? -cp : cp
      let absent = known.get(key)
      if (absent === undefined) {
        absent = measurer.cover(cp, style) === 3
        known.set(key, absent)
      }
      if (!absent) continue
      into.missing++
      const script = scriptOf(char)
      into.byScript.set(script, (into.byScript.get(script) ?? 0) + 1)
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
        return false
      }
      if (n.type === 'text') scan(n.value, 'regular', into)
      else if (n.type === 'code' || n.type === 'codeBlock') scan(n.value, 'mono', into)
    })
  const book = tally()
  const meta = tree.metadata
  for (const value of [meta.title, meta.subtitle]) if (typeof value === 'string') scan(value, 'regular', book)
  count(tree, book)
  const scripts = [...book.byScript]
    .map(([script, count]) => ({ script, count }))
    .sort((a, b) => b.count - a.count)
  return { printable: book.printable, missing: book.missing, scripts }
}

/** Refuse the PDF with one `pdf-script-unsupported` error when the faces cannot show its text. */
export function checkCoverage(
  tree: Root,
  measurer: FontMeasurer,
  file: SourceFile,
  kept?: WeakMap<Node, Tally>,
): void {
  const { printable, missing, scripts } = coverageOf(tree, measurer, kept)
  if (missing === 0) return
  if (missing <= MAX_MISSING_CHARACTERS && missing <= printable * MAX_MISSING_SHARE) return
  const names = scripts.map((s) => `${s.script}: ${s.count.toLocaleString('en')}`).join('; ')
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
