/** `octavo build --watch` and `octavo completion`, run as a user runs them. */
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { cli, copyExample, octavo, tempDir } from './helpers.js'

/** Resolves once the output seen so far matches; the bound only stops a hung watcher. */
function waitForOutput(pattern: RegExp, output: () => string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; got:\n${output()}`)),
      500_000,
    )
    const check = () => {
      if (pattern.test(output())) {
        clearTimeout(timer)
        resolve()
      } else setTimeout(check, 50)
    }
    check()
  })
}

/** The command with `args` and `--watch`, started; `waitFor` resolves once its output matches. */
function watching(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [cli, ...args, '--watch'], { env })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  return { child, output: () => output, waitFor: (pattern: RegExp) => waitForOutput(pattern, () => output) }
}

describe('octavo build --watch', () => {
  it('rebuilds when a chapter changes, with the change in the new EPUB', async () => {
    const book = copyExample('web-serial')
    const out = tempDir()
    const { child, waitFor } = watching(
      ['build', book, '--title', 'W', '--author', 'A', '-f', 'epub', '--out', out],
      { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1700000000' },
    )
    try {
      // Edit only once the watcher is in place (it says so), or the change can go unseen.
      await waitFor(/watching .* for changes/)
      const chapter = path.join(book, '02-chapter-two.txt')
      writeFileSync(
        chapter,
        `${readFileSync(chapter, 'utf8')}\nA brand-new closing line, written while watching.\n`,
      )
      await waitFor(/rebuilt in \d+ ms/)
      const files = unzipSync(readFileSync(path.join(out, 'w.epub')))
      const text = Object.entries(files)
        .filter(([name]) => name.endsWith('.xhtml'))
        .map(([, bytes]) => strFromU8(bytes))
        .join('')
      expect(text).toContain('A brand-new closing line, written while watching.')
    } finally {
      child.kill('SIGINT')
    }
  })

  it('rebuilds a PDF after an edit byte for byte as a fresh build writes it', async () => {
    // A rebuild takes the last build's paragraph layouts (core: renderers/pdf/memo.ts); the
    // file must still be the one a build from scratch writes.
    const book = copyExample('web-serial')
    const out = tempDir()
    const env = { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1700000000' }
    const args = ['build', book, '--title', 'W', '--author', 'A', '-f', 'pdf']
    const { child, waitFor } = watching([...args, '--out', out], env)
    try {
      await waitFor(/watching .* for changes/)
      const chapter = path.join(book, '02-chapter-two.txt')
      const text = readFileSync(chapter, 'utf8').split('\n\n')
      // A paragraph added near the start: what follows it moves to other lines and pages.
      text.splice(
        2,
        0,
        'A new paragraph, long enough to take two or three lines of the page and push the rest of the chapter down by as many, written while watching.',
      )
      writeFileSync(chapter, text.join('\n\n'))
      await waitFor(/rebuilt in \d+ ms/)
    } finally {
      child.kill('SIGINT')
    }
    const fresh = tempDir()
    expect(spawnSync(process.execPath, [cli, ...args, '--out', fresh], { env }).status).toBe(0)
    const rebuilt = readFileSync(path.join(out, 'w.pdf'))
    expect(rebuilt.equals(readFileSync(path.join(fresh, 'w.pdf')))).toBe(true)
  })

  it('says a rebuild failed, never "rebuilt", when the book has an error', async () => {
    const book = tempDir()
    writeFileSync(path.join(book, 'book.yaml'), 'title: W\nauthor: A\nchapters: ["*.txt"]\n')
    writeFileSync(path.join(book, '01.txt'), 'Chapter 1\n\nWords.\n')
    const out = tempDir()
    const { child, output, waitFor } = watching(['build', book, '-f', 'epub', '--out', out], {
      ...process.env,
      NO_COLOR: '1',
      SOURCE_DATE_EPOCH: '1700000000',
      XDG_CONFIG_HOME: path.join(out, '.c'),
      XDG_STATE_HOME: path.join(out, '.s'),
    })
    try {
      // Edit only once the watcher is in place (it says so), or the change can go unseen.
      await waitFor(/watching .* for changes/)
      // A book.yaml that no longer parses: the rebuild fails.
      writeFileSync(path.join(book, 'book.yaml'), 'title: [unclosed\n')
      await waitFor(/rebuild failed/)
      expect(output()).not.toMatch(/rebuilt in/)
    } finally {
      child.kill('SIGINT')
    }
  })

  it('takes no change to the file its own output goes to for an edit (`--watch > build.log` in the book)', async () => {
    const book = copyExample('web-serial')
    const out = tempDir()
    const log = path.join(book, 'build.log')
    const fd = openSync(log, 'w')
    const child = spawn(
      process.execPath,
      [cli, 'build', book, '--title', 'W', '--author', 'A', '-f', 'epub', '--out', out, '--watch'],
      { env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1700000000' }, stdio: ['ignore', fd, fd] },
    )
    closeSync(fd)
    const output = () => readFileSync(log, 'utf8')
    const rebuilds = () => output().match(/rebuilt in \d+ ms/g)?.length ?? 0
    const epubText = () =>
      Object.entries(unzipSync(readFileSync(path.join(out, 'w.epub'))))
        .filter(([name]) => name.endsWith('.xhtml'))
        .map(([, bytes]) => strFromU8(bytes))
        .join('')
    try {
      await waitForOutput(/watching .* for changes/, output)
      const chapter = path.join(book, '02-chapter-two.txt')
      // Each edit is one rebuild; every rebuild writes to build.log, which must start none.
      for (const n of [1, 2, 3]) {
        writeFileSync(
          chapter,
          `${readFileSync(chapter, 'utf8')}\nEdit number ${n}, written while watching.\n`,
        )
        await waitForOutput(new RegExp(`(rebuilt in \\d+ ms[\\s\\S]*){${n}}`), output)
        await waitForOutput(/./, () => (epubText().includes(`Edit number ${n},`) ? 'y' : ''))
      }
      // A loop would rebuild again within its 80 ms debounce of the last line written; a second
      // without any change must see no rebuild at all.
      await new Promise((resolve) => setTimeout(resolve, 1000))
      expect(rebuilds()).toBe(3)
    } finally {
      child.kill('SIGINT')
    }
  })
})

describe('octavo completion', () => {
  it('prints a shell completion script naming the commands', () => {
    const run = octavo(['completion'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/###-begin-octavo-completions-###/)
    expect(run.stdout).toContain('octavo --get-yargs-completions')
  })
})
