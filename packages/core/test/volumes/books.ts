/**
 * Generated books for the volume tests: chapters of known, varied lengths (a fixed sequence, no
 * randomness), with or without parts, small enough to lay out in a few seconds.
 */
import { type CreateOptions, createBook } from '../../src/index.js'
import type { Book } from '../../src/pipeline/book.js'

const WORDS =
  'the river ran on past the mill and the long road turned north where the hills rose grey above the town and nobody spoke of what had been found there'.split(
    ' ',
  )

/** `n` paragraphs of plain prose, the same for the same arguments. */
export function prose(seed: number, n: number): string {
  const out: string[] = []
  for (let p = 0; p < n; p++) {
    const words: string[] = []
    const length = 60 + ((seed * 31 + p * 17) % 90)
    for (let w = 0; w < length; w++) words.push(WORDS[(seed * 7 + p * 13 + w * 5) % WORDS.length]!)
    const text = words.join(' ')
    out.push(`${text.charAt(0).toUpperCase()}${text.slice(1)}.`)
  }
  return out.join('\n\n')
}

/** Chapter i (1-based) has 2 to 10 paragraphs: between about one and four pages. */
export function chapterText(i: number): string {
  return prose(i, 2 + ((i * 5) % 9))
}

export interface SerialOptions extends Partial<Omit<CreateOptions, 'chapters'>> {
  chapters?: number
}

/** A book of `chapters` numbered chapters ("Chapter 1"…), no parts. */
export async function serial(options: SerialOptions = {}): Promise<Book> {
  const { chapters = 12, ...rest } = options
  const { book, diagnostics } = await createBook({
    date: new Date('2026-01-01T00:00:00Z'),
    ...rest,
    metadata: { title: 'The Long Road', author: 'Ada Quill', ...rest.metadata },
    chapters: Array.from({ length: chapters }, (_, i) => ({
      title: `Chapter ${i + 1}`,
      text: chapterText(i + 1),
    })),
  })
  if (!book) throw new Error(diagnostics.map((d) => d.message).join('\n'))
  return book
}

/** A book in `parts` parts of `each` chapters, written as Markdown with `# Part` headings. */
export async function parted(
  parts: number,
  each: number,
  options: Partial<CreateOptions> = {},
): Promise<Book> {
  const chapters: CreateOptions['chapters'] = []
  let n = 0
  for (let p = 1; p <= parts; p++) {
    for (let c = 0; c < each; c++) {
      n++
      chapters.push({
        markdown: `${c === 0 ? `# Part ${p}\n\n` : ''}## Chapter ${n}\n\n${chapterText(n)}\n`,
      })
    }
  }
  const { book, diagnostics } = await createBook({
    date: new Date('2026-01-01T00:00:00Z'),
    ...options,
    metadata: { title: 'The Long Road', author: 'Ada Quill', ...options.metadata },
    chapters,
  })
  if (!book) throw new Error(diagnostics.map((d) => d.message).join('\n'))
  return book
}
