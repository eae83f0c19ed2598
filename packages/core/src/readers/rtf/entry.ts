/**
 * The RTF reader's registry entry without its parser: what Octavo asks of the format before it
 * reads a file of it. The registry (readers/index.ts) loads the parser on the first file.
 */
import type { ReaderEntry } from '../types.js'
import { rtfCodes } from './codes.js'

/** `{\rtf`, the start of every RTF document. */
const MAGIC = [0x7b, 0x5c, 0x72, 0x74, 0x66]

export const rtfEntry = {
  name: 'rtf',
  extensions: ['.rtf'],
  sniff: (head: Uint8Array | string) => {
    if (typeof head === 'string') return head.startsWith('{\\rtf')
    // A byte-order mark before it is tolerated (some converters write one).
    const at = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
    return MAGIC.every((b, i) => head[at + i] === b)
  },
  codes: rtfCodes,
} satisfies ReaderEntry
