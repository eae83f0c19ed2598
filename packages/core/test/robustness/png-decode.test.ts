/**
 * PNG pixel data is checked before anything decodes it: the header alone says nothing about how
 * far the IDAT stream inflates (a 1.6 MB 100×100 PNG can hold 256 MB), and pdfkit's decoder
 * inflates in a zlib callback whose errors kill the host process. Bombs are refused with
 * `resource-too-large`, damaged data with `resource-corrupt`, both at the chapter's line, through
 * the API with `render` resolving; valid PNGs of every kind pdfkit decodes still render.
 * Kept in its own file so the peak-RSS baseline is this process's alone.
 */
import { inflateSync } from 'node:zlib'
import { unzlibSync, zlibSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { concatBytes } from '../../src/bytes.js'
import { createBook, diagnosticsOf, render } from '../../src/index.js'
import { imageOptions } from '../../src/renderers/pdf/document.js'
import { pngOptions, safePng, zlibStored } from '../../src/resources/png.js'
import { hasQpdf, isPdf, pngChunk, qpdfCheck } from './helpers.js'

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)

function png(
  width: number,
  height: number,
  depth: number,
  colorType: number,
  idat: Uint8Array,
  extra: Uint8Array[] = [],
  interlace = 0,
): Uint8Array {
  const ihdr = new Uint8Array(13)
  const view = new DataView(ihdr.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  ihdr.set([depth, colorType, 0, 0, interlace], 8)
  return concatBytes([
    SIGNATURE,
    pngChunk('IHDR', ihdr),
    ...extra,
    pngChunk('IDAT', idat),
    pngChunk('IEND', new Uint8Array(0)),
  ])
}

/**
 * A zlib stream of `n` zero bytes, written by hand as one fixed-Huffman block of length-258
 * matches (13 bits per 258 bytes): a gigabyte in 6 MB, made in milliseconds.
 */
function zlibZeros(n: number): Uint8Array {
  // 13 bits per match, up to 257 literals of 8 bits, header and checksum.
  const out = new Uint8Array(Math.ceil(((n / 258) * 13) / 8) + 300)
  let pos = 2
  let acc = 0
  let bits = 0
  out[0] = 0x78
  out[1] = 0x01
  const put = (value: number, count: number) => {
    acc |= value << bits
    bits += count
    while (bits >= 8) {
      out[pos++] = acc & 0xff
      acc >>>= 8
      bits -= 8
    }
  }
  /** A Huffman code, most significant bit first. */
  const code = (value: number, count: number) => {
    for (let i = count - 1; i >= 0; i--) put((value >> i) & 1, 1)
  }
  put(1, 1) // final block
  put(1, 2) // fixed Huffman
  code(0x30, 8) // literal 0
  let left = n - 1
  while (left >= 258) {
    code(0b11000101, 8) // length 258
    code(0, 5) // distance 1
    left -= 258
  }
  for (; left > 0; left--) code(0x30, 8)
  code(0, 7) // end of block
  if (bits > 0) put(0, 8 - bits)
  const b = n % 65521
  const adler = ((b << 16) | 1) >>> 0
  out[pos++] = adler >>> 24
  out[pos++] = (adler >>> 16) & 0xff
  out[pos++] = (adler >>> 8) & 0xff
  out[pos++] = adler & 0xff
  return out.subarray(0, pos)
}

/** Rows of `stride` bytes with filter byte `filter`, `value` in every sample. */
function rows(height: number, stride: number, filter = 0, value = 0x80): Uint8Array {
  const raw = new Uint8Array(height * (stride + 1)).fill(value)
  for (let y = 0; y < height; y++) raw[y * (stride + 1)] = filter
  return raw
}

async function renderWith(name: string, bytes: Uint8Array) {
  const { book } = await createBook({
    metadata: { title: 'PNG', author: 'A' },
    chapters: [{ markdown: `# One\n\nBefore.\n\n![the figure](${name})\n\nAfter.\n`, file: 'one.md' }],
    files: { [name]: bytes },
  })
  const pdf = await render(book!, 'pdf')
  return { pdf, diagnostics: diagnosticsOf(book!) }
}

const peakMb = () => process.resourceUsage().maxRSS / 1024

describe('PNG pixel data', () => {
  it('the hand-made zlib stream inflates to what it claims', () => {
    const stream = zlibZeros(100_000)
    const image = png(100, 250, 8, 6, stream)
    // 250 rows of 1 + 400 bytes = 100,250 bytes: all-zero rows are valid (filter 0).
    const ok = safePng(png(100, 250, 8, 6, zlibZeros(100_250)), 'x.png')
    expect(ok instanceof Error ? ok.message : 'ok').toBe('ok')
    expect(safePng(image, 'x.png')).toMatchObject({ code: 'resource-corrupt' })
  })

  it('a 100×100 RGBA PNG inflating to 256 MB is refused at its line; render resolves; memory stays flat', async () => {
    const bomb = png(100, 100, 8, 6, zlibZeros(1 << 28))
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024)
    const before = peakMb()
    const { pdf, diagnostics } = await renderWith('bomb.png', bomb)
    expect(peakMb() - before).toBeLessThan(200)
    expect(isPdf(pdf)).toBe(true)
    const d = diagnostics.find((x) => x.code === 'resource-too-large')
    expect(d, JSON.stringify(diagnostics)).toBeDefined()
    expect(d).toMatchObject({ file: 'one.md', line: 5 })
    expect(d!.message).toMatch(/bomb\.png.*inflates beyond the 40100 bytes/)
  })

  it('an RGBA PNG with an unknown row filter is resource-corrupt, not a crash of the process', async () => {
    const { pdf, diagnostics } = await renderWith('bad.png', png(4, 4, 8, 6, zlibSync(rows(4, 16, 7))))
    expect(isPdf(pdf)).toBe(true)
    expect(diagnostics.find((x) => x.code === 'resource-corrupt')).toMatchObject({ file: 'one.md', line: 5 })
  })

  it('a PNG whose data checksum is wrong, or whose data stops short, is resource-corrupt', () => {
    const data = zlibSync(rows(4, 16))
    data[data.length - 1] = data[data.length - 1]! ^ 0xff
    expect(safePng(png(4, 4, 8, 6, data), 'x.png')).toMatchObject({ code: 'resource-corrupt' })
    expect(safePng(png(4, 8, 8, 6, zlibSync(rows(4, 16))), 'x.png')).toMatchObject({
      code: 'resource-corrupt',
    })
  })

  it("Node's zlib and the JavaScript inflater (a browser's) judge PNG data alike", () => {
    const checksum = zlibSync(rows(4, 16))
    checksum[checksum.length - 1] = checksum[checksum.length - 1]! ^ 0xff
    const cases: [Uint8Array, string | undefined][] = [
      [png(100, 250, 8, 6, zlibZeros(100_250)), undefined],
      [png(100, 250, 8, 6, zlibZeros(100_000)), 'resource-corrupt'],
      [png(100, 100, 8, 6, zlibZeros(1 << 22)), 'resource-too-large'],
      [png(4, 4, 8, 6, checksum), 'resource-corrupt'],
      [png(4, 8, 8, 6, zlibSync(rows(4, 16))), 'resource-corrupt'],
      [png(4, 4, 8, 6, zlibSync(rows(4, 16, 1, 0x31)).subarray(0, -6)), 'resource-corrupt'],
      [png(3, 3, 16, 4, zlibSync(rows(3, 12, 4, 0x40))), undefined],
    ]
    const judged = (native: boolean) => {
      pngOptions.native = native
      try {
        return cases.map(([bytes]) => {
          const safe = safePng(bytes, 'x.png')
          return safe instanceof Error
            ? (safe as { code?: string }).code
            : Buffer.from(safe.bytes).toString('hex')
        })
      } finally {
        pngOptions.native = true
      }
    }
    const fromNode = judged(true)
    expect(fromNode.map((r) => (r?.startsWith('resource-') ? r : undefined))).toEqual(
      cases.map(([, code]) => code),
    )
    expect(judged(false)).toEqual(fromNode)
  })

  const valid: Array<[string, Uint8Array]> = [
    [
      '2-bit palette with transparency, 5×3',
      png(5, 3, 2, 3, zlibSync(rows(3, 2, 0, 0b00011011)), [
        pngChunk('PLTE', Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9)),
        pngChunk('tRNS', Uint8Array.of(0, 128)),
      ]),
    ],
    ['16-bit grey and alpha, 3×3, Paeth rows', png(3, 3, 16, 4, zlibSync(rows(3, 12, 4, 0x40)))],
    [
      'interlaced RGBA 9×9',
      // Adam7 passes of a 9×9 image: widths 2,1,3,2,5,4,9 and heights 2,2,1,3,2,5,4 (shown sums).
      png(
        9,
        9,
        8,
        6,
        zlibSync(
          concatBytes(
            [
              [2, 2],
              [1, 2],
              [3, 1],
              [2, 3],
              [5, 2],
              [4, 5],
              [9, 4],
            ].map(([w, h]) => rows(h!, w! * 4, 1, 3)),
          ),
        ),
        [],
        1,
      ),
    ],
  ]
  for (const [label, bytes] of valid) {
    it(`a valid ${label} PNG renders into the PDF without a diagnostic`, async () => {
      const safe = safePng(bytes, 'x.png')
      expect(safe).not.toBeInstanceOf(Error)
      const { pdf, diagnostics } = await renderWith('ok.png', bytes)
      expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
      expect(isPdf(pdf)).toBe(true)
      // An image XObject made it into the PDF.
      expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/Subtype \/Image/)
      if (hasQpdf) expect((await qpdfCheck(pdf)).ok).toBe(true)
    })
  }
})

