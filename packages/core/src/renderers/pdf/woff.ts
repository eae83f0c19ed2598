/**
 * An author's WOFF or WOFF2 face unpacked into the TrueType or OpenType file it carries, once, as
 * it is read; the face is then read as that file (the same tables, the same glyphs).
 *
 * WOFF (1.0, W3C Recommendation 2012): a 44-byte header (signature `wOFF`, the flavor of the
 * SFNT inside, its table count), then per table a 20-byte entry (tag, offset, compressed length,
 * original length, checksum); a table whose compressed length is less than its original one is
 * zlib data, else stored as it is. fontkit reads WOFF itself, but inflates a table each time it is
 * asked for it, and asks for the outlines' table (`glyf`) once for each glyph it measures or
 * embeds: a one-line book set in a WOFF face took 4.8 s (4.3 s of it re-inflating), the same face
 * as TrueType 0.6 s. fontkit skips the zlib header and reads no checksum: so does this.
 *
 * WOFF2 (W3C Recommendation 2018, `unpackWoff2`): the tables in one brotli stream, `glyf` and
 * `loca` most often transformed (the outlines split into streams of contour counts, point
 * counts, flags, coordinate triplets, composites, boxes and instructions; `loca` left out) and
 * `hmtx` sometimes (its left side bearings left out where they equal the glyphs' xMin). fontkit
 * reads a transformed `glyf` for drawing, but its subsetter copies each embedded glyph's bytes
 * from the table as stored, which in WOFF2 are the transform's streams: every WOFF2 face from a
 * web font service was refused as damaged ("Offset is outside the bounds of the DataView", the
 * subset's composite glyphs) or would have embedded garbled outlines. They are rebuilt here as
 * the reference decoder (Google's `woff2_dec.cc`) rebuilds them, to the same bytes: each glyph
 * padded to four bytes, the flags run-length coded, the tables in the file's order with the
 * directory in tag order, each checksum and `head`'s checkSumAdjustment computed.
 *
 * The metadata and private blocks are not part of the font and are left out of both.
 */

import decompressBrotli from 'brotli/decompress.js'
import { inflateSync } from 'fflate'
import { nativeBrotli } from '#platform'
import { formatBytes } from '../../limits.js'

const HEADER = 44
const ENTRY = 20

/**
 * The SFNT inside a WOFF or WOFF2 file; `undefined` when `bytes` is neither (read it as it is), or
 * why it cannot be unpacked: a directory or table outside the file, tables claiming more than
 * `limit` bytes, a table that does not inflate to its stated length, a WOFF2 collection.
 */
export function unpackWoff(bytes: Uint8Array, limit: number): Uint8Array | string | undefined {
  if (bytes.length < 4 || bytes[0] !== 0x77 || bytes[1] !== 0x4f || bytes[2] !== 0x46) return undefined
  if (bytes[3] === 0x32) return unpackWoff2(bytes, limit)
  if (bytes[3] !== 0x46) return undefined
  if (bytes.length < HEADER) return 'its WOFF header is cut off'
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const count = view.getUint16(12)
  if (count === 0 || HEADER + count * ENTRY > bytes.length) return 'its WOFF table directory is cut off'
  const tables: { tag: number; checksum: number; offset: number; stored: number; length: number }[] = []
  let claimed = 0
  for (let i = 0; i < count; i++) {
    const at = HEADER + i * ENTRY
    const table = {
      tag: view.getUint32(at),
      offset: view.getUint32(at + 4),
      stored: view.getUint32(at + 8),
      length: view.getUint32(at + 12),
      checksum: view.getUint32(at + 16),
    }
    if (table.offset + table.stored > bytes.length) return 'its WOFF table directory points outside the file'
    if (table.stored > table.length) return 'a WOFF table is stored longer than it is'
    claimed += table.length
    tables.push(table)
  }
  if (claimed > limit) return `its tables claim ${formatBytes(claimed)}`
  return sfntOf(view.getUint32(4), tables, (table, target) => {
    if (table.stored === table.length) {
      target.set(bytes.subarray(table.offset, table.offset + table.length))
      return undefined
    }
    // As fontkit reads it: past the zlib header, to the end of the stored bytes.
    let inflated: Uint8Array
    try {
      inflated = inflateSync(bytes.subarray(table.offset + 2, table.offset + table.stored), { out: target })
    } catch (error) {
      return `a WOFF table could not be inflated (${(error as Error).message})`
    }
    return inflated.length === table.length ? undefined : 'a WOFF table does not inflate to its stated length'
  })
}

