/** Behaviour of the plain-text reader beyond the golden fixtures: inputs, edge cases, scale. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { loadBook } from '../../src/index.js'
import type { BlockContent, Chapter, Node, Paragraph, Part, PhrasingContent } from '../../src/model/types.js'
import { chaptersOf, toText, visit } from '../../src/model/walk.js'
import { decodeWindows1252 } from '../../src/readers/source.js'
import { textReader } from '../../src/readers/text/index.js'
import { sceneBreakMarker } from '../../src/readers/text/scene-break.js'

function read(
  input: Uint8Array | string,
  options: { language?: string; matter?: 'front' | 'body' | 'back' } = {},
) {
  const file = new SourceFile('chapter.txt')
  const result = textReader.read(input, file, { language: 'en', ...options })
  return { result, file, chapter: result.children[0] as Chapter }
}

/** The inline content of a paragraph (or nothing for other blocks). */
function inlineOf(block: BlockContent | undefined): PhrasingContent[] {
  return block?.type === 'paragraph' ? block.children : []
}

const codes = (file: SourceFile) => file.messages.map((m) => m.code)

describe('text reader', () => {
  it('is registered as `text` for .txt files', () => {
    expect(textReader.name).toBe('text')
    expect(textReader.extensions).toContain('.txt')
  })

  it('reads a string the same as its UTF-8 bytes', () => {
    const text = 'Chapter 2: Zoë\n\nShe said _hello_.\n\n* * *\n\nBye.\n'
    expect(read(text).result).toEqual(read(new TextEncoder().encode(text)).result)
  })

  it('drops a BOM from a string and sets file and matter', () => {
    const { chapter, file } = read('\ufeffChapter 1\n\nText.', { matter: 'front' })
    expect(chapter.number).toBe(1)
    expect(chapter.matter).toBe('front')
    expect(chapter.file).toBe('chapter.txt')
    expect(file.messages).toEqual([])
  })

  it('replaces lone surrogates in a string with U+FFFD and warns once', () => {
    const { chapter, file } = read('Chapter 1\n\nA\ud800B and C\udc00D.')
    expect(toText(inlineOf(chapter.children[0]))).toBe('A\ufffdB and C\ufffdD.')
    expect(codes(file)).toEqual(['text-lone-surrogate'])
    expect(file.messages[0]).toMatchObject({ line: 3, column: 2 })
  })

  it('does not scan text decoded from bytes for lone surrogates: a decoder leaves none', () => {
    // Unpaired surrogates written as UTF-16 bytes come out as U+FFFD, with no surrogate warning.
    const units = [...'Chapter 1\n\nA'].map((c) => c.charCodeAt(0))
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...units, 0xd800, 0x42].flatMap((u) => [u & 255, u >> 8])])
    const repaired = read(utf16)
    expect(toText(inlineOf(repaired.chapter.children[0]))).toBe('A\ufffdB')
    expect(codes(repaired.file)).not.toContain('text-lone-surrogate')
    // The whole text is never asked whether it is well-formed (a scan of every character).
    const text = `Chapter 1\n\n${'A “curly” line of text, two bytes a character. '.repeat(200)}`
    const own = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed
    if (!own) return
    const asked: number[] = []
    const spy = vi.spyOn(String.prototype as unknown as { isWellFormed: () => boolean }, 'isWellFormed')
    spy.mockImplementation(function (this: string) {
      asked.push(this.length)
      return own.call(this)
    })
    try {
      read(new TextEncoder().encode(text))
    } finally {
      spy.mockRestore()
    }
    expect(asked.filter((length) => length >= text.length - 1)).toEqual([])
    // The same tree as from the string, which is checked.
    expect(read(text).result).toEqual(read(new TextEncoder().encode(text)).result)
  })

  it('repairs malformed UTF-8 after a UTF-8 BOM instead of guessing another encoding', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xff, 0x42])
    const { chapter, file } = read(bytes)
    expect(toText(inlineOf(chapter.children[0]))).toBe('A\ufffdB')
    expect(codes(file)).toEqual(['text-encoding-invalid'])
  })

  it('detects UTF-16 BE without a BOM from its NUL bytes', () => {
    const text = 'Chapter 4\n\nShe said hello.\n'
    const bytes = new Uint8Array(text.length * 2)
    for (let i = 0; i < text.length; i++) bytes[i * 2 + 1] = text.charCodeAt(i)
    const { chapter, file } = read(bytes)
    expect(chapter.number).toBe(4)
    expect(toText(inlineOf(chapter.children[0]))).toBe('She said hello.')
    expect(codes(file)).toEqual(['text-encoding-guessed'])
  })

  it('keeps the UTF-8 of a mostly-UTF-8 file and reads only the stray bytes as Windows-1252', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('Chapter 1\n\nZoë said '),
      0x93,
      0x68,
      0x69,
      0x94,
    ])
    const { chapter, file } = read(bytes)
    expect(toText(inlineOf(chapter.children[0]))).toBe('Zoë said “hi”')
    expect(file.messages).toMatchObject([{ code: 'text-encoding-fallback', line: 3, column: 10 }])
    expect(file.messages[0]!.message).toContain('2 bytes')
  })

  it('maps every Windows-1252 byte 0x80–0x9F to its character', () => {
    const bytes = new Uint8Array(32).map((_, i) => 0x80 + i)
    const text = decodeWindows1252(bytes)
    expect(text.slice(0, 1)).toBe('€')
    expect(text[0x13]).toBe('“')
    expect(text[0x14]).toBe('”')
    expect(text[0x17]).toBe('—')
    expect(text[0x1f]).toBe('Ÿ')
    expect(text[0x01]).toBe('\x81')
  })

  it('removes Windows-1252 undefined bytes as control characters, with one warning', () => {
    const { file } = read(new Uint8Array([0x41, 0x81, 0x93, 0x42, 0x94]))
    expect(codes(file)).toEqual(['text-encoding-fallback', 'text-control-characters'])
  })

  it('reports a million control characters in one warning', () => {
    const { chapter, file } = read(`Chapter 1\n\nA${'\u0001'.repeat(1_000_000)}B`)
    expect(file.messages).toHaveLength(1)
    expect(file.messages[0]!.message).toContain('1000000')
    expect(toText(inlineOf(chapter.children[0]))).toBe('AB')
  })

  it('keeps zero-width joiners, non-joiners and bidi marks', () => {
    const { chapter, file } = read('Chapter 1\n\nمی\u200cخواهم \u200d\u200f\u202bx\u202c')
    expect(toText(inlineOf(chapter.children[0]))).toBe('می\u200cخواهم \u200d\u200f\u202bx\u202c')
    expect(file.messages).toEqual([])
  })

  it('returns the part containing the chapter for a part heading then a chapter heading', () => {
    const { result } = read('Part Two: The Road\n\nChapter 4: Leaving\n\nThey left.')
    const part = result.children[0] as Part
    expect(part).toMatchObject({ type: 'part', label: 'Part', number: 2 })
    expect(toText(part.title)).toBe('The Road')
    expect(part.children).toHaveLength(1)
    expect(part.children[0]).toMatchObject({ type: 'chapter', number: 4, label: 'Chapter' })
  })

  it('puts text under a part heading into an untitled chapter of that part', () => {
    const { result } = read('Part Two\n\nThey left at dawn.')
    const part = result.children[0] as Part
    expect(part.children).toHaveLength(1)
    expect(part.children[0]!.number).toBeUndefined()
    expect(part.children[0]!.title).toBeUndefined()
    expect(part.children[0]!.children).toHaveLength(1)
  })

  it('leaves a chapter untitled when the first line is a sentence, keeping the sentence', () => {
    const { chapter } = read('Part of me wanted to stay.\n\nThe rest did not.')
    expect(chapter.title).toBeUndefined()
    expect(chapter.number).toBeUndefined()
    expect(chapter.children).toHaveLength(2)
  })

  it.each([
    'Book 3 - that was where it all went wrong, she said.',
    'Part 2 - the bit I hate - came next.',
    'Interlude, the bard called it, was the finest song he knew.',
  ])('keeps the first sentence %j as the story, with no part or heading', (first) => {
    const { result, chapter } = read(`${first}\n\nThe second paragraph.`)
    expect(result.children.map((c) => c.type)).toEqual(['chapter'])
    expect(chapter).toMatchObject({ kind: 'chapter' })
    expect(chapter.title).toBeUndefined()
    expect(chapter.children.map((c) => toText(inlineOf(c)))).toEqual([first, 'The second paragraph.'])
  })

  it('makes a chapter that is all note a start note', () => {
    const { chapter } = read('A/N: Just a quick update, no chapter this week.\n\nAN: Sorry!')
    expect(chapter.children).toHaveLength(1)
    expect(chapter.children[0]).toMatchObject({ type: 'note', placement: 'start' })
    expect((chapter.children[0] as { children: unknown[] }).children).toHaveLength(2)
  })

  it('ends a start note at the first unlabelled paragraph', () => {
    const { chapter } = read('A/N: Short update.\n\nThe story starts here.')
    expect(chapter.children.map((c) => c.type)).toEqual(['note', 'paragraph'])
  })

  it('does not take "An" as an author\'s note label', () => {
    const { chapter } = read('Chapter 1\n\nAn hour later it rained.\n\nThe end.\n\nAn owl hooted.')
    expect(chapter.children.map((c) => c.type)).toEqual(['paragraph', 'paragraph', 'paragraph'])
  })

  it('collapses a run of mixed breaks into one, preferring the written marker', () => {
    const { chapter } = read('Chapter 1\n\nOne.\n\n\n\n~~~\n\n* * *\n\n\n\nTwo.')
    const breaks = chapter.children.filter((c) => c.type === 'sceneBreak')
    expect(breaks).toEqual([expect.objectContaining({ marker: '~~~' })])
  })

  it('takes the usual paragraph gap from the file: two blank lines in a double-spaced one', () => {
    const gaps = (...sizes: number[]) =>
      `Chapter 1\n\n${sizes.map((n, i) => `Para ${i}.${'\n'.repeat(n + 1)}`).join('')}End.`
    const breaks = (text: string) => read(text).chapter.children.filter((c) => c.type === 'sceneBreak').length
    expect(breaks(gaps(1, 1, 2, 1))).toBe(1)
    expect(breaks(gaps(2, 2, 1, 2, 2, 3, 2))).toBe(1)
    expect(breaks(gaps(3))).toBe(1)
    expect(breaks(gaps(1, 5, 1))).toBe(1)
  })

  it('gives every node it makes a position', () => {
    const text =
      'Chapter 3: The _End_\n\nA/N: hi\n\n* * *\n\nShe _ran_\nand **ran**.\n\n* * *\n\nDone.\n\nAN: bye\n'
    const { result } = read(text)
    let count = 0
    for (const child of result.children) {
      visit(child as Node, (node) => {
        count++
        expect(node.position, node.type).toBeDefined()
        const { start, end } = node.position!
        expect(start.line).toBeGreaterThanOrEqual(1)
        expect(start.column).toBeGreaterThanOrEqual(1)
        expect(end.offset! >= start.offset!).toBe(true)
        if (node.type === 'text')
          expect(text.slice(start.offset, end.offset).replace(/\n/g, ' ')).toBe(node.value)
      })
    }
    expect(count).toBeGreaterThan(12)
  })

  it('reads a 20 MB single paragraph in linear time', () => {
    const sentence = 'The quiet night went on without them for a while longer. '
    const big = `Chapter 1\n\n${sentence.repeat(Math.ceil(20_000_000 / sentence.length))}`
    const { chapter, file } = read(big)
    expect(chapter.children).toHaveLength(1)
    expect(file.messages).toEqual([])
  })

  it('reads a 20 MB paragraph full of emphasis markers without quadratic work', () => {
    const chunk = '_a *b __c d_ e* f g_ h '
    const big = `Chapter 1\n\n${chunk.repeat(Math.ceil(20_000_000 / chunk.length))}`
    // 20 MB of markers: quadratic matching could not finish within the suite's timeout.
    const { chapter } = read(big)
    expect(chapter.children).toHaveLength(1)
  })

  it('keeps deep emphasis nesting bounded', () => {
    const depth = 10_000
    const text = `Chapter 1\n\n${'_a '.repeat(depth)}x${' a_'.repeat(depth)}`
    const { chapter } = read(text)
    let deepest = 0
    const walk = (node: Node, d: number) => {
      deepest = Math.max(deepest, d)
      if ('children' in node) for (const c of node.children as Node[]) walk(c, d + 1)
    }
    walk(chapter, 0)
    expect(deepest).toBeLessThan(40)
    expect(() => JSON.stringify(chapter)).not.toThrow()
  })

  it('reads a file of one paragraph per line and one of first-line indents', () => {
    const long = 'word '.repeat(40).trim()
    const perLine = read(`Chapter 1\n${long} one.\n${long} two.\n${long} three.\n`).chapter
    expect(perLine.children).toHaveLength(3)
    const indented = read(
      'Chapter 1\n  First para\ncontinues here.\n  Second para\ncontinues.\n  Third.\n',
    ).chapter
    expect(indented.children.map((c) => toText(inlineOf(c)))).toEqual([
      'First para continues here.',
      'Second para continues.',
      'Third.',
    ])
  })
})

