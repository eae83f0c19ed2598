/**
 * The deflate (`src/deflate.ts`, fflate's algorithm with its buffers kept between calls) must give
 * fflate's `zlibSync` and `deflateSync` bytes for any input at any level, whatever was compressed
 * before it: the PDF's and the EPUB's bytes are the same in Node, in a browser and on the
 * compression thread.
 */
import fc from 'fast-check'
import { deflateSync, inflateSync, unzlibSync, zlibSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { rawDeflate, zlibDeflate } from '../../src/deflate.js'
import { fcRuns } from '../fast-check.js'

type Level = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9

function same(bytes: Uint8Array, level: Level): void {
  const ours = zlibDeflate(bytes, level)
  const theirs = zlibSync(bytes, { level })
  expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true)
  expect(Buffer.from(unzlibSync(ours)).equals(Buffer.from(bytes))).toBe(true)
  const raw = rawDeflate(bytes, level)
  expect(Buffer.from(raw).equals(Buffer.from(deflateSync(bytes, { level })))).toBe(true)
  expect(Buffer.from(inflateSync(raw)).equals(Buffer.from(bytes))).toBe(true)
}

/** Bytes like a page's content stream: operators, numbers and hex glyph runs, repeating loosely. */
function contentLike(seed: number, length: number): Uint8Array {
  let x = seed >>> 0 || 1
  const next = () => {
    x = (x * 1_103_515_245 + 12_345) >>> 0
    return x >>> 8
  }
  const words = Array.from({ length: 40 }, () =>
    Array.from({ length: 1 + (next() % 9) }, () => (next() % 600).toString(16).padStart(4, '0')).join(''),
  )
  let text = ''
  while (text.length < length) {
    text += `BT 1 0 0 -1 ${72 + (next() % 300) / 7} ${next() % 648}.${next() % 1000} Tm /F${1 + (next() % 3)} 10.5 Tf [`
    for (let k = 0; k < 12; k++) text += `<${words[next() % words.length]}> ${(next() % 400) - 200} `
    text += '] TJ ET\n'
  }
  return new TextEncoder().encode(text.slice(0, length))
}

describe('the deflate gives fflate’s bytes, zlib and raw', () => {
  test('any bytes, any level', () => {
    const level = fc.integer({ min: 1, max: 9 }) as fc.Arbitrary<Level>
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3_000 }), level, (bytes, l) => same(bytes, l)),
      { numRuns: fcRuns(300) },
    )
  })

  test('every short length: a match ending at, one before and two before the last byte', () => {
    // The last two bytes start no match; a match may end on any of the last three.
    for (let length = 0; length <= 80; length++) {
      const bytes = new TextEncoder().encode('abcabcabcXabcab'.repeat(6).slice(0, length))
      for (const level of [1, 6, 9] as const) same(bytes, level)
    }
  })

  test('repetitive bytes from a small alphabet (long matches, long chains)', () => {
    const level = fc.integer({ min: 1, max: 9 }) as fc.Arbitrary<Level>
    const bytes = fc
      .array(fc.constantFrom(...'abc \n'.split('').map((c) => c.charCodeAt(0))), { maxLength: 40_000 })
      .map((a) => Uint8Array.from(a))
    fc.assert(
      fc.property(bytes, level, (b, l) => same(b, l)),
      { numRuns: fcRuns(40) },
    )
  })

  test('streams of every size class one after another, large and small (buffers reused)', () => {
    // Sizes crossing fflate's block limits (7,000 matches, 24,576 symbols), the 32 KB window and
    // every hash size (8 to 13 bits of log, 12 to 19 bits of hash), down and up again.
    const sizes = [0, 1, 2, 3, 100, 3_000, 40_000, 200_000, 700_000, 5, 70_000, 1_000, 300_000, 12]
    sizes.forEach((size, i) => {
      same(contentLike(i + 1, size), 6)
      const noise = new Uint8Array(size)
      for (let k = 0; k < size; k++) noise[k] = (k * 2_654_435_761) >>> 27
      same(noise, (1 + (i % 9)) as Level)
    })
  })

  test('a stream larger than the kept buffer', () => {
    same(contentLike(7, 5_000_000), 6)
    same(contentLike(8, 2_000), 6)
  })

  test('a level outside 1 to 9 is refused', () => {
    expect(() => zlibDeflate(new Uint8Array(4), 0)).toThrow(RangeError)
    expect(() => zlibDeflate(new Uint8Array(4), 10)).toThrow(RangeError)
    expect(() => rawDeflate(new Uint8Array(4), 0)).toThrow(RangeError)
  })
})
