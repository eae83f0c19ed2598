/**
 * The CLI given bad or hostile input (issue 12, CLI items), run as a user runs it: the built
 * binary in a child process, in temporary folders, with its own config and state folders.
 * Render-time diagnostics, formats written independently, the open-file limit, terminal escapes,
 * plugins never run by inspection, outputs never read back as chapters, two manifests, slugs,
 * chapters from two top-level folders, `--format ,`, and two books with one title in one `--out`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import nodePath from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanupTempDirs, tempDir, writeTree } from './helpers.js'

const CLI = process.env.OCTAVO_TEST_CLI ?? fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
let home = ''

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`build the CLI first: ${CLI} is missing (pnpm -r run build)`)
  home = await tempDir('octavo-cli-home-')
})
afterAll(cleanupTempDirs)

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

function octavo(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: {
      ...process.env,
      SOURCE_DATE_EPOCH: '1700000000',
      NO_COLOR: '1',
      XDG_CONFIG_HOME: nodePath.join(home, 'config'),
      XDG_STATE_HOME: nodePath.join(home, 'state'),
      ...env,
    },
    encoding: 'utf8',
    timeout: 300_000,
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const noStack = (run: Run) => expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)

describe('render-time diagnostics (item 7, issue 13 item 3)', () => {
  it('an error raised while rendering is printed once, on the book.yaml, and fails the build', async () => {
    const book = await tempDir()
    await writeTree(book, {
      'book.yaml': 'title: Styled\nauthor: A\nchapters: ["*.md"]\nepub:\n  css: missing.css\n',
      '01.md': '# One\n\nHello there.\n',
      // A diagnostic from a later file: before, it was the one printed, and the error never was.
      '02.md': '# Two\n\nText.\n\n* * *\n',
    })
    const run = octavo(['build', '-f', 'epub'], book)
    expect(run.status, run.stderr).toBe(1)
    const lines = run.stderr.split('\n')
    expect(lines.filter((l) => l.includes('missing.css'))).toEqual([
      'book.yaml  error  "missing.css" does not exist  resource-missing',
    ])
    const repeated = lines.filter((l) => /warning/.test(l) && lines.indexOf(l) !== lines.lastIndexOf(l))
    expect(repeated).toEqual([])
    expect(run.stderr).not.toContain('<book>')
    expect(run.stderr).toMatch(/styled\.epub was not written: 1 error/)
    expect(existsSync(nodePath.join(book, 'styled.epub'))).toBe(false)
  })

  it('--strict with warnings says that nothing was written and why', async () => {
    const book = await tempDir()
    await writeTree(book, { 'ch1.txt': 'Chapter 1\n\nWords.\n' })
    const run = octavo(['build', '--strict', '-f', 'epub', '--title', 'Strict'], book)
    expect(run.status).toBe(3)
    expect(run.stderr).toMatch(/book-no-author/)
    expect(run.stderr).toMatch(/nothing was written: --strict, and 1 warning/)
    expect(await readdir(book)).toEqual(['ch1.txt'])
  })
})

describe('formats are independent (item 6)', () => {
  it('a renderer that fails does not stop the EPUB from being written', async () => {
    const book = await tempDir()
    await writeTree(book, {
      'book.yaml': 'title: Two Formats\nauthor: A\nchapters: ["*.txt"]\n',
      'ch1.txt': 'Chapter 1\n\nWords.\n',
      'boom.mjs':
        "export default { name: 'boom', extension: '.boom', mediaType: 'x/boom', description: 'fails', async render() { throw new Error('kaboom') } }\n",
    })
    // The failing format first: before, its exception ended the build with nothing written.
    const run = octavo(['build', '-f', 'boom,epub', '--plugin', './boom.mjs'], book)
    expect(run.status, run.stderr).toBe(1)
    expect(run.stderr).toMatch(/internal error in the boom renderer: kaboom/)
    noStack(run)
    expect(existsSync(nodePath.join(book, 'two-formats.epub'))).toBe(true)
    expect(existsSync(nodePath.join(book, 'two-formats.boom'))).toBe(false)
  })
})

describe('the open-file limit (item 8)', () => {
  it('a 10,000-chapter book loads under `ulimit -n 256`', async () => {
    const book = await tempDir()
    await mkdir(nodePath.join(book, 'chapters'))
    const n = 10_000
    for (let i = 1; i <= n; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, n - i + 1) }, (_, k) =>
          writeFile(
            nodePath.join(book, 'chapters', `${String(i + k).padStart(5, '0')}.txt`),
            `Chapter ${i + k}\n\nA line.\n`,
          ),
        ),
      )
    }
    await writeFile(
      nodePath.join(book, 'book.yaml'),
      'title: Many\nauthor: A\nchapters: ["chapters/*.txt"]\n',
    )
    const r = spawnSync('sh', ['-c', `ulimit -n 256 && exec "${process.execPath}" "${CLI}" stats --json .`], {
      cwd: book,
      env: { ...process.env, XDG_CONFIG_HOME: nodePath.join(home, 'config') },
      encoding: 'utf8',
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    })
    expect(r.stderr).not.toMatch(/EMFILE|too many open files/i)
    expect(r.status, r.stderr).toBe(0)
    const total = JSON.parse(r.stdout.trim().split('\n').at(-1)!)
    expect(total).toMatchObject({ type: 'book', chapters: n })
  })
})

describe('terminal escapes (item 9)', () => {
  it('control characters in what a book says are shown escaped, one line per diagnostic', async () => {
    const book = await tempDir()
    const evil = 'x\u001b]0;pwned\u0007\u001b[2J\n02.md:1:1  error  forged\u202e.txt'
    await writeTree(book, {
      '01.txt': 'Chapter 1\n\nWords.\n',
      [evil]: '',
    })
    const run = octavo(['build', '-f', 'epub', '--title', 'T', '--author', 'A'], book)
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/)
    const lines = run.stderr.trim().split('\n')
    expect(lines.some((l) => l.startsWith('02.md'))).toBe(false)
    expect(run.stderr).toContain('x\\x1B]0;pwned\\x07\\x1B[2J\\n02.md:1:1  error  forged\\u202E.txt')
    // --json keeps the exact text, as valid JSON.
    const json = octavo(['build', '-f', 'epub', '--title', 'T', '--author', 'A', '--json'], book)
    const files = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((d) => d.type === 'diagnostic')
      .map((d) => d.file)
    expect(files).toContain(evil)
  })
})

describe('plugins (item 10)', () => {
  const plugin = (marker: string) =>
    `import { writeFileSync } from 'node:fs'\nwriteFileSync(${JSON.stringify(marker)}, 'ran')\nexport const transforms = []\n`

  it('stats and check never run a book’s plugins; build asks for --allow-plugins', async () => {
    const book = await tempDir()
    const marker = nodePath.join(book, 'RAN')
    await writeTree(book, {
      'book.yaml': 'title: Sent To Me\nauthor: A\nchapters: ["*.txt"]\nplugins: [./.x.mjs]\n',
      'ch1.txt': 'Chapter 1\n\nWords.\n',
      '.x.mjs': plugin(marker),
    })
    expect(octavo(['stats'], book).status).toBe(0)
    // What is asserted is the plugin left alone: EPUBCheck (a JVM start) is left out of this check.
    expect(
      octavo(['check'], book, { OCTAVO_EPUBCHECK_JAR: nodePath.join(book, 'no-epubcheck.jar') }).status,
    ).not.toBe(2)
    expect(existsSync(marker)).toBe(false)
    const refused = octavo(['build', '-f', 'epub'], book)
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(/plugin-not-allowed/)
    expect(refused.stderr).toMatch(/--allow-plugins/)
    expect(existsSync(marker)).toBe(false)
    const allowed = octavo(['build', '-f', 'epub', '--allow-plugins'], book)
    expect(allowed.status, allowed.stderr).toBe(0)
    expect(existsSync(marker)).toBe(true)
  })

  it('a folder made by `octavo init` runs its plugins without the flag', async () => {
    const book = await tempDir()
    expect(octavo(['init'], book).status).toBe(0)
    const marker = nodePath.join(book, 'RAN')
    await writeFile(nodePath.join(book, 'mine.mjs'), plugin(marker))
    const yaml = await readFile(nodePath.join(book, 'book.yaml'), 'utf8')
    await writeFile(
      nodePath.join(book, 'book.yaml'),
      yaml.replace('# plugins: [./my-renderer.mjs]', 'plugins: [./mine.mjs]'),
    )
    const run = octavo(['build', '-f', 'epub'], book)
    expect(run.status, run.stderr).toBe(0)
    expect(existsSync(marker)).toBe(true)
  })
})

describe('outputs are not inputs (item 11)', () => {
  it('a plugin’s .txt output in the book folder is not read as a chapter by the next build', async () => {
    const book = await tempDir()
    await writeTree(book, {
      'book.yaml': 'title: Notes Book\nauthor: A\nchapters: ["*.txt"]\n',
      '01.txt': 'Chapter 1\n\nThe first.\n',
      '02.txt': 'Chapter 2\n\nThe second.\n',
      'plain.mjs':
        "export default { name: 'plain', extension: '.txt', mediaType: 'text/plain', description: 'plain', async render(tree) { return new TextEncoder().encode(tree.children.length + ' chapters') } }\n",
    })
    const first = octavo(['build', '-f', 'plain', '--plugin', './plain.mjs'], book)
    expect(first.status, first.stderr).toBe(0)
    expect(await readFile(nodePath.join(book, 'notes-book.txt'), 'utf8')).toBe('2 chapters')
    const second = octavo(['build', '-f', 'plain', '--plugin', './plain.mjs'], book)
    expect(second.status, second.stderr).toBe(0)
    expect(second.stderr).toMatch(
      /"notes-book\.txt" is named like this book's own \.txt output.*book-output-skipped/,
    )
    expect(await readFile(nodePath.join(book, 'notes-book.txt'), 'utf8')).toBe('2 chapters')
  })
})

describe('two manifests (item 12)', () => {
  it('book.yml and book.yaml together are an error naming both; init refuses beside book.yml', async () => {
    const book = await tempDir()
    await writeTree(book, {
      'book.yml': 'title: Mine\nauthor: A\nchapters: ["*.txt"]\n',
      'a.txt': 'Chapter 1\n\nMine.\n',
    })
    const init = octavo(['init'], book)
    expect(init.status).toBe(1)
    expect(init.stderr).toMatch(/book\.yml already exists; nothing was changed/)
    expect((await readdir(book)).sort()).toEqual(['a.txt', 'book.yml'])
    await writeFile(nodePath.join(book, 'book.yaml'), 'title: Other\nauthor: B\nchapters: ["*.txt"]\n')
    const run = octavo(['build', '-f', 'epub'], book)
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/book\.yaml and .*book\.yml both exist.*book-manifest-twice/)
    expect((await readdir(book)).filter((f) => f.endsWith('.epub'))).toEqual([])
  })
})

describe('output names (item 19)', () => {
  it('a Japanese title keeps its letters in the file name', async () => {
    const book = await tempDir()
    await writeTree(book, { 'a.txt': 'Chapter 1\n\n吾輩は猫である。名前はまだ無い。\n' })
    const run = octavo(
      ['build', '-f', 'epub', '--title', '吾輩は猫である', '--author', '漱石', '--lang', 'ja'],
      book,
    )
    expect(run.status, run.stderr).toBe(0)
    expect(existsSync(nodePath.join(book, '吾輩は猫である.epub'))).toBe(true)
  })
})

describe('chapters from two top-level folders (item 22)', () => {
  const other = ['/var/tmp', '/dev/shm'].find((d) => existsSync(d) && !os.tmpdir().startsWith(d))
  it.skipIf(!other)('builds, rather than calling every chapter a link that leaves the book', async () => {
    const a = await tempDir()
    const b = await tempDir()
    const far = nodePath.join(other!, nodePath.basename(b))
    await mkdir(far, { recursive: true })
    await writeFile(nodePath.join(a, '01.txt'), 'Chapter 1\n\nHere.\n')
    await writeFile(nodePath.join(far, '02.txt'), 'Chapter 2\n\nThere.\n')
    try {
      const run = octavo(
        [
          'build',
          nodePath.join(a, '01.txt'),
          nodePath.join(far, '02.txt'),
          '-f',
          'epub',
          '-o',
          b,
          '--title',
          'Apart',
          '--author',
          'A',
        ],
        a,
      )
      expect(run.stderr).not.toMatch(/leaves the book folder/)
      expect(run.status, run.stderr).toBe(0)
      expect(existsSync(nodePath.join(b, 'apart.epub'))).toBe(true)
    } finally {
      spawnSync('rm', ['-rf', far])
    }
  })
})

describe('item 24', () => {
  it('`--format ,` is a usage error', async () => {
    const book = await tempDir()
    await writeTree(book, { 'a.txt': 'Chapter 1\n\nWords.\n' })
    const run = octavo(['build', '--format', ','], book)
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/--format names no format/)
    expect(await readdir(book)).toEqual(['a.txt'])
  })

  it('two books with the same title in one --out: the second is refused, the first kept', async () => {
    const one = await tempDir()
    const two = await tempDir()
    const out = await tempDir()
    await writeTree(one, { 'a.txt': 'Chapter 1\n\nThe first book.\n' })
    await writeTree(two, { 'a.txt': 'Chapter 1\n\nThe second book.\n' })
    const args = ['build', '-f', 'epub', '-o', out, '--title', 'Same', '--author', 'A']
    expect(octavo(args, one).status).toBe(0)
    const before = await readFile(nodePath.join(out, 'same.epub'))
    // Rebuilding the same book replaces its own output.
    expect(octavo(args, one).status).toBe(0)
    const run = octavo(args, two)
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(
      /same\.epub was not written: it holds the output of another book with the same title/,
    )
    expect(await readFile(nodePath.join(out, 'same.epub'))).toEqual(before)
  })
})
