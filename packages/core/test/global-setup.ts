/**
 * Runs once before the suite: says, one line per missing external checker, which tests will be
 * skipped and what to install, so a newcomer's run is green and honest about what it did not check.
 */
import { missingCheckers } from './tools.js'

export default function setup(): void {
  const missing = missingCheckers()
  if (missing.length === 0) return
  process.stderr.write(
    `Not installed, so the tests that need them are skipped:\n${missing.map((line) => `  - ${line}`).join('\n')}\n`,
  )
}
