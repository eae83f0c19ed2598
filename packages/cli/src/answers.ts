/**
 * Writes dist/answers.json, the table fast.ts answers from, at build time: it runs the program's
 * yargs definition (program.ts) on each help request and each completion request it needs, and
 * records what yargs prints. Nothing in the table is written by hand, so it cannot drift from
 * the definition; test/fast.test.ts rebuilds it and checks the answers against yargs' own.
 *
 *   node dist/answers.js            (the build runs it)
 */
import { readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import yargs from 'yargs'
import { SHELLS } from './choices.js'
import type { AnswerTable, CompletionContext, OptionEntry, Shell } from './fast.js'
import { version } from './fast.js'
import { defineProgram } from './program.js'
import type { Grammar } from './usage.js'

/** Terminal widths whose help is tabulated: a pipe or a wide terminal (100) and the classic 80. */
export const WIDTHS = [80, 100]

/** The core's output formats, completed after `--format`. */
const formats = (await import('@octavo/core')).listRenderers().map((renderer) => renderer.name)

/** What the command line prints for `args`, run in this process as cli.ts runs it. */
export async function printed(args: string[], shell: Shell = 'bash', width = 100): Promise<string> {
  const log = console.log
  const saved = { SHELL: process.env.SHELL, ZSH_NAME: process.env.ZSH_NAME, LC_ALL: process.env.LC_ALL }
  process.env.SHELL = `/bin/${shell}`
  process.env.LC_ALL = 'en_US'
  delete process.env.ZSH_NAME
  try {
    const program = defineProgram(yargs(args), {
      version: version(),
      width,
      setExit: () => {},
      completing: args.includes('--get-yargs-completions'),
      formats,
    })
    // As on the command line, yargs prints with console.log; here the lines are kept instead.
    const lines: string[] = []
    console.log = (...parts: unknown[]) => lines.push(parts.join(' '))
    await program.exitProcess(false).parseAsync()
    return lines.join('\n')
  } finally {
    console.log = log
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}

/** The lines yargs completes for the words a shell sends. */
export async function completed(words: string[], shell: Shell): Promise<string[]> {
  const output = await printed(['--get-yargs-completions', ...words], shell)
  return output === '' ? [] : output.split('\n')
}

/** The key a completion line offers: `--out`, `--out:desc` (zsh), `--out\tdesc` (fish). */
function keyOf(line: string): string {
  return line.replace(/^--/, '').split(/\t|(?<!\\):/)[0]!
}

async function contextOf(prefix: string[]): Promise<CompletionContext> {
  const options = {} as Record<Shell, OptionEntry[]>
  for (const shell of SHELLS as Shell[]) {
    const entries: OptionEntry[] = []
    for (const line of await completed([...prefix, '--'], shell)) {
      const key = keyOf(line)
      const last = entries.at(-1)
      // `--no-x` right after `--x` is its negation (a boolean with a default), not an option.
      if (last && key === `no-${last.key}`) last.lines.push(line)
      else entries.push({ key, lines: [line] })
    }
    options[shell] = entries
  }
  const keys = options.bash.map((o) => o.key)
  const all = new Set(keys)
  const tokens: Record<string, string[]> = {}
  const choices: Record<string, string[]> = {}
  for (const key of keys) {
    // yargs also reads `--allowPlugins` for `--allow-plugins`.
    const camel = key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
    const names = camel === key ? [key] : [key, camel]
    const forms = [...names.flatMap((n) => [`--${n}`, `--no-${n}`]), ...(key.length === 1 ? [`-${key}`] : [])]
    for (const token of forms) {
      const left = new Set((await completed([...prefix, token, '--'], 'bash')).map(keyOf))
      tokens[token] = [...all].filter((k) => !left.has(k))
    }
    // After an option with choices yargs offers only them (fish: unescaped).
    const after = await completed([...prefix, `--${key}`, ''], 'fish')
    const commandLines = prefix.length === 1 ? (await completed([...prefix, ''], 'fish')).join('\n') : ''
    if (after.length && !after.some((line) => line.startsWith('-')) && after.join('\n') !== commandLines)
      choices[key] = after
  }
  return { options, tokens, choices }
}

/**
 * What a command accepts: the options its builder defines, as yargs holds them while the command
 * runs (read by a middleware on `CMD --help`, which runs no command body), and its positionals
 * from its usage line (`octavo build [inputs..]`).
 */
async function grammarOf(name: string, usage: string): Promise<Grammar | undefined> {
  // yargs holds these but does not type them.
  interface Options {
    boolean: string[]
    string: string[]
    array: string[]
    choices: Record<string, unknown[]>
    alias: Record<string, string[]>
  }
  let options: Options | undefined
  const log = console.log
  console.log = () => {}
  try {
    const program = defineProgram(yargs([name, '--help']), {
      version: version(),
      width: 100,
      setExit: () => {},
      completing: false,
    })
    // yargs hands middleware its instance too (untyped).
    const capture = (_argv: unknown, y: { getOptions(): Options }) => {
      options = y.getOptions()
    }
    program.middleware(capture as never, true)
    await program.exitProcess(false).parseAsync()
  } finally {
    console.log = log
  }
  // `help` and `completion` are yargs' own and run no middleware: the fast path leaves them to yargs.
  if (!options) return undefined
  const unique = (keys: string[]) => [...new Set(keys)].sort()
  const line = usage.split('\n')[0]!
  const positionals = [...line.matchAll(/([<[])([^\]>.]+)(\.\.)?[\]>]/g)].map(([, bracket, key, dots]) => ({
    name: key!,
    required: bracket === '<',
    variadic: dots !== undefined,
  }))
  const named = new Set(positionals.map((p) => p.name))
  const alias: Record<string, string[]> = {}
  for (const [key, aliases] of Object.entries(options.alias)) if (aliases.length) alias[key] = [...aliases]
  return {
    boolean: unique(options.boolean),
    string: unique(options.string.filter((key: string) => !named.has(key))),
    array: unique(options.array.filter((key: string) => !named.has(key))),
    choices: Object.fromEntries(
      Object.entries(options.choices).map(([key, values]) => [key, values.map(String)]),
    ),
    alias,
    positionals,
  }
}

export async function buildTable(): Promise<AnswerTable> {
  const app = 'octavo'
  const names = (await completed([app, ''], 'bash')).filter(Boolean)
  const commands: AnswerTable['commands'] = []
  for (const name of names) {
    const lines = {} as Record<Shell, string>
    for (const shell of SHELLS as Shell[]) {
      const line = (await completed([app, ''], shell)).find((l) => l === name || keyOf(l) === name)
      lines[shell] = line!
    }
    // A command with its own builder opens a context: no commands are offered inside it.
    const context = (await completed([app, name, 'zzz'], 'bash')).length === 0
    commands.push({ name, lines, context })
  }
  const contexts: Record<string, CompletionContext> = { '': await contextOf([app]) }
  for (const command of commands)
    if (command.context) contexts[command.name] = await contextOf([app, command.name])
  const help: AnswerTable['help'] = {}
  for (const width of WIDTHS) {
    const texts: Record<string, string> = { '': await printed(['--help'], 'bash', width) }
    for (const name of names) texts[name] = await printed([name, '--help'], 'bash', width)
    help[String(width)] = texts
  }
  const grammars: AnswerTable['grammars'] = {}
  for (const command of commands) {
    const grammar = await grammarOf(command.name, help['100']![command.name]!)
    if (grammar) grammars[command.name] = grammar
  }
  const scripts = {} as Record<Shell, string>
  for (const shell of SHELLS as Shell[]) scripts[shell] = await printed(['completion'], shell)
  const locales = readdirSync(path.join(path.dirname(fileURLToPath(import.meta.resolve('yargs'))), 'locales'))
    .map((file) => file.replace(/\.json$/, ''))
    .filter((locale) => !/^en(_|$)/.test(locale))
  return { locales, formats, help, scripts, commands, contexts, grammars }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = fileURLToPath(new URL('./answers.json', import.meta.url))
  writeFileSync(target, `${JSON.stringify(await buildTable())}\n`)
}
