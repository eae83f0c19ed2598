/**
 * Kindle's index records (INDX): a header record with the TAGX table saying which tags an entry
 * may carry, then index records whose IDXT lists their entries, each a name and tag values in
 * variable-width integers, and CNCX records holding the strings entries point at. KF8 keeps its
 * skeletons (SKEL), fragments (FRAG), table of contents (NCX) and guide in these; MOBI 6 its NCX.
 * A damaged index gives what could be read before the damage (`damaged` says so), never a throw.
 */
import { ascii, u16, u32 } from './pdb.js'

export interface IndexEntry {
  name: string
  tags: Map<number, number[]>
}

export interface Index {
  entries: IndexEntry[]
  /** CNCX strings by offset (record number × 0x10000 + offset in it). */
  strings: Map<number, string>
  damaged: boolean
}

interface TagX {
  tag: number
  values: number
  mask: number
  end: boolean
}

/** A forward variable-width integer: 7 bits a byte, the last byte's high bit set. */
function varint(bytes: Uint8Array, at: number): [value: number, length: number] {
  let value = 0
  let length = 0
  while (at + length < bytes.length && length < 5) {
    const b = bytes[at + length++]!
    value = value * 128 + (b & 0x7f)
    if (b & 0x80) break
  }
  return [value, length]
}

const bitCount = (n: number) => {
  let count = 0
  for (let v = n; v; v &= v - 1) count++
  return count
}

export function readIndex(records: Uint8Array[], first: number, decode: (b: Uint8Array) => string): Index {
  const index: Index = { entries: [], strings: new Map(), damaged: false }
  const head = records[first]
  if (!head || ascii(head, 0, 4) !== 'INDX') {
    index.damaged = true
    return index
  }
  const count = u32(head, 24)
  const cncx = u32(head, 52)
  let tagxAt = u32(head, 180)
  if (ascii(head, tagxAt, tagxAt + 4) !== 'TAGX') {
    tagxAt = ascii(head, 0, head.length).indexOf('TAGX', 184)
    if (tagxAt < 0) {
      index.damaged = true
      return index
    }
  }
  const tagxEnd = Math.min(head.length, tagxAt + u32(head, tagxAt + 4))
  const controlBytes = u32(head, tagxAt + 8)
  const tagx: TagX[] = []
  for (let at = tagxAt + 12; at + 4 <= tagxEnd; at += 4)
    tagx.push({ tag: head[at]!, values: head[at + 1]!, mask: head[at + 2]!, end: head[at + 3] === 1 })

  for (let r = 0; r < cncx && r < 256; r++) {
    const record = records[first + count + 1 + r]
    if (!record) {
      index.damaged = true
      break
    }
    for (let at = 0; at < record.length; ) {
      const [length, used] = varint(record, at)
      if (used === 0) break
      if (length > 0)
        index.strings.set(r * 0x10000 + at, decode(record.subarray(at + used, at + used + length)))
      at += used + length
    }
  }

  for (let r = 1; r <= count && r < 4096; r++) {
    const record = records[first + r]
    if (!record || ascii(record, 0, 4) !== 'INDX') {
      index.damaged = true
      continue
    }
    const idxt = u32(record, 20)
    const entries = u32(record, 24)
    if (ascii(record, idxt, idxt + 4) !== 'IDXT' || idxt + 4 + entries * 2 > record.length) {
      index.damaged = true
      continue
    }
    for (let e = 0; e < entries; e++) {
      const start = u16(record, idxt + 4 + e * 2)
      const end = e + 1 < entries ? u16(record, idxt + 6 + e * 2) : idxt
      if (start >= end || end > record.length) {
        index.damaged = true
        continue
      }
      const entry = readEntry(record.subarray(start, end), tagx, controlBytes, decode)
      if (entry) index.entries.push(entry)
      else index.damaged = true
    }
  }
  return index
}

function readEntry(
  bytes: Uint8Array,
  tagx: TagX[],
  controlCount: number,
  decode: (b: Uint8Array) => string,
): IndexEntry | undefined {
  const nameLength = bytes[0] ?? 0
  if (1 + nameLength > bytes.length) return undefined
  const name = decode(bytes.subarray(1, 1 + nameLength))
  let control = 1 + nameLength
  let at = control + controlCount
  if (at > bytes.length) return undefined
  const wanted: Array<{ tag: number; count?: number; size?: number; values: number }> = []
  for (const t of tagx) {
    if (t.end) {
      control++
      continue
    }
    let value = (bytes[control] ?? 0) & t.mask
    if (value === 0) continue
    if (value === t.mask && bitCount(t.mask) > 1) {
      const [size, used] = varint(bytes, at)
      at += used
      wanted.push({ tag: t.tag, size, values: t.values })
    } else {
      let mask = t.mask
      while (mask && !(mask & 1)) {
        mask >>= 1
        value >>= 1
      }
      wanted.push({ tag: t.tag, count: value, values: t.values })
    }
  }
  const tags = new Map<number, number[]>()
  for (const w of wanted) {
    const values: number[] = []
    if (w.count !== undefined) {
      for (let i = 0; i < w.count * w.values && at < bytes.length; i++) {
        const [v, used] = varint(bytes, at)
        values.push(v)
        at += used
      }
    } else {
      const stop = at + (w.size ?? 0)
      while (at < stop && at < bytes.length) {
        const [v, used] = varint(bytes, at)
        values.push(v)
        at += used
      }
    }
    tags.set(w.tag, values)
  }
  return { name, tags }
}
