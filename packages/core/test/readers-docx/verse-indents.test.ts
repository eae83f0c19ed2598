/**
 * A poem's indents in an office document: alternate lines set in by typed spaces, by a tab after
 * a line break, or by their paragraphs' left indent (a "Poem Indented" style) keep their indents
 * as no-break spaces, in all four office formats alike, through to the EPUB; a prose paragraph's
 * typed tab and the same tab opening short lines of dialogue are dropped, as they always were.
 *
 * `fixtures/verse-indents.fodt` was written so and saved by LibreOffice 7 as .docx, .rtf and
 * .doc (`soffice --headless --convert-to docx verse-indents.fodt`, and so on).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { loadBook, render } from '../../src/index.js'
import type { Chapter, PhrasingContent } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { docReader } from '../../src/readers/doc/index.js'
import { docxReader } from '../../src/readers/docx/index.js'
import { odtReader } from '../../src/readers/odt/index.js'
import { rtfReader } from '../../src/readers/rtf/index.js'
import type { Reader } from '../../src/readers/types.js'
import { unzip } from '../robustness/helpers.js'

process.env.SOURCE_DATE_EPOCH ??= '1700000000'

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, 'fixtures', name)))

/** A paragraph's lines, its no-break spaces shown as `°`. */
const lines = (children: PhrasingContent[]) =>
  children
    .map((c) => (c.type === 'break' ? '\n' : toText([c])))
    .join('')
    .replace(/\u00a0/g, '°')

const IN = '°°°°'
const EXPECTED = [
  'It was a long walk by the water that morning, and the wind came off the lake in gusts.',
  'I wandered lonely as a cloud',
  `${IN}That floats on high o’er vales and hills,`,
  'When all at once I saw a crowd,',
  `${IN}A host, of golden daffodils;`,
  'She stopped to read it twice, and then a third time, before she folded the page.',
  `Beside the lake, beneath the trees,\n${IN}Fluttering and dancing in the breeze.`,
  'The second stanza was no easier, and she said so to nobody in particular.',
  'Continuous as the stars that shine',
  `${IN}And twinkle on the milky way,`,
  'They stretched in never-ending line',
  `${IN}Along the margin of a bay:`,
  '“Yes.”',
  '“No.”',
  '“Why not?”',
]

describe.each([
  ['fodt', odtReader],
  ['docx', docxReader],
  ['rtf', rtfReader],
  ['doc', docReader],
] as Array<[string, Reader]>)('verse indents read from .%s', (ext, reader) => {
  it('keeps a poem’s indents as no-break spaces and drops prose’s typed indents', async () => {
    const file = new SourceFile(`verse-indents.${ext}`)
    const result = await reader.read(fixture(`verse-indents.${ext}`), file, { language: 'en' })
    const chapter = result.children[0] as Chapter
    expect(chapter.children.map((b) => (b.type === 'paragraph' ? lines(b.children) : b.type))).toEqual(
      EXPECTED,
    )
    expect(file.messages).toEqual([])
  })
})

describe('verse indents in the EPUB', () => {
  it('sets the indented lines with their no-break spaces', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-verse-'))
    writeFileSync(path.join(dir, 'poem.docx'), fixture('verse-indents.docx'))
    writeFileSync(path.join(dir, 'book.yaml'), 'title: Daffodils\nauthor: A. Walker\n')
    const { book } = await loadBook(dir)
    const files = unzip(await render(book!, 'epub'))
    const xhtml = Object.entries(files)
      .filter(([name]) => name.endsWith('.xhtml'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('\n')
      .replace(/&#160;|&nbsp;/g, '\u00a0')
    expect(xhtml).toContain('\u00a0\u00a0\u00a0\u00a0That floats on high')
    expect(xhtml).toContain('<br/>\u00a0\u00a0\u00a0\u00a0Fluttering')
    expect(xhtml).not.toMatch(/\u00a0“Yes/)
  })
})
