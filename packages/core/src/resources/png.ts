/**
 * A PNG made safe for the PDF: its pixel data inflated under a budget before anything else
 * decodes it, and rewritten in the one simple form pdfkit's decoder handles without risk. The
 * header alone says nothing about the data: a 1.5 MB 100×100 PNG can inflate to 1.5 GB, and
 * pdfkit's decoder (png-js) inflates it in a zlib callback whose errors no caller can catch. So
 * the IDAT stream is inflated here, stopped at exactly the size the header allows (rows of
 * width × channels × depth plus one filter byte each, per interlace pass): by Node's zlib where
 * the platform has it (`nativeInflate`), else by a streaming inflater; every row's filter byte
 * is checked, and the Adler-32 checksum compared. A PNG that
 * pdfkit would decode (alpha, transparency in a palette, interlacing) is then unfiltered here and
 * re-encoded as 8-bit, non-interlaced, unfiltered rows, which png-js decodes without a failure
 * path, unless it is one already but for its filters (8-bit, with alpha, not interlaced): that
 * file goes on as it is. Either way its unfiltered rows go with it to the PDF's drawer
 * (`alphaRowsOf`). Any other PNG is embedded as it is (pdfkit copies its data into the PDF
 * undecoded).
 */

import { Unzlib, zlibSync } from 'fflate'
import { nativeInflate } from '#platform'
import { concatBytes } from '../bytes.js'
import { crc32 } from '../crc32.js'
import { ResourceError } from '../env.js'
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from './image-type.js'

interface Header {
  width: number
  height: number
  depth: number
  colorType: number
  interlaced: boolean
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }
const DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
}
/** Adam7 passes: x0, y0, dx, dy. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const

/** A sub-image of the data stream: one per interlace pass (one pass when not interlaced). */
export interface Pass {
  x0: number
  y0: number
  dx: number
  dy: number
  /** Pixels per row and rows. */
  w: number
  h: number
  /** Bytes per row, without the filter byte. */
  stride: number
}

function passes(h: Header): Pass[] {
  const bits = CHANNELS[h.colorType]! * h.depth
  const list = h.interlaced ? ADAM7 : ([[0, 0, 1, 1]] as const)
  const out: Pass[] = []
  for (const [x0, y0, dx, dy] of list) {
    const w = Math.ceil((h.width - x0) / dx)
    const rows = Math.ceil((h.height - y0) / dy)
    if (w > 0 && rows > 0) out.push({ x0, y0, dx, dy, w, h: rows, stride: Math.ceil((w * bits) / 8) })
  }
  return out
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
}

function adler32(bytes: Uint8Array): number {
  let a = 1
  let b = 0
  for (let i = 0; i < bytes.length; ) {
    // 5552 bytes is the longest run whose sums cannot overflow before the modulo.
    const end = Math.min(i + 5552, bytes.length)
    for (; i < end; i++) {
      a += bytes[i]!
      b += a
    }
    a %= 65521
    b %= 65521
  }
  return ((b << 16) | a) >>> 0
}

export interface SafePng {
  /** The PNG to embed: the input itself, or its canonical re-encoding. */
  bytes: Uint8Array
  /** The number of bytes the pixel data inflated to (for tests counting work). */
  inflated: number
}

/**
 * Check a PNG's pixel data within its header's budget and return bytes pdfkit can embed
 * without decoding anything unchecked. `path` names the file in messages. Never throws.
 */
