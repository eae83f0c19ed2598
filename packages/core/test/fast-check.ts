/**
 * Every property test in the suite runs from one fixed seed, so a run of `npm test` is the same run
 * on every machine: CI cannot pass or fail by luck. The nightly robustness script searches further
 * with a fresh seed (`FC_SEED`, printed so a failure can be replayed) and more cases (`FC_RUNS`).
 * Loaded before every test file (vitest `setupFiles`).
 */
import fc from 'fast-check'

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261202) })

/** Number of fast-check runs: the CI default, raised by the nightly script through FC_RUNS. */
export function fcRuns(ciDefault: number): number {
  const env = Number(process.env.FC_RUNS)
  return Number.isFinite(env) && env > 0 ? env : ciDefault
}
