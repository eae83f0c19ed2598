/** CRC-32 (sliced eight bytes at a time) agrees with zlib's at every length and alignment. */
import { crc32 as zlibCrc32 } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crc32 } from '../../src/crc32.js'

describe('crc32', () => {
  it('equals zlib on lengths around the 8-byte stride', () => {
    for (let n = 0; n < 40; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 24)
      expect(crc32(data)).toBe(zlibCrc32(data))
    }
  })
  it('equals zlib on random bytes, from any offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(8), (bytes, skip) => {
        const view = bytes.subarray(Math.min(skip, bytes.length))
        expect(crc32(view)).toBe(zlibCrc32(view))
      }),
    )
  })
})
