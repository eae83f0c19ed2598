/**
 * A chapter copied from AO3's chapter page into a text file: "Summary:" and "Notes:" each alone
 * on a line with their text under them, a line "Chapter Text", the story, and "Notes:" at the
 * end. The summary and notes become the chapter's author's notes, "Chapter Text" and AO3's
 * "(See the end of the chapter for more notes.)" go; the same words inside a story stay.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter, Note } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { textReader } from '../../src/readers/text/index.js'

function read(text: string): Chapter {
  const file = new SourceFile('ch03.txt')
  const result = textReader.read(text, file, { language: 'en' })
  return result.children[0] as Chapter
}

const shape = (chapter: Chapter) =>
  chapter.children.map((block) =>
    block.type === 'note'
      ? `${(block as Note).placement} note: ${(block as Note).children.map((c) => toText('children' in c ? (c.children as never) : [])).join(' / ')}`
      : toText('children' in block ? (block.children as never) : []),
  )

const PAGE = `Chapter 3: The Storm

Summary:

The storm hits the coast.

Notes:

Thanks for all the kudos!

(See the end of the chapter for more notes.)

Chapter Text

It was dark.

She went.

Notes:

Next chapter on Friday.
`

describe("a chapter copied from AO3's page", () => {
  it('has its summary and notes as author’s notes, without AO3’s own lines', () => {
    const chapter = read(PAGE)
    expect(toText(chapter.title ?? [])).toBe('The Storm')
    expect(shape(chapter)).toEqual([
      'start note: The storm hits the coast. / Thanks for all the kudos!',
      'It was dark.',
      'She went.',
      'end note: Next chapter on Friday.',
    ])
  })

  it('with notes only, or none: what is there', () => {
    expect(shape(read(PAGE.replace(/Summary:\n\nThe storm hits the coast.\n\n/, '')))[0]).toBe(
      'start note: Thanks for all the kudos!',
    )
    const bare = read(
      'Chapter 3\n\nNotes:\n\n(See the end of the chapter for more notes.)\n\nChapter Text\n\nIt was dark.\n',
    )
    expect(shape(bare)).toEqual(['It was dark.'])
  })

  it('"Chapter Text" and "Summary: …" in a story are the story’s', () => {
    const story = read('Chapter 1\n\nShe typed the words Chapter Text.\n\nChapter Text\n\nSummary: none.\n')
    expect(shape(story)).toEqual(['She typed the words Chapter Text.', 'Chapter Text', 'Summary: none.'])
  })
})
