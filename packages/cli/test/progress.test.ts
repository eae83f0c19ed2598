/**
 * Progress on a terminal (issue 13, item 4), on a pseudo-terminal made by Python's `pty` module:
 * chapters read n/N, the PDF's percentage, chapters and pages, and a line per format written; and
 * none of it with --json, --quiet, or when stderr is not a terminal.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, octavo } from './helpers.js'

const python = spawnSync('python3', ['-c', 'import pty'], { encoding: 'utf8' }).status === 0
if (!python)
  console.warn('progress tests skipped: install python3 (Debian package python3) for a pseudo-terminal')

/** Run the CLI on a pseudo-terminal; returns everything it drew there (stdout and stderr). */
const PTY = `
import fcntl, os, pty, struct, sys, termios
pid, fd = pty.fork()
if pid == 0:
    # A terminal of 24 rows and 100 columns, as a user's would be (a new pty has 0 x 0).
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 100, 0, 0))
    os.execv(sys.argv[1], sys.argv[1:])
out = b''
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
`

function onTerminal(args: string[], cwd: string): { status: number | null; screen: string } {
  const home = mkdtempSync(path.join(tmpdir(), 'octavo-pty-home-'))
  const env: Record<string, string | undefined> = {
    ...process.env,
    SOURCE_DATE_EPOCH: '1700000000',
    NO_COLOR: '1',
    XDG_CONFIG_HOME: path.join(home, 'c'),
    XDG_STATE_HOME: path.join(home, 's'),
  }
  delete env.FORCE_COLOR
  const r = spawnSync('python3', ['-c', PTY, process.execPath, cli, ...args], {
    cwd,
    encoding: 'utf8',
    env,
    timeout: 600_000,
  })
  return { status: r.status, screen: r.stdout }
}

function book(chapters: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'octavo-progress-'))
  const para = 'The lamp burned on through the long night, and the sea kept its own counsel. '.repeat(12)
  for (let i = 1; i <= chapters; i++)
    writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}.txt`), `Chapter ${i}\n\n${para}\n\n${para}\n`)
  return dir
}

describe.skipIf(!python)('progress on a terminal', () => {
  const dir = book(40)
  const args = ['build', '-f', 'epub,pdf', '--title', 'Progress', '--author', 'A']

  it('shows chapters read, the PDF as it is typeset, and each file as it is written', () => {
    const run = onTerminal(args, dir)
    expect(run.status, run.screen).toBe(0)
    expect(run.screen).toMatch(/reading chapters \d+\/40/)
    expect(run.screen).toMatch(/typesetting the PDF: \d+% \(chapter \d+\/40, \d+ pages?\)/)
    // The EPUB is reported written before the PDF is typeset.
    const epub = run.screen.indexOf('wrote progress.epub')
    expect(epub).toBeGreaterThan(-1)
    expect(epub).toBeLessThan(run.screen.search(/typesetting the PDF/))
    expect(run.screen).toContain('wrote progress.pdf')
    // The progress line is gone at the end: the screen ends with the last output line.
    expect(run.screen.trimEnd().split(/\r?\n/).at(-1)).toMatch(/wrote progress\.pdf|warning/)
  })

  it('nothing of it with --json or --quiet on a terminal, nor off a terminal', () => {
    for (const flag of ['--json', '--quiet']) {
      const run = onTerminal([...args, '-f', 'epub', flag], dir)
      expect(run.screen).not.toMatch(/reading chapters|typesetting/)
    }
    const piped = octavo([...args, '-f', 'epub'], { cwd: dir })
    expect(piped.stderr + piped.stdout).not.toMatch(/reading chapters|typesetting/)
  })
})
