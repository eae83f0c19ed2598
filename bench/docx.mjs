#!/usr/bin/env node
// A 150,000-word Word manuscript → EPUB: the time to read it (unzip, parse, structure) and to
// render the EPUB, and the peak RSS. The .docx is generated once with the `docx` package (60
// chapters in Heading 1, italics, a footnote and a scene break per chapter) into
// /tmp/octavo-docx/novel.docx, seeded so every run reads the same bytes. Target: < 1.5 s end to end.
//
//   node bench/docx.mjs [--runs N] [--words N]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = process.env.OCTAVO_DIST ?? path.join(here, '../packages/core/dist')
const args = process.argv.slice(2)
const flag = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args.splice(i, 2)[1] : fallback
}
const runs = Number(flag('--runs', '3'))
const target = Number(flag('--words', '150000'))
const out = `/tmp/octavo-docx/novel-${target}.docx`

if (!existsSync(out)) {
  const d = createRequire(path.join(here, '../packages/core/package.json'))('docx')
  const lexicon = (
    'the a storm came exactly when you said and we waited by window for letter that never arrived ' +
    'orchard glass bells rang morning grey she ran her hands through cold water remembered how ' +
    'father had planted each tree one spring after war ended nothing grew there since'
  ).split(' ')
  let seed = 20261202
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const sentence = () => {
    const n = 6 + Math.floor(rand() * 14)
    const words = Array.from({ length: n }, () => lexicon[Math.floor(rand() * lexicon.length)])
    words[0] = words[0][0].toUpperCase() + words[0].slice(1)
    return { text: `${words.join(' ')}. `, n }
  }
  const chapters = 60
  const perChapter = Math.ceil(target / chapters)
  const children = []
  const footnotes = {}
  let words = 0
  for (let c = 1; c <= chapters; c++) {
    children.push(
      new d.Paragraph({ text: `Chapter ${c}`, heading: d.HeadingLevel.HEADING_1, pageBreakBefore: c > 1 }),
    )
    let inChapter = 0
    let p = 0
    while (inChapter < perChapter) {
      const runs = []
      for (let s = 0; s < 5 && inChapter < perChapter; s++) {
        const { text, n } = sentence()
        inChapter += n
        runs.push(new d.TextRun({ text, italics: s === 2 && p % 3 === 0 }))
      }
      if (p === 3) {
        footnotes[c] = { children: [new d.Paragraph(`A note in chapter ${c}.`)] }
        runs.push(new d.FootnoteReferenceRun(c))
      }
      children.push(new d.Paragraph({ indent: { firstLine: 360 }, children: runs }))
      if (p === 20) children.push(new d.Paragraph({ alignment: d.AlignmentType.CENTER, text: '* * *' }))
      p++
    }
    words += inChapter
  }
  const doc = new d.Document({ title: 'Benchmark', creator: 'Bench', footnotes, sections: [{ children }] })
  mkdirSync(path.dirname(out), { recursive: true })
  writeFileSync(out, await d.Packer.toBuffer(doc))
  console.error(`wrote ${out} (${words} words)`)
}

const { loadBook, render, bookStats } = await import(pathToFileURL(path.join(dist, 'index.js')).href)
process.env.SOURCE_DATE_EPOCH ??= '1700000000'

const times = { load: [], render: [], cpu: [] }
let words = 0
let chapters = 0
let bytes = 0
for (let run = 0; run < runs; run++) {
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const { book, diagnostics } = await loadBook(out)
  const t1 = performance.now()
  if (!book) throw new Error(diagnostics.map((d) => d.message).join('\n'))
  times.load.push(t1 - t0)
  if (run === 0) {
    const stats = bookStats(book)
    words = stats.words
    chapters = stats.chapters.length
  }
  const t2 = performance.now()
  const epub = await render(book, 'epub')
  times.render.push(performance.now() - t2)
  const cpu = process.cpuUsage(c0)
  // CPU time too: on a busy machine the wall time measures the neighbours.
  times.cpu.push((cpu.user + cpu.system) / 1000)
  bytes = epub.byteLength
}
const best = (list) => Math.round(Math.min(...list))
console.log(
  JSON.stringify({
    file: out,
    chapters,
    words,
    runs,
    load: `${best(times.load)} ms`,
    render: `${best(times.render)} ms`,
    total: `${best(times.load.map((l, i) => l + times.render[i]))} ms`,
    cpu: `${best(times.cpu)} ms`,
    outputBytes: bytes,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
)
