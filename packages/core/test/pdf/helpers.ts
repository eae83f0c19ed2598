/**
 * Test helpers for the PDF renderer: a hand-built sample book that uses every block type, a
 * throwaway txt → tree parser for corpus chapters (line 1 is the heading, paragraphs split on
 * blank lines), and wrappers around the poppler/qpdf command-line checkers.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import nodePath from 'node:path'
import type { BlockContent, Chapter, Metadata, PhrasingContent, Root } from '../../src/model/types.js'
import { needCorpus } from '../shared.js'
import { isChecker, need } from '../tools.js'

const { PNG } = createRequire(import.meta.url)('pngjs') as typeof import('pngjs')

export const t = (value: string): PhrasingContent => ({ type: 'text', value })
export const p = (...children: Array<PhrasingContent | string>): BlockContent => ({
  type: 'paragraph',
  children: children.map((c) => (typeof c === 'string' ? t(c) : c)),
})
export const em = (value: string): PhrasingContent => ({ type: 'emphasis', children: [t(value)] })

export function metadata(extra: Partial<Metadata> = {}): Metadata {
  return {
    title: 'The Lighthouse Keeper’s Daughter',
    subtitle: 'A Novel',
    authors: [{ name: 'Ada Quill' }],
    language: 'en-GB',
    identifier: { scheme: 'isbn', value: '9780000000002' },
    publisher: 'Harbour Press',
    date: '2024-05-01',
    description: 'A story of light, weather & the sea.',
    subjects: ['Fiction', 'Sea stories'],
    rights: 'All rights reserved.',
    contributors: [],
    dedication: 'For M., who kept the light on.',
    edition: 'First edition',
    ...extra,
  }
}

const lorem = [
  'The wind came round to the north-east in the small hours, and by the time Mara climbed the hundred and twelve steps to the lamp room the glass was already furred with salt. She trimmed the wick, polished the great lens with the chamois her father had given her, and stood a long while watching the beam go out over the water—sweeping, returning, sweeping again—as if it were searching for something it had lost.',
  '“You’ll wear that cloth through,” said her father from the doorway. He had come up without a sound, as he always did, and he stood with his hands in the pockets of his oilskin, looking not at her but at the light. “It was your mother’s idea, you know, the chamois. She said a lens should be treated like a face.”',
  'Mara did not answer. Below them the rocks showed white where the sea broke over them, and beyond the rocks there was nothing at all: no ship, no star, only the dark and the turning light and the long grey roll of the swell coming in from a storm that had blown itself out somewhere far to the west, days ago, and was only now arriving.',
  'In the morning the supply boat did not come. It did not come the next day either, nor the day after that, and on the fourth day her father took down the old logbook from the shelf above the stove and began, in his careful copperplate, to count what was left in the store: flour, lamp oil, tea, the last of the apples, a tin of sardines that had been there since before Mara was born.',
]

/** A body chapter numbered `n`, titled `title`, holding `children`. */
export function chapterOf(
  n: number,
  title: string,
  children: BlockContent[],
  extra: Partial<Chapter> = {},
): Chapter {
  return {
    type: 'chapter',
    matter: 'body',
    kind: 'chapter',
    number: n,
    label: 'Chapter',
    title: [t(title)],
    file: `chapters/${String(n).padStart(2, '0')}.md`,
    children,
    ...extra,
  }
}

/** A book of one body chapter (number 1, no dedication) holding `children`. */
export function oneChapterBook(children: BlockContent[], chapter: Partial<Chapter> = {}): Root {
  return {
    type: 'root',
    metadata: metadata({ dedication: undefined }),
    children: [
      {
        type: 'chapter',
        matter: 'body',
        kind: 'chapter',
        number: 1,
        label: 'Chapter',
        file: 'one.md',
        children,
        ...chapter,
      },
    ],
  }
}

