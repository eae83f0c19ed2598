/**
 * The book's faces: the four styles of the chosen family (a built-in OFL family from the
 * `@expo-google-fonts` packages, or TTF/OTF files from the book folder), plus a fallback family
 * with broad coverage (Greek, Cyrillic, symbols) for characters the book face lacks, plus, for a
 * book with Chinese, Japanese or Korean text, a CJK level: Noto Serif CJK (OFL) in the regional
 * version the text calls for (`cjk.ts`), regular and bold, and other regions' faces for
 * characters it lacks (Hangul in an English book set in JP). pdfkit embeds and subsets each face
 * it draws with; faces that are never used are never embedded, and the CJK faces (8 to 15 MB
 * each) are not even read for a book without such characters.
 *
 * Code is set in Source Code Pro (OFL, the monospace companion of Source Serif), or the author's
 * own `mono` file; characters it lacks fall back to the fallback family's regular face.
 */

import * as fontkit from 'fontkit'
import { builtinFont } from '#platform'
import { CJK_REGIONS, type CjkRegion, cjkFaceFile, cjkRegion, isHangul } from '../../cjk.js'
import type { Env } from '../../env.js'
import { contentKey } from '../../hash.js'
import { formatBytes, RESOURCE_LIMITS } from '../../limits.js'
import type { Root } from '../../model/types.js'
import { cjkCharacters } from './cjk.js'
import { type CollectionFace, collectionFaces, faceForStyle } from './collection.js'
import type { FaceStyle } from './layout/types.js'
import type { BuiltinFont, FontFiles } from './options.js'
import { unpackWoff } from './woff.js'

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
  /** The author's font file it was read from; none for a built-in face. */
  file?: string
  /** Bound the drawing document's shaping cache (set by `registerFaces`). */
  trim?: () => void
}

