/**
 * Example 3: a book made entirely in memory, rendered to EPUB and PDF bytes. No file is read;
 * the only file system access is writing the results (to the folder given as the first argument).
 *
 *   pnpm -C examples/library build && node examples/library/dist/main.js examples/out
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createBook, type Diagnostic, formatDiagnostic, render } from '@octavo/core'

export async function makeBook(): Promise<{ epub: Uint8Array; pdf: Uint8Array; diagnostics: Diagnostic[] }> {
  const { book, diagnostics } = await createBook({
    metadata: {
      title: 'Letters from the Lighthouse',
      author: 'M. Keeper',
      language: 'en',
      date: '2026-05-01',
      description: 'Three letters, made into a book in memory by @octavo/core.',
    },
    chapters: [
      {
        title: 'The First Letter',
        text: 'Dear Tom,\n\nThe lamp is lit, and the sea is quiet... for now. "Don\'t worry," you said--and I don\'t.',
      },
      {
        markdown:
          '# The Second Letter\n\nDear Tom,\n\nThe storm came *exactly* when you said it would.\n\n* * *\n\nIt is morning now.',
      },
      { html: '<h1>The Third Letter</h1><p>Dear Tom,</p><p>Come home soon. <b>Bring bread.</b></p>' },
    ],
  })
  if (!book) throw new Error(diagnostics.map(formatDiagnostic).join('\n'))
  const epub = await render(book, 'epub')
  const pdf = await render(book, 'pdf', { trim: '5x8in' })
  return { epub, pdf, diagnostics }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? '.'
  const { epub, pdf, diagnostics } = await makeBook()
  for (const d of diagnostics) console.error(formatDiagnostic(d))
  await mkdir(out, { recursive: true })
  await writeFile(path.join(out, 'letters.epub'), epub)
  await writeFile(path.join(out, 'letters.pdf'), pdf)
  console.log(
    `wrote letters.epub (${epub.byteLength} bytes) and letters.pdf (${pdf.byteLength} bytes) to ${out}`,
  )
}
