/**
 * The Node env's `Threads` (`../env.ts`): one worker thread, started on first use, that runs the
 * fflate package the caller would (its path is handed over; fflate's builds share one deflate,
 * which is how a PDF made in Node equals one made in a browser), so what it returns is what the
 * caller would have computed. Results are taken synchronously: the worker posts each one on a
 * message port and bumps a shared counter; a caller that needs one before it is there waits on
 * the counter (`Atomics.wait`) and reads the port with `receiveMessageOnPort`, never through the
 * event loop. A result not there within `WAIT_MS` (the worker is starved of a core, or failed) is
 * computed on the caller's thread instead, and after `MAX_MISSES` such misses in a row the worker
 * is given up: slower, never different. A caller that can go on meanwhile asks first whether a
 * result is there (`ready`, which only reads the port): the PDF takes a page's stream only then.
 * Until the worker has answered once (it takes tens of ms to start) it is given `STARTING_JOBS`
 * jobs and never waited for; a render that knows it will use the thread starts it ahead
 * (`start`), and the answer to an empty first job says it runs.
 * Deflate serves the PDF's page streams (zlib) and the EPUB's documents (raw deflate, a zip
 * entry's body).
 * The worker is `unref`'d: it never keeps a finished process alive.
 *
 * The generated cover is rasterised on a worker of its own (`rasterizeCover`), started when the
 * EPUB renderer decides on the cover, or ahead while the book loads (`prepareCover`), and ended
 * with its answer, while the chapters are written.
 *
 * A spawned entry (`spawn`: the PDF's paragraphs broken ahead) runs the core's built module on a
 * worker of its own, which posts its answers on a port the caller reads synchronously.
 */
import { availableParallelism } from 'node:os'
import { pathToFileURL } from 'node:url'
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'
import { type DeflateOptions, deflateSync, zlibSync } from 'fflate'
import { rawDeflate, zlibDeflate } from '../deflate.js'
import type { CoverGuess, Deflating, ThreadChannel, ThreadEntry, Threads } from '../env.js'
import { coreRequire, coverRenderOptions } from './node.js'

/**
 * A module of the installed core's build, as a worker imports it (a bundle holding the core has
 * no file of its own for a module); undefined where there is none.
 */
const builtModule: (path: string) => string | undefined = (() => {
  let dist: string | undefined
  try {
    dist = pathToFileURL(
      coreRequire.resolve('@octavo/core/package.json').replace(/package\.json$/, 'dist/'),
    ).href
  } catch {}
  return (path) => (dist ? `${dist}${path}` : undefined)
})()

/**
 * The core's deflate module for the compression thread; where there is none, the worker keeps
 * fflate's own functions, which give the same bytes.
 */
const DEFLATE_MODULE = builtModule('deflate.js')

/**
 * The module of each thread entry (`Threads.spawn`). Without one, no thread is spawned and the
 * caller does the work itself.
 */
const ENTRY_MODULES: Record<ThreadEntry, string | undefined> = {
  'pdf-layout': builtModule('renderers/pdf/prebreak.js'),
}

/**
 * A spawned entry's worker: it imports the module and runs its `thread(data, post)`; a failure
 * is posted as `{ failed }`. The port is closed when the entry is done, after its last message.
 */
const ENTRY_WORKER = `
const { workerData } = require('node:worker_threads')
const { entry, data, port } = workerData
import(entry)
  .then((module) => module.thread(data, (message) => port.postMessage(message)))
  .catch((error) => port.postMessage({ failed: String((error && error.stack) || error) }))
  .finally(() => port.close())
`

/**
 * Longest wait for a result, ms: about what deflating a page's stream here costs. A result not
 * there by then is computed on the caller's thread instead.
 */
const WAIT_MS = 2
/**
 * A job this large is waited for up to one ms per `LARGE_JOB_BYTES_PER_MS` bytes (deflating runs
 * at some 35 MB/s: about twice the time it takes) rather than `WAIT_MS`, and even while the
 * worker starts.
 */
const LARGE_JOB = 1 << 20
const LARGE_JOB_BYTES_PER_MS = 16_384
/** Results missed in a row before the thread is given up for the rest of the process. */
const MAX_MISSES = 32
/**
 * Jobs handed to the worker before its first answer: a worker takes tens of ms to start (more on
 * a busy machine); until it answers, further jobs are done on the caller's thread at once, so a
 * worker that is slow to start is neither waited for nor sent work it would do for nothing.
 */
