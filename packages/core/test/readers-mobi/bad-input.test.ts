/**
 * The Kindle book reader on what is not a readable Kindle book: random bytes, a real book cut
 * short at many lengths, a record table pointing past the end, the encryption flag set (DRM),
 * KFX containers; each is one clear diagnostic naming the file, never a throw. Damage anywhere
 * in a real book (fast-check) gives diagnostics, never an internal error. The HUFF/CDIC
 * decompressor and the trailing-entry sizes are tested on hand-built records (calibre writes
 * PalmDOC only, so no HUFF/CDIC book could be made here).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HuffCdic, palmDoc } from '../../src/readers/mobi/compression.js'
import { mobiEntry } from '../../src/readers/mobi/entry.js'
import { trailingSize } from '../../src/readers/mobi/text.js'
import { fcRuns } from '../fast-check.js'
import { need } from '../tools.js'
import { books, readKindle } from './helpers.js'

const enc = new TextEncoder()

/** A Palm database of the given records (type BOOKMOBI). */
function palm(records: Uint8Array[]): Uint8Array {
  const head = new Uint8Array(78 + records.length * 8 + 2)
  head.set(enc.encode('Hand_made'), 0)
  head.set(enc.encode('BOOKMOBI'), 60)
  new DataView(head.buffer).setUint16(76, records.length)
  let at = head.length
  records.forEach((r, i) => {
    new DataView(head.buffer).setUint32(78 + i * 8, at)
    at += r.length
  })
  const out = new Uint8Array(at)
  out.set(head)
  let p = head.length
  for (const r of records) {
    out.set(r, p)
    p += r.length
  }
  return out
}

/** A record 0: PalmDOC header (no compression) and a short MOBI header. */
function record0(textLength: number, textRecords: number, encryption = 0): Uint8Array {
  const r = new Uint8Array(16 + 232)
  const v = new DataView(r.buffer)
  v.setUint16(0, 1)
  v.setUint32(4, textLength)
  v.setUint16(8, textRecords)
  v.setUint16(10, 4096)
  v.setUint16(12, encryption)
  r.set(enc.encode('MOBI'), 16)
  v.setUint32(20, 232)
  v.setUint32(24, 2)
  v.setUint32(28, 65001)
  v.setUint32(36, 6)
  for (const at of [0x50, 0x6c, 0xf4, 0xc0]) v.setUint32(at, 0xffffffff)
  return r
}

describe('the Kindle book reader on bad input', () => {
  it('sniffs Palm books by their type at offset 60', () => {
    expect(mobiEntry.sniff(palm([record0(1, 1)]))).toBe(true)
    expect(
      mobiEntry.sniff(enc.encode('just some text that is long enough to reach offset sixty and past it')),
    ).toBe(undefined)
  })

  it('reads a hand-made uncompressed MOBI 6 book', async () => {
    const text = enc.encode('<html><body><p>Hello, <i>world</i>.</p></body></html>')
    const { result, codes } = await readKindle(palm([record0(text.length, 1), text]), 'hand.mobi')
    expect(codes.filter((c) => c.startsWith('mobi-') || c === 'internal-error')).toEqual([])
    expect(JSON.stringify(result.children)).toContain('world')
  })

  it('refuses random bytes, text and an empty file with one mobi-invalid naming the file', async () => {
    for (const bytes of [
      new Uint8Array(0),
      enc.encode('BOOKMOBI'),
      Uint8Array.from({ length: 500 }, (_, i) => (i * 37) % 256),
    ]) {
      const { file, codes } = await readKindle(bytes, 'bad.mobi')
      expect(codes).toEqual(['mobi-invalid'])
      expect(file.messages[0]!.message).toMatch(/^"bad\.mobi" cannot be read as a Kindle book: /)
    }
    expect((await readKindle('text', 'bad.mobi')).codes).toEqual(['mobi-invalid'])
  })

  it('refuses a record table that points past the end', async () => {
    const bytes = palm([record0(5, 1), enc.encode('Hello')])
    new DataView(bytes.buffer).setUint32(78 + 8, 1_000_000)
    const { file, codes } = await readKindle(bytes, 'short.azw3')
    expect(codes).toEqual(['mobi-invalid'])
    expect(file.messages[0]!.message).toContain('past its end')
  })

  it('refuses a book locked with DRM', async () => {
    const { file, codes } = await readKindle(palm([record0(5, 1, 2), enc.encode('Hello')]), 'locked.azw')
    expect(codes).toEqual(['mobi-drm'])
    expect(file.messages[0]!.message).toContain('"locked.azw" is locked with DRM; Octavo cannot read it')
  })

  it('refuses KFX containers, saying what they are', async () => {
    for (const head of ['\xeaDRMION\xee', 'CONT']) {
      const bytes = Uint8Array.from([...head, ...'\0'.repeat(100)].map((c) => c.charCodeAt(0)))
      const { file, codes } = await readKindle(bytes, 'book.azw')
      expect(codes).toEqual(['mobi-unsupported'])
      expect(file.messages[0]!.message).toContain('KFX')
    }
  })

  it('a real book cut short at any length is a diagnostic, never a throw', async () => {
    need('pandoc', 'ebook-convert')
    const all = await books()
    for (const kind of ['azw3', 'old', 'both'] as const) {
      const whole = all[kind]
      for (let length = 0; length < whole.length; length += Math.max(1, Math.floor(whole.length / 97))) {
        const { file } = await readKindle(whole.subarray(0, length), 'cut.azw3')
        const codes = file.messages.map((m) => m.code)
        expect(codes).not.toContain('internal-error')
        if (length < 78 + 8) expect(codes).toEqual(['mobi-invalid'])
      }
    }
  }, 120_000)

  it('damage anywhere in a real book gives diagnostics, never a throw or an internal error', async () => {
    need('pandoc', 'ebook-convert')
    const all = await books()
    for (const kind of ['azw3', 'old'] as const) {
      const whole = all[kind]
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ at: fc.nat(whole.length - 1), value: fc.nat(255) }), {
            minLength: 1,
            maxLength: 16,
          }),
          fc.option(fc.nat(whole.length), { nil: undefined }),
          async (changes, cut) => {
            const bytes = whole.slice(0, cut)
            for (const { at, value } of changes) if (at < bytes.length) bytes[at] = value
            const { file } = await readKindle(bytes, 'damaged.azw3')
            for (const m of file.messages) expect(m.code).not.toBe('internal-error')
          },
        ),
        { numRuns: fcRuns(150) },
      )
    }
  }, 240_000)
})

