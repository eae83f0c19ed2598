/**
 * The `octavo` binary is bundled (scripts/bundle.mjs): one entry and lazy chunks. What the bundle
 * leaves out must still be found from it, so a build through the binary equals the same build
 * through the unbundled modules (the ones `tsc` wrote, run in a process of their own), generated cover,
 * hyphenated PDF and all; every package the bundle imports is a dependency of this package, at
 * the core's version; and the source maps lead back to the TypeScript sources.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { reference, woff } from '../../core/test/font-files.js'
import { bundleMeta, modulesLoaded, octavo, repo, tempDir } from './helpers.js'

const cliDir = path.join(repo, 'packages/cli')
const manifest = (pkg: string) =>
  JSON.parse(readFileSync(path.join(repo, 'packages', pkg, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
    optionalDependencies?: Record<string, string>
  }

describe('the bundled binary', () => {
  it('writes the bytes the unbundled modules write (cover, faces, hyphenation, PDF)', () => {
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
    const options = { title: 'Bundled', author: ['A. Writer'], format: ['epub', 'pdf'] }
    expect(buildUnbundled({ inputs: [book], out: unbundled, ...options })).toBe(0)
    for (const file of ['bundled.epub', 'bundled.pdf']) {
      const mine = readFileSync(path.join(bundled, file))
      expect(mine.equals(readFileSync(path.join(unbundled, file))), file).toBe(true)
    }
    // The generated cover is there: its faces and the native resvg were found from the bundle.
    expect(readFileSync(path.join(bundled, 'bundled.epub')).includes('images/cover.png')).toBe(true)
  }, 120_000)

  it('reads WOFF2 faces as web fonts are (glyf transformed; decompressed by Node’s zlib) and WOFF faces, as the unbundled modules do', async () => {
    const ttf = readFileSync(builtinFace('eb-garamond'))
    const faces = [
      { title: 'Faces', face: { file: 'body.woff2', bytes: await reference.compress(ttf) } },
      { title: 'Woff', face: { file: 'body.woff', bytes: woff(ttf) } },
    ]
    for (const { title, face } of faces) {
      const built = buildWithFace(
        title,
        face,
        'en',
        'Chapter 1: Dawn\n\n"It was early," she said -- too early.\n',
      )
      expect(built.run.code, built.run.stderr).toBe(0)
      expect(built.run.stderr).toBe('')
      // The book's face is embedded, not the default one it would fall back to.
      expect(built.pdf.includes('+EBGaramond-Regular'), face.file).toBe(true)
      expect(built.pdf.includes('+Literata-Regular'), face.file).toBe(false)
      expect(built.unbundled).toBe(0)
      expect(built.same, face.file).toBe(true)
    }
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
    expect(packages.size).toBeGreaterThan(0)
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

  it('pdfkit and fontkit are inlined; what a build never uses loads on first use', () => {
    const inputs = Object.values(bundleMeta().outputs).flatMap((output) => Object.keys(output.inputs))
    // Tables packed with raw deflate (unicode-trie's, as fontkit, unicode-properties and linebreak
    // load) are unpacked by Node's zlib: tiny-inflate is not inlined.
    expect(inputs.some((input) => input.includes('/tiny-inflate/'))).toBe(false)
    expect(inputs.some((input) => input.endsWith('/pdfkit/js/pdfkit.node.mjs'))).toBe(true)
    expect(inputs.some((input) => input.endsWith('/fontkit/dist/module.mjs'))).toBe(true)
    // brotli's decoder (WOFF2 only) is left where fontkit is installed, loaded on the first use.
    expect(inputs.some((input) => input.includes('/brotli/'))).toBe(false)
    // A PDF build loads none of them, nor brotli nor AES, from node_modules: only files found
    // where they are installed (faces, hyphenation patterns, yargs' place, the metrics of the
    // standard face pdfkit sets as it starts: `#standard-fonts/Helvetica`).
    const book = tempDir('octavo-bundle-loaded-')
    writeFileSync(path.join(book, 'chapter-1.txt'), 'Chapter 1: Dawn\n\nIt was early.\n')
    const args = ['build', book, '-o', tempDir('octavo-bundle-loaded-out-'), '-f', 'pdf', '-q']
    const { run, modules } = modulesLoaded([...args, '--title', 'T', '--author', 'A'])
    expect(run.status, run.stderr).toBe(0)
    // What the chunks hold is listed after each chunk: left out, what is left came from outside.
    const held = new Set(
      Object.values(bundleMeta().outputs).flatMap((output) =>
        Object.keys(output.inputs).map((input) => pathToFileURL(path.join(cliDir, input)).href),
      ),
    )
    const installed = modules.filter((url) => url.includes('/node_modules/.pnpm/') && !held.has(url))
    const names = installed.map((url) => url.replace(/.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, ''))
    expect(names.some((name) => name.startsWith('hyphen/'))).toBe(true)
    for (const name of names)
      expect(name, `${name} was loaded from node_modules`).toMatch(
        /^(hyphen\/patterns|fflate|@expo-google-fonts|pdfkit\/js\/standard-fonts)\/|^yargs\/package\.json$/,
      )
  })

  it('sets Arabic through the inlined fontkit as the unbundled modules do', () => {
    // fontkit shapes with its Arabic shaper a face whose layout tables list the script: an
    // author's, here Noto Naskh Arabic (the built-in faces have no Arabic glyphs). A book in
    // Arabic has no PDF yet (pdf-right-to-left): an Arabic phrase quoted in an English one does.
    const face = { file: 'naskh.ttf', bytes: readFileSync(builtinFace('noto-naskh-arabic')) }
    const english =
      'She wrote it on the wall of the lighthouse, and then went down the long stair to the harbour, where the boats were coming in with the morning tide and the gulls were loud over the water, and the keeper watched them from his window above the rocks.'
    const built = buildWithFace(
      'Arabic',
      face,
      'en',
      `Chapter One\n\nمرحبا, she wrote. ${english} ${english}\n`,
    )
    expect(built.run.code, built.run.stderr).toBe(0)
    expect(built.pdf.includes('+NotoNaskhArabic')).toBe(true)
    expect(built.unbundled).toBe(0)
    expect(built.same).toBe(true)
  }, 120_000)

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

type BuildOptions = Parameters<typeof import('../src/commands/build.js')['buildCommand']>[0]

/**
 * The build through the unbundled modules `tsc` wrote, quietly, in a process of its own (as the
 * binary runs: this one resolves the core's `#platform` to its sources) at the date the binary
 * is run at (`octavo` in helpers.ts); its exit code.
 */
