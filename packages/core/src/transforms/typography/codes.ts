/** Diagnostic codes raised by the typography transform. */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'

export const typographyCodes = defineCodes({
  'typography-unknown-language': {
    level: 'info',
    description: 'The book’s language has no quotation-mark rules; English quotes were used.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    typography: typeof typographyCodes
  }
}
