#!/usr/bin/env node
// Markdown reader benchmark: Markdown → manuscript tree with the built reader, in MB/s, for War
// and Peace's chapters (one by one, and concatenated into one file) and for the shapes that made
// the old parser quadratic; beside it, micromark's own parse (mdast-util-from-markdown, what the
// reader used before and still uses for the files the fast parser declines) and pandoc's reading
// time (`pandoc -f markdown -t json`, when pandoc is installed) in the same run. Times are the
// median of the runs. pandoc writes JSON, its AST as it is: its `native` writer pretty-prints,
// superlinearly (2.9 s against 1.0 s for 400 KB of War and Peace, and over 13 minutes for the
// whole book, where JSON takes seconds), which timed the printer, not the reader.
//
// Usage: node bench/markdown-reader.mjs [--runs N] [--corpus DIR]
//   --runs N: runs per figure (default 3). --corpus: a folder of .md chapters (default War and
//   Peace in $OCTAVO_SHARED or ../shared/corpus). Built code comes from $OCTAVO_DIST (default
//   ../packages/core/dist).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = path.resolve(here, process.env.OCTAVO_DIST ?? '../packages/core/dist')
const shared = process.env.OCTAVO_SHARED ?? path.resolve(here, '../../shared')
const args = process.argv.slice(2)
let runs = 3
let corpus = path.join(shared, 'corpus/war-and-peace/md')
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i])
  else if (args[i] === '--corpus') corpus = args[++i]
}
if (!fs.existsSync(corpus)) {
  console.error(`no corpus at ${corpus} (set OCTAVO_SHARED or pass --corpus)`)
  process.exit(2)
}

const { markdownReader } = await import(pathToFileURL(path.join(dist, 'readers/markdown.js')).href)
const { SourceFile } = await import(pathToFileURL(path.join(dist, 'diagnostics/file.js')).href)
const { parseFast } = await import(pathToFileURL(path.join(dist, 'readers/markdown/fast-blocks.js')).href)
const require = createRequire(path.resolve(here, '../packages/core/package.json'))
const { fromMarkdown } = await import(pathToFileURL(require.resolve('mdast-util-from-markdown')).href)
const { gfm } = await import(pathToFileURL(require.resolve('micromark-extension-gfm')).href)
const { gfmFromMarkdown } = await import(pathToFileURL(require.resolve('mdast-util-gfm')).href)
const mdOptions = { extensions: [gfm({ singleTilde: false })], mdastExtensions: [gfmFromMarkdown()] }

const names = fs
  .readdirSync(corpus)
  .filter((n) => n.endsWith('.md'))
  .sort()
const chapters = names.map((n) => fs.readFileSync(path.join(corpus, n), 'utf8'))
const whole = chapters.join('\n\n')
const bytes = (s) => Buffer.byteLength(s, 'utf8')

function median(f) {
  const times = []
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now()
    f()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[times.length >> 1]
}

function once(f) {
  const t0 = performance.now()
  f()
  return performance.now() - t0
}

const read = (text) => markdownReader.read(text, new SourceFile('bench.md'), { language: 'en' })
const pandocAvailable = spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status === 0
/**
 * pandoc's time, or a string saying it ran past PANDOC_LIMIT_MS: on the bracket shapes its parser
 * backtracks for tens of minutes (10,000 `[`: still parsing after 20 minutes).
 */
const PANDOC_LIMIT_MS = 60_000
function pandoc(text) {
  if (!pandocAvailable) return undefined
  const file = path.join(os.tmpdir(), `octavo-bench-${process.pid}.md`)
  fs.writeFileSync(file, text)
  try {
    let over = false
    const ms = median(() => {
      if (over) return
      const run = spawnSync('pandoc', ['-f', 'markdown', '-t', 'json', '-o', '/dev/null', file], {
        timeout: PANDOC_LIMIT_MS,
      })
      over = run.error?.code === 'ETIMEDOUT' || run.signal === 'SIGTERM'
    })
    return over ? `> ${PANDOC_LIMIT_MS / 1000} s` : ms
  } finally {
    fs.rmSync(file, { force: true })
  }
}

