/**
 * Everything a stage needs from the outside world, injected so that stages stay pure and output
 * stays deterministic: reading book files (confined to the book's folder), the build time, and
 * the diagnostics sink. The CLI builds a Node env; tests and in-memory callers build a memory env.
 */
import { constants as fsConstants } from 'node:fs'
import { open, realpath, stat } from 'node:fs/promises'
import nodePath from 'node:path'
import type { Code } from './diagnostics/codes.js'
import { SourceFile } from './diagnostics/file.js'
import { RESOURCE_LIMITS, type ResourceKind, tooLargeMessage } from './resources/limits.js'

export type { ResourceKind } from './resources/limits.js'

/**
 * Thrown by `Env.readFile`; carries the code a caller reports with its own position.
 *
 * @example
 *   const env = createMemoryEnv({})
 *   await env.readFile('missing.png').catch((e) => {
 *     if (e instanceof ResourceError) console.error(e.code, e.message)
 *   })
 */
export class ResourceError extends Error {
  constructor(
    readonly code: Extract<Code, `resource-${string}` | 'io-read'>,
    message: string,
  ) {
    super(message)
    this.name = 'ResourceError'
  }
}

export interface Env {
  /**
   * Read a book-relative, `/`-separated path. Rejects with `ResourceError` when the path is
   * absolute, leaves the book folder (`..`, or a symlink pointing out), is a URL, or is missing;
   * when it names something other than a regular file (a folder, a FIFO, a device:
   * `resource-not-file`, never a read that waits forever); and when the file is larger than
   * `RESOURCE_LIMITS[kind]` (`resource-too-large`, checked before reading). `kind` defaults to
   * `'other'`.
   */
  readFile(path: string, kind?: ResourceKind): Promise<Uint8Array>
  /** The build time written into outputs (`dcterms:modified`, PDF dates): never the clock. */
  readonly date: Date
  /** Book-level diagnostics (renderers report here, with `file` set on each message as needed). */
  readonly file: SourceFile
  /** Absolute folder of the book on disk; absent for in-memory books. */
  readonly root?: string
  /**
   * A store that outlives one render (watch mode), where renderers keep results of pure,
   * expensive work keyed by a hash of its input: compressed zip entries, a generated cover.
   * Absent means nothing is kept. The values are never part of the output's identity.
   */
  readonly memo?: Map<string, unknown>
  /**
   * Told how far a long step has got (chapters read, chapters typeset into the PDF), for a
   * progress display. Optional; called often, so it must be cheap. Never affects the output.
   */
  readonly progress?: (step: ProgressStep) => void
}

/** How far a step has got: `done` of `total` units (chapters), and PDF pages made so far. */
export interface ProgressStep {
  /** `read` (chapter files), or a renderer's name (`pdf`). */
  stage: string
  done: number
  total: number
  pages?: number
}

/** 2000-01-01T00:00:00Z: the build date when neither SOURCE_DATE_EPOCH nor the manifest gives one. */
export const DEFAULT_DATE = new Date(Date.UTC(2000, 0, 1))

/**
 * Check a book-relative path and return it normalised (`a/./b/../c.png` → `a/c.png`).
 * Returns a `ResourceError` instead of throwing, so readers can report it in place.
 */
export function confinePath(path: string): string | ResourceError {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) {
    return new ResourceError('resource-network', `"${path}" is a URL; Octavo never fetches from the network`)
  }
  const slashed = path.replace(/\\/g, '/')
  if (slashed.startsWith('/') || /^[a-z]:\//i.test(slashed)) {
    return new ResourceError(
      'resource-outside-book',
      `"${path}" is an absolute path; use a path inside the book folder`,
    )
  }
  const normal = nodePath.posix.normalize(slashed)
  if (normal === '..' || normal.startsWith('../')) {
    return new ResourceError('resource-outside-book', `"${path}" leaves the book folder`)
  }
  return normal.replace(/^\.\//, '')
}

/**
 * Parse `SOURCE_DATE_EPOCH` (seconds since 1970); undefined when absent or malformed.
 *
 * @example
 *   dateFromEpoch('1700000000') // 2023-11-14T22:13:20.000Z
 *   dateFromEpoch('not a number') // undefined
 *   const date = dateFromEpoch(process.env.SOURCE_DATE_EPOCH)
 */
export function dateFromEpoch(value: string | undefined): Date | undefined {
  if (value === undefined || !/^\d{1,12}$/.test(value.trim())) return undefined
  return new Date(Number(value.trim()) * 1000)
}

