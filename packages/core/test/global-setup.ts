/**
 * Runs once before the suite: says, one line per missing external checker, which tests will be
 * skipped and what to install, so a newcomer's run is green and honest about what it did not check;
 * and starts the EPUBCheck service (epubcheck/service.ts), one warm JVM for every check of the run.
 */
import type { TestProject } from 'vitest/node'
import { startEpubcheckService } from './epubcheck/service.js'
import { has, missingCheckers } from './tools.js'

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const missing = missingCheckers()
  if (missing.length > 0)
    process.stderr.write(
      `Not installed, so the tests that need them are skipped:\n${missing.map((line) => `  - ${line}`).join('\n')}\n`,
    )
  if (!has('epubcheck')) return undefined
  const service = await startEpubcheckService()
  project.provide('epubcheckSocket', service.socket)
  return () => service.close()
}
