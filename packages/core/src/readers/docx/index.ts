/**
 * The Word reader: a .docx (a zip of WordprocessingML parts) into chapters, with the document's
 * own metadata and its embedded pictures. It reads the parts itself, through the shared archive
 * and XML layer (`../shared/archive.ts`, `../shared/xml.ts`), rather than through mammoth:
 * mammoth drops paragraph alignment, page breaks before paragraphs and hidden text, which are
 * how Word authors mark chapter titles and scene breaks, and it gives HTML that would still need
 * parsing; on bench/docx.mjs's 150,000-word manuscript it took 2.8 s of CPU for the HTML alone,
 * where this reader takes 0.7–1.1 s for the tree. The text is walked in `body.ts` and laid out as
 * chapters in `structure.ts`. Diagnostics name the file and the paragraph (as its line:
 * paragraph 12 is `file.docx:12:1`). Never throws. Old binary Word files (.doc) have a reader
 * of their own (`../doc/`) that makes the same paragraphs and lays them out with `structure.ts`.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import type { FootnoteDefinition, Metadata } from '../../model/types.js'
import { type Archive, isArchiveProblem } from '../shared/archive.js'
import { readInLanguage } from '../shared/run-language.js'
import type { Reader, ReaderOptions, ReadResult } from '../types.js'
import {
  type DocParagraph,
  dropNoteMark,
  type Findings,
  paragraphNode,
  type WalkContext,
  walkBlocks,
} from './body.js'
import { docxEntry } from './entry.js'
import { clip, type OfficeFormat, openPackage, readOffice, Unreadable } from './package.js'
import {
  languageTag,
  propertyText,
  readComments,
  readCoreProperties,
  readNumbering,
  readRelationships,
  readStyles,
  resolvePart,
} from './parts.js'
import { structure } from './structure.js'
import { child, children, parseXml } from './xml.js'

const SOURCE = 'docx'
const DOCUMENT = 'word/document.xml'

export const docxReader: Reader & { codes: typeof docxEntry.codes } = {
  ...docxEntry,
  read: async (input, file, options) => readSafely(input, file, options),
}

const FORMAT: OfficeFormat = {
  invalid: 'docx-invalid',
  what: 'a Word document',
  reader: 'Word',
  source: SOURCE,
  bytes: 'a .docx is bytes (a zip archive)',
}

function readSafely(input: Uint8Array | string, file: SourceFile, options: ReaderOptions): ReadResult {
  return readOffice(input, file, FORMAT, (bytes) => readDocx(bytes, file, options))
}

function readDocx(bytes: Uint8Array, file: SourceFile, options: ReaderOptions): ReadResult {
  const pkg = openPackage(bytes, file, FORMAT, (archive) => mainPart(archive, file))
  const { main, xml, image, resources } = pkg
  if (!main || !pkg.archive.has(main)) {
    throw new Unreadable('docx-invalid', 'it has no word/document.xml, so it is not a Word document')
  }
  const relsOf = (part: string) =>
    `${part.slice(0, part.lastIndexOf('/') + 1)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`
  const mainRels = xml(relsOf(main))
  const rels = readRelationships(mainRels)
  // Related parts by relationship type, wherever the producer put them.
  const related = (type: string) => {
    for (const rel of children(child(mainRels, 'pr:Relationships'), 'pr:Relationship')) {
      if ((rel.attrs.Type ?? '').endsWith(`/${type}`) && rel.attrs.TargetMode !== 'External') {
        const target = resolvePart(main, rel.attrs.Target ?? '')
        if (target) return target
      }
    }
    return undefined
  }
  const parts = {
    styles: related('styles'),
    numbering: related('numbering'),
    footnotes: related('footnotes'),
    endnotes: related('endnotes'),
    comments: related('comments'),
  }
  const document = xml(main)
  const body = child(child(document, 'w:document'), 'w:body')
  if (!body) throw new Unreadable('docx-invalid', `${main} has no document body`)

  const styles = readStyles(xml(parts.styles))
  const coreXml = xml('docProps/core.xml')
  // The language the document says it is in: its properties', else its text's default. Its
  // text's own languages decide (`readInLanguage`); what it says only breaks a tie.
  const said = child(coreXml, 'cp:coreProperties')
  const declared = languageTag(said && propertyText(said, 'dc:language')) ?? styles.language
  // Each part is parsed once, however many times the text is read.
  const numbering = readNumbering(xml(parts.numbering))
  const comments = readComments(xml(parts.comments))
  const noteParts = (
    [
      ['fn', parts.footnotes, 'w:footnotes', 'w:footnote'],
      ['en', parts.endnotes, 'w:endnotes', 'w:endnote'],
    ] as const
  ).map(([prefix, part, wrapper, entry]) => ({
    prefix,
    part,
    entry,
    root: part ? child(xml(part), wrapper) : undefined,
    rels: part ? readRelationships(xml(relsOf(part))) : undefined,
  }))
  const walked = readInLanguage(declared, options.language, file, (language) => {
    const findings: Findings = {
      comments: new Map(),
      tracked: new Set(),
      hidden: new Set(),
      textBoxes: new Set(),
      images: [],
      unsafeLinks: [],
      symbols: [],
      excerpts: new Map(),
    }
    const counter = { n: 0 }
    const base = {
      styles,
      numbering,
      comments,
      filePath: file.path,
      image,
      findings,
      language,
    }
    const customMarks = new Map<string, string>()
    const ctx: WalkContext = { ...base, part: main, rels, counter, customMarks }
    const blocks = walkBlocks(body, ctx)

    // Notes are numbered after the body's paragraphs, so their diagnostics point past it.
    const notes = new Map<string, FootnoteDefinition>()
    for (const { prefix, part, entry, root, rels: noteRels } of noteParts) {
      if (!part || !noteRels) continue
      const noteCtx: WalkContext = { ...base, part, rels: noteRels, counter }
      for (const note of children(root, entry)) {
        const type = note.attrs['w:type']
        const id = note.attrs['w:id']
        if (id === undefined || (type !== undefined && type !== 'normal')) continue
        const content = walkBlocks(note, noteCtx)
        const mark = customMarks.get(`${prefix}-${id}`)
        const blocksOut = content
          .filter((b): b is DocParagraph => b.kind === 'paragraph' && (b.text !== '' || b.content.length > 0))
          .map((b, i) =>
            paragraphNode(b, trimNoteMark(i === 0 && mark ? dropNoteMark(b.content, mark) : b.content)),
          )
          .filter((p) => p.children.length > 0)
        notes.set(`${prefix}-${id}`, {
          type: 'footnoteDefinition',
          identifier: `${prefix}-${id}`,
          children: blocksOut,
        })
      }
    }
    return { blocks, notes, findings }
  })
  const { blocks, notes, findings } = walked.result

  report(findings, file)
  const result = structure({ blocks, notes, file, options })
  const core = readCoreProperties(coreXml)
  if (walked.language) core.language = walked.language
  const metadata: Partial<Metadata> = { ...core, ...result.metadata }
  if (Object.keys(metadata).length > 0) result.metadata = metadata
  if (Object.keys(resources).length > 0) result.resources = resources
  return result
}

/** The main document part, from the package relationships (word/document.xml by convention). */
function mainPart(archive: Archive, _file: SourceFile): string | undefined {
  const rels = archive.has('_rels/.rels') ? archive.read('_rels/.rels') : undefined
  if (rels && !isArchiveProblem(rels)) {
    const root = parseXml(rels).root
    for (const rel of children(child(root, 'pr:Relationships'), 'pr:Relationship')) {
      if ((rel.attrs.Type ?? '').endsWith('/officeDocument')) {
        const target = resolvePart('', rel.attrs.Target ?? '')
        if (target) return target
      }
    }
  }
  return archive.has(DOCUMENT) ? DOCUMENT : undefined
}

