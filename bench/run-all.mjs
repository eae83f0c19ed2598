#!/usr/bin/env node
// Run every benchmark in turn and print their figures, each in its own process. First what users
// run, end to end (bench/cli.mjs, Octavo beside pandoc, pdflatex and Typst in the same run): its
// figures also rewrite the README's table between the `bench:cli` markers, peers beside each
// figure, with the date and the machine's load (so a figure from a busy machine says so).
//
//   node bench/run-all.mjs [--runs 3] [--no-readme] [--only-cli]
import { execFileSync, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const SHARED = process.env.OCTAVO_SHARED ?? new URL('../../shared', import.meta.url).pathname
const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const runsAt = args.indexOf('--runs')
const runs = runsAt >= 0 ? args[runsAt + 1] : '3'

/** What each job of bench/cli.mjs is, and issue 17's target for it. */
const JOBS = {
  version: { what: '`octavo --version`', ms: 150 },
  help: { what: '`octavo --help`', ms: 150 },
  'help-build': { what: '`octavo help build`', ms: 150 },
  complete: { what: 'a completion request', ms: 150 },
  'usage-error': { what: 'a usage error (`build --fromat epub`)', ms: 150 },
  'one-chapter': { what: 'a one-chapter book → EPUB', ms: 300 },
  'wp-md-epub': { what: 'War and Peace, Markdown → EPUB', ratio: ['pandoc', 20] },
  'wp-txt-epub': { what: 'War and Peace, plain text → EPUB' },
  'serial-epub': { what: 'the 2M-word serial, txt → EPUB', ms: 1000, mb: 250 },
  'wp-md-pdf': { what: 'War and Peace, Markdown → 6x9 PDF', ms: 3000, mb: 500, ratio: ['typst', 3] },
  'wp-txt-pdf': { what: 'War and Peace, plain text → 6x9 PDF', ratio: ['pdflatex', 8] },
  'ti-md-pdf': { what: 'Treasure Island, Markdown → 6x9 PDF' },
  'one-chapter-pdf': { what: 'a one-chapter book → 6x9 PDF' },
  'wp-html-epub': { what: 'War and Peace as one HTML page → EPUB' },
  'wp-docx-epub': { what: 'War and Peace as a Word file (pandoc’s) → EPUB' },
  'wp-odt-epub': { what: 'War and Peace as an OpenDocument file (pandoc’s) → EPUB' },
  'wp-rtf-epub': { what: 'War and Peace as an RTF file (pandoc’s) → EPUB' },
  'wp-doc-epub': { what: 'War and Peace as a Word 97–2003 file (LibreOffice’s) → EPUB' },
  'wp-epub-epub': { what: 'War and Peace as an EPUB (pandoc’s) → EPUB' },
  'wp-azw3-epub': { what: 'War and Peace as a Kindle book (calibre’s AZW3) → EPUB' },
  'wp-fb2-epub': { what: 'War and Peace as a FictionBook (calibre’s) → EPUB' },
  'figures-pdf': { what: 'four chapters with a 12 MP photo and a transparent 6 MP PNG → 6x9 PDF' },
  'woff2-pdf': { what: 'Treasure Island in the author’s WOFF2 files (Literata) → 6x9 PDF' },
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`)
const figure = (f) =>
  `${fmt(f.ms)}${Number.isNaN(f.cpu) ? '' : ` (CPU ${fmt(f.cpu)})`}${Number.isNaN(f.rss) ? '' : `, ${Math.round(f.rss)} MB`}`

/** The README table for bench/cli.mjs's JSON lines. */
export function cliTable(rows, { date, load, cores, runs, node }) {
  const lines = [
    `<!-- bench:cli:start (written by \`node bench/run-all.mjs\`; do not edit by hand) -->`,
    `**What users run, end to end** (\`node bench/cli.mjs --runs ${runs}\`: the \`octavo\` command as a`,
    `process, median of ${runs} runs alternating with its peers in the same run; wall time, CPU user+sys,`,
    `peak RSS; ${date}, ${cores} cores, Node ${node}, load average ${load} at the start: read the ratios when it is`,
    'above the number of cores):',
    '',
    '| job | octavo | peers, same run | target |',
    '| --- | --- | --- | --- |',
  ]
  for (const row of rows.filter((r) => r.bench === 'cli')) {
    const job = JOBS[row.job] ?? { what: row.job }
    const peers = row.peers
      .map((p) => {
        const ratio =
          p.ms >= row.octavo.ms
            ? `${(p.ms / row.octavo.ms).toFixed(1)}× faster`
            : `${(row.octavo.ms / p.ms).toFixed(1)}× slower`
        return `${p.label} ${figure(p)}: octavo ${ratio}`
      })
      .join('; ')
    const goals = []
    const met = []
    if (job.ms) {
      goals.push(`< ${fmt(job.ms)}`)
      met.push(row.octavo.ms < job.ms)
    }
    if (job.mb) {
      goals.push(`< ${job.mb} MB`)
      met.push(row.octavo.rss < job.mb)
    }
    if (job.ratio) {
      const [label, times] = job.ratio
      const peer = row.peers.find((p) => p.label === label)
      goals.push(`≥ ${times}× ${label}`)
      if (peer) met.push(peer.ms / row.octavo.ms >= times)
    }
    const target = goals.length
      ? `${goals.join(', ')}: ${met.length < goals.length ? 'peer missing' : met.every(Boolean) ? 'met' : 'not met'}`
      : ''
    lines.push(`| ${job.what} | ${figure(row.octavo)} | ${peers || '-'} | ${target} |`)
  }
  // Each format's stage rows (bench/cli.mjs `freshStages`): its fields, their heads, the intro.
  const stageTables = [
    [
      'cli-epub-stages',
      [
        'The EPUB jobs by stage, each in a fresh process as the command runs it (main-thread wall time;',
        'compress is encoding, deflating and handing documents to the compression thread and taking',
        'them back; CPU of the whole process, its threads included):',
      ],
      ['start', 'read', 'parse', 'render', 'compress', 'write', 'total', 'cpu'],
    ],
    [
      'cli-pdf-stages',
      [
        'The PDF jobs by stage, each in a fresh process as the command runs it (main-thread wall time;',
        'CPU of the whole process, the compression thread included):',
      ],
      ['start', 'read', 'parse', 'layout', 'draw', 'compress', 'write', 'total', 'cpu'],
    ],
  ]
  const heads = { parse: 'parse + transforms', cpu: 'CPU' }
  for (const [bench, intro, fields] of stageTables) {
    const stages = rows.filter((row) => row.bench === bench)
    if (!stages.length) continue
    const names = ['book', ...fields.map((f) => heads[f] ?? f), 'memory']
    lines.push('', ...intro, '', `| ${names.join(' | ')} |`, `| ${names.map(() => '---').join(' | ')} |`)
    for (const f of stages) {
      const cells = fields.map((field) => fmt(f[field]))
      lines.push(`| ${f.label} | ${cells.join(' | ')} | ${Math.round(f.rss)} MB |`)
    }
  }
  lines.push('<!-- bench:cli:end -->')
  return lines.join('\n')
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const load = loadavg()[0].toFixed(1)
  console.log(`\n## cli.mjs --runs ${runs} --json`)
  const result = spawnSync(process.execPath, [path.join(here, 'cli.mjs'), '--runs', runs, '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  })
  const rows = []
  for (const line of result.stdout.split('\n')) {
    if (line.startsWith('{')) rows.push(JSON.parse(line))
    else if (line) console.log(line)
  }
  // The figures as measured, kept should the table below fail: a run takes a quarter of an hour.
  const raw = path.join(tmpdir(), `octavo-bench-cli-${Date.now()}.jsonl`)
  writeFileSync(raw, rows.map((row) => JSON.stringify(row)).join('\n'))
  console.log(`(figures: ${raw})`)
  const table = cliTable(rows, {
    date: new Date().toISOString().slice(0, 10),
    load,
    cores: cpus().length,
    runs,
    node: process.version,
  })
  console.log(`\n${table}`)
  if (!args.includes('--no-readme') && rows.length) {
    const readme = path.join(here, '../README.md')
    const text = readFileSync(readme, 'utf8')
    const start = text.indexOf('<!-- bench:cli:start')
    const end = text.indexOf('<!-- bench:cli:end -->')
    if (start < 0 || end < 0) console.log('(README.md has no bench:cli markers: not rewritten)')
    else {
      writeFileSync(readme, text.slice(0, start) + table + text.slice(end + '<!-- bench:cli:end -->'.length))
      console.log('(README.md: the end-to-end table was rewritten)')
    }
  }
  if (args.includes('--only-cli')) process.exit(0)

  const plan = [
    ['pipeline.mjs', '--format', 'none'],
    ['pipeline.mjs', '--format', 'epub'],
    ['pipeline.mjs', `${SHARED}/corpus/war-and-peace/txt`, '--format', 'pdf', '--runs', '1'],
  ]
  const others = readdirSync(here).filter(
    (f) =>
      f.endsWith('.mjs') && !['run-all.mjs', 'pipeline.mjs', 'cli.mjs', 'typst.mjs', 'books.mjs'].includes(f),
  )
  for (const [script, ...fixed] of [...plan, ...others.map((f) => [f])]) {
    console.log(`\n## ${script} ${fixed.join(' ')}`)
    try {
      execFileSync(process.execPath, [path.join(here, script), ...fixed], { stdio: 'inherit' })
    } catch {
      console.log(`(${script} failed)`)
    }
  }
}
