/**
 * The Markdown reader's registry entry without its parser: what Octavo asks of the format before it
 * reads a file of it. The registry (readers/index.ts) loads the parser on the first file.
 */
import { markdownCodes } from '../markdown-codes.js'
import { markupIn } from '../shared/sniff.js'
import type { ReaderEntry } from '../types.js'

export const markdownEntry = {
  name: 'markdown',
  extensions: ['.md', '.markdown'],
  // Only a whole HTML document is certainly not Markdown (raw HTML inside Markdown is allowed).
  sniff: (head: Uint8Array | string) => (markupIn(head) === 'document' ? false : undefined),
  codes: markdownCodes,
} satisfies ReaderEntry
