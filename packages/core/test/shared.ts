/** Where the team's shared/ folder is: beside the repository (as in CI), or OCTAVO_SHARED. */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { TestRunner } from 'vitest'

export const SHARED = process.env.OCTAVO_SHARED ?? path.resolve(import.meta.dirname, '../../../../shared')

/**
 * Whether the shared corpus (four public-domain novels, outside the repository) is there. A clone
 * without it runs every other test: the corpus tests are skipped, saying where it is looked for.
 */
export const hasCorpus = existsSync(path.join(SHARED, 'corpus'))

const CORPUS_MISSING = `the shared corpus is not at ${path.join(SHARED, 'corpus')} (set OCTAVO_SHARED)`

/** Skip the running test when the corpus is missing (as `need()` does for a checker). */
export function needCorpus(): void {
  if (hasCorpus) return
  const test = TestRunner.getCurrentTest()
  if (!test) throw new Error(`${CORPUS_MISSING}: in a hook or describe, use describe.skipIf(!hasCorpus)`)
  test.context.skip(CORPUS_MISSING)
}