export interface FontSet {
  primary: Record<TextStyle, Face>
  fallback: Record<TextStyle, Face>
  /**
   * The CJK level, tried after the fallback: one set of faces per region the book's text needs,
   * the preferred region first. Empty for a book without CJK characters. Italic is the upright
   * face (CJK has no italic) and bold italic the bold; code uses the regular face.
   */
  cjk: Record<TextStyle, Face>[]
  /** The CJK faces the text asked for that this build does not have (their npm packages). */
  cjkUnavailable: string[]
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
    const ahead = readingAhead.get(file)
    readingAhead.delete(file)
    font = (async (): Promise<fontkit.Font> => {
      const bytes = (await ahead) ?? (await builtinBytes(file, env))
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

/** A built-in face's file, from `env.assets` when it gives it, else from the platform. */
async function builtinBytes(file: string, env: Env): Promise<Uint8Array | undefined> {
  return (await env.assets?.font?.(file)) ?? (await builtinFont(file))
}

/** Built-in faces' files being read ahead of their turn (`readAhead`), for `loadBuiltin`. */
const readingAhead = new Map<string, Promise<Uint8Array | undefined>>()

/**
 * Start reading a built-in face's file now, if it is not loaded or being read: `loadFonts` loads
 * nine faces one after the other, and each waited for its read before it was parsed (the main
 * thread idle meanwhile). A read that fails is left to `loadBuiltin` to make again and report.
 */
function readAhead(family: BuiltinFont | 'mono', style: BookStyle, env: Env): void {
  const file = builtinFontFile(family, style)
  if (builtinCache.has(file) || readingAhead.has(file)) return
  readingAhead.set(
    file,
    builtinBytes(file, env).catch(() => undefined),
  )
}

/**
 * A built-in face from its bytes (files shipped with Octavo: checked lightly), or undefined when
 * they are not a usable TTF/OTF. An author's file goes through `checkFont`. The check reads the
 * character map and the advances, not the layout tables: a face is loaded with its family
 * (eight styles with the fallback's, and the monospace face) whether the book sets a word in it
 * or not, and decoding a face's GSUB and GPOS costs some 25 ms of CPU; a face shapes text only
 * when the book uses it, and decodes them then.
 */
export function parseFont(bytes: Uint8Array): fontkit.Font | undefined {
  if (!tablesInside(bytes)) return undefined
  try {
    const font = fontkit.create(bytes)
    if (!('layout' in font) || typeof font.layout !== 'function' || !font.unitsPerEm) return undefined
    for (const cp of [0x41, 0x67]) if (!font.glyphForCodePoint(cp).advanceWidth) return undefined
    return font
  } catch {
    return undefined
  }
}

/**
 * Most reads (each of a few bytes) that checking a font may make, per byte of the file. A sound
 * font is read a few times over (shared coverage and class tables are decoded once per use);
 * damaged offsets that point tables into each other make fontkit decode the same bytes without
 * end, which this bounds, time and memory both.
 */
const READS_PER_BYTE = 8
const MIN_READS = 1 << 20
/** Text a book face is asked to set when checked: letters, figures, punctuation, ligatures. */
const PROBE =
  'Ag Hamburgefonstiv fi fl ffi ffl Th 0123456789 .,;:!?()[]{}\'"-–—‘’“”…*&%$#@/|<>=+~^_ ÀÉÎÕÜçñßæœøå ΑΩαω АЯая'

const CMAP_PROBE: readonly [number, number][] = [
  [0x20, 0x24f],
  [0x370, 0x52f],
  [0x1e00, 0x1eff],
  [0x2000, 0x206f],
  [0xfb00, 0xfb06],
]

/**
 * An author's font, checked before the render so a damaged file is found once, up front, and the
 * book set in the default face instead; never a crash or a runaway halfway through the PDF. The
 * check does what the render will: reads the metrics pdfkit embeds, lays out a probe, and builds
 * and encodes a subset of the glyphs common text reaches (which decodes their outlines, where most
 * damage shows), within a budget of reads proportional to the file's size. The face returned is a fresh
 * parse, without the check's caches. A reason is returned for a file that fails.
 */
export function checkFont(
  file: Uint8Array,
  stats?: { reads: number; budget: number },
): fontkit.Font | string {
  // A WOFF face is read as the TrueType or OpenType file inside it (`woff.ts`).
  const unpacked = unpackWoff(file, RESOURCE_LIMITS.font)
  if (typeof unpacked === 'string') return unpacked
  const bytes = unpacked ?? file
  if (!tablesInside(bytes)) return 'its table directory points outside the file'
  let parsed: ReturnType<typeof fontkit.create>
  try {
    parsed = fontkit.create(bytes)
  } catch (error) {
    return `it could not be read (${(error as Error).message})`
  }
  if (!('layout' in parsed) || typeof parsed.layout !== 'function')
    return 'it is not a single TrueType or OpenType font'
  const font = parsed
  // Compressed containers (WOFF, WOFF2) inflate each table to the size their directory claims.
  const claimed = Object.values(
    (font as unknown as { directory?: { tables?: Record<string, TableEntry> } }).directory?.tables ?? {},
  ).reduce((sum, t) => sum + Math.max(Number(t?.length) || 0, Number(t?.transformLength) || 0), 0)
  if (claimed > RESOURCE_LIMITS.font) return `its tables claim ${formatBytes(claimed)}`
  const limit = Math.max(MIN_READS, READS_PER_BYTE * bytes.length)
  const budget = { left: limit }
  try {
    meter(font, budget)
    // Even the size of its units is read from a table that may be damaged.
    if (!font.unitsPerEm) return 'it is not a single TrueType or OpenType font'
    exercise(font)
  } catch (error) {
    // fontkit swallows an error while decoding a table (the table is then missing): the budget
    // spent says what happened better than the failure that follows.
    if (stats) Object.assign(stats, { reads: limit - budget.left, budget: limit })
    if (budget.left < 0) return OVER_BUDGET_REASON
    return `it is damaged (${(error as Error).message || (error as Error).name})`
  }
  if (stats) Object.assign(stats, { reads: limit - budget.left, budget: limit })
  if (budget.left < 0) return OVER_BUDGET_REASON
  try {
    return fontkit.create(bytes) as fontkit.Font
  } catch (error) {
    return `it could not be read (${(error as Error).message})`
  }
}

/** Author's faces checked (`checkedFaces`; tests count them). */
export const checkStats = { checked: 0 }

/** Where the faces an author's files gave are kept between renders (`checkedFaces`). */
const CHECKED_FACES = 'pdf:checked-faces'

/**
 * An author's face checked (`checkFont`) and guarded (`guarded`), or the reason it cannot be
 * used. In watch mode (`Env.memo`) a face is checked once for its bytes: the next render given
 * the same file takes the face the last one used, as the built-in faces outlive a render, warm
 * caches and all. Every rebuild of a book in its author's four faces checked them again, some
 * 75 ms a face, and set every word anew in a face the measurer had not met. Only the last
 * render's faces are kept.
 */
function checkedFaces(memo: Map<string, unknown> | undefined) {
  const last = memo?.get(CHECKED_FACES) as Map<string, fontkit.Font | string> | undefined
  const now = new Map<string, fontkit.Font | string>()
  memo?.set(CHECKED_FACES, now)
  return (bytes: Uint8Array, path: string, style: TextStyle): fontkit.Font | string => {
    // By style too: a file given for two styles is two faces, as in a render without the memo.
    const key = memo ? `${style}\n${path}\n${contentKey(bytes)}` : ''
    let face = last?.get(key)
    if (face === undefined) {
      checkStats.checked++
      const font = checkFont(bytes)
      face = typeof font === 'string' ? font : guarded(font, path)
    }
    if (memo) now.set(key, face)
    return face
  }
}

interface TableEntry {
  length?: number
  transformLength?: number
}

/**
 * What pdfkit and the measurer ask of a face, once: metrics, layout of a probe with the features
 * the book may use, and a subset of every glyph the common ranges map to (and the probe's
 * ligatures), encoded as pdfkit embeds it, which decodes each of those outlines. A glyph no common
 * character reaches is left alone: sound fonts carry some that fontkit cannot read.
 */
function exercise(font: fontkit.Font): void {
  const f = font as unknown as FontkitInternals
  const ids = new Set<number>([0])
  for (const run of [font.layout(PROBE), font.layout(PROBE, ['smcp', 'onum', 'lnum', 'kern', 'liga'])])
    for (const glyph of run.glyphs) ids.add(glyph.id)
  void [font.ascent, font.descent, font.lineGap, font.xHeight, font.capHeight, font.postscriptName]
  void [f.bbox?.minX, f.italicAngle, f.head?.macStyle, f.post?.isFixedPitch, f['OS/2']]
  void font.availableFeatures
  // The character map where books mostly are (Latin, Greek, Cyrillic, punctuation): a damaged
  // segment fails on its characters only.
  for (const [from, to] of CMAP_PROBE)
    for (let cp = from; cp <= to; cp++) {
      if (!font.hasGlyphForCodePoint(cp)) continue
      const glyph = font.glyphForCodePoint(cp)
      void glyph.advanceWidth
      ids.add(glyph.id)
    }
  const subset = f.createSubset?.()
  if (!subset) return
  for (const id of ids) subset.includeGlyph(id)
  subset.encode()
}

interface FontkitInternals {
  numGlyphs?: number
  bbox?: { minX: number }
  italicAngle?: number
  head?: { macStyle?: unknown }
  post?: { isFixedPitch?: unknown }
  'OS/2'?: unknown
  createSubset?(): { includeGlyph(id: number): number; encode(): Uint8Array }
  stream?: DecodeStream
  _getTableStream?(tag: string): DecodeStream | null
}

type DecodeStream = Record<string, unknown>

const OVER_BUDGET = new Error('font check over budget')
const OVER_BUDGET_REASON =
  'its tables point into one another (damaged offsets), so reading them would not end'
const metered = new WeakSet<object>()

/**
 * Count every read fontkit makes from this font's data while it is checked (its byte streams
 * come from `stream` and `_getTableStream`, fontkit 2's internals; a later fontkit without them
 * is checked without the budget). Only this font object is touched, never fontkit itself.
 */
function meter(font: fontkit.Font, budget: { left: number }): void {
  const f = font as unknown as FontkitInternals
  const wrap = (stream: DecodeStream | null | undefined): DecodeStream | null => {
    if (!stream || typeof stream !== 'object' || metered.has(stream)) return stream ?? null
    metered.add(stream)
    const proto = Object.getPrototypeOf(stream) as Record<string, unknown>
    for (const name of Object.getOwnPropertyNames(proto)) {
      const read = proto[name]
      if (!name.startsWith('read') || typeof read !== 'function') continue
      stream[name] = (...args: unknown[]) => {
        // Spent: every further read fails at once (fontkit may catch one and read on).
        if (budget.left <= 0) {
          budget.left = -1
          throw OVER_BUDGET
        }
        budget.left--
        return read.apply(stream, args)
      }
    }
    return stream
  }
  wrap(f.stream)
  const tableStream = f._getTableStream
  if (typeof tableStream === 'function')
    f._getTableStream = (tag: string) => wrap(tableStream.call(font, tag))
}

/**
 * Whether every table an SFNT (TrueType/OpenType) font lists lies inside the file. fontkit
 * reads tables lazily, so a truncated font parses and lays out a probe, then fails while the
 * PDF is being written; this catches the cut-off file up front. Other containers (WOFF2,
 * collections) are left to fontkit; WOFF is unpacked before (`woff.ts`).
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

/**
 * A font path and the face it names in a collection: `fonts/Palatino.ttc#Palatino-Italic` (a
 * `#` after a `.ttc` or `.otc` file), else the path alone.
 */
function ownPath(path: string): [file: string, name: string | undefined] {
  const at = path.lastIndexOf('#')
  if (at > 0 && /\.(ttc|otc)$/i.test(path.slice(0, at))) return [path.slice(0, at), path.slice(at + 1)]
  return [path, undefined]
}

/** The italic and bold bits of a style's face (the monospace face is upright and regular). */
function styleBits(style: TextStyle): { italic: boolean; bold: boolean } {
  return {
    italic: style === 'italic' || style === 'boldItalic',
    bold: style === 'bold' || style === 'boldItalic',
  }
}

/** A failure of fontkit inside an author's face, met while the PDF is set: it names the file. */
export class FontFailure extends Error {
  constructor(
    readonly file: string,
    readonly reason: unknown,
  ) {
    super(`font file "${file}" failed: ${(reason as Error)?.message ?? String(reason)}`)
    this.name = 'FontFailure'
  }
}

/**
 * The author's face as the renderer and pdfkit use it, with whatever fontkit throws from it (a
 * method, a table getter, the subset pdfkit embeds) turned into a `FontFailure` naming the file.
 * The check up front finds the damage it can; this names what only a particular text reaches.
 */
export function guarded<T extends object>(target: T, file: string): T {
  const wrappers = new WeakMap<object, unknown>()
  const fail = (error: unknown): never => {
    throw error instanceof FontFailure ? error : new FontFailure(file, error)
  }
  return new Proxy(target, {
    get(t, prop) {
      let value: unknown
      try {
        value = Reflect.get(t, prop, t)
      } catch (error) {
        fail(error)
      }
      if (typeof value !== 'function') return value
      const method = value as (...args: unknown[]) => unknown
      let wrapper = wrappers.get(method)
      if (!wrapper) {
        wrapper = (...args: unknown[]) => {
          try {
            const result = method.apply(t, args)
            // pdfkit encodes the subset it builds at the end: guard it as well.
            return prop === 'createSubset' && result && typeof result === 'object'
              ? guarded(result, file)
              : result
          } catch (error) {
            return fail(error)
          }
        }
        wrappers.set(method, wrapper)
      }
      return wrapper
    },
  })
}

function face(name: string, font: fontkit.Font, file?: string): Face {
  return file ? { name, font, scale: 1 / font.unitsPerEm, file } : { name, font, scale: 1 / font.unitsPerEm }
}

/** The author's font files among the faces (for a message naming them). */
export function customFontFiles(fonts: FontSet): string[] {
  return [...new Set(facesOf(fonts).flatMap((f) => (f.file ? [f.file] : [])))]
}

/** The file of a regional Noto Serif CJK face (`noto-serif-jp/700Bold/NotoSerifJP_700Bold.ttf`). */
export function cjkFontFile(region: CjkRegion, style: 'regular' | 'bold'): string {
  return cjkFaceFile(region, style === 'bold' ? folders.bold : folders.regular)
}

/** A built-in face this build may lack (the CJK faces are optional packages): undefined then. */
function loadOptional(file: string, env: Env): Promise<fontkit.Font | undefined> {
  let font = builtinCache.get(file) as Promise<fontkit.Font | undefined> | undefined
  if (!font) {
    font = (async () => {
      try {
        const bytes = await builtinBytes(file, env)
        return bytes ? parseFont(bytes) : undefined
      } catch {
        return undefined
      }
    })()
    const settled = font
    // Remember only successes: a package installed later is found by the next render.
    settled.then((f) => {
      if (!f && builtinCache.get(file) === settled) builtinCache.delete(file)
    })
    builtinCache.set(file, settled as Promise<fontkit.Font>)
  }
  return font
}

/**
 * The CJK level for the book's characters (`cjkCharacters`) that neither the book face nor the
 * fallback has: the preferred region's faces (`cjkRegion`), then, for what that face lacks, the
 * first other region's that has it (Hangul tries KR first). Regions are read only as they are
 * needed; a book without such characters reads none.
 */
async function loadCjk(
  fonts: Pick<FontSet, 'primary' | 'fallback'>,
  book: { tree: Root; language: string },
  env: Env,
): Promise<Pick<FontSet, 'cjk' | 'cjkUnavailable'>> {
  const wanted = [...cjkCharacters(book.tree)].filter(
    (c) =>
      !fonts.primary.regular.font.hasGlyphForCodePoint(c) &&
      !fonts.fallback.regular.font.hasGlyphForCodePoint(c),
  )
  if (wanted.length === 0) return { cjk: [], cjkUnavailable: [] }
  wanted.sort((a, b) => a - b)
  const preferred = cjkRegion(book.language, wanted)
  const order = [preferred, ...CJK_REGIONS.filter((r) => r !== preferred)]
  const hangulOrder = [preferred, 'kr' as const, ...CJK_REGIONS.filter((r) => r !== preferred && r !== 'kr')]
  const regular = new Map<CjkRegion, fontkit.Font | undefined>()
  const used = new Set<CjkRegion>()
  const unavailable = new Set<CjkRegion>()
  const faceOf = async (region: CjkRegion) => {
    if (!regular.has(region)) regular.set(region, await loadOptional(cjkFontFile(region, 'regular'), env))
    return regular.get(region)
  }
  for (const c of wanted) {
    for (const region of isHangul(c) ? hangulOrder : order) {
      const font = await faceOf(region)
      if (!font) unavailable.add(region)
      else if (font.hasGlyphForCodePoint(c)) {
        used.add(region)
        break
      }
    }
  }
  const cjk: Record<TextStyle, Face>[] = []
  for (const region of order) {
    if (!used.has(region)) continue
    const upright = face(`cjk-${region}`, regular.get(region)!)
    const boldFont = await loadOptional(cjkFontFile(region, 'bold'), env)
    const bold = boldFont ? face(`cjk-${region}-bold`, boldFont) : upright
    cjk.push({ regular: upright, italic: upright, bold, boldItalic: bold, mono: upright })
  }
  return { cjk, cjkUnavailable: [...unavailable].map((r) => `@expo-google-fonts/noto-serif-${r}`) }
}

/**
 * Load the book's faces. A custom file that is not a font is reported and the default face used.
 * With `book`, the CJK faces its text needs are loaded too (see `loadCjk`).
 */
export async function loadFonts(
  choice: BuiltinFont | FontFiles,
  env: Env,
  book?: { tree: Root; language: string },
): Promise<FontSet> {
  let builtin: BuiltinFont = 'literata'
  const custom: Partial<Record<TextStyle, fontkit.Font>> = {}
  const files: Partial<Record<TextStyle, string>> = {}
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
    const checked = checkedFaces(env.memo)
    const invalid = (path: string, style: TextStyle, reason: string) =>
      env.file.message(
        'pdf-font-invalid',
        `Font file "${path}" (${style}) ${reason}; using the default face`,
        undefined,
        'pdf',
      )
    // A file given for several styles (a collection's faces) is read once.
    const read = new Map<string, Promise<Uint8Array>>()
    // A collection given for `regular` gives the styles not given (its italic, bold, bold italic).
    let regularFaces: { path: string; faces: CollectionFace[] } | undefined
    for (const style of textStyles) {
      const given = choice[style]
      const own = given !== undefined && given !== ''
      if (!own && (style === 'regular' || style === 'mono' || !regularFaces)) continue
      let path = own ? given : regularFaces!.path
      const [file, name] = ownPath(path)
      let bytes: Uint8Array
      try {
        let reading = read.get(file)
        if (!reading) {
          reading = env.readFile(file, 'font')
          read.set(file, reading)
        }
        bytes = await reading
      } catch (error) {
        invalid(path, style, `could not be read: ${(error as Error).message}`)
        continue
      }
      const faces = collectionFaces(bytes)
      if (typeof faces === 'string') {
        invalid(path, style, `cannot be used: ${faces}`)
        continue
      }
      if (faces) {
        const face = faceForStyle(faces, styleBits(style), name)
        if (!face) {
          // A style the author did not give, which the collection lacks: borrowed as before.
          if (own)
            invalid(
              path,
              style,
              `cannot be used: the collection has no ${name === undefined ? `${style} face` : `face named "${name}"`} (it holds ${faces.map((f) => f.name).join(', ')})`,
            )
          continue
        }
        if (style === 'regular') regularFaces = { path: file, faces }
        bytes = face.sfnt
        if (name === undefined) path = `${file}#${face.name}`
      }
      const font = checked(bytes, path, style)
      if (typeof font !== 'string') {
        custom[style] = font
        files[style] = path
      } else invalid(path, style, `cannot be used: ${font}`)
    }
  }
  const fallbackFamily: BuiltinFont =
    builtin === 'eb-garamond' && !custom.regular ? 'literata' : 'eb-garamond'
  const primary = {} as Record<TextStyle, Face>
  const fallback = {} as Record<TextStyle, Face>
  for (const style of bookStyles) {
    if (!custom[style] && !custom.regular) readAhead(builtin, style, env)
    readAhead(fallbackFamily, style, env)
  }
  if (!custom.mono) readAhead('mono', 'regular', env)
  for (const style of bookStyles) {
    // A custom family missing a style borrows its regular face rather than mixing in another design.
    const own = custom[style] ?? (custom.regular && style !== 'regular' ? custom.regular : undefined)
    const file = files[style] ?? (style !== 'regular' && !custom[style] ? files.regular : undefined)
    primary[style] = face(style, own ?? (await loadBuiltin(builtin, style, env)), own ? file : undefined)
    fallback[style] = face(`fallback-${style}`, await loadBuiltin(fallbackFamily, style, env))
  }
  primary.mono = face('mono', custom.mono ?? (await loadBuiltin('mono', 'regular', env)), files.mono)
  // What the monospace face lacks comes from the fallback family, as for the other styles (the
  // same face object: pdfkit embeds it once, not a second time under another name).
  fallback.mono = fallback.regular
  const regular = primary.regular.font
  const cjk = book ? await loadCjk({ primary, fallback }, book, env) : { cjk: [], cjkUnavailable: [] }
  return {
    primary,
    fallback,
    ...cjk,
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
  return [
    ...new Set([
      ...Object.values(fonts.primary),
      ...Object.values(fonts.fallback),
      ...fonts.cjk.flatMap((set) => Object.values(set)),
    ]),
  ]
}