/** The blocks of a chapter as short strings: `note/start: …`, or a paragraph's text. */
function shape(chapter: Chapter): string[] {
  return chapter.children.map((block) =>
    block.type === 'note'
      ? `note/${block.placement}: ${block.children.map((c) => toText(inlineOf(c))).join(' / ')}`
      : block.type === 'paragraph'
        ? toText(block.children)
        : block.type,
  )
}

describe("an author's note above the chapter heading", () => {
  it.each([
    ['A/N: Sorry for the wait! Enjoy.', 'note/start: Sorry for the wait! Enjoy.'],
    ["Disclaimer: I don't own Harry Potter.", "note/start: Disclaimer: I don't own Harry Potter."],
    ['(A/N: short one today)', 'note/start: short one today'],
    ["Author's Note: Thanks for waiting.", 'note/start: Thanks for waiting.'],
  ])('finds the heading under %j and keeps the note as the start note', (note, expected) => {
    const { chapter, file } = read(`${note}\n\nChapter 4: The Storm\n\nRain fell on the roof.`)
    expect(chapter).toMatchObject({ kind: 'chapter', label: 'Chapter', number: 4 })
    expect(toText(chapter.title)).toBe('The Storm')
    expect(shape(chapter)).toEqual([expected, 'Rain fell on the roof.'])
    expect(chapter.position?.start).toMatchObject({ line: 1, column: 1 })
    expect(file.messages).toEqual([])
  })

  it('reads the same tree as when the note follows the heading', () => {
    const above = read('A/N: Enjoy.\n\nChapter 4: The Storm\n\nRain.').chapter
    const below = read('Chapter 4: The Storm\n\nA/N: Enjoy.\n\nRain.').chapter
    expect(shape(above)).toEqual(shape(below))
    expect(toText(above.title)).toBe(toText(below.title))
  })

  it('takes every paragraph above the heading into the note, and a break under it', () => {
    const { chapter } = read(
      '(A/N: Hi all!)\n\nThanks to my beta, Sam.\n\nDisclaimer: not mine.\n\n* * *\n\nPrologue\n\nIt began.',
    )
    expect(chapter.kind).toBe('prologue')
    expect(shape(chapter)).toEqual([
      'note/start: Hi all! / Thanks to my beta, Sam. / Disclaimer: not mine.',
      'It began.',
    ])
  })

  it('finds a heading on the line under a one-line note in a file of one paragraph a line', () => {
    const { chapter } = read('A/N: hi\nChapter 3: Rain\nRain fell.\nMore rain.')
    expect(chapter.number).toBe(3)
    expect(shape(chapter)).toEqual(['note/start: hi', 'Rain fell.', 'More rain.'])
  })

  it('puts the note into the first chapter of a part heading under it', () => {
    const { result } = read('A/N: New arc!\n\nPart Two: Winter\n\nChapter 5\n\nSnow.')
    const part = result.children[0] as Part
    expect(part).toMatchObject({ type: 'part', number: 2 })
    expect(shape(part.children[0]!)).toEqual(['note/start: New arc!', 'Snow.'])
  })

  it('leaves a note followed by prose as it was, and a heading-like line deep in the story', () => {
    expect(shape(read('A/N: Hi.\n\nHarry walked home.\n\nHe was sad.').chapter)).toEqual([
      'note/start: Hi.',
      'Harry walked home.',
      'He was sad.',
    ])
    const story = Array.from({ length: 10 }, (_, i) => `Line ${i} of the story.`).join('\n\n')
    const { chapter } = read(`A/N: Hi.\n\n${story}\n\nChapter 2\n\nMore.`)
    expect(chapter.number).toBeUndefined()
    // A bare number under an unlabelled paragraph is the story's, not a heading.
    expect(read('A/N: Hi.\n\nHe counted.\n\n3\n\nDone.').chapter.number).toBeUndefined()
    expect(read('A/N: Hi.\n\n12\n\nDone.').chapter.number).toBe(12)
  })

  it('makes the note above the first heading of a whole work its start note', () => {
    const { result } = read('A/N: hi\n\nThanks, Sam.\n\nChapter 1\n\nA.\n\nChapter 2\n\nB.')
    const chapters = result.children as Chapter[]
    expect(chapters.map((c) => c.number)).toEqual([1, 2])
    expect(shape(chapters[0]!)).toEqual(['note/start: hi / Thanks, Sam.', 'A.'])
    expect(result.metadata).toBeUndefined()
  })

  it('closes a bracketed note where its bracket closes', () => {
    expect(shape(read('(A/N: Hi!)\n\nThanks, Sam.\n\nChapter 1\n\nGo.').chapter)[0]).toBe(
      'note/start: Hi! / Thanks, Sam.',
    )
    expect(shape(read('Chapter 1\n\n(A/N: short (really))\n\nGo.').chapter)[0]).toBe(
      'note/start: short (really)',
    )
  })
})

