/**
 * The RTF reader: a Rich Text Format document (TextEdit's and WordPad's own format, Word's,
 * LibreOffice's, Scrivener's and Google Docs' export, pandoc's and calibre's output) in, the
 * book's chapters out. The tokens (`tokens.ts`) are read (`reading.ts`) as RTF's specification
 * says a reader should: character and paragraph formatting are state saved and restored with each group,
 * destinations hold what is not the text (font, colour and style tables, the document's
 * information, headers and footers, pictures, notes, field instructions) and a `{\*\…}` group a
 * reader does not know is skipped whole. Text in `\'hh` escapes is decoded in the code page of
 * its font's character set (or the document's `\ansicpg`); `\uN` is Unicode, its fallback
 * skipped as `\ucN` says.
 *
 * Each paragraph becomes what the Word reader makes of one (a `DocParagraph`: its style's name
 * and ancestors, alignment, page breaks, outline level, marks by segment), so chapters, the
 * book's title, scene breaks and quotations are found by the same rules
 * (`../docx/structure.ts`): Heading styles and outline levels open chapters, and in a document
 * of direct formatting alone (TextEdit's) a centred, bold or larger line that reads as a
 * heading does. Footnotes and endnotes join the chapter citing them; PNG and JPEG pictures
 * travel as resources; comments, deletions, hidden text and text boxes are left out and said
 * so. Diagnostics name the paragraph as the line (`book.rtf:12:1`). Never throws.
 *
 * It is written here rather than taken from npm: the RTF packages there parse through Node
 * streams (the in-memory path must run in a browser) or into an HTML DOM, and none keeps the
 * paragraph styles, outline levels and page breaks the chapter rules need.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import type { DocBlock, DocParagraph } from '../docx/body.js'
import { clip, paragraphsNamed } from '../docx/package.js'
import { adoptSummary } from '../docx/parts.js'
import { structure } from '../docx/structure.js'
import { verseLines } from '../docx/verse.js'
import { quiet, readInLanguage } from '../shared/run-language.js'
import type { Reader, ReaderOptions, ReadResult } from '../types.js'
import { rtfEntry } from './entry.js'
import { Reading } from './reading.js'
import { byteString } from './tokens.js'
import type { Findings } from './words.js'

const SOURCE = 'rtf'

export const rtfReader: Reader & { codes: typeof rtfEntry.codes } = {
  ...rtfEntry,
  read(input, file, options) {
    try {
      return readRtf(input, file, options)
    } catch (error) {
      file.message(
        'internal-error',
        `The RTF reader failed: ${(error as Error)?.message ?? error}`,
        undefined,
        SOURCE,
      )
      return { children: [] }
    }
  },
}

function readRtf(input: Uint8Array | string, file: SourceFile, options: ReaderOptions): ReadResult {
  const head = typeof input === 'string' ? input.slice(0, 8) : input.subarray(0, 8)
  if (!rtfEntry.sniff(head)) {
    file.message(
      'rtf-invalid',
      `"${file.path}" is not an RTF document: it does not start with {\\rtf`,
      undefined,
      SOURCE,
    )
    return { children: [] }
  }
  const src = typeof input === 'string' ? input : byteString(input)
  const ahead = new Reading(src, quiet(file))
  ahead.readTablesAhead()
  // The language of most of the text; the one the document declares breaks a tie.
  const read = readInLanguage(ahead.declaredLanguage(), options.language, file, (language, said) => {
    const reading = new Reading(src, said)
    reading.language = language
    reading.readTablesAhead()
    reading.run()
    return reading
  })
  const reading = read.result
  report(reading.findings, file)
  const blocks = quotesByIndent(reading.body.blocks, reading.indents)
  const result = structure({ format: 'rtf', blocks, notes: reading.notes, file, options })
  const { info } = reading
  adoptSummary(result, { ...info, comments: info.doccomm })
  const language = read.language
  if (language) result.metadata = { language, ...result.metadata }
  if (Object.keys(reading.resources).length > 0) result.resources = reading.resources
  return result
}

/** Twips past the text's own left edge that set a paragraph apart as a quotation (1 cm). */
const QUOTE_INDENT = 567

/**
 * Paragraphs set in from the left of the text (its most common indent, by the length of text at
 * each) are block quotations, as Word's Quote style would say; lists, headings and centred lines
 * are not. A document indented throughout has none.
 */
function quotesByIndent(blocks: DocBlock[], indents: Map<DocParagraph, number>): DocBlock[] {
  if (indents.size === 0) return blocks
  const weight = new Map<number, number>()
  for (const b of blocks) {
    if (b.kind !== 'paragraph' || b.list || b.text === '') continue
    const indent = indents.get(b) ?? 0
    weight.set(indent, (weight.get(indent) ?? 0) + b.text.length)
  }
  let common = 0
  let most = -1
  for (const [indent, w] of weight) if (w > most) [common, most] = [indent, w]
  // A poem's lines are set in or not as one: by its least indented line's indent.
  const verse = verseLines(blocks)
  return blocks.map((b) => {
    if (b.kind !== 'paragraph' || b.outline !== undefined || b.align === 'center' || b.text === '') return b
    const run = verse.get(b)?.run
    const indent = run ? Math.min(...run.map((p) => indents.get(p) ?? 0)) || undefined : indents.get(b)
    if (indent === undefined || indent < common + QUOTE_INDENT) return b
    return { ...b, style: { ...b.style, lineage: [...b.style.lineage, 'quote'] } }
  })
}

/** One diagnostic per kind of thing left out, naming the first paragraph where it stood. */
function report(findings: Findings, file: SourceFile): void {
  const said: Array<
    [
      keyof Findings,
      'rtf-comments' | 'rtf-tracked-changes' | 'rtf-hidden-text' | 'rtf-text-box' | 'rtf-symbol',
      (w: string) => string,
    ]
  > = [
    ['comments', 'rtf-comments', (w) => `Left out the comments on ${w}`],
    [
      'tracked',
      'rtf-tracked-changes',
      (w) =>
        `Tracked changes in ${w}: insertions kept and deletions dropped, as if accepted; accept or reject them in your word processor to be sure`,
    ],
    ['hidden', 'rtf-hidden-text', (w) => `Left out hidden text in ${w}`],
    ['textBoxes', 'rtf-text-box', (w) => `Left out the text of text boxes or shapes in ${w}`],
    [
      'symbols',
      'rtf-symbol',
      (w) =>
        `Left out characters of a symbol font (Wingdings, Webdings…) that have no Unicode equivalent, in ${w}`,
    ],
  ]
  for (const [key, code, message] of said) {
    const ns = findings[key] as number[]
    if (ns.length === 0) continue
    const w = paragraphsNamed(ns)
    file.message(code, message(w.text), w.place, SOURCE)
  }
  for (const { n, reason } of findings.images.slice(0, 20))
    file.message(
      'rtf-image',
      `A picture in paragraph ${n} was left out: ${clip(reason, 120)}`,
      { line: n, column: 1 },
      SOURCE,
    )
}
