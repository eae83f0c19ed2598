/**
 * The tags forum and site exports leave in plain text: BBCode (`[i]…[/i]`, `[b]`, `[u]`, `[s]`,
 * `[center]`) and HTML (`<i>`, `<b>`, `<em>`, `<strong>`, `<del>`). Paired as the asterisks are;
 * an unpaired tag, and brackets that are no tag, stay as written: nothing is lost.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter, PhrasingContent } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { textReader } from '../../src/readers/text/index.js'

function blocks(text: string) {
  const result = textReader.read(`Chapter 1\n\n${text}\n`, new SourceFile('01.txt'), { language: 'en' })
  return (result.children[0] as Chapter).children
}

/** Inline content as a string: `emphasis(x)` for a mark. */
const shape = (content: PhrasingContent[]): string =>
  content
    .map((c) =>
      c.type === 'text'
        ? c.value
        : 'children' in c
          ? `${c.type}(${shape(c.children as PhrasingContent[])})`
          : c.type,
    )
    .join('')

const first = (text: string) => {
  const block = blocks(text)[0]
  return block?.type === 'paragraph' ? shape(block.children) : block?.type
}

describe('tags in plain text', () => {
  it('BBCode and HTML marks are the marks they name', () => {
    expect(first('[i]This is italic[/i] and [b]bold[/b], [u]under[/u] and [s]struck[/s].')).toBe(
      'emphasis(This is italic) and strong(bold), underline(under) and delete(struck).',
    )
    expect(
      first('<i>html italic</i>, <EM>em</EM>, <b>b</b>, <strong>strong</strong>, <del>gone</del>.'),
    ).toBe('emphasis(html italic), emphasis(em), strong(b), strong(strong), delete(gone).')
  })

  it('nest with each other and with asterisks', () => {
    expect(first('[b]bold and [i]both[/i][/b] and *star [i]in[/i] it*.')).toBe(
      'strong(bold and emphasis(both)) and emphasis(star emphasis(in) it).',
    )
  })

  it('leave unpaired tags and brackets that are no tag as written', () => {
    for (const text of [
      '[i]never closed',
      'closed[/i] only',
      'a < b and c > d',
      'see [1] and [note]',
      '[i>odd</i]',
    ])
      expect(toText((blocks(text)[0] as { children: PhrasingContent[] }).children)).toBe(text)
  })

  it('a centred scene-break marker is a scene break', () => {
    expect(blocks('Before.\n\n[center]* * *[/center]\n\nAfter.').map((b) => b.type)).toEqual([
      'paragraph',
      'sceneBreak',
      'paragraph',
    ])
    expect(blocks('Before.\n\n<center>~~~</center>\n\nAfter.')[1]?.type).toBe('sceneBreak')
    expect(blocks('Before.\n\n[center]The End[/center]\n\nAfter.')[1]?.type).toBe('paragraph')
  })
})
