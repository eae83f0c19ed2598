// Load test: compile many small, distinct books concurrently through the library API on a pool of
// worker threads, check every output, and report time, peak memory and file descriptors.
//
// Usage: node bench/load.mjs [--books 200] [--workers 3] [--pdf-every 10] [--json]
//   --books N       how many different books (default 200)
//   --workers N     pool size, 1-8 (default 3)
//   --pdf-every N   also render a PDF for every Nth book, 0 for none (default 10)
//   --json          print one JSON object instead of lines (the robustness test reads it)
// Imports built code from OCTAVO_DIST (default ../packages/core/dist): build first with
// `pnpm -C packages/core run build`. Exit code 1 when any book failed or descriptors leaked.
// Figures are rough: the machine is shared.
import { createHash } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
// A small deterministic PRNG (mulberry32), so book N is the same every run.
import { random as prng } from './books.mjs'

const here = path.dirname(new URL(import.meta.url).pathname)
const require = createRequire(path.join(here, '../packages/core/package.json'))

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : fallback
}

// ---------------------------------------------------------------- a book from a number

const WORDS = [
  'lantern',
  'harbour',
  'quill',
  'meadow',
  'ember',
  'cobalt',
  'thistle',
  'orchard',
  'vellum',
  'saffron',
  'gale',
  'ivy',
]

function bookInput(n) {
  const rnd = prng(n + 1)
  const word = () => WORDS[Math.floor(rnd() * WORDS.length)]
  const sentence = () => {
    const len = 6 + Math.floor(rnd() * 10)
    const s = Array.from({ length: len }, word).join(' ')
    return rnd() < 0.3
      ? `"${s[0].toUpperCase()}${s.slice(1)}," she said--and paused...`
      : `${s[0].toUpperCase()}${s.slice(1)}.`
  }
  const para = () => Array.from({ length: 3 + Math.floor(rnd() * 4) }, sentence).join(' ')
  const chapters = []
  const count = 2 + (n % 5)
  for (let c = 1; c <= count; c++) {
    const body = Array.from({ length: 4 + Math.floor(rnd() * 6) }, para)
    const marker = `Book${n}Chapter${c}`
    if (c % 3 === 1)
      chapters.push({ text: `Chapter ${c}: The ${word()}\n\n${marker} ${body.join('\n\n* * *\n\n')}\n` })
    else if (c % 3 === 2)
      chapters.push({ markdown: `# Chapter ${c}\n\n${marker} *${word()}* ${body.join('\n\n')}\n` })
    else
      chapters.push({
        html: `<h1>Chapter ${c}</h1><p>${marker} <em>${word()}</em></p>${body.map((p) => `<p>${p}</p>`).join('')}`,
      })
  }
  return {
    metadata: {
      title: `Load Test Book ${n}: The ${word()} & the ${word()}`,
      author: `Author ${n}`,
      language: ['en', 'en-GB', 'fr', 'de'][n % 4],
    },
    chapters,
  }
}

// ---------------------------------------------------------------- worker

async function workerMain() {
  const dist = workerData.dist
  const core = await import(pathToFileURL(path.join(dist, 'index.js')).href)
  const { unzipSync } = require('fflate')
  const { SaxesParser } = createRequire(path.join(here, '../package.json'))('saxes')
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const xmlError = (text) => {
    const parser = new SaxesParser({ xmlns: true })
    let first
    parser.on('error', (e) => {
      first ??= e.message
    })
    try {
      parser.write(text).close()
    } catch (e) {
      first ??= e.message
    }
    return first
  }
  parentPort.on('message', async ({ index, pdf }) => {
    const start = performance.now()
    const problems = []
    let epubSize = 0
    let pdfSize = 0
    let hash = ''
    try {
      const input = bookInput(index)
      const { book, diagnostics } = await core.createBook(input)
      if (!book) throw new Error(`no book: ${JSON.stringify(diagnostics)}`)
      const epub = await core.render(book, 'epub')
      epubSize = epub.length
      hash = createHash('sha256').update(epub).digest('hex')
      const entries = unzipSync(epub)
      let markers = 0
      for (const [name, bytes] of Object.entries(entries)) {
        if (!/\.(xhtml|opf|ncx|xml)$/.test(name)) continue
        const text = decoder.decode(bytes)
        const error = xmlError(text)
        if (error) problems.push(`${name}: ${error}`)
        markers += (text.match(new RegExp(`Book${index}Chapter\\d+`, 'g')) ?? []).length
      }
      if (markers < input.chapters.length)
        problems.push(`only ${markers} of ${input.chapters.length} chapter markers found`)
      if (pdf) {
        const bytes = await core.render(book, 'pdf')
        pdfSize = bytes.length
        const head = new TextDecoder().decode(bytes.subarray(0, 5))
        if (head !== '%PDF-') problems.push('PDF does not start with %PDF-')
      }
    } catch (error) {
      problems.push(`threw: ${error?.stack ?? error}`)
    }
    parentPort.postMessage({ index, problems, epubSize, pdfSize, hash, ms: performance.now() - start })
  })
  parentPort.postMessage({ ready: true })
}

