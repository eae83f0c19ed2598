#!/usr/bin/env node
// Run every benchmark in turn and print their figures. Each runs in its own process.
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const SHARED = process.env.OCTAVO_SHARED ?? new URL('../../shared', import.meta.url).pathname

const here = path.dirname(fileURLToPath(import.meta.url))
const plan = [
  ['pipeline.mjs', '--format', 'none'],
  ['pipeline.mjs', '--format', 'epub'],
  ['pipeline.mjs', `${SHARED}/corpus/war-and-peace/txt`, '--format', 'pdf', '--runs', '1'],
]
const others = readdirSync(here).filter(
  (f) => f.endsWith('.mjs') && !['run-all.mjs', 'pipeline.mjs'].includes(f),
)
for (const [script, ...args] of [...plan, ...others.map((f) => [f])]) {
  const fixed = args
  console.log(`\n## ${script} ${fixed.join(' ')}`)
  try {
    execFileSync(process.execPath, [path.join(here, script), ...fixed], { stdio: 'inherit' })
  } catch {
    console.log(`(${script} failed)`)
  }
}
