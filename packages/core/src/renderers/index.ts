/**
 * The renderer registry: a data table from name to renderer, shared by built-ins and plugins.
 */
import { epubRenderer } from './epub/index.js'
import { pdfRenderer } from './pdf/index.js'
import type { AnyRenderer, Renderer } from './types.js'

export type { AnyRenderer, Renderer } from './types.js'

const renderers = new Map<string, AnyRenderer>()

/** Add or replace a renderer under its `name`. */
export function registerRenderer<O>(renderer: Renderer<O>): void {
  renderers.set(renderer.name, renderer as AnyRenderer)
}

export function getRenderer(name: string): AnyRenderer | undefined {
  return renderers.get(name)
}

export function listRenderers(): AnyRenderer[] {
  return [...renderers.values()]
}

registerRenderer(epubRenderer)
registerRenderer(pdfRenderer)
