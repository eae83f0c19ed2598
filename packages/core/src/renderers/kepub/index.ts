/**
 * The kepub renderer: the EPUB with Kobo's markup (`spans.ts`), written as `.kepub.epub`, the
 * name a Kobo e-reader opens in its kepub reader (reading statistics, faster page turns, its
 * typography settings) rather than its older EPUB engine. It is the EPUB renderer's book, option
 * for option (`epub:` applies, `kepub:` over it); only each content document's body differs.
 */

import { epubRenderer } from '../epub/index.js'
import { type EpubOptions, epubOptionSchema } from '../epub/options.js'
import { buildEpub } from '../epub/package.js'
import type { Renderer } from '../types.js'
import { koboSpans } from './spans.js'

export const kepubRenderer: Renderer<EpubOptions> = {
  name: 'kepub',
  extension: '.kepub.epub',
  mediaType: 'application/epub+zip',
  description: 'EPUB for Kobo e-readers, with Kobo’s sentence spans (epub: options apply)',
  options: epubOptionSchema,
  basedOn: 'epub',
  render(tree, options, env) {
    return buildEpub(tree, options, env, { document: koboSpans })
  },
  prepare(env, metadata, files) {
    epubRenderer.prepare?.(env, metadata, files)
  },
}
