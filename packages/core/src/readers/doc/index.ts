/**
 * The Word 97–2003 reader: a .doc (Word's binary format, "Word 8", in an OLE compound file) in,
 * the book's chapters out. The container is opened with `cfb` (SheetJS); the Word structures in
 * it are read here from the format's specification, [MS-DOC]: the File Information Block
 * (`fib.ts`), the piece table and the formatting pages (`text.ts`), the style sheet and lists
 * (`styles.ts`), the property modifiers (`sprm.ts`), the document's properties (`summary.ts`).
 *
 * Each paragraph becomes what the Word reader makes of one (`walk.ts`), so chapters, the book's
 * title, scene breaks and quotations are found by the same rules (`../docx/structure.ts`):
 * Heading styles and outline levels open chapters, and in a document of direct formatting alone
 * a centred, bold or larger line that reads as a heading does. Footnotes and endnotes join the
 * chapter citing them; headers, footers, comments and text boxes are left out (said so). PNG and
 * JPEG pictures, inline (`picture.ts`) or floating where they are anchored (`drawing.ts`), are
 * kept, their bytes as resources named after the file (`book.doc/image-1.png`); a horizontal
 * line is a scene break; metafiles and drawn shapes are left out, each reason said once. Diagnostics name the paragraph as the line (`book.doc:12:1`).
 *
 * What Word users save under a .doc name that is not one is read as what it is: RTF ("Rich Text
 * Format" kept the name), a .docx or .odt renamed; web pages and plain text are sniffed by the
 * registry. Word 6 and 95 files, encrypted ones and other Office files are refused with one
 * clear error. Never throws; reads nothing but the bytes it is given (no `node:` module), so it
 * runs in a browser too.
 */
import CFB from 'cfb'
import type { SourceFile } from '../../diagnostics/file.js'
import type { FootnoteDefinition, Image } from '../../model/types.js'
import { type DocParagraph, dropNoteMark, paragraphNode } from '../docx/body.js'
import { clip, paragraphsNamed } from '../docx/package.js'
import { adoptSummary } from '../docx/parts.js'
import { structure } from '../docx/structure.js'
import { readInLanguage } from '../shared/run-language.js'
import type { Reader, ReaderOptions, ReadResult } from '../types.js'
import { Damaged, readPlc, Stream } from './binary.js'
import { readDrawings } from './drawing.js'
import { docEntry, OLE_MAGIC, startsWith } from './entry.js'
import { FC, readFib } from './fib.js'
import { type Picture, readPicture } from './picture.js'
import { forEachSprm } from './sprm.js'
import { readLists, readStyleSheet } from './styles.js'
import { readSummary } from './summary.js'
import { Text } from './text.js'
import { type Findings, walkText } from './walk.js'

const SOURCE = 'doc'

/** Node's Buffer, where there is one (never imported: a browser has none, and needs none). */
const NodeBuffer = (
  globalThis as { Buffer?: { from(buffer: ArrayBufferLike, offset: number, length: number): Uint8Array } }
).Buffer

export const docReader: Reader & { codes: typeof docEntry.codes } = {
  ...docEntry,
  read: (input, file, options) => readSafely(input, file, options),
}

async function readSafely(
  input: Uint8Array | string,
  file: SourceFile,
  options: ReaderOptions,
): Promise<ReadResult> {
  try {
    const other = otherFormat(input)
    if (other) {
      file.message(
        'book-format-sniffed',
        `"${file.path}" holds ${other.name}, not what its extension says; read as ${other.name}`,
        { line: 1, column: 1 },
      )
      return await (await other.load()).read(input, file, options)
    }
    if (typeof input === 'string')
      throw new Damaged('it was given as text; a .doc is bytes (an OLE compound file)')
    return readDoc(input, file, options)
  } catch (error) {
    if (error instanceof Damaged)
      file.message(
        'doc-invalid',
        `"${file.path}" cannot be read as a Word 97–2003 document: ${error.message}`,
        undefined,
        SOURCE,
      )
    else
      file.message(
        'internal-error',
        `The Word 97–2003 reader failed: ${(error as Error)?.message ?? error}`,
        undefined,
        SOURCE,
      )
    return { children: [] }
  }
}

