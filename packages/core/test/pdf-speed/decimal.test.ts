/**
 * PDF operands written as bytes (`ByteWriter.decimal`): the very text `String` gives the number
 * rounded to its places, which the drawing wrote before, so the pages keep their bytes.
 */
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { ByteWriter } from '../../src/bytes.js'

/** What `decimal` writes for `units / scale`, as text. */
function written(units: number, scale: number): string {
  const out = new ByteWriter(4)
  out.decimal(units, scale)
  return new TextDecoder().decode(out.take())
}

test('writes a rounded number as String does, at 3 and 5 places', () => {
  for (const scale of [1000, 1e5]) {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (n) => {
        const units = Math.round(n * scale)
        expect(written(units, scale)).toBe(String(units / scale))
      }),
      { numRuns: 2000 },
    )
  }
})

test('zero, minus zero, fractions with inner and trailing zeros, whole numbers, and beyond its range', () => {
  const cases: Array<[number, number, string]> = [
    [0, 1000, '0'],
    [-0, 1000, '0'],
    [1, 1000, '0.001'],
    [-1, 1000, '-0.001'],
    [1050, 1000, '1.05'],
    [100500, 1000, '100.5'],
    [72000, 1000, '72'],
    [-432000, 1000, '-432'],
    [1, 1e5, '0.00001'],
    [12340, 1e5, '0.1234'],
    [2e13, 1000, String(2e13 / 1000)],
  ]
  for (const [units, scale, text] of cases) expect(written(units, scale), `${units}/${scale}`).toBe(text)
})
