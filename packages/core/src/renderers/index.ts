/**
 * The renderer registry: a data table from name to renderer, shared by built-ins and plugins.
 */
import { epubRenderer } from './epub/index.js'
import { pdfRenderer } from './pdf/index.js'
import type { Renderer } from './types.js'

export type { Renderer } from './types.js'

const renderers = new Map<string, Renderer<any>>()

/** Add or replace a renderer under its `name`. */
export function registerRenderer<O>(renderer: Renderer<O>): void {
  renderers.set(renderer.name, renderer as Renderer<any>)
}

export function getRenderer(name: string): Renderer<any> | undefined {
  return renderers.get(name)
}

export function listRenderers(): Renderer<any>[] {
  return [...renderers.values()]
}

registerRenderer(epubRenderer)
registerRenderer(pdfRenderer)