describe('a chapter title on the line under its heading', () => {
  it.each([
    ['on the next line', 'Chapter One\nThe Beginning\n\nIt was cold.'],
    ['after a blank line', 'Chapter One\n\nThe Beginning\n\nIt was cold.'],
    ['both centred', '\n\n        Chapter One\n      The Beginning\n\n   It was cold.'],
    ['in ornaments', 'CHAPTER ONE\n\n~ The Beginning ~\n\nIt was cold.'],
    ['under a prologue', 'Prologue\n\nThe Beginning\n\nIt was cold.'],
  ])('is the title %s', (_how, text) => {
    const { chapter, file } = read(text)
    expect(toText(chapter.title)).toBe('The Beginning')
    expect(shape(chapter)).toEqual(['It was cold.'])
    expect(file.messages).toEqual([])
  })

  it('keeps a quoted title as written', () => {
    expect(toText(read('Chapter 4\n\n"The Letter"\n\nIt was hot.').chapter.title)).toBe('"The Letter"')
  })

  it.each([
    ['a sentence', 'Chapter 1\n\nIt was cold.\n\nVery.'],
    ['dialogue', 'Chapter 1\n\n"Harry"\n\nHe turned.'],
    ['a cut-off line', 'Chapter 1\n\nShe stopped. "Don\'t--"\n\nHe turned.'],
    ['a scene break', 'Chapter 1\n\n* * *\n\nHe turned.'],
    ['a line of a paragraph', 'Chapter 1\nThe sun rose\nover the hill.\n\nHe turned.'],
    ['a file of one paragraph a line', 'Chapter 1\nThe sun rose\nShe walked.\nHe ran.'],
    ['the only text', 'Chapter 1\n\nThe End'],
    ['a lower-case start', 'Chapter 1\n\nand so it went\n\nHe turned.'],
    ["an author's note", 'Chapter 1\n\nA/N: hi\n\nHe turned.'],
  ])('is not taken from %s', (_what, text) => {
    expect(read(text).chapter.title).toBeUndefined()
  })

  it('is not taken when the heading has a title of its own', () => {
    const { chapter } = read('Chapter 1: The Storm\n\nThe Calm\n\nIt rained.')
    expect(toText(chapter.title)).toBe('The Storm')
    expect(shape(chapter)).toEqual(['The Calm', 'It rained.'])
  })

  it('splits a whole work at headings over their titles', () => {
    const { result } = read('Chapter One\nThe Beginning\n\nA.\n\nChapter Two\n\nThe Middle\n\nB.')
    const chapters = result.children as Chapter[]
    expect(chapters.map((c) => [c.number, toText(c.title), shape(c)])).toEqual([
      [1, 'The Beginning', ['A.']],
      [2, 'The Middle', ['B.']],
    ])
  })
})

