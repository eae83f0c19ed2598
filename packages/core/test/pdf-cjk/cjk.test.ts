/**
 * Chinese, Japanese and Korean in the PDF: the CJK face level (Noto Serif CJK, the regional
 * version the language calls for, read only when the book has such text, embedded as a subset),
 * line breaking between CJK characters with the kinsoku rules, and the scripts still refused.
 * Checked with pdftotext (the text back), pdffonts (the faces embedded) and qpdf.
 */
import { describe, expect, it } from 'vitest'
import { cjkRegion } from '../../src/cjk.js'
import { createMemoryEnv } from '../../src/env.js'
import { createBook, diagnosticsOf, render } from '../../src/index.js'
import type { Root } from '../../src/model/types.js'
import { cjkCharacters } from '../../src/renderers/pdf/cjk.js'
import { loadFonts } from '../../src/renderers/pdf/fonts.js'
import { breakParagraph } from '../../src/renderers/pdf/layout/break.js'
import { cjkBreakPenalty, cjkBreaks, HANGUL_BREAK_PENALTY } from '../../src/renderers/pdf/layout/cjk.js'
import type { ParagraphLayout } from '../../src/renderers/pdf/layout/types.js'
import { FontMeasurer } from '../../src/renderers/pdf/measure.js'
import { tempPdf, tool } from '../pdf/helpers.js'
import { hasQpdf, qpdfCheck } from '../robustness/helpers.js'

/** Natsume Sōseki, 吾輩は猫である (1905), public domain: the opening paragraphs. */
const NEKO = [
  '吾輩は猫である。名前はまだ無い。',
  'どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。吾輩はここで始めて人間というものを見た。しかもあとで聞くとそれは書生という人間中で一番獰悪な種族であったそうだ。この書生というのは時々我々を捕えて煮て食うという話である。しかしその当時は何という考もなかったから別段恐しいとも思わなかった。ただ彼の掌に載せられてスーと持ち上げられた時何だかフワフワした感じがあったばかりである。掌の上で少し落ちついて書生の顔を見たのがいわゆる人間というものの見始であろう。この時妙なものだと思った感じが今でも残っている。第一毛をもって装飾されべきはずの顔がつるつるしてまるで薬缶だ。その後猫にもだいぶ逢ったがこんな片輪には一度も出会わした事がない。のみならず顔の真中があまりに突起している。そうしてその穴の中から時々ぷうぷうと煙を吹く。どうも咽せぽくて実に弱った。これが人間の飲む煙草というものである事はようやくこの頃知った。',
  'この書生の掌の裏でしばらくはよい心持に坐っておったが、しばらくすると非常な速力で運転し始めた。書生が動くのか自分だけが動くのか分らないが無暗に眼が廻る。胸が悪くなる。到底助からないと思っていると、どさりと音がして眼から火が出た。それまでは記憶しているがあとは何の事やらいくら考え出そうとしても分らない。「ふと気が付いて見ると書生はいない。」たくさんおった兄弟が一疋も見えぬ。肝心の母親さえ姿を隠してしまった。',
]

const NAMES =
  'Somewhere beyond the kitchen a phone rang, and 美咲 felt nervous without quite knowing why. "We need to talk," said 김민수, and Misaki nodded.'

/** Characters that never start a line, and those that never end one (kinsoku). */
const NO_START = /^[、。，．：；？！」』）〉》】〕ぁぃぅぇぉっゃゅょァィゥェォッャュョー々・…]/u
const NO_END = /[「『（〈《【〔]$/u

async function cjkBook(markdown: string, language: string, title = 'Test') {
  const { book } = await createBook({
    metadata: { title, author: 'Octavo', language },
    chapters: [{ markdown, file: 'one.md' }],
  })
  return book!
}

function fontsOf(path: string): string[] {
  return tool('pdffonts', [path])
    .trim()
    .split('\n')
    .slice(2)
    .map((row) => row.split(/\s+/)[0]!)
}

function lineText(line: ParagraphLayout['lines'][number]): string {
  return line.runs.map((r) => r.text).join('')
}

