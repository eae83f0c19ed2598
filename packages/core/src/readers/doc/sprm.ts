/**
 * Single property modifiers (MS-DOC 2.2.5.1): the two-byte opcodes, each with its operand, that
 * every formatting in a Word 97–2003 file is written as (a style's, a run's, a paragraph's), and
 * what Octavo keeps of them: the run formatting the Word reader keeps, and the paragraph's
 * alignment, outline level, page break, list and table membership.
 */
import type { BorderSides } from '../docx/body.js'
import type { RunProps } from '../docx/parts.js'
import { lcidTag } from '../shared/lcid.js'

/** Character properties: the Word reader's, and what decides whether a character is text at all. */
export interface CharProps extends RunProps {
  /** Deleted with revision marks on (sprmCFRMarkDel). */
  deleted?: boolean
  /** Inserted with revision marks on (sprmCFRMarkIns). */
  inserted?: boolean
  /** The character is a special one: a picture, a note's mark, a symbol (sprmCFSpec). */
  special?: boolean
  /** A symbol's own character (sprmCSymbol), for a special 0x28. */
  symbol?: number
  /** The character style (sprmCIstd). */
  charStyle?: number
  /** Where a picture's PICF starts in the Data stream (sprmCPicLocation, for a special 0x01). */
  picLocation?: number
}

export interface ParaProps extends BorderSides {
  align?: string
  /** 0-based; 9 is body text. */
  outline?: number
  pageBreakBefore?: boolean
  /** 1-based index into the list overrides; 0 is none. */
  ilfo?: number
  ilvl?: number
  /** Left indent in twips. */
  left?: number
  /** The first line's indent from the left one, in twips (negative when hanging). */
  first?: number
  inTable?: boolean
  /** Ends a table row (the row's own mark). */
  rowEnd?: boolean
  /** Table depth: 1 in a table, more in a table in a table. */
  depth?: number
  /** Ends a row of a table in a table. */
  innerRowEnd?: boolean
  /** A right-to-left paragraph (sprmPFBiDi). */
  bidi?: boolean
}

/** Call `each` with every sprm of a grpprl and the offset of its operand; a cut-short one ends it. */
export function forEachSprm(grpprl: Uint8Array, each: (op: number, at: number, size: number) => void): void {
  let at = 0
  while (at + 2 <= grpprl.length) {
    const op = grpprl[at]! | (grpprl[at + 1]! << 8)
    at += 2
    let size: number
    switch (op >> 13) {
      case 0:
      case 1:
        size = 1
        break
      case 2:
      case 4:
      case 5:
        size = 2
        break
      case 3:
        size = 4
        break
      case 7:
        size = 3
        break
      default: {
        // Variable: a byte count first; sprmTDefTable's is a word counting itself less one.
        if (op === 0xd608 || op === 0xd606) {
          if (at + 2 > grpprl.length) return
          const cb = grpprl[at]! | (grpprl[at + 1]! << 8)
          size = cb + 1
        } else {
          if (at >= grpprl.length) return
          size = grpprl[at]! + 1
        }
      }
    }
    if (at + size > grpprl.length) return
    each(op, at, size)
    at += size
  }
}

/** A toggle's operand against the style's value: 0 off, 1 on, 0x80 as the style, 0x81 its opposite. */
function toggle(value: number, style: boolean | undefined): boolean | undefined {
  if (value === 0) return false
  if (value === 1) return true
  if (value === 0x80) return style === true
  if (value === 0x81) return style !== true
  return undefined
}

const TOGGLES: Record<number, 'bold' | 'italic' | 'strike' | 'smallCaps' | 'caps' | 'hidden'> = {
  2101: 'bold',
  2102: 'italic',
  2103: 'strike',
  2106: 'smallCaps',
  2107: 'caps', // sprmCFCaps
  2108: 'hidden',
}

/**
 * Apply a grpprl of character sprms to `props` (changed in place); toggles are read against
 * `style`, the formatting the text has from its styles.
 */
