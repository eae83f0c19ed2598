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
import type { Deflating, Threads } from '../../env.js'
import { alphaRowsOf, type Pass, unfilter } from '../../resources/png.js'

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
  /** pdfkit's document: the one the reference was made by (`Document.ref`). */
  document: Document
  finalize(): void
  end(chunk?: Uint8Array): void
}

/** A stream handed to another thread before pdfkit ends it, and what it held then. */
interface Early {
  chunks: number
  length: number
  result: Deflating
}

/**
 * A stream this long is deflated on the compression thread even where the document does not use
 * it yet (`Document.threadsForLarge`): some 80 ms of deflating here, against the thread's start
 * on the other core (a 3000×2000 RGBA figure's 24 MB took 0.4 s).
 */
const LARGE_STREAM = 4 << 20

/**
 * Behind a stream this long (a figure's), the holes' newer results are computed here while it is
 * awaited (`Document.stealNewest`). Behind a page's stream, no: the thread gives it back within a
 * millisecond or two, and pages deflated here instead lengthen this thread's own work (War and
 * Peace to a PDF, stealing behind any stream: +2.4% and +3.0% wall, two alternated runs of 5).
 */
const STEAL_BEHIND = 1 << 20

/** Streams being compressed on another thread (`Document.compressSoon`). */
const early = new WeakMap<Reference, Early>()

/**
 * How many streams were compressed on another thread, how many of those handed over early (a
 * page's) had changed since, and of those used how many were taken before the thread had
 * answered (waiting for it, or computed here after all: `Threads.deflate`) because too many holes
 * were open or the document ended, and how many of the holes' results were computed here while
 * an older one was awaited (`stealNewest`) (tests).
 */
export const earlyStats = { used: 0, stale: 0, forced: 0, stolen: 0 }

/**
 * pdfkit's `finalize`, with the stream deflated first: pdfkit then writes it as it is (its
 * `/Filter /FlateDecode` was set when the stream was written to, and `/Length` is measured after).
 * A stream already handed to another thread takes that result if nothing was written to it since;
 * once the document uses the thread (`Document.threads`), any other stream is handed to it now.
 * A result not there yet leaves a hole where the object goes (`Document.defer`), filled when it
 * comes. Without the thread, the stream is deflated here.
 */
function finalizeDeflated(this: Reference): void {
  const soon = early.get(this)
  if (soon) early.delete(this)
  if (this.compress && this.buffer.length > 0) {
    // The other thread's result: the one for the bytes handed over early, if nothing was written
    // to the stream since; else, once the document uses the thread, one asked for now (a form, a
    // font's map, a stream changed since it was handed over: one deflated here would have V8
    // compile the deflate again, for this thread, for a few kilobytes).
    let result: Deflating | undefined
    if (soon) {
      if (soon.chunks === this.buffer.length && soon.length === this.uncompressedLength) result = soon.result
      else {
        soon.result()
        earlyStats.stale++
      }
    }
    const document = this.document
    const threads =
      document.threads ?? (this.uncompressedLength >= LARGE_STREAM ? document.threadsForLarge : undefined)
    if (!result && threads) result = threads.deflate(joined(this.buffer), LEVEL)
    if (result) {
      if (result.ready && !result.ready()) {
        this.document.defer(this, result)
        return
      }
      this.buffer = [result()]
      earlyStats.used++
    } else this.buffer = [deflate(joined(this.buffer))]
    this.compress = false
  } else soon?.result()
  ;(Object.getPrototypeOf(this) as Reference).finalize.call(this)
}

