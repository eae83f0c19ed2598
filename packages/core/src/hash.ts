/**
 * SHA-1: Node's native digest where there is one (`#platform`), else in JavaScript
 * (`@noble/hashes`, so that the in-memory pipeline runs in a browser); the same digest either
 * way. It names cache entries (chapters read, zip entries compressed, a PDF's author font files)
 * and derives the default book identifier (a UUID v5, whose bytes are in the output).
 */
import { sha1 as nobleSha1 } from '@noble/hashes/legacy'
import { nativeSha1 } from '#platform'

const encoder = new TextEncoder()

/** SHA-1 of bytes, or of a string's UTF-8 bytes. */
export function sha1(data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data
  return nativeSha1(bytes) ?? nobleSha1(bytes)
}

/** A cache key for some content: its SHA-1 in hexadecimal. */
export function contentKey(data: Uint8Array | string): string {
  let out = ''
  for (const byte of sha1(data)) out += byte.toString(16).padStart(2, '0')
  return out
}
