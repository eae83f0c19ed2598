/**
 * The Word 97–2003 reader's language of parts: sprmCRgLid0/1 (and their _80 forms) and
 * sprmCLidBi per run, through the styles; the document's language as most of its letters';
 * sprmPFBiDi as a paragraph's direction. `language.doc` is LibreOffice's (`soffice --headless
 * --convert-to doc language.fodt`) of `language.fodt`: an English text with a French phrase in
 * and out of italics, a German paragraph, British English, a run in no language, a French date of
 * digits alone and a right-to-left Hebrew paragraph.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter, Paragraph } from '../../src/model/types.js'
import { docReader } from '../../src/readers/doc/index.js'
import { odtReader } from '../../src/readers/odt/index.js'
import type { Reader } from '../../src/readers/types.js'

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, 'fixtures', name)))

async function paragraphsOf(reader: Reader, name: string) {
  const file = new SourceFile(name)
  const result = await reader.read(fixture(name), file, { language: 'en' })
  const chapter = result.children[0] as Chapter
  return {
    result,
    paragraphs: chapter.children
      .filter((b): b is Paragraph => b.type === 'paragraph')
      .map((p) => JSON.parse(JSON.stringify({ ...p, position: undefined }))),
  }
}

describe('the language of parts in a .doc', async () => {
  const { result, paragraphs } = await paragraphsOf(docReader, 'language.doc')

  it('is in the language most of its text is in', () => {
    expect(result.metadata?.language).toBe('en-US')
  })

  it('marks the French phrase as one span across its italics, and the German paragraph', () => {
    expect(paragraphs[1].children).toEqual([
      { type: 'text', value: 'He shrugged: ' },
      {
        type: 'span',
        lang: 'fr-FR',
        children: [
          { type: 'text', value: "c'est " },
          { type: 'emphasis', children: [{ type: 'text', value: 'la vie' }] },
        ],
      },
      { type: 'text', value: ', and left.' },
    ])
    expect(paragraphs[2]).toMatchObject({ lang: 'de-DE' })
  })

  it('marks no British English, no run in no language, no digits alone', () => {
    expect(paragraphs[3].children).toEqual([{ type: 'text', value: 'The colour of xyzzy in 1914.' }])
  })

  it('reads the Hebrew paragraph as Hebrew, right to left', () => {
    expect(paragraphs[4]).toMatchObject({ lang: 'he-IL', dir: 'rtl' })
  })

  it('reads as the OpenDocument it was saved from', async () => {
    const odt = await paragraphsOf(odtReader, 'language.fodt')
    expect(odt.paragraphs).toEqual(paragraphs)
    expect(odt.result.metadata?.language).toBe('en-US')
  })
})
