/**
 * The PDF's bytes do not depend on the platform's zlib. pdfkit deflates with Node's zlib in Node
 * and with fflate in a browser; Octavo compresses every stream itself with fflate (`document.ts`),
 * so a book made in either is the same file. Checked here in Node, without a browser: every
 * compressed stream is exactly what that one deflate makes of its content (Node's zlib encodes
 * the same content in other bytes, so a stream pdfkit compressed itself would show), including an
 * image's colour and soft mask, which pdfkit would split and deflate in an inflate callback.
 */
import { inflateSync } from 'node:zlib'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { type CreateOptions, createBook, render } from '../../src/index.js'
import { deflate } from '../../src/renderers/pdf/document.js'
import { tempPdf, tool } from '../pdf/helpers.js'

/** A PNG with alpha whose rows use every filter (pngjs picks one per row), `channels` 2 or 4. */
function alphaPng(width: number, height: number, colorType: 4 | 6): { png: Uint8Array; pixels: Buffer } {
  const png = new PNG({ width, height, colorType, inputColorType: 6 })
  for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 37 + (i >> 5) * 11) & 255
  // Grey images store one sample: make R = G = B so the grey written is the value read back.
  if (colorType === 4) for (let i = 0; i < png.data.length; i += 4) png.data.fill(png.data[i]!, i, i + 3)
  return { png: new Uint8Array(PNG.sync.write(png, { colorType })), pixels: png.data }
}

const rgba = alphaPng(37, 23, 6)
const greyAlpha = alphaPng(19, 11, 4)

const INPUT: CreateOptions = {
  metadata: { title: 'The Keeper', author: 'Ada Quill', language: 'en', date: '2024-05-01' },
  chapters: [
    {
      markdown:
        '# Chapter One\n\nThe lamp turned all *night*, patient and indifferent.[^1]\n\n![A dot](dot.png)\n\n[^1]: A note.\n',
    },
    { markdown: '# Chapter Two\n\nThe fog came **in**.\n\n![A grey dot](grey.png)\n' },
  ],
  files: { 'dot.png': rgba.png, 'grey.png': greyAlpha.png },
}

interface Stream {
  dict: string
  data: Buffer
}

/** Every stream object of a PDF: its dictionary and its bytes as stored. */
function streams(pdf: Buffer): Stream[] {
  const text = pdf.toString('latin1')
  const out: Stream[] = []
  for (const m of text.matchAll(/\d+ 0 obj\n/g)) {
    const end = text.indexOf('\nendobj', m.index)
    const start = text.indexOf('\nstream\n', m.index)
    if (start === -1 || start > end) continue
    const dict = text.slice(m.index + m[0].length, start)
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1])
    out.push({ dict, data: pdf.subarray(start + 8, start + 8 + length) })
  }
  return out
}

describe('the PDF’s compression', () => {
  it('is one deflate for every stream, the images’ colour and soft masks included', async () => {
    const { book } = await createBook(INPUT)
    const pdf = Buffer.from(await render(book!, 'pdf'))
    const all = streams(pdf)
    const flate = all.filter((s) => s.dict.includes('/Filter /FlateDecode'))
    // Page contents, faces, ToUnicode maps and the two images with their masks.
    expect(flate.length).toBeGreaterThan(10)
    for (const stream of flate) {
      const content = inflateSync(stream.data)
      expect(Buffer.from(deflate(content)).equals(stream.data), stream.dict).toBe(true)
    }
    // The XMP packet alone stays readable as it is (pdfkit leaves it uncompressed, for PDF/A).
    expect(all.filter((s) => !flate.includes(s)).map((s) => /\/Subtype \/(\w+)/.exec(s.dict)?.[1])).toEqual([
      'XML',
    ])

    // Each image is its colour samples, and its soft mask the alpha, of the PNG's pixels.
    const images = flate.filter((s) => /\/Subtype \/Image/.test(s.dict))
    for (const [{ pixels }, width, colors] of [
      [rgba, 37, 3],
      [greyAlpha, 19, 1],
    ] as const) {
      const color: number[] = []
      const alpha: number[] = []
      for (let i = 0; i < pixels.length; i += 4) {
        color.push(...pixels.subarray(i, i + colors))
        alpha.push(pixels[i + 3]!)
      }
      const image = images.find((s) => s.dict.includes(`/Width ${width}\n`) && s.dict.includes('/SMask'))
      const mask = images.find(
        (s) => s.dict.includes(`/Width ${width}\n`) && s.dict.includes('/Decode [0 1]'),
      )
      expect(image?.dict).toContain(colors === 3 ? '/ColorSpace /DeviceRGB' : '/ColorSpace /DeviceGray')
      expect([...inflateSync(image!.data)]).toEqual(color)
      expect([...inflateSync(mask!.data)]).toEqual(alpha)
    }

    // The same input again: the same bytes (the images are embedded as they are drawn, not later).
    expect(Buffer.from(await render(book!, 'pdf')).equals(pdf)).toBe(true)
    const check = tool('qpdf', ['--check', tempPdf(pdf)])
    expect(check).toContain('No syntax or stream encoding errors found')
  })
})
