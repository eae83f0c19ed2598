/**
 * SHA-1 in pure JavaScript (`@noble/hashes`), the same digest as `node:crypto` gives, so that the
 * in-memory pipeline runs in a browser. It names cache entries (chapters read, zip entries
 * compressed) and derives the default book identifier (a UUID v5, whose bytes are in the output).
 */
import { sha1 as nobleSha1 } from '@noble/hashes/legacy'

const encoder = new TextEncoder()

/** SHA-1 of bytes, or of a string's UTF-8 bytes. */
export function sha1(data: Uint8Array | string): Uint8Array {
  return nobleSha1(typeof data === 'string' ? encoder.encode(data) : data)
}

/** A cache key for some content: its SHA-1 in hexadecimal. */
export function contentKey(data: Uint8Array | string): string {
  let out = ''
  for (const byte of sha1(data)) out += byte.toString(16).padStart(2, '0')
  return out
}
