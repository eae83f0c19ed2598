/**
 * Japanese setting beyond line breaking: IDEOGRAPHIC SPACE at its full em, the opening of a
 * chapter (drop cap, small capitals) taking a CJK paragraph's first character as its first word,
 * and the print cover drawing CJK titles and authors in the CJK faces. Read back from the PDF
 * with pdftotext (word boxes), pdffonts and qpdf.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { Root } from '../../src/model/types.js'
import { openingSmallCaps } from '../../src/renderers/pdf/blocks.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { openingWordEnd } from '../../src/renderers/pdf/layout/cjk.js'
import { type StyledRun, spaceKind } from '../../src/renderers/pdf/layout/types.js'
import { renderPrintCover } from '../../src/renderers/pdf/print-cover/render.js'
import { metadata, p, tempPdf, tool } from '../pdf/helpers.js'
import { has } from '../tools.js'

const NEKO =
  '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。吾輩はここで始めて人間というものを見た。しかもあとで聞くとそれは書生という人間中で一番獰悪な種族であったそうだ。'

function japanese(paragraphs: string[], title = '吾輩は猫である'): Root {
  return {
    type: 'root',
    metadata: metadata({ title, language: 'ja', dedication: undefined, authors: [{ name: '夏目漱石' }] }),
    children: [
      {
        type: 'chapter',
        matter: 'body',
        kind: 'chapter',
        number: 1,
        label: '第',
        file: 'one.md',
        children: paragraphs.map((text) => p(text)),
      },
    ],
  } as Root
}

async function pdf(tree: Root, options: object = {}) {
  const env = createMemoryEnv({}, { file: new SourceFile('') })
  const chunks: Uint8Array[] = []
  for await (const chunk of renderPdf(tree, { halfTitle: false, toc: false, ...options }, env))
    chunks.push(chunk)
  return { bytes: new Uint8Array(Buffer.concat(chunks)), messages: env.file.messages }
}

interface Word {
  page: number
  x0: number
  x1: number
  y0: number
  text: string
}

/** Every word pdftotext reads, with its page and box. */
function words(path: string): Word[] {
  const xhtml = tool('pdftotext', ['-bbox', path, '-'])
  const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g
  return xhtml
    .split('<page ')
    .slice(1)
    .flatMap((page, k) =>
      [...page.matchAll(word)].map((m) => ({
        page: k,
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        text: m[4]!,
      })),
    )
}

describe('the opening word of a CJK text', () => {
  it('is its first character; a Latin or Korean word runs to its space', () => {
    expect(openingWordEnd('吾輩は猫である。')).toBe(0)
    expect(openingWordEnd('his name')).toBe(3)
    expect(openingWordEnd('Misaki美咲は')).toBe(6)
    expect(openingWordEnd('모든 인간은')).toBe(2)
  })

  it('ends the small-caps opening: CJK has no capitals, Latin words before it keep theirs', () => {
    const faces = { hasSmallCaps: () => true }
    const run = (text: string): StyledRun => ({ text, style: 'regular', size: 10 })
    const neko = openingSmallCaps([run(NEKO)], 4, faces)
    expect(neko.some((r) => r.smallCaps)).toBe(false)
    expect(neko.map((r) => r.text).join('')).toBe(NEKO)
    const mixed = openingSmallCaps([run('Then 美咲 felt nervous without quite knowing why.')], 4, faces)
    expect(mixed.filter((r) => r.smallCaps).map((r) => r.text)).toEqual(['Then '])
    expect(mixed.map((r) => r.text).join('')).toBe('Then 美咲 felt nervous without quite knowing why.')
    // Latin text as before: four words.
    const latin = openingSmallCaps([run('It was the first winter after the accident.')], 4, faces)
    expect(latin.filter((r) => r.smallCaps).map((r) => r.text)).toEqual(['It was the first'])
  })
})

