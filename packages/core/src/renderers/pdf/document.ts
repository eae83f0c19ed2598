/**
 * The pdfkit document the PDF is drawn on, with one deflate on every platform. pdfkit compresses
 * with Node's zlib in Node and with fflate in a browser, which encode the same content in different
 * bytes, so the same book made in each would differ. Here every stream pdfkit decides to compress
 * (page contents, embedded faces, ToUnicode maps, forms) is compressed with fflate, at the moment
 * pdfkit would compress it; and a PNG with an alpha channel, whose colour and alpha pdfkit splits and
 * deflates with its platform's zlib (in an inflate callback that may run late, so the objects' order
 * depends on timing), is split and deflated here, at once. Every other image pdfkit embeds as it
 * is (JPEG, PNG without alpha: its data is copied, not re-encoded). The same input then gives the
 * same bytes in Node and in a browser.
 */

import { unzlibSync } from 'fflate'
import PDFDocument from 'pdfkit'
import { binaryBytes, concatBytes } from '../../bytes.js'
import { zlibDeflate } from '../../deflate.js'
import type { Threads } from '../../env.js'
import { type Pass, unfilter } from '../../resources/png.js'

/**
 * The deflate level of every stream: zlib's default, as Node's zlib used. On War and Peace's
 * streams, levels 8 and 9 save 0.2% for more time, and a larger `mem` only costs time.
 */
const LEVEL = 6

/**
 * Compress one stream (zlib format, as PDF's FlateDecode reads it): fflate's bytes, with its work
 * buffers kept from stream to stream (`deflate.ts`).
 */
export function deflate(bytes: Uint8Array): Uint8Array {
  return zlibDeflate(bytes, LEVEL)
}

/** What the deflate hook uses of pdfkit's reference (pdfkit 0.20, pinned). */
interface Reference {
  /** Whether pdfkit compresses this stream (false where the data is already encoded, or XMP). */
  compress: boolean
  /** The stream's chunks as written. */
  buffer: Uint8Array[]
  /** Bytes written to the stream so far. */
  uncompressedLength: number
  data: Record<string, unknown>
  finalize(): void
  end(chunk?: Uint8Array): void
}

/** A stream handed to another thread before pdfkit ends it, and what it held then. */
interface Early {
  chunks: number
  length: number
  result: () => Uint8Array
}

/** Streams being compressed on another thread (`Document.compressSoon`). */
const early = new WeakMap<Reference, Early>()

/** How many streams were compressed on another thread, and how many had changed since (tests). */
export const earlyStats = { used: 0, stale: 0 }

/**
 * pdfkit's `finalize`, with the stream deflated here first: pdfkit then writes it as it is (its
 * `/Filter /FlateDecode` was set when the stream was written to, and `/Length` is measured after).
 * A stream already handed to another thread takes that result if nothing was written to it since.
 */
function finalizeDeflated(this: Reference): void {
  const soon = early.get(this)
  if (soon) early.delete(this)
  if (this.compress && this.buffer.length > 0) {
    let out: Uint8Array | undefined
    if (soon) {
      const result = soon.result()
      if (soon.chunks === this.buffer.length && soon.length === this.uncompressedLength) {
        out = result
        earlyStats.used++
      } else earlyStats.stale++
    }
    this.buffer = [out ?? deflate(this.buffer.length === 1 ? this.buffer[0]! : concatBytes(this.buffer))]
    this.compress = false
  } else soon?.result()
  ;(Object.getPrototypeOf(this) as Reference).finalize.call(this)
}

type Options = ConstructorParameters<typeof PDFDocument>[0]
const Base = PDFDocument as unknown as new (options?: Options) => PDFKit.PDFDocument

/** pdfkit's output stream, as `_write` uses it (pdfkit 0.20, pinned). */
interface Output {
  /** Bytes written so far: each object's offset, for the cross-reference table. */
  _offset: number
  push(chunk: Uint8Array | null): boolean
}

/** Text written before it is pushed as one chunk (see `Document._write`), characters. */
const WRITE_BATCH = 64 << 10

/** A pdfkit document whose streams and alpha images are deflated with fflate. */
export class Document extends Base {
  /** Where `compressSoon` sends streams; unset, every stream is compressed as pdfkit ends it. */
  threads: Threads | undefined

  override ref(data?: object): PDFKit.PDFKitReference {
    const ref = super.ref(data ?? {}) as unknown as Reference
    ref.finalize = finalizeDeflated
    return ref as unknown as PDFKit.PDFKitReference
  }

  /**
   * Start compressing the current page's content on another thread (`threads`), now that it is
   * drawn: pdfkit ends the page only when the next one is added, and takes the result then. The
   * bytes are the same either way; should anything be written to the page meanwhile, its stream
   * is compressed again as it ends.
   */
  compressSoon(): void {
    const ref = (this.page as unknown as { content: Reference } | undefined)?.content
    if (!this.threads || !ref?.compress || ref.buffer.length === 0 || early.has(ref)) return
    const bytes = ref.buffer.length === 1 ? ref.buffer[0]! : concatBytes(ref.buffer)
    early.set(ref, {
      chunks: ref.buffer.length,
      length: ref.uncompressedLength,
      result: this.threads.deflate(bytes, LEVEL),
    })
  }

  /**
   * Text pdfkit wrote and not yet pushed, and its length. Declared, not defined: pdfkit writes
   * the header from its constructor, before a field of this class would be set.
   */
  declare private written: string[] | undefined
  declare private writtenLength: number | undefined