const header = ['input', 'size', 'reader', 'reader speed', 'parser', 'micromark alone', 'pandoc -t json']
const widths = [40, 8, 9, 13, 10, 16, 16]
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ')
/** Each row as soon as it is measured: the slow peers take a while. */
function report(cells) {
  console.log(line(cells))
}
console.log(line(header))
function measure(name, text, { micromark = true } = {}) {
  const size = bytes(text)
  const reader = median(() => read(text))
  const fastDeclined = parseFast(text) === undefined
  // micromark once: it is the slow side, and quadratic on the bracket and mark shapes (left out).
  const mm = micromark ? once(() => fromMarkdown(text, mdOptions)) : undefined
  const pd = pandoc(text)
  const mbps = (ms) => (ms === undefined ? '—' : `${(size / 1e6 / (ms / 1000)).toFixed(1)} MB/s`)
  report([
    name,
    `${(size / 1e6).toFixed(2)} MB`,
    `${reader.toFixed(0)} ms`,
    mbps(reader),
    fastDeclined ? 'micromark' : 'fast',
    mm === undefined ? '—' : `${mm.toFixed(0)} ms`,
    pd === undefined ? '—' : typeof pd === 'string' ? pd : `${pd.toFixed(0)} ms`,
  ])
}

// Warm up the code paths once.
read(chapters[0])

const chaptersTime = median(() => {
  for (const text of chapters) read(text)
})
const corpusBytes = chapters.reduce((n, s) => n + bytes(s), 0)
report([
  `War and Peace, ${chapters.length} chapters one by one`,
  `${(corpusBytes / 1e6).toFixed(2)} MB`,
  `${chaptersTime.toFixed(0)} ms`,
  `${(corpusBytes / 1e6 / (chaptersTime / 1000)).toFixed(1)} MB/s`,
  'fast',
  '',
  '',
])
measure('War and Peace, one file', whole)
const shapes = {
  '10,000 `*a` in a paragraph': `*a${'*a'.repeat(10_000)}\n`,
  '10,000 `[` in a paragraph': `${'['.repeat(10_000)}x\n`,
  '10,000 `[` then `]`': `${'['.repeat(10_000)}x${']'.repeat(10_000)}\n`,
  '10,000 backticks in a paragraph': `${'`a'.repeat(10_000)}\n`,
  '25,000 list items': '- item\n'.repeat(25_000),
  '50,000 short lines': 'a line\n'.repeat(50_000),
  '130,000 short paragraphs': 'a\n\n'.repeat(130_000),
}
for (const [name, text] of Object.entries(shapes))
  measure(name, text, { micromark: !name.includes('10,000') })

// Linear or not: the emphasis-mark shape at 10k, 20k and 40k pairs, with the fast parser's work
// counted (characters scanned plus delimiter-stack entries visited) beside the reader's time. A
// shape's first read in a process also pays for compiling the code it reaches.
console.log('\n`*a` pairs   parser steps   steps per pair   reader (median)   per pair')
for (const n of [10_000, 20_000, 40_000]) {
  const text = `*a${'*a'.repeat(n)}\n`
  const stats = { steps: 0, lines: 0 }
  parseFast(text, stats)
  const ms = median(() => read(text))
  console.log(
    `${String(n).padEnd(12)} ${String(stats.steps).padEnd(14)} ${(stats.steps / n).toFixed(2).padEnd(16)} ${`${ms.toFixed(1)} ms`.padEnd(17)} ${((ms * 1000) / n).toFixed(2)} µs`,
  )
}

console.log(
  `\nmedian of ${runs} runs; node ${process.version}; ${os.cpus().length} cores; load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}${pandocAvailable ? '' : '; pandoc not installed (apt-get install pandoc)'}`,
)
