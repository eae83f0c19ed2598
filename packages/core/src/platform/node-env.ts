/**
 * The env of a book on disk (the CLI's, `loadBook`'s): `createNodeEnv` reads files from the
 * book's folder, following symlinks only while they stay inside it. Node-only, so it sits behind
 * the `#disk` import; the in-memory env and the `Env` contract are in `../env.ts`.
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import nodePath from 'node:path'
import { concatBytes } from '../bytes.js'
import { SourceFile } from '../diagnostics/file.js'
import { confinePath, DEFAULT_DATE, type Env, type ProgressStep, ResourceError } from '../env.js'
import { RESOURCE_LIMITS, type ResourceKind, tooLargeMessage } from '../limits.js'
import { nodeThreads } from './threads.js'

export interface NodeEnvOptions {
  /** Build date; default `DEFAULT_DATE`. The CLI passes SOURCE_DATE_EPOCH or the manifest date. */
  date?: Date
  file?: SourceFile
  /** See `Env.memo`. */
  memo?: Map<string, unknown>
  /** See `Env.progress`. */
  progress?: (step: ProgressStep) => void
  /** Let renderers use a worker thread (`Env.threads`; default true). The output is the same. */
  threads?: boolean
}

/**
 * An env reading from a folder on disk. Symlinks are followed only while they stay inside it.
 *
 * @example
 *   const env = createNodeEnv('my-novel/', { date: new Date('2024-05-01') })
 *   const cover = await env.readFile('images/cover.jpg')
 */
export function createNodeEnv(root: string, options: NodeEnvOptions = {}): Env {
  const absRoot = nodePath.resolve(root)
  let realRoot: string | undefined
  return {
    date: options.date ?? DEFAULT_DATE,
    file: options.file ?? new SourceFile(''),
    root: absRoot,
    ...(options.memo ? { memo: options.memo } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
    ...(options.threads === false ? {} : { threads: nodeThreads }),
    async readFile(path, kind = 'other') {
      const confined = confinePath(path)
      if (confined instanceof ResourceError) throw confined
      const abs = nodePath.join(absRoot, confined)
      let real: string
      try {
        realRoot ??= realpathSync.native(absRoot)
        real = realpathSync.native(abs)
      } catch {
        throw new ResourceError('resource-missing', `"${path}" does not exist`)
      }
      const base = realRoot
      // `base` is `/` itself when chapters come from two top-level folders.
      if (real !== base && !real.startsWith(base.endsWith(nodePath.sep) ? base : base + nodePath.sep)) {
        throw new ResourceError('resource-outside-book', `"${path}" is a link that leaves the book folder`)
      }
      return readRegularFile(real, path, kind)
    },
  }
}

/** What a stat says a path is, for messages. */
function describeNonFile(info: import('node:fs').Stats): string {
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a named pipe (FIFO)'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  return 'not a regular file'
}

/**
 * Read a regular file of at most `RESOURCE_LIMITS[kind]` bytes. Opened with O_NONBLOCK, so a path
 * that names a FIFO does not wait for a writer; the type and size are then checked on the open
 * handle, and the read stops at the limit even if the file grows meanwhile. `path` is the
 * book-relative name for messages.
 *
 * Synchronous inside, on purpose: a book is many small files, and each call of the promise API
 * is a round trip through the thread pool (stat, open, fstat, read, read, close: six per chapter).
 * On the 1,000-chapter serial that cost more than the reading itself; these calls take
 * microseconds each, and a chapter is read in one `read` of its stat size plus one byte.
 */
function readRegularFile(real: string, path: string, kind: ResourceKind): Uint8Array {
  const limit = RESOURCE_LIMITS[kind]
  const fail = (error: unknown): never => {
    if (error instanceof ResourceError) throw error
    throw new ResourceError('io-read', `"${path}" could not be read: ${(error as Error).message}`)
  }
  let fd: number
  try {
    fd = openSync(real, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0))
  } catch (error) {
    return fail(error)
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) {
      throw new ResourceError(
        'resource-not-file',
        `"${path}" is ${describeNonFile(info)}, not a file; only regular files are read`,
      )
    }
    if (info.size > limit)
      throw new ResourceError('resource-too-large', tooLargeMessage(path, info.size, kind))
    const chunks: Uint8Array[] = []
    let total = 0
    // Ask for one byte more than the stat size: a short read then means the end, without a
    // second call; a file that grew since the stat is read on to its end, never past the limit.
    for (let want = info.size + 1; ; want = 65_536) {
      const chunk = new Uint8Array(Math.min(want, limit + 1 - total))
      if (chunk.length === 0) break
      const bytesRead = readSync(fd, chunk, 0, chunk.length, total)
      if (bytesRead > 0) chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead))
      total += bytesRead
      if (total > limit) throw new ResourceError('resource-too-large', tooLargeMessage(path, total, kind))
      if (bytesRead < chunk.length) break
    }
    return chunks.length === 1 ? chunks[0]! : concatBytes(chunks, total)
  } catch (error) {
    return fail(error)
  } finally {
    closeSync(fd)
  }
}