/**
 * An SFNT of `tables` in their order, each with its tag and checksum as given, `length` bytes
 * that `fill` writes into the target it is handed (or says why it cannot), four-byte aligned.
 */
export function sfntOf<T extends { tag: number; checksum: number; length: number }>(
  flavor: number,
  tables: readonly T[],
  fill: (table: T, target: Uint8Array) => string | undefined,
): Uint8Array | string {
  const count = tables.length
  let offset = 12 + 16 * count
  let size = offset
  for (const table of tables) size += align(table.length)
  const out = new Uint8Array(size)
  const sfnt = new DataView(out.buffer)
  offsetTable(sfnt, flavor, count)
  for (const [i, table] of tables.entries()) {
    const entry = 12 + 16 * i
    sfnt.setUint32(entry, table.tag)
    sfnt.setUint32(entry + 4, table.checksum)
    sfnt.setUint32(entry + 8, offset)
    sfnt.setUint32(entry + 12, table.length)
    const failed = fill(table, out.subarray(offset, offset + table.length))
    if (failed !== undefined) return failed
    offset += align(table.length)
  }
  return out
}

/**
 * An SFNT's header: its flavor (TrueType or CFF outlines), the table count and the binary-search
 * fields the count gives.
 */
function offsetTable(view: DataView, flavor: number, count: number): void {
  let power = 1
  let log = 0
  while (power * 2 <= count) {
    power *= 2
    log++
  }
  view.setUint32(0, flavor)
  view.setUint16(4, count)
  view.setUint16(6, power * 16)
  view.setUint16(8, log)
  view.setUint16(10, count * 16 - power * 16)
}

function align(n: number): number {
  return (n + 3) & ~3
}

/** Why a WOFF2 file cannot be unpacked (thrown inside `unpackWoff2`, returned from it). */
class Damaged extends Error {}

/** Big-endian reads from `bytes[at, end)`, each checked against the end. */
class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    public at = 0,
    private readonly end = bytes.length,
  ) {}

  private need(n: number): number {
    const at = this.at
    if (at + n > this.end) throw new Damaged('a WOFF2 table or stream is cut off')
    this.at = at + n
    return at
  }

  u8(): number {
    return this.bytes[this.need(1)]!
  }

  u16(): number {
    const at = this.need(2)
    return (this.bytes[at]! << 8) | this.bytes[at + 1]!
  }

  u32(): number {
    const at = this.need(4)
    const b = this.bytes
    return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0
  }

  /** `n` bytes, as a view. */
  take(n: number): Uint8Array {
    const at = this.need(n)
    return this.bytes.subarray(at, at + n)
  }

  /** A `UIntBase128`: at most five bytes, seven bits each, no leading zero, within 32 bits. */
  base128(): number {
    let value = 0
    for (let i = 0; i < 5; i++) {
      const byte = this.u8()
      if (i === 0 && byte === 0x80) throw new Damaged('a WOFF2 length is malformed')
      if (value > 0x1ffffff) throw new Damaged('a WOFF2 length is malformed')
      value = value * 128 + (byte & 0x7f)
      if ((byte & 0x80) === 0) return value
    }
    throw new Damaged('a WOFF2 length is malformed')
  }

  /** A `255UInt16`. */
  u255(): number {
    const code = this.u8()
    if (code === 253) return this.u16()
    if (code === 255) return this.u8() + 253
    if (code === 254) return this.u8() + 506
    return code
  }
}

/** The tags a WOFF2 table's flags may name by index (5.1, "Known Table Tags"), four letters each. */
const KNOWN_TAGS =
  'cmapheadhheahmtxmaxpnameOS/2postcvt fpgmglyflocaprepCFF VORGEBDTEBLCgasphdmxkernLTSHPCLTVDMX' +
  'vheavmtxBASEGDEFGPOSGSUBEBSCJSTFMATHCBDTCBLCCOLRCPALSVG sbixacntavarbdatblocbslncvarfdscfeat' +
  'fmtxfvargvarhstyjustlcarmortmorxopbdproptrakZapfSilfGlatGlocFeatSill'

export const tagOf = (name: string) =>
  ((name.charCodeAt(0) << 24) |
    (name.charCodeAt(1) << 16) |
    (name.charCodeAt(2) << 8) |
    name.charCodeAt(3)) >>>
  0
const GLYF = tagOf('glyf')
const LOCA = tagOf('loca')
const HMTX = tagOf('hmtx')
const HHEA = tagOf('hhea')
const HEAD = tagOf('head')
const TTCF = tagOf('ttcf')

