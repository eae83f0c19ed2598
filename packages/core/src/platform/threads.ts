/**
 * The Node env's `Threads` (`../env.ts`): one worker thread, started on first use, that runs the
 * fflate package the caller would (its path is handed over; fflate's builds share one deflate,
 * which is how a PDF made in Node equals one made in a browser), so what it returns is what the
 * caller would have computed. Results are taken synchronously: the worker posts each one on a
 * message port and bumps a shared counter; a caller that needs one before it is there waits on
 * the counter (`Atomics.wait`) and reads the port with `receiveMessageOnPort`, never through the
 * event loop. A worker that does not answer (failed to start, killed) is given up for good after
 * `PATIENCE_MS` and the work is done on the caller's thread instead: slower, never different.
 * The worker is `unref`'d: it never keeps a finished process alive.
 */
import { createRequire } from 'node:module'
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'
import { type DeflateOptions, zlibSync } from 'fflate'
import type { Threads } from '../env.js'

/** Longest wait for one result before the worker is given up. */
const PATIENCE_MS = 10_000

/** The worker's code: a script (no file to find beside the built or the source module). */
const WORKER = `
const { workerData } = require('node:worker_threads')
const { port, counter, fflate } = workerData
const { zlibSync } = require(fflate)
port.on('message', ({ id, bytes, level }) => {
  const out = zlibSync(bytes, { level })
  port.postMessage({ id, out }, [out.buffer])
  Atomics.add(counter, 0, 1)
  Atomics.notify(counter, 0)
})
`

interface Pool {
  port: MessagePort
  counter: Int32Array
  results: Map<number, Uint8Array>
  broken: boolean
}

let pool: Pool | undefined
let next = 0

function start(): Pool {
  const { port1, port2 } = new MessageChannel()
  const counter = new Int32Array(new SharedArrayBuffer(4))
  const started: Pool = { port: port1, counter, results: new Map(), broken: false }
  try {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { port: port2, counter, fflate: createRequire(import.meta.url).resolve('fflate') },
      transferList: [port2],
    })
    worker.on('error', () => {
      started.broken = true
    })
    worker.unref()
    port1.unref()
  } catch {
    started.broken = true
  }
  return started
}

/** Move every result the worker has posted into `results`. */
function drain(p: Pool): void {
  for (let m = receiveMessageOnPort(p.port); m; m = receiveMessageOnPort(p.port)) {
    const { id, out } = m.message as { id: number; out: Uint8Array }
    p.results.set(id, out)
  }
}

function take(p: Pool, id: number, bytes: Uint8Array, level: number): Uint8Array {
  const deadline = performance.now() + PATIENCE_MS
  for (;;) {
    const seen = Atomics.load(p.counter, 0)
    drain(p)
    const out = p.results.get(id)
    if (out) {
      p.results.delete(id)
      return out
    }
    const left = deadline - performance.now()
    if (p.broken || left <= 0) {
      p.broken = true
      return zlibSync(bytes, { level } as DeflateOptions)
    }
    Atomics.wait(p.counter, 0, seen, left)
  }
}

/** The process's one compression thread (see the module comment). */
export const nodeThreads: Threads = {
  deflate(bytes, level) {
    pool ??= start()
    const p = pool
    if (p.broken) {
      const out = zlibSync(bytes, { level } as DeflateOptions)
      return () => out
    }
    const id = ++next
    // Copied by the structured clone: the caller's buffer stays the caller's (and is the
    // fallback's input should the worker not answer).
    p.port.postMessage({ id, bytes, level })
    let done = false
    return () => {
      if (done) throw new Error('a deflate result was taken twice')
      done = true
      return take(p, id, bytes, level)
    }
  },
}
