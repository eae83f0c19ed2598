/**
 * The one definition of the `octavo` command line: commands, options, help texts, completion.
 * cli.ts runs it with yargs; the build runs it too (answers.ts) to write the table that answers
 * `--help`, `help CMD` and shell completion without loading yargs (fast.ts). Command bodies are
 * imported when they run, so defining the program loads nothing but yargs and choices.ts.
 */
import type { Argv } from 'yargs'
import { FONTS, isTrimSize, normalizeTrim, parseFormats, SHELLS, TRIMS } from './choices.js'
import { EXIT } from './exit.js'
import { usageText, yargsMessage } from './usage.js'

export interface ProgramOptions {
  /** The version `--version` prints. */
  version: string
  /** Help text width: `Math.min(100, columns || 100)` on the command line. */
  width: number
  /** Takes each command's exit code. */
  setExit: (code: number) => void
  /**
   * A shell completion request is being answered: a custom trim typed so far is not added to the
   * named ones, so the values completed never depend on what was typed (answers.ts tabulates them).
   */
  completing: boolean
  /**
   * The built-in output formats (the core's renderer registry, tabulated at build time), offered
   * after `--format` while completing; never used to validate: a plugin's format is as good.
   */
  formats?: readonly string[]
  /** The words given, to tell a mistyped option from a stray word in a usage error. */
  args?: readonly string[]
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

/** `--format` must name something: `--format ,` is a mistake, not a request for nothing. */
function formatsGiven(argv: { format?: string[] }, setExit: (code: number) => void): boolean {
  if (parseFormats(argv.format ?? []).length > 0) return true
  process.stderr.write(
    'octavo: --format names no format: give epub, pdf, or a plugin’s (see `octavo formats`)\nRun `octavo --help` for usage.\n',
  )
  setExit(EXIT.usage)
  return false
}

/** The whole command line, defined on a yargs instance (which it returns, ready to parse). */
export function defineProgram<T>(
  yargs: Argv<T>,
  { version, width, setExit, completing, formats, args = [] }: ProgramOptions,
) {
  const formatChoices = completing && formats ? { choices: [...formats] } : {}
  return yargs
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
            describe: 'formats (see `octavo formats`: epub, pdf, kepub, print-cover, a plugin’s)',
            ...formatChoices,
          })
          .option('out', { alias: 'o', type: 'string', describe: 'output folder (default: current folder)' })
          .option('trim', {
            type: 'string',
            choices: TRIMS,
            // A custom size (7.2x10in, 178x254mm) is as valid as a name: it joins the choices
            // checked after coercion (the list shown and completed stays the named trims).
            coerce: (value: unknown) => {
              // Given twice, the last one counts; `--no-trim` is no trim.
              const last = Array.isArray(value) ? value.at(-1) : value
              const trim = typeof last === 'string' ? normalizeTrim(last) : undefined
              const choices = (
                y as unknown as { getOptions(): { choices: Record<string, unknown[]> } }
              ).getOptions().choices.trim
              if (!completing && trim && isTrimSize(trim) && choices && !choices.includes(trim))
                choices.push(trim)
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
          .example(
            '$0 build chapters/*.txt --title "My Serial" --author "A. Writer"',
            'zero-config from files',
          )
          .example('$0 build book.yaml -f epub -o dist', 'only the EPUB, into dist/')
          .example('$0 build -f pdf --open', 'build the PDF and show it'),
      async (argv) => {
        if (formatsGiven(argv, setExit))
          setExit(await (await import('./commands/build.js')).buildCommand(argv as never))
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
          ...formatChoices,
        }),
      async (argv) => {
        if (formatsGiven(argv, setExit))
          setExit(await (await import('./commands/check.js')).checkCommand(argv as never))
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
    .command(
      'import <file>',
      'turn an EPUB or a whole-manuscript file into a book folder (Markdown chapters + book.yaml)',
      (y) =>
        y
          .positional('file', { type: 'string', describe: 'the file to import (.epub, .md, .html, .txt…)' })
          .option('out', {
            alias: 'o',
            type: 'string',
            describe: 'folder to write (default: the book title’s slug)',
          })
          .option('encoding', { type: 'string', describe: 'encoding of a text file (default: detected)' })
          .example('$0 import novel.epub', 'write novel-title/ with chapters/*.md and book.yaml'),
      async (argv) => setExit(await (await import('./commands/import.js')).importCommand(argv as never)),
    )
    .command('help [command]', 'help for a command, as `octavo <command> --help`')
    .completion(
      'completion',
      `print a shell completion script (${SHELLS.join(', ')}): octavo completion bash`,
    )
    .demandCommand(1, 'name a command: build, init, check, stats, import or formats')
    .strict()
    .recommendCommands()
    .epilogue('Exit codes: 0 ok, 1 errors, 2 bad usage, 3 warnings under --strict.')
    .fail((message, error) => {
      // yargs' own errors (a failed `.check`) are usage errors; anything else is ours to surface.
      if (error && error.name !== 'YError') throw error
      process.stderr.write(usageText(yargsMessage(message || error?.message || 'bad usage', args)))
      process.exit(EXIT.usage)
    })
    .help()
    .alias('help', 'h')
    .version(version)
    .alias('version', 'V')
    .wrap(width)
}
