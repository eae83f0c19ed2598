/**
 * What note apps (Obsidian and its kind) write in Markdown that must not be printed as written:
 * `%%comments%%` left out (never inside code), `[[wiki links]]` as their text, `![[map.png]]` as
 * an image, `==highlights==` as plain text, `> [!note] Title` callouts as block quotes with a
 * bold title; positions and escapes honoured, each loss reported once, whichever parser read it.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { markdownReader } from '../../src/readers/markdown.js'

const TABLE = '\n\n| a | b |\n| --- | --- |\n| c | d |\n'

function read(source: string, tail = '', keepPositions = false) {
  const file = new SourceFile('chapters/n.md')
  const result = markdownReader.read(`# One\n\n${source}\n${tail}`, file, { language: 'en' })
  const blocks = JSON.parse(
    JSON.stringify((result.children[0] as Chapter).children, (k, v) =>
      k === 'position' && !keepPositions ? undefined : v,
    ),
  ) as Array<{ type: string; children?: Array<Record<string, unknown>> }>
  return {
    blocks: blocks.filter((b) => b.type !== 'table'),
    messages: file.messages.map((m) => `${m.code} ${m.line}:${m.column}`),
  }
}
const t = (value: string) => ({ type: 'text', value })
const p = (...children: unknown[]) => ({ type: 'paragraph', children })

describe('note-app comments', () => {
  for (const [parser, tail] of [
    ['the fast parser', ''],
    ['micromark', TABLE],
  ] as const) {
    it(`are left out, inline and over lines, with the spaces around them (${parser})`, () => {
      const { blocks, messages } = read(
        'She said it. %%note to self%% Then left.\n\n%%\nA plan\n\nover lines\n%%\nAfter.',
        tail,
      )
      expect(blocks).toEqual([p(t('She said it. Then left.')), p(t('After.'))])
      expect(messages).toEqual(['md-comment 3:14'])
    })
  }

  it('stay in code spans and fenced code, and unpaired or escaped marks stay text', () => {
    const { blocks, messages } = read('`a %%b%% c` and 50%% off \\%%x\\%%\n\n```\n%%kept%%\n```')
    expect(blocks).toEqual([
      p({ type: 'code', value: 'a %%b%% c' }, t(' and 50%% off %%x%%')),
      { type: 'codeBlock', value: '%%kept%%' },
    ])
    expect(messages).toEqual([])
  })

  it('keep the positions of what follows them', () => {
    const { blocks } = read('%%x%% *a*', '', true)
    const emphasis = (blocks[0]!.children as Array<{ type: string; position: unknown }>).find(
      (c) => c.type === 'emphasis',
    )
    expect(emphasis!.position).toMatchObject({ start: { line: 3, column: 7 }, end: { line: 3, column: 10 } })
  })
})

describe('wiki links, embeds and highlights', () => {
  it('a link is its text; a picture embed an image; a note embed its name, reported', () => {
    const { blocks, messages } = read(
      'See [[Chapter 2]], [[Chapter 2|the next one]], [[Notes#Plan]] and \\[[not a link]].\n\n![[map.png|The old map]] ![[Scene 4]] ![[photo one.jpg|300]]',
    )
    expect(blocks[0]).toEqual(p(t('See Chapter 2, the next one, Notes and [[not a link]].')))
    const images = (blocks[1]!.children ?? []).filter((c) => c.type === 'image')
    expect(images.map((i) => [i.url, i.alt])).toEqual([
      ['chapters/map.png', 'The old map'],
      ['chapters/photo one.jpg', undefined],
    ])
    expect(JSON.stringify(blocks[1])).toContain('Scene 4')
    expect(messages).toEqual(['md-embed 5:26'])
  })

  it('20,000 links and highlights in one paragraph are all read', () => {
    const source = Array.from({ length: 20_000 }, (_, i) => `[[L${i}]] ==h${i}==`).join(' ')
    const text = JSON.stringify(read(source).blocks)
    expect(text).not.toContain('[[')
    expect(text).not.toContain('==')
    expect(text).toContain('L19999 h19999')
  })

  it('a highlight is its text, reported once a file; escaped or empty marks stay', () => {
    const { blocks, messages } = read('A ==bright== and ==very bright== day; a == b, \\==no==, ====.')
    expect(blocks).toEqual([p(t('A bright and very bright day; a == b, ==no==, ====.'))])
    expect(messages).toEqual(['md-highlight 3:3'])
  })
})

describe('callouts', () => {
  it('are block quotes without their marker, the title bold on its own line', () => {
    const { blocks } = read(
      '> [!warning]- Careful\n> The ice is thin.\n\n> [!note]\n> Untitled.\n\n> [!tip] Title only',
    )
    expect(blocks).toEqual([
      {
        type: 'blockquote',
        children: [p({ type: 'strong', children: [t('Careful')] }, { type: 'break' }, t('The ice is thin.'))],
      },
      { type: 'blockquote', children: [p(t('Untitled.'))] },
      { type: 'blockquote', children: [p({ type: 'strong', children: [t('Title only')] })] },
    ])
  })

  it('a quote that only mentions [!x] later is left alone', () => {
    const { blocks } = read('> She wrote [!note] on it.')
    expect(blocks).toEqual([{ type: 'blockquote', children: [p(t('She wrote [!note] on it.'))] }])
  })
})