interface Woff2Table {
  tag: number
  /** Where its data is in the decompressed stream, and how long it is there. */
  from: number
  stored: number
  /** Its length in the font. */
  length: number
  transformed: boolean
}

/** Whether WOFF2 data is decompressed natively where the platform can (tests compare both ways). */
export const woffOptions = { native: true }

/**
 * A WOFF2 file's brotli stream, decompressed to at most `total` bytes: by Node's zlib where the
 * platform has it (`nativeBrotli`), else by brotli's JavaScript decoder; the same bytes either
 * way (a stream decompresses to one output), a stream that is not brotli refused either way.
 */
function brotli(compressed: Uint8Array, total: number): Uint8Array {
  const native = woffOptions.native ? nativeBrotli(compressed, total) : undefined
  if (native === undefined) return decompressBrotli(compressed, total)
  if ('over' in native) throw new Damaged('its WOFF2 data does not decompress to the size its tables state')
  if ('error' in native) throw new Damaged(`its WOFF2 data could not be read (${native.error})`)
  return native.bytes
}

/** The SFNT inside a WOFF2 file, or why it cannot be unpacked (see `unpackWoff`). */
export function unpackWoff2(bytes: Uint8Array, limit: number): Uint8Array | string {
  try {
    return woff2(bytes, limit)
  } catch (error) {
    if (error instanceof Damaged) return error.message
    return `its WOFF2 data could not be read (${(error as Error).message})`
  }
}

function woff2(bytes: Uint8Array, limit: number): Uint8Array {
  const header = new Reader(bytes)
  if (bytes.length < 48) throw new Damaged('its WOFF2 header is cut off')
  header.u32()
  const flavor = header.u32()
  if (flavor === TTCF) throw new Damaged('it is a WOFF2 font collection, not a single font')
  if (header.u32() !== bytes.length)
    throw new Damaged('its WOFF2 header states another length than the file has')
  const count = header.u16()
  if (count === 0) throw new Damaged('its WOFF2 table directory is empty')
  header.at = 20
  const compressed = header.u32()
  header.at = 48
  const tables: Woff2Table[] = []
  let total = 0
  let claimed = 0
  for (let i = 0; i < count; i++) {
    const flags = header.u8()
    const known = flags & 0x3f
    const tag = known === 0x3f ? header.u32() : tagOf(KNOWN_TAGS.slice(known * 4, known * 4 + 4))
    const version = (flags >> 6) & 3
    // Version 0 of `glyf` and `loca` is their transform (3 none); of another table, none.
    const transformed = tag === GLYF || tag === LOCA ? version === 0 : version !== 0
    const length = header.base128()
    const stored = transformed ? header.base128() : length
    if (tag === LOCA && transformed && stored !== 0)
      throw new Damaged('its WOFF2 loca table is stored though transformed')
    tables.push({ tag, from: total, stored, length, transformed })
    total += stored
    claimed += length
  }
  if (claimed > limit || total > limit)
    throw new Damaged(`its tables claim ${formatBytes(Math.max(claimed, total))}`)
  const data = brotli(header.take(compressed), total)
  if (data.length !== total)
    throw new Damaged('its WOFF2 data does not decompress to the size its tables state')

  const find = (tag: number) => tables.find((t) => t.tag === tag)
  const glyf = find(GLYF)
  const loca = find(LOCA)
  if (Boolean(glyf) !== Boolean(loca) || (glyf && glyf.transformed !== loca!.transformed))
    throw new Damaged('its WOFF2 glyf and loca tables do not go together')
  const rebuilt = new Map<Woff2Table, Uint8Array>()
  let xMins: Int16Array | undefined
  for (const table of tables) {
    if (!table.transformed || table.tag === LOCA) continue
    if (table.tag === GLYF) {
      const glyphs = rebuildGlyf(data.subarray(table.from, table.from + table.stored), loca!.length)
      rebuilt.set(table, glyphs.glyf)
      rebuilt.set(loca!, glyphs.loca)
      xMins = glyphs.xMins
    } else if (table.tag === HMTX) {
      const hhea = find(HHEA)
      if (!hhea || hhea.stored < 36 || !xMins) throw new Damaged('its WOFF2 hmtx table cannot be rebuilt')
      const metrics = ((data[hhea.from + 34]! << 8) | data[hhea.from + 35]!) >>> 0
      rebuilt.set(table, rebuildHmtx(data.subarray(table.from, table.from + table.stored), metrics, xMins))
    } else throw new Damaged('a WOFF2 table is transformed in a way this reader does not know')
  }

  // The tables' data in the file's order (`loca` right after `glyf`), each padded to four bytes;
  // the directory in tag order.
  const body = tables.map(
    (table) => rebuilt.get(table) ?? data.subarray(table.from, table.from + table.stored),
  )
  let size = 12 + 16 * count
  for (const part of body) size += align(part.length)
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  offsetTable(view, flavor, count)
  const placed = new Map<number, { offset: number; length: number; checksum: number }>()
  let at = 12 + 16 * count
  let head = -1
  for (const [i, table] of tables.entries()) {
    const part = body[i]!
    out.set(part, at)
    if (table.tag === HEAD) {
      if (part.length < 12) throw new Damaged('its WOFF2 head table is cut off')
      head = at
      view.setUint32(at + 8, 0)
    }
    placed.set(table.tag, { offset: at, length: part.length, checksum: sumOf(out, at, part.length) })
    at += align(part.length)
  }
  const tags = [...placed.keys()].sort((a, b) => a - b)
  if (tags.length !== count) throw new Damaged('its WOFF2 table directory names a table twice')
  let font = 0
  for (const [i, tag] of tags.entries()) {
    const entry = placed.get(tag)!
    view.setUint32(12 + 16 * i, tag)
    view.setUint32(12 + 16 * i + 4, entry.checksum)
    view.setUint32(12 + 16 * i + 8, entry.offset)
    view.setUint32(12 + 16 * i + 12, entry.length)
    font = (font + entry.checksum) >>> 0
  }
  font = (font + sumOf(out, 0, 12 + 16 * count)) >>> 0
  if (head >= 0) view.setUint32(head + 8, (0xb1b0afba - font) >>> 0)
  return out
}