/** The reader of a format saved under a .doc name that the registry's sniffing leaves to this one. */
function otherFormat(input: Uint8Array | string): { name: string; load: () => Promise<Reader> } | undefined {
  const rtf = { name: 'rtf', load: async () => (await import('../rtf/index.js')).rtfReader }
  if (typeof input === 'string') return input.startsWith('{\\rtf') ? rtf : undefined
  if (startsWith(input, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return rtf
  if (input[0] === 0x50 && input[1] === 0x4b && input[2] === 0x03 && input[3] === 0x04) {
    // An OpenDocument file stores its media type first, uncompressed: "mimetype" then the type.
    const head = String.fromCharCode(...input.subarray(30, 90))
    if (head.startsWith('mimetypeapplication/vnd.oasis.opendocument.text'))
      return { name: 'odt', load: async () => (await import('../odt/index.js')).odtReader }
    return { name: 'docx', load: async () => (await import('../docx/index.js')).docxReader }
  }
  return undefined
}

/** What a file that is not an OLE compound file is, for the refusal. */
function notOle(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'it is empty'
  if (bytes[0] === 0xdb && bytes[1] === 0xa5)
    return 'it is a Word 2 document, older than the Word 97–2003 format Octavo reads: open it in Word or LibreOffice and save it as .docx'
  if (bytes.length < 512 && startsWith(bytes, OLE_MAGIC.slice(0, bytes.length)))
    return 'it is cut short (an OLE compound file of only a few bytes)'
  return 'it is not an OLE compound file, as every Word 97–2003 document is (it may be another format named .doc, or damaged)'
}

function readDoc(bytes: Uint8Array, file: SourceFile, options: ReaderOptions): ReadResult {
  if (!startsWith(bytes, OLE_MAGIC)) throw new Damaged(notOle(bytes))
  let container: CFB.CFB$Container
  try {
    // A copy: the library marks up the array it is given. Given a Node Buffer, it joins a
    // stream's sectors with Buffer.concat; given an array, one number at a time (300 ms of a
    // 6.8 MB document's 1.2 s read, measured), so Node's Buffer is used where there is one.
    const copy = bytes.slice()
    container = NodeBuffer
      ? CFB.read(NodeBuffer.from(copy.buffer, copy.byteOffset, copy.byteLength), { type: 'buffer' })
      : CFB.read(copy, { type: 'array' })
  } catch (error) {
    throw new Damaged(`its OLE container is damaged (${(error as Error)?.message ?? error})`)
  }
  const stream = (name: string): Uint8Array | undefined => {
    const root = container.FullPaths[0] ?? ''
    const i = container.FullPaths.indexOf(root + name)
    const entry = i >= 0 ? container.FileIndex[i] : undefined
    if (entry?.type !== 2 || !entry.content) return undefined
    const content = entry.content as ArrayLike<number>
    return content instanceof Uint8Array ? content : Uint8Array.from(content)
  }
  const wordBytes = stream('WordDocument')
  if (!wordBytes) {
    if (stream('EncryptedPackage') || stream('EncryptionInfo'))
      throw new Damaged(
        'it is a password-protected (encrypted) Word document: open it in Word, remove the password (File > Info > Protect Document > Encrypt with Password) and save it as .docx',
      )
    const what =
      stream('Workbook') || stream('Book')
        ? 'an Excel workbook'
        : stream('PowerPoint Document')
          ? 'a PowerPoint presentation'
          : 'an OLE compound file'
    throw new Damaged(`it is ${what} holding no Word document (no WordDocument stream)`)
  }
  const word = new Stream(wordBytes, 'WordDocument')
  const fib = readFib(word)
  const tableBytes = stream(fib.table)
  if (!tableBytes) throw new Damaged(`its ${fib.table} stream, which holds its structures, is missing`)
  const table = new Stream(tableBytes, fib.table)

  const text = new Text(word, table, fib.at(FC.clx), fib.at(FC.plcfBteChpx), fib.at(FC.plcfBtePapx))
  const { ccp } = fib
  // Notes: where each is cited in the main text, and where its own text lies.
  const refs = new Map<number, string>()
  const ranges: Array<{ id: string; from: number; to: number; mark?: string | undefined }> = []
  const ednStart = ccp.text + ccp.ftn + ccp.hdd + ccp.mcr + ccp.atn
  for (const [prefix, refAt, txtAt, start, count] of [
    ['fn', FC.plcffndRef, FC.plcffndTxt, ccp.text, ccp.ftn],
    ['en', FC.plcfendRef, FC.plcfendTxt, ednStart, ccp.edn],
  ] as const) {
    const ref = fib.at(refAt)
    const txt = fib.at(txtAt)
    if (!ref || !txt || count === 0) continue
    const citedPlc = readPlc(table, ref.fc, ref.lcb, 2, 'notes')
    const cited = citedPlc.positions
    const texts = readPlc(table, txt.fc, txt.lcb, 0, 'notes').positions
    for (let i = 0; i + 1 < cited.length && i + 1 < texts.length; i++) {
      const id = `${prefix}-${i + 1}`
      if (cited[i]! >= ccp.text) break
      refs.set(cited[i]!, id)
      const range: (typeof ranges)[number] = {
        id,
        from: start + texts[i]!,
        to: start + Math.min(texts[i + 1]!, count),
      }
      // An FRD of 0: the note is cited by a custom mark (`*`), the character at its reference.
      if (table.has(citedPlc.data(i), 2) && table.i16(citedPlc.data(i), 'notes') === 0)
        range.mark = text.runs(cited[i]!, cited[i]! + 1)[0]?.text[0]
      ranges.push(range)
    }
  }

  const styles = readStyleSheet(table, fib.at(FC.stshf))
  const ordered = readLists(table, fib.at(FC.plfLst), fib.at(FC.plfLfo))
  // The document's language: most of its text's; its Normal style's, as Word's and RTF's readers
  // take theirs, breaks a tie.
  const walked = readInLanguage(styles.paragraph(0).run.lang, options.language, file, (language) => {
    const findings: Findings = {
      comments: [],
      tracked: [],
      hidden: [],
      images: [],
      unsafeLinks: [],
      symbols: [],
    }
    const data = stream('Data')
    const resources: Record<string, Uint8Array> = {}
    let pictures = 0
    /** A picture read: its image node (its bytes kept as a resource), a rule, or left out and said. */
    const urls = new Map<Uint8Array, string>()
    const keep = (read: Picture, n: number): Image | 'rule' | undefined => {
      if (read.kind === 'rule') return 'rule'
      if (read.kind === 'problem') {
        findings.images.push({ n, reason: read.reason })
        return undefined
      }
      let url = urls.get(read.bytes)
      if (!url) {
        url = `${file.path}/image-${++pictures}.${read.type === 'png' ? 'png' : 'jpg'}`
        urls.set(read.bytes, url)
        resources[url] = read.bytes
      }
      const image: Image = { type: 'image', url }
      if (read.alt) image.alt = read.alt
      return image
    }
    const picture = (at: number | undefined, n: number) =>
      keep(
        at === undefined
          ? { kind: 'problem', reason: 'the document does not say where it is stored (it is damaged)' }
          : readPicture(data, at),
        n,
      )
    const drawings = readDrawings(table, wordBytes, fib.at(FC.plcSpaMom), fib.at(FC.dggInfo))
    const anchored = (cp: number, n: number) => {
      const read = drawings.get(cp)
      if (read === 'text box') return undefined
      return read ? keep(read, n) : false
    }
    const base = {
      picture,
      anchored,
      text,
      styles,
      ordered,
      findings,
      counter: { n: 0 },
      language,
    }

    const blocks = walkText(0, ccp.text, {
      ...base,
      refs,
      refList: [...refs.keys()].sort((a, b) => a - b),
      sections: readSections(word, table, fib.at(FC.plcfSed), ccp.text),
    })
    // Notes are numbered after the body's paragraphs, so their diagnostics point past it.
    const notes = new Map<string, FootnoteDefinition>()
    for (const { id, from, to, mark } of ranges) {
      const content =
        from < to ? walkText(from, to, { ...base, refs: new Map(), refList: [], sections: new Map() }) : []
      const children = content
        .filter((b): b is DocParagraph => b.kind === 'paragraph' && b.content.length > 0)
        .map((b) => paragraphNode(b, b.content))
      // The space (often a no-break one) after the note's own mark.
      // A custom mark typed at the note's head: the note's number stands for it (the model has no
      // custom marker), so it is left out.
      if (mark && children[0]) children[0].children = dropNoteMark(children[0].children, mark)
      const lead = children[0]?.children[0]
      if (lead?.type === 'text') lead.value = lead.value.replace(/^\s+/, '')
      notes.set(id, { type: 'footnoteDefinition', identifier: id, children })
    }

    return { blocks, notes, findings, resources, pictures }
  })
  const { blocks, notes, findings, resources, pictures } = walked.result

  report(findings, file, ccp.txbx + ccp.hdrTxbx > 0 && hasText(text, ccp))
  const result = structure({ format: 'doc', blocks, notes, file, options })
  const summary = readSummary(stream('\u0005SummaryInformation'))
  adoptSummary(result, summary)
  const language = walked.language
  if (language && !result.metadata?.language) result.metadata = { ...result.metadata, language }
  if (pictures > 0) result.resources = { ...result.resources, ...resources }
  return result
}

/** Whether the text boxes (of the main text, not of headers) hold any words. */
function hasText(text: Text, ccp: ReturnType<typeof readFib>['ccp']): boolean {
  const start = ccp.text + ccp.ftn + ccp.hdd + ccp.mcr + ccp.atn + ccp.edn
  return text.runs(start, start + ccp.txbx).some((run) => /[^\s\x00-\x1f]/.test(run.text))
}

/**
 * The CPs of the section marks in the main text (a 0x0C that ends a section, and its paragraph),
 * each with whether the section after it starts on a new page (its `sprmSBkc`; new page unless
 * it says otherwise).
 */
function readSections(
  word: Stream,
  table: Stream,
  at: { fc: number; lcb: number } | undefined,
  ccpText: number,
): Map<number, boolean> {
  const out = new Map<number, boolean>()
  if (!at) return out
  const plc = readPlc(table, at.fc, at.lcb, 12, 'sections')
  const newPage = (i: number): boolean => {
    const fcSepx = table.i32(plc.data(i) + 2, 'sections')
    if (fcSepx < 0 || !word.has(fcSepx, 2)) return true
    const cb = word.i16(fcSepx)
    if (cb <= 0 || !word.has(fcSepx + 2, cb)) return true
    const grpprl = word.slice(fcSepx + 2, cb)
    let bkc = 2
    forEachSprm(grpprl, (op, at) => {
      if (op === 0x3009) bkc = grpprl[at]!
    })
    return bkc !== 0
  }
  for (let i = 0; i + 2 < plc.positions.length; i++) {
    const mark = plc.positions[i + 1]! - 1
    if (mark >= 0 && mark < ccpText) out.set(mark, newPage(i + 1))
  }
  return out
}

/** One diagnostic per kind of thing left out, naming the first paragraph where it stood. */
function report(findings: Findings, file: SourceFile, textBoxes: boolean): void {
  const said: Array<
    [
      number[],
      'doc-comments' | 'doc-tracked-changes' | 'doc-hidden-text' | 'doc-symbol',
      (w: string) => string,
    ]
  > = [
    [findings.comments, 'doc-comments', (w) => `Left out the comments on ${w}`],
    [
      findings.tracked,
      'doc-tracked-changes',
      (w) =>
        `Tracked changes in ${w}: insertions kept and deletions dropped, as if accepted; accept or reject them in Word to be sure`,
    ],
    [findings.hidden, 'doc-hidden-text', (w) => `Left out hidden text in ${w}`],
    [
      findings.symbols,
      'doc-symbol',
      (w) =>
        `Left out characters of a symbol font (Wingdings, Webdings…) that have no Unicode equivalent, in ${w}`,
    ],
  ]
  for (const [ns, code, message] of said) {
    if (ns.length === 0) continue
    const w = paragraphsNamed(ns)
    file.message(code, message(w.text), w.place, SOURCE)
  }
  if (textBoxes) file.message('doc-text-box', 'Left out the text of text boxes or shapes', undefined, SOURCE)
  // One warning per reason, naming the first paragraph where it stood.
  const byReason = new Map<string, number[]>()
  for (const { n, reason } of findings.images) {
    const ns = byReason.get(reason)
    if (ns) ns.push(n)
    else byReason.set(reason, [n])
  }
  for (const [reason, ns] of byReason) {
    const w = paragraphsNamed(ns)
    const count = ns.length
    file.message(
      'doc-image',
      `Left out ${count === 1 ? 'a picture' : `${count} pictures`} in ${w.text}: ${reason}`,
      w.place,
      SOURCE,
    )
  }
  for (const { n, url } of findings.unsafeLinks.slice(0, 20))
    file.message(
      'doc-unsafe-link',
      `Dropped the link to "${clip(url, 60)}" in paragraph ${n}; only its text is kept`,
      { line: n, column: 1 },
      SOURCE,
    )
}
