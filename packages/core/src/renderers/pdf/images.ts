/**
 * Figure images: read through `env.readFile` (confined to the book folder, within the image size
 * limit), checked by `inspectImage` (type from the bytes, complete, pixel limits from the
 * header), and made embeddable: JPEG as it is, PNG through `safePng` (pixel data inflated under
 * the header's budget and, where pdfkit would decode it, rewritten in a form its decoder cannot
 * fail on), SVG sanitised then rasterised by resvg, GIF rasterised by resvg (its first frame).
 * WebP cannot be decoded here yet: it is a warning and its alt text is printed. Problems are
 * diagnostics with the chapter file and position; the caller then prints the alt text instead.
 */

import { imageSize } from 'image-size'
import { rasterizeSvg } from '#platform'
import { type Assets, ResourceError } from '../../env.js'
import type { Chapter, Figure, Image } from '../../model/types.js'
import { inspectImage, MAX_IMAGE_PIXELS } from '../../resources/image.js'
import { safePng } from '../../resources/png.js'
import { cleanSvgFile, svgRemovedMessage } from '../../resources/svg.js'
import { x1aImageProblem } from './standards.js'
import { type ImageInfo, report, type Typesetter } from './typeset.js'

/** A figure the PDF cannot show, for a reason that is not a fault in the file. */
class UnsupportedImage extends Error {}

/** The longest side an SVG is rasterised to: 300 dpi over 8 inches of page. */
const SVG_RASTER_SIDE = 2400
/** Pixels a rasterised SVG may have at most (RGBA: 64 MB). */
const SVG_RASTER_PIXELS = 16_000_000

/** The image's bytes and pixel size, or undefined after reporting why it cannot be used. */
export async function loadImage(
  ts: Typesetter,
  image: Image,
  chapter: Chapter,
): Promise<ImageInfo | undefined> {
  // Only failures are remembered (to report each the same way); bytes are not kept past drawing.
  let info = ts.images.get(image.url)
  if (!info) {
    const notes: string[] = []
    info = await read(ts, image.url, notes)
    if (info instanceof Error) ts.images.set(image.url, info)
    for (const note of notes) report(ts, 'resource-svg-unsafe', note, chapter, image)
  }
  if (info instanceof Error) {
    const code = info instanceof ResourceError ? info.code : 'pdf-image-unsupported'
    report(ts, code, `Figure image ${info.message}; its alt text is printed instead`, chapter, image)
    return undefined
  }
  if (ts.settings.standard === 'pdf-x-1a') {
    const problem = x1aImageProblem(info.bytes)
    if (problem) {
      report(
        ts,
        'pdf-standard-image',
        `Figure image "${image.url}" is ${problem}, which PDF/X-1a does not allow (CMYK or grey only, no transparency): convert it to CMYK or greyscale, or use pdf-x-4`,
        chapter,
        image,
      )
      return undefined
    }
  }
  return info
}

