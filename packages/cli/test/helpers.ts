/** Run the built `octavo` binary the way a user does, in temporary folders. */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
export const cli = path.join(repo, 'packages/cli/dist/cli.js')

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Config and state folders of their own, so tests never read or write the user's (trust, outputs). */
const home = mkdtempSync(path.join(tmpdir(), 'octavo-cli-home-'))

export function octavo(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? repo,
    env: {
      ...process.env,
      NO_COLOR: '1',
      SOURCE_DATE_EPOCH: '1700000000',
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_STATE_HOME: path.join(home, 'state'),
      ...options.env,
    },
    encoding: 'utf8',
    timeout: 600_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

export function tempDir(prefix = 'octavo-cli-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix))
}

/** A copy of an example book in a temp folder (tests never write into the repo). */
export function copyExample(name: string): string {
  const dir = tempDir()
  cpSync(path.join(repo, 'examples', name), dir, {
    recursive: true,
    filter: (source) => !source.includes('node_modules') && !source.includes(`${path.sep}dist`),
  })
  return dir
}

/** esbuild's metafile of the bundled binary (scripts/bundle.mjs): what each chunk holds. */
export interface BundleMeta {
  inputs: Record<string, { bytes: number }>
  outputs: Record<
    string,
    {
      bytes: number
      entryPoint?: string
      inputs: Record<string, { bytesInOutput: number }>
      imports: { path: string; kind: string; external?: boolean }[]
    }
  >
}

export function bundleMeta(): BundleMeta {
  return JSON.parse(readFileSync(path.join(repo, 'packages/cli/dist/bundle.json'), 'utf8')) as BundleMeta
}

/**
 * Run the built binary with a module hook that records every module the process resolves, so a
 * test counts what a command loads instead of timing it. The binary is bundled: each chunk it
 * loads counts as the source modules the chunk holds (from the bundle's metafile), listed after
 * the chunk itself, so a test names modules as it would unbundled. What is resolved through
 * `require` (the CommonJS packages the core loads on demand: chardet, hyphenation patterns,
 * resvg in its thread), which the ES module hook does not see, is recorded too, as it comes.
 */
export function modulesLoaded(
  args: string[],
  env: Record<string, string> = {},
): { run: SpawnSyncReturns<string>; modules: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'octavo-modules-'))
  const log = path.join(dir, 'modules.log')
  writeFileSync(
    path.join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs'\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r }\n`,
  )
  writeFileSync(
    path.join(dir, 'register.mjs'),
    `import { register } from 'node:module'\nregister(${JSON.stringify(`file://${path.join(dir, 'hooks.mjs')}`)})\n`,
  )
  writeFileSync(
    path.join(dir, 'require.cjs'),
    `const { appendFileSync } = require('node:fs')\nconst { pathToFileURL } = require('node:url')\nconst Module = require('node:module')\nconst resolve = Module._resolveFilename\nModule._resolveFilename = function (...args) {\n  const file = resolve.apply(this, args)\n  if (file.startsWith('/')) appendFileSync(${JSON.stringify(log)}, pathToFileURL(file).href + '\\n')\n  return file\n}\n`,
  )
  writeFileSync(log, '')
  const hooks = ['--require', path.join(dir, 'require.cjs'), '--import', path.join(dir, 'register.mjs')]
  const run = spawnSync(process.execPath, [...hooks, cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
  const base = path.join(repo, 'packages/cli')
  const { outputs } = bundleMeta()
  const modules = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((url) => {
      const held = url.startsWith('file:') ? outputs[path.relative(base, fileURLToPath(url))] : undefined
      const inputs = Object.keys(held?.inputs ?? {}).map(
        (input) => pathToFileURL(path.join(base, input)).href,
      )
      return [url, ...inputs]
    })
  return { run, modules }
}
