/**
 * What the PDF gives back of inline text: small capitals (the face's own `smcp` glyphs in
 * Literata, mapped back to their letters; synthesized capitals with /ActualText in Crimson Pro,
 * which has none) come out of pdftotext in the source's case; fixed-width spaces stay fixed in
 * the breaker's items; and links are in the tag tree (a `Link` element inside the paragraph
 * holding the link's text and an OBJR to its annotation, which points back by /StructParent).
 */
import { describe, expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import type { BlockContent, PhrasingContent, Root } from '../../src/model/types.js'
import { loadFonts } from '../../src/renderers/pdf/fonts.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { breakParagraph } from '../../src/renderers/pdf/layout/break.js'
import { literataMeasurer } from '../../src/renderers/pdf/layout/measure-fontkit.js'
import type { ParagraphSpec } from '../../src/renderers/pdf/layout/types.js'
import { FontMeasurer, metrics } from '../../src/renderers/pdf/measure.js'
import { chapterOf, oneChapterBook, p, t, tempPdf, tool, unicodeMaps } from './helpers.js'

const OPENING =
  'Once upon a time there lived in a small harbour town a keeper of lights, who trimmed the wicks every evening and polished the great lens until it shone like water.'

function book(children: PhrasingContent[][], extra: BlockContent[] = []): Root {
  const paragraphs = children.map((c): BlockContent => ({ type: 'paragraph', children: c }))
  const tree = oneChapterBook([...paragraphs, ...extra], { title: [t('The Lamp')] })
  tree.children.push(chapterOf(2, 'The Sea', [p('The end.')], { file: 'two.md', id: 'the-sea' }))
  return tree
}

async function render(tree: Root, options: Parameters<typeof renderPdf>[1] = {}) {
  const env = createMemoryEnv({})
  const chunks: Uint8Array[] = []
  for await (const chunk of renderPdf(tree, { halfTitle: false, toc: false, ...options }, env))
    chunks.push(chunk)
  const path = tempPdf(new Uint8Array(Buffer.concat(chunks)))
  return { path, env }
}

/** The objects of a qpdf `--qdf` file by number. */
function objects(path: string): Map<number, string> {
  const qdf = `${path}.qdf`
  tool('qpdf', ['--qdf', '--object-streams=disable', path, qdf])
  const text = Buffer.from(tool('cat', [qdf]), 'latin1').toString('latin1')
  const out = new Map<number, string>()
  for (const m of text.matchAll(/\n(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) out.set(Number(m[1]), m[2]!)
  return out
}

/** Glyph id → text of every embedded font's ToUnicode map, for a PDF written out as `${path}.qdf`. */
function unicodeMapsOf(path: string): Map<number, string>[] {
  return unicodeMaps(tool('cat', [`${path}.qdf`]))
}

/** A PDF string as written by pdfkit: `(literal)` or `<feff…>` (UTF-16BE). */
function pdfString(s: string): string {
  if (s.startsWith('(')) return s.slice(1, -1)
  const hex = s.slice(1, -1).replace(/^feff/i, '')
  return String.fromCharCode(...(hex.match(/[0-9a-f]{4}/gi) ?? []).map((h) => Number.parseInt(h, 16)))
}

const smallCapsBook = () =>
  book([
    [t(OPENING)],
    [
      t('They called it, in the town, '),
      { type: 'smallCaps', children: [t('the Keeper’s Hour')] },
      t(', the hour when the light was lit and the boats came home across the bar.'),
    ],
  ])

describe('small capitals', () => {
  test('measured as shaped with smcp: the pair model of the small capitals agrees with fontkit', async () => {
    const fonts = await loadFonts('literata', createMemoryEnv({}))
    const measurer = new FontMeasurer(fonts)
    expect(measurer.hasSmallCaps('regular')).toBe(true)
    const font = fonts.primary.regular.font
    const words = `${OPENING} “Well, Prince, so Genoa and Lucca are now just family estates”—and AVATAR office`
    for (const word of words.split(' ')) {
      const shaped = font.layout(word, ['smcp'])
      expect(measurer.width(word, 'regular', 10, 'smallCaps'), word).toBeCloseTo(
        (shaped.advanceWidth * 10) / font.unitsPerEm,
        9,
      )
      expect(measurer.glyphCount(word, 'regular', 'smallCaps'), word).toBe(shaped.glyphs.length)
    }
    // Most of it takes the fast path, with the small capitals' own glyphs.
    const sc = metrics(fonts.primary.regular, 'smcp')
    expect(Number.isNaN(sc.fast('beginning'))).toBe(false)
    expect(sc.glyph['e'.charCodeAt(0)]).toBe(font.layout('e', ['smcp']).glyphs[0]!.id)
    expect(sc.glyph['e'.charCodeAt(0)]).not.toBe(font.glyphForCodePoint(0x65).id)
    // Crimson Pro has none: its "small capitals" are its letters, synthesized by the composer.
    const crimson = new FontMeasurer(await loadFonts('crimson-pro', createMemoryEnv({})))
    expect(crimson.hasSmallCaps('regular')).toBe(false)
    expect(crimson.width('Keeper', 'regular', 10, 'capitals')).toBe(crimson.width('KEEPER', 'regular', 10))
  })

  test('Literata: the face’s own small capitals, read back in the source’s case', async () => {
    const { path } = await render(smallCapsBook())
    const text = tool('pdftotext', [path, '-']).replace(/\s+/g, ' ')
    // The opening's first words and the smallCaps node, as written.
    expect(text).toContain('Once upon a time there lived')
    expect(text).toContain('the Keeper’s Hour, the hour')
    expect(text).not.toMatch(/ONCE|KEEPER|HOUR/)
    objects(path)
    // The regular face draws `o` twice over: the letter and its small capital `o.sc`, both mapped to `o`.
    const regular = unicodeMapsOf(path).find((m) => [...m.values()].includes('w'))!
    for (const letter of ['o', 'e', 'n']) {
      const glyphs = [...regular.entries()].filter(([, u]) => u === letter)
      expect(glyphs.length, letter).toBe(2)
    }
  })

  test('Crimson Pro (no smcp): capitals drawn, the source text given as /ActualText', async () => {
    const { path } = await render(smallCapsBook(), { font: 'crimson-pro' })
    const text = tool('pdftotext', [path, '-']).replace(/\s+/g, ' ')
    expect(text).toContain('Once upon a time there lived')
    expect(text).toContain('the Keeper’s Hour, the hour')
    expect(text).not.toMatch(/ONCE|KEEPER|HOUR/)
    const objs = objects(path)
    const regular = unicodeMapsOf(path).find((m) => [...m.values()].includes('w'))!
    // Synthesized: the capitals themselves are drawn.
    for (const letter of ['N', 'C', 'K', 'R']) expect([...regular.values()], letter).toContain(letter)
    const qdf = tool('cat', [`${path}.qdf`])
    const actual = [...qdf.matchAll(/\/Span <<\n\/ActualText (\([^)]*\)|<[0-9a-f]+>)\n>> BDC/g)].map((m) =>
      pdfString(m[1]!),
    )
    expect(actual).toContain('nce upon a time')
    expect(actual).toContain('eeper')
    expect(objs.size).toBeGreaterThan(0)
  })
})

describe('fixed-width spaces in the breaker', () => {
  const measurer = literataMeasurer()
  const text =
    'Il dit\u202F: «\u202FVenez donc\u202F!\u202F» Et l’autre\u2009? Elle répondit\u00A0: «\u202Fjamais\u202F» ; puis elle partit\u202F; la nuit tombait, et la mer montait doucement sur les galets de la grève.'
  const spec = (width: number): ParagraphSpec => ({
    runs: [{ text: text.repeat(3), style: 'regular', size: 10.5 }],
    lineWidths: [width],
    indent: 0,
    align: 'justify',
    language: 'fr',
  })

  test('never break, and keep one width on loose and tight lines', () => {
    const thin = measurer.width('\u2009', 'regular', 10.5)
    // Literata draws its thin space at 1/8 em, and has no U+202F: that is drawn as its thin space.
    expect(thin).toBeCloseTo(0.125 * 10.5, 6)
    expect(measurer.width('\u202F', 'regular', 10.5)).toBeCloseTo(thin, 6)
    expect(measurer.width('\u200A', 'regular', 10.5)).toBeCloseTo(0.06 * 10.5, 6)
    expect(measurer.width('a\u202F:', 'regular', 10.5)).toBeCloseTo(
      measurer.width('a', 'regular', 10.5) + thin + measurer.width(':', 'regular', 10.5),
      6,
    )
    let loose = 0
    let tight = 0
    for (const width of [150, 170, 190, 210, 230, 250, 270]) {
      const layout = breakParagraph(spec(width), measurer)
      for (const line of layout.lines) {
        const drawn = line.runs.map((r) => r.text).join('')
        // No line starts or ends at a fixed space (they never break).
        expect(drawn).not.toMatch(/^[\u2009\u200A\u202F]|[\u2009\u200A\u202F]-?$/)
        if (line.last) continue
        if (line.spaceRatio > 1.05) loose++
        if (line.spaceRatio < 0.95) tight++
        for (const run of line.runs) {
          // A run's width is its words and fixed spaces as measured, plus the justified word spaces
          // only: the fixed spaces take no share of the stretch or shrink.
          const words = run.text.split(/[^\S\u2009\u200A\u202F]/)
          const gaps = words.length - 1
          const natural = words.reduce((sum, w) => sum + (w ? measurer.width(w, 'regular', 10.5) : 0), 0)
          const space = measurer.width(' ', 'regular', 10.5)
          expect(run.width).toBeCloseTo(natural + gaps * (space + run.wordSpacing), 6)
        }
      }
    }
    expect(loose).toBeGreaterThan(3)
    expect(tight).toBeGreaterThan(3)
  })

  test('a no-break space still stretches like a word space (TeX’s ~)', () => {
    const layout = breakParagraph(
      {
        runs: [{ text: 'Elle répondit\u00A0: jamais de la vie, jamais.', style: 'regular', size: 10.5 }],
        lineWidths: [140],
        indent: 0,
        align: 'justify',
        language: 'fr',
      },
      measurer,
    )
    const first = layout.lines[0]!
    expect(first.last).toBe(false)
    const run = first.runs[0]!
    expect(run.text).toContain('\u00A0')
    expect(run.wordSpacing).not.toBe(0)
    const space = measurer.width(' ', 'regular', 10.5)
    const words = run.text.split(/\s/)
    const natural = words.reduce((sum, w) => sum + measurer.width(w, 'regular', 10.5), 0)
    expect(run.width).toBeCloseTo(natural + (words.length - 1) * (space + run.wordSpacing), 6)
  })
})

describe('links in the tag tree', () => {
  test('an internal and an external link: Link elements with OBJRs, annotations with /StructParent', async () => {
    const { path } = await render(
      book([
        [
          t('The light is described on the '),
          { type: 'link', url: 'https://example.org/skerrow', children: [t('harbour board’s page')] },
          t(', and again in '),
          { type: 'link', url: '#the-sea', children: [t('the last chapter')] },
          t('.'),
        ],
      ]),
    )
    expect(tool('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors')
    const objs = objects(path)
    const links = [...objs.entries()].filter(([, o]) => /\/S \/Link\n/.test(o))
    expect(links.length).toBe(2)
    const annotations = [...objs.entries()].filter(([, o]) => /\/Subtype \/Link\n/.test(o))
    expect(annotations.length).toBe(2)
    const root = [...objs.values()].find((o) => o.includes('/Type /StructTreeRoot'))!
    const nums = /\/Nums \[([\s\S]*?)\n {4}\]/.exec(root)![1]!
    const kinds: string[] = []
    for (const [number, link] of links) {
      // The Link is inside the paragraph, and holds marked text and one OBJR.
      const parent = /\/P (\d+) 0 R/.exec(link)![1]!
      expect(objs.get(Number(parent))).toMatch(/\/S \/P\n/)
      expect(link).toMatch(/\/K \[\s+<<\s+\/Obj (\d+) 0 R\s+\/Pg \d+ 0 R\s+\/Type \/OBJR\s+>>\s+\d+\s+\]/)
      const annotation = objs.get(Number(/\/Obj (\d+) 0 R/.exec(link)![1]))!
      expect(annotation).toContain('/Subtype /Link')
      // The annotation's /StructParent leads back to this Link through the parent tree.
      const key = /\/StructParent (\d+)/.exec(annotation)![1]
      expect(nums).toMatch(new RegExp(`\\n {6}${key}\\n {6}${number} 0 R\\n`))
      const contents = /\/Contents (\([^)]*\)|<[0-9a-f]+>)/.exec(annotation)![1]!
      expect(['harbour board’s page', 'the last chapter']).toContain(pdfString(contents))
      const action = objs.get(Number(/\/A (\d+) 0 R/.exec(annotation)![1]))!
      kinds.push(/\/S \/(\w+)/.exec(action)![1]!)
    }
    expect(kinds.sort()).toEqual(['GoTo', 'URI'])
    const text = tool('pdftotext', [path, '-']).replace(/\s+/g, ' ')
    expect(text).toContain('described on the harbour board’s page, and again in the last chapter.')
  })

  test('a link broken across lines is one Link element with an annotation per line', async () => {
    const words = 'the whole of the account of the lighthouse at Skerrow and its keepers from the first'
    const { path } = await render(
      book([
        [t('See '), { type: 'link', url: 'https://example.org/', children: [t(words)] }, t(' for more.')],
      ]),
    )
    const objs = objects(path)
    const links = [...objs.values()].filter((o) => /\/S \/Link\n/.test(o))
    expect(links.length).toBe(1)
    expect(links[0]!.match(/\/Type \/OBJR/g)?.length).toBeGreaterThanOrEqual(2)
    const annotations = [...objs.values()].filter((o) => /\/Subtype \/Link\n/.test(o))
    expect(annotations.length).toBe(links[0]!.match(/\/Type \/OBJR/g)!.length)
    for (const a of annotations) expect(a).toMatch(/\/StructParent \d+/)
  })
})
