/**
 * The CLI under file-system faults, run as a user runs it: the built binary in a child process.
 * Unwritable outputs, a full disk (a 64 KiB tmpfs), processes killed mid-build, two builds racing,
 * and an output that would overwrite an input. Each must end in exit code 1 with a one-line
 * `io-write` style message and no stack trace, or in a complete file; never in a half-written
 * output or a leftover temporary file.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, watch } from 'node:fs'
import { chmod, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import nodePath from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanupTempDirs, epubProblems, isPdf, tempDir, writeTree } from './helpers.js'

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const HOME = nodePath.join(os.tmpdir(), `octavo-cli-home-${process.pid}`)
const ENV = {
  ...process.env,
  SOURCE_DATE_EPOCH: '1700000000',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  // The user's trust and output records are left alone.
  XDG_CONFIG_HOME: nodePath.join(HOME, 'config'),
  XDG_STATE_HOME: nodePath.join(HOME, 'state'),
}
const PREVIOUS = new TextEncoder().encode('PREVIOUS OUTPUT, MUST SURVIVE')
const mounts: string[] = []

afterAll(async () => {
  for (const m of mounts) spawnSync('umount', ['-l', m])
  await cleanupTempDirs()
})

beforeAll(() => {
  if (!existsSync(CLI))
    throw new Error(`build the CLI first: ${CLI} is missing (cd /work/main && pnpm -r run build)`)
})

interface Run {
  status: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

function octavo(args: string[], cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: ENV })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }))
  })
}

/** A clear failure: exit 1, an io-write line, no stack trace, not called an internal error. */
function expectCleanFailure(run: Run): void {
  expect(run.status, run.stderr).toBe(1)
  expect(run.stderr).toMatch(/io-write|could not write|not writable|no space/i)
  expect(run.stderr).not.toMatch(/^\s+at .+[:(].*\d+:\d+\)?$/m)
  expect(run.stderr).not.toMatch(/internal error/i)
}

const words = 'lantern harbour quill meadow ember cobalt thistle orchard vellum saffron gale ivy'.split(' ')

/** A book folder; `size` is roughly the number of words per chapter. */
async function makeBook(chapters = 3, size = 200, title = 'Robust Book'): Promise<string> {
  const dir = await tempDir('octavo-cli-book-')
  const files: Record<string, string> = {
    'book.yaml': `title: ${title}\nauthor: A. Writer\nlanguage: en\nchapters: ["ch-*.txt"]\n`,
  }
  let seed = 7
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
  for (let c = 1; c <= chapters; c++) {
    const paras: string[] = []
    for (let w = 0; w < size; w += 60) {
      paras.push(
        `${Array.from(
          { length: 60 },
          () => words[Math.floor(rnd() * words.length)]! + (rnd() < 0.05 ? `${Math.floor(rnd() * 1e6)}` : ''),
        ).join(' ')}.`,
      )
    }
    files[`ch-${String(c).padStart(3, '0')}.txt`] = `Chapter ${c}\n\n${paras.join('\n\n')}\n`
  }
  await writeTree(dir, files)
  return dir
}

async function temps(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.startsWith('.octavo-tmp-'))
}

async function canWriteDespiteMode(dir: string): Promise<boolean> {
  try {
    await writeFile(nodePath.join(dir, 'probe'), 'x')
    return true
  } catch {
    return false
  }
}

function tryMount(dir: string, options: string): boolean {
  const run = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' })
  if (run.status !== 0) return false
  mounts.push(dir)
  return true
}

describe('unwritable output', () => {
  it('--out under a regular file: exit 1, clear message', async () => {
    const book = await makeBook()
    const blocker = nodePath.join(await tempDir(), 'a-file')
    await writeFile(blocker, 'x')
    expectCleanFailure(await octavo(['build', book, '-f', 'epub', '--out', nodePath.join(blocker, 'out')]))
  })

  it('the target name is taken by a folder: exit 1, clear message, folder untouched', async () => {
    const book = await makeBook()
    const out = await tempDir()
    await writeTree(out, { 'robust-book.epub/keep.txt': 'keep' })
    expectCleanFailure(await octavo(['build', book, '-f', 'epub', '--out', out]))
    expect(await readFile(nodePath.join(out, 'robust-book.epub/keep.txt'), 'utf8')).toBe('keep')
    expect(await temps(out)).toEqual([])
  })

  it('a read-only folder (chmod 0555, or a read-only tmpfs when running as root): exit 1, clear message', async () => {
    const book = await makeBook()
    const out = await tempDir()
    await chmod(out, 0o555)
    if (await canWriteDespiteMode(out)) {
      // Root ignores the mode: use a file system mounted read-only instead.
      await chmod(out, 0o755)
      await import('node:fs/promises').then((f) => f.rm(nodePath.join(out, 'probe'), { force: true }))
      if (!tryMount(out, 'ro,size=64k')) {
        console.log('[skip] running as root and cannot mount a read-only tmpfs: read-only output not tested')
        return
      }
    }
    expectCleanFailure(await octavo(['build', book, '-f', 'epub', '--out', out]))
  })
})

