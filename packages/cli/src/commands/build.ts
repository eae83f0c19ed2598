/**
 * `octavo build`: load → render each format → write it atomically as soon as it is done →
 * report. Formats are independent: an error in one (or a crash in a plugin's renderer) never
 * stops another from being written, and the PDF, the slowest, comes last, so Ctrl-C during the
 * PDF keeps a finished EPUB. Optionally watch and rebuild.
 */

import { fstatSync, statSync, watch } from 'node:fs'
import { mkdir, realpath } from 'node:fs/promises'
import nodePath from 'node:path'
import type { Book, BookCache } from '@octavo/core'
import { parseFormats } from '../choices.js'
import { type CommonArgs, guard, loadFromArgs, reporterFor } from '../common.js'
import { diagnosticCursor } from '../cursor.js'
import { otherOwner, recordOwner } from '../owners.js'
import { EXIT, type Reporter } from '../report.js'
import { buildPluginPolicy } from '../trust.js'
import { unknownFormat, unknownFormatText } from '../usage.js'
import { sweepStaleTemps, writeAtomic } from '../write.js'

export interface BuildArgs extends CommonArgs {
  format: string[]
  out?: string
  trim?: string
  font?: string
  watch?: boolean
  allowPlugins?: boolean
  /** Open each written file with the system's viewer (the first build only, under --watch). */
  open?: boolean
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

const builtInFormats = (core: typeof import('@octavo/core')) => core.listRenderers().map((r) => r.name)

async function buildOnce(argv: BuildArgs, reporter: Reporter, cache?: BookCache): Promise<number> {
  const formats = parseFormats(argv.format)
  // A misspelt format is a usage error before anything is read, unless a plugin could add it.
  const unknown = unknownFormat(argv, builtInFormats(await import('@octavo/core')))
  if (unknown !== undefined) {
    process.stderr.write(unknownFormatText(unknown, builtInFormats(await import('@octavo/core'))))
    return EXIT.usage
  }
  const outDir = nodePath.resolve(argv.out ?? '.')
  const book = await loadFromArgs(argv, reporter, {
    ...(cache ? { cache } : {}),
    bookPlugins: buildPluginPolicy(argv.allowPlugins),
    outputFolder: outDir,
    // What the renders will need starts while the book loads (the EPUB's cover thread).
    formats,
  })
  if (!book || reporter.errors > 0) {
    if (reporter.errors > 0) reporter.notice(`nothing was written: ${plural(reporter.errors, 'error')}`)
    return EXIT.errors
  }
  const core = await import('@octavo/core')
  for (const format of formats) {
    if (!core.getRenderer(format)) {
      reporter.clearProgress()
      process.stderr.write(unknownFormatText(format, builtInFormats(core)))
      return EXIT.usage
    }
  }
  if (argv.strict && reporter.warnings > 0) {
    reporter.notice(`nothing was written: --strict, and ${plural(reporter.warnings, 'warning')} above`)
    return reporter.exitCode()
  }

  try {
    await mkdir(outDir, { recursive: true })
  } catch (error) {
    reporter.clearProgress()
    process.stderr.write(
      `${outDir}  error  could not create the output folder: ${(error as Error).message}  io-write\n`,
    )
    return EXIT.errors
  }
  await sweepStaleTemps(outDir)
  const isInput = inputCheck(book)
  const root = book.env.root ?? '.'
  const name = core.outputName(book.tree.metadata.title)
  const pdfOptions: Record<string, unknown> = {}
  if (argv.trim) pdfOptions.trim = argv.trim
  if (argv.font) pdfOptions.font = argv.font
  const volumes = await splitVolumes(book, pdfOptions, reporter, argv.debug)
  if (!volumes) return reporter.exitCode()
  if (volumes.length > 1 && argv.strict && reporter.warnings > 0) {
    reporter.notice(`nothing was written: --strict, and ${plural(reporter.warnings, 'warning')} above`)
    return reporter.exitCode()
  }
  const cursor = diagnosticCursor(book)
  const written: string[] = []
  for (const volume of volumes) {
    // Volume n of a split book is written as `<name>-n.<ext>`; an unsplit book as `<name>.<ext>`.
    const number = volume.tree.metadata.volume?.number
    const stem = number === undefined ? name : `${name}-${number}`
    for (const format of formats) {
      const renderer = core.getRenderer(format)!
      const target = nodePath.join(outDir, stem + renderer.extension)
      const shown = display(target)
      if (await isInput(target)) {
        reporter.clearProgress()
        process.stderr.write(`octavo: refusing to overwrite the input file ${shown}\n`)
        reporter.fail()
        continue
      }
      const owner = await otherOwner(target, root)
      if (owner) {
        reporter.notice(
          `${shown} was not written: it holds the output of another book with the same title (${owner}); build into another folder (--out) or change one title`,
        )
        reporter.fail()
        continue
      }
      reporter.progress(
        `rendering ${format}${number === undefined ? '' : ` (volume ${number} of ${volumes.length})`}…`,
      )
      const options: Record<string, unknown> = format === 'pdf' ? pdfOptions : {}
      const start = performance.now()
      let bytes: Uint8Array | undefined
      try {
        bytes = await core.render(volume, format, options)
      } catch (error) {
        if (error instanceof core.OctavoError) reporter.diagnostics([error.diagnostic])
        else {
          const err = error as Error
          if (argv.debug) process.stderr.write(`${err.stack ?? err}\n`)
          reporter.notice(
            `internal error in the ${format} renderer: ${err.message} (run with --debug for details, and please report it)`,
          )
          reporter.fail()
        }
      }
      const fresh = cursor.next()
      reporter.diagnostics(fresh)
      // Counted before de-duplication: an error the EPUB already reported still spoils the PDF.
      const errors = fresh.filter((d) => d.level === 'error').length
      const warnings = fresh.filter((d) => d.level === 'warning').length
      if (!bytes || errors > 0) {
        reporter.notice(`${shown} was not written${errors ? `: ${plural(errors, 'error')}` : ''}`)
        continue
      }
      if (argv.strict && warnings > 0) {
        reporter.notice(`${shown} was not written: --strict, and ${plural(warnings, 'warning')} above`)
        continue
      }
      reporter.progress(`writing ${nodePath.basename(target)}…`)
      try {
        await writeAtomic(target, bytes)
      } catch (error) {
        reporter.clearProgress()
        process.stderr.write(`${target}  error  could not write: ${(error as Error).message}  io-write\n`)
        reporter.fail()
        continue
      }
      await recordOwner(target, root)
      reporter.output(format, shown, bytes.byteLength, performance.now() - start)
      written.push(target)
    }
  }
  if (argv.open) {
    const { openFile } = await import('../open.js')
    for (const target of written) {
      const failure = await openFile(target)
      if (failure) reporter.notice(`could not open ${display(target)}: ${failure}`)
    }
  }
  return reporter.exitCode()
}

/**
 * The books to write: the book's volumes when book.yaml gives `volumes:` (decided once, for every
 * format), else the book itself. Undefined, with the reason reported, when no split can be made.
 */
async function splitVolumes(
  book: Book,
  pdf: Record<string, unknown>,
  reporter: Reporter,
  debug: boolean | undefined,
): Promise<Book[] | undefined> {
  if (!book.tree.metadata.volumes) return [book]
  const core = await import('@octavo/core')
  const cursor = diagnosticCursor(book)
  reporter.progress('splitting into volumes…')
  let volumes: Book[] | undefined
  try {
    volumes = await core.splitVolumes(book, { pdf })
  } catch (error) {
    if (error instanceof core.OctavoError) reporter.diagnostics([error.diagnostic])
    else {
      const err = error as Error
      if (debug) process.stderr.write(`${err.stack ?? err}\n`)
      reporter.notice(
        `internal error while splitting into volumes: ${err.message} (run with --debug for details)`,
      )
      reporter.fail()
    }
  }
  const fresh = cursor.next()
  reporter.diagnostics(fresh)
  const errors = fresh.filter((d) => d.level === 'error').length
  if (!volumes || volumes.length === 0 || errors > 0) {
    reporter.notice(
      `nothing was written: the book could not be split into volumes${errors ? ` (${plural(errors, 'error')})` : ''}`,
    )
    if (errors === 0) reporter.fail()
    return undefined
  }
  return volumes
}

/** A path as the user would type it: relative to the current folder when inside it. */
function display(target: string): string {
  const relative = nodePath.relative(process.cwd(), target)
  return relative.startsWith('..') ? target : relative
}

/**
 * Whether writing `target` would overwrite one of the book's input files (through a symbolic link
 * too). Only a file that exists can be an input, so the inputs' real paths are found only when a
 * target exists (a rebuild), all at once: a thousand chapters one after the other took 90 ms.
 */
function inputCheck(book: Book): (target: string) => Promise<boolean> {
  let inputs: Promise<Set<string>> | undefined
  const root = book.env.root ?? '.'
  return async (target) => {
    const real = await realpath(target).catch(() => undefined)
    if (real === undefined) return false
    inputs ??= Promise.all(
      book.files.flatMap((file) =>
        file.path ? [realpath(nodePath.join(root, file.path)).catch(() => file.path)] : [],
      ),
    ).then((paths) => new Set(paths))
    return (await inputs).has(real)
  }
}

export async function buildCommand(argv: BuildArgs): Promise<number> {
  const reporter = reporterFor(argv)
  // In watch mode, chapters that did not change are not parsed again on each rebuild.
  const cache = argv.watch ? (await import('@octavo/core')).createBookCache() : undefined
  const code = await guard(argv, reporter, () => buildOnce(argv, reporter, cache))
  reporter.summary()
  if (!cache) return code
  return watchAndRebuild(argv, cache)
}

/** The files this process's standard output and error are written to, when they are files. */
function ownOutputFiles(): Array<{ dev: number; ino: number }> {
  const out: Array<{ dev: number; ino: number }> = []
  for (const fd of [1, 2]) {
    try {
      const info = fstatSync(fd)
      if (info.isFile()) out.push({ dev: info.dev, ino: info.ino })
    } catch {
      // Closed or not a file: nothing to ignore.
    }
  }
  return out
}

/** Rebuild whenever a file under the book's folder changes; runs until interrupted. */
async function watchAndRebuild(argv: BuildArgs, cache: BookCache): Promise<number> {
  const first = argv.inputs?.[0] ?? '.'
  const root = nodePath.resolve(nodePath.extname(first) ? nodePath.dirname(first) : first)
  const outDir = nodePath.resolve(argv.out ?? '.')
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  const own = ownOutputFiles()
  return new Promise<number>(() => {
    watch(root, { recursive: true }, (_event, name) => {
      if (!name || name.includes('.octavo-tmp-')) return
      const abs = nodePath.join(root, name.toString())
      if (abs.startsWith(outDir + nodePath.sep) && outDir !== root) return
      if (/\.(epub|pdf)$/i.test(name.toString())) return
      // What this command prints, sent to a file in the book's folder (`… --watch > build.log`),
      // changes with each rebuild: a change there must not start another.
      if (own.length > 0) {
        const info = statSync(abs, { throwIfNoEntry: false })
        if (info && own.some((o) => o.dev === info.dev && o.ino === info.ino)) return
      }
      clearTimeout(timer)
      timer = setTimeout(() => {
        running = running.then(async () => {
          const reporter = reporterFor(argv)
          const start = performance.now()
          // The viewer opened by the first build shows the new file itself (or is reopened by hand).
          const code = await guard(argv, reporter, () => buildOnce({ ...argv, open: false }, reporter, cache))
          reporter.summary()
          const ms = Math.round(performance.now() - start)
          // A failed rebuild must not look like a success.
          if (code === EXIT.ok) reporter.info(`rebuilt in ${ms} ms`)
          else reporter.notice(`rebuild failed (${ms} ms); waiting for the next change`)
        })
      }, 80)
    })
    // Said once the watcher is in place: a change made after this line is seen.
    process.stderr.write(`watching ${root} for changes (Ctrl-C to stop)\n`)
  })
}