describe('bare numbers in a file of labelled chapters', () => {
  it('keeps numbers counted off in the story as text, not as chapters', () => {
    const { result, file } = read(
      'Chapter 1: Start\n\nGo.\n\nChapter 2: Middle\n\nHe counted the stones:\n\n1.\n\n2.\n\n3.\n\n"Enough," she said.\n\nChapter 3: End\n\nThey arrived.',
    )
    const chapters = result.children as Chapter[]
    expect(chapters.map((c) => [c.number, toText(c.title)])).toEqual([
      [1, 'Start'],
      [2, 'Middle'],
      [3, 'End'],
    ])
    expect(shape(chapters[1]!)).toEqual(['He counted the stones:', '1.', '2.', '3.', '"Enough," she said.'])
    expect(codes(file)).toEqual([])
  })

  it("reads a run counting up from 1 with text between as the chapter's numbered sections", () => {
    const { result } = read('Chapter 1\n\nA.\n\n1\n\nx\n\n2.\n\ny\n\nChapter 2\n\nI\n\nz\n\nII\n\nw')
    const chapters = result.children as Chapter[]
    expect(chapters).toHaveLength(2)
    expect(
      chapters.map((c) => c.children.map((b) => `${b.type}:${toText((b as Paragraph).children)}`)),
    ).toEqual([
      ['paragraph:A.', 'heading:1', 'paragraph:x', 'heading:2', 'paragraph:y'],
      ['heading:I', 'paragraph:z', 'heading:II', 'paragraph:w'],
    ])
    expect(chapters[0]!.children[1]).toMatchObject({
      type: 'heading',
      depth: 2,
      position: { start: { line: 5 } },
    })
  })

  it('does the same in a file of one labelled chapter', () => {
    const { result } = read('Chapter 5\n\n1\n\nHarry went.\n\n2\n\nDraco came.')
    expect(result.children).toHaveLength(1)
    expect((result.children[0] as Chapter).children.map((b) => b.type)).toEqual([
      'heading',
      'paragraph',
      'heading',
      'paragraph',
    ])
  })

  it('still splits a file of bare-numbered chapters under a prologue', () => {
    const { result } = read('Prologue\n\nP.\n\n1\n\nOne.\n\n2\n\nTwo.')
    expect((result.children as Chapter[]).map((c) => [c.kind, c.number])).toEqual([
      ['prologue', undefined],
      ['chapter', 1],
      ['chapter', 2],
    ])
  })
})