/** The sum of `bytes[at, at + n)` as big-endian 32-bit words, the last padded with zeros. */
function sumOf(bytes: Uint8Array, at: number, n: number): number {
  let sum = 0
  for (let i = 0; i < n; i += 4) {
    const word =
      ((bytes[at + i]! << 24) |
        ((i + 1 < n ? bytes[at + i + 1]! : 0) << 16) |
        ((i + 2 < n ? bytes[at + i + 2]! : 0) << 8) |
        (i + 3 < n ? bytes[at + i + 3]! : 0)) >>>
      0
    sum = (sum + word) >>> 0
  }
  return sum
}

/** Glyph flags of a simple glyph, and of a composite's components. */
const ON_CURVE = 1
const X_SHORT = 2
const Y_SHORT = 4
const REPEAT = 8
const X_SAME = 16
const Y_SAME = 32
const OVERLAP_SIMPLE = 64
const ARGS_ARE_WORDS = 1
const HAS_SCALE = 8
const MORE_COMPONENTS = 32
const HAS_XY_SCALE = 64
const HAS_TWO_BY_TWO = 128
const HAS_INSTRUCTIONS = 256

/** Bytes written one after the other, growing as needed. */
class Out {
  bytes = new Uint8Array(1 << 16)
  length = 0

  room(n: number): void {
    if (this.length + n <= this.bytes.length) return
    const grown = new Uint8Array(Math.max(this.length + n, this.bytes.length * 2))
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }

  u8(value: number): void {
    this.room(1)
    this.bytes[this.length++] = value
  }

  u16(value: number): void {
    this.room(2)
    this.bytes[this.length++] = (value >> 8) & 0xff
    this.bytes[this.length++] = value & 0xff
  }

  put(bytes: Uint8Array): void {
    this.room(bytes.length)
    this.bytes.set(bytes, this.length)
    this.length += bytes.length
  }

  pad4(): void {
    while (this.length & 3) this.u8(0)
  }
}

/**
 * The `glyf` and `loca` tables a transformed `glyf` (5.1, "Transformed glyf table format")
 * stands for, and each glyph's xMin (for a transformed `hmtx`). `locaLength` is `loca`'s
 * length in the font, which the index format and the glyph count must give.
 */
