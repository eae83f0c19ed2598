/**
 * Text lines on a grid, blocks kept whole, introductions kept with what they introduce, pinned by
 * counts: whatever the mix of paragraphs, headings (another leading, their spaces), half-line
 * spaces (a verse's, a quotation's) and short blocks set line by line, every text line of the
 * body starts a whole number of lines below the text block's top, so a page of text ends on a
 * line of the grid and the two pages of a spread end level or the spread is counted; a short
 * block set line by line never splits but to level a recto; a line ending in a comma or colon
 * never ends a page apart from the lines it introduces.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { BlockContent } from '../../src/model/types.js'
import { introduces } from '../../src/renderers/pdf/blocks.js'
import type { Line, PlacedRun } from '../../src/renderers/pdf/layout/types.js'
import { resolveOptions } from '../../src/renderers/pdf/options.js'
import { Composer, type LineBox, type Page } from '../../src/renderers/pdf/pages.js'

const settings = resolveOptions({}, new SourceFile(''))
const leading = settings.leading
const textHeight = settings.height - settings.top - settings.bottom

/** `n` lines tagged `id:i:n`, of `height` (the body's leading by default). */
function lines(id: string, n: number, height = leading, justified = true): LineBox[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: 'line' as const,
    line: {
      runs: [{ text: `${id}:${i}:${n}`, x: 0 } as PlacedRun],
      width: 100,
      hyphenated: false,
      last: i === n - 1,
      spaceRatio: 1,
    } satisfies Line,
    height,
    ascent: 10,
    x: 0,
    measure: 300,
    ...(justified ? { justified: true } : {}),
  }))
}

const tag = (box: LineBox) => box.line.runs[0]!.text

type Block =
  | { kind: 'para'; n: number; looser: boolean; tighter: boolean }
  | { kind: 'heading'; n: number }
  | { kind: 'quote'; n: number }
  | { kind: 'address'; n: number }
  | { kind: 'salutation' }

/** Set blocks as `blocks.ts` does, on pages drawn in order. */
function compose(chapters: Block[][]) {
  const pages: Page[] = []
  const composer = new Composer(settings, (page) => pages.push(page))
  composer.startBody()
  chapters.forEach((blocks, c) => {
    composer.flushNotes()
    composer.startPage({ folio: false, head: false })
    composer.space(composer.textHeight * 0.3, { force: true })
    composer.placeLines(lines(`${c}.t`, 1, leading * 1.7, false), { keepAll: true })
    composer.space(leading * 2.5)
    blocks.forEach((block, k) => {
      const id = `${c}.${k}`
      switch (block.kind) {
        case 'para':
          composer.placeLines(lines(id, block.n), {
            relayout: ({ looseness }) => {
              if ((looseness === -1 && !block.tighter) || (looseness === 1 && !block.looser)) return undefined
              const n = block.n + (looseness ?? 0)
              return n < 1 ? undefined : lines(id, n)
            },
          })
          break
        case 'heading': {
          // A heading's leading is not the text's; its spaces round the block to whole lines.
          const own = leading * 1.12
          const depth = block.n * own
          const below = leading * 0.5
          const above = Math.ceil((leading + depth + below) / leading - 0.01) * leading - depth - below
          composer.need(above + depth + below, 2)
          composer.space(above)
          composer.placeLines(lines(`${id}h`, block.n, own, false), { keepAll: true })
          composer.space(below)
          break
        }
        case 'quote':
          // Half a line either side, as a verse or a quotation is set.
          composer.space(leading * 0.5)
          composer.placeLines(lines(`${id}q`, block.n, leading, false), { whole: block.n <= 6 })
          composer.space(leading * 0.5)
          break
        case 'address':
          composer.placeLines(lines(`${id}a`, block.n, leading, false), { whole: true })
          break
        case 'salutation': {
          // As `introduces` counts them: the next block's first two lines, an address whole,
          // the blank line before a quotation as one; nothing before a heading.
          const next = blocks[k + 1]
          const keep =
            next?.kind === 'para'
              ? 2
              : next?.kind === 'address'
                ? next.n
                : next?.kind === 'quote'
                  ? 1 + (next.n <= 6 ? next.n : 2)
                  : 0
          // Tagged `s` when it keeps with the next block, `u` when it leads into nothing.
          const [line] = lines(`${id}${keep > 0 ? 's' : 'u'}`, 1)
          if (keep > 0) composer.need(line!.height, keep)
          composer.placeLines([line!])
          break
        }
      }
    })
    composer.endChapter()
  })
  const stats = composer.finish()
  return { pages, stats }
}

