/** Behaviour of the plain-text reader beyond the golden fixtures: inputs, edge cases, scale. */
import { describe, expect, it, vi } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { BlockContent, Chapter, Node, Part, PhrasingContent } from '../../src/model/types.js'
import { toText, visit } from '../../src/model/walk.js'
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
