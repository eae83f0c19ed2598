/**
 * Resource files that are not what their names promise: a FIFO, a folder or an oversized file
 * named as a book's image, cover, stylesheet, font or chapter. Every read accepts regular files
 * only, within a size limit per kind (`RESOURCE_LIMITS`), and reports `resource-not-file` or
 * `resource-too-large` naming the file; the build finishes and the other outputs are written.
 */
import { execFileSync } from 'node:child_process'
import { truncate } from 'node:fs/promises'
import nodePath from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import { loadBook, render } from '../../src/index.js'
import { RESOURCE_LIMITS } from '../../src/limits.js'
import {
  allDiagnostics,
  cleanupTempDirs,
  expectBookOrDiagnostics,
  findDiagnostic,
  inspectEpub,
  isPdf,
  TINY_PNG,
  tempDir,
  writeTree,
} from './helpers.js'

afterAll(cleanupTempDirs)

/** A read that never returns is this test's failure, not a suite timeout. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} hung: no answer in ${ms / 1000} s`)), ms).unref(),
    ),
  ])
}

const canFifo = process.platform !== 'win32'

const yaml = [
  'title: Odd files',
  'author: A',
  'chapters: [ch.md]',
  'epub:',
  '  css: style.css',
  '  fonts: [face.ttf]',
  'pdf:',
  '  font:',
  '    regular: face.ttf',
].join('\n')
const chapter = '# Chapter 1\n\nBefore.\n\n![a picture](pic.png)\n\nAfter.\n'

describe('resource paths that are not regular files', () => {
  it.skipIf(!canFifo)(
    'FIFOs named as image, cover, stylesheet and font: each refused, both formats written',
    async () => {
      const dir = await tempDir()
      await writeTree(dir, { 'book.yaml': yaml, 'ch.md': chapter })
      for (const name of ['cover.png', 'pic.png', 'style.css', 'face.ttf'])
        execFileSync('mkfifo', [nodePath.join(dir, name)])
      const result = await within(loadBook([dir]), 20_000, 'loadBook')
      expectBookOrDiagnostics(result)
      // book.yaml's cover is checked when the manifest is read; a tree (from a plugin or the API)
      // naming one reaches the renderers, which read it through the same env.
      result.book!.tree.metadata.cover = 'cover.png'
      const epub = await within(render(result.book!, 'epub'), 20_000, 'EPUB render')
      const pdf = await within(render(result.book!, 'pdf'), 20_000, 'PDF render')
      expect(inspectEpub(epub).problems).toEqual([])
      expect(isPdf(pdf)).toBe(true)
      const all = allDiagnostics(result.book!)
      const notFile = all.filter((d) => d.code === 'resource-not-file')
      for (const name of ['cover.png', 'pic.png', 'style.css', 'face.ttf'])
        expect(
          notFile.some((d) => d.message.includes(name)) ||
            all.some((d) => d.code === 'pdf-font-invalid' && /not a file/.test(d.message)),
          `${name} in ${JSON.stringify(all, null, 1)}`,
        ).toBe(true)
      // The image is reported where it is used.
      const pic = all.find((d) => d.code === 'resource-not-file' && d.message.includes('pic.png'))
      expect(pic?.file).toBe('ch.md')
      expect(pic?.line).toBe(5)
      expect(pic?.message).toMatch(/FIFO/)
    },
  )

  it.skipIf(!canFifo)('a FIFO named as a chapter is an error naming it; the others are read', async () => {
    const dir = await tempDir()
    await writeTree(dir, {
      'book.yaml': 'title: T\nauthor: A\nchapters: [a.txt, b.txt]\n',
      'a.txt': 'Chapter 1\n\nWords.\n',
    })
    execFileSync('mkfifo', [nodePath.join(dir, 'b.txt')])
    const result = await within(loadBook([dir]), 20_000, 'loadBook')
    expect(
      result.diagnostics.some(
        (d) => d.level === 'error' && (d.file === 'b.txt' || d.message.includes('b.txt')),
      ),
    ).toBe(true)
  })

  it('folders named as image and stylesheet are resource-not-file', async () => {
    const dir = await tempDir()
    await writeTree(dir, {
      'book.yaml': 'title: T\nauthor: A\nchapters: [ch.md]\nepub:\n  css: style.css\n',
      'ch.md': chapter,
      'pic.png/inner.txt': 'x',
      'style.css/inner.txt': 'x',
    })
    const result = await loadBook([dir])
    await render(result.book!, 'epub')
    const all = allDiagnostics(result.book!)
    const pic = findDiagnostic(all, 'resource-not-file', 'ch.md')
    expect(pic.message).toMatch(/pic\.png.*folder/)
    expect(all.some((d) => d.code === 'resource-not-file' && d.message.includes('style.css'))).toBe(true)
  })
})

describe('size limits per kind of file', () => {
  it('a 600 MB chapter file is refused before it is read, naming the file and the limit', async () => {
    const dir = await tempDir()
    await writeTree(dir, {
      'book.yaml': 'title: T\nauthor: A\nchapters: [a.txt, huge.txt]\n',
      'a.txt': 'Chapter 1\n\nWords.\n',
      'huge.txt': '',
    })
    // Sparse: no disk is used, and a reader that read it would need 600 MB of memory.
    await truncate(nodePath.join(dir, 'huge.txt'), 600 * 1024 * 1024)
    const before = process.memoryUsage().arrayBuffers
    const result = await within(loadBook([dir]), 20_000, 'loadBook')
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(100 * 1024 * 1024)
    const d = findDiagnostic(result.diagnostics, 'resource-too-large', 'huge.txt')
    expect(d.level).toBe('error')
    expect(d.message).toMatch(/"huge\.txt" is 600 MB; a chapter file may be at most 64 MB/)
    expect(result.diagnostics.some((x) => x.code === 'internal-error')).toBe(false)
  })

  it('an image over the image limit is refused at its line; the book still builds', async () => {
    const dir = await tempDir()
    await writeTree(dir, {
      'book.yaml': 'title: T\nauthor: A\nchapters: [ch.md]\n',
      'ch.md': chapter,
      'pic.png': TINY_PNG,
    })
    await truncate(nodePath.join(dir, 'pic.png'), RESOURCE_LIMITS.image + 1)
    const result = await loadBook([dir])
    const epub = await render(result.book!, 'epub')
    expect(inspectEpub(epub).problems).toEqual([])
    const d = findDiagnostic(allDiagnostics(result.book!), 'resource-too-large', 'ch.md')
    expect(d.line).toBe(5)
    expect(d.message).toMatch(/pic\.png/)
  })

  it('the memory env applies the same limits', async () => {
    const env = createMemoryEnv({ 'big.css': new Uint8Array(RESOURCE_LIMITS.css + 1), 'ok.css': 'p{}' })
    await expect(env.readFile('big.css', 'css')).rejects.toMatchObject({ code: 'resource-too-large' })
    await expect(env.readFile('ok.css', 'css')).resolves.toBeInstanceOf(Uint8Array)
    // The same bytes are within the (larger) image limit.
    await expect(env.readFile('big.css', 'image')).resolves.toBeInstanceOf(Uint8Array)
  })
})