/** A stream's chunks as one array of bytes. */
function joined(buffer: Uint8Array[]): Uint8Array {
  return buffer.length === 1 ? buffer[0]! : concatBytes(buffer)
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

/**
 * Holes open at once at most (`Document.defer`): beyond, the oldest result is taken, waiting for
 * it if need be. Each holds its page's stream and the objects written after it; a thread that
 * keeps up leaves one or two open.
 */
export const MAX_HOLES = 16

/**
 * A stream pdfkit ended before the other thread's result for it came: its object is written
 * later, in its place in the file (`Document.fillHole`).
 */
interface Hole {
  ref: Reference
  result: Deflating
  /** Where the object starts: counted without the holes still open before it. */
  at: number
  /** The objects ended after it start at this index of `Document.shifted`. */
  from: number
  /** The object's bytes, once written. */
  bytes?: Held[]
}

/**
 * Output held behind a hole: text, or a stream's data (`{ data }`), which goes out through the
 * document's `push` as it did when written at once (a standard's document ID hashes those).
 */
type Held = Uint8Array | { data: Uint8Array }

/** What the holes use of pdfkit's document (pdfkit 0.20, pinned). */
interface Ends {
  /** Each object's offset, by number less one, for the cross-reference table. */
  _offsets: number[]
  /** Objects made and not ended: the cross-reference table is written when none is left. */
  _waiting: number
  /** `end()` was called while objects were not ended. */
  _ended: boolean
  _finalize(): void
  _refEnd(ref: Reference & { id: number }): void
}

/** pdfkit's name tree (pdfkit 0.20, pinned): its keys, and how it orders them. */
interface NameTree {
  _items: Record<string, unknown>
  _compareKeys(a: string, b: string): number
}

/**
 * The named destinations (a chapter's, a part's, a note's: links and bookmarks go to them) in the
 * order of their bytes, which is the order of a name tree's keys (ISO 32000-1, 7.9.6) and the one
 * readers search them in. pdfkit sorts them by `localeCompare`, a language's order: "Zebra" came
 * after "apple", "_Toc12" (a Word bookmark) before "Ab". MuPDF and pdf.js go through every key when
 * their search misses; a reader that trusts the order would not find the name. pdfkit writes a
 * key of ASCII as its bytes and any other as UTF-16BE after FE FF (`PDFObject.convert`), so those
 * come after every ASCII key, and among themselves in the order of their code units, as ASCII
 * keys do. The keys are kept in an object without a prototype: a chapter whose id was
 * `__proto__` was set as the object's prototype, and had no destination.
 */
function namesInByteOrder(doc: object): void {
  const names = (doc as { _root?: { data?: { Names?: { data?: { Dests?: NameTree } } } } })._root?.data?.Names
    ?.data?.Dests
  if (!names || typeof names._compareKeys !== 'function') return
  names._items = Object.assign(Object.create(null) as Record<string, unknown>, names._items)
  names._compareKeys = byteOrder
}

/** Name-tree keys in the order of the bytes pdfkit writes for them (`namesInByteOrder`). */
export function byteOrder(a: string, b: string): number {
  const wideA = !ASCII.test(a)
  const wideB = !ASCII.test(b)
  if (wideA !== wideB) return wideA ? 1 : -1
  return a < b ? -1 : a > b ? 1 : 0
}

const ASCII = /^[\x00-\x7f]*$/

/** A pdfkit document whose streams and alpha images are deflated with fflate. */
export class Document extends Base {
  /** Where `compressSoon` sends streams; unset, every stream is compressed as pdfkit ends it. */
  threads: Threads | undefined
  /**
   * Where a stream of `LARGE_STREAM` bytes or more goes before `threads` is set (a large figure
   * on a book's first pages): deflating it there is worth starting the thread for.
   */
  threadsForLarge: Threads | undefined

  constructor(options?: PDFKit.PDFDocumentOptions) {
    super(options)
    namesInByteOrder(this)
  }

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
    this.collect()
    const ref = (this.page as unknown as { content: Reference } | undefined)?.content
    if (!this.threads || !ref?.compress || ref.buffer.length === 0 || early.has(ref)) return
    const bytes = joined(ref.buffer)
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
      this.pushOut(data, true)
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
    if (chunk === null) {
      this.flushWritten()
      if (this.held?.length) throw new Error('the PDF ended with a stream not written')
      return (Base.prototype as unknown as Output).push.call(this, null)
    }
    return this.pushOut(chunk)
  }

  /** Push the text written since the last push, as one chunk. */
  private flushWritten(): void {
    const written = this.written
    if (!written || written.length === 0) return
    const text = written.length === 1 ? written[0]! : written.join('')
    written.length = 0
    this.writtenLength = 0
    this.pushOut(binaryBytes(text))
  }

  /**
   * Output, in the file's order: into the hole being filled, behind the first hole still open,
   * or on to pdfkit's stream; a stream's data (`data`) through `push`, as pdfkit's `_write` does.
   */
  private pushOut(chunk: Uint8Array, data = false): boolean {
    if (this.releasing) return (Base.prototype as unknown as Output).push.call(this, chunk)
    if (this.filling) this.filling.push(data ? { data: chunk } : chunk)
    else if (this.held?.length) this.held.push(data ? { data: chunk } : chunk)
    else if (data) return this.push(chunk)
    else return (Base.prototype as unknown as Output).push.call(this, chunk)
    return true
  }

  /**
   * Streams whose objects are not written yet (`defer`), oldest first; the output from the
   * first of them on, holes and bytes in order; the objects ended since the first (by number),
   * whose offsets were counted without the holes before them; and the hole being filled.
   * Defined, undefined, as the document is made (after pdfkit's constructor, which sets none of
   * them), not when first set: added then, pages into the book, they gave the document another
   * shape, and `_write`, `pushOut` and the others reading it went back to the interpreter.
   */
  private holes: Hole[] | undefined = undefined
  private held: (Held | Hole)[] | undefined = undefined
  private shifted: number[] | undefined = undefined
  private filling: Held[] | undefined = undefined
  /** Held output going out, past the holes still open. */
  private releasing: boolean | undefined = undefined

  /**
   * Leave a hole for a stream pdfkit ends before the other thread's result for it is there, and
   * go on: the objects after it are written behind it, their offsets counted as if it were empty
   * and moved on when it is filled (`fillHole`); until then pdfkit sees the stream as not ended,
   * so it writes the cross-reference table only once every hole is filled. The same bytes as
   * writing the object now.
   */
  defer(ref: Reference, result: Deflating): void {
    if (!this.holes || !this.held || !this.shifted) {
      this.holes = []
      this.held = []
      this.shifted = []
    }
    this.collect()
    if (this.holes.length >= MAX_HOLES) this.fillHole()
    // Text written before the stream goes before its hole.
    this.flushWritten()
    const hole: Hole = { ref, result, at: (this as unknown as Output)._offset, from: this.shifted.length }
    this.holes.push(hole)
    this.held.push(hole)
  }

  /** Fill the holes whose results are there, oldest first, without waiting. */
  collect(): void {
    const holes = this.holes
    while (holes && holes.length > 0 && (holes[0]!.result.ready?.() ?? true)) this.fillHole()
  }

  /** Fill every hole, waiting for the results still to come (at the end). */
  settle(): void {
    while (this.holes && this.holes.length > 0) this.fillHole()
  }

  /**
   * While the oldest hole's result is still to come, and it is a large one (`STEAL_BEHIND`): the
   * newest results the other thread has not given back are computed here, newest first, each
   * then skipped there (it works in order, so it has not started them), until the oldest has
   * come. A figure's colour and alpha streams (18 and 6 MB) were deflated one after the other
   * there while this thread waited; now one is deflated here meanwhile. The same bytes either way.
   */
  private stealNewest(): void {
    const holes = this.holes!
    for (let k = holes.length - 1; k > 0 && !(holes[0]!.result.ready?.() ?? true); k--) {
      const result = holes[k]!.result
      if (!result.here || (result.ready?.() ?? true)) continue
      const out = result.here()
      holes[k]!.result = () => out
      earlyStats.stolen++
    }
  }

  /** Write the oldest hole's object (its result taken, waiting if need be), and what follows it up to the next hole. */
  private fillHole(): void {
    const holes = this.holes!
    const hole = holes[0]!
    const self = this as unknown as Output & Ends
    if (!(hole.result.ready?.() ?? true)) {
      earlyStats.forced++
      if (hole.ref.uncompressedLength >= STEAL_BEHIND) this.stealNewest()
    }
    const out = hole.result()
    earlyStats.used++
    // Text written after the hole goes after it.
    this.flushWritten()
    const end = self._offset
    self._offset = hole.at
    const bytes: Held[] = []
    this.filling = bytes
    // Its end must not write the cross-reference table into the hole: that waits for the end below.
    self._waiting++
    const ref = hole.ref
    ref.buffer = [out]
    ref.compress = false
    ;(Object.getPrototypeOf(ref) as Reference).finalize.call(ref)
    this.flushWritten()
    this.filling = undefined
    hole.bytes = bytes
    const length = self._offset - hole.at
    self._offset = end + length
    holes.shift()
    // The objects ended after it, and the holes after it, were counted without its bytes.
    const shifted = this.shifted!
    for (let i = hole.from; i < shifted.length; i++) self._offsets[shifted[i]! - 1]! += length
    for (const later of holes) later.at += length
    // Those ended before the next hole are where they will be written: forgotten.
    const done = holes.length > 0 ? holes[0]!.from : shifted.length
    shifted.splice(0, done)
    for (const later of holes) later.from -= done
    // Out goes everything up to the next hole.
    const held = this.held!
    let n = 1
    while (n < held.length && !('ref' in held[n]!)) n++
    this.releasing = true
    for (const item of held.splice(0, n))
      if ('ref' in item) for (const chunk of item.bytes!) this.release(chunk)
      else this.release(item)
    this.releasing = false
    if (--self._waiting === 0 && self._ended) {
      self._ended = false
      self._finalize()
    }
  }

  /** Held output on to pdfkit's stream (`releasing`). */
  private release(item: Held): void {
    if (item instanceof Uint8Array) (Base.prototype as unknown as Output).push.call(this, item)
    else this.push(item.data)
  }

  /**
   * pdfkit's `endOutline`, the first thing its `end` does after embedding the faces (time the
   * thread uses to finish the last pages): the holes still open are filled first, so that the
   * file's closing objects follow every page's, as when nothing was deferred (a standard's
   * document ID, made in `endMetadata`, hashes the streams before it).
   */
  override endOutline(): void {
    this.settle()
    super.endOutline()
  }

  /** pdfkit's `end`; no hole is left by then (`endOutline`), should one be, it is filled last. */
  override end(): this {
    super.end()
    this.settle()
    return this
  }

  /** pdfkit's `_refEnd`: an object ended after an open hole has its offset moved when the hole is filled. */
  _refEnd(ref: Reference & { id: number }): void {
    if (this.holes?.length && !this.filling) this.shifted!.push(ref.id)
    ;(Base.prototype as unknown as Ends)._refEnd.call(this, ref)
  }

  /** pdfkit's image opener, which `image()` calls with the bytes it is given. */
  openImage(src: unknown): unknown {
    const self = this as unknown as { _imageCount: number }
    const parts = src instanceof Uint8Array ? pngParts(src) : undefined
    const png = parts && alphaPng(parts, src as Uint8Array)
    if (png) return new AlphaImage(png, `I${++self._imageCount}`)
    const plain = parts && imageOptions.ownPng ? plainPng(parts) : undefined
    if (plain) {
      imageOptions.plain++
      return new PlainImage(plain, `I${++self._imageCount}`)
    }
    return (Base.prototype as unknown as { openImage(src: unknown): unknown }).openImage.call(this, src)
  }
}

