/** Codes raised by `octavo check`'s manuscript lint (core `lint.ts`). */
import type { CodeInfo } from './types.js'

export const lintCodes = {
  'lint-unbalanced-quotes': {
    level: 'warning',
    description: 'A paragraph opens a quotation it never closes (or closes one it never opened).',
  },
  'lint-missing-word': {
    level: 'warning',
    description:
      'A closing quote is followed by a lower-case word with no speech verb: a word may be missing.',
  },
  'lint-repeated-word': { level: 'warning', description: 'The same word twice in a row ("the the").' },
  'lint-scene-break-styles': {
    level: 'warning',
    description: 'The manuscript mixes several scene-break styles.',
  },
  'lint-image-no-alt': { level: 'warning', description: 'An image has no alternative text.' },
  'validate-epub-error': {
    level: 'error',
    description: 'EPUBCheck reports an error in the built EPUB (an Octavo bug: please report it).',
  },
  'validate-epub-warning': {
    level: 'warning',
    description: 'EPUBCheck reports a warning in the built EPUB.',
  },
  'validate-unavailable': {
    level: 'info',
    description: 'EPUBCheck (Java) is not installed, so the EPUB was not validated.',
  },
} as const satisfies Record<string, CodeInfo>

declare module './types.js' {
  interface CodeTables {
    lint: typeof lintCodes
  }
}
