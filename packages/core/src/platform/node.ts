/**
 * What the renderers do differently in Node, behind the `#platform` import (package.json
 * `imports`; a bundler for the browser takes `browser.ts` instead, so it never sees a `node:`
 * module): the files Octavo ships are read from `node_modules` (faces, hyphenation patterns),
 * and the generated cover is drawn by the native resvg. Each is used only when the env does not
 * hand the same thing over (`Env.assets`). The disk-only API is behind `#disk` (`disk.ts`).
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Assets } from '../env.js'

/**
 * Resolves the files and packages the core loads at run time (faces, hyphenation patterns, the
 * native resvg, fflate for the threads), from the installed `@octavo/core`: when a program
 * bundles the core (the `octavo` command does), this code runs from the program's folder, where
 * the core's dependencies need not be (pnpm, a global install). Unbundled, that is this package
 * (a package resolves its own name); a program that bundles the core without installing it
 * resolves from where the code is, as before.
 */
export const coreRequire = createRequire(coreBase())

function coreBase(): string {
  try {
    return createRequire(import.meta.url).resolve('@octavo/core/package.json')
  } catch {
    return import.meta.url
  }
}

const require = coreRequire

/** A face of the `@expo-google-fonts` packages (`literata/400Regular/Literata_400Regular.ttf`). */
export async function builtinFont(file: string): Promise<Uint8Array | undefined> {
  let path: string
  try {
    path = require.resolve(`@expo-google-fonts/${file}`)
  } catch {
    return undefined
  }
  return new Uint8Array(await readFile(path))
}

/**
 * chardet, the legacy-encoding detector (`readers/encoding.ts`): loaded, synchronously, the
 * first time a file is neither UTF-8 nor UTF-16, so the builds of UTF-8 books (nearly all) never
 * load its tables. A CommonJS package, resolved as the faces are.
 */
let chardet: typeof import('chardet') | undefined

export function analyseLegacyEncoding(sample: Uint8Array): Array<{ name: string; confidence: number }> {
  chardet ??= require('chardet') as typeof import('chardet')
  return chardet.analyse(sample)
}

let zlib: typeof import('node:zlib') | null | undefined

/** Node's zlib, loaded on the first call; null where this Node has none. */
function nodeZlib(): typeof import('node:zlib') | null {
  if (zlib === undefined) {
    try {
      zlib = require('node:zlib') as typeof import('node:zlib')
    } catch {
      zlib = null
    }
  }
  return zlib
}

/** What a native decompression within a limit gives (`nativeInflate`, `nativeBrotli`). */
type Decompressed = { bytes: Uint8Array } | { over: true } | { error: string }

/** `run`'s output as `Decompressed`: zlib stops at `maxOutputLength` with ERR_BUFFER_TOO_LARGE. */
function decompressed(run: () => Buffer): Decompressed {
  try {
    const out = run()
    return { bytes: new Uint8Array(out.buffer, out.byteOffset, out.length) }
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { over: true }
    return { error: (error as Error).message }
  }
}

/**
 * A PNG's pixel data inflated by Node's zlib (`resources/png.ts`), within `limit` bytes: the data,
 * `over` when it would inflate past the limit (zlib stops there: a bomb costs nothing), or why it
 * does not inflate (zlib checks the Adler-32 too). Native, some five times fflate's speed: a
 * 4000×3000 photo's 36 MB in tens of ms. Undefined where this Node cannot (the caller then
 * inflates in JavaScript, with the same budget).
 */
export function nativeInflate(data: Uint8Array, limit: number): Decompressed | undefined {
  const z = nodeZlib()
  return z ? decompressed(() => z.inflateSync(data, { maxOutputLength: Math.max(1, limit) })) : undefined
}

/**
 * A raw deflate stream (an archive's entry: a Word file's, an EPUB's, a download's) inflated by
 * Node's zlib (`readers/shared/archive.ts`), within `limit` bytes (the entry's declared size), as
 * `nativeInflate` does: a Word manuscript's 12 MB of XML in some 20 ms, where fflate took 90.
 * Undefined where this Node cannot (the caller then inflates in JavaScript).
 */
export function nativeInflateRaw(data: Uint8Array, limit: number): Decompressed | undefined {
  const z = nodeZlib()
  return z ? decompressed(() => z.inflateRawSync(data, { maxOutputLength: Math.max(1, limit) })) : undefined
}

/**
 * A WOFF2 font's brotli stream decompressed by Node's zlib (`renderers/pdf/woff.ts`), within
 * `limit` bytes (the size the font's tables state), as `nativeInflate` does. Native: a face of
 * 80 KB in about a millisecond, where brotli's JavaScript decoder takes some 25 ms (and as long
 * again to load its dictionary). Undefined where this Node cannot (the caller then decompresses
 * in JavaScript).
 */
export function nativeBrotli(data: Uint8Array, limit: number): Decompressed | undefined {
  const z = nodeZlib()
  if (!z?.brotliDecompressSync) return undefined
  return decompressed(() => z.brotliDecompressSync(data, { maxOutputLength: Math.max(1, limit) }))
}

