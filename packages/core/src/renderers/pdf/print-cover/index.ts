/**
 * The `print-cover` format: a full-wrap paperback cover (back, spine, front, with bleed) whose
 * spine is as wide as the interior's page count and paper make it. The engine (`render.ts`) is
 * loaded on first use, as the PDF's is.
 */
import type { Renderer } from '../../types.js'
import { type PrintCoverOptions, printCoverCodes, printCoverOptionSchema } from './options.js'

export type { PrintCoverOptions } from './options.js'

export const printCoverRenderer: Renderer<PrintCoverOptions> & { codes: typeof printCoverCodes } = {
  name: 'print-cover',
  extension: '.cover.pdf',
  mediaType: 'application/pdf',
  description: 'Full-wrap paperback cover PDF: spine width from page count and paper, bleed, barcode area',
  options: printCoverOptionSchema,
  // The interior the spine is counted from is the book's PDF: `pdf:` unless `interior` says otherwise.
  inherits: { interior: 'pdf' },
  codes: printCoverCodes,
  async render(tree, options, env) {
    const engine = await import('./render.js')
    return (await engine.renderPrintCover(tree, options, env)).bytes
  },
}
