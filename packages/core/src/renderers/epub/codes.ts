/** Diagnostic codes raised by this area; joined into the closed set in diagnostics/codes.ts. */
import type { CodeInfo } from '../../diagnostics/codes.js'

export const epubCodes = {
  'epub-placeholder': { level: 'info', description: 'Replace with this area\'s real codes.' },
} as const satisfies Record<string, CodeInfo>
