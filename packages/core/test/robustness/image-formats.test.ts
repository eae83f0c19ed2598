/**
 * GIF, WebP and SVG figures in a default build (EPUB and PDF): the EPUB keeps all three, the
 * PDF draws the GIF and the SVG (rasterised by resvg, the SVG sanitised first) and prints the
 * WebP's alt text with a warning. No figure format is an error, so one image never fails the
 * build of the other format.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { loadBook, render } from '../../src/index.js'
import {
  allDiagnostics,
  cleanupTempDirs,
  hasPdftotext,
  inspectEpub,
  isPdf,
  pdfText,
  tempDir,
  writeTree,
} from './helpers.js'

afterAll(cleanupTempDirs)

/** A 1×1 red GIF and a 1×1 lossless WebP. */
const GIF = Uint8Array.from(
  Buffer.from('R0lGODlhAQABAIAAAP8AAP///yH5BAAAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64'),
)
const WEBP = Uint8Array.from(Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'))
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect width="200" height="100" fill="#36c"/><circle cx="50" cy="50" r="40" fill="#fc3" onclick="x()"/></svg>`

describe('figure formats a PDF cannot embed directly', () => {
  it('GIF and SVG are drawn in the PDF, WebP is a warning with its alt text; the EPUB keeps all three', async () => {
    const dir = await tempDir()
    await writeTree(dir, {
      'book.yaml': 'title: Formats\nauthor: A\nchapters: [ch.md]\n',
      'ch.md': [
        '# Chapter 1',
        '',
        '![a red dot](dot.gif)',
        '',
        '![a river at dawn](river.webp)',
        '',
        '![a yellow sun](sun.svg)',
        '',
        'The end.',
        '',
      ].join('\n'),
      'dot.gif': GIF,
      'river.webp': WEBP,
      'sun.svg': SVG,
    })
    const result = await loadBook([dir])
    const epub = await render(result.book!, 'epub')
    const pdf = await render(result.book!, 'pdf')
    const all = allDiagnostics(result.book!)
    expect(
      all.filter((d) => d.level === 'error'),
      JSON.stringify(all),
    ).toEqual([])
    const report = inspectEpub(epub)
    expect(report.problems).toEqual([])
    expect(Object.keys(report.entries).filter((n) => /^OEBPS\/images\/image-/.test(n))).toHaveLength(3)
    expect(isPdf(pdf)).toBe(true)
    // Two image XObjects: the GIF and the SVG, as PNGs.
    const images =
      Buffer.from(pdf)
        .toString('latin1')
        .match(/\/Subtype \/Image/g) ?? []
    expect(images.length).toBeGreaterThanOrEqual(2)
    const webp = all.find((d) => d.code === 'pdf-image-unsupported')
    expect(webp).toMatchObject({ level: 'warning', file: 'ch.md', line: 5 })
    expect(webp!.message).toMatch(/river\.webp.*WebP.*alt text is printed instead/)
    // The SVG's event handler was removed for the PDF as well.
    expect(all.some((d) => d.code === 'resource-svg-unsafe' && d.message.includes('onclick'))).toBe(true)
    if (hasPdftotext) {
      const text = await pdfText(pdf)
      expect(text).toContain('a river at dawn')
      expect(text).not.toContain('a red dot')
    }
  }, 60_000)
})
