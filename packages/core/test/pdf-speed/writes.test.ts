/**
 * pdfkit's writes, batched (`Document._write`): the bytes of pdfkit's own writes, in far fewer
 * chunks than the pieces pdfkit writes.
 */
import { expect, test } from 'vitest'
import { concatBytes } from '../../src/bytes.js'
import { Document } from '../../src/renderers/pdf/document.js'

interface Written {
  bytes: Uint8Array
  chunks: number
}

/** A document of 40 pages, each with some text and a link, as chunks. */
function build(): Promise<Written> {
  const doc = new Document({
    autoFirstPage: false,
    compress: true,
    info: { CreationDate: new Date(0), Title: 'Batches, é' },
  })
  const chunks: Uint8Array[] = []
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk))
  const done = new Promise<Written>((resolve) =>
    doc.on('end', () => resolve({ bytes: concatBytes(chunks), chunks: chunks.length })),
  )
  for (let i = 0; i < 40; i++) {
    doc.addPage({ size: [432, 648], margin: 0 })
    doc.addContent(`BT /F1 10 Tf 72 ${600 - i} Td (page ${i}) Tj ET`)
    doc.link(72, 72, 100, 12, `https://example.org/${i}`)
  }
  doc.end()
  return done
}

test('pdfkit’s pieces are pushed in batches, the same bytes in the same order', async () => {
  const batched = await build()
  // pdfkit's own writes: every piece pushed by itself.
  const proto = Document.prototype as unknown as Record<string, unknown>
  const own = { write: proto._write, push: proto.push }
  delete proto._write
  delete proto.push
  let unbatched: Written
  try {
    unbatched = await build()
  } finally {
    proto._write = own.write
    proto.push = own.push
  }
  expect(unbatched.chunks).toBeGreaterThan(500)
  expect(Buffer.from(batched.bytes).equals(Buffer.from(unbatched.bytes))).toBe(true)
  // Text is pushed before each stream's data and at the end: about two chunks a stream.
  expect(batched.chunks).toBeLessThan(unbatched.chunks / 5)
  expect(new TextDecoder('latin1').decode(batched.bytes.subarray(-6))).toBe('%%EOF\n')
})