  /**
   * pdfkit's `_write`, batched: pdfkit writes every object as four to six pieces (its number,
   * its dictionary, `stream`, the data, `endstream`, `endobj`), each text piece made into an
   * array of its own and pushed through the stream by itself (85,000 pushes for War and Peace,
   * most of them of a few bytes). Here text pieces are kept, each with the line end pdfkit
   * adds, and pushed as one chunk of their bytes when `WRITE_BATCH` characters are waiting, before
   * binary data (a stream's) and at the end; the offset advances as pdfkit's does. The same
   * bytes, in the same order.
   */
  _write(data: string | Uint8Array): void {
    const self = this as unknown as Output
    if (data instanceof Uint8Array) {
      this.flushWritten()
      self.push(data)
      self._offset += data.length
      return
    }
    const text = `${data}\n`
    if (this.written) this.written.push(text)
    else this.written = [text]
    this.writtenLength = (this.writtenLength ?? 0) + text.length
    self._offset += text.length
    if (this.writtenLength >= WRITE_BATCH) this.flushWritten()
  }

  /** pdfkit's `push`: the text still waiting goes first, before the end (null). */
  override push(chunk: Uint8Array | null): boolean {
    if (chunk === null) this.flushWritten()
    return (Base.prototype as unknown as Output).push.call(this, chunk)
  }

  /** Push the text written since the last push, as one chunk. */
  private flushWritten(): void {
    const written = this.written
    if (!written || written.length === 0) return
    const text = written.length === 1 ? written[0]! : written.join('')
    written.length = 0
    this.writtenLength = 0
    ;(Base.prototype as unknown as Output).push.call(this, binaryBytes(text))
  }

  /** pdfkit's image opener, which `image()` calls with the bytes it is given. */
  openImage(src: unknown): unknown {
    const png = src instanceof Uint8Array ? alphaPng(src) : undefined
    if (!png)
      return (Base.prototype as unknown as { openImage(src: unknown): unknown }).openImage.call(this, src)
    const self = this as unknown as { _imageCount: number }
    return new AlphaImage(png, `I${++self._imageCount}`)
  }
}

/** A PNG with an alpha channel: 8-bit grey or RGB samples, not interlaced. */
interface AlphaPng {
  width: number
  height: number
  /** Colour channels (1 grey, 3 RGB), alpha not counted. */
  colors: number
  /** The zlib stream of filtered rows (the IDAT chunks joined). */
  data: Uint8Array
}

/**
 * The header and pixel data of a PNG pdfkit would split, or undefined for any other (pdfkit's own
 * path embeds those without re-encoding). The figure loader (`images.ts`, `safePng`) hands on only
 * 8-bit, non-interlaced PNGs when they have alpha, resvg's rasters included.
 */
function alphaPng(bytes: Uint8Array): AlphaPng | undefined {
  if (bytes.length < 33 || bytes[0] !== 0x89 || bytes[1] !== 0x50 || bytes[12] !== 0x49) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const depth = bytes[24]
  const colorType = bytes[25]
  if (depth !== 8 || (colorType !== 4 && colorType !== 6) || bytes[28] !== 0) return undefined
  const idat: Uint8Array[] = []
  for (let pos = 8; pos + 12 <= bytes.length; ) {
    const length = view.getUint32(pos)
    const type = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!, bytes[pos + 6]!, bytes[pos + 7]!)
    if (type === 'IDAT') idat.push(bytes.subarray(pos + 8, pos + 8 + length))
    else if (type === 'IEND') break
    pos += 12 + length
  }
  return {
    width: view.getUint32(16),
    height: view.getUint32(20),
    colors: colorType === 6 ? 3 : 1,
    data: idat.length === 1 ? idat[0]! : concatBytes(idat),
  }
}

/**
 * An image in pdfkit's shape (what its `openImage` returns and `image()` draws), embedded as
 * pdfkit embeds a PNG with alpha: the colour samples as one image, the alpha as its soft mask,
 * each deflated here.
 */
class AlphaImage {
  obj: Reference | null = null
  readonly width: number
  readonly height: number
  private png: AlphaPng | null

  constructor(
    png: AlphaPng,
    readonly label: string,
  ) {
    this.png = png
    this.width = png.width
    this.height = png.height
  }

  embed(document: PDFKit.PDFDocument): void {
    if (this.obj || !this.png) return
    const { width, height, colors, data } = this.png
    const channels = colors + 1
    const stride = width * channels
    // Inflated into the size the header gives: more data is cut there, less is an error.
    const raw = unzlibSync(data, { out: new Uint8Array((stride + 1) * height) })
    if (raw.length !== (stride + 1) * height)
      throw new Error(`its pixel data is ${raw.length} bytes, not ${(stride + 1) * height}`)
    const pass: Pass = { x0: 0, y0: 0, dx: 1, dy: 1, w: width, h: height, stride }
    unfilter(raw, 0, pass, channels)
    const color = new Uint8Array(width * height * colors)
    const alpha = new Uint8Array(width * height)
    let c = 0
    let a = 0
    for (let y = 0; y < height; y++) {
      let i = y * (stride + 1) + 1
      for (let x = 0; x < width; x++) {
        for (let k = 0; k < colors; k++) color[c++] = raw[i++]!
        alpha[a++] = raw[i++]!
      }
    }
    const ref = (entries: object) => document.ref(entries) as unknown as Reference
    const obj = ref({
      Type: 'XObject',
      Subtype: 'Image',
      BitsPerComponent: 8,
      Width: width,
      Height: height,
      Filter: 'FlateDecode',
      ColorSpace: colors === 3 ? 'DeviceRGB' : 'DeviceGray',
    })
    const mask = ref({
      Type: 'XObject',
      Subtype: 'Image',
      Height: height,
      Width: width,
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
      ColorSpace: 'DeviceGray',
      Decode: [0, 1],
    })
    mask.end(deflate(alpha))
    obj.data.SMask = mask
    obj.end(deflate(color))
    this.obj = obj
    this.png = null
  }
}
