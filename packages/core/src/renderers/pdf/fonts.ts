/**
 * The book's faces: the four styles of the chosen family (a built-in OFL family from the
 * `@expo-google-fonts` packages, or TTF/OTF files from the book folder), plus a fallback family
 * with broad coverage (Greek, Cyrillic, symbols) for characters the book face lacks. pdfkit embeds
 * and subsets each face it draws with; faces that are never used are never embedded.
 *
 * Code is set in Source Code Pro (OFL, the monospace companion of Source Serif), or the author's
 * own `mono` file; characters it lacks fall back to the fallback family's regular face.
 */

import * as fontkit from 'fontkit'
import { builtinFont } from '#platform'
import type { Env } from '../../env.js'
import type { FaceStyle } from './layout/types.js'
import type { BuiltinFont, FontFiles } from './options.js'

/** The four text styles of the book face, and the monospace face for code. */
export type TextStyle = FaceStyle
export const textStyles: readonly TextStyle[] = ['regular', 'italic', 'bold', 'boldItalic', 'mono']
/** The styles a book family has (the monospace face comes from its own family). */
const bookStyles = ['regular', 'italic', 'bold', 'boldItalic'] as const
type BookStyle = (typeof bookStyles)[number]

export interface Face {
  /** Name the face is registered under with pdfkit. */
  name: string
  font: fontkit.Font
  /** Points per font unit at size 1. */
  scale: number
  /** Bound the drawing document's shaping cache (set by `registerFaces`). */
  trim?: () => void
}

export interface FontSet {
  primary: Record<TextStyle, Face>
  fallback: Record<TextStyle, Face>
  /** Ascender and descender of the regular face, as fractions of the size (for baselines). */
  ascent: number
  descent: number
}

const families: Record<BuiltinFont, string> = {
  literata: 'Literata',
  'eb-garamond': 'EBGaramond',
  'source-serif-4': 'SourceSerif4',
  'crimson-pro': 'CrimsonPro',
}

const folders: Record<BookStyle, string> = {
  regular: '400Regular',
  italic: '400Regular_Italic',
  bold: '700Bold',
  boldItalic: '700Bold_Italic',
}

// Parsed fonts are immutable data: parse each built-in file once per process (or page).
const builtinCache = new Map<string, Promise<fontkit.Font>>()

const MONO_FILE = 'source-code-pro/400Regular/SourceCodePro_400Regular.ttf'

/** The file of a built-in face inside the `@expo-google-fonts` packages (what `Env.assets.font` is asked). */
export function builtinFontFile(family: BuiltinFont | 'mono', style: BookStyle): string {
  if (family === 'mono') return MONO_FILE
  return `${family}/${folders[style]}/${families[family]}_${folders[style]}.ttf`
}

/**
 * A built-in face: from `env.assets` when it gives it (a browser), else from the platform (Node
 * reads `node_modules`). One that neither has stops the render: the PDF cannot be set without it.
 */
function loadBuiltin(family: BuiltinFont | 'mono', style: BookStyle, env: Env): Promise<fontkit.Font> {
  const file = builtinFontFile(family, style)
  let font = builtinCache.get(file)
  if (!font) {
    font = (async (): Promise<fontkit.Font> => {
      const bytes = (await env.assets?.font?.(file)) ?? (await builtinFont(file))
      if (!bytes) {
        return env.file.fail(
          'pdf-font-unavailable',
          `The built-in face "${file}" is not available to this build; give it through the env's assets.font (in a browser, from @expo-google-fonts/${file})`,
          undefined,
          'pdf',
        )
      }
      return parseFont(bytes) ?? Promise.reject(new Error(`bad font ${file}`))
    })()
    // A face that was not given may be given on the next render: remember only successes.
    font.catch(() => builtinCache.delete(file))
    builtinCache.set(file, font)
  }
  return font
}

/** A single font from bytes, or undefined when the bytes are not a usable TTF/OTF. */
export function parseFont(bytes: Uint8Array): fontkit.Font | undefined {
  if (!tablesInside(bytes)) return undefined
  try {
    const font = fontkit.create(bytes)
    if (!('layout' in font) || typeof font.layout !== 'function' || !font.unitsPerEm) return undefined
    // Some damaged files parse but fail on first use: lay out a probe now, not mid-book.
    font.layout('Ag')
    return font
  } catch {
    return undefined
  }
}

/**
 * Whether every table an SFNT (TrueType/OpenType) font lists lies inside the file. fontkit
 * reads tables lazily, so a truncated font parses and lays out a probe, then fails while the
 * PDF is being written; this catches the cut-off file up front. Other containers (WOFF, WOFF2,
 * collections) are left to fontkit.
 */
