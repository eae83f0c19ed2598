import { availableParallelism } from 'node:os'
import { defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Tests run the TypeScript sources: `#platform` (packages/core/package.json `imports`) resolves
  // to src/ under this condition, as it does for tsc, instead of to the built dist/.
  ssr: { resolve: { conditions: ['octavo-source', ...defaultServerConditions] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    // No test asserts time; these bounds only stop a hung test, on a machine as busy as CI can be.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    globalSetup: ['packages/core/test/global-setup.ts'],
    // One fixed fast-check seed for every property test (FC_SEED and FC_SCALE search further).
    setupFiles: ['packages/core/test/fast-check.ts'],
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores (it keeps one for itself, which does
    // almost nothing in a run): on a 2-core machine a single worker, and a suite that is all
    // CPU (23 min of CPU in 26 min of wall time) used half the machine. One worker per core;
    // `--maxWorkers` still overrides it.
    maxWorkers: availableParallelism(),
  },
})
