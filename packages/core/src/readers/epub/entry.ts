/**
 * The EPUB reader's registry entry without its parser: what Octavo asks of the format before it
 * reads a file of it. The registry (readers/index.ts) loads the parser on the first file.
 */
import { archiveCodes } from '../archive-codes.js'
import type { ReaderEntry } from '../types.js'
import { epubInputCodes } from './codes.js'

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
