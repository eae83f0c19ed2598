/**
 * Page make-up a book designer signs off, pinned by counts: a chapter's last page holds at least
 * four lines (the page before re-broken a line tighter to take them back, or looser to send more
 * over), proper names and runts are avoided by the breaker's penalties (fewer of each than with
 * the penalties off, and no line past 2× for it), and Pride and Prejudice composed whole keeps
 * the figures the benchmark prints (`bench/pdf-layout.mjs`).
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import { type PdfReport, renderPdf } from '../../src/renderers/pdf/index.js'
import {
  BREAK_PARAMETERS,
  breakParagraph,
  FONT_EXPANSION,
  LETTER_SPACING,
} from '../../src/renderers/pdf/layout/break.js'
import { literataMeasurer } from '../../src/renderers/pdf/layout/measure-fontkit.js'
import type { Line, PlacedRun } from '../../src/renderers/pdf/layout/types.js'
import { resolveOptions } from '../../src/renderers/pdf/options.js'
import {
  type Box,
  Composer,
  type LineBox,
  MIN_LAST_PAGE_LINES,
  type Page,
} from '../../src/renderers/pdf/pages.js'
import { fcRuns } from '../fast-check.js'
import { hasCorpus, SHARED } from '../shared.js'
import { corpusBook } from './helpers.js'

const settings = resolveOptions({}, new SourceFile(''))
const leading = settings.leading
const PRIDE = `${SHARED}/corpus/pride-and-prejudice/ref`

/** A justified paragraph of `n` lines tagged `id:i:n`, its last line marked last. */
function para(id: string, n: number): LineBox[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: 'line' as const,
    line: {
      runs: [{ text: `${id}:${i}:${n}`, x: 0 } as PlacedRun],
      width: 100,
      hyphenated: false,
      last: i === n - 1,
      spaceRatio: 1,
    } satisfies Line,
    height: leading,
    ascent: 10,
    x: 0,
    measure: 300,
    justified: true,
  }))
}

interface Spec {
  n: number
  tighter: boolean
  looser: boolean
  /** A scene break (⁂, half a line of space either side) before the paragraph. */
  scene?: boolean
}

/** A scene break's ornament line as `blocks.ts` sets it: centred, not justified, tagged `id:0:1`. */
function ornament(id: string): LineBox {
  const [box] = para(id, 1)
  return { ...box!, justified: false }
}

/** Typeset chapters as book.ts does (opening page, paragraphs, `endChapter`); pages as drawn. */
function compose(chapters: Spec[][], end = true) {
  const pages: Page[] = []
  const composer = new Composer(settings, (page) => pages.push(page))
  composer.startBody()
  chapters.forEach((paragraphs, c) => {
    composer.flushNotes()
    composer.startPage({ folio: false, head: false })
    paragraphs.forEach((p, k) => {
      const id = `${c}.${k}`
      if (p.scene) {
        // As `blocks.ts` sets a scene break: the space goes at a page boundary, the ornament stays.
        composer.space(leading * 0.5)
        composer.placeLines([ornament(`${id}*`)], { keepAll: true })
        composer.space(leading * 0.5)
      }
      composer.placeLines(para(id, p.n), {
        relayout: ({ looseness }) => {
          if (looseness === -1 && (!p.tighter || p.n < 2)) return undefined
          if (looseness === 1 && !p.looser) return undefined
          return para(id, p.n + (looseness ?? 0))
        },
      })
    })
    if (end) composer.endChapter()
  })
  const stats = composer.finish()
  return { pages, stats }
}

/** The chapter each page's lines belong to, and the pages of each chapter. */
function chapterPages(pages: Page[]): Map<string, Page[]> {
  const byChapter = new Map<string, Page[]>()
  for (const page of pages) {
    const first = page.boxes.find((b) => b.kind === 'line') as LineBox | undefined
    if (!first) continue
    const chapter = first.line.runs[0]!.text.split('.')[0]!
    byChapter.set(chapter, [...(byChapter.get(chapter) ?? []), page])
  }
  return byChapter
}

const lineCount = (page: Page) => page.boxes.filter((b) => b.kind === 'line').length

