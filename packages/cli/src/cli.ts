#!/usr/bin/env node
/**
 * The `octavo` command. Thin by design (remark-cli is 43 lines): parse arguments with yargs, call
 * @octavo/core, report, set the exit code. Nothing about books lives here. The core is imported
 * by each command when it runs, never up front, so `--version`, `--help` and shell completion
 * answer at once.
 */
import { createRequire } from 'node:module'
import type { Argv } from 'yargs'
import { FONTS, isTrimSize, KNOWN_OPTIONS, normalizeTrim, SHELLS, suggestOption, TRIMS } from './choices.js'
import { parseFormats } from './commands/build.js'
import { importCommandModule } from './commands/import.js'
import { EXIT } from './report.js'

// `octavo stats --json | head -3`: a reader that stops early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok)
    throw error
  })
}

const bookOptions = <T>(y: Argv<T>) =>
  y
    .positional('inputs', {
      describe: 'book.yaml, a folder of chapters, or chapter files/globs',
      type: 'string',
      array: true,
    })
    .option('title', { type: 'string', describe: 'book title (overrides book.yaml)' })
    .option('author', { type: 'string', array: true, describe: 'author name (repeat for several)' })
    .option('lang', { type: 'string', describe: 'BCP 47 language, e.g. en-GB' })
    .option('chapters', {
      type: 'string',
      describe: 'build only these chapter numbers, e.g. 23-40 or 23- (overrides book.yaml chapters-range)',
    })
    .option('encoding', {
      type: 'string',
      describe: 'encoding of the chapter files, e.g. koi8-r, windows-1251, shift_jis (default: detected)',
    })
    .option('plugin', {
      type: 'string',
      array: true,
      describe: 'load a renderer/transform plugin (package or ./path.mjs)',
    })

let exitCode: number = EXIT.ok
const setExit = (code: number) => {
  exitCode = code
}

/** `--format` must name something: `--format ,` is a mistake, not a request for nothing. */
function formatsGiven(argv: { format?: string[] }): boolean {
  if (parseFormats(argv.format ?? []).length > 0) return true
  process.stderr.write(
    'octavo: --format names no format: give epub, pdf, or a plugin’s (see `octavo formats`)\nRun `octavo --help` for usage.\n',
  )
  setExit(EXIT.usage)
  return false
}

const version = () => (createRequire(import.meta.url)('../package.json') as { version: string }).version

// `octavo -V` answers before yargs loads (most of the start-up time): the same line and exit
// code as yargs' own `--version`, for the one form scripts and people type.
const given = process.argv.slice(2)
if (given.length === 1 && (given[0] === '-V' || given[0] === '--version')) {
  process.stdout.write(`${version()}\n`)
  process.exit(EXIT.ok)
}

const { default: yargs } = await import('yargs')
const { hideBin } = await import('yargs/helpers')
let args = hideBin(process.argv)
// `octavo help build` is `octavo build --help`, as with npm and git.
if (args[0] === 'help') args = args.length > 1 ? [...args.slice(1), '--help'] : ['--help']
// `octavo completion fish`: yargs picks the script by $SHELL, so name the shell for it.
if (args[0] === 'completion' && args[1] !== undefined && !args[1].startsWith('-')) {
  if (!SHELLS.includes(args[1])) {
    process.stderr.write(`octavo: no completion for "${args[1]}"; choose one of: ${SHELLS.join(', ')}\n`)
    process.exit(EXIT.usage)
  }
  process.env.SHELL = `/bin/${args[1]}`
  args = ['completion', ...args.slice(2)]
}

