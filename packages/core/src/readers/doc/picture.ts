/**
 * An inline picture of a Word 97–2003 document: the 0x01 character whose sprmCPicLocation points
 * into the Data stream at a PICF (MS-DOC 2.9.193), the picture's header; for a picture Word or
 * LibreOffice inserted (mm 0x64 or 0x66) an OfficeArt shape (MS-ODRAW) follows it, then the
 * picture's BLIP: its bytes, PNG or JPEG for what a book can show, a metafile for a drawing. The
 * shape says whether it is a horizontal line (fHorizRule) and gives its alt text
 * (wzDescription). A floating picture's shape (`drawing.ts`) names its BLIP by number instead,
 * the BLIP kept in the WordDocument stream. Everything read is checked against the stream's end;
 * what cannot be read is a reason, never a throw.
 */
import { RESOURCE_LIMITS } from '../../limits.js'
import { sniffImageType } from '../../resources/image-type.js'

/** What one picture is: its image bytes, a horizontal rule, or why it cannot be carried over. */
export type Picture =
  | { kind: 'image'; type: 'png' | 'jpeg'; bytes: Uint8Array; alt?: string }
  | { kind: 'rule' }
  | { kind: 'problem'; reason: string }

const BLIP_PROBLEMS: Record<number, string> = {
  61466: 'it is a Windows metafile (EMF), which books cannot show; insert it as PNG or JPEG',
  61467: 'it is a Windows metafile (WMF), which books cannot show; insert it as PNG or JPEG',
  61468: 'it is a Mac PICT, which books cannot show; insert it as PNG or JPEG',
  61471: 'it is a device bitmap (DIB), which books cannot show; insert it as PNG or JPEG',
  61481: 'it is a TIFF image, which books cannot show; insert it as PNG or JPEG',
}
const DAMAGED = 'the document does not hold it whole (it is damaged)'

export interface Record_ {
  type: number
  instance: number
  /** Where its contents start, and end. */
  at: number
  end: number
}

/** The OfficeArt record header at `at` (8 bytes), or undefined when it does not fit before `limit`. */
export function record(bytes: Uint8Array, at: number, limit: number): Record_ | undefined {
  if (at < 0 || at + 8 > limit) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, 8)
  const len = view.getUint32(4, true)
  const end = at + 8 + len
  if (end > limit) return undefined
  return { type: view.getUint16(2, true), instance: view.getUint16(0, true) >> 4, at: at + 8, end }
}

/** The picture whose PICF starts at `offset` of the Data stream `data`. */
export function readPicture(data: Uint8Array | undefined, offset: number): Picture {
  if (!data) return { kind: 'problem', reason: 'the document has no Data stream to hold it (it is damaged)' }
  if (!Number.isInteger(offset) || offset < 0 || offset + 14 > data.length)
    return { kind: 'problem', reason: DAMAGED }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const lcb = view.getUint32(offset, true)
  const cbHeader = view.getUint16(offset + 4, true)
  const mm = view.getUint16(offset + 6, true)
  const limit = Math.min(data.length, offset + lcb)
  if (lcb < cbHeader || cbHeader < 14 || offset + lcb > data.length)
    return { kind: 'problem', reason: DAMAGED }
  if (mm !== 0x64 && mm !== 0x66)
    return {
      kind: 'problem',
      reason:
        mm === 0x62
          ? 'it is a linked picture (kept outside the document), which Octavo cannot fetch; insert it into the document'
          : 'it is an old-style Windows metafile (WMF), which books cannot show; insert it as PNG or JPEG',
    }
  let at = offset + cbHeader
  if (mm === 0x66) {
    // The picture's file name, a length then Latin-1 characters.
    if (at >= limit) return { kind: 'problem', reason: DAMAGED }
    at += 1 + data[at]!
  }
  // The size it is shown at (dxaGoal, dyaGoal in twips, scaled by mx, my in thousandths).
  const width = (view.getInt16(offset + 28, true) * view.getUint16(offset + 32, true)) / 1000
  const height = (view.getInt16(offset + 30, true) * view.getUint16(offset + 34, true)) / 1000
  const container = record(data, at, limit)
  if (container?.type !== 0xf004) return { kind: 'problem', reason: DAMAGED }
  const shape = readShape(data, container)
  if (shape.rule) return { kind: 'rule' }
  // The BLIPs follow the shape: an OfficeArtFBSE each, the picture's own record inside it.
  let problem: string | undefined
  let blips = 0
  for (let next = container.end; next < limit; ) {
    const fbse = record(data, next, limit)
    if (!fbse) break
    next = fbse.end
    if (fbse.type !== 0xf007 || fbse.end - fbse.at < 36) continue
    blips++
    const picture = fromBse(data, fbse, undefined)
    if (picture.kind === 'image') {
      if (shape.alt) picture.alt = shape.alt
      return picture
    }
    problem = picture.reason
  }
  // LibreOffice writes a horizontal line as an empty picture frame, thin and wide (1.5 pt high).
  if (blips === 0 && height > 0 && height <= 100 && width >= 10 * height) return { kind: 'rule' }
  return { kind: 'problem', reason: problem ?? (blips === 0 ? 'it is an empty picture frame' : DAMAGED) }
}

