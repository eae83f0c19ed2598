/**
 * The built-in readers' registry entries without their parsers: everything the rest of Octavo
 * asks of a format before it reads a file of it (name, extensions, sniffing, codes). Each parser
 * module spreads its entry into its reader, and the registry (index.ts) loads the parser on the
 * first file of its format, so a book of plain text never loads micromark, parse5 or the zip and
 * XML layers (the CLI's test/lazy-build.test.ts counts the modules a build loads).
 */
import { archiveCodes } from './archive-codes.js'
import { docxCodes } from './docx/codes.js'
import { epubInputCodes } from './epub/codes.js'
import { htmlCodes } from './html-codes.js'
import { markdownCodes } from './markdown-codes.js'
import { markupIn } from './shared/sniff.js'
import type { Reader } from './types.js'

export type ReaderEntry = Omit<Reader, 'read'>

export const markdownEntry = {
  name: 'markdown',
  extensions: ['.md', '.markdown'],
  // Only a whole HTML document is certainly not Markdown (raw HTML inside Markdown is allowed).
  sniff: (head: Uint8Array | string) => (markupIn(head) === 'document' ? false : undefined),
  codes: markdownCodes,
} satisfies ReaderEntry

export const htmlEntry = {
  name: 'html',
  extensions: ['.html', '.htm', '.xhtml'],
  // A saved web page is HTML whatever its name; a file without a single tag is not.
  sniff: (head: Uint8Array | string) => ({ document: true, none: false, some: undefined })[markupIn(head)],
  codes: htmlCodes,
} satisfies ReaderEntry

/** Both tables: the EPUB reader raises the archive layer's codes as well as its own. */
const epubCodes = { ...epubInputCodes, ...archiveCodes }

export const epubEntry = {
  name: 'epub',
  extensions: ['.epub'],
  // An EPUB in a book folder is usually an output or a download, not a chapter: read one only when named.
  discover: false,
  // A zip whose first entry is the stored `mimetype` saying EPUB, as the standard requires. Never
  // `false`: a damaged .epub must reach this reader and be reported, not be read as text.
  sniff: (head: Uint8Array | string) => {
    if (typeof head === 'string') return undefined
    const text = new TextDecoder('latin1').decode(head.subarray(0, 60))
    return text.startsWith('PK\u0003\u0004') && text.includes('mimetypeapplication/epub+zip')
      ? true
      : undefined
  },
  codes: epubCodes,
} satisfies ReaderEntry

export const docxEntry = {
  name: 'docx',
  extensions: ['.docx', '.docm', '.dotx'],
  // A zip's local-header signature; an .docx that is not one is reported by `read`.
  sniff: (head: Uint8Array | string) =>
    typeof head === 'string' ? false : head[0] === 0x50 && head[1] === 0x4b ? true : undefined,
  codes: docxCodes,
} satisfies ReaderEntry

/** .odt, .rtf and .doc: a clear refusal, so the author knows what to do. */
export const wordProcessorEntry = {
  name: 'word-processor',
  extensions: ['.odt', '.rtf', '.doc'],
  codes: docxCodes,
} satisfies ReaderEntry
