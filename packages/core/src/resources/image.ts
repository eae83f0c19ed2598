/**
 * Check an image's bytes before any renderer embeds or decodes it: the type from its magic bytes,
 * its dimensions from its header (image-size reads only headers), that it is complete, and that
 * it is not so large that decoding it would exhaust memory. A truncated or corrupt image is
 * `resource-corrupt`; one over the limits is `resource-too-large`: both leave the image out
 * with a diagnostic at the chapter's file and line, never a crash or a silently broken book.
 */
import { imageSize } from 'image-size'
import { ResourceError } from '../env.js'
import { type ImageType, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, sniffImageType } from './image-type.js'

export { type ImageType, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, sniffImageType } from './image-type.js'

export interface ImageInfo {
  type: ImageType
  /** Pixel size; absent for SVG without one. */
  width?: number
  height?: number
}

/** Whether the file has the ending its format requires (a cut-off download does not). */
function isComplete(bytes: Uint8Array, type: ImageType): boolean {
  switch (type) {
    case 'image/png': {
      // The last chunk must be IEND (length 0, type IEND, fixed CRC), and there must be pixel data.
      const end = bytes.length
      if (end < 57) return false
      const iend = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]
      for (let i = 0; i < 12; i++) if (bytes[end - 12 + i] !== iend[i]) return false
      return indexOf(bytes, [0x49, 0x44, 0x41, 0x54]) > 0
    }
    case 'image/jpeg': {
      // A scan (SOS) must be present and the file must end with EOI (some writers pad with zeros).
      let end = bytes.length
      while (end > 2 && bytes[end - 1] === 0) end--
      return bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9 && indexOf(bytes, [0xff, 0xda]) > 0
    }
    case 'image/gif':
      return bytes.length > 13 && bytes[bytes.length - 1] === 0x3b
    case 'image/webp': {
      if (bytes.length < 16) return false
      const size = bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24)
      return size + 8 <= bytes.length
    }
    case 'image/svg+xml':
      return /<\/svg\s*>\s*$/i.test(new TextDecoder().decode(bytes.subarray(Math.max(0, bytes.length - 256))))
  }
}

function indexOf(bytes: Uint8Array, needle: number[]): number {
  const first = needle[0]!
  for (
    let i = bytes.indexOf(first);
    i >= 0 && i <= bytes.length - needle.length;
    i = bytes.indexOf(first, i + 1)
  ) {
    let j = 1
    while (j < needle.length && bytes[i + j] === needle[j]) j++
    if (j === needle.length) return i
  }
  return -1
}

/**
 * Inspect an image read from `path` (book-relative, for messages). Returns its type and size,
 * or the `ResourceError` to report.
 */
export function inspectImage(bytes: Uint8Array, path: string): ImageInfo | ResourceError {
  const type = sniffImageType(bytes)
  if (!type) {
    return new ResourceError(
      'resource-unknown-type',
      `"${path}" is not a PNG, JPEG, GIF, WebP or SVG image; it is left out`,
    )
  }
  if (!isComplete(bytes, type)) {
    return new ResourceError(
      'resource-corrupt',
      `"${path}" is truncated or damaged (${type.slice(6).toUpperCase()}); it is left out`,
    )
  }
  if (type === 'image/svg+xml') return { type }
  let size: { width?: number; height?: number }
  try {
    size = imageSize(bytes)
  } catch (error) {
    return new ResourceError(
      'resource-corrupt',
      `"${path}" cannot be read as an image (${(error as Error).message}); it is left out`,
    )
  }
  const { width, height } = size
  if (!width || !height)
    return new ResourceError('resource-corrupt', `"${path}" gives no image size; it is left out`)
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    return new ResourceError(
      'resource-too-large',
      `"${path}" is ${width}×${height} pixels; images over ${MAX_IMAGE_SIDE} pixels a side or ${MAX_IMAGE_PIXELS / 1e6} megapixels are left out (scale it down)`,
    )
  }
  return { type, width, height }
}