export function safePng(bytes: Uint8Array, path: string): SafePng | ResourceError {
  const corrupt = (why: string) =>
    new ResourceError('resource-corrupt', `"${path}" is a damaged PNG (${why}); it is left out`)
  if (bytes.length < 8 || bytes[0] !== 0x89 || bytes[1] !== 0x50 || bytes[2] !== 0x4e || bytes[3] !== 0x47)
    return corrupt('no PNG signature')
  let header: Header | undefined
  let palette: Uint8Array | undefined
  let trns: Uint8Array | undefined
  const idat: Uint8Array[] = []
  let idatLength = 0
  let pos = 8
  let ended = false
  while (pos + 12 <= bytes.length) {
    const length = u32(bytes, pos)
    const type = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!, bytes[pos + 6]!, bytes[pos + 7]!)
    if (pos + 12 + length > bytes.length) return corrupt(`the ${type} chunk runs past the end`)
    const data = bytes.subarray(pos + 8, pos + 8 + length)
    pos += 12 + length
    if (type === 'IHDR') {
      if (length !== 13) return corrupt('bad header')
      header = {
        width: u32(data, 0),
        height: u32(data, 4),
        depth: data[8]!,
        colorType: data[9]!,
        interlaced: data[12] === 1,
      }
      if (data[10] !== 0 || data[11] !== 0 || data[12]! > 1)
        return corrupt('unknown compression, filter or interlace method')
      if (!DEPTHS[header.colorType]?.includes(header.depth))
        return corrupt(`colour type ${header.colorType} with ${header.depth}-bit samples`)
    } else if (type === 'PLTE') palette = data
    else if (type === 'tRNS') trns = data
    else if (type === 'IDAT') {
      idat.push(data)
      idatLength += length
    } else if (type === 'IEND') {
      ended = true
      break
    }
  }
  if (!header) return corrupt('no header')
  if (!ended) return corrupt('no end chunk')
  if (header.width === 0 || header.height === 0) return corrupt('zero size')
  // The budget below is allocated: the header's size is held to the image limits first.
  if (
    header.width > MAX_IMAGE_SIDE ||
    header.height > MAX_IMAGE_SIDE ||
    header.width * header.height > MAX_IMAGE_PIXELS
  ) {
    return new ResourceError(
      'resource-too-large',
      `"${path}" is ${header.width}×${header.height} pixels; images over ${MAX_IMAGE_SIDE} pixels a side or ${MAX_IMAGE_PIXELS / 1e6} megapixels are left out (scale it down)`,
    )
  }
  if (header.colorType === 3 && (!palette || palette.length % 3 !== 0 || palette.length === 0))
    return corrupt('an indexed image without a palette')
  if (idatLength < 6) return corrupt('no pixel data')

  const list = passes(header)
  const budget = list.reduce((sum, p) => sum + p.h * (p.stride + 1), 0)
  const stream = new Uint8Array(idatLength)
  let at = 0
  for (const chunk of idat) {
    stream.set(chunk, at)
    at += chunk.length
  }
  const bomb = () =>
    new ResourceError(
      'resource-too-large',
      `"${path}" is a PNG whose pixel data inflates beyond the ${budget} bytes its ${header.width}×${header.height} header allows (a decompression bomb?); it is left out`,
    )
  // Node's zlib where the platform has it (`nativeInflate`: stopped at the budget, the checksum
  // checked), else fflate's streaming inflater, the budget checked as it goes.
  const native = pngOptions.native ? nativeInflate(stream, budget) : undefined
  let raw: Uint8Array
  if (native) {
    if ('over' in native) return bomb()
    if ('error' in native) return corrupt(`its pixel data does not inflate: ${native.error}`)
    raw = native.bytes
  } else {
    const inflated = inflateWithin(stream, budget)
    if (inflated === OVER) return bomb()
    if (typeof inflated === 'string') return corrupt(`its pixel data does not inflate: ${inflated}`)
    raw = inflated
    if (raw.length === budget && adler32(raw) !== u32(stream, stream.length - 4))
      return corrupt('pixel data checksum mismatch')
  }
  const inflated = raw.length
  if (inflated !== budget) return corrupt(`${inflated} bytes of pixel data where ${budget} are needed`)
  let row = 0
  for (const p of list) {
    for (let y = 0; y < p.h; y++, row += p.stride + 1) {
      if (raw[row]! > 4) return corrupt(`unknown row filter ${raw[row]}`)
    }
  }

  const decodedByPdfkit =
    header.colorType === 4 ||
    header.colorType === 6 ||
    header.interlaced ||
    (header.colorType === 3 && trns !== undefined)
  if (!decodedByPdfkit) return { bytes, inflated }
  if (pngOptions.rows && header.depth === 8 && !header.interlaced) {
    // 8-bit grey or colour with alpha, as most transparent PNGs are: its rows are the
    // re-encoding's once unfiltered, so the file itself is the one to hand on, and its rows go
    // with it (`alphaRowsOf`): nothing is written to be read back.
    unfilter(raw, 0, list[0]!, CHANNELS[header.colorType]!)
    for (let at = 0; at < raw.length; at += list[0]!.stride + 1) raw[at] = 0
    alphaRows.set(bytes, raw)
    return { bytes, inflated }
  }
  const { png, rows, alpha } = reencode(header, list, raw, palette, trns)
  if (alpha && pngOptions.rows) alphaRows.set(png, rows)
  return { bytes: png, inflated }
}

