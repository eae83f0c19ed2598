/**
 * The EPUB's documents deflated on another thread (`Env.threads`) while the next ones are
 * rendered: the archive must be the bytes of the one-thread build, with a bounded number of
 * documents waiting there, and a book too short to gain from a thread must not start one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { deflateSync } from 'fflate'
import { describe, expect, it, vi } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv, type Threads } from '../../src/env.js'
import { loadBook, render as renderBook } from '../../src/index.js'
import { nodeThreads, threadStats } from '../../src/platform/threads.js'
import { epubRenderer } from '../../src/renderers/epub/index.js'
import { ZipWriter } from '../../src/renderers/epub/zip.js'
import { chapter, metadata, p } from './helpers.js'

const DATE = new Date(Date.UTC(2024, 4, 1, 12, 30, 45))

/**
 * Documents of many sizes, each long enough to go to a thread (4 KB or more), a few too random
 * to be worth deflating (stored).
 */
function documents(n: number): Array<[string, string]> {
  let x = 7
  const random = (k: number) =>
    Array.from({ length: k }, () => {
      x = (x * 1_103_515_245 + 12_345) >>> 0
      return String.fromCharCode(0x21 + (x >>> 25))
    }).join('')
  return Array.from({ length: n }, (_, i) => [
    `OEBPS/text/d${i}.xhtml`,
    i % 10 === 3
      ? random(4_096 + i)
      : `<p>${'The lamp room, the salt, the long beam. '.repeat(103 + ((i * 37) % 300))}</p>`,
  ])
}

/** `documents(n)` as their UTF-8 bytes. */
function encoded(n: number): Uint8Array[] {
  return documents(n).map(([, text]) => new TextEncoder().encode(text))
}

/** Raw deflate at level 6, as the writer asks of a thread. */
function deflated(bytes: Uint8Array): Buffer {
  return Buffer.from(deflateSync(bytes, { level: 6 }))
}

/**
 * A fresh copy of the Node threads module (its thread not started by the tests before); with
 * `started`, its thread started and given time to answer its first job, as while a render reads
 * its images.
 */
async function freshThreads(started: boolean): Promise<typeof import('../../src/platform/threads.js')> {
  vi.resetModules()
  const fresh = await import('../../src/platform/threads.js')
  if (started) {
    fresh.nodeThreads.start!()
    await new Promise((resolve) => setTimeout(resolve, 3_000))
  }
  return fresh
}

/** A `Threads` that deflates here, counting what waits: the window the writer keeps. */
function counting(): {
  threads: Threads
  most: () => number
  calls: () => number
  /** Jobs given before `start` was called (Infinity: never called). */
  startedAfter: () => number
} {
  let waiting = 0
  let most = 0
  let calls = 0
  let startedAfter = Number.POSITIVE_INFINITY
  return {
    threads: {
      start() {
        startedAfter = Math.min(startedAfter, calls)
      },
      deflate(bytes, level, raw) {
        expect(raw).toBe(true)
        calls++
        most = Math.max(most, ++waiting)
        const out = deflateSync(bytes, { level: level as 6 })
        return () => {
          waiting--
          return out
        }
      },
    },
    most: () => most,
    calls: () => calls,
    startedAfter: () => startedAfter,
  }
}

function archive(writer: ZipWriter, docs: Array<[string, string]>): Buffer {
  return Buffer.from(
    writer.finish(
      docs.map(([path, text]) => writer.text(path, text)),
      DATE,
    ),
  )
}

