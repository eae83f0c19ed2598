/** `octavo stats`: chapters, words and reading time, per chapter and in all. */
import { type CommonArgs, guard, loadFromArgs, reporterFor } from '../common.js'
import { EXIT } from '../report.js'
import { escapeForTerminal } from '../terminal.js'
import { neverRunPlugins } from '../trust.js'

const minutes = (m: number) =>
  m < 60 ? `${Math.max(1, Math.round(m))} min` : `${Math.floor(m / 60)} h ${Math.round(m % 60)} min`

export async function statsCommand(argv: CommonArgs): Promise<number> {
  const reporter = reporterFor({ ...argv, quiet: argv.quiet ?? true })
  return guard(argv, reporter, async () => {
    // Inspecting a book never runs its code: book.yaml's plugins are skipped.
    const book = await loadFromArgs(argv, reporter, { bookPlugins: neverRunPlugins })
    reporter.clearProgress()
    if (!book) return EXIT.errors
    const { bookStats } = await import('@octavo/core')
    const stats = bookStats(book)
    if (argv.json) {
      for (const c of stats.chapters) reporter.json({ type: 'chapter', ...c })
      reporter.json({
        type: 'book',
        chapters: stats.chapters.length,
        words: stats.words,
        minutes: stats.minutes,
      })
      return reporter.exitCode()
    }
    const width = Math.min(
      60,
      stats.chapters.reduce((w, c) => Math.max(w, c.title.length), 7),
    )
    process.stdout.write(`${'chapter'.padEnd(width)}  ${'words'.padStart(9)}  reading\n`)
    for (const c of stats.chapters) {
      const clean = escapeForTerminal(c.title)
      const title = clean.length > width ? `${clean.slice(0, width - 1)}…` : clean
      process.stdout.write(
        `${title.padEnd(width)}  ${c.words.toLocaleString('en-US').padStart(9)}  ${minutes(c.minutes)}\n`,
      )
    }
    process.stdout.write(
      `${`${stats.chapters.length} chapters`.padEnd(width)}  ${stats.words.toLocaleString('en-US').padStart(9)}  ${minutes(stats.minutes)}\n`,
    )
    return reporter.exitCode()
  })
}
