/**
 * What the pipeline tells the manifest about formats, taken from the registries at the time of
 * the call (so a reader or renderer registered by then, a plugin's included, is known): the
 * chapter extensions folder and glob discovery pick up, and each output format's book.yaml
 * section with its option schema. The manifest imports no format; this is how it learns them.
 */
import type { FormatSection } from '../options/schema.js'
import { discoveredExtensions } from '../readers/index.js'
import { listRenderers } from '../renderers/index.js'

export interface RegisteredFormats {
  extensions: string[]
  formats: FormatSection[]
}

export function registeredFormats(): RegisteredFormats {
  return {
    extensions: discoveredExtensions(),
    formats: listRenderers().map((r) =>
      r.options ? { name: r.name, options: r.options } : { name: r.name },
    ),
  }
}