describe('a chapter never ends with fewer than four lines on its last page', () => {
  // 37 lines a page at 6x9in: 74 lines then 2 more leave two lines alone on the third page.
  const chapter = (flexible: Partial<Spec>) => [
    ...Array.from({ length: 14 }, () => ({ n: 5, tighter: false, looser: false, ...flexible })),
    { n: 6, tighter: false, looser: false },
  ]

  test('without the rule the chapter ends with two lines alone (the case to mend)', () => {
    const { pages } = compose([chapter({})], false)
    expect(lineCount(pages.at(-1)!)).toBeLessThan(MIN_LAST_PAGE_LINES)
  })

  test('paragraphs on the page before set a line tighter take the lines back', () => {
    const { pages, stats } = compose([chapter({ tighter: true })])
    const own = chapterPages(pages).get('0')!
    expect(own.length).toBe(2)
    expect(stats.mendedLastPages).toBe(1)
    expect(stats.shortLastPages).toBe(0)
    // Every line once, in order, and no page past its foot (a verso may run one line long).
    const tags = own.flatMap((page) => page.boxes.map((b) => (b as LineBox).line.runs[0]!.text))
    expect(new Set(tags).size).toBe(tags.length)
    for (const page of own) expect(page.extra).toBeLessThanOrEqual(leading + 0.01)
  })

  test('or paragraphs set a line looser send enough lines over', () => {
    const { pages, stats } = compose([chapter({ looser: true })])
    const own = chapterPages(pages).get('0')!
    expect(own.length).toBe(3)
    expect(lineCount(own.at(-1)!)).toBeGreaterThanOrEqual(MIN_LAST_PAGE_LINES)
    expect(stats.shortLastPages).toBe(0)
    // The page before keeps its depth (a full page), so its spread stays level.
    const before = own.at(-2)!
    const last = before.boxes.at(-1)!
    expect(last.y! + last.height).toBeCloseTo(Math.floor(composerDepth() / leading) * leading, 5)
    expect(stats.widows + stats.orphans).toBe(0)
  })

  test('a verso facing the last page may end a line short to send a paragraph over whole', () => {
    // Pride and Prejudice's chapter 24 had this shape: its last page a recto with three lines,
    // the end of a paragraph whose first two lines close the verso; of the verso's paragraphs
    // none sets tighter and only one looser, and that one line pushed over alone would leave the
    // paragraph's first line at the foot (an orphan).
    const fixed = (n: number, looser = false) => ({ n, tighter: false, looser })
    const chapter = [
      ...Array.from({ length: 7 }, () => fixed(5)),
      fixed(4),
      fixed(5, true),
      ...Array.from({ length: 5 }, () => fixed(5)),
      fixed(3),
      fixed(5),
    ]
    const without = compose([chapter], false)
    const before = chapterPages(without.pages).get('0')!
    expect(before.length).toBe(3)
    expect(lineCount(before[2]!)).toBe(3)
    expect(lineCount(before[1]!)).toBe(lineCount(before[0]!))

    const { pages, stats } = compose([chapter])
    const own = chapterPages(pages).get('0')!
    expect(own.length).toBe(3)
    expect(stats.shortLastPages).toBe(0)
    expect(stats.mendedLastPages).toBe(1)
    // The last paragraph went over whole, the looser one pushing a line down: the verso ends one
    // line short, the last page holds five lines.
    expect(lineCount(own[2]!)).toBe(5)
    expect(lineCount(own[1]!)).toBe(lineCount(own[0]!) - 1)
    expect(own[2]!.boxes.map((b) => (b as LineBox).line.runs[0]!.text)).toEqual([
      '0.15:0:5',
      '0.15:1:5',
      '0.15:2:5',
      '0.15:3:5',
      '0.15:4:5',
    ])
    expect(stats.widows + stats.orphans).toBe(0)
    const tags = own.flatMap((page) => page.boxes.map((b) => (b as LineBox).line.runs[0]!.text))
    expect(new Set(tags).size).toBe(tags.length)
    expect(tags.length).toBe(chapter.reduce((n, p) => n + p.n, 0) + 1)
  })

  test('a chapter ending on a verso: the spread before it runs a line long, both pages alike', () => {
    // 37 lines a page: the chapter opens on a recto, runs over a full spread and ends with two
    // lines on the next verso. No paragraph can be set tighter or looser, so the page before
    // (a recto) cannot take them back alone, and a recto run long beside a full verso would
    // leave the spread out of level: both pages of the spread take a line more.
    const fixed = { tighter: false, looser: false }
    const chapter = [...Array.from({ length: 15 }, () => ({ n: 7, ...fixed })), { n: 8, ...fixed }]
    const without = compose([chapter], false)
    const before = chapterPages(without.pages).get('0')!
    expect(before.length).toBe(4)
    expect(lineCount(before[3]!)).toBe(2)
    expect(before[3]!.index % 2).toBe(1) // a verso
    const { pages, stats } = compose([chapter])
    const own = chapterPages(pages).get('0')!
    expect(stats.shortLastPages).toBe(0)
    expect(stats.mendedLastPages).toBe(1)
    expect(own.length).toBe(3)
    // The spread (verso and recto) each one line long, level; the opening page as it was.
    expect(lineCount(own[0]!)).toBe(lineCount(before[0]!))
    expect(lineCount(own[1]!)).toBe(lineCount(before[1]!) + 1)
    expect(lineCount(own[2]!)).toBe(lineCount(own[1]!))
    expect(own[1]!.extra).toBeCloseTo(leading, 5)
    expect(own[2]!.extra).toBeCloseTo(leading, 5)
    const tags = own.flatMap((page) => page.boxes.map((b) => (b as LineBox).line.runs[0]!.text))
    expect(tags).toEqual(before.flatMap((page) => page.boxes.map((b) => (b as LineBox).line.runs[0]!.text)))
    expect(splitFaults(own)).toBe(0)
  })

  describe('the page before the last is the recto of a spread set short around a scene break', () => {
    // War and Peace's Book III, Part I, chapter XIX had this shape (PDF pages 964–966 at 6x9in):
    // a verso holding a scene break ends a line short (the two-line paragraph after it would
    // leave its first line alone at the foot, and the paragraph before the break cannot be
    // re-broken past it), its recto is set a line short to match, and the chapter ends with
    // three lines on the next verso. 37 lines a page; the chapter opens on a recto.
    const fixed = (n: number, more: Partial<Spec> = {}): Spec => ({
      n,
      tighter: false,
      looser: false,
      ...more,
    })
    const shape = (options: { looser?: number; tighter?: number }) => [
      ...Array.from({ length: 7 }, () => fixed(5)), // the opening recto, 35 lines
      fixed(5), // 2 lines there, 3 on the verso
      ...Array.from({ length: 5 }, () => fixed(5)), // the verso: 28 lines down to the break
      fixed(6, { scene: true }), // ⁂ (two lines' depth), then 6 lines: the verso ends at 36
      fixed(2, { tighter: options.tighter === 14 }), // [14] would leave a line alone: to the recto
      ...Array.from({ length: 6 }, (_, k) => fixed(5, { looser: options.looser === 15 + k })),
      fixed(7), // 4 lines end the recto at 36, 3 go over
    ]
    const tagsOf = (pages: Page[]) =>
      pages.flatMap((page) => page.boxes.map((b) => (b as LineBox).line.runs[0]!.text))

    test('without the rule the chapter ends with three lines alone, the spread before a line short', () => {
      const { pages, stats } = compose([shape({ looser: 17 })], false)
      const own = chapterPages(pages).get('0')!
      expect(own.length).toBe(4)
      expect(lineCount(own[3]!)).toBe(3)
      expect(own[1]!.index % 2).toBe(1) // a verso
      expect(depthOf(own[1]!)).toBeCloseTo(36 * leading, 5)
      expect(depthOf(own[2]!)).toBeCloseTo(36 * leading, 5)
      expect(own[1]!.boxes.some((b) => (b as LineBox).justified === false)).toBe(true)
      expect(stats.shortPages).toBe(1)
    })

    test('a paragraph on the recto set a line looser sends a line over; the spread keeps its depth', () => {
      // The line pushed over joins the three of its paragraph already on the last page: four at
      // the top, two kept at the foot, no widow.
      const { pages, stats } = compose([shape({ looser: 17 })])
      const own = chapterPages(pages).get('0')!
      expect(stats.shortLastPages).toBe(0)
      expect(stats.mendedLastPages).toBe(1)
      expect(own.length).toBe(4)
      expect(lineCount(own[3]!)).toBe(4)
      expect(depthOf(own[1]!)).toBeCloseTo(36 * leading, 5)
      expect(depthOf(own[2]!)).toBeCloseTo(36 * leading, 5)
      expect(own[3]!.boxes.map((b) => (b as LineBox).line.runs[0]!.text)).toEqual([
        '0.21:3:7',
        '0.21:4:7',
        '0.21:5:7',
        '0.21:6:7',
      ])
      expect(splitFaults(own)).toBe(0)
      const tags = tagsOf(own)
      expect(new Set(tags).size).toBe(tags.length)
    })

    test('or the spread is re-cut full around the scene break and the chapter ends a page sooner', () => {
      // No paragraph on the recto sets looser, and only one tighter (the page before the last
      // cannot take three lines back): the spread runs to its full depth, both pages alike, the
      // verso taking the two-line paragraph set on one line below the break, which stays where it
      // was. `recut` counts a page set short by the rules, or a recto matched to it, by the lines
      // it ends short.
      const { pages: before } = compose([shape({ tighter: 14 })], false)
      const { pages, stats } = compose([shape({ tighter: 14 })])
      const own = chapterPages(pages).get('0')!
      const was = chapterPages(before).get('0')!
      expect(lineCount(was[3]!)).toBe(3)
      expect(stats.shortLastPages).toBe(0)
      expect(stats.mendedLastPages).toBe(1)
      expect(own.length).toBe(3)
      expect(depthOf(own[1]!)).toBeCloseTo(37 * leading, 5)
      expect(depthOf(own[2]!)).toBeCloseTo(37 * leading, 5)
      expect(own[1]!.extra).toBe(0)
      expect(own[2]!.extra).toBe(0)
      // The opening page, and the verso down to the break and past it, as they were.
      expect(tagsOf([own[0]!])).toEqual(tagsOf([was[0]!]))
      const placing = (boxes: Box[]) =>
        boxes.map((b) => `${(b as LineBox).line.runs[0]!.text}@${(b.y! / leading).toFixed(2)}`)
      expect(placing(own[1]!.boxes.slice(0, 35))).toEqual(placing(was[1]!.boxes.slice(0, 35)))
      expect(own[1]!.boxes.length).toBe(36)
      expect((own[1]!.boxes[35] as LineBox).line.runs[0]!.text).toBe('0.14:0:1')
      expect(tagsOf([own[2]!])).toEqual(tagsOf(was.slice(2)).slice(2))
      expect(splitFaults(own)).toBe(0)
    })
  })

  test('a spread whose recto holds a scene break ends a line short, both pages alike, the break moving with its lines', () => {
    // 37 lines a page: the chapter opens on a recto, runs over a full spread whose recto holds a
    // scene break in its middle, and ends with three lines on the next verso. No paragraph can be
    // set tighter or looser; the recto's lines below the break alone cannot move a line without
    // breaking a paragraph badly. Both pages of the spread end a line short: the break and the
    // lines around it move down a line on the recto, the last page holds five lines.
    const fixed = (n: number, scene = false): Spec => ({ n, tighter: false, looser: false, scene })
    const chapter = [
      ...Array.from({ length: 7 }, () => fixed(5)), // the opening recto: 35 lines
      fixed(5), // 2 lines there, 3 on the verso
      ...Array.from({ length: 6 }, () => fixed(5)),
      fixed(6), // 4 lines end the verso, 2 open the recto
      ...Array.from({ length: 3 }, () => fixed(5)),
      fixed(5, true), // ⁂ (two lines' depth) and 5 lines in the recto's middle
      fixed(5),
      fixed(4),
      fixed(7), // 4 lines end the recto, 3 go over
    ]
    const tagsOf = (pages: Page[]) =>
      pages.flatMap((page) => page.boxes.map((b) => (b as LineBox).line.runs[0]!.text))
    const before = chapterPages(compose([chapter], false).pages).get('0')!
    expect(before.length).toBe(4)
    expect(lineCount(before[3]!)).toBe(3)
    const { pages, stats } = compose([chapter])
    const own = chapterPages(pages).get('0')!
    expect(stats.shortLastPages).toBe(0)
    expect(stats.mendedLastPages).toBe(1)
    expect(own.length).toBe(4)
    expect(lineCount(own[3]!)).toBe(5)
    expect(depthOf(own[1]!)).toBeCloseTo(36 * leading, 5)
    expect(depthOf(own[2]!)).toBeCloseTo(36 * leading, 5)
    expect(own[1]!.extra).toBeCloseTo(-leading, 5)
    expect(own[2]!.extra).toBeCloseTo(-leading, 5)
    // The break stays on the recto, a line lower, between the same lines.
    const ornamentOf = (page: Page) => page.boxes.find((b) => (b as LineBox).justified === false)
    expect(ornamentOf(own[2]!)?.y).toBeCloseTo(ornamentOf(before[2]!)!.y! + leading, 5)
    expect(tagsOf(own)).toEqual(tagsOf(before))
    expect(splitFaults(own)).toBe(0)
  })

  test('any chapter: a last page under four lines is mended or counted, every line placed once', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.record({
              n: fc.integer({ min: 1, max: 9 }),
              tighter: fc.boolean(),
              looser: fc.boolean(),
              scene: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
            }),
            {
              minLength: 1,
              maxLength: 40,
            },
          ),
          { minLength: 1, maxLength: 4 },
        ),
        (chapters) => {
          const { pages, stats } = compose(chapters)
          let short = 0
          for (const own of chapterPages(pages).values()) {
            if (own.length > 1 && lineCount(own.at(-1)!) < MIN_LAST_PAGE_LINES) short++
            const tags = own.flatMap((page) => page.boxes.map((b) => (b as LineBox).line.runs[0]!.text))
            expect(new Set(tags).size).toBe(tags.length)
          }
          expect(stats.shortLastPages).toBe(short)
          // Mending moves no page end onto a widow or an orphan: only splits the rules forced.
          expect(splitFaults(pages)).toBe(stats.widows + stats.orphans)
          for (const page of pages) {
            const bottom = page.boxes.reduce((y, b) => Math.max(y, b.y! + b.height), 0)
            expect(bottom).toBeLessThanOrEqual(composerDepth() + page.extra + 0.01)
          }
          // Facing pages inside a chapter (neither its opening nor its last page) end level,
          // a spread re-cut a line long or short included, or were counted when composed.
          let apart = 0
          for (const own of chapterPages(pages).values()) {
            for (let k = 1; k + 2 < own.length; k++) {
              const [verso, recto] = [own[k]!, own[k + 1]!]
              if (verso.index % 2 !== 1 || recto.index !== verso.index + 1) continue
              if (Math.abs(depthOf(verso) - depthOf(recto)) > leading - 0.01) apart++
            }
          }
          expect(apart).toBeLessThanOrEqual(stats.unbalancedSpreads)
        },
      ),
      { numRuns: fcRuns(150) },
    )
  })
})

