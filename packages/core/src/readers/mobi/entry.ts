/**
 * The Kindle book reader's registry entry without its parser: what Octavo asks of the format
 * before it reads a file of it. The registry (readers/index.ts) loads the parser on the first
 * Kindle book.
 */
import type { ReaderEntry } from '../types.js'
import { mobiCodes } from './codes.js'

/** The Palm database type and creator at offset 60: a MOBI book, or a plain PalmDOC text. */
const SIGNATURES = ['BOOKMOBI', 'TEXtREAd']

/** The Palm database's type and creator (offset 60, 8 bytes) as text, or undefined. */
export function palmSignature(head: Uint8Array): string | undefined {
  if (head.length < 68) return undefined
  return String.fromCharCode(...head.subarray(60, 68))
}

export function isPalmBook(head: Uint8Array): boolean {
  const signature = palmSignature(head)
  return signature !== undefined && SIGNATURES.includes(signature)
}

export const mobiEntry = {
  name: 'mobi',
  extensions: ['.mobi', '.prc', '.azw', '.azw3'],
  // A Kindle book in a book folder is usually an output or a download, not a chapter: read one only when named.
  discover: false,
  // Never `false`: a damaged Kindle book must reach this reader and be reported, not be read as text.
  sniff: (head: Uint8Array | string) => (typeof head !== 'string' && isPalmBook(head) ? true : undefined),
  codes: mobiCodes,
} satisfies ReaderEntry
