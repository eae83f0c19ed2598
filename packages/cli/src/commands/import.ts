/**
 * `octavo import FILE [--out DIR]`: an EPUB, a whole-manuscript file or a download becomes a book
 * folder (Markdown chapters, its images, a commented book.yaml) to edit and rebuild. The core
 * makes the files (`importBook`); this writes them, and never over an existing file: if any
 * target exists, nothing is written and the command says which. The default folder is the
 * book's slug, beside the current folder.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import nodePath from 'node:path'
import { type CommonArgs, guard, loadFromArgs, reporterFor } from '../common.js'
import { EXIT } from '../report.js'
import { neverRunPlugins } from '../trust.js'

export interface ImportArgs extends CommonArgs {
  file: string
  out?: string
}

export async function importCommand(argv: ImportArgs): Promise<number> {
  const reporter = reporterFor({ ...argv, inputs: [argv.file] })
  return guard(argv, reporter, async () => {
    const book = await loadFromArgs({ ...argv, inputs: [argv.file] }, reporter, {
      bookPlugins: neverRunPlugins,
    })
    reporter.clearProgress()
    // A file that could not be read (a damaged EPUB) is not imported as an empty book.
    if (!book || reporter.errors > 0) {
      reporter.summary()
      return EXIT.errors
    }
    const { importBook } = await import('@octavo/core')
    const { slug, files } = await importBook(book.tree, book.env)
    const out = argv.out ?? slug
    const existing = files.map((f) => nodePath.join(out, f.path)).filter((p) => existsSync(p))
    if (existing.length > 0) {
      reporter.notice(
        `not importing: ${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ` and ${existing.length - 3} more` : ''} already exist${existing.length === 1 ? 's' : ''}; choose another --out`,
      )
      reporter.fail()
      reporter.summary()
      return EXIT.errors
    }
    for (const file of files) {
      const target = nodePath.join(out, file.path)
      mkdirSync(nodePath.dirname(target), { recursive: true })
      // `wx`: fail rather than replace a file that appeared since the check.
      writeFileSync(target, file.content, { flag: 'wx' })
    }
    const chapters = files.filter((f) => f.path.endsWith('.md')).length
    if (argv.json) reporter.json({ type: 'import', folder: out, files: files.map((f) => f.path) })
    else
      reporter.info(
        `wrote ${out}/ (${chapters} chapter file${chapters === 1 ? '' : 's'} and book.yaml); build it with: octavo build ${out}`,
      )
    reporter.summary()
    return reporter.exitCode()
  })
}
