/**
 * A web serial saved one page per chapter: the pages are named by the browser ("Chapter 10 -
 * Royal Road.html" sorts before "Chapter 2 …"), but each states its chapter number. For an archive
 * work (its metadata names a `source`), chapters that all state distinct numbers are put in the
 * order of those numbers, and the book says so once. A book with parts, or with a chapter that
 * states no number, keeps the order it was given. `chaptersRange` keeps a part of the work.
 */
import type { SourceFile } from '../diagnostics/file.js'
import type { Chapter, Part, Root } from '../model/types.js'
import type { Transform } from './types.js'

export function serialOrder(): Transform {
  return (tree, file) => {
    chapterRange(tree, file)
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

/**
 * A part of the work (`chaptersRange`): only the body chapters whose number falls in the range
 * stay; front and back matter stay, parts left empty go. Says how many were kept.
 */
function chapterRange(tree: Root, file: SourceFile): void {
  const range = tree.metadata.chaptersRange
  if (!range) return
  const inRange = (c: Chapter) =>
    c.matter !== 'body' ||
    (c.number !== undefined && c.number >= range.from && (range.to === undefined || c.number <= range.to))
  let kept = 0
  let dropped = 0
  const count = (c: Chapter) => {
    if (c.matter !== 'body') return true
    if (inRange(c)) kept++
    else dropped++
    return inRange(c)
  }
  tree.children = tree.children.flatMap((node): Array<Part | Chapter> => {
    if (node.type === 'chapter') return count(node) ? [node] : []
    node.children = node.children.filter(count)
    return node.children.length > 0 ? [node] : []
  })
  const span = `${range.from}${range.to === undefined ? '–' : range.to === range.from ? '' : `–${range.to}`}`
  file.message(
    kept === 0 ? 'book-chapters-range-empty' : 'book-chapters-range',
    kept === 0
      ? `No chapter is numbered ${span}: the book has no body chapters`
      : `Chapters ${span}: ${kept} kept, ${dropped} left out`,
  )
}
