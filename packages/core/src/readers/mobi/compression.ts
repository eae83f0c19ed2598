/**
 * The two compressions of MOBI text records: PalmDOC's LZ77 and HUFF/CDIC (Huffman codes for
 * phrases of a dictionary, the phrases themselves compressed the same way). Both read any bytes
 * without throwing: a code that points outside what was decoded, or a dictionary that recurses
 * too deep, stops the record there (`damaged` counts it). Output is capped, so a hostile record
 * cannot grow without bound.
 */
import { u16, u32 } from './pdb.js'

/** Most bytes one text record decodes to (Kindle records hold 4096). */
export const RECORD_LIMIT = 65536

export interface Decoded {
  bytes: Uint8Array
  /** The record was cut off where its codes stopped making sense. */
  damaged: boolean
}

/** PalmDOC LZ77. */
export function palmDoc(input: Uint8Array): Decoded {
  const out = new Uint8Array(Math.min(RECORD_LIMIT, input.length * 8 + 16))
  let o = 0
  let damaged = false
  for (let i = 0; i < input.length; ) {
    const c = input[i++]!
    if (c >= 1 && c <= 8) {
      // c literal bytes follow
      if (i + c > input.length || o + c > out.length) {
        damaged = true
        break
      }
      out.set(input.subarray(i, i + c), o)
      o += c
      i += c
    } else if (c < 0x80) {
      if (o >= out.length) {
        damaged = true
        break
      }
      out[o++] = c
    } else if (c >= 0xc0) {
      if (o + 2 > out.length) {
        damaged = true
        break
      }
      out[o++] = 0x20
      out[o++] = c ^ 0x80
    } else {
      if (i >= input.length) {
        damaged = true
        break
      }
      const pair = ((c << 8) | input[i++]!) & 0x3fff
      const distance = pair >> 3
      const length = (pair & 7) + 3
      if (distance === 0 || distance > o || o + length > out.length) {
        damaged = true
        break
      }
      // Byte by byte: a copy may overlap what it writes.
      for (let k = 0; k < length; k++, o++) out[o] = out[o - distance]!
    }
  }
  return { bytes: out.subarray(0, o), damaged }
}

/** A HUFF/CDIC decoder built from the book's HUFF record and its CDIC records. */
export class HuffCdic {
  private readonly dict1: Array<[codeLength: number, terminal: boolean, maxCode: number]> = []
  private readonly minCodes: number[] = [0]
  private readonly maxCodes: number[] = [0]
  private readonly phrases: Array<{ bytes: Uint8Array; done: boolean } | undefined> = []

  /** Throws `Error` on a HUFF or CDIC record that is not one: the caller reports the book's text unreadable. */
  constructor(huff: Uint8Array, cdics: Uint8Array[]) {
    if (String.fromCharCode(...huff.subarray(0, 4)) !== 'HUFF' || u32(huff, 4) !== 24)
      throw new Error('its HUFF record is not one')
    const table1 = u32(huff, 8)
    const table2 = u32(huff, 12)
    if (table1 + 1024 > huff.length || table2 + 512 > huff.length)
      throw new Error('its HUFF record is cut short')
    for (let i = 0; i < 256; i++) {
      const v = u32(huff, table1 + i * 4)
      const codeLength = v & 0x1f
      if (codeLength === 0) throw new Error('its HUFF table is damaged')
      const maxCode = (v >>> 8) + 1
      this.dict1.push([codeLength, (v & 0x80) !== 0, maxCode * 2 ** (32 - codeLength) - 1])
    }
    for (let length = 1; length <= 32; length++) {
      this.minCodes.push(u32(huff, table2 + (length - 1) * 8) * 2 ** (32 - length))
      this.maxCodes.push((u32(huff, table2 + (length - 1) * 8 + 4) + 1) * 2 ** (32 - length) - 1)
    }
    for (const cdic of cdics) {
      if (String.fromCharCode(...cdic.subarray(0, 4)) !== 'CDIC' || u32(cdic, 4) !== 16)
        throw new Error('a CDIC record is not one')
      const total = u32(cdic, 8)
      const bits = u32(cdic, 12)
      const count = Math.min(2 ** Math.min(bits, 31), total - this.phrases.length)
      for (let i = 0; i < count; i++) {
        const at = 16 + u16(cdic, 16 + i * 2)
        const word = u16(cdic, at)
        if (at + 2 > cdic.length) {
          this.phrases.push(undefined)
          continue
        }
        const bytes = cdic.subarray(at + 2, Math.min(cdic.length, at + 2 + (word & 0x7fff)))
        this.phrases.push({ bytes, done: (word & 0x8000) !== 0 })
      }
    }
  }

  unpack(input: Uint8Array): Decoded {
    const out: number[] = []
    const damaged = !this.decode(input, out, 0)
    return { bytes: Uint8Array.from(out), damaged }
  }

  /** Decode into `out`; false when the codes stopped making sense. */
  private decode(input: Uint8Array, out: number[], depth: number): boolean {
    if (depth > 32) return false
    const bitsTotal = input.length * 8
    let bit = 0
    while (true) {
      if (out.length > RECORD_LIMIT) return false
      // The next 32 bits from `bit`, zeros past the end.
      const at = bit >> 3
      const shift = bit & 7
      const word =
        (((input[at] ?? 0) << 24) |
          ((input[at + 1] ?? 0) << 16) |
          ((input[at + 2] ?? 0) << 8) |
          (input[at + 3] ?? 0)) >>>
        0
      const code = shift === 0 ? word : ((word << shift) | ((input[at + 4] ?? 0) >> (8 - shift))) >>> 0
      let [codeLength, terminal, maxCode] = this.dict1[Math.floor(code / 2 ** 24)]!
      if (!terminal) {
        while (codeLength < 32 && code < this.minCodes[codeLength]!) codeLength++
        maxCode = this.maxCodes[codeLength]!
      }
      bit += codeLength
      if (bit > bitsTotal) return true
      const index = Math.floor((maxCode - code) / 2 ** (32 - codeLength))
      const phrase = this.phrases[index]
      if (!phrase) return false
      if (!phrase.done) {
        // A phrase is itself compressed: decode it once, keep the result.
        const expanded: number[] = []
        this.phrases[index] = undefined // a phrase that cites itself is damage, not a loop
        const ok = this.decode(phrase.bytes, expanded, depth + 1)
        this.phrases[index] = { bytes: Uint8Array.from(expanded), done: true }
        if (!ok) return false
        for (const b of expanded) out.push(b)
      } else for (const b of phrase.bytes) out.push(b)
    }
  }
}