await yargs(args)
  .scriptName('octavo')
  .usage('$0 <command> [options]\n\nCompile a folder of chapters into an EPUB and a book-quality PDF.')
  .option('strict', { type: 'boolean', describe: 'warnings fail the command (exit 3); nothing is written' })
  .option('json', { type: 'boolean', describe: 'diagnostics and results as JSON lines on stdout' })
  .option('quiet', { alias: 'q', type: 'boolean', describe: 'only errors' })
  .option('verbose', { alias: 'v', type: 'boolean', describe: 'also info messages and progress lines' })
  .option('color', {
    type: 'boolean',
    describe: 'colour on stderr (default: on a terminal; FORCE_COLOR and NO_COLOR are honoured)',
  })
  .option('debug', { type: 'boolean', describe: 'stack traces for internal errors' })
  .command(
    'build [inputs..]',
    'build the book (EPUB and PDF by default)',
    (y) =>
      bookOptions(y)
        .option('format', {
          alias: 'f',
          type: 'string',
          array: true,
          default: ['epub,pdf'],
          describe: 'formats: epub, pdf, or a plugin’s',
        })
        .option('out', { alias: 'o', type: 'string', describe: 'output folder (default: current folder)' })
        .option('trim', {
          type: 'string',
          choices: TRIMS,
          // A custom size (7.2x10in, 178x254mm) is as valid as a name: it joins the choices
          // checked after coercion (the list shown and completed stays the named trims).
          coerce: (value: string | undefined) => {
            const trim = normalizeTrim(value)
            const choices = (
              y as unknown as { getOptions(): { choices: Record<string, unknown[]> } }
            ).getOptions().choices.trim
            if (trim && isTrimSize(trim) && choices && !choices.includes(trim)) choices.push(trim)
            return trim
          },
          describe: 'PDF trim size: a name, or any size such as 7x10in or 178x254mm',
        })
        .option('font', { type: 'string', choices: FONTS, describe: 'PDF font' })
        .option('allow-plugins', {
          type: 'boolean',
          describe: 'run the plugins book.yaml names (only needed for a folder not made by `octavo init`)',
        })
        .option('watch', { alias: 'w', type: 'boolean', describe: 'rebuild when a file changes' })
        .option('open', {
          type: 'boolean',
          describe: 'open each written file with the system viewer (OCTAVO_OPENER names another)',
        })
        .example('$0 build', 'build the book in this folder')
        .example('$0 build chapters/*.txt --title "My Serial" --author "A. Writer"', 'zero-config from files')
        .example('$0 build book.yaml -f epub -o dist', 'only the EPUB, into dist/')
        .example('$0 build -f pdf --open', 'build the PDF and show it'),
    async (argv) => {
      if (formatsGiven(argv)) setExit(await (await import('./commands/build.js')).buildCommand(argv as never))
    },
  )
  .command(
    'init [dir]',
    'write a book.yaml listing the chapters in a folder (or a sample book in an empty one)',
    (y) =>
      y
        .positional('dir', { type: 'string', describe: 'the book folder (default: here)' })
        .option('title', { type: 'string', describe: 'book title (asked on a terminal when not given)' })
        .option('author', {
          type: 'string',
          array: true,
          describe: 'author name (asked on a terminal when not given)',
        })
        .option('lang', { type: 'string', describe: 'BCP 47 language, e.g. en-GB (default: detected)' })
        .example('$0 init', 'adopt the chapters in this folder, or write a sample book')
        .example(
          '$0 init my-book --title "The Shore" --author "A. Writer"',
          'without questions, for scripts',
        ),
    async (argv) => setExit(await (await import('./commands/init.js')).initCommand(argv as never)),
  )
  .command(
    'check [inputs..]',
    'lint the manuscript and validate the built files (never runs the book’s plugins)',
    (y) =>
      bookOptions(y).option('format', {
        alias: 'f',
        type: 'string',
        array: true,
        default: ['epub'],
        describe: 'formats to render and validate',
      }),
    async (argv) => {
      if (formatsGiven(argv)) setExit(await (await import('./commands/check.js')).checkCommand(argv as never))
    },
  )
  .command(
    'stats [inputs..]',
    'chapters, words and reading time (never runs the book’s plugins)',
    (y) => bookOptions(y),
    async (argv) => setExit(await (await import('./commands/stats.js')).statsCommand(argv as never)),
  )
  .command(
    'formats',
    'list the output formats (built-in and from plugins)',
    (y) => y.option('plugin', { type: 'string', array: true, describe: 'load a plugin first' }),
    async (argv) => setExit(await (await import('./commands/formats.js')).formatsCommand(argv as never)),
  )
  .command(importCommandModule(setExit))
  .command('help [command]', 'help for a command, as `octavo <command> --help`')
  .completion('completion', `print a shell completion script (${SHELLS.join(', ')}): octavo completion bash`)
  .demandCommand(1, 'name a command: build, init, check, stats, import or formats')
  .strict()
  .recommendCommands()
  .epilogue('Exit codes: 0 ok, 1 errors, 2 bad usage, 3 warnings under --strict.')
  .fail((message, error) => {
    // yargs' own errors (a failed `.check`) are usage errors; anything else is ours to surface.
    if (error && error.name !== 'YError') throw error
    let text = message || error?.message || 'bad usage'
    const unknown = /^Unknown arguments?: (.+)$/.exec(text)
    if (unknown) {
      const known = KNOWN_OPTIONS
      text = unknown[1]!
        .split(', ')
        .map((name) => {
          const guess = suggestOption(name, known)
          return `unknown option ${name.length > 1 ? '--' : '-'}${name}${guess ? ` (did you mean --${guess}?)` : ''}`
        })
        .join('; ')
    }
    process.stderr.write(`octavo: ${text.replace(/\n\s*/g, ' ')}\nRun \`octavo --help\` for usage.\n`)
    process.exit(EXIT.usage)
  })
  .help()
  .alias('help', 'h')
  .version(version())
  .alias('version', 'V')
  .wrap(Math.min(100, process.stdout.columns || 100))
  .parseAsync()

process.exitCode = exitCode