const STARTING_JOBS = 8

/** The worker's code: a script (no file to find beside the built or the source module). */
const WORKER = `
const { workerData } = require('node:worker_threads')
const { port, counter, fflate, deflate, cancelled } = workerData
let { zlibSync, deflateSync } = require(fflate)
// The core's deflate: fflate's bytes, on buffers kept between jobs (fflate's own allocate some
// 250 KB outside V8's heap a job, freed only when the collector runs). Jobs wait until it loads.
const ready = (deflate ? import(deflate) : Promise.reject()).then(
  (ours) => {
    if (typeof ours.zlibDeflate !== 'function') return
    const level = (f, g) => (bytes, { level }) => (level >= 1 && level <= 9 ? f(bytes, level) : g(bytes, { level }))
    zlibSync = level(ours.zlibDeflate, zlibSync)
    deflateSync = level(ours.rawDeflate, deflateSync)
  },
  () => {},
)
port.on('message', (job) => ready.then(() => run(job)))
function run({ id, bytes, level, raw }) {
  // Done on the caller's thread meanwhile: skipped, so a thread that fell behind catches up.
  if (Atomics.load(cancelled, id % cancelled.length) === id) {
    port.postMessage({ id })
    return
  }
  const out = (raw ? deflateSync : zlibSync)(bytes, { level })
  port.postMessage({ id, out }, [out.buffer])
  Atomics.add(counter, 0, 1)
  Atomics.notify(counter, 0)
}
`

/**
 * Slots of the jobs the caller did itself after all (slot `id % CANCEL_SLOTS` holds the id): the
 * worker skips them. More slots than jobs ever wait at once; a slot reused early only means a
 * job computed twice, as before.
 */
const CANCEL_SLOTS = 1024

interface Pool {
  port: MessagePort
  counter: Int32Array
  results: Map<number, Uint8Array>
  /** Jobs done on the caller's thread after all: their results are dropped as they come. */
  abandoned: Set<number>
  /** Shared with the worker: the abandoned jobs it has not started need not be done. */
  cancelled: Int32Array
  misses: number
  /** The worker has answered once: it is running. */
  answered: boolean
  /** Jobs handed to it. */
  sent: number
  broken: boolean
}

/**
 * Results the worker gave, jobs done on the caller's thread after all, and of those the ones the
 * worker then skipped (tests, benchmarks).
 */
export const threadStats = { worker: 0, here: 0, skipped: 0 }

let pool: Pool | undefined
let next = 0

function startPool(): Pool {
  const { port1, port2 } = new MessageChannel()
  const counter = new Int32Array(new SharedArrayBuffer(4))
  const started: Pool = {
    port: port1,
    counter,
    results: new Map(),
    abandoned: new Set(),
    cancelled: new Int32Array(new SharedArrayBuffer(4 * CANCEL_SLOTS)),
    misses: 0,
    answered: false,
    sent: 0,
    broken: false,
  }
  try {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        port: port2,
        counter,
        fflate: coreRequire.resolve('fflate'),
        deflate: DEFLATE_MODULE,
        cancelled: started.cancelled,
      },
      transferList: [port2],
    })
    worker.on('error', () => {
      started.broken = true
    })
    worker.unref()
    port1.unref()
    // A first job, whose result is dropped: its answer says the thread is running, so that the
    // documents of a render that started the thread early all go to it.
    const id = ++next
    started.abandoned.add(id)
    port1.postMessage({ id, bytes: new Uint8Array(0), level: 0, raw: true })
  } catch {
    started.broken = true
  }
  return started
}

/** Move every result the worker has posted into `results`. */
function drain(p: Pool): void {
  for (let m = receiveMessageOnPort(p.port); m; m = receiveMessageOnPort(p.port)) {
    p.answered = true
    const { id, out } = m.message as { id: number; out?: Uint8Array }
    if (!out) threadStats.skipped++
    if (!p.abandoned.delete(id) && out) p.results.set(id, out)
  }
}

/** What the worker computes, computed here. */
function compress(bytes: Uint8Array, level: number, raw: boolean): Uint8Array {
  if (level >= 1 && level <= 9) return raw ? rawDeflate(bytes, level) : zlibDeflate(bytes, level)
  return (raw ? deflateSync : zlibSync)(bytes, { level } as DeflateOptions)
}

