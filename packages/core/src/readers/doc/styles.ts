/**
 * The style sheet (STSH, MS-DOC 2.9.271) and the list tables (PlfLst, PlfLfo): what a
 * paragraph's style index means (its name, its ancestors' names, its paragraph and character
 * formatting through its based-on chain) and whether a list is numbered. Names are the Word
 * reader's: lower-cased, built-in styles by their fixed index so that a translated Word's "Titre 1"
 * is still "heading 1".
 */
import type { RunProps, Style } from '../docx/parts.js'
import { ALIASES } from '../rtf/words.js'
import type { Stream } from './binary.js'
import { applyChar, applyPara, type ParaProps } from './sprm.js'

/** Built-in styles whose names the structure rules test, by style identifier (sti). */
const BUILT_IN: Record<number, string> = {
  0: 'normal',
  34: 'caption',
  35: 'table of figures',
  62: 'title',
  74: 'subtitle',
  84: 'block text',
}
for (let level = 1; level <= 9; level++) {
  BUILT_IN[level] = `heading ${level}`
  BUILT_IN[18 + level] = `toc ${level}`
}

/** A resolved style: the Word reader's `Style`, with its formatting as sprms read. */
export interface DocStyle {
  style: Style
  run: RunProps
  para: ParaProps
}

interface RawStyle {
  name: string
  /** 1 paragraph, 2 character. */
  kind: number
  base: number
  papx: Uint8Array
  chpx: Uint8Array
}

export interface StyleSheet {
  /** A paragraph style by index; the Normal style's (or nothing) for an unknown index. */
  paragraph(istd: number): DocStyle
  /** A character style's formatting, on top of `under`; undefined for an unknown index. */
  character(istd: number, under: RunProps): RunProps | undefined
}

const EMPTY: DocStyle = { style: { name: '', lineage: [], para: {}, run: {} }, run: {}, para: {} }

export function readStyleSheet(table: Stream, at: { fc: number; lcb: number } | undefined): StyleSheet {
  const raw = new Map<number, RawStyle>()
  if (at && table.has(at.fc, at.lcb)) {
    try {
      readRaw(table, at.fc, at.fc + at.lcb, raw)
    } catch {
      // A damaged style sheet costs the styles read so far nothing: the text is still read.
    }
  }
  const resolved = new Map<number, DocStyle>()
  const resolve = (istd: number, depth: number): DocStyle => {
    const done = resolved.get(istd)
    if (done) return done
    const entry = raw.get(istd)
    if (!entry || depth > 16) return EMPTY
    resolved.set(istd, EMPTY) // a cycle ends here
    const parent = entry.base !== 0xfff && entry.base !== istd ? resolve(entry.base, depth + 1) : EMPTY
    const run: RunProps = { ...parent.run }
    applyChar(entry.chpx, run, parent.run)
    const para: ParaProps = { ...parent.para }
    applyPara(entry.papx, para)
    const name = ALIASES[entry.name] ?? entry.name
    const lineage = [name, ...(ALIASES[entry.name] ? [entry.name] : []), ...parent.style.lineage]
    const style: DocStyle = { style: { name, lineage, para: {}, run: {} }, run, para }
    resolved.set(istd, style)
    return style
  }
  return {
    paragraph: (istd) => {
      const entry = raw.get(istd)
      return entry && entry.kind === 1 ? resolve(istd, 0) : raw.has(0) ? resolve(0, 0) : EMPTY
    },
    character: (istd, under) => {
      const entry = raw.get(istd)
      if (entry?.kind !== 2) return undefined
      const chain: RawStyle[] = []
      for (let s: RawStyle | undefined = entry; s && chain.length < 16; s = raw.get(s.base)) {
        chain.unshift(s)
        if (s.base === 0xfff) break
      }
      const run: RunProps = { ...under }
      for (const s of chain) applyChar(s.chpx, run, { ...run })
      return run
    },
  }
}

