/**
 * Load: 60 distinct small books compiled concurrently through the library API on a pool of
 * worker threads (bench/load.mjs in a child process, so its memory and descriptors are its own).
 * Every EPUB must parse, all 60 must differ, peak memory must stay bounded, and no file
 * descriptor may leak. Sixty books keep each of the 3 workers busy with 20 in turn (a leak or a
 * shared state shows by the second), and 3 of them also make a PDF; `node bench/load.mjs` runs
 * 200 for the figures. Needs the built package (`pnpm -r run build`).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../../', import.meta.url))
const BOOKS = 60
const dist = process.env.OCTAVO_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url))

describe('load', () => {
  it('60 books on 3 workers: all valid, distinct, bounded memory, no fd leak', () => {
    expect(
      existsSync(`${dist}/index.js`),
      `build the core first: ${dist}/index.js is missing (pnpm -r run build)`,
    ).toBe(true)
    const run = spawnSync(
      process.execPath,
      ['bench/load.mjs', '--books', String(BOOKS), '--workers', '3', '--pdf-every', '20', '--json'],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 600_000,
        env: { ...process.env, OCTAVO_DIST: dist },
      },
    )
    const line = run.stdout.trim().split('\n').at(-1) ?? ''
    expect(line.startsWith('{'), `${run.stdout}\n${run.stderr}`).toBe(true)
    const report = JSON.parse(line)
    console.log(`[figure] load: ${JSON.stringify(report)}`)
    expect(report.failed).toEqual([])
    expect(report.ok).toBe(BOOKS)
    expect(report.distinctOutputs).toBe(BOOKS)
    expect(report.peakRssMb).toBeLessThan(2048)
    expect(report.fdAfter).toBeLessThanOrEqual(report.fdBefore + 2)
    expect(run.status).toBe(0)
  })
})
