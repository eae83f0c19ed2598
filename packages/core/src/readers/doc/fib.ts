/**
 * The File Information Block (MS-DOC 2.5.1), at the start of the WordDocument stream: which
 * Word wrote the file, whether it is encrypted, which table stream holds its structures, how
 * many characters each part of the text has (main text, footnotes, headers, comments, endnotes,
 * text boxes), and where each structure lies in the table stream.
 */
import { Damaged, type Stream } from './binary.js'

/** Word 97's nFib; Word 6 wrote 0x65 and Word 95 0x68. Word 97 betas wrote 0xC0. */
const WORD_97 = 0xc0

/** Indexes into FibRgFcLcb97 of the structures read (fc, lcb pairs). */
export const FC = {
  stshf: 1,
  plcffndRef: 2,
  plcffndTxt: 3,
  plcfandRef: 4,
  plcfSed: 6,
  plcSpaMom: 40,
  plcfBteChpx: 12,
  plcfBtePapx: 13,
  clx: 33,
  plcfendRef: 46,
  plcfendTxt: 47,
  dggInfo: 50,
  plfLst: 73,
  plfLfo: 74,
} as const

export interface Fib {
  nFib: number
  /** The table stream's name: `0Table` or `1Table`. */
  table: '0Table' | '1Table'
  /** Character counts of the document's parts, in their order in the text. */
  ccp: {
    text: number
    ftn: number
    hdd: number
    mcr: number
    atn: number
    edn: number
    txbx: number
    hdrTxbx: number
  }
  /** Where structure `index` (see `FC`) lies in the table stream; undefined when absent. */
  at(index: number): { fc: number; lcb: number } | undefined
}

/** Read the FIB, or say (as `Damaged`) why the file is not a Word 97–2003 document Octavo reads. */
export function readFib(word: Stream): Fib {
  if (word.length < 154) throw new Damaged('its WordDocument stream is too short to be a Word document')
  const ident = word.u16(0)
  const nFib = word.u16(2)
  if (ident !== 0xa5ec && ident !== 0xa5dc)
    throw new Damaged('its WordDocument stream does not start as a Word document does (it is damaged)')
  if (nFib < WORD_97)
    throw new Damaged(
      `it is a ${nFib >= 0x65 ? 'Word 6 or Word 95' : 'Word 2 or older'} document, older than the Word 97–2003 format Octavo reads: open it in Word or LibreOffice and save it as .docx`,
    )
  const flags = word.u16(10)
  if (flags & 0x0100 || flags & 0x8000)
    throw new Damaged(
      'it is password-protected (encrypted): open it in Word, remove the password (File > Info > Protect Document > Encrypt with Password) and save it as .docx',
    )
  const csw = word.u16(32)
  const lw = 34 + csw * 2
  const cslw = word.u16(lw)
  const lws = lw + 2
  if (cslw < 11) throw new Damaged('its file information block is cut short (it is damaged)')
  const ccpAt = (i: number) => {
    const v = word.i32(lws + i * 4, 'file information block')
    return Math.max(v, 0)
  }
  const fcs = lws + cslw * 4
  const count = word.u16(fcs, 'file information block')
  const base = fcs + 2
  return {
    nFib,
    table: flags & 0x0200 ? '1Table' : '0Table',
    ccp: {
      text: ccpAt(3),
      ftn: ccpAt(4),
      hdd: ccpAt(5),
      mcr: ccpAt(6),
      atn: ccpAt(7),
      edn: ccpAt(8),
      txbx: ccpAt(9),
      hdrTxbx: ccpAt(10),
    },
    at(index) {
      if (index >= count || !word.has(base + index * 8, 8)) return undefined
      const fc = word.u32(base + index * 8)
      const lcb = word.u32(base + index * 8 + 4)
      return lcb > 0 ? { fc, lcb } : undefined
    },
  }
}