/** The worker's result for job `id`, taken out of the pool, if it has come. */
function received(p: Pool, id: number): Uint8Array | undefined {
  drain(p)
  const out = p.results.get(id)
  if (out) {
    p.results.delete(id)
    threadStats.worker++
  }
  return out
}

function take(p: Pool, id: number, bytes: Uint8Array, level: number, raw: boolean): Uint8Array {
  // A large job (a figure's pixels) is waited for about as long as deflating it here would take:
  // the worker may be halfway through it, and done here it would be done twice (a 3000×2000
  // figure's 18 MB: half a second on each thread). The worker is waited for even as it starts.
  const large = bytes.length >= LARGE_JOB
  const until = large ? performance.now() + bytes.length / LARGE_JOB_BYTES_PER_MS : 0
  let waited = false
  for (;;) {
    const seen = Atomics.load(p.counter, 0)
    const out = received(p, id)
    if (out) {
      p.misses = 0
      return out
    }
    // Until the worker has answered once it is starting: no use waiting for it.
    const late = large ? performance.now() >= until : waited || !p.answered
    if (late || p.broken) {
      // Not there in time (a busy machine leaves the thread no core): done here, the same bytes.
      // A thread that keeps missing is given up.
      if (p.answered && ++p.misses >= MAX_MISSES) p.broken = true
      return doHere(p, id, bytes, level, raw)
    }
    Atomics.wait(p.counter, 0, seen, WAIT_MS)
    waited = true
  }
}

/** A job computed here after all: the thread skips it if it has not started it, or its copy is dropped when it comes. */
function doHere(p: Pool, id: number, bytes: Uint8Array, level: number, raw: boolean): Uint8Array {
  p.abandoned.add(id)
  Atomics.store(p.cancelled, id % CANCEL_SLOTS, id)
  threadStats.here++
  return compress(bytes, level, raw)
}

/**
 * The cover raster's worker: the native resvg the platform module uses (`node.ts`), handed the
 * same options (`coverRenderOptions`), so the PNG is the same; one short-lived worker a cover,
 * whose native pixels go with it. It loads resvg, then waits for its one SVG: so it can be
 * started ahead (`prepareCover`), while the book loads, and even handed a guess at the SVG then.
 */
const COVER_WORKER = `
const { workerData, parentPort } = require('node:worker_threads')
const { Resvg } = require(workerData.resvg)
parentPort.once('message', ({ svg, options }) => {
  const image = new Resvg(svg, options).render()
  const png = new Uint8Array(image.asPng())
  parentPort.postMessage(png, [png.buffer])
  parentPort.close()
})
`

/**
 * Covers rasterised on a worker, of those on one started ahead, and of those the one the worker
 * had drawn from a guess (tests, benchmarks).
 */
export const coverStats = { worker: 0, ahead: 0, guessed: 0 }

/** A cover worker started ahead and not used yet: it keeps no process alive (`unref`). */
let spare: Worker | undefined

/** A cover drawn ahead from a guess at its SVG (`prepareCover`), and its worker. */
let guessed: { svg: string; fonts: string; worker: Worker; answer: Promise<Uint8Array> } | undefined

function coverWorker(): Worker {
  const worker = new Worker(COVER_WORKER, {
    eval: true,
    workerData: { resvg: coreRequire.resolve('@resvg/resvg-js') },
  })
  // One that fails or ends before it is used is not used.
  const gone = () => {
    if (spare === worker) spare = undefined
  }
  worker.on('error', gone)
  worker.on('exit', gone)
  return worker
}

/** Hand a worker its SVG: the promise is its PNG, or rejects when it fails or ends without one. */
function draw(worker: Worker, svg: string, fontFiles: readonly string[]): Promise<Uint8Array> {
  const answer = new Promise<Uint8Array>((resolve, reject) => {
    worker.once('message', (png: Uint8Array) => resolve(png))
    worker.once('error', reject)
    worker.once('exit', () => reject(new Error('the cover worker ended without a cover')))
  })
  worker.postMessage({ svg, options: coverRenderOptions(fontFiles) })
  return answer
}

