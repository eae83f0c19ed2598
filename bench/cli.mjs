#!/usr/bin/env node
// What users run, timed end to end: the `octavo` command as a process, beside its peers in the
// same run (pandoc, pdflatex through pandoc, Typst through its npm package), alternating runs so that a
// busy machine slows both sides alike. Each figure is the median of --runs runs; memory is the
// peak RSS of the process (GNU time). Then a breakdown by stage of the big EPUB jobs (serial-epub,
// wp-md-epub) and PDF jobs (wp-md-pdf, wp-txt-pdf, ti-md-pdf; `stages` for all five), each in a fresh process
// as the command runs it (the Node env, its compression and cover threads): start (loading the
// core), read, parse and transform, then for an EPUB render and compress (the zip writer:
// encoding and deflating documents, handing them to the thread and taking them back), for a PDF
// layout, draw and compress (draw is the page drawer and pdfkit's writing of objects, compress
// the page streams handed to the thread, and the streams taken from it or deflated on the main
// thread as they end, the faces' at the end), then write; all are main-thread wall time, CPU is
// the whole process's.
//
//   node bench/cli.mjs [--runs 3] [--only NAME[,NAME]] [--no-peers] [--json] [--cli PATH]
//                      [--node BIN] [--against PATH] [--against-node BIN]
//
// --cli PATH times another build of the command (an older checkout's packages/cli/dist/cli.js);
// --node BIN runs it with another Node (a newer release: `npx -p node@24 which node`).
// --against PATH (and/or --against-node BIN) compares: each job is timed with both builds (or
// Nodes; BIN may carry Node's flags, `--against-node "node --v8-pool-size=0"`, the jobs then run
// with them) in alternating runs, in place of the peers, and the change printed with each side's
// runs, so that a change can be judged against the spread; with `--only stages` (alone or among
// the jobs) the stage breakdowns too, each checkout's core in fresh processes, alternated,
// stage by stage. For the build before a change:
//   git worktree add --detach ../before HEAD~1 && (cd ../before && npm run setup)
//   node bench/cli.mjs --only wp-md-pdf --runs 7 --against ../before/packages/cli/dist/cli.js
// Alternate them: this machine's speed swings by a fifth within minutes, so two runs a minute
// apart say little.
//
// Jobs: version (`octavo --version`), help (`--help`), help-build (`help build`), complete (a
// completion request as the bash script sends it), usage-error (`build --fromat epub`),
// one-chapter (a one-chapter book -> EPUB), wp-md-epub and wp-txt-epub (War and Peace),
// serial-epub (the 2-million-word serial, generated into /tmp if missing), wp-md-pdf and
// wp-txt-pdf (6x9 in; Typst, bench/typst.mjs, beside both, and pdflatex through pandoc beside the
// text), ti-md-pdf (Treasure Island, Markdown, 6x9 in, Typst and pdflatex beside it),
// one-chapter-pdf (the one-chapter book, 6x9 in, Typst and pdflatex beside it), and books
// bench/books.mjs makes: wp-html-epub (War and Peace as one HTML page, pandoc beside it),
// wp-docx-epub, wp-odt-epub, wp-rtf-epub and wp-epub-epub (War and Peace as a Word file, an
// OpenDocument text, an RTF document and an EPUB, all pandoc's), wp-doc-epub (as a Word 97-2003
// file, LibreOffice's, LibreOffice's EPUB export beside it), wp-azw3-epub and wp-fb2-epub (as a
// Kindle book and a FictionBook, calibre's, calibre's EPUB conversion of each beside it),
// figures-pdf (four chapters with a photograph and a transparent drawing as PNG, Typst beside
// it) and woff2-pdf (Treasure Island in Literata given as the author's WOFF2 files; Typst with
// the TTFs, as in ti-md-pdf). Read the
// ratios on a busy machine, the times on a quiet one; CPU time (user + sys) is less distorted by
// load than wall time.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { figuresBook, htmlPage, woff2Book } from './books.mjs'
import { toTypst } from './typst.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.join(here, '..')
const SHARED = process.env.OCTAVO_SHARED ?? path.join(root, '../shared')
const args = process.argv.slice(2)
const flag = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args.splice(i, 2)[1] : fallback
}
const CLI = path.resolve(flag('--cli', path.join(root, 'packages/cli/dist/cli.js')))
const NODE = flag('--node', process.execPath)
/** The other side of a comparison (`--against`, `--against-node`), or undefined. */
const AGAINST = (() => {
  const cli = flag('--against', undefined)
  const [node, ...nodeArgs] = flag('--against-node', '').split(' ').filter(Boolean)
  if (cli === undefined && node === undefined) return undefined
  return { cli: cli === undefined ? CLI : path.resolve(cli), node: node ?? NODE, nodeArgs }
})()
const runs = Number(flag('--runs', '3'))
const only = flag('--only', '').split(',').filter(Boolean)
const peers = !args.includes('--no-peers')
/** Figures as one JSON line per job (`--json`), which bench/run-all.mjs turns into the README table. */
const json = args.includes('--json')
process.env.SOURCE_DATE_EPOCH ??= '1700000000'
/**
 * `--epub-stages DIR OUT`, `--pdf-stages DIR OUT`: one book's breakdown, in this (fresh) process,
 * as JSON; `--stages-root CHECKOUT` times another checkout's built core (a comparison's other side).
 */