describe('ZipWriter on another thread', () => {
  it('writes the bytes of the one-thread writer, on the Node thread too', () => {
    const docs = documents(120)
    const here = archive(new ZipWriter(6), docs)
    const before = threadStats.worker + threadStats.here
    const node = new ZipWriter(6, undefined, nodeThreads)
    expect(archive(node, docs).equals(here)).toBe(true)
    // Every document is deflated once: handed to the thread (which did it, or gave it back to
    // this one), or deflated here at once while the thread's queue was long (timing decides).
    expect(node.shared.thread + node.shared.here).toBe(120)
    expect(threadStats.worker + threadStats.here - before).toBe(node.shared.thread)
    const fake = counting()
    const writer = new ZipWriter(6, undefined, fake.threads)
    expect(archive(writer, docs).equals(here)).toBe(true)
    expect(fake.calls()).toBe(writer.shared.thread)
    expect(writer.shared.thread + writer.shared.here).toBe(120)
    // At most a window of documents waits on the thread, whatever the book's length.
    expect(fake.most()).toBeLessThanOrEqual(17)
  })

  /**
   * The archive written with a simulated thread that deflates `pace(k)` bytes while the writer is
   * handed document `k`, in order; a result is ready once its whole document is done. Each hand-
   * over records what the thread still had to give back then.
   */
  function simulated(pace: (k: number) => number) {
    const docs = documents(120)
    const queue: Array<{ left: number }> = []
    const backlog: number[] = []
    const jobs: number[] = []
    let k = 0
    let waits = 0
    const threads: Threads = {
      deflate(bytes, level) {
        backlog.push(queue.reduce((sum, job) => sum + job.left, 0))
        jobs.push(k)
        const job = { left: bytes.length }
        queue.push(job)
        const out = deflateSync(bytes, { level: level as 6 })
        // Waited for: the thread has done it, and what came before it.
        const result = () => {
          if (job.left > 0) waits++
          for (const earlier of queue.slice(0, queue.indexOf(job) + 1)) earlier.left = 0
          return out
        }
        result.ready = () => job.left === 0
        // Taken back: the thread skips it.
        result.here = () => {
          job.left = 0
          return out
        }
        return result
      },
    }
    const writer = new ZipWriter(6, undefined, threads)
    const parts = docs.map(([path, text], i) => {
      k = i
      let work = pace(i)
      for (const job of queue) {
        const done = Math.min(work, job.left)
        job.left -= done
        work -= done
      }
      for (let j = queue.length - 1; j >= 0; j--) if (queue[j]!.left === 0) queue.splice(j, 1)
      return writer.text(path, text)
    })
    const bytes = Buffer.from(writer.finish(parts, DATE))
    return { bytes, here: archive(new ZipWriter(6), docs), writer, backlog, jobs, waits }
  }

  it('hands every document to a thread that keeps up with the rendering', () => {
    // The thread deflates more while a document is rendered than any of these documents holds.
    const { bytes, here, writer } = simulated(() => 1 << 20)
    expect(bytes.equals(here)).toBe(true)
    expect(writer.shared).toEqual({ thread: 120, here: 0 })
  })

  it('deflates here too when rendering is quicker than the thread deflates', () => {
    // The thread does 3 KB while a document of 4 to 16 KB is rendered: it gets a lead's worth,
    // the rest is deflated here, and neither waits for the other; the bytes are the same.
    const { bytes, here, writer, backlog, waits } = simulated(() => 3 << 10)
    expect(bytes.equals(here)).toBe(true)
    // Deflated here: those kept here, and those taken back from the thread (`reclaimed`).
    const there = writer.shared.thread - writer.reclaimed
    expect(there).toBeGreaterThan(10)
    expect(writer.shared.here + writer.reclaimed).toBeGreaterThan(there)
    // Waited for only at the end, the last documents still on the thread.
    expect(waits).toBeLessThanOrEqual(3)
    // A document goes over only while the thread's work still to do is within the lead.
    for (const queued of backlog) expect(queued).toBeLessThanOrEqual(128 << 10)
  })

  it('gives a thread slow to start work again as soon as it catches up', () => {
    // No progress while the first 30 documents are rendered (the thread is starting, or starved
    // of a core), then quick: every document after it has caught up goes to it.
    const { bytes, here, writer, jobs } = simulated((i) => (i < 30 ? 0 : 1 << 20))
    expect(bytes.equals(here)).toBe(true)
    expect(writer.shared.here).toBeGreaterThan(0)
    for (let i = 31; i < 120; i++) expect(jobs, `document ${i}`).toContain(i)
  })

  it('deflates the newest documents queued on the thread here while it is still on the oldest', () => {
    // A thread that never has a result ready: this one takes the newest documents back instead
    // of waiting for the oldest, and each document is still deflated once, to the same bytes.
    const docs = documents(120)
    let waited = 0
    let reclaimed = 0
    const threads: Threads = {
      deflate(bytes, level) {
        let taken = false
        const once = () => {
          expect(taken).toBe(false)
          taken = true
          return deflateSync(bytes, { level: level as 6 })
        }
        const result = () => {
          waited++
          return once()
        }
        result.ready = () => false
        result.here = () => {
          reclaimed++
          return once()
        }
        return result
      },
    }
    const writer = new ZipWriter(6, undefined, threads)
    const parts = docs.map(([path, text]) => writer.text(path, text))
    expect(Buffer.from(writer.finish(parts, DATE)).equals(archive(new ZipWriter(6), docs))).toBe(true)
    expect(reclaimed).toBeGreaterThan(0)
    expect(writer.reclaimed).toBe(reclaimed)
    expect(waited + reclaimed).toBe(writer.shared.thread)
    // Only the oldest is waited for: a window's worth of newer ones are taken back each time.
    expect(reclaimed).toBeGreaterThan(waited * 10)
  })

  it('deflates short documents here: the thread would spend more on each than deflating it', () => {
    const docs = documents(40).map(([path, text]): [string, string] => [path, text.slice(0, 2_000)])
    const fake = counting()
    const writer = new ZipWriter(6, undefined, fake.threads)
    expect(archive(writer, docs).equals(archive(new ZipWriter(6), docs))).toBe(true)
    expect(fake.calls()).toBe(0)
    expect(writer.shared).toEqual({ thread: 0, here: 40 })
  })

  it('deflates here at level 0', () => {
    const docs = documents(40)
    const fake = counting()
    const here = archive(new ZipWriter(0), docs)
    expect(archive(new ZipWriter(0, undefined, fake.threads), docs).equals(here)).toBe(true)
    expect(fake.calls()).toBe(0)
  })

  it('with a memo (watch mode), hands the thread only documents the last build did not deflate, and keeps its results', () => {
    const docs = documents(40)
    const here = archive(new ZipWriter(6), docs)
    const memo = new Map<string, unknown>()
    const kept = () => [...memo.keys()].filter((key) => key.startsWith('zip:')).length
    // The first build of a watch session: every document goes to the thread, as without a memo,
    // and what it gives back is kept (the four random ones too: stored, but known).
    const first = counting()
    const one = new ZipWriter(6, memo, first.threads)
    expect(archive(one, docs).equals(here)).toBe(true)
    expect(first.calls()).toBe(40)
    expect(one.shared).toEqual({ thread: 40, here: 0 })
    expect(kept()).toBe(40)
    // Unchanged: nothing is deflated, anywhere, and the archive is the same.
    const second = counting()
    const two = new ZipWriter(6, memo, second.threads)
    expect(archive(two, docs).equals(here)).toBe(true)
    expect(second.calls()).toBe(0)
    expect(two.shared).toEqual({ thread: 0, here: 0 })
    // One document edited: it alone goes to the thread; the old one is forgotten.
    const edited = docs.map(([path, text], i): [string, string] => [
      path,
      i === 7 ? `${text}<p>And one more.</p>` : text,
    ])
    const third = counting()
    const three = new ZipWriter(6, memo, third.threads)
    expect(archive(three, edited).equals(archive(new ZipWriter(6), edited))).toBe(true)
    expect(third.calls()).toBe(1)
    expect(kept()).toBe(40)
    // What the thread deflated was kept: a writer with no thread finds every document.
    const fourth = counting()
    const four = new ZipWriter(6, memo)
    expect(archive(four, edited).equals(archive(new ZipWriter(6), edited))).toBe(true)
    expect(four.shared).toEqual({ thread: 0, here: 0 })
    expect(kept()).toBe(40)
    expect(fourth.calls()).toBe(0)
  })

  it('with a memo, a document taken back from the thread (`here`) is kept as well', () => {
    const docs = documents(40)
    const memo = new Map<string, unknown>()
    // A thread that never finishes anything on its own: every document but the oldest is taken
    // back and deflated here (`reclaimed`).
    let calls = 0
    const stuck: Threads = {
      deflate(bytes, level) {
        calls++
        const out = () => deflateSync(bytes, { level: level as 6 })
        const result = out as ReturnType<Threads['deflate']>
        result.ready = () => false
        result.here = out
        return result
      },
    }
    const writer = new ZipWriter(6, memo, stuck)
    expect(archive(writer, docs).equals(archive(new ZipWriter(6), docs))).toBe(true)
    expect(writer.reclaimed).toBeGreaterThan(0)
    const again = counting()
    expect(archive(new ZipWriter(6, memo, again.threads), docs).equals(archive(new ZipWriter(6), docs))).toBe(
      true,
    )
    expect(again.calls()).toBe(0)
    expect(calls).toBeGreaterThan(0)
  })
})

