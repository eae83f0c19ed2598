/**
 * The contents in the tag tree, page numbers included, and headings in real small capitals.
 *
 * A contents page number is known only when the book is done, so it is drawn into a form XObject
 * painted inside its entry's marked content (the entry's `Link`, in its `TOCI`): the number is
 * content of that element (ISO 32000-1 §14.7.4.3), not untagged content at the end of the page.
 * Chapter labels, part heads and running heads use the face's own small capitals (Literata has
 * `smcp` and `c2sc`); Crimson Pro, which has neither, keeps the synthesized ones.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import type { Root } from '../../src/model/types.js'
import { pdfRenderer } from '../../src/renderers/pdf/index.js'
import { has } from '../tools.js'
import { sampleBook, tempPdf, tool, unicodeMaps } from './helpers.js'

interface Rendered {
  path: string
  objs: Map<number, string>
  qdf: string
}

async function render(tree: Root, options: Record<string, unknown> = {}): Promise<Rendered> {
  const bytes = await pdfRenderer.render(tree, options, createMemoryEnv({}))
  const path = tempPdf(bytes)
  const qdfPath = `${path}.qdf`
  tool('qpdf', ['--qdf', '--object-streams=disable', path, qdfPath])
  const qdf = tool('cat', [qdfPath])
  const objs = new Map<number, string>()
  for (const m of qdf.matchAll(/\n(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objs.set(Number(m[1]), m[2]!)
  return { path, objs, qdf }
}

/** The object numbers an object's `/key` refers to (one reference or an array of them). */
function refs(obj: string, key: string): number[] {
  const m = new RegExp(`/${key} (?:(\\d+) 0 R|\\[([^\\]]*)\\])`).exec(obj)
  if (!m) return []
  if (m[1]) return [Number(m[1])]
  return [...m[2]!.matchAll(/(\d+) 0 R/g)].map((r) => Number(r[1]))
}

function stream(obj: string): string {
  return /stream\n([\s\S]*?)endstream/.exec(obj)?.[1] ?? ''
}

/** Operators painting text or forms outside every marked-content sequence of a content stream. */
function untagged(content: string): string[] {
  const out: string[] = []
  let depth = 0
  for (const line of content.split('\n')) {
    if (/\b(BDC|BMC)$/.test(line)) depth++
    else if (line === 'EMC') depth--
    else if (depth === 0 && /(^|\s)(BT|Do)(\s|$)/.test(line)) out.push(line)
  }
  return out
}

describe.skipIf(!has('qpdf'))('the contents in the tag tree', () => {
  let out: Rendered
  beforeAll(async () => {
    out = await render(sampleBook(), { halfTitle: false })
  })

  test('each TOCI holds its entry’s Link, whose marked content paints the page number', () => {
    expect(tool('qpdf', ['--check', out.path])).toContain('No syntax or stream encoding errors')
    const { objs } = out
    const toc = [...objs.values()].find((o) => /\/S \/TOC\n/.test(o))!
    const items = refs(toc, 'K')
    expect(items.length).toBe(4)
    let contentsPage: number | undefined
    for (const item of items) {
      expect(objs.get(item)).toMatch(/\/S \/TOCI\n/)
      const [link] = refs(objs.get(item)!, 'K')
      const element = objs.get(link!)!
      expect(element).toMatch(/\/S \/Link\n/)
      const page = refs(element, 'Pg')[0]!
      contentsPage ??= page
      // The link's marked text: its MCIDs on the page (the OBJR is its annotation).
      const mcids = [...element.replace(/<<[\s\S]*?>>/g, '').matchAll(/\n\s+(\d+)\n/g)].map((m) => m[1])
      expect(mcids.length).toBe(1)
      const pageObj = objs.get(page)!
      const content = stream(objs.get(refs(pageObj, 'Contents')[0]!)!)
      const start = content.indexOf(`/Link <<\n/MCID ${mcids[0]}\n>> BDC`)
      expect(start).toBeGreaterThanOrEqual(0)
      const sequence = content.slice(start, content.indexOf('\nEMC', start))
      // The number's form is painted inside the sequence, after the entry's text.
      const forms = [...sequence.matchAll(/\/(Pn\d+) Do/g)].map((m) => m[1]!)
      expect(forms.length).toBe(1)
      expect(sequence.indexOf('TJ')).toBeLessThan(sequence.indexOf('Do'))
      const resources = /\/Resources (\d+) 0 R/.exec(pageObj)
      const dictionary = resources ? objs.get(Number(resources[1]))! : pageObj
      const form = objs.get(refs(dictionary, forms[0]!)[0]!)!
      expect(form).toContain('/Subtype /Form')
      // It draws the number, and marks nothing of its own: it is content of the Link.
      expect(stream(form)).toMatch(/^BT .* Tj ET\s*$/)
      expect(stream(form)).not.toMatch(/BDC|MCID/)
    }
    // Nothing on the contents page is untagged: text is in the elements' marked content and
    // folios are artifacts.
    const page = stream(objs.get(refs(objs.get(contentsPage!)!, 'Contents')[0]!)!)
    expect(page).toMatch(/\nBT .*\n/)
    expect(untagged(page)).toEqual([])
  })

  test('pdftotext reads each entry with its page number, in content order and in layout', () => {
    const raw = tool('pdftotext', ['-raw', out.path, '-'])
    expect(raw).toMatch(/\nChapter 1: The Lamp Room 1\n/)
    expect(raw).toMatch(/\nPART TWO: THE CROSSING \d+\n/)
    expect(raw).toMatch(/\nChapter 3: Truly All Alone \d+\n/)
    const layout = tool('pdftotext', ['-layout', out.path, '-'])
    expect(layout).toMatch(/Chapter 1: The Lamp Room\s+1\n/)
    expect(layout).toMatch(/Chapter 2: Weather\s+\d+\n/)
  })
})

