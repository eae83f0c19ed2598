/** STUB PDF renderer; replaced by the PDF work. */
import type { Renderer } from '../types.js'

export interface PdfOptions {}

export const pdfRenderer: Renderer<PdfOptions> = {
  name: 'pdf',
  extension: '.pdf',
  mediaType: 'application/pdf',
  description: 'Book PDF: trim sizes, embedded fonts, Knuth-Plass justification',
  async render() {
    throw new Error('not implemented')
  },
}
