/**
 * The closed set of diagnostic codes, each with its level, after pandoc's `LogMessage`.
 *
 * Each area of Octavo owns one table (so its authors never edit another's); this module joins
 * them. A code is `area-what-happened`, kebab-case, and never changes meaning once released:
 * users filter and `--strict` on them.
 */

import { htmlCodes } from '../readers/html-codes.js'
import { markdownCodes } from '../readers/markdown-codes.js'
import { textCodes } from '../readers/text/codes.js'
import { epubCodes } from '../renderers/epub/codes.js'
import { pdfCodes } from '../renderers/pdf/codes.js'
import { typographyCodes } from '../transforms/typography/codes.js'
import { bookCodes } from './book-codes.js'
import type { Level } from './file.js'
import { lintCodes } from './lint-codes.js'

/** One entry of a code table. */
export interface CodeInfo {
  level: Level
  /** One sentence for the README's table of codes. */
  description: string
}

/**
 * Every diagnostic code Octavo can raise, with its level and a one-sentence description.
 *
 * @example
 *   codes['renderer-unknown'].level // 'error'
 *   const warnings = Object.keys(codes).filter((c) => codes[c as Code].level === 'warning')
 */
export const codes = {
  ...bookCodes,
  ...lintCodes,
  ...textCodes,
  ...markdownCodes,
  ...htmlCodes,
  ...typographyCodes,
  ...epubCodes,
  ...pdfCodes,
} as const satisfies Record<string, CodeInfo>

export type Code = keyof typeof codes

export function codeLevel(code: Code): Level {
  return codes[code].level
}
