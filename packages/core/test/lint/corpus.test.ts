/**
 * Lint precision on published prose: the four corpus books and a synthetic serial, from their
 * plain-text chapters through the real pipeline. A published text is clean, so every warning
 * here is a false alarm; the budget is one per 50,000 words, and the counts are asserted exactly
 * so a new false alarm shows up as a change. (bench/typography.mjs prints the same figures.)
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadBook } from '../../src/index.js'
import { lintBook } from '../../src/lint.js'
import { SHARED } from '../shared.js'

const CORPUS = path.join(SHARED, 'corpus')

async function warnings(folder: string, language: string) {
  const { book } = await loadBook(folder, { metadata: { title: 'T', authors: [{ name: 'A' }], language } })
  return lintBook(book!)
    .flatMap((f) => f.messages)
    .filter((m) => m.level === 'warning')
}

describe.skipIf(!existsSync(CORPUS))('lint precision on published prose', () => {
  // [book, expected warnings]: the budget allows words / 50,000.
  const books: Array<[string, number]> = [
    ['alices-adventures-in-wonderland', 0],
    ['pride-and-prejudice', 0],
    ['treasure-island', 0],
    ['war-and-peace', 0],
  ]
  it.each(books)('%s: %i warnings', async (slug, expected) => {
    const meta = readFileSync(path.join(CORPUS, slug, 'meta.yaml'), 'utf8')
    const words = Number(/^total_words:\s*(\d+)/m.exec(meta)![1])
    const language = /^language:\s*"?([\w-]+)/m.exec(meta)![1]!
    const found = await warnings(path.join(CORPUS, slug, 'txt'), language)
    expect(found.length).toBeLessThanOrEqual(Math.floor(words / 50_000))
    expect(found.map((m) => `${m.file}:${m.line} ${m.code}`)).toHaveLength(expected)
  })

  it('a 100-chapter serial (200,000 words): only its five scene-break styles', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'octavo-lint-serial-'))
    try {
      execFileSync(process.execPath, [
        path.join(SHARED, 'tools/gen-serial.mjs'),
        ...['--chapters', '100', '--formats', 'txt', '--out', out, '--quiet'],
      ])
      const found = await warnings(path.join(out, 'txt'), 'en')
      expect(found.length).toBeLessThanOrEqual(4)
      expect(found.map((m) => m.code)).toEqual(['lint-scene-break-styles'])
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})