/**
 * Whether PNGs without alpha are embedded by `PlainImage` (tests compare it with pdfkit's path),
 * how many were, and how many PNGs with alpha were inflated here, their rows not handed on by
 * the figure loader (tests).
 */
export const imageOptions = { ownPng: true, plain: 0, alphaInflated: 0 }

/**
 * An image in pdfkit's shape (what its `openImage` returns and `image()` draws: a label, a size,
 * and `embed`, which makes its objects once), made from a PNG's chunks by `make`.
 */
abstract class OwnImage<Png extends { width: number; height: number }> {
  obj: Reference | null = null
  readonly width: number
  readonly height: number
  private png: Png | null

  constructor(
    png: Png,
    readonly label: string,
  ) {
    this.png = png
    this.width = png.width
    this.height = png.height
  }

  embed(document: PDFKit.PDFDocument): void {
    if (this.obj || !this.png) return
    this.obj = this.make(this.png, (entries = {}) => document.ref(entries) as unknown as Reference)
    this.png = null
  }

  /** The image's objects, made with `ref` (pdfkit's `document.ref`); the image's own, ended. */
  protected abstract make(png: Png, ref: (entries?: object) => Reference): Reference
}

/** A PNG pdfkit embeds without decoding: not interlaced, no alpha channel, no palette transparency. */
interface PlainPng {
  width: number
  height: number
  depth: number
  /** Colour channels: 1 grey or palette indices, 3 RGB. */
  colors: number
  palette: Uint8Array | undefined
  /** The tRNS chunk of a grey or RGB image. */
  transparency: Uint8Array | undefined
  /** The zlib stream of filtered rows (the IDAT chunks joined). */
  data: Uint8Array
}

