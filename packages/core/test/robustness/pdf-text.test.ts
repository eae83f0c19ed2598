/**
 * Text the PDF must cope with: chapter headings of 800 to 50,000 characters (they break across
 * lines and pages, in the opening, the contents and the bookmarks), scripts the embedded faces
 * cannot show (one error, no PDF, the EPUB still made) and CJK, which they now show, a few missing glyphs in a Latin book (a
 * warning each, then one line), and case changes in the book's language (Turkish i → İ). Also
 * the HTML reader's `<dl>` and `<source>` reports.
 */
import { describe, expect, it } from 'vitest'
import { OctavoError } from '../../src/diagnostics/file.js'
import { createBook, diagnosticsOf, render } from '../../src/index.js'
import { lower, upper } from '../../src/renderers/pdf/case.js'
import { scriptOf } from '../../src/renderers/pdf/coverage.js'
import { MAX_OUTLINE_TITLE, outlineTitle } from '../../src/renderers/pdf/draw.js'
import {
  epubText,
  expectBookOrDiagnostics,
  hasPdftotext,
  hasQpdf,
  inspectEpub,
  isPdf,
  pdfText,
  qpdfCheck,
} from './helpers.js'

const SLOW = 600_000

function words(length: number): string {
  const out: string[] = []
  let n = 0
  let size = -1
  while (size < length) {
    const word = `word${n++}`
    out.push(word)
    size += word.length + 1
  }
  return out.join(' ')
}

async function book(markdown: string, language = 'en', title = 'Text') {
  const result = await createBook({
    metadata: { title, author: 'Işık İnci', language },
    chapters: [{ markdown, file: 'one.md' }],
  })
  expectBookOrDiagnostics(result)
  return result.book!
}

describe('long chapter headings in the PDF', () => {
  for (const length of [800, 5_000, 50_000]) {
    it(
      `a ${length.toLocaleString('en')}-character heading breaks across lines and pages`,
      async () => {
        const heading = words(length)
        const last = heading.slice(heading.lastIndexOf(' ') + 1)
        const b = await book(`# ${heading}\n\nThe body.\n\n## ${heading}\n\nMore body.\n`)
        const pdf = await render(b, 'pdf')
        expect(isPdf(pdf)).toBe(true)
        expect(diagnosticsOf(b).filter((d) => d.level === 'error')).toEqual([])
        if (hasQpdf) expect((await qpdfCheck(pdf)).output).toMatch(/No syntax or stream encoding errors/)
        if (hasPdftotext) {
          const text = await pdfText(pdf)
          // The contents entry, the chapter opening and the section heading, each whole.
          expect(text.split(last).length - 1).toBeGreaterThanOrEqual(3)
          expect(text).toContain('More body.')
        }
        expect(inspectEpub(await render(b, 'epub')).problems).toEqual([])
      },
      SLOW,
    )
  }

  it.skipIf(!hasQpdf)('qpdf --check passes on a book of long headings (skipped without qpdf)', async () => {
    const b = await book(`# ${words(5_000)}\n\nBody.\n`)
    expect((await qpdfCheck(await render(b, 'pdf'))).ok).toBe(true)
  })

  it('bookmarks are cut on a word boundary, never inside a surrogate pair', () => {
    expect(outlineTitle('Short title')).toBe('Short title')
    const cut = outlineTitle(words(5_000))
    expect(Array.from(cut).length).toBeLessThanOrEqual(MAX_OUTLINE_TITLE)
    expect(cut).toMatch(/word\d+…$/)
    const astral = outlineTitle('𝔄'.repeat(1_000))
    expect(astral.endsWith('…')).toBe(true)
    expect(astral).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })
})

