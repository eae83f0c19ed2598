/**
 * The PDF on two threads: page streams compressed on the Node env's worker thread while the next
 * page is composed must give the bytes of the single-thread build, and a short book must not
 * start a thread at all.
 */
import { zlibSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { createMemoryEnv, type Env, type Threads } from '../../src/env.js'
import type { BlockContent, Chapter, Root } from '../../src/model/types.js'
import { nodeThreads, threadStats } from '../../src/platform/threads.js'
import { earlyStats } from '../../src/renderers/pdf/document.js'
import { pdfRenderer } from '../../src/renderers/pdf/index.js'
import { THREADS_AHEAD_CHAPTERS } from '../../src/renderers/pdf/threads.js'
import { p, sampleBook } from '../pdf/helpers.js'
import { deflateAtOnce, renderWithReport } from './helpers.js'

const DATE = new Date(Date.UTC(2024, 4, 1))

/** The sample book with `chapters` more chapters of plain paragraphs (about 3 pages each). */
function book(chapters: number): Root {
  const base = sampleBook()
  const text =
    'The wind came round to the north-east in the small hours, and by the time Mara climbed the hundred and twelve steps to the lamp room the glass was already furred with salt; she trimmed the wick and watched the beam go out over the water, sweeping and returning.'
  const extra: Chapter[] = Array.from({ length: chapters }, (_, i) => ({
    type: 'chapter',
    matter: 'body',
    kind: 'chapter',
    number: 100 + i,
    label: 'Chapter',
    title: [{ type: 'text', value: `Weather ${i + 1}` }],
    file: `chapters/extra-${i + 1}.md`,
    children: Array.from({ length: 24 }, (_, k): BlockContent => p(`${k + 1}. ${text}`)),
  }))
  return { ...base, children: [...base.children, ...extra] }
}

const render = (tree: Root, env: Env) => renderWithReport(tree, env)

describe('nodeThreads', () => {
  // First in the file: a render on a busy machine may give the thread up (see WAIT_MS).
  test('deflates as fflate does, results taken in any order', async () => {
    const inputs = Array.from({ length: 6 }, (_, i) => {
      const bytes = new Uint8Array(20_000 + i * 3_001)
      let x = i + 1
      for (let k = 0; k < bytes.length; k++) {
        x = (x * 1_103_515_245 + 12_345) >>> 0
        bytes[k] = k % 7 === 0 ? x >>> 24 : 97 + (k % 13)
      }
      return bytes
    })
    const pending = inputs.map((bytes, i) => nodeThreads.deflate(bytes, i % 2 === 0 ? 6 : 9))
    // Time for the thread to start and answer: each result must then be the thread's own.
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    const before = { ...threadStats }
    // Each is there: asking takes nothing and computes nothing.
    expect(pending.map((result) => result.ready?.())).toEqual([true, true, true, true, true, true])
    expect(threadStats).toEqual(before)
    for (const i of [3, 0, 5, 1, 4, 2]) {
      expect(
        Buffer.from(pending[i]!()).equals(Buffer.from(zlibSync(inputs[i]!, { level: i % 2 === 0 ? 6 : 9 }))),
      ).toBe(true)
    }
    expect(threadStats.worker - before.worker).toBe(6)
    expect(threadStats.here - before.here).toBe(0)
  })

  test('a large job taken at once is waited for, not deflated a second time here', () => {
    // 4 MB (a figure's pixels): some 120 ms of deflating, against the 2 ms a page's stream is
    // given before it is done here.
    const bytes = new Uint8Array(4 << 20)
    let x = 7
    for (let k = 0; k < bytes.length; k++) {
      x = (x * 1_103_515_245 + 12_345) >>> 0
      bytes[k] = k % 5 === 0 ? x >>> 24 : 97 + (k % 11)
    }
    const before = { ...threadStats }
    const start = performance.now()
    const out = nodeThreads.deflate(bytes, 6)()
    const waited = performance.now() - start
    expect(Buffer.from(out).equals(Buffer.from(zlibSync(bytes, { level: 6 })))).toBe(true)
    // Deflated once: by the worker, or here only after the whole wait a job this size is owed
    // (a machine too busy to give the thread a core in that time: the full suite on two cores).
    const worker = threadStats.worker - before.worker
    const here = threadStats.here - before.here
    expect(worker + here).toBe(1)
    if (here === 1) expect(waited).toBeGreaterThanOrEqual(bytes.length / 16_384)
  })
})

describe('page streams compressed on a worker thread', () => {
  test('the same bytes as the single-thread build, each page stream compressed there', async () => {
    const tree = book(12)
    const single = await render(tree, createMemoryEnv({}, { date: DATE }))
    const before = { ...earlyStats }
    const threaded = await render(tree, { ...createMemoryEnv({}, { date: DATE }), threads: nodeThreads })
    expect(single.report.pages).toBeGreaterThan(30)
    expect(threaded.bytes.equals(single.bytes)).toBe(true)
    // Every page from the threshold on went to the thread, and none had changed when it ended.
    expect(earlyStats.used - before.used).toBeGreaterThanOrEqual(single.report.pages - 17)
    expect(earlyStats.stale - before.stale).toBe(0)
  }, 300_000)

  test('a short book starts no thread; a long one hands over every page from the 17th', async () => {
    const count = { jobs: 0 }
    const counting: Threads = { deflate: deflateAtOnce(count) }
    const short = await render(sampleBook(), { ...createMemoryEnv({}, { date: DATE }), threads: counting })
    expect(short.report.pages).toBeLessThanOrEqual(16)
    expect(count.jobs).toBe(0)
    // A thread that cannot be started ahead is taken up at the 17th page: each page's stream from
    // there on, and every other stream ended after it (the faces' maps at the end).
    const long = await render(book(8), { ...createMemoryEnv({}, { date: DATE }), threads: counting })
    expect(count.jobs).toBeGreaterThan(long.report.pages - 16)
    expect(count.jobs).toBeLessThan(flateStreams(long.bytes))
  }, 300_000)

  test('a book of many chapters starts the thread first and deflates every stream there', async () => {
    const events: string[] = []
    const count = { jobs: 0 }
    const deflate = deflateAtOnce(count)
    const threads: Threads = {
      start: () => events.push('start'),
      deflate(bytes, level, raw) {
        events.push('deflate')
        return deflate(bytes, level, raw)
      },
    }
    const single = await render(book(8), createMemoryEnv({}, { date: DATE }))
    const ahead = await render(book(8), { ...createMemoryEnv({}, { date: DATE }), threads })
    expect(ahead.bytes.equals(single.bytes)).toBe(true)
    expect(events[0]).toBe('start')
    // Nothing was deflated on the render's own thread: every compressed stream went to the other.
    expect(count.jobs).toBe(flateStreams(ahead.bytes))
    expect(count.jobs).toBeGreaterThan(ahead.report.pages)
    // Fewer chapters than THREADS_AHEAD_CHAPTERS: not started ahead.
    events.length = 0
    await render(book(THREADS_AHEAD_CHAPTERS - 1 - chapters(sampleBook())), {
      ...createMemoryEnv({}, { date: DATE }),
      threads,
    })
    expect(events.indexOf('start')).toBe(-1)
  }, 300_000)

  test('the renderer starts the thread while a book of many chapter files loads', () => {
    const started: number[] = []
    const env = { ...createMemoryEnv(), threads: { deflate: deflateAtOnce(), start: () => started.push(1) } }
    pdfRenderer.prepare!(env, sampleBook().metadata, THREADS_AHEAD_CHAPTERS - 1)
    expect(started).toEqual([])
    pdfRenderer.prepare!(env, sampleBook().metadata, THREADS_AHEAD_CHAPTERS)
    expect(started).toEqual([1])
  })
})

/** The book's chapters, those in parts included. */
function chapters(tree: Root): number {
  return tree.children.reduce((n, node) => n + (node.type === 'part' ? node.children.length : 1), 0)
}

/** Streams of the file written deflated (`/FlateDecode`), each counted once. */
function flateStreams(bytes: Buffer): number {
  return bytes.toString('latin1').match(/\/Filter \/FlateDecode/g)?.length ?? 0
}
