import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli, copyExample, octavo, tempDir } from './helpers.js'

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`build the CLI first (npm run setup): ${cli} is missing`)
})

const LINE = /^(\S+?)(?::(\d+)(?::(\d+))?)? {2}(error|warning|info) {2}(.+) {2}([a-z0-9-]+)$/

describe('octavo build', () => {
  it('builds a zero-config folder of plain-text chapters into EPUB and PDF', () => {
    const book = copyExample('web-serial')
    const out = tempDir()
    const run = octavo([
      'build',
      book,
      '--title',
      "The Cartographer's Apprentice",
      '--author',
      'R. Vance',
      '--out',
      out,
    ])
    expect(run.stderr).not.toMatch(/error/)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/wrote .*the-cartographers-apprentice\.epub/)
    expect(run.stdout).toMatch(/wrote .*the-cartographers-apprentice\.pdf/)
    const epub = unzipSync(readFileSync(path.join(out, 'the-cartographers-apprentice.epub')))
    expect(strFromU8(epub.mimetype!)).toBe('application/epub+zip')
    const pdf = readFileSync(path.join(out, 'the-cartographers-apprentice.pdf'))
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    // no temporary files left behind
    expect(readdirSync(out).filter((n) => n.startsWith('.octavo-tmp'))).toEqual([])
  })

  it('is deterministic: two builds give byte-identical files', () => {
    const book = copyExample('markdown-novel')
    const a = tempDir()
    const b = tempDir()
    expect(octavo(['build', book, '--out', a, '-f', 'epub']).code).toBe(0)
    expect(octavo(['build', book, '--out', b, '-f', 'epub']).code).toBe(0)
    const name = 'the-glass-orchard.epub'
    expect(readFileSync(path.join(a, name)).equals(readFileSync(path.join(b, name)))).toBe(true)
  })

  it('honours SOURCE_DATE_EPOCH for dcterms:modified', () => {
    const book = copyExample('web-serial')
    const out = tempDir()
    octavo(['build', book, '--title', 'T', '--author', 'A', '--out', out, '-f', 'epub'], {
      env: { SOURCE_DATE_EPOCH: '1234567890' },
    })
    const files = unzipSync(readFileSync(path.join(out, 't.epub')))
    const opf = Object.entries(files).find(([n]) => n.endsWith('.opf'))!
    expect(strFromU8(opf[1])).toContain('2009-02-13T23:31:30Z')
  })

  it('reports a book.yaml mistake as file:line:col with a code, exit 1, no stack trace, nothing written', () => {
    const dir = tempDir()
    writeFileSync(
      path.join(dir, 'book.yaml'),
      'title: Broken\nauthor: A\nseries:\n  name: S\n  number: two\n',
    )
    writeFileSync(path.join(dir, 'one.txt'), 'Chapter 1\n\nText.\n')
    const out = tempDir()
    const run = octavo(['build', dir, '--out', out])
    expect(run.code).toBe(1)
    const line = run.stderr.split('\n').find((l) => l.includes('manifest-invalid'))
    expect(line).toBeDefined()
    const m = LINE.exec(line!)
    expect(m?.[1]).toBe('book.yaml')
    expect(m?.[2]).toBe('5')
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(readdirSync(out)).toEqual([])
  })

  it('exits 2 on bad usage', () => {
    expect(octavo(['build', '--no-such-flag']).code).toBe(2)
    expect(octavo(['frobnicate']).code).toBe(2)
    const run = octavo([])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/name a command/)
  })

  it('writes a kepub for Kobo, .kepub.epub, set by the book’s epub: options', () => {
    const book = copyExample('markdown-novel')
    appendFileSync(path.join(book, 'book.yaml'), '\nepub:\n  toc: false\n')
    const out = tempDir()
    const run = octavo(['build', book, '-f', 'kepub', '--out', out])
    expect(run.code).toBe(0)
    const name = readdirSync(out).find((n) => n.endsWith('.kepub.epub'))
    expect(name).toBeDefined()
    const kepub = unzipSync(readFileSync(path.join(out, name!)))
    const chapter = Object.keys(kepub).find((n) => /text\/chapter-\d+\.xhtml$/.test(n))!
    expect(strFromU8(kepub[chapter]!)).toContain('<span class="koboSpan" id="kobo.1.1">')
    // epub: {toc: false}: no contents page in the spine.
    expect(strFromU8(kepub['OEBPS/content.opf']!)).not.toContain('idref="nav"')
  })

  it('exits 2 on an unknown format', () => {
    const book = copyExample('web-serial')
    const run = octavo(['build', book, '--title', 'T', '--author', 'A', '--out', tempDir(), '-f', 'docx'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/unknown format "docx"/)
  })

  it('under --strict, warnings fail with exit 3 and nothing is written', () => {
    const book = copyExample('web-serial')
    const out = tempDir()
    // No --author: the book-no-author warning.
    const run = octavo(['build', book, '--title', 'T', '--out', out, '--strict'])
    expect(run.stderr).toMatch(/warning .*book-no-author|book-no-author/)
    expect(run.code).toBe(3)
    expect(readdirSync(out)).toEqual([])
  })

  it('--json prints one JSON object per line: diagnostics, outputs, summary', () => {
    const book = copyExample('web-serial')
    const out = tempDir()
    const run = octavo(['build', book, '--title', 'T', '--out', out, '-f', 'epub', '--json'])
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.some((l) => l.type === 'diagnostic' && l.code === 'book-no-author')).toBe(true)
    expect(lines.some((l) => l.type === 'output' && l.format === 'epub' && l.bytes > 1000)).toBe(true)
    expect(lines.at(-1)).toMatchObject({ type: 'summary', error: 0, exitCode: 0 })
  })

  it('a failed build leaves the previous output in place', () => {
    const book = copyExample('web-serial')
    const out = tempDir()
    expect(octavo(['build', book, '--title', 'T', '--author', 'A', '--out', out, '-f', 'epub']).code).toBe(0)
    const before = readFileSync(path.join(out, 't.epub'))
    writeFileSync(path.join(book, 'book.yaml'), 'title: T\nauthor: A\nchapters: [\n') // invalid YAML
    const run = octavo(['build', book, '--out', out, '-f', 'epub'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/book\.yaml:\d+:\d+ {2}error {2}.*manifest-parse/)
    expect(readFileSync(path.join(out, 't.epub')).equals(before)).toBe(true)
  })

  it('never overwrites an input file', () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, 't.txt'), 'Chapter 1\n\nText.\n')
    // A chapter file named exactly like the plugin's output would be: t.txt
    const run = octavo([
      'build',
      path.join(dir, 't.txt'),
      '--title',
      'T',
      '--author',
      'A',
      '--out',
      dir,
      '-f',
      'txt',
      '--plugin',
      path.join(process.cwd(), 'examples/plugin-renderer/plain-text.mjs'),
    ])
    expect(run.code).not.toBe(0)
    expect(readFileSync(path.join(dir, 't.txt'), 'utf8')).toBe('Chapter 1\n\nText.\n')
  })

  it('reports an unwritable output as a clear error, not a stack trace', () => {
    const book = copyExample('web-serial')
    const base = tempDir()
    const blocker = path.join(base, 'file')
    writeFileSync(blocker, 'not a folder')
    const run = octavo([
      'build',
      book,
      '--title',
      'T',
      '--author',
      'A',
      '--out',
      path.join(blocker, 'out'),
      '-f',
      'epub',
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(run.stderr).toMatch(/ENOTDIR|not a directory|could not/i)
  })

  it('builds a book.yaml with parts, front/back matter, footnotes, image, cover and series', () => {
    const book = copyExample('markdown-novel')
    const out = tempDir()
    const run = octavo(['build', path.join(book, 'book.yaml'), '--out', out])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const files = unzipSync(readFileSync(path.join(out, 'the-glass-orchard.epub')))
    const names = Object.keys(files)
    expect(names.some((n) => /images\/image-\d+\.png$/.test(n))).toBe(true)
    expect(names.some((n) => /cover\.png$/.test(n))).toBe(true)
    const opf = strFromU8(files[names.find((n) => n.endsWith('.opf'))!]!)
    expect(opf).toContain('Tales of the Valley')
    expect(opf).toContain('belongs-to-collection')
    expect(statSync(path.join(out, 'the-glass-orchard.pdf')).size).toBeGreaterThan(10_000)
  })
})