describe('the EPUB renderer', () => {
  async function render(chapters: number, threads: Threads | undefined, memo?: Map<string, unknown>) {
    const tree = {
      type: 'root' as const,
      metadata: metadata(),
      children: Array.from({ length: chapters }, (_, i) =>
        chapter(i + 1, [p(`Chapter ${i + 1}: `, 'The wind came round to the north-east. '.repeat(120))]),
      ),
    }
    const env = {
      ...createMemoryEnv({}, { date: DATE, file: new SourceFile(''), ...(memo ? { memo } : {}) }),
      ...(threads ? { threads } : {}),
    }
    return Buffer.from(await epubRenderer.render(tree, { generateCover: false }, env))
  }

  it('in watch mode, hands the thread a long book’s documents once: the next build finds them all', async () => {
    const memo = new Map<string, unknown>()
    const first = counting()
    const here = await render(40, undefined)
    expect((await render(40, first.threads, memo)).equals(here)).toBe(true)
    expect(first.calls()).toBeGreaterThanOrEqual(40)
    const again = counting()
    expect((await render(40, again.threads, memo)).equals(here)).toBe(true)
    expect(again.calls()).toBe(0)
  })

  it('hands a long book to the thread, the same bytes, and keeps a short one here', async () => {
    const long = counting()
    expect((await render(40, long.threads)).equals(await render(40, undefined))).toBe(true)
    expect(long.calls()).toBeGreaterThanOrEqual(40)
    // Started as the render starts, before its first document: not when that one comes.
    expect(long.startedAfter()).toBe(0)
    const short = counting()
    expect((await render(5, short.threads)).equals(await render(5, undefined))).toBe(true)
    expect(short.calls()).toBe(0)
    expect(short.startedAfter()).toBe(Number.POSITIVE_INFINITY)
  })

  it('on the Node thread started ahead, every document goes to the thread, none done here', async () => {
    const fresh = await freshThreads(true)
    const docs = encoded(40)
    const pending = docs.map((bytes) => fresh.nodeThreads.deflate(bytes, 6, true))
    // Time for the results (a busy machine must not make the count below miss).
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    docs.forEach((bytes, i) => {
      expect(Buffer.from(pending[i]!()).equals(deflated(bytes))).toBe(true)
    })
    // Started on the first job instead, the thread would get the first few only, until it answers.
    expect(fresh.threadStats).toEqual({ worker: 40, here: 0, skipped: 0 })
  }, 20_000)

  it('on the Node thread, documents done here while it was behind are skipped there', async () => {
    const fresh = await freshThreads(false)
    const docs = encoded(40)
    // Each taken at once, before the thread has started: done here, the first 8 sent to it too.
    for (const bytes of docs) fresh.nodeThreads.deflate(bytes, 6, true)()
    expect(fresh.threadStats).toEqual({ worker: 0, here: 40, skipped: 0 })
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    // The thread, once running, skipped those 8 instead of deflating them for nothing.
    const last = fresh.nodeThreads.deflate(docs[0]!, 6, true)
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(Buffer.from(last()).equals(deflated(docs[0]!))).toBe(true)
    expect(fresh.threadStats).toEqual({ worker: 1, here: 40, skipped: 8 })
  }, 20_000)

  it('on the Node thread, a document taken back (`here`) is deflated here, to the same bytes, and skipped there', async () => {
    const fresh = await freshThreads(true)
    const docs = encoded(40)
    const pending = docs.map((bytes) => fresh.nodeThreads.deflate(bytes, 6, true))
    // The newest, taken back at once: the thread is still on the first ones.
    expect(Buffer.from(pending[39]!.here!()).equals(deflated(docs[39]!))).toBe(true)
    expect(() => pending[39]!()).toThrow(/taken twice/)
    pending.slice(0, 39).forEach((take, i) => {
      expect(Buffer.from(take()).equals(deflated(docs[i]!))).toBe(true)
    })
    // A last job, taken once the thread has answered everything before it.
    const last = fresh.nodeThreads.deflate(docs[0]!, 6, true)
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(Buffer.from(last()).equals(deflated(docs[0]!))).toBe(true)
    // Every job taken once; the one taken back (and any the thread was too slow for) skipped there.
    const { worker, here, skipped } = fresh.threadStats
    expect(worker + here).toBe(41)
    expect(here).toBeGreaterThanOrEqual(1)
    expect(skipped).toBeGreaterThanOrEqual(1)
  }, 20_000)
})

