/**
 * Everything the CLI says to a person or a program: diagnostics as `file:line:col  level  message
 * code` lines (vfile-reporter style) or JSON lines with `--json`, progress on a terminal, a
 * summary, and the one place errors map to exit codes.
 */
import { type Diagnostic, formatDiagnostic } from '@octavo/core'

/** Documented exit codes. */
export const EXIT = {
  ok: 0,
  /** The book has errors, or output could not be written. */
  errors: 1,
  /** Bad command-line usage. */
  usage: 2,
  /** Warnings, under `--strict`. */
  strictWarnings: 3,
} as const

export interface ReportOptions {
  json: boolean
  quiet: boolean
  verbose: boolean
  strict: boolean
  /** Colour only on a TTY and without NO_COLOR. */
  color: boolean
  /** Progress lines (overwritten in place on a TTY). */
  progress: boolean
}

export function reportOptions(argv: {
  json?: boolean
  quiet?: boolean
  verbose?: boolean
  strict?: boolean
}): ReportOptions {
  const tty = Boolean(process.stderr.isTTY)
  const noColor = 'NO_COLOR' in process.env && process.env.NO_COLOR !== ''
  return {
    json: Boolean(argv.json),
    quiet: Boolean(argv.quiet),
    verbose: Boolean(argv.verbose),
    strict: Boolean(argv.strict),
    color: tty && !noColor && !argv.json,
    progress: !argv.json && !argv.quiet,
  }
}

const paint = (on: boolean, code: number, text: string) => (on ? `\u001b[${code}m${text}\u001b[39m` : text)

export class Reporter {
  private counts = { error: 0, warning: 0, info: 0 }
  private progressShown = false

  constructor(readonly options: ReportOptions) {}

  /** Report diagnostics (info only with --verbose). */
  diagnostics(list: Diagnostic[]): void {
    for (const d of list) {
      this.counts[d.level]++
      if (this.options.json) {
        this.json({ type: 'diagnostic', ...d })
        continue
      }
      if (d.level === 'info' && !this.options.verbose) continue
      if (this.options.quiet && d.level !== 'error') continue
      this.clearProgress()
      let line = formatDiagnostic(d)
      if (this.options.color) {
        const color = d.level === 'error' ? 31 : d.level === 'warning' ? 33 : 36
        line = line.replace(`  ${d.level}  `, `  ${paint(true, color, d.level)}  `)
      }
      process.stderr.write(`${line}\n`)
    }
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
      `${paint(this.options.color, 32, 'wrote')} ${path} (${formatBytes(bytes)}, ${Math.round(ms)} ms)\n`,
    )
  }

  /** A plain message on stdout (not in --json or --quiet mode). */
  info(text: string): void {
    if (this.options.json || this.options.quiet) return
    this.clearProgress()
    process.stdout.write(`${text}\n`)
  }

  json(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value)}\n`)
  }

  /** A progress step: rewritten in place on a terminal, a plain line otherwise (only with --verbose). */
  progress(text: string): void {
    if (!this.options.progress) return
    if (process.stderr.isTTY) {
      process.stderr.write(`\r\u001b[2K${paint(this.options.color, 2, text)}`)
      this.progressShown = true
    } else if (this.options.verbose) {
      process.stderr.write(`${text}\n`)
    }
  }

  clearProgress(): void {
    if (this.progressShown) {
      process.stderr.write('\r\u001b[2K')
      this.progressShown = false
    }
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
    if (parts.length && !(this.options.quiet && !this.counts.error))
      process.stderr.write(`${parts.join(', ')}\n`)
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
