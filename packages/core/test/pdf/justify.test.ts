/**
 * Justified lines as a PDF viewer places them: Pride and Prejudice chapters 1-3 are rendered with
 * the default options (letter-spacing on), qpdf uncompresses the file, and each page's content
 * stream is replayed glyph by glyph from the embedded fonts' /W widths, TJ shifts and Tc, the
 * way a viewer advances the pen. Every justified line must end at the right edge of the text
 * block within 0.05 pt.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import { type PdfReport, renderPdf } from '../../src/renderers/pdf/index.js'
import { SHARED } from '../shared.js'
import { corpusBook, tempPdf, tool } from './helpers.js'

const PRIDE = `${SHARED}/corpus/pride-and-prejudice/ref`

interface LineEnd {
  page: number
  baseline: number
  /** Where the line's last glyph's ink ends (its advance, without the Tc after it). */
  end: number
  tc: number
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

/** Replay every page's text and return the end of the last glyph on each baseline. */
function lineEnds(qdf: string): LineEnd[] {
  const objs = objects(qdf)
  const out: LineEnd[] = []
  for (const m of qdf.matchAll(/%% Page (\d+)\n%% Original object ID: \d+ 0\n(\d+) 0 obj/g)) {
    const page = Number(m[1])
    const dict = objs.get(Number(m[2]))!
    const contents = /\/Contents (\d+) 0 R/.exec(dict)![1]
    const stream = new RegExp(
      `\\n${contents} 0 obj\\n<<[\\s\\S]*?>>\\nstream\\n([\\s\\S]*?)\\nendstream`,
    ).exec(qdf)![1]!
    const resources = /\/Resources (\d+) 0 R/.exec(dict)
    const res = resources ? objs.get(Number(resources[1]))! : dict
    const fonts = new Map<string, Map<number, number>>()
    const fontDict = /\/Font <<([\s\S]*?)>>/.exec(res)?.[1] ?? ''
    for (const [, name, ref] of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const descendant = /\/DescendantFonts \[\s*(\d+) 0 R/.exec(objs.get(Number(ref))!)
      if (descendant) fonts.set(name!, widths(objs.get(Number(descendant[1]))!))
    }
    const last = new Map<number, LineEnd>()
    for (const bt of stream.matchAll(/BT ([\s\S]*?) ET/g)) {
      let tc = 0
      let x = 0
      let y = 0
      let size = 0
      let w = new Map<number, number>()
      for (const op of bt[1]!.matchAll(
        /(-?[\d.]+) Tc|1 0 0 -1 (-?[\d.]+) (-?[\d.]+) Tm|\/(\w+) (-?[\d.]+) Tf|\[([^\]]*)\] TJ/g,
      )) {
        if (op[1]) tc = Number(op[1])
        else if (op[2]) {
          x = Number(op[2])
          y = Number(op[3])
        } else if (op[4]) {
          w = fonts.get(op[4]) ?? new Map()
          size = Number(op[5])
        } else if (op[6] !== undefined) {
          for (const t of op[6].matchAll(/<([0-9a-f]*)>|(-?[\d.]+)/g)) {
            if (t[1] !== undefined) {
              for (let i = 0; i < t[1].length; i += 4) {
                const advance = ((w.get(Number.parseInt(t[1].slice(i, i + 4), 16)) ?? 0) * size) / 1000
                const key = Math.round(y * 100)
                const seen = last.get(key)
                if (!seen || x + advance > seen.end)
                  last.set(key, { page, baseline: y, end: x + advance, tc })
                x += advance + tc
              }
            } else {
              x -= (Number(t[2]) * size) / 1000
            }
          }
        }
      }
    }
    out.push(...last.values())
  }
  return out
}

describe('justified lines in the rendered PDF', () => {
  let ends: LineEnd[]
  let report: PdfReport
  beforeAll(async () => {
    const tree = corpusBook(PRIDE, 3, { language: 'en-GB' })
    const env = createMemoryEnv({})
    const chunks: Uint8Array[] = []
    for await (const chunk of renderPdf(tree, {}, env, (r) => (report = r))) chunks.push(chunk)
    const path = tempPdf(new Uint8Array(Buffer.concat(chunks)))
    const qdf = `${path}.qdf`
    tool('qpdf', ['--qdf', '--object-streams=disable', path, qdf])
    ends = lineEnds(tool('cat', [qdf]))
  }, 60_000)

  test('end at the right edge of the text block within 0.05 pt', () => {
    // 6x9in: 432 pt wide, inside margin 63 pt, outside 45 pt; physical page 1 is a recto.
    const right = (page: number) => (page % 2 === 1 ? 63 + 324 : 45 + 324)
    const off = ends.map((e) => e.end - right(e.page))
    const atEdge = off.filter((d) => Math.abs(d) <= 0.05).length
    // Nothing runs past the edge, and nothing stops just short of it (a misdrawn justified line).
    expect(off.filter((d) => d > 0.05)).toEqual([])
    expect(off.filter((d) => d < -0.05 && d > -1.5)).toEqual([])
    // Every justified line but the paragraphs' last ones is among those at the edge.
    expect(report.spaceRatios.length).toBeGreaterThan(150)
    expect(atEdge).toBeGreaterThanOrEqual(report.spaceRatios.length)
    // Letter-spacing is on: many lines carry a Tc, within ±0.025 em of 10.5 pt.
    const spaced = ends.filter((e) => e.tc !== 0)
    expect(spaced.length).toBeGreaterThan(100)
    for (const e of spaced) expect(Math.abs(e.tc)).toBeLessThanOrEqual(0.025 * 10.5 + 1e-9)
  })

  test('word spaces stay within 2× normal; no widows or orphans', () => {
    expect(Math.max(...report.spaceRatios)).toBeLessThan(2)
    expect(report.widows).toBe(0)
    expect(report.orphans).toBe(0)
  })
})
