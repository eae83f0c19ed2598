/** Codes raised by `octavo check`'s manuscript lint (core `lint.ts`). */
import type { CodeInfo } from './types.js'

export const lintCodes = {
  'lint-missing-word': {
    level: 'warning',
    description:
      'An opening quote followed by a space and a lower-case word: a word (often an italic one lost in an export) is missing.',
  },
  'lint-repeated-word': {
    level: 'warning',
    description: 'A word that is never doubled on purpose, doubled ("the the").',
  },
  'lint-unclosed-quote': {
    level: 'warning',
    description:
      'A quotation left open at the end of a paragraph that the next paragraphs neither continue nor close.',
  },
  'lint-unopened-quote': {
    level: 'warning',
    description: 'A closing quote with no opening quote before it.',
  },
  'lint-mismatched-quotes': {
    level: 'warning',
    description: 'A quotation opened with one kind of quote and closed with the other (“…’).',
  },
  'lint-double-hyphen': {
    level: 'warning',
    description: '`--` left between words where an em dash belongs (typography or its dashes turned off).',
  },
  'lint-stray-emphasis-mark': {
    level: 'warning',
    description: 'A `*` or `_` against a word with no partner: half of an emphasis was lost.',
  },
  'lint-author-note-inside': {
    level: 'warning',
    description: 'An author’s note (`A/N`) in the middle of a chapter, where it reads as part of the story.',
  },
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
