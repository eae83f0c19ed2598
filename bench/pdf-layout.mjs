// Layout-quality benchmark for the PDF paragraph breaker: Knuth-Plass (layout/break.js) against
// greedy justified breaking (what pdfkit's LineWrapper does) on Pride and Prejudice, set in
// Literata 10.5 pt on a 6x9 in page, without and with letter-spacing and font expansion
// (ParagraphSpec.letterSpacing, ParagraphSpec.expansion, as the composer sets justified text).
// Prints line counts, hyphenation, word-space, letter-spacing and expansion statistics, passes
// and time.
// Then the figures of the composed book: the same novel (ref/ text, typography applied) through
// the real renderer (renderPdf, 6x9, default options: letter-spacing, page rules) as the pages
// are drawn, next to pdfkit's own greedy wrapper (doc.text(paragraph, {align: 'justify', width}))
// flowing the same paragraphs onto the same page: lines, hyphenated share, word space p95 and
// max over the normal space (last lines excluded), widows and orphans.
// Last, the page make-up and line quality of the composed PDF read back from its pages
// (bench/pdf-pages.mjs: word space p95, lines past 2x, hyphenated lines, hyphenated names, runts,
// page-turn hyphens, short last pages, unbalanced spreads, and each of the last three listed by
// page and chapter) next to the same book through pandoc +
// pdflatex with the same trim, margins, size, leading and language, and next to Octavo set in
// pdflatex's own face (Latin Modern, from Debian's fonts-lmodern) so the breakers compare on
// one face. Needs pandoc, pdflatex and lmodern (`apt-get install pandoc texlive-latex-base
// texlive-latex-recommended lmodern`); without them that column is left out, said once.
// Then the same page figures for the synthetic web serial (the shared generator's output,
// `node /work/shared/tools/gen-serial.mjs --out /tmp/octavo-serial`; SERIAL=<dir> for another
// place), loaded through the real pipeline (readers, typography), composed by renderPdf and read
// back: its first 50 chapters (100,000 words) by default, SERIAL_CHAPTERS=<n> for more (its
// Japanese name, 美咲, is set in Noto Serif CJK).
// Optional: BOOK=war-and-peace for the big book, W=<points> for another measure, LANG_TAG=en-GB,
// GREEDY=0 to leave out pdfkit's wrapper (30 s), SERIAL_CHAPTERS=0 to leave out the serial.
// Experiments (the composed book follows them too): PARAMS='{"hyphenPenalty":20}' overrides
// breaker parameters, LS='{"stretch":0.01,"shrink":0.025}' the letter-spacing and
// EXP='{"stretch":0.02,"shrink":0.02}' the font expansion (EXP='{"stretch":0,"shrink":0}': none).
//   node bench/pdf-layout.mjs
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pageFigures, printFigures, printPlaces } from './pdf-pages.mjs'

const SHARED = process.env.OCTAVO_SHARED ?? new URL('../../shared', import.meta.url).pathname

const dist = process.env.OCTAVO_DIST ?? new URL('../packages/core/dist', import.meta.url).pathname
const { breakParagraph, BREAK_PARAMETERS, LETTER_SPACING, FONT_EXPANSION } = await import(
  join(dist, 'renderers/pdf/layout/break.js')
)
// Experiments: overridden in place, so the composer (which reads the same objects) follows.
if (process.env.PARAMS) Object.assign(BREAK_PARAMETERS, JSON.parse(process.env.PARAMS))
if (process.env.LS) Object.assign(LETTER_SPACING, JSON.parse(process.env.LS))
if (process.env.EXP) Object.assign(FONT_EXPANSION, JSON.parse(process.env.EXP))
const { literataMeasurer } = await import(join(dist, 'renderers/pdf/layout/measure-fontkit.js'))

