/**
 * Usage errors, worded once. yargs finds them on the slow path (program.ts's `fail` hands its
 * findings here to be worded); the fast path (`usageError`) finds the same ones from the answers
 * table's grammar, without loading yargs or the core, and gives up (undefined) on any command line
 * whose reading it is not sure of, so that yargs decides. test/usage.test.ts checks both say the
 * same on generated bad command lines. This module loads only node:fs and choices.ts.
 */
import { readFileSync, statSync } from 'node:fs'
import nodePath from 'node:path'
import { isTrimSize, KNOWN_OPTIONS, normalizeTrim, parseFormats, suggestOption } from './choices.js'
import { EXIT } from './exit.js'

/** What a command accepts, as its yargs definition says (tabulated by answers.ts). */
export interface Grammar {
  /** Option keys by kind, aliases included (`quiet`, `q`). */
  boolean: string[]
  string: string[]
  array: string[]
  /** Closed sets of values, by key. */
  choices: Record<string, string[]>
  /** A key's other names (`format` → `f`). */
  alias: Record<string, string[]>
  /** Its positionals, from its command line (`build [inputs..]`). */
  positionals: { name: string; required: boolean; variadic: boolean }[]
}

/** The lines a usage error prints on stderr, and where to look next. */
export function usageText(text: string): string {
  return `octavo: ${text}\nRun \`octavo --help\` for usage.\n`
}

/**
 * yargs' "Unknown arguments: a, b" as the user typed them: options with a suggestion (from the
 * options of every command), words as unexpected.
 */
export function unknownText(names: string[], args: readonly string[], command: string | undefined): string {
  return names
    .map((name) => {
      const dashes = name.length > 1 ? '--' : '-'
      const typed = args.some((arg) => arg === `${dashes}${name}` || arg.startsWith(`${dashes}${name}=`))
      if (!typed) return `unexpected argument "${name}"`
      if (KNOWN_OPTIONS.includes(name) && command)
        return `${dashes}${name} is not an option of \`octavo ${command}\``
      const guess = suggestOption(name, KNOWN_OPTIONS)
      return `unknown option ${dashes}${name}${guess ? ` (did you mean --${guess}?)` : ''}`
    })
    .join('; ')
}

/** A value outside an option's closed set, with the set. */
export function invalidText(key: string, given: string, choices: readonly string[]): string {
  const sizes = key === 'trim' ? ', or a size such as 7x10in or 178x254mm' : ''
  return `--${key} ${JSON.stringify(given)} is not one of: ${choices.join(', ')}${sizes}`
}

/**
 * yargs' validation message as printed: unknown arguments and invalid values reworded, the rest
 * as yargs says it, on one line.
 */
export function yargsMessage(message: string, args: readonly string[]): string {
  const command = args.find((arg) => !arg.startsWith('-'))
  const unknown = /^Unknown arguments?: (.+)$/.exec(message)
  if (unknown) return unknownText(unknown[1]!.split(', '), args, command)
  if (message.startsWith('Invalid values:')) {
    const parts = [...message.matchAll(/Argument: (\S+), Given: (".*?"|\S+), Choices: (.*)$/gm)].map(
      ([, key, given, choices]) =>
        invalidText(
          key!,
          given!.startsWith('"') ? (JSON.parse(given!) as string) : given!,
          choices!.split(', ').map((choice) => JSON.parse(choice) as string),
        ),
    )
    if (parts.length) return parts.join('; ')
  }
  return message.replace(/\n\s*/g, ' ')
}

/** The message for formats no renderer takes. */
export function unknownFormatText(format: string, known: readonly string[]): string {
  return `octavo: unknown format "${format}"; known: ${known.join(', ')} (see \`octavo formats\`)\n`
}

/**
 * Whether the build's formats can be checked before the book is read: no `--plugin`, and no
 * book.yaml the inputs lead to that could name a plugin (one that mentions "plugin" anywhere
 * might; one that does not cannot). Plugins may add formats, so otherwise the check waits.
 */
export function formatsKnowable(
  inputs: readonly string[] | undefined,
  plugins: readonly string[] | undefined,
): boolean {
  if (plugins?.length) return false
  const list = inputs?.length ? inputs : ['.']
  const manifests: string[] = []
  for (const input of list) {
    if (/\.ya?ml$/i.test(input)) manifests.push(input)
    else if (isFolder(input))
      manifests.push(nodePath.join(input, 'book.yaml'), nodePath.join(input, 'book.yml'))
  }
  for (const file of manifests) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      return false
    }
    if (/plugin|\\/i.test(text)) return false
  }
  return true
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** The first `--format` value no built-in renderer takes, when that can be known before reading. */
export function unknownFormat(
  argv: { format?: string[]; inputs?: string[]; plugin?: string[] },
  known: readonly string[],
): string | undefined {
  const unknown = parseFormats(argv.format ?? []).find((format) => !known.includes(format))
  return unknown !== undefined && formatsKnowable(argv.inputs, argv.plugin) ? unknown : undefined
}

export interface UsageAnswer {
  stderr: string
  code: number
}

/** The program's commands (yargs' `getCommands()`), by name. */
export type Grammars = Record<string, Grammar>

/**
 * The usage error yargs would report for `args` (or that `build` reports before reading, for an
 * unknown format), or undefined when there is none or the reading is not certain. `formats` are
 * the built-in renderers. A command line this declines is parsed by yargs as before.
 */
