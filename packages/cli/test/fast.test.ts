/**
 * The answers given before yargs loads (`--help`, `help CMD`, completion scripts, completion
 * requests) are yargs' own: the table in dist is what the program's definition yields today,
 * every request the fast path answers gets the lines yargs prints for it, the built binary says
 * the same with the fast path on and off, and the fast path loads neither yargs nor the core
 * (counted, not timed). Then the three shells' scripts, run by the shells themselves.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { listRenderers } from '@octavo/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { onPath } from '../../core/test/tools.js'
import { buildTable, completed, printed, WIDTHS } from '../src/answers.js'
import { FONTS, TRIMS } from '../src/choices.js'
import { type AnswerTable, answerFast, complete, type Shell } from '../src/fast.js'
import { cli, modulesLoaded, octavo } from './helpers.js'

let table: AnswerTable
beforeAll(async () => {
  table = await buildTable()
}, 300_000)

describe('the table', () => {
  it('is what the yargs definition yields now (the build wrote it; it cannot be stale)', () => {
    const built = JSON.parse(readFileSync(path.join(path.dirname(cli), 'answers.json'), 'utf8'))
    expect(built).toEqual(table)
  })

  it('holds every help page at each tabulated width, and the values of --trim and --font', () => {
    for (const width of WIDTHS) {
      expect(Object.keys(table.help[width]!).sort()).toEqual(
        ['', ...table.commands.map((c) => c.name)].sort(),
      )
    }
    expect(table.contexts.build!.choices.trim).toEqual(TRIMS)
    expect(table.contexts.build!.choices.font).toEqual(FONTS)
    // The formats are the core's renderer registry's, for build and check alike (and -f).
    const formats = listRenderers().map((renderer) => renderer.name)
    expect(formats).toEqual(expect.arrayContaining(['epub', 'pdf']))
    for (const command of ['build', 'check']) {
      expect(table.contexts[command]!.choices.format).toEqual(formats)
      expect(table.contexts[command]!.choices.f).toEqual(formats)
    }
  })
})

describe('help', () => {
  it('answers `-h`, `help CMD` and `CMD --help` with yargs’ text at each width, in English only', async () => {
    for (const width of WIDTHS) {
      const columns = width === 100 ? undefined : width
      expect(answerFast(['-h'], {}, columns, table)?.stdout).toBe(
        `${await printed(['--help'], 'bash', width)}\n`,
      )
      expect(answerFast(['help', 'build'], {}, columns, table)?.stdout).toBe(
        `${await printed(['build', '--help'], 'bash', width)}\n`,
      )
      expect(answerFast(['import', '--help'], {}, columns, table)?.stdout).toBe(
        `${await printed(['import', '--help'], 'bash', width)}\n`,
      )
    }
    // A terminal 120 wide wraps at 100, as yargs is told; other widths and languages go to yargs.
    expect(answerFast(['--help'], {}, 120, table)?.stdout).toBe(
      answerFast(['--help'], {}, undefined, table)?.stdout,
    )
    expect(answerFast(['--help'], {}, 72, table)).toBeUndefined()
    expect(answerFast(['--help'], { LANG: 'de_DE.UTF-8' }, undefined, table)).toBeUndefined()
    expect(answerFast(['--help'], { LANG: 'en_GB.UTF-8' }, undefined, table)).toBeDefined()
    expect(answerFast(['help', 'nonsense'], {}, undefined, table)).toBeUndefined()
    expect(answerFast(['help', 'constructor'], {}, undefined, table)).toBeUndefined()
    expect(answerFast(['build', 'x.txt', '--help'], {}, undefined, table)).toBeUndefined()
  })
})

describe('completion requests', () => {
  /** What the shell sends before the words: bash and zsh the program's name, fish nothing. */
  const lead = (shell: Shell) => (shell === 'fish' ? [] : ['octavo'])
  const commands = ['build', 'init', 'check', 'stats', 'formats', 'import', 'help', 'completion']
  const prefixes = [
    [],
    ...commands.map((c) => [c]),
    ['x.txt'],
    ['build', 'x.txt'],
    ['help', 'build'],
    ['stats', 'build'],
    ['--json'],
    ['build', '--json', '-q'],
    ['check', '--no-color'],
    ['build', '--allowPlugins'],
    ['build', '--trim', '7.2x10in'],
    ['build', '--trim', 'a5', '--trim', '6x9in'],
    ['build', '-f', 'epub', '-o', 'out'],
    ['build', '-f', 'epub,pdf'],
    ['check', '--format', 'kepub', '--format'],
    ['build', '--title', 'init'],
    ['build', '--'],
    ['build', '-V'],
    ['import', '-o', 'x'],
  ]
  const currents = [
    ...['', '-', '--', '--f', '--font', '--no-', 'b', 'build', '-q', '--json', '--allowPlugins'],
    '__proto__',
  ]

  /** Every request the fast path answers must get yargs' lines; returns how many it answered. */
  async function agree(requests: string[][], shell: Shell): Promise<number> {
    let answered = 0
    for (const words of requests) {
      const fast = complete(table, words, shell)
      if (fast === undefined) continue
      answered++
      expect(fast, `${shell}: ${JSON.stringify(words)}`).toEqual(await completed(words, shell))
    }
    return answered
  }

  it.each(['bash', 'zsh', 'fish'] as Shell[])(
    'commands and flags (%s) are yargs’ own',
    async (shell) => {
      const requests = prefixes.flatMap((prefix) =>
        currents.map((current) => [...lead(shell), ...prefix, current]),
      )
      // Fish sends no word for the one under the cursor when it is empty.
      if (shell === 'fish') requests.push(...prefixes.map((prefix) => prefix))
      expect(await agree(requests, shell)).toBeGreaterThan(requests.length / 2)
    },
    300_000,
  )

  it('the values after each option of each command are yargs’ own', async () => {
    const requests: string[][] = []
    for (const [name, context] of Object.entries(table.contexts)) {
      const tokens = Object.keys(context.tokens).filter((token) => !token.startsWith('--no-'))
      for (const token of tokens)
        for (const current of ['', 'a', 'lit', '6x9', '7.2x10in'])
          requests.push(['octavo', ...(name ? [name] : []), token, current])
    }
    expect(await agree(requests, 'bash')).toBeGreaterThan(requests.length / 2)
  }, 300_000)

  it('answers what people type without yargs: commands, flags, trims, fonts', () => {
    const typed: [Shell, string[]][] = [
      ['bash', ['octavo', '']],
      ['bash', ['octavo', 'b']],
      ['bash', ['octavo', 'build', '']],
      ['bash', ['octavo', 'build', '--']],
      ['bash', ['octavo', 'build', '--f']],
      ['bash', ['octavo', 'build', 'ch/*.txt', '-f', 'epub', '--']],
      ['bash', ['octavo', 'build', '--trim', '']],
      ['bash', ['octavo', 'build', '--trim', 'a']],
      ['bash', ['octavo', 'build', '--font', 'l']],
      ['bash', ['octavo', 'check', '--format', '']],
      ['zsh', ['octavo', 'check', '-']],
      ['zsh', ['octavo', 'build', '--trim', '']],
      ['fish', []],
      ['fish', ['build', '--']],
      ['fish', ['build', '--font']],
      ['fish', ['build', '--trim', 'a']],
    ]
    for (const [shell, words] of typed)
      expect(complete(table, words, shell), JSON.stringify(words)).toBeDefined()
    expect(complete(table, ['octavo', 'build', '--trim', 'a'], 'bash')).toEqual(['a5', 'a4', 'a-format'])
    // A word naming an Object property is a word like any other (yargs itself throws on this one).
    expect(complete(table, ['octavo', 'build', '--constructor'], 'bash')).toContain('--trim')
  })
})