describe('octavo stats', () => {
  it('prints chapters, words and reading time', () => {
    const run = octavo(['stats', 'examples/web-serial', '--title', 'T', '--author', 'A'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Prologue\s+\d+\s+\d+ min$/m)
    expect(run.stdout).toMatch(/^Chapter One: The Apprentice\s+\d+/m)
    expect(run.stdout).toMatch(/^4 chapters\s+[\d,]+\s+\d+ min$/m)
  })

  it('--json gives per-chapter objects and a total', () => {
    const run = octavo(['stats', 'examples/web-serial', '--title', 'T', '--author', 'A', '--json'])
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    const chapters = lines.filter((l) => l.type === 'chapter')
    expect(chapters).toHaveLength(4)
    const total = lines.find((l) => l.type === 'book')
    expect(total.words).toBe(chapters.reduce((s: number, c: { words: number }) => s + c.words, 0))
  })
})

describe('octavo formats', () => {
  it('lists the built-in renderers', () => {
    const run = octavo(['formats'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^epub\s+\.epub/m)
    expect(run.stdout).toMatch(/^pdf\s+\.pdf/m)
  })

  it("lists each format's options from its schema, as book.yaml spells them", () => {
    const run = octavo(['formats'])
    expect(run.stdout).toMatch(
      /^ {4}compression-level\s+Deflate level of the zip, 0-9 \(default 6\); 0 1 2 3 4 5 6 7 8 9$/m,
    )
    expect(run.stdout).toMatch(/^ {4}drop-cap\s+Drop cap: .*\(default false\)/m)
    const json = octavo(['formats', '--json'])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    const pdf = json.find((f: { name: string }) => f.name === 'pdf')
    expect(pdf.options.map((o: { key: string }) => o.key)).toContain('open-right')
  })

  it('lists a plugin renderer', () => {
    const run = octavo(['formats', '--plugin', './examples/plugin-renderer/plain-text.mjs'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^txt\s+\.txt\s+Plain text/m)
  })
})

describe('plugins', () => {
  it('book.yaml plugins: renders the plugin format through the CLI', () => {
    const book = copyExample('plugin-renderer')
    // The copy is outside the workspace, so the plugin's `@octavo/core` import needs a link.
    mkdirSync(path.join(book, 'node_modules/@octavo'), { recursive: true })
    symlinkSync(path.resolve('packages/core'), path.join(book, 'node_modules/@octavo/core'))
    const out = tempDir()
    const run = octavo(['build', book, '--format', 'txt', '--allow-plugins', '--out', out])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const text = readFileSync(path.join(out, 'two-small-tales.txt'), 'utf8')
    expect(text).toContain('TWO SMALL TALES')
    expect(text).toContain('Chapter 1: The Kettle')
    expect(text).toContain('“Somebody’s forgotten me,”')
  })

  it('a plugin with the wrong shape is a clear error', () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, 'bad.mjs'), 'export const nothing = 1\n')
    writeFileSync(path.join(dir, 'one.txt'), 'Chapter 1\n\nText.\n')
    const run = octavo([
      'build',
      dir,
      '--title',
      'T',
      '--author',
      'A',
      '--plugin',
      './bad.mjs',
      '--out',
      tempDir(),
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/plugin "\.\/bad\.mjs" has the wrong shape.*plugin-load/)
  })
})

describe('octavo check', () => {
  /**
   * The lint tests below are about the manuscript, not the EPUB: EPUBCheck (a JVM start each,
   * several seconds of CPU) is left out of them by pointing the CLI at no jar. The first test
   * runs the whole check.
   */
  const LINT_ONLY = { OCTAVO_EPUBCHECK_JAR: path.join(tempDir(), 'no-epubcheck.jar') }

  it('passes the example book (lint + EPUBCheck when installed)', () => {
    const run = octavo(['check', 'examples/markdown-novel'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/no problems found/)
  })

  it('finds manuscript slips with file and line', () => {
    const dir = tempDir()
    writeFileSync(
      path.join(dir, 'one.txt'),
      'Chapter 1\n\n"Hello," she said, and and then left.\n\n* * *\n\nShe came back.\n\n~~~\n\n"Where were you?" the asked.\n',
    )
    writeFileSync(path.join(dir, 'three.txt'), 'Chapter 3\n\nThe end.\n')
    const run = octavo(['check', dir, '--title', 'T', '--author', 'A'], { env: LINT_ONLY })
    expect(run.stderr).toMatch(/one\.txt:3:\d+ {2}warning {2}.*"and and".*lint-repeated-word/)
    expect(run.stderr).toMatch(/lint-scene-break-styles/)
    expect(run.stderr).toMatch(/three\.txt.*chapter 3 follows chapter 1.*book-number-order/)
  })

  it('finds the word lost after an opening quote, and shows the quotes typography had to guess', () => {
    const dir = tempDir()
    writeFileSync(
      path.join(dir, 'one.txt'),
      'Chapter 1\n\n"Explain what? You were kissing him Buffy!" Willow snapped. " were kissing him."\n\n"They say Plátov took \'Poleon himself twice."\n',
    )
    const run = octavo(['check', dir, '--title', 'T', '--author', 'A'], { env: LINT_ONLY })
    expect(run.stderr).toMatch(/one\.txt:3:\d+ {2}warning {2}.*“ were.*lint-missing-word/)
    // Info, so not counted as a warning, but shown where the author checks the manuscript.
    expect(run.stderr).toMatch(/one\.txt:5:23 {2}info {2}`'Poleon`.*typography-ambiguous-quote/)
    expect(run.code).toBe(0)
  })
})

describe('--chapters', () => {
  it('builds part of a work by the numbers the chapters state, and says what it kept', () => {
    const dir = tempDir()
    for (const n of [21, 22, 23, 24]) {
      writeFileSync(path.join(dir, `chapter-${n}.txt`), `Chapter ${n}: Part ${n}\n\nThe ${n}th day.\n`)
    }
    const out = tempDir()
    const run = octavo(['build', dir, '--chapters', '22-23', '-f', 'epub', '-o', out, '--title', 'Arc', '-v'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain('book-chapters-range')
    const epub = unzipSync(readFileSync(path.join(out, 'arc.epub')))
    const nav = strFromU8(epub['OEBPS/nav.xhtml']!)
    expect(nav).toContain('Part 22')
    expect(nav).toContain('Part 23')
    expect(nav).not.toContain('Part 21')
    expect(nav).not.toContain('Part 24')
  })

  it('is a usage error when the range is not one', () => {
    const run = octavo(['build', tempDir(), '--chapters', 'banana', '-f', 'epub'])
    expect(run.code).not.toBe(0)
    expect(run.stderr).toMatch(/chapters/)
  })
})
