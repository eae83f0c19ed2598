import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    // No test asserts time; these bounds only stop a hung test, on a machine as busy as CI can be.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    globalSetup: ['packages/core/test/global-setup.ts'],
    pool: 'forks',
  },
})
