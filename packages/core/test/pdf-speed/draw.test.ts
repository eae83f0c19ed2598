/**
 * The page drawer's output and work, counted: a text line is one TJ whose glyphs share hex
 * strings wherever no shift stands between them (fewer bytes to write and to deflate), and each
 * distinct word is encoded once per face however often it is drawn.
 */
import { unzlibSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import type { BlockContent, Root } from '../../src/model/types.js'
import { drawStats } from '../../src/renderers/pdf/draw.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { oneChapterBook, p, sampleBook } from '../pdf/helpers.js'

const TEXT =
  'The wind came round to the north-east in the small hours, and by the time Mara climbed the hundred and twelve steps to the lamp room the glass was already furred with salt; she trimmed the wick and watched the beam go out over the water, sweeping and returning.'

async function render(tree: Root, options: Record<string, unknown> = { halfTitle: false, toc: false }) {
  const chunks: Uint8Array[] = []
  for await (const chunk of renderPdf(tree, options, createMemoryEnv({}))) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/** The page content streams of a PDF, inflated (pdfkit's pages start by flipping y). */
function pageStreams(pdf: Uint8Array): string[] {
  const text = Buffer.from(pdf).toString('latin1')
  const out: string[] = []
  for (const m of text.matchAll(/\/Length (\d+)[\s\S]*?>>\nstream\n/g)) {
    const start = m.index! + m[0].length
    const data = Buffer.from(text.slice(start, start + Number(m[1])), 'latin1')
    let inflated: string
    try {
      inflated = Buffer.from(unzlibSync(data)).toString('latin1')
    } catch {
      continue
    }
    if (inflated.startsWith('1 0 0 -1 0 ')) out.push(inflated)
  }
  return out
}

/** The operands of every TJ of the streams. */
function tjArrays(streams: string[]): string[] {
  return streams.flatMap((s) => [...s.matchAll(/\[([^\]]*)\] TJ/g)].map((m) => m[1]!))
}

describe('text lines', () => {
  test('one hex string for the glyphs between two shifts: never two strings side by side, nor an empty one', async () => {
    const arrays = tjArrays(pageStreams(await render(sampleBook())))
    expect(arrays.length).toBeGreaterThan(50)
    // Justified lines shift their word spaces, kerned pairs shift: many arrays have numbers.
    expect(arrays.filter((a) => /> -?[\d.]+ </.test(a)).length).toBeGreaterThan(arrays.length / 2)
    for (const array of arrays) {
      // Strings and numbers alternate: a string, then (a number, a string)*, maybe a number last.
      expect(array).toMatch(/^<[0-9a-f]+>(?: -?[\d.]+ <[0-9a-f]+>)*(?: -?[\d.]+)?$/)
      for (const [, hex] of array.matchAll(/<([0-9a-f]*)>/g)) expect(hex!.length % 4).toBe(0)
    }
  })

  test('no-break and fixed spaces join the strings around them too, their shifts after them', async () => {
    const french = 'Mr.\u00a0Darcy said «\u202fOui\u202f» to Mrs.\u00a0Bennet, and\u2009then\u200aleft. '
    const arrays = tjArrays(pageStreams(await render(oneChapterBook([p(french.repeat(12)), p(TEXT)]))))
    expect(arrays.length).toBeGreaterThan(5)
    for (const array of arrays) expect(array).toMatch(/^<[0-9a-f]+>(?: -?[\d.]+ <[0-9a-f]+>)*(?: -?[\d.]+)?$/)
  })
})

describe('text state', () => {
  test('a line sets only the state that changed; anything else drawn finds Tc 0 and Tz 100', async () => {
    const streams = pageStreams(await render(sampleBook(), {}))
    let lines = 0
    let fonts = 0
    let letterSpaced = 0
    let others = 0
    for (const stream of streams) {
      let state = { tc: 0, tz: 100 }
      const saved: Array<typeof state> = []
      for (const op of stream.split('\n')) {
        if (op === 'q' || op.startsWith('q ')) {
          // A rule, a frame, an image, pdfkit's own text, a contents page number's form.
          others++
          expect(state).toEqual({ tc: 0, tz: 100 })
          saved.push(state)
        }
        for (const m of op.matchAll(/(-?[\d.]+) (Tc|Tz)\b/g))
          state = m[2] === 'Tc' ? { ...state, tc: Number(m[1]) } : { ...state, tz: Number(m[1]) }
        if (op === 'Q' || op.endsWith(' Q')) state = saved.pop() ?? state
        if (!op.endsWith('] TJ ET')) continue
        lines++
        if (op.includes(' Tf ')) fonts++
        if (state.tc !== 0) letterSpaced++
      }
    }
    expect(others).toBeGreaterThan(5)
    expect(letterSpaced).toBeGreaterThan(20)
    // Most lines follow a line in the same face and size.
    expect(fonts).toBeLessThan(lines / 2)
  })
})

describe('drawing encodes each distinct word once per face', () => {
  /** How many words are encoded while a book is drawn. */
  async function encodes(tree: Root): Promise<number> {
    const before = drawStats.encoded
    await render(tree)
    return drawStats.encoded - before
  }

  test('forty times the paragraph: no more words encoded than for it once', async () => {
    const book = (times: number) => oneChapterBook(Array.from({ length: times }, (): BlockContent => p(TEXT)))
    const once = await encodes(book(1))
    const often = await encodes(book(40))
    expect(once).toBeGreaterThan(20)
    // Words are found in their line without being cut out of it; each is encoded on first use.
    // Forty paragraphs fill pages whose folios (new numbers) and running heads are new words.
    expect(often - once).toBeLessThan(40)
  })
})
