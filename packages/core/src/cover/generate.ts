/**
 * A typographic cover for books that have none: title, subtitle, author and series set in
 * Literata on a plain ground, drawn as SVG and rasterised by resvg to a 1600×2560 PNG (the size
 * Amazon and Kobo recommend). System fonts are off and the font files are Octavo's own, so the
 * PNG is identical on every machine. Arabic and Hebrew fall back to Noto Naskh Arabic and Noto
 * Serif Hebrew (resvg shapes and orders them right to left); Chinese, Japanese and Korean to the
 * regional Noto Serif CJK faces the PDF uses (optional packages, loaded only for a cover that
 * needs them: `coverFontFiles`); for text no face covers (Indic, emoji, CJK without those
 * packages) `uncoveredCharacters` says which, and the caller makes no cover rather than one with
 * empty boxes.
 */
import { builtinFont, rasterizeCover } from '#platform'
import { type CjkRegion, cjkFaceFile, cjkRegion, endsInHanOrKana, isCjkCharacter, isHangul } from '../cjk.js'
import type { Assets, Threads } from '../env.js'
import { escapeText } from '../escape-xml.js'
import { numberedLabel } from '../model/labels.js'
import type { Metadata } from '../model/types.js'

export const COVER_WIDTH = 1600
export const COVER_HEIGHT = 2560

/** The cover's faces, as paths inside the `@expo-google-fonts` packages (what `Assets.font` is asked). */
export const COVER_FONT_FILES: readonly string[] = [
  'literata/400Regular/Literata_400Regular.ttf',
  'literata/400Regular_Italic/Literata_400Regular_Italic.ttf',
  'literata/600SemiBold/Literata_600SemiBold.ttf',
  // Fallbacks, found by resvg per character.
  'noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf',
  'noto-naskh-arabic/600SemiBold/NotoNaskhArabic_600SemiBold.ttf',
  'noto-serif-hebrew/400Regular/NotoSerifHebrew_400Regular.ttf',
  'noto-serif-hebrew/600SemiBold/NotoSerifHebrew_600SemiBold.ttf',
]

/**
 * The faces a cover showing `text` is drawn with: `COVER_FONT_FILES`, and for Chinese, Japanese
 * or Korean characters the regional Noto Serif CJK faces (regular and semibold) that the book's
 * language and text call for (`cjkRegion`), with the Korean ones too for Hangul in a book set in
 * another region's.
 */
export function coverFontFiles(text: string, language?: string): readonly string[] {
  const chars: number[] = []
  for (const char of text) {
    const c = char.codePointAt(0)!
    if (isCjkCharacter(c)) chars.push(c)
  }
  if (chars.length === 0) return COVER_FONT_FILES
  const region = cjkRegion(language, chars)
  const regions: CjkRegion[] = region !== 'kr' && chars.some(isHangul) ? [region, 'kr'] : [region]
  return [
    ...COVER_FONT_FILES,
    ...regions.flatMap((r) => [cjkFaceFile(r, '400Regular'), cjkFaceFile(r, '600SemiBold')]),
  ]
}

/** Characters every cover face has: Latin, Greek, Cyrillic and common punctuation, checked without opening a font. */
const SURELY_COVERED = /^[\s\u0020-\u024f\u0370-\u03ff\u0400-\u04ff\u2010-\u2027\u2030-\u205e\u20ac\u2122]*$/

/**
 * The characters of `text` that no cover face can draw (each once, in order of appearance);
 * empty when the cover can be made. Opens the fonts only for text beyond the common scripts.
 */
export async function uncoveredCharacters(
  text: string,
  assets?: Assets,
  fontFiles: readonly string[] = COVER_FONT_FILES,
): Promise<string[]> {
  if (SURELY_COVERED.test(text)) return []
  const faces = (await Promise.all(fontFiles.map((file) => coverFace(file, assets)))).flatMap((f) =>
    f ? [f] : [],
  )
  const out = new Set<string>()
  for (const char of text) {
    if (/[\s\p{Cf}\p{Mn}]/u.test(char)) continue // spaces, joiners and marks are shaped with their base
    if (!faces.some((face) => face.hasGlyphForCodePoint(char.codePointAt(0)!))) out.add(char)
  }
  return [...out]
}

interface CoverFace {
  hasGlyphForCodePoint(codePoint: number): boolean
}

// Each cover face is parsed once per process: watch mode asks again on every rebuild.
const parsedFaces = new Map<string, Promise<CoverFace | undefined>>()

