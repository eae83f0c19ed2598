/**
 * Answers that need no parsing, before yargs loads: `--version`, `--help`, `help CMD`,
 * `CMD --help`, `completion [SHELL]`, the shell's completion requests and usage errors (usage.ts). They come from a table
 * (answers.json) that the build writes by running the program's own yargs definition
 * (answers.ts); anything the table does not cover exactly returns undefined and goes to yargs.
 * This module loads only node:fs, choices.ts and usage.ts, never yargs or the core.
 */
import { readFileSync } from 'node:fs'
import { SHELLS } from './choices.js'
import { type Grammars, usageError } from './usage.js'

export type Shell = 'bash' | 'zsh' | 'fish'

/** One option as yargs completes it: its key and its lines (`--key…`, then `--no-key…` if negatable). */
export interface OptionEntry {
  key: string
  lines: string[]
}

/** A command's options, as completion sees them once the command is named. */
export interface CompletionContext {
  /** Per shell, in yargs' order. */
  options: Record<Shell, OptionEntry[]>
  /** Option tokens yargs knows here (`--out`, `-o`, `--no-json`…) and the keys each rules out. */
  tokens: Record<string, string[]>
  /** Values completed after an option, by key (aliases included). */
  choices: Record<string, string[]>
}

export interface AnswerTable {
  /** Locales yargs has messages for, other than English: help is tabulated in English only. */
  locales: string[]
  /** The core's output formats when the table was written (completed after `--format`). */
  formats: string[]
  /** Help texts by wrap width, then by command ('' for the program). */
  help: Record<string, Record<string, string>>
  /** `octavo completion` script by shell. */
  scripts: Record<Shell, string>
  /** The program's commands: their completion lines by shell, and which ones open a context. */
  commands: { name: string; lines: Record<Shell, string>; context: boolean }[]
  /** '' for the program, else a command name. */
  contexts: Record<string, CompletionContext>
  /** What each command with options of its own accepts, to find usage errors (usage.ts). */
  grammars: Grammars
}

export interface Answer {
  stdout: string
  stderr: string
  code: number
}

