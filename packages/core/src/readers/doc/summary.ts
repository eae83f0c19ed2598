/**
 * The document's properties from its SummaryInformation stream (an OLE property set, MS-OLEPS
 * 2.21): title, author, subject, keywords and comments, as File > Properties shows them. Strings
 * are in the property set's own code page (Windows-1252 unless it says otherwise) or UTF-16.
 */
import { decodeBytes } from '../rtf/words.js'
import { Stream } from './binary.js'

const CODEPAGE = 1
const FIELDS: Record<number, 'title' | 'subject' | 'author' | 'keywords' | 'comments'> = {
  2: 'title',
  3: 'subject',
  4: 'author',
  5: 'keywords',
  6: 'comments',
}
const VT_I2 = 2
const VT_LPSTR = 0x1e
const VT_LPWSTR = 0x1f

export type Summary = Partial<Record<'title' | 'subject' | 'author' | 'keywords' | 'comments', string>>

/** The summary's fields; nothing for a stream that is absent or not a property set. */
export function readSummary(bytes: Uint8Array | undefined): Summary {
  const out: Summary = {}
  if (!bytes) return out
  const s = new Stream(bytes, 'SummaryInformation')
  try {
    if (s.u16(0) !== 0xfffe || s.u32(24) < 1) return out
    const set = s.u32(44)
    const count = Math.min(s.u32(set + 4), 1000)
    const props = new Map<number, number>()
    for (let i = 0; i < count; i++) props.set(s.u32(set + 8 + i * 8), set + s.u32(set + 12 + i * 8))
    const cpAt = props.get(CODEPAGE)
    const codepage = cpAt !== undefined && s.u32(cpAt) === VT_I2 ? s.u16(cpAt + 4) : 1252
    for (const [id, field] of Object.entries(FIELDS)) {
      const at = props.get(Number(id))
      if (at === undefined) continue
      const type = s.u32(at)
      const size = Math.min(s.u32(at + 4), 65536)
      let value: string | undefined
      if (type === VT_LPWSTR || (type === VT_LPSTR && codepage === 1200)) {
        const units = type === VT_LPWSTR ? size : size / 2
        let text = ''
        for (let i = 0; i < units; i++) text += String.fromCharCode(s.u16(at + 8 + i * 2))
        value = text
      } else if (type === VT_LPSTR) {
        const raw = s.slice(at + 8, size)
        value = decodeBytes([...raw], codepage)
      }
      const clean = value?.replace(/\0.*$/s, '').replace(/\s+/g, ' ').trim()
      if (clean) out[field] = clean
    }
  } catch {
    // A damaged property set gives what was read before the damage.
  }
  return out
}
