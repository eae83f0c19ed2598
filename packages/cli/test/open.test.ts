/**
 * `--open` (issue 13, item 5): each written file is handed to the system's viewer. Never for
 * real in a test: OCTAVO_OPENER names a script that records its argument, and the test reads the
 * record. A missing opener is a notice, not a failed build.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { opener } from '../src/open.js'
import { octavo, tempDir } from './helpers.js'

/** A fake viewer: appends the file it is given to `log`, one per line. */
function recorder(): { program: string; log: string } {
  const dir = tempDir('octavo-opener-')
  const log = path.join(dir, 'opened.log')
  const program = path.join(dir, 'viewer.sh')
  writeFileSync(program, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`)
  chmodSync(program, 0o755)
  return { program, log }
}

/** The viewer is not waited for (it may stay open): poll its record until it has `count` lines. */
async function opened(log: string, count: number): Promise<string[]> {
  for (let i = 0; i < 600; i++) {
    const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []
    if (lines.length >= count) return lines
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return []
}

function book(): string {
  const dir = tempDir()
  writeFileSync(path.join(dir, '01.txt'), 'Chapter One\n\nThe lamp was lit.\n')
  return dir
}

describe('--open', () => {
  it('opens each written file with the viewer, once, after it is written', async () => {
    const { program, log } = recorder()
    const out = tempDir()
    const run = octavo(
      ['build', book(), '-f', 'epub', '--title', 'Lit', '--author', 'A', '-o', out, '--open'],
      {
        env: { OCTAVO_OPENER: program },
      },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(await opened(log, 1)).toEqual([path.join(out, 'lit.epub')])
  })

  it('opens nothing without the flag, or when nothing was written', async () => {
    const { program, log } = recorder()
    const out = tempDir()
    expect(
      octavo(['build', book(), '-f', 'epub', '--title', 'Lit', '--author', 'A', '-o', out], {
        env: { OCTAVO_OPENER: program },
      }).code,
    ).toBe(0)
    const missing = octavo(['build', path.join(out, 'nope.txt'), '-o', out, '--open'], {
      env: { OCTAVO_OPENER: program },
    })
    expect(missing.code).toBe(1)
    expect(existsSync(log)).toBe(false)
  })

  it('a missing viewer is a notice naming it; the build still succeeds', () => {
    const out = tempDir()
    const run = octavo(
      ['build', book(), '-f', 'epub', '--title', 'Lit', '--author', 'A', '-o', out, '--open'],
      {
        env: { OCTAVO_OPENER: path.join(out, 'no-such-viewer') },
      },
    )
    expect(run.code).toBe(0)
    expect(existsSync(path.join(out, 'lit.epub'))).toBe(true)
    expect(run.stderr).toMatch(/could not open .*lit\.epub: .*no-such-viewer was not found/)
  })

  it('uses open on macOS, start on Windows, xdg-open elsewhere', () => {
    expect(opener('darwin', {}).command).toBe('open')
    expect(opener('win32', {})).toMatchObject({ command: 'cmd', args: ['/d', '/s', '/c', 'start', '""'] })
    expect(opener('linux', {})).toMatchObject({ command: 'xdg-open', install: 'xdg-utils' })
    expect(opener('linux', { OCTAVO_OPENER: '/bin/viewer' }).command).toBe('/bin/viewer')
  })
})
