/**
 * Typography runs exactly once per build: one run of the transform, over the metadata and every
 * chapter read in that build; a chapter kept by the cache is not smartened again. Counted by
 * wrapping the transform the pipeline imports.
 */
import { describe, expect, it, vi } from 'vitest'
import type { Root } from '../../src/model/types.js'

const runs: Array<{ chapters: number; metadata: boolean }> = []

vi.mock('../../src/transforms/typography/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/transforms/typography/index.js')>()
  return {
    ...original,
    typography: (options: Parameters<typeof original.typography>[0]) => {
      const transform = original.typography(options)
      return (tree: Root, file: Parameters<typeof transform>[1]) => {
        const chapters = tree.children.reduce((n, c) => n + (c.type === 'part' ? c.children.length : 1), 0)
        runs.push({ chapters, metadata: options?.metadata !== false })
        return transform(tree, file)
      }
    },
  }
})

const { createBook, createBookCache } = await import('../../src/index.js')

const chapters = [
  { title: '"Dawn" -- early', text: '"Hello," she said.' },
  { markdown: '# Noon\n\nIt\'s "noon"...' },
  { html: '<h1>Dusk</h1><p>"Late" -- very.</p>' },
]

describe('typography in createBook', () => {
  it('runs once, over the metadata and all chapters', async () => {
    runs.length = 0
    const { book } = await createBook({ metadata: { title: '"Quoted" Title' }, chapters })
    expect(runs).toEqual([{ chapters: 3, metadata: true }])
    expect(book!.tree.metadata.title).toBe('“Quoted” Title')
    const [first, second] = book!.tree.children as Array<{
      title?: Array<{ value: string }>
      children: unknown[]
    }>
    // The caller's title is smartened like any other: it is in the tree before typography runs.
    expect(first!.title?.[0]?.value).toBe('“Dawn”\u00A0— early')
    expect(JSON.stringify(second!.children)).toContain('It’s “noon”…')
  })

  it('does not run at all when turned off', async () => {
    runs.length = 0
    await createBook({ metadata: { title: 'T' }, chapters, typography: false })
    expect(runs).toEqual([])
  })

  it('smartens only the chapters read in this build when a cache kept the others', async () => {
    const cache = createBookCache()
    await createBook({ metadata: { title: 'T' }, chapters, cache })
    runs.length = 0
    const again = await createBook({
      metadata: { title: 'T' },
      chapters: [...chapters.slice(0, 2), { html: '<h1>Dusk</h1><p>"Later" -- much.</p>' }],
      cache,
    })
    expect(runs).toEqual([{ chapters: 1, metadata: true }])
    expect(JSON.stringify(again.book!.tree.children[0])).toContain('“Hello,” she said.')
    expect(JSON.stringify(again.book!.tree.children[2])).toContain('“Later”\u00A0— much.')
  })
})