/** What `openImage` reads of a PNG: its header's fields and its chunks, as views of the bytes. */
interface PngParts {
  width: number
  height: number
  depth: number
  colorType: number
  interlaced: boolean
  palette: Uint8Array | undefined
  transparency: Uint8Array | undefined
  /** The IDAT chunks (views of the bytes), joined by the image that reads them: the zlib stream of filtered rows. */
  idat: Uint8Array[]
}

/** A PNG's header and chunks (the figure loader, `safePng`, has checked them), or undefined for another image. */
function pngParts(bytes: Uint8Array): PngParts | undefined {
  if (bytes.length < 33 || bytes[0] !== 0x89 || bytes[1] !== 0x50 || bytes[12] !== 0x49) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const idat: Uint8Array[] = []
  let palette: Uint8Array | undefined
  let transparency: Uint8Array | undefined
  for (let pos = 8; pos + 12 <= bytes.length; ) {
    const length = view.getUint32(pos)
    const type = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!, bytes[pos + 6]!, bytes[pos + 7]!)
    const data = bytes.subarray(pos + 8, pos + 8 + length)
    if (type === 'IDAT') idat.push(data)
    else if (type === 'PLTE') palette = data
    else if (type === 'tRNS') transparency = data
    else if (type === 'IEND') break
    pos += 12 + length
  }
  return {
    width: view.getUint32(16),
    height: view.getUint32(20),
    depth: bytes[24]!,
    colorType: bytes[25]!,
    interlaced: bytes[28] !== 0,
    palette,
    transparency,
    idat,
  }
}

