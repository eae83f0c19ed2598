/** STUB EPUB renderer; replaced by the EPUB work. */
import type { Renderer } from '../types.js'

export interface EpubOptions {}

export const epubRenderer: Renderer<EpubOptions> = {
  name: 'epub',
  extension: '.epub',
  mediaType: 'application/epub+zip',
  description: 'EPUB 3.3, EPUBCheck-clean, accessible',
  async render() {
    throw new Error('not implemented')
  },
}