describe("a file that is only an author's note", () => {
  it('is a note of kind `other`, not a chapter to number, and says so', () => {
    const { chapter, file } = read(
      'A/N: Sorry guys, this is not an update. I am going on hiatus for a month.\n\nThanks for understanding!',
    )
    expect(chapter).toMatchObject({ kind: 'other', label: "Author's Note" })
    expect(chapter.number).toBeUndefined()
    expect(shape(chapter)).toEqual([
      'note/start: Sorry guys, this is not an update. I am going on hiatus for a month. / Thanks for understanding!',
    ])
    expect(codes(file)).toEqual(['text-note-only'])
  })

  it('labels a lone disclaimer as one', () => {
    expect(read('Disclaimer: nothing here is mine.').chapter).toMatchObject({
      kind: 'other',
      label: 'Disclaimer',
    })
  })

  it('keeps a short note over the story a chapter', () => {
    const { chapter, file } = read('A/N: Short update.\n\nThe story starts here.')
    expect(chapter.kind).toBe('chapter')
    expect(shape(chapter)).toEqual(['note/start: Short update.', 'The story starts here.'])
    expect(codes(file)).toEqual([])
  })

  it('is not numbered among the chapters of a book', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'octavo-note-only-'))
    writeFileSync(join(dir, '01.txt'), 'Chapter 1\n\nOne.')
    writeFileSync(join(dir, '02.txt'), 'A/N: On hiatus for a month, sorry!\n\nThanks for waiting.')
    writeFileSync(join(dir, '03.txt'), 'Chapter 2\n\nTwo.')
    const { book, diagnostics } = await loadBook(dir, { metadata: { title: 'T', authors: [{ name: 'A' }] } })
    expect(chaptersOf(book!.tree).map((c) => [c.kind, c.number])).toEqual([
      ['chapter', 1],
      ['other', undefined],
      ['chapter', 2],
    ])
    expect(diagnostics.map((d) => d.code)).not.toContain('book-duplicate-number')
  })
})

