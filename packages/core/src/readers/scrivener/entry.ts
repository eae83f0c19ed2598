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
