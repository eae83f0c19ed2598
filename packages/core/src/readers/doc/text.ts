/**
 * The document's characters: the piece table (the CLX, MS-DOC 2.9.38) that maps each character
 * position (CP) to where its character is stored in the WordDocument stream (its FC), one byte
 * (Windows-1252, "compressed") or two (UTF-16) a character, and the formatted-disk-pages
 * (FKPs, 2.9.133) that give the runs of character and paragraph formatting by FC. What is read
 * here is bounded by the streams' sizes: a piece or run that points past its stream is left out.
 */
import { decodeWindows1252 } from '../source.js'
import { Damaged, readPlc, type Stream } from './binary.js'

/** A stretch of characters stored together. */
interface Piece {
  cpStart: number
  cpEnd: number
  /** Byte offset of its first character in the WordDocument stream. */
  fc: number
  compressed: boolean
  /** Formatting the piece itself carries (a Prm's grpprl), applied over its runs'. */
  prm?: Uint8Array
}

/** Characters with one formatting: their first CP, text, the FC of each is `fc + i * width`. */
export interface TextRun {
  cp: number
  text: string
  /** The run's character sprms (from its CHPX), then its piece's. */
  chpx: Uint8Array
  prm?: Uint8Array
  fc: number
  width: number
}

/** A run of formatting by FC. */
interface FcRun {
  start: number
  end: number
  grpprl: Uint8Array
  istd: number
}

const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true })
const EMPTY: Uint8Array = new Uint8Array(0)

export class Text {
  private readonly pieces: Piece[] = []
  private readonly chpx: FcRun[]
  private readonly papx: FcRun[]

  constructor(
    private readonly word: Stream,
    table: Stream,
    clx: { fc: number; lcb: number } | undefined,
    bteChpx: { fc: number; lcb: number } | undefined,
    btePapx: { fc: number; lcb: number } | undefined,
  ) {
    if (!clx || !table.has(clx.fc, clx.lcb))
      throw new Damaged('it has no piece table, which every Word 97–2003 document has (it is damaged)')
    this.readClx(table, clx.fc, clx.fc + clx.lcb)
    this.chpx = fkpRuns(word, table, bteChpx, false)
    this.papx = fkpRuns(word, table, btePapx, true)
  }

  private readClx(table: Stream, start: number, end: number): void {
    const prcs: Uint8Array[] = []
    let at = start
    while (at < end) {
      const kind = table.u8(at, 'piece table')
      if (kind === 1) {
        const cb = table.i16(at + 1, 'piece table')
        if (cb < 0) break
        prcs.push(table.slice(at + 3, cb, 'piece table'))
        at += 3 + cb
      } else if (kind === 2) {
        const lcb = table.u32(at + 1, 'piece table')
        const plc = readPlc(table, at + 5, Math.min(lcb, end - at - 5), 8, 'piece table')
        const cps = plc.positions
        for (let i = 0; i + 1 < cps.length; i++) {
          const pcd = plc.data(i)
          const raw = table.u32(pcd + 2, 'piece table')
          const prm = table.u16(pcd + 6, 'piece table')
          const compressed = (raw & 0x40000000) !== 0
          const fc = compressed ? (raw & 0x3fffffff) / 2 : raw & 0x3fffffff
          const count = cps[i + 1]! - cps[i]!
          // A piece that points past the stream is not text: left out, not read as zeros.
          if (!this.word.has(fc, count * (compressed ? 1 : 2))) continue
          const piece: Piece = { cpStart: cps[i]!, cpEnd: cps[i + 1]!, fc, compressed }
          if (prm & 1 && prcs[prm >> 1]) piece.prm = prcs[prm >> 1]
          this.pieces.push(piece)
        }
        return
      } else break
    }
    if (this.pieces.length === 0) throw new Damaged('its piece table is damaged')
  }

  /** The text of CPs `[from, to)` as runs of one formatting each, in order. */
  runs(from: number, to: number): TextRun[] {
    const out: TextRun[] = []
    for (const piece of this.pieces) {
      const a = Math.max(from, piece.cpStart)
      const b = Math.min(to, piece.cpEnd)
      if (a >= b) continue
      const width = piece.compressed ? 1 : 2
      const first = piece.fc + (a - piece.cpStart) * width
      const fcEnd = first + (b - a) * width
      let fc = first
      while (fc < fcEnd) {
        const i = findRun(this.chpx, fc)
        const run = this.chpx[i]
        const covers = run !== undefined && fc < run.end
        // Where this formatting stops: its run's end, or the next run's start; a boundary inside
        // a two-byte character rounds up to the character.
        const stop = covers ? run.end : (this.chpx[i + 1]?.start ?? fcEnd)
        const next = Math.min(fcEnd, fc + Math.max(width, Math.ceil((stop - fc) / width) * width))
        const bytes = this.word.slice(fc, next - fc, 'text')
        const text = piece.compressed ? decodeWindows1252(bytes) : utf16.decode(bytes)
        const textRun: TextRun = {
          cp: a + (fc - first) / width,
          text,
          chpx: covers ? run.grpprl : EMPTY,
          fc,
          width,
        }
        if (piece.prm) textRun.prm = piece.prm
        out.push(textRun)
        fc = next
      }
    }
    return out
  }

  /** The paragraph formatting of the paragraph whose mark is stored at `fc`. */
  paragraphAt(fc: number): { istd: number; grpprl: Uint8Array } {
    const i = findRun(this.papx, fc)
    const run = i >= 0 ? this.papx[i] : undefined
    return run && fc < run.end ? run : { istd: 0, grpprl: EMPTY }
  }
}

/** The index of the last run starting at or before `fc` (-1 when none does). */
function findRun(runs: FcRun[], fc: number): number {
  let lo = 0
  let hi = runs.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (runs[mid]!.start <= fc) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** Every run of one of the two FKP kinds (CHPX or PAPX), sorted by FC. */
function fkpRuns(
  word: Stream,
  table: Stream,
  bte: { fc: number; lcb: number } | undefined,
  paragraphs: boolean,
): FcRun[] {
  const out: FcRun[] = []
  if (!bte) return out
  const plc = readPlc(table, bte.fc, bte.lcb, 4, 'formatting table')
  const seen = new Set<number>()
  for (let i = 0; i + 1 < plc.positions.length; i++) {
    const pn = table.u32(plc.data(i), 'formatting table') & 0x3fffff
    const page = pn * 512
    if (seen.has(pn) || !word.has(page, 512)) continue
    seen.add(pn)
    const count = word.u8(page + 511)
    if (count === 0 || (count + 1) * 4 + count * (paragraphs ? 13 : 1) > 511) continue
    for (let j = 0; j < count; j++) {
      const start = word.u32(page + j * 4)
      const end = word.u32(page + (j + 1) * 4)
      if (end <= start) continue
      const offset = word.u8(page + (count + 1) * 4 + j * (paragraphs ? 13 : 1)) * 2
      let grpprl = EMPTY
      let istd = 0
      if (offset > 0) {
        if (paragraphs) {
          let cb = word.u8(page + offset)
          let at = page + offset + 1
          if (cb === 0) {
            cb = word.u8(at) * 2
            at++
          } else cb = cb * 2 - 1
          if (cb >= 2 && at + cb <= page + 511) {
            istd = word.u16(at)
            grpprl = word.slice(at + 2, cb - 2)
          }
        } else {
          const cb = word.u8(page + offset)
          if (page + offset + 1 + cb <= page + 511) grpprl = word.slice(page + offset + 1, cb)
        }
      }
      out.push({ start, end, grpprl, istd })
    }
  }
  return out.sort((a, b) => a.start - b.start)
}