function tablesInside(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false
  const tag = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!)
  const sfnt =
    tag === 'OTTO' || tag === 'true' || (bytes[0] === 0 && bytes[1] === 1 && bytes[2] === 0 && bytes[3] === 0)
  if (!sfnt) return true
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const count = view.getUint16(4)
  if (12 + count * 16 > bytes.length) return false
  for (let i = 0; i < count; i++) {
    const offset = view.getUint32(12 + i * 16 + 8)
    const length = view.getUint32(12 + i * 16 + 12)
    if (offset + length > bytes.length) return false
  }
  return true
}

function face(name: string, font: fontkit.Font): Face {
  return { name, font, scale: 1 / font.unitsPerEm }
}

/** Load the book's faces. A custom file that is not a font is reported and the default face used. */
export async function loadFonts(choice: BuiltinFont | FontFiles, env: Env): Promise<FontSet> {
  let builtin: BuiltinFont = 'literata'
  const custom: Partial<Record<TextStyle, fontkit.Font>> = {}
  if (typeof choice === 'string') {
    // 'Literata', 'EB Garamond', 'source_serif_4': names as authors write them.
    const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')
    const named = (Object.keys(families) as BuiltinFont[]).find((f) => squash(f) === squash(choice))
    if (named) builtin = named
    else {
      env.file.message(
        'pdf-option-invalid',
        `PDF option font = "${choice}" is not a built-in font (literata, eb-garamond, source-serif-4, crimson-pro) or a set of files; using literata instead`,
        undefined,
        'pdf',
      )
    }
  } else if (choice && typeof choice === 'object') {
    for (const style of textStyles) {
      const path = choice[style]
      if (!path) continue
      let bytes: Uint8Array | undefined
      try {
        bytes = await env.readFile(path, 'font')
      } catch (error) {
        env.file.message(
          'pdf-font-invalid',
          `Font file "${path}" (${style}) could not be read: ${(error as Error).message}; using the default face`,
          undefined,
          'pdf',
        )
        continue
      }
      const font = parseFont(bytes)
      if (font) custom[style] = font
      else
        env.file.message(
          'pdf-font-invalid',
          `Font file "${path}" (${style}) is not a TrueType or OpenType font; using the default face`,
          undefined,
          'pdf',
        )
    }
  }
  const fallbackFamily: BuiltinFont =
    builtin === 'eb-garamond' && !custom.regular ? 'literata' : 'eb-garamond'
  const primary = {} as Record<TextStyle, Face>
  const fallback = {} as Record<TextStyle, Face>
  for (const style of bookStyles) {
    // A custom family missing a style borrows its regular face rather than mixing in another design.
    const own = custom[style] ?? (custom.regular && style !== 'regular' ? custom.regular : undefined)
    primary[style] = face(style, own ?? (await loadBuiltin(builtin, style, env)))
    fallback[style] = face(`fallback-${style}`, await loadBuiltin(fallbackFamily, style, env))
  }
  primary.mono = face('mono', custom.mono ?? (await loadBuiltin('mono', 'regular', env)))
  // What the monospace face lacks comes from the fallback family, as for the other styles (the
  // same face object: pdfkit embeds it once, not a second time under another name).
  fallback.mono = fallback.regular
  const regular = primary.regular.font
  return {
    primary,
    fallback,
    ascent: regular.ascent / regular.unitsPerEm,
    descent: -regular.descent / regular.unitsPerEm,
  }
}

interface EmbeddedFont {
  layoutCache?: Record<string, unknown>
}

/** Shaped runs pdfkit may keep per face; past this its cache starts again (bounded memory). */
const LAYOUT_CACHE_LIMIT = 40_000

/**
 * Register every face with the pdfkit document, and bound pdfkit's cache of shaped runs (only
 * words the pair model of `measure.ts` cannot set are shaped by pdfkit). pdfkit only embeds a
 * face once something is drawn with it.
 */
export function registerFaces(doc: PDFKit.PDFDocument, fonts: FontSet): void {
  for (const face of facesOf(fonts)) {
    doc.registerFont(face.name, face.font as unknown as string)
    doc.font(face.name)
    const embedded = (doc as unknown as { _font: EmbeddedFont })._font
    face.trim = () => {
      if (!embedded.layoutCache) return
      let n = 0
      for (const _ in embedded.layoutCache) if (++n > LAYOUT_CACHE_LIMIT) break
      if (n > LAYOUT_CACHE_LIMIT) embedded.layoutCache = Object.create(null)
    }
  }
}

/** Drop pdfkit's shaped runs when they pile up (a long book's vocabulary). */
export function trimFaceCaches(fonts: FontSet): void {
  for (const face of facesOf(fonts)) face.trim?.()
}

/** Every distinct face (the monospace fallback is the fallback family's regular face itself). */
function facesOf(fonts: FontSet): Face[] {
  return [...new Set([...Object.values(fonts.primary), ...Object.values(fonts.fallback)])]
}
