/**
 * What the first bytes of a file say about its format, for the readers' `sniff`: a saved web
 * page is a web page whatever its name ends with, and a file with no markup at all is text.
 * Only the certain cases answer; anything else is left to the file's extension.
 */

/** How many bytes of a file `sniff` is given: enough for a doctype, a BOM and some preamble. */
export const SNIFF_BYTES = 1024

/** The head as text: UTF-8, with the NULs of UTF-16 dropped so its ASCII markup still shows. */
export function headText(head: Uint8Array | string): string {
  if (typeof head === 'string') return head.slice(0, SNIFF_BYTES)
  const bytes = head.subarray(0, SNIFF_BYTES)
  return new TextDecoder('utf-8').decode(bytes.filter((b) => b !== 0))
}

/**
 * `document`: the head opens an HTML document (`<!DOCTYPE html>`, `<html`, XHTML's
 * `<?xml …?><html`); `none`: no tag at all in text that is not blank; `some` otherwise.
 */
export function markupIn(head: Uint8Array | string): 'document' | 'none' | 'some' {
  const text = headText(head).replace(/^\uFEFF/, '')
  const start = text.trimStart().slice(0, 400).toLowerCase()
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>])/.test(start))
    return 'document'
  if (text.trim() === '') return 'some'
  return /<[a-z!/?]/i.test(text) ? 'some' : 'none'
}