describe('CJK break opportunities', () => {
  const at = (text: string) => cjkBreaks(text, 0, text.length)?.offsets ?? []

  it('between ideographs and kana, never before 。、」 or small kana, never after 「', () => {
    // 吾|輩|は|猫|で|あ|る。|「し|か|し」
    expect(at('吾輩は猫である。「しかし」')).toEqual([1, 2, 3, 4, 5, 6, 8, 10, 11])
    // After closing punctuation, before opening: 」|（ and 、|「.
    expect(at('」（')).toEqual([1])
    expect(at('、「')).toEqual([1])
    expect(at('ちょっと')).toEqual([3])
    expect(at('コーヒー')).toEqual([2])
  })

  it('none in Latin text; one where CJK meets a Latin word; astral ideographs are one character', () => {
    expect(at('acknowledged,')).toEqual([])
    expect(at('Misaki美咲')).toEqual([6, 7])
    expect(at('𠮷野家')).toEqual([2, 3])
  })
})

describe('a Japanese paragraph', () => {
  it('breaks between characters into justified lines that fill the measure, kinsoku kept', async () => {
    const tree = { metadata: {}, children: [] } as unknown as Root
    const text = NEKO.slice(1).join('')
    tree.children = [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] as never
    const fonts = await loadFonts('literata', createMemoryEnv(), { tree, language: 'ja' })
    expect(fonts.cjk.map((set) => set.regular.font.postscriptName)).toEqual(['NotoSerifJP-Regular'])
    const measurer = new FontMeasurer(fonts, 'ja')
    for (const width of [200, 250.5, 324]) {
      const layout = breakParagraph(
        {
          runs: [{ text, style: 'regular', size: 10.5 }],
          lineWidths: [width],
          indent: 10.5,
          align: 'justify',
          language: 'ja',
          letterSpacing: { stretch: 0.02, shrink: 0.025 },
        },
        measurer,
      )
      expect(layout.fallback).toBe(false)
      expect(layout.hyphenationUnavailable).toBeUndefined()
      expect(layout.lines.length).toBeGreaterThan(10)
      // Every character is kept, none added (no hyphen drawn).
      expect(layout.lines.map(lineText).join('')).toBe(text)
      for (const line of layout.lines) {
        expect(line.hyphenated).toBe(false)
        expect(line.width).toBeLessThanOrEqual(width + 0.01)
        if (!line.last) expect(line.width).toBeCloseTo(width, 2)
        expect(lineText(line)).not.toMatch(NO_START)
        expect(lineText(line)).not.toMatch(NO_END)
      }
    }
  })

  it('never ends with one character and its full stop alone (CJK_LAST_LINE_MIN_EM)', async () => {
    // At 200 pt this text would leave "る。" alone on its last line.
    const text = `${NEKO[1]!.slice(0, 56)}る。`
    const tree = { metadata: {}, children: [] } as unknown as Root
    tree.children = [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] as never
    const measurer = new FontMeasurer(
      await loadFonts('literata', createMemoryEnv(), { tree, language: 'ja' }),
      'ja',
    )
    const last = (over: object) =>
      lineText(
        breakParagraph(
          {
            runs: [{ text, style: 'regular', size: 10.5 }],
            lineWidths: [200],
            indent: 0,
            align: 'justify',
            language: 'ja',
            letterSpacing: { stretch: 0.02, shrink: 0.025 },
            ...over,
          },
          measurer,
        ).lines.at(-1)!,
      )
    expect(last({ lastLineMin: 0 })).toBe('る。')
    expect([...last({})].length).toBeGreaterThanOrEqual(3)
  })

  it('sets a Japanese book: the JP face embedded as a subset, bold for bold, the text read back', async () => {
    const book = await cjkBook(
      `# 第一章\n\n${NEKO.join('\n\n')}\n\n**吾輩は猫である**。名前は*まだ*無い。\n`,
      'ja',
      'Neko',
    )
    const pdf = await render(book, 'pdf')
    expect(diagnosticsOf(book).filter((d) => d.level === 'error' || d.code.startsWith('pdf-'))).toEqual([])
    const path = tempPdf(pdf)
    const faces = fontsOf(path)
    expect(faces.some((f) => /^[A-Z]{6}\+NotoSerifJP-Regular$/.test(f))).toBe(true)
    expect(faces.some((f) => /^[A-Z]{6}\+NotoSerifJP-Bold$/.test(f))).toBe(true)
    expect(faces.some((f) => /NotoSerif(SC|TC|KR)/.test(f))).toBe(false)
    // A subset: the 7.7 MB face adds tens of kilobytes for these few hundred characters.
    expect(pdf.length).toBeLessThan(300_000)
    // The text, running heads and folios taken out (a paragraph may cross a page).
    const text = tool('pdftotext', [path, '-']).replace(/\s+|\d+|Neko|第一章/g, '')
    for (const paragraph of NEKO) expect(text).toContain(paragraph)
    const lines = tool('pdftotext', ['-layout', path, '-'])
      .split('\n')
      .map((l) => l.trim())
    expect(lines.filter((l) => NO_START.test(l))).toEqual([])
    if (hasQpdf) expect((await qpdfCheck(pdf)).ok).toBe(true)
  })

  it('renders the same bytes twice', async () => {
    const book = await cjkBook(`# 第一章\n\n${NEKO.join('\n\n')}\n`, 'ja')
    const one = await render(book, 'pdf')
    const two = await render(book, 'pdf')
    expect(Buffer.compare(Buffer.from(one), Buffer.from(two))).toBe(0)
  })
})

