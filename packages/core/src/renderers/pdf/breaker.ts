/**
 * The line breaker the composer uses: Knuth-Plass with hyphenation from `layout/break.ts`, with
 * the greedy breaker (`greedy.ts`) as a safety net should it ever throw on a paragraph.
 */
import { greedyBreak } from './greedy.js'
import { breakParagraph as knuthPlass } from './layout/break.js'
import type { BreakParagraph } from './layout/types.js'

export const breakParagraph: BreakParagraph = (spec, measurer) => {
  try {
    return knuthPlass(spec, measurer)
  } catch {
    return { ...greedyBreak(spec, measurer), fallback: true, pass: 'greedy' }
  }
}
