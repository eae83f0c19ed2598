#!/usr/bin/env node
// End-to-end figures for a folder of chapters: load (read + parse + typography + numbering), then
// render each requested format. Prints wall time per phase and peak RSS. Run each format in its own
// process (the default) so one phase's memory does not hide another's.
//
//   node bench/pipeline.mjs [DIR] [--format epub|pdf|none] [--runs N] [--stages]
//   DIR defaults to /tmp/octavo-serial/txt, generated with shared/tools/gen-serial.mjs if missing.
//
// --stages: instead, one build in a fresh process, the CLI's path (loadBook, render, write the
// file and sync it), with the time of each stage: read (chapter files), transform (parse,
// typography, numbering), then for the render a CPU profile of the main thread (node:inspector,
// 0.5 ms samples) whose samples are sorted by the code on their stack: compress (deflate, or
// waiting for the worker thread that deflates), break, hyphenate and measure (inside the line
// breaker: the layout), draw (the PDF writer and pdfkit), compose (the rest of the renderer:
// pages, blocks, footnotes), modules (code being loaded), gc; then write. Sampled figures are
// shares of the render's wall time, each +- a few samples; the profiler slows the render a
// little. renderCpu is the whole process's (worker threads included).
import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
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
const stages = args.includes('--stages')
if (stages) args.splice(args.indexOf('--stages'), 1)
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

if (stages) {
  // In a fresh process, as the CLI runs it: nothing loaded or learnt by an earlier run.
  await stageBreakdown()
  process.exit(0)
}

const times = { load: [], render: [] }
let words = 0
let chapters = 0
let bytes = 0
for (let run = 0; run < runs; run++) {
  const t0 = performance.now()
  const { book, diagnostics } = await loadBook(dir, {
    metadata: { title: 'Benchmark', authors: [{ name: 'Bench' }] },
    ...(format === 'none' ? {} : { formats: [format] }),
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

/** Which stage a profile sample belongs to, from its stack (leaf first). */
function stageOf(stack) {
  const leaf = stack[0]
  if (leaf.functionName === '(garbage collector)') return 'gc'
  if (leaf.functionName === '(program)' || leaf.functionName === '(idle)') return 'other'
  let layout = false
  let near
  for (const frame of stack) {
    const file = frame.url.slice(frame.url.lastIndexOf('/') + 1)
    if (frame.url.startsWith('node:internal/modules') || frame.functionName === 'compileSourceTextModule')
      return 'modules'
    // Deflating a stream or a document (fflate), or waiting for the worker thread that deflates
    // it (platform/threads).
    if (
      (file === 'document.js' && frame.functionName === 'deflate') ||
      file === 'threads.js' ||
      frame.url.includes('/fflate/')
    )
      return 'compress'
    if (!near) {
      if (file === 'hyphenate.js' || frame.url.includes('/hyphen/')) near = 'hyphenate'
      else if (file === 'measure.js' || file === 'measure-fontkit.js' || frame.url.includes('fontkit'))
        near = 'measure'
    }
    if (
      file === 'breaker.js' ||
      file === 'greedy.js' ||
      (file === 'break.js' && frame.url.includes('/layout/'))
    )
      layout = true
    if (file === 'draw.js' || frame.url.includes('/pdfkit/')) return layout ? (near ?? 'break') : 'draw'
  }
  return layout ? (near ?? 'break') : 'compose'
}

async function stageBreakdown() {
  const { Session } = await import('node:inspector/promises')
  const { open } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 500 })
  let readDone = 0
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const { book, diagnostics } = await loadBook(dir, {
    metadata: { title: 'Benchmark', authors: [{ name: 'Bench' }] },
    formats: [format === 'none' ? 'epub' : format],
    onProgress: (step) => {
      if (step.stage === 'read' && step.done === step.total) readDone = performance.now()
    },
  })
  if (!book) throw new Error(diagnostics.map((d) => d.message).join('\n'))
  const t1 = performance.now()
  await session.post('Profiler.start')
  const cpu1 = process.cpuUsage()
  const bytes = await render(book, format === 'none' ? 'epub' : format)
  const cpu2 = process.cpuUsage(cpu1)
  const t2 = performance.now()
  const { profile } = await session.post('Profiler.stop')
  const file = path.join(tmpdir(), `octavo-stages-${process.pid}.out`)
  const handle = await open(file, 'w')
  await handle.writeFile(bytes)
  await handle.sync()
  await handle.close()
  const t3 = performance.now()
  const cpuAll = process.cpuUsage(cpu0)
  session.disconnect()
  const { rmSync } = await import('node:fs')
  rmSync(file, { force: true })

  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const byNode = new Map()
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]
    byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  }
  const sampled = new Map()
  let total = 0
  for (const [id, us] of byNode) {
    const stack = []
    for (let x = id; x !== undefined; x = parent.get(x)) stack.push(nodes.get(x).callFrame)
    const stage = stageOf(stack)
    sampled.set(stage, (sampled.get(stage) ?? 0) + us / 1000)
    total += us / 1000
  }
  const ms = (v) => `${Math.round(v)} ms`
  const renderMs = t2 - t1
  const row = {
    read: ms(readDone - t0),
    transform: ms(t1 - readDone),
    render: ms(renderMs),
    renderCpu: ms((cpu2.user + cpu2.system) / 1000),
  }
  // Sampled times scaled to the render's wall time (the samples cover it, idle included).
  for (const stage of [
    'break',
    'hyphenate',
    'measure',
    'compose',
    'draw',
    'compress',
    'modules',
    'gc',
    'other',
  ])
    row[`  ${stage}`] =
      `${ms(((sampled.get(stage) ?? 0) / total) * renderMs)} ${((100 * (sampled.get(stage) ?? 0)) / total).toFixed(1).padStart(5)}%`
  row.write = ms(t3 - t2)
  row.total = ms(t3 - t0)
  row.cpu = ms((cpuAll.user + cpuAll.system) / 1000)
  writeFileSync(1, `stages (${format}, ${path.basename(path.dirname(dir))}/${path.basename(dir)}):\n`)
  for (const [k, v] of Object.entries(row)) writeFileSync(1, `  ${k.padEnd(12)} ${v.padStart(16)}\n`)
}