export function usageError(
  args: readonly string[],
  grammars: Grammars,
  commands: readonly string[],
  formats: readonly string[],
): UsageAnswer | undefined {
  const fail = (text: string): UsageAnswer => ({ stderr: usageText(text), code: EXIT.usage })
  const command = args[0]
  if (command === undefined || command.startsWith('-')) return undefined
  if (args.some((arg) => arg === '--' || arg === '-' || /^-\d/.test(arg))) return undefined
  const grammar = Object.hasOwn(grammars, command) ? grammars[command] : undefined
  if (!grammar) {
    if (commands.includes(command) || args.length > 1) return undefined
    // yargs: the closest command within 3 edits, longest names first; else an unknown argument.
    let best: string | undefined
    let bestDistance = Number.POSITIVE_INFINITY
    for (const candidate of [...commands].sort((a, b) => b.length - a.length)) {
      const d = levenshtein(command, candidate)
      if (d <= 3 && d < bestDistance) {
        bestDistance = d
        best = candidate
      }
    }
    return fail(best ? `Did you mean ${best}?` : unknownText([command], args, undefined))
  }

  const keyOf = new Map<string, string>()
  for (const key of [...grammar.boolean, ...grammar.string, ...grammar.array]) keyOf.set(key, key)
  for (const [key, aliases] of Object.entries(grammar.alias))
    for (const alias of aliases) keyOf.set(alias, key)
  const kind = (key: string) =>
    grammar.array.includes(key) ? 'array' : grammar.string.includes(key) ? 'string' : 'boolean'
  const unknown: string[] = []
  const given = new Map<string, string[]>()
  const positionals: string[] = []
  const isFlag = (arg: string | undefined) => arg?.startsWith('-') === true
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!
    if (!isFlag(arg)) {
      positionals.push(arg)
      continue
    }
    const m = /^(?:--([^=]+)|-([^-=]))(?:=(.*))?$/s.exec(arg)
    if (!m) return undefined
    const name = (m[1] ?? m[2])!
    const attached = m[3]
    // camelCase and unknown hyphenated names have more than one reading: yargs decides.
    if (/[A-Z]/.test(name)) return undefined
    if (/^(help|h|version|V)$/.test(name)) return undefined
    if (name.startsWith('no-')) {
      const key = keyOf.get(name.slice(3))
      if (attached !== undefined || key === undefined || kind(key) !== 'boolean') return undefined
      continue
    }
    const key = keyOf.get(name)
    if (key === undefined) {
      if (name.includes('-')) return undefined
      if (!unknown.includes(name)) unknown.push(name)
      // An unknown option takes the word after it as its value, as yargs-parser reads it.
      if (attached === undefined && i + 1 < args.length && !isFlag(args[i + 1])) i++
      continue
    }
    const values = given.get(key) ?? []
    given.set(key, values)
    switch (kind(key)) {
      case 'boolean':
        if (attached !== undefined || /^(true|false)$/.test(args[i + 1] ?? '')) return undefined
        break
      case 'string':
        if (attached !== undefined) values.push(attached)
        else if (i + 1 < args.length && !isFlag(args[i + 1])) values.push(args[++i]!)
        else values.push('')
        break
      default:
        if (attached !== undefined) values.push(attached)
        while (i + 1 < args.length && !isFlag(args[i + 1])) values.push(args[++i]!)
    }
  }

  // Positionals beyond the command's are unknown arguments too; too few is its own error.
  const spec = grammar.positionals
  const variadic = spec.some((p) => p.variadic)
  const required = spec.filter((p) => p.required).length
  if (!variadic)
    for (const extra of positionals.slice(spec.length)) if (!unknown.includes(extra)) unknown.push(extra)
  // yargs counts the positionals first.
  if (positionals.length < required)
    return fail(`Not enough non-option arguments: got ${positionals.length}, need at least ${required}`)
  if (unknown.length) return fail(unknownText(unknown, args, command))

  // Checked in the order given, as yargs does.
  const invalid: string[] = []
  for (const [key, values] of given) {
    const choices = Object.hasOwn(grammar.choices, key) ? grammar.choices[key]! : undefined
    if (!choices || !values.length) continue
    if (values.length > 1) return undefined
    const value = key === 'trim' ? normalizeTrim(values[0])! : values[0]!
    if (choices.includes(value) || (key === 'trim' && isTrimSize(value))) continue
    invalid.push(invalidText(key, value, choices))
  }
  if (invalid.length) return fail(invalid.join('; '))

  if (command === 'build') {
    const format = unknownFormat(
      {
        format: given.get('format') ?? ['epub,pdf'],
        inputs: positionals,
        plugin: given.get('plugin') ?? [],
      },
      formats,
    )
    if (format !== undefined) return { stderr: unknownFormatText(format, formats), code: EXIT.usage }
  }
  return undefined
}

/** yargs' edit distance for command suggestions: Levenshtein, a transposition counting as one. */
function levenshtein(a: string, b: string): number {
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  const matrix: number[][] = []
  for (let i = 0; i <= b.length; i++) matrix[i] = [i]
  for (let j = 0; j <= a.length; j++) matrix[0]![j] = j
  for (let i = 1; i <= b.length; i++) {
    for (let j = 1; j <= a.length; j++) {
      const row = matrix[i]!
      const above = matrix[i - 1]!
      if (b[i - 1] === a[j - 1]) row[j] = above[j - 1]!
      else if (i > 1 && j > 1 && b[i - 2] === a[j - 1] && b[i - 1] === a[j - 2])
        row[j] = matrix[i - 2]![j - 2]! + 1
      else row[j] = Math.min(above[j - 1]! + 1, row[j - 1]! + 1, above[j]! + 1)
    }
  }
  return matrix[b.length]![a.length]!
}
