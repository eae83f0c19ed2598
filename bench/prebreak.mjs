// The PDF's paragraphs broken ahead on a second thread (renderers/pdf/prebreak.ts), timed against
// the same render without it: a book loaded as the command loads it (loadBook, the Node env),
// then rendered to a 6x9 PDF in a fresh process each time, alternating the worker forced on
// (Threads.cores taken as 4, whatever the machine has) and off. Prints each run's wall time,
// the process's CPU, peak RSS, what the worker did, and whether the two PDFs are the same bytes.
// The render runs by default only on 4 cores or more: this tells whether it pays on a machine.
//
//   node bench/prebreak.mjs [DIR] [--runs 3]
//   DIR defaults to War and Peace's Markdown in the shared corpus.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpus } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = process.env.OCTAVO_DIST ?? path.join(here, '../packages/core/dist')
const SHARED = process.env.OCTAVO_SHARED ?? path.join(here, '../../shared')

if (process.argv[2] === '--child') {
  const [, , , dir, mode] = process.argv
  const { loadBook } = await import(pathToFileURL(path.join(dist, 'index.js')).href)
  const { renderPdf } = await import(pathToFileURL(path.join(dist, 'renderers/pdf/index.js')).href)
  const { nodeThreads } = await import(pathToFileURL(path.join(dist, 'platform/threads.js')).href)
  const { book } = await loadBook(dir, { metadata: { title: 'Benchmark' } })
  const env = { ...book.env, threads: { ...nodeThreads, cores: mode === 'on' ? 4 : 1 } }
  const hash = createHash('sha256')
  let report
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  for await (const chunk of renderPdf(book.tree, { trim: '6x9in' }, env, (r) => (report = r)))
    hash.update(chunk)
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  console.log(
    JSON.stringify({
      ms,
      cpu: (cpu.user + cpu.system) / 1000,
      rss: process.resourceUsage().maxRSS / 1024,
      sha: hash.digest('hex'),
      prebreak: report.prebreak,
    }),
  )
} else {
  const args = process.argv.slice(2)
  const runsAt = args.indexOf('--runs')
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3
  const dir =
    args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') ??
    path.join(SHARED, 'corpus/war-and-peace/md')
  console.log(`${dir}, ${cpus().length} cores: render wall, CPU of the process, peak RSS`)
  const seen = { on: [], off: [] }
  for (let r = 0; r < runs; r++) {
    for (const mode of ['on', 'off']) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dir, mode], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      })
      const figures = JSON.parse(out.trim().split('\n').pop())
      seen[mode].push(figures)
      const worker = figures.prebreak
        ? `worker set ${figures.prebreak.chapters} chapters, ${figures.prebreak.taken} layouts taken, ${figures.prebreak.waits} waits${figures.prebreak.gaveUp ? `, given up: ${figures.prebreak.gaveUp}` : ''}`
        : 'no worker'
      console.log(
        `${mode.padEnd(3)} ${(figures.ms / 1000).toFixed(2)} s  CPU ${(figures.cpu / 1000).toFixed(2)} s  ${figures.rss.toFixed(0)} MB  ${worker}`,
      )
    }
  }
  const median = (list) => list.map((f) => f.ms).sort((a, b) => a - b)[list.length >> 1] / 1000
  const same = new Set([...seen.on, ...seen.off].map((f) => f.sha)).size === 1
  console.log(
    `median: worker ${median(seen.on).toFixed(2)} s, none ${median(seen.off).toFixed(2)} s; the same bytes: ${same}`,
  )
}
