/** Byte-level helpers for recognising files by their magic numbers, never by their names. */

/** True when `bytes` begins with the signature `sig`. */
export function startsWith(bytes: Uint8Array, ...sig: number[]): boolean {
  if (bytes.length < sig.length) return false
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false
  return true
}

/** Bytes `start`…`end` read as ASCII (fewer when the file is shorter). */
export function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)))
}
