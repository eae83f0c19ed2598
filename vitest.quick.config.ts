/**
 * `npm run test:quick`: the unit and golden tests, for the edit-test loop. `npm test` runs
 * everything; this leaves out, by what a test file does rather than by a list to keep up to date:
 * - every file that starts a process: the built CLI, a real checker (EPUBCheck, qpdf, poppler,
 *   Ace, calibre, pandoc), a shell or a bench script; the CLI's fast path (fast.test.ts, a few
 *   node starts that load neither yargs nor the core) is the one CLI file kept;
 * - every file that reads the shared corpus;
 * - the robustness, integration and browser folders, and the property suites (`*propert*`).
 * A test file added anywhere is classified the same way the day it is written.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

const root = import.meta.dirname

/** The source of a test file that makes it slow: a process, a checker, the corpus. */
const SLOW = [
  /\b(spawn|spawnSync|execFile|execFileSync|execSync|fork)\(/,
  /\b(octavo|modulesLoaded|need|tool|epubcheck|runEpubcheck|qpdfCheck|aceViolations|locate)\(/,
  /\bhas\('|hasEpubcheck|hasQpdf|needCorpus|hasCorpus|corpusBook\(|\b(CORPUS|SHARED)\b/,
]
const SLOW_PLACES = /\/(robustness|integration|browser)\/|propert[a-z]*\.test\.ts$/
const KEPT = new Set(['packages/cli/test/fast.test.ts'])

function testFiles(dir: string): string[] {
  return (readdirSync(path.join(root, dir), { recursive: true }) as string[])
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => path.posix.join(dir, name.split(path.sep).join('/')))
}

const slow = ['packages/core/test', 'packages/cli/test']
  .flatMap(testFiles)
  .filter(
    (file) =>
      !KEPT.has(file) &&
      (SLOW_PLACES.test(file) || SLOW.some((re) => re.test(readFileSync(path.join(root, file), 'utf8')))),
  )

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, ...slow, 'examples/**'],
    },
  }),
)
