/**
 * No mark lost on the way out: any chapter holding small caps, underline, author's notes and
 * the language of parts (spans, and paragraphs in another language or direction), among
 * emphasis, strong, strikethrough, subscript and superscript, nested, written as Markdown by
 * `octavo import` reads back through the Markdown reader to the same tree, positions aside.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { chapterMarkdown } from '../../src/import/markdown.js'
import type { BlockContent, Chapter, Note, Paragraph, PhrasingContent, Span } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { markdownReader } from '../../src/readers/markdown.js'
import {
  documentScope,
  type LanguageAttributes,
  type LanguageContext,
  languageChange,
  mergeText,
  scopeWithin,
} from '../../src/readers/shared/phrasing.js'
import { fcRuns } from '../fast-check.js'

// Words with the characters Markdown and HTML give meaning to, which the writer must escape.
const word = fc.constantFrom(
  'Rome',
  'fell',
  'a',
  'H2O',
  'x*y',
  'a_b',
  '<b>',
  '&amp;',
  '[1]',
  'q~',
  '^z',
  '::',
  '1.',
  '#',
  'é',
)
const text = (value: string): PhrasingContent => ({ type: 'text', value })

/** Marks Markdown writes with its own syntax: they hold words and the HTML-written marks. */
const htmlMark = fc.constantFrom('smallCaps', 'underline') as fc.Arbitrary<'smallCaps' | 'underline'>
const mdMark = fc.constantFrom('emphasis', 'strong', 'delete') as fc.Arbitrary<
  'emphasis' | 'strong' | 'delete'
>

/** Languages and directions a span or paragraph may be in (the book is English, left to right). */
const language = fc.constantFrom<LanguageAttributes>(
  { lang: 'fr' },
  { lang: 'la' },
  { lang: 'en' },
  { lang: 'he', dir: 'rtl' },
  { dir: 'rtl' },
  { lang: 'de', dir: 'ltr' },
)

/** Phrasing content: words with single spaces between, marks nested up to `depth`. */
const phrasing: (depth: number) => fc.Arbitrary<PhrasingContent[]> = fc.memo((depth) => {
  const item: fc.Arbitrary<PhrasingContent> =
    depth <= 0
      ? word.map(text)
      : fc.oneof(
          { weight: 3, arbitrary: word.map(text) },
          {
            weight: 2,
            arbitrary: fc
              .tuple(htmlMark, phrasing(depth - 1))
              .map(([type, children]) => ({ type, children }) as PhrasingContent),
          },
          {
            weight: 1,
            // A Markdown mark directly inside another would be ambiguous (`***a***`): its content
            // opens and closes with a word or an HTML-written mark.
            arbitrary: fc
              .tuple(mdMark, phrasing(depth - 1))
              .filter(([, children]) => edgesSafe(children))
              .map(([type, children]) => ({ type, children }) as PhrasingContent),
          },
          {
            weight: 1,
            arbitrary: fc
              .tuple(language, phrasing(depth - 1))
              .map(([attributes, children]) => ({ type: 'span', ...attributes, children }) as Span),
          },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.constantFrom('subscript', 'superscript'), fc.constantFrom('2', 'n', 'th'))
              .map(([type, value]) => ({ type, children: [text(value)] }) as PhrasingContent),
          },
        )
  return fc.array(item, { minLength: 1, maxLength: 4 }).map((items) => {
    const out: PhrasingContent[] = []
    items.forEach((node, i) => {
      if (i > 0) out.push(text(' '))
      out.push(node)
    })
    return mergeText(out)
  })
})

function edgesSafe(children: PhrasingContent[]): boolean {
  const ok = (n: PhrasingContent | undefined) =>
    n?.type === 'text' || n?.type === 'smallCaps' || n?.type === 'underline' || n?.type === 'span'
  return ok(children[0]) && ok(children[children.length - 1])
}

const BOOK = documentScope('en')

/**
 * Content as a reader would make it in `scope`: a span that changes nothing there (French in
 * French) or holds no letter is only its content, as readers mark only what differs.
 */
function canonical(nodes: PhrasingContent[], scope: LanguageContext): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const node of nodes) {
    if (node.type === 'span') {
      const inner = scopeWithin(scope, node)
      const children = canonical(node.children, inner)
      const change = languageChange(inner, scope)
      if (change && /\p{L}/u.test(toText(children))) out.push({ type: 'span', ...change, children })
      else out.push(...children)
    } else if ('children' in node)
      out.push({ ...node, children: canonical(node.children, scope) } as PhrasingContent)
    else out.push(node)
  }
  return mergeText(out)
}

