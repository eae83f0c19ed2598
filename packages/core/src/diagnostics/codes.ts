/**
 * The closed set of diagnostic codes, each with its level, after pandoc's `LogMessage`.
 *
 * Each area of Octavo owns one table (so its authors never edit another's). This module knows
 * only the book's own tables; a format's table joins when its module is loaded (`defineCodes`),
 * and a plugin's when its reader or renderer is registered. A code is `area-what-happened`,
 * kebab-case, and never changes meaning once released: users filter and `--strict` on them.
 */

import { bookCodes } from './book-codes.js'
import { lintCodes } from './lint-codes.js'
import type { Code, CodeInfo, CodeTable, Level } from './types.js'

export { bookCodes } from './book-codes.js'
export { lintCodes } from './lint-codes.js'
export type { Code, CodeInfo, CodeTable, CodeTables, Level } from './types.js'

const table: Record<string, CodeInfo> = { ...bookCodes, ...lintCodes }

/**
 * Every diagnostic code Octavo can raise, with its level and a one-sentence description.
 *
 * @example
 *   codes['renderer-unknown'].level // 'error'
 *   const warnings = Object.keys(codes).filter((c) => codes[c as Code].level === 'warning')
 */
export const codes = table as { readonly [C in Code]: CodeInfo }

/**
 * Add an area's codes to the set and return the table unchanged (its literal type intact, for
 * `CodeTables`). A code already defined with another level or description is a clash between
 * two areas, which would make one of them lie: it throws, at load time, for the developer.
 *
 * @example
 *   export const fountainCodes = defineCodes({
 *     'fountain-scene-heading': { level: 'warning', description: 'A scene heading has no location.' },
 *   } as const)
 */
export function defineCodes<const T extends CodeTable>(area: T): T {
  for (const [code, info] of Object.entries(area)) {
    const known = table[code]
    if (known && (known.level !== info.level || known.description !== info.description))
      throw new Error(`diagnostic code "${code}" is defined twice, differently`)
    table[code] = info
  }
  return area
}

export function codeLevel(code: Code): Level {
  const info = table[code]
  // Only a module raising a code its area never defined gets here: a bug in that module.
  if (!info) throw new Error(`diagnostic code "${code}" is not defined by any loaded code table`)
  return info.level
}
