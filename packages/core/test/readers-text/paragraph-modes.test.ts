/**
 * How the text reader decides paragraphs by counting: one paragraph a line with rare blank lines
 * as scene breaks, blank-line paragraphs of several lines, hard-wrapped prose with lines that
 * were never wrapped (songs, letters, text messages), and author's note labels set in bold.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { BlockContent, Chapter, Node, PhrasingContent } from '../../src/model/types.js'
import { visit } from '../../src/model/walk.js'
import { textReader } from '../../src/readers/text/index.js'

function read(input: string) {
  const file = new SourceFile('chapter.txt')
  const result = textReader.read(input, file, { language: 'en' })
  return { chapter: result.children[0] as Chapter, file }
}

/** Inline content as text, a line break as ` / `. */
function inline(nodes: PhrasingContent[]): string {
  let out = ''
  for (const node of nodes) {
    if (node.type === 'text') out += node.value
    else if (node.type === 'break') out += ' / '
    else if ('children' in node) out += inline(node.children as PhrasingContent[])
  }
  return out
}

/** Each block as one string: `P text`, `---` for a break, `NOTE(...)` for an author's note. */
function blocks(children: BlockContent[]): string[] {
  return children.map((block) => {
    if (block.type === 'paragraph') return `P ${inline(block.children)}`
    if (block.type === 'sceneBreak') return '---'
    if (block.type === 'note') return `NOTE ${block.placement} (${blocks(block.children).join(' | ')})`
    return block.type
  })
}

/** Greedy hard wrap at `width` columns. */
function wrap(text: string, width: number): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines.join('\n')
}

const PROSE = [
  'The morning came slowly over the valley, and the mist hung low over the river where the old mill had stood for a hundred years before the fire took it.',
  'Nobody in the village spoke of that night any more, not even old Tom, who had seen it all from the bridge and had never once said what he saw there.',
  'She went to the window and watched the road, where a cart was making its slow way down towards the bridge, its wheels loud on the stones in the still air.',
]

const DIALOGUE = [
  '"Where are you going?" Mara asked.',
  '"Out."',
  '"Out where?"',
  'Tom shrugged and pulled on his coat.',
  '"It\'s raining."',
  '"I know."',
  'She watched him go.',
]

describe('one paragraph a line with a blank line as the scene break', () => {
  it('reads short dialogue lines as paragraphs and the lone blank line as a break', () => {
    const scenes = [DIALOGUE, DIALOGUE.slice(1), DIALOGUE.slice(0, 5)]
    for (const eol of ['\n', '\r\n']) {
      const text = `Chapter 8: Out${eol}${eol}${scenes.map((s) => s.join(eol)).join(eol + eol)}${eol}`
      const { chapter, file } = read(text)
      expect(blocks(chapter.children)).toEqual([
        ...DIALOGUE.map((l) => `P ${l}`),
        '---',
        ...DIALOGUE.slice(1).map((l) => `P ${l}`),
        '---',
        ...DIALOGUE.slice(0, 5).map((l) => `P ${l}`),
      ])
      expect(file.messages).toEqual([])
    }
  })

  it('reads long lines the same way, the lone blank line a break', () => {
    const text = `Chapter 7\n\n${PROSE.join('\n')}\n${PROSE.join('\n')}\n\n${PROSE.join('\n')}\n`
    const { chapter } = read(text)
    expect(blocks(chapter.children)).toEqual([
      ...[...PROSE, ...PROSE].map((l) => `P ${l}`),
      '---',
      ...PROSE.map((l) => `P ${l}`),
    ])
  })

  it('keeps blank-line paragraphs of several lines as paragraphs with line breaks', () => {
    const stanzas = [
      'Roses are red,\nViolets are blue,\nSugar is sweet,\nAnd so are you.',
      'The sea is wide,\nThe sky is grey,\nI walk alone\nAlong the bay.',
    ]
    expect(blocks(read(`Chapter 2\n\n${stanzas.join('\n\n')}\n`).chapter.children)).toEqual([
      'P Roses are red, / Violets are blue, / Sugar is sweet, / And so are you.',
      'P The sea is wide, / The sky is grey, / I walk alone / Along the bay.',
    ])
    // A sentence a line, a blank line after every few: blank-line paragraphs, no breaks.
    const sentences = [
      'She woke early.\nThe house was cold.',
      'He was gone.\nHis coat was gone too.',
      'She made tea.',
    ]
    expect(blocks(read(`Chapter 2\n\n${sentences.join('\n\n')}\n`).chapter.children)).toEqual([
      'P She woke early. / The house was cold.',
      'P He was gone. / His coat was gone too.',
      'P She made tea.',
    ])
  })
})

