/**
 * Paragraph layouts kept between renders (`memo.ts`, watch mode): a rebuild after an edit breaks
 * only the paragraphs that changed and writes, byte for byte, the file a fresh render writes; a
 * render with other faces, an edited font file or another volume takes nothing from the last.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, test } from 'vitest'
import { createMemoryEnv, type Env } from '../../src/env.js'
import type { Chapter, Node, Root } from '../../src/model/types.js'
import { coverageOf, type Tally } from '../../src/renderers/pdf/coverage.js'
import { checkStats, loadFonts } from '../../src/renderers/pdf/fonts.js'
import type { PdfOptions } from '../../src/renderers/pdf/index.js'
import type { ParagraphSpec } from '../../src/renderers/pdf/layout/types.js'
import { FontMeasurer } from '../../src/renderers/pdf/measure.js'
import {
  COVERAGE_MEMO,
  copySpec,
  DEFLATE_MEMO,
  DEFLATE_MEMO_LIMITS,
  DRAW_MEMO,
  DRAW_MEMO_LIMITS,
  type DrawnText,
  LAYOUT_MEMO,
  LayoutMemo,
  MEMO_LIMITS,
} from '../../src/renderers/pdf/memo.js'
import { p, picture, sampleBook } from '../pdf/helpers.js'
import { deflateAtOnce, renderWithReport, weatherChapter } from './helpers.js'

const require = createRequire(import.meta.url)
const DATE = new Date(Date.UTC(2024, 4, 1))
const WORDS =
  'The wind came round to the north-east in the small hours, and by the time Mara climbed the hundred and twelve steps to the lamp room the glass was already furred with salt; she trimmed the wick and watched the beam go out over the water, sweeping and returning.'.split(
    ' ',
  )

/** The sample book and ten chapters of paragraphs of many lengths, a figure in two of them. */
function book(edit?: (chapter: number, paragraphs: string[]) => string[]): Root {
  const base = sampleBook()
  const extra: Chapter[] = Array.from({ length: 10 }, (_, i) => {
    let texts = Array.from(
      { length: 14 },
      (_, k) => `${k + 1}. ${WORDS.slice(0, 6 + ((k * 11 + i * 3) % 44)).join(' ')}`,
    )
    if (edit) texts = edit(i, texts)
    return weatherChapter(
      i,
      texts.map((text) => p(text)),
      i % 5 === 2 ? 'images/sea.png' : undefined,
    )
  })
  return { ...base, children: [...base.children, ...extra] }
}

/** The fourth chapter with a paragraph added near its start: its pages move. */
const edited = () =>
  book((i, texts) =>
    i === 3 ? [texts[0]!, `${WORDS.join(' ')} And then, at last, the rain.`, ...texts.slice(1)] : texts,
  )

async function render(
  tree: Root,
  memo: Map<string, unknown> | undefined,
  options: Partial<PdfOptions> = {},
  files: Record<string, Uint8Array> = {},
  count?: { jobs: number },
) {
  const env: Env = {
    ...createMemoryEnv({ 'images/sea.png': picture(), ...files }, { date: DATE, ...(memo ? { memo } : {}) }),
    threads: { deflate: deflateAtOnce(count) },
  }
  return renderWithReport(tree, env, options)
}

const font = (name: string) => new Uint8Array(readFileSync(require.resolve(name)))

/** Run `body` with `limits[key]` set to `value` (a memo's limit), then put it back. */
async function withLimit<T extends Record<K, number>, K extends keyof T>(
  limits: T,
  key: K,
  value: T[K],
  body: () => Promise<void>,
): Promise<void> {
  const was = limits[key]
  limits[key] = value
  try {
    await body()
  } finally {
    limits[key] = was
  }
}

