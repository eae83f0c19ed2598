/** `octavo build`: load → render each format → write atomically → report. Optionally watch. */

import { watch } from 'node:fs'
import { mkdir, realpath } from 'node:fs/promises'
import nodePath from 'node:path'
import { type Book, type BookCache, createBookCache, diagnosticsOf, getRenderer, render } from '@octavo/core'
import { type CommonArgs, guard, loadFromArgs, reporterFor } from '../common.js'
import { EXIT, type Reporter } from '../report.js'
import { sweepStaleTemps, writeAtomic } from '../write.js'

export interface BuildArgs extends CommonArgs {
  format: string[]
  out?: string
  trim?: string
  font?: string
  watch?: boolean
}

/** A file-name slug of the title: "The Long Road!" → "the-long-road". */
export function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
  return s || 'book'
}

async function buildOnce(argv: BuildArgs, reporter: Reporter, cache?: BookCache): Promise<number> {
  const book = await loadFromArgs(argv, reporter, cache)
  if (!book || reporter.errors > 0) return EXIT.errors
  const formats = argv.format
    .flatMap((f) => f.split(','))
    .map((f) => f.trim())
    .filter(Boolean)
  for (const format of formats) {
    if (!getRenderer(format)) {
      process.stderr.write(`octavo: unknown format "${format}" (see \`octavo formats\`)\n`)
      return EXIT.usage
    }
  }
  if (argv.strict && reporter.warnings > 0) return reporter.exitCode()

  const outDir = nodePath.resolve(argv.out ?? '.')
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
  const inputs = await inputPaths(book)
  const name = slug(book.tree.metadata.title)
  const seen = diagnosticsOf(book).length
  const rendered: Array<{ format: string; target: string; bytes: Uint8Array; ms: number }> = []
  for (const format of formats) {
    const renderer = getRenderer(format)!
    const target = nodePath.join(outDir, name + renderer.extension)
    if (inputs.has(await realpath(target).catch(() => target))) {
      process.stderr.write(`octavo: refusing to overwrite the input file ${target}\n`)
      return EXIT.errors
    }
    reporter.progress(`rendering ${format}…`)
    const options: Record<string, unknown> = {}
    if (format === 'pdf' && argv.trim) options.trim = argv.trim
    if (format === 'pdf' && argv.font) options.font = argv.font
    const start = performance.now()
    const bytes = await render(book, format, options)
    rendered.push({ format, target, bytes, ms: performance.now() - start })
  }
  reporter.diagnostics(diagnosticsOf(book).slice(seen))
  // Under --strict a warning from any renderer fails the build before anything is written.
  if (reporter.errors > 0 || (argv.strict && reporter.warnings > 0)) return reporter.exitCode()
  for (const { format, target, bytes, ms } of rendered) {
    reporter.progress(`writing ${nodePath.basename(target)}…`)
    try {
      await writeAtomic(target, bytes)
    } catch (error) {
      reporter.clearProgress()
      process.stderr.write(`${target}  error  could not write: ${(error as Error).message}  io-write\n`)
      return EXIT.errors
    }
    const shown = nodePath.relative(process.cwd(), target)
    reporter.output(format, shown.startsWith('..') ? target : shown, bytes.byteLength, ms)
  }
  return reporter.exitCode()
}

async function inputPaths(book: Book): Promise<Set<string>> {
  const set = new Set<string>()
  for (const file of book.files) {
    if (!file.path) continue
    set.add(await realpath(nodePath.join(book.env.root ?? '.', file.path)).catch(() => file.path))
  }
  return set
}

export async function buildCommand(argv: BuildArgs): Promise<number> {
  const reporter = reporterFor(argv)
  // In watch mode, chapters that did not change are not parsed again on each rebuild.
  const cache = argv.watch ? createBookCache() : undefined
  const code = await guard(argv, reporter, () => buildOnce(argv, reporter, cache))
  reporter.summary()
  if (!cache) return code
  return watchAndRebuild(argv, cache)
}

/** Rebuild whenever a file under the book's folder changes; runs until interrupted. */
async function watchAndRebuild(argv: BuildArgs, cache: BookCache): Promise<number> {
  const first = argv.inputs?.[0] ?? '.'
  const root = nodePath.resolve(nodePath.extname(first) ? nodePath.dirname(first) : first)
  const outDir = nodePath.resolve(argv.out ?? '.')
  process.stderr.write(`watching ${root} for changes (Ctrl-C to stop)\n`)
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  return new Promise<number>(() => {
    watch(root, { recursive: true }, (_event, name) => {
      if (!name || name.includes('.octavo-tmp-')) return
      const abs = nodePath.join(root, name.toString())
      if (abs.startsWith(outDir + nodePath.sep) && outDir !== root) return
      if (/\.(epub|pdf)$/i.test(name.toString())) return
      clearTimeout(timer)
      timer = setTimeout(() => {
        running = running.then(async () => {
          const reporter = reporterFor(argv)
          const start = performance.now()
          await guard(argv, reporter, () => buildOnce(argv, reporter, cache))
          reporter.summary()
          reporter.info(`rebuilt in ${Math.round(performance.now() - start)} ms`)
        })
      }, 80)
    })
  })
}