/** A cover face (from `assets`, else the platform's), or undefined when this build has not got it. */
function coverFace(file: string, assets: Assets | undefined): Promise<CoverFace | undefined> {
  let face = parsedFaces.get(file)
  if (!face) {
    face = (async () => {
      try {
        const bytes = (await assets?.font?.(file)) ?? (await builtinFont(file))
        if (!bytes) return undefined
        const fontkit = await import('fontkit')
        return fontkit.create(bytes) as unknown as CoverFace
      } catch {
        return undefined
      }
    })()
    const settled = face
    // A face not given (a browser build without it, an optional package not installed) may be given next time.
    settled.then((f) => {
      if (!f && parsedFaces.get(file) === settled) parsedFaces.delete(file)
    })
    parsedFaces.set(file, settled)
  }
  return face
}

/** All the text the generated cover shows. */
export function coverText(metadata: Metadata, seriesBook = 'Book'): string {
  return [
    metadata.title,
    metadata.subtitle,
    ...metadata.authors.map((a) => a.name),
    metadata.series?.name,
    metadata.series?.number !== undefined
      ? numberedLabel(seriesBook, String(metadata.series.number))
      : undefined,
  ]
    .filter(Boolean)
    .join(' ')
}

/** How a line is set: `bold` advances are wider, `spacing` is letter-spacing in em. */
interface Style {
  bold?: boolean
  spacing?: number
}

/**
 * Rough advance widths of Literata, in em, erring wide, good enough to wrap lines before
 * rasterising (resvg does not report text extents).
 */