describe('decompression', () => {
  it('PalmDOC: literals, space pairs and back-references; bad references stop the record', () => {
    // "abc" + " d" (0xC0 ^ 0x80 pair) + copy 3 bytes from 5 back
    const input = Uint8Array.from([0x61, 0x62, 0x63, 0xe4, 0x80, (5 << 3) | 0])
    expect(new TextDecoder().decode(palmDoc(input).bytes)).toBe('abc dabc')
    expect(palmDoc(Uint8Array.from([0x80, 0xff])).damaged).toBe(true)
  })

  it('HUFF/CDIC on a hand-built dictionary: byte c codes phrase 255 − c; a phrase may itself be compressed', () => {
    const huff = new Uint8Array(24 + 1024 + 512)
    const hv = new DataView(huff.buffer)
    huff.set(enc.encode('HUFF'), 0)
    hv.setUint32(4, 24)
    hv.setUint32(8, 24)
    hv.setUint32(12, 24 + 1024)
    // Every 8-bit code is terminal, max code 255.
    for (let i = 0; i < 256; i++) hv.setUint32(24 + i * 4, (255 << 8) | 0x80 | 8)
    const phrases: Array<[Uint8Array, boolean]> = [
      [enc.encode('Hello, '), true],
      [enc.encode('world'), true],
      [Uint8Array.from([255, 254]), false], // "Hello, world", compressed
    ]
    const table = 16 + 256 * 2
    const bodies: number[] = []
    const offsets: number[] = []
    for (let i = 0; i < 256; i++) {
      const [bytes, done] = phrases[i] ?? [enc.encode('?'), true]
      offsets.push(256 * 2 + bodies.length)
      bodies.push((bytes.length >> 8) | (done ? 0x80 : 0), bytes.length & 255, ...bytes)
    }
    const cdic = new Uint8Array(table + bodies.length)
    const cv = new DataView(cdic.buffer)
    cdic.set(enc.encode('CDIC'), 0)
    cv.setUint32(4, 16)
    cv.setUint32(8, 256)
    cv.setUint32(12, 8)
    for (const [i, o] of offsets.entries()) cv.setUint16(16 + i * 2, o)
    cdic.set(bodies, table)
    const decoder = new HuffCdic(huff, [cdic])
    expect(new TextDecoder().decode(decoder.unpack(Uint8Array.from([255, 254, 253])).bytes)).toBe(
      'Hello, worldHello, world',
    )
    expect(() => new HuffCdic(enc.encode('nope'), [])).toThrow()
  })

  it('trailing entries: each flagged entry, then the multibyte bytes, are cut before decompressing', () => {
    // text "abc", one multibyte byte (count 1 → 2 bytes), then a 3-byte TBS entry ending in its size.
    const record = Uint8Array.from([0x61, 0x62, 0x63, 0xaa, 0x01, 0x10, 0x20, 0x83])
    expect(trailingSize(record, 0b11)).toBe(5)
    expect(trailingSize(record, 0b10)).toBe(3)
    expect(trailingSize(record, 0)).toBe(0)
    // A size larger than the record is the whole record, never a negative slice.
    expect(trailingSize(Uint8Array.from([0xff]), 0b10)).toBe(1)
  })
})
