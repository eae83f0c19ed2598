/**
 * Scene breaks as fiction writers type them, in Markdown: the same markers the text reader
 * knows (one recognizer, shared/ornament.ts), also where Markdown read the marker as something
 * else (`~o~` a subscript, `***Line Break***` bold italics), and `~~~`, which opens a code
 * block in Markdown but is a scene break in a novel: read so when what it holds is prose.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { BlockContent, Chapter } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { htmlReader } from '../../src/readers/html.js'
import { tildeBreaks } from '../../src/readers/markdown/tilde-breaks.js'
import { markdownReader } from '../../src/readers/markdown.js'
import { isOrnament } from '../../src/readers/shared/ornament.js'

async function read(text: string) {
  const file = new SourceFile('01.md')
  const result = await markdownReader.read(text, file, { language: 'en' })
  const chapter = result.children[0] as Chapter
  return { blocks: chapter.children, codes: file.messages.map((m) => m.code), file }
}

const shape = (blocks: BlockContent[]) =>
  blocks.map((b) =>
    b.type === 'sceneBreak' ? `break ${b.marker}` : b.type === 'paragraph' ? toText(b.children) : b.type,
  )

describe('scene-break markers in every format', () => {
  it('the markers writers use, and words that only look like them', () => {
    for (const marker of [
      'xXx',
      '❦',
      '<><><>',
      '~*~*~',
      '[scene break]',
      '(Line Break)',
      '~Time Skip~',
      '-POV change-',
    ])
      expect(isOrnament(marker), marker).toBe(true)
    for (const words of [
      'xxx',
      'Line',
      'A break in the line',
      'Scene Break was a band',
      'ooo',
      '...',
      '—',
      ':)',
    ])
      expect(isOrnament(words), words).toBe(false)
  })

  it('in Markdown, a paragraph of them is a break, however Markdown read its marks', async () => {
    const { blocks } = await read(
      'One.\n\nxXx\n\nTwo.\n\n~o~\n\nThree.\n\n***Line Break***\n\nFour.\n\n[scene break]\n\nFive.\n\n❦\n\nSix.',
    )
    expect(shape(blocks)).toEqual([
      'One.',
      'break xXx',
      'Two.',
      'break ~o~',
      'Three.',
      'break ***Line Break***',
      'Four.',
      'break [scene break]',
      'Five.',
      'break ❦',
      'Six.',
    ])
  })

  it('in HTML too', () => {
    const file = new SourceFile('01.html')
    const result = htmlReader.read(
      '<h1>Chapter 1</h1><p>One.</p><p>xXx</p><p>Two.</p><p>[Scene Break]</p><p>Three.</p>',
      file,
      {
        language: 'en',
      },
    )
    const chapter = result.children[0] as Chapter
    expect(chapter.children.filter((b) => b.type === 'sceneBreak')).toHaveLength(2)
  })
})

describe('`~~~` between scenes in Markdown', () => {
  it('two of them, and one left open at the end: breaks, and the scenes paragraphs with their emphasis', async () => {
    const { blocks, codes, file } = await read(
      '"Hello," she said. *Smiled.*\n\n~~~\n\nThe next morning came fast, and *they* left.\n\nIt rained all day.\n\n~~~\nThird scene, right under the line.\n\n~~~~~\n\nThe end of it all, open.\n',
    )
    expect(shape(blocks)).toEqual([
      '"Hello," she said. Smiled.',
      'break ~~~',
      'The next morning came fast, and they left.',
      'It rained all day.',
      'break ~~~',
      'Third scene, right under the line.',
      'break ~~~~~',
      'The end of it all, open.',
    ])
    expect(blocks[2]?.type === 'paragraph' && blocks[2].children.some((c) => c.type === 'emphasis')).toBe(
      true,
    )
    expect(codes.filter((c) => c === 'md-fence-as-break')).toHaveLength(1)
    expect(file.messages.find((m) => m.code === 'md-fence-as-break')?.line).toBe(3)
  })

  it('code stays code: a language named, backticks, or lines that read as code', async () => {
    const code = '~~~\nconst x = 1;\nif (x) {\n  run()\n}\n~~~\n'
    for (const text of [
      'Text.\n\n~~~text\nThe words of a poem here\nand more of them here\n~~~\n',
      'Text.\n\n```\nThe words of a poem here\nand more of them here\n```\n',
      `Text.\n\n${code}`,
      'Text.\n\n~~~\n$ octavo build\n~~~\n',
    ]) {
      const { blocks, codes } = await read(text)
      expect(
        blocks.map((b) => b.type),
        text,
      ).toEqual(['paragraph', 'codeBlock'])
      expect(codes).not.toContain('md-fence-as-break')
    }
  })

  it('keeps every position: the text changed is the same length', () => {
    const text = 'a\n\n~~~\n\nThe scene goes on here.\n\n  ~~~~  \r\nMore words to read now.\n'
    const out = tildeBreaks(text)
    expect(out.text.length).toBe(text.length)
    expect(out.text.split('\n').map((l) => l.length)).toEqual(text.split('\n').map((l) => l.length))
    expect(out.lines).toEqual([3, 7])
  })

  it('a fence inside a code block is not looked at', () => {
    const text = '````\n~~~\nThe words of a poem here\n~~~\n````\n'
    expect(tildeBreaks(text).lines).toEqual([])
  })
})
