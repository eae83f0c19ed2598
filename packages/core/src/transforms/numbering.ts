/**
 * Chapter numbering: give unnumbered body chapters the next number, and warn where the author's
 * own numbers repeat or run out of order (a missing or misplaced chapter file is the usual cause).
 * Prologues, epilogues and front/back matter are never numbered.
 */
import type { SourceFile } from '../diagnostics/file.js'
import { chaptersOf } from '../model/walk.js'
import type { Transform } from './types.js'

/**
 * A transform that numbers unnumbered body chapters and warns about repeated or out-of-order numbers.
 *
 * @example
 *   const file = new SourceFile('')
 *   await numbering()(book.tree, file)
 *   chaptersOf(book.tree).map((c) => c.number)
 */
export function numbering(): Transform {
  return (tree, file: SourceFile) => {
    let previous = 0
    const seen = new Map<number, string>()
    for (const chapter of chaptersOf(tree)) {
      if (chapter.matter !== 'body' || chapter.kind !== 'chapter') continue
      const where = chapter.file ?? ''
      // Reported against the chapter's own file and heading, so the reporter can point at it.
      const report = (code: 'book-duplicate-number' | 'book-number-order', message: string) => {
        const diagnostic = file.message(code, message, chapter.position)
        if (chapter.file) diagnostic.file = chapter.file
      }
      if (chapter.number === undefined) {
        chapter.number = previous + 1
      } else if (seen.has(chapter.number)) {
        report(
          'book-duplicate-number',
          `chapter ${chapter.number} has the same number as ${seen.get(chapter.number)}`,
        )
      } else if (chapter.number !== previous + 1) {
        report(
          'book-number-order',
          `chapter ${chapter.number} follows chapter ${previous}` +
            (chapter.number > previous + 1 ? ' (a chapter may be missing)' : ' (out of order)'),
        )
      }
      if (!seen.has(chapter.number)) seen.set(chapter.number, where || `chapter ${chapter.number}`)
      previous = chapter.number
    }
  }
}