function prepareCover(guess?: CoverGuess): void {
  try {
    if (!spare) {
      spare = coverWorker()
      spare.unref()
    }
  } catch {
    return
  }
  if (!guess || guessed) return
  // The worker draws the guess now, while the book loads: a cover asked later with the same SVG
  // and faces is this one's PNG (`rasterizeOnWorker`), any other is drawn by a worker of its own.
  const worker = spare
  spare = undefined
  const answer = draw(worker, guess.svg, guess.fontFiles)
  // A guess never asked for is dropped, its failure with it.
  answer.catch(() => {})
  guessed = { svg: guess.svg, fonts: guess.fontFiles.join('\n'), worker, answer }
}

/**
 * Rasterise a cover on a worker of its own (the one started ahead, if any, or the one that drew
 * this very SVG from a guess); undefined when one cannot be started. The promise rejects when
 * the worker fails or ends without an answer (the caller then rasterises itself).
 */
function rasterizeOnWorker(svg: string, fontFiles: readonly string[]): Promise<Uint8Array> | undefined {
  const guess = guessed
  guessed = undefined
  if (guess?.svg === svg && guess.fonts === fontFiles.join('\n')) {
    guess.worker.ref()
    return guess.answer.then((png) => {
      coverStats.worker++
      coverStats.ahead++
      coverStats.guessed++
      return png
    })
  }
  // A wrong guess: its worker's work is not wanted.
  if (guess) void guess.worker.terminate()
  const ahead = spare !== undefined
  let worker: Worker
  try {
    worker = spare ?? coverWorker()
  } catch {
    return undefined
  }
  spare = undefined
  worker.ref()
  return draw(worker, svg, fontFiles).then((png) => {
    coverStats.worker++
    if (ahead) coverStats.ahead++
    return png
  })
}

/**
 * The process's Node options less its resolution conditions: the entry is the built module, and
 * a condition that sends the core's `#platform` to its TypeScript sources (the tests') would
 * send the worker's there too.
 */
function builtArgv(): string[] {
  const out: string[] = []
  const argv = process.execArgv
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--conditions' || arg === '-C') i++
    else if (!arg.startsWith('--conditions=') && !/^-C./.test(arg)) out.push(arg)
  }
  return out
}

function spawn(entry: ThreadEntry, data: unknown): ThreadChannel | undefined {
  const module = ENTRY_MODULES[entry]
  if (!module) return undefined
  let worker: Worker
  const { port1, port2 } = new MessageChannel()
  try {
    worker = new Worker(ENTRY_WORKER, {
      eval: true,
      execArgv: builtArgv(),
      workerData: { entry: module, data, port: port2 },
      transferList: [port2],
    })
  } catch {
    port1.close()
    return undefined
  }
  // A thread that fails says so on the port when it can; one that cannot is waited for no longer
  // than its caller's own limit.
  worker.on('error', () => {})
  worker.unref()
  port1.unref()
  return {
    receive: () => receiveMessageOnPort(port1)?.message,
    close() {
      port1.close()
      void worker.terminate()
    },
  }
}

/**
 * The process's one compression thread (see the module comment), a worker per cover, and one
 * per spawned entry.
 */
export const nodeThreads: Threads = {
  rasterizeCover: rasterizeOnWorker,
  prepareCover,
  spawn,
  cores: availableParallelism(),
  start() {
    pool ??= startPool()
  },
  deflate(bytes, level, raw = false) {
    pool ??= startPool()
    const p = pool
    drain(p)
    if (p.broken || (!p.answered && p.sent >= STARTING_JOBS)) {
      threadStats.here++
      const out = compress(bytes, level, raw)
      return () => out
    }
    p.sent++
    const id = ++next
    // Copied by the structured clone: the caller's buffer stays the caller's (and is the
    // fallback's input should the worker not answer).
    p.port.postMessage({ id, bytes, level, raw })
    let done = false
    const result: Deflating = () => {
      if (done) throw new Error('a deflate result was taken twice')
      done = true
      return take(p, id, bytes, level, raw)
    }
    // Ready when the worker has answered, or when it is given up (`take` then computes the
    // result here at once); never waits, so a caller with other work (the PDF's next page) asks
    // again later instead of waiting or computing it here.
    result.ready = () => {
      if (done || p.broken) return true
      drain(p)
      return p.results.has(id) || p.broken
    }
    result.here = () => {
      if (done) throw new Error('a deflate result was taken twice')
      done = true
      return received(p, id) ?? doHere(p, id, bytes, level, raw)
    }
    return result
  },
}
