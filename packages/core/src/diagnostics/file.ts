/**
 * A source file and the diagnostics raised about it, after vfile's `VFile`.
 *
 * Readers, transforms and renderers never print or throw for a user's mistake: they call
 * `file.message(code, reason, place)` and go on, or `file.fail(...)` to stop with a
 * `OctavoError` that carries the same diagnostic. The CLI formats and counts them.
 */
import type { Point, Position } from '../model/types.js'
import { codeLevel } from './codes.js'
import type { Code, Level } from './types.js'

export type { Level } from './types.js'

/** One message about the input, with where it points. */
export interface Diagnostic {
  code: Code
  level: Level
  message: string
  /** Book-relative path of the file it is about, when there is one. */
  file?: string
  line?: number
  column?: number
  /** Which part of Octavo raised it (`text`, `epub`, a plugin name…). */
  source?: string
}

export type Place = Point | Position | { line: number; column?: number } | undefined

/**
 * Collects diagnostics for one input file (or for the book as a whole when `path` is empty).
 *
 * @example
 *   const file = new SourceFile('chapters/01.md')
 *   file.message('lint-repeated-word', 'the word "the" twice', { line: 3, column: 7 })
 *   file.hasErrors // false: lint findings are warnings
 */
export class SourceFile {
  readonly messages: Diagnostic[] = []

  constructor(
    /** Book-relative path, `/`-separated; `''` for diagnostics about the book as a whole. */
    readonly path: string,
  ) {}

  /** Record a diagnostic at the level its code has in `codes.ts`. */
  message(code: Code, reason: string, place?: Place, source?: string): Diagnostic {
    const diagnostic: Diagnostic = { code, level: codeLevel(code), message: reason }
    if (this.path) diagnostic.file = this.path
    const point = place && 'start' in place ? place.start : place
    // A node of a chapter joined from several files names its own file.
    if (place && 'file' in place && place.file) diagnostic.file = place.file
    if (point) {
      diagnostic.line = point.line
      if (point.column !== undefined) diagnostic.column = point.column
    }
    if (source) diagnostic.source = source
    this.messages.push(diagnostic)
    return diagnostic
  }

  /**
   * Record a diagnostic about another file than this one: a chapter's, when the book's collector
   * reports what a transform or renderer found in it. Its `file` is `path`, or this file's when
   * `path` is undefined or empty; a position that names its own file (`Position.file`) wins.
   */
  messageIn(
    path: string | undefined,
    code: Code,
    reason: string,
    place?: Place,
    source?: string,
  ): Diagnostic {
    const diagnostic = this.message(code, reason, place, source)
    if (path && !(place && 'file' in place && place.file)) diagnostic.file = path
    return diagnostic
  }

  /** Record an error and stop the stage that raised it. */
  fail(code: Code, reason: string, place?: Place, source?: string): never {
    const diagnostic = this.message(code, reason, place, source)
    diagnostic.level = 'error'
    throw new OctavoError(diagnostic)
  }

  get hasErrors(): boolean {
    return this.messages.some((m) => m.level === 'error')
  }
}

/**
 * An error that stops a build; the CLI reports its diagnostic without a stack trace.
 *
 * @example
 *   try {
 *     await render(book, 'docx')
 *   } catch (e) {
 *     if (e instanceof OctavoError) console.error(formatDiagnostic(e.diagnostic))
 *   }
 */
export class OctavoError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message)
    this.name = 'OctavoError'
  }
}

/**
 * Format a diagnostic the vfile-reporter way: `file:line:col  level  message  code`.
 *
 * @example
 *   formatDiagnostic({ code: 'renderer-unknown', level: 'error', message: 'no renderer named "docx"' })
 *   // '<book>  error  no renderer named "docx"  renderer-unknown'
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}` : '<book>'
  return `${where}  ${d.level}  ${d.message}  ${d.code}`
}