const stagesRoot = path.resolve(flag('--stages-root', root))
for (const format of ['epub', 'pdf']) {
  const dir = flag(`--${format}-stages`, undefined)
  if (dir === undefined) continue
  console.log(JSON.stringify(await stagesOf(format, dir, args[args.length - 1], stagesRoot)))
  process.exit(0)
}

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

/** Run a command once: wall ms, CPU ms (user + sys) and peak RSS in MB (when GNU time is there). */
function once(cmd, argv, cwd, status = 0) {
  const rssFile = path.join(tmpdir(), `octavo-bench-rss-${process.pid}`)
  const [file, list] = TIME ? [TIME, ['-f', '%M %U %S', '-o', rssFile, cmd, ...argv]] : [cmd, argv]
  const t0 = performance.now()
  const result = spawnSync(file, list, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 })
  const ms = performance.now() - t0
  if (result.status !== status) {
    throw new Error(`${cmd} ${argv.join(' ')} exited ${result.status}: ${String(result.stderr).slice(-2000)}`)
  }
  const [rss, user, sys] = TIME
    ? readFileSync(rssFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number)
    : [Number.NaN, Number.NaN, Number.NaN]
  if (TIME) rmSync(rssFile, { force: true })
  return { ms, rss: rss / 1024, cpu: (user + sys) * 1000 }
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`)
const cpu = (ms) => (Number.isNaN(ms) ? '-' : fmt(ms))
const mb = (rss) => (Number.isNaN(rss) ? '-' : `${Math.round(rss)} MB`)
/** A stage table's cells, nine wide: the heads (and memory), or a breakdown's figures. */
const nine = (cells) => cells.map((c) => c.padStart(9)).join(' ')
const stageNames = (heads) => nine([...heads.map((h) => (h === 'parse' ? 'parse+tx' : h)), 'memory'])
const stageCells = (f, heads) => nine([...heads.map((h) => fmt(f[h])), mb(f.rss)])

/**
 * Time the jobs in turn, `runs` rounds, so that a change in load falls on all of them alike; every
 * other round in the reverse order, so that none is always first (first after another job, the
 * book's files may have left this machine's small page cache: a read stage 50 against 150 ms).
 */
function alternate(list) {
  const times = list.map(() => [])
  for (let i = 0; i < runs; i++) {
    const order = list.map((_, k) => k)
    if (i % 2 === 1) order.reverse()
    for (const k of order) {
      const job = list[k]
      job.before?.()
      times[k].push(once(job.cmd, job.args, job.cwd, job.status))
    }
  }
  return times.map((list) => ({
    ms: median(list.map((t) => t.ms)),
    cpu: median(list.map((t) => t.cpu)),
    rss: Math.max(...list.map((t) => t.rss)),
    walls: list.map((t) => Math.round(t.ms)),
  }))
}

// ---------------------------------------------------------------- inputs

const work = mkdtempSync(path.join(tmpdir(), 'octavo-bench-'))
const wpDoc = path.join(work, 'war-and-peace.doc')
const out = path.join(work, 'out')
const wpMd = path.join(SHARED, 'corpus/war-and-peace/md')
const wpTxt = path.join(SHARED, 'corpus/war-and-peace/txt')
const tiMd = path.join(SHARED, 'corpus/treasure-island/md')
const serial = '/tmp/octavo-serial/txt'
/** The books made by bench/books.mjs, in the work folder. */
const wpHtml = path.join(work, 'war-and-peace.html')
const figures = path.join(work, 'figures')
const woff2 = path.join(work, 'woff2')
function ensureSerial() {
  if (existsSync(serial)) return
  const gen = path.join(SHARED, 'tools/gen-serial.mjs')
  execFileSync(process.execPath, [gen, '--out', '/tmp/octavo-serial', '--quiet'], { stdio: 'inherit' })
}
/** The corpus book's chapters as one file (pandoc's and Typst's input). */
function joined(dir, name, convert = (text) => text) {
  const file = path.join(work, name)
  if (!existsSync(file)) {
    const parts = readdirSync(dir)
      .filter((f) => /\.(md|txt)$/.test(f))
      .sort()
      .map((f) => convert(readFileSync(path.join(dir, f), 'utf8')))
    writeFileSync(file, parts.join('\n\n'))
  }
  return file
}
const oneChapter = path.join(work, 'one')
mkdirSync(oneChapter, { recursive: true })
writeFileSync(
  path.join(oneChapter, 'chapter-1.txt'),
  'Chapter 1: Dawn\n\n"It was early," she said -- too early.\n\nThe road ran on...\n',
)

const octavo = (inputs, format, extra = []) => ({
  cmd: NODE,
  args: [
    CLI,
    'build',
    ...inputs,
    '-f',
    format,
    '-o',
    out,
    '-q',
    '--title',
    'Benchmark',
    '--author',
    'Bench',
    ...extra,
  ],
  before: () => rmSync(out, { recursive: true, force: true }),
})

// Typst through its npm package, when installed (a root devDependency): bench/typst.mjs, given
// the same text converted to Typst markup and Octavo's default 6x9 settings and Literata files.
let typst = false
try {
  await import('@myriaddreamin/typst-ts-node-compiler')
  typst = true
} catch {}
/** `figures`: the folder the book's figures are found in (its own). */
const typstJob = (dir = wpMd, name = 'wp', figures = dir) => ({
  label: 'typst',
  lazy: () => [
    process.execPath,
    [
      path.join(here, 'typst.mjs'),
      joined(dir, `${name}.typ`, toTypst),
      path.join(work, `${name}-typst.pdf`),
      figures,
    ],
    root,
  ],
})
/** pdflatex through pandoc, on the book's chapters joined, at Octavo's 6x9 geometry. */
const pdflatexJob = (dir, name) =>
  has('pdflatex') &&
  has('pandoc') && {
    label: 'pdflatex',
    lazy: () => [
      'pandoc',
      [
        joined(dir, `${name}.md`),
        '-o',
        path.join(work, `${name}.pdf`),
        '--pdf-engine=pdflatex',
        ...pdfGeometry,
      ],
    ],
  }

const pdfGeometry = [
  '-V',
  'papersize=custom',
  '-V',
  'geometry:paperwidth=6in,paperheight=9in,inner=0.75in,outer=0.5in,top=0.6in,bottom=0.6in',
  '-V',
  'fontsize=10pt',
]
const node = (args, status = 0) => ({ cmd: NODE, args: [CLI, ...args], status })
const jobs = [
  {
    name: 'version',
    octavo: node(['--version']),
    peer: has('pandoc') && { label: 'pandoc', cmd: 'pandoc', args: ['--version'] },
  },
  // What answers at once (issue 17): help, a completion request as the bash script sends it, and
  // a usage error (exit 2; pandoc's for an unknown option is 6).
  {
    name: 'help',
    octavo: node(['--help']),
    peer: has('pandoc') && { label: 'pandoc', cmd: 'pandoc', args: ['--help'] },
  },
  { name: 'help-build', octavo: node(['help', 'build']) },
  { name: 'complete', octavo: node(['--get-yargs-completions', 'octavo', 'build', '--trim', 'a']) },
  {
    name: 'usage-error',
    octavo: node(['build', '--fromat', 'epub'], 2),
    peer: has('pandoc') && { label: 'pandoc', cmd: 'pandoc', args: ['--fromat', 'x'], status: 6 },
  },
  {
    name: 'one-chapter',
    octavo: octavo([oneChapter], 'epub'),
    peer: has('pandoc') && {
      label: 'pandoc',
      cmd: 'pandoc',
      args: [
        path.join(oneChapter, 'chapter-1.txt'),
        '-f',
        'markdown',
        '-o',
        path.join(work, 'one.epub'),
        '--metadata',
        'title=B',
      ],
    },
  },
  {
    name: 'wp-md-epub',
    octavo: octavo([wpMd], 'epub'),
    peer: has('pandoc') && {
      label: 'pandoc',
      lazy: () => [
        'pandoc',
        [joined(wpMd, 'wp.md'), '-o', path.join(work, 'wp.epub'), '--metadata', 'title=B'],
      ],
    },
  },
  { name: 'wp-txt-epub', octavo: octavo([wpTxt], 'epub') },
  { name: 'serial-epub', setup: ensureSerial, octavo: octavo([serial], 'epub') },
  {
    name: 'wp-md-pdf',
    octavo: octavo([wpMd], 'pdf', ['--trim', '6x9in']),
    peers: [typst && typstJob()],
  },
  {
    name: 'wp-txt-pdf',
    octavo: octavo([wpTxt], 'pdf', ['--trim', '6x9in']),
    peers: [typst && typstJob(), pdflatexJob(wpMd, 'wp')],
  },
  // A novel of ordinary length (Treasure Island, 67,000 words), between the two.
  {
    name: 'ti-md-pdf',
    octavo: octavo([tiMd], 'pdf', ['--trim', '6x9in']),
    peers: [typst && typstJob(tiMd, 'ti'), pdflatexJob(tiMd, 'ti')],
  },
  // A short book's PDF, where loading the typesetter (pdfkit, fontkit, the faces) is most of it.
  {
    name: 'one-chapter-pdf',
    octavo: octavo([oneChapter], 'pdf', ['--trim', '6x9in']),
    peers: [typst && typstJob(oneChapter, 'one'), pdflatexJob(oneChapter, 'one')],
  },
  // What authors hold beside chapter files (bench/books.mjs): a whole novel saved as one HTML page
  // (pandoc reading the same page beside it), a book with a photograph and a transparent
  // drawing (PNG), and Treasure Island in the author's own font files, given as WOFF2 (Literata,
  // so that the difference from ti-md-pdf is what the author's-files path costs; Typst has the
  // same faces as TTF).
  {
    name: 'wp-html-epub',
    setup: () => void htmlPage(wpMd, wpHtml),
    octavo: octavo([wpHtml], 'epub'),
    peer: has('pandoc') && {
      label: 'pandoc',
      cmd: 'pandoc',
      args: [wpHtml, '-o', path.join(work, 'wp-html.epub'), '--metadata', 'title=B'],
    },
  },
  // War and Peace as a Word file, an OpenDocument text, an RTF document and an EPUB, all made by
  // pandoc from the joined Markdown (the files authors most often hold beside chapters), pandoc
  // reading each beside it.
  ...['docx', 'odt', 'rtf', 'epub'].map((kind) => {
    const file = path.join(work, `war-and-peace.${kind}`)
    return {
      name: `wp-${kind}-epub`,
      setup: () => {
        if (!has('pandoc')) {
          console.log(
            `wp-${kind}-epub${' '.repeat(8 - kind.length)}skipped: it needs pandoc to make its input`,
          )
          return false
        }
        if (!existsSync(file))
          // Standalone: pandoc's RTF is a fragment without it.
          execFileSync('pandoc', [
            joined(wpMd, 'wp.md'),
            '-s',
            '-o',
            file,
            '--metadata',
            'title=War and Peace',
          ])
      },
      octavo: octavo([file], 'epub'),
      peer: has('pandoc') && {
        label: 'pandoc',
        cmd: 'pandoc',
        args: [file, '-o', path.join(work, `wp-${kind}.epub`), '--metadata', 'title=B'],
      },
    }
  }),
  // War and Peace as a Word 97-2003 .doc, as LibreOffice saves pandoc's .docx (pandoc reads no
  // .doc); LibreOffice's own EPUB export of it beside.
  {
    name: 'wp-doc-epub',
    setup: () => {
      if (!has('pandoc') || !has('soffice')) {
        console.log('wp-doc-epub   skipped: it needs pandoc and LibreOffice (soffice) to make its input')
        return false
      }
      const docx = path.join(work, 'war-and-peace.docx')
      if (!existsSync(docx))
        execFileSync('pandoc', [joined(wpMd, 'wp.md'), '-s', '-o', docx, '--metadata', 'title=War and Peace'])
      if (!existsSync(wpDoc))
        execFileSync('soffice', ['--headless', '--convert-to', 'doc', '--outdir', work, docx], {
          stdio: 'ignore',
        })
    },
    octavo: octavo([wpDoc], 'epub'),
    peer: has('soffice') && {
      label: 'LibreOffice',
      cmd: 'soffice',
      args: ['--headless', '--convert-to', 'epub', '--outdir', path.join(work, 'lo-epub'), wpDoc],
    },
  },
  // War and Peace as a Kindle book (AZW3) and a FictionBook, as calibre makes them from pandoc's
  // EPUB (the downloads an archive offers beside the EPUB); calibre reading each into an EPUB
  // beside it (pandoc reads neither).
  ...[
    ['azw3', 'wp-azw3-epub'],
    ['fb2', 'wp-fb2-epub'],
  ].map(([kind, name]) => {
    const file = path.join(work, `war-and-peace.${kind}`)
    return {
      name,
      setup: () => {
        if (!has('pandoc') || !has('ebook-convert')) {
          console.log(
            `${name.padEnd(14)}skipped: it needs pandoc and calibre (ebook-convert) to make its input`,
          )
          return false
        }
        const epub = path.join(work, 'war-and-peace.epub')
        if (!existsSync(epub))
          execFileSync('pandoc', [
            joined(wpMd, 'wp.md'),
            '-s',
            '-o',
            epub,
            '--metadata',
            'title=War and Peace',
          ])
        if (!existsSync(file)) execFileSync('ebook-convert', [epub, file], { stdio: 'ignore' })
      },
      octavo: octavo([file], 'epub'),
      peer: has('ebook-convert') && {
        label: 'calibre',
        cmd: 'ebook-convert',
        args: [file, path.join(work, `calibre-${kind}.epub`)],
      },
    }
  }),
  {
    name: 'figures-pdf',
    setup: () => void figuresBook(tiMd, figures),
    octavo: octavo([figures], 'pdf', ['--trim', '6x9in']),
    peers: [typst && typstJob(figures, 'figures')],
  },
  {
    name: 'woff2-pdf',
    setup: async () => {
      if (await woff2Book(tiMd, woff2)) return
      console.log('woff2-pdf     skipped: it needs wawoff2 (a dev dependency: npm run setup)')
      return false
    },
    octavo: octavo([woff2], 'pdf', ['--trim', '6x9in']),
    peers: [typst && typstJob(tiMd, 'ti')],
  },
]

/** The job as the other side of a comparison runs it: its Node, its build of the command. */
const against = (job) => ({
  ...job,
  cmd: AGAINST.node,
  args: [...AGAINST.nodeArgs, AGAINST.cli, ...job.args.slice(1)],
})
/** One side of a comparison, as printed: its Node's version where the Nodes differ, else its build. */
function side(cli, nodeBin, flags = []) {
  if (AGAINST.node !== NODE || AGAINST.nodeArgs.length > 0)
    return `node ${[spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim(), ...flags].join(' ')}`
  return path.relative(process.cwd(), cli) || cli
}

/** The books broken down by stage, per format ([job, label, folder]), and the stages printed. */
const STAGE_BOOKS = {
  epub: {
    books: [
      ['serial-epub', 'serial txt epub', serial],
      ['wp-md-epub', 'w&p md epub', wpMd],
    ],
    heads: ['start', 'read', 'parse', 'render', 'compress', 'write', 'total', 'cpu'],
  },
  pdf: {
    books: [
      ['wp-md-pdf', 'w&p md pdf', wpMd],
      ['wp-txt-pdf', 'w&p txt pdf', wpTxt],
      ['ti-md-pdf', 'ti md pdf', tiMd],
    ],
    heads: ['start', 'read', 'parse', 'layout', 'draw', 'compress', 'write', 'total', 'cpu'],
  },
}

/**
 * A comparison's stage breakdowns (`--only stages` with `--against`): each book in fresh
 * processes, this checkout's core and the other's alternated, `runs` each; the median of each
 * stage side by side.
 */
function compareStages() {
  // The other side's checkout: its command is packages/cli/dist/cli.js.
  const other = path.resolve(path.dirname(AGAINST.cli), '../../..')
  if (!existsSync(path.join(other, 'packages/core/dist/index.js'))) {
    console.log(`stages: ${other} has no built core (packages/core/dist): not compared`)
    return
  }
  ensureSerial()
  for (const [format, { books, heads }] of Object.entries(STAGE_BOOKS)) {
    for (const [, label, dir] of books) {
      const sides = [[], []]
      const run = [
        () => stagesInProcess(format, dir, root, NODE),
        () => stagesInProcess(format, dir, other, AGAINST.node),
      ]
      // Every other round the other side first (see `alternate`).
      for (let i = 0; i < runs; i++) for (const k of i % 2 ? [1, 0] : [0, 1]) sides[k].push(run[k]())
      const [a, b] = sides.map((list) =>
        Object.fromEntries([...heads, 'rss'].map((h) => [h, median(list.map((f) => f[h]))])),
      )
      if (json) {
        console.log(JSON.stringify({ bench: `cli-compare-${format}-stages`, label, runs, this: a, other: b }))
        continue
      }
      console.log(`\n${label} (${format} stages, median of ${runs}, fresh processes alternated)`)
      console.log(`${''.padEnd(7)} ${stageNames(heads)}`)
      console.log(`${'this'.padEnd(7)} ${stageCells(a, heads)}`)
      console.log(`${'other'.padEnd(7)} ${stageCells(b, heads)}`)
      // Each stage's change, signed, in the unit it is printed in.
      const signed = (d, unit) => `${d >= 0 ? '+' : '-'}${unit(Math.abs(d))}`
      const changes = [...heads.map((h) => signed(a[h] - b[h], fmt)), signed(a.rss - b.rss, mb)]
      console.log(`${'change'.padEnd(7)} ${nine(changes)}`)
    }
  }
}

if (AGAINST) {
  const [mine, theirs] = [side(CLI, NODE), side(AGAINST.cli, AGAINST.node, AGAINST.nodeArgs)]
  if (!json) {
    console.log(
      `octavo compared (median of ${runs}, alternating; CPU user+sys; peak RSS; each run's wall time)`,
    )
    console.log(`  this:  ${mine}\n  other: ${theirs}`)
  }
  for (const job of jobs) {
    if (only.length && !only.includes(job.name)) continue
    if ((await job.setup?.()) === false) continue
    let figures
    try {
      figures = alternate([job.octavo, against(job.octavo)])
    } catch (error) {
      console.log(`${job.name.padEnd(13)} failed: ${error.message.split('\n')[0]}`)
      continue
    }
    const [a, b] = figures
    if (json) {
      console.log(JSON.stringify({ bench: 'cli-compare', job: job.name, runs, this: a, other: b }))
      continue
    }
    const change = (x, y) => `${x >= y ? '+' : '-'}${Math.abs((100 * (x - y)) / y).toFixed(1)}%`
    console.log(
      `${job.name.padEnd(13)} this ${fmt(a.ms)} (CPU ${cpu(a.cpu)}, ${mb(a.rss)})  other ${fmt(b.ms)} (CPU ${cpu(b.cpu)}, ${mb(b.rss)})  ${change(a.ms, b.ms)} wall, ${change(a.cpu, b.cpu)} CPU (this against other)`,
    )
    console.log(`${''.padEnd(13)} runs: this ${a.walls.join(' ')}; other ${b.walls.join(' ')} ms`)
  }
  if (only.includes('stages')) compareStages()
  rmSync(work, { recursive: true, force: true })
  process.exit(0)
}

