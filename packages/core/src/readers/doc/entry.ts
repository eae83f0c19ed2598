/**
 * The Word 97–2003 reader's registry entry without its parser: what Octavo asks of the format
 * before it reads a file of it. The registry (readers/index.ts) loads the parser, and the OLE
 * container library under it, on the first .doc file.
 */
import { markupIn } from '../shared/sniff.js'
import type { ReaderEntry } from '../types.js'
import { docCodes } from './codes.js'

/** The signature of an OLE compound file, the container of every Word 97–2003 document. */
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

/** `{\rtf`: Word's "Rich Text Format", often saved under a .doc name. */
const RTF = [0x7b, 0x5c, 0x72, 0x74, 0x66]

/** The bytes (after a UTF-8 byte-order mark) begin with `magic`. */
export function startsWith(head: Uint8Array, magic: number[]): boolean {
  const at = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
  return magic.every((b, i) => head[at + i] === b)
}

/**
 * Bytes with controls no text holds (NUL, and the C0 controls other than tab, line and page
 * ends and escape): a binary file, for `read` to name, not text for another reader to take.
 */
function binary(head: Uint8Array): boolean {
  for (const b of head)
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) return true
  return false
}

export const docEntry = {
  name: 'doc',
  extensions: ['.doc'],
  /**
   * An OLE compound file is certainly Word's. A web page or plain text saved under a .doc name
   * (Word's "Web Page" and "Plain Text" kept the extension) is certainly not, and goes to the
   * HTML or text reader. RTF and zips (a .docx renamed) are left to `read`, which hands them to
   * their readers: the text reader would take RTF's markup for text before the RTF reader saw it.
   */
  sniff: (head: Uint8Array | string) => {
    if (typeof head === 'string') return head.startsWith('{\\rtf') ? undefined : false
    if (startsWith(head, OLE_MAGIC)) return true
    if (startsWith(head, RTF) || (head[0] === 0x50 && head[1] === 0x4b)) return undefined
    // A UTF-16 text's byte-order mark: its NULs are not binary.
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false
    if (binary(head.subarray(0, 512)) && markupIn(head) !== 'document') return undefined
    return false
  },
  codes: docCodes,
} satisfies ReaderEntry
