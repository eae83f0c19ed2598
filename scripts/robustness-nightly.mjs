#!/usr/bin/env node
// Nightly robustness run: the same property tests as CI with many more cases, then the load
// benchmark at a larger size. CI runs a few hundred cases per property; this raises them through
// FC_RUNS (default 20000) and gives fast-check a fresh seed, printed so a failure can be replayed.
//
// Usage: node scripts/robustness-nightly.mjs [--runs N] [--books N] [--skip-load]
// Needs the built packages for the load part (`npm run build`). Exit code is non-zero when any
// part failed.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : fallback
}
const runs = arg('runs', process.env.FC_RUNS ?? '20000')
const books = arg('books', '1000')
const seed = String(Date.now() % 2 ** 31)

const steps = [
  {
    name: `property tests with FC_RUNS=${runs} (seed ${seed})`,
    cmd: 'npx',
    args: [
      'vitest',
      'run',
      'packages/core/test/robustness/properties.test.ts',
      '--testTimeout',
      '7200000',
      '--hookTimeout',
      '7200000',
    ],
    env: { FC_RUNS: runs, FC_SEED: seed },
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
