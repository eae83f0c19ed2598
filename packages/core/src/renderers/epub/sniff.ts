/**
 * Media types from magic bytes, never from file names: a `.png` that is really a JPEG must be
 * declared as JPEG or reading systems refuse it. Only types EPUB 3 lists as core media types.
 */

import type { ImageType } from '../../resources/image-type.js'
import { ascii, startsWith } from '../../resources/magic.js'

// Image types are sniffed in resources/image.ts, with the checks every renderer shares.
export type { ImageType }
export type FontType = 'font/ttf' | 'font/otf' | 'font/woff' | 'font/woff2'

const EXTENSIONS: Record<ImageType | FontType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'font/ttf': 'ttf',
  'font/otf': 'otf',
  'font/woff': 'woff',
  'font/woff2': 'woff2',
}

export function extensionOf(type: ImageType | FontType): string {
  return EXTENSIONS[type]
}

export function sniffFont(bytes: Uint8Array): FontType | undefined {
  if (startsWith(bytes, 0x00, 0x01, 0x00, 0x00) || ascii(bytes, 0, 4) === 'true') return 'font/ttf'
  if (ascii(bytes, 0, 4) === 'OTTO') return 'font/otf'
  if (ascii(bytes, 0, 4) === 'wOFF') return 'font/woff'
  if (ascii(bytes, 0, 4) === 'wOF2') return 'font/woff2'
  return undefined
}
