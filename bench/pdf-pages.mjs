// Page make-up and line-quality figures of any PDF, read back the way a reader sees the pages:
// poppler's `pdftotext -bbox-layout` gives every line and word with its box, and the same rules
// measure Octavo's file and pdflatex's, so neither tool's own bookkeeping decides the comparison.
//   - a line is justified when it reaches the text block's right edge (the page's rightmost line
//     end, within 0.5 pt) and starts at its left edge or one indent in; lines above the text block
//     (running heads) and single-word lines below it (folios) are left out;
//   - its word space is the median gap between its words (TeX widens the space after a full stop;
//     the median reads the ordinary space), over the natural space: the median gap of the book's
//     paragraph last lines, which both tools set at natural width. Poppler places each glyph as
//     the viewer does, Tc and Tz (font expansion) included, and a word's box ends at its last
//     glyph's advance: the gap is what shows between two words (the space, its Tw, the Tc after
//     the space and after the word's last letter); an expanded word is wider, its gap is not;
//   - a hyphenated line is a justified line ending in a hyphen (inserted or the author's), a name
//     break one whose broken word starts with a capital, a runt a paragraph's last line (starting
//     at the left edge, short of the right) of a single word;
//   - a page-turn hyphen is a hyphen ending a page's last line; a short last page the last page of
//     a chapter (the page before a page that opens one with `opening`, or the last) holding fewer
//     than four lines when it is not the opening page itself; an unbalanced spread a verso and
//     recto, both full text pages within one chapter, whose last lines differ by half a line or more.
// Each fault is also listed where it is (`places`: PDF page number, folio, the chapter's heading),
// so a page can be looked at: `node bench/pdf-pages.mjs book.pdf [--top 54]` prints the figures
// and the list for any PDF.
// Exported for bench/pdf-layout.mjs: pageFigures(pdfPath, { top, opening }), printFigures(columns),
// printPlaces(columns).
import { execFileSync } from 'node:child_process'
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" }

function parse(xhtml) {
  const pages = []
  for (const [, attrs, body] of xhtml.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)) {
    const width = Number(/width="([\d.]+)"/.exec(attrs)[1])
    const lines = []
    for (const [, lineBody] of body.matchAll(/<line [^>]*>([\s\S]*?)<\/line>/g)) {
      const words = []
      for (const [, x0, y0, x1, y1, text] of lineBody.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ))
        words.push({
          x0: Number(x0),
          y0: Number(y0),
          x1: Number(x1),
          y1: Number(y1),
          text: text.replace(/&\w+;/g, (e) => ENTITIES[e] ?? e),
        })
      if (words.length > 0)
        lines.push({
          words,
          x0: words[0].x0,
          x1: words.at(-1).x1,
          y0: Math.min(...words.map((w) => w.y0)),
          y1: Math.max(...words.map((w) => w.y1)),
          text: words.map((w) => w.text).join(' '),
        })
    }
    lines.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0)
    pages.push({ width, lines })
  }
  return pages
}

function median(values) {
  if (values.length === 0) return Number.NaN
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.floor(sorted.length / 2)]
}

