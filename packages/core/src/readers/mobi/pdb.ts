/**
 * The Palm database around every MOBI book: a 78-byte header, then a table of record offsets.
 * Each record is a view of the file's bytes; a table that points outside the file, or offsets
 * that go backwards, is a damaged file (`Damaged`, reported once as `mobi-invalid`).
 */

/** Why the book cannot be read at all, said to the author after "cannot be read as a Kindle book: ". */
export class Damaged extends Error {}

export function u16(bytes: Uint8Array, at: number): number {
  if (at < 0 || at + 2 > bytes.length) return 0
  return (bytes[at]! << 8) | bytes[at + 1]!
}

export function u32(bytes: Uint8Array, at: number): number {
  if (at < 0 || at + 4 > bytes.length) return 0
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
}

/** Bytes as a string of one character per byte (0–255): markup searched and cut by byte offsets. */
export function binaryString(bytes: Uint8Array): string {
  // `apply` takes the typed array as it is; a spread walks it through an iterator (ten times slower).
  let out = ''
  for (let at = 0; at < bytes.length; at += 8192)
    out += String.fromCharCode.apply(
      null,
      bytes.subarray(at, Math.min(at + 8192, bytes.length)) as unknown as number[],
    )
  return out
}

/** The bytes of a `binaryString`. */
export function stringBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff
  return out
}

export const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)))

export interface PalmDatabase {
  /** The database name (the book's short title, underscores for spaces). */
  name: string
  /** Type and creator: `BOOKMOBI`, `TEXtREAd`. */
  signature: string
  records: Uint8Array[]
}

const HEADER = 78

export function readPalmDatabase(bytes: Uint8Array): PalmDatabase {
  if (bytes.length < HEADER)
    throw new Damaged(`it is cut short (${bytes.length} bytes, less than a Palm database header)`)
  const signature = ascii(bytes, 60, 68)
  const count = u16(bytes, 76)
  if (count === 0) throw new Damaged('its record table is empty')
  if (HEADER + count * 8 > bytes.length)
    throw new Damaged(`it is cut short: its record table lists ${count} records, more than the file holds`)
  const offsets: number[] = []
  for (let i = 0; i < count; i++) offsets.push(u32(bytes, HEADER + i * 8))
  const records: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    const start = offsets[i]!
    const end = i + 1 < count ? offsets[i + 1]! : bytes.length
    if (start < HEADER + count * 8 - 8 || start > bytes.length || end > bytes.length || end < start) {
      // A record table pointing past the end is a file cut short; one going backwards, damaged.
      if (start > bytes.length || end > bytes.length)
        throw new Damaged(
          `it is cut short: its record table points at byte ${Math.max(start, end)}, past its end (${bytes.length} bytes)`,
        )
      throw new Damaged(`its record table is damaged (record ${i} starts at byte ${start}, ends at ${end})`)
    }
    records.push(bytes.subarray(start, end))
  }
  const nameEnd = bytes.subarray(0, 32).indexOf(0)
  return { name: ascii(bytes, 0, nameEnd < 0 ? 32 : nameEnd), signature, records }
}
