/**
 * Figure images: read through `env.readFile` (confined to the book folder), checked to be PNG or
 * JPEG (the formats pdfkit embeds), sized with `image-size`. Problems are diagnostics with the
 * chapter file and position; the caller then prints the alt text instead of the figure.
 */
import { imageSize } from 'image-size'
import { ResourceError } from '../../env.js'
import type { Chapter, Image } from '../../model/types.js'
import { inspectImage, sniffImageType } from '../../resources/image.js'
import { type ImageInfo, report, type Typesetter } from './typeset.js'

function kind(bytes: Uint8Array): 'png' | 'jpeg' | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  return undefined
}

/** The image's bytes and pixel size, or undefined after reporting why it cannot be used. */
export async function loadImage(
  ts: Typesetter,
  image: Image,
  chapter: Chapter,
): Promise<ImageInfo | undefined> {
  // Only failures are remembered (to report each the same way); bytes are not kept past drawing.
  let info = ts.images.get(image.url)
  if (!info) {
    info = await read(ts, image.url)
    if (info instanceof Error) ts.images.set(image.url, info)
  }
  if (info instanceof Error) {
    const code = info instanceof ResourceError ? info.code : 'pdf-image-unsupported'
    report(ts, code, `Figure image ${info.message}; its alt text is printed instead`, chapter, image)
    return undefined
  }
  return info
}

async function read(ts: Typesetter, url: string): Promise<ImageInfo | Error> {
  let bytes: Uint8Array
  try {
    bytes = await ts.env.readFile(url, 'image')
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
  if (!kind(bytes)) {
    // A real GIF, WebP or SVG is fine in the EPUB but a PDF cannot embed it: say so; anything
    // else is not an image at all.
    if (sniffImageType(bytes))
      return new Error(`"${url}" is not a PNG or JPEG image (the formats a PDF can embed)`)
    return inspectImage(bytes, url) as ResourceError
  }
  // Complete, decodable and not a decompression bomb, checked from the header before pdfkit decodes it.
  const checked = inspectImage(bytes, url)
  if (checked instanceof ResourceError) return checked
  try {
    const size = imageSize(bytes)
    if (!size.width || !size.height) return new Error(`"${url}" has no size`)
    // EXIF orientations 5-8 turn the picture a quarter: swap so the box matches what pdfkit draws.
    const turned = (size.orientation ?? 1) >= 5
    return { bytes, width: turned ? size.height : size.width, height: turned ? size.width : size.height }
  } catch (error) {
    return new Error(`"${url}" could not be decoded: ${(error as Error).message}`)
  }
}