describe('paragraph layouts kept between renders', () => {
  test('a rebuild after an edit breaks only what changed, and writes the bytes of a fresh render', async () => {
    for (const options of [{}, { dropCap: true, smallCapsOpening: true }] as Partial<PdfOptions>[]) {
      const memo = new Map<string, unknown>()
      const first = await render(book(), memo, options)
      expect(first.report.memo).toEqual({ taken: 0, made: first.report.paragraphs })
      expect(first.bytes.equals((await render(book(), undefined, options)).bytes)).toBe(true)

      const again = await render(edited(), memo, options)
      const fresh = await render(edited(), undefined, options)
      expect(fresh.report.memo).toBeUndefined()
      expect(again.bytes.equals(fresh.bytes)).toBe(true)
      expect(again.report.paragraphs).toBe(fresh.report.paragraphs)
      // Nearly every paragraph came from the last render; the new one (and the page rules' sets
      // around it) were broken.
      expect(again.report.memo!.taken + again.report.memo!.made).toBe(again.report.paragraphs)
      expect(again.report.memo!.made).toBeGreaterThanOrEqual(1)
      expect(again.report.memo!.made).toBeLessThan(again.report.paragraphs / 10)

      // Unchanged, the third render breaks nothing at all.
      const third = await render(edited(), memo, options)
      expect(third.report.memo).toEqual({ taken: third.report.paragraphs, made: 0 })
      expect(third.bytes.equals(fresh.bytes)).toBe(true)
    }
  })

  test('another face or an author font file edited in place takes nothing from the last render', async () => {
    const memo = new Map<string, unknown>()
    await render(book(), memo)
    const garamond = await render(book(), memo, { font: 'eb-garamond' })
    expect(garamond.report.memo!.taken).toBe(0)
    // Nor the lines it drew (`DrawMemo`, the same identity).
    expect(garamond.report.drawn!.taken).toBe(0)
    expect(garamond.bytes.equals((await render(book(), undefined, { font: 'eb-garamond' })).bytes)).toBe(true)

    const options = { font: { regular: 'fonts/body.ttf' } } as Partial<PdfOptions>
    const crimson = {
      'fonts/body.ttf': font('@expo-google-fonts/crimson-pro/400Regular/CrimsonPro_400Regular.ttf'),
    }
    const literata = {
      'fonts/body.ttf': font('@expo-google-fonts/literata/400Regular/Literata_400Regular.ttf'),
    }
    await render(book(), memo, options, crimson)
    const same = await render(book(), memo, options, crimson)
    expect(same.report.memo!.made).toBe(0)
    // The same path, other bytes: the faces' names and the path agree, the content does not.
    const changed = await render(book(), memo, options, literata)
    expect(changed.report.memo!.taken).toBe(0)
    expect(changed.bytes.equals((await render(book(), undefined, options, literata)).bytes)).toBe(true)
  })

  test('an author’s faces are checked once for their bytes: a rebuild takes the faces the last render used', async () => {
    const memo = new Map<string, unknown>()
    const options = {
      font: { regular: 'fonts/body.ttf', italic: 'fonts/italic.ttf', bold: 'fonts/body.ttf' },
    } as Partial<PdfOptions>
    const files = {
      'fonts/body.ttf': font('@expo-google-fonts/crimson-pro/400Regular/CrimsonPro_400Regular.ttf'),
      'fonts/italic.ttf': font(
        '@expo-google-fonts/crimson-pro/400Regular_Italic/CrimsonPro_400Regular_Italic.ttf',
      ),
    }
    /** A render with the memo: the faces it checked, and whether it wrote a fresh render's bytes. */
    const rebuild = async (tree: Root, given: Record<string, Uint8Array>) => {
      const before = checkStats.checked
      const kept = await render(tree, memo, options, given)
      const checked = checkStats.checked - before
      return { checked, fresh: kept.bytes.equals((await render(tree, undefined, options, given)).bytes) }
    }
    // The file given for two styles is two faces, as without the memo.
    expect(await rebuild(book(), files)).toEqual({ checked: 3, fresh: true })
    expect(await rebuild(edited(), files)).toEqual({ checked: 0, fresh: true })
    // Other bytes at a path: that face checked anew, the others taken.
    const changed = {
      ...files,
      'fonts/italic.ttf': font(
        '@expo-google-fonts/literata/400Regular_Italic/Literata_400Regular_Italic.ttf',
      ),
    }
    expect(await rebuild(edited(), changed)).toEqual({ checked: 1, fresh: true })
  })

  test('a book past the memo’s limit keeps its first layouts and breaks the rest again', async () => {
    await withLimit(MEMO_LIMITS, 'lines', 60, async () => {
      const memo = new Map<string, unknown>()
      await render(book(), memo)
      const kept = memo.get(LAYOUT_MEMO) as { records: Map<string, Array<[unknown, { lines: unknown[] }]>> }
      const lines = [...kept.records.values()].flat().reduce((n, [, layout]) => n + layout.lines.length, 0)
      expect(lines).toBeGreaterThanOrEqual(60)
      expect(lines).toBeLessThan(80)
      const again = await render(book(), memo)
      expect(again.report.memo!.taken).toBeGreaterThan(0)
      expect(again.report.memo!.made).toBeGreaterThan(again.report.paragraphs / 2)
      expect(again.bytes.equals((await render(book(), undefined)).bytes)).toBe(true)
    })
  })

  test('a render that fails leaves the last one’s layouts for the next', async () => {
    const memo = new Map<string, unknown>()
    await render(book(), memo)
    // Stopped at its eighth chapter, after taking the layouts of the seven before it.
    let chapters = 0
    const failing: Env = {
      ...createMemoryEnv({ 'images/sea.png': picture() }, { date: DATE, memo }),
      threads: { deflate: deflateAtOnce() },
      progress: () => {
        if (++chapters === 8) throw new Error('stopped')
      },
    }
    await expect(renderWithReport(edited(), failing)).rejects.toThrow('stopped')
    const again = await render(edited(), memo)
    expect(again.report.memo!.made).toBeLessThan(again.report.paragraphs / 10)
    expect(again.bytes.equals((await render(edited(), undefined)).bytes)).toBe(true)
  })

  test('runs the caller changes after a layout do not change what was kept', () => {
    const spec = (text: string): ParagraphSpec => ({
      runs: [{ text, style: 'regular', size: 10 }],
      lineWidths: [200],
      indent: 0,
      align: 'justify',
      language: 'en',
    })
    const layout = { lines: [], fallback: false }
    const memo = new Map<string, unknown>()
    const first = new LayoutMemo(memo, 'faces', undefined)
    const given = spec('The lamp room')
    first.made(given, layout)
    // The caller changes its run after the layout was made.
    given.runs[0]!.text = 'he lamp room'
    first.keep()
    const second = new LayoutMemo(memo, 'faces', undefined)
    expect(second.take(spec('he lamp room'))).toBeUndefined()
    expect(second.take(spec('The lamp room'))).toBe(layout)
    // Each kept layout is taken once; another identity takes none.
    expect(second.take(spec('The lamp room'))).toBeUndefined()
    expect(new LayoutMemo(memo, 'other faces', undefined).take(spec('The lamp room'))).toBeUndefined()
  })

  test('a kept spec shares no object with the caller’s', () => {
    const spec: ParagraphSpec = {
      runs: [
        { text: 'Mara', style: 'regular', size: 10, underline: { size: 0.5, shift: 1 } },
        { text: ' climbed', style: 'italic', size: 10, strike: { size: 0.5, shift: -3 }, link: 'x' },
      ],
      lineWidths: [200, 240],
      indent: 12,
      align: 'justify',
      language: 'en',
      letterSpacing: { stretch: 0.01, shrink: 0.02 },
      expansion: { stretch: 0.02, shrink: 0.02 },
    }
    const copy = copySpec(spec)
    expect(copy).toEqual(spec)
    const objects = (value: unknown, out: object[] = []): object[] => {
      if (typeof value !== 'object' || value === null) return out
      out.push(value)
      for (const v of Object.values(value)) objects(v, out)
      return out
    }
    const theirs = new Set(objects(spec))
    expect(objects(copy).filter((o) => theirs.has(o))).toEqual([])
  })
})

