/** Table-driven tests for the shared chapter-heading parser, positives and negatives. */
import { describe, expect, it } from 'vitest'
import { type ParsedHeading, parseHeading, romanValue } from '../../src/readers/heading.js'

type Row = [line: string, expected: ParsedHeading | undefined, language?: string]

const rows: Row[] = [
  // Chapters in digits, words, Roman numerals
  ['Chapter 23', { kind: 'chapter', label: 'Chapter', number: 23 }],
  ['chapter 1', { kind: 'chapter', label: 'chapter', number: 1 }],
  ['Chapter 007', { kind: 'chapter', label: 'Chapter', number: 7 }],
  [
    'Chapter 5.5: Interval',
    { kind: 'chapter', label: 'Chapter', number: 5.5, title: 'Interval', titleColumn: 14 },
  ],
  [
    'Chapter Twenty-Three: Truly All Alone',
    { kind: 'chapter', label: 'Chapter', number: 23, title: 'Truly All Alone', titleColumn: 23 },
  ],
  ['CHAPTER TWENTY THREE', { kind: 'chapter', label: 'CHAPTER', number: 23 }],
  ['Chapter Ninety-Nine', { kind: 'chapter', label: 'Chapter', number: 99 }],
  ['Chapter One Hundred and Twelve', { kind: 'chapter', label: 'Chapter', number: 112 }],
  ['Chapter One Thousand and One', { kind: 'chapter', label: 'Chapter', number: 1001 }],
  ['Chapter the Twenty-Third', { kind: 'chapter', label: 'Chapter', number: 23 }],
  ['Chapter Eleven', { kind: 'chapter', label: 'Chapter', number: 11 }],
  ['CHAPTER XXIII.', { kind: 'chapter', label: 'CHAPTER', number: 23 }],
  ['Chapter iv', { kind: 'chapter', label: 'Chapter', number: 4 }],
  ['Chapter MCMXCIX', { kind: 'chapter', label: 'Chapter', number: 1999 }],
  ['Chapter I', { kind: 'chapter', label: 'Chapter', number: 1 }],
  ['Ch. 5 - Title', { kind: 'chapter', label: 'Ch.', number: 5, title: 'Title', titleColumn: 9 }],
  ['Ch 5: Title', { kind: 'chapter', label: 'Ch', number: 5, title: 'Title', titleColumn: 7 }],
  ['Chap. 12', { kind: 'chapter', label: 'Chap.', number: 12 }],
  ['Chapter 5 – Title', { kind: 'chapter', label: 'Chapter', number: 5, title: 'Title', titleColumn: 13 }],
  ['Chapter 5 — Title', { kind: 'chapter', label: 'Chapter', number: 5, title: 'Title', titleColumn: 13 }],
  ['Chapter 5 -- Title', { kind: 'chapter', label: 'Chapter', number: 5, title: 'Title', titleColumn: 14 }],
  ['Chapter 5. Title', { kind: 'chapter', label: 'Chapter', number: 5, title: 'Title', titleColumn: 12 }],
  [
    'Chapter 5 The Reckoning',
    { kind: 'chapter', label: 'Chapter', number: 5, title: 'The Reckoning', titleColumn: 11 },
  ],
  // Ornaments around the heading, as fan-fiction writers set it apart: read inside them.
  ['~*~ Chapter 3 ~*~', { kind: 'chapter', label: 'Chapter', number: 3 }],
  [
    '=== Chapter 3: The Storm ===',
    { kind: 'chapter', label: 'Chapter', number: 3, title: 'The Storm', titleColumn: 16 },
  ],
  ['** Chapter 3 **', { kind: 'chapter', label: 'Chapter', number: 3 }],
  ['*Prologue*', { kind: 'prologue', label: 'Prologue' }],
  ['-- Part Two --', { kind: 'part', label: 'Part', number: 2 }],
  [
    '[Chapter 3] The Storm',
    { kind: 'chapter', label: 'Chapter', number: 3, title: 'The Storm', titleColumn: 13 },
  ],
  // Ornaments around no heading: a scene break, an ending, a bracketed note.
  ['~*~*~*~', undefined],
  ['*** The End ***', undefined],
  ['* * *', undefined],
  ['[A/N: thanks for reading]', undefined],
  ['~ she said ~', undefined],
  // Brackets around the whole title only frame it: "Chapter 5: Part 2", not "Chapter 5: (Part 2)".
  ['Chapter 5 (Part 2)', { kind: 'chapter', label: 'Chapter', number: 5, title: 'Part 2', titleColumn: 12 }],
  // More ways writers set the title off
  [
    'Chapter 5 ~The Fall~',
    { kind: 'chapter', label: 'Chapter', number: 5, title: 'The Fall', titleColumn: 12 },
  ],
  [
    'Chapter 5: ~ The Fall ~',
    { kind: 'chapter', label: 'Chapter', number: 5, title: 'The Fall', titleColumn: 14 },
  ],
  [
    'Chapter 5 -The Fall-',
    { kind: 'chapter', label: 'Chapter', number: 5, title: 'The Fall', titleColumn: 12 },
  ],
  [
    'Chapter 5) The Fall',
    { kind: 'chapter', label: 'Chapter', number: 5, title: 'The Fall', titleColumn: 12 },
  ],
  [
    'Chapter 5 of 20: The Fall',
    { kind: 'chapter', label: 'Chapter', number: 5, title: 'The Fall', titleColumn: 18 },
  ],
  ['Chapter 5 of 20', { kind: 'chapter', label: 'Chapter', number: 5 }],
  ['Chapter 5 of them all was best.', undefined],
  [
    'Chapter 1: (see notes) and more',
    { kind: 'chapter', label: 'Chapter', number: 1, title: '(see notes) and more', titleColumn: 12 },
  ],
  // A part and its chapter on one line: the chapter, its part beside it
  [
    'Part Two, Chapter Three',
    {
      kind: 'chapter',
      label: 'Chapter',
      number: 3,
      part: { kind: 'part', label: 'Part', number: 2, numeral: 'Two' },
    },
  ],
  [
    'Book 1, Chapter 3: The Road',
    {
      kind: 'chapter',
      label: 'Chapter',
      number: 3,
      title: 'The Road',
      titleColumn: 20,
      part: { kind: 'part', label: 'Book', number: 1, numeral: '1' },
    },
  ],
  [
    'Part Two: Chapter and Verse',
    { kind: 'part', label: 'Part', number: 2, title: 'Chapter and Verse', titleColumn: 11 },
  ],
  [
    '  Chapter 3:  Spaced  ',
    { kind: 'chapter', label: 'Chapter', number: 3, title: 'Spaced', titleColumn: 15 },
  ],
  [
    'Chapter 1: Book I, Part I (1805), Chapter I',
    {
      kind: 'chapter',
      label: 'Chapter',
      number: 1,
      title: 'Book I, Part I (1805), Chapter I',
      titleColumn: 12,
    },
  ],
  ['Chapter 5:', { kind: 'chapter', label: 'Chapter', number: 5 }],
  // Unnumbered kinds
  ['Prologue', { kind: 'prologue', label: 'Prologue' }],
  ['PROLOGUE', { kind: 'prologue', label: 'PROLOGUE' }],
  ['Prologue: The Fall', { kind: 'prologue', label: 'Prologue', title: 'The Fall', titleColumn: 11 }],
  ['Epilogue', { kind: 'epilogue', label: 'Epilogue' }],
  [
    'Epilogue - Ten Years Later',
    { kind: 'epilogue', label: 'Epilogue', title: 'Ten Years Later', titleColumn: 12 },
  ],
  ['Interlude: Letters', { kind: 'interlude', label: 'Interlude', title: 'Letters', titleColumn: 12 }],
  ['Interlude II', { kind: 'interlude', label: 'Interlude', number: 2 }],
  ['Foreword', { kind: 'foreword', label: 'Foreword' }],
  ['Preface', { kind: 'preface', label: 'Preface' }],
  ['Introduction', { kind: 'introduction', label: 'Introduction' }],
  ['Afterword', { kind: 'afterword', label: 'Afterword' }],
  ['Acknowledgements', { kind: 'acknowledgments', label: 'Acknowledgements' }],
  ['Dedication', { kind: 'dedication', label: 'Dedication' }],
  ['Appendix A: Maps', { kind: 'appendix', label: 'Appendix A', title: 'Maps', titleColumn: 13 }],
  ["Author's Note", { kind: 'other', label: "Author's Note" }],
  ['Author’s Note', { kind: 'other', label: 'Author’s Note' }],
  ['Authors Note', { kind: 'other', label: 'Authors Note' }],
  // Parts
  ['Part One', { kind: 'part', label: 'Part', number: 1 }],
  ['Part II: The Road', { kind: 'part', label: 'Part', number: 2, title: 'The Road', titleColumn: 10 }],
  ['Book Three', { kind: 'part', label: 'Book', number: 3 }],
  ['BOOK 2', { kind: 'part', label: 'BOOK', number: 2 }],
  ['Volume IV', { kind: 'part', label: 'Volume', number: 4 }],
  // Bare numbers
  ['23', { kind: 'chapter', number: 23 }],
  ['XXIII.', { kind: 'chapter', number: 23 }],
  ['12. The Title', { kind: 'chapter', number: 12, title: 'The Title', titleColumn: 5 }],
  // One digit reads as two do; one capital other than I, V or X is a letter, not a number
  ['7', { kind: 'chapter', number: 7 }],
  ['3.', { kind: 'chapter', number: 3 }],
  ['3. The Storm', { kind: 'chapter', number: 3, title: 'The Storm', titleColumn: 4 }],
  ['V', { kind: 'chapter', number: 5 }],
  ['C', undefined],
  ['M. Dupont', undefined],
  ['3 men went home.', undefined],
  ['0', undefined],
  // Other languages
  ['Kapitel 5', { kind: 'chapter', label: 'Kapitel', number: 5 }, 'de'],
  [
    'Kapitel 12: Hemma',
    { kind: 'chapter', label: 'Kapitel', number: 12, title: 'Hemma', titleColumn: 13 },
    'sv',
  ],
  ['Chapitre 3', { kind: 'chapter', label: 'Chapitre', number: 3 }, 'fr'],
  ['Chapitre IV', { kind: 'chapter', label: 'Chapitre', number: 4 }, 'fr'],
  ['Capítulo 7', { kind: 'chapter', label: 'Capítulo', number: 7 }, 'es'],
  ['Capitolo 8', { kind: 'chapter', label: 'Capitolo', number: 8 }, 'it'],
  ['Глава 9', { kind: 'chapter', label: 'Глава', number: 9 }, 'ru'],
  ['ГЛАВА 10', { kind: 'chapter', label: 'ГЛАВА', number: 10 }, 'ru'],
  // Spelled-out ordinals, as Russian books number chapters.
  ['Глава первая', { kind: 'chapter', label: 'Глава', number: 1 }, 'ru'],
  [
    'Глава двадцать первая: Ночь',
    { kind: 'chapter', label: 'Глава', number: 21, title: 'Ночь', titleColumn: 24 },
    'ru',
  ],
  ['Rozdział 11', { kind: 'chapter', label: 'Rozdział', number: 11 }, 'pl'],
  ['Teil 2', { kind: 'part', label: 'Teil', number: 2 }, 'de'],
  ['Del 2', { kind: 'part', label: 'Del', number: 2 }, 'sv'],
  ['Prolog', { kind: 'prologue', label: 'Prolog' }, 'de'],
  // Negatives: sentences that start like headings
  ['I went home.', undefined],
  ['Chapter and verse were quoted.', undefined],
  ['Part of me wanted to stay', undefined],
  ['Part-time work was all she could find.', undefined],
  ['Part I went home', undefined],
  ['Chapter 5 was the best one.', undefined],
  ['Chapters 5 and 6 were lost.', undefined],
  ['Booking the room took an hour.', undefined],
  ['Prologue to the tale was long.', undefined],
  ['Change of plans.', undefined],
  ['Chapter', undefined],
  ['Chapter IIII', undefined],
  ['Chapter Iv', undefined],
  ['Chapter One and Only', undefined],
  ["Author's Note: Thanks so much for all the reviews! See you next week.", undefined],
  ['1984 was a good year.', undefined],
  ['1984', undefined],
  ['10:30 that morning, she left.', undefined],
  ['It was the best of times.', undefined],
  ['', undefined],
  ['   ', undefined],
  ['Del Rio went home.', undefined, 'sv'],
  ['Del 2', undefined, 'en'],
  ['Teil 2', undefined, 'en'],
  ['Chapter constructor', undefined],
  ['Chapter toString', undefined],
  ['Book of Shadows', undefined],
  ['Volume was turned up.', undefined],
  // Negatives: a first sentence that goes on from the label
  ['Interlude, the bard called it, was the finest song he knew.', undefined],
  ['Epilogue-style endings annoy me, Harry thought.', undefined],
  ['Prologue: that was what Hermione called the first week.', undefined],
  ['Chapter 5 - she had read it twice already - was her favourite.', undefined],
  ['Dedication, Harry decided, was overrated.', undefined],
  ['Book 3 - that was where it all went wrong, she said.', undefined],
  ['Part 2 - the bit I hate - came next.', undefined],
  ['Part 2-the bit I hate.', undefined],
  ['Chapter 4. she went home after that.', undefined],
  ['Prologue-like, the first scene dragged.', undefined],
  // …and real headings that look a little like it
  [
    'Chapter 5 - The Fall',
    { kind: 'chapter', label: 'Chapter', number: 5, title: 'The Fall', titleColumn: 13 },
  ],
  [
    'Chapter One: in which Pooh goes visiting',
    { kind: 'chapter', label: 'Chapter', number: 1, title: 'in which Pooh goes visiting', titleColumn: 14 },
  ],
  [
    'Prologue: The End of the World.',
    { kind: 'prologue', label: 'Prologue', title: 'The End of the World.', titleColumn: 11 },
  ],
  ['Part Two: Winter', { kind: 'part', label: 'Part', number: 2, title: 'Winter', titleColumn: 11 }],
  [
    "Chapter 12 - Harry's Choice",
    { kind: 'chapter', label: 'Chapter', number: 12, title: "Harry's Choice", titleColumn: 14 },
  ],
  [
    'Chapter 3 — a beginning',
    { kind: 'chapter', label: 'Chapter', number: 3, title: 'a beginning', titleColumn: 13 },
  ],
  [
    "Chapter 9: Harry's Choice -- Part 2",
    { kind: 'chapter', label: 'Chapter', number: 9, title: "Harry's Choice -- Part 2", titleColumn: 12 },
  ],
  [
    'Chapter 5-The Fall',
    { kind: 'chapter', label: 'Chapter', number: 5, title: 'The Fall', titleColumn: 11 },
  ],
  [
    'Chapter 5: The Fall...',
    { kind: 'chapter', label: 'Chapter', number: 5, title: 'The Fall...', titleColumn: 12 },
  ],
  [
    'Chapter 1: The Boy Who Lived.',
    { kind: 'chapter', label: 'Chapter', number: 1, title: 'The Boy Who Lived.', titleColumn: 12 },
  ],
]

