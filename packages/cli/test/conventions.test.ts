/**
 * CLI conventions (issue 13, item 5), checked against pandoc, npm and remark-cli, on the built
 * binary: help and version flags, `help CMD`, suggestions for a mistyped flag, invalid values as
 * usage errors with the allowed ones, colour switches, a closed pipe, completion for three
 * shells, and the flag values kept equal to the core's tables.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FONTS, SHELLS, TRIMS } from '../src/choices.js'
import { bundleMeta, cli, modulesLoaded, octavo, repo } from './helpers.js'

const book = mkdtempSync(path.join(tmpdir(), 'octavo-conventions-'))
for (let i = 1; i <= 40; i++)
  writeFileSync(path.join(book, `${String(i).padStart(2, '0')}.txt`), `Chapter ${i}\n\nWords.\n`)

describe('help and version', () => {
  it('-h and --help print usage; `help build` is `build --help`', () => {
    for (const flag of ['-h', '--help']) {
      const run = octavo([flag])
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/octavo <command> \[options\]/)
    }
    const help = octavo(['help', 'build'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^octavo build \[inputs\.\.\]/)
    expect(help.stdout).toContain('--allow-plugins')
    expect(help.stderr).not.toMatch(/Did you mean/)
  })

  it('-V and --version print the version without loading the core', () => {
    for (const flag of ['-V', '--version']) {
      const run = octavo([flag])
      expect(run.code).toBe(0)
      expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
    }
    // Counted, not timed: the modules cli.js loads before a command runs (its static imports,
    // followed through the bundle's chunks) never include the core, inlined or imported.
    const { outputs } = bundleMeta()
    const seen = new Set<string>()
    const walk = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const inputs = Object.keys(outputs[path.relative(path.dirname(path.dirname(cli)), file)]?.inputs ?? {})
      expect(inputs.filter((input) => /core\//.test(input))).toEqual([])
      for (const m of readFileSync(file, 'utf8').matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm)) {
        const spec = m[1]!
        expect(spec, `${file} imports the core up front`).not.toMatch(/^@octavo\/core/)
        if (spec.startsWith('.')) walk(path.resolve(path.dirname(file), spec))
      }
    }
    walk(cli)
    expect(seen.size).toBeGreaterThan(3)
  })

  it('-V and --version answer before yargs (most of the start-up) is loaded', () => {
    // Counted, not timed: a module hook records every module the process resolves.
    const loaded = (args: string[]) => modulesLoaded(args)
    for (const flag of ['-V', '--version']) {
      const { run, modules } = loaded([flag])
      expect(run.status).toBe(0)
      expect(run.stdout).toBe(octavo(['build', '--version']).stdout)
      expect(modules.some((url) => url.endsWith('/dist/cli.js'))).toBe(true)
      expect(modules.filter((url) => /yargs|@octavo\/core|packages\/core/.test(url))).toEqual([])
    }
    // The hook does see yargs where it is loaded: the count above can fail.
    expect(loaded(['build', '-qz']).modules.some((url) => /yargs/.test(url))).toBe(true)
  })
})

describe('usage errors (exit 2)', () => {
  it('a mistyped flag gets a suggestion', () => {
    const run = octavo(['build', book, '--fromat', 'epub'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/unknown option --fromat \(did you mean --format\?\)/)
  })

  it('invalid values of --trim and --font list the allowed ones', () => {
    const trim = octavo(['build', book, '--trim', 'banana'])
    expect(trim.code).toBe(2)
    expect(trim.stderr).toMatch(/--trim "banana" is not one of: .*6x9in/)
    const font = octavo(['build', book, '--font', 'garamond'])
    expect(font.code).toBe(2)
    expect(font.stderr).toMatch(/--font "garamond" is not one of: .*eb-garamond/)
  })

  it('accepts the usual spellings of a trim', () => {
    const run = octavo([
      'build',
      book,
      '--trim',
      '6 X 9 in',
      '-f',
      'epub',
      '-o',
      mkdtempSync(path.join(tmpdir(), 'o-')),
    ])
    expect(run.code, run.stderr).not.toBe(2)
  })

  it('accepts a named print trim and any custom size; not one too small to print', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'o-'))
    for (const trim of ['royal', '7x10in', '178x254mm', '7.2 x 10.1 in']) {
      const run = octavo(['build', book, '--trim', trim, '-f', 'epub', '-o', out])
      expect(run.code, `${trim}: ${run.stderr}`).not.toBe(2)
    }
    expect(octavo(['build', book, '--trim', '1x2in', '-f', 'epub', '-o', out]).code).toBe(2)
  })
})

describe('colour', () => {
  const esc = /\u001b\[/
  const missing = ['build', path.join(book, 'nope.txt')]
  it('off when not a terminal and with --no-color or NO_COLOR; on with --color or FORCE_COLOR', () => {
    expect(octavo(missing, { env: { NO_COLOR: '', FORCE_COLOR: '' } }).stderr).not.toMatch(esc)
    expect(octavo([...missing, '--color']).stderr).toMatch(esc)
    expect(octavo(missing, { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stderr).toMatch(esc)
    expect(
      octavo([...missing, '--no-color'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stderr,
    ).not.toMatch(esc)
    expect(octavo(missing, { env: { NO_COLOR: '1', FORCE_COLOR: '0' } }).stderr).not.toMatch(esc)
  })

  it('every style is closed with its own code (dim with 22, not 39)', () => {
    const run = octavo([...missing, '--color'])
    // picocolors closes dim (2) with 22 and colours with 39.
    for (const match of run.stderr.matchAll(/\u001b\[2m[^\u001b]*(\u001b\[\d+m)/g))
      expect(match[1]).toBe('\u001b[22m')
  })
})

describe('a closed pipe', () => {
  it('`octavo stats --json | head -1` (or a reader gone before the first line) ends quietly', () => {
    for (const reader of ['head -1', 'true']) {
      const run = spawnSync(
        'sh',
        ['-c', `"${process.execPath}" "${cli}" stats --json "${book}" | ${reader}`],
        {
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        },
      )
      if (reader === 'head -1') expect(run.stdout).toMatch(/^\{"type":/)
      expect(run.stderr).not.toMatch(/EPIPE|Error|at .+:\d+:\d+/)
    }
  })
})

describe('completion', () => {
  it.each(SHELLS)('`completion %s` prints a script for that shell', (shell) => {
    const run = octavo(['completion', shell])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('--get-yargs-completions')
    if (shell === 'fish') expect(run.stdout).toMatch(/complete -c octavo|complete .*-c octavo/)
    if (shell === 'zsh') expect(run.stdout).toMatch(/compdef/)
    if (shell === 'bash') expect(run.stdout).toMatch(/complete -o bashdefault -o default -F/)
  })

  it('an unknown shell is a usage error', () => {
    expect(octavo(['completion', 'tcsh']).code).toBe(2)
  })

  it('completes the values of --font and --trim', () => {
    const fonts = octavo(['--get-yargs-completions', 'octavo', 'build', '--font', ''], {
      env: { SHELL: '/bin/bash' },
    })
    expect(fonts.stdout.split('\n')).toEqual(expect.arrayContaining(FONTS))
    const trims = octavo(['--get-yargs-completions', 'octavo', 'build', '--trim', ''], {
      env: { SHELL: '/bin/bash' },
    })
    expect(trims.stdout.split('\n')).toEqual(expect.arrayContaining(TRIMS))
  })

  it('the flag values are the core’s', () => {
    // Read from the core's source: the CLI must not load the core to parse its arguments.
    const trim = readFileSync(path.join(repo, 'packages/core/src/renderers/pdf/trim.ts'), 'utf8')
    const table = /export const trimSizes = \{([^}]*)\}/.exec(trim)![1]!
    expect(TRIMS).toEqual([...table.matchAll(/^\s*'?([\w.-]+)'?:/gm)].map((m) => m[1]))
    const fonts = readFileSync(path.join(repo, 'packages/core/src/renderers/pdf/options.ts'), 'utf8')
    const union = /export type BuiltinFont = ([^\n]*)/.exec(fonts)![1]!
    expect(FONTS).toEqual([...union.matchAll(/'([^']+)'/g)].map((m) => m[1]))
  })
})
