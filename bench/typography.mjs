// Typography accuracy and speed on the corpus: a plain-text port of shared/tools/smartcheck.py.
//
// For each corpus book, smarten every paragraph of txt/ (heading line skipped, single newlines kept
// as line breaks) and compare it with the same paragraph of ref/ (the Standard Ebooks typography):
// the sequence of quote marks, em dashes (2-em and 3-em counting 2 and 3), ellipses, and leftovers.
// The same txt/ read by pandoc's `smart` extension (`pandoc -f markdown+smart -t plain`, when
// pandoc is installed) is scored beside it. Then the lint's precision: the warnings `octavo check`
// gives on each book (published prose, so every one is a false alarm; the budget is one per 50,000
// words), and the time to smarten the synthetic serial and its lint warnings, if one has been
// generated.
//
//   node bench/typography.mjs [--show N] [--md] [--corpus DIR] [--serial DIR] [--no-pandoc]
//   --md: read md/ instead, through mdast and the whole typography transform (cross-node quotes)
//   (serial: node /work/shared/tools/gen-serial.mjs --out /tmp/serial-typo --formats txt)
//
// Imports built code from OCTAVO_DIST (default ../packages/core/dist). `scoreBook` is exported for
// the regression test in packages/core/test/typography.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const SHARED = process.env.OCTAVO_SHARED ?? new URL('../../shared', import.meta.url).pathname

const QUOTES_EXP = new Set('“”‘’')
const QUOTES_OUT = new Set('“”‘’"\'')

