/**
 * Files that came inside an input rather than from the book folder (an EPUB's images, a Word
 * file's media: `ReadResult.resources`), served to the renderers through the same `Env.readFile`
 * as book files, with the same size limits. Their paths sit under the input's own path
 * (`novel.epub/OEBPS/images/map.png`), which no file on disk can have, so a book file is never
 * shadowed; every other path goes to the env underneath. Nothing here touches a disk.
 */
import { type Env, ResourceError } from '../env.js'
import { RESOURCE_LIMITS, tooLargeMessage } from '../limits.js'

/** `env` with `resources` readable at their paths; `env` itself when there are none. */
export function withResources(env: Env, resources: ReadonlyMap<string, Uint8Array>): Env {
  if (resources.size === 0) return env
  const readFile: Env['readFile'] = async (path, kind = 'other') => {
    const bytes = resources.get(path)
    if (!bytes) return env.readFile(path, kind)
    if (bytes.length > RESOURCE_LIMITS[kind])
      throw new ResourceError('resource-too-large', tooLargeMessage(path, bytes.length, kind))
    return bytes
  }
  // The env may be a class instance with getters: keep its prototype and own properties.
  return Object.assign(Object.create(Object.getPrototypeOf(env)), env, { readFile })
}
