/**
 * The text reader on real input: every chapter file of the three corpus books and the synthetic
 * 1000-chapter serial must come out with the numbers, titles, scene breaks and word counts their
 * metadata records, and without a single diagnostic.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter, Node } from '../../src/model/types.js'
import { toText, visit } from '../../src/model/walk.js'
import { textReader } from '../../src/readers/text/index.js'
import { SHARED } from '../shared.js'

const corpus = `${SHARED}/corpus`
const generator = `${SHARED}/tools/gen-serial.mjs`
/** The corpus word rule: runs of letters/digits/marks with internal ' or -. */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['-][\p{L}\p{N}\p{M}]+)*/gu

/** Words of the chapter's body, the heading excluded as the corpus counts them. */
function words(chapter: Chapter): number {
  let count = 0
  for (const child of chapter.children) {
    visit(child, (n: Node) => {
      if (n.type === 'text') count += n.value.match(WORD)?.length ?? 0
    })
  }
  return count
}

function readChapter(path: string, name: string): { chapter: Chapter; file: SourceFile } {
  const file = new SourceFile(name)
  const result = textReader.read(new Uint8Array(readFileSync(path)), file, { language: 'en' })
  expect(result.children).toHaveLength(1)
  const chapter = result.children[0]!
  expect(chapter.type).toBe('chapter')
  return { chapter: chapter as Chapter, file }
}

interface BookMeta {
  chapters: Array<{ n: number; file: string; title: string | null; words: number }>
}

const books = existsSync(corpus)
  ? readdirSync(corpus).filter((d) => existsSync(join(corpus, d, 'meta.yaml')))
  : []

describe.skipIf(books.length === 0)('corpus books', () => {
  for (const book of books) {
    it(`${book}: numbers, titles, words, no diagnostics`, () => {
      const meta = parseYaml(readFileSync(join(corpus, book, 'meta.yaml'), 'utf8')) as BookMeta
      expect(meta.chapters.length).toBeGreaterThan(10)
      const wrong: string[] = []
      for (const entry of meta.chapters) {
        const { chapter, file } = readChapter(join(corpus, book, 'txt', `${entry.file}.txt`), entry.file)
        const title = chapter.title ? toText(chapter.title) : null
        const got = {
          n: chapter.number,
          title,
          words: words(chapter),
          kind: chapter.kind,
          messages: file.messages,
        }
        const want = { n: entry.n, title: entry.title, words: entry.words, kind: 'chapter', messages: [] }
        if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${entry.file}: ${JSON.stringify(got)}`)
      }
      expect(wrong).toEqual([])
    })
  }

  it('keeps every `* * *` of the corpus as a scene break and verse lines as breaks', () => {
    let markers = 0
    let breaks = 0
    let joins = 0
    let lineBreaks = 0
    for (const book of books) {
      for (const name of readdirSync(join(corpus, book, 'txt'))) {
        const path = join(corpus, book, 'txt', name)
        const text = readFileSync(path, 'utf8')
        markers += text.match(/^\* \* \*$/gm)?.length ?? 0
        // Single newlines between two non-blank lines are verse or address lines.
        joins += text.match(/[^\n]\n(?=[^\n])/g)?.length ?? 0
        visit(readChapter(path, name).chapter, (n) => {
          if (n.type === 'sceneBreak') breaks++
          if (n.type === 'break') lineBreaks++
        })
      }
    }
    expect(markers).toBeGreaterThan(40)
    expect(breaks).toBe(markers)
    // Every join but the heading line's is a kept line break (the heading is followed by a blank line).
    expect(lineBreaks).toBe(joins)
  })
})

describe.skipIf(!existsSync(generator))('synthetic serial (1000 chapters, 2M words)', () => {
  let dir = ''
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'octavo-text-serial-'))
    execFileSync(process.execPath, [generator, '--out', dir, '--formats', 'txt', '--quiet'])
  })
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('reads every chapter with its number, title, breaks, notes and words', () => {
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as {
      chapters: Array<{ n: number; file: string; title: string | null; words: number; breaks: string[] }>
    }
    expect(meta.chapters).toHaveLength(1000)
    const wrong: string[] = []
    let notes = 0
    let emphasis = 0
    for (const entry of meta.chapters) {
      const path = join(dir, 'txt', `${entry.file}.txt`)
      const source = readFileSync(path, 'utf8')
      const { chapter, file } = readChapter(path, entry.file)
      const noteCount = chapter.children.filter((c) => c.type === 'note').length
      notes += noteCount
      visit(chapter, (n) => {
        if (n.type === 'emphasis') emphasis++
      })
      const got = {
        n: chapter.number,
        title: chapter.title ? toText(chapter.title) : null,
        breaks: chapter.children
          .filter((c) => c.type === 'sceneBreak')
          .map((c) => (c.marker === '(blank)' ? '<2 blank lines>' : c.marker)),
        // An author's note loses its "A/N:" label, two words by the corpus rule.
        words: words(chapter) + 2 * noteCount,
        note: noteCount,
        messages: file.messages,
      }
      const want = {
        n: entry.n,
        title: entry.title,
        breaks: entry.breaks,
        words: entry.words,
        note: /\n\nA\/N: /.test(source) ? 1 : 0,
        messages: [],
      }
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${entry.file}: ${JSON.stringify(got)}`)
    }
    expect(wrong.slice(0, 5)).toEqual([])
    expect(notes).toBeGreaterThan(50)
    expect(emphasis).toBeGreaterThan(1000)
  })
})
