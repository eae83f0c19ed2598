/**
 * The browser side of `#platform` (see `node.ts`): nothing is found in `node_modules` at run
 * time. A web app hands Octavo the faces, hyphenation patterns and resvg's WebAssembly through
 * `Env.assets`; the generated cover is drawn by resvg-wasm, which gives the same PNG bytes as
 * Node's native resvg; pdfkit's browser build is given the standard font it starts with.
 */
import { initWasm, Resvg } from '@resvg/resvg-wasm'
import * as pdfkit from 'pdfkit'
import Helvetica from 'pdfkit/standard-fonts/Helvetica'
import type { Assets } from '../env.js'
import type * as node from './node.js'

/** Nothing ships beside a bundle: faces come from `Env.assets.font`. */
export const builtinFont: typeof node.builtinFont = async () => undefined

/** Nothing ships beside a bundle: patterns come from `Env.assets.hyphenation`. */
export const builtinHyphenation: typeof node.builtinHyphenation = () => undefined

// resvg-wasm is initialised once per page; a failed start may be retried with other assets.
let started: Promise<void> | undefined

/** Rasterise the cover SVG with resvg-wasm; undefined when its module or a face was not given. */
export const rasterizeCover: typeof node.rasterizeCover = async (
  svg,
  fontFiles,
  assets: Assets | undefined,
) => {
  if (!started) {
    const source = await assets?.resvgWasm?.()
    if (!source) return undefined
    started = initWasm(source).catch((error) => {
      started = undefined
      throw error
    })
  }
  await started
  const fontBuffers: Uint8Array[] = []
  for (const file of fontFiles) {
    const bytes = await assets?.font?.(file)
    if (!bytes) return undefined
    fontBuffers.push(bytes)
  }
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
