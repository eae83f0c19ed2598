/**
 * The never-throw guard readers wrap themselves in: any input gives chapters or diagnostics.
 * An exception escaping a reader is Octavo's bug, not the author's, so it becomes one
 * `internal-error` diagnostic and an empty chapter rather than a crash of the whole build.
 */
import type { SourceFile } from '../diagnostics/file.js'
import type { Chapter } from '../model/types.js'
import type { Reader, ReaderOptions, ReadResult, SyncRead } from './types.js'

export function neverThrows(label: string, source: string, read: SyncRead): SyncRead {
  return (input, file, options) => {
    try {
      return read(input, file, options)
    } catch (error) {
      return failed(label, source, error, file, options)
    }
  }
}

/** `neverThrows` for a read that may answer with a promise: a rejection is caught the same way. */
export function neverFails(label: string, source: string, read: Reader['read']): Reader['read'] {
  return (input, file, options) => {
    try {
      const result = read(input, file, options)
      if (!(result instanceof Promise)) return result
      return result.catch((error: unknown) => failed(label, source, error, file, options))
    } catch (error) {
      return failed(label, source, error, file, options)
    }
  }
}

function failed(
  label: string,
  source: string,
  error: unknown,
  file: SourceFile,
  options: ReaderOptions,
): ReadResult {
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
