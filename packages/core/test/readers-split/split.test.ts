/**
 * A whole manuscript in one file comes out as its chapters: Markdown (`# Chapter One` …),
 * plain text (a whole-work export) and HTML (an AO3 full-work download). Chapter counts,
 * titles, numbers, parts and positions of nodes deep in the file; what must not split; a
 * property that random chapter sequences come back in order with no text lost or doubled; and
 * the book pipeline (numbering across the book, unique EPUB file names, the watch-mode cache).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createBook, createBookCache } from '../../src/index.js'
import type { Chapter, Node, Paragraph, Part, Position } from '../../src/model/types.js'
import { chaptersOf, toText, visit } from '../../src/model/walk.js'
import { htmlReader } from '../../src/readers/html.js'
import { markdownReader } from '../../src/readers/markdown.js'
import { textReader } from '../../src/readers/text/index.js'
import type { SyncReader } from '../../src/readers/types.js'
import { planBook } from '../../src/renderers/epub/plan.js'
import { fcRuns } from '../fast-check.js'
import { CORPUS, hasCorpus } from '../integration/checkers.js'

const fixtures = path.join(import.meta.dirname, '../fixtures')

function read(reader: SyncReader, input: string, name: string) {
  const file = new SourceFile(name)
  const result = reader.read(input, file, { language: 'en' })
  return { result, file, chapters: result.children.flatMap((c) => (c.type === 'part' ? c.children : [c])) }
}

const summary = (chapters: Chapter[]) =>
  chapters.map((c) => ({ kind: c.kind, number: c.number, title: toText(c.title), file: c.file }))

/** The source text a position spans. */
function sourceAt(source: string, position: Position): string {
  const lines = source.split('\n')
  const offset = (line: number, column: number) =>
    lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1
  const start = offset(position.start.line, position.start.column)
  const end = offset(position.end.line, position.end.column)
  // The offset, when kept, must agree with line and column.
  if (position.start.offset !== undefined) expect(position.start.offset).toBe(start)
  return source.slice(start, end)
}

/** The first node of `type` in a chapter. */
function first(chapter: Chapter, type: string): Node {
  let found: Node | undefined
  visit(chapter, (node) => {
    if (!found && node.type === type) found = node
  })
  expect(found, type).toBeDefined()
  return found!
}

