/**
 * Everything the CLI says to a person or a program: diagnostics as `file:line:col  level  message
 * code` lines (vfile-reporter style) or JSON lines with `--json`, progress on a terminal, a
 * summary, and the one place errors map to exit codes. Each problem is reported once, even when
 * two renderers meet it (a missing image in the EPUB and in the PDF). Human output is escaped for
 * the terminal (terminal.ts) and coloured through picocolors, so every style is closed with its
 * own code.
 */
import type { Diagnostic, ProgressStep } from '@octavo/core'
import pc from 'picocolors'
import { EXIT } from './exit.js'
import { colorEnabled, escapeForTerminal } from './terminal.js'

export { EXIT }

export interface ReportOptions {
  json: boolean
  quiet: boolean
  verbose: boolean
  strict: boolean
  /** Colour: `--color`/`--no-color`, FORCE_COLOR, NO_COLOR, else only on a terminal (terminal.ts). */
  color: boolean
  /** Progress lines (overwritten in place on a terminal). */
  progress: boolean
}

export function reportOptions(argv: {
  json?: boolean
  quiet?: boolean
  verbose?: boolean
  strict?: boolean
  color?: boolean
}): ReportOptions {
  return {
    json: Boolean(argv.json),
    quiet: Boolean(argv.quiet),
    verbose: Boolean(argv.verbose),
    strict: Boolean(argv.strict),
    color: !argv.json && colorEnabled(argv.color),
    progress: !argv.json && !argv.quiet,
  }
}

/** What identifies one problem: the same code, place and words from two renderers is one problem. */
function problemKey(d: Diagnostic): string {
  return [d.code, d.file ?? '', d.line ?? '', d.column ?? '', d.message].join('\u0000')
}

/** Redraws a block of lines in place (log-update), loaded only when a terminal will show it. */
type LiveLine = ((text: string) => void) & { clear(): void; done(): void }

export class Reporter {
  private counts = { error: 0, warning: 0, info: 0 }
  private progressShown = false
  private live: LiveLine | undefined
  private readonly stageStart = new Map<string, number>()
  private lastDraw = 0
  private readonly reported = new Set<string>()
  private readonly colors: ReturnType<typeof pc.createColors>
  /**
   * What book-wide diagnostics (those without a file) are about: the book.yaml or the folder,
   * set by the command once it knows. Never `<book>`.
   */
  bookLabel = '.'
  /**
   * What files are called where their author sees them (`Book.names`: a Scrivener document's
   * place in the binder), set once the book is read: a diagnostic about one says it.
   */
  names: ReadonlyMap<string, string> = new Map()

  constructor(readonly options: ReportOptions) {
    this.colors = pc.createColors(options.color)
  }

  /** Report diagnostics (info only with --verbose); a problem already reported is not repeated. */
  diagnostics(list: readonly Diagnostic[]): void {
    for (const d of list) {
      const key = problemKey(d)
      if (this.reported.has(key)) continue
      this.reported.add(key)
      this.counts[d.level]++
      if (this.options.json) {
        const name = d.file !== undefined ? this.names.get(d.file) : undefined
        this.json({ type: 'diagnostic', ...d, ...(name ? { name } : {}) })
        continue
      }
      if (d.level === 'info' && !this.options.verbose) continue
      if (this.options.quiet && d.level !== 'error') continue
      this.clearProgress()
      this.line(this.format(d))
    }
  }

  /**
   * Show a diagnostic already reported (and counted) whatever its level, once more on the
   * terminal: `check` shows the info-level places it asks the author to confirm.
   */
  show(d: Diagnostic): void {
    if (this.options.json || this.options.quiet || (d.level === 'info' && this.options.verbose)) return
    this.clearProgress()
    this.line(this.format(d))
  }

  /** `file:line:col  level  message  code`, escaped for the terminal and coloured. */
  format(d: Diagnostic): string {
    const file = d.file ?? this.bookLabel
    const name = d.file !== undefined ? this.names.get(d.file) : undefined
    const where = `${file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}${name ? ` (${name})` : ''}`
    const c = this.colors
    const level =
      d.level === 'error' ? c.red(d.level) : d.level === 'warning' ? c.yellow(d.level) : c.cyan(d.level)
    return `${escapeForTerminal(where)}  ${level}  ${escapeForTerminal(d.message)}  ${c.dim(escapeForTerminal(d.code))}`
  }