function buildUnbundled(options: Omit<BuildOptions, 'quiet'>): number | null {
  const module = pathToFileURL(path.join(cliDir, 'dist/commands/build.js')).href
  const script = `const { buildCommand } = await import(${JSON.stringify(module)})
process.exitCode = await buildCommand(${JSON.stringify({ ...options, quiet: true })})`
  const home = tempDir('octavo-unbundled-home-')
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: {
      ...process.env,
      SOURCE_DATE_EPOCH: '1700000000',
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_STATE_HOME: path.join(home, 'state'),
    },
  })
  if (run.status !== 0) console.error(run.stderr)
  return run.status
}

function isBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || builtinModules.includes(spec)
}

/**
 * A one-chapter book `title` whose PDF is set in an author's face (`fonts/FILE`), built through
 * the binary and through the unbundled modules: the binary's run and PDF, the unbundled build's
 * exit code, and whether the two PDFs are the same bytes.
 */
function buildWithFace(
  title: string,
  face: { file: string; bytes: Uint8Array },
  language: string,
  text: string,
) {
  const book = tempDir(`octavo-bundle-${title}-`)
  mkdirSync(path.join(book, 'fonts'))
  writeFileSync(path.join(book, 'fonts', face.file), face.bytes)
  writeFileSync(path.join(book, 'chapter-1.txt'), text)
  writeFileSync(
    path.join(book, 'book.yaml'),
    `title: ${title}\nauthor: A\nlanguage: ${language}\nchapters:\n  - chapter-1.txt\npdf:\n  font:\n    regular: fonts/${face.file}\n`,
  )
  const file = `${title.toLowerCase()}.pdf`
  const bundled = tempDir(`octavo-bundle-${title}-out-`)
  const run = octavo(['build', book, '-o', bundled, '-f', 'pdf', '-q'])
  const pdf = run.code === 0 ? readFileSync(path.join(bundled, file)) : Buffer.alloc(0)
  const out = tempDir(`octavo-unbundled-${title}-out-`)
  const unbundled = buildUnbundled({ inputs: [book], out, format: ['pdf'] })
  const same = unbundled === 0 && pdf.equals(readFileSync(path.join(out, file)))
  return { run, pdf, unbundled, same }
}

/** A built-in family's regular TrueType face (`eb-garamond`), as the core finds it. */
function builtinFace(family: string): string {
  const core = createRequire(path.join(repo, 'packages/core/package.json'))
  const folder = path.join(
    path.dirname(core.resolve(`@expo-google-fonts/${family}/package.json`)),
    '400Regular',
  )
  return path.join(folder, readdirSync(folder).find((file) => file.endsWith('.ttf'))!)
}
