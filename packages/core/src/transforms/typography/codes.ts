/** Diagnostic codes raised by this area; joined into the closed set in diagnostics/codes.ts. */
import type { CodeInfo } from '../../diagnostics/codes.js'

export const typographyCodes = {
  'typography-unknown-language': {
    level: 'info',
    description: 'The book’s language has no quotation-mark rules; English quotes were used.',
  },
} as const satisfies Record<string, CodeInfo>
