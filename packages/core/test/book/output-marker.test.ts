/**
 * Octavo's outputs are recognised by a marker inside them, not only by name (issue 12, item 11):
 * a plugin's text output renamed, or written under an earlier title, is never read back as a
 * chapter, and each one left out is a warning naming it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { carriesOutputMarker, chaptersOf, loadBook, OUTPUT_MARKER } from '../../src/index.js'

function folder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'octavo-marker-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const CHAPTER = 'Chapter 1\n\nThe lamp was lit.\n'
const meta = { metadata: { title: 'Lamp', authors: [{ name: 'A' }] } }

describe('the output marker', () => {
  it.each([
    [
      'at the end of a text output',
      `Lamp\n\nChapter 1\n\nThe lamp was lit.\n\n-- ${OUTPUT_MARKER}\n`,
      'old-title.txt',
    ],
    ['in an HTML comment', `<!doctype html><!-- ${OUTPUT_MARKER} --><p>The lamp.</p>`, 'lamp (1).html'],
    [
      'as an HTML generator tag',
      '<html><head><meta name="generator" content="Octavo 0.1"></head><body><p>x</p></body></html>',
      'x.html',
    ],
  ])('leaves out a file marked %s, with a warning naming it', async (_how, output, name) => {
    const dir = folder({ '01.txt': CHAPTER, [name]: output })
    const { book, diagnostics } = await loadBook(dir, meta)
    expect(chaptersOf(book!.tree).map((c) => c.file)).toEqual(['01.txt'])
    const skipped = diagnostics.filter((d) => d.code === 'book-output-skipped')
    expect(skipped).toHaveLength(1)
    expect(skipped[0]!.level).toBe('warning')
    expect(skipped[0]!.message).toContain(`"${name}"`)
  })

  it('reads a marked file the author names outright', async () => {
    const dir = folder({ '01.txt': CHAPTER, 'notes.txt': `Chapter 2\n\nOn ${OUTPUT_MARKER}s.\n` })
    const { book } = await loadBook([join(dir, '01.txt'), join(dir, 'notes.txt')], meta)
    expect(chaptersOf(book!.tree)).toHaveLength(2)
  })

  it('a folder of nothing but outputs has no chapters to build', async () => {
    const dir = folder({ 'lamp.txt': `x\n${OUTPUT_MARKER}\n` })
    const { book, diagnostics } = await loadBook(dir, meta)
    expect(book).toBeUndefined()
    expect(diagnostics.map((d) => d.code)).toContain('book-no-chapters')
  })

  it('is looked for in the first and last 4 KB only, so a large chapter costs no scan', () => {
    const ascii = (text: string) => new TextEncoder().encode(text)
    const middle = ascii(`${'a'.repeat(10_000)}${OUTPUT_MARKER}${'a'.repeat(10_000)}`)
    expect(carriesOutputMarker(middle)).toBe(false)
    expect(carriesOutputMarker(ascii(`${'a'.repeat(10_000)}${OUTPUT_MARKER}`))).toBe(true)
    expect(carriesOutputMarker(ascii(`${OUTPUT_MARKER}${'a'.repeat(10_000)}`))).toBe(true)
    expect(carriesOutputMarker(ascii('octavo-outpu'))).toBe(false)
  })

  it('jumps through a window by a byte prose rarely holds, not by every letter o', () => {
    const ascii = (text: string) => new TextEncoder().encode(text)
    const indexOf = vi.spyOn(Uint8Array.prototype, 'indexOf')
    try {
      // Two windows of the letter the marker starts with: a search that stopped at each one
      // would call indexOf thousands of times.
      expect(carriesOutputMarker(ascii('o'.repeat(20_000)))).toBe(false)
      expect(indexOf.mock.calls.length).toBeLessThanOrEqual(8)
      // Found wherever it sits in a window, however many of its letters come before it.
      expect(carriesOutputMarker(ascii(`${'o'.repeat(500)}${OUTPUT_MARKER}${'o'.repeat(30_000)}`))).toBe(true)
      expect(carriesOutputMarker(ascii(`x-${OUTPUT_MARKER.slice(0, 6)}-outpu-output`))).toBe(false)
      expect(carriesOutputMarker(ascii('<meta name="generator" content="Octavo 1.0">'))).toBe(true)
    } finally {
      indexOf.mockRestore()
    }
  })
})