function percentile(values, q) {
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

/**
 * Figures of a PDF's body pages. `top`: the text block's top in points (lines above it are
 * running heads); `opening`: a RegExp matching a line that opens a chapter.
 */
export function pageFigures(path, { top, opening = /^Chapter \d+/ }) {
  const xhtml = execFileSync('pdftotext', ['-bbox-layout', path, '-'], { maxBuffer: 1 << 30 }).toString()
  const pages = parse(xhtml)
  // Text lines only: below the head, and not a lone folio.
  for (const page of pages) {
    const body = page.lines.filter((l) => l.y0 >= top - 2)
    const foot = body.length > 0 ? body.at(-1) : undefined
    if (foot && foot.words.length === 1 && /^[\divxlc]+$/.test(foot.text)) body.pop()
    page.body = body
    page.right = Math.max(0, ...body.filter((l) => l.words.length >= 4).map((l) => l.x1))
    page.left = Math.min(Infinity, ...body.filter((l) => l.words.length >= 4).map((l) => l.x0))
    page.opens = body.some((l) => opening.test(l.text))
    // The printed folio: a number opening or closing the running head, or the lone one at the foot.
    const ends = (l) => [l.words[0].text, l.words.at(-1).text].find((t) => /^\d+$/.test(t))
    const head = page.lines.filter((l) => l.y0 < top - 2).find(ends)
    page.folio = head ? ends(head) : foot && foot !== body.at(-1) ? foot.text : ''
    if (page.opens) {
      const at = body.findIndex((l) => opening.test(l.text))
      page.heading = body
        .slice(at, at + 2)
        .map((l) => l.text)
        .join(' / ')
    }
  }
  const natural = []
  const justified = []
  let lines = 0
  let hyphenated = 0
  let names = 0
  let runts = 0
  let paragraphsEnds = 0
  for (const page of pages) {
    for (const line of page.body) {
      if (!Number.isFinite(page.left) || page.right === 0) continue
      lines++
      const gaps = []
      for (let i = 1; i < line.words.length; i++) gaps.push(line.words[i].x0 - line.words[i - 1].x1)
      const atLeft = Math.abs(line.x0 - page.left) < 0.5
      const indented = line.x0 - page.left > 0.5 && line.x0 - page.left < 20
      const full = Math.abs(line.x1 - page.right) < 0.5
      if (full && (atLeft || indented) && gaps.length > 0) {
        justified.push(median(gaps))
        const last = line.words.at(-1).text
        if (/[-\u2010]$/.test(last)) {
          hyphenated++
          if (/^[^\p{L}]*\p{Lu}[\p{L}\p{M}’']*[-\u2010]$/u.test(last)) names++
        }
      } else if (atLeft && !full) {
        paragraphsEnds++
        if (gaps.length > 0) natural.push(...gaps)
        else runts++
      }
    }
  }
  const space = median(natural)
  const ratios = justified.map((g) => g / space)
  // Page make-up: page ends, chapter ends, spreads.
  let pageTurnHyphens = 0
  let shortLastPages = 0
  let unbalanced = 0
  let spreads = 0
  const depth = (page) => (page.body.length > 0 ? page.body.at(-1).y1 : 0)
  const leading = median(
    pages.flatMap((p) => p.body.slice(1).map((l, i) => l.y0 - p.body[i].y0)).filter((d) => d > 5 && d < 30),
  )
  const body = pages.findIndex((page) => page.opens)
  const places = { shortLastPages: [], pageTurnHyphens: [], unbalanced: [] }
  let heading = ''
  const where = (i) => ({ page: i + 1, folio: pages[i].folio, chapter: heading })
  pages.forEach((page, i) => {
    if (page.opens) heading = page.heading
    if (page.body.length === 0 || i < body) return
    const last = page.body.at(-1)
    if (/[-\u2010]$/.test(last.words.at(-1).text) && Math.abs(last.x1 - page.right) < 0.5) {
      pageTurnHyphens++
      places.pageTurnHyphens.push({ ...where(i), text: last.text })
    }
    const next = pages[i + 1]
    const chapterEnd = !next || next.opens || next.body.length === 0
    if (chapterEnd && !page.opens && page.body.length < 4) {
      shortLastPages++
      places.shortLastPages.push({ ...where(i), lines: page.body.length })
    }
  })
  // Spreads: page i (0-based) odd is a verso, facing page i + 1.
  for (let i = 1; i + 2 < pages.length; i += 2) {
    const verso = pages[i]
    const recto = pages[i + 1]
    const after = pages[i + 2]
    if (verso.opens || recto.opens || after.opens || verso.body.length < 10 || recto.body.length < 10)
      continue
    spreads++
    if (Math.abs(depth(verso) - depth(recto)) >= leading / 2) {
      unbalanced++
      places.unbalanced.push({
        page: i + 1,
        folio: verso.folio,
        lines: (depth(recto) - depth(verso)) / leading,
      })
    }
  }
  return {
    pages: pages.length,
    lines,
    justified: ratios.length,
    naturalSpace: space,
    p50: percentile(ratios, 0.5),
    p95: percentile(ratios, 0.95),
    max: Math.max(...ratios),
    over2: ratios.filter((r) => r > 2).length,
    hyphenated,
    names,
    runts,
    paragraphsEnds,
    pageTurnHyphens,
    shortLastPages,
    spreads,
    unbalanced,
    places,
  }
}

/** Where the make-up faults are, column by column: PDF page (folio) and chapter. */
export function printPlaces(columns) {
  for (const [name, f] of Object.entries(columns)) {
    const { shortLastPages, pageTurnHyphens, unbalanced } = f.places
    if (shortLastPages.length + pageTurnHyphens.length + unbalanced.length === 0) continue
    console.log(`  ${name}:`)
    for (const p of shortLastPages)
      console.log(`    short last page   p. ${p.page} (folio ${p.folio}), ${p.lines} lines, ${p.chapter}`)
    for (const p of pageTurnHyphens)
      console.log(`    page-turn hyphen  p. ${p.page} (folio ${p.folio}), “${p.text}”, ${p.chapter}`)
    for (const p of unbalanced)
      console.log(
        `    spread apart      pp. ${p.page}-${p.page + 1} (folio ${p.folio}), recto ${p.lines > 0 ? '+' : ''}${p.lines.toFixed(1)} lines`,
      )
  }
}

// Run directly: the figures and places of one PDF.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--top')
  if (!file) {
    console.error('usage: node bench/pdf-pages.mjs book.pdf [--top 54]')
    process.exit(2)
  }
  const top = Number(args[args.indexOf('--top') + 1] || 54)
  const columns = { [file]: pageFigures(file, { top: args.includes('--top') ? top : 54 }) }
  printFigures(columns)
  printPlaces(columns)
}

/** Print figures side by side: { name: figures }. */
export function printFigures(columns) {
  const names = Object.keys(columns)
  const rows = [
    ['pages', (f) => f.pages],
    ['text lines', (f) => f.lines],
    [
      'word space p50 / p95 / max × natural',
      (f) => `${f.p50.toFixed(3)} / ${f.p95.toFixed(3)} / ${f.max.toFixed(3)}`,
    ],
    ['lines past 2× (% of lines)', (f) => `${f.over2} (${((100 * f.over2) / f.lines).toFixed(2)} %)`],
    [
      'hyphenated lines (% of lines)',
      (f) => `${f.hyphenated} (${((100 * f.hyphenated) / f.lines).toFixed(2)} %)`,
    ],
    ['hyphenated names (capitalised)', (f) => f.names],
    [
      'runts (% of paragraph ends)',
      (f) => `${f.runts} (${((100 * f.runts) / f.paragraphsEnds).toFixed(2)} %)`,
    ],
    ['page-turn hyphens', (f) => f.pageTurnHyphens],
    ['short last pages (< 4 lines)', (f) => f.shortLastPages],
    ['unbalanced spreads', (f) => `${f.unbalanced} of ${f.spreads}`],
  ]
  const width = Math.max(...rows.map(([label]) => label.length)) + 2
  console.log(`  ${''.padEnd(width)}${names.map((n) => n.padEnd(30)).join('')}`)
  for (const [label, get] of rows)
    console.log(`  ${label.padEnd(width)}${names.map((n) => String(get(columns[n])).padEnd(30)).join('')}`)
}
