/** Diagnostic codes raised by the typography transform. */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'

export const typographyCodes = defineCodes({
  'typography-unknown-language': {
    level: 'info',
    description: 'The book’s language has no quotation-mark rules; English quotes were used.',
  },
  'typography-ambiguous-quote': {
    level: 'info',
    description:
      'A straight quote at the start of a word could open a quotation or stand for left-out letters; Octavo chose an opening quote. Write the curly mark in the source to confirm.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    typography: typeof typographyCodes
  }
}