describe('Markdown: one file, several chapters', () => {
  const source = '# Chapter One: Start\n\nHello.\n\n# Chapter Two: Next\n\nMore.\n'

  it('splits the example from the issue into two chapters', () => {
    const { chapters } = read(markdownReader, source, 'novel.md')
    expect(summary(chapters)).toEqual([
      { kind: 'chapter', number: 1, title: 'Start', file: 'novel.md' },
      { kind: 'chapter', number: 2, title: 'Next', file: 'novel.md' },
    ])
    expect(chapters[1]!.position!.start).toMatchObject({ line: 5, column: 1 })
  })

  it('reads split-novel: prologue, three chapters, epilogue, positions into the one file', () => {
    const input = readFileSync(path.join(fixtures, 'readers-md/split-novel/input.md'), 'utf8')
    const { chapters, file } = read(markdownReader, input, 'novel.md')
    expect(summary(chapters).map((c) => [c.kind, c.number, c.title])).toEqual([
      ['prologue', undefined, ''],
      ['chapter', 1, 'Start'],
      ['chapter', 2, 'Next'],
      ['chapter', 3, 'The End of It'],
      ['epilogue', undefined, ''],
    ])
    const strong = first(chapters[3]!, 'strong')
    expect(strong.position!.start).toMatchObject({ line: 23, column: 9 })
    expect(sourceAt(input, strong.position!)).toBe('**done**')
    // "## A Letter" is a section of chapter one, not a chapter.
    expect(first(chapters[1]!, 'heading')).toMatchObject({ depth: 2 })
    expect(file.messages).toEqual([])
  })

  it('reads split-parts: the title heading, two parts, footnotes moved to their chapters', () => {
    const input = readFileSync(path.join(fixtures, 'readers-md/split-parts/input.md'), 'utf8')
    const { result, chapters, file } = read(markdownReader, input, 'novel.md')
    expect(
      result.children.map((p) => [p.type, p.number, toText(p.title), (p as Part).children.length]),
    ).toEqual([
      ['part', 1, 'Spring', 2],
      ['part', 2, 'Autumn', 1],
    ])
    expect(summary(chapters).map((c) => [c.number, c.title])).toEqual([
      [1, 'The Door'],
      [2, 'The River'],
      [3, 'Home'],
    ])
    // The epigraph under the part heading opens its first chapter; each note sits with its reference.
    expect(chapters[0]!.children[0]!.type).toBe('blockquote')
    expect(first(chapters[0]!, 'footnoteDefinition')).toMatchObject({ identifier: 'dawn' })
    const note = first(chapters[2]!, 'footnoteDefinition')
    expect(note).toMatchObject({ identifier: 'home' })
    expect(sourceAt(input, note.position!)).toBe('[^home]: Years later.')
    const emphasis = first(chapters[2]!, 'emphasis')
    expect(sourceAt(input, emphasis.position!)).toBe('*alone*')
    // The front matter's title is the book's: it describes no one of the three chapters.
    expect(result.metadata).toEqual({ title: 'The Long Road' })
    expect(file.messages.map((m) => [m.code, m.line])).toEqual([['md-book-title', 6]])
  })

  it('keeps a title heading with text under it as an unnumbered chapter', () => {
    const { chapters } = read(
      markdownReader,
      '# The Long Road\n\n> Go.\n\n## Chapter 1\n\nA.\n\n## Chapter 2\n\nB.\n',
      'novel.md',
    )
    expect(summary(chapters).map((c) => [c.kind, c.number, c.title])).toEqual([
      ['other', undefined, 'The Long Road'],
      ['chapter', 1, ''],
      ['chapter', 2, ''],
    ])
  })

  it('keeps text before the first chapter heading, at the start of that chapter', () => {
    const { chapters } = read(markdownReader, 'An opening line.\n\n# One\n\nA.\n\n# Two\n\nB.\n', 'novel.md')
    expect(chapters.map((c) => [toText(c.title), c.children.length])).toEqual([
      ['One', 2],
      ['Two', 1],
    ])
    expect(chapters[0]!.position!.start.line).toBe(1)
  })

  it.each([
    ['one chapter with sections', '# Chapter 1\n\n## Morning\n\nA.\n\n## Evening\n\nB.\n'],
    ['numbered scenes under a chapter heading', '# Chapter 5\n\n## 1\n\nA.\n\n## 2\n\nB.\n'],
    ['a heading then plain sections', '## Chapter 6\n\nA.\n\n## Later that day\n\nB.\n'],
    ['a title over plain sections', '# The Long Road\n\n## Morning\n\nA.\n\n## Evening\n\nB.\n'],
  ])('does not split %s', (_name, input) => {
    const { result } = read(markdownReader, input, 'chapter.md')
    expect(result.children).toHaveLength(1)
  })
})

