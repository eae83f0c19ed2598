/**
 * What a lenient reading system forgives an EPUB, forgiven here too, each with a warning naming
 * what was wrong: entry names written with Windows backslashes (`OEBPS\Text\ch1.xhtml`, zipped
 * by hand on Windows), an href differing from its entry only in case (`CH1.xhtml` for `ch1.xhtml`,
 * made on a case-insensitive disk), and a spine document declared with the wrong media type.
 * The archive layer's safety checks still judge every name: a backslash read as a slash can
 * climb out of no folder that a slash could not.
 */
import type { Archive } from '../shared/archive.js'
import type { ManifestItem } from './package.js'

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/**
 * The zip's bytes with every backslash in its entry names (central directory and local headers)
 * made a slash, and the names that had one; the same bytes when none has. A byte for a byte, so
 * no offset moves; the checksums cover the data, not the names.
 */
export function slashedNames(bytes: Uint8Array): { bytes: Uint8Array; renamed: string[] } {
  const renamed: string[] = []
  if (bytes.length < 22) return { bytes, renamed }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let end = -1
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--)
    if (view.getUint32(at, true) === EOCD) {
      end = at
      break
    }
  if (end < 0) return { bytes, renamed }
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  const fixes: Array<[number, number]> = []
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) return { bytes, renamed }
    const nameLength = view.getUint16(at + 28, true)
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
    if (next > end) return { bytes, renamed }
    const name = bytes.subarray(at + 46, at + 46 + nameLength)
    if (name.includes(0x5c)) {
      renamed.push(String.fromCharCode(...name))
      fixes.push([at + 46, nameLength])
      const local = view.getUint32(at + 42, true)
      if (local + 30 <= bytes.length && view.getUint32(local, true) === LOCAL) {
        const localLength = view.getUint16(local + 26, true)
        if (local + 30 + localLength <= bytes.length) fixes.push([local + 30, localLength])
      }
    }
    at = next
  }
  if (fixes.length === 0) return { bytes, renamed }
  const copy = bytes.slice()
  for (const [from, length] of fixes)
    for (let i = from; i < from + length; i++) if (copy[i] === 0x5c) copy[i] = 0x2f
  return { bytes: copy, renamed }
}

/**
 * The archive, a name it lacks found as the one entry that differs from it only in case (two or
 * more such: none, as a case-sensitive reader finds none). `repaired` hears each name so found
 * once, with the entry read for it.
 */
export function caseLenient(archive: Archive, repaired: (name: string, entry: string) => void): Archive {
  let folded: Map<string, string[]> | undefined
  const told = new Set<string>()
  const entryFor = (name: string): string => {
    if (archive.has(name)) return name
    if (!folded) {
      folded = new Map()
      for (const e of archive.entries) {
        const key = e.name.toLowerCase()
        folded.set(key, [...(folded.get(key) ?? []), e.name])
      }
    }
    const found = folded.get(name.toLowerCase())
    if (found?.length !== 1) return name
    if (!told.has(name)) {
      told.add(name)
      repaired(name, found[0]!)
    }
    return found[0]!
  }
  return {
    entries: archive.entries,
    problems: archive.problems,
    has: (name) => archive.has(entryFor(name)),
    read: (name) => archive.read(entryFor(name)),
    text: (name) => archive.text(entryFor(name)),
  }
}

/** A file name that says (X)HTML, whatever media type the manifest gives it. */
const DOCUMENT_NAME = /\.(?:xhtml|html|htm)$/i

/**
 * Whether a manifest item is a document to read: its media type says (X)HTML, or (wrongly
 * declared `text/plain`, `application/octet-stream`, or not at all) its name does. `declared`:
 * the type is right.
 */
export function documentItem(item: ManifestItem): { document: boolean; declared: boolean } {
  if (/x?html|xml/.test(item.mediaType)) return { document: true, declared: true }
  return { document: DOCUMENT_NAME.test(item.path), declared: false }
}