describe.skipIf(!has('pdftotext') || !has('qpdf'))('Japanese in the PDF', () => {
  it('sets IDEOGRAPHIC SPACE a full em wide, not as a stretchable word space', async () => {
    expect(spaceKind(0x3000)).toBe(2)
    // Two short paragraphs (last lines: set at natural width), and a justified one.
    const tree = japanese(['吾輩は　猫である。', `${NEKO}　${NEKO}`, '名前は　まだ無い。'])
    const { bytes, messages } = await pdf(tree)
    expect(messages.filter((m) => m.level === 'error')).toEqual([])
    const all = words(tempPdf(bytes))
    for (const [before, after] of [
      ['吾輩は', '猫である。'],
      ['名前は', 'まだ無い。'],
    ] as const) {
      const a = all.find((w) => w.text === before)!
      const b = all.find((w) => w.text === after && Math.abs(w.y0 - a.y0) < 1)!
      expect(a && b).toBeTruthy()
      // The em: a character's advance in this line (three characters before the space).
      const em = (a.x1 - a.x0) / 3
      expect(b.x0 - a.x1).toBeCloseTo(em, 0)
    }
  })

  it('sets consecutive punctuation closer (JLREQ 3.1.4): 」。 and 「『 one em and a half, as measured', async () => {
    const dialogue = '「吾輩は猫である」。「名前はまだ無い」、と言った。『どこで生れたか』」。'
    const tree = japanese(
      ['吾輩は猫である　「猫」。　「『猫』」　猫、「猫　名前はまだ無い', dialogue.repeat(8)],
      '猫の話',
    )
    const { bytes } = await pdf(tree)
    const all = words(tempPdf(bytes))
    const first = all.find((w) => w.text === '吾輩は猫である')!
    const em = (first.x1 - first.x0) / 7
    const width = (text: string) => {
      const w = all.find((x) => x.text === text && Math.abs(x.y0 - first.y0) < 1)!
      return (w.x1 - w.x0) / em
    }
    // Four marks' worth, 」 closed up to 。: three and a half ems; 「『…』」 loses two halves.
    expect(width('「猫」。')).toBeCloseTo(3.5, 1)
    expect(width('「『猫』」')).toBeCloseTo(4, 1)
    // 、「 where a line may break between them: closer too when it does not.
    expect(width('猫、「猫')).toBeCloseTo(3.5, 1)
    // The justified lines of dialogue end flush: what the breaker measured is what was drawn.
    const lines = new Map<number, number>()
    for (const w of all) {
      if (w.page !== first.page || w.y0 <= first.y0 + 1 || !/[\u3000-\u9fff]/u.test(w.text)) continue
      const y = Math.round(w.y0)
      lines.set(y, Math.max(lines.get(y) ?? 0, w.x1))
    }
    // The paragraph's last line aside.
    const ends = [...lines]
      .sort((a, b) => a[0] - b[0])
      .slice(0, -1)
      .map(([, x]) => x)
    expect(ends.length).toBeGreaterThan(5)
    expect(Math.max(...ends) - Math.min(...ends)).toBeLessThan(0.6)
  })

  it('an opening bracket that starts a line hangs its blank half before the measure', async () => {
    // Dialogue whose brackets fall at line starts at several measures.
    const text = '「吾輩は猫である」と言った。「名前はまだ無い」と答えた。'.repeat(12)
    const { bytes } = await pdf(japanese([text], '猫の話'))
    const all = words(tempPdf(bytes)).filter((w) => /[\u3000-\u9fff]/u.test(w.text))
    // Each line's first word: the text block's left edge is where the other lines start.
    const starts = new Map<string, Word>()
    for (const w of all) {
      const key = `${w.page}:${Math.round(w.y0)}`
      const seen = starts.get(key)
      if (!seen || w.x0 < seen.x0) starts.set(key, w)
    }
    const firsts = [...starts.values()].filter((w) => w.text.length > 3)
    const plain = firsts.filter((w) => !w.text.startsWith('「')).map((w) => w.x0)
    const hung = firsts.filter((w) => w.text.startsWith('「')).map((w) => w.x0)
    expect(hung.length).toBeGreaterThan(1)
    expect(plain.length).toBeGreaterThan(1)
    // The text block's edge: where most lines start (title and other pages aside).
    const count = (x: number) => plain.filter((y) => Math.abs(y - x) < 0.5).length
    const left = plain.reduce((a, b) => (count(b) > count(a) ? b : a))
    const em = 10.5
    // The paragraph's indented first line aside, lines start at the edge or half an em before it.
    const near = (x: number) => Math.abs(x - left) < em
    expect(plain.filter(near).length).toBeGreaterThan(3)
    for (const x of plain.filter(near)) expect(x).toBeCloseTo(left, 0)
    // Every bracket that opens a line after a break hangs; the paragraph's own first line (after
    // the chapter heading, no indent) starts at the edge.
    const hanging = hung.filter((x) => Math.abs(left - x - em / 2) < 0.5)
    expect(hanging.length).toBeGreaterThan(1)
    expect(hung.filter(near).length - hanging.length).toBeLessThanOrEqual(1)
  })

  it('a drop cap on a Japanese paragraph reads as its first character, the line after it as written', async () => {
    const { bytes } = await pdf(japanese([NEKO, NEKO]), { dropCap: 2 })
    const path = tempPdf(bytes)
    const qdf = tool('qpdf', ['--qdf', '--object-streams=disable', path, '-'])
    // pdfkit writes /ActualText as UTF-16BE with its byte-order mark: 吾 is U+543E.
    const actual = [...qdf.matchAll(/\/ActualText\s*(\([^)]*\)|<[0-9a-fA-F]*>)/g)].map((m) => m[1]!)
    expect(actual.length).toBe(1)
    const decoded = actual[0]!.startsWith('<')
      ? Buffer.from(actual[0]!.slice(1, -1), 'hex')
      : Buffer.from(
          actual[0]!
            .slice(1, -1)
            .replace(/\\([0-7]{1,3}|.)/g, (_, e: string) =>
              /^[0-7]+$/.test(e) ? String.fromCharCode(Number.parseInt(e, 8)) : e,
            ),
          'latin1',
        )
    expect(decoded.subarray(2).swap16().toString('utf16le')).toBe('吾')
    const text = tool('pdftotext', [path, '-']).replace(/\s+/g, '')
    expect(text).toContain(NEKO.slice(0, 40))
  })
})

