/**
 * The pages the PDF sets itself draw no invisible character: the typography transform's word
 * joiner before an em dash in the epigraph (`first⁠—verdict`) used to be drawn, an empty glyph
 * from EB Garamond Italic, embedding a whole extra font subset for it. Nor in a running head, the
 * title page or the contents. And the copyright page prints the ISBN hyphenated by the ISBN
 * ranges (978-0-306-40615-7), in the PDF as in the EPUB, whose page comes from the same transform.
 */

import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { createBook, diagnosticsOf, render } from '../../src/index.js'
import { hyphenateIsbn } from '../../src/isbn.js'
import { isInvisible, visible } from '../../src/renderers/pdf/visible.js'
import { has } from '../tools.js'
import { tempPdf, tool } from './helpers.js'

const paragraph =
  'The wind came round to the north-east in the small hours, and by the time Mara climbed the steps to the lamp room the glass was already furred with salt.'

async function book(identifier = '978-0-306-40615-7') {
  const { book } = await createBook({
    metadata: {
      title: 'Sentence First\u2060—Verdict Afterwards',
      author: 'Ada Quill',
      // The typography transform puts a word joiner before the em dash itself.
      epigraph: { text: 'Sentence first—verdict afterwards.', source: 'The Queen of Hearts' },
      identifier: { scheme: 'isbn', value: identifier.replace(/-/g, '') },
    },
    chapters: Array.from({ length: 3 }, (_, i) => ({
      markdown: `# A Trial\u2060—Day ${i + 1}\n\n${Array(12).fill(paragraph).join('\n\n')}\n`,
    })),
  })
  return book!
}

const fonts = (path: string) =>
  tool('pdffonts', [path])
    .split('\n')
    .slice(2)
    .map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
    .filter(Boolean)
    .sort()

describe.skipIf(!has('pdffonts') || !has('pdftotext'))('invisible characters', () => {
  test('the epigraph, title, running heads and contents embed the book face only', async () => {
    const b = await book()
    // The word joiner is in the tree: the epigraph's came from the typography transform.
    expect(b.tree.metadata.epigraph?.text).toContain('\u2060')
    const path = tempPdf(await render(b, 'pdf'))
    expect(fonts(path)).toEqual(['Literata-Italic', 'Literata-Regular'])
    const text = tool('pdftotext', [path, '-'])
    expect(text).toContain('Sentence first—verdict afterwards.')
    expect(text).not.toContain('\u2060')
    expect(diagnosticsOf(b).filter((d) => d.level !== 'info')).toEqual([])
    expect(tool('qpdf', ['--check', path])).toMatch(/No syntax or stream encoding errors/)
  }, 120_000)

  test('the print cover draws none either', async () => {
    const path = tempPdf(await render(await book(), 'print-cover', { pages: 200 }))
    expect(fonts(path)).toEqual(['Literata-Regular'])
    expect(tool('pdftotext', [path, '-'])).not.toContain('\u2060')
  }, 60_000)
})

describe.skipIf(!has('pdftotext'))('ISBN on the copyright page', () => {
  test('hyphenated by the ISBN ranges, in the PDF and the EPUB', async () => {
    const b = await book()
    const path = tempPdf(await render(b, 'pdf'))
    expect(tool('pdftotext', [path, '-'])).toContain('ISBN 978-0-306-40615-7')
    const epub = unzipSync(await render(b, 'epub'))
    const copyright = Object.entries(epub).find(([name]) => /copyright\.xhtml$/.test(name))
    expect(strFromU8(copyright![1])).toContain('ISBN 978-0-306-40615-7')
  }, 120_000)

  test('by the ranges, not by the length of a part: groups and registrants of every size', () => {
    expect(hyphenateIsbn('9780306406157')).toBe('978-0-306-40615-7')
    // German (3), French (2), Spanish (84), Russian (5) groups, and a 979 prefix.
    expect(hyphenateIsbn('9783161484100')).toBe('978-3-16-148410-0')
    expect(hyphenateIsbn('9782070360024')).toBe('978-2-07-036002-4')
    expect(hyphenateIsbn('9788437604947')).toBe('978-84-376-0494-7')
    expect(hyphenateIsbn('9785170000005')).toBe('978-5-17-000000-5')
    expect(hyphenateIsbn('9791032305690')).toBe('979-10-323-0569-0')
    // Digits no range holds stay as they are, never split wrongly.
    expect(hyphenateIsbn('9798000000001')).toBe('9798000000001')
  })
})

describe('visible()', () => {
  test('drops every invisible format character, in and beyond the first plane, and keeps the rest', () => {
    const invisibles = [
      '\u00AD',
      '\u200B',
      '\u200F',
      '\u202E',
      '\u2060',
      '\uFE0F',
      '\uFEFF',
      '\u{E0041}',
      '\u{1D173}',
    ]
    expect(visible(`a${invisibles.join('')}b`)).toBe('ab')
    const text = 'Plain text — “quoted”, 𝔉raktur, 日本語, עברית'
    expect(visible(text)).toBe(text)
    for (const char of invisibles) expect(isInvisible(char.codePointAt(0)!)).toBe(true)
  })
})
