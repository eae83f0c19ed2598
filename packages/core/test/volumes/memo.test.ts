/**
 * Watch mode with volumes: each volume of a split book gets a store of its own (`splitVolumes`
 * hands it `Env.memo` kept in the book's), so what the renderers keep for one volume (the PDF's
 * layouts and compressed streams, the EPUB's compressed entries) is neither taken nor dropped by
 * another volume's build.
 */
import { describe, expect, it } from 'vitest'
import { type Book, createBookCache, render, splitVolumes } from '../../src/index.js'
import { DEFLATE_MEMO, LAYOUT_MEMO } from '../../src/renderers/pdf/memo.js'
import { deflateAtOnce, renderWithReport } from '../pdf-speed/helpers.js'
import { serial } from './books.js'

/** A volume's PDF, with a compression thread (so the streams are kept), and its report. */
const pdf = (volume: Book) =>
  renderWithReport(volume.tree, { ...volume.env, threads: { deflate: deflateAtOnce() } })

describe('volumes in watch mode', () => {
  it('each volume keeps its own layouts, streams and zip entries, and a rebuild of one takes all of its own', async () => {
    const cache = createBookCache()
    const book = await serial({
      chapters: 8,
      metadata: { title: 'The Long Road', volumes: { chapters: 4 } },
      cache,
    })
    const volumes = await splitVolumes(book)
    expect(volumes).toHaveLength(2)
    for (const volume of volumes) {
      await pdf(volume)
      await render(volume, 'epub')
    }
    const stores = volumes.map((volume) => volume.env.memo!)
    expect(stores[0]).not.toBe(stores[1])
    expect([...cache.memo.keys()].sort()).toEqual(['volume:1', 'volume:2'])
    const zipKeys = (store: Map<string, unknown>) => [...store.keys()].filter((k) => k.startsWith('zip:'))
    for (const store of stores) {
      expect(store.has(LAYOUT_MEMO)).toBe(true)
      expect(store.has(DEFLATE_MEMO)).toBe(true)
      expect(zipKeys(store).length).toBeGreaterThan(4)
    }
    const second = new Set(stores[1]!.keys())
    const first = new Set(stores[0]!.keys())

    // Volume 1 rebuilt: every layout and stream taken, no zip entry added, volume 2's untouched.
    const [again] = await splitVolumes(book)
    const report = (await pdf(again!)).report
    expect(report.memo!.made).toBe(0)
    expect(report.memo!.taken).toBe(report.paragraphs)
    expect(report.deflated!.made).toBe(0)
    await render(again!, 'epub')
    expect(new Set(stores[0]!.keys())).toEqual(first)
    expect(new Set(stores[1]!.keys())).toEqual(second)
  }, 120_000)

  it('a book not split keeps its store as it is', async () => {
    const cache = createBookCache()
    const book = await serial({ chapters: 3, cache })
    const [only] = await splitVolumes(book)
    expect(only!.env.memo).toBe(cache.memo)
  })
})
