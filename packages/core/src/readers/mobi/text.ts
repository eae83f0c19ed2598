/**
 * The book's text: its text records, each with the trailing entries Kindle appends (the extra
 * data flags of the MOBI header: bit 0 multibyte overlap, higher bits indexing data such as
 * TBS) cut off before it is decompressed, as they are not text, then decompressed and joined.
 */
import { type Decoded, HuffCdic, palmDoc } from './compression.js'
import type { MobiHeader } from './header.js'

/** Most bytes of text a book may decode to (64 MiB, ten million words). */
export const TEXT_LIMIT = 64 * 1024 * 1024

export interface BookText {
  bytes: Uint8Array
  /** Records that could not be decoded whole. */
  damaged: number
}

/**
 * The size of a record's trailing entries. Each flagged entry ends the record with its size,
 * written backwards in 7-bit groups (the group with the high bit set comes first); the
 * multibyte entry, innermost, is its low two bits plus one.
 */
export function trailingSize(record: Uint8Array, flags: number): number {
  let size = 0
  for (let f = flags >> 1; f !== 0; f >>>= 1) {
    if (!(f & 1)) continue
    let value = 0
    let shift = 0
    let at = record.length - size
    while (at > 0) {
      const b = record[--at]!
      value |= (b & 0x7f) << shift
      shift += 7
      if (b & 0x80 || shift >= 28) break
    }
    size += value
    if (size > record.length) return record.length
  }
  if (flags & 1 && size < record.length) size += (record[record.length - size - 1]! & 3) + 1
  return Math.min(size, record.length)
}

/** Every text record of the book (or of its KF8 half, whose record 0 is `base`), decoded and joined. */
export function bookText(records: Uint8Array[], base: number, header: MobiHeader): BookText | string {
  let unpack: (record: Uint8Array) => Decoded
  if (header.compression === 1) unpack = (record) => ({ bytes: record, damaged: false })
  else if (header.compression === 2) unpack = palmDoc
  else if (header.compression === 17480) {
    const first = base + header.huffRecord
    const huff = records[first]
    if (!huff || header.huffCount < 1) return 'its HUFF/CDIC dictionary records are missing'
    try {
      const decoder = new HuffCdic(huff, records.slice(first + 1, first + header.huffCount))
      unpack = (record) => decoder.unpack(record)
    } catch (error) {
      return (error as Error).message
    }
  } else return `its text uses a compression Octavo does not know (type ${header.compression})`
  const parts: Uint8Array[] = []
  let total = 0
  let damaged = 0
  const last = Math.min(records.length - 1, base + header.textRecords)
  for (let i = base + 1; i <= last && total < TEXT_LIMIT; i++) {
    const record = records[i]!
    const body = record.subarray(0, record.length - trailingSize(record, header.extraFlags))
    const decoded = unpack(body)
    if (decoded.damaged) damaged++
    parts.push(decoded.bytes)
    total += decoded.bytes.length
  }
  if (last < base + header.textRecords) damaged += base + header.textRecords - last
  const bytes = new Uint8Array(Math.min(total, TEXT_LIMIT))
  let at = 0
  for (const part of parts) {
    const room = bytes.length - at
    if (room <= 0) break
    bytes.set(part.subarray(0, room), at)
    at += Math.min(room, part.length)
  }
  return { bytes, damaged }
}
