/**
 * Chapter numbering: give unnumbered body chapters the next number, and warn where the author's
 * own numbers repeat or run out of order (a missing or misplaced chapter file is the usual cause).
 * Prologues, epilogues and front/back matter are never numbered.
 *
 * Numbering starts from the first number the author wrote: a book that opens at chapter 23 (a
 * partial download, a second volume) is not missing chapters 1 to 22, and unnumbered chapters
 * before that first number count back from it. Only what follows is checked: gaps and repeats
 * after it still warn. A number a chapter or part cannot print (1e308, -1, NaN, 2.345) is
 * dropped with a diagnostic and the chapter numbered as if it had none.
 */
import type { SourceFile } from '../diagnostics/file.js'
import type { Chapter, Part } from '../model/types.js'
import { chaptersOf } from '../model/walk.js'
import type { Transform } from './types.js'

/**
 * A number a label can print: a whole number, or a half chapter such as 5.5 (two decimals at
 * most), from 0 up to the largest integer JavaScript holds exactly.
 */
export function isPrintableNumber(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    value <= Number.MAX_SAFE_INTEGER &&
    Math.round(value * 100) / 100 === value
  )
}

/** Drop a number no label can print, saying where it came from. */
function checkNumber(node: Chapter | Part, file: SourceFile, where: string | undefined): void {
  if (node.number === undefined || isPrintableNumber(node.number)) return
  file.messageIn(
    where,
    'book-number-invalid',
    `${node.type} number ${String(node.number)} is not a chapter number (a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, or a half such as 5.5); it is ignored`,
    node.position,
  )
  delete node.number
  delete node.numeral
}

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
    for (const child of tree.children) {
      if (child.type === 'part') checkNumber(child, file, child.children[0]?.file)
    }
    const numbered: Chapter[] = []
    for (const chapter of chaptersOf(tree)) {
      checkNumber(chapter, file, chapter.file)
      if (chapter.matter === 'body' && chapter.kind === 'chapter') numbered.push(chapter)
    }

    // Unnumbered chapters before the author's first number count back from it when they can.
    const first = numbered.findIndex((c) => c.number !== undefined)
    if (first > 0) {
      const start = numbered[first]!.number!
      const base = Number.isInteger(start) && start - first >= 1 ? start - first : 1
      for (let i = 0; i < first; i++) numbered[i]!.number = base + i
    }

    let previous: number | undefined
    const seen = new Map<number, string>()
    for (const chapter of numbered) {
      const where = chapter.file ?? ''
      // Reported against the chapter's own file and heading, so the reporter can point at it.
      const report = (code: 'book-duplicate-number' | 'book-number-order', message: string) =>
        file.messageIn(chapter.file, code, message, chapter.position)
      if (chapter.number === undefined) {
        chapter.number = previous === undefined ? 1 : Math.floor(previous) + 1
      } else if (seen.has(chapter.number)) {
        report(
          'book-duplicate-number',
          `chapter ${chapter.number} has the same number as ${seen.get(chapter.number)}`,
        )
      } else if (previous !== undefined && !follows(previous, chapter.number)) {
        report(
          'book-number-order',
          `chapter ${chapter.number} follows chapter ${previous}` +
            (chapter.number > previous ? ' (a chapter may be missing)' : ' (out of order)'),
        )
      }
      if (!seen.has(chapter.number)) seen.set(chapter.number, where || `chapter ${chapter.number}`)
      previous = chapter.number
    }
  }
}

/** The next chapter, or a half chapter on the way to it: 5 → 6, 5 → 5.5 → 6. */
function follows(previous: number, next: number): boolean {
  return next > previous && next <= Math.floor(previous) + 1
}
