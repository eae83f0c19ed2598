/** Byte arrays joined into one: PDF chunks, PNG chunks, a file read in pieces. */

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
