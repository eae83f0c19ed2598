/**
 * The OpenDocument text reader's registry entry without its parser: what Octavo asks of the
 * format before it reads a file of it. The registry (readers/index.ts) loads the parser on the
 * first file.
 */
import { archiveCodes } from '../archive-codes.js'
import type { ReaderEntry } from '../types.js'
import { odtCodes as odtOwnCodes } from './codes.js'

/** Both tables: the reader raises the archive layer's codes as well as its own. */
const odtCodes = { ...odtOwnCodes, ...archiveCodes }

export const odtEntry = {
  name: 'odt',
  extensions: ['.odt', '.ott', '.fodt'],
  // A zip's local-header signature, or a flat document's XML (.fodt); anything else is reported
  // by `read`.
  sniff: (head: Uint8Array | string) =>
    typeof head === 'string'
      ? /<office:document[\s>]/.test(head)
      : head[0] === 0x50 && head[1] === 0x4b
        ? true
        : undefined,
  codes: odtCodes,
} satisfies ReaderEntry
