/**
 * Metadata that breaks naive XML and PDF writers: markup characters, right-to-left and CJK text,
 * emoji, and a 10,000-character title. Every XML file of the EPUB must parse, EPUBCheck must pass
 * (one sample), the PDF must pass `qpdf --check`, and the values must come through intact.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { createBook, OctavoError, render } from '../../src/index.js'
import {
  cleanupTempDirs,
  entryText,
  epubcheck,
  epubOf,
  expectBookOrDiagnostics,
  hasEpubcheck,
  hasQpdf,
  isPdf,
  qpdfCheck,
  xmlScan,
} from './helpers.js'

/** The errors that refuse a PDF by design: a script its faces lack, or right-to-left text. */
const REFUSED = new Set(['pdf-script-unsupported', 'pdf-right-to-left'])

afterAll(cleanupTempDirs)

const NASTY = `Tom & Jerry <script>alert("x")</script> "quoted" 'single' ]]> <!-- c --> &amp; &#0;`

const cases: Array<[string, Parameters<typeof createBook>[0]['metadata']]> = [
  [
    'markup characters everywhere',
    {
      title: NASTY,
      subtitle: `A <b>bold</b> & "brave" tale`,
      authors: [{ name: `O'Brien & <Sons>`, fileAs: `"Brien", O'` }],
      publisher: 'Smith & Wesson <Publishing>',
      description: '<p onclick="x()">Desc</p> & more',
      rights: '© 2024 "Me" & <you>',
      subjects: ['<tag>', 'a & b'],
      series: { name: 'Series <1> & "2"', number: 2.5 },
      contributors: [{ name: 'Ed <itor>', role: 'editor' }],
      dedication: 'For "you" & <them>',
      edition: "First 'edition' <draft>",
    },
  ],
  [
    'Arabic, right to left',
    { title: 'الكتاب الأول: رحلة', authors: [{ name: 'مؤلف مجهول' }], language: 'ar' },
  ],
  ['Hebrew, right to left', { title: 'הספר הראשון', authors: [{ name: 'סופר' }], language: 'he' }],
  ['Japanese', { title: '吾輩は猫である', authors: [{ name: '夏目漱石' }], language: 'ja' }],
  ['Chinese', { title: '紅樓夢：第一回', authors: [{ name: '曹雪芹' }], language: 'zh-Hant' }],
  ['emoji', { title: 'The 🐉 Dragon 👩\u200D👩\u200D👧 Family 🏳️\u200D🌈', authors: [{ name: 'Emo 😀 Ji' }] }],
  [
    'a 10,000-character title',
    { title: `${'Long '.repeat(2000).trim()}!`, authors: [{ name: 'N'.repeat(5000) }] },
  ],
]

describe('nasty metadata', () => {
  for (const [index, [label, metadata]] of cases.entries()) {
    it(`${label}: EPUB XML well-formed, values intact; PDF passes qpdf`, async () => {
      const result = await createBook({
        metadata,
        // Typography off: the values must come through exactly as given.
        typography: false,
        chapters: [{ title: metadata.title, text: `Chapter 1\n\nBody of "${label}".\n` }],
      })
      expectBookOrDiagnostics(result)
      const epub = await epubOf(result.book!)
      const opf = Object.keys(epub.entries).find((n) => n.endsWith('.opf'))!
      const { elements, text } = xmlScan(entryText(epub.entries, opf))
      // The title came through as text, exactly.
      expect(text).toContain(metadata.title)
      expect(elements.some((e) => e.name === 'dc:title')).toBe(true)
      // Nothing of the metadata turned into markup.
      for (const name of Object.keys(epub.entries).filter((n) => /\.(xhtml|opf|ncx)$/.test(n))) {
        const { elements: els } = xmlScan(entryText(epub.entries, name))
        expect(els.map((e) => e.name.toLowerCase())).not.toContain('script')
        expect(els.flatMap((e) => Object.keys(e.attributes)).filter((a) => /^on/i.test(a))).toEqual([])
      }
      if (metadata.language === 'ar' || metadata.language === 'he') {
        expect(entryText(epub.entries, opf)).toMatch(/page-progression-direction="rtl"|dir="rtl"/)
      }
      if (hasEpubcheck && (index === 0 || index === 1 || index === cases.length - 1)) {
        const check = await epubcheck(epub.bytes)
        expect(check.ok, check.output).toBe(true)
      }
      // A title in a script the PDF's faces lack, in a book this short, is most of its text: the
      // PDF is refused with one `pdf-script-unsupported` error, or `pdf-right-to-left` for Arabic and
      // Hebrew (the EPUB above is still made).
      const pdf = await render(result.book!, 'pdf').catch((error: unknown) => {
        if (error instanceof OctavoError && REFUSED.has(error.diagnostic.code)) return undefined
        throw error
      })
      if (pdf === undefined) return
      expect(isPdf(pdf)).toBe(true)
      if (hasQpdf) {
        const check = await qpdfCheck(pdf)
        expect(check.ok, check.output).toBe(true)
      }
    })
  }
})
