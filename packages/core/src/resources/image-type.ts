/**
 * An image's type from its magic bytes, and the size limits: what a renderer needs to know about
 * an image without reading its header (`image.ts` does that, with image-size, which a book
 * without images never loads).
 */
import { ascii, startsWith } from './magic.js'

export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml'

/** Images over this many pixels are refused: decoding 40 MP as RGBA already takes 160 MB. */
export const MAX_IMAGE_PIXELS = 40_000_000
/** Longest side accepted, in pixels. */
export const MAX_IMAGE_SIDE = 16_384

/** The image type from magic bytes, never from the file name. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif'
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp'
  const head = new TextDecoder().decode(bytes.subarray(0, 2048)).replace(/^\uFEFF/, '')
  if (/^\s*(<\?[^>]*\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(\[[^\]]*\])?\s*>\s*)*<svg[\s>]/i.test(head))
    return 'image/svg+xml'
  return undefined
}