describe('compressed streams kept between renders', () => {
  test('a rebuild sends only the streams that changed to the thread, and writes a fresh render’s bytes', async () => {
    const memo = new Map<string, unknown>()
    const first = { jobs: 0 }
    const fresh = await render(book(), memo, {}, {}, first)
    expect(first.jobs).toBeGreaterThan(20)
    expect(fresh.report.deflated).toEqual({ taken: 0, made: first.jobs })

    const same = { jobs: 0 }
    const again = await render(book(), memo, {}, {}, same)
    expect(same.jobs).toBe(0)
    expect(again.report.deflated).toEqual({ taken: first.jobs, made: 0 })
    expect(again.bytes.equals(fresh.bytes)).toBe(true)

    const changed = { jobs: 0 }
    const edit = await render(edited(), memo, {}, {}, changed)
    expect(changed.jobs).toBeGreaterThan(0)
    expect(changed.jobs).toBeLessThan(first.jobs)
    expect(edit.report.deflated!.made).toBe(changed.jobs)
    expect(edit.bytes.equals((await render(edited(), undefined)).bytes)).toBe(true)
  })

  test('past the limit the rest is compressed again at each rebuild', async () => {
    await withLimit(DEFLATE_MEMO_LIMITS, 'bytes', 2048, async () => {
      const memo = new Map<string, unknown>()
      const first = { jobs: 0 }
      await render(book(), memo, {}, {}, first)
      const kept = memo.get(DEFLATE_MEMO) as Map<string, Uint8Array>
      const bytes = [...kept.values()].reduce((n, out) => n + out.length, 0)
      expect(bytes).toBeGreaterThan(0)
      expect(bytes).toBeLessThanOrEqual(2048)
      const again = { jobs: 0 }
      const second = await render(book(), memo, {}, {}, again)
      expect(second.report.deflated!.taken).toBe(kept.size)
      expect(again.jobs).toBe(first.jobs - kept.size)
    })
  })
})