describe('disk full', () => {
  it('a 64 KiB tmpfs: exit 1, clear message, previous output intact, no temp file', async () => {
    const out = await tempDir()
    if (!tryMount(out, 'size=64k')) {
      console.log('[skip] cannot mount a tmpfs (not root?): disk-full not tested')
      return
    }
    await writeFile(nodePath.join(out, 'robust-book.epub'), PREVIOUS)
    const book = await makeBook(4, 30_000)
    const run = await octavo(['build', book, '-f', 'epub', '--out', out])
    expectCleanFailure(run)
    expect(run.stderr).toMatch(/ENOSPC|no space/i)
    expect(new Uint8Array(await readFile(nodePath.join(out, 'robust-book.epub')))).toEqual(PREVIOUS)
    expect(await temps(out)).toEqual([])
  })
})

/** Start a build and send `signal` as soon as its temporary output file appears. */
async function killWhenWriting(
  book: string,
  out: string,
  signal: NodeJS.Signals,
  formats: string,
): Promise<{ run: Run; tempSeen: boolean }> {
  let child: ChildProcess | undefined
  let tempSeen = false
  const watcher = watch(out, (_event, name) => {
    if (!tempSeen && name?.toString().startsWith('.octavo-tmp-')) {
      tempSeen = true
      child?.kill(signal)
    }
  })
  const run = await new Promise<Run>((resolve) => {
    child = spawn(process.execPath, [CLI, 'build', book, '-f', formats, '--out', out], { env: ENV })
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (d) => (stdout += d))
    child.stderr!.on('data', (d) => (stderr += d))
    child.on('close', (status, sig) => resolve({ status, signal: sig, stdout, stderr }))
  })
  watcher.close()
  return { run, tempSeen }
}

