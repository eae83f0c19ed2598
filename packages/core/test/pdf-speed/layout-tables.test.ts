/**
 * Layout read from the faces' tables (`layout-tables.ts`) instead of shaped: exactly fontkit's
 * `layout` wherever the tables settle a text, for every built-in face, and shaping counted: a
 * book's pairs and ligature words no longer go through fontkit, and a face the tables cannot
 * settle is shaped as before.
 */
import { describe, expect, test } from 'vitest'
import { builtinFont } from '../../src/platform/node.js'
import { builtinFontFile, type Face, parseFont } from '../../src/renderers/pdf/fonts.js'
import { LayoutTables, type TableRun } from '../../src/renderers/pdf/layout-tables.js'
import { FaceMetrics, layoutStats, metrics } from '../../src/renderers/pdf/measure.js'
import type { BuiltinFont } from '../../src/renderers/pdf/options.js'

type Font = NonNullable<ReturnType<typeof parseFont>>

/** A fresh parse of a built-in face (nothing learnt, nothing decoded). */
async function load(
  family: BuiltinFont | 'mono',
  style: 'regular' | 'italic' | 'bold' | 'boldItalic',
): Promise<Font> {
  return parseFont((await builtinFont(builtinFontFile(family, style)))!)!
}

/** Printable ASCII and the typographic punctuation of a book: the characters most pairs are made of. */
const CHARS = [
  ...Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)),
  ...'éèàçñöüß\u2013\u2014\u2018\u2019\u201c\u201d\u2026',
]

/** Words with ligatures, contexts and kerning around them. */
const WORDS = [
  'office',
  'affluent',
  'offfi',
  'fjord',
  'Th',
  'The',
  'fifty-fifth',
  'fl',
  'ffl',
  'ff.',
  '“Office,”',
  'AVATAR',
  'T.',
  'Ï',
  'fi\u2044',
  '1\u20442',
  'iï',
  'naïve',
  'Wolf',
  'cliffs—',
  'Hofkriegsrath,',
]

/** Whether the run the tables give is the run fontkit shapes. */
function same(read: TableRun, shaped: ReturnType<Font['layout']>): boolean {
  return (
    read.advanceWidth === shaped.advanceWidth &&
    read.glyphs.length === shaped.glyphs.length &&
    read.glyphs.every((g, i) => {
      const s = shaped.glyphs[i]!
      const p = shaped.positions[i]!
      const q = read.positions[i]!
      return (
        g.id === s.id &&
        g.codePoints.join() === s.codePoints.join() &&
        q.xAdvance === p.xAdvance &&
        q.xOffset === p.xOffset &&
        q.yOffset === p.yOffset
      )
    })
  )
}

/**
 * Compare the tables with fontkit over every character of `CHARS` alone (as `simple` asks), every
 * pair of those that shape alone to their own glyph and over `WORDS` made of those: how many the
 * tables settled, and those they got wrong.
 */
function compare(font: Font, features: string[]): { read: number; texts: number; wrong: string[] } {
  const tables = LayoutTables.of(font, features)
  expect(tables).toBeDefined()
  const layout = (text: string) => (features.length ? font.layout(text, [...features]) : font.layout(text))
  const alone = (c: string) => {
    const run = layout(c)
    return (
      font.glyphForCodePoint(c.charCodeAt(0)).id !== 0 &&
      run.glyphs.length === 1 &&
      !run.positions[0]!.xOffset
    )
  }
  const chars = CHARS.filter(alone)
  const texts = [
    ...CHARS,
    ...chars.flatMap((a) => chars.map((b) => a + b)),
    ...WORDS.filter((w) => [...w].every(alone)),
  ]
  let read = 0
  const wrong: string[] = []
  for (const text of texts) {
    const run = tables!.layout(
      text,
      [...text].map((c) => font.glyphForCodePoint(c.charCodeAt(0)).id),
    )
    if (!run) continue
    read++
    if (!same(run, layout(text))) wrong.push(text)
  }
  return { read, texts: texts.length, wrong }
}

describe('layout tables equal fontkit shaping', () => {
  const families: BuiltinFont[] = ['literata', 'eb-garamond', 'source-serif-4', 'crimson-pro']
  for (const family of families)
    for (const style of ['regular', 'italic', 'bold', 'boldItalic'] as const)
      test(`${family} ${style}: every pair and ligature word the tables settle (nearly all)`, async () => {
        const font = await load(family, style)
        const plain = compare(font, [])
        expect(plain.wrong).toEqual([])
        expect(plain.read / plain.texts).toBeGreaterThan(0.95)
        // Small capitals: the models of `metrics(face, 'smcp')`, shaped with `smcp`, and of
        // `metrics(face, 'allSmallCaps')` (the running heads), shaped with `c2sc` and `smcp`.
        if (style === 'regular') {
          const smcp = compare(font, ['smcp'])
          expect(smcp.wrong).toEqual([])
          expect(smcp.read / smcp.texts).toBeGreaterThan(0.95)
          const all = compare(font, ['c2sc', 'smcp'])
          expect(all.wrong).toEqual([])
          expect(all.read / all.texts).toBeGreaterThan(0.95)
        }
      })
  test('source-code-pro (mono): every pair', async () => {
    const { read, texts, wrong } = compare(await load('mono', 'regular'), [])
    expect(wrong).toEqual([])
    expect(read / texts).toBeGreaterThan(0.95)
  })

  test('ligatures are formed from the tables; a fraction slash is left to shaping', async () => {
    const font = await load('literata', 'regular')
    const tables = LayoutTables.of(font)!
    const ids = (text: string) => [...text].map((c) => font.glyphForCodePoint(c.charCodeAt(0)).id)
    const office = tables.layout('office', ids('office'))!
    expect(office.glyphs.length).toBeLessThan(6)
    expect(office.glyphs.map((g) => g.id)).toEqual(font.layout('office').glyphs.map((g) => g.id))
    expect(tables.layout('1\u20442', ids('1\u20442'))).toBeUndefined()
  })
})