/** A small book using every block type, a footnote, a figure and a part. */
export function sampleBook(figure?: { url: string }): Root {
  const one = chapterOf(1, 'The Lamp Room', [
    p(lorem[0]!),
    p(lorem[1]!),
    p(
      'It was the first winter after the accident, and the keepers’ cottage still smelled of her mother’s lavender.',
      { type: 'footnoteReference', identifier: 'lav', label: '1' },
      ' Mara kept the sachets in the drawer with the spare mantles and did not let herself open it often.',
    ),
    {
      type: 'footnoteDefinition',
      identifier: 'lav',
      label: '1',
      children: [
        p(
          'Lavender was grown in the walled garden behind the cottage, the only garden on the island; it did poorly in the salt but never quite died.',
        ),
      ],
    },
    p(lorem[2]!),
    { type: 'sceneBreak', marker: '* * *' },
    p(lorem[3]!),
    { type: 'heading', depth: 2, children: [t('The Logbook')] },
    p(
      'The entries went back forty years. Some were in her grandfather’s hand, cramped and sloping; most were in her father’s. A few, near the end, were in her mother’s:',
    ),
    {
      type: 'blockquote',
      children: [
        p(
          'Wind SW, moderate. Visibility good. Lamp lit 16:42. The child asked why the light goes round. I told her it is so that everyone gets a turn.',
        ),
      ],
    },
    p(
      'She read that one three times. Then she closed the book and put it back on its shelf, and went to see about the flour.',
    ),
  ])
  const two = chapterOf(2, 'Weather', [
    p(
      'There was a song her mother used to sing while she kneaded bread. Mara could remember only the first verse:',
    ),
    {
      type: 'verse',
      children: [
        { type: 'verseLine', children: [t('Oh the light goes round and the sea comes in,')] },
        { type: 'verseLine', children: [t('and the gulls cry over the water;')] },
        { type: 'verseLine', children: [t('and the keeper’s wife is waiting still')] },
        { type: 'verseLine', children: [t('for the keeper and his daughter.')] },
      ],
    },
    p('What they had left, by her father’s count:'),
    {
      type: 'list',
      ordered: false,
      children: [
        { type: 'listItem', children: [p('eleven pounds of flour, some of it weevilled;')] },
        {
          type: 'listItem',
          children: [p('two gallons of lamp oil, enough for nine nights if the wick was kept low;')],
        },
        { type: 'listItem', children: [p('tea, a quarter tin.')] },
      ],
    },
    ...(figure
      ? [
          {
            type: 'figure',
            image: { type: 'image', url: figure.url, alt: 'A lighthouse on a rock at dusk' },
            caption: [t('The light at Skerrow, from the landing stage.')],
          } as BlockContent,
        ]
      : []),
    p(lorem[0]!),
    { type: 'codeBlock', value: 'LOG 14 Nov\n  wind NE 6\n  lamp lit 16:40' },
    {
      type: 'note',
      placement: 'end',
      children: [p('Thank you for reading this far. The next chapter is the hardest one I have written.')],
    },
  ])
  const three = chapterOf(3, 'Truly All Alone', [p(lorem[1]!), p(lorem[2]!), p(lorem[3]!), p(lorem[0]!)])
  return {
    type: 'root',
    metadata: metadata(),
    children: [
      one,
      { type: 'part', number: 2, label: 'Part', title: [t('The Crossing')], children: [two, three] },
    ],
  }
}

/** Corpus chapters as a tree: line 1 is the heading, paragraphs are separated by blank lines. */
export function corpusBook(dir: string, limit = Infinity, meta: Partial<Metadata> = {}): Root {
  needCorpus()
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, limit)
  const chapters: Chapter[] = files.map((file, i) => {
    const text = readFileSync(nodePath.join(dir, file), 'utf8')
    const [head, ...rest] = text.split('\n')
    const match = /^Chapter (\d+)(?::\s*(.*))?$/.exec(head!.trim())
    const children: BlockContent[] = rest
      .join('\n')
      .split(/\n\s*\n/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => (s === '* * *' ? { type: 'sceneBreak' } : p(s.replace(/\n/g, ' '))))
    return {
      type: 'chapter',
      matter: 'body',
      kind: 'chapter',
      number: match ? Number(match[1]) : i + 1,
      label: 'Chapter',
      ...(match?.[2] ? { title: [t(match[2])] } : {}),
      file,
      children,
    }
  })
  return {
    type: 'root',
    metadata: metadata({ title: 'Corpus', subtitle: undefined, dedication: undefined, ...meta }),
    children: chapters,
  }
}

/** Run a command and return its output; a test that runs a missing checker is skipped here. */
export function tool(cmd: string, args: string[]): string {
  if (isChecker(cmd)) need(cmd)
  return execFileSync(cmd, args, {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

export function tempPdf(bytes: Uint8Array, name = 'book.pdf'): string {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'octavo-pdf-'))
  const path = nodePath.join(dir, name)
  writeFileSync(path, bytes)
  return path
}

/**
 * Words of a text, for order-preserving comparison: letters/digits with inner ’ and -. A hyphen
 * at a line end may be the breaker's or the author's ("well-known"), so hyphens are removed from
 * both sides: "well-\nknown" and "well-known" both become "wellknown".
 */
export function words(text: string): string[] {
  return (
    text
      .replace(/(\p{L})-\n\s*(\p{L})/gu, '$1$2')
      .replace(/\s+/g, ' ')
      .match(/[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu) ?? []
  ).map((w) => w.replace(/-/g, ''))
}

/** A deterministic picture, 600x400 by default (or `width` wide, 3:2): sky, sea, a white tower. */
export function picture(width = 600): Uint8Array {
  const height = (width * 2) / 3
  const k = width / 600
  const png = new PNG({ width, height })
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      const [px, py] = [x / k, y / k]
      const tower = px > 280 && px < 320 && py > 120 && py < 300
      const sea = py > 280
      png.data[i] = tower ? 250 : sea ? 30 : 120 + py / 4
      png.data[i + 1] = tower ? 250 : sea ? 60 + (Math.floor(px) % 40) : 150 + py / 5
      png.data[i + 2] = tower ? 240 : sea ? 110 : 200
      png.data[i + 3] = 255
    }
  }
  return new Uint8Array(PNG.sync.write(png, { colorType: 2 }))
}

/** Glyph id → text of every embedded font's ToUnicode map, from qpdf's QDF text (pdfkit writes bfrange arrays). */
export function unicodeMaps(qdf: string): Map<number, string>[] {
  const maps: Map<number, string>[] = []
  for (const [, cmap] of qdf.matchAll(/stream\n(\/CIDInit[\s\S]*?)endstream/g)) {
    const map = new Map<number, string>()
    for (const [, from, list] of cmap!.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
      let gid = Number.parseInt(from!, 16)
      for (const [, u] of list!.matchAll(/<([0-9a-f ]+)>/gi))
        map.set(gid++, String.fromCharCode(...u!.split(' ').map((h) => Number.parseInt(h, 16))))
    }
    maps.push(map)
  }
  return maps
}
