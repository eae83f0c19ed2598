// EPUB renderer benchmark: the 2M-word serial (1000 chapters) as a tree → EPUB bytes.
// Usage: node bench/epub.mjs [serial-dir] [--level N] [--runs N] [--options JSON] [--out file.epub]
//   make the serial with: node /work/shared/tools/gen-serial.mjs --out /tmp/serial-epub --formats txt
// The tree comes from a throwaway txt parser (blank lines split paragraphs, line 1 is the title)
// until the real readers land; its time is printed apart. Prints render ms (best of runs), output
// size, and peak RSS of the whole process. Figures are rough on a shared 2-core machine.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const dist = process.env.OCTAVO_DIST ?? new URL('../packages/core/dist', import.meta.url).pathname
const { epubRenderer } = await import(path.join(dist, 'renderers/epub/index.js'))
const { createMemoryEnv } = await import(path.join(dist, 'env.js'))

const args = process.argv.slice(2)
const flag = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? '/tmp/serial-epub'
const level = flag('--level', 6)
const runs = flag('--runs', 3)
const extra = args.includes('--options') ? JSON.parse(args[args.indexOf('--options') + 1]) : {}

function txtChapter(source, file, n) {
  const blocks = source.split(/\n[ \t]*\n/)
  const head = (blocks.shift() ?? '').trim()
  const m = /^(Chapter)\s+(\d+)(?::\s*(.*))?$/.exec(head)
  const children = []
  for (const block of blocks) {
    const text = block.trim()
    if (!text) continue
    if (/^(\*\s*){3}$/.test(text)) children.push({ type: 'sceneBreak' })
    else children.push({ type: 'paragraph', children: [{ type: 'text', value: text }] })
  }
  return {
    type: 'chapter',
    matter: 'body',
    kind: 'chapter',
    file,
    label: m ? m[1] : undefined,
    number: m ? Number(m[2]) : n,
    title: m?.[3] ? [{ type: 'text', value: m[3] }] : undefined,
    children,
  }
}

let t = performance.now()
const txtDir = path.join(dir, 'txt')
const names = readdirSync(txtDir)
  .filter((n) => n.endsWith('.txt'))
  .sort()
const chapters = names.map((name, i) =>
  txtChapter(readFileSync(path.join(txtDir, name), 'utf8'), `txt/${name}`, i + 1),
)
const tree = {
  type: 'root',
  metadata: {
    title: 'The Serial',
    authors: [{ name: 'A. Writer' }],
    language: 'en',
    identifier: { scheme: 'uuid', value: '6c1b2f9e-8a43-4d2a-b7f5-0e2d9c3a1b44' },
    subjects: [],
    contributors: [],
  },
  children: chapters,
}
console.log(`read + throwaway parse: ${(performance.now() - t).toFixed(0)} ms (${chapters.length} chapters)`)

let best = Infinity
let size = 0
for (let i = 0; i < runs; i++) {
  const env = createMemoryEnv({})
  t = performance.now()
  const cpu = process.cpuUsage()
  const bytes = await epubRenderer.render(tree, { compressionLevel: level, ...extra }, env)
  const ms = performance.now() - t
  const used = process.cpuUsage(cpu)
  best = Math.min(best, ms)
  size = bytes.length
  if (args.includes('--out')) writeFileSync(args[args.indexOf('--out') + 1], bytes)
  // CPU time is less disturbed than wall time when other jobs share the cores.
  console.log(
    `run ${i + 1}: ${ms.toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`,
  )
}
console.log(`render → EPUB bytes (level ${level}): best ${best.toFixed(0)} ms, ${(size / 1e6).toFixed(2)} MB`)
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