/**
 * Page ends that break the rules, read from the pages: a paragraph's first line alone at a
 * page's foot (an orphan), its last alone at the next page's top (a widow), a hyphen.
 */
function splitFaults(pages: Page[]): number {
  let faults = 0
  for (let k = 0; k + 1 < pages.length; k++) {
    const foot = pages[k]!.boxes.at(-1) as LineBox | undefined
    const top = pages[k + 1]!.boxes[0] as LineBox | undefined
    if (!foot || !top || foot.kind !== 'line' || top.kind !== 'line') continue
    const [idFoot, iFoot, nFoot] = foot.line.runs[0]!.text.split(':')
    const [idTop, iTop, nTop] = top.line.runs[0]!.text.split(':')
    if (idFoot !== idTop) continue
    if (Number(iFoot) === 0 && Number(nFoot) > 1) faults++
    if (Number(iTop) === Number(nTop) - 1) faults++
    if (foot.line.hyphenated) faults++
  }
  return faults
}

/** Where a page's last line ends. */
function depthOf(page: Page): number {
  const last = page.boxes.at(-1)
  return last ? last.y! + last.height : 0
}

/** The text block's height: where a full page ends. */
function composerDepth(): number {
  return settings.height - settings.top - settings.bottom
}

describe.skipIf(!hasCorpus)('the breaker avoids broken names and runts', () => {
  const measurer = literataMeasurer()
  const paragraphs = (hasCorpus ? corpusBook(PRIDE, Infinity).children : []).flatMap((chapter) =>
    chapter.type === 'chapter'
      ? chapter.children.flatMap((block) =>
          block.type === 'paragraph' && block.children[0]?.type === 'text' ? [block.children[0].value] : [],
        )
      : [],
  )
  const params = BREAK_PARAMETERS as { namePenalty: number; runtDemerits: number }

  /** Break every paragraph at 6x9in's measure; count capitalised breaks, runts and loose lines. */
  function figures() {
    let names = 0
    let runts = 0
    let loose = 0
    for (const text of paragraphs) {
      const { lines } = breakParagraph(
        {
          runs: [{ text, style: 'regular', size: 10.5 }],
          lineWidths: [settings.width - settings.inside - settings.outside],
          indent: 10.5,
          align: 'justify',
          language: 'en-US',
          letterSpacing: LETTER_SPACING,
          expansion: FONT_EXPANSION,
        },
        measurer,
      )
      for (const line of lines) {
        const text = line.runs.map((r) => r.text).join('')
        if (line.hyphenated && /(?:^|[^\p{L}])\p{Lu}\p{L}*-$/u.test(text)) names++
        if (line.last && lines.length > 1 && !/\S\s+\S/.test(text.trim())) runts++
        if (!line.last && line.spaceRatio > 2) loose++
      }
    }
    return { names, runts, loose }
  }

  test('fewer hyphenated names and runts than with the penalties off, and no line past 2×', () => {
    const on = figures()
    const saved = { ...params }
    let off: ReturnType<typeof figures>
    try {
      params.namePenalty = 0
      params.runtDemerits = 0
      off = figures()
    } finally {
      Object.assign(params, saved)
    }
    expect(paragraphs.length).toBeGreaterThan(400)
    expect(off.names).toBeGreaterThan(5)
    expect(on.names).toBeLessThanOrEqual(off.names / 3)
    expect(off.runts).toBeGreaterThan(20)
    expect(on.runts).toBeLessThanOrEqual(off.runts / 2)
    expect(on.loose).toBe(0)
  })

  test('a name at the start of a sentence, or after "Mr.", is told apart', () => {
    // The same word in a narrow measure: as a name it is kept whole when a loose line will do.
    const width = 120
    const breaks = (text: string) =>
      breakParagraph(
        {
          runs: [{ text, style: 'regular', size: 10.5 }],
          lineWidths: [width],
          indent: 0,
          align: 'justify',
          language: 'en-US',
        },
        measurer,
      ).lines.filter((line) => line.hyphenated)
    const name = breaks('and so it was that young Mr. Wickham had attended her to the door again and again')
    expect(name.some((line) => /Wick-$/.test(line.runs.at(-1)!.text))).toBe(false)
  })
})

