/**
 * Page streams whose compressed bytes come late from the other thread: the document leaves a hole
 * where the page's object goes and goes on (`Document.defer`), so the main thread neither waits
 * for a result nor computes it itself while the thread keeps within `MAX_HOLES` pages, and the
 * file is byte for byte the single-thread one: objects written after a hole (figures, links,
 * footnotes, the faces at the end) keep their offsets right in the cross-reference table.
 */
import { zlibSync } from 'fflate'
import { PNG } from 'pngjs'
import { describe, expect, test } from 'vitest'
import { createMemoryEnv, type Deflating, type Env, type Threads } from '../../src/env.js'
import type { Chapter, Root } from '../../src/model/types.js'
import { earlyStats, MAX_HOLES } from '../../src/renderers/pdf/document.js'
import type { PdfOptions, PdfReport } from '../../src/renderers/pdf/index.js'
import { outputStats } from '../../src/renderers/pdf/render.js'
import { p, picture, sampleBook, tempPdf, tool } from '../pdf/helpers.js'
import { deflateAtOnce, renderWithReport, weatherChapter } from './helpers.js'

const DATE = new Date(Date.UTC(2024, 4, 1))

/** A 300x200 picture with an alpha channel (embedded as an image and its soft mask). */
function translucent(): Uint8Array {
  const png = new PNG({ width: 300, height: 200 })
  for (let i = 0; i < png.data.length; i += 4) {
    const x = (i / 4) % 300
    png.data[i] = x % 256
    png.data[i + 1] = 90
    png.data[i + 2] = 200
    png.data[i + 3] = x < 150 ? 255 : 128
  }
  return new Uint8Array(PNG.sync.write(png, { colorType: 6 }))
}

const FILES = { 'images/sea.png': picture(), 'images/glass.png': translucent() }

/**
 * The sample book and `chapters` more of plain paragraphs (about 3 pages each), each with a
 * footnote and links, every third with a figure (the two pictures in turn).
 */
function book(chapters: number): Root {
  const base = sampleBook()
  const text =
    'The wind came round to the north-east in the small hours, and by the time Mara climbed the hundred and twelve steps to the lamp room the glass was already furred with salt; she trimmed the wick and watched the beam go out over the water, sweeping and returning.'
  const extra: Chapter[] = Array.from({ length: chapters }, (_, i) =>
    weatherChapter(
      i,
      Array.from({ length: 24 }, (_, k) => p(`${k + 1}. ${text}`)),
      i % 3 === 1 ? (i % 2 === 0 ? 'images/sea.png' : 'images/glass.png') : undefined,
    ),
  )
  return { ...base, children: [...base.children, ...extra] }
}

async function render(
  tree: Root,
  threads?: Threads,
  options: Partial<PdfOptions> = {},
): Promise<{ bytes: Buffer; report: PdfReport }> {
  const env: Env = { ...createMemoryEnv(FILES, { date: DATE }), ...(threads ? { threads } : {}) }
  return renderWithReport(tree, env, options)
}

/**
 * A thread whose results come `lag` jobs late: a page's result is there once `lag` more pages
 * have been handed over (never, with `lag` Infinity). Taking one before is counted as a wait
 * (what the Node thread would wait for, or compute on the caller's thread), with how many jobs
 * had been handed over by then; `open` counts results handed over and not taken.
 */
function lateThreads(lag: number) {
  const seen = { jobs: 0, waits: [] as number[], open: 0, mostOpen: 0 }
  const threads: Threads = {
    deflate(bytes, level) {
      const job = ++seen.jobs
      const out = zlibSync(bytes, { level: level as 6 })
      seen.mostOpen = Math.max(seen.mostOpen, ++seen.open)
      const ready = () => seen.jobs - job >= lag
      const result: Deflating = () => {
        if (!ready()) seen.waits.push(seen.jobs)
        seen.open--
        return out
      }
      result.ready = ready
      return result
    },
  }
  return { threads, seen }
}