if (!json)
  console.log(`octavo end to end (median of ${runs}, alternating with the peers; CPU user+sys; peak RSS)`)
if (!json)
  console.log(
    `${'job'.padEnd(13)} ${'octavo'.padStart(9)} ${'cpu'.padStart(9)} ${'memory'.padStart(7)}   ${'peer'.padEnd(9)} ${'time'.padStart(9)} ${'cpu'.padStart(9)} ${'memory'.padStart(7)}  octavo is`,
  )
for (const job of jobs) {
  if (only.length && !only.includes(job.name)) continue
  if ((await job.setup?.()) === false) continue
  const others = peers
    ? [...(job.peers ?? []), job.peer].filter(Boolean).map((peer) => {
        if (!peer.lazy) return peer
        const [cmd, argv, cwd] = peer.lazy()
        return { label: peer.label, cmd, args: argv, cwd }
      })
    : []
  let figures
  try {
    figures = alternate([job.octavo, ...others])
  } catch (error) {
    console.log(`${job.name.padEnd(13)} failed: ${error.message.split('\n')[0]}`)
    continue
  }
  const [a, ...rest] = figures
  if (json) {
    const peerFigures = others.map((peer, k) => ({ label: peer.label, ...rest[k] }))
    console.log(JSON.stringify({ bench: 'cli', job: job.name, runs, octavo: a, peers: peerFigures }))
    continue
  }
  const rows = others.length ? others : [undefined]
  rows.forEach((peer, k) => {
    const b = rest[k]
    const ratio = b
      ? b.ms >= a.ms
        ? `${(b.ms / a.ms).toFixed(1)}x faster`
        : `${(a.ms / b.ms).toFixed(1)}x slower`
      : ''
    const mine = k === 0 ? [job.name, fmt(a.ms), cpu(a.cpu), mb(a.rss)] : ['', '', '', '']
    console.log(
      `${mine[0].padEnd(13)} ${mine[1].padStart(9)} ${mine[2].padStart(9)} ${mine[3].padStart(7)}   ${(peer ? peer.label : '-').padEnd(9)} ${(b ? fmt(b.ms) : '-').padStart(9)} ${(b ? cpu(b.cpu) : '').padStart(9)} ${(b ? mb(b.rss) : '').padStart(7)}  ${ratio}`,
    )
  })
}