/**
 * The unfiltered rows (each a filter byte of 0 and its samples, 8 bits) of each PNG with alpha
 * `safePng` handed on, by the bytes it returned, for the PDF's drawer, which splits the colour
 * from the alpha (`AlphaImage`, renderers/pdf/document.ts): a 3000×2000 figure's 24 MB was
 * re-encoded, then inflated and unfiltered again there (some 0.2 s of a short book). Held as
 * long as the bytes are.
 */
const alphaRows = new WeakMap<Uint8Array, Uint8Array>()

/** The rows `safePng` decoded for `png`, a PNG with alpha it handed on; undefined for any other. */
export function alphaRowsOf(png: Uint8Array): Uint8Array | undefined {
  return alphaRows.get(png)
}

/**
 * Whether the platform's native inflater is used where it has one, and whether the rows of a PNG
 * with alpha are handed on (`alphaRowsOf`; else every such PNG is re-encoded and read back):
 * tests run both paths.
 */
export const pngOptions = { native: true, rows: true }

const OVER = Symbol('over budget')

/**
 * A zlib stream inflated by fflate into `budget` bytes at most: the data (possibly shorter),
 * `OVER` past the budget, or why it does not inflate. Pushed in small pieces: one push inflates
 * at most ~1000 times its size before the budget is checked.
 */
function inflateWithin(stream: Uint8Array, budget: number): Uint8Array | typeof OVER | string {
  const raw = new Uint8Array(budget)
  let inflated = 0
  let over = false
  const inflater = new Unzlib((chunk) => {
    if (inflated + chunk.length > budget) {
      over = true
      throw new Error('over budget')
    }
    raw.set(chunk, inflated)
    inflated += chunk.length
  })
  try {
    const body = stream.length - 4
    for (let i = 0; i < body; i += 16_384) inflater.push(stream.subarray(i, Math.min(i + 16_384, body)))
    inflater.push(stream.subarray(body), true)
  } catch (error) {
    return over ? OVER : (error as Error).message
  }
  return raw.subarray(0, inflated)
}

/** Unfilter one pass in place (`raw` holds filter byte + row, row after row). */
export function unfilter(raw: Uint8Array, start: number, p: Pass, bpp: number): void {
  let prev = -1
  for (let y = 0; y < p.h; y++) {
    const at = start + y * (p.stride + 1)
    const filter = raw[at]!
    const row = at + 1
    // Filter 0 (none, as every row the re-encoding writes) leaves the row as it is.
    if (filter === 0) {
      prev = row
      continue
    }
    for (let i = 0; i < p.stride; i++) {
      const left = i >= bpp ? raw[row + i - bpp]! : 0
      const up = prev >= 0 ? raw[prev + i]! : 0
      const upLeft = prev >= 0 && i >= bpp ? raw[prev + i - bpp]! : 0
      let add = 0
      if (filter === 1) add = left
      else if (filter === 2) add = up
      else if (filter === 3) add = (left + up) >> 1
      else if (filter === 4) {
        const base = left + up - upLeft
        const pa = Math.abs(base - left)
        const pb = Math.abs(base - up)
        const pc = Math.abs(base - upLeft)
        add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft
      }
      raw[row + i] = (raw[row + i]! + add) & 0xff
    }
    prev = row
  }
}

