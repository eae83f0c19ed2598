/**
 * The EPUB renderer: a finished manuscript tree → the bytes of an EPUB 3.3 file that passes
 * EPUBCheck and Ace, reads well on e-ink, and is byte-identical for identical input and env.
 * Assembly is in `package.ts`; each document has its own module.
 */
import type { CoverGuess } from '../../env.js'
import type { Renderer } from '../types.js'
import { epubCodes } from './codes.js'
import { guessCover } from './cover.js'
import { type EpubOptions, epubOptionSchema } from './options.js'
import { buildEpub, THREADED_CHAPTERS } from './package.js'

export type { EpubOptions, EpubStrings } from './options.js'
export { defaultOptions as defaultEpubOptions } from './options.js'

export const epubRenderer: Renderer<EpubOptions> & { codes: typeof epubCodes } = {
  name: 'epub',
  extension: '.epub',
  mediaType: 'application/epub+zip',
  description: 'EPUB 3.3, EPUBCheck-clean, accessible',
  options: epubOptionSchema,
  codes: epubCodes,
  render(tree, options, env) {
    return buildEpub(tree, options, env)
  },
  // A book without a cover image may get a generated one: its raster's thread starts now, and
  // draws the cover the book's metadata so far gives (a chapter file's may yet change it). A book
  // long enough to deflate its documents on another thread starts that one too: it takes 100 ms
  // or more to start, while reading the chapters leaves the other core free (War and Peace: 20-27
  // documents a build were deflated here after all when it started with the render, 0-3 now).
  prepare(env, metadata, files) {
    if (!metadata.cover && env.threads?.prepareCover) {
      // The cover the plan's metadata gives is drawn meanwhile; the chapters may still change it.
      // A guess that cannot be made costs only the head start: the thread starts all the same.
      let guess: CoverGuess | undefined
      try {
        guess = guessCover(metadata)
      } catch {}
      env.threads.prepareCover(guess)
    }
    if (files >= THREADED_CHAPTERS) env.threads?.start?.()
  },
}
