/**
 * The PDF's paragraphs broken ahead on a second thread (`prebreak.ts`): the main thread takes the
 * worker's layout of each paragraph whose spec equals its own, so the file is byte for byte the
 * single-thread one, whatever the worker did: set every chapter but the first, failed, or ran
 * across a real thread.
 */
import { describe, expect, test } from 'vitest'
import { createMemoryEnv, type Env, type ThreadChannel, type Threads } from '../../src/env.js'
import type { Chapter, Root } from '../../src/model/types.js'
import { nodeThreads } from '../../src/platform/threads.js'
import type { PdfReport } from '../../src/renderers/pdf/index.js'
import {
  PREBREAK_CHAPTERS,
  PREBREAK_CORES,
  type PrebreakData,
  sameSpec,
  thread,
} from '../../src/renderers/pdf/prebreak.js'
import { p, picture, sampleBook } from '../pdf/helpers.js'
import { deflateAtOnce, renderWithReport, weatherChapter } from './helpers.js'

const DATE = new Date(Date.UTC(2024, 4, 1))

/**
 * The sample book and `chapters` more: paragraphs of several lengths (short last lines, so the
 * page rules set some again), a footnote and links in each, a figure in every fourth.
 */
function book(chapters: number): Root {
  const base = sampleBook()
  const words =
    'The wind came round to the north-east in the small hours, and by the time Mara climbed the hundred and twelve steps to the lamp room the glass was already furred with salt; she trimmed the wick and watched the beam go out over the water, sweeping and returning.'.split(
      ' ',
    )
  const extra: Chapter[] = Array.from({ length: chapters }, (_, i) =>
    weatherChapter(
      i,
      Array.from({ length: 18 }, (_, k) =>
        p(`${k + 1}. ${words.slice(0, 8 + ((k * 7 + i) % 40)).join(' ')}`),
      ),
      i % 4 === 1 ? 'images/sea.png' : undefined,
    ),
  )
  return { ...base, children: [...base.children, ...extra] }
}

async function render(tree: Root, threads?: Threads): Promise<{ bytes: Buffer; report: PdfReport }> {
  const env: Env = {
    ...createMemoryEnv({ 'images/sea.png': picture() }, { date: DATE }),
    ...(threads ? { threads } : {}),
  }
  return renderWithReport(tree, env)
}

/** Page streams compressed at once, as on one thread. */
const deflate = deflateAtOnce()

/**
 * A `spawn` whose worker has already done its whole pass when the main thread starts: the
 * thread's code run here first, on what a render hands it (`capture`), then its messages and
 * claims given to the render that follows (`replay`). So which chapters the worker set does not
 * depend on the machine: every one from the second (the main thread is at none when it starts).
 */
async function workerAhead(tree: Root, tamper?: (messages: unknown[]) => void) {
  let data: PrebreakData | undefined
  const capture: Threads = {
    deflate,
    cores: PREBREAK_CORES,
    spawn(_entry, given) {
      data = structuredClone(given) as PrebreakData
      return undefined
    },
  }
  await render(tree, capture)
  const messages: unknown[] = []
  await thread(data!, (message) => messages.push(structuredClone(message)))
  tamper?.(messages)
  const claims = Int32Array.from(data!.state)
  const replay: Threads = {
    deflate,
    cores: PREBREAK_CORES,
    spawn(_entry, given) {
      const state = (given as PrebreakData).state
      state.set(claims.subarray(2), 2)
      let next = 0
      const channel: ThreadChannel = {
        receive: () => (next < messages.length ? messages[next++] : undefined),
        close: () => {},
      }
      return channel
    },
  }
  return { replay, messages, claims }
}