async function read(ts: Typesetter, url: string, notes: string[]): Promise<ImageInfo | Error> {
  let bytes: Uint8Array
  try {
    bytes = await ts.env.readFile(url, 'image')
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
  const checked = inspectImage(bytes, url)
  if (checked instanceof ResourceError) return checked
  try {
    switch (checked.type) {
      case 'image/png': {
        const safe = safePng(bytes, url)
        if (safe instanceof ResourceError) return safe
        bytes = safe.bytes
        break
      }
      case 'image/jpeg':
        break
      case 'image/gif': {
        const { width, height } = checked as { width: number; height: number }
        const b64 = base64(bytes)
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/gif;base64,${b64}"/></svg>`
        bytes = await rasterise(svg, url, false, ts.env.assets)
        break
      }
      case 'image/svg+xml': {
        const clean = cleanSvgFile(bytes, url)
        if (clean instanceof ResourceError) return clean
        if (clean.removed.length > 0) notes.push(svgRemovedMessage(url, clean.removed))
        bytes = await rasterise(new TextDecoder().decode(clean.bytes), url, true, ts.env.assets)
        break
      }
      case 'image/webp':
        return new UnsupportedImage(
          `"${url}" is a WebP image, which the PDF cannot embed (convert it to PNG or JPEG); the EPUB keeps it`,
        )
    }
    const size = imageSize(bytes)
    if (!size.width || !size.height) return new ResourceError('resource-corrupt', `"${url}" has no size`)
    // EXIF orientations 5-8 turn the picture a quarter: swap so the box matches what pdfkit draws.
    const turned = (size.orientation ?? 1) >= 5
    return { bytes, width: turned ? size.height : size.width, height: turned ? size.width : size.height }
  } catch (error) {
    if (error instanceof ResourceError || error instanceof UnsupportedImage) return error
    return new ResourceError('resource-corrupt', `"${url}" could not be decoded: ${(error as Error).message}`)
  }
}

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/**
 * SVG text to PNG bytes with resvg (through `#platform`: native in Node, WebAssembly in a
 * browser). A vector `scale`d to `SVG_RASTER_SIDE` on its longest side; a raster wrapper at its
 * own size. Never reads a file or the network: the SVG is sanitised (or made here) and no system
 * font is loaded.
 */
async function rasterise(
  svg: string,
  url: string,
  scale: boolean,
  assets: Assets | undefined,
): Promise<Uint8Array> {
  const fit = (width: number, height: number): number => {
    if (!(width > 0 && height > 0 && Number.isFinite(width * height))) {
      throw new ResourceError('resource-corrupt', `"${url}" gives no drawable size`)
    }
    let zoom = scale ? SVG_RASTER_SIDE / Math.max(width, height) : 1
    const limit = scale ? SVG_RASTER_PIXELS : MAX_IMAGE_PIXELS
    if (width * height * zoom * zoom > limit) zoom = Math.sqrt(limit / (width * height))
    if (Math.round(width * zoom) < 1 || Math.round(height * zoom) < 1) {
      throw new ResourceError('resource-corrupt', `"${url}" is too thin to draw (${width}×${height})`)
    }
    return zoom
  }
  const png = await rasterizeSvg(svg, fit, assets)
  if (!png)
    throw new UnsupportedImage(
      `"${url}" needs resvg to be drawn, and this build was given none; the EPUB keeps it`,
    )
  return png
}

/** Print wants 300 pixels an inch; past 600 a press gains nothing but a bigger file. */
export const PRINT_PPI = { min: 300, max: 600 } as const

/**
 * The least resolution a small picture is enlarged to: half print's. At 150 pixels an inch a
 * picture is soft but whole; enlarged further its pixels show as steps, which no reader takes
 * for the author's intent (a 120 px icon stretched to half the measure printed at 53).
 */
export const ENLARGE_PPI = 150

/**
 * The width a figure's picture prints at on a measure `measure` wide (before the page's height
 * limits it), in points, for `pixels` across. A book designer's rule: a picture prints at its
 * size at print's 300 pixels an inch, never wider than the measure; one that would then be
 * narrower than half the measure (a stamp in the middle of the page) is enlarged towards half
 * the measure, but only as far as 150 pixels an inch (`ENLARGE_PPI`): a small picture stays
 * small, at a resolution that still prints, rather than growing into a blur. A picture of 600 px
 * or more is unchanged by the floor (half a 4.5 in measure at 267 ppi); a 120 px one prints
 * 0.8 in wide instead of 2.25 in at 53 ppi. Below 300 ppi the picture is still warned about
 * (`imageResolution`): it is softer than print wants, and a larger file would print larger.
 */
export function figureWidth(pixels: number, measure: number): number {
  const natural = (pixels * 72) / PRINT_PPI.min
  const enlarged = Math.min(measure / 2, (pixels * 72) / ENLARGE_PPI)
  return Math.min(measure, Math.max(natural, enlarged))
}

/**
 * Warn once per image when it prints below `PRINT_PPI.min` or above `PRINT_PPI.max` at the
 * width it is placed (`pdf-image-resolution`, naming the image and its resolution).
 */
export function imageResolution(
  ts: Typesetter,
  node: Figure,
  pixels: number,
  width: number,
  chapter: Chapter | undefined,
): void {
  // An SVG is drawn from its own vectors' raster at whatever size: no resolution of its own.
  if (/\.svgz?$/i.test(node.image.url)) return
  const ppi = (pixels * 72) / width
  if (ppi >= PRINT_PPI.min && ppi <= PRINT_PPI.max) return
  const key = `\u0000ppi:${node.image.url}`
  if (ts.missing.has(key)) return
  ts.missing.add(key)
  const inches = (width / 72).toFixed(2)
  report(
    ts,
    'pdf-image-resolution',
    ppi < PRINT_PPI.min
      ? `Image "${node.image.url}" prints at ${Math.round(ppi)} pixels per inch (${pixels} px across ${inches} in); print wants ${PRINT_PPI.min}: it will look soft (an image ${Math.ceil((width * PRINT_PPI.min) / 72)} px across would print sharp at this size)`
      : `Image "${node.image.url}" prints at ${Math.round(ppi)} pixels per inch (${pixels} px across ${inches} in); more than ${PRINT_PPI.max} only makes the file bigger`,
    chapter,
    node,
  )
}
