/**
 * Images written into a chapter as `data:` URLs (Google Docs' "Download as Markdown" puts every
 * picture so, base64 in a reference definition; saved web pages and note apps do it too) taken
 * in as files of the book: named under the chapter's own path (`chapter.md/image-1.png`, a path
 * no file on disk can have, as `ReadResult.resources` asks), each once however often it is
 * used. Only the picture types a book shows (PNG, JPEG, GIF, WebP, SVG, by their bytes), within
 * the image limit; the pipeline checks the picture as it checks any image file (a damaged one is
 * `resource-corrupt`, an SVG is sanitised). Nothing is fetched: the bytes are in the URL.
 */
import { RESOURCE_LIMITS } from '../../limits.js'
import type { Position } from '../../model/types.js'
import { type ImageType, sniffImageType } from '../../resources/image-type.js'
import type { ReadResult } from '../types.js'
import type { HtmlSink } from './sink.js'
import type { ImageVerdict } from './urls.js'

/** The picture types a data: URL may declare. */
const DECLARED = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/gif', 'image/webp', 'image/svg+xml'])

/** The extension a picture's file gets, by the type its bytes show. */
const EXTENSIONS: Record<ImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
}

const DATA_URL = /^data:([^,;]*)((?:;[^,;]*)*),/i

export class DataImages {
  /** The pictures taken, by their path in the book. */
  readonly resources: Record<string, Uint8Array> = {}
  private readonly taken = new Map<string, string | { problem: string }>()

  constructor(private readonly filePath: string) {}

  /** The picture's path in the book, or why it cannot be one. */
  take(url: string): string | { problem: string } {
    const known = this.taken.get(url)
    if (known) return known
    const answer = this.read(url)
    this.taken.set(url, answer)
    return answer
  }

  /**
   * A picture given as base64 alone (an OpenDocument's `office:binary-data`): its path in the
   * book, or why it cannot be one.
   */
  takeBase64(text: string): string | { problem: string } {
    const key = `base64,${text}`
    const known = this.taken.get(key)
    if (known) return known
    const answer =
      Math.floor((text.length * 3) / 4) > RESOURCE_LIMITS.image
        ? { problem: `it is larger than ${RESOURCE_LIMITS.image} bytes` }
        : this.store(fromBase64(text))
    this.taken.set(key, answer)
    return answer
  }

  private read(url: string): string | { problem: string } {
    const head = DATA_URL.exec(url.slice(0, 256))
    if (!head) return { problem: 'it is not a well-formed data: URL' }
    const type = head[1]!.trim().toLowerCase()
    if (!DECLARED.has(type))
      return { problem: `its type "${type || 'text/plain'}" is not a picture a book shows` }
    const base64 = /;base64$/i.test(head[2]!.trim())
    const payload = url.slice(head[0].length)
    const estimate = base64 ? Math.floor((payload.length * 3) / 4) : payload.length
    if (estimate > RESOURCE_LIMITS.image)
      return { problem: `it is larger than ${RESOURCE_LIMITS.image} bytes` }
    const bytes = base64 ? fromBase64(payload) : fromPercent(payload)
    // A page's spacer: what a web page writes as a tiny data: picture is layout, not a picture.
    const shown = bytes && sniffImageType(bytes)
    const size = bytes && shown && headerSize(bytes, shown)
    if (size && size[0] * size[1] <= 4)
      return {
        problem: `it is a placeholder of ${size[0]}×${size[1]} pixels (a saved page's spacer), not a picture`,
      }
    return this.store(bytes)
  }

  /** Decoded bytes as a file of the book, named by the type they show. */
  private store(bytes: Uint8Array | undefined): string | { problem: string } {
    if (!bytes || bytes.length === 0) return { problem: 'its data cannot be decoded' }
    // Named by what the bytes are, not by what the URL says.
    const sniffed = sniffImageType(bytes)
    if (!sniffed) return { problem: 'its bytes are not a PNG, JPEG, GIF, WebP or SVG picture' }
    const path = `${this.filePath}/image-${Object.keys(this.resources).length + 1}.${EXTENSIONS[sniffed]}`
    this.resources[path] = bytes
    return path
  }
}

/** Base64 (white space and URL-safe letters allowed) to bytes; undefined when it is not base64. */
function fromBase64(text: string): Uint8Array | undefined {
  const clean = text
    .replace(/\s+|%0[AD]/gi, '')
    .replace(/-/g, '+')
    .replace(/_/g, '/')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined
  try {
    const binary = atob(clean)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return bytes
  } catch {
    return undefined
  }
}

/** A percent-encoded payload (an SVG written out) to its UTF-8 bytes. */
function fromPercent(text: string): Uint8Array | undefined {
  try {
    return new TextEncoder().encode(decodeURIComponent(text))
  } catch {
    return undefined
  }
}

/**
 * The path in the book an image's source gives (a book file, or a data: picture taken in by
 * `images`), or undefined once the sink has said why there is none. `raw` is the source as
 * written, which the diagnostics quote; `verdict` is `judgeImage`'s on it.
 */
export function imagePath(
  verdict: ImageVerdict,
  raw: string,
  images: DataImages | undefined,
  sink: HtmlSink,
  place: Position | undefined,
): string | undefined {
  switch (verdict.kind) {
    case 'keep':
      return verdict.path
    case 'data': {
      const taken = images ? images.take(raw.trim()) : { problem: 'this reader cannot take it in' }
      if (typeof taken === 'string') return taken
      sink.dataImage(taken.problem, place)
      return undefined
    }
    case 'remote':
      sink.remoteImage(raw, place)
      return undefined
    case 'unsafe':
      sink.unsafeUrl(raw, verdict.scheme, place)
      return undefined
    case 'outside':
      sink.outsideImage(verdict.error, place)
      return undefined
    default:
      return undefined
  }
}

/**
 * `read`, handed a `DataImages` when `text` may hold a data: picture, and the pictures it took
 * carried by its result.
 */
export function withDataImages(
  text: string,
  filePath: string,
  read: (images: DataImages | undefined) => ReadResult,
): ReadResult {
  const images = text.includes('data:') ? new DataImages(filePath) : undefined
  const result = read(images)
  if (images && Object.keys(images.resources).length > 0)
    result.resources = { ...result.resources, ...images.resources }
  return result
}

/** Width and height a PNG's or GIF's header gives (the formats of spacers and placeholders). */
function headerSize(bytes: Uint8Array, type: ImageType): [number, number] | undefined {
  if (type === 'image/png' && bytes.length >= 24) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return [view.getUint32(16), view.getUint32(20)]
  }
  if (type === 'image/gif' && bytes.length >= 10)
    return [bytes[6]! | (bytes[7]! << 8), bytes[8]! | (bytes[9]! << 8)]
  return undefined
}
