/**
 * A face of a TrueType or OpenType collection (`.ttc`, `.otc`: several faces sharing tables in
 * one file, as a Mac's Palatino, Baskerville or Hoefler Text are): taken out as a file of its own,
 * the face a style asks for. An author gives the collection for `regular` and the other styles
 * come from it (its italic, bold and bold italic faces, where it has them), or names a face
 * (`fonts/Palatino.ttc#Palatino-Italic`, its PostScript name). fontkit reads a collection but
 * gives no face without the name, and the font check, the read budget and the worker that sets
 * paragraphs ahead all take one face's bytes: so the face's tables are copied into a file of
 * their own, the same bytes.
 *
 * A collection (OpenType 1.9, "Font Collections"): the tag `ttcf`, a version, the face count and
 * each face's offset; at each, an SFNT offset table whose table records' offsets count from the
 * start of the file.
 */
import { sfntOf, tagOf } from './woff.js'

/** A face of a collection: its PostScript name, its style bits, and the file of its own. */
export interface CollectionFace {
  name: string
  italic: boolean
  bold: boolean
  /** OS/2's REGULAR bit, and its weight (400 when it has none). */
  regular: boolean
  weight: number
  sfnt: Uint8Array
}

/** The faces of a collection; undefined when `bytes` is none, or why it cannot be read. */
export function collectionFaces(bytes: Uint8Array): CollectionFace[] | string | undefined {
  if (bytes.length < 12 || bytes[0] !== 0x74 || bytes[1] !== 0x74 || bytes[2] !== 0x63 || bytes[3] !== 0x66)
    return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const count = view.getUint32(8)
  if (count === 0 || 12 + 4 * count > bytes.length) return 'its collection header is cut off'
  const faces: CollectionFace[] = []
  for (let i = 0; i < count; i++) {
    const face = faceAt(bytes, view, view.getUint32(12 + 4 * i))
    if (typeof face === 'string') return face
    faces.push(face)
  }
  return faces
}

function faceAt(bytes: Uint8Array, view: DataView, at: number): CollectionFace | string {
  if (at + 12 > bytes.length) return 'a face of the collection lies outside the file'
  const count = view.getUint16(at + 4)
  if (at + 12 + 16 * count > bytes.length) return 'a face of the collection lies outside the file'
  const tables: { tag: number; checksum: number; from: number; length: number }[] = []
  for (let i = 0; i < count; i++) {
    const record = at + 12 + 16 * i
    const table = {
      tag: view.getUint32(record),
      checksum: view.getUint32(record + 4),
      from: view.getUint32(record + 8),
      length: view.getUint32(record + 12),
    }
    if (table.from + table.length > bytes.length) return 'a table of the collection lies outside the file'
    tables.push(table)
  }
  const sfnt = sfntOf(view.getUint32(at), tables, (table, target) => {
    target.set(bytes.subarray(table.from, table.from + table.length))
    return undefined
  }) as Uint8Array
  const found = new Map(tables.map((t) => [t.tag, bytes.subarray(t.from, t.from + t.length)]))
  const os2 = found.get(tagOf('OS/2'))
  const head = found.get(tagOf('head'))
  const word = (data: Uint8Array | undefined, at: number) =>
    data && data.length >= at + 2 ? (data[at]! << 8) | data[at + 1]! : undefined
  // OS/2's fsSelection (ITALIC 0, BOLD 5, REGULAR 6) and weight; else head's macStyle (bold 0, italic 1).
  const selection = word(os2, 62)
  const style = word(head, 44) ?? 0
  return {
    name: postscriptName(found.get(tagOf('name'))) ?? '',
    italic: selection !== undefined ? (selection & 1) !== 0 : (style & 2) !== 0,
    bold: selection !== undefined ? (selection & 0x20) !== 0 : (style & 1) !== 0,
    regular: selection !== undefined && (selection & 0x40) !== 0,
    weight: word(os2, 4) ?? 400,
    sfnt,
  }
}

/** The `name` table's PostScript name (name ID 6): Windows' (UTF-16) first, else the Mac's. */
function postscriptName(table: Uint8Array | undefined): string | undefined {
  if (!table || table.length < 6) return undefined
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength)
  const count = view.getUint16(2)
  const strings = view.getUint16(4)
  let mac: string | undefined
  for (let i = 0; i < count && 6 + 12 * i + 12 <= table.length; i++) {
    const record = 6 + 12 * i
    if (view.getUint16(record + 6) !== 6) continue
    const platform = view.getUint16(record)
    const length = view.getUint16(record + 8)
    const from = strings + view.getUint16(record + 10)
    if (from + length > table.length) continue
    const data = table.subarray(from, from + length)
    if (platform === 3) {
      let name = ''
      for (let k = 0; k + 1 < data.length; k += 2) name += String.fromCharCode((data[k]! << 8) | data[k + 1]!)
      return name
    }
    if (platform === 1) mac ??= String.fromCharCode(...data)
  }
  return mac
}

/**
 * The face of `faces` a style is set in: the one named, or the one whose italic and bold bits are
 * the style's (among several, the one marked REGULAR, else the weight nearest 400, or 700 for
 * bold); undefined when none is.
 */
export function faceForStyle(
  faces: readonly CollectionFace[],
  style: { italic: boolean; bold: boolean },
  name?: string,
): CollectionFace | undefined {
  if (name !== undefined) return faces.find((f) => f.name === name)
  const matching = faces.filter((f) => f.italic === style.italic && f.bold === style.bold)
  const target = style.bold ? 700 : 400
  return matching.sort(
    (a, b) =>
      Number(b.regular) - Number(a.regular) || Math.abs(a.weight - target) - Math.abs(b.weight - target),
  )[0]
}