describe('headings in small capitals', () => {
  /** The /ActualText of every synthesized small-capitals span. */
  const actualTexts = (qdf: string) =>
    [...qdf.matchAll(/\/Span <<\n\/ActualText \(([^)]*)\)\n>> BDC/g)].map((m) => m[1]!.trim())

  test('Literata: chapter labels and part heads in the face’s small capitals', async () => {
    const { qdf, path } = await render(sampleBook(), { toc: false })
    // Synthesized small capitals would draw "hapter" as capitals, with the text as /ActualText.
    const actual = actualTexts(qdf)
    for (const word of ['hapter', 'art', 'wo']) expect(actual).not.toContain(word)
    const text = tool('pdftotext', [path, '-'])
    expect(text).toMatch(/Chapter 1\s+The Lamp Room/)
    expect(text).toMatch(/Part Two/)
  })

  test('Literata: running heads in small capitals throughout, letter-spaced, read in their own case', async () => {
    const { qdf, path } = await render(sampleBook(), { toc: false })
    const pages = tool('pdftotext', [path, '-']).split('\f')
    expect(pages.some((p) => p.includes('The Lighthouse Keeper’s Daughter\n'))).toBe(true)
    expect(pages.some((p) => p.includes('The Lamp Room\n'))).toBe(true)
    expect(pages.join('')).not.toMatch(/THE LIGHTHOUSE|THE LAMP ROOM/)
    // The head is an artifact carrying its text (UTF-16 for the apostrophe), set with a Tc.
    const title = Buffer.from('\ufeffThe Lighthouse Keeper’s Daughter', 'utf16le').swap16().toString('hex')
    const head = new RegExp(
      `/Type /Pagination\n>> BDC\n/Span <<\n/ActualText <${title}>\n>> BDC\n(BT [^\n]*)\nEMC`,
    ).exec(qdf)
    expect(head).not.toBeNull()
    expect(head![1]).toMatch(/^BT [\d.]+ Tc .* TJ ET$/)
    // A small capital drawn for a capital (`c2sc`: T, L, K, D) is the glyph `smcp` draws for the
    // lower-case letter: it maps to that letter, so only the capital's own glyph reads as one.
    const maps = unicodeMaps(qdf)
    expect(maps.length).toBeGreaterThan(0)
    for (const map of maps) {
      const values = [...map.values()]
      for (const capital of 'TLKD')
        expect(values.filter((v) => v === capital).length, capital).toBeLessThanOrEqual(1)
    }
    const regular = maps.find((m) => [...m.values()].includes('w'))!
    for (const letter of 'tlkd')
      expect([...regular.values()].filter((v) => v === letter).length, letter).toBe(2)
  })

  test('Crimson Pro (no smcp, no c2sc): synthesized, as before', async () => {
    const { qdf, path } = await render(sampleBook(), { toc: false, font: 'crimson-pro' })
    const actual = actualTexts(qdf)
    expect(actual).toContain('hapter')
    expect(actual).toContain('wo')
    expect(tool('pdftotext', [path, '-'])).toContain('THE LIGHTHOUSE KEEPER’S DAUGHTER')
  })
})