describe('text drawn between renders', () => {
  /** The book with text added to the first paragraph of some chapters (by chapter). */
  const withText = (added: Record<number, string>) =>
    book((i, texts) => (added[i] ? [`${texts[0]!} ${added[i]}`, ...texts.slice(1)] : texts))

  test('a rebuild draws again only the lines that changed, and writes a fresh render’s bytes', async () => {
    for (const options of [{}, { dropCap: true, smallCapsOpening: true }] as Partial<PdfOptions>[]) {
      const memo = new Map<string, unknown>()
      const first = await render(book(), memo, options)
      expect(first.report.drawn!.taken).toBe(0)
      const lines = first.report.drawn!.made
      expect(lines).toBeGreaterThan(300)

      // Unchanged: every line as the last render drew it.
      const same = await render(book(), memo, options)
      expect(same.bytes.equals(first.bytes)).toBe(true)
      expect(same.report.drawn).toEqual({ taken: lines, made: 0 })

      const again = await render(edited(), memo, options)
      expect(again.bytes.equals((await render(edited(), undefined, options)).bytes)).toBe(true)
      expect(again.report.drawn!.made).toBeLessThan(lines / 10)
    }
  })

  test('a glyph an edit uses earlier than before gets another code: the lines showing it are drawn again, the bytes a fresh render’s', async () => {
    // Letters the book has nowhere else (Q, z, J, x, K), first used in the last chapter, then
    // also in the first: their codes come earlier, and those of the glyphs first used between
    // move on. A line kept by its text alone would write the old codes.
    const late = withText({ 9: 'Quiz, Jex: Kazoo.' })
    const early = withText({ 0: 'Jazz, quiz, Kex.', 9: 'Quiz, Jex: Kazoo.' })
    for (const [before, after] of [
      [late, early],
      [early, late],
    ] as const) {
      const memo = new Map<string, unknown>()
      await render(before, memo)
      const again = await render(after, memo)
      expect(again.bytes.equals((await render(after, undefined)).bytes)).toBe(true)
      expect(again.report.drawn!.made).toBeGreaterThan(1)
    }
  })

  test('a line whose glyphs all keep their codes is taken though the subset grew before it', async () => {
    const memo = new Map<string, unknown>()
    const first = await render(book(), memo)
    const lines = first.report.drawn!.made
    // Glyphs new to the book in the sixth chapter: the subset differs from there on, but the
    // lines after it show glyphs the book used before it, whose codes are unchanged.
    const edit = withText({ 5: 'Jazz, quiz, Kex.' })
    const again = await render(edit, memo)
    expect(again.bytes.equals((await render(edit, undefined)).bytes)).toBe(true)
    // Taken by their glyphs' codes (with only the subset's state compared, the lines after the
    // edit would all be drawn again: some two fifths of the book).
    expect(again.report.drawn!.made).toBeLessThan(lines / 10)
  })

  test('past the layouts’ limit no line is kept: the next render sets those paragraphs anew', async () => {
    await withLimit(MEMO_LIMITS, 'lines', 60, async () => {
      const memo = new Map<string, unknown>()
      const first = await render(book(), memo)
      const kept = (memo.get(DRAW_MEMO) as { drawn: Map<object, DrawnText[]> }).drawn
      const entries = [...kept.values()].flat().length
      expect(entries).toBeGreaterThan(0)
      expect(entries).toBeLessThan(first.report.drawn!.made / 3)
      const again = await render(book(), memo)
      expect(again.bytes.equals(first.bytes)).toBe(true)
      expect(again.report.drawn!.taken).toBeGreaterThan(entries / 2)
    })
  })

  test('past the limit the rest is drawn again at each rebuild', async () => {
    await withLimit(DRAW_MEMO_LIMITS, 'bytes', 4096, async () => {
      const small = new Map<string, unknown>()
      await render(book(), small)
      const kept = (small.get(DRAW_MEMO) as { drawn: Map<object, DrawnText[]> }).drawn
      const bytes = [...kept.values()].flat().reduce((n, drawn) => n + drawn.length, 0)
      expect(bytes).toBeGreaterThan(0)
      expect(bytes).toBeLessThanOrEqual(4096)
      const again = await render(book(), small)
      expect(again.bytes.equals((await render(book(), undefined)).bytes)).toBe(true)
      expect(again.report.drawn!.taken).toBeGreaterThan(0)
      expect(again.report.drawn!.made).toBeGreaterThan(again.report.drawn!.taken)
    })
  })
})