export function applyChar(grpprl: Uint8Array, props: CharProps, style: RunProps): void {
  forEachSprm(grpprl, (op, at, size) => {
    const b = grpprl[at]!
    const word = size >= 2 ? b | (grpprl[at + 1]! << 8) : b
    const toggled = TOGGLES[op]
    if (toggled) {
      const value = toggle(b, style[toggled])
      if (value !== undefined) props[toggled] = value
      return
    }
    switch (op) {
      case 0x2a53: // sprmCFDStrike
        if (b === 1) props.strike = true
        else if (b === 0 && !style.strike) props.strike = false
        break
      case 0x2a3e: // sprmCKul
        props.underline = b !== 0
        break
      case 0x2a48: // sprmCIss
        props.vertAlign = b === 1 ? 'superscript' : b === 2 ? 'subscript' : 'baseline'
        break
      case 0x4a43: // sprmCHps
        if (word > 0) props.size = word
        break
      case 0x0800: // sprmCFRMarkDel
        props.deleted = b === 1
        break
      case 0x0801: // sprmCFRMarkIns
        props.inserted = b === 1
        break
      case 0x0855: // sprmCFSpec
        props.special = b === 1
        break
      case 0x6a09: // sprmCSymbol: a font index, then the character
        if (size === 4) props.symbol = grpprl[at + 2]! | (grpprl[at + 3]! << 8)
        break
      case 0x4a30: // sprmCIstd
        props.charStyle = word
        break
      // The run's languages, as LCIDs (Word 97's _80 sprms and Word 2000's, both written):
      // its Latin text's, its East Asian text's, its complex-script text's. An LCID naming no
      // language (0x0400, "no proofing") is said as `zxx`, so it wins over a style's.
      case 0x486d: // sprmCRgLid0_80
      case 0x4873: // sprmCRgLid0
        props.lang = lcidTag(word) ?? 'zxx'
        break
      case 0x486e: // sprmCRgLid1_80
      case 0x4874: // sprmCRgLid1
        props.langEastAsian = lcidTag(word) ?? 'zxx'
        break
      case 0x485f: // sprmCLidBi
        props.langComplex = lcidTag(word) ?? 'zxx'
        break
      case 0x085a: // sprmCFBiDi: a right-to-left run
        props.rtl = b === 1
        break
      case 0x0882: // sprmCFComplexScripts
        props.complexScript = b === 1
        break
      case 0x0875: // sprmCFNoProof
        props.noProof = b === 1
        break
      case 0x6a03: // sprmCPicLocation (sprmCHsp has the same operand)
        if (size === 4) props.picLocation = (word | (grpprl[at + 2]! << 16) | (grpprl[at + 3]! << 24)) >>> 0
        break
      case 0x2a33: // sprmCPlain: back to the paragraph style's formatting
        for (const key of [
          'bold',
          'italic',
          'strike',
          'smallCaps',
          'caps',
          'hidden',
          'underline',
          'vertAlign',
        ] as const)
          delete props[key]
        break
      default:
        break
    }
  })
}

/** The paragraph border sprms: Word 97's BRC80 (4 bytes) and Word 2000's BRC (a count, 8 bytes). */
const BORDERS: Record<number, [keyof BorderSides, 'brc80' | 'brc']> = {
  25636: ['borderTop', 'brc80'],
  25637: ['borderLeft', 'brc80'],
  25638: ['borderBottom', 'brc80'],
  25639: ['borderRight', 'brc80'],
  50766: ['borderTop', 'brc'],
  50767: ['borderLeft', 'brc'],
  50768: ['borderBottom', 'brc'],
  50769: ['borderRight', 'brc'],
}

const JC: Record<number, string> = { 0: 'left', 1: 'center', 2: 'right', 3: 'both', 4: 'distribute' }

/** Apply a grpprl of paragraph sprms to `props` (changed in place). */
export function applyPara(grpprl: Uint8Array, props: ParaProps): void {
  forEachSprm(grpprl, (op, at, size) => {
    const b = grpprl[at]!
    const word = size >= 2 ? b | (grpprl[at + 1]! << 8) : b
    const border = BORDERS[op]
    if (border) {
      // brcType: 0 draws none, 0xFF is "nil" (no border); the line width comes before it.
      const type = border[1] === 'brc80' ? grpprl[at + 1] : size >= 9 ? grpprl[at + 6] : undefined
      if (type !== undefined) props[border[0]] = type !== 0 && type !== 0xff
      return
    }
    switch (op) {
      case 0x2403: // sprmPJc80
      case 0x2461: // sprmPJc
        if (JC[b]) props.align = JC[b]
        break
      case 0x2640: // sprmPOutLvl
        props.outline = b
        break
      case 0x2407: // sprmPFPageBreakBefore
        props.pageBreakBefore = b === 1
        break
      case 0x460b: // sprmPIlfo
        props.ilfo = word
        break
      case 0x260a: // sprmPIlvl
        props.ilvl = b
        break
      case 0x840f: // sprmPDxaLeft80
      case 0x845e: // sprmPDxaLeft
        props.left = (word << 16) >> 16
        break
      case 0x8411: // sprmPDxaLeft180
      case 0x8460: // sprmPDxaLeft1
        props.first = (word << 16) >> 16
        break
      case 0x2416: // sprmPFInTable
        props.inTable = b === 1
        break
      case 0x2417: // sprmPFTtp
        props.rowEnd = b === 1
        break
      case 0x6649: // sprmPItap
        if (size === 4) props.depth = word
        break
      case 0x244c: // sprmPFInnerTtp
        props.innerRowEnd = b === 1
        break
      case 0x2441: // sprmPFBiDi
        props.bidi = b === 1
        break
      default:
        break
    }
  })
}