describe('heading variants', () => {
  it('reads "Part Two, Chapter Three" as the chapter in its part', () => {
    const { result } = read('Part Two, Chapter Three\n\nThey left.')
    const part = result.children[0] as Part
    expect(part).toMatchObject({ type: 'part', label: 'Part', number: 2 })
    expect(part.title).toBeUndefined()
    expect(part.children).toEqual([
      expect.objectContaining({ number: 3, numeral: 'Three', label: 'Chapter' }),
    ])
    expect(part.children[0]!.title).toBeUndefined()
  })

  it('keeps the chapters of one part together in a whole work', () => {
    const { result } = read('Book 1, Chapter 1\n\nA.\n\nBook 1, Chapter 2\n\nB.\n\nBook 2, Chapter 3\n\nC.')
    expect((result.children as Part[]).map((p) => [p.number, p.children.map((c) => c.number)])).toEqual([
      [1, [1, 2]],
      [2, [3]],
    ])
  })

  it('sets a title typed in capitals under a label in capitals in title case', () => {
    expect(toText(read('CHAPTER 5: THE END OF ALL THINGS\n\nx').chapter.title)).toBe('The End of All Things')
    expect(toText(read('CHAPTER 5: PART II\n\nx').chapter.title)).toBe('Part II')
    // Capitals the author chose in a heading of mixed case stay.
    expect(toText(read('Chapter 5: THE FALL\n\nx').chapter.title)).toBe('THE FALL')
    expect(toText(read('CHAPTER 5: The FBI Files\n\nx').chapter.title)).toBe('The FBI Files')
  })
})

describe('sceneBreakMarker', () => {
  it.each([
    '* * *',
    '***',
    '*',
    '~~~',
    '-----',
    '___',
    '#',
    '# # #',
    'o0o',
    'oOo',
    'OoO',
    'xXx',
    '-o-',
    '~x~',
    '=oOo=',
    '❧',
    '§',
    '+ + +',
    '=====',
    '<>',
    '       * * *',
    '———',
    '•••',
  ])('%j is a break', (line) => {
    expect(sceneBreakMarker(line)).toBe(line.trim())
  })
  it.each([
    '...',
    '"..."',
    '?!',
    '--',
    '-',
    '—',
    ':)',
    '(...)',
    'xoxo',
    'O',
    'ooo',
    'I',
    'Hello',
    '* bullet',
    '. . .',
  ])('%j is not a break', (line) => {
    expect(sceneBreakMarker(line)).toBeUndefined()
  })
})