describe('what the faces cannot show, kept between renders', () => {
  test('a chapter counted once is not read again; an edited one (another node) is', async () => {
    const measurer = new FontMeasurer(await loadFonts('literata', createMemoryEnv({})))
    const kept = new WeakMap<Node, Tally>()
    const tree = book()
    const fresh = coverageOf(tree, measurer)
    expect(coverageOf(tree, measurer, kept)).toEqual(fresh)
    const chapters = tree.children.filter((node) => node.type === 'chapter')
    expect(chapters.every((chapter) => kept.has(chapter))).toBe(true)
    // Kept: the count is what was kept for the node, whatever the node holds now.
    const first = chapters[0]!
    kept.set(first, { ...kept.get(first)!, missing: 7, byScript: new Map([['Tamil', 7]]) })
    expect(coverageOf(tree, measurer, kept)).toEqual({
      ...fresh,
      missing: 7,
      scripts: [{ script: 'Tamil', count: 7 }],
    })
    // A chapter edited is a new node: counted, Devanagari and all (the first still as kept).
    const edited = withDevanagari(tree)
    const counted = coverageOf(edited, measurer, kept)
    const recounted = coverageOf(edited, measurer)
    expect(recounted.missing).toBe(fresh.missing + 6)
    expect(counted.printable).toBe(recounted.printable)
    expect(counted.missing).toBe(7 + 6)
    expect(counted.scripts).toEqual([
      { script: 'Tamil', count: 7 },
      { script: 'Devanagari', count: 6 },
    ])
  })

  test('a render in watch mode keeps each chapter’s count, for the same faces only', async () => {
    const memo = new Map<string, unknown>()
    const tree = book()
    await render(tree, memo)
    const kept = memo.get(COVERAGE_MEMO) as { chapters: WeakMap<Node, Tally> }
    const chapters = tree.children.filter((node) => node.type === 'chapter')
    expect(chapters.every((chapter) => kept.chapters.has(chapter))).toBe(true)
    await render(tree, memo)
    expect((memo.get(COVERAGE_MEMO) as typeof kept).chapters).toBe(kept.chapters)
    await render(tree, memo, { font: 'eb-garamond' })
    expect((memo.get(COVERAGE_MEMO) as typeof kept).chapters).not.toBe(kept.chapters)
  })
})

/** The book with its last chapter replaced by a copy holding a Devanagari word more (6 code points). */
function withDevanagari(tree: Root): Root {
  const children = tree.children.slice()
  const last = children.length - 1
  const chapter = children[last] as Chapter
  children[last] = { ...chapter, children: [...chapter.children, p('नमस्ते')] }
  return { ...tree, children }
}
