/**
 * `octavo build` on a book with `volumes:`: one file per volume and format, named
 * `<name>-<n>.<ext>` and reported each; a bad value is a book.yaml diagnostic with nothing written.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli, octavo, tempDir } from './helpers.js'

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`build the CLI first (npm run setup): ${cli} is missing`)
})

const PARAGRAPH =
  'The river ran on past the mill, and the long road turned north where the hills rose grey above the town.'

function serial(dir: string, chapters: number, yaml: string): void {
  for (let i = 1; i <= chapters; i++)
    writeFileSync(
      path.join(dir, `${String(i).padStart(2, '0')}.md`),
      `# Chapter ${i}\n\n${Array(4).fill(PARAGRAPH).join('\n\n')}\n`,
    )
  writeFileSync(path.join(dir, 'book.yaml'), yaml)
}

describe('octavo build with volumes', () => {
  it('writes and reports each volume in each format, the chapters numbered on', () => {
    const dir = tempDir()
    serial(dir, 5, 'title: The Long Road\nauthor: Ada Quill\nvolumes: {chapters: 2}\n')
    const out = tempDir()
    const run = octavo(['build', dir, '-o', out])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).not.toMatch(/book-number-order|warning/)
    for (const n of [1, 2, 3])
      for (const ext of ['epub', 'pdf'])
        expect(run.stdout).toMatch(new RegExp(`wrote .*the-long-road-${n}\\.${ext}`))
    expect(
      readdirSync(out)
        .filter((f) => !f.startsWith('.'))
        .sort(),
    ).toEqual([
      'the-long-road-1.epub',
      'the-long-road-1.pdf',
      'the-long-road-2.epub',
      'the-long-road-2.pdf',
      'the-long-road-3.epub',
      'the-long-road-3.pdf',
    ])
    const epub = unzipSync(readFileSync(path.join(out, 'the-long-road-2.epub')))
    const nav = strFromU8(epub['OEBPS/nav.xhtml']!)
    expect(nav).toContain('Chapter 3')
    expect(nav).toContain('Chapter 4')
    expect(nav).not.toContain('Chapter 5')
    expect(strFromU8(epub['OEBPS/content.opf']!)).toContain('<meta name="calibre:series_index" content="2"/>')
  })

  it('reports a bad value at book.yaml’s line and column and writes nothing', () => {
    const dir = tempDir()
    serial(dir, 2, 'title: The Long Road\nauthor: Ada Quill\nvolumes: banana\n')
    const out = tempDir()
    const run = octavo(['build', dir, '-o', out])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /book\.yaml:3:10 {2}error {2}`volumes` must be `parts`.*got "banana" {2}manifest-invalid/,
    )
    expect(readdirSync(out)).toEqual([])
  })
})