// ---------------------------------------------------------------- main

function fdCount() {
  try {
    return readdirSync('/proc/self/fd').length
  } catch {
    return -1
  }
}

async function main() {
  const books = Number(arg('books', 200))
  const workers = Math.min(8, Math.max(1, Number(arg('workers', 3))))
  const pdfEvery = Number(arg('pdf-every', 10))
  const json = process.argv.includes('--json')
  const dist = path.resolve(here, process.env.OCTAVO_DIST ?? '../packages/core/dist')

  const fdBefore = fdCount()
  const rssBefore = process.resourceUsage().maxRSS
  const start = performance.now()
  const results = []
  let next = 0
  const pool = []
  await Promise.all(
    Array.from({ length: workers }, () => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { dist } })
      pool.push(worker)
      return new Promise((resolve, reject) => {
        const feed = () => {
          if (next >= books) return resolve()
          const index = next++
          worker.postMessage({ index, pdf: pdfEvery > 0 && index % pdfEvery === 0 })
        }
        worker.on('message', (message) => {
          if (!message.ready) results.push(message)
          feed()
        })
        worker.on('error', reject)
      })
    }),
  )
  const elapsed = performance.now() - start
  await Promise.all(pool.map((w) => w.terminate()))
  // Let closed handles settle before counting.
  await new Promise((r) => setTimeout(r, 200))
  const fdAfter = fdCount()
  const failed = results.filter((r) => r.problems.length > 0)
  const hashes = new Set(results.map((r) => r.hash))
  const report = {
    books,
    workers,
    pdfs: results.filter((r) => r.pdfSize > 0).length,
    ok: results.length - failed.length,
    failed: failed.slice(0, 5).map((r) => ({ index: r.index, problems: r.problems.slice(0, 3) })),
    failedCount: failed.length,
    distinctOutputs: hashes.size,
    seconds: Math.round(elapsed) / 1000,
    booksPerSecond: Math.round((books / elapsed) * 1e4) / 10,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    peakRssBeforeMb: Math.round(rssBefore / 1024),
    meanEpubKb: Math.round(results.reduce((n, r) => n + r.epubSize, 0) / Math.max(1, results.length) / 1024),
    fdBefore,
    fdAfter,
  }
  if (json) console.log(JSON.stringify(report))
  else {
    console.log(
      `${report.books} books on ${workers} workers (${report.pdfs} with a PDF): ${report.seconds} s, ${report.booksPerSecond} books/s`,
    )
    console.log(`ok ${report.ok}, failed ${report.failedCount}, distinct EPUBs ${report.distinctOutputs}`)
    console.log(
      `peak RSS ${report.peakRssMb} MB (before ${report.peakRssBeforeMb} MB); fds before ${fdBefore}, after ${fdAfter}`,
    )
    for (const f of report.failed) console.log(`  book ${f.index}: ${f.problems.join(' | ')}`)
  }
  if (failed.length || results.length !== books || (fdBefore >= 0 && fdAfter > fdBefore + 2))
    process.exitCode = 1
}

if (isMainThread) await main()
else await workerMain()
