/**
 * The RTF reader on a manuscript in standard manuscript format and on paragraphs deleted whole
 * under tracked changes: the structure rules it shares with the Word reader (readers/docx/structure.ts).
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { rtfReader } from '../../src/readers/rtf/index.js'

async function read(rtf: string) {
  const file = new SourceFile('story.rtf')
  const result = await rtfReader.read(new TextEncoder().encode(rtf), file, { language: 'en' })
  const chapters = result.children.flatMap((c) => (c.type === 'part' ? c.children : [c])) as Chapter[]
  return { result, chapters, codes: file.messages.map((m) => m.code) }
}

const doc = (body: string) =>
  `{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}{\\info{\\author mellison}}\\f0\\fs24 ${body}}`
const p = (text: string, fmt = '') => `\\pard${fmt} ${text}\\par\n`

describe('the RTF reader', () => {
  it('reads page one of a standard manuscript: title and by-line name the book, the header is left out', async () => {
    const { result, chapters, codes } = await read(
      doc(
        p('Margaret Ellison\\tab\\tab\\tab About 3,100 words') +
          p('14 Harbour Lane') +
          p('m.ellison@example.com') +
          p('', '\\qc') +
          p('THE LIGHTHOUSE', '\\qc') +
          p('by Margaret Ellison', '\\qc') +
          p('{\\b Chapter One}', '\\qc') +
          p('The lamp had not been lit.') +
          p('{\\b Chapter Two}', '\\qc') +
          p('Tom came up from the village.'),
      ),
    )
    expect(result.metadata).toMatchObject({
      title: 'THE LIGHTHOUSE',
      authors: [{ name: 'Margaret Ellison' }],
    })
    expect(codes).toContain('rtf-manuscript-header')
    expect(chapters.map((c) => c.number)).toEqual([1, 2])
    const opening = JSON.stringify(chapters[0]!.children)
    expect(opening).toContain('The lamp had not been lit.')
    expect(opening).not.toContain('Harbour')
  })

  it('leaves out paragraphs deleted whole, making no scene break of them', async () => {
    const { chapters, codes } = await read(
      doc(
        p('She opened the door.') +
          p('{\\deleted DELETED one.}') +
          p('{\\deleted DELETED two.}') +
          p('The room was empty.'),
      ),
    )
    expect(chapters[0]!.children.map((b) => b.type)).toEqual(['paragraph', 'paragraph'])
    expect(codes).toContain('rtf-tracked-changes')
  })
})