const block: fc.Arbitrary<Block> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('para' as const),
      n: fc.integer({ min: 1, max: 14 }),
      looser: fc.boolean(),
      tighter: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('heading' as const), n: fc.integer({ min: 1, max: 2 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('quote' as const), n: fc.integer({ min: 1, max: 9 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('address' as const), n: fc.integer({ min: 2, max: 6 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('salutation' as const) }) },
)

const depth = (page: Page) => {
  const last = page.boxes.at(-1)!
  return last.y! + last.height
}

describe('the grid of text lines', () => {
  test('every text line on the grid; spreads level or counted; blocks kept whole; introductions kept', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(block, { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 3 }),
        (book) => {
          const { pages, stats } = compose(book)
          const placed = pages.flatMap((page) => page.boxes as LineBox[])
          // Every line once, in its chapter's order.
          expect(new Set(placed.map(tag)).size).toBe(placed.length)
          for (const page of pages) {
            for (const box of page.boxes as LineBox[]) {
              expect(box.y! + box.height).toBeLessThanOrEqual(textHeight + page.extra + 0.01)
              if (box.display || Math.abs(box.height - leading) > 0.01) continue
              const lines = box.y! / leading
              expect(Math.abs(lines - Math.round(lines))).toBeLessThan(0.01 / leading + 1e-9)
            }
          }
          // A spread of two text pages the text runs on through ends level, or is counted.
          let apart = 0
          for (let k = 1; k + 2 < pages.length; k += 2) {
            const [verso, recto, next] = [pages[k]!, pages[k + 1]!, pages[k + 2]!]
            const text = (p: Page) => p.boxes.length > 0 && !(p.boxes[0] as LineBox).display
            if (!text(verso) || !text(recto) || !text(next)) continue
            if (Math.abs(depth(verso) - depth(recto)) > 0.01) apart++
          }
          expect(apart).toBeLessThanOrEqual(stats.unbalancedSpreads)
          for (const [k, page] of pages.entries()) {
            const last = page.boxes.at(-1) as LineBox | undefined
            const first = pages[k + 1]?.boxes[0] as LineBox | undefined
            if (!last || !first) continue
            // A salutation never ends a page with its letter on the next (the chapter going on).
            expect(/s:0:1$/.test(tag(last))).toBe(false)
            // An address splits only on a recto, to end it level with its verso.
            if (/a:\d+:\d+$/.test(tag(first)) && !tag(first).includes(':0:')) expect(page.index % 2).toBe(0)
          }
        },
      ),
      { numRuns: 150 },
    )
  })

  test('a line after half a line of space moves down to the next line of the grid', () => {
    const { pages } = compose([
      [
        { kind: 'para', n: 3, looser: false, tighter: false },
        { kind: 'quote', n: 2 },
        { kind: 'para', n: 3, looser: false, tighter: false },
      ],
    ])
    const boxes = pages[0]!.boxes as LineBox[]
    const at = (t: string) => boxes.find((box) => tag(box) === t)!.y! / leading
    // A whole line of space above the quotation and below it, not half a line.
    expect(at('0.1q:0:2') - at('0.0:2:3')).toBeCloseTo(2, 5)
    expect(at('0.2:0:3') - at('0.1q:1:2')).toBeCloseTo(2, 5)
  })

  test('an address that would split at the foot of a verso goes over whole; the recto matches it', () => {
    // The opening recto, then a verso: 28 lines and the address with 3 lines left.
    const perPage = Math.floor(textHeight / leading)
    const { pages } = compose([
      [
        ...Array.from({ length: 12 }, (): Block => ({ kind: 'para', n: 4, looser: false, tighter: false })),
        { kind: 'para', n: perPage - 3, looser: false, tighter: false },
        { kind: 'address', n: 4 },
        { kind: 'para', n: 60, looser: false, tighter: false },
      ],
    ])
    const address = pages.map((page) => (page.boxes as LineBox[]).filter((box) => /a:/.test(tag(box))).length)
    expect(address.filter((n) => n > 0)).toEqual([4])
  })
})

describe('introductions', () => {
  const text = (value: string) => ({ type: 'text' as const, value })
  const para = (...parts: string[]): BlockContent => ({
    type: 'paragraph',
    children: parts.flatMap((part, k) => (k === 0 ? [text(part)] : [{ type: 'break' as const }, text(part)])),
  })
  const quote = (...children: BlockContent[]): BlockContent => ({ type: 'blockquote', children })

  test('a line ending in a comma or colon keeps the next block’s first lines', () => {
    expect(introduces([para('Dear Sir,'), para('I write to inform you.')], 0)).toBe(2)
    expect(
      introduces([para('He wrote:'), para('Alice’s Right Foot, Esq.', 'Hearthrug,', 'Near the Fender,')], 0),
    ).toBe(3)
    // Through a quotation (a blank line) and the salutation that opens it.
    expect(introduces([para('A letter:'), quote(para('Dear Sir,'), para('The tarts are stolen.'))], 0)).toBe(
      4,
    )
    expect(introduces([para('He said so.'), para('Next.')], 0)).toBe(0)
    expect(introduces([para('Last words:')], 0)).toBe(0)
    expect(introduces([para('Before,'), { type: 'sceneBreak' } as BlockContent], 0)).toBe(0)
  })
})