describe('parseHeading', () => {
  it('covers at least 40 lines with negatives', () => {
    expect(rows.length).toBeGreaterThan(40)
    expect(rows.filter((r) => r[1] === undefined).length).toBeGreaterThan(15)
  })
  it.each(rows)('%j', (line, expected, language) => {
    // The numeral as written has its own table below.
    const { numeral: _, ...parsed } = parseHeading(line, language ?? 'en') ?? { numeral: undefined }
    expect(parseHeading(line, language ?? 'en') === undefined ? undefined : parsed).toEqual(expected)
  })
  it.each([
    ['Chapter Twenty-Three: Truly All Alone', 'Twenty-Three'],
    ['CHAPTER XXIII.', 'XXIII'],
    ['Ch. 5 - Title', '5'],
    ['Chapter #7', '7'],
    ['Chapter 05', '05'],
    ['Chapter 5.5: Between', '5.5'],
    ['Part One: Blossom', 'One'],
    ['Book the Third', 'the Third'],
    ['XII. The Return', 'XII'],
    ['12', '12'],
    ['Prologue', undefined],
    // Number words in lower case are capitalised as the label is ("chapter one" → "Chapter One").
    ['chapter one', 'One'],
    ['chapter twenty-three', 'Twenty-Three'],
    ['chapter one hundred and one', 'One Hundred and One'],
    ['chapter iv', 'iv'],
  ])('keeps the numeral of %j as written', (line, numeral) => {
    expect(parseHeading(line)?.numeral).toBe(numeral)
  })
  it('gives a titleColumn that points at the title', () => {
    for (const [line, expected] of rows) {
      if (expected?.title === undefined) continue
      expect(line.slice(expected.titleColumn! - 1, expected.titleColumn! - 1 + expected.title.length)).toBe(
        expected.title,
      )
    }
  })
  it('never throws and stays quick on long or odd lines', () => {
    expect(parseHeading('Chapter '.repeat(10_000))).toBeUndefined()
    expect(parseHeading(`Chapter 1: ${'x'.repeat(400)}`)?.number).toBe(1)
    expect(parseHeading('\u0000Chapter 1')).toBeUndefined()
  })
})

describe('romanValue', () => {
  it.each([
    ['I', 1],
    ['IV', 4],
    ['XLII', 42],
    ['xcix', 99],
    ['MMXXIV', 2024],
  ])('%s = %d', (word, value) => {
    expect(romanValue(word)).toBe(value)
  })
  it.each(['IIII', 'VX', 'IC', 'Xi', 'ABC', ''])('rejects %j', (word) => {
    expect(romanValue(word)).toBeUndefined()
  })
})