/** The style sheet's entries, by index. */
function readRaw(table: Stream, start: number, end: number, out: Map<number, RawStyle>): void {
  const cbStshi = table.u16(start, 'style sheet')
  const cstd = table.u16(start + 2, 'style sheet')
  const cbBase = table.u16(start + 4, 'style sheet')
  let at = start + 2 + cbStshi
  for (let istd = 0; istd < cstd && at + 2 <= end; istd++) {
    const cbStd = table.u16(at, 'style sheet')
    const std = at + 2
    at = std + cbStd
    if (cbStd === 0 || at > end) continue
    const sti = table.u16(std) & 0x0fff
    const kindBase = table.u16(std + 2)
    const kind = kindBase & 0x000f
    const base = kindBase >> 4
    const cupx = table.u16(std + 4) & 0x000f
    // The name: a count of UTF-16 units, the units, a terminating NUL.
    let p = std + cbBase
    const cch = table.u16(p, 'style name')
    let stored = ''
    for (let i = 0; i < cch && i < 256; i++)
      stored += String.fromCharCode(table.u16(p + 2 + i * 2, 'style name'))
    p += 2 + cch * 2 + 2
    const upx: Uint8Array[] = []
    for (let i = 0; i < cupx && p + 2 <= at; i++) {
      const cb = table.u16(p, 'style formatting')
      upx.push(table.slice(p + 2, Math.min(cb, Math.max(0, at - p - 2)), 'style formatting'))
      p += 2 + cb + (cb % 2)
    }
    const name = BUILT_IN[sti] ?? stored.split(',')[0]!.trim().toLowerCase()
    // A paragraph style's formatting: its paragraph sprms after the style index, then its run sprms.
    const papx = kind === 1 && upx[0] && upx[0].length >= 2 ? upx[0].subarray(2) : new Uint8Array(0)
    const chpx = (kind === 1 ? upx[1] : kind === 2 ? upx[0] : undefined) ?? new Uint8Array(0)
    out.set(istd, { name, kind, base, papx, chpx })
  }
}

/**
 * Whether each list override (`ilfo`, 1-based) is numbered, by level: a level's number format is
 * a bullet (0x17) or nothing (0xFF) for a bulleted list, anything else for a numbered one.
 */
export function readLists(
  table: Stream,
  lst: { fc: number; lcb: number } | undefined,
  lfo: { fc: number; lcb: number } | undefined,
): (ilfo: number, ilvl: number) => boolean {
  const formats = new Map<number, number[]>()
  const overrides: number[] = []
  try {
    if (lst && table.has(lst.fc, lst.lcb)) {
      const count = Math.min(table.i16(lst.fc), Math.floor((lst.lcb - 2) / 28))
      let at = lst.fc + lst.lcb
      for (let i = 0; i < count; i++) {
        const lstf = lst.fc + 2 + i * 28
        const lsid = table.i32(lstf)
        const levels = table.u8(lstf + 26) & 1 ? 1 : 9
        const nfc: number[] = []
        for (let l = 0; l < levels; l++) {
          nfc.push(table.u8(at + 4))
          const papx = table.u8(at + 25)
          const chpx = table.u8(at + 24)
          const xst = at + 28 + papx + chpx
          at = xst + 2 + table.u16(xst) * 2
        }
        formats.set(lsid, nfc)
      }
    }
    if (lfo && table.has(lfo.fc, lfo.lcb)) {
      const count = Math.min(table.i32(lfo.fc), Math.floor((lfo.lcb - 4) / 16))
      for (let i = 0; i < count; i++) overrides.push(table.i32(lfo.fc + 4 + i * 16))
    }
  } catch {
    // What was read is kept; the rest of the lists read as bulleted.
  }
  return (ilfo, ilvl) => {
    const nfc = formats.get(overrides[ilfo - 1] ?? Number.NaN)
    const format = nfc?.[Math.min(ilvl, nfc.length - 1)]
    return format !== undefined && format !== 0x17 && format !== 0xff
  }
}
