/**
 * Media types from magic bytes, never from file names: a `.png` that is really a JPEG must be
 * declared as JPEG or reading systems refuse it. Only types EPUB 3 lists as core media types.
 */

export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml'
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

function startsWith(bytes: Uint8Array, ...sig: number[]): boolean {
  if (bytes.length < sig.length) return false
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false
  return true
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)))
}

export function sniffImage(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif'
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp'
  // SVG is text: an XML declaration, comments or a doctype may come before the root element.
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 2048))
    .replace(/^\uFEFF/, '')
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head))
    return 'image/svg+xml'
  return undefined
}

export function sniffFont(bytes: Uint8Array): FontType | undefined {
  if (startsWith(bytes, 0x00, 0x01, 0x00, 0x00) || ascii(bytes, 0, 4) === 'true') return 'font/ttf'
  if (ascii(bytes, 0, 4) === 'OTTO') return 'font/otf'
  if (ascii(bytes, 0, 4) === 'wOFF') return 'font/woff'
  if (ascii(bytes, 0, 4) === 'wOF2') return 'font/woff2'
  return undefined
}
