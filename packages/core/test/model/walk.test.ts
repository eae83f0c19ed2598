/**
 * The labels and the reading order every renderer shares (`model/walk.ts`), and that the EPUB
 * and the PDF follow the same order: front matter first, back matter last, wherever the
 * chapters stand in the tree.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import nodePath from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import { chapterHead, chapterLabel, normalizeLabel, partHead, partLabel } from '../../src/model/labels.js'
import type { Chapter, Part, Root } from '../../src/model/types.js'
import { readingOrder } from '../../src/model/walk.js'
import { epubRenderer } from '../../src/renderers/epub/index.js'
import { pdfRenderer } from '../../src/renderers/pdf/index.js'
import { need } from '../tools.js'

const text = (value: string) => [{ type: 'text' as const, value }]

function chapter(fields: Partial<Chapter> & { words?: string }): Chapter {
  const { words, ...rest } = fields
  return {
    type: 'chapter',
    kind: 'chapter',
    matter: 'body',
    children: [{ type: 'paragraph', children: text(words ?? 'Some words.') }],
    ...rest,
  }
}

describe('labels', () => {
  it('normalises the label as the author wrote it', () => {
    expect(
      ['CHAPTER', 'Ch.', 'chap', 'Chapter', 'CHAPITRE', 'Kapitel', 'PT.', 'Book'].map(normalizeLabel),
    ).toEqual(['Chapter', 'Chapter', 'Chapter', 'Chapter', 'Chapitre', 'Kapitel', 'Part', 'Book'])
  })

  it('heads a chapter with its normalised label and number, once', () => {
    expect(chapterHead(chapter({ label: 'CH.', number: 5 }))).toBe('Chapter 5')
    // A chapter numbered by the numbering transform, with no heading word.
    expect(chapterHead(chapter({ number: 1 }))).toBe('Chapter 1')
    // Unnumbered: the title alone.
    expect(chapterHead(chapter({ title: text('Maps') }))).toBe('')
    expect(chapterHead(chapter({ kind: 'prologue', label: 'Prologue', number: 3 }))).toBe('Prologue')
    expect(chapterHead(chapter({ kind: 'appendix', number: 2 }))).toBe('Appendix 2')
    // A foreword titled "Foreword" says it once.
    expect(chapterLabel(chapter({ kind: 'foreword', matter: 'front', title: text('Foreword') }))).toBe(
      'Foreword',
    )
    expect(chapterLabel(chapter({ label: 'Chapter', number: 23, title: text('Truly  All\nAlone') }))).toBe(
      'Chapter 23: Truly All Alone',
    )
    expect(chapterLabel(chapter({}))).toBe('Chapter')
    expect(chapterLabel(chapter({ kind: 'other' }))).toBe('Untitled')
  })

  it('spells out English part numbers and keeps others as numbers', () => {
    const part = (fields: Partial<Part>): Part => ({ type: 'part', children: [], ...fields })
    expect(partHead(part({ number: 2 }))).toBe('Part Two')
    expect(partHead(part({ label: 'BOOK', number: 3 }))).toBe('Book Three')
    expect(partHead(part({ label: 'Teil', number: 2 }))).toBe('Teil 2')
    expect(partHead(part({ number: 42 }))).toBe('Part 42')
    // A part with a title and neither label nor number is its title alone, never "Part: The Road".
    expect(partLabel(part({ title: text('The Road') }))).toBe('The Road')
    expect(partHead(part({ title: text('The Road') }))).toBe('')
    expect(partLabel(part({}))).toBe('Part')
    expect(partLabel(part({ number: 1, title: text('The Road') }))).toBe('Part One: The Road')
  })
})

/** A tree whose front and back matter stand in the wrong places, one of each inside a part. */
function scrambled(): Root {
  return {
    type: 'root',
    metadata: {
      title: 'Order',
      authors: [{ name: 'A. Writer' }],
      language: 'en',
      identifier: { scheme: 'uuid', value: '0b9d6a1e-1f0b-4c3e-9d2a-6a3f1c2b4d5e' },
      subjects: [],
      contributors: [],
    },
    children: [
      chapter({ number: 1, title: text('Dawn'), words: 'Dawnword.' }),
      chapter({ kind: 'afterword', matter: 'back', title: text('Afterword'), words: 'Afterwordword.' }),
      {
        type: 'part',
        number: 1,
        title: text('The Road'),
        children: [
          chapter({ kind: 'preface', matter: 'front', title: text('Preface'), words: 'Prefaceword.' }),
          chapter({ number: 2, title: text('Noon'), words: 'Noonword.' }),
        ],
      },
      chapter({ kind: 'foreword', matter: 'front', title: text('Foreword'), words: 'Forewordword.' }),
      chapter({ number: 3, title: text('Dusk'), words: 'Duskword.' }),
    ],
  }
}

describe('reading order', () => {
  it('puts front matter first and back matter last, parts in place', () => {
    const order = readingOrder(scrambled())
    expect(order.front.map(chapterLabel)).toEqual(['Preface', 'Foreword'])
    expect(order.back.map(chapterLabel)).toEqual(['Afterword'])
    expect(
      order.body.map((e) =>
        e.type === 'part' ? [partLabel(e.part), e.chapters.map(chapterLabel)] : chapterLabel(e),
      ),
    ).toEqual(['Chapter 1: Dawn', ['Part One: The Road', ['Chapter 2: Noon']], 'Chapter 3: Dusk'])
  })

  it('is the order of both the EPUB spine and the PDF pages', async () => {
    const expected = ['Prefaceword', 'Forewordword', 'Dawnword', 'Noonword', 'Duskword', 'Afterwordword']
    const env = () => createMemoryEnv({}, { date: new Date(Date.UTC(2024, 0, 1)), file: new SourceFile('') })

    const epub = unzipSync(await epubRenderer.render(scrambled(), { generateCover: false }, env()))
    const opf = new TextDecoder().decode(epub['OEBPS/content.opf'])
    const hrefs = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]))
    const spineText = [...opf.matchAll(/<itemref idref="([^"]+)"/g)]
      .map((m) => epub[`OEBPS/${hrefs.get(m[1]!)}`])
      .map((bytes) => (bytes ? new TextDecoder().decode(bytes) : ''))
      .join('\n')
    const inEpub = expected.map((word) => spineText.indexOf(word))
    expect(inEpub.every((at) => at >= 0)).toBe(true)
    expect([...inEpub].sort((a, b) => a - b)).toEqual(inEpub)

    need('pdftotext')
    const pdf = await pdfRenderer.render(scrambled(), {}, env())
    const dir = mkdtempSync(nodePath.join(tmpdir(), 'octavo-order-'))
    writeFileSync(nodePath.join(dir, 'book.pdf'), pdf)
    const pdfText = execFileSync('pdftotext', [nodePath.join(dir, 'book.pdf'), '-'], { encoding: 'utf8' })
    const inPdf = expected.map((word) => pdfText.indexOf(word))
    expect(inPdf.every((at) => at >= 0)).toBe(true)
    expect([...inPdf].sort((a, b) => a - b)).toEqual(inPdf)
  })
})
