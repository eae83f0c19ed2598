/**
 * Justified lines as a PDF viewer places them: Pride and Prejudice chapters 1-3 are rendered with
 * the default options (letter-spacing and font expansion on), qpdf uncompresses the file, and
 * each page's content stream is replayed glyph by glyph from the embedded fonts' /W widths, TJ
 * shifts, Tc and Tz (which scales all three, PDF 32000 §9.4.4), the way a viewer advances the pen. Every justified line must end at the right edge of the text
 * block within 0.05 pt. The same chapters set with French typography (narrow no-break spaces
 * inside « » and before ; : ! ?) must do the same, and every narrow space must keep one width
 * whatever its line's justification.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import type { BlockContent, Root } from '../../src/model/types.js'
import { type PdfReport, renderPdf } from '../../src/renderers/pdf/index.js'
import { smarten } from '../../src/transforms/typography/index.js'
import { hasCorpus, SHARED } from '../shared.js'
import { has } from '../tools.js'
import { corpusBook, tempPdf, tool } from './helpers.js'

const PRIDE = `${SHARED}/corpus/pride-and-prejudice/ref`
const PRIDE_TXT = `${SHARED}/corpus/pride-and-prejudice/txt`

interface LineEnd {
  page: number
  baseline: number
  /** Where the line's last glyph's ink ends (its advance, without the Tc after it). */
  end: number
  /** The Tc after the last glyph, as it shows (scaled by Tz). */
  tc: number
  /** The last glyph's horizontal scaling, percent (PDF `Tz`; 100 unexpanded). */
  tz: number
}

