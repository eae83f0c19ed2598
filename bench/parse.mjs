#!/usr/bin/env node
// Parse benchmark for the plain-text reader: read every chapter file of a folder with the built
// reader and print files, words, time, throughput and peak memory. Trees are kept alive until the
// end, as a real build keeps them, so the memory figure is honest.
//
// Usage: node bench/parse.mjs [folder] [--runs N]
//   folder: a folder of .txt chapter files, or a serial folder holding txt/ (default
//           /tmp/serial-text, made by `node /work/shared/tools/gen-serial.mjs --out /tmp/serial-text
//           --formats txt`). Built code comes from $OCTAVO_DIST (default ../packages/core/dist).
//   --runs N: parse the folder N times (default 3) and report each run and the best.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = path.resolve(here, process.env.OCTAVO_DIST ?? '../packages/core/dist')
// The reader and SourceFile modules directly, so the bench does not load the renderers.
const { textReader } = await import(pathToFileURL(path.join(dist, 'readers/text/index.js')).href)
const { SourceFile } = await import(pathToFileURL(path.join(dist, 'diagnostics/file.js')).href)

const args = process.argv.slice(2)
let folder = '/tmp/serial-text'
let runs = 3
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i])
  else folder = args[i]
}
if (fs.existsSync(path.join(folder, 'txt'))) folder = path.join(folder, 'txt')
if (!fs.existsSync(folder)) {
  console.error(`no folder ${folder}; make one with gen-serial.mjs --out /tmp/serial-text --formats txt`)
  process.exit(2)
}
const names = fs
  .readdirSync(folder)
  .filter((n) => /\.(txt|text)$/i.test(n))
  .sort()
const reader = textReader

let peakRss = process.memoryUsage.rss()
const sample = () => {
  const rss = process.memoryUsage.rss()
  if (rss > peakRss) peakRss = rss
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:['-][\p{L}\p{N}\p{M}]+)*/gu
function countWords(node) {
  let n = 0
  const stack = [node]
  while (stack.length) {
    const x = stack.pop()
    if (x.type === 'text') n += (x.value.match(WORD) || []).length
    if (x.children) stack.push(...x.children)
  }
  return n
}

const results = []
for (let run = 1; run <= runs; run++) {
  const t0 = performance.now()
  const inputs = names.map((n) => new Uint8Array(fs.readFileSync(path.join(folder, n))))
  const t1 = performance.now()
  const cpu0 = process.cpuUsage()
  const trees = []
  let diagnostics = 0
  for (let i = 0; i < inputs.length; i++) {
    const file = new SourceFile(names[i])
    trees.push(reader.read(inputs[i], file, { language: 'en' }))
    diagnostics += file.messages.filter((m) => m.level !== 'info').length
    if ((i & 31) === 0) sample()
  }
  const t2 = performance.now()
  const cpu = process.cpuUsage(cpu0)
  sample()
  const bytes = inputs.reduce((s, b) => s + b.length, 0)
  const words = trees.reduce((s, t) => s + t.children.reduce((a, c) => a + countWords(c), 0), 0)
  const parseMs = t2 - t1
  results.push({
    run,
    files: names.length,
    words,
    MB: +(bytes / 1e6).toFixed(2),
    readMs: +(t1 - t0).toFixed(0),
    parseMs: +parseMs.toFixed(0),
    // CPU time of the parse (all threads, GC included): steadier than wall time on a busy machine.
    parseCpuMs: +((cpu.user + cpu.system) / 1000).toFixed(0),
    totalMs: +(t2 - t0).toFixed(0),
    'MB/s': +(bytes / 1e6 / (parseMs / 1000)).toFixed(1),
    warnings: diagnostics,
  })
  trees.length = 0
}
console.table(results)
const best = results.reduce((a, b) => (b.totalMs < a.totalMs ? b : a))
console.log(
  JSON.stringify({
    folder,
    files: best.files,
    words: best.words,
    bestParseMs: best.parseMs,
    firstRunParseMs: results[0].parseMs,
    firstRunTotalMs: results[0].totalMs,
    bestTotalMs: best.totalMs,
    'MB/s': best['MB/s'],
    peakRssMB: +(peakRss / 1e6).toFixed(0),
    maxRssMB: +((process.resourceUsage().maxRSS * 1024) / 1e6).toFixed(0),
  }),
)