// ---------------------------------------------------------------- stages, in a fresh process each

/** One book's stage breakdown (`stagesOf`) in a fresh process: of `checkout`'s core, on `node`. */
function stagesInProcess(format, dir, checkout = root, node = NODE) {
  const result = spawnSync(
    node,
    [
      fileURLToPath(import.meta.url),
      '--stages-root',
      checkout,
      `--${format}-stages`,
      dir,
      path.join(work, `stages.${format}`),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  )
  if (result.status !== 0) throw new Error(`${format} stages of ${dir} failed: ${result.stderr.slice(-2000)}`)
  return JSON.parse(result.stdout.trim().split('\n').at(-1))
}

/**
 * The stage breakdown of each of `books` ([job, label, dir]) asked for, each in a fresh process
 * (`--FORMAT-stages DIR OUT`): printed under `heads` (the figures' fields, in order), or as JSON
 * lines tagged `cli-FORMAT-stages` for the README table.
 */
function freshStages(format, books, heads) {
  const asked = books.filter(([job]) => !only.length || only.includes(job) || only.includes('stages'))
  if (asked.length === 0) return
  const figures = asked.map(([, label, dir]) => ({ label, ...stagesInProcess(format, dir) }))
  if (json) {
    for (const f of figures) console.log(JSON.stringify({ bench: `cli-${format}-stages`, ...f }))
    return
  }
  console.log(
    `\n${format.toUpperCase()} stages, in a fresh process each (main-thread wall; CPU of the process; peak RSS)`,
  )
  console.log(`${'book'.padEnd(16)} ${stageNames(heads)}`)
  for (const f of figures) console.log(`${f.label.padEnd(16)} ${stageCells(f, heads)}`)
}

if (!only.length || only.includes('serial-epub') || only.includes('stages')) ensureSerial()
for (const [format, { books, heads }] of Object.entries(STAGE_BOOKS)) freshStages(format, books, heads)

rmSync(work, { recursive: true, force: true })

/**
 * How a format's render is split: the methods whose time is one of its `stages` (`wrap`, given
 * `timed(object, method, stage)`), the name of the rest of the render, the render's options.
 * EPUB: the zip writer's `text` and `finish` (encoding a document, deflating it here or handing
 * it to the compression thread, taking the thread's results back, waiting for them, assembling
 * the archive) are compress; the rest (the XHTML, the package documents, the cover) is render.
 * PDF: the drawer (`PdfWriter`'s pages and finish, pdfkit's end) and writing an object are draw;
 * ending a stream pdfkit compresses (`finalize`: taking the thread's result or deflating, and
 * writing it) and handing a page to the thread (`compressSoon`) are compress; the rest is layout.
 */
function splitOf(format) {
  return {
    epub: {
      rest: 'render',
      stages: ['compress'],
      options: {},
      async wrap(dist, timed) {
        const { ZipWriter } = await import(pathToFileURL(path.join(dist, 'renderers/epub/zip.js')).href)
        timed(ZipWriter.prototype, 'text', 'compress')
        timed(ZipWriter.prototype, 'finish', 'compress')
      },
    },
    pdf: {
      rest: 'layout',
      stages: ['draw', 'compress'],
      options: { trim: '6x9in' },
      async wrap(dist, timed) {
        const { PdfWriter } = await import(pathToFileURL(path.join(dist, 'renderers/pdf/draw.js')).href)
        const { Document } = await import(pathToFileURL(path.join(dist, 'renderers/pdf/document.js')).href)
        timed(PdfWriter.prototype, 'page', 'draw')
        timed(PdfWriter.prototype, 'finish', 'draw')
        timed(Document.prototype, 'end', 'draw')
        timed(Document.prototype, 'compressSoon', 'compress')
        const ref = Document.prototype.ref
        Document.prototype.ref = function (data) {
          const made = ref.call(this, data)
          // A stream to compress ends in compress (its object written with it); any other object in draw.
          timed(made, 'finalize', (ref) => (ref.compress && ref.buffer.length > 0 ? 'compress' : 'draw'))
          return made
        }
      },
    },
  }[format]
}

/**
 * One book through the core's Node API, as the command builds it (`loadBook` told the format, so
 * its threads start as the book is planned; then `render`, then the file written), the main
 * thread's wall time split by stage: start (loading the core), read (the chapter files), parse
 * (the readers and transforms), the render split as `splitOf` says (nested wrapped calls counted
 * once, to the innermost), write; then the process's CPU and peak RSS.
 */
async function stagesOf(format, dir, target, checkout) {
  const split = splitOf(format)
  const dist = path.join(checkout, 'packages/core/dist')
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  // The process tuned as the command tunes its own before the core loads (V8's flags, the
  // cover's allocator: packages/cli/src/tuning.ts).
  const tuning = path.join(checkout, 'packages/cli/dist/tuning.js')
  await (await import(pathToFileURL(tuning).href)).tuneProcess()
  const { loadBook, render } = await import(pathToFileURL(path.join(dist, 'index.js')).href)
  const spent = Object.fromEntries(split.stages.map((stage) => [stage, 0]))
  let current
  let since = 0
  const enter = (stage) => {
    const now = performance.now()
    if (current) spent[current] += now - since
    const outer = current
    current = stage
    since = now
    return outer
  }
  const leave = (outer) => {
    const now = performance.now()
    spent[current] += now - since
    current = outer
    since = now
  }
  const timed = (object, name, stage) => {
    const original = object[name]
    object[name] = function (...list) {
      const outer = enter(typeof stage === 'function' ? stage(this) : stage)
      try {
        return original.apply(this, list)
      } finally {
        leave(outer)
      }
    }
  }
  await split.wrap(dist, timed)
  let readDone = 0
  const t1 = performance.now()
  const { book } = await loadBook(dir, {
    metadata: { title: 'Benchmark', authors: [{ name: 'Bench' }] },
    formats: [format],
    onProgress: (step) => {
      if (step.stage === 'read' && step.done === step.total) readDone = performance.now()
    },
  })
  const t2 = performance.now()
  const bytes = await render(book, format, split.options)
  const t3 = performance.now()
  writeFileSync(target, bytes)
  const t4 = performance.now()
  const used = process.cpuUsage(cpu0)
  let wrapped = 0
  for (const ms of Object.values(spent)) wrapped += ms
  return {
    start: t1 - t0,
    read: readDone - t1,
    parse: t2 - readDone,
    [split.rest]: t3 - t2 - wrapped,
    ...spent,
    write: t4 - t3,
    total: t4 - t0,
    cpu: (used.user + used.system) / 1000,
    rss: process.resourceUsage().maxRSS / 1024,
  }
}
