/** Options and steps shared by the commands: loading a book from argv, and catching failures. */
import { existsSync, statSync } from 'node:fs'
import nodePath from 'node:path'
import type { Book, LoadOptions, LoadResult, Person } from '@octavo/core'
import { EXIT, Reporter, reportOptions } from './report.js'

export interface CommonArgs {
  inputs?: string[]
  title?: string
  author?: string[]
  lang?: string
  /** `--chapters 23-40`: a part of the work (book.yaml `chapters-range:`). */
  chapters?: string
  encoding?: string
  plugin?: string[]
  strict?: boolean
  json?: boolean
  quiet?: boolean
  verbose?: boolean
  debug?: boolean
  color?: boolean
}

export function reporterFor(argv: CommonArgs): Reporter {
  const reporter = new Reporter(reportOptions(argv))
  reporter.bookLabel = bookLabel(argv.inputs)
  return reporter
}

/**
 * What a book-wide diagnostic names before the book is loaded: the book.yaml the inputs lead to,
 * or the folder (`./` for the current one), or the inputs as given.
 */
export function bookLabel(inputs: string[] | undefined): string {
  const list = inputs?.length ? inputs : ['.']
  if (list.length > 1) return list.join(' ')
  const input = list[0]!
  let folder: string | undefined
  try {
    if (statSync(input).isDirectory()) folder = input
  } catch {}
  if (folder === undefined) return input
  for (const name of ['book.yaml', 'book.yml']) {
    if (existsSync(nodePath.join(folder, name))) return folder === '.' ? name : nodePath.join(folder, name)
  }
  return folder === '.' ? './' : folder.endsWith('/') ? folder : `${folder}/`
}

/** Load the book the arguments name, reporting its diagnostics. */
export async function loadFromArgs(
  argv: CommonArgs,
  reporter: Reporter,
  extra: Pick<LoadOptions, 'cache' | 'bookPlugins' | 'outputFolder' | 'formats'> = {},
): Promise<Book | undefined> {
  const { loadBook } = await import('@octavo/core')
  const metadata: Record<string, unknown> = {}
  if (argv.title) metadata.title = argv.title
  if (argv.author?.length) metadata.authors = argv.author.map((name): Person => ({ name }))
  if (argv.lang) metadata.language = argv.lang
  if (argv.chapters) metadata.chaptersRange = argv.chapters
  await reporter.startLiveProgress()
  reporter.progress('reading chapters…')
  const result: LoadResult = await loadBook(argv.inputs?.length ? argv.inputs : ['.'], {
    metadata,
    plugins: argv.plugin ?? [],
    ...(argv.encoding !== undefined ? { encoding: argv.encoding } : {}),
    onProgress: (step) => reporter.step(step),
    ...extra,
  })
  reporter.clearProgress()
  if (result.book?.names) reporter.names = result.book.names
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
    const { OctavoError } = await import('@octavo/core')
    if (error instanceof OctavoError) {
      reporter.diagnostics([error.diagnostic])
      return EXIT.errors
    }
    const err = error as Error
    if (argv.debug) process.stderr.write(`${err.stack ?? err}\n`)
    else
      reporter.notice(`internal error: ${err.message} (run with --debug for details, and please report it)`)
    return EXIT.errors
  }
}
