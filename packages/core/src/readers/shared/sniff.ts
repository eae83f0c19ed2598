/**
 * What the first bytes of a file say about its format, for the readers' `sniff`: a saved web
 * page is a web page whatever its name ends with, and a file with no markup at all is text.
 * Only the certain cases answer; anything else is left to the file's extension.
 */

/** How many bytes of a file `sniff` is given: enough for a doctype, a BOM and some preamble. */
export const SNIFF_BYTES = 1024

const utf8 = new TextDecoder('utf-8')

/** The head as text: UTF-8, with the NULs of UTF-16 dropped so its ASCII markup still shows. */
export function headText(head: Uint8Array | string): string {
  if (typeof head === 'string') return head.slice(0, SNIFF_BYTES)
  const bytes = head.subarray(0, SNIFF_BYTES)
  return utf8.decode(bytes.includes(0) ? bytes.filter((b) => b !== 0) : bytes)
}

/** Whether the bytes hold only white space (ASCII, NUL, a byte-order mark's bytes). */
function blankBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (
      b !== 0x20 &&
      b !== 0x09 &&
      b !== 0x0a &&
      b !== 0x0d &&
      b !== 0 &&
      b !== 0xef &&
      b !== 0xbb &&
      b !== 0xbf &&
      b !== 0xfe &&
      b !== 0xff
    )
      return false
  }
  return true
}

/**
 * `document`: the head opens an HTML document (`<!DOCTYPE html>`, `<html`, XHTML's
 * `<?xml …?><html`); `none`: no tag at all in text that is not blank; `some` otherwise.
 */
export function markupIn(head: Uint8Array | string): 'document' | 'none' | 'some' {
  // Most chapters hold no `<` at all: answer from the bytes without decoding them. In UTF-8,
  // UTF-16 and every legacy code page Octavo reads, `<` is the byte 0x3C and nothing else is.
  if (typeof head !== 'string') {
    const bytes = head.subarray(0, SNIFF_BYTES)
    if (!bytes.includes(0x3c)) return blankBytes(bytes) ? 'some' : 'none'
  }
  const text = headText(head).replace(/^\uFEFF/, '')
  const start = text.trimStart().slice(0, 400).toLowerCase()
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>])/.test(start))
    return 'document'
  if (text.trim() === '') return 'some'
  return /<[a-z!/?]/i.test(text) ? 'some' : 'none'
}