/** The built binary, with the fast path on (as users run it) or off (yargs answers everything). */
const both = (args: string[], env: Record<string, string> = {}) => [
  octavo(args, { env }),
  octavo(args, { env: { ...env, OCTAVO_CLI_FAST: '0' } }),
]

describe('the built binary', () => {
  it.each(
    [
      ['-h'],
      ['--help'],
      ['help'],
      ['help', 'build'],
      ['check', '--help'],
      ['help', 'completion'],
      ['completion'],
      ['completion', 'bash'],
      ['completion', 'zsh'],
      ['completion', 'fish'],
      ['completion', 'tcsh'],
      ['--get-yargs-completions', 'octavo', 'build', '--trim', ''],
      ['--get-yargs-completions', 'octavo', ''],
    ].map((args) => [args.join(' '), args] as const),
  )('`octavo %s` says the same with and without the fast path', (_, args) => {
    const [fast, slow] = both(args)
    expect(fast).toEqual(slow)
  })

  it('follows $SHELL and the locale as yargs does', () => {
    for (const env of [{ SHELL: '/bin/zsh' }, { SHELL: '/usr/bin/fish' }]) {
      const [fast, slow] = both(['completion'], env)
      expect(fast).toEqual(slow)
      const [fastWords, slowWords] = both(['--get-yargs-completions', 'octavo', 'build', '--o'], env)
      expect(fastWords).toEqual(slowWords)
    }
    const [fast, slow] = both(['--help'], { LANG: 'de_DE.UTF-8', LC_ALL: '' })
    expect(fast).toEqual(slow)
  })

  it('answers help and completion without loading yargs or the core (modules counted)', () => {
    const loaded = (args: string[]) => {
      const { run, modules } = modulesLoaded(args, { SHELL: '/bin/bash', LANG: 'C.UTF-8', LC_ALL: '' })
      expect(run.status).toBe(0)
      return modules
    }
    const heavy = /yargs|@octavo\/core|packages\/core/
    for (const args of [
      ['--help'],
      ['help', 'build'],
      ['stats', '-h'],
      ['completion', 'zsh'],
      ['--get-yargs-completions', 'octavo', 'build', '--font', ''],
      ['--get-yargs-completions', 'octavo', 'build', '--'],
    ]) {
      const modules = loaded(args)
      expect(modules.some((url) => url.endsWith('/dist/cli.js'))).toBe(true)
      expect(
        modules.filter((url) => heavy.test(url)),
        args.join(' '),
      ).toEqual([])
    }
    // The hook does see yargs where it loads: the count above can fail.
    expect(
      loaded(['--get-yargs-completions', 'octavo', 'help', 'build', '-']).some((url) => /yargs/.test(url)),
    ).toBe(true)
  })
})