describe.skipIf(!has('pdftotext') || !has('pdffonts'))('the print cover', () => {
  it('draws a Japanese title and author in the Japanese face', async () => {
    const tree = japanese([NEKO])
    tree.metadata.description = '名前はまだ無い猫の話。'
    const env = createMemoryEnv({}, { file: new SourceFile('') })
    const { bytes } = await renderPrintCover(tree, { pages: 200 }, env)
    expect(env.file.messages.filter((m) => m.level === 'error')).toEqual([])
    const path = tempPdf(bytes, 'cover.pdf')
    const faces = tool('pdffonts', [path])
    expect(faces).toMatch(/NotoSerifJP-Regular/)
    const text = tool('pdftotext', [path, '-']).replace(/\s+/g, '')
    expect(text).toContain('吾輩は猫である')
    expect(text).toContain('夏目漱石')
    expect(text).toContain('名前はまだ無い猫の話。')
  })

  it('keeps a Latin title in the book face', async () => {
    const tree = japanese([NEKO], 'I Am a Cat')
    tree.metadata.authors = [{ name: 'Natsume Sōseki' }]
    const env = createMemoryEnv({}, { file: new SourceFile('') })
    const { bytes } = await renderPrintCover(tree, { pages: 200 }, env)
    expect(tool('pdffonts', [tempPdf(bytes, 'cover.pdf')])).not.toMatch(/NotoSerif(JP|SC|TC|KR)/)
  })
})
