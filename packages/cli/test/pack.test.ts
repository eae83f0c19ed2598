/**
 * The packages are ready to publish: `pnpm pack` (what `pnpm publish` uploads) gives two
 * tarballs that, unpacked into a clean folder with only the dependencies they declare, run
 * `octavo` and `@octavo/core` as a user of the published packages would. Dependencies are
 * linked from the workspace instead of downloaded, so the test needs no network, and a
 * dependency used but not declared (or a file used but not packed) fails it.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { repo, tempDir } from './helpers.js'

const PNPM = ['-y', 'pnpm@10.34.8']
const root = tempDir('octavo-pack-')
const modules = path.join(root, 'node_modules')

interface Manifest {
  name: string
  version: string
  bin?: Record<string, string>
  dependencies?: Record<string, string>
}

function unpack(pkg: string): Manifest {
  const folder = path.join(repo, 'packages', pkg)
  const dest = tempDir('octavo-tarball-')
  execFileSync('npx', [...PNPM, 'pack', '--pack-destination', dest], { cwd: folder, stdio: 'ignore' })
  const tarball = readdirSync(dest).find((n) => n.endsWith('.tgz'))!
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', path.join(dest, tarball), 'package/package.json'], { encoding: 'utf8' }),
  ) as Manifest
  const target = path.join(modules, manifest.name)
  mkdirSync(target, { recursive: true })
  execFileSync('tar', ['-xzf', path.join(dest, tarball), '-C', target, '--strip-components=1'])
  // Only what the package declares, resolved the way the workspace resolved it.
  for (const dep of Object.keys(manifest.dependencies ?? {})) {
    if (dep.startsWith('@octavo/')) continue
    const link = path.join(modules, dep)
    if (existsSync(link)) continue
    mkdirSync(path.dirname(link), { recursive: true })
    symlinkSync(realpathSync(path.join(folder, 'node_modules', dep)), link, 'dir')
  }
  return manifest
}

describe('published packages', () => {
  let core: Manifest
  let cli: Manifest
  beforeAll(() => {
    core = unpack('core')
    cli = unpack('cli')
    writeFileSync(path.join(root, 'package.json'), '{"type":"module","private":true}\n')
  })

  it('declare real versions, never workspace links', () => {
    expect(JSON.stringify(cli.dependencies)).not.toContain('workspace:')
    expect(cli.dependencies?.['@octavo/core']).toBe(core.version)
    expect(Object.keys(cli.bin ?? {})).toEqual(['octavo'])
  })

  it('octavo runs from the unpacked package and builds a book', () => {
    const bin = path.join(modules, '@octavo/cli', cli.bin!.octavo!)
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' })
    expect(version.stdout.trim()).toBe(cli.version)
    // Help and completion are answered from the table the build writes: it must be packed.
    expect(existsSync(path.join(modules, '@octavo/cli/dist/answers.json'))).toBe(true)
    const book = tempDir('octavo-pack-book-')
    writeFileSync(path.join(book, 'chapter-1.txt'), 'Chapter 1: Dawn\n\n"Hello," she said--and left...\n')
    const build = spawnSync(
      process.execPath,
      [
        bin,
        'build',
        book,
        '--title',
        'Packed',
        '--author',
        'A. Writer',
        '--out',
        book,
        '--format',
        'epub,pdf',
      ],
      { encoding: 'utf8', cwd: book, env: { ...process.env, NO_COLOR: '1' } },
    )
    expect(build.status, build.stderr).toBe(0)
    expect(readFileSync(path.join(book, 'packed.epub')).subarray(0, 2).toString()).toBe('PK')
    expect(readFileSync(path.join(book, 'packed.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('@octavo/core imports and renders from memory', () => {
    const script = `
      import { createBook, render } from '@octavo/core'
      const { book } = await createBook({ metadata: { title: 'T', author: 'A' }, chapters: [{ text: 'Hi.' }] })
      const epub = await render(book, 'epub')
      console.log(epub.length > 1000 ? 'ok' : 'short')`
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    })
    expect(run.stdout.trim(), run.stderr).toBe('ok')
  })
})