export interface NodeEnvOptions {
  /** Build date; default `DEFAULT_DATE`. The CLI passes SOURCE_DATE_EPOCH or the manifest date. */
  date?: Date
  file?: SourceFile
  /** See `Env.memo`. */
  memo?: Map<string, unknown>
  /** See `Env.progress`. */
  progress?: (step: ProgressStep) => void
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
  let realRoot: Promise<string> | undefined
  return {
    date: options.date ?? DEFAULT_DATE,
    file: options.file ?? new SourceFile(''),
    root: absRoot,
    ...(options.memo ? { memo: options.memo } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
    async readFile(path, kind = 'other') {
      const confined = confinePath(path)
      if (confined instanceof ResourceError) throw confined
      const abs = nodePath.join(absRoot, confined)
      realRoot ??= realpath(absRoot)
      let real: string
      try {
        real = await realpath(abs)
      } catch {
        throw new ResourceError('resource-missing', `"${path}" does not exist`)
      }
      const base = await realRoot
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
 * Read a regular file of at most `RESOURCE_LIMITS[kind]` bytes. The type and size are checked
 * by `stat` before opening (opening a FIFO for reading waits for a writer), then again on the
 * open handle (the path may have been swapped in between); the read stops at the limit even if
 * the file grows meanwhile. `path` is the book-relative name for messages.
 */
async function readRegularFile(real: string, path: string, kind: ResourceKind): Promise<Uint8Array> {
  const limit = RESOURCE_LIMITS[kind]
  const check = (info: import('node:fs').Stats) => {
    if (!info.isFile()) {
      throw new ResourceError(
        'resource-not-file',
        `"${path}" is ${describeNonFile(info)}, not a file; only regular files are read`,
      )
    }
    if (info.size > limit)
      throw new ResourceError('resource-too-large', tooLargeMessage(path, info.size, kind))
  }
  const fail = (error: unknown): never => {
    if (error instanceof ResourceError) throw error
    throw new ResourceError('io-read', `"${path}" could not be read: ${(error as Error).message}`)
  }
  try {
    check(await stat(real))
  } catch (error) {
    fail(error)
  }
  // O_NONBLOCK: should the path have become a FIFO since the stat, opening it does not wait.
  const handle = await open(real, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0)).catch(fail)
  try {
    const info = await handle.stat()
    check(info)
    const chunks: Uint8Array[] = []
    let total = 0
    // Read to the end (a stat size can be stale), never past the limit.
    for (;;) {
      const want = total < info.size ? info.size - total : 65_536
      const chunk = new Uint8Array(Math.min(want, limit + 1 - total))
      if (chunk.length === 0) break
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total)
      if (bytesRead === 0) break
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead))
      total += bytesRead
      if (total > limit) throw new ResourceError('resource-too-large', tooLargeMessage(path, total, kind))
    }
    if (chunks.length === 1) return chunks[0]!
    const bytes = new Uint8Array(total)
    let at = 0
    for (const chunk of chunks) {
      bytes.set(chunk, at)
      at += chunk.length
    }
    return bytes
  } catch (error) {
    return fail(error)
  } finally {
    await handle.close()
  }
}

export interface MemoryEnvOptions {
  date?: Date
  file?: SourceFile
  /** See `Env.memo`. */
  memo?: Map<string, unknown>
}

/**
 * An env over in-memory files (book-relative path → bytes or text): no file system access.
 *
 * @example
 *   const env = createMemoryEnv({ 'style.css': 'p { margin: 0 }', 'cover.png': pngBytes })
 *   const css = new TextDecoder().decode(await env.readFile('style.css'))
 */
export function createMemoryEnv(
  files: Record<string, Uint8Array | string> = {},
  options: MemoryEnvOptions = {},
): Env {
  const table = new Map<string, Uint8Array>()
  for (const [key, value] of Object.entries(files)) {
    const confined = confinePath(key)
    if (typeof confined !== 'string') throw confined
    table.set(confined, typeof value === 'string' ? new TextEncoder().encode(value) : value)
  }
  return {
    date: options.date ?? DEFAULT_DATE,
    file: options.file ?? new SourceFile(''),
    ...(options.memo ? { memo: options.memo } : {}),
    async readFile(path, kind = 'other') {
      const confined = confinePath(path)
      if (confined instanceof ResourceError) throw confined
      const bytes = table.get(confined)
      if (!bytes) throw new ResourceError('resource-missing', `"${path}" does not exist`)
      if (bytes.length > RESOURCE_LIMITS[kind])
        throw new ResourceError('resource-too-large', tooLargeMessage(path, bytes.length, kind))
      return bytes
    },
  }
}
