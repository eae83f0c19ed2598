/**
 * Right-to-left books and the PDF: the PDF sets every line left to right (a line's words in
 * reverse order), so a book in Arabic or Hebrew (by its language, its direction, or its text) is
 * refused with one `pdf-right-to-left` error whatever the font, even one that has the glyphs,
 * the message saying that right-to-left PDFs are not supported yet and that the EPUB reads
 * right. A few right-to-left words in a left-to-right book are printed, with one warning naming
 * them; missing glyphs stay the glyph check's.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { OctavoError, SourceFile } from '../../src/diagnostics/file.js'
import { createBook, render } from '../../src/index.js'
import type { Root } from '../../src/model/types.js'
import { checkCoverage, coverageOf, rtlScriptOf, scriptOf } from '../../src/renderers/pdf/coverage.js'
import type { FontMeasurer } from '../../src/renderers/pdf/measure.js'
import { chapterOf, metadata, p } from './helpers.js'

/** A measurer whose faces show every character (a font with the glyphs), or none past ASCII. */
const faces = (showAll: boolean) =>
  ({ cover: () => (showAll ? 0 : 3), fonts: { cjkUnavailable: [] } }) as unknown as FontMeasurer

const ENGLISH = 'The keeper climbed the hundred and twelve steps to the lamp room before dawn. '.repeat(20)
const HEBREW = 'בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ. והארץ היתה תהו ובהו. '
const ARABIC = 'في البدء كان الكلمة، والكلمة كان عند الله. هذا نص عربي طويل بما فيه الكفاية. '

function book(language: string, ...paragraphs: string[]): Root {
  return {
    type: 'root',
    metadata: metadata({ language, title: 'T', subtitle: undefined }),
    children: [
      {
        ...chapterOf(
          1,
          'One',
          paragraphs.map((text) => p(text)),
        ),
        file: 'chapters/one.md',
      },
    ],
  } as Root
}

function check(tree: Root, showAll = true) {
  const file = new SourceFile('book.yaml')
  let error: unknown
  try {
    checkCoverage(tree, faces(showAll), file)
  } catch (e) {
    error = e
  }
  return { error, messages: file.messages.map((m) => ({ code: m.code, message: m.message, file: m.file })) }
}

describe('right-to-left text in the PDF', () => {
  it('is refused for a book in a right-to-left language, whatever the font', () => {
    for (const [language, text] of [
      ['he', HEBREW],
      ['ar', ARABIC],
    ] as const) {
      const { error, messages } = check(book(language, text.repeat(4)))
      expect(error).toBeInstanceOf(OctavoError)
      expect(messages.map((m) => m.code)).toEqual(['pdf-right-to-left'])
      const { message } = messages[0]!
      expect(message).toMatch(
        /^Right-to-left PDFs are not supported yet: the book is in (Hebrew|Arabic) \(`(he|ar)`\)/,
      )
      expect(message).toContain('whatever the font')
      expect(message).toContain('The EPUB (`-f epub`) is made as usual and reads correctly')
      expect(message).not.toContain('glyphs')
    }
  })

  it('is refused when most of the text is right to left, or the book says `direction: rtl`', () => {
    const mostly = check(book('en', HEBREW.repeat(10)))
    expect(mostly.messages.map((m) => m.code)).toEqual(['pdf-right-to-left'])
    expect(mostly.messages[0]!.message).toMatch(
      /\d+ of the book's \d+ characters are in right-to-left scripts \(Hebrew: \d+\)/,
    )
    const tree = book('en', ENGLISH)
    tree.metadata.direction = 'rtl'
    expect(check(tree).messages.map((m) => m.code)).toEqual(['pdf-right-to-left'])
  })

  it('is refused before the glyph check: no font problem is reported', () => {
    const { messages } = check(book('ar', ARABIC.repeat(4)), false)
    expect(messages.map((m) => m.code)).toEqual(['pdf-right-to-left'])
  })

  it('prints a Hebrew word quoted in an English book, with one warning naming it', () => {
    const { error, messages } = check(book('en', `${ENGLISH}He wrote שָׁלוֹם on the glass, and עוד.`))
    expect(error).toBeUndefined()
    expect(messages).toEqual([
      {
        code: 'pdf-right-to-left-text',
        message:
          '7 characters of right-to-left text ("שָׁלוֹם", "עוד") are printed, words of more than one in left-to-right order, as the PDF cannot set right-to-left lines yet; the EPUB sets them right',
        file: 'chapters/one.md',
      },
    ])
  })

  it('leaves a quoted word the faces cannot show to the glyph warnings', () => {
    expect(check(book('en', `${ENGLISH}He wrote שלום on the glass.`), false).messages).toEqual([])
  })

  it('names scripts by their extensions: the Arabic comma is Arabic, not a symbol', () => {
    expect(scriptOf('،')).toBe('Arabic')
    expect(scriptOf('।')).toBe('Devanagari')
    expect(scriptOf('→')).toBe('symbols')
    expect(rtlScriptOf(0x5d0, 'א')).toBe('Hebrew')
    expect(rtlScriptOf(0x710, 'ܐ')).toBe('Syriac')
    expect(rtlScriptOf(0x780, 'ހ')).toBe('Thaana')
    expect(rtlScriptOf(0x7ca, 'ߊ')).toBe("N'Ko")
    expect(rtlScriptOf(0x41, 'A')).toBeUndefined()
    expect(coverageOf(book('en', 'A، B'), faces(true)).rtl.count).toBe(0)
  })
})

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'

describe.skipIf(!existsSync(DEJAVU))('a right-to-left book with a font that has its glyphs', () => {
  it('gets no PDF, one pdf-right-to-left error, and its EPUB', async () => {
    const font = readFileSync(DEJAVU)
    const { book } = await createBook({
      metadata: { title: 'הספר', author: 'A', language: 'he', date: '2020-01-01' },
      chapters: [{ text: `פרק 1\n\n${HEBREW}\n\n${HEBREW}\n`, file: '01.txt' }],
      files: { 'fonts/DejaVuSans.ttf': font },
      formats: { pdf: { font: { regular: 'fonts/DejaVuSans.ttf' } } },
    })
    const failure = await render(book!, 'pdf').then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(OctavoError)
    const errors = book!.env.file.messages.filter((d) => d.level === 'error')
    expect(errors.map((d) => d.code)).toEqual(['pdf-right-to-left'])
    expect((await render(book!, 'epub')).length).toBeGreaterThan(1000)
  })
})
