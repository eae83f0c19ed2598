#!/usr/bin/env node
// Build the example books into examples/out with the built CLI: what `npm run example` does after setup.
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'

const cli = ['packages/cli/dist/cli.js']
const out = process.argv[2] ?? 'examples/out'
mkdirSync(out, { recursive: true })
const run = (args) => execFileSync(process.execPath, [...cli, ...args], { stdio: 'inherit' })

run([
  'build',
  'examples/web-serial',
  '--title',
  "The Cartographer's Apprentice",
  '--author',
  'R. Vance',
  '--out',
  out,
])
run(['build', 'examples/markdown-novel', '--out', out])
// The example's book.yaml names a plugin; a checkout is not a folder `octavo init` made.
run(['build', 'examples/plugin-renderer', '--format', 'txt,epub', '--allow-plugins', '--out', out])
execFileSync(process.execPath, ['examples/library/dist/main.js', out], { stdio: 'inherit' })
console.log(`\nThe example books are in ${out}/`)