describe.skipIf(!hasCorpus)('Pride and Prejudice composed whole', () => {
  let report: PdfReport
  beforeAll(async () => {
    const env = createMemoryEnv({})
    for await (const _ of renderPdf(
      corpusBook(PRIDE, Infinity, { language: 'en-US' }),
      {},
      env,
      (r) => (report = r),
    ));
  }, 300_000)

  test('no hyphen ends a page; short last pages, names and runts within their figures', () => {
    expect(report.pageEndHyphens).toBe(0)
    expect(report.hyphenAtPageEnd).toBe(0)
    // Of 61 chapters, before this rule six ended with one to three lines alone. Since font
    // expansion only chapter 12 needs mending: it would end with two lines on a verso, and the
    // recto before it holds no two whole paragraphs that can be set a line tighter (or looser);
    // across the spread before (the chapter's opening verso and that recto) two paragraphs
    // re-broken take the lines back (`recut`; the mending itself is pinned on generated books above).
    expect(report.shortLastPages).toBe(0)
    expect(report.mendedLastPages).toBeGreaterThanOrEqual(1)
    // 81 of 734 hyphenated lines broke a capitalised word before the name penalty.
    expect(report.hyphenatedCapitals).toBeLessThanOrEqual(30)
    expect(report.runts / report.paragraphs).toBeLessThan(0.035)
    expect(Math.max(...report.spaceRatios)).toBeLessThan(2)
    expect(report.widows + report.orphans).toBe(0)
  })
})
