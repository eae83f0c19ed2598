/**
 * Chapter numbering: give unnumbered body chapters the next number, and warn where the author's
 * own numbers repeat or run out of order (a missing or misplaced chapter file is the usual cause).
 * Prologues, epilogues and front/back matter are never numbered.
 */
import type { SourceFile } from '../diagnostics/file.js'
import { chaptersOf } from '../model/walk.js'
import type { Transform } from './types.js'

export function numbering(): Transform {
  return (tree, file: SourceFile) => {
    let previous = 0
    const seen = new Map<number, string>()
    for (const chapter of chaptersOf(tree)) {
      if (chapter.matter !== 'body' || chapter.kind !== 'chapter') continue
      const place = chapter.position
      const where = chapter.file ?? ''
      if (chapter.number === undefined) {
        chapter.number = previous + 1
      } else if (seen.has(chapter.number)) {
        file.message(
          'book-duplicate-number',
          `${where}: chapter ${chapter.number} has the same number as ${seen.get(chapter.number)}`,
          place,
        )
      } else if (chapter.number !== previous + 1) {
        file.message(
          'book-number-order',
          `${where}: chapter ${chapter.number} follows chapter ${previous}` +
            (chapter.number > previous + 1 ? ' (a chapter may be missing)' : ' (out of order)'),
          place,
        )
      }
      if (!seen.has(chapter.number)) seen.set(chapter.number, where || `chapter ${chapter.number}`)
      previous = chapter.number
    }
  }
}
