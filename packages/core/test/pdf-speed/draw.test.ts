/**
 * The page drawer's output and work, counted: a text line is one TJ whose glyphs share literal
 * strings, two bytes a glyph, wherever no shift stands between them (fewer bytes to write and to
 * deflate), escaped where a string must be, and each distinct word is encoded once per face
 * however often it is drawn.
 */
import { execFileSync } from 'node:child_process'
import { unzlibSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import type { BlockContent, Root } from '../../src/model/types.js'
import { drawStats } from '../../src/renderers/pdf/draw.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { oneChapterBook, p, sampleBook, tempPdf, words } from '../pdf/helpers.js'
import { need } from '../tools.js'

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

/** A TJ operand's item: a string's bytes (latin1, escapes read), or a shift. */
type TjItem = string | number

/** A TJ operand as written, and as a viewer reads it. */
interface TjArray {
  raw: string
  items: TjItem[]
}

/**
 * The operands of every TJ of the streams, read as PDF reads them (32000-1, 7.3.4): literal
 * strings with their escapes (the drawer escapes only `(`, `)`, `\\`, LF and CR), hex strings.
 * A string's bytes may be anything, `]` and `\n` included: a regular expression cannot find them.
 */
function tjArrays(streams: string[]): TjArray[] {
  const out: TjArray[] = []
  for (const s of streams) {
    let array: TjItem[] | undefined
    let from = 0
    let i = 0
    while (i < s.length) {
      const c = s[i]!
      if (c === '(') {
        let bytes = ''
        for (i++; s[i] !== ')'; i++) {
          if (i >= s.length) throw new Error('unterminated string')
          if (s[i] !== '\\') bytes += s[i]
          else {
            const e = s[++i]!
            if (!'()\\nr'.includes(e)) throw new Error(`unexpected escape \\${e}`)
            bytes += e === 'n' ? '\n' : e === 'r' ? '\r' : e
          }
        }
        i++
        array?.push(bytes)
      } else if (c === '<' && s[i + 1] !== '<' && s[i - 1] !== '<') {
        const end = s.indexOf('>', i)
        array?.push(Buffer.from(s.slice(i + 1, end), 'hex').toString('latin1'))
        i = end + 1
      } else if (c === '[') {
        array = []
        from = i + 1
        i++
      } else if (c === ']') {
        if (array && s.startsWith('] TJ', i)) out.push({ raw: s.slice(from, i), items: array })
        array = undefined
        i++
      } else if (array && /[-\d.]/.test(c)) {
        const number = /^-?[\d.]+/.exec(s.slice(i, i + 24))![0]
        array.push(Number(number))
        i += number.length
      } else i++
    }
  }
  return out
}

/** Strings and shifts alternate: a string first, then (a shift, a string)*, maybe a shift last. */
function alternates(items: TjItem[]): boolean {
  return items.every((item, k) => (k % 2 === 0 ? typeof item === 'string' : typeof item === 'number'))
}

describe('text lines', () => {
  test('one literal string for the glyphs between two shifts: never two strings side by side, nor an empty one', async () => {
    const arrays = tjArrays(pageStreams(await render(sampleBook())))
    expect(arrays.length).toBeGreaterThan(50)
    // Justified lines shift their word spaces, kerned pairs shift: many arrays have numbers.
    expect(arrays.filter((a) => a.items.length > 1).length).toBeGreaterThan(arrays.length / 2)
    for (const { raw, items } of arrays) {
      expect(raw.startsWith('(')).toBe(true)
      expect(alternates(items)).toBe(true)
      // Two bytes a glyph, and no empty string.
      for (const item of items)
        if (typeof item === 'string') expect(item.length % 2 === 0 && item.length > 0).toBe(true)
    }
  })

  test('the glyph ids whose bytes a literal string must escape are escaped, and read back as the text', async () => {
    // Glyphs join the subset in the order first drawn: some 300 characters reach ids 10, 13, 40,
    // 41 and 92 and beyond 255, whose bytes are LF, CR, the parentheses and the backslash.
    const letters = [
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
      ...Array.from({ length: 0x17f - 0xc0 }, (_, k) => String.fromCodePoint(0xc0 + k)).filter((c) =>
        /\p{L}/u.test(c),
      ),
      ...'αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩабвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ',
    ]
    // Words of five letters, each letter in turn.
    const text = Array.from({ length: Math.ceil(letters.length / 5) }, (_, k) =>
      letters.slice(k * 5, k * 5 + 5).join(''),
    ).join(' ')
    const pdf = await render(oneChapterBook([p(text), p(TEXT)]))
    const raw = tjArrays(pageStreams(pdf))
      .map((a) => a.raw)
      .join(' ')
    for (const sequence of ['\\(', '\\)', '\\\\', '\\n', '\\r']) expect(raw).toContain(sequence)
    // No line end inside a string: each would be read back as LF, whatever it was.
    expect(raw).not.toMatch(/[\r\n]/)
    need('pdftotext')
    const extracted = execFileSync('pdftotext', [tempPdf(pdf), '-'], { encoding: 'utf8' })
    const drawn = words(extracted)
    for (const word of words(`${text} ${TEXT}`)) expect(drawn).toContain(word)
  })

  test('no-break and fixed spaces join the strings around them too, their shifts after them', async () => {
    const french = 'Mr.\u00a0Darcy said «\u202fOui\u202f» to Mrs.\u00a0Bennet, and\u2009then\u200aleft. '
    const arrays = tjArrays(pageStreams(await render(oneChapterBook([p(french.repeat(12)), p(TEXT)]))))
    expect(arrays.length).toBeGreaterThan(5)
    for (const { raw, items } of arrays) {
      expect(raw.startsWith('(')).toBe(true)
      expect(alternates(items)).toBe(true)
    }
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
