/**
 * A web serial saved one page per chapter: the pages are named by the browser ("Chapter 10 -
 * Royal Road.html" sorts before "Chapter 2 …"), but each states its chapter number. For an archive
 * work (its metadata names a `source`), chapters that all state distinct numbers are put in the
 * order of those numbers, and the book says so once. A book with parts, or with a chapter that
 * states no number, keeps the order it was given.
 */
import type { Chapter } from '../model/types.js'
import type { Transform } from './types.js'

export function serialOrder(): Transform {
  return (tree, file) => {
    if (!tree.metadata.source || tree.children.length < 2) return
    const chapters = tree.children
    if (
      !chapters.every(
        (c): c is Chapter => c.type === 'chapter' && c.matter === 'body' && c.number !== undefined,
      )
    )
      return
    const numbers = new Set(chapters.map((c) => c.number))
    if (numbers.size !== chapters.length) return
    const sorted = [...chapters].sort((a, b) => a.number! - b.number!)
    if (sorted.every((c, i) => c === chapters[i])) return
    tree.children = sorted
    file.message(
      'book-chapters-reordered',
      `The saved pages were put in the order of the chapter numbers they state (${sorted
        .map((c) => `${c.number}: ${c.file ?? '?'}`)
        .slice(0, 6)
        .join(', ')}${sorted.length > 6 ? ', …' : ''}), not of their file names`,
    )
  }
}
