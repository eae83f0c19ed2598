/**
 * The cover: the author's image (`metadata.cover`) or a generated one, stored as the
 * `cover-image` item, and a cover page first in the spine that scales it to the screen. The page
 * wraps the image in an SVG with a `viewBox` (the calibre/Sigil idiom): Apple Books, Kobo and
 * Kindle's converter all fit it to the viewport without cropping, which CSS on an `img` cannot
 * promise across reading systems.
 */

import {
  COVER_HEIGHT,
  COVER_WIDTH,
  coverDrawing,
  rasterizeCoverSvg,
  uncoveredCharacters,
} from '../../cover/generate.js'
import { type CoverGuess, type Env, ResourceError } from '../../env.js'
import { escapeAttr } from '../../escape-xml.js'
import type { Metadata } from '../../model/types.js'
import { stringsFor } from '../../strings/index.js'
import type { Context } from './context.js'
import { xhtmlDocument } from './document.js'
import type { ResolvedOptions } from './options.js'
import type { StoredFile } from './resources.js'
import { extensionOf } from './sniff.js'

export interface Cover {
  file: StoredFile
  width: number
  height: number
  generated: boolean
}

/**
 * The book's cover, decided now and made by the time `cover` settles: the author's image is read
 * before this returns; a generated cover's raster is started (on another thread where the env has
 * one, `Env.threads`) and settles while the caller writes the chapters. `cover` never rejects: a
 * raster that fails is reported (`epub-cover-unavailable`) and gives no cover.
 */
export async function startCover(
  metadata: Metadata,
  options: ResolvedOptions,
  env: Env,
  report: Context['report'],
): Promise<{ cover: Promise<Cover | undefined> }> {
  const decided = await decideCover(metadata, options, env, report)
  if (!decided || !('svg' in decided)) return { cover: Promise.resolve(decided) }
  const { svg, memoKey, fontFiles } = decided
  const cover = rasterizeCoverSvg(svg, env.assets, env.threads, fontFiles).then(
    (data): Cover => {
      env.memo?.set(memoKey, data)
      return generatedCover(data)
    },
    (error: unknown) => {
      report(
        'epub-cover-unavailable',
        `No cover was generated: ${(error as Error).message}`,
        undefined,
        undefined,
      )
      return undefined
    },
  )
  return { cover }
}

/**
 * The cover the book would get from `metadata` (the plan's, before the chapters are read), with
 * the language's own strings, for the thread to draw while the book loads
 * (`Threads.prepareCover`). The cover is still decided by `startCover`: a different SVG (a title
 * from a chapter file, the book's own strings) is drawn anew.
 */
export function guessCover(metadata: Metadata): CoverGuess {
  const { svg, fontFiles } = coverDrawing(metadata, stringsFor(metadata.language || 'en').seriesBook)
  return { svg, fontFiles }
}

/** What a generated cover stores. */
function generatedCover(data: Uint8Array): Cover {
  return {
    file: { id: 'cover-image', path: 'images/cover.png', mediaType: 'image/png', data },
    width: COVER_WIDTH,
    height: COVER_HEIGHT,
    generated: true,
  }
}

/** The author's cover, a generated cover remembered from an earlier render, one to generate, or none. */
async function decideCover(
  metadata: Metadata,
  options: ResolvedOptions,
  env: Env,
  report: Context['report'],
): Promise<Cover | { svg: string; memoKey: string; fontFiles: readonly string[] } | undefined> {
  if (metadata.cover) {
    try {
      let data = await env.readFile(metadata.cover, 'image')
      // image-size and the SVG cleaner (saxes) load only for a cover of the author's.
      const { inspectImage } = await import('../../resources/image.js')
      const info = inspectImage(data, metadata.cover)
      if (info instanceof ResourceError) throw info
      const type = info.type
      if (type === 'image/svg+xml') {
        // An SVG cover is a document like any SVG image: packaged only once made safe.
        const { cleanSvgFile, svgRemovedMessage } = await import('../../resources/svg.js')
        const clean = cleanSvgFile(data, metadata.cover)
        if (clean instanceof ResourceError) throw clean
        data = clean.bytes
        if (clean.removed.length > 0) {
          report(
            'resource-svg-unsafe',
            svgRemovedMessage(metadata.cover, clean.removed),
            undefined,
            undefined,
          )
        }
      }
      const width = info.width ?? COVER_WIDTH
      const height = info.height ?? COVER_HEIGHT
      if (type === 'image/webp') {
        report(
          'epub-image-webp',
          `Cover "${metadata.cover}" is a WebP image; many reading systems cannot show it`,
          undefined,
          undefined,
        )
      }
      const file = { id: 'cover-image', path: `images/cover.${extensionOf(type)}`, mediaType: type, data }
      return { file, width, height, generated: false }
    } catch (error) {
      const e = error instanceof ResourceError ? error : new ResourceError('io-read', String(error))
      report(
        e.code,
        `${e.message}${options.generateCover ? '; a cover is generated instead' : ''}`,
        undefined,
        undefined,
      )
    }
  }
  if (!options.generateCover) return undefined
  const { text, fontFiles, svg } = coverDrawing(metadata, options.strings.seriesBook)
  const missing = await uncoveredCharacters(text, env.assets, fontFiles)
  if (missing.length > 0) {
    const shown = missing
      .slice(0, 5)
      .map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`)
      .join(', ')
    report(
      'epub-cover-glyphs',
      `No cover was generated: its faces cannot draw ${shown}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}; give a cover image with "cover:" in book.yaml`,
      undefined,
      undefined,
    )
    return undefined
  }
  // Rasterising the cover takes ~80 ms; in watch mode the same metadata gives the same PNG.
  const memoKey = `cover:${svg}`
  const known = env.memo?.get(memoKey) as Uint8Array | undefined
  return known ? generatedCover(known) : { svg, memoKey, fontFiles }
}

export function coverPage(cover: Cover, title: string, ctx: Context): string {
  const { width, height } = cover
  const label = `${ctx.strings.cover}: ${title}`
  const body = `<section class="cover" epub:type="cover">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="100%" height="100%" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMidYMid meet" role="img" aria-label="${escapeAttr(label)}">
<image width="${width}" height="${height}" xlink:href="../${cover.file.path}"/>
</svg>
</section>
`
  return xhtmlDocument({
    lang: ctx.lang,
    dir: ctx.dir,
    title: ctx.strings.cover,
    css: ctx.css,
    // On the root too: the page and its body are the viewport's height (see the stylesheet).
    htmlClass: 'cover-page',
    bodyClass: 'cover-page',
    body,
  })
}