describe('a Korean paragraph', () => {
  it('breaks at spaces first, between syllables where it must, spaced like Latin text', async () => {
    const text =
      '모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다. 인간은 천부적으로 이성과 양심을 부여받았으며 서로 형제애의 정신으로 행동하여야 한다. 모든 사람은 인종, 피부색, 성, 언어, 종교, 정치적 또는 기타의 견해, 민족적 또는 사회적 출신, 재산, 출생 또는 기타의 지위 등에 따른 어떠한 종류의 차별이 없이, 이 선언에 규정된 모든 권리와 자유를 향유할 자격이 있다.'
    const tree = {
      metadata: {},
      children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }],
    } as unknown as Root
    const measurer = new FontMeasurer(
      await loadFonts('literata', createMemoryEnv(), { tree, language: 'ko' }),
      'ko',
    )
    const layout = breakParagraph(
      {
        runs: [{ text, style: 'regular', size: 10.5 }],
        lineWidths: [200],
        indent: 10.5,
        align: 'justify',
        language: 'ko',
        letterSpacing: { stretch: 0.02, shrink: 0.025 },
      },
      measurer,
    )
    expect(layout.pass).toBe('tolerance')
    const ends = layout.lines.slice(0, -1).map((line) => line.breakKind)
    // Both kinds of break; one between syllables costs more (HANGUL_BREAK_PENALTY) than none.
    expect(ends.filter((kind) => kind === 'space').length).toBeGreaterThanOrEqual(ends.length / 2)
    expect(ends.filter((kind) => kind === 'explicit').length).toBeGreaterThan(0)
    expect(cjkBreakPenalty(0xc778, 0xac04)).toBe(HANGUL_BREAK_PENALTY)
    expect(HANGUL_BREAK_PENALTY).toBeGreaterThan(0)
    expect(cjkBreakPenalty(0x4eba, 0x9593)).toBe(0)
    for (const line of layout.lines) {
      // Korean has spaces to stretch: letters keep the Latin limit (0.02 em), not CJK's.
      expect(Math.abs(line.runs[0]!.characterSpacing ?? 0)).toBeLessThanOrEqual(0.025 * 10.5 + 1e-9)
      expect(lineText(line).trimStart()).not.toMatch(/^[.,]/)
    }
  })
})

