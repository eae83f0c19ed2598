/**
 * Decompression bombs: images whose headers claim 200 megapixels (or more) with a few bytes of
 * data. Rendering must refuse them or pass them through without decoding; either way resident
 * memory may not grow by anything like the gigabytes the header asks for. Kept in its own file so
 * the peak-RSS baseline is this process's alone (vitest runs each file in a fresh fork).
 */
import { afterAll, describe, expect } from 'vitest'
import { loadBook, render } from '../../src/index.js'
import {
  allDiagnostics,
  cleanupTempDirs,
  expectBookOrDiagnostics,
  hasQpdf,
  inspectEpub,
  isPdf,
  itUnless,
  jpegClaiming,
  pngClaiming,
  qpdfCheck,
  tempDir,
  writeTree,
} from './helpers.js'

afterAll(cleanupTempDirs)

/** Peak RSS in MB (resourceUsage reports kilobytes on Linux). */
const peakMb = () => process.resourceUsage().maxRSS / 1024

const LIMIT_MB = 400

/** A render that hangs is a failure of its own, not a suite timeout. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not finish in ${ms / 1000} s`)), ms).unref(),
    ),
  ])
}

describe('image bombs', () => {
  // Skipped while KNOWN_DEFECTS['image-bomb'] stands.
  itUnless('image-bomb')('a cover image bomb is refused the same way', async () => {
    const dir = await tempDir()
    await writeTree(dir, {
      'book.yaml': 'title: Bomb\nauthor: A\ncover: cover.png\nchapters: [ch.txt]\n',
      'ch.txt': 'Chapter 1\n\nText.\n',
      'cover.png': pngClaiming(20_000, 10_000),
    })
    const before = peakMb()
    const result = await loadBook([dir])
    expectBookOrDiagnostics(result)
    if (result.book) {
      await render(result.book, 'epub')
      await render(result.book, 'pdf')
    }
    expect(peakMb() - before).toBeLessThan(LIMIT_MB)
    const all = result.book ? allDiagnostics(result.book) : result.diagnostics
    expect(
      all.some((x) => ['resource-too-large', 'resource-corrupt', 'pdf-image-unsupported'].includes(x.code)),
      JSON.stringify(all),
    ).toBe(true)
  })

  const bombs: Array<[string, string, Uint8Array]> = [
    ['a PNG claiming 20000×10000', 'bomb.png', pngClaiming(20_000, 10_000)],
    ['a JPEG claiming 65535×65535', 'bomb.jpg', jpegClaiming(65_535, 65_535)],
    // Last: if its render hangs, the work left running cannot disturb the cases before it.
    ['a PNG claiming 2^31-1 × 2^31-1', 'huge.png', pngClaiming(0x7fffffff, 0x7fffffff)],
  ]
  // Skipped while KNOWN_DEFECTS['image-bomb'] / ['jpeg-bomb'] stand.
  for (const [label, name, bytes] of bombs) {
    itUnless(name.endsWith('.jpg') ? 'jpeg-bomb' : 'image-bomb')(
      `${label}: rejected or handled without allocating gigabytes`,
      async () => {
        const dir = await tempDir()
        await writeTree(dir, {
          'book.yaml': 'title: Bomb\nauthor: A\nchapters: [ch.md]\n',
          'ch.md': `# Chapter 1\n\nBefore.\n\n![a bomb](${name})\n\nAfter.\n`,
          [name]: bytes,
        })
        const before = peakMb()
        const result = await loadBook([dir])
        expectBookOrDiagnostics(result)
        expect(result.book).toBeDefined()
        const epub = await within(render(result.book!, 'epub'), 60_000, 'EPUB render')
        const pdf = await within(render(result.book!, 'pdf'), 60_000, 'PDF render')
        const grown = peakMb() - before
        console.log(`[figure] ${label}: peak RSS grew ${grown.toFixed(0)} MB`)
        expect(grown).toBeLessThan(LIMIT_MB)
        expect(inspectEpub(epub).problems).toEqual([])
        expect(isPdf(pdf)).toBe(true)
        if (hasQpdf) expect((await qpdfCheck(pdf)).ok).toBe(true)
        // A bomb is named: refused as too large or undecodable, at the line that embeds it.
        const d = allDiagnostics(result.book!).find((x) =>
          ['resource-too-large', 'resource-corrupt', 'pdf-image-unsupported'].includes(x.code),
        )
        expect(d, JSON.stringify(allDiagnostics(result.book!))).toBeDefined()
        expect(d!.file).toBe('ch.md')
        expect(d!.line).toBe(5)
      },
    )
  }
})
