/**
 * A short story kept in one file, one chapter: what stands set apart before it (a copyright line,
 * a dedication, an epigraph) is the book's front matter, as the pages before a novel's first
 * chapter are, and not the story's opening; in all four office formats alike. A story opening
 * with prose, or with its title, reads as it did.
 *
 * The fixtures were written as `fixtures/story-*.fodt` and saved by LibreOffice 7 as .docx, .rtf
 * and .doc (`soffice --headless --convert-to docx story-front-pages.fodt`, and so on):
 * `story-front-pages` a centred copyright line, then a page holding "For Anna", then the story on
 * a new page; `story-front-lines` "For my mother" and an epigraph with its source, centred italic
 * lines parted by empty paragraphs, then the story, with no page break; `story-prose-page` a line
 * of prose ("For a week the fog…") alone on the first page; `story-title-line` the story's title
 * centred in italics over it.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { docReader } from '../../src/readers/doc/index.js'
import { docxReader } from '../../src/readers/docx/index.js'
import { odtReader } from '../../src/readers/odt/index.js'
import { rtfReader } from '../../src/readers/rtf/index.js'
import type { Reader } from '../../src/readers/types.js'

const READERS: Array<[string, Reader]> = [
  ['fodt', odtReader],
  ['docx', docxReader],
  ['rtf', rtfReader],
  ['doc', docReader],
]

async function read(name: string, ext: string, reader: Reader) {
  const file = new SourceFile(`${name}.${ext}`)
  const bytes = new Uint8Array(readFileSync(path.join(import.meta.dirname, 'fixtures', `${name}.${ext}`)))
  const result = await reader.read(bytes, file, { language: 'en' })
  const chapters = result.children as Chapter[]
  const { language: _, ...metadata } = result.metadata ?? {}
  return {
    chapters: chapters.map((c) => ({
      matter: c.matter,
      ...(c.title ? { title: toText(c.title) } : {}),
      text: c.children.map((b) => toText('children' in b ? (b.children as never) : [])),
    })),
    metadata,
    codes: file.messages.map((m) => m.code.replace(/^\w+-/, '')),
  }
}

const STORY = [
  'The lighthouse keeper had not spoken to anyone in eleven days, and he was beginning to like it that way.',
  'On the twelfth day a boat came.',
]

describe.each(READERS)('a one-chapter story read from .%s', (ext, reader) => {
  it('takes a copyright page and a dedication page before it as front matter', async () => {
    const story = await read('story-front-pages', ext, reader)
    expect(story.chapters).toEqual([{ matter: 'body', text: STORY }])
    // The whole © line is kept: its claim as the copyright, "All rights reserved." as the rights.
    expect(story.metadata).toEqual({
      copyright: '© 2024 Jane Doe',
      rights: 'All rights reserved.',
      dedication: 'For Anna',
    })
    expect(story.codes).toEqual(['front-matter'])
  })

  it('takes a dedication and an epigraph set apart by their look, with no page break', async () => {
    const story = await read('story-front-lines', ext, reader)
    expect(story.chapters).toEqual([{ matter: 'body', text: STORY }])
    expect(story.metadata).toEqual({
      dedication: 'For my mother',
      epigraph: { text: '“Not all those who wander are lost.”', source: 'J. R. R. Tolkien' },
    })
    expect(story.codes).toEqual(['front-matter'])
  })

  it('leaves a story opening with prose on a page of its own as it was', async () => {
    const story = await read('story-prose-page', ext, reader)
    expect(story.chapters).toEqual([
      {
        matter: 'body',
        text: ['For a week the fog had not lifted, and the keeper had stopped counting the days.', ...STORY],
      },
    ])
    expect(story.metadata).toEqual({})
    expect(story.codes).toEqual([])
  })

  it('leaves a story under its own title as it was', async () => {
    const story = await read('story-title-line', ext, reader)
    expect(story.chapters).toEqual([{ matter: 'body', title: 'The Lighthouse', text: STORY }])
    expect(story.metadata).toEqual({})
    expect(story.codes).toEqual([])
  })
})