// A paragraph opens with a plain word, so that it is never read as a scene-break ornament.
const paragraph: fc.Arbitrary<Paragraph> = fc
  .tuple(fc.constantFrom('Then', 'She', 'It'), phrasing(3), fc.option(language, { freq: 3 }))
  .map(([first, rest, attributes]) => {
    const scope = scopeWithin(BOOK, attributes ?? {})
    const made: Paragraph = {
      type: 'paragraph',
      ...languageChange(scope, BOOK),
      children: canonical([text(`${first} `), ...rest], scope),
    }
    return made
  })

const note: fc.Arbitrary<Note> = fc
  .tuple(
    fc.constantFrom('start', 'end', 'inline') as fc.Arbitrary<Note['placement']>,
    fc.array(paragraph, { minLength: 1, maxLength: 2 }),
  )
  .map(([placement, children]) => ({ type: 'note', placement, children }))

const chapter: fc.Arbitrary<Chapter> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: paragraph as fc.Arbitrary<BlockContent> },
      { weight: 1, arbitrary: note },
    ),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((children) => ({
    type: 'chapter',
    matter: 'body',
    kind: 'chapter',
    file: 'chapters/one.md',
    title: [text('One')],
    children,
  }))

/** The tree without positions (JSON drops the undefined). */
function bare(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'position' ? undefined : v)))
}

function readBack(markdown: string): { children: BlockContent[]; messages: string[] } {
  const file = new SourceFile('chapters/one.md')
  const result = markdownReader.read(markdown, file, { language: 'en' })
  const read = result.children[0] as Chapter
  return { children: read.children, messages: file.messages.map((m) => `${m.code}: ${m.message}`) }
}

describe('import writes marks and notes the Markdown reader reads back', () => {
  it('any chapter with small caps, underline and notes round-trips', () => {
    fc.assert(
      fc.property(chapter, (original) => {
        const markdown = chapterMarkdown(original, (u) => u)
        const back = readBack(markdown)
        expect(back.messages, markdown).toEqual([])
        expect(bare(back.children), markdown).toEqual(bare(original.children))
      }),
      { numRuns: fcRuns(500) },
    )
  })

  it('writes each mark in a form an author can read', () => {
    const markdown = chapterMarkdown(
      {
        type: 'chapter',
        matter: 'body',
        kind: 'chapter',
        file: 'c.md',
        title: [text('One')],
        children: [
          { type: 'note', placement: 'start', children: [{ type: 'paragraph', children: [text('Hello.')] }] },
          {
            type: 'paragraph',
            children: [
              { type: 'smallCaps', children: [text('Rome')] },
              text(' was '),
              { type: 'underline', children: [text('not')] },
              text(' built.'),
            ],
          },
          {
            type: 'note',
            placement: 'inline',
            children: [{ type: 'paragraph', children: [text('Thanks.')] }],
          },
        ],
      },
      (u) => u,
    )
    expect(markdown).toBe(
      `${[
        '# One',
        '::: note',
        'Hello.',
        ':::',
        '<span class="smallcaps">Rome</span> was <u>not</u> built.',
        '::: {.note placement="inline"}',
        'Thanks.',
        ':::',
      ].join('\n\n')}\n`,
    )
  })

  it('writes the language of parts as pandoc does, a run of paragraphs in one div', () => {
    const paragraph = (attributes: LanguageAttributes, words: string): Paragraph => ({
      type: 'paragraph',
      ...attributes,
      children: [text(words)],
    })
    const children: BlockContent[] = [
      {
        type: 'paragraph',
        children: [
          text('He said '),
          { type: 'emphasis', children: [{ type: 'span', lang: 'la', children: [text('carpe diem')] }] },
          text(' and '),
          { type: 'span', lang: 'he', dir: 'rtl', children: [text('שלום')] },
          text('.'),
        ],
      },
      paragraph({ lang: 'fr' }, 'Cher ami,'),
      paragraph({ lang: 'fr' }, 'Je vous écris.'),
      paragraph({ dir: 'rtl' }, 'Backwards.'),
      { type: 'blockquote', children: [paragraph({ lang: 'de' }, 'Zitat.')] },
    ]
    const chapter: Chapter = {
      type: 'chapter',
      matter: 'body',
      kind: 'chapter',
      file: 'c.md',
      title: [text('One')],
      children,
    }
    const markdown = chapterMarkdown(chapter, (u) => u)
    expect(markdown).toBe(
      `${[
        '# One',
        'He said *[carpe diem]{lang=la}* and [שלום]{lang=he dir=rtl}.',
        '::: {lang=fr}',
        'Cher ami,',
        'Je vous écris.',
        ':::',
        '::: {dir=rtl}',
        'Backwards.',
        ':::',
        '> ::: {lang=de}\n>\n> Zitat.\n>\n> :::',
      ].join('\n\n')}\n`,
    )
    const back = readBack(markdown)
    expect(back.messages).toEqual([])
    expect(bare(back.children)).toEqual(bare(children))
  })
})
