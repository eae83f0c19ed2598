/**
 * A zip writer for tests that must lie: any entry name (`../evil`, `C:\x`), any flag, a declared
 * size other than the real one, a wrong checksum. Real archives are made with fflate's zipSync.
 */
import { deflateSync } from 'fflate'
import { crc32 } from '../../src/crc32.js'

export interface RawEntry {
  name: string
  data: Uint8Array | string
  /** 0 stored, 8 deflated (default). */
  method?: number
  flags?: number
  /** Declared inflated size; default the real one. */
  size?: number
  crc?: number
  /** `data` is already compressed with `method`: written as it is. */
  precompressed?: boolean
}

export function rawZip(entries: RawEntry[]): Uint8Array {
  const enc = new TextEncoder()
  const locals: Uint8Array[] = []
  const centrals: Uint8Array[] = []
  let offset = 0
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? enc.encode(e.data) : e.data
    const method = e.method ?? 8
    const data = method === 8 && !e.precompressed ? deflateSync(raw) : raw
    const name = enc.encode(e.name)
    const crc = e.crc ?? crc32(raw)
    const size = e.size ?? raw.length
    const flags = (e.flags ?? 0) | 0x800
    const local = new Uint8Array(30 + name.length + data.length)
    const lv = new DataView(local.buffer)
    lv.setUint32(0, 0x04034b50, true)
    lv.setUint16(4, 20, true)
    lv.setUint16(6, flags, true)
    lv.setUint16(8, method, true)
    lv.setUint32(14, crc, true)
    lv.setUint32(18, data.length, true)
    lv.setUint32(22, size, true)
    lv.setUint16(26, name.length, true)
    local.set(name, 30)
    local.set(data, 30 + name.length)
    const central = new Uint8Array(46 + name.length)
    const cv = new DataView(central.buffer)
    cv.setUint32(0, 0x02014b50, true)
    cv.setUint16(4, 20, true)
    cv.setUint16(6, 20, true)
    cv.setUint16(8, flags, true)
    cv.setUint16(10, method, true)
    cv.setUint32(16, crc, true)
    cv.setUint32(20, data.length, true)
    cv.setUint32(24, size, true)
    cv.setUint16(28, name.length, true)
    cv.setUint32(42, offset, true)
    central.set(name, 46)
    locals.push(local)
    centrals.push(central)
    offset += local.length
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0)
  const end = new Uint8Array(22)
  const ev = new DataView(end.buffer)
  ev.setUint32(0, 0x06054b50, true)
  ev.setUint16(8, Math.min(entries.length, 0xffff), true)
  ev.setUint16(10, Math.min(entries.length, 0xffff), true)
  ev.setUint32(12, cdSize, true)
  ev.setUint32(16, offset, true)
  const out = new Uint8Array(offset + cdSize + 22)
  let at = 0
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at)
    at += part.length
  }
  return out
}
