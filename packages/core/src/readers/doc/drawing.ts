/**
 * The floating pictures of a Word 97–2003 document: a picture placed on the page ("to paragraph",
 * "to character", Word's "Square" or "In Front of Text") rather than in the line. Its anchor is a
 * special 0x08 character in the text; the PlcSpaMom (MS-DOC 2.8.25) gives, by that character's
 * CP, an FSPA naming the shape by its id; the shape lies in the main document's drawing
 * (OfficeArtDgContainer, in the OfficeArtContent at fcDggInfo of the table stream) and names its
 * picture by number (its `pib`) in the drawing group's BStore, whose FBSE holds the BLIP or says
 * where in the WordDocument stream it lies. Word and LibreOffice both write it so.
 *
 * Only shapes that show a picture are found here, and text boxes (left out, said once): a drawn
 * shape or a group is neither, and its anchor stays a drawing left out. Nothing here throws: a structure that does not fit in
 * its stream is no picture, or a picture whose reason says it is damaged.
 */
import { readPlc, type Stream } from './binary.js'
import { fromBse, type Picture, type Record_, readShape, record } from './picture.js'

const DGG_CONTAINER = 0xf000
const BSTORE = 0xf001
const DG_CONTAINER = 0xf002
const SPGR_CONTAINER = 0xf003
const SP_CONTAINER = 0xf004
const FBSE = 0xf007
const FSP = 0xf00a

/**
 * The pictures anchored in the main text, by their anchor's CP; 'text box' for a text box's,
 * whose text is left out and said so once for all of them.
 */
export function readDrawings(
  table: Stream,
  word: Uint8Array,
  spa: { fc: number; lcb: number } | undefined,
  dggInfo: { fc: number; lcb: number } | undefined,
): Map<number, Picture | 'text box'> {
  const out = new Map<number, Picture | 'text box'>()
  if (!spa || !dggInfo || !table.has(dggInfo.fc, dggInfo.lcb)) return out
  const bytes = table.bytes
  const end = dggInfo.fc + dggInfo.lcb
  const dgg = record(bytes, dggInfo.fc, end)
  if (dgg?.type !== DGG_CONTAINER) return out
  const blips = childrenOf(bytes, dgg).find((r) => r.type === BSTORE)
  const store = blips ? childrenOf(bytes, blips) : []
  // The drawings follow, each after a byte saying whose it is: 0 the main text's, 1 the headers'.
  let shapes: Map<number, Record_> | undefined
  for (let at = dgg.end; at < end && !shapes; ) {
    const owner = bytes[at]!
    const dg = record(bytes, at + 1, end)
    if (dg?.type !== DG_CONTAINER) break
    at = dg.end
    if (owner === 0) shapes = shapesOf(bytes, dg)
  }
  if (!shapes) return out
  // One reading a BLIP, however many shapes show it: its bytes are then kept once.
  const read = new Map<number, Picture>()
  const plc = readPlc(table, spa.fc, spa.lcb, 26, 'drawings')
  for (let i = 0; i + 1 < plc.positions.length; i++) {
    const at = plc.data(i)
    if (!table.has(at, 4)) break
    const shape = shapes.get(table.i32(at))
    if (!shape) continue
    const { pib, alt, rule, text } = readShape(bytes, shape)
    if (rule) out.set(plc.positions[i]!, { kind: 'rule' })
    else if (text && pib === undefined) out.set(plc.positions[i]!, 'text box')
    if (rule || pib === undefined) continue
    const fbse = store[pib - 1]
    let picture = read.get(pib)
    if (!picture) {
      picture =
        fbse?.type === FBSE
          ? fromBse(bytes, fbse, word)
          : { kind: 'problem', reason: 'the document does not hold it whole (it is damaged)' }
      read.set(pib, picture)
    }
    out.set(plc.positions[i]!, picture.kind === 'image' && alt ? { ...picture, alt } : picture)
  }
  return out
}

/** The records inside a container, as far as they fit. */
function childrenOf(bytes: Uint8Array, container: Record_): Record_[] {
  const out: Record_[] = []
  for (let at = container.at; at < container.end; ) {
    const r = record(bytes, at, container.end)
    if (!r) break
    out.push(r)
    at = r.end
  }
  return out
}

/** Every shape of a drawing, groups' members too, by its id (its FSP's spid). */
function shapesOf(bytes: Uint8Array, dg: Record_): Map<number, Record_> {
  const out = new Map<number, Record_>()
  const visit = (container: Record_) => {
    for (const r of childrenOf(bytes, container)) {
      if (r.type === SPGR_CONTAINER) visit(r)
      else if (r.type === SP_CONTAINER) {
        const fsp = childrenOf(bytes, r).find((c) => c.type === FSP)
        if (fsp && fsp.end - fsp.at >= 4)
          out.set(new DataView(bytes.buffer, bytes.byteOffset + fsp.at, 4).getInt32(0, true), r)
      }
    }
  }
  visit(dg)
  return out
}