describe('the thread started while the book loads', () => {
  /** A folder of `n` one-chapter files. */
  function folder(n: number): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-zip-ahead-'))
    for (let i = 1; i <= n; i++)
      writeFileSync(
        path.join(dir, `chapter-${i}.txt`),
        `Chapter ${i}\n\nThe lamp room, the salt, the beam.\n`,
      )
    return dir
  }
  const metadata = { title: 'Ahead', authors: [{ name: 'A. Writer' }] }

  it('loadBook starts it for an EPUB of 32 chapter files or more, before reading them; the same bytes', async () => {
    const start = vi.spyOn(nodeThreads, 'start')
    try {
      for (const [n, started] of [
        [32, 1],
        [31, 0],
      ] as const) {
        start.mockClear()
        const dir = folder(n)
        let read = -1
        const { book } = await loadBook(dir, {
          metadata,
          formats: ['epub'],
          onProgress: (p) => {
            // Started before the first chapter was read.
            if (read < 0 && p.stage === 'read') read = start.mock.calls.length
          },
        })
        expect(start.mock.calls.length, `${n} files`).toBe(started)
        if (started) expect(read).toBe(1)
        const told = Buffer.from(await renderBook(book!, 'epub'))
        const { book: again } = await loadBook(dir, { metadata })
        expect(told.equals(Buffer.from(await renderBook(again!, 'epub')))).toBe(true)
      }
    } finally {
      start.mockRestore()
    }
  }, 60_000)
})
