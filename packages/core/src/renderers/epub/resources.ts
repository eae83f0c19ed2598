/**
 * Book files the EPUB embeds: images referenced by chapters, the author's stylesheet and fonts.
 * Everything is read through `env.readFile` (confined to the book folder, never the network);
 * media types come from the bytes. A resource that cannot be used is reported where it is
 * referenced (the chapter file and the image node's position) and left out; the build goes on.
 * Identical paths are stored once.
 */

import { confinePath, type Env, ResourceError } from '../../env.js'
import type { Image } from '../../model/types.js'
import { visit } from '../../model/walk.js'
import type { Context } from './context.js'
import { type AuthorCss, packageAuthorCss, type StoredFile } from './css/author.js'

export type { StoredFile } from './css/author.js'

import type { ChapterEntry } from './plan.js'
import { extensionOf, type FontType, type ImageType, sniffFont } from './sniff.js'

export interface Images {
  files: StoredFile[]
  /** Href from `text/` of each image node that was stored. */
  hrefs: Map<Image, string>
  /** Some stored image is referenced without alt text. */
  missingAlt: boolean
}

type Loaded = { file: StoredFile; removed?: string[] } | { error: ResourceError }

function asResourceError(error: unknown, path: string): ResourceError {
  if (error instanceof ResourceError) return error
  return new ResourceError(
    'io-read',
    `"${path}" could not be read: ${(error as Error)?.message ?? String(error)}`,
  )
}

export async function loadImages(
  chapters: readonly ChapterEntry[],
  env: Env,
  report: Context['report'],
): Promise<Images> {
  const files: StoredFile[] = []
  const hrefs = new Map<Image, string>()
  const cache = new Map<string, Loaded>()
  let missingAlt = false
  for (const entry of chapters) {
    const images: Image[] = []
    visit(entry.node, (node) => {
      if (node.type === 'image') images.push(node)
    })
    for (const image of images) {
      const where = entry.node.file
      if (image.alt === undefined) {
        report('image-no-alt', `Image "${image.url}" has no alternative text`, image, where)
      }
      const key = confinePath(image.url)
      let loaded: Loaded
      if (key instanceof ResourceError) loaded = { error: key }
      else {
        const cached = cache.get(key)
        if (cached) loaded = cached
        else {
          loaded = await loadImage(key, files.length + 1, env)
          cache.set(key, loaded)
          if ('file' in loaded) {
            files.push(loaded.file)
            if (loaded.removed?.length) {
              const { svgRemovedMessage } = await import('../../resources/svg.js')
              report('resource-svg-unsafe', svgRemovedMessage(image.url, loaded.removed), image, where)
            }
            if (loaded.file.mediaType === 'image/webp') {
              report(
                'epub-image-webp',
                `"${image.url}" is a WebP image; many reading systems cannot show it`,
                image,
                where,
              )
            }
          }
        }
      }
      if ('error' in loaded) {
        report(loaded.error.code, loaded.error.message, image, where)
        continue
      }
      if (image.alt === undefined) missingAlt = true
      hrefs.set(image, `../${loaded.file.path}`)
    }
  }
  return { files, hrefs, missingAlt }
}

async function loadImage(path: string, n: number, env: Env): Promise<Loaded> {
  let data: Uint8Array
  try {
    data = await env.readFile(path, 'image')
  } catch (error) {
    return { error: asResourceError(error, path) }
  }
  // image-size and the SVG cleaner (saxes) load only for a book with images.
  const { inspectImage } = await import('../../resources/image.js')
  const info = inspectImage(data, path)
  if (info instanceof ResourceError) return { error: info }
  const type = info.type
  let removed: string[] | undefined
  if (type === 'image/svg+xml') {
    const { cleanSvgFile } = await import('../../resources/svg.js')
    const clean = cleanSvgFile(data, path)
    if (clean instanceof ResourceError) return { error: clean }
    data = clean.bytes
    removed = clean.removed
  }
  const id = `image-${String(n).padStart(3, '0')}`
  const file = { id, path: `images/${id}.${extensionOf(type as ImageType)}`, mediaType: type, data }
  return { file, ...(removed ? { removed } : {}) }
}

export interface Font {
  file: StoredFile
  family: string
  weight: number
  style: 'normal' | 'italic'
  /** A fixed-pitch face: one for code, not for the text. */
  monospace: boolean
  /** The generic family the text falls back to where the face lacks a character. */
  generic: 'serif' | 'sans-serif'
}

