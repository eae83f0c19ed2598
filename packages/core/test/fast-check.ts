/**
 * Every property test in the suite runs from one fixed seed, so a run of `npm test` is the same run
 * on every machine: CI cannot pass or fail by luck. The nightly robustness script searches further
 * with a fresh seed (`FC_SEED`, printed so a failure can be replayed) and more cases (`FC_SCALE`,
 * a multiplier of every property's own count: a property that builds and checks a whole book runs
 * ten cases where one that parses a string runs thousands, and both grow by the same factor).
 * Loaded before every test file (vitest `setupFiles`).
 */
import fc from 'fast-check'

const scale = Number(process.env.FC_SCALE)
/** How many times its CI count each property runs: 1 in CI, raised by the nightly script. */
export const FC_SCALE = Number.isFinite(scale) && scale > 0 ? scale : 1

/** Number of fast-check runs for a property whose CI count is `ciDefault`. */
export function fcRuns(ciDefault: number): number {
  return Math.max(1, Math.round(ciDefault * FC_SCALE))
}

// fast-check's own default, 100 runs, for the properties that do not set a count.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261202), numRuns: fcRuns(100) })
