/**
 * Word counts and reading times per chapter (`octavo stats`). Words are counted with the corpus
 * rule: runs of letters, digits and marks with internal `'` or `-` (`don't`, `well-known` = 1).
 */
import { labelsFor } from './model/labels.js'
import type { Node } from './model/types.js'
import { chaptersOf, visit } from './model/walk.js'
import type { Book } from './pipeline/book.js'
import { countWords } from './words.js'

export { countWords }

export interface ChapterStats {
  id?: string
  file?: string
  title: string
  words: number
  /** Minutes at `wordsPerMinute`. */
  minutes: number
}

export interface BookStats {
  chapters: ChapterStats[]
  words: number
  minutes: number
}

/**
 * Count words in each chapter's text (titles excluded), and reading time at 250 words a minute.
 *
 * @example
 *   const stats = bookStats(book, 300)
 *   console.log(`${stats.words} words, about ${Math.round(stats.minutes)} minutes`)
 */
export function bookStats(book: Book, wordsPerMinute = 250): BookStats {
  const { chapterLabel } = labelsFor(book.tree.metadata.language, book.tree.metadata.strings)
  const chapters = chaptersOf(book.tree).map((chapter) => {
    let words = 0
    for (const child of chapter.children) {
      visit(child as Node, (node) => {
        if (node.type === 'text') words += countWords(node.value)
      })
    }
    const stats: ChapterStats = { title: chapterLabel(chapter), words, minutes: words / wordsPerMinute }
    if (chapter.id) stats.id = chapter.id
    if (chapter.file) stats.file = chapter.file
    return stats
  })
  const words = chapters.reduce((sum, c) => sum + c.words, 0)
  return { chapters, words, minutes: words / wordsPerMinute }
}
