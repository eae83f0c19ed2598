#!/usr/bin/env node
// Nightly robustness run: every property test in the repository (each test file that calls
// fast-check, found by a scan, not a list to keep up to date) with a fresh seed and many more cases,
// then the robustness suites once more and the load benchmark at a larger size. CI runs each
// property's own count of cases from one fixed seed (packages/core/test/fast-check.ts); this
// multiplies every count by FC_SCALE (default 10: a property CI runs 300 times runs 3,000; one that
// renders and checks a whole book 10 times runs 100) and gives fast-check a fresh seed through
// FC_SEED, printed so a failure can be replayed:
//   FC_SEED=<seed> FC_SCALE=<scale> npx vitest run <file>
// At the default size it takes about an hour and a half on a quiet 2-core machine.
//
// Usage: node scripts/robustness-nightly.mjs [--scale N] [--seed N] [--books N] [--skip-load] [--list]
// Needs the built packages for the load part (`npm run build`). Exit code is non-zero when any
// part failed.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : fallback
}
const scale = arg('scale', process.env.FC_SCALE ?? '10')
const books = arg('books', '1000')
const seed = arg('seed', process.env.FC_SEED ?? String(Date.now() % 2 ** 31))

/** Every test file under packages/*\/test and examples/*\/test that runs a fast-check property. */
function propertyFiles() {
  const files = []
  for (const group of ['packages', 'examples']) {
    let names = []
    try {
      names = readdirSync(path.join(root, group))
    } catch {
      continue
    }
    for (const name of names) {
      const dir = path.join(root, group, name, 'test')
      let entries = []
      try {
        entries = readdirSync(dir, { recursive: true })
      } catch {
        continue
      }
      for (const entry of entries) {
        if (!String(entry).endsWith('.test.ts')) continue
        const file = path.join(dir, String(entry))
        if (/\bfc\.(assert|check|sample)\(/.test(readFileSync(file, 'utf8')))
          files.push(path.relative(root, file).split(path.sep).join('/'))
      }
    }
  }
  return files.sort()
}
const properties = propertyFiles()

const steps = [
  {
    name: `property tests in ${properties.length} files with FC_SCALE=${scale} FC_SEED=${seed}:\n    ${properties.join('\n    ')}`,
    cmd: 'npx',
    args: ['vitest', 'run', ...properties, '--testTimeout', '7200000', '--hookTimeout', '7200000'],
    env: { FC_SCALE: scale, FC_SEED: seed },
  },
  {
    name: 'the whole robustness suite once more',
    cmd: 'npx',
    args: [
      'vitest',
      'run',
      'packages/core/test/robustness',
      'packages/cli/test/robustness',
      '--testTimeout',
      '7200000',
    ],
    env: {},
  },
]
if (!process.argv.includes('--skip-load')) {
  steps.push({
    name: `load: ${books} books`,
    cmd: process.execPath,
    args: ['bench/load.mjs', '--books', books, '--workers', '4', '--pdf-every', '10'],
    env: {},
  })
}

if (process.argv.includes('--list')) {
  for (const step of steps) console.log(`${step.name}\n  ${step.cmd} ${step.args.join(' ')}`)
  process.exit(0)
}

let failed = 0
for (const step of steps) {
  console.log(`\n=== ${step.name}`)
  const start = Date.now()
  const run = spawnSync(step.cmd, step.args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  })
  const ok = run.status === 0
  if (!ok) failed++
  console.log(
    `=== ${ok ? 'ok' : `FAILED (exit ${run.status})`} in ${((Date.now() - start) / 1000).toFixed(0)} s`,
  )
}
console.log(`\n${steps.length - failed} passed, ${failed} failed`)
process.exitCode = failed ? 1 : 0
