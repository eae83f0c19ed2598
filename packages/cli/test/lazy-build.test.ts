/**
 * A build loads what its files and formats need, and no more: a plain-text chapter to EPUB loads
 * no Markdown or HTML parser, no PDF engine, fonts' parser, hyphenation patterns, ICC profile or
 * CSS parser, not the `import` writer, no YAML parser or schema (no book.yaml), no image reader or
 * SVG cleaner (no image), no glob matcher (no pattern) and no encoding detector (the chapter is
 * UTF-8). Counted with a module hook (test/helpers.ts), never timed; the same hook sees the
 * Markdown parser where a Markdown chapter needs it, parse5 where one holds raw HTML, and the
 * detector where a chapter is not UTF-8, so the count can fail. An EPUB build starts its cover's thread before yargs loads.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { modulesLoaded, repo, tempDir } from './helpers.js'

const folder = tempDir('octavo-lazy-')
writeFileSync(path.join(folder, 'ch1.txt'), 'Chapter 1: Dawn\n\n"It was early," she said -- too early.\n')
writeFileSync(path.join(folder, 'ch1.md'), '# Chapter 1: Dawn\n\n"It was *early*," she said.\n')
// A table: the fast Markdown parser declines it, so micromark reads this one.
writeFileSync(
  path.join(folder, 'ch1-table.md'),
  '# Chapter 1: Dawn\n\n| hour | place |\n| --- | --- |\n| six | the road |\n',
)
// Raw HTML in running text: the HTML reader (parse5) reads the tag.
writeFileSync(path.join(folder, 'ch1-html.md'), '# Chapter 1: Dawn\n\nIt was <u>early</u>, she said.\n')
// Windows-1252: curly quotes and an é, bytes that are not UTF-8.
writeFileSync(
  path.join(folder, 'ch1-cp1252.txt'),
  Buffer.from('Chapter 1: Dawn\n\n\x93Caf\xe9,\x94 she said -- too early.\n', 'latin1'),
)
const env = { NO_COLOR: '1', SOURCE_DATE_EPOCH: '1700000000', XDG_STATE_HOME: path.join(folder, 'state') }

function build(chapter: string, format: string, name = 't'): string[] {
  const out = tempDir('octavo-lazy-out-')
  const { run, modules } = modulesLoaded(
    ['build', path.resolve(folder, chapter), '-f', format, '-o', out, '--title', 'T', '--author', 'A'],
    env,
  )
  expect(run.status, run.stderr).toBe(0)
  expect(readFileSync(path.join(out, `${name}.${format}`)).byteLength).toBeGreaterThan(1000)
  return modules
}

/** A book with a book.yaml, a chapter pattern and an image. */
const withYaml = tempDir('octavo-lazy-yaml-')
writeFileSync(path.join(withYaml, 'book.yaml'), 'title: Y\nauthor: A\nchapters:\n  - "ch*.md"\n')
writeFileSync(path.join(withYaml, 'ch1.md'), '# Chapter 1\n\nA map: ![The map](map.png)\n')
copyFileSync(
  path.join(repo, 'packages/core/test/fixtures/pdf/visual/sample-part-page.png'),
  path.join(withYaml, 'map.png'),
)

/** Packages and core modules only some builds need, by what they do. */
const heavy = {
  // Any part of the Markdown reader but its registry entry (the registry loads read.ts through
  // markdown/lazy.js).
  markdown: /micromark|mdast-util|\/readers\/markdown(\.js|\/(?!entry\.js))/,
  // micromark and the mdast utilities that come with it.
  micromark: /micromark|mdast-util/,
  html: /parse5|\/readers\/html\.js/,
  // Each archive format's registry entry (entry.js) and code table load with the registry.
  archives: /\/readers\/(epub|docx|odt)\/(?!codes\.js|entry\.js)/,
  pdf: /pdfkit|fontkit|\/renderers\/pdf\/render\.js/,
  hyphenation: /hyphen\/patterns/,
  icc: /icc-data/,
  css: /css-tree/,
  import: /\/import\/|mdast-util-to-markdown/,
  manifest: /\/(yaml|zod)\/|\/manifest\/(parse|schema|yaml-source)\.js/,
  images: /image-size|saxes|\/resources\/(image|svg)\.js/,
  glob: /tinyglobby|fdir|picomatch/,
  encodings: /chardet/,
}

