/**
 * The CJK faces' side of the book: which characters of its text want a Chinese, Japanese or
 * Korean face, so a book without any never loads one. Which regional face sets them is
 * `cjkRegion` (`src/cjk.ts`), shared with the generated cover.
 */

import { isCjkCharacter } from '../../cjk.js'
import type { Root } from '../../model/types.js'
import { MAY_BE_CJK } from './layout/cjk.js'

/**
 * The distinct CJK characters (`isCjkCharacter`) anywhere in the book: metadata, generated pages,
 * titles, text, code, alt text. One pass over every string of the tree (an explicit stack: any
 * depth), each string tested by a regular expression before it is read character by character.
 */
export function cjkCharacters(tree: Root): Set<number> {
  const found = new Set<number>()
  const stack: unknown[] = [tree]
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value === 'string') {
      if (!MAY_BE_CJK.test(value)) continue
      for (const char of value) {
        const c = char.codePointAt(0)!
        if (isCjkCharacter(c)) found.add(c)
      }
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i])
    } else if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
      for (const key in value) stack.push((value as Record<string, unknown>)[key])
    }
  }
  return found
}
