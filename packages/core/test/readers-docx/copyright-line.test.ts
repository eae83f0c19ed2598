/**
 * A © line before a story or a novel's first chapter is kept whole: its claim as the book's
 * `copyright`, an "All rights reserved." closing it (or on a line of its own) as its `rights`, so
 * the copyright page Octavo makes prints every word of it; a line with more after the
 * reservation is kept whole as the copyright.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createBook, render } from '../../src/index.js'
import { docxReader } from '../../src/readers/docx/index.js'
import { unzipText } from '../epub/helpers.js'

async function docx(children: Paragraph[]) {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })))
}

const centred = (text: string, pageBreakBefore = false) =>
  new Paragraph({ alignment: AlignmentType.CENTER, pageBreakBefore, children: [new TextRun(text)] })
const para = (text: string, pageBreakBefore = false) =>
  new Paragraph({ pageBreakBefore, children: [new TextRun(text)] })

const STORY = [
  para('The garden was quiet when she arrived. She set down her bag and looked at the old wall.', true),
  para('By evening the first bush was planted, and she sat on the bench to watch the light go.'),
]

async function metadataOf(lines: Paragraph[]) {
  const file = new SourceFile('story.docx')
  const result = await docxReader.read(await docx([...lines, ...STORY]), file, { language: 'en' })
  const { language: _, ...metadata } = result.metadata ?? {}
  return metadata
}

describe('a © line before the story', () => {
  it('keeps "All rights reserved." as the rights', async () => {
    expect(await metadataOf([centred('Copyright © 2026 Jane Poet. All rights reserved.')])).toEqual({
      copyright: 'Copyright © 2026 Jane Poet',
      rights: 'All rights reserved.',
    })
    expect(await metadataOf([centred('© 2026 Jane Poet — all rights reserved.')])).toEqual({
      copyright: '© 2026 Jane Poet',
      rights: 'all rights reserved.',
    })
  })

  it('keeps "All rights reserved." on a line of its own', async () => {
    expect(
      await metadataOf([centred('Copyright © 2026 Jane Poet.'), centred('All rights reserved.')]),
    ).toEqual({
      copyright: 'Copyright © 2026 Jane Poet',
      rights: 'All rights reserved.',
    })
  })

  it('keeps a line with more after the reservation whole', async () => {
    expect(await metadataOf([centred('© 2026 Jane Poet. All rights reserved. Printed in Wales.')])).toEqual({
      copyright: '© 2026 Jane Poet. All rights reserved. Printed in Wales',
    })
  })

  it('before a novel’s first chapter too', async () => {
    const file = new SourceFile('novel.docx')
    const bytes = await docx([
      new Paragraph({ text: 'Salt and Iron', heading: HeadingLevel.TITLE }),
      para('Copyright © 2024 Dara Quinn. All rights reserved.', true),
      new Paragraph({ text: 'Chapter One', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
      para('The forge was cold when she arrived.'),
      new Paragraph({ text: 'Chapter Two', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
      para('By winter it was warm again.'),
    ])
    const result = await docxReader.read(bytes, file, { language: 'en' })
    expect(result.metadata).toMatchObject({
      copyright: 'Copyright © 2024 Dara Quinn',
      rights: 'All rights reserved.',
    })
  })

  it('is printed whole on the EPUB’s copyright page', async () => {
    const { book } = await createBook({
      metadata: { title: 'The Wall', author: 'Jane Poet', date: '2026-01-01' },
      chapters: [
        {
          content: await docx([centred('Copyright © 2026 Jane Poet. All rights reserved.'), ...STORY]),
          reader: 'docx',
          file: 'story.docx',
        },
      ],
    })
    const epub = unzipText(await render(book!, 'epub'))
    const page = epub['OEBPS/text/copyright.xhtml']!
    expect(page).toContain('Copyright © 2026 Jane Poet')
    expect(page).toContain('All rights reserved.')
  })
})
