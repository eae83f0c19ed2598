import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bookOrder, comparePaths, naturalCompare } from '../../src/manifest/natural.js'
import { fcRuns } from '../fast-check.js'

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0)
const names = fc.oneof(
  fc.string(),
  fc.integer({ min: 0, max: 10_000 }).map((n) => `chapter-${n}`),
  fc
    .tuple(fc.constantFrom('ch', 'Ch', 'CH', 'part'), fc.nat(200), fc.constantFrom('.md', '.txt', ''))
    .map(([a, n, e]) => `${a}-${n}${e}`),
)

describe('naturalCompare', () => {
  it('puts chapter-2 before chapter-10, case-insensitively', () => {
    const sorted = ['chapter-10', 'Chapter-3', 'chapter-2', 'chapter-1', 'chapter-20'].sort(naturalCompare)
    expect(sorted).toEqual(['chapter-1', 'chapter-2', 'Chapter-3', 'chapter-10', 'chapter-20'])
  })

  it('is consistent with numeric order for chapter-N names', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (n, m) => {
        expect(sign(naturalCompare(`chapter-${n}`, `chapter-${m}`))).toBe(sign(n - m))
        expect(sign(naturalCompare(`chapter-${n}.md`, `Chapter-${m}.md`))).toBe(n === m ? 1 : sign(n - m))
      }),
    )
  })

  it('is zero exactly for equal strings', () => {
    fc.assert(
      fc.property(names, names, (a, b) => {
        expect(naturalCompare(a, a)).toBe(0)
        expect(naturalCompare(a, b) === 0).toBe(a === b)
      }),
    )
    expect(naturalCompare('chapter-01', 'chapter-1')).not.toBe(0)
    expect(naturalCompare('a.md', 'A.md')).not.toBe(0)
  })

  it('is antisymmetric', () => {
    fc.assert(
      fc.property(names, names, (a, b) => {
        expect(sign(naturalCompare(a, b)) + sign(naturalCompare(b, a))).toBe(0)
      }),
    )
  })

  it('is transitive', () => {
    fc.assert(
      fc.property(names, names, names, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort(naturalCompare) as [string, string, string]
        expect(naturalCompare(x, y)).toBeLessThanOrEqual(0)
        expect(naturalCompare(y, z)).toBeLessThanOrEqual(0)
        expect(naturalCompare(x, z)).toBeLessThanOrEqual(0)
      }),
      { numRuns: fcRuns(500) },
    )
  })

  it('sorts the same way whatever the input order', () => {
    fc.assert(
      fc.property(fc.array(names, { maxLength: 30 }), (list) => {
        const sorted = [...list].sort(naturalCompare)
        expect([...list].reverse().sort(naturalCompare)).toEqual(sorted)
      }),
    )
  })
})

describe('comparePaths and bookOrder', () => {
  it('compares folder by folder', () => {
    expect(
      ['part-10/ch-1.md', 'part-2/ch-10.md', 'part-2/ch-9.md', 'part-2-extra/a.md'].sort(comparePaths),
    ).toEqual(['part-2/ch-9.md', 'part-2/ch-10.md', 'part-2-extra/a.md', 'part-10/ch-1.md'])
  })

  it('puts prologue first and epilogue last', () => {
    expect(
      bookOrder(['chapter-2.md', 'epilogue.md', 'chapter-10.md', 'Prologue.txt', 'chapter-1.md']),
    ).toEqual(['Prologue.txt', 'chapter-1.md', 'chapter-2.md', 'chapter-10.md', 'epilogue.md'])
  })
})
