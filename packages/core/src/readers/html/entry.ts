/**
 * The HTML reader's registry entry without its parser: what Octavo asks of the format before it
 * reads a file of it. The registry (readers/index.ts) loads the parser on the first file.
 */
import { htmlCodes } from '../html-codes.js'
import { markupIn } from '../shared/sniff.js'
import type { ReaderEntry } from '../types.js'

export const htmlEntry = {
  name: 'html',
  extensions: ['.html', '.htm', '.xhtml'],
  // A saved web page is HTML whatever its name; a file without a single tag is not.
  sniff: (head: Uint8Array | string) => ({ document: true, none: false, some: undefined })[markupIn(head)],
  codes: htmlCodes,
} satisfies ReaderEntry
