/**
 * Stable ids for parts and chapters, derived from reading order only, so the same book always
 * gets the same ids (and byte-identical output) and renderers can link across files.
 */
import type { Transform } from './types.js'

/**
 * A transform that gives every part and chapter without an id a stable one from its reading-order position.
 *
 * @example
 *   const { book } = await createBook({ metadata, chapters, transforms: [ids()] })
 *   chaptersOf(book!.tree).map((c) => c.id)
 */
export function ids(): Transform {
  return (tree) => {
    let parts = 0
    let chapters = 0
    for (const child of tree.children) {
      if (child.type === 'part') {
        child.id ??= `part-${String(++parts).padStart(2, '0')}`
        for (const chapter of child.children) chapter.id ??= `ch-${String(++chapters).padStart(3, '0')}`
      } else {
        child.id ??= `ch-${String(++chapters).padStart(3, '0')}`
      }
    }
  }
}
