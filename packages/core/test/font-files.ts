/**
 * Font files made from a TrueType face for the tests: WOFF (each table deflated where that is
 * smaller) and WOFF2 (the null transform, every table in one brotli stream), as an author may
 * give them. No encoder of either is a dependency; these are enough for a reader.
 */
import { brotliCompressSync, deflateSync } from 'node:zlib'

/** The tables of a TrueType face, in the order of its directory. */
export function tablesOf(ttf: Buffer): { tag: string; checksum: number; data: Buffer }[] {
  return Array.from({ length: ttf.readUInt16BE(4) }, (_, i) => {
    const at = 12 + 16 * i
    const offset = ttf.readUInt32BE(at + 8)
    return {
      tag: ttf.toString('latin1', at, at + 4),
      checksum: ttf.readUInt32BE(at + 4),
      data: ttf.subarray(offset, offset + ttf.readUInt32BE(at + 12)),
    }
  })
}

/**
 * A WOFF (1.0) file of a TrueType face: each table deflated with its zlib header where that is
 * smaller, as it is where not, four-byte aligned.
 */
export function woff(ttf: Buffer): Buffer {
  const tables = tablesOf(ttf).map((table) => {
    const deflated = deflateSync(table.data)
    return { ...table, stored: deflated.length < table.data.length ? deflated : table.data }
  })
  const pad = (n: number) => (4 - (n % 4)) % 4
  const header = Buffer.alloc(44)
  const directory = Buffer.alloc(20 * tables.length)
  let offset = header.length + directory.length
  tables.forEach((table, i) => {
    directory.write(table.tag, 20 * i, 'latin1')
    directory.writeUInt32BE(offset, 20 * i + 4)
    directory.writeUInt32BE(table.stored.length, 20 * i + 8)
    directory.writeUInt32BE(table.data.length, 20 * i + 12)
    directory.writeUInt32BE(table.checksum, 20 * i + 16)
    offset += table.stored.length + pad(table.stored.length)
  })
  header.write('wOFF', 0, 'latin1')
  header.writeUInt32BE(ttf.readUInt32BE(0), 4)
  header.writeUInt32BE(offset, 8)
  header.writeUInt16BE(tables.length, 12)
  header.writeUInt32BE(
    12 + 16 * tables.length + tables.reduce((n, t) => n + t.data.length + pad(t.data.length), 0),
    16,
  )
  header.writeUInt16BE(1, 20)
  return Buffer.concat([
    header,
    directory,
    ...tables.flatMap((t) => [t.stored, Buffer.alloc(pad(t.stored.length))]),
  ])
}

/**
 * A WOFF2 file of a TrueType face: every table as it is (the null transform, glyf and loca
 * included), in one brotli stream. Enough for a reader; no encoder is at hand to make one.
 */
export function woff2(ttf: Buffer): Buffer {
  const count = ttf.readUInt16BE(4)
  const tables = tablesOf(ttf)
  const base128 = (n: number): number[] => {
    const out = [n & 0x7f]
    for (n >>>= 7; n > 0; n >>>= 7) out.unshift(0x80 | (n & 0x7f))
    return out
  }
  const directory: number[] = []
  for (const { tag, data } of tables) {
    // Custom tag (63); transform version 3 is glyf's and loca's null transform, 0 the others'.
    directory.push(
      63 | (tag === 'glyf' || tag === 'loca' ? 0xc0 : 0),
      ...Buffer.from(tag, 'latin1'),
      ...base128(data.length),
    )
  }
  const compressed = brotliCompressSync(Buffer.concat(tables.map((t) => t.data)))
  const header = Buffer.alloc(48)
  const length = 48 + directory.length + compressed.length
  header.write('wOF2', 0, 'latin1')
  header.writeUInt32BE(ttf.readUInt32BE(0), 4)
  header.writeUInt32BE(length + ((4 - (length % 4)) % 4), 8)
  header.writeUInt16BE(count, 12)
  header.writeUInt32BE(12 + 16 * count + tables.reduce((n, t) => n + ((t.data.length + 3) & ~3), 0), 16)
  header.writeUInt32BE(compressed.length, 20)
  header.writeUInt16BE(1, 24)
  return Buffer.concat([header, Buffer.from(directory), compressed, Buffer.alloc((4 - (length % 4)) % 4)])
}
