#!/usr/bin/env node
// Watch-mode rebuild: a 1,000-chapter book is built once with a cache, then one chapter is
// edited and the EPUB rebuilt, as `octavo build --watch` does. Prints the cold build and the
// incremental rebuilds. Target (issue 5): a one-chapter change rebuilds the EPUB in under 300 ms.
//
//   node bench/watch.mjs [DIR]   (DIR: a folder of chapters; default a copy of the serial)
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = process.env.OCTAVO_DIST ?? path.join(here, '../packages/core/dist')
const { loadBook, render, createBookCache } = await import(pathToFileURL(path.join(dist, 'index.js')).href)

let source = process.argv[2]
if (!source) {
  source = '/tmp/octavo-serial/txt'
  if (!existsSync(source)) {
    execFileSync(process.execPath, [
      path.join(here, '../../shared/tools/gen-serial.mjs'),
      '--out',
      '/tmp/octavo-serial',
      '--quiet',
    ])
  }
}
const dir = mkdtempSync(path.join(tmpdir(), 'octavo-watch-'))
cpSync(source, dir, { recursive: true })
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
const metadata = { title: 'Watch', authors: [{ name: 'Bench' }] }
const cache = createBookCache()

async function build() {
  const t0 = performance.now()
  const { book } = await loadBook(dir, { metadata, cache, date: new Date(0) })
  const t1 = performance.now()
  const bytes = await render(book, 'epub')
  const t2 = performance.now()
  return { load: t1 - t0, render: t2 - t1, total: t2 - t0, bytes: bytes.byteLength }
}

const fmt = (r) =>
  `load ${Math.round(r.load)} ms + epub ${Math.round(r.render)} ms = ${Math.round(r.total)} ms`
console.log(`cold build (${files.length} chapters): ${fmt(await build())}`)
const rebuilds = []
for (let i = 0; i < 5; i++) {
  const name = files[(i * 197) % files.length]
  const file = path.join(dir, name)
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n"One more line," she said--edit ${i}...\n`)
  const r = await build()
  rebuilds.push(r.total)
  console.log(`edit ${name}: ${fmt(r)}`)
}
rebuilds.sort((a, b) => a - b)
console.log(
  JSON.stringify({
    chapters: files.length,
    medianRebuildMs: Math.round(rebuilds[2]),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
)
