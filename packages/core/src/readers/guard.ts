/**
 * The never-throw guard readers wrap themselves in: any input gives chapters or diagnostics.
 * An exception escaping a reader is Octavo's bug, not the author's, so it becomes one
 * `internal-error` diagnostic and an empty chapter rather than a crash of the whole build.
 */
import type { Chapter } from '../model/types.js'
import type { SyncRead } from './types.js'

export function neverThrows(label: string, source: string, read: SyncRead): SyncRead {
  return (input, file, options) => {
    try {
      return read(input, file, options)
    } catch (error) {
      file.message(
        'internal-error',
        `The ${label} reader failed: ${(error as Error)?.message ?? error}`,
        undefined,
        source,
      )
      const chapter: Chapter = {
        type: 'chapter',
        matter: options.matter ?? 'body',
        kind: 'chapter',
        file: file.path,
        children: [],
      }
      return { children: [chapter] }
    }
  }
}