function textWidth(text: string, size: number, style: Style = {}): number {
  let em = 0
  for (const c of text) {
    if (isCjkCharacter(c.codePointAt(0)!)) em += 1
    else if (/[iljtf.,;:'!|() ]/.test(c)) em += 0.32
    else if (/[mwMW@]/.test(c)) em += 0.9
    else if (/[A-Z]/.test(c)) em += 0.7
    else em += 0.55
    em += style.spacing ?? 0
  }
  return em * size * (style.bold ? 1.08 : 1)
}

/**
 * Greedy word wrap to `width`. Words break after a hyphen first; a word still longer than a line
 * is broken by characters.
 */
export function wrap(text: string, size: number, width: number, style: Style = {}): string[] {
  const fits = (s: string) => textWidth(s, size, style) <= width
  const lines: string[] = []
  let line = ''
  // Each token carries the separator before it: a space between words, nothing after a hyphen.
  const tokens = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => word.split(/(?<=-)(?=.)/).map((piece, i) => [i === 0 ? ' ' : '', piece] as const))
  for (const [sep, piece] of tokens) {
    const candidate = line ? `${line}${sep}${piece}` : piece
    if (fits(candidate)) {
      line = candidate
      continue
    }
    if (line) lines.push(line)
    let rest = piece
    while (!fits(rest)) {
      let cut = 1
      while (cut < rest.length && fits(rest.slice(0, cut + 1))) cut++
      lines.push(rest.slice(0, cut))
      rest = rest.slice(cut)
    }
    line = rest
  }
  if (line) lines.push(line)
  return lines
}

/** Largest size from `sizes` at which `text` fits in `maxLines` lines and, if given, `maxHeight`. */
function fit(
  text: string,
  sizes: number[],
  width: number,
  maxLines: number,
  style: Style = {},
  maxHeight = Number.POSITIVE_INFINITY,
): { size: number; lines: string[] } {
  for (const size of sizes) {
    const lines = wrap(text, size, width, style)
    if (lines.length <= maxLines && lines.length * size * 1.15 <= maxHeight) return { size, lines }
  }
  const size = sizes[sizes.length - 1]!
  const lines = wrap(text, size, width, style)
  return {
    size,
    lines: lines.length > maxLines ? [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1]}…`] : lines,
  }
}

const INK = '#f3ead8'
const GROUND = '#22303c'
const ACCENT = '#c8a45c'

export function coverSvg(metadata: Metadata, seriesBook = 'Book'): string {
  const W = COVER_WIDTH
  const H = COVER_HEIGHT
  const width = W - 420
  const out: string[] = []
  const line = (text: string, y: number, size: number, attrs = '') =>
    out.push(`<text x="${W / 2}" y="${Math.round(y)}" font-size="${size}"${attrs}>${escapeText(text)}</text>`)

  const title = fit(
    metadata.title || 'Untitled',
    [200, 180, 160, 140, 120, 104, 92, 80, 72],
    width,
    8,
    { bold: true },
    760,
  )
  const subtitle = metadata.subtitle ? fit(metadata.subtitle, [84, 72, 64, 56], width, 3) : undefined
  const titleLead = title.size * 1.15
  const subLead = subtitle ? subtitle.size * 1.25 : 0
  const blockHeight = title.lines.length * titleLead + (subtitle ? 90 + subtitle.lines.length * subLead : 0)
  let y = Math.max(620, 1180 - blockHeight / 2) + title.size * 0.8
  for (const text of title.lines) {
    line(text, y, title.size, ' font-weight="600"')
    y += titleLead
  }
  const ruleY = y - titleLead + title.size * 0.45 + 50
  out.push(`<rect x="${W / 2 - 120}" y="${Math.round(ruleY)}" width="240" height="6" fill="${ACCENT}"/>`)
  if (subtitle) {
    y = ruleY + 60 + subtitle.size
    for (const text of subtitle.lines) {
      line(text, y, subtitle.size, ' font-style="italic"')
      y += subLead
    }
  }

  const names = metadata.authors.map((a) => a.name).filter(Boolean)
  // Chinese and Japanese names are listed with "、" (山田太郎、佐藤花子), others with a comma.
  const authors = names.join(names.every(endsInHanOrKana) ? '、' : ', ')
  if (authors) {
    const author = fit(authors, [96, 84, 72, 60], width, 2)
    let ay = H - 420 - (author.lines.length - 1) * author.size * 1.2
    for (const text of author.lines) {
      line(text, ay, author.size)
      ay += author.size * 1.2
    }
  }
  if (metadata.series?.name) {
    const label =
      metadata.series.number !== undefined
        ? `${metadata.series.name} · ${numberedLabel(seriesBook, String(metadata.series.number))}`
        : metadata.series.name
    const series = fit(label.toUpperCase(), [56, 48, 40], width, 2, { spacing: 0.12 })
    let sy = 360
    for (const text of series.lines) {
      line(text, sy, series.size, ` letter-spacing="${Math.round(series.size * 0.12)}" fill="${ACCENT}"`)
      sy += series.size * 1.3
    }
  }

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<rect width="${W}" height="${H}" fill="${GROUND}"/>
<rect x="70" y="70" width="${W - 140}" height="${H - 140}" fill="none" stroke="${ACCENT}" stroke-width="4"/>
<rect x="92" y="92" width="${W - 184}" height="${H - 184}" fill="none" stroke="${ACCENT}" stroke-width="1.5"/>
<g font-family="Literata, Noto Naskh Arabic, Noto Serif Hebrew" fill="${INK}" text-anchor="middle">
${out.join('\n')}
</g>
</svg>
`
}

/**
 * The generated cover as drawn from `metadata`: the text it shows, the faces that text needs and
 * the SVG. One derivation for the cover rendered and the one guessed ahead of it (the EPUB's
 * `guessCover`): a guess is taken only when its SVG and faces are the same.
 */
export function coverDrawing(
  metadata: Metadata,
  seriesBook = 'Book',
): { text: string; fontFiles: readonly string[]; svg: string } {
  const text = coverText(metadata, seriesBook)
  return { text, fontFiles: coverFontFiles(text, metadata.language), svg: coverSvg(metadata, seriesBook) }
}

/**
 * Render the generated cover to PNG bytes: Node's native resvg, or resvg-wasm in a browser, which
 * is handed its WebAssembly and the cover faces through `assets` (the same PNG either way).
 * Rejects when this build has not been given them.
 *
 * @example
 *   const png = await generateCover(completeMetadata({ title: 'The Long Road', author: 'A. Writer' }))
 *   await writeFile('cover.png', png)
 */
export async function generateCover(
  metadata: Metadata,
  seriesBook?: string,
  assets?: Assets,
  threads?: Threads,
): Promise<Uint8Array> {
  const { svg, fontFiles } = coverDrawing(metadata, seriesBook)
  return rasterizeCoverSvg(svg, assets, threads, fontFiles)
}

/**
 * The cover's SVG (`coverSvg`) as PNG bytes: on another thread when `threads` can (Node), the
 * same bytes as on this one. The thread is started before this returns, so a caller that awaits
 * the promise later gets the raster made while it worked.
 */
export async function rasterizeCoverSvg(
  svg: string,
  assets?: Assets,
  threads?: Threads,
  fontFiles: readonly string[] = COVER_FONT_FILES,
): Promise<Uint8Array> {
  const elsewhere = threads?.rasterizeCover?.(svg, fontFiles)
  if (elsewhere) {
    try {
      return await elsewhere
    } catch {
      // The thread could not (no worker here, a worker that died): the same raster on this one.
    }
  }
  const png = await rasterizeCover(svg, fontFiles, assets)
  if (!png) {
    throw new Error(
      'the generated cover needs resvg-wasm and its faces in this build: give assets.resvgWasm and assets.font',
    )
  }
  return png
}