/**
 * A PNG pdfkit would embed undecoded (its rows, with their filters, as the image's data, PNG
 * predictors declared), or undefined for any other: pdfkit's decoder (png-js) copies the pixel
 * data into an array byte by byte, a quarter of a second for a 7 MB photo.
 */
function plainPng(png: PngParts): PlainPng | undefined {
  const { colorType, palette, transparency } = png
  if ((colorType !== 0 && colorType !== 2 && colorType !== 3) || png.interlaced) return undefined
  // A palette with transparency is split by pdfkit (and re-encoded with alpha before: `safePng`).
  if (colorType === 3 && transparency) return undefined
  return {
    width: png.width,
    height: png.height,
    depth: png.depth,
    colors: colorType === 2 ? 3 : 1,
    palette: colorType === 3 ? palette : undefined,
    transparency: colorType === 3 ? undefined : transparency,
    data: joined(png.idat),
  }
}

/**
 * A PNG embedded as pdfkit's `PNGImage` embeds one without alpha, object for object and key for
 * key (the same PDF): its rows as they are, with PNG predictors; a palette as an Indexed colour
 * space; a grey or RGB tRNS as a colour-key mask, read as png-js reads it (the first byte of a
 * grey value, each byte of an RGB one).
 */
class PlainImage extends OwnImage<PlainPng> {
  protected make(png: PlainPng, ref: (entries?: object) => Reference): Reference {
    const { width, height, depth, colors, palette, transparency, data } = png
    const obj = ref({
      Type: 'XObject',
      Subtype: 'Image',
      BitsPerComponent: depth,
      Width: width,
      Height: height,
      Filter: 'FlateDecode',
    })
    const params = ref({ Predictor: 15, Colors: colors, BitsPerComponent: depth, Columns: width })
    obj.data.DecodeParms = params
    params.end()
    if (!palette || palette.length === 0) obj.data.ColorSpace = colors === 3 ? 'DeviceRGB' : 'DeviceGray'
    else {
      const table = ref()
      table.end(Uint8Array.from(palette))
      obj.data.ColorSpace = ['Indexed', 'DeviceRGB', palette.length / 3 - 1, table]
    }
    if (transparency && colors === 1 && transparency.length > 0)
      obj.data.Mask = [transparency[0]!, transparency[0]!]
    else if (transparency && colors === 3) obj.data.Mask = [...transparency].flatMap((x) => [x, x])
    obj.end(data)
    return obj
  }
}