describe('PNG re-encoding work', () => {
  it('stored zlib streams (the re-encoding of an image with alpha) inflate to their data, any length', () => {
    for (const n of [0, 1, 65_535, 65_536, 200_001]) {
      const data = new Uint8Array(n)
      for (let i = 0; i < n; i++) data[i] = (i * 7919) & 0xff
      const stored = zlibStored(data)
      // Five bytes a block of at most 65,535, the zlib header and checksum: nothing compressed.
      expect(stored.length).toBe(data.length + 5 * Math.max(1, Math.ceil(n / 65_535)) + 6)
      expect(Buffer.from(unzlibSync(stored)).equals(Buffer.from(data)), `fflate, ${n}`).toBe(true)
      expect(Buffer.from(inflateSync(stored)).equals(Buffer.from(data)), `zlib, ${n}`).toBe(true)
    }
  })

  it('an image with alpha is re-encoded stored, and its PDF depends on its pixels only', async () => {
    // 6×4 RGBA pixels as 16-bit samples and as 8-bit ones (rows with filter 0): the 16-bit image
    // is re-encoded to the 8-bit rows, stored, and set as the 8-bit one is.
    const pixel = (x: number, y: number) => [x * 40, y * 60, (x * y * 9) & 0xff, 255 - x * 30]
    const image = (bytesPerSample: number) =>
      Uint8Array.from(
        Array.from({ length: 4 }, (_, y) => [
          0,
          ...Array.from({ length: 6 }, (_, x) => pixel(x, y))
            .flat()
            .flatMap((v) => (bytesPerSample === 2 ? [v, 0] : [v])),
        ]).flat(),
      )
    const sixteen = png(6, 4, 16, 6, zlibSync(image(2)))
    const eight = png(6, 4, 8, 6, zlibSync(image(1)))
    const safe = safePng(sixteen, 'x.png') as { bytes: Uint8Array }
    expect(safe).not.toBeInstanceOf(Error)
    // Signature, header chunk, IDAT (the 8-bit rows, 4 × 25 bytes, in one stored block: 5 bytes
    // of block header, 6 of zlib's), end chunk.
    expect(safe.bytes.length).toBe(8 + 25 + (12 + 4 * 25 + 5 + 6) + 12)
    const a = await renderWith('a.png', sixteen)
    const b = await renderWith('a.png', eight)
    expect(a.diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true)
  })

  it('an 8-bit image with alpha goes on as it is, its rows decoded once: the PDF of the re-encoding read back', async () => {
    // Grey and RGB with alpha, 9×5, each row filtered another way (None, Sub, Up, Average, Paeth).
    const filtered = (channels: number) => {
      const stride = 9 * channels
      const raw = new Uint8Array(5 * (stride + 1))
      for (let y = 0; y < 5; y++) {
        raw[y * (stride + 1)] = y
        for (let i = 0; i < stride; i++)
          raw[y * (stride + 1) + 1 + i] = (i * 29 + y * 71 + (i >> 2) * 13) & 0xff
      }
      return raw
    }
    for (const [type, channels] of [
      [4, 2],
      [6, 4],
    ] as const) {
      const image = png(9, 5, 8, type, zlibSync(filtered(channels)))
      const safe = safePng(image, 'x.png') as { bytes: Uint8Array }
      // The file itself, not a copy re-encoded: its rows unfiltered go with it.
      expect(safe.bytes).toBe(image)
      const before = imageOptions.alphaInflated
      const handed = await renderWith('a.png', image)
      expect(imageOptions.alphaInflated, `type ${type}`).toBe(before)
      pngOptions.rows = false
      try {
        const readBack = await renderWith('a.png', image)
        expect(imageOptions.alphaInflated, `type ${type}`).toBe(before + 1)
        expect(handed.diagnostics.filter((d) => d.level === 'error')).toEqual([])
        expect(Buffer.from(handed.pdf).equals(Buffer.from(readBack.pdf)), `type ${type}`).toBe(true)
      } finally {
        pngOptions.rows = true
      }
    }
  })
})