describe('hard-wrapped prose with lines that were never wrapped', () => {
  it('finds the wrapping of a short chapter with a song, and keeps the song as lines', () => {
    const song =
      '    Oh the river is wide,\n    and the water is cold,\n    and my love is gone,\n    growing old.'
    const text = `Chapter 4\n\n${wrap(PROSE[0]!, 72)}\n\n${wrap(PROSE[1]!, 72)}\n\nShe sang softly:\n\n${song}\n\n${wrap(PROSE[2]!, 72)}\n`
    expect(blocks(read(text).chapter.children)).toEqual([
      `P ${PROSE[0]}`,
      `P ${PROSE[1]}`,
      'P She sang softly:',
      'P Oh the river is wide, / and the water is cold, / and my love is gone, / growing old.',
      `P ${PROSE[2]}`,
    ])
  })

  for (const width of [60, 72, 78]) {
    it(`keeps messages, a letter and two lines of verse as lines at ${width} columns`, () => {
      const parts = [
        wrap(PROSE[0]!, width),
        'Her phone buzzed.',
        "MOM: where r u\nMOM: call me\nME: at tom's. home by 10",
        wrap(PROSE[1]!, width),
        'MOM: ok\nME: love u',
        'Roses are red,\nViolets are blue,',
        wrap(PROSE[2]!, width),
        'Dear Tom,\nI am well. The farm is sold.\nYours, Mary',
        wrap(PROSE[0]!, width),
      ]
      expect(blocks(read(`Chapter 4\n\n${parts.join('\n\n')}\n`).chapter.children)).toEqual([
        `P ${PROSE[0]}`,
        'P Her phone buzzed.',
        "P MOM: where r u / MOM: call me / ME: at tom's. home by 10",
        `P ${PROSE[1]}`,
        'P MOM: ok / ME: love u',
        'P Roses are red, / Violets are blue,',
        `P ${PROSE[2]}`,
        'P Dear Tom, / I am well. The farm is sold. / Yours, Mary',
        `P ${PROSE[0]}`,
      ])
    })
  }

  it('joins the wrapped lines of a paragraph and keeps the verse set in under it', () => {
    const text = `Chapter 4\n\n${wrap(PROSE[0]!, 70)}\n\n${wrap(`${PROSE[1]} She read it twice:`, 70)}\n  Come home,\n  come home,\n  the fields are gold.\n\n${wrap(PROSE[2]!, 70)}\n`
    const { chapter } = read(text)
    expect(blocks(chapter.children)).toEqual([
      `P ${PROSE[0]}`,
      `P ${PROSE[1]} She read it twice: / Come home, / come home, / the fields are gold.`,
      `P ${PROSE[2]}`,
    ])
    // Every node keeps a position on the line it came from.
    visit(chapter, (node: Node) => {
      if (node.type === 'text' || node.type === 'break') expect(node.position).toBeDefined()
    })
  })

  it('keeps a short last line, and a short line ending mid-sentence, inside the paragraph', () => {
    const wrapped = wrap(PROSE[0]!, 72).split('\n')
    // An edited line that stops short mid-sentence is still joined: only the author's breaks stay.
    const edited = [wrapped[0], 'river where', ...wrapped.slice(1)].join('\n')
    const text = `Chapter 4\n\n${wrap(PROSE[1]!, 72)}\n\n${edited}\n\n${wrap(PROSE[2]!, 72)}\n`
    const paragraphs = blocks(read(text).chapter.children)
    expect(paragraphs[0]).toBe(`P ${PROSE[1]}`)
    expect(paragraphs[1]).not.toContain(' / ')
  })
})

describe("author's note labels in bold or italics", () => {
  const story = 'She walked home.\n\nThe rain fell.\n'
  const cases: Array<[string, string]> = [
    ["**Author's Note:** Thanks for reading!", 'Thanks for reading!'],
    ['*A/N:* Thanks for reading!', 'Thanks for reading!'],
    ['__A/N__ Thanks for reading!', 'Thanks for reading!'],
    ['**A/N**: Thanks for reading!', 'Thanks for reading!'],
    ['***AN:*** Thanks for reading!', 'Thanks for reading!'],
    ['**A/N: Thanks for reading!**', 'Thanks for reading!'],
    ['(**A/N:** Thanks for reading!)', 'Thanks for reading!'],
  ]
  for (const [label, text] of cases) {
    it(`reads "${label}" as a note at the start and at the end`, () => {
      expect(blocks(read(`Chapter 1\n\n${label}\n\n${story}`).chapter.children)).toEqual([
        `NOTE start (P ${text})`,
        'P She walked home.',
        'P The rain fell.',
      ])
      const { chapter, file } = read(`Chapter 1\n\n${story}\n${label}\n`)
      expect(blocks(chapter.children)).toEqual([
        'P She walked home.',
        'P The rain fell.',
        `NOTE end (P ${text})`,
      ])
      expect(file.messages).toEqual([])
    })
  }

  it('keeps a bold label that closes inside the text as written, and a bold disclaimer', () => {
    expect(blocks(read(`Chapter 1\n\n**A/N: thanks** for reading!\n\n${story}`).chapter.children)[0]).toBe(
      'NOTE start (P A/N: thanks for reading!)',
    )
    expect(blocks(read(`Chapter 1\n\n**Disclaimer:** I own nothing.\n\n${story}`).chapter.children)[0]).toBe(
      'NOTE start (P Disclaimer: I own nothing.)',
    )
  })

  it('leaves bold words that only look like labels in the story', () => {
    for (const first of [
      '**Summary:** two travellers meet.',
      '**An** hour later she left.',
      '*Anna:* hello',
    ]) {
      expect(blocks(read(`Chapter 1\n\n${first}\n\n${story}`).chapter.children)[0]).toMatch(/^P /)
    }
  })
})