describe('scripts the PDF faces cannot show', () => {
  const samples: Array<[string, string, string]> = [
    ['ar', 'Arabic', 'في البدء كان الكلمة، والكلمة كان عند الله. هذا نص عربي طويل بما فيه الكفاية.'],
    ['he', 'Hebrew', 'בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ. והארץ היתה תהו ובהו.'],
    ['hi', 'Devanagari', 'यह एक परीक्षण है। हिंदी में लिखा गया एक छोटा सा अनुच्छेद।'],
    ['th', 'Thai', 'นี่คือการทดสอบ ภาษาไทยเขียนโดยไม่มีช่องว่างระหว่างคำ'],
  ]
  for (const [language, script, text] of samples) {
    it(`${language}: the PDF fails with one error (pdf-right-to-left, or pdf-script-unsupported naming ${script}); the EPUB is made`, async () => {
      const b = await book(`# ${text.slice(0, 12)}\n\n${text}\n\n${text}\n`, language)
      const failure = await render(b, 'pdf').then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(failure).toBeInstanceOf(OctavoError)
      const errors = diagnosticsOf(b).filter((d) => d.level === 'error')
      if (language === 'ar' || language === 'he') {
        // Right to left: refused whatever the faces, the message saying so and naming the EPUB.
        expect(errors.map((d) => d.code)).toEqual(['pdf-right-to-left'])
        expect(errors[0]!.message).toContain('Right-to-left PDFs are not supported yet')
        expect(errors[0]!.message).toContain('`-f epub`')
      } else {
        expect(errors.map((d) => d.code)).toEqual(['pdf-script-unsupported'])
        expect(errors[0]!.message).toContain(script)
        expect(errors[0]!.message).toMatch(/\d+ of the book's \d+ characters/)
      }
      // No warning per character.
      expect(diagnosticsOf(b).filter((d) => d.code === 'pdf-missing-glyph')).toEqual([])
      const epub = inspectEpub(await render(b, 'epub'))
      expect(epub.problems).toEqual([])
      expect(epubText(epub)).toContain(text.slice(0, 8))
    })
  }

  // Chinese, Japanese and Korean are set in Noto Serif CJK (test/pdf-cjk/ tests them in depth).
  const cjk: Array<[string, string]> = [
    ['ja', '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。'],
    ['zh', '天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。寒来暑往，秋收冬藏。'],
    ['ko', '모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다.'],
  ]
  for (const [language, text] of cjk) {
    it(`${language}: the PDF is made, its text read back, without an error`, async () => {
      const b = await book(`# ${text.slice(0, 6)}\n\n${text}\n\n${text}\n`, language)
      const pdf = await render(b, 'pdf')
      expect(isPdf(pdf)).toBe(true)
      expect(diagnosticsOf(b).filter((d) => d.level === 'error')).toEqual([])
      expect(diagnosticsOf(b).filter((d) => d.code.startsWith('pdf-missing-glyph'))).toEqual([])
      if (hasPdftotext) expect((await pdfText(pdf)).replace(/\s+/g, '')).toContain(text.replace(/\s+/g, ''))
    })
  }

  it('a Latin book with a few missing characters is made, with a warning naming each', async () => {
    const b = await book(
      `# One\n\n${'A plain sentence of Latin text. '.repeat(20)}A syllable is ሀ and ᚠ is a rune.\n`,
    )
    expect(isPdf(await render(b, 'pdf'))).toBe(true)
    const missing = diagnosticsOf(b).filter((d) => d.code === 'pdf-missing-glyph')
    expect(missing.map((d) => d.level)).toEqual(['warning', 'warning'])
    expect(missing.map((d) => d.message).join(' ')).toMatch(/ሀ.*ᚠ/)
  })

  it('many distinct missing characters in a Latin book: ten warnings, then one line for the rest', async () => {
    const runes = Array.from({ length: 40 }, (_, i) => String.fromCodePoint(0x16a0 + i)).join(' ')
    const b = await book(`# One\n\n${'A plain sentence of Latin text. '.repeat(200)}\n\n${runes}\n`)
    expect(isPdf(await render(b, 'pdf'))).toBe(true)
    const list = diagnosticsOf(b)
    expect(list.filter((d) => d.code === 'pdf-missing-glyph')).toHaveLength(10)
    const more = list.filter((d) => d.code === 'pdf-missing-glyph-more')
    expect(more).toHaveLength(1)
    expect(more[0]!.message).toMatch(/^30 more characters/)
  })

  it('scripts are named by the Unicode Script property', () => {
    expect(scriptOf('ب')).toBe('Arabic')
    expect(scriptOf('ש')).toBe('Hebrew')
    expect(scriptOf('猫')).toBe('Han')
    expect(scriptOf('ก')).toBe('Thai')
    expect(scriptOf('क')).toBe('Devanagari')
    expect(scriptOf('😀')).toBe('emoji')
  })
})

describe('case changes use the book language', () => {
  it('Turkish and Azeri capitals keep the dots: Işık İnci → IŞIK İNCİ', () => {
    expect(upper('Işık İnci', 'tr')).toBe('IŞIK İNCİ')
    expect(upper('Işık İnci', 'az')).toBe('IŞIK İNCİ')
    expect(upper('Işık İnci', 'en')).toBe('IŞIK İNCI')
    expect(lower('IŞIK İNCİ', 'tr')).toBe('ışık inci')
    expect(upper('i', 'not a language!')).toBe('I')
  })

  it.skipIf(!hasPdftotext)(
    "a Turkish PDF's title page prints the author as IŞIK İNCİ (skipped without poppler-utils' pdftotext)",
    async () => {
      const b = await book('# Işık\n\nBir gün Işık ve İnci bahçede yürüdüler.\n', 'tr', 'Işık İnci')
      const text = await pdfText(await render(b, 'pdf'))
      expect(text).toContain('IŞIK İNCİ')
      expect(text).not.toContain('İNCI')
    },
  )
})

describe('HTML blocks the model has no node for', () => {
  it('<dl> keeps its terms in bold and its definitions, with one warning per file', async () => {
    const html =
      '<h1>Terms</h1><dl><dt>Apple</dt><dd>A fruit.</dd><dd>Also a <em>tree</em>.</dd>' +
      '<div><dt>Pear</dt><dd><p>Another fruit.</p></dd></div></dl><dl><dt>Plum</dt><dd>Third.</dd></dl>'
    const result = await createBook({
      metadata: { title: 'T', author: 'A' },
      chapters: [{ html, file: 'terms.html' }],
    })
    expectBookOrDiagnostics(result)
    const b = result.book!
    const warnings = diagnosticsOf(b).filter((d) => d.code === 'html-definition-list')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ level: 'warning', line: 1 })
    expect(warnings[0]!.file).toContain('terms.html')
    const xhtml = epubText(inspectEpub(await render(b, 'epub')))
    for (const text of ['Apple', 'A fruit.', 'Pear', 'Another fruit.', 'Plum', 'Third.'])
      expect(xhtml).toContain(text)
    const chapter = b.tree.children[0]!
    expect(JSON.stringify(chapter)).toContain('"type":"strong","children":[{"type":"text","value":"Apple"')
  })

  it('<dl> in Markdown raw HTML says so under an md- code', async () => {
    const b = await book('# Terms\n\n<dl><dt>Apple</dt><dd>A fruit.</dd></dl>\n')
    expect(diagnosticsOf(b).filter((d) => d.code === 'md-definition-list')).toHaveLength(1)
  })

  it('"Dropped <source>" is said once, however many sources a file has', async () => {
    const html =
      '<h1>Media</h1><video><source src="a.mp4"><source src="a.webm"></video><p>x</p>' +
      '<audio><source src="b.ogg"></audio><source src="stray.mp4"><picture><source srcset="c.webp"><img src="c.png" alt="c"></picture>'
    const result = await createBook({
      metadata: { title: 'T', author: 'A' },
      chapters: [{ html, file: 'media.html' }],
    })
    const all = diagnosticsOf(result.book!)
    const mentions = all.filter((d) => d.message.includes('<source>'))
    expect(mentions).toHaveLength(1)
  })
})