describe('plain text: a whole-work export', () => {
  const input = readFileSync(path.join(fixtures, 'readers-text/split-whole-work/input.txt'), 'utf8')

  it('reads every chapter with its heading, notes and breaks, per chapter', () => {
    const { chapters, file } = read(textReader, input, 'work.txt')
    expect(summary(chapters).map((c) => [c.kind, c.number, c.title])).toEqual([
      ['other', undefined, 'The Long Road'],
      ['chapter', 1, 'The Door'],
      ['chapter', 2, ''],
      ['chapter', 3, 'The Crossing'],
      ['epilogue', undefined, ''],
    ])
    expect(chapters[1]!.children.map((c) => c.type)).toEqual([
      'note',
      'paragraph',
      'paragraph',
      'sceneBreak',
      'paragraph',
    ])
    // "Chapter 5 was my favourite" is prose, not a heading.
    expect(toText((chapters[1]!.children[2] as Paragraph).children)).toMatch(/^Chapter 5 was/)
    expect(chapters[2]!.children.at(-1)).toMatchObject({ type: 'note', placement: 'end' })
    expect(chapters[3]!.label).toBe('CHAPTER')
    const emphasis = first(chapters[3]!, 'emphasis')
    expect(emphasis.position!.start).toMatchObject({ line: 28, column: 37 })
    expect(sourceAt(input, emphasis.position!)).toBe('*nobody*')
    expect(chapters[3]!.position!.start).toMatchObject({ line: 26, column: 1 })
    // The title and its byline name the book; the byline is not part of the summary's chapter.
    expect(file.messages.map((m) => m.code)).toEqual(['text-book-title'])
    expect(JSON.stringify(chapters[0])).not.toContain('A. Writer')
  })

  it('opens parts at part lines, with a short line under one as its title', () => {
    const { result } = read(
      textReader,
      'Part One\n\nThe Road\n\nChapter 1\n\nA.\n\nChapter 2\n\nB.\n\nPart Two: The Sea\n\nAn epigraph.\n\nChapter 3\n\nC.\n',
      'work.txt',
    )
    expect(
      result.children.map((p) => [
        p.type,
        p.number,
        toText(p.title),
        (p as Part).children.map((c) => [c.number, c.children.length]),
      ]),
    ).toEqual([
      [
        'part',
        1,
        'The Road',
        [
          [1, 1],
          [2, 1],
        ],
      ],
      ['part', 2, 'The Sea', [[3, 2]]],
    ])
  })

  it('reports a lone title line above the chapters as the book title', () => {
    const { chapters, file } = read(
      textReader,
      'The Long Road\n\nChapter 1\n\nA.\n\nChapter 2\n\nB.\n',
      'w.txt',
    )
    expect(chapters.map((c) => c.number)).toEqual([1, 2])
    expect(file.messages.map((m) => [m.code, m.level, m.line])).toEqual([['text-book-title', 'info', 1]])
  })

  it('splits at bare numbers only when they count up from one', () => {
    expect(
      read(textReader, 'I\n\nA.\n\nII\n\nB.\n\nIII\n\nC.\n', 'w.txt').chapters.map((c) => c.number),
    ).toEqual([1, 2, 3])
    expect(read(textReader, '1\n\nA.\n\n2\n\nB.\n', 'w.txt').chapters.map((c) => c.number)).toEqual([1, 2])
  })

  it.each([
    ['a sentence starting "Chapter 5"', 'Chapter 1\n\nA.\n\nChapter 5 was my favourite.\n\nB.\n'],
    ['a heading inside a paragraph', 'Chapter 1\n\nShe wrote:\nChapter 2\nand stopped.\n'],
    ['one heading line further down', 'It began.\n\nChapter 2\n\nB.\n'],
    ['a countdown', 'Chapter 1\n\nShe counted.\n\n3\n\n2\n\n1\n\nGo.\n'],
    ['a numbered list', 'Chapter 1\n\nHer list:\n\n2. Milk\n\n3. Bread\n\nDone.\n'],
    ["an author's note label", "Chapter 1\n\nStory.\n\nAuthor's Note\n\nThanks!\n"],
    ['no blank lines at all', 'Chapter 1\nA.\nChapter 2\nB.\nChapter 3\nC.\n'],
  ])('does not split %s', (_name, text) => {
    const { result } = read(textReader, text, 'chapter.txt')
    expect(result.children).toHaveLength(1)
  })
})

