#!/usr/bin/env node
// End-to-end figures for a folder of chapters: load (read + parse + typography + numbering), then
// render each requested format. Prints wall time per phase and peak RSS. Run each format in its own
// process (the default) so one phase's memory does not hide another's.
//
//   node bench/pipeline.mjs [DIR] [--format epub|pdf|none] [--runs N]
//   DIR defaults to /tmp/octavo-serial/txt, generated with shared/tools/gen-serial.mjs if missing.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = process.env.OCTAVO_DIST ?? path.join(here, '../packages/core/dist')
const args = process.argv.slice(2)
const flag = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args.splice(i, 2)[1] : fallback
}
const format = flag('--format', 'epub')
const runs = Number(flag('--runs', '3'))
let dir = args[0]
if (!dir) {
  dir = '/tmp/octavo-serial/txt'
  if (!existsSync(dir)) {
    const gen = path.join(here, '../../shared/tools/gen-serial.mjs')
    execFileSync(process.execPath, [gen, '--out', '/tmp/octavo-serial', '--quiet'], { stdio: 'inherit' })
  }
}

const { loadBook, render, bookStats } = await import(pathToFileURL(path.join(dist, 'index.js')).href)
process.env.SOURCE_DATE_EPOCH ??= '1700000000'

const times = { load: [], render: [] }
let words = 0
let chapters = 0
let bytes = 0
for (let run = 0; run < runs; run++) {
  const t0 = performance.now()
  const { book, diagnostics } = await loadBook(dir, {
    metadata: { title: 'Benchmark', authors: [{ name: 'Bench' }] },
  })
  const t1 = performance.now()
  if (!book) throw new Error(diagnostics.map((d) => d.message).join('\n'))
  times.load.push(t1 - t0)
  if (run === 0) {
    const stats = bookStats(book)
    words = stats.words
    chapters = stats.chapters.length
  }
  if (format !== 'none') {
    // Timed from here: the word count above is reporting, not part of the build.
    const t2 = performance.now()
    const out = await render(book, format)
    times.render.push(performance.now() - t2)
    bytes = out.byteLength
  }
}
const best = (list) => (list.length ? `${Math.round(Math.min(...list))} ms` : '-')
const peak = process.resourceUsage().maxRSS / 1024
console.log(
  JSON.stringify({
    dir,
    chapters,
    words,
    format,
    runs,
    load: best(times.load),
    render: best(times.render),
    total: times.render.length
      ? `${Math.round(Math.min(...times.load.map((l, i) => l + times.render[i])))} ms`
      : best(times.load),
    outputBytes: bytes,
    peakRssMB: Math.round(peak),
  }),
)