/** smartcheck.py's norm(): the scorer compares paragraphs with spacing normalised. */
function norm(s) {
  return s
    .replace(/[\u00ad\u2060\u200a]/g, '')
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function count(s, sub) {
  let n = 0
  for (let i = s.indexOf(sub); i !== -1; i = s.indexOf(sub, i + sub.length)) n++
  return n
}

function paragraphs(file) {
  return readFileSync(file, 'utf8').split('\n\n').slice(1)
}

function languageOf(dir) {
  const meta = join(dir, 'meta.yaml')
  if (!existsSync(meta)) return 'en'
  const m = /^language:\s*['"]?([A-Za-z-]+)/m.exec(readFileSync(meta, 'utf8'))
  return m ? m[1] : 'en'
}

/**
 * Score one corpus book. `smarten(text, language)` is the function under test.
 * Returns the figures and up to `show` example errors.
 */
export function scoreBook(dir, smarten, { show = 0, files: given, got: precomputed, ms = 0 } = {}) {
  const language = languageOf(dir)
  const files =
    given ??
    readdirSync(join(dir, 'txt'))
      .filter((f) => f.endsWith('.txt'))
      .sort()
  const st = {
    paragraphs: 0,
    unaligned: 0,
    identical: 0,
    quotesExpected: 0,
    quoteErrors: 0,
    quoteCountMismatch: 0,
    emExpected: 0,
    emGot: 0,
    twoEmExpected: 0,
    twoEmGot: 0,
    threeEmExpected: 0,
    threeEmGot: 0,
    enExpected: 0,
    enGot: 0,
    ellipsesExpected: 0,
    ellipsesGot: 0,
    doubleHyphenLeft: 0,
    threeDotsLeft: 0,
    ms,
    bytes: 0,
  }
  const kinds = new Map()
  const examples = []
  for (const f of files) {
    let ref
    let got
    if (precomputed) {
      ;({ ref, got } = precomputed(f))
    } else {
      const txt = paragraphs(join(dir, 'txt', f))
      ref = paragraphs(join(dir, 'ref', f))
      const t0 = performance.now()
      got = txt.map((p) => smarten(p, language))
      st.ms += performance.now() - t0
      for (const p of txt) st.bytes += Buffer.byteLength(p)
    }
    for (let i = 0; i < Math.max(got.length, ref.length); i++) {
      const e = norm(ref[i] ?? '')
      const g = norm(got[i] ?? '')
      if (!e && !g) continue
      // Align as the scorer does, by letters and digits: a paragraph that does not align is not scored.
      const skel = (s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')
      if (skel(e) !== skel(g)) {
        st.unaligned++
        continue
      }
      st.paragraphs++
      // Non-breaking hyphens (f‑f‑flop) are an editor's touch no rule can recover: not counted.
      if (e.replace(/\u2011/g, '-') === g) st.identical++
      const qe = [...e].filter((c) => QUOTES_EXP.has(c))
      const qg = [...g].filter((c) => QUOTES_OUT.has(c))
      st.quotesExpected += qe.length
      if (qe.length !== qg.length) {
        st.quoteCountMismatch++
        st.quoteErrors += Math.max(qe.length, qg.length)
        if (examples.length < show) examples.push({ file: f, exp: e, got: g, at: -1 })
      } else {
        for (let k = 0; k < qe.length; k++) {
          if (qe[k] !== qg[k]) {
            st.quoteErrors++
            const kind = `${qe[k]} expected, got ${qg[k]}`
            kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
            if (examples.length < show) examples.push({ file: f, exp: e, got: g, at: k })
          }
        }
      }
      st.emExpected += count(e, '—')
      st.emGot += count(g, '—')
      st.twoEmExpected += count(e, '⸺')
      st.twoEmGot += count(g, '⸺')
      st.threeEmExpected += count(e, '⸻')
      st.threeEmGot += count(g, '⸻')
      st.enExpected += count(e, '–')
      st.enGot += count(g, '–')
      st.ellipsesExpected += count(e, '…')
      st.ellipsesGot += count(g, '…')
      st.doubleHyphenLeft += count(g, '--')
      st.threeDotsLeft += count(g, '...')
    }
  }
  return { language, stats: st, kinds: Object.fromEntries(kinds), examples }
}

/**
 * The Markdown chapters as Octavo trees, through mdast-util-from-markdown and a minimal mdast →
 * manuscript conversion (paragraphs, emphasis, breaks, note references; blockquotes flattened,
 * footnote definitions dropped as ref/ has none), so the transform is scored across inline nodes.
 */
export async function markdownParagraphs(
  dir,
  { fromMarkdown, gfm, gfmFromMarkdown, typography, toText, SourceFile },
) {
  const language = languageOf(dir)
  const files = readdirSync(join(dir, 'md'))
    .filter((f) => f.endsWith('.md'))
    .sort()
  const inline = (nodes) =>
    nodes.flatMap((n) => {
      switch (n.type) {
        case 'text':
          return [{ type: 'text', value: n.value }]
        case 'emphasis':
        case 'strong':
          return [{ type: n.type, children: inline(n.children) }]
        case 'break':
          return [{ type: 'break' }]
        case 'inlineCode':
          return [{ type: 'code', value: n.value }]
        case 'link':
          return [{ type: 'link', url: n.url, children: inline(n.children) }]
        case 'footnoteReference':
          return [{ type: 'footnoteReference', identifier: n.identifier }]
        default:
          return 'children' in n ? inline(n.children) : []
      }
    })
  const blocks = (nodes) =>
    nodes.flatMap((n) => {
      if (n.type === 'paragraph') return [{ type: 'paragraph', children: inline(n.children) }]
      if (n.type === 'blockquote' || n.type === 'list' || n.type === 'listItem') return blocks(n.children)
      return []
    })
  const chapters = files.map((f) => {
    const md = readFileSync(join(dir, 'md', f), 'utf8')
    const tree = fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
    return { type: 'chapter', matter: 'body', kind: 'chapter', file: f, children: blocks(tree.children) }
  })
  const root = {
    type: 'root',
    metadata: {
      title: '',
      authors: [],
      language,
      identifier: { scheme: 'uuid', value: '0' },
      subjects: [],
      contributors: [],
    },
    children: chapters,
  }
  const t0 = performance.now()
  await typography({})(root, new SourceFile(''))
  const ms = performance.now() - t0
  const got = chapters.map((c) => c.children.map((p) => toText(p.children)))
  return { files, got, ms }
}

/** Score already-smartened paragraphs (one list per chapter file) against ref/. */
export function scoreParagraphs(dir, files, got, ms, show = 0) {
  const skel = (s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')
  let i = 0
  return scoreBook(dir, () => '', {
    show,
    files,
    got: (f) => {
      const refs = paragraphs(join(dir, 'ref', f.replace(/\.md$/, '.txt'))).filter((p) => skel(p))
      const mine = got[i++].filter((p) => skel(p))
      return { ref: refs, got: mine }
    },
    ms,
  })
}

/** Context around the k-th quote mark of a paragraph, for printing. */
function around(s, k, set) {
  if (k < 0) return s.slice(0, 160)
  let seen = -1
  for (let i = 0; i < s.length; i++) {
    if (set.has(s[i]) && ++seen === k)
      return `…${s.slice(Math.max(0, i - 60), i)}⟦${s[i]}⟧${s.slice(i + 1, i + 60)}…`
  }
  return s.slice(0, 160)
}

function serialThroughput(dir, smarten) {
  const files = []
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (name.endsWith('.txt')) files.push(p)
    }
  }
  walk(dir)
  const paras = []
  let bytes = 0
  for (const f of files) {
    const text = readFileSync(f, 'utf8')
    bytes += Buffer.byteLength(text)
    for (const p of text.split('\n\n')) paras.push(p)
  }
  // One warm-up pass so the figure is the steady state a build sees, then the timed pass.
  for (const p of paras.slice(0, 2000)) smarten(p, 'en')
  // CPU time beside wall time: on a shared machine the CPU figure is the steadier one.
  const cpu = () => {
    const u = process.cpuUsage()
    return (u.user + u.system) / 1000
  }
  const t0 = performance.now()
  const c0 = cpu()
  let out = 0
  for (const p of paras) out += smarten(p, 'en').length
  const ms = performance.now() - t0
  const cpuMs = cpu() - c0
  const whole = paras.join('\n\n')
  const t1 = performance.now()
  const c1 = cpu()
  smarten(whole, 'en')
  const msWhole = performance.now() - t1
  const cpuWhole = cpu() - c1
  return { files: files.length, paragraphs: paras.length, bytes, ms, cpuMs, msWhole, cpuWhole, out }
}

/**
 * pandoc's `smart` extension on the same paragraphs: one pandoc run per book, the paragraphs kept
 * apart by a separator paragraph so each output paragraph lines up with its input. Undefined when
 * pandoc is not installed.
 */
function pandocSmarten(dir) {
  const SEP = 'QQSEPARATORQQ'
  const files = readdirSync(join(dir, 'txt'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
  const input = files
    .map((f) => paragraphs(join(dir, 'txt', f)).join(`\n\n${SEP}\n\n`))
    .join(`\n\n${SEP}FILE\n\n`)
  let out
  try {
    out = execFileSync('pandoc', ['-f', 'markdown+smart', '-t', 'plain', '--wrap=none'], {
      input,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    })
  } catch {
    return undefined
  }
  const byFile = out.split(`${SEP}FILE`)
  const results = new Map(files.map((f, k) => [f, (byFile[k] ?? '').split(SEP).map((p) => p.trim())]))
  return { files, got: (f) => ({ ref: paragraphs(join(dir, 'ref', f)), got: results.get(f) ?? [] }) }
}

function printStats(label, { stats: s, kinds }) {
  const pct = s.quotesExpected ? (100 * (s.quotesExpected - s.quoteErrors)) / s.quotesExpected : 100
  console.log(`  ${label}`)
  console.log(
    `    paragraphs ${s.paragraphs} scored, ${s.unaligned} unaligned, ${s.identical} identical to ref`,
  )
  console.log(
    `    quotes     ${s.quotesExpected} expected, ${s.quoteErrors} wrong (${pct.toFixed(4)}% right)` +
      `${s.quoteCountMismatch ? `, ${s.quoteCountMismatch} paragraphs with a different count` : ''}`,
  )
  if (Object.keys(kinds).length) console.log('    kinds     ', kinds)
  console.log(`    em dashes  ${s.emExpected} expected, ${s.emGot} got; ${s.doubleHyphenLeft} '--' left`)
  console.log(
    `    2-em/3-em  ${s.twoEmExpected}/${s.threeEmExpected} expected, ${s.twoEmGot}/${s.threeEmGot} got`,
  )
  console.log(`    en dashes  ${s.enExpected} expected, ${s.enGot} got`)
  console.log(
    `    ellipses   ${s.ellipsesExpected} expected, ${s.ellipsesGot} got; ${s.threeDotsLeft} '...' left`,
  )
}

/** `octavo check`'s lint warnings on a folder of chapters, and the words they are spread over. */
async function lintFigures(core, folder, language) {
  const { book, diagnostics } = await core.loadBook(folder, {
    metadata: { title: 'T', authors: [{ name: 'A' }], language },
  })
  const warnings = core
    .lintBook(book)
    .flatMap((f) => f.messages)
    .filter((m) => m.level === 'warning')
  const { words } = core.bookStats(book)
  const guessed = diagnostics.filter((d) => d.code === 'typography-ambiguous-quote').length
  return { warnings, words, guessed }
}

function printLint(label, { warnings, words, guessed }) {
  const byCode = {}
  for (const w of warnings) byCode[w.code] = (byCode[w.code] ?? 0) + 1
  const budget = Math.floor(words / 50_000)
  console.log(
    `  lint       ${warnings.length} warnings in about ${words.toLocaleString('en')} words (budget ${budget}: one per 50,000)` +
      `${warnings.length ? ` ${JSON.stringify(byCode)}` : ''}; ${guessed} quotes reported as guessed (info)`,
  )
  void label
}

async function main() {
  const args = process.argv.slice(2)
  const opt = (name, fallback) => {
    const i = args.indexOf(name)
    return i === -1 ? fallback : args[i + 1]
  }
  const show = Number(opt('--show', '0'))
  const corpus = opt('--corpus', `${SHARED}/corpus`)
  const here = fileURLToPath(new URL('.', import.meta.url))
  const dist = process.env.OCTAVO_DIST ?? join(here, '../packages/core/dist')
  const { smarten } = await import(pathToFileURL(join(dist, 'transforms/typography/index.js')).href)

  const md = args.includes('--md')
  let mdTools
  if (md) {
    // Markdown parsing comes from core's own dependencies (pnpm does not hoist them to the root).
    const { createRequire } = await import('node:module')
    const req = createRequire(join(here, '../packages/core/package.json'))
    const load = async (name) => import(pathToFileURL(req.resolve(name)).href)
    mdTools = {
      ...(await load('mdast-util-from-markdown')),
      ...(await load('micromark-extension-gfm')),
      ...(await load('mdast-util-gfm')),
      ...(await import(pathToFileURL(join(dist, 'transforms/typography/index.js')).href)),
      ...(await import(pathToFileURL(join(dist, 'model/walk.js')).href)),
      ...(await import(pathToFileURL(join(dist, 'diagnostics/file.js')).href)),
    }
  }

  console.log(
    `Typography vs corpus ref/ (${md ? 'md input, whole transform' : 'txt input'}; machine shared, timings rough)`,
  )
  const core = await import(pathToFileURL(join(dist, 'index.js')).href)
  const withPandoc = !md && !args.includes('--no-pandoc')
  for (const slug of readdirSync(corpus).sort()) {
    const dir = join(corpus, slug)
    if (!existsSync(join(dir, 'ref'))) continue
    let result
    if (md) {
      const { files, got, ms } = await markdownParagraphs(dir, mdTools)
      result = scoreParagraphs(dir, files, got, ms, show)
    } else result = scoreBook(dir, smarten, { show })
    const { language, stats: s, examples } = result
    console.log(`\n${slug} (${language})`)
    printStats('octavo', result)
    const rate = s.bytes
      ? ` for ${(s.bytes / 1e6).toFixed(2)} MB (${(s.bytes / 1e6 / (s.ms / 1000)).toFixed(0)} MB/s)`
      : ''
    console.log(`    time       ${s.ms.toFixed(1)} ms${rate}`)
    for (const x of examples) {
      console.log(`  [${x.file}] EXP: ${around(x.exp, x.at, QUOTES_EXP)}`)
      console.log(`  [${x.file}] GOT: ${around(x.got, x.at, QUOTES_OUT)}`)
    }
    if (withPandoc) {
      const p = pandocSmarten(dir)
      if (p)
        printStats(
          'pandoc -f markdown+smart (same txt/)',
          scoreBook(dir, () => '', { files: p.files, got: p.got }),
        )
      else console.log('  pandoc     not installed (apt-get install pandoc): not compared')
    }
    if (!md) printLint(slug, await lintFigures(core, join(dir, 'txt'), language))
  }

  const serial = opt(
    '--serial',
    ['/tmp/serial-typo', '/tmp/serial'].find((d) => existsSync(d)),
  )
  if (serial === 'none') return
  if (serial && existsSync(serial)) {
    const r = serialThroughput(serial, smarten)
    const mb = r.bytes / 1e6
    console.log(`\nserial ${serial}: ${r.files} files, ${r.paragraphs} paragraphs, ${mb.toFixed(1)} MB`)
    const line = (label, wall, cpu) =>
      `  ${label} ${wall.toFixed(0)} ms wall (${(mb / (wall / 1000)).toFixed(0)} MB/s), ${cpu.toFixed(0)} ms CPU (${(mb / (cpu / 1000)).toFixed(0)} MB/s)`
    console.log(line('by paragraph ', r.ms, r.cpuMs))
    console.log(line('as one string', r.msWhole, r.cpuWhole))
    const txt = existsSync(join(serial, 'txt')) ? join(serial, 'txt') : serial
    printLint('serial', await lintFigures(core, txt, 'en'))
  } else {
    console.log(
      '\nno serial found (node /work/shared/tools/gen-serial.mjs --out /tmp/serial-typo --formats txt)',
    )
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
