#!/usr/bin/env node
// Watch-mode rebuilds. By default through the core's API, as `octavo build --watch` calls it: a
// 1,000-chapter book is built once with a cache, then one chapter is edited and the EPUB rebuilt.
// Prints the cold build and the incremental rebuilds. Target (issue 5): a one-chapter change
// rebuilds the EPUB in under 300 ms.
//
// With --pdf or --epub, the command itself, end to end: `octavo build --watch -f pdf --trim
// 6x9in` on a copy of War and Peace (Markdown), or `-f epub` on a copy of the serial, one chapter
// edited at a time; each rebuild's time is the one the command prints ("rebuilt in N ms"), and
// the wall time from the edit to that line is printed beside it (it adds the watcher's 80 ms wait
// for more changes). A fresh build of the edited book (the command without --watch) is timed
// after, for comparison. With --pdf, Typst beside it when installed (bench/typst.mjs --watch:
// its compiler kept between builds, as `typst watch` keeps it, given the same edits in the same
// order, the book converted to Typst markup as bench/cli.mjs converts it).
//
//   node bench/watch.mjs [DIR]         (DIR: a folder of chapters; default a copy of the serial)
//   node bench/watch.mjs --pdf|--epub [DIR] [--cli PATH]
//                                      (DIR: default ../shared/corpus/war-and-peace/md for a PDF,
//                                      the serial for an EPUB; --cli: another build of the
//                                      command, an older checkout's, to compare)
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const SHARED = process.env.OCTAVO_SHARED ?? path.join(here, '../../shared')
if (process.argv[2] === '--pdf' || process.argv[2] === '--epub') {
  const rest = process.argv.slice(3)
  const at = rest.indexOf('--cli')
  const cli = at >= 0 ? path.resolve(rest.splice(at, 2)[1]) : path.join(here, '../packages/cli/dist/cli.js')
  await watchCommand(process.argv[2].slice(2), rest[0], cli)
  process.exit(0)
}
const dist = process.env.OCTAVO_DIST ?? path.join(here, '../packages/core/dist')
const { loadBook, render, createBookCache } = await import(pathToFileURL(path.join(dist, 'index.js')).href)

const source = process.argv[2] ?? serialChapters(SHARED)
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

/** `--pdf`, `--epub`: the command in watch mode, a chapter edited at a time, against a fresh build. */
async function watchCommand(format, given, cli) {
  const source =
    given ?? (format === 'pdf' ? path.join(SHARED, 'corpus/war-and-peace/md') : serialChapters(SHARED))
  const work = mkdtempSync(path.join(tmpdir(), `octavo-watch-${format}-`))
  const book = path.join(work, 'book')
  const out = path.join(work, 'out')
  cpSync(source, book, { recursive: true })
  const chapters = readdirSync(book)
    .filter((f) => /\.(md|txt)$/.test(f))
    .sort()
  const trim = format === 'pdf' ? ['--trim', '6x9in'] : []
  const args = ['build', book, '-f', format, ...trim, '--title', 'Watch', '--author', 'Bench']
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' }
  const child = spawn(process.execPath, [cli, ...args, '-o', out, '--watch'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // What the command says, line by line (progress lines end in a carriage return), kept until
  // read: files written on stdout, the rest on stderr.
  const lines = []
  let wake = () => {}
  let stopped = false
  for (const stream of [child.stdout, child.stderr]) {
    let pending = ''
    stream.on('data', (data) => {
      pending += data.toString()
      const parts = pending.split(/[\r\n]/)
      pending = parts.pop()
      lines.push(...parts)
      wake()
    })
  }
  child.once('exit', () => {
    stopped = true
    wake()
  })
  /** The next line matching `re`, skipping others; a failed rebuild or a stop throws. */
  const lineMatching = async (re) => {
    while (true) {
      while (lines.length > 0) {
        const line = lines.shift()
        if (/rebuild failed|error/.test(line)) throw new Error(line)
        if (re.test(line)) return line
      }
      if (stopped) throw new Error('the command stopped')
      await new Promise((resolve) => (wake = resolve))
    }
  }
  try {
    const t0 = performance.now()
    const firstWrite = await lineMatching(/^wrote /)
    await lineMatching(/^watching /)
    console.log(
      `first build (${chapters.length} chapters): ${Math.round(performance.now() - t0)} ms (${firstWrite.trim()})`,
    )
    const rebuilds = []
    const edits = []
    for (let i = 0; i < 5; i++) {
      const name = chapters[(i * 97 + 11) % chapters.length]
      const file = path.join(book, name)
      const done = lineMatching(/^rebuilt in \d+ ms/)
      const t = performance.now()
      const added = `\n\n"One more line," she said--edit ${i}...\n`
      edits.push([name, added])
      writeFileSync(file, `${readFileSync(file, 'utf8')}${added}`)
      const line = await done
      const ms = Number(/(\d+) ms/.exec(line)[1])
      rebuilds.push(ms)
      console.log(`edit ${name}: rebuilt in ${ms} ms (${Math.round(performance.now() - t)} ms from the edit)`)
    }
    child.kill()
    const fresh = []
    for (let i = 0; i < 3; i++) {
      const t = performance.now()
      const run = spawnSync(process.execPath, [cli, ...args, '-o', path.join(work, 'fresh'), '-q'], { env })
      if (run.status !== 0) throw new Error(`a fresh build failed: ${run.stderr}`)
      fresh.push(performance.now() - t)
    }
    const median = (list) => list.slice().sort((a, b) => a - b)[Math.floor(list.length / 2)]
    const typst = format === 'pdf' ? typstWatch(source, edits, work) : undefined
    if (typst) {
      console.log(
        `typst, its compiler kept: first build ${typst.firstMs} ms; the same edits rebuilt in ${typst.rebuildsMs.join(', ')} ms`,
      )
    }
    console.log(
      JSON.stringify({
        chapters: chapters.length,
        medianRebuildMs: Math.round(median(rebuilds)),
        medianFreshBuildMs: Math.round(median(fresh)),
        ...(typst ? { typstFirstMs: typst.firstMs, typstMedianRebuildMs: median(typst.rebuildsMs) } : {}),
      }),
    )
  } finally {
    child.kill()
    rmSync(work, { recursive: true, force: true })
  }
}

/**
 * Typst's watch mode on the book's original chapters and the same edits (bench/typst.mjs
 * --watch), or undefined when its compiler is not installed.
 */
function typstWatch(source, edits, work) {
  try {
    import.meta.resolve('@myriaddreamin/typst-ts-node-compiler')
  } catch {
    console.log('typst: not installed (npm package @myriaddreamin/typst-ts-node-compiler), no peer')
    return undefined
  }
  const list = path.join(work, 'edits.json')
  writeFileSync(list, JSON.stringify(edits))
  const run = spawnSync(process.execPath, [path.join(here, 'typst.mjs'), '--watch', source, list], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  })
  if (run.status !== 0) throw new Error(`typst failed: ${run.stderr}`)
  return JSON.parse(run.stdout.trim().split('\n').at(-1))
}

/** The synthetic serial's chapters, generated into /tmp the first time. */
function serialChapters(shared) {
  const folder = '/tmp/octavo-serial/txt'
  if (!existsSync(folder)) {
    execFileSync(process.execPath, [
      path.join(shared, 'tools/gen-serial.mjs'),
      '--out',
      '/tmp/octavo-serial',
      '--quiet',
    ])
  }
  return folder
}
