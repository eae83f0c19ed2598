/**
 * `npm run test:quick`: the unit and golden tests, for the edit-test loop (about two minutes on
 * a quiet 2-core machine). Left out: the real checkers, the corpus, the robustness and property
 * suites, the CLI's end-to-end runs and the browser; `npm test` runs everything.
 */
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        ...configDefaults.exclude,
        '**/robustness/**',
        '**/integration/**',
        '**/browser/**',
        '**/*corpus*.test.ts',
        'packages/core/test/epub/checkers.test.ts',
        'packages/core/test/epub/property.test.ts',
        'packages/cli/test/examples.test.ts',
        'packages/cli/test/pack.test.ts',
        'packages/cli/test/watch.test.ts',
      ],
    },
  }),
)
