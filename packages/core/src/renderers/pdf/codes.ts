/** Diagnostic codes raised by this area; joined into the closed set in diagnostics/codes.ts. */
import type { CodeInfo } from '../../diagnostics/codes.js'

export const pdfCodes = {
  'pdf-placeholder': { level: 'info', description: 'Replace with this area\'s real codes.' },
} as const satisfies Record<string, CodeInfo>
