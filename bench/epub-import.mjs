// EPUB → EPUB benchmark: a 2,000-chapter EPUB (made by Octavo from generated chapters) read back
// through the EPUB reader (loadBook on the .epub, as `octavo build novel.epub` does) and rendered
// to EPUB again. Prints the read and render times (best of runs) and the peak RSS of the process.
// Usage: node bench/epub-import.mjs [--chapters N] [--words N] [--runs N]   (build first: pnpm -r run build)
// Figures are rough on a shared machine.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const dist = process.env.OCTAVO_DIST ?? new URL('../packages/core/dist', import.meta.url).pathname
const { createBook, loadBook, render } = await import(path.join(dist, 'index.js'))

const args = process.argv.slice(2)
const flag = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const chapters = flag('--chapters', 2000)
const wordsPer = flag('--words', 1000)
const runs = flag('--runs', 2)

const WORDS = 'the lantern was lit at dusk and wind came off the sea over the harbour wall'.split(' ')
function paragraph(seed, n) {
  const out = []
  for (let i = 0; i < n; i++) out.push(WORDS[(seed * 7 + i * 13) % WORDS.length])
  return `${out.join(' ')}.`
}
const source = []
for (let c = 1; c <= chapters; c++) {
  const paras = []
  for (let p = 0; p < wordsPer / 50; p++) paras.push(paragraph(c + p, 50))
  source.push({ markdown: `# Chapter ${c}: Night ${c}\n\n${paras.join('\n\n')}` })
}
const { book: made } = await createBook({
  metadata: { title: 'The Long Serial', author: 'A. Writer', language: 'en' },
  chapters: source,
})
const input = await render(made, 'epub')
const dir = mkdtempSync(path.join(tmpdir(), 'octavo-epub-import-'))
const file = path.join(dir, 'long-serial.epub')
writeFileSync(file, input)
console.log(
  `input: ${chapters} chapters, ${chapters * wordsPer} words, ${(input.length / 1e6).toFixed(1)} MB EPUB`,
)

let bestRead = Number.POSITIVE_INFINITY
let bestRender = Number.POSITIVE_INFINITY
let out
for (let run = 0; run < runs; run++) {
  const t0 = performance.now()
  const { book, diagnostics } = await loadBook([file])
  const t1 = performance.now()
  if (!book) throw new Error(diagnostics.map((d) => d.message).join('\n'))
  out = await render(book, 'epub')
  const t2 = performance.now()
  bestRead = Math.min(bestRead, t1 - t0)
  bestRender = Math.min(bestRender, t2 - t1)
  const read = book.tree.children.length
  if (read !== chapters) throw new Error(`read ${read} chapters, expected ${chapters}`)
}
console.log(`read (EPUB reader):  ${bestRead.toFixed(0)} ms`)
console.log(`render (EPUB):       ${bestRender.toFixed(0)} ms`)
console.log(
  `EPUB → EPUB:         ${(bestRead + bestRender).toFixed(0)} ms, output ${(out.length / 1e6).toFixed(1)} MB`,
)
console.log(`peak RSS:            ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