describe('page streams whose results come late', () => {
  const tree = book(14)
  let single: Awaited<ReturnType<typeof render>> | undefined
  const reference = async () => (single ??= await render(tree))

  test('results three pages late: the same bytes, and no wait before the last page', async () => {
    const { bytes, report } = await reference()
    expect(report.pages).toBeGreaterThan(40)
    const { threads, seen } = lateThreads(3)
    const before = { ...earlyStats }
    const late = await render(tree, threads)
    expect(late.bytes.equals(bytes)).toBe(true)
    // Each page's stream from the 17th, and every other stream ended once the thread is in use
    // (links' and figures' forms, the faces' maps at the end).
    expect(seen.jobs).toBeGreaterThan(report.pages - 16)
    // Only the last three results are still to come when the document ends.
    expect(seen.waits).toEqual([seen.jobs, seen.jobs, seen.jobs])
    expect(earlyStats.forced - before.forced).toBe(3)
    expect(earlyStats.used - before.used).toBe(seen.jobs)
    expect(seen.open).toBe(0)
    // The file reads: every object where the cross-reference table says.
    expect(tool('qpdf', ['--check', tempPdf(new Uint8Array(late.bytes), 'late.pdf')])).toContain(
      'No syntax or stream encoding errors',
    )
  }, 300_000)

  test('results later than the holes allow: the oldest is waited for, never more left open', async () => {
    const { bytes } = await reference()
    const { threads, seen } = lateThreads(MAX_HOLES + 10)
    const late = await render(tree, threads)
    expect(late.bytes.equals(bytes)).toBe(true)
    // Handed over, then ended as a hole: never more than the holes, the page being drawn and a
    // stream being ended (handed over before the oldest hole is filled to make room for it).
    expect(seen.mostOpen).toBe(MAX_HOLES + 2)
    // None while the thread is still within the holes; then a wait for each page beyond them
    // (only a result left for the end may have come meanwhile, the last page's: the small streams
    // ended after it count as jobs too).
    expect(seen.waits[0]).toBe(MAX_HOLES + 1)
    expect(seen.waits.length).toBeGreaterThanOrEqual(seen.jobs - 1)
  }, 300_000)

  test('a thread that never answers: the same bytes, each result taken from the caller', async () => {
    const { bytes } = await reference()
    const { threads, seen } = lateThreads(Number.POSITIVE_INFINITY)
    const late = await render(tree, threads)
    expect(late.bytes.equals(bytes)).toBe(true)
    expect(seen.waits.length).toBe(seen.jobs)
    expect(seen.mostOpen).toBe(MAX_HOLES + 2)
    expect(seen.open).toBe(0)
  }, 300_000)

  test('PDF/X-4, whose document ID hashes the streams before the metadata: the same bytes', async () => {
    const tree = book(6)
    const options: Partial<PdfOptions> = { standard: 'pdf-x-4' }
    const single = await render(tree, undefined, options)
    const { threads, seen } = lateThreads(3)
    const late = await render(tree, threads, options)
    expect(seen.jobs).toBeGreaterThan(3)
    // Every result still to come when the last page ends is taken before the metadata.
    expect(seen.waits).toEqual([seen.jobs, seen.jobs, seen.jobs])
    expect(late.bytes.equals(single.bytes)).toBe(true)
  }, 300_000)

  test('results there at once (no `ready`): no hole, the same bytes', async () => {
    const { bytes } = await reference()
    const before = { ...earlyStats }
    const count = { jobs: 0 }
    const threads: Threads = { deflate: deflateAtOnce(count) }
    const late = await render(tree, threads)
    expect(late.bytes.equals(bytes)).toBe(true)
    expect(earlyStats.used - before.used).toBe(count.jobs)
    expect(earlyStats.forced - before.forced).toBe(0)
  }, 300_000)
})

/**
 * A thread that never answers on its own, whose jobs can be taken back (`Deflating.here`): how
 * many were, and an error if one is taken twice.
 */
function takenBackThreads() {
  const { threads, seen } = lateThreads(Number.POSITIVE_INFINITY)
  const deflate = threads.deflate
  const count = { here: 0 }
  threads.deflate = (input, level, raw) => {
    const result = deflate(input, level, raw)
    let taken = false
    const once = Object.assign(
      () => {
        if (taken) throw new Error('taken twice')
        taken = true
        return result()
      },
      { ready: result.ready },
    ) as Deflating
    once.here = () => {
      if (taken) throw new Error('taken twice')
      taken = true
      count.here++
      seen.open--
      return zlibSync(input, { level: level as 6 })
    }
    return once
  }
  return { threads, seen, count }
}

/** A 1500×1000 picture with alpha: 4.5 MB of colour and 1.5 MB of alpha, both past `STEAL_BEHIND`. */
function largeTranslucent(): Uint8Array {
  const png = new PNG({ width: 1500, height: 1000 })
  for (let i = 0; i < png.data.length; i += 4) {
    const x = (i / 4) % 1500
    png.data.set([x & 0xff, (i >> 12) & 0xff, 200, x < 600 ? 255 : 100], i)
  }
  return new Uint8Array(PNG.sync.write(png, { colorType: 6 }))
}