  /** A one-line message on stderr for a person (stdout stays JSON under --json): `octavo: …`. */
  notice(text: string): void {
    this.clearProgress()
    this.line(`octavo: ${escapeForTerminal(text)}`)
  }

  /** A finished output file. */
  output(format: string, path: string, bytes: number, ms: number): void {
    if (this.options.json) {
      this.json({ type: 'output', format, path, bytes, ms: Math.round(ms) })
      return
    }
    if (this.options.quiet) return
    this.clearProgress()
    process.stdout.write(
      `${this.colors.green('wrote')} ${escapeForTerminal(path)} (${formatBytes(bytes)}, ${Math.round(ms)} ms)\n`,
    )
  }

  /** A plain message on stdout (not in --json or --quiet mode). */
  info(text: string): void {
    if (this.options.json || this.options.quiet) return
    this.clearProgress()
    process.stdout.write(`${escapeForTerminal(text)}\n`)
  }

  json(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value)}\n`)
  }

  /**
   * Show progress live on a terminal: only there, and never with --json or --quiet. Loads the
   * line-redrawing library on first use, so commands that show none never pay for it.
   */
  async startLiveProgress(): Promise<void> {
    if (this.live || !this.options.progress || !process.stderr.isTTY) return
    const { createLogUpdate } = await import('log-update')
    this.live = createLogUpdate(process.stderr, { showCursor: true }) as LiveLine
  }

  /** A progress step: redrawn in place on a terminal, a plain line otherwise (only with --verbose). */
  progress(text: string): void {
    if (!this.options.progress) return
    if (this.live) {
      this.live(this.colors.dim(escapeForTerminal(text)))
      this.progressShown = true
    } else if (this.options.verbose && !process.stderr.isTTY) {
      process.stderr.write(`${escapeForTerminal(text)}\n`)
    }
  }

  /**
   * How far a step has got: `reading chapters 120/300`, `typesetting the PDF: 41% (chapter
   * 12/30, 220 pages), about 14 s left`. Redrawn at most ten times a second.
   */
  step(step: ProgressStep): void {
    if (!this.live) return
    const now = performance.now()
    if (!this.stageStart.has(step.stage)) this.stageStart.set(step.stage, now)
    if (now - this.lastDraw < 100 && step.done < step.total) return
    this.lastDraw = now
    if (step.stage === 'read') {
      this.progress(`reading chapters ${step.done}/${step.total}`)
      return
    }
    const fraction = step.total > 0 ? step.done / step.total : 0
    const elapsed = (now - this.stageStart.get(step.stage)!) / 1000
    let text = `typesetting the ${step.stage.toUpperCase()}: ${Math.floor(fraction * 100)}% (chapter ${Math.min(step.done + 1, step.total)}/${step.total}`
    if (step.pages !== undefined) text += `, ${step.pages} page${step.pages === 1 ? '' : 's'}`
    text += ')'
    // Time left once there is something to extrapolate from.
    if (fraction > 0.02 && fraction < 1 && elapsed > 1)
      text += `, about ${duration((elapsed / fraction) * (1 - fraction))} left`
    this.progress(text)
  }

  clearProgress(): void {
    if (this.progressShown) {
      this.live?.clear()
      this.progressShown = false
    }
  }

  private line(text: string): void {
    process.stderr.write(`${text}\n`)
  }

  /** Count a failure that has no diagnostic of its own (an output refused or not writable). */
  fail(): void {
    this.counts.error++
  }

  get errors(): number {
    return this.counts.error
  }

  get warnings(): number {
    return this.counts.warning
  }

  /** The exit code for what was reported. */
  exitCode(): number {
    if (this.counts.error > 0) return EXIT.errors
    if (this.options.strict && this.counts.warning > 0) return EXIT.strictWarnings
    return EXIT.ok
  }

  /** "2 errors, 1 warning" on stderr when there was anything. */
  summary(): void {
    this.clearProgress()
    if (this.options.json) {
      this.json({ type: 'summary', ...this.counts, exitCode: this.exitCode() })
      return
    }
    const parts: string[] = []
    if (this.counts.error) parts.push(`${this.counts.error} error${this.counts.error === 1 ? '' : 's'}`)
    if (this.counts.warning)
      parts.push(`${this.counts.warning} warning${this.counts.warning === 1 ? '' : 's'}`)
    if (parts.length && !(this.options.quiet && !this.counts.error)) this.line(parts.join(', '))
  }
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
