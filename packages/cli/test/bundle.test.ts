/**
 * The `octavo` binary is bundled (scripts/bundle.mjs): one entry and lazy chunks. What the bundle
 * leaves out must still be found from it, so a build through the binary equals the same build
 * through the unbundled modules (the ones `tsc` wrote, run in this process), generated cover,
 * hyphenated PDF and all; every package the bundle imports is a dependency of this package, at
 * the core's version; and the source maps lead back to the TypeScript sources.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { bundleMeta, octavo, repo, tempDir } from './helpers.js'

const cliDir = path.join(repo, 'packages/cli')
const manifest = (pkg: string) =>
  JSON.parse(readFileSync(path.join(repo, 'packages', pkg, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
    optionalDependencies?: Record<string, string>
  }

describe('the bundled binary', () => {
  it('writes the bytes the unbundled modules write (cover, faces, hyphenation, PDF)', async () => {
    const book = tempDir('octavo-bundle-book-')
    const paragraph =
      'Notwithstanding the extraordinarily uncomfortable circumstances, the representatives ' +
      'deliberated interminably, and their incomprehensible counterproposals multiplied. '
    writeFileSync(path.join(book, 'chapter-1.txt'), `Chapter 1: Dawn\n\n${paragraph.repeat(6)}\n`)
    writeFileSync(path.join(book, 'chapter-2.txt'), `Chapter 2: Dusk\n\n"Done," she said -- at last.\n`)
    const bundled = tempDir('octavo-bundle-out-')
    const args = ['--title', 'Bundled', '--author', 'A. Writer', '-f', 'epub,pdf', '-q']
    const run = octavo(['build', book, '-o', bundled, ...args])
    expect(run.code, run.stderr).toBe(0)

    const unbundled = tempDir('octavo-unbundled-out-')
    const saved = process.env.SOURCE_DATE_EPOCH
    process.env.SOURCE_DATE_EPOCH = '1700000000'
    try {
      const { buildCommand } = (await import(
        pathToFileURL(path.join(cliDir, 'dist/commands/build.js')).href
      )) as typeof import('../src/commands/build.js')
      const code = await buildCommand({
        inputs: [book],
        out: unbundled,
        title: 'Bundled',
        author: ['A. Writer'],
        format: ['epub', 'pdf'],
        quiet: true,
      })
      expect(code).toBe(0)
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH
      else process.env.SOURCE_DATE_EPOCH = saved
    }
    for (const file of ['bundled.epub', 'bundled.pdf']) {
      const mine = readFileSync(path.join(bundled, file))
      expect(mine.equals(readFileSync(path.join(unbundled, file))), file).toBe(true)
    }
    // The generated cover is there: its faces and the native resvg were found from the bundle.
    expect(readFileSync(path.join(bundled, 'bundled.epub')).includes('images/cover.png')).toBe(true)
  }, 120_000)

  it('imports only packages this package declares, at the core versions', () => {
    const cli = manifest('cli')
    const core = manifest('core')
    const packages = new Set<string>()
    for (const output of Object.values(bundleMeta().outputs))
      for (const { path: spec, external } of output.imports) {
        const name = spec
          .split('/')
          .slice(0, spec.startsWith('@') ? 2 : 1)
          .join('/')
        if (external && !isBuiltin(spec)) packages.add(name)
      }
    expect(packages.size).toBeGreaterThan(2)
    for (const name of packages) {
      expect(cli.dependencies[name], `${name} is imported by the bundle`).toBeDefined()
      if (core.dependencies[name]) expect(cli.dependencies[name], name).toBe(core.dependencies[name])
    }
  })

  it('yargs, inlined, still finds its messages in other languages where it is installed', () => {
    const run = octavo(['build', '--frmat', 'x'], { env: { LANG: 'de_DE.UTF-8', LC_ALL: '' } })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('Unbekanntes Argument: frmat')
    const inputs = Object.values(bundleMeta().outputs).flatMap((output) => Object.keys(output.inputs))
    expect(inputs.some((input) => input.includes('/yargs/'))).toBe(true)
  })

  it('the core is inlined, the fast path holds none of it', () => {
    const { outputs } = bundleMeta()
    const entry = outputs['dist/cli.js']!
    expect(Object.keys(entry.inputs).every((input) => input.startsWith('src/'))).toBe(true)
    const all = Object.values(outputs).flatMap((output) => Object.keys(output.inputs))
    expect(all.some((input) => input.startsWith('../core/dist/'))).toBe(true)
  })

  it('source maps lead to the TypeScript sources of the CLI and the core', () => {
    const { outputs } = bundleMeta()
    const sources = Object.keys(outputs)
      .filter((file) => file.endsWith('.js.map'))
      .flatMap(
        (file) =>
          (JSON.parse(readFileSync(path.join(cliDir, file), 'utf8')) as { sources: string[] }).sources,
      )
    expect(sources).toContain('../src/cli.ts')
    expect(sources.some((source) => /^\.\.\/\.\.\/core\/src\/.*\.ts$/.test(source))).toBe(true)
    expect(readFileSync(path.join(cliDir, 'dist/cli.js'), 'utf8')).toMatch(
      /\/\/# sourceMappingURL=cli\.js\.map\s*$/,
    )
  })
})

function isBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || builtinModules.includes(spec)
}
