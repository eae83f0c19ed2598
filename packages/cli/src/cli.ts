#!/usr/bin/env node
/**
 * The `octavo` command. Thin by design (remark-cli is 43 lines): parse arguments with yargs, call
 * @octavo/core, report, set the exit code. Nothing about books lives here.
 */
import { createRequire } from 'node:module'
import yargs, { type Argv } from 'yargs'
import { hideBin } from 'yargs/helpers'
import { buildCommand } from './commands/build.js'
import { checkCommand } from './commands/check.js'
import { formatsCommand } from './commands/formats.js'
import { initCommand } from './commands/init.js'
import { statsCommand } from './commands/stats.js'
import { EXIT } from './report.js'

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

await yargs(hideBin(process.argv))
  .scriptName('octavo')
  .usage('$0 <command> [options]\n\nCompile a folder of chapters into an EPUB and a book-quality PDF.')
  .option('strict', { type: 'boolean', describe: 'warnings fail the command (exit 3)' })
  .option('json', { type: 'boolean', describe: 'diagnostics and results as JSON lines on stdout' })
  .option('quiet', { alias: 'q', type: 'boolean', describe: 'only errors' })
  .option('verbose', { alias: 'v', type: 'boolean', describe: 'also info messages and progress lines' })
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
          describe: 'PDF trim size: 5x8in 5.25x8in 5.5x8.5in 6x9in a5 b5 pocket a4 letter',
        })
        .option('font', {
          type: 'string',
          describe: 'PDF font: literata eb-garamond source-serif-4 crimson-pro',
        })
        .option('watch', { alias: 'w', type: 'boolean', describe: 'rebuild when a file changes' })
        .example('$0 build', 'build the book in this folder')
        .example('$0 build chapters/*.txt --title "My Serial" --author "A. Writer"', 'zero-config from files')
        .example('$0 build book.yaml -f epub -o dist', 'only the EPUB, into dist/'),
    async (argv) => setExit(await buildCommand(argv as never)),
  )
  .command(
    'init [dir]',
    'create a sample book that builds as it is',
    (y) => y.positional('dir', { type: 'string', describe: 'folder to create it in (default: here)' }),
    async (argv) => setExit(await initCommand(argv as never)),
  )
  .command(
    'check [inputs..]',
    'lint the manuscript and validate the built files',
    (y) =>
      bookOptions(y).option('format', {
        alias: 'f',
        type: 'string',
        array: true,
        default: ['epub'],
        describe: 'formats to render and validate',
      }),
    async (argv) => setExit(await checkCommand(argv as never)),
  )
  .command(
    'stats [inputs..]',
    'chapters, words and reading time',
    (y) => bookOptions(y),
    async (argv) => setExit(await statsCommand(argv as never)),
  )
  .command(
    'formats',
    'list the output formats (built-in and from plugins)',
    (y) => y.option('plugin', { type: 'string', array: true, describe: 'load a plugin first' }),
    async (argv) => setExit(await formatsCommand(argv as never)),
  )
  .completion('completion', 'print a shell completion script (bash/zsh)')
  .demandCommand(1, 'name a command: build, init, check, stats or formats')
  .strict()
  .recommendCommands()
  .epilogue('Exit codes: 0 ok, 1 errors, 2 bad usage, 3 warnings under --strict.')
  .fail((message, error) => {
    if (error) throw error
    process.stderr.write(`octavo: ${message}\nRun \`octavo --help\` for usage.\n`)
    process.exit(EXIT.usage)
  })
  .help()
  .version((createRequire(import.meta.url)('../package.json') as { version: string }).version)
  .wrap(Math.min(100, process.stdout.columns || 100))
  .parseAsync()

process.exitCode = exitCode