function rebuildGlyf(
  table: Uint8Array,
  locaLength: number,
): { glyf: Uint8Array; loca: Uint8Array; xMins: Int16Array } {
  const head = new Reader(table)
  head.u16()
  const options = head.u16()
  const count = head.u16()
  const longLoca = head.u16() !== 0
  if (locaLength !== (longLoca ? 4 : 2) * (count + 1))
    throw new Damaged('its WOFF2 loca length does not fit its glyphs')
  let at = 36
  const streams: Reader[] = []
  for (let i = 0; i < 7; i++) {
    const size = head.u32()
    if (at + size > table.length) throw new Damaged('a WOFF2 glyph stream is cut off')
    streams.push(new Reader(table, at, at + size))
    at += size
  }
  const [contours, pointCounts, flagStream, glyphStream, composites, boxes, instructions] = streams as [
    Reader,
    Reader,
    Reader,
    Reader,
    Reader,
    Reader,
    Reader,
  ]
  const overlaps = options & 1 ? new Reader(table, at).take((count + 7) >> 3) : undefined
  const boxBitmap = boxes.take(((count + 31) >> 5) << 2)
  const glyf = new Out()
  const loca = new Uint32Array(count + 1)
  const xMins = new Int16Array(count)
  const ends: number[] = []
  for (let i = 0; i < count; i++) {
    const hasBox = (boxBitmap[i >> 3]! & (0x80 >> (i & 7))) !== 0
    const n = contours.u16()
    loca[i] = glyf.length
    const start = glyf.length
    if (n === 0xffff) {
      if (!hasBox) throw new Damaged('a WOFF2 composite glyph has no bounding box')
      // The components as they are, their length found by walking their flags.
      const from = composites.at
      let flags = MORE_COMPONENTS
      let instructed = false
      while (flags & MORE_COMPONENTS) {
        flags = composites.u16()
        instructed ||= (flags & HAS_INSTRUCTIONS) !== 0
        composites.take(
          2 +
            (flags & ARGS_ARE_WORDS ? 4 : 2) +
            (flags & HAS_SCALE ? 2 : flags & HAS_XY_SCALE ? 4 : flags & HAS_TWO_BY_TWO ? 8 : 0),
        )
      }
      const parts = composites.at - from
      const instructionLength = instructed ? glyphStream.u255() : 0
      glyf.u16(n)
      glyf.put(boxes.take(8))
      composites.at = from
      glyf.put(composites.take(parts))
      if (instructed) {
        glyf.u16(instructionLength)
        glyf.put(instructions.take(instructionLength))
      }
    } else if (n > 0) {
      ends.length = 0
      let points = 0
      for (let c = 0; c < n; c++) {
        points += pointCounts.u255()
        if (points > 0xffff) throw new Damaged('a WOFF2 glyph has too many points')
        ends.push(points - 1)
      }
      const flags = flagStream.take(points)
      const xs = new Int32Array(points)
      const ys = new Int32Array(points)
      let x = 0
      let y = 0
      for (let p = 0; p < points; p++) {
        const flag = flags[p]! & 0x7f
        let dx: number
        let dy: number
        if (flag < 10) {
          dx = 0
          dy = signed(flag, ((flag & 14) << 7) + glyphStream.u8())
        } else if (flag < 20) {
          dx = signed(flag, (((flag - 10) & 14) << 7) + glyphStream.u8())
          dy = 0
        } else if (flag < 84) {
          const b0 = flag - 20
          const b1 = glyphStream.u8()
          dx = signed(flag, 1 + (b0 & 0x30) + (b1 >> 4))
          dy = signed(flag >> 1, 1 + ((b0 & 0x0c) << 2) + (b1 & 0x0f))
        } else if (flag < 120) {
          const b0 = flag - 84
          dx = signed(flag, 1 + (Math.floor(b0 / 12) << 8) + glyphStream.u8())
          dy = signed(flag >> 1, 1 + (((b0 % 12) >> 2) << 8) + glyphStream.u8())
        } else if (flag < 124) {
          const b1 = glyphStream.u8()
          const b2 = glyphStream.u8()
          dx = signed(flag, (b1 << 4) + (b2 >> 4))
          dy = signed(flag >> 1, ((b2 & 0x0f) << 8) + glyphStream.u8())
        } else {
          dx = signed(flag, glyphStream.u16())
          dy = signed(flag >> 1, glyphStream.u16())
        }
        x += dx
        y += dy
        xs[p] = x
        ys[p] = y
      }
      const instructionLength = glyphStream.u255()
      glyf.u16(n)
      if (hasBox) glyf.put(boxes.take(8))
      else {
        let xMin = points ? xs[0]! : 0
        let yMin = points ? ys[0]! : 0
        let xMax = xMin
        let yMax = yMin
        for (let p = 1; p < points; p++) {
          xMin = Math.min(xMin, xs[p]!)
          xMax = Math.max(xMax, xs[p]!)
          yMin = Math.min(yMin, ys[p]!)
          yMax = Math.max(yMax, ys[p]!)
        }
        glyf.u16(xMin)
        glyf.u16(yMin)
        glyf.u16(xMax)
        glyf.u16(yMax)
      }
      for (const end of ends) glyf.u16(end)
      glyf.u16(instructionLength)
      glyf.put(instructions.take(instructionLength))
      const overlap = overlaps !== undefined && (overlaps[i >> 3]! & (0x80 >> (i & 7))) !== 0
      writePoints(glyf, flags, xs, ys, overlap)
    } else if (hasBox) throw new Damaged('a WOFF2 empty glyph has a bounding box')
    // Its xMin (an Int16Array keeps the bits' sign), for a transformed `hmtx`.
    if (glyf.length > start) xMins[i] = (glyf.bytes[start + 2]! << 8) | glyf.bytes[start + 3]!
    glyf.pad4()
  }
  loca[count] = glyf.length
  const locaBytes = new Out()
  for (const offset of loca) {
    if (longLoca) {
      locaBytes.u16(offset >>> 16)
      locaBytes.u16(offset & 0xffff)
    } else locaBytes.u16(offset >>> 1)
  }
  return {
    glyf: glyf.bytes.subarray(0, glyf.length),
    loca: locaBytes.bytes.subarray(0, locaBytes.length),
    xMins,
  }
}

