import { describe, expect, it } from 'vitest'
import { lastAtMost } from '../../src/model/arrays.js'

describe('lastAtMost', () => {
  it('finds the last start at or before a value, as a linear scan would', () => {
    const starts = [0, 3, 3, 10, 42]
    for (let value = -1; value <= 50; value++) {
      let expected = 0
      for (let i = 0; i < starts.length; i++) if (starts[i]! <= value) expected = i
      expect(lastAtMost(starts, value), String(value)).toBe(expected)
    }
    expect(lastAtMost([], 5)).toBe(0)
    expect(lastAtMost(new Uint32Array([0, 8]), 8)).toBe(1)
  })
})