describe('the shells run the scripts', () => {
  /** A folder on PATH whose `octavo` is the built binary, as after `npm install -g`. */
  const bin = mkdtempSync(path.join(tmpdir(), 'octavo-bin-'))
  writeFileSync(path.join(bin, 'octavo'), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`)
  chmodSync(path.join(bin, 'octavo'), 0o755)
  const script = (shell: Shell) => {
    const file = path.join(bin, `octavo.${shell}`)
    writeFileSync(file, octavo(['completion', shell]).stdout)
    return file
  }
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, LANG: 'C.UTF-8', LC_ALL: '' }
  const run = (shell: string, code: string) => {
    const result = spawnSync(shell, ['-c', code], {
      encoding: 'utf8',
      env: { ...env, SHELL: `/bin/${shell}` },
    })
    expect(result.stderr).toBe('')
    return result.stdout.split('\n').filter(Boolean)
  }

  it('bash: commands, flags and flag values', () => {
    const file = script('bash')
    const reply = (...words: string[]) =>
      run(
        'bash',
        `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _octavo_yargs_completions; printf '%s\\n' "\${COMPREPLY[@]}"`,
      )
    expect(reply('octavo', 'b')).toEqual(['build'])
    expect(reply('octavo', 'build', '--fo').sort()).toEqual(['--font', '--format'])
    expect(reply('octavo', 'build', '--font', '')).toEqual(FONTS)
    expect(reply('octavo', 'build', '--trim', 'a')).toEqual(['a5', 'a4', 'a-format'])
    expect(reply('octavo', 'build', '-f', '')).toEqual(listRenderers().map((renderer) => renderer.name))
  })

  const zsh = onPath('zsh')
  if (!zsh) console.warn('zsh completion test skipped: install zsh (Debian package zsh)')
  it.skipIf(!zsh)('zsh: commands with their descriptions, flags and flag values', () => {
    const file = script('zsh')
    // The completion system's `_describe` and `compdef` stand in, printing what they are given.
    const reply = (...words: string[]) =>
      run(
        'zsh',
        `compdef() {}; _describe() { print -l -- "\${(@P)2}" }; _default() {}; source ${file}; words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; BUFFER="\${words[*]}"; CURSOR=\${#BUFFER}; _octavo_yargs_completions`,
      )
    expect(reply('octavo', '')).toContain('build:build the book (EPUB and PDF by default)')
    expect(reply('octavo', 'build', '--')).toContain(
      '--trim:PDF trim size: a name, or any size such as 7x10in or 178x254mm',
    )
    expect(reply('octavo', 'build', '--font', '')).toEqual(FONTS)
  })

  const fish = onPath('fish')
  if (!fish) console.warn('fish completion test skipped: install fish (Debian package fish)')
  it.skipIf(!fish)('fish: commands with their descriptions, flags and flag values', () => {
    const file = script('fish')
    const reply = (line: string) => run('fish', `source ${file}; complete -C '${line}'`)
    expect(reply('octavo ')).toContain('build\tbuild the book (EPUB and PDF by default)')
    expect(reply('octavo build --fo')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^--font\tPDF font$/)]),
    )
    // fish sorts what it offers.
    expect(reply('octavo build --font ')).toEqual([...FONTS].sort())
  })
})