describe('HTML: an AO3 full-work download', () => {
  it('reads one chapter per chapter block, notes placed per chapter', () => {
    const input = readFileSync(path.join(fixtures, 'readers-html/ao3-full-work/input.html'), 'utf8')
    const { chapters, file } = read(htmlReader, input, 'work.html')
    expect(summary(chapters).map((c) => [c.number, c.title])).toEqual([
      [1, 'The Door'],
      [2, ''],
      [3, 'The Crossing'],
    ])
    expect(chapters[0]!.children.map((c) => c.type)).toEqual(['note', 'paragraph', 'paragraph', 'note'])
    expect(chapters[0]!.children.map((c) => (c.type === 'note' ? c.placement : ''))).toEqual([
      'start',
      '',
      '',
      'end',
    ])
    // The preface (work title, summary) and the afterword are not chapters.
    expect(JSON.stringify(chapters)).not.toMatch(/Two travellers|drop by the archive|more notes/)
    const emphasis = first(chapters[2]!, 'emphasis')
    expect(emphasis.position!.start).toMatchObject({ line: 42, column: 65 })
    expect(sourceAt(input, emphasis.position!)).toBe('<i>nobody</i>')
    expect(file.messages).toEqual([])
  })

  it('reads an AO3 entire-work page and a page with one heading per chapter', () => {
    const page = readFileSync(path.join(fixtures, 'readers-html/ao3-entire-work/input.html'), 'utf8')
    expect(summary(read(htmlReader, page, 'work.html').chapters).map((c) => [c.number, c.title])).toEqual([
      [1, 'The Door'],
      [2, ''],
      [3, 'The Crossing'],
    ])
    const plain = readFileSync(path.join(fixtures, 'readers-html/split-headings/input.html'), 'utf8')
    const { chapters, file } = read(htmlReader, plain, 'novel.html')
    expect(summary(chapters).map((c) => [c.number, c.title])).toEqual([
      [1, 'The Door'],
      [2, 'The River'],
      [3, 'Home'],
    ])
    expect(file.messages.map((m) => m.code)).toEqual(['html-book-title'])
  })

  it('does not split a chapter with sections', () => {
    const { result } = read(
      htmlReader,
      '<h1>Chapter 1</h1><h2>Morning</h2><p>A.</p><h2>Evening</h2><p>B.</p>',
      'c.html',
    )
    expect(result.children).toHaveLength(1)
  })
})

// ---------------------------------------------------------------------------- property

const WORDS = [
  'the',
  'road',
  'went',
  'she',
  'said',
  'rain',
  'river',
  'high',
  'dawn',
  'walked',
  'home',
  'they',
]
const sentence = fc
  .array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 12 })
  .map((w) => `${w.join(' ').replace(/^./, (c) => c.toUpperCase())}.`)
const titleWords = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 })
  .map((w) => w.map((x) => x[0]!.toUpperCase() + x.slice(1)).join(' '))
const manuscript = fc.array(
  fc.record({
    title: fc.option(titleWords, { nil: undefined }),
    paragraphs: fc.array(sentence, { minLength: 1, maxLength: 5 }),
  }),
  { minLength: 2, maxLength: 8 },
)

function paragraphsOf(chapter: Chapter): string[] {
  return chapter.children.filter((c) => c.type === 'paragraph').map((c) => toText(c.children))
}

