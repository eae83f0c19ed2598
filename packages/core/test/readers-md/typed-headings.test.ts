/**
 * A Markdown chapter whose heading was typed as its first line, not marked with `#`: pasted from
 * a site or a word processor (`Chapter 2: The Storm`, `**Prologue**`). It is the chapter's
 * heading by the rules the plain-text reader uses; a first sentence that only starts like one,
 * and a bold warning, are text.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { markdownReader } from '../../src/readers/markdown.js'

async function chapter(text: string): Promise<Chapter> {
  const result = await markdownReader.read(text, new SourceFile('01.md'), { language: 'en' })
  return result.children[0] as Chapter
}

const first = (c: Chapter) => {
  const block = c.children[0]
  return block?.type === 'paragraph' ? toText(block.children) : ''
}

describe('a heading typed as the first line of a Markdown chapter', () => {
  it('plain or bold, labelled: the heading, not a paragraph under an invented one', async () => {
    const plain = await chapter('Chapter 1: The Plain Heading\n\nA/N: hi there.\n\nStory text.\n')
    expect([plain.label, plain.number, toText(plain.title ?? [])]).toEqual([
      'Chapter',
      1,
      'The Plain Heading',
    ])
    expect(first(plain)).toBe('A/N: hi there.')
    const bold = await chapter('**Chapter 2: Bold *Heading***\n\nStory.\n')
    expect([bold.number, toText(bold.title ?? [])]).toEqual([2, 'Bold Heading'])
    expect(bold.title?.some((n) => n.type === 'emphasis')).toBe(true)
    const prologue = await chapter('**Prologue**\n\nStory.\n')
    expect(prologue.kind).toBe('prologue')
    const number = await chapter('**12.**\n\nStory.\n')
    expect(number.number).toBe(12)
  })

  it('a sentence, a bold warning, two lines, or a heading marked further down: text', async () => {
    for (const text of [
      'Chapter 3 was my favourite, she said, and it still is.\n\nStory.\n',
      '**Warning: violence ahead**\n\nStory.\n',
      'Chapter 4: The Fall\nwas the name of the song.\n\nStory.\n',
      'Chapter 5: Not This\n\n# Chapter 5: The Real One\n\nStory.\n',
    ]) {
      const c = await chapter(text)
      expect(first(c), text).toBe(text.split('\n\n')[0]!.replace(/\*\*/g, '').replace('\n', ' '))
    }
  })
})

describe('front matter as authors write it', () => {
  it('a value holding a colon and a space is read as the text it is, and said so', async () => {
    const file = new SourceFile('05.md')
    const result = await markdownReader.read(
      '---\ntitle: Chapter 5: The Fall\nsubtitle: "already: quoted"\nnumber: 5\n---\n\nText.\n',
      file,
      { language: 'en' },
    )
    const c = result.children[0] as Chapter
    expect(toText(c.title ?? [])).toBe('Chapter 5: The Fall')
    expect(toText(c.subtitle ?? [])).toBe('already: quoted')
    expect(file.messages.map((m) => [m.code, m.line])).toEqual([['md-front-matter-quoted', 2]])
  })

  it('front matter broken another way is still one error at its line', async () => {
    const file = new SourceFile('05.md')
    await markdownReader.read('---\ntitle: Chapter 5: The Fall\nnumber: [1\n---\n\nText.\n', file, {
      language: 'en',
    })
    expect(file.messages.map((m) => m.code)).toEqual(['md-front-matter-parse'])
  })
})

describe('a manuscript with its title above the chapters', () => {
  it('names the book, and a "by NAME" line under it the author, as a web page does', async () => {
    const file = new SourceFile('book.md')
    const result = await markdownReader.read(
      '# The Winter Book\n\nby Ann Smith and Bo Li\n\n## Chapter One\n\nText.\n\n## Chapter Two\n\nMore.\n',
      file,
      { language: 'en' },
    )
    expect(result.metadata?.title).toBe('The Winter Book')
    expect(result.metadata?.authors?.map((a) => a.name)).toEqual(['Ann Smith', 'Bo Li'])
    expect(result.children.map((c) => c.type === 'chapter' && c.kind)).toEqual(['chapter', 'chapter'])
    // Anything else under the title is the book's opening, kept: the title is then a chapter's.
    const other = await markdownReader.read(
      '# The Winter Book\n\nA prologue of sorts.\n\n## Chapter One\n\nText.\n\n## Chapter Two\n\nMore.\n',
      new SourceFile('book.md'),
      { language: 'en' },
    )
    expect(other.metadata?.authors).toBeUndefined()
    expect(JSON.stringify(other.children)).toContain('A prologue of sorts.')
  })
})