/** The objects of a qpdf `--qdf` file by number. */
function objects(qdf: string): Map<number, string> {
  const out = new Map<number, string>()
  for (const m of qdf.matchAll(/\n(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) out.set(Number(m[1]), m[2]!)
  return out
}

/** Glyph widths (thousandths of an em) of a CIDFontType2 descendant, from its /W array. */
function widths(dict: string): Map<number, number> {
  const out = new Map<number, number>()
  const body = /\/W \[([\s\S]*?)\n {2}\]/.exec(dict)?.[1] ?? ''
  const tokens = body.match(/\[|\]|-?[\d.]+/g) ?? []
  let i = 0
  while (i < tokens.length) {
    let gid = Number(tokens[i++])
    i++ // [
    while (tokens[i] !== ']') out.set(gid++, Number(tokens[i++]))
    i++
  }
  return out
}

/** A glyph as a viewer places it: where it starts, and where the pen is when the next one starts. */
interface Placed {
  page: number
  baseline: number
  x: number
  /** Pen position after the glyph, its Tc and any TJ shift after it (undefined at a TJ's end). */
  next?: number
  /** The text the ToUnicode map gives for it. */
  text: string
  /** Horizontal scaling it is drawn with, percent (`Tz`). */
  tz: number
}

/** A font's ToUnicode map (pdfkit writes bfrange arrays), glyph id → text. */
function toUnicode(cmap: string): Map<number, string> {
  const out = new Map<number, string>()
  const hex = (h: string) =>
    String.fromCharCode(...(h.match(/[0-9a-f]{4}/gi) ?? []).map((u) => Number.parseInt(u, 16)))
  for (const [, from, , list] of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
    let gid = Number.parseInt(from!, 16)
    for (const [, u] of list!.matchAll(/<([0-9a-f ]+)>/gi)) out.set(gid++, hex(u!))
  }
  return out
}

/** Replay every page's text: each glyph placed, with its text. */
function replay(qdf: string): Placed[] {
  const objs = objects(qdf)
  const out: Placed[] = []
  for (const m of qdf.matchAll(/%% Page (\d+)\n%% Original object ID: \d+ 0\n(\d+) 0 obj/g)) {
    const page = Number(m[1])
    const dict = objs.get(Number(m[2]))!
    const contents = /\/Contents (\d+) 0 R/.exec(dict)![1]
    const stream = new RegExp(
      `\\n${contents} 0 obj\\n<<[\\s\\S]*?>>\\nstream\\n([\\s\\S]*?)\\nendstream`,
    ).exec(qdf)![1]!
    const resources = /\/Resources (\d+) 0 R/.exec(dict)
    const res = resources ? objs.get(Number(resources[1]))! : dict
    const fonts = new Map<string, { w: Map<number, number>; unicode: Map<number, string> }>()
    const fontDict = /\/Font <<([\s\S]*?)>>/.exec(res)?.[1] ?? ''
    for (const [, name, ref] of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const font = objs.get(Number(ref))!
      const descendant = /\/DescendantFonts \[\s*(\d+) 0 R/.exec(font)
      const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(font)?.[1]
      const cmap = cmapRef
        ? (new RegExp(`\\n${cmapRef} 0 obj\\n[\\s\\S]*?stream\\n([\\s\\S]*?)endstream`).exec(qdf)?.[1] ?? '')
        : ''
      if (descendant)
        fonts.set(name!, { w: widths(objs.get(Number(descendant[1]))!), unicode: toUnicode(cmap) })
    }
    // Text state (Tc, Tz, font and size) outlives ET, saved and restored by q and Q; a text
    // object starts its own text matrix.
    let tc = 0
    let tz = 100
    let size = 0
    let font = { w: new Map<number, number>(), unicode: new Map<number, string>() }
    const saved: Array<[number, number, number, typeof font]> = []
    {
      let x = 0
      let y = 0
      for (const op of stream.matchAll(
        /(-?[\d.]+) Tc|1 0 0 -1 (-?[\d.]+) (-?[\d.]+) Tm|\/(\w+) (-?[\d.]+) Tf|\[([^\]]*)\] TJ|(-?[\d.]+) Tz|(?:^|\n)(BT|q|Q)(?=\s|$)/g,
      )) {
        if (op[8] === 'BT') {
          x = 0
          y = 0
        } else if (op[8] === 'q') saved.push([tc, tz, size, font])
        else if (op[8] === 'Q') [tc, tz, size, font] = saved.pop() ?? [0, 100, 0, font]
        else if (op[7]) tz = Number(op[7])
        else if (op[1]) tc = Number(op[1])
        else if (op[2]) {
          x = Number(op[2])
          y = Number(op[3])
        } else if (op[4]) {
          font = fonts.get(op[4]) ?? font
          size = Number(op[5])
        } else if (op[6] !== undefined) {
          let previous: Placed | undefined
          for (const t of op[6].matchAll(/<([0-9a-f]*)>|(-?[\d.]+)/g)) {
            if (t[1] !== undefined) {
              for (let i = 0; i < t[1].length; i += 4) {
                const gid = Number.parseInt(t[1].slice(i, i + 4), 16)
                if (previous) previous.next = x
                previous = { page, baseline: y, x, text: font.unicode.get(gid) ?? '', tz }
                out.push(previous)
                // Tz scales the glyph's advance, the Tc after it and TJ shifts alike.
                const advance = ((font.w.get(gid) ?? 0) * size * tz) / 100_000
                lastTc.set(previous, { advance, tc: (tc * tz) / 100 })
                x += advance + (tc * tz) / 100
              }
            } else {
              x -= (Number(t[2]) * size * tz) / 100_000
            }
          }
        }
      }
    }
  }
  return out
}

/** Each placed glyph's own advance and the Tc after it (for the line ends). */
const lastTc = new WeakMap<Placed, { advance: number; tc: number }>()

/** The end of the last glyph on each baseline (its advance, without the Tc after it). */
function lineEnds(qdf: string): LineEnd[] {
  const last = new Map<string, LineEnd>()
  for (const g of replay(qdf)) {
    const { advance, tc } = lastTc.get(g)!
    const key = `${g.page}:${Math.round(g.baseline * 100)}`
    const seen = last.get(key)
    if (!seen || g.x + advance > seen.end)
      last.set(key, { page: g.page, baseline: g.baseline, end: g.x + advance, tc, tz: g.tz })
  }
  return [...last.values()]
}

async function renderQdf(tree: Root): Promise<{ qdf: string; report: PdfReport }> {
  const env = createMemoryEnv({})
  const chunks: Uint8Array[] = []
  let report: PdfReport | undefined
  for await (const chunk of renderPdf(tree, {}, env, (r) => (report = r))) chunks.push(chunk)
  const path = tempPdf(new Uint8Array(Buffer.concat(chunks)))
  const qdf = `${path}.qdf`
  tool('qpdf', ['--qdf', '--object-streams=disable', path, qdf])
  return { qdf: tool('cat', [qdf]), report: report! }
}

/** 6x9in: 432 pt wide, inside margin 63 pt, outside 45 pt; physical page 1 is a recto. */
const right = (page: number) => (page % 2 === 1 ? 63 + 324 : 45 + 324)

/** Distances from the right edge of every line's end that runs past it or stops just short. */
/**
 * Nothing runs past the edge, nothing stops just short of it (a misdrawn justified line), and
 * every justified line but the paragraphs' last ones is among those at the edge.
 */
function expectAtEdge(ends: LineEnd[], report: PdfReport): void {
  const { past, short, atEdge } = offEdge(ends)
  expect(past).toEqual([])
  expect(short).toEqual([])
  expect(report.spaceRatios.length).toBeGreaterThan(150)
  expect(atEdge).toBeGreaterThanOrEqual(report.spaceRatios.length)
}

function offEdge(ends: LineEnd[]): { past: number[]; short: number[]; atEdge: number } {
  const off = ends.map((e) => e.end - right(e.page))
  return {
    past: off.filter((d) => d > 0.05),
    short: off.filter((d) => d < -0.05 && d > -1.5),
    atEdge: off.filter((d) => Math.abs(d) <= 0.05).length,
  }
}

describe.skipIf(!has('qpdf') || !hasCorpus)('justified lines in the rendered PDF', () => {
  let ends: LineEnd[]
  let report: PdfReport
  beforeAll(async () => {
    const out = await renderQdf(corpusBook(PRIDE, 3, { language: 'en-GB' }))
    report = out.report
    ends = lineEnds(out.qdf)
  })

  test('end at the right edge of the text block within 0.05 pt', () => {
    expectAtEdge(ends, report)
    // Letter-spacing is on: many lines carry a Tc, within ±0.025 em of 10.5 pt. (Running heads,
    // letter-spaced small capitals above the text block, whose top is 54 pt down, are no such line.)
    const spaced = ends.filter((e) => e.tc !== 0 && e.baseline > 54)
    expect(spaced.length).toBeGreaterThan(100)
    for (const e of spaced) expect(Math.abs(e.tc)).toBeLessThanOrEqual(0.025 * 10.5 + 1e-9)
    // Font expansion is on: many lines are drawn a little wider or narrower, within ±2 %.
    const expanded = ends.filter((e) => e.tz !== 100 && e.baseline > 54)
    expect(expanded.length).toBeGreaterThan(100)
    expect(expanded.some((e) => e.tz > 100) && expanded.some((e) => e.tz < 100)).toBe(true)
    for (const e of expanded) expect(Math.abs(e.tz - 100)).toBeLessThanOrEqual(2 + 1e-9)
  })

  test('word spaces stay within 2× normal; no widows or orphans', () => {
    expect(Math.max(...report.spaceRatios)).toBeLessThan(2)
    expect(report.widows).toBe(0)
    expect(report.orphans).toBe(0)
  })
})

/** Pride and Prejudice's plain text set as French: « », and a narrow no-break space before ; : ! ?. */
function french(): Root {
  const tree = corpusBook(PRIDE_TXT, 3, { language: 'fr' })
  const visit = (block: BlockContent) => {
    if (block.type !== 'paragraph') return
    for (const child of block.children) if (child.type === 'text') child.value = smarten(child.value, 'fr')
  }
  for (const chapter of tree.children) if (chapter.type === 'chapter') chapter.children.forEach(visit)
  return tree
}

describe.skipIf(!has('qpdf') || !hasCorpus)('justified French lines (narrow no-break spaces)', () => {
  let glyphs: Placed[]
  let ends: LineEnd[]
  let report: PdfReport
  beforeAll(async () => {
    const out = await renderQdf(french())
    report = out.report
    glyphs = replay(out.qdf)
    ends = lineEnds(out.qdf)
  })

  test('the text really has narrow spaces', () => {
    const text = JSON.stringify(french())
    expect(text.match(/\u202F/g)?.length).toBeGreaterThan(200)
  })

  test('end at the right edge of the text block within 0.05 pt', () => {
    expectAtEdge(ends, report)
  })

  test('a narrow space keeps its width on loose and tight lines; word spaces do not', () => {
    // The space before ; : ! ? » and after « is the narrow one; any other space glyph is a word space.
    // Body text only: the generated pages before it set their French (“Date de publication :”)
    // at their own sizes. The body starts on the page with the novel's first words.
    const pages = new Map<number, string>()
    for (const g of glyphs) pages.set(g.page, (pages.get(g.page) ?? '') + g.text)
    const bodyFrom = [...pages].find(([, text]) => text.includes('universally'))![0]
    const fixed: number[] = []
    const word: number[] = []
    for (let i = 1; i + 1 < glyphs.length; i++) {
      const g = glyphs[i]!
      if (g.page < bodyFrom || g.next === undefined || !/^\s$/.test(g.text)) continue
      const narrow = /^[;:!?»]$/.test(glyphs[i + 1]!.text) || glyphs[i - 1]!.text === '«'
      // A narrow space is part of its word: font expansion scales it with the word's glyphs.
      ;(narrow ? fixed : word).push(narrow ? ((g.next - g.x) * 100) / g.tz : g.next - g.x)
    }
    expect(fixed.length).toBeGreaterThan(200)
    expect(word.length).toBeGreaterThan(3000)
    // Literata has no U+202F: it is drawn at the face's thin space, 125/1000 em of 10.5 pt.
    for (const w of fixed) expect(w).toBeCloseTo(0.125 * 10.5, 3)
    // The lines are justified both ways: word spaces (with their Tc) vary well beyond that.
    expect(Math.max(...word) - Math.min(...word)).toBeGreaterThan(1)
  })
})