/** Read, type and name the author's fonts (family, weight and style from the font's own tables). */
export async function loadFonts(
  paths: readonly string[],
  env: Env,
  report: Context['report'],
): Promise<Font[]> {
  const fonts: Font[] = []
  const seen = new Set<string>()
  for (const path of paths) {
    let data: Uint8Array
    try {
      data = await env.readFile(path, 'font')
    } catch (error) {
      const e = asResourceError(error, path)
      report(e.code, e.message, undefined, undefined)
      continue
    }
    const type: FontType | undefined = sniffFont(data)
    if (!type) {
      report(
        'resource-unknown-type',
        `Font "${path}" is not a TrueType, OpenType, WOFF or WOFF2 file`,
        undefined,
        undefined,
      )
      continue
    }
    const key = confinePath(path) as string
    if (seen.has(key)) continue
    seen.add(key)
    const id = `font-${String(fonts.length + 1).padStart(2, '0')}`
    const names = await fontNames(data, path)
    fonts.push({ file: { id, path: `fonts/${id}.${extensionOf(type)}`, mediaType: type, data }, ...names })
  }
  return fonts
}

/** The little of fontkit's font object that is read here. */
interface FontkitFont {
  familyName?: string
  subfamilyName?: string
  italicAngle?: number
  'OS/2'?: { usWeightClass?: number; panose?: number[] }
  post?: { isFixedPitch?: number }
  getName?(key: string): string | null
}

/** PANOSE (OS/2 table) for Latin text faces: family kind 2; serif styles 11-13 are sans; proportion 9 is monospaced. */
const PANOSE_LATIN_TEXT = 2
const PANOSE_SANS = new Set([11, 12, 13])
const PANOSE_MONOSPACED = 9

async function fontNames(data: Uint8Array, path: string): Promise<Omit<Font, 'file'>> {
  const base = path
    .split('/')
    .pop()!
    .replace(/\.[^.]*$/, '')
  const guess = {
    family:
      base.replace(
        /[-_ ]?(Regular|Bold|Italic|Light|Medium|SemiBold|Black|Thin|ExtraBold|ExtraLight)+$/gi,
        '',
      ) || base,
    weight: /bold/i.test(base) ? 700 : 400,
    style: /italic|oblique/i.test(base) ? ('italic' as const) : ('normal' as const),
    monospace: /mono|code|courier|consol/i.test(base),
    generic: /sans/i.test(base) ? ('sans-serif' as const) : ('serif' as const),
  }
  try {
    // fontkit ships no types; loaded lazily because most books embed no fonts.
    const fontkit = (await import('fontkit' as string)) as { create(data: Uint8Array): FontkitFont }
    // A Buffer view in Node, as ever; a browser has no Buffer and fontkit reads the bytes as they are.
    const font = fontkit.create(
      typeof Buffer === 'undefined' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    )
    const family = font.getName?.('preferredFamily') ?? font.familyName
    const os2 = font['OS/2']
    const panose = os2?.panose?.[0] === PANOSE_LATIN_TEXT ? os2.panose : undefined
    return {
      family: typeof family === 'string' && family.trim() ? family.trim() : guess.family,
      weight: typeof os2?.usWeightClass === 'number' ? os2.usWeightClass : guess.weight,
      style:
        (font.italicAngle ?? 0) !== 0 || /italic|oblique/i.test(font.subfamilyName ?? '')
          ? 'italic'
          : 'normal',
      monospace: Boolean(font.post?.isFixedPitch) || panose?.[3] === PANOSE_MONOSPACED || guess.monospace,
      generic: PANOSE_SANS.has(panose?.[1] ?? 0) ? 'sans-serif' : guess.generic,
    }
  } catch {
    return guess
  }
}

/**
 * The author's stylesheet, parsed and packaged (see css/author.ts): its text and the images and
 * fonts it references; undefined (reported) when it cannot be read. Problems inside it are
 * reported at the stylesheet's file, line and column.
 */
export async function loadCss(
  path: string,
  env: Env,
  report: Context['report'],
): Promise<AuthorCss | undefined> {
  return packageAuthorCss(path, env, (code, message, file, line, column) => {
    if (line === undefined) return report(code, message, undefined, undefined)
    const point = { line, column: column ?? 1 }
    report(code, message, { type: 'text', value: '', position: { start: point, end: point } }, file)
  })
}