/** A note's text starts after Word's own reference mark and a space. */
function trimNoteMark(content: DocParagraph['content']): DocParagraph['content'] {
  const first = content[0]
  if (first?.type === 'text') {
    const value = first.value.replace(/^\s+/, '')
    return value === '' ? content.slice(1) : [{ ...first, value }, ...content.slice(1)]
  }
  return content
}

/** One diagnostic per kind of thing left out, naming the paragraphs (first few) where it stood. */
function report(findings: Findings, file: SourceFile): void {
  const where = (ns: number[]) => {
    const sorted = [...ns].sort((a, b) => a - b)
    const first = sorted[0]!
    const excerpt = findings.excerpts.get(first)
    const named = `paragraph ${first}${excerpt ? ` ("${clip(excerpt, 40)}")` : ''}`
    const more =
      sorted.length > 1
        ? ` and ${sorted.length - 1} more (${sorted.slice(1, 6).join(', ')}${sorted.length > 6 ? ', …' : ''})`
        : ''
    return { text: `${named}${more}`, place: { line: first, column: 1 } }
  }
  if (findings.comments.size > 0) {
    const ns = [...findings.comments.keys()]
    const w = where(ns)
    const first = findings.comments.get(Math.min(...ns))?.find(Boolean)
    file.message(
      'docx-comments',
      `Left out the comments on ${w.text}${first ? `: "${clip(first, 60)}"` : ''}`,
      w.place,
      SOURCE,
    )
  }
  if (findings.tracked.size > 0) {
    const w = where([...findings.tracked])
    file.message(
      'docx-tracked-changes',
      `Tracked changes in ${w.text}: insertions kept and deletions dropped, as if accepted; accept or reject them in Word to be sure`,
      w.place,
      SOURCE,
    )
  }
  if (findings.hidden.size > 0) {
    const w = where([...findings.hidden])
    file.message('docx-hidden-text', `Left out hidden text in ${w.text}`, w.place, SOURCE)
  }
  if (findings.textBoxes.size > 0) {
    const w = where([...findings.textBoxes])
    file.message('docx-text-box', `Left out the text of text boxes or shapes in ${w.text}`, w.place, SOURCE)
  }
  if (findings.symbols && findings.symbols.length > 0) {
    const w = where([...new Set(findings.symbols)])
    file.message(
      'docx-symbol',
      `Left out characters of a symbol font (Wingdings, Webdings…) that have no Unicode equivalent, in ${w.text}`,
      w.place,
      SOURCE,
    )
  }
  for (const { n, reason } of findings.images.slice(0, 20)) {
    file.message(
      'docx-image',
      `An image in paragraph ${n} was left out: ${reason}`,
      { line: n, column: 1 },
      SOURCE,
    )
  }
  for (const { n, url } of findings.unsafeLinks.slice(0, 20)) {
    file.message(
      'docx-unsafe-link',
      `Dropped the link to "${clip(url, 60)}" in paragraph ${n}; only its text is kept`,
      { line: n, column: 1 },
      SOURCE,
    )
  }
}