/** Count fontkit's `layout` calls on one font object, by the length of the text shaped. */
function counting(font: Font): { calls: number[] } {
  const counts = { calls: [] as number[] }
  const layout = font.layout.bind(font)
  font.layout = ((text: string, features?: string[]) => {
    counts.calls.push(text.length)
    return layout(text, features)
  }) as Font['layout']
  return counts
}

const PARAGRAPH =
  'It is a truth universally acknowledged, that a single man in possession of a good fortune, ' +
  'must be in want of a wife. “The office of the officer was affluent,” said the fifth, ' +
  'flinging a flask at the cliffs—and AVATAR, Wolf and Tolstoy left the fjord.'

describe('shaping counted', () => {
  test('a paragraph in a built-in face is laid out from the tables: no character, pair or word shaped', async () => {
    const font = await load('literata', 'regular')
    const { calls } = counting(font)
    const face: Face = { name: 'F1', font, scale: 1 / font.unitsPerEm }
    const m = new FaceMetrics(face)
    const before = { ...layoutStats }
    const words = PARAGRAPH.split(' ')
    for (const word of words) {
      m.word(word)
      m.glyphCount(word)
      // The breaker's pieces: "possess", "possess-".
      m.word(`${word.slice(0, 4)}-`)
    }
    const distinct = new Set(`${PARAGRAPH.replace(/ /g, '')}-`).size
    // fontkit shapes nothing: each distinct character (the space too, at the model's making),
    // the pairs and the ligature words were read from the tables instead.
    expect(calls).toEqual([])
    expect(layoutStats.charactersShaped - before.charactersShaped).toBe(0)
    expect(layoutStats.charactersRead - before.charactersRead).toBe(distinct)
    expect(layoutStats.shaped - before.shaped).toBe(0)
    expect(layoutStats.read - before.read).toBeGreaterThan(words.length)
    // And they measure what fontkit shapes.
    for (const word of words) expect(m.word(word)).toBeCloseTo(layout(font, word) * face.scale, 9)
  })

  test('words in all small capitals (running heads) are read from the tables, each once per face', async () => {
    const font = await load('literata', 'regular')
    const { calls } = counting(font)
    const face: Face = { name: 'F3', font, scale: 1 / font.unitsPerEm }
    const m = metrics(face, 'allSmallCaps')
    expect(metrics(face, 'allSmallCaps')).toBe(m)
    const words = ['TREASURE', 'Island', 'Chapter', 'XXIII', 'Office', '“Ahoy!”']
    const shaped = words.map((w) => m.shapeWord(w))
    expect(calls).toEqual([])
    // The same shaping is found again (a later render's running heads), and it is fontkit's.
    for (const [i, w] of words.entries()) {
      expect(m.shapeWord(w)).toBe(shaped[i])
      const run = font.layout(w, ['c2sc', 'smcp'])
      expect(shaped[i]!.ids).toEqual(run.glyphs.map((g) => g.id))
      expect(shaped[i]!.width).toBe(run.advanceWidth * face.scale)
    }
  })

  test('a face whose tables cannot be read (no GDEF classes) is shaped pair by pair, as before', async () => {
    // As an author's face without glyph classes (fontkit then tells marks by their characters).
    const parsed = await load('literata', 'regular')
    const font = new Proxy(parsed, {
      get: (target, key, receiver) => (key === 'GDEF' ? undefined : Reflect.get(target, key, receiver)),
    })
    expect(LayoutTables.of(font)).toBeUndefined()
    const { calls } = counting(font)
    const face: Face = { name: 'F2', font, scale: 1 / font.unitsPerEm }
    const m = new FaceMetrics(face)
    const before = { ...layoutStats }
    for (const word of PARAGRAPH.split(' '))
      expect(m.word(word)).toBeCloseTo(layout(font, word) * face.scale, 9)
    expect(calls.filter((n) => n === 2).length).toBeGreaterThan(20)
    expect(layoutStats.read - before.read).toBe(0)
  })
})

/** A word's width as fontkit shapes it (font units), through the unwrapped prototype method. */
function layout(font: Font, word: string): number {
  return Object.getPrototypeOf(font).layout.call(font, word).advanceWidth
}
