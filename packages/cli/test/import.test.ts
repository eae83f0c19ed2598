/**
 * `octavo import`: an EPUB (built here by `octavo build`) becomes a folder of Markdown chapters
 * and a commented book.yaml that builds again; an existing file is never written over, and a
 * missing or broken input is one diagnostic and exit code 1.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { octavo, tempDir } from './helpers.js'

describe('octavo import', () => {
  it('imports an EPUB into a folder that builds, and never overwrites', () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, '01.md'), '# Chapter One: Dawn\n\nIt was *early*.[^1]\n\n[^1]: Very.\n')
    writeFileSync(path.join(dir, '02.md'), '# Chapter Two: Dusk\n\nIt was late.\n')
    const built = octavo(
      ['build', '01.md', '02.md', '--title', 'Day Book', '--author', 'A. Writer', '-f', 'epub'],
      { cwd: dir },
    )
    expect(built.code, built.stderr).toBe(0)
    const imported = octavo(['import', 'day-book.epub'], { cwd: dir })
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toContain('wrote day-book/')
    const folder = path.join(dir, 'day-book')
    expect(readdirSync(path.join(folder, 'chapters')).sort()).toEqual([
      '001-chapter-one-dawn.md',
      '002-chapter-two-dusk.md',
    ])
    const yaml = readFileSync(path.join(folder, 'book.yaml'), 'utf8')
    expect(yaml).toContain('title: Day Book')
    expect(yaml).toContain('A. Writer')
    const rebuilt = octavo(['build', 'day-book', '-f', 'epub', '-o', 'again'], { cwd: dir })
    expect(rebuilt.code, rebuilt.stderr).toBe(0)
    expect(existsSync(path.join(dir, 'again', 'day-book.epub'))).toBe(true)

    const before = readFileSync(path.join(folder, 'book.yaml'), 'utf8')
    const twice = octavo(['import', 'day-book.epub'], { cwd: dir })
    expect(twice.code).toBe(1)
    expect(twice.stderr).toContain('already exist')
    expect(readFileSync(path.join(folder, 'book.yaml'), 'utf8')).toBe(before)
  }, 120_000)

  it('a broken or missing input is a diagnostic and exit 1', () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, 'broken.epub'), 'not a zip at all')
    const broken = octavo(['import', 'broken.epub'], { cwd: dir })
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(/broken\.epub.*not a zip.*archive-not-zip/)
    expect(broken.stderr).not.toMatch(/at .*\.js:\d+/)
    const missing = octavo(['import', 'nothere.epub'], { cwd: dir })
    expect(missing.code).toBe(1)
    expect(readdirSync(dir)).toEqual(['broken.epub'])
  }, 60_000)
})
