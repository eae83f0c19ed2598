/**
 * The generated cover on another thread: the EPUB renderer starts the raster (Env.threads, a
 * worker in Node) before it writes the chapters and takes it after; the book must be the bytes of
 * the one-thread build, and a thread that fails must cost nothing but the time.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { coverDrawing } from '../../src/cover/generate.js'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv, type Threads } from '../../src/env.js'
import { loadBook, render as renderBook } from '../../src/index.js'
import type { Root } from '../../src/model/types.js'
import { coverStats, nodeThreads } from '../../src/platform/threads.js'
import { epubRenderer } from '../../src/renderers/epub/index.js'
import { stringsFor } from '../../src/strings/index.js'
import { richFiles, richTree, unzipText } from './helpers.js'

const DATE = new Date(Date.UTC(2024, 4, 1, 12, 30, 45))

async function render(tree: Root, files: Record<string, Uint8Array | string>, threads?: Threads) {
  const file = new SourceFile('')
  const env = { ...createMemoryEnv(files, { date: DATE, file }), ...(threads ? { threads } : {}) }
  const bytes = await epubRenderer.render(tree, { generateCover: true }, env)
  return { bytes: Buffer.from(bytes), messages: file.messages }
}

describe('the generated cover on a worker', () => {
  it('gives the bytes of the one-thread build, the cover page first', async () => {
    const files = await richFiles()
    const here = await render(richTree(), files)
    const before = coverStats.worker
    const there = await render(richTree(), files, nodeThreads)
    expect(coverStats.worker).toBe(before + 1)
    expect(there.bytes.equals(here.bytes)).toBe(true)
    expect(there.messages).toEqual(here.messages)
    const text = unzipText(there.bytes)
    expect(text['OEBPS/content.opf']).toMatch(/<spine[^>]*>\s*<itemref idref="cover"/)
  }, 60_000)

  it('rasterises on its own thread when the worker fails or cannot start', async () => {
    const files = await richFiles()
    const here = await render(richTree(), files)
    const failing: Threads = {
      deflate: nodeThreads.deflate,
      rasterizeCover: () => Promise.reject(new Error('worker died')),
    }
    const none: Threads = { deflate: nodeThreads.deflate, rasterizeCover: () => undefined }
    for (const threads of [failing, none]) {
      const { bytes, messages } = await render(richTree(), files, threads)
      expect(bytes.equals(here.bytes)).toBe(true)
      expect(messages).toEqual(here.messages)
    }
  }, 60_000)

  it('uses the worker started ahead, the same bytes', async () => {
    const files = await richFiles()
    const here = await render(richTree(), files)
    const before = { ...coverStats }
    nodeThreads.prepareCover!()
    const there = await render(richTree(), files, nodeThreads)
    expect(coverStats).toEqual({
      worker: before.worker + 1,
      ahead: before.ahead + 1,
      guessed: before.guessed,
    })
    expect(there.bytes.equals(here.bytes)).toBe(true)
  }, 60_000)

  it('takes the cover drawn ahead from a right guess, draws a wrong one anew: the same bytes', async () => {
    const files = await richFiles()
    const here = await render(richTree(), files)
    const tree = richTree()
    const { svg, fontFiles } = coverDrawing(
      tree.metadata,
      stringsFor(tree.metadata.language || 'en').seriesBook,
    )
    const right = { svg, fontFiles }
    let before = { ...coverStats }
    nodeThreads.prepareCover!(right)
    const guessed = await render(tree, files, nodeThreads)
    expect(coverStats).toEqual({
      worker: before.worker + 1,
      ahead: before.ahead + 1,
      guessed: before.guessed + 1,
    })
    expect(guessed.bytes.equals(here.bytes)).toBe(true)

    before = { ...coverStats }
    nodeThreads.prepareCover!({
      ...right,
      svg: right.svg.replace('</svg>', '<rect width="1" height="1"/></svg>'),
    })
    const wrong = await render(richTree(), files, nodeThreads)
    expect(coverStats.guessed).toBe(before.guessed)
    expect(coverStats.worker).toBe(before.worker + 1)
    expect(wrong.bytes.equals(here.bytes)).toBe(true)
  }, 60_000)

  it('loadBook starts it for the formats it is told will be rendered, when there is no cover image', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'octavo-cover-ahead-'))
    writeFileSync(path.join(folder, 'chapter-1.txt'), 'Chapter 1: Dawn\n\nIt was early.\n')
    const metadata = { title: 'Ahead', authors: [{ name: 'A. Writer' }] }
    const build = async (formats?: string[]) => {
      const before = { ...coverStats }
      const { book } = await loadBook(folder, { metadata, ...(formats ? { formats } : {}) })
      const bytes = Buffer.from(await renderBook(book!, 'epub'))
      return { bytes, ahead: coverStats.ahead - before.ahead, guessed: coverStats.guessed - before.guessed }
    }
    const told = await build(['epub'])
    const untold = await build()
    // Drawn from the plan's metadata while the chapter was read: the cover the book got.
    expect(told).toMatchObject({ ahead: 1, guessed: 1 })
    expect(untold).toMatchObject({ ahead: 0, guessed: 0 })
    expect(told.bytes.equals(untold.bytes)).toBe(true)
  }, 60_000)
})