describe('paragraphs broken ahead on a second thread', () => {
  const tree = book(PREBREAK_CHAPTERS + 4)
  let single: Awaited<ReturnType<typeof render>> | undefined
  const reference = async () => (single ??= await render(tree))

  test('a worker that set every chapter but the first: the same bytes, its layouts taken', async () => {
    const { bytes, report } = await reference()
    expect(report.pages).toBeGreaterThan(20)
    expect(report.prebreak).toBeUndefined()
    const { replay, messages } = await workerAhead(tree)
    const chapters = messages.filter((m) => (m as { chapter?: number }).chapter !== undefined)
    // The sample book's own chapters and the new ones, less the first: the main thread is at none.
    expect(chapters.length).toBeGreaterThanOrEqual(PREBREAK_CHAPTERS + 3)
    expect(messages.at(-1)).toEqual({ done: true })
    const shared = await render(tree, replay)
    expect(shared.bytes.equals(bytes)).toBe(true)
    const stats = shared.report.prebreak!
    expect(stats.gaveUp).toBeUndefined()
    expect(stats.chapters).toBe(chapters.length)
    expect(stats.waits).toBe(0)
    // Most paragraphs came from the worker. Set here: the front matter, the first chapter, and
    // the paragraphs the page rules set again one line shorter or longer (their pages differ
    // in the worker's pass, which leaves chapters out).
    expect(stats.taken).toBeGreaterThan(0.75 * shared.report.paragraphs)
    expect(stats.taken + stats.missed).toBeLessThanOrEqual(shared.report.paragraphs)
  }, 300_000)

  test('with a memo (watch mode): the worker’s layouts are kept, and the next render starts none', async () => {
    const { bytes } = await reference()
    const { replay } = await workerAhead(tree)
    const memo = new Map<string, unknown>()
    const env = (threads: Threads): Env => ({
      ...createMemoryEnv({ 'images/sea.png': picture() }, { date: DATE, memo }),
      threads,
    })
    const first = await renderWithReport(tree, env(replay))
    expect(first.bytes.equals(bytes)).toBe(true)
    expect(first.report.prebreak!.taken).toBeGreaterThan(0.75 * first.report.paragraphs)
    // The worker's layouts and those broken here, all kept.
    expect(first.report.memo).toEqual({ taken: 0, made: first.report.paragraphs })
    let spawned = 0
    const counting: Threads = {
      ...replay,
      spawn(entry, data) {
        spawned++
        return replay.spawn!(entry, data)
      },
    }
    const second = await renderWithReport(tree, env(counting))
    expect(spawned).toBe(0)
    expect(second.report.prebreak).toBeUndefined()
    expect(second.report.memo).toEqual({ taken: second.report.paragraphs, made: 0 })
    expect(second.bytes.equals(bytes)).toBe(true)
  }, 300_000)

  test('layouts that do not match the spec are not taken: the same bytes', async () => {
    const { bytes } = await reference()
    // Every layout the worker posted is of another paragraph (the spec's first run changed).
    const { replay } = await workerAhead(tree, (messages) => {
      for (const m of messages as Array<{ records?: Array<[{ runs: Array<{ size: number }> }, unknown]> }>)
        for (const [spec] of m.records ?? []) if (spec.runs[0]) spec.runs[0].size += 0.5
    })
    const shared = await render(tree, replay)
    expect(shared.bytes.equals(bytes)).toBe(true)
    expect(shared.report.prebreak!.taken).toBe(0)
    expect(shared.report.prebreak!.missed).toBeGreaterThan(0)
  }, 300_000)

  test('a worker that fails: given up, the same bytes', async () => {
    const { bytes } = await reference()
    const failing: Threads = {
      cores: PREBREAK_CORES,
      deflate,
      spawn(_entry, given) {
        const state = (given as PrebreakData).state
        // It claimed the chapters from the third, then failed (as `thread` says it on the port).
        for (let i = 2 + 2; i < state.length; i++) state[i] = 1
        state[0] = 2
        const messages: unknown[] = [{ failed: 'Error: out of memory\n  at …' }]
        return { receive: () => messages.shift(), close: () => {} }
      },
    }
    const shared = await render(tree, failing)
    expect(shared.bytes.equals(bytes)).toBe(true)
    expect(shared.report.prebreak!.gaveUp).toBe('the worker failed: Error: out of memory')
    expect(shared.report.prebreak!.taken).toBe(0)
  }, 300_000)

  test('no worker for a short book, nor on a machine with fewer cores', async () => {
    let spawned = 0
    const counting = (cores: number): Threads => ({
      deflate,
      cores,
      spawn: () => {
        spawned++
        return undefined
      },
    })
    await render(book(PREBREAK_CHAPTERS - 4), counting(PREBREAK_CORES))
    expect(spawned).toBe(0)
    await render(tree, counting(PREBREAK_CORES - 1))
    expect(spawned).toBe(0)
    await render(tree, counting(PREBREAK_CORES))
    expect(spawned).toBe(1)
  }, 300_000)

  test('on a real thread (the Node env’s): the same bytes', async () => {
    const { bytes } = await reference()
    const bigger = book(PREBREAK_CHAPTERS + 24)
    const alone = await render(bigger)
    const shared = await render(bigger, { ...nodeThreads, cores: PREBREAK_CORES })
    expect(shared.bytes.equals(alone.bytes)).toBe(true)
    const stats = shared.report.prebreak!
    // How many chapters it set depends on the machine's load; a failure to run at all is a bug.
    expect(stats.gaveUp ?? '').not.toMatch(/failed/)
    expect(bytes.length).toBeGreaterThan(0)
  }, 300_000)
})

describe('sameSpec', () => {
  test('equal in every field, to the last number', () => {
    const spec = { runs: [{ text: 'a b', style: 'regular', size: 10 }], lineWidths: [300], indent: 0 }
    expect(sameSpec(spec, structuredClone(spec))).toBe(true)
    expect(sameSpec(spec, { ...spec, indent: -0 })).toBe(false)
    expect(sameSpec(spec, { ...spec, lineWidths: [300, 200] })).toBe(false)
    expect(sameSpec(spec, { ...spec, runs: [{ ...spec.runs[0], text: 'a  b' }] })).toBe(false)
    expect(sameSpec(spec, { ...spec, looseness: -1 })).toBe(false)
    // A field set to undefined is the field absent.
    expect(sameSpec(spec, { ...spec, looseness: undefined })).toBe(true)
    expect(sameSpec({ ...spec, hyphenate: undefined }, spec)).toBe(true)
    expect(sameSpec(spec, { ...spec, runs: { 0: spec.runs[0], length: 1 } })).toBe(false)
    expect(sameSpec({ x: Number.NaN }, { x: Number.NaN })).toBe(true)
  })
})