/** Where the first module matching `pattern` came in the order loaded (-1: never). */
const firstOf = (modules: string[], pattern: RegExp) => modules.findIndex((url) => pattern.test(url))
const yargsModule = /\/yargs\//
const threadsModule = /\/core\/dist\/platform\/threads\.js$/

describe('what a build loads', () => {
  it('plain text to EPUB: the text reader and the EPUB renderer, nothing else heavy', () => {
    const modules = build('ch1.txt', 'epub')
    expect(modules.some((url) => url.includes('/readers/text/'))).toBe(true)
    expect(modules.some((url) => url.includes('/renderers/epub/'))).toBe(true)
    for (const [what, pattern] of Object.entries(heavy))
      expect(
        modules.filter((url) => pattern.test(url)),
        what,
      ).toEqual([])
  })

  it('a book.yaml, a pattern and an image load the YAML parser, the schema, image-size and the matcher', () => {
    const modules = build(withYaml, 'epub')
    for (const what of ['manifest', 'images', 'glob'] as const)
      expect(
        modules.some((url) => heavy[what].test(url)),
        what,
      ).toBe(true)
  })

  it('a chapter that is not UTF-8 loads the encoding detector (the hook sees it)', () => {
    const modules = build('ch1-cp1252.txt', 'epub')
    expect(modules.some((url) => heavy.encodings.test(url))).toBe(true)
  })

  it("an EPUB build starts the cover's thread before yargs loads, a PDF-only one does not", () => {
    const modules = build('ch1.txt', 'epub')
    expect(firstOf(modules, threadsModule)).toBeGreaterThanOrEqual(0)
    expect(firstOf(modules, threadsModule)).toBeLessThan(firstOf(modules, yargsModule))
    // Which formats, read before yargs: `-f pdf` starts nothing ahead (the core's threads module
    // then comes with the core, after yargs); `--format=pdf,epub` does. The book is missing, so
    // neither renders anything.
    const missing = path.join(folder, 'no-such-chapter.txt')
    for (const [format, ahead] of [
      ['-f pdf', false],
      ['--format=pdf,epub', true],
    ] as const) {
      const { modules } = modulesLoaded(['build', missing, ...format.split(' '), '-o', tempDir()], env)
      const threads = firstOf(modules, threadsModule)
      expect(threads, format).toBeGreaterThanOrEqual(0)
      expect(threads < firstOf(modules, yargsModule), format).toBe(ahead)
    }
  })

  it('Markdown to EPUB loads the Markdown reader but not micromark nor parse5, still no PDF engine', () => {
    const modules = build('ch1.md', 'epub')
    expect(modules.some((url) => heavy.markdown.test(url))).toBe(true)
    expect(modules.filter((url) => heavy.micromark.test(url))).toEqual([])
    expect(modules.filter((url) => heavy.html.test(url))).toEqual([])
    expect(modules.filter((url) => heavy.pdf.test(url))).toEqual([])
  })

  it('a Markdown chapter with raw HTML loads parse5 (the hook sees it)', () => {
    const modules = build('ch1-html.md', 'epub')
    expect(modules.some((url) => heavy.html.test(url))).toBe(true)
  })

  it('a Markdown chapter the fast parser declines (a table) loads micromark (the hook sees it)', () => {
    const modules = build('ch1-table.md', 'epub')
    expect(modules.some((url) => heavy.micromark.test(url))).toBe(true)
  })
})