describe('interrupted builds', () => {
  let book: string
  beforeAll(async () => {
    book = await makeBook(40, 6000)
  })

  it('SIGKILL while writing: previous output byte-identical (or the new one complete); next build leaves no temp', async () => {
    const out = await tempDir()
    await writeFile(nodePath.join(out, 'robust-book.pdf'), PREVIOUS)
    const { run, tempSeen } = await killWhenWriting(book, out, 'SIGKILL', 'pdf')
    console.log(
      `[figure] SIGKILL landed ${tempSeen ? 'while the temp file existed' : 'before any temp file (inconclusive)'}; signal ${run.signal}`,
    )
    expect(tempSeen, 'the kill should land while writing').toBe(true)
    expect(run.signal).toBe('SIGKILL')
    const after = new Uint8Array(await readFile(nodePath.join(out, 'robust-book.pdf')))
    if (!Buffer.from(after).equals(Buffer.from(PREVIOUS)))
      expect(isPdf(after), 'a replaced output must be complete').toBe(true)
    const next = await octavo(['build', book, '-f', 'epub', '--out', out])
    expect(next.status, next.stderr).toBe(0)
    expect(await temps(out)).toEqual([])
  })

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} while writing: no temp file at all, previous output intact or new one complete`, async () => {
      const out = await tempDir()
      await writeFile(nodePath.join(out, 'robust-book.pdf'), PREVIOUS)
      const { run, tempSeen } = await killWhenWriting(book, out, signal, 'pdf')
      expect(tempSeen).toBe(true)
      expect(
        run.status === 128 + (signal === 'SIGTERM' ? 15 : 2) || run.signal === signal,
        JSON.stringify(run),
      ).toBe(true)
      expect(await temps(out)).toEqual([])
      const after = new Uint8Array(await readFile(nodePath.join(out, 'robust-book.pdf')))
      if (!Buffer.from(after).equals(Buffer.from(PREVIOUS))) expect(isPdf(after)).toBe(true)
      expect(run.stderr).not.toMatch(/^\s+at .+\d+:\d+\)?$/m)
    })

    it(`${signal} during rendering (before writing): previous output intact, no temp`, async () => {
      const out = await tempDir()
      await writeFile(nodePath.join(out, 'robust-book.pdf'), PREVIOUS)
      const child = spawn(process.execPath, [CLI, 'build', book, '-f', 'pdf', '--out', out], { env: ENV })
      const closed = new Promise((resolve) => child.on('close', resolve))
      await new Promise((r) => setTimeout(r, 1200))
      child.kill(signal)
      await closed
      expect(await temps(out)).toEqual([])
      const after = new Uint8Array(await readFile(nodePath.join(out, 'robust-book.pdf')))
      if (!Buffer.from(after).equals(Buffer.from(PREVIOUS))) expect(isPdf(after)).toBe(true)
    })
  }
})

describe('concurrency and inputs', () => {
  it('two builds of the same book at once: both exit 0, the file equals a single build', async () => {
    const book = await makeBook(10, 3000)
    const single = await tempDir()
    const alone = await octavo(['build', book, '-f', 'epub', '--out', single])
    expect(alone.status, alone.stderr).toBe(0)
    const reference = await readFile(nodePath.join(single, 'robust-book.epub'))
    expect(epubProblems(reference)).toEqual([])
    const out = await tempDir()
    const [a, b] = await Promise.all([
      octavo(['build', book, '-f', 'epub', '--out', out]),
      octavo(['build', book, '-f', 'epub', '--out', out]),
    ])
    expect(a.status, a.stderr).toBe(0)
    expect(b.status, b.stderr).toBe(0)
    const final = await readFile(nodePath.join(out, 'robust-book.epub'))
    expect(final.equals(reference)).toBe(true)
    expect(await temps(out)).toEqual([])
  })

  it('an output path that is a symlink to a chapter is refused; the chapter is untouched', async () => {
    const book = await makeBook(2)
    const chapter = nodePath.join(book, 'ch-001.txt')
    const before = await readFile(chapter)
    await symlink(chapter, nodePath.join(book, 'robust-book.epub'))
    const run = await octavo(['build', book, '-f', 'epub', '--out', book])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/overwrite/i)
    expect((await readFile(chapter)).equals(before)).toBe(true)
  })

  it('an output named like a chapter file in the same folder (plugin format .txt) is refused', async () => {
    const book = await tempDir('octavo-cli-book-')
    await writeTree(book, {
      'book.yaml': 'title: Notes\nauthor: A\nchapters: [notes.txt]\nplugins: [./plain.mjs]\n',
      'notes.txt': 'Chapter 1\n\nThe only copy of my words.\n',
      'plain.mjs':
        "export default { name: 'plain', extension: '.txt', mediaType: 'text/plain', description: 'plain', async render() { return new TextEncoder().encode('OVERWRITTEN') } }\n",
    })
    const run = await octavo(['build', book, '-f', 'plain', '--allow-plugins', '--out', book])
    expect(run.status, run.stderr).toBe(1)
    expect(run.stderr).toMatch(/overwrite/i)
    expect(await readFile(nodePath.join(book, 'notes.txt'), 'utf8')).toBe(
      'Chapter 1\n\nThe only copy of my words.\n',
    )
    // Also from another working directory, with a relative --out.
    const again = await octavo(['build', '.', '-f', 'plain', '--allow-plugins', '--out', '.'], book)
    expect(again.status).toBe(1)
    expect(await readFile(nodePath.join(book, 'notes.txt'), 'utf8')).toBe(
      'Chapter 1\n\nThe only copy of my words.\n',
    )
  })

  it('a book that cannot build does not touch the previous output', async () => {
    const book = await tempDir('octavo-cli-book-')
    await writeTree(book, {
      'book.yaml': 'title: Robust Book\nauthor: A\nchapters: [ch.txt]\nseries: { number: two }\n',
      'ch.txt': 'Chapter 1\n\nWords.\n',
    })
    const out = await tempDir()
    await mkdir(out, { recursive: true })
    await writeFile(nodePath.join(out, 'robust-book.epub'), PREVIOUS)
    const run = await octavo(['build', book, '-f', 'epub', '--out', out])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/book\.yaml:\d+:\d+\s+error/)
    expect(new Uint8Array(await readFile(nodePath.join(out, 'robust-book.epub')))).toEqual(PREVIOUS)
  })
})
