/**
 * The three corpus novels and a synthetic serial through the real pipeline (loadBook → render),
 * checked by EPUBCheck and by the shared typography scorer. Slow (minutes): these are the
 * figures the issues set, so they run in CI.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadBook, render } from '../../src/index.js'
import { chaptersOf, toText } from '../../src/model/walk.js'
import {
  CORPUS,
  epubcheck,
  hasCorpus,
  hasEpubcheck,
  hasPython,
  SHARED,
  smartcheck,
  tempFile,
} from './checkers.js'

interface Meta {
  title: string
  author: string
  language: string
  chapters: Array<{ n: number; title?: string; footnotes?: number }>
}

/** Titles come back smartened; meta files keep straight quotes. */
// Straight quotes for curly, and without the word joiners typography sets before em dashes.
const plain = (s: string) =>
  s
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\u2060/g, '')

const BOOKS = ['alices-adventures-in-wonderland', 'pride-and-prejudice', 'war-and-peace']
const date = new Date(Date.UTC(2024, 0, 1))

async function build(book: string, form: 'txt' | 'md') {
  const meta = parse(readFileSync(path.join(CORPUS, book, 'meta.yaml'), 'utf8')) as Meta
  const { book: loaded, diagnostics } = await loadBook(path.join(CORPUS, book, form), {
    metadata: { title: meta.title, authors: [{ name: meta.author }], language: meta.language },
    date,
  })
  return { meta, loaded: loaded!, diagnostics }
}

describe.skipIf(!hasCorpus)('corpus books through the whole pipeline', () => {
  for (const slug of BOOKS) {
    for (const form of ['txt', 'md'] as const) {
      describe(`${slug} from ${form}`, () => {
        it('has every chapter, numbered and titled as meta.yaml says, with no warnings', async () => {
          const { meta, loaded, diagnostics } = await build(slug, form)
          expect(diagnostics.filter((d) => d.level !== 'info')).toEqual([])
          const chapters = chaptersOf(loaded.tree)
          expect(chapters.length).toBe(meta.chapters.length)
          expect(chapters.map((c) => [c.number, plain(toText(c.title)) || undefined])).toEqual(
            meta.chapters.map((c) => [
              c.n,
              c.title?.replace(/--/g, '—').replace(/(\d)-(\d)/g, '$1–$2') || undefined,
            ]),
          )
        })

        it.skipIf(!hasEpubcheck)(
          'gives an EPUB with no EPUBCheck error or warning',
          async () => {
            const { loaded } = await build(slug, form)
            const file = tempFile(`${slug}-${form}.epub`, await render(loaded, 'epub'))
            expect(await epubcheck(file)).toEqual([])
          },
          300_000,
        )

        it.skipIf(!hasPython)(
          'smartens every quote, dash and ellipsis as the reference does',
          async () => {
            const { loaded } = await build(slug, form)
            const file = tempFile(`${slug}-${form}.epub`, await render(loaded, 'epub'))
            const s = await smartcheck(file, slug)
            const ref = readFileSync(path.join(CORPUS, slug, 'meta.yaml'), 'utf8')
            expect(ref.length).toBeGreaterThan(0)
            expect(s.quote_errors ?? 0).toBe(0)
            expect(s.quote_seq_len_mismatch_paras ?? 0).toBe(0)
            expect(s.double_hyphen_left).toBe(0)
            expect(s.three_dots_left).toBe(0)
            expect(s.ellipsis_got).toBe(s.ellipsis_expected)
            // smartcheck counts a 2-em dash as two em dashes and a 3-em as three but only
            // counts — in the output; we write ⸺ and ⸻ as the reference does.
            expect(s.emdash_got).toBeLessThanOrEqual(s.emdash_expected!)
            expect(s.emdash_expected! - s.emdash_got!).toBe(countLongDashes(slug))
            // Every reference paragraph but the `* * *` lines (ours are <hr>) is matched.
            expect(s.paragraphs).toBe(s.paragraphs_expected! - countSceneBreaks(slug))
          },
          300_000,
        )
      })
    }
  }
})

function refText(slug: string): string {
  const dir = path.join(CORPUS, slug, 'ref')
  return execFileSync('sh', ['-c', `cat "${dir}"/*.txt`], { encoding: 'utf8', maxBuffer: 1 << 26 })
}

function countLongDashes(slug: string): number {
  const text = refText(slug)
  return 2 * (text.match(/⸺/g)?.length ?? 0) + 3 * (text.match(/⸻/g)?.length ?? 0)
}

function countSceneBreaks(slug: string): number {
  return refText(slug).match(/^\* \* \*$/gm)?.length ?? 0
}

describe('a 100-chapter synthetic serial', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'octavo-serial-'))
  const generate = () =>
    execFileSync(process.execPath, [
      path.join(SHARED, 'tools/gen-serial.mjs'),
      '--chapters',
      '100',
      '--out',
      out,
      '--quiet',
    ])

  it.skipIf(!hasCorpus)(
    'parses with the right chapter count and titles, and passes EPUBCheck',
    async () => {
      generate()
      const meta = JSON.parse(readFileSync(path.join(out, 'meta.json'), 'utf8')) as {
        chapters: Array<{ n: number; title: string | null }>
      }
      for (const form of ['txt', 'md']) {
        const { book, diagnostics } = await loadBook(path.join(out, form), {
          metadata: { title: 'Serial', authors: [{ name: 'Gen' }] },
          date,
        })
        expect(diagnostics.filter((d) => d.level !== 'info')).toEqual([])
        const chapters = chaptersOf(book!.tree)
        expect(chapters).toHaveLength(100)
        expect(chapters.map((c) => c.number)).toEqual(meta.chapters.map((c) => c.n))
        expect(chapters.map((c) => plain(toText(c.title)) || null)).toEqual(
          meta.chapters.map((c) => c.title ?? null),
        )
        if (hasEpubcheck && form === 'txt') {
          expect(await epubcheck(tempFile('serial.epub', await render(book!, 'epub')))).toEqual([])
        }
      }
    },
    600_000,
  )
})
