/**
 * The Scrivener reader's registry entry without its parser. A Scrivener project is a folder
 * (`Novel.scriv`) whose binder, `Novel.scrivx`, lists the manuscript; the binder is the file
 * read, and the documents' texts are opened beside it (`ReaderOptions.open`). A `.scriv` folder
 * built as a book holds the binder at its top, so folder discovery finds it.
 */
import type { ReaderEntry } from '../types.js'
import { scrivenerCodes } from './codes.js'

const SIGNATURE = '<ScrivenerProject'

export const scrivenerEntry = {
  name: 'scrivener',
  extensions: ['.scrivx'],
  sniff: (head: Uint8Array | string) => {
    const text = typeof head === 'string' ? head : new TextDecoder().decode(head)
    return text.includes(SIGNATURE) ? true : undefined
  },
  codes: scrivenerCodes,
} satisfies ReaderEntry

/** A zip archive's first local header: `PK\x03\x04`. */
const ZIP = [0x50, 0x4b, 0x03, 0x04]

/**
 * A Scrivener project zipped (File > Back Up, and Scrivener's automatic backups): a `.zip` holding
 * a `.scriv` folder. Never picked up from a book folder (a zip there is anything); named on the
 * command line or in book.yaml, it is read when it holds a project.
 */
export const scrivenerBackupEntry = {
  name: 'scrivener-backup',
  extensions: ['.zip'],
  discover: false,
  sniff: (head: Uint8Array | string) => {
    if (typeof head === 'string') return false
    if (!ZIP.every((b, i) => head[i] === b)) return false
    // The first entry's name (at byte 30) is the project folder or a file in it.
    return /\.scriv(?:x|\/)/i.test(new TextDecoder('latin1').decode(head.subarray(30, 30 + 300)))
      ? true
      : undefined
  },
  codes: scrivenerCodes,
} satisfies ReaderEntry
