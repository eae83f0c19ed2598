import { defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Tests run the TypeScript sources: `#platform` (packages/core/package.json `imports`) resolves
  // to src/ under this condition, as it does for tsc, instead of to the built dist/.
  ssr: { resolve: { conditions: ['octavo-source', ...defaultServerConditions] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
})