export function version(): string {
  return (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version
}

/** The table next to this module; undefined when absent (a build without it just goes slower). */
export function readTable(): AnswerTable | undefined {
  try {
    return JSON.parse(readFileSync(new URL('./answers.json', import.meta.url), 'utf8')) as AnswerTable
  } catch {
    return undefined
  }
}

const ok = (stdout: string): Answer => ({ stdout, stderr: '', code: 0 })

/**
 * The answer to `octavo ...args`, or undefined to let yargs answer. `columns` is the terminal's
 * width (undefined when not a terminal). OCTAVO_CLI_FAST=0 turns this off (tests compare both).
 */
export function answerFast(
  args: string[],
  env: Record<string, string | undefined>,
  columns: number | undefined,
  table?: AnswerTable,
): Answer | undefined {
  if (env.OCTAVO_CLI_FAST === '0') return undefined
  if (args.length === 1 && (args[0] === '-V' || args[0] === '--version')) return ok(`${version()}\n`)
  const first = args[0]
  const helpAsked = first === 'help' || args.at(-1) === '--help' || args.at(-1) === '-h'
  const usage = !helpAsked && first !== 'completion' && first !== '--get-yargs-completions'
  table ??= readTable()
  if (!table) return undefined
  // Usage errors, in English: yargs words its own in the user's language.
  if (usage) {
    if (!english(env, table.locales) || !table.grammars) return undefined
    const error = usageError(
      args,
      table.grammars,
      table.commands.map((c) => c.name),
      table.formats,
    )
    return error && { stdout: '', ...error }
  }
  if (first === '--get-yargs-completions') {
    const lines = complete(table, args.slice(1), shellOf(env))
    return lines && ok(lines.map((line) => `${line}\n`).join(''))
  }
  if (first === 'completion') {
    if (args.length > 2) return undefined
    const named = args[1]
    if (named === undefined) return ok(`${table.scripts[scriptShell(env)]}\n`)
    if (named.startsWith('-')) return undefined
    if (!SHELLS.includes(named))
      return {
        stdout: '',
        stderr: `octavo: no completion for "${named}"; choose one of: ${SHELLS.join(', ')}\n`,
        code: 2,
      }
    return ok(`${table.scripts[named as Shell]}\n`)
  }
  // Help: `help`, `help CMD`, `-h`, `--help`, `CMD -h`, `CMD --help`, in English.
  if (!english(env, table.locales)) return undefined
  const texts = table.help[String(Math.min(100, columns || 100))]
  if (!texts) return undefined
  let command: string | undefined
  if (args.length === 1) command = ''
  else if (args.length === 2) command = first === 'help' ? args[1] : first
  if (command === undefined || command.startsWith('-')) return undefined
  return Object.hasOwn(texts, command) ? ok(`${texts[command]}\n`) : undefined
}

/** yargs' own choice of locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), and whether it speaks English. */
function english(env: Record<string, string | undefined>, locales: string[]): boolean {
  const locale = (env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || 'en_US').replace(/[.:].*/, '')
  return !locales.includes(locale) && !locales.includes(locale.split('_')[0]!)
}

/** The script `octavo completion` writes: yargs tests zsh before fish. */
function scriptShell(env: Record<string, string | undefined>): Shell {
  if (env.SHELL?.includes('zsh') || env.ZSH_NAME?.includes('zsh')) return 'zsh'
  return env.SHELL?.includes('fish') ? 'fish' : 'bash'
}

/** The form of completion answers: yargs tests fish before zsh. */
function shellOf(env: Record<string, string | undefined>): Shell {
  if (env.SHELL?.includes('fish')) return 'fish'
  return env.SHELL?.includes('zsh') || env.ZSH_NAME?.includes('zsh') ? 'zsh' : 'bash'
}

/**
 * What yargs' default completion answers for the words the shell sends (the program's name, the
 * words before the cursor, the word under it), or undefined where the table cannot say exactly.
 */
export function complete(table: AnswerTable, words: string[], shell: Shell): string[] | undefined {
  // bash and zsh send the program's name first, fish does not; an empty line sends no word.
  const current = words.at(-1) ?? ''
  const before = words.slice(0, -1)
  const commands = new Map(table.commands.map((c) => [c.name, c]))
  // The first command named opens its context; two, or one without options of its own, go to yargs.
  const named = words.filter((word) => commands.has(word))
  if (named.length > 1 || (named.length === 1 && !commands.get(named[0]!)!.context)) return undefined
  const context = table.contexts[named[0] ?? '']!
  // Without the program's name first (fish), yargs runs the line as a command, and reads a bare
  // `help` as --help there.
  if (words[0] !== undefined && table.contexts['']!.options.bash.some((o) => o.key === words[0]))
    return undefined
  // Every option word before the cursor must be one yargs is known to read this way.
  for (const word of before) {
    if (word.startsWith('-') && !Object.hasOwn(context.tokens, word)) return undefined
    if (/^-(-help|h|-version|V)$/.test(word)) return undefined
  }
  if (/^-(-help|h|-version|V)$/.test(current)) return undefined

  // The value of an option with choices: the word before the cursor, or the one under it.
  let previous = current
  let filter = ''
  if (!previous.startsWith('-') && words.length > 1) {
    filter = previous
    previous = words.at(-2)!
  }
  const key = previous.replace(/^-+/, '')
  const choices =
    words.length && previous.startsWith('-') && Object.hasOwn(context.choices, key)
      ? context.choices[key]!.filter((c) => !filter || c.startsWith(filter))
      : undefined
  if (choices?.length) return shell === 'fish' ? choices : choices.map((c) => c.replace(/:/g, '\\:'))

  const out: string[] = []
  if (!current.startsWith('-') && named[0] !== current) {
    if (!named.length)
      for (const command of table.commands) if (!words.includes(command.name)) out.push(command.lines[shell])
  }
  if (current.startsWith('-') || (current === '' && out.length === 0)) {
    const ruled = new Set(
      words.flatMap((word) => (Object.hasOwn(context.tokens, word) ? context.tokens[word]! : [])),
    )
    for (const { key, lines } of context.options[shell]) {
      if (ruled.has(key)) continue
      const short = !current.startsWith('--') && key.length === 1 && !/\d/.test(key)
      for (const line of lines) out.push(short ? line.slice(1) : line)
    }
  }
  return out
}
