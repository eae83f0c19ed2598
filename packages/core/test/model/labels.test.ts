/**
 * The labels module (`model/labels.ts`) and the label transforms (`transforms/labels.ts`,
 * `transforms/footnotes.ts`, `transforms/numbering.ts`, `transforms/ids.ts`) on trees built by
 * hand: the rules every renderer then prints.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createBook } from '../../src/index.js'
import {
  chapterHead,
  chapterLabel,
  ENGLISH_LABEL_WORDS,
  englishNumberWords,
  formatNumber,
  labelsIn,
  normalizeNumeral,
  partHead,
  partLabel,
  toRoman,
} from '../../src/model/labels.js'
import type { BlockContent, Chapter, FootnoteDefinition, Heading, Part, Root } from '../../src/model/types.js'
import { chaptersOf } from '../../src/model/walk.js'
import { footnoteNumbers } from '../../src/transforms/footnotes.js'
import { ids } from '../../src/transforms/ids.js'
import { labels, labelTitles } from '../../src/transforms/labels.js'
import { numbering } from '../../src/transforms/numbering.js'

const text = (value: string) => [{ type: 'text' as const, value }]
const chapter = (fields: Partial<Chapter> = {}): Chapter => ({
  type: 'chapter',
  kind: 'chapter',
  matter: 'body',
  children: [{ type: 'paragraph', children: text('x') }],
  ...fields,
})
const root = (children: Array<Part | Chapter>): Root => ({
  type: 'root',
  metadata: {
    title: 'T',
    authors: [],
    language: 'en',
    identifier: { scheme: 'uuid', value: 'x' },
    subjects: [],
    contributors: [],
  },
  children,
})

describe('number words and numerals', () => {
  it('writes English number words and Roman numerals', () => {
    expect([0, 7, 13, 20, 23, 40, 99, 100, 112, 1001, 2345].map(englishNumberWords)).toEqual([
      'Zero',
      'Seven',
      'Thirteen',
      'Twenty',
      'Twenty-Three',
      'Forty',
      'Ninety-Nine',
      'One Hundred',
      'One Hundred and Twelve',
      'One Thousand and One',
      'Two Thousand Three Hundred and Forty-Five',
    ])
    expect(englishNumberWords(5.5)).toBeUndefined()
    expect([1, 4, 9, 14, 23, 1999, 3999].map(toRoman)).toEqual([
      'I',
      'IV',
      'IX',
      'XIV',
      'XXIII',
      'MCMXCIX',
      'MMMCMXCIX',
    ])
    expect(toRoman(0)).toBeUndefined()
    // A style that cannot write the number falls back to digits.
    expect(formatNumber(5.5, 'words')).toBe('5.5')
    expect(formatNumber(4000, 'roman')).toBe('4000')
  })

  it('sets numerals in capitals in title case, and keeps Roman numerals and digits', () => {
    expect(['TWENTY-THREE', 'twenty-three', 'XXIII', 'xxiii', '05'].map(normalizeNumeral)).toEqual([
      'Twenty-Three',
      'twenty-three',
      'XXIII',
      'xxiii',
      '05',
    ])
  })
})

describe('labels as written', () => {
  it('prints the numeral as written, the label as a book sets it', () => {
    const c = chapter({
      label: 'CHAPTER',
      number: 23,
      numeral: 'TWENTY-THREE',
      title: text('Truly All Alone'),
    })
    expect(chapterHead(c)).toBe('Chapter Twenty-Three')
    expect(chapterLabel(c)).toBe('Chapter Twenty-Three: Truly All Alone')
    expect(chapterHead(chapter({ label: 'Ch.', number: 5, numeral: '5' }))).toBe('Chapter 5')
    // Assigned numbers have no numeral: digits.
    expect(chapterHead(chapter({ number: 4 }))).toBe('Chapter 4')
  })

  it('numbers another kind where its source numbered it, and curls a label’s apostrophe', () => {
    const interlude = (n: number) =>
      chapter({ kind: 'interlude', label: 'Interlude', number: n, numeral: String(n), title: text('Dreams') })
    // Two interludes are told apart by their numbers.
    expect([1, 2].map((n) => chapterLabel(interlude(n)))).toEqual([
      'Interlude 1: Dreams',
      'Interlude 2: Dreams',
    ])
    expect(chapterHead(chapter({ kind: 'interlude', label: 'Interlude', number: 2, numeral: 'II' }))).toBe(
      'Interlude II',
    )
    // A number the book assigned to a prologue is not printed: no source said it.
    expect(chapterHead(chapter({ kind: 'prologue', label: 'Prologue', number: 1 }))).toBe('Prologue')
    expect(chapterHead(chapter({ kind: 'other', label: "Author's Note" }))).toBe('Author’s Note')
    expect(chapterHead(chapter({ kind: 'other', label: "AUTHORS' NOTES" }))).toBe('Authors’ Notes')
    // Typography's word joiner before a dash is no part of a title in contents or navigation.
    expect(chapterLabel(chapter({ number: 2, title: text('Dusk\u2060—and After') }))).toBe(
      'Chapter 2: Dusk—and After',
    )
  })

  it('takes the generated words from the caller', () => {
    const french = labelsIn({
      ...ENGLISH_LABEL_WORDS,
      kinds: { ...ENGLISH_LABEL_WORDS.kinds, chapter: 'Chapitre', prologue: 'Prologue' },
      part: 'Partie',
      numberWords: (n) => (n === 2 ? 'deux' : undefined),
    })
    expect(french.chapterHead(chapter({ number: 3 }))).toBe('Chapitre 3')
    expect(french.partHead({ type: 'part', number: 2, children: [] })).toBe('Partie deux')
    expect([chapter({ number: 1 })].map(french.chapterLabel)).toEqual(['Chapitre 1'])
  })

  it('never labels a part twice', () => {
    const part: Part = { type: 'part', title: text('Part One: Blossom'), children: [chapter()] }
    const tree = root([part])
    labelTitles()(tree, new SourceFile(''))
    expect(part).toMatchObject({ label: 'Part', number: 1, numeral: 'One', title: text('Blossom') })
    expect(partHead(part)).toBe('Part One')
    expect(partLabel(part)).toBe('Part One: Blossom')
    // book.yaml's own number wins: a title that disagrees with it is left as the title.
    const stated: Part = { type: 'part', number: 3, title: text('Part One: Blossom'), children: [] }
    labelTitles()(root([stated]), new SourceFile(''))
    expect(partLabel(stated)).toBe('Part Three: Part One: Blossom')
    // A title that is not a label stays whole.
    const plain: Part = { type: 'part', title: text('Part of Me'), children: [] }
    labelTitles()(root([plain]), new SourceFile(''))
    expect(partLabel(plain)).toBe('Part of Me')
  })

  it('splits a caller’s chapter title that carries its label', async () => {
    const { book } = await createBook({
      metadata: { title: 'T' },
      chapters: [
        { title: 'Chapter 1: Dawn', text: 'Text.' },
        { title: 'Prologue', text: 'Text.', matter: 'front' },
        { title: 'Dusk', text: 'Text.' },
      ],
    })
    expect(chaptersOf(book!.tree).map(chapterLabel)).toEqual([
      'Chapter 1: Dawn',
      'Prologue',
      'Chapter 2: Dusk',
    ])
  })

  it('rewrites numerals with a style, after numbering', async () => {
    const a = chapter({ label: 'Chapter', number: 23, numeral: 'Twenty-Three' })
    const b = chapter()
    const tree = root([a, b])
    await numbering()(tree, new SourceFile(''))
    await labels({ style: 'roman' })(tree, new SourceFile(''))
    expect([a, b].map(chapterHead)).toEqual(['Chapter XXIII', 'Chapter XXIV'])
  })
})

describe('numbering', () => {
  it('never warns about the first number, and drops numbers no label can print', async () => {
    const file = new SourceFile('')
    const tree = root([chapter({ number: 1e308 }), chapter({ number: 7 }), chapter({ number: -1 })])
    await numbering()(tree, file)
    expect(chaptersOf(tree).map((c) => c.number)).toEqual([6, 7, 8])
    expect(file.messages.map((m) => m.code)).toEqual(['book-number-invalid', 'book-number-invalid'])
  })

  it('lets a half chapter sit between two whole ones', async () => {
    const file = new SourceFile('')
    const tree = root([chapter({ number: 5 }), chapter({ number: 5.5 }), chapter({ number: 6 })])
    await numbering()(tree, file)
    expect(file.messages).toEqual([])
  })
})

describe('footnote numbers', () => {
  const ref = (identifier: string) => ({ type: 'footnoteReference' as const, identifier })
  const def = (identifier: string, ...children: BlockContent[]): FootnoteDefinition => ({
    type: 'footnoteDefinition',
    identifier,
    label: identifier,
    children,
  })
  const para = (...children: Array<ReturnType<typeof ref> | string>): BlockContent => ({
    type: 'paragraph',
    children: children.map((c) => (typeof c === 'string' ? { type: 'text' as const, value: c } : c)),
  })

  it('numbers by first reference, a nested note right after its parent, per chapter or per book', async () => {
    const one = chapter({
      children: [
        para('a', ref('zeta'), 'b', ref('alpha'), 'c', ref('zeta')),
        def('alpha', para('in alpha')),
        def('zeta', para('in zeta', ref('inner'))),
        def('inner', para('inner')),
        def('unused', para('never')),
      ],
    })
    const two = chapter({ children: [para(ref('n')), def('n', para('n'))] })
    const tree = root([one, two])
    await footnoteNumbers()(tree, new SourceFile(''))
    const numbers = (c: Chapter) =>
      Object.fromEntries(
        c.children.filter((b) => b.type === 'footnoteDefinition').map((d) => [d.identifier, d.number]),
      )
    expect(numbers(one)).toEqual({ zeta: 1, inner: 2, alpha: 3, unused: undefined })
    expect(numbers(two)).toEqual({ n: 1 })
    await footnoteNumbers({ numbering: 'per-book' })(tree, new SourceFile(''))
    expect(numbers(two)).toEqual({ n: 4 })
  })

  it('looks for definitions among the blocks only: a chapter without notes has its inline content left unread', async () => {
    // Each paragraph counts the reads of its inline content.
    let reads = 0
    const counted = (value: string): BlockContent => {
      const children = [{ type: 'text' as const, value }]
      const node = { type: 'paragraph' } as BlockContent
      Object.defineProperty(node, 'children', {
        enumerable: true,
        get: () => {
          reads++
          return children
        },
      })
      return node
    }
    const plain = chapter({
      children: [counted('a'), { type: 'blockquote', children: [counted('b'), counted('c')] }],
    })
    await footnoteNumbers()(root([plain]), new SourceFile(''))
    expect(reads).toBe(0)
    // With a note, the references are looked for in reading order: every paragraph is read.
    const noted = chapter({
      children: [counted('a'), para(ref('n')), def('n', para('n')), counted('b')],
    })
    await footnoteNumbers()(root([noted]), new SourceFile(''))
    expect(reads).toBeGreaterThanOrEqual(2)
    expect((noted.children[2] as FootnoteDefinition).number).toBe(1)
  })
})

describe('headings for the navigation', () => {
  it('marks top-level headings down to toc-depth, with ids from the chapter', async () => {
    const h = (depth: Heading['depth'], value: string): Heading => ({
      type: 'heading',
      depth,
      children: text(value),
    })
    const c = chapter({
      children: [h(2, 'A'), h(3, 'B'), h(2, 'C'), { type: 'blockquote', children: [h(2, 'Q')] }],
    })
    const tree = root([c])
    await ids()(tree, new SourceFile(''))
    const heads = c.children.filter((b): b is Heading => b.type === 'heading')
    expect(heads.map((x) => [x.toc, x.id])).toEqual([
      [true, 'ch-001-s1'],
      [undefined, undefined],
      [true, 'ch-001-s2'],
    ])
    await ids({ tocDepth: 3 })(tree, new SourceFile(''))
    expect(heads.map((x) => x.id)).toEqual(['ch-001-s1', 'ch-001-s2', 'ch-001-s3'])
    await ids({ tocDepth: 1 })(tree, new SourceFile(''))
    expect(heads.map((x) => x.toc)).toEqual([undefined, undefined, undefined])
  })
})
