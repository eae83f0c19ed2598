/**
 * Record 0 of a MOBI book (or of a joint file's KF8 half): the PalmDOC header (compression, text
 * length and records, encryption), the MOBI header (text encoding, indexes, the first resource
 * record, the extra data flags) and the EXTH metadata records. Offsets follow the MobileRead
 * wiki's "MOBI" page; fields a short (older) header lacks are `NULL`.
 */
import { tryDecode } from '../encoding.js'
import { ascii, Damaged, u16, u32 } from './pdb.js'

export const NULL = 0xffffffff

export interface MobiHeader {
  /** 1 none, 2 PalmDOC, 17480 HUFF/CDIC. */
  compression: number
  textLength: number
  textRecords: number
  encryption: number
  /** Whether a MOBI header follows the PalmDOC one (a bare PalmDOC text has none). */
  mobi: boolean
  /** 65001 UTF-8, 1252 CP1252. */
  encoding: number
  /** The format's version: 8 for KF8. */
  version: number
  fullName: string
  locale: number
  /** Record numbers, relative to this record 0. */
  firstImage: number
  huffRecord: number
  huffCount: number
  extraFlags: number
  ncx: number
  fdst: number
  frag: number
  skel: number
  guide: number
  exth: Map<number, Uint8Array[]>
}

export function readHeader(record: Uint8Array): MobiHeader {
  if (record.length < 16) throw new Damaged('its first record is cut short')
  const header: MobiHeader = {
    compression: u16(record, 0),
    textLength: u32(record, 4),
    textRecords: u16(record, 8),
    encryption: u16(record, 12),
    mobi: ascii(record, 16, 20) === 'MOBI',
    encoding: 1252,
    version: 0,
    fullName: '',
    locale: 0,
    firstImage: NULL,
    huffRecord: NULL,
    huffCount: 0,
    extraFlags: 0,
    ncx: NULL,
    fdst: NULL,
    frag: NULL,
    skel: NULL,
    guide: NULL,
    exth: new Map(),
  }
  if (!header.mobi) return header
  const length = u32(record, 20)
  const field = (at: number) => (at + 4 <= 16 + length ? u32(record, at) : NULL)
  header.encoding = u32(record, 28)
  header.version = u32(record, 36)
  header.locale = u32(record, 92)
  header.firstImage = field(108)
  header.huffRecord = field(112)
  header.huffCount = field(116) === NULL ? 0 : field(116)
  if (length >= 0xe4 && header.version >= 5) header.extraFlags = u16(record, 0xf2)
  header.ncx = field(0xf4)
  if (header.version >= 8) {
    header.fdst = field(0xc0)
    header.frag = field(0xf8)
    header.skel = field(0xfc)
    header.guide = field(0x104)
  }
  const nameAt = u32(record, 84)
  const nameLength = u32(record, 88)
  if (nameAt > 0 && nameAt < record.length && nameLength < 4096)
    header.fullName = decodeText(
      record.subarray(nameAt, Math.min(record.length, nameAt + nameLength)),
      header.encoding,
    )
  if (u32(record, 0x80) & 0x40) readExth(record, 16 + length, header.exth)
  return header
}

function readExth(record: Uint8Array, at: number, into: Map<number, Uint8Array[]>): void {
  if (ascii(record, at, at + 4) !== 'EXTH') return
  const count = u32(record, at + 8)
  let p = at + 12
  for (let i = 0; i < count && p + 8 <= record.length; i++) {
    const type = u32(record, p)
    const size = u32(record, p + 4)
    if (size < 8 || p + size > record.length) return
    const list = into.get(type) ?? []
    list.push(record.subarray(p + 8, p + size))
    into.set(type, list)
    p += size
  }
}

/** UTF-8 or CP1252 bytes as text (the two encodings MOBI books use). */
export function decodeText(bytes: Uint8Array, encoding: number): string {
  return encoding === 65001 ? utf8.decode(bytes) : (tryDecode('windows-1252', bytes) ?? '')
}

const utf8 = new TextDecoder('utf-8')

/** An EXTH string record (the first of its type), decoded. */
export function exthText(header: MobiHeader, type: number): string | undefined {
  const value = header.exth.get(type)?.[0]
  if (!value) return undefined
  const text = decodeText(value, header.encoding).replace(/\0+$/, '').trim()
  return text === '' ? undefined : text
}

export function exthTexts(header: MobiHeader, type: number): string[] {
  return (header.exth.get(type) ?? [])
    .map((v) => decodeText(v, header.encoding).replace(/\0+$/, '').trim())
    .filter(Boolean)
}

/** An EXTH number record (cover offset 201, KF8 boundary 121). */
export function exthNumber(header: MobiHeader, type: number): number | undefined {
  const value = header.exth.get(type)?.[0]
  if (!value || value.length < 4) return undefined
  return u32(value, 0)
}
