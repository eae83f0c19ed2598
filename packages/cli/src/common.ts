/** Options and steps shared by the commands: loading a book from argv, and catching failures. */
import { type Book, type BookCache, type LoadResult, loadBook, OctavoError, type Person } from '@octavo/core'
import { EXIT, Reporter, reportOptions } from './report.js'

export interface CommonArgs {
  inputs?: string[]
  title?: string
  author?: string[]
  lang?: string
  encoding?: string
  plugin?: string[]
  strict?: boolean
  json?: boolean
  quiet?: boolean
  verbose?: boolean
  debug?: boolean
}

export function reporterFor(argv: CommonArgs): Reporter {
  return new Reporter(reportOptions(argv))
}

/** Load the book the arguments name, reporting its diagnostics. */
export async function loadFromArgs(
  argv: CommonArgs,
  reporter: Reporter,
  cache?: BookCache,
): Promise<Book | undefined> {
  const metadata: Record<string, unknown> = {}
  if (argv.title) metadata.title = argv.title
  if (argv.author?.length) metadata.authors = argv.author.map((name): Person => ({ name }))
  if (argv.lang) metadata.language = argv.lang
  reporter.progress('reading chapters…')
  const result: LoadResult = await loadBook(argv.inputs?.length ? argv.inputs : ['.'], {
    metadata,
    plugins: argv.plugin ?? [],
    ...(argv.encoding !== undefined ? { encoding: argv.encoding } : {}),
    ...(cache ? { cache } : {}),
  })
  reporter.diagnostics(result.diagnostics)
  return result.book
}

/**
 * Run a command body, turning failures into reports and exit codes: a user's mistake
 * (OctavoError) is one diagnostic line; anything else is our bug, with the stack under --debug.
 */
export async function guard(
  argv: CommonArgs,
  reporter: Reporter,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body()
  } catch (error) {
    reporter.clearProgress()
    if (error instanceof OctavoError) {
      reporter.diagnostics([error.diagnostic])
      return EXIT.errors
    }
    const err = error as Error
    if (argv.debug) process.stderr.write(`${err.stack ?? err}\n`)
    else
      process.stderr.write(
        `octavo: internal error: ${err.message} (run with --debug for details, and please report it)\n`,
      )
    return EXIT.errors
  }
}