describe('an English book with Japanese and Korean names', () => {
  it('is printed: the names read back, SC and KR subsets embedded, no name broken', async () => {
    const paragraph = Array(12).fill(NAMES).join(' ')
    const book = await cjkBook(`# One\n\n${paragraph}\n\n${paragraph}\n`, 'en')
    const pdf = await render(book, 'pdf')
    const codes = diagnosticsOf(book).map((d) => d.code)
    expect(codes).not.toContain('pdf-script-unsupported')
    expect(codes.filter((c) => c.startsWith('pdf-missing-glyph'))).toEqual([])
    const path = tempPdf(pdf)
    const text = tool('pdftotext', [path, '-'])
    // Each name whole, on one line, every time (24 of each).
    expect(text.split('美咲').length - 1).toBe(24)
    expect(text.split('김민수').length - 1).toBe(24)
    const faces = fontsOf(path)
    // English with ideographs and no kana: SC (the largest repertoire); Hangul is in KR alone.
    expect(faces.some((f) => /^[A-Z]{6}\+NotoSerifSC-Regular$/.test(f))).toBe(true)
    expect(faces.some((f) => /^[A-Z]{6}\+NotoSerifKR-Regular$/.test(f))).toBe(true)
    expect(faces.some((f) => /NotoSerifJP/.test(f))).toBe(false)
    expect(pdf.length).toBeLessThan(200_000)
    if (hasQpdf) expect((await qpdfCheck(pdf)).ok).toBe(true)
  })
})

describe('the regional face', () => {
  it('follows the language, else the text', () => {
    expect(cjkRegion('ja', [])).toBe('jp')
    expect(cjkRegion('ja-JP', [])).toBe('jp')
    expect(cjkRegion('ko-KR', [])).toBe('kr')
    expect(cjkRegion('zh', [])).toBe('sc')
    expect(cjkRegion('zh-CN', [])).toBe('sc')
    expect(cjkRegion('zh-Hans-HK', [])).toBe('sc')
    expect(cjkRegion('zh-Hant', [])).toBe('tc')
    expect(cjkRegion('zh-TW', [])).toBe('tc')
    expect(cjkRegion('zh-HK', [])).toBe('tc')
    expect(cjkRegion('yue', [])).toBe('tc')
    const cps = (s: string) => [...s].map((c) => c.codePointAt(0)!)
    expect(cjkRegion('en', cps('美咲'))).toBe('sc')
    expect(cjkRegion('en', cps('美咲さん'))).toBe('jp')
    expect(cjkRegion('fr', cps('김민수'))).toBe('kr')
  })

  it('a Traditional Chinese book is set in TC', async () => {
    const book = await cjkBook('# 第一章\n\n天地玄黃，宇宙洪荒。日月盈昃，辰宿列張。\n', 'zh-Hant')
    const faces = fontsOf(tempPdf(await render(book, 'pdf')))
    expect(faces.some((f) => /\+NotoSerifTC-Regular$/.test(f))).toBe(true)
    expect(faces.some((f) => /NotoSerif(SC|JP|KR)/.test(f))).toBe(false)
  })

  it('finds CJK text anywhere in the book: metadata, titles, text, code', () => {
    const tree = {
      type: 'root',
      metadata: { title: 'T', authors: [{ name: '夏目漱石' }] },
      children: [{ type: 'codeBlock', value: 'x = "「」"' }],
    } as unknown as Root
    const found = [...cjkCharacters(tree)].map((c) => String.fromCodePoint(c)).sort()
    expect(found).toEqual(['「', '」', '夏', '漱', '目', '石'].sort())
  })
})

describe('scripts the faces still cannot show', () => {
  it('Arabic in a Japanese book is still refused with one error naming it (right to left)', async () => {
    const arabic = 'في البدء كان الكلمة، والكلمة كان عند الله. هذا نص عربي طويل بما فيه الكفاية.'
    const book = await cjkBook(`# 一\n\n吾輩は猫である。\n\n${arabic}\n\n${arabic}\n`, 'ja')
    await expect(render(book, 'pdf')).rejects.toThrow()
    const errors = diagnosticsOf(book).filter((d) => d.level === 'error')
    expect(errors.map((d) => d.code)).toEqual(['pdf-right-to-left'])
    expect(errors[0]!.message).toContain('Arabic')
    expect(errors[0]!.message).not.toMatch(/Han|Hiragana/)
  })
})
