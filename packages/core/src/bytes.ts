/** Byte arrays joined into one (PDF chunks, PNG chunks, a file read in pieces), and text as PDF bytes. */

/** `chunks` as one array; `length` is their total when the caller already counted it. */
export function concatBytes(
  chunks: readonly Uint8Array[],
  length = chunks.reduce((n, chunk) => n + chunk.length, 0),
): Uint8Array {
  const out = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

const encoder = new TextEncoder()
const ASCII = /^[\x00-\x7f]*$/

/**
 * Text as pdfkit writes a string: each character's low byte (a binary string). ASCII, nearly all
 * of a PDF's text, is encoded natively.
 */
export function binaryBytes(text: string): Uint8Array {
  if (ASCII.test(text)) return encoder.encode(text)
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff
  return bytes
}
