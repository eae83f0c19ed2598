/**
 * A program that makes many books in one go, in memory (a script converting a folder of books, a
 * web service answering each request with an EPUB), keeps its memory flat: nothing of a finished
 * book stays behind. The generated cover was the case: resvg-js keeps each render's pixels
 * (16 MB for a 1600x2560 cover) in native memory V8 did not count, so 80 books back to back grew
 * the process by over a gigabyte (platform/node.ts `weighed`, `released`).
 */
import { describe, expect, it } from 'vitest'
import { createBook, render } from '../../src/index.js'

describe('many books in one process', () => {
  it('keep memory flat: 80 books with a generated cover, back to back', async () => {
    const build = async (i: number) => {
      const { book } = await createBook({
        metadata: { title: `Book ${i}`, author: 'Ada Quill' },
        chapters: [{ reader: 'text', content: `Chapter ${i}\n\n"A line," she said -- once ${i}.` }],
      })
      const bytes = await render(book!, 'epub')
      expect(bytes.length).toBeGreaterThan(1000)
    }
    // Warm: modules, faces and the first allocations are not growth.
    for (let i = 0; i < 5; i++) await build(i)
    const before = process.memoryUsage().rss
    for (let i = 5; i < 85; i++) await build(i)
    const grown = process.memoryUsage().rss - before
    // Each cover left behind would be 16 MB: 80 of them 1.3 GB.
    expect(grown).toBeLessThan(400 * 1024 * 1024)
  })
})
