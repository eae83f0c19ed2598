import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { toText } from '../../src/model/walk.js'
import { smarten, typography } from '../../src/transforms/typography/index.js'
import { SHARED } from '../shared.js'

// The bench's own scorer (a port of shared/tools/smartcheck.py), so CI and the bench agree.
const benchPath = fileURLToPath(new URL('../../../../bench/typography.mjs', import.meta.url))
const corpus = `${SHARED}/corpus`
const books = ['alices-adventures-in-wonderland', 'pride-and-prejudice', 'war-and-peace', 'treasure-island']

interface Stats {
  paragraphs: number
  unaligned: number
  identical: number
  quotesExpected: number
  quoteErrors: number
  emExpected: number
  emGot: number
  twoEmExpected: number
  twoEmGot: number
  threeEmExpected: number
  threeEmGot: number
  enExpected: number
  enGot: number
  ellipsesExpected: number
  ellipsesGot: number
  doubleHyphenLeft: number
  threeDotsLeft: number
}

function expectPerfect(s: Stats): void {
  expect(s.paragraphs).toBeGreaterThan(700)
  expect(s.unaligned).toBe(0)
  expect(s.quotesExpected).toBeGreaterThan(2900)
  expect(s.quoteErrors).toBe(0)
  expect(s.emGot).toBe(s.emExpected)
  expect(s.twoEmGot).toBe(s.twoEmExpected)
  expect(s.threeEmGot).toBe(s.threeEmExpected)
  expect(s.enGot).toBe(s.enExpected)
  expect(s.ellipsesGot).toBe(s.ellipsesExpected)
  expect(s.doubleHyphenLeft).toBe(0)
  expect(s.threeDotsLeft).toBe(0)
  // Beyond the scored marks: every paragraph comes out exactly as Standard Ebooks set it.
  expect(s.identical).toBe(s.paragraphs)
}

describe.skipIf(!existsSync(corpus))('typography against the corpus answer key', () => {
  // Treasure Island is the dialect case: word-initial elisions (`'Tain't`, `we'd 'a' been`, `a bad
  // 'un`, `by 'lection`) decided by evidence and the English list, and a withheld name (`B----`).
  it.each(books)('%s from txt: every quote, dash and ellipsis right', async (slug) => {
    const bench = await import(pathToFileURL(benchPath).href)
    const { stats } = bench.scoreBook(`${corpus}/${slug}`, smarten)
    expectPerfect(stats)
  })

  it('reports the quotes it had to guess: a handful in 776,000 words', async () => {
    let guessed = 0
    const bench = await import(pathToFileURL(benchPath).href)
    for (const slug of books) {
      bench.scoreBook(`${corpus}/${slug}`, (text: string, language: string) =>
        smarten(text, language, {}, {}, () => guessed++),
      )
    }
    // Alice's `'Who am I then?` (closed in a later stanza), War and Peace's `'Poleon` and
    // `'seven`: each still set as Standard Ebooks set it, and reported.
    expect(guessed).toBe(3)
  })

  it('Alice from Markdown through the whole transform: quotes decided across emphasis', async () => {
    const bench = await import(pathToFileURL(benchPath).href)
    const dir = `${corpus}/alices-adventures-in-wonderland`
    const tools = { fromMarkdown, gfm, gfmFromMarkdown, typography, toText, SourceFile }
    const { files, got, ms } = await bench.markdownParagraphs(dir, tools)
    const { stats } = bench.scoreParagraphs(dir, files, got, ms)
    expectPerfect(stats)
  })
})