const book = process.env.BOOK ?? 'pride-and-prejudice'
const dir = `${SHARED}/corpus/${book}/txt`
const language = process.env.LANG_TAG ?? 'en-US'
// 6 in trim − 0.875 in inside − 0.625 in outside margin = 4.5 in = 324 pt.
const width = Number(process.env.W ?? 72 * (6 - 0.875 - 0.625))
const size = 10.5
const indent = 1.2 * size

/** Quick smartening so widths are realistic (not the real typography transform). */
function smarten(s) {
  return s
    .replace(/--/g, '\u2014')
    .replace(/\.\.\./g, '\u2026')
    .replace(/(^|[\s(\u2014[])"/g, '$1\u201C')
    .replace(/"/g, '\u201D')
    .replace(/(^|[\s(\u2014[])'/g, '$1\u2018')
    .replace(/'/g, '\u2019')
}

const paragraphs = []
for (const f of readdirSync(dir).sort()) {
  const text = readFileSync(join(dir, f), 'utf8')
  const body = text.slice(text.indexOf('\n') + 1)
  for (const p of body.split(/\n\s*\n/)) {
    const t = p.replace(/\s+/g, ' ').trim()
    if (t && t !== '* * *') paragraphs.push(smarten(t))
  }
}
const words = paragraphs.reduce((n, p) => n + p.split(' ').length, 0)

const measurer = literataMeasurer()
const space = measurer.width(' ', 'regular', size)

function percentile(sorted, q) {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

function report(name, stats, ms) {
  const ratios = Float64Array.from(stats.ratios).sort()
  console.log(`\n${name}`)
  console.log(`  lines                      ${stats.lines}`)
  console.log(
    `  hyphenated lines           ${stats.hyphenated} (${((100 * stats.hyphenated) / stats.lines).toFixed(2)} %)`,
  )
  console.log(`  3+ consecutive hyphens     ${stats.triple}`)
  console.log(
    `  word space p50 / p95 / max ${percentile(ratios, 0.5).toFixed(3)} / ${percentile(ratios, 0.95).toFixed(3)} / ${ratios[ratios.length - 1].toFixed(3)} × normal (justified lines, last lines excluded)`,
  )
  if (stats.gaps) {
    // The whole gap between two words grows by wordSpacing plus two Tc (the letter's and the
    // space's): the strictest reading of "word space", and what the read-back below measures.
    const gaps = Float64Array.from(stats.gaps).sort()
    console.log(
      `  gap incl. letter's Tc      ${percentile(gaps, 0.5).toFixed(3)} / ${percentile(gaps, 0.95).toFixed(3)} / ${gaps[gaps.length - 1].toFixed(3)} × normal (p5 ${percentile(gaps, 0.05).toFixed(3)})`,
    )
  }
  console.log(`  lines with space > 1.4×    ${stats.ratios.filter((r) => r > 1.4).length}`)
  console.log(`  lines with space > 2×      ${stats.ratios.filter((r) => r > 2).length}`)
  console.log(
    `  lines with space < 0.8×    ${stats.ratios.filter((r) => r < 0.8).length} (min ${ratios[0].toFixed(3)}×)`,
  )
  if (stats.letters) {
    const ls = stats.letters
    const mean = ls.reduce((a, b) => a + b, 0) / ls.length
    const meanAbs = ls.reduce((a, b) => a + Math.abs(b), 0) / ls.length
    const max = ls.reduce((a, b) => Math.max(a, b), 0)
    const min = ls.reduce((a, b) => Math.min(a, b), 0)
    console.log(
      `  letter-spacing mean        ${mean.toFixed(4)} em (mean |ls| ${meanAbs.toFixed(4)}, range ${min.toFixed(4)} … ${max.toFixed(4)} em)`,
    )
    console.log(
      `  lines > 50% letter stretch ${stats.halfLetters} (${((100 * stats.halfLetters) / ls.length).toFixed(2)} % of justified lines)`,
    )
  }
  if (stats.expansion) {
    const ex = Float64Array.from(stats.expansion).sort()
    const at = (q) => (100 * (percentile(ex, q) - 1)).toFixed(2)
    console.log(
      `  font expansion p5/p50/p95  ${at(0.05)} / ${at(0.5)} / ${at(0.95)} % (range ${(100 * (ex[0] - 1)).toFixed(2)} … ${(100 * (ex[ex.length - 1] - 1)).toFixed(2)} %)`,
    )
  }
  if (stats.shortLast !== undefined) console.log(`  last lines < 1.5 em        ${stats.shortLast}`)
  if (stats.passes) console.log(`  passes                     ${JSON.stringify(stats.passes)}`)
  if (stats.fallback !== undefined) console.log(`  greedy fallback paragraphs ${stats.fallback}`)
  console.log(`  time                       ${ms.toFixed(0)} ms`)
}

/** Break every paragraph twice (cold caches, then warm) and gather the statistics. */
function knuthPlass(extra) {
  const spec = (text) => ({
    runs: [{ text, style: 'regular', size }],
    lineWidths: [width],
    indent,
    align: 'justify',
    language,
    ...extra,
  })
  // First run: cold caches (word widths, hyphenation); the second times breaking alone.
  const cpu0 = process.cpuUsage()
  let t0 = performance.now()
  for (const text of paragraphs) breakParagraph(spec(text), measurer)
  const coldMs = performance.now() - t0
  const coldCpu = process.cpuUsage(cpu0)
  const stats = { lines: 0, hyphenated: 0, triple: 0, ratios: [], shortLast: 0, passes: {}, fallback: 0 }
  const letterStretch = extra.letterSpacing?.stretch ?? 0
  if (extra.letterSpacing) Object.assign(stats, { letters: [], halfLetters: 0, gaps: [] })
  if (extra.expansion) stats.expansion = []
  const layouts = []
  const cpu1 = process.cpuUsage()
  t0 = performance.now()
  for (const text of paragraphs) layouts.push(breakParagraph(spec(text), measurer))
  const warmMs = performance.now() - t0
  const warmCpu = process.cpuUsage(cpu1)
  for (const layout of layouts) {
    stats.passes[layout.pass] = (stats.passes[layout.pass] ?? 0) + 1
    if (layout.fallback) stats.fallback++
    let streak = 0
    for (const line of layout.lines) {
      stats.lines++
      const flagged =
        line.hyphenated || (line.breakKind === 'explicit' && /-$/.test(line.runs.at(-1)?.text ?? ''))
      if (line.hyphenated) stats.hyphenated++
      streak = flagged ? streak + 1 : 0
      if (streak === 3) stats.triple++
      if (line.last) {
        if (layout.lines.length > 1 && line.width < 1.5 * size) stats.shortLast++
      } else if (/ /.test(line.runs.map((r) => r.text).join(''))) {
        stats.ratios.push(line.spaceRatio)
        if (stats.letters) {
          const run = line.runs[0]
          const em = (run.characterSpacing ?? 0) / run.size
          stats.letters.push(em)
          if (letterStretch > 0 && em > 0.5 * letterStretch) stats.halfLetters++
          stats.gaps.push(line.spaceRatio + (run.characterSpacing ?? 0) / space)
        }
        if (stats.expansion) stats.expansion.push(line.runs[0].expansion ?? 1)
      }
    }
  }
  stats.coldMs = coldMs
  stats.coldCpu = coldCpu
  stats.warmMs = warmMs
  stats.warmCpu = warmCpu
  return stats
}

function timings(stats) {
  console.log(
    `  cold run (measuring + hyphenating + breaking): ${stats.coldMs.toFixed(0)} ms wall, ${((stats.coldCpu.user + stats.coldCpu.system) / 1000).toFixed(0)} ms CPU`,
  )
  console.log(
    `  warm run (breaking, caches full):               ${stats.warmMs.toFixed(0)} ms wall, ${((stats.warmCpu.user + stats.warmCpu.system) / 1000).toFixed(0)} ms CPU`,
  )
}

const letterSpacing = LETTER_SPACING
const plain = knuthPlass({})
const spaced = knuthPlass({ letterSpacing, expansion: FONT_EXPANSION })

// Greedy justified: fill each line as full as it goes (natural spaces), then stretch the spaces.
const t1 = performance.now()
const gr = { lines: 0, hyphenated: 0, triple: 0, ratios: [] }
for (const text of paragraphs) {
  const ws = text.split(' ')
  let lineW = indent
  let lineWords = 0
  let wordsW = indent
  const flush = (last) => {
    gr.lines++
    if (!last && lineWords > 1) gr.ratios.push((width - wordsW) / ((lineWords - 1) * space))
  }
  for (const w of ws) {
    const ww = measurer.width(w, 'regular', size)
    if (lineWords > 0 && lineW + space + ww > width) {
      flush(false)
      lineW = 0
      wordsW = 0
      lineWords = 0
    }
    lineW += (lineWords > 0 ? space : 0) + ww
    wordsW += ww
    lineWords++
  }
  flush(true)
}
const grMs = performance.now() - t1

console.log(
  `${book}: ${paragraphs.length} paragraphs, ${words} words; measure ${width.toFixed(1)} pt, Literata ${size} pt, indent ${indent.toFixed(1)} pt, ${language}`,
)
console.log(`normal space ${space.toFixed(3)} pt = ${(space / size).toFixed(3)} em`)
console.log('(2 shared cores: timings are rough)')
report('Knuth-Plass, no letter-spacing (octavo layout/break)', plain, plain.warmMs)
timings(plain)
report(
  `Knuth-Plass with letterSpacing ${JSON.stringify(letterSpacing)} em and expansion ${JSON.stringify(FONT_EXPANSION)} (pretolerance ${BREAK_PARAMETERS.letterSpacedPretolerance}, shrink weight ${BREAK_PARAMETERS.letterSpacedShrinkWeight}, share ${BREAK_PARAMETERS.letterSpacedShare}), as the composer sets justified text`,
  spaced,
  spaced.warmMs,
)
timings(spaced)
report('Greedy justified (pdfkit LineWrapper emulation, no hyphenation)', gr, grMs)

// ---------------------------------------------------------------- the composed book

const { renderPdf } = await import(join(dist, 'renderers/pdf/index.js'))
const { createMemoryEnv } = await import(join(dist, 'env.js'))
const { literataPaths } = await import(join(dist, 'renderers/pdf/layout/measure-fontkit.js'))
// pdfkit is core's dependency, not the repository root's: resolve it from core's package.
const { createRequire } = await import('node:module')
const { default: PDFDocument } = await import(createRequire(join(dist, '../package.json')).resolve('pdfkit'))

const refDir = `${SHARED}/corpus/${book}/ref`
const work = mkdtempSync(join(tmpdir(), 'octavo-pdf-layout-'))
const octavoPdf = join(work, 'octavo.pdf')
const octavoLmPdf = join(work, 'octavo-latin-modern.pdf')
const LM = '/usr/share/texmf/fonts/opentype/public/lm'
const chapters = []
for (const f of readdirSync(refDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  const blocks = readFileSync(join(refDir, f), 'utf8').split(/\n[ \t]*\n/)
  const head = (blocks.shift() ?? '').trim()
  const paras = blocks.map((b) => b.trim().replace(/\s*\n\s*/g, ' ')).filter(Boolean)
  chapters.push({ head, file: f, paras })
}

function figures(name, f) {
  const ratios = Float64Array.from(f.ratios).sort()
  console.log(`\n${name}`)
  console.log(`  pages                      ${f.pages}`)
  console.log(`  lines                      ${f.lines}`)
  console.log(
    `  ${f.hyphenLabel ?? 'hyphenated lines          '} ${f.hyphenated} (${((100 * f.hyphenated) / f.lines).toFixed(2)} %)`,
  )
  console.log(
    `  word space p50 / p95 / max ${percentile(ratios, 0.5).toFixed(3)} / ${percentile(ratios, 0.95).toFixed(3)} / ${ratios[ratios.length - 1].toFixed(3)} × normal (${ratios.length} justified lines, last lines excluded)`,
  )
  console.log(`  lines with space > 1.4×    ${f.ratios.filter((r) => r > 1.4).length}`)
  console.log(`  lines with space > 2×      ${f.ratios.filter((r) => r > 2).length}`)
  console.log(`  widows / orphans           ${f.widows} / ${f.orphans}`)
  if (f.ms !== undefined) console.log(`  time                       ${f.ms.toFixed(0)} ms`)
}

{
  const tree = {
    type: 'root',
    metadata: {
      title: book,
      authors: [{ name: 'Benchmark' }],
      language,
      identifier: { scheme: 'uuid', value: 'urn:uuid:00000000-0000-4000-8000-000000000000' },
      subjects: [],
      contributors: [],
    },
    children: chapters.map((c, i) => ({
      type: 'chapter',
      matter: 'body',
      kind: 'chapter',
      file: c.file,
      label: 'Chapter',
      number: i + 1,
      children: c.paras.map((text) =>
        /^(\*\s*){3}$/.test(text)
          ? { type: 'sceneBreak' }
          : { type: 'paragraph', children: [{ type: 'text', value: text }] },
      ),
    })),
  }
  const t0 = performance.now()
  const { report, bytes } = await compose(tree, {}, {})
  writeFileSync(octavoPdf, bytes)
  figures(`Composed PDF (renderPdf, 6x9in, default options; ${(bytes.length / 1e6).toFixed(1)} MB)`, {
    ...report,
    ratios: report.spaceRatios,
    ms: performance.now() - t0,
  })
  console.log(
    `  make-up (composer's count)  short last pages ${report.shortLastPages} (mended ${report.mendedLastPages}), page-end hyphens ${report.pageEndHyphens}, hyphenated capitals ${report.hyphenatedCapitals}, runts ${report.runts}, unbalanced spreads ${report.unbalancedSpreads}, short/long pages ${report.shortPages}/${report.longPages}`,
  )
  if (existsSync(LM)) {
    const faces = {
      regular: 'lmroman10-regular.otf',
      italic: 'lmroman10-italic.otf',
      bold: 'lmroman10-bold.otf',
    }
    const files = Object.fromEntries(Object.values(faces).map((f) => [f, readFileSync(join(LM, f))]))
    writeFileSync(octavoLmPdf, (await compose(tree, { font: faces }, files)).bytes)
  }
}

async function compose(tree, options, files) {
  let report
  const chunks = []
  for await (const chunk of renderPdf(tree, options, createMemoryEnv(files), (r) => (report = r)))
    chunks.push(chunk)
  return { report, bytes: Buffer.concat(chunks) }
}

if (process.env.GREEDY !== '0') {
  // pdfkit's LineWrapper: the same text block (324 pt, 6x9in with our margins), Literata 10.5 pt
  // on our 14.18 pt leading, 1 em first-line indent, each chapter on a new page.
  const t0 = performance.now()
  const doc = new PDFDocument({ autoFirstPage: false, size: [432, 648], compress: false })
  doc.on('data', () => {})
  doc.registerFont('body', literataPaths().regular)
  let pages = 0
  doc.on('pageAdded', () => pages++)
  const f = { lines: 0, hyphenated: 0, ratios: [], widows: 0, orphans: 0 }
  let current = []
  const fragment = doc._fragment.bind(doc)
  doc._fragment = (text, x, y, options) => {
    current.push(pages)
    f.lines++
    const t = text.replace(/\n/g, '')
    if (/\u00AD$|-$/.test(t.trimEnd()) && options.align === 'justify') f.hyphenated++
    const words = t.trim().split(/\s+/)
    if (options.align === 'justify' && words.length > 1) {
      const textWidth = doc.widthOfString(t.replace(/\s+/g, ''), options)
      const space = doc.widthOfString(' ')
      const wordSpacing = Math.max(0, (options.lineWidth - textWidth) / (words.length - 1) - space)
      f.ratios.push((space + wordSpacing) / space)
    }
    return fragment(text, x, y, options)
  }
  const margins = { top: 54, bottom: 58, left: 63, right: 45 }
  for (const chapter of chapters) {
    doc.addPage({ size: [432, 648], margins })
    doc.font('body').fontSize(size)
    const lineGap = 14.18 - doc.currentLineHeight()
    doc.text(chapter.head, { align: 'center', width: 324 })
    doc.moveDown(2)
    for (const text of chapter.paras) {
      current = []
      doc.text(text, { align: 'justify', width: 324, indent: size, lineGap })
      if (current.length > 1) {
        if (current[0] !== current[1]) f.orphans++
        if (current[current.length - 1] !== current[current.length - 2]) f.widows++
      }
    }
  }
  doc.end()
  figures("pdfkit's greedy wrapper (doc.text, align justify, same text block and leading)", {
    ...f,
    pages,
    // pdfkit inserts no hyphens: these lines end after a hyphen already in the text.
    hyphenLabel: 'lines ending in a hyphen  ',
    ms: performance.now() - t0,
  })
}

// ---------------------------------------------------------------- against pandoc + pdflatex

/** The same chapters through pandoc (Markdown → LaTeX) and pdflatex: same trim, margins, size, leading. */
function pdflatex() {
  const md = chapters
    .map((c) =>
      [`# ${c.head}`, ...c.paras.map((p) => (/^(\*\s*){3}$/.test(p) ? '\\* \\* \\*' : p))].join('\n\n'),
    )
    .join('\n\n')
    // pdflatex's default fonts have no two- and three-em dashes.
    .replace(/\u2E3A/g, '\u2014\u2014')
    .replace(/\u2E3B/g, '\u2014\u2014\u2014')
  writeFileSync(join(work, 'book.md'), md)
  writeFileSync(join(work, 'size.tex'), '\\AtBeginDocument{\\fontsize{10.5}{14.18}\\selectfont}\n')
  execFileSync(
    'pandoc',
    [
      'book.md',
      '-f',
      'markdown-smart',
      '-s',
      '-o',
      'book.tex',
      '--top-level-division=chapter',
      '-V',
      'documentclass=book',
      '-V',
      'classoption=openany',
      '-V',
      `lang=${language}`,
      '-V',
      'indent=true',
      '-V',
      'geometry:paperwidth=6in,paperheight=9in,inner=0.875in,outer=0.625in,top=0.75in,bottom=0.8in',
      '-H',
      'size.tex',
    ],
    { cwd: work },
  )
  try {
    execFileSync('pdflatex', ['-interaction=nonstopmode', 'book.tex'], { cwd: work, stdio: 'ignore' })
  } catch {
    // pdflatex exits non-zero on characters its fonts lack; the PDF is still written.
  }
  return join(work, 'book.pdf')
}

{
  const t0 = performance.now()
  const columns = { 'Octavo (Literata)': pageFigures(octavoPdf, { top: 54 }) }
  if (existsSync(octavoLmPdf)) columns['Octavo (Latin Modern)'] = pageFigures(octavoLmPdf, { top: 54 })
  let have = true
  for (const tool of ['pandoc', 'pdflatex', 'pdftotext']) {
    try {
      execFileSync('which', [tool], { stdio: 'ignore' })
    } catch {
      have = false
      console.log(
        `\n(${tool} is not installed: apt-get install pandoc texlive-latex-base texlive-latex-recommended lmodern poppler-utils)`,
      )
      break
    }
  }
  if (have)
    columns['pandoc + pdflatex (Latin Modern)'] = pageFigures(pdflatex(), {
      top: 54,
      opening: /^Chapter \d+$/,
    })
  console.log(
    `\nRead back from the pages (pdftotext -bbox-layout; word space = a line's median gap over the median gap of paragraph last lines), ${language}, 6x9in, 10.5/14.18 pt, same margins (${(performance.now() - t0).toFixed(0)} ms)`,
  )
  printFigures(columns)
  printPlaces(columns)
  const P = BREAK_PARAMETERS
  console.log(
    `  knobs: tolerance ${P.tolerance}, hyphenPenalty ${P.hyphenPenalty}, namePenalty ${P.namePenalty}, runtDemerits ${P.runtDemerits}, letterSpacedShrinkWeight ${P.letterSpacedShrinkWeight}, letterSpacedShare ${P.letterSpacedShare}, letter-spacing +${LETTER_SPACING.stretch}/-${LETTER_SPACING.shrink} em, font expansion +${100 * FONT_EXPANSION.stretch}/-${100 * FONT_EXPANSION.shrink} %, looseness ±1 by the page composer`,
  )
}

// ---------------------------------------------------------------- the serial

const serialDir = process.env.SERIAL ?? '/tmp/octavo-serial'
const serialChapters = Number(process.env.SERIAL_CHAPTERS ?? 50)
if (serialChapters > 0 && !existsSync(join(serialDir, 'txt'))) {
  console.log(
    `\n(no serial at ${serialDir}: node /work/shared/tools/gen-serial.mjs --out ${serialDir}, or SERIAL=<dir>)`,
  )
} else if (serialChapters > 0) {
  const { loadBook } = await import(join(dist, 'index.js'))
  const dir = join(work, 'serial')
  mkdirSync(dir)
  const files = readdirSync(join(serialDir, 'txt'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, serialChapters)
  for (const f of files) copyFileSync(join(serialDir, 'txt', f), join(dir, f))
  writeFileSync(
    join(dir, 'book.yaml'),
    `title: The Lanternkeeper's Daughter\nauthors: [{name: Benchmark}]\nlanguage: ${language}\nchapters: ['*.txt']\n`,
  )
  const t0 = performance.now()
  const { book: serial, diagnostics } = await loadBook(join(dir, 'book.yaml'))
  if (!serial) {
    console.log(`\n(the serial did not load: ${diagnostics.map((d) => d.code).join(', ')})`)
  } else {
    const { report, bytes } = await compose(serial.tree, {}, {})
    const serialPdf = join(work, 'serial.pdf')
    writeFileSync(serialPdf, bytes)
    const meta = existsSync(join(serialDir, 'meta.json'))
      ? JSON.parse(readFileSync(join(serialDir, 'meta.json'), 'utf8'))
      : { chapters: [] }
    const words = meta.chapters.slice(0, files.length).reduce((n, c) => n + c.words, 0)
    console.log(
      `\nThe serial, chapters 1–${files.length} (${words.toLocaleString('en')} words, ${report.pages} pages, ${((performance.now() - t0) / 1000).toFixed(1)} s), composed by renderPdf at 6x9in with default options`,
    )
    console.log(
      `  make-up (composer's count)  short last pages ${report.shortLastPages} (mended ${report.mendedLastPages}), page-end hyphens ${report.pageEndHyphens}, hyphenated capitals ${report.hyphenatedCapitals}, runts ${report.runts}, unbalanced spreads ${report.unbalancedSpreads}, short/long pages ${report.shortPages}/${report.longPages}, widows/orphans ${report.widows}/${report.orphans}`,
    )
    const columns = { 'Octavo (Literata), serial': pageFigures(serialPdf, { top: 54 }) }
    printFigures(columns)
    printPlaces(columns)
  }
}
