/**
 * Font files made from a TrueType face for the tests: WOFF (each table deflated where that is
 * smaller), WOFF2 with the null transform (every table as it is, in one brotli stream), WOFF2 as
 * web fonts are (`glyf` and `loca` transformed: Google's encoder, the `wawoff2` dev dependency,
 * whose decoder is the reference the core's is held to), and that file with its `hmtx`
 * transformed too (which that encoder does not do).
 */
import { createRequire } from 'node:module'
import { brotliCompressSync, brotliDecompressSync, deflateSync } from 'node:zlib'

const require = createRequire(import.meta.url)
/** Google's WOFF2 encoder and decoder (woff2, compiled to WebAssembly). */
export const reference = require('wawoff2') as {
  compress(ttf: Uint8Array): Promise<Uint8Array>
  decompress(woff2: Uint8Array): Promise<Uint8Array>
}

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

/** A WOFF2 file's directory entry, as `woff2Parts` reads it. */
interface Woff2Entry {
  flags: number
  tag?: number
  length: number
  transformLength?: number
}

/** A WOFF2 file (not a collection) taken apart: header, directory and decompressed tables. */
function woff2Parts(file: Buffer): { header: Buffer; entries: Woff2Entry[]; data: Buffer } {
  let at = 48
  const base128 = () => {
    let value = 0
    for (;;) {
      const byte = file[at++]!
      value = value * 128 + (byte & 0x7f)
      if (!(byte & 0x80)) return value
    }
  }
  const entries: Woff2Entry[] = []
  for (let i = 0; i < file.readUInt16BE(12); i++) {
    const flags = file[at++]!
    const entry: Woff2Entry = { flags, length: 0 }
    if ((flags & 0x3f) === 0x3f) {
      entry.tag = file.readUInt32BE(at)
      at += 4
    }
    entry.length = base128()
    const known = flags & 0x3f
    const version = flags >> 6
    // glyf (10) and loca (11): version 0 is the transform.
    if ((known === 10 || known === 11) === (version === 0)) entry.transformLength = base128()
    entries.push(entry)
  }
  return {
    header: file.subarray(0, 48),
    entries,
    data: brotliDecompressSync(file.subarray(at, at + file.readUInt32BE(20))),
  }
}

/** A WOFF2 file from a header (its counts and lengths set here), a directory and the tables. */
function woff2Of(header: Buffer, entries: Woff2Entry[], data: Buffer): Buffer {
  const base128 = (n: number): number[] => {
    const out = [n & 0x7f]
    for (n >>>= 7; n > 0; n >>>= 7) out.unshift(0x80 | (n & 0x7f))
    return out
  }
  const directory: number[] = []
  for (const entry of entries) {
    directory.push(entry.flags)
    if (entry.tag !== undefined) directory.push(...Buffer.from(Uint32Array.of(entry.tag).buffer).reverse())
    directory.push(...base128(entry.length))
    if (entry.transformLength !== undefined) directory.push(...base128(entry.transformLength))
  }
  const compressed = brotliCompressSync(data)
  const length = 48 + directory.length + compressed.length
  const out = Buffer.concat([
    Buffer.from(header),
    Buffer.from(directory),
    compressed,
    Buffer.alloc((4 - (length % 4)) % 4),
  ])
  out.writeUInt32BE(out.length, 8)
  out.writeUInt16BE(entries.length, 12)
  out.writeUInt32BE(compressed.length, 20)
  // No metadata or private block.
  out.fill(0, 28, 48)
  return out
}

/**
 * `woff2` (Google's, `glyf` and `loca` transformed) with its `hmtx` transformed as well: the left
 * side bearings left out wherever they all equal the glyphs' xMin in `ttf` (its decoded font),
 * which for a TrueType face they do. Undefined when they do not.
 */
export function withHmtxTransformed(woff2: Buffer, ttf: Buffer): Buffer | undefined {
  const { header, entries, data } = woff2Parts(woff2)
  const tables = tablesOf(ttf)
  const table = (tag: string) => tables.find((t) => t.tag === tag)!.data
  const glyphs = table('maxp').readUInt16BE(4)
  const metrics = table('hhea').readUInt16BE(34)
  const long = table('head').readInt16BE(50) !== 0
  const loca = table('loca')
  const glyf = table('glyf')
  const hmtx = table('hmtx')
  const xMin = (i: number) => {
    const from = long ? loca.readUInt32BE(4 * i) : 2 * loca.readUInt16BE(2 * i)
    const to = long ? loca.readUInt32BE(4 * i + 4) : 2 * loca.readUInt16BE(2 * i + 2)
    return to > from ? glyf.readInt16BE(from + 2) : 0
  }
  const lsb = (i: number) =>
    i < metrics ? hmtx.readInt16BE(4 * i + 2) : hmtx.readInt16BE(4 * metrics + 2 * (i - metrics))
  for (let i = 0; i < glyphs; i++) if (lsb(i) !== xMin(i)) return undefined
  // Both kinds of bearing left out (flags 3): the advances alone.
  const transformed = Buffer.alloc(1 + 2 * metrics)
  transformed[0] = 3
  for (let i = 0; i < metrics; i++) transformed.writeUInt16BE(hmtx.readUInt16BE(4 * i), 1 + 2 * i)
  // The tables' data in directory order: hmtx's replaced by its transform.
  let at = 0
  const parts: Buffer[] = []
  const rewritten = entries.map((entry) => {
    const stored = entry.transformLength ?? entry.length
    const part = data.subarray(at, at + stored)
    at += stored
    if ((entry.flags & 0x3f) !== 3) {
      parts.push(part)
      return entry
    }
    parts.push(transformed)
    return { flags: (1 << 6) | 3, length: entry.length, transformLength: transformed.length }
  })
  return woff2Of(header, rewritten, Buffer.concat(parts))
}

/**
 * A TrueType collection of faces (`.ttc`), each with tables of its own (a real collection shares
 * some; a reader cannot tell).
 */
export function collection(faces: Buffer[]): Buffer {
  const headers = 12 + 4 * faces.length
  const directories = faces.map((face) => 12 + 16 * face.readUInt16BE(4))
  let at = headers + directories.reduce((n, d) => n + d, 0)
  const parts: Buffer[] = []
  const offsets: Buffer[] = []
  const datas: Buffer[] = []
  for (const face of faces) {
    const tables = tablesOf(face)
    const directory = Buffer.alloc(12 + 16 * tables.length)
    face.copy(directory, 0, 0, 12)
    for (const [i, table] of tables.entries()) {
      directory.write(table.tag, 12 + 16 * i, 'latin1')
      directory.writeUInt32BE(table.checksum, 12 + 16 * i + 4)
      directory.writeUInt32BE(at, 12 + 16 * i + 8)
      directory.writeUInt32BE(table.data.length, 12 + 16 * i + 12)
      const padded = Buffer.alloc((table.data.length + 3) & ~3)
      table.data.copy(padded)
      datas.push(padded)
      at += padded.length
    }
    offsets.push(directory)
  }
  const header = Buffer.alloc(headers)
  header.write('ttcf', 0, 'latin1')
  header.writeUInt32BE(0x00010000, 4)
  header.writeUInt32BE(faces.length, 8)
  let offset = headers
  for (const [i, directory] of offsets.entries()) {
    header.writeUInt32BE(offset, 12 + 4 * i)
    offset += directory.length
  }
  parts.push(header, ...offsets, ...datas)
  return Buffer.concat(parts)
}