/**
 * SHA-1 by Node's own crypto (`hash.ts`): native, 12.5 MB in some 8 ms, where the JavaScript
 * digest takes 60-150 ms, and a watch rebuild hashes every chapter file and every document it
 * writes. Loaded on the first call; undefined where this Node cannot (a crypto policy without
 * SHA-1): the caller then digests in JavaScript, the same bytes either way.
 */
let createHash: typeof import('node:crypto').createHash | null | undefined

export function nativeSha1(bytes: Uint8Array): Uint8Array | undefined {
  if (createHash === undefined) {
    try {
      createHash = (require('node:crypto') as typeof import('node:crypto')).createHash
      createHash('sha1')
    } catch {
      createHash = null
    }
  }
  if (!createHash) return undefined
  const digest = createHash('sha1').update(bytes).digest()
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.length)
}

/** A `hyphen` pattern set, loaded synchronously (the line breaker asks mid-paragraph). */
export function builtinHyphenation(set: string): unknown {
  try {
    return require(`hyphen/patterns/${set}.js`) as unknown
  } catch {
    return undefined
  }
}

/**
 * Rasterise the cover SVG with the native resvg. It is given font paths, not buffers: resvg-js
 * 2.6 ignores `fontBuffers` and silently falls back to system fonts. The faces are Octavo's own
 * whatever `assets` says, so the PNG is the same on every machine (and equals resvg-wasm's).
 */
export async function rasterizeCover(
  svg: string,
  fontFiles: readonly string[],
  _assets: Assets | undefined,
): Promise<Uint8Array | undefined> {
  const { Resvg } = resvgJs()
  const resvg = new Resvg(svg, coverRenderOptions(fontFiles))
  return await released(new Uint8Array(weighed(resvg.render(), resvg).asPng()))
}

/** The native resvg (a CommonJS package), resolved as the faces are. */
function resvgJs(): typeof import('@resvg/resvg-js') {
  return require('@resvg/resvg-js') as typeof import('@resvg/resvg-js')
}

/**
 * resvg's options for the cover, as plain data: this module's render and the cover worker
 * (`threads.ts`, which is handed them) draw with the same ones, so their PNGs are the same.
 */
export function coverRenderOptions(fontFiles: readonly string[]) {
  return {
    font: {
      fontFiles: fontFiles.map((file) => require.resolve(`@expo-google-fonts/${file}`)),
      loadSystemFonts: false,
      defaultFontFamily: 'Literata',
    },
    fitTo: { mode: 'original' as const },
  }
}

/**
 * resvg-js 2.6 keeps a render's pixels in native memory that V8 does not count, freed only by
 * finalizers that run on a later turn of the event loop: a program rendering books one after the
 * other without a pause (a script converting a folder of books in memory, a property test) grew by
 * 17 MB a cover, to gigabytes (upstream thx/resvg-js#216; 2.7 tells V8 itself). So the objects
 * carry a zero-filled ArrayBuffer of the pixels' size (never touched: V8 counts it, the system does
 * not commit it), which makes the collector see their weight, and the answer waits one macrotask
 * turn, in which the finalizers of the renders already collected free their memory.
 */
const WEIGHT = Symbol('native pixels')

function weighed<T extends { width: number; height: number }>(image: T, ...owners: object[]): T {
  const weight = new ArrayBuffer(image.width * image.height * 4)
  for (const owner of [image, ...owners]) (owner as Record<symbol, unknown>)[WEIGHT] = weight
  return image
}

function released<T>(value: T): Promise<T> {
  return new Promise((resolve) => setImmediate(() => resolve(value)))
}

/**
 * Rasterise an SVG figure for the PDF with the native resvg, text in Literata (no system font is
 * loaded). `fit` gets the SVG's own size and answers the zoom to draw it at (or throws).
 */
export async function rasterizeSvg(
  svg: string,
  fit: (width: number, height: number) => number,
  _assets: Assets | undefined,
): Promise<Uint8Array | undefined> {
  const { Resvg } = resvgJs()
  const font = {
    loadSystemFonts: false,
    fontFiles: [require.resolve(`@expo-google-fonts/${SVG_FACE}`)],
    defaultFontFamily: 'Literata',
  }
  const probe = new Resvg(svg, { font, fitTo: { mode: 'original' } })
  const zoom = fit(probe.width, probe.height)
  const resvg = zoom === 1 ? probe : new Resvg(svg, { font, fitTo: { mode: 'zoom', value: zoom } })
  return await released(new Uint8Array(weighed(resvg.render(), resvg, probe).asPng()))
}

/** The face text in SVG figures is set in. */
export const SVG_FACE = 'literata/400Regular/Literata_400Regular.ttf'

/** pdfkit's Node build finds its standard fonts (the default Helvetica it starts with) itself. */
export function preparePdfkit(): void {}