/**
 * The image of an OfficeArtFBSE (MS-ODRAW 2.2.32), the record `fbse` of `data`: its BLIP follows
 * its 36 bytes and its name, or, when it holds none, lies at its `foDelay` in `delay` (the
 * WordDocument stream, where Word and LibreOffice keep the pictures of floating shapes).
 */
export function fromBse(
  data: Uint8Array,
  fbse: Record_,
  delay: Uint8Array | undefined,
): Exclude<Picture, { kind: 'rule' }> {
  if (fbse.end - fbse.at < 36) return { kind: 'problem', reason: DAMAGED }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const cbName = data[fbse.at + 33]!
  const embedded = fbse.at + 36 + cbName
  const blip =
    embedded < fbse.end
      ? record(data, embedded, fbse.end)
      : delay && record(delay, view.getUint32(fbse.at + 28, true), delay.length)
  if (!blip) return { kind: 'problem', reason: DAMAGED }
  return readBlip(embedded < fbse.end ? data : delay!, blip)
}

/** A BLIP record's image (MS-ODRAW 2.2.23 on): one or two 16-byte UIDs and a tag byte first. */
function readBlip(data: Uint8Array, blip: Record_): Exclude<Picture, { kind: 'rule' }> {
  const png = blip.type === 0xf01e
  const jpeg = blip.type === 0xf01d || blip.type === 0xf02a
  if (!png && !jpeg)
    return {
      kind: 'problem',
      reason: BLIP_PROBLEMS[blip.type] ?? 'its format is not one books can show; insert it as PNG or JPEG',
    }
  // An odd instance says a second UID follows the first.
  const start = blip.at + 16 * (blip.instance & 1 ? 2 : 1) + 1
  if (start > blip.end) return { kind: 'problem', reason: DAMAGED }
  // A copy, and a plain Uint8Array (the stream may be a Node Buffer, whose slice is a view).
  const bytes = new Uint8Array(data.subarray(start, blip.end))
  if (bytes.length > RESOURCE_LIMITS.image)
    return { kind: 'problem', reason: `it is larger than ${RESOURCE_LIMITS.image} bytes` }
  const sniffed = sniffImageType(bytes)
  if (sniffed !== (png ? 'image/png' : 'image/jpeg'))
    return { kind: 'problem', reason: `its ${png ? 'PNG' : 'JPEG'} bytes are damaged` }
  return { kind: 'image', type: png ? 'png' : 'jpeg', bytes }
}

const TEXT_ID = 0x0080
const PIB = 0x0104
const DESCRIPTION = 0x0381
const GROUP_BOOLEANS = 0x03bf
const HORIZ_RULE = 1 << 11
const USE_HORIZ_RULE = 1 << 27

/** What a shape's properties say: a rule, an alt text, the picture it shows (1-based, in the BStore), text. */
export interface Shape {
  rule: boolean
  alt?: string
  pib?: number
  /** The shape holds text (its lTxid): a text box. */
  text?: boolean
}

/** What the shape's properties (its OfficeArtFOPT and tertiary FOPT) say. */
export function readShape(data: Uint8Array, container: Record_): Shape {
  const out: Shape = { rule: false }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  for (let at = container.at; at < container.end; ) {
    const opt = record(data, at, container.end)
    if (!opt) break
    at = opt.end
    if (opt.type !== 0xf00b && opt.type !== 0xf122) continue
    // `instance` properties of 6 bytes each, then the complex ones' data in the same order.
    let complex = opt.at + opt.instance * 6
    if (complex > opt.end) continue
    for (let i = 0; i < opt.instance; i++) {
      const p = opt.at + i * 6
      const id = view.getUint16(p, true)
      const value = view.getUint32(p + 2, true)
      const isComplex = (id & 0x8000) !== 0
      const pid = id & 0x3fff
      if (pid === GROUP_BOOLEANS && (value & HORIZ_RULE) !== 0) {
        if ((value & USE_HORIZ_RULE) !== 0 || value >>> 16 === 0) out.rule = true
      }
      if (pid === PIB && !isComplex && value > 0) out.pib = value
      if (pid === TEXT_ID) out.text = true
      if (!isComplex) continue
      if (pid === DESCRIPTION && complex + value <= opt.end) {
        const text = new TextDecoder('utf-16le')
          .decode(data.subarray(complex, complex + (value & ~1)))
          .replace(/\0[\s\S]*$/, '')
          .trim()
        if (text) out.alt = text
      }
      complex += value
      if (complex > opt.end) break
    }
  }
  return out
}
