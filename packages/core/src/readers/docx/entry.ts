/**
 * The Word reader's registry entry without its parser: what Octavo asks of the format before it
 * reads a file of it. The registry (readers/index.ts) loads the parser on the first file.
 */
import { archiveCodes } from '../archive-codes.js'
import type { ReaderEntry } from '../types.js'
import { docxCodes as docxOwnCodes } from './codes.js'

/**
 * Both tables: the Word reader raises the archive layer's codes as well as its own. Declared here,
 * not by a bare import: the package has no side effects, so a bundler may drop a module imported
 * for its effect alone, and a code raised from it would then be unknown.
 */
const docxCodes = { ...docxOwnCodes, ...archiveCodes }

export const docxEntry = {
  name: 'docx',
  extensions: ['.docx', '.docm', '.dotx'],
  // A zip's local-header signature; an .docx that is not one is reported by `read`.
  sniff: (head: Uint8Array | string) =>
    typeof head === 'string' ? false : head[0] === 0x50 && head[1] === 0x4b ? true : undefined,
  codes: docxCodes,
} satisfies ReaderEntry
