/**
 * The PDF's pagination without the PDF: the same typesetting pass as `render.ts` (same settings,
 * faces, hyphenation, page rules), its pages handed to a sink that only notes where each chapter,
 * part and back page opens. Nothing is drawn, compressed or embedded, so it costs the layout
 * alone; a volume split on a page budget (`pipeline/volumes.ts`) measures with it. Its
 * diagnostics go to a file of its own: the render that follows reports them once.
 */

import { SourceFile } from '../../diagnostics/file.js'
import type { Env } from '../../env.js'
import type { Chapter, Part, Root } from '../../model/types.js'
import type { Pagination } from '../types.js'
import { destinations, typesetBook } from './book.js'
import { loadFonts } from './fonts.js'
import { prepareHyphenation } from './layout/hyphenate.js'
import { FontMeasurer } from './measure.js'
import { type PdfOptions, resolveOptions } from './options.js'
import { Composer } from './pages.js'
import { createTypesetter } from './typeset.js'

export async function paginatePdf(tree: Root, options: Partial<PdfOptions>, env: Env): Promise<Pagination> {
  const file = new SourceFile(env.file.path)
  const settings = resolveOptions(options ?? {}, file)
  const language = tree.metadata.language || 'en'
  const fonts = await loadFonts(settings.font, env, { tree, language })
  await prepareHyphenation(language, env.assets)
  const dests = destinations(tree)
  const opened = new Map<string, number>()
  const composer = new Composer(settings, (page) => {
    for (const dest of page.dests) if (!opened.has(dest.name)) opened.set(dest.name, page.index)
  })
  const ts = createTypesetter({
    settings,
    fonts,
    measurer: new FontMeasurer(fonts, language),
    composer,
    env,
    file,
    language,
  })
  await typesetBook(tree, ts, dests)
  const starts = new Map<Chapter | Part, number>()
  for (const [node, name] of [...dests.chapters, ...dests.parts]) {
    const index = opened.get(name)
    if (index !== undefined) starts.set(node, index)
  }
  // What follows the body: back-matter chapters, then the back pages (named by `typesetBook`).
  const after = dests.order.back.map((c) => starts.get(c)).filter((i) => i !== undefined)
  const named = new Set([...dests.chapters.values(), ...dests.parts.values()])
  for (const [name, index] of opened) if (!named.has(name) && isBackPage(name)) after.push(index)
  const pages = composer.index
  return { pages, front: composer.bodyStart ?? pages, bodyEnd: Math.min(pages, ...after), starts }
}

function isBackPage(name: string): boolean {
  return /^(about-the-author|end-notes|also-by)_*$/.test(name)
}
