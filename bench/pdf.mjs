// PDF renderer benchmark: a corpus book or the synthetic serial, as a tree → 6x9 PDF bytes.
// Usage: node bench/pdf.mjs [chapters-dir] [--limit N] [--out file.pdf] [--trim 6x9in]
//   default dir: /work/shared/corpus/war-and-peace/ref (the txt with typography applied: the
//   renderer receives trees after the typography transform). The serial:
//   node /work/shared/tools/gen-serial.mjs --out /tmp/serial --formats txt; node bench/pdf.mjs /tmp/serial/txt
// The tree comes from a throwaway txt parser (line 1 is the heading, blank lines split
// paragraphs); its time is printed apart. Prints render seconds (wall and CPU), pages, bytes,
// page-rule figures, the composed lines' figures (hyphenated share, word space p95/max over the
// normal space outside last lines, widows, orphans), the chapters left with a short last page
// and peak RSS of the whole process. Figures are rough on a shared 2-core machine.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const SHARED = process.env.OCTAVO_SHARED ?? new URL('../../shared', import.meta.url).pathname

const dist = process.env.OCTAVO_DIST ?? new URL('../packages/core/dist', import.meta.url).pathname
const { renderPdf } = await import(path.join(dist, 'renderers/pdf/index.js'))
const { createMemoryEnv } = await import(path.join(dist, 'env.js'))

const args = process.argv.slice(2)
const option = (name) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const dir =
  args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ??
  `${SHARED}/corpus/war-and-peace/ref`
const limit = Number(option('--limit') ?? Infinity)
const out = option('--out')
const trim = option('--trim') ?? '6x9in'

function chapter(source, file, n) {
  const blocks = source.split(/\n[ \t]*\n/)
  const head = (blocks.shift() ?? '').trim()
  const m = /^Chapter\s+(\d+)(?::\s*(.*))?$/.exec(head)
  const children = []
  for (const block of blocks) {
    const text = block.trim()
    if (!text) continue
    if (/^(\*\s*){3}$|^~~~$|^-----$/.test(text)) children.push({ type: 'sceneBreak' })
    else
      children.push({
        type: 'paragraph',
        children: [{ type: 'text', value: text.replace(/\s*\n\s*/g, ' ') }],
      })
  }
  const node = {
    type: 'chapter',
    matter: 'body',
    kind: 'chapter',
    file,
    label: 'Chapter',
    number: m ? Number(m[1]) : n,
    children,
  }
  if (m?.[2]) node.title = [{ type: 'text', value: m[2] }]
  return node
}

let t = performance.now()
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .slice(0, limit)
let words = 0
const chapters = files.map((file, i) => {
  const text = readFileSync(path.join(dir, file), 'utf8')
  words += text.split(/\s+/).length
  return chapter(text, file, i + 1)
})
const tree = {
  type: 'root',
  metadata: {
    title: path.basename(path.dirname(dir)),
    authors: [{ name: 'Benchmark' }],
    language: 'en-US',
    identifier: { scheme: 'uuid', value: 'urn:uuid:00000000-0000-4000-8000-000000000000' },
    subjects: [],
    contributors: [],
  },
  children: chapters,
}
const parseMs = performance.now() - t

t = performance.now()
const cpu = process.cpuUsage()
const env = createMemoryEnv({})
let bytes = 0
let report
const chunks = out ? [] : undefined
for await (const chunk of renderPdf(tree, { trim }, env, (r) => (report = r))) {
  bytes += chunk.length
  chunks?.push(chunk)
}
const seconds = (performance.now() - t) / 1000
const used = process.cpuUsage(cpu)
const cpuSeconds = (used.user + used.system) / 1e6
if (out) writeFileSync(out, Buffer.concat(chunks))
const rss = process.resourceUsage().maxRSS / 1024
console.log(
  `input       ${dir}: ${chapters.length} chapters, ~${words.toLocaleString('en')} words (parse ${parseMs.toFixed(0)} ms)`,
)
console.log(
  `render      ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU, ${report.pages} pages (${trim}), ${(bytes / 1e6).toFixed(1)} MB`,
)
console.log(
  `page rules  short pages ${report.shortPages}, long pages ${report.longPages}, pages filled by a re-break ${report.rebalancedPages ?? 'n/a'}, unbalanced spreads ${report.unbalancedSpreads ?? 'n/a'}, hyphen at page end ${report.hyphenAtPageEnd}, forced splits ${report.forcedSplits}, split notes ${report.splitNotes}`,
)
console.log(
  `paragraphs  ${report.paragraphs} broken (incl. relayouts), ${report.fallbackParagraphs} by the fallback breaker`,
)
const ratios = Float64Array.from(report.spaceRatios ?? []).sort()
const q = (p) => ratios[Math.min(ratios.length - 1, Math.floor(p * ratios.length))]
// Builds before the composer counted lines have no figures to print.
if (report.spaceRatios)
  console.log(
    `lines       ${report.lines}, ${((100 * report.hyphenated) / report.lines).toFixed(2)} % hyphenated; word space p95 ${q(0.95).toFixed(3)}, max ${ratios[ratios.length - 1].toFixed(3)} × normal (last lines excluded); widows ${report.widows}, orphans ${report.orphans}`,
  )
if (report.shortLastPages !== undefined)
  console.log(
    `make-up     chapters ending with < 4 lines on a page ${report.shortLastPages} (mended ${report.mendedLastPages}), page-end hyphens ${report.pageEndHyphens}`,
  )
console.log(`diagnostics ${env.file.messages.length}`)
console.log(`peak RSS    ${rss.toFixed(0)} MB`)
