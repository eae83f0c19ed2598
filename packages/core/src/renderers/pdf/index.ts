/**
 * The PDF renderer, as registered. The engine (`render.ts`, with pdfkit and fontkit behind it) is
 * loaded on the first PDF render, so a process that only writes EPUBs never pays for it: importing
 * pdfkit alone costs ~26 MB of memory (bench/pipeline.mjs, serial to EPUB).
 */

import { concatBytes } from '../../bytes.js'
import type { Renderer } from '../types.js'
import { pdfCodes } from './codes.js'
import { type PdfOptions, pdfOptionSchema } from './options.js'
import { THREADS_AHEAD_CHAPTERS } from './threads.js'

export type { PdfOptions } from './options.js'
export type { PdfReport } from './render.js'

/** Render as chunks of the PDF file, in order; `report` receives the figures when done. */
export const renderPdf: typeof import('./render.js').renderPdf = async function* (
  tree,
  options,
  env,
  report,
) {
  const engine = await import('./render.js')
  yield* engine.renderPdf(tree, options, env, report)
}

export const pdfRenderer: Renderer<PdfOptions> & { codes: typeof pdfCodes } = {
  name: 'pdf',
  extension: '.pdf',
  mediaType: 'application/pdf',
  description: 'Book PDF: trim sizes, embedded fonts, Knuth-Plass justification',
  options: pdfOptionSchema,
  codes: pdfCodes,
  async render(tree, options, env) {
    const chunks: Uint8Array[] = []
    let length = 0
    for await (const chunk of renderPdf(tree, options, env)) {
      chunks.push(chunk)
      length += chunk.length
    }
    return concatBytes(chunks, length)
  },
  renderStream(tree, options, env) {
    return renderPdf(tree, options, env)
  },
  // A book of many chapter files will hand its page streams to the compression thread: it starts
  // now, while the chapters are read and parsed, and is running when the first pages are drawn.
  prepare(env, _metadata, files) {
    if (files >= THREADS_AHEAD_CHAPTERS) env.threads?.start?.()
  },
  async paginate(tree, options, env) {
    const { paginatePdf } = await import('./paginate.js')
    return paginatePdf(tree, options, env)
  },
}
