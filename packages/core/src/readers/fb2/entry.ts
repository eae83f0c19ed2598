/**
 * The FictionBook reader's registry entry without its parser: what Octavo asks of the format
 * before it reads a file of it. A FictionBook is one XML file (`.fb2`), usually downloaded
 * zipped (`book.fb2.zip`: a zip holding one .fb2). Like an EPUB, it holds a whole book, and a
 * book folder's .fb2 is usually a download: it is read when named, never picked up from a folder.
 */
import { archiveCodes } from '../archive-codes.js'
import { headText, markupIn } from '../shared/sniff.js'
import type { ReaderEntry } from '../types.js'
import { fb2Codes as fb2OwnCodes } from './codes.js'

/** Both tables: the reader raises the archive layer's codes (for a .fb2.zip) as well as its own. */
const fb2Codes = { ...fb2OwnCodes, ...archiveCodes }

/** The document element of a FictionBook, after an XML declaration and comments, prefixed or not. */
const ROOT = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[\w.-]+:)?FictionBook[\s>/]/

/** A zip archive's first local header: `PK\x03\x04`. */
const ZIP = [0x50, 0x4b, 0x03, 0x04]

/**
 * Whether a file's first bytes are a FictionBook: its root element, or a zip whose first entry
 * (its name at byte 30) is an .fb2. A web page is certainly not one; anything else is left to
 * `read`, which names what is wrong.
 */
export function sniffFb2(head: Uint8Array | string): boolean | undefined {
  if (typeof head !== 'string' && ZIP.every((b, i) => head[i] === b)) {
    const length = head[26]! | (head[27]! << 8)
    const name = new TextDecoder('latin1').decode(head.subarray(30, 30 + Math.min(length, 300)))
    return /\.fb2$/i.test(name) ? true : undefined
  }
  const text = headText(head).replace(/^\uFEFF/, '')
  if (ROOT.test(text)) return true
  return markupIn(head) === 'document' ? false : undefined
}

export const fb2Entry = {
  name: 'fb2',
  extensions: ['.fb2', '.fb2.zip'],
  discover: false,
  sniff: sniffFb2,
  codes: fb2Codes,
} satisfies ReaderEntry
