import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { BlockContent, Chapter, Metadata, PhrasingContent, Root } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { typography } from '../../src/transforms/typography/index.js'
import { fcRuns } from '../fast-check.js'

const text = (value: string): PhrasingContent => ({ type: 'text', value })

function book(children: BlockContent[], meta: Partial<Metadata> = {}, extra: Partial<Chapter> = {}): Root {
  return {
    type: 'root',
    metadata: {
      title: 'Book',
      authors: [{ name: "Flannery O'Connor" }],
      language: 'en-GB',
      identifier: { scheme: 'uuid', value: 'urn:uuid:0' },
      subjects: [],
      contributors: [],
      ...meta,
    },
    children: [{ type: 'chapter', matter: 'body', kind: 'chapter', children, ...extra }],
  }
}

async function run(tree: Root, options = {}): Promise<SourceFile> {
  const file = new SourceFile('')
  await typography(options)(tree, file)
  return file
}

const firstChapter = (tree: Root) => tree.children[0] as Chapter

describe('typography transform', () => {
  it('decides quotes across emphasis boundaries', async () => {
    const tree = book([
      {
        type: 'paragraph',
        children: [text('"'), { type: 'emphasis', children: [text('Hello')] }, text('," she said.')],
      },
      {
        type: 'paragraph',
        children: [
          text('He said "'),
          { type: 'strong', children: [text('no')] },
          text('" and \''),
          { type: 'emphasis', children: [{ type: 'smallCaps', children: [text('tis')] }] },
          text(' done--'),
          { type: 'emphasis', children: [text('"really."')] },
        ],
      },
    ])
    await run(tree)
    const [p1, p2] = firstChapter(tree).children as Array<{ children: PhrasingContent[] }>
    expect(p1!.children).toEqual([
      text('“'),
      { type: 'emphasis', children: [text('Hello')] },
      text(',” she said.'),
    ])
    expect(toText(p2!.children)).toBe('He said “no” and ’tis done\u2060—“really.”')
    expect((p2!.children[1] as { children: PhrasingContent[] }).children).toEqual([text('no')])
  })

  it('never touches code, and reads inline code as a word', async () => {
    const tree = book([
      {
        type: 'paragraph',
        children: [text('Type "'), { type: 'code', value: `"--" and '...'` }, text('" to see.')],
      },
      { type: 'codeBlock', value: `say "hi" -- it's ...` },
    ])
    await run(tree)
    const [p, code] = firstChapter(tree).children
    expect(p).toEqual({
      type: 'paragraph',
      children: [text('Type “'), { type: 'code', value: `"--" and '...'` }, text('” to see.')],
    })
    expect(code).toEqual({ type: 'codeBlock', value: `say "hi" -- it's ...` })
  })

  it('smartens link text and titles but not URLs', async () => {
    const tree = book([
      {
        type: 'paragraph',
        children: [
          text('See "'),
          {
            type: 'link',
            url: "https://example.com/it's--here...",
            title: "Bob's page",
            children: [text('the site')],
          },
          text('."'),
        ],
      },
    ])
    await run(tree)
    const p = firstChapter(tree).children[0] as { children: PhrasingContent[] }
    expect(p.children[0]).toEqual(text('See “'))
    expect(p.children[1]).toMatchObject({ url: "https://example.com/it's--here...", title: 'Bob’s page' })
    expect(p.children[2]).toEqual(text('.”'))
  })

  it('leaves a web or mail address in the text as written, a word to the quotes around it', async () => {
    const tree = book([
      {
        type: 'paragraph',
        children: [
          text('See https://t.co/AbC--xyz and "www.example.com/a...b" -- or mail "me@ex.com." Then... '),
          { type: 'link', url: 'https://x.org/q?a=1', children: [text('https://x.org/q?a=1--b')] },
          text(' said "hi".'),
        ],
      },
    ])
    await run(tree)
    const paragraph = firstChapter(tree).children[0]
    expect(paragraph?.type === 'paragraph' && toText(paragraph.children)).toBe(
      'See https://t.co/AbC--xyz and “www.example.com/a...b”\u00A0— or mail “me@ex.com.” Then… https://x.org/q?a=1--b said “hi”.',
    )
  })

  it('reads a footnote reference as nothing and a break as a line end', async () => {
    const tree = book([
      {
        type: 'paragraph',
        children: [
          text('"Hello,"'),
          { type: 'footnoteReference', identifier: '1' },
          text(' she said. "Line one'),
          { type: 'break' },
          text("'line two'\""),
        ],
      },
    ])
    await run(tree)
    const p = firstChapter(tree).children[0] as { children: PhrasingContent[] }
    expect(toText(p.children)).toBe('“Hello,” she said. “Line one ‘line two’\u200A”')
  })

  it('reads all the lines of a verse as one text', async () => {
    const tree = book([
      {
        type: 'verse',
        children: [
          { type: 'verseLine', children: [text('"Twinkle, twinkle, little bat!')] },
          { type: 'verseLine', children: [text('How I wonder what you\'re at!"')] },
          { type: 'verseLine', children: [text("'Tis said")] },
        ],
      },
    ])
    await run(tree)
    const verse = firstChapter(tree).children[0] as { children: Array<{ children: PhrasingContent[] }> }
    expect(verse.children.map((l) => toText(l.children))).toEqual([
      '“Twinkle, twinkle, little bat!',
      'How I wonder what you’re at!”',
      '’Tis said',
    ])
  })

  it('reaches every place prose lives', async () => {
    const p = (value: string): BlockContent => ({ type: 'paragraph', children: [text(value)] })
    const tree = book(
      [
        { type: 'heading', depth: 2, children: [text('"Heading"')] },
        { type: 'blockquote', children: [{ type: 'blockquote', children: [p('"deep"')] }] },
        { type: 'list', ordered: false, children: [{ type: 'listItem', children: [p('"item"')] }] },
        { type: 'note', placement: 'end', children: [p('"note"')] },
        { type: 'footnoteDefinition', identifier: '1', children: [p('"footnote"')] },
        {
          type: 'figure',
          image: { type: 'image', url: "img/a's.png", alt: '"alt"', title: "'title'" },
          caption: [text('"caption"')],
        },
        { type: 'paragraph', children: [text('"'), { type: 'image', url: 'x.png', alt: "it's" }, text('"')] },
        { type: 'sceneBreak', marker: '--' },
      ],
      {
        title: '"Title"',
        subtitle: "'Sub'",
        description: 'A -- B...',
        dedication: "For 'em",
        series: { name: "Smith's" },
      },
      { title: [text('"Chapter"')], subtitle: [text("'Sub'")] },
    )
    tree.children = [{ type: 'part', title: [text('"Part"')], children: tree.children as Chapter[] }]
    await run(tree)
    // Every text node, wherever it sits, has lost its straight quotes.
    const values: string[] = []
    JSON.stringify(tree, (_key, value) => {
      if (value && typeof value === 'object' && value.type === 'text') values.push(value.value)
      return value
    })
    expect(values.length).toBe(11)
    for (const value of values) expect(value).not.toMatch(/["']/)
    expect(tree.metadata).toMatchObject({
      title: '“Title”',
      subtitle: '‘Sub’',
      description: 'A\u00A0— B…',
      dedication: 'For ’em',
      series: { name: 'Smith’s' },
      authors: [{ name: "Flannery O'Connor" }],
    })
    const chapter = (tree.children[0] as { children: Chapter[] }).children[0]!
    expect(toText(chapter.title)).toBe('“Chapter”')
    expect(toText(chapter.subtitle)).toBe('‘Sub’')
    expect(chapter.children[5]).toMatchObject({
      image: { url: "img/a's.png", alt: '“alt”', title: '‘title’' },
      caption: [text('“caption”')],
    })
    expect(chapter.children[6]).toMatchObject({ children: [text('“'), { alt: 'it’s' }, text('”')] })
    expect(chapter.children[7]).toEqual({ type: 'sceneBreak', marker: '--' })
  })

  it('can leave the metadata alone', async () => {
    const tree = book([], { title: '"Title"' })
    await run(tree, { metadata: false })
    expect(tree.metadata.title).toBe('"Title"')
  })

  it('uses the book language, or the option', async () => {
    const fr = book([{ type: 'paragraph', children: [text('"Oui"')] }], { language: 'fr-CA' })
    expect((await run(fr)).messages).toEqual([])
    expect(toText((firstChapter(fr).children[0] as { children: PhrasingContent[] }).children)).toBe(
      '«\u202FOui\u202F»',
    )
    const de = book([{ type: 'paragraph', children: [text('"Ja"')] }], { language: 'fr' })
    await run(de, { language: 'de' })
    expect(toText((firstChapter(de).children[0] as { children: PhrasingContent[] }).children)).toBe('„Ja“')
  })

  it('falls back to English for an unknown language, saying so once', async () => {
    const tree = book(
      [
        { type: 'paragraph', children: [text('"one"')] },
        { type: 'paragraph', children: [text('"two"')] },
      ],
      { language: 'tlh' },
    )
    const file = await run(tree)
    expect(file.messages).toEqual([
      {
        code: 'typography-unknown-language',
        level: 'info',
        message: 'No quotation-mark rules for language `tlh`; using English quotes',
        source: 'typography',
      },
    ])
    expect(toText((firstChapter(tree).children[1] as { children: PhrasingContent[] }).children)).toBe('“two”')
  })

  it('survives 10,000 nested blockquotes', async () => {
    let inner: BlockContent = { type: 'paragraph', children: [text('"deep"')] }
    for (let i = 0; i < 10_000; i++) inner = { type: 'blockquote', children: [inner] }
    const tree = book([inner])
    await run(tree)
    let node = firstChapter(tree).children[0]!
    while (node.type === 'blockquote') node = node.children[0]!
    expect(node).toEqual({ type: 'paragraph', children: [text('“deep”')] })
  })

  it('is idempotent on trees and never changes code (property)', async () => {
    const piece = fc.constantFrom(
      '"',
      "'",
      '--',
      '...',
      ' ',
      'a',
      'Word',
      'tis',
      '1-2',
      ',',
      '!',
      '\n',
      '«',
      '»',
      '?',
    )
    const str = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''))
    const leaf: fc.Arbitrary<PhrasingContent> = fc.oneof(
      str.map((value) => ({ type: 'text', value }) as PhrasingContent),
      str.map((value) => ({ type: 'code', value }) as PhrasingContent),
      fc.constant({ type: 'break' } as PhrasingContent),
    )
    const inline = fc.array(
      fc.oneof(
        leaf,
        fc
          .array(leaf, { maxLength: 3 })
          .map((children) => ({ type: 'emphasis', children }) as PhrasingContent),
      ),
      { maxLength: 6 },
    )
    const codes = (node: unknown): string[] => {
      const out: string[] = []
      JSON.stringify(node, (_key, value) => {
        if (value && typeof value === 'object' && (value.type === 'code' || value.type === 'codeBlock')) {
          out.push(value.value)
        }
        return value
      })
      return out
    }
    await fc.assert(
      fc.asyncProperty(inline, str, fc.constantFrom('en', 'fr', 'de'), async (children, block, language) => {
        const tree = book(
          [
            { type: 'paragraph', children },
            { type: 'codeBlock', value: block },
          ],
          { language },
        )
        const before = codes(tree)
        await run(tree)
        const once = JSON.stringify(tree)
        expect(codes(tree)).toEqual(before)
        await run(tree)
        expect(JSON.stringify(tree)).toBe(once)
      }),
      { numRuns: fcRuns(500) },
    )
  })
})
