/**
 * PNGs without alpha are embedded by the PDF's own `PlainImage` (renderers/pdf/document.ts), not
 * pdfkit's `PNGImage`, whose decoder copies the pixel data into an array byte by byte: the same
 * objects, key for key, so the same PDF, for every kind pdfkit embeds without decoding (grey of
 * each depth, RGB of each, palettes of each, colour-key transparency of grey and RGB).
 */
import { zlibSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { concatBytes } from '../../src/bytes.js'
import { createBook, diagnosticsOf, render } from '../../src/index.js'
import { imageOptions } from '../../src/renderers/pdf/document.js'
import { pngChunk } from '../robustness/helpers.js'

/** A W×H PNG of colour type `type`, `depth` bits a sample, rows of varied bytes (filter 0). */
function png(
  width: number,
  height: number,
  depth: number,
  type: number,
  extra: Uint8Array[] = [],
): Uint8Array {
  const channels = type === 2 ? 3 : 1
  const stride = Math.ceil((width * channels * depth) / 8)
  const rows = new Uint8Array(height * (stride + 1))
  for (let y = 0; y < height; y++)
    for (let i = 0; i < stride; i++)
      rows[y * (stride + 1) + 1 + i] = (i * 37 + y * 101) & (type === 3 && depth === 8 ? 3 : 0xff)
  const ihdr = new Uint8Array(13)
  new DataView(ihdr.buffer).setUint32(0, width)
  new DataView(ihdr.buffer).setUint32(4, height)
  ihdr.set([depth, type, 0, 0, 0], 8)
  return concatBytes([
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    pngChunk('IHDR', ihdr),
    ...extra,
    pngChunk('IDAT', zlibSync(rows)),
    pngChunk('IEND', new Uint8Array(0)),
  ])
}

const PALETTE = pngChunk('PLTE', Uint8Array.of(200, 30, 30, 30, 200, 30, 30, 30, 200, 240, 240, 240))

/** The PDF of a book with `image`, embedded by `PlainImage` or by pdfkit. */
async function pdfWith(image: Uint8Array, own: boolean): Promise<Buffer> {
  const { book } = await createBook({
    metadata: { title: 'PNG', author: 'A', date: '2020-01-01' },
    chapters: [{ markdown: '# One\n\n![a figure](f.png)\n\nAfter.\n', file: 'one.md' }],
    files: { 'f.png': image },
  })
  imageOptions.ownPng = own
  try {
    const pdf = Buffer.from(await render(book!, 'pdf'))
    expect(diagnosticsOf(book!).filter((d) => d.level === 'error')).toEqual([])
    return pdf
  } finally {
    imageOptions.ownPng = true
  }
}

describe('PNGs without alpha', () => {
  const kinds: [string, Uint8Array][] = [
    ...[1, 2, 4, 8, 16].map((depth): [string, Uint8Array] => [`grey, ${depth}-bit`, png(13, 7, depth, 0)]),
    ...[8, 16].map((depth): [string, Uint8Array] => [`RGB, ${depth}-bit`, png(13, 7, depth, 2)]),
    ...[1, 2, 4, 8].map((depth): [string, Uint8Array] => [
      `palette, ${depth}-bit`,
      png(13, 7, depth, 3, [PALETTE]),
    ]),
    ['grey with a colour key', png(13, 7, 8, 0, [pngChunk('tRNS', Uint8Array.of(0, 37))])],
    ['16-bit grey with a colour key', png(13, 7, 16, 0, [pngChunk('tRNS', Uint8Array.of(1, 2))])],
    ['RGB with a colour key', png(13, 7, 8, 2, [pngChunk('tRNS', Uint8Array.of(0, 37, 0, 74, 0, 111))])],
  ]
  for (const [label, image] of kinds)
    it(`${label}: the PDF pdfkit's own path makes`, async () => {
      const before = imageOptions.plain
      const own = await pdfWith(image, true)
      expect(imageOptions.plain).toBe(before + 1)
      expect(own.toString('latin1')).toMatch(/\/Subtype \/Image/)
      expect(own.equals(await pdfWith(image, false))).toBe(true)
    })
})