function signed(flag: number, value: number): number {
  return flag & 1 ? value : -value
}

/**
 * A simple glyph's flags and coordinates as TrueType stores them: each point's flag (on curve,
 * short or same coordinates; the overlap bit on the first where the glyph has it), repeated
 * flags counted after the first (at most 255), then the x deltas, then the y deltas.
 */
function writePoints(out: Out, onCurve: Uint8Array, xs: Int32Array, ys: Int32Array, overlap: boolean): void {
  let last = -1
  let repeats = 0
  let lastX = 0
  let lastY = 0
  for (let p = 0; p < xs.length; p++) {
    let flag = (onCurve[p]! & 0x80) === 0 ? ON_CURVE : 0
    if (overlap && p === 0) flag |= OVERLAP_SIMPLE
    const dx = xs[p]! - lastX
    const dy = ys[p]! - lastY
    if (dx === 0) flag |= X_SAME
    else if (dx > -256 && dx < 256) flag |= X_SHORT | (dx > 0 ? X_SAME : 0)
    if (dy === 0) flag |= Y_SAME
    else if (dy > -256 && dy < 256) flag |= Y_SHORT | (dy > 0 ? Y_SAME : 0)
    if (flag === last && repeats !== 255) {
      out.bytes[out.length - 1]! |= REPEAT
      repeats++
    } else {
      if (repeats !== 0) out.u8(repeats)
      out.u8(flag)
      repeats = 0
    }
    last = flag
    lastX = xs[p]!
    lastY = ys[p]!
  }
  if (repeats !== 0) out.u8(repeats)
  for (const values of [xs, ys]) {
    let previous = 0
    for (let p = 0; p < values.length; p++) {
      const delta = values[p]! - previous
      previous = values[p]!
      if (delta === 0) continue
      if (delta > -256 && delta < 256) out.u8(Math.abs(delta))
      else out.u16(delta & 0xffff)
    }
  }
}

/**
 * The `hmtx` a transformed one (5.4) stands for: the advances as stored, the left side bearings
 * as stored or, where its flags leave them out, each glyph's xMin.
 */
function rebuildHmtx(table: Uint8Array, metrics: number, xMins: Int16Array): Uint8Array {
  const read = new Reader(table)
  const flags = read.u8()
  const proportional = (flags & 1) === 0
  const monospace = (flags & 2) === 0
  if (flags & 0xfc || (proportional && monospace)) throw new Damaged('its WOFF2 hmtx transform is malformed')
  const count = xMins.length
  if (metrics < 1 || metrics > count) throw new Damaged('its WOFF2 hmtx transform is malformed')
  const advances: number[] = []
  for (let i = 0; i < metrics; i++) advances.push(read.u16())
  const out = new Out()
  const bearings: number[] = []
  for (let i = 0; i < count; i++)
    bearings.push((i < metrics ? proportional : monospace) ? read.u16() : xMins[i]! & 0xffff)
  for (let i = 0; i < count; i++) {
    if (i < metrics) out.u16(advances[i]!)
    out.u16(bearings[i]!)
  }
  return out.bytes.subarray(0, out.length)
}