describe('random chapter sequences come back in order, no text lost or doubled', () => {
  const forms: Array<[string, SyncReader, (heading: string) => string, fc.Arbitrary<string>]> = [
    ['markdown', markdownReader, (h) => `# ${h}`, fc.constant('\n\n')],
    ['text', textReader, (h) => h, fc.constantFrom('\n\n', '\n\n\n', '\r\n\r\n')],
  ]
  for (const [name, reader, head, gap] of forms) {
    it(name, () => {
      fc.assert(
        fc.property(manuscript, gap, (chapters, separator) => {
          const text = chapters
            .map((c, i) => {
              const heading = `Chapter ${i + 1}${c.title ? `: ${c.title}` : ''}`
              return [head(heading), ...c.paragraphs].join(separator)
            })
            .join(separator)
          const { chapters: read_, file } = read(reader, text, `novel.${name === 'text' ? 'txt' : 'md'}`)
          expect(read_.map((c) => [c.number, toText(c.title)])).toEqual(
            chapters.map((c, i) => [i + 1, c.title ?? '']),
          )
          expect(read_.map(paragraphsOf)).toEqual(chapters.map((c) => c.paragraphs))
          expect(file.messages.filter((m) => m.level !== 'info')).toEqual([])
        }),
        { numRuns: fcRuns(100) },
      )
    })
  }
})

// ---------------------------------------------------------------------------- the book

describe('a one-file manuscript through the book pipeline', () => {
  const markdown = [
    '# Prologue\n\nIt rained.',
    ...[1, 2, 3, 4].map((n) => `# Chapter\n\nText of chapter ${n}.`),
  ].join('\n\n')

  it('numbers the chapters across the book and gives each its own EPUB file', async () => {
    const { book } = await createBook({
      metadata: { title: 'T' },
      chapters: [
        { markdown: '# Foreword\n\nHi.', file: 'front.md', matter: 'front' },
        { markdown, file: 'novel.md' },
        { text: 'Chapter\n\nLast.', file: 'last.txt' },
      ],
    })
    const chapters = chaptersOf(book!.tree)
    expect(chapters.map((c) => [c.kind, c.number, c.file])).toEqual([
      ['foreword', undefined, 'front.md'],
      ['prologue', undefined, 'novel.md'],
      ['chapter', 1, 'novel.md'],
      ['chapter', 2, 'novel.md'],
      ['chapter', 3, 'novel.md'],
      ['chapter', 4, 'novel.md'],
      ['chapter', 5, 'last.txt'],
    ])
    const ids = chapters.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    // EPUB names files by reading order, never by source file: chapters of one file do not collide.
    const files = planBook(book!.tree).chapters.map((c) => c.file)
    expect(new Set(files).size).toBe(files.length)
  })

  it('reuses the split file from the watch-mode cache, numbered the same', async () => {
    const cache = createBookCache()
    const build = () =>
      createBook({ metadata: { title: 'T' }, chapters: [{ markdown, file: 'novel.md' }], cache })
    const first_ = chaptersOf((await build()).book!.tree)
    const again = chaptersOf((await build()).book!.tree)
    expect(again[1]).toBe(first_[1])
    expect(again.map((c) => [c.number, c.id])).toEqual(first_.map((c) => [c.number, c.id]))
    expect(again.map((c) => c.number)).toEqual([undefined, 1, 2, 3, 4])
  })
})

describe.skipIf(!hasCorpus)('a corpus novel concatenated into one file', () => {
  for (const [form, reader] of [
    ['md', markdownReader],
    ['txt', textReader],
  ] as const) {
    it(`alice and pride-and-prejudice from ${form}: every chapter back, nothing else`, () => {
      for (const slug of ['alices-adventures-in-wonderland', 'pride-and-prejudice']) {
        const dir = path.join(CORPUS, slug, form)
        const parts = readdirSync(dir)
          .sort()
          .map((n) => readFileSync(path.join(dir, n), 'utf8').trim())
        const single = parts.map((p) => read(reader, p, `x.${form}`).chapters[0]!)
        const { chapters, file } = read(reader, parts.join('\n\n'), `novel.${form}`)
        expect(chapters.length).toBe(parts.length)
        expect(chapters.map((c) => [c.number, toText(c.title)])).toEqual(
          single.map((c) => [c.number, toText(c.title)]),
        )
        expect(chapters.map(paragraphsOf)).toEqual(single.map(paragraphsOf))
        expect(file.messages.filter((m) => m.level !== 'info')).toEqual([])
      }
    })
  }
})
