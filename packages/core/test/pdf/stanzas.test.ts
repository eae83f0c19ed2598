/**
 * A poem quoted as Markdown types it: a block quote whose paragraphs are set line by line. Each
 * stanza opens flush, with a blank line before the next; a block quote of prose keeps its
 * paragraphs' indents and no blank line.
 */
import { describe, expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import type { BlockContent, PhrasingContent, Root } from '../../src/model/types.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { oneChapterBook, p, t, tempPdf, tool } from './helpers.js'

async function render(tree: Root) {
  const chunks: Uint8Array[] = []
  for await (const chunk of renderPdf(tree, { halfTitle: false, toc: false }, createMemoryEnv({})))
    chunks.push(chunk)
  return tempPdf(new Uint8Array(Buffer.concat(chunks)))
}

const lines = (...texts: string[]): BlockContent => ({
  type: 'paragraph',
  children: texts.flatMap((text, i): PhrasingContent[] =>
    i === 0 ? [t(text)] : [{ type: 'break' }, t(text)],
  ),
})

/** Each text line of the chapter page that starts with one of `firsts`: its left edge and top. */
function placed(path: string, firsts: string[]): Map<string, { x: number; y: number }> {
  const found = new Map<string, { x: number; y: number }>()
  for (const m of tool('pdftotext', ['-bbox', path, '-']).matchAll(
    /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)<\/word>/g,
  )) {
    const word = m[3]!
    if (firsts.includes(word) && !found.has(word)) found.set(word, { x: Number(m[1]), y: Number(m[2]) })
  }
  return found
}

describe('stanzas in a block quote', () => {
  test('open flush with a blank line between them; prose in a quote keeps its indents', async () => {
    const poem: BlockContent = {
      type: 'blockquote',
      children: [
        lines('Howdoth the little crocodile', 'Improve his shining tail,', 'Andpour the waters of the Nile'),
        lines(
          'Howcheerfully he seems to grin,',
          'Howneatly spreads his claws,',
          'Andwelcome little fishes in',
        ),
      ],
    }
    const letter: BlockContent = {
      type: 'blockquote',
      children: [p('Firstly the letter says a great deal.'), p('Secondly it says a little more.')],
    }
    const path = await render(oneChapterBook([p('Alice said:'), poem, p('And then:'), letter]))
    const at = placed(path, ['Howdoth', 'Improve', 'Andpour', 'Howcheerfully', 'Firstly', 'Secondly'])
    const first = at.get('Howdoth')!
    const second = at.get('Howcheerfully')!
    const line = at.get('Improve')!.y - first.y
    // Flush: the second stanza opens where the first does.
    expect(second.x).toBeCloseTo(first.x, 0)
    // A blank line: a stanza's three lines, then a line's worth of space.
    expect(second.y - first.y).toBeCloseTo(4 * line, 0)
    // Prose in a quote: the second paragraph indented, no blank line.
    const prose = at.get('Firstly')!
    const next = at.get('Secondly')!
    expect(next.x).toBeGreaterThan(prose.x + 5)
    expect(next.y - prose.y).toBeCloseTo(line, 0)
  })
})
