/**
 * The browser side of `#platform` (see `node.ts`): nothing is found in `node_modules` at run
 * time. A web app hands Octavo the faces, hyphenation patterns and resvg's WebAssembly through
 * `Env.assets`; the generated cover is drawn by resvg-wasm, which gives the same PNG bytes as
 * Node's native resvg; pdfkit's browser build is given the standard font it starts with.
 */
import { initWasm, Resvg } from '@resvg/resvg-wasm'
import { analyse } from 'chardet'
import * as pdfkit from 'pdfkit'
import Helvetica from 'pdfkit/standard-fonts/Helvetica'
import type { Assets } from '../env.js'
import type * as node from './node.js'

/** Nothing ships beside a bundle: faces come from `Env.assets.font`. */
export const builtinFont: typeof node.builtinFont = async () => undefined

/** chardet is bundled with the rest: the browser has no file to load it from when needed. */
export const analyseLegacyEncoding: typeof node.analyseLegacyEncoding = (sample) => analyse(sample)

/** No synchronous native digest here: `hash.ts` digests in JavaScript. */
export const nativeSha1: typeof node.nativeSha1 = () => undefined

/** No native inflater here: `resources/png.ts` and the archive reader inflate in JavaScript. */
export const nativeInflate: typeof node.nativeInflate = () => undefined
export const nativeInflateRaw: typeof node.nativeInflateRaw = () => undefined

/** Nor a native brotli: `renderers/pdf/woff.ts` decompresses WOFF2 in JavaScript. */
export const nativeBrotli: typeof node.nativeBrotli = () => undefined

/** Nothing ships beside a bundle: patterns come from `Env.assets.hyphenation`. */
export const builtinHyphenation: typeof node.builtinHyphenation = () => undefined

// resvg-wasm is initialised once per page; a failed start may be retried with other assets.
let started: Promise<void> | undefined

/** resvg-wasm started, once per page; undefined when the app gave no module. */
async function startResvg(assets: Assets | undefined): Promise<boolean> {
  if (!started) {
    const source = await assets?.resvgWasm?.()
    if (!source) return false
    started = initWasm(source).catch((error) => {
      started = undefined
      throw error
    })
  }
  await started
  return true
}

/** The faces named, from `assets.font`; undefined when one is missing. */
async function faces(
  files: readonly string[],
  assets: Assets | undefined,
): Promise<Uint8Array[] | undefined> {
  const fontBuffers: Uint8Array[] = []
  for (const file of files) {
    const bytes = await assets?.font?.(file)
    if (!bytes) return undefined
    fontBuffers.push(bytes)
  }
  return fontBuffers
}

/** Rasterise the cover SVG with resvg-wasm; undefined when its module or a face was not given. */
export const rasterizeCover: typeof node.rasterizeCover = async (
  svg,
  fontFiles,
  assets: Assets | undefined,
) => {
  if (!(await startResvg(assets))) return undefined
  const fontBuffers = await faces(fontFiles, assets)
  if (!fontBuffers) return undefined
  const resvg = new Resvg(svg, {
    font: { fontBuffers, loadSystemFonts: false, defaultFontFamily: 'Literata' },
    fitTo: { mode: 'original' },
  })
  try {
    return resvg.render().asPng()
  } finally {
    resvg.free()
  }
}

/** Rasterise an SVG figure with resvg-wasm; undefined when its module or the face was not given. */
export const rasterizeSvg: typeof node.rasterizeSvg = async (svg, fit, assets) => {
  if (!(await startResvg(assets))) return undefined
  const fontBuffers = await faces([SVG_FACE], assets)
  if (!fontBuffers) return undefined
  const font = { fontBuffers, loadSystemFonts: false, defaultFontFamily: 'Literata' }
  const probe = new Resvg(svg, { font, fitTo: { mode: 'original' } })
  let resvg = probe
  try {
    const zoom = fit(probe.width, probe.height)
    if (zoom !== 1) resvg = new Resvg(svg, { font, fitTo: { mode: 'zoom', value: zoom } })
    return resvg.render().asPng()
  } finally {
    if (resvg !== probe) resvg.free()
    probe.free()
  }
}

export const SVG_FACE = 'literata/400Regular/Literata_400Regular.ttf'

let pdfkitReady = false

/**
 * pdfkit's browser build knows no standard font until one is registered, and a document starts
 * in Helvetica (never drawn with here: Octavo embeds its own faces). Registered once per page.
 */
export const preparePdfkit: typeof node.preparePdfkit = () => {
  if (pdfkitReady) return
  ;(pdfkit as unknown as { registerStdFonts(...fonts: unknown[]): void }).registerStdFonts(Helvetica)
  pdfkitReady = true
}
