/**
 * Loading third-party plugins named in book.yaml (`plugins:`) or with `--plugin`: a package name
 * resolved from the book's folder, or a book-relative module path. A plugin module exports (as
 * default or named) any of `renderers`, `readers`, `transforms`, or is itself one renderer. They
 * go into the same registries as the built-ins, so `--format NAME` finds them.
 */
import { createRequire } from 'node:module'
import nodePath from 'node:path'
import { pathToFileURL } from 'node:url'
import type { SourceFile } from './diagnostics/file.js'
import { confinePath, ResourceError } from './env.js'
import { type Reader, registerReader } from './readers/index.js'
import { registerRenderer } from './renderers/index.js'
import type { AnyRenderer } from './renderers/types.js'
import type { Transform } from './transforms/types.js'

/** What a plugin module may export. */
export interface Plugin {
  renderers?: AnyRenderer[]
  readers?: Reader[]
  transforms?: Transform[]
}

function isRenderer(value: unknown): value is AnyRenderer {
  const r = value as AnyRenderer
  return !!r && typeof r === 'object' && typeof r.name === 'string' && typeof r.render === 'function'
}

function isReader(value: unknown): value is Reader {
  const r = value as Reader
  return (
    !!r &&
    typeof r === 'object' &&
    typeof r.name === 'string' &&
    typeof r.read === 'function' &&
    Array.isArray(r.extensions)
  )
}

/**
 * Normalise a module namespace into a Plugin, or explain what is wrong with it.
 *
 * @example
 *   const plugin = pluginFrom(await import('./my-renderer.js'))
 *   if (typeof plugin === 'string') throw new Error(`not a plugin: ${plugin}`)
 *   for (const renderer of plugin.renderers ?? []) registerRenderer(renderer)
 */
export function pluginFrom(namespace: Record<string, unknown>): Plugin | string {
  const candidate = (namespace.default ?? namespace) as Record<string, unknown>
  if (isRenderer(candidate)) return { renderers: [candidate] }
  const plugin: Plugin = {}
  for (const key of ['renderers', 'readers', 'transforms'] as const) {
    const value = candidate[key] ?? namespace[key]
    if (value === undefined) continue
    if (!Array.isArray(value)) return `\`${key}\` must be an array`
    const ok =
      key === 'renderers'
        ? value.every(isRenderer)
        : key === 'readers'
          ? value.every(isReader)
          : value.every((t) => typeof t === 'function')
    if (!ok) return `an entry of \`${key}\` does not have the ${key.slice(0, -1)} shape`
    ;(plugin as Record<string, unknown>)[key] = value
  }
  if (!plugin.renderers && !plugin.readers && !plugin.transforms) {
    return 'it exports none of `renderers`, `readers`, `transforms`, nor a renderer'
  }
  return plugin
}

/**
 * Import and register plugins; returns their transforms, or undefined after reporting an error.
 *
 * @example
 *   const file = new SourceFile('')
 *   const loaded = await loadPlugins(['octavo-docx', './plugins/house-style.js'], '/books/my-novel', file)
 *   if (!loaded) console.error(file.messages.map(formatDiagnostic).join('\n'))
 */
export async function loadPlugins(
  specs: string[],
  root: string,
  file: SourceFile,
): Promise<{ transforms: Transform[] } | undefined> {
  const transforms: Transform[] = []
  const require = createRequire(nodePath.join(root, 'book.yaml'))
  for (const spec of specs) {
    let url: string
    if (spec.startsWith('.') || spec.startsWith('/') || /\.[cm]?js$/.test(spec)) {
      const confined = confinePath(spec)
      if (confined instanceof ResourceError) {
        file.message('plugin-load', `plugin "${spec}": ${confined.message}`)
        return undefined
      }
      url = pathToFileURL(nodePath.join(root, confined)).href
    } else {
      try {
        url = pathToFileURL(require.resolve(spec)).href
      } catch {
        file.message('plugin-load', `plugin "${spec}" is not installed (looked from ${root})`)
        return undefined
      }
    }
    let namespace: Record<string, unknown>
    try {
      namespace = await import(url)
    } catch (error) {
      file.message('plugin-load', `plugin "${spec}" failed to load: ${(error as Error).message}`)
      return undefined
    }
    const plugin = pluginFrom(namespace)
    if (typeof plugin === 'string') {
      file.message('plugin-load', `plugin "${spec}" has the wrong shape: ${plugin}`)
      return undefined
    }
    for (const renderer of plugin.renderers ?? []) registerRenderer(renderer)
    for (const reader of plugin.readers ?? []) registerReader(reader)
    transforms.push(...(plugin.transforms ?? []))
  }
  return { transforms }
}
