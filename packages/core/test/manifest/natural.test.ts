import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bookOrder, comparePaths, naturalCompare, orderStats } from '../../src/manifest/natural.js'
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

describe('bookOrder of numbered paths', () => {
  /** The collator's order, as `bookOrder` gives it for any list. */
  const collated = (paths: string[]) => {
    const rank = (path: string) => {
      const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
      return name.startsWith('prologue') ? 0 : name.startsWith('epilogue') ? 2 : 1
    }
    return [...paths].sort((a, b) => rank(a) - rank(b) || comparePaths(a, b))
  }
  /** A number as a file name writes it: 7, 07, 007. */
  const written = fc.tuple(fc.nat(1200), fc.nat(3)).map(([n, zeros]) => '0'.repeat(zeros) + String(n))
  /** Paths that differ only in their numbers: a template's gaps filled. */
  const numbered = fc
    .tuple(
      fc.constantFrom(
        ['chapter-', '.md'],
        ['Chapter ', '.txt'],
        ['part-', '/ch-', '.md'],
        ['', '.html'],
        ['book', '/', '-', '.md'],
        ['v', '.', '.txt'],
        ['Prologue ', '.md'],
      ),
      fc.integer({ min: 2, max: 40 }),
    )
    .chain(([template, count]) =>
      fc
        .array(fc.array(written, { minLength: template.length - 1, maxLength: template.length - 1 }), {
          minLength: count,
          maxLength: count,
        })
        .map((rows) =>
          rows.map((numbers) =>
            template.reduce<string>((path, piece, i) => path + (i > 0 ? numbers[i - 1] : '') + piece, ''),
          ),
        ),
    )

  it('finds the collator order by the numbers alone, without it', () => {
    const before = orderStats.numbered
    fc.assert(
      fc.property(numbered, (paths) => {
        expect(bookOrder(paths)).toEqual(collated(paths))
      }),
      { numRuns: fcRuns(300) },
    )
    expect(orderStats.numbered).toBeGreaterThan(before)
  })

  it('leaves any other list to the collator', () => {
    const before = orderStats.collated
    for (const paths of [
      ['chapter-2.md', 'Chapter-10.md', 'chapter-1.md'],
      ['chapter-2.md', 'epilogue.md', 'chapter-10.md'],
      ['ch-1.md', 'ch-2.txt'],
      [`ch-${'9'.repeat(16)}.md`, 'ch-1.md'],
    ])
      expect(bookOrder(paths)).toEqual(collated(paths))
    expect(orderStats.collated - before).toBe(4)
    expect(bookOrder(['chapter-10.md', 'chapter-9.md', 'chapter-010.md', 'chapter-09.md'])).toEqual([
      'chapter-09.md',
      'chapter-9.md',
      'chapter-010.md',
      'chapter-10.md',
    ])
  })
})