describe('results taken back while an older one is awaited', () => {
  test('behind a figure’s large stream the newest are computed here (the thread skips them); behind a page’s, none: the same bytes', async () => {
    const files = { ...FILES, 'images/large.png': largeTranslucent() }
    const base = book(6)
    const chapters = base.children.filter((c) => c.type === 'chapter')
    const withFigure = weatherChapter(99, [p('Before the figure.'), p('After it.')], 'images/large.png')
    const tree: Root = {
      ...base,
      children: [...base.children.slice(0, -2), withFigure, ...base.children.slice(-2)],
    }
    expect(chapters.length).toBeGreaterThan(4)
    const env = (threads?: Threads): Env => ({
      ...createMemoryEnv(files, { date: DATE }),
      ...(threads ? { threads } : {}),
    })
    const alone = await renderWithReport(tree, env(), {})
    const { threads, seen, count } = takenBackThreads()
    const before = { ...earlyStats }
    const taken = await renderWithReport(tree, env(threads), {})
    expect(taken.bytes.equals(alone.bytes)).toBe(true)
    expect(count.here).toBeGreaterThan(0)
    expect(earlyStats.stolen - before.stolen).toBe(count.here)
    expect(seen.waits.length + count.here).toBe(seen.jobs)
    expect(seen.open).toBe(0)
    // Pages only: every result waited for in turn, none taken back.
    const pagesOnly = takenBackThreads()
    const plain = await render(book(6), pagesOnly.threads)
    expect(plain.bytes.equals((await render(book(6))).bytes)).toBe(true)
    expect(pagesOnly.count.here).toBe(0)
  }, 300_000)
})

describe('the output handed on', () => {
  test('a figure’s megabytes are handed on as they are, not copied to join them with the pieces around', async () => {
    // 1500×1000 RGB grain, which deflate cannot shrink: its 4.5 MB go into the PDF as they are.
    const png = new PNG({ width: 1500, height: 1000 })
    let seed = 7
    for (let i = 0; i < png.data.length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      png.data[i] = i % 4 === 3 ? 255 : seed >>> 24
    }
    const files = { 'images/grain.png': new Uint8Array(PNG.sync.write(png, { colorType: 2 })) }
    const tree: Root = {
      ...sampleBook(),
      children: [weatherChapter(0, [p('Before the figure.')], 'images/grain.png')],
    }
    const before = outputStats.joined
    const { bytes } = await renderWithReport(tree, createMemoryEnv(files, { date: DATE }), {})
    const joined = outputStats.joined - before
    // The figure is most of the file; the pieces joined are the pages' and the objects' around
    // it. Joined whatever their size, it would be all of the file.
    expect(bytes.length).toBeGreaterThan(4_500_000)
    expect(joined).toBeLessThan(bytes.length - 4_000_000)
  }, 120_000)
})

describe('a large figure early in a short book', () => {
  test('its streams go to the other thread, which the document does not use yet: the same bytes', async () => {
    // 1500×1000 RGBA: 4.5 MB of colour, past `LARGE_STREAM`, and 1.5 MB of alpha.
    const png = new PNG({ width: 1500, height: 1000 })
    for (let i = 0; i < png.data.length; i += 4) {
      const x = (i / 4) % 1500
      png.data.set([x & 0xff, (i >> 12) & 0xff, 200, x < 600 ? 255 : 100], i)
    }
    const large = new Uint8Array(PNG.sync.write(png, { colorType: 6 }))
    const tree: Root = {
      ...sampleBook(),
      children: [weatherChapter(0, [p('Before the figure.')], 'images/large.png')],
    }
    const files = { 'images/large.png': large }
    const alone = await renderWithReport(tree, createMemoryEnv(files, { date: DATE }), {})
    const sizes: number[] = []
    const threads: Threads = {
      deflate(bytes, level) {
        sizes.push(bytes.length)
        const out = zlibSync(bytes, { level: level as 6 })
        return () => out
      },
    }
    const threaded = await renderWithReport(tree, { ...createMemoryEnv(files, { date: DATE }), threads }, {})
    expect(alone.bytes.toString('latin1')).toMatch(/\/SMask/)
    expect(threaded.bytes.equals(alone.bytes)).toBe(true)
    // The figure's colour alone: the page streams and its smaller mask stay on this thread.
    expect(sizes).toEqual([1500 * 1000 * 3])
  }, 120_000)
})