/** A PNG with an alpha channel: 8-bit grey or RGB samples, not interlaced. */
interface AlphaPng {
  width: number
  height: number
  /** Colour channels (1 grey, 3 RGB), alpha not counted. */
  colors: number
  /** The IDAT chunks, read only without `rows`. */
  idat: Uint8Array[]
  /** Its rows unfiltered, where the figure loader decoded them (`alphaRowsOf`). */
  rows: Uint8Array | undefined
}

/**
 * The header and pixel data of a PNG pdfkit would split, or undefined for any other (pdfkit's own
 * path embeds those without re-encoding). The figure loader (`images.ts`, `safePng`) hands on only
 * 8-bit, non-interlaced PNGs when they have alpha, resvg's rasters included.
 */
function alphaPng(png: PngParts, bytes: Uint8Array): AlphaPng | undefined {
  if (png.depth !== 8 || (png.colorType !== 4 && png.colorType !== 6) || png.interlaced) return undefined
  const colors = png.colorType === 6 ? 3 : 1
  const rows = alphaRowsOf(bytes)
  const fits = rows !== undefined && rows.length === (png.width * (colors + 1) + 1) * png.height
  return { width: png.width, height: png.height, colors, idat: png.idat, rows: fits ? rows : undefined }
}

/**
 * An image in pdfkit's shape (what its `openImage` returns and `image()` draws), embedded as
 * pdfkit embeds a PNG with alpha: the colour samples as one image, the alpha as its soft mask,
 * each deflated as the document's streams are.
 */
class AlphaImage extends OwnImage<AlphaPng> {
  protected make(png: AlphaPng, ref: (entries?: object) => Reference): Reference {
    const { width, height, colors } = png
    const channels = colors + 1
    const stride = width * channels
    let raw = png.rows
    if (!raw) {
      imageOptions.alphaInflated++
      // Inflated into the size the header gives: more data is cut there, less is an error.
      raw = unzlibSync(joined(png.idat), { out: new Uint8Array((stride + 1) * height) })
      if (raw.length !== (stride + 1) * height)
        throw new Error(`its pixel data is ${raw.length} bytes, not ${(stride + 1) * height}`)
      const pass: Pass = { x0: 0, y0: 0, dx: 1, dy: 1, w: width, h: height, stride }
      unfilter(raw, 0, pass, channels)
    }
    const color = new Uint8Array(width * height * colors)
    const alpha = new Uint8Array(width * height)
    let c = 0
    let a = 0
    // A loop for each layout, the samples of a pixel written one by one: the loop over the
    // channels took twice as long (a 3000×2000 RGBA figure: 75 against 35 ms).
    for (let y = 0; y < height; y++) {
      let i = y * (stride + 1) + 1
      const end = i + stride
      if (colors === 3) {
        for (; i < end; i += 4) {
          color[c] = raw[i]!
          color[c + 1] = raw[i + 1]!
          color[c + 2] = raw[i + 2]!
          c += 3
          alpha[a++] = raw[i + 3]!
        }
      } else {
        for (; i < end; i += 2) {
          color[c++] = raw[i]!
          alpha[a++] = raw[i + 1]!
        }
      }
    }
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
    // Deflated as a page's content is, on the compression thread where the document has it
    // (`finalizeDeflated`): a 3000×2000 figure's 24 MB, some 0.4 s, beside the main thread's
    // work. Their dictionaries name the filter already, so pdfkit would not compress them itself.
    mask.compress = true
    mask.end(alpha)
    obj.data.SMask = mask
    obj.compress = true
    obj.end(color)
    return obj
  }
}
