/**
 * `octavo check`: lint the manuscript, render every format in memory (nothing is written), and
 * validate the EPUB with EPUBCheck when Java and the jar are installed (Debian's `epubcheck`, or
 * the jar named by OCTAVO_EPUBCHECK_JAR).
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import nodePath from 'node:path'
import { promisify } from 'node:util'
import type { Diagnostic } from '@octavo/core'
import { parseFormats } from '../choices.js'
import { type CommonArgs, guard, loadFromArgs, reporterFor } from '../common.js'
import { diagnosticCursor } from '../cursor.js'
import { EXIT } from '../report.js'
import { neverRunPlugins } from '../trust.js'

const run = promisify(execFile)

export interface CheckArgs extends CommonArgs {
  format: string[]
}

export async function checkCommand(argv: CheckArgs): Promise<number> {
  const reporter = reporterFor(argv)
  const code = await guard(argv, reporter, async () => {
    // Checking a book never runs its code: book.yaml's plugins are skipped (an info says so).
    const book = await loadFromArgs(argv, reporter, { bookPlugins: neverRunPlugins })
    if (!book) return EXIT.errors
    const { lintBook, render, OctavoError } = await import('@octavo/core')
    reporter.progress('linting…')
    reporter.diagnostics(lintBook(book).flatMap((f) => f.messages))
    // The quotes typography had to guess are info (a build does not warn about them), but
    // checking is where an author confirms them: show them here without --verbose.
    for (const file of book.files)
      for (const d of file.messages) if ((d.code as string) === 'typography-ambiguous-quote') reporter.show(d)
    const formats = parseFormats(argv.format)
    const cursor = diagnosticCursor(book)
    for (const format of formats) {
      reporter.progress(`rendering ${format} in memory…`)
      try {
        const bytes = await render(book, format)
        if (format === 'epub') reporter.diagnostics(await epubcheck(bytes, reporter.options.verbose))
      } catch (error) {
        // One format failing does not hide what the others find.
        if (!(error instanceof OctavoError)) throw error
        reporter.diagnostics([error.diagnostic])
      }
      reporter.diagnostics(cursor.next())
    }
    if (!reporter.options.json && reporter.errors === 0 && reporter.warnings === 0)
      reporter.info('no problems found')
    return reporter.exitCode()
  })
  reporter.summary()
  return code
}

/** Run EPUBCheck on EPUB bytes; its messages come back as diagnostics about the built book. */
async function epubcheck(bytes: Uint8Array, verbose: boolean): Promise<Diagnostic[]> {
  const jar = process.env.OCTAVO_EPUBCHECK_JAR ?? '/usr/share/java/epubcheck.jar'
  if (!existsSync(jar)) {
    return verbose
      ? [
          {
            code: 'validate-unavailable',
            level: 'info',
            message: `EPUBCheck not found at ${jar}; the EPUB was not validated`,
          },
        ]
      : []
  }
  const dir = await mkdtemp(nodePath.join(tmpdir(), 'octavo-check-'))
  try {
    const path = nodePath.join(dir, 'book.epub')
    await writeFile(path, bytes)
    const reportPath = nodePath.join(dir, 'report.json')
    try {
      // EPUBCheck exits non-zero when it finds errors; the JSON report is written either way.
      // The JVM's quick compiler only: a one-book check is mostly warm-up, and this halves its CPU.
      await run('java', ['-XX:TieredStopAtLevel=1', '-jar', jar, path, '--json', reportPath], {
        maxBuffer: 64 * 1024 * 1024,
      }).catch(() => undefined)
      await stat(reportPath)
    } catch (error) {
      return [
        {
          code: 'validate-unavailable',
          level: 'info',
          message: `EPUBCheck could not run: ${(error as Error).message}`,
        },
      ]
    }
    const report = JSON.parse(await readFile(reportPath, 'utf8')) as {
      messages: Array<{
        ID: string
        severity: string
        message: string
        locations: Array<{ path: string; line: number; column: number }>
      }>
    }
    return report.messages
      .filter((m) => m.severity === 'ERROR' || m.severity === 'FATAL' || m.severity === 'WARNING')
      .map((m) => {
        const where = m.locations[0]
        const d: Diagnostic = {
          code: m.severity === 'WARNING' ? 'validate-epub-warning' : 'validate-epub-error',
          level: m.severity === 'WARNING' ? 'warning' : 'error',
          message: `EPUBCheck ${m.ID}: ${m.message}`,
          source: 'epubcheck',
        }
        if (where) {
          d.file = `book.epub/${where.path}`
          if (where.line > 0) d.line = where.line
          if (where.column > 0) d.column = where.column
        }
        return d
      })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