/**
 * The image as 8-bit samples (palette expanded to RGB or RGBA, 16-bit cut to 8), not interlaced,
 * every row with filter 0, in a minimal PNG (IHDR, IDAT, IEND).
 */
function reencode(
  h: Header,
  list: Pass[],
  raw: Uint8Array,
  palette: Uint8Array | undefined,
  trns: Uint8Array | undefined,
): { png: Uint8Array; rows: Uint8Array; alpha: boolean } {
  const channels = CHANNELS[h.colorType]!
  const indexed = h.colorType === 3
  const outChannels = indexed ? (trns ? 4 : 3) : channels
  const outType = indexed ? (trns ? 6 : 2) : h.colorType
  const bpp = Math.max(1, (channels * h.depth) >> 3)
  const stride = h.width * outChannels + 1
  const out = new Uint8Array(stride * h.height)
  const maxSample = (1 << Math.min(h.depth, 8)) - 1
  let start = 0
  for (const p of list) {
    unfilter(raw, start, p, bpp)
    for (let y = 0; y < p.h; y++) {
      const row = start + y * (p.stride + 1) + 1
      const oy = p.y0 + y * p.dy
      for (let x = 0; x < p.w; x++) {
        const o = oy * stride + 1 + (p.x0 + x * p.dx) * outChannels
        for (let c = 0; c < channels; c++) {
          let v: number
          if (h.depth === 16) v = raw[row + (x * channels + c) * 2]!
          else if (h.depth === 8) v = raw[row + x * channels + c]!
          else {
            const bit = (x * channels + c) * h.depth
            v = (raw[row + (bit >> 3)]! >> (8 - h.depth - (bit & 7))) & maxSample
          }
          if (indexed) {
            const entry = v * 3
            out[o] = palette![entry] ?? 0
            out[o + 1] = palette![entry + 1] ?? 0
            out[o + 2] = palette![entry + 2] ?? 0
            if (trns) out[o + 3] = trns[v] ?? 255
          } else {
            // Grey below 8 bits is scaled to the full range.
            out[o + c] = h.depth < 8 ? Math.round((v * 255) / maxSample) : v
          }
        }
      }
    }
    start += p.h * (p.stride + 1)
  }
  const ihdr = new Uint8Array(13)
  const view = new DataView(ihdr.buffer)
  view.setUint32(0, h.width)
  view.setUint32(4, h.height)
  ihdr[8] = 8
  ihdr[9] = outType
  // With alpha, the PDF never embeds these rows: its drawer takes them as they are here
  // (`alphaRowsOf`) to split the colour from the alpha and deflates each (`AlphaImage`,
  // renderers/pdf/document.ts); the file carries them stored, not deflated for nothing (a
  // 3000×2000 RGBA figure: some 0.8 s of a 3.2 s book). Without alpha, pdfkit embeds them as
  // they are: deflated.
  const alpha = outType === 4 || outType === 6
  const png = concatBytes([
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    chunk('IDAT', alpha ? zlibStored(out) : zlibSync(out, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ])
  return { png, rows: out, alpha }
}

/** A zlib stream of `data` in stored (uncompressed) blocks of at most 65,535 bytes (RFC 1950, 1951). */
export function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 0xffff))
  const out = new Uint8Array(2 + 5 * blocks + data.length + 4)
  // Deflate with a 32 KB window, no dictionary, "fastest" (the check bits make 0x7801 a multiple of 31).
  out[0] = 0x78
  out[1] = 0x01
  let at = 2
  for (let b = 0; b < blocks; b++) {
    const from = b * 0xffff
    const n = Math.min(0xffff, data.length - from)
    out[at++] = b === blocks - 1 ? 1 : 0
    out[at++] = n & 0xff
    out[at++] = n >> 8
    out[at++] = ~n & 0xff
    out[at++] = (~n >> 8) & 0xff
    out.set(data.subarray(from, from + n), at)
    at += n
  }
  const sum = adler32(data)
  out[at++] = sum >>> 24
  out[at++] = (sum >>> 16) & 0xff
  out[at++] = (sum >>> 8) & 0xff
  out[at] = sum & 0xff
  return out
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}
