/**
 * Usage errors answered before yargs loads (usage.ts) are yargs' own: on a generated set of bad
 * command lines, every one the fast path answers gets the message and exit code the program's
 * yargs definition gives (run in this process), the fast path answers most of them, and the built
 * binary says the same with the fast path on and off without loading yargs or the core (modules
 * counted, never timed).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import yargs from 'yargs'
import { buildTable } from '../src/answers.js'
import { type AnswerTable, answerFast, version } from '../src/fast.js'
import { defineProgram } from '../src/program.js'
import { modulesLoaded, octavo, tempDir } from './helpers.js'

let table: AnswerTable
const english = { LANG: 'en_US.UTF-8', LC_ALL: '' }
const folder = tempDir('octavo-usage-')
writeFileSync(path.join(folder, 'ch1.txt'), 'Chapter 1\n\nIt was early.\n')
mkdirSync(path.join(folder, 'with-plugins'))
writeFileSync(path.join(folder, 'with-plugins', 'book.yaml'), 'title: T\nplugins: [./x.mjs]\n')
const cwd = process.cwd()

beforeAll(async () => {
  table = await buildTable()
  // The format check looks for book.yaml where the inputs lead, as the binary does in its folder.
  process.chdir(folder)
}, 300_000)
afterAll(() => process.chdir(cwd))

class Exit extends Error {}

/** What the yargs definition prints on stderr for `args`, and the exit code, in this process. */
async function yargsSays(args: string[]): Promise<{ stderr: string; code: number }> {
  let stderr = ''
  let code = 0
  const saved = process.env.LC_ALL
  process.env.LC_ALL = 'en_US'
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk)
    return true
  })
  const exit = vi.spyOn(process, 'exit').mockImplementation((c) => {
    code = Number(c)
    throw new Exit()
  })
  try {
    await defineProgram(yargs(args), {
      version: version(),
      width: 100,
      setExit: (c) => {
        code = c
      },
      completing: false,
      args,
    })
      .exitProcess(false)
      .parseAsync()
  } catch (error) {
    if (!(error instanceof Exit)) throw error
  } finally {
    write.mockRestore()
    exit.mockRestore()
    process.env.LC_ALL = saved
  }
  return { stderr, code }
}

/** Bad (and a few good) pieces of command lines, combined two at a time after each command. */
const pieces = [
  ['--fromat', 'epub'],
  ['--fromat=epub'],
  ['--trim', 'banana'],
  ['--trim', 'A5'],
  ['--trim', '7.2x10in'],
  ['--trim', '40x50in'],
  ['--trim'],
  ['--font', 'comic'],
  ['--font', 'literata'],
  ['-z'],
  ['-f', 'epbu'],
  ['--format', 'epub,pdff'],
  ['--format=epub'],
  ['-o', 'out'],
  ['--title', 'X'],
  ['--author', 'A', 'B'],
  ['--plugin', 'x.mjs'],
  ['--no-json'],
  ['--no-trim'],
  ['--json', 'false'],
  ['--strict'],
  ['extra'],
  ['ch1.txt'],
  ['with-plugins'],
  ['--chapter', '1'],
  ['--allow-plugins'],
  ['--allowPlugins'],
  ['--open-it'],
  ['-q'],
  ['-qv'],
  ['--'],
  ['-h'],
]
const commands = ['build', 'check', 'stats', 'init', 'formats', 'import']
const lines: string[][] = []
for (const command of commands)
  for (const a of pieces) {
    lines.push([command, ...a])
    // Pairs after build (options with values, choices, formats); a few after import (a required
    // positional, few options); the other commands' grammars are alike.
    if (command === 'build' || (command === 'import' && pieces.indexOf(a) % 4 === 0))
      for (const b of pieces) if (a !== b) lines.push([command, ...a, ...b])
  }
lines.push(
  ...['biuld', 'buidl', 'chek', 'stat', 'fromats', 'imprt', 'bogus', 'x.txt', 'helpp'].map((w) => [w]),
)
lines.push(['bogus', 'x'], ['import'], ['import', 'a', 'b'], ['init', 'a', 'b'])

describe('usage errors', () => {
  it('the fast path says what yargs says, for every bad command line it answers', async () => {
    let answered = 0
    for (const args of lines) {
      const fast = answerFast(args, english, undefined, table)
      // Help (`-h` last) is fast.test.ts's.
      if (!fast || args.at(-1) === '-h') continue
      answered++
      expect({ stderr: fast.stderr, code: fast.code }, args.join(' ')).toEqual(await yargsSays(args))
      expect(fast.stdout).toBe('')
    }
    // Many lines are good ones (declined, rightly); the bad ones are answered, so this test
    // cannot pass by the fast path declining everything.
    expect(answered).toBeGreaterThan(lines.length / 3)
  }, 300_000)

  it('names the allowed values and the likely option', () => {
    const say = (...args: string[]) => answerFast(args, english, undefined, table)?.stderr
    expect(say('build', '--fromat', 'epub')).toContain('unknown option --fromat (did you mean --format?)')
    expect(say('build', '--trim', 'banana')).toContain('--trim "banana" is not one of: 5x8in,')
    expect(say('build', '--font', 'x')).toContain('literata, eb-garamond')
    expect(say('build', 'ch1.txt', '--format', 'epbu')).toBe(
      'octavo: unknown format "epbu"; known: epub, kepub, pdf, print-cover (see `octavo formats`)\n',
    )
    expect(say('biuld')).toContain('Did you mean build?')
    expect(say('stats', '--trim', 'a5')).toContain('--trim is not an option of `octavo stats`')
    expect(say('formats', 'extra')).toContain('unexpected argument "extra"')
    // A plugin (named, or possibly in book.yaml) may add the format: the build decides.
    expect(
      answerFast(['build', '-f', 'epbu', '--plugin', 'x.mjs'], english, undefined, table),
    ).toBeUndefined()
    expect(answerFast(['build', 'with-plugins', '-f', 'epbu'], english, undefined, table)).toBeUndefined()
    // Good lines, other languages and readings yargs alone can make go to yargs.
    expect(answerFast(['build', 'ch1.txt', '-f', 'epub'], english, undefined, table)).toBeUndefined()
    expect(answerFast(['build', '--fromat'], { LANG: 'de_DE.UTF-8' }, undefined, table)).toBeUndefined()
    expect(answerFast(['build', '-qz'], english, undefined, table)).toBeUndefined()
  })

  it('the built binary says the same with and without the fast path, without yargs or the core', () => {
    for (const args of [
      ['build', '--fromat', 'epub'],
      ['build', '--trim', 'banana'],
      ['build', 'ch1.txt', '--format', 'epbu'],
      ['biuld'],
    ]) {
      const run = (env: Record<string, string>) => octavo(args, { cwd: folder, env: { ...english, ...env } })
      const fast = run({})
      expect(fast.code).toBe(2)
      expect(fast).toEqual(run({ OCTAVO_CLI_FAST: '0' }))
      const { run: counted, modules } = modulesLoaded(args, english)
      expect(counted.status).toBe(2)
      expect(modules.some((url) => url.endsWith('/cli/src/usage.ts'))).toBe(true)
      expect(modules.filter((url) => /yargs|@octavo\/core|packages\/core/.test(url))).toEqual([])
    }
  })
})
