/**
 * Everything a stage needs from the outside world, injected so that stages stay pure and output
 * stays deterministic: reading book files (confined to the book's folder), the build time, and
 * the diagnostics sink, and the files Octavo ships (faces, hyphenation patterns). The CLI builds a
 * Node env (`platform/node-env.ts`); tests, in-memory callers and browsers build a memory env.
 * Nothing here imports a `node:` module: this is on the in-memory path.
 */
import type { initWasm } from '@resvg/resvg-wasm'
import type { Code } from './diagnostics/codes.js'
import { SourceFile } from './diagnostics/file.js'
import { RESOURCE_LIMITS, type ResourceKind, tooLargeMessage } from './limits.js'
import { normalize } from './posix-path.js'

export type { ResourceKind } from './limits.js'

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
   * Where the files Octavo ships come from. In Node they are read from `node_modules` and this
   * can be left out; a browser build is handed them here (see `Assets`).
   */
  readonly assets?: Assets
  /**
   * Told how far a long step has got (chapters read, chapters typeset into the PDF), for a
   * progress display. Optional; called often, so it must be cheap. Never affects the output.
   */
  readonly progress?: (step: ProgressStep) => void
  /**
   * Other threads to run pure work on (the Node env's worker thread); absent, everything runs on
   * the caller's thread. Never affects the output: a thread computes exactly what the caller
   * would have, byte for byte.
   */
  readonly threads?: Threads
}

/**
 * Pure work handed to another thread while the caller goes on (the PDF's page streams are
 * compressed while the next page is composed).
 */
export interface Threads {
  /**
   * Start compressing `bytes` as fflate's `zlibSync(bytes, { level })` does, or with `raw` as
   * its `deflateSync` (no zlib wrapper: a zip entry's body). The returned function gives the
   * result, waiting for it if it is not ready: synchronously, as pdfkit writes a stream the
   * moment it ends it. Call it exactly once; its `ready` (`Deflating`) says, without waiting,
   * whether it would wait. `bytes` is copied.
   */
  deflate(bytes: Uint8Array, level: number, raw?: boolean): Deflating
  /**
   * Rasterise the generated cover's SVG as the platform's `rasterizeCover` does, on another
   * thread, so the EPUB's chapters are written meanwhile: the same PNG, byte for byte. Optional;
   * undefined when the thread cannot do it (the caller then rasterises on its own thread).
   */
  rasterizeCover?(svg: string, fontFiles: readonly string[]): Promise<Uint8Array> | undefined
  /**
   * Start the thread `rasterizeCover` will use, ahead (it takes tens of ms to start): called
   * while a book that may get a generated cover loads; with a `guess`, the thread draws it
   * meanwhile. Optional; unused, it costs no output.
   */
  prepareCover?(guess?: CoverGuess): void
  /**
   * Start the thread now, ahead of its first job: a render that will hand it work calls this as
   * it starts, so the thread is running when the first job comes instead of starting then (while
   * a thread starts, jobs are done on the caller's thread). Optional; calling it again does nothing.
   */
  start?(): void
  /**
   * Run one of the core's thread entries on a worker thread of its own (`pdf-layout`: the PDF's
   * paragraphs broken ahead of the pages that set them, `renderers/pdf/prebreak.ts`), handed
   * `data` by structured clone (a `SharedArrayBuffer` in it is shared). Optional; undefined when
   * no thread can be started. Whatever the thread answers, the caller's output is what it would
   * have computed alone.
   */
  spawn?(entry: ThreadEntry, data: unknown): ThreadChannel | undefined
  /**
   * Cores the threads may run on (Node's `os.availableParallelism()`). Work that pays only with
   * a core to spare asks it (`spawn`'s callers); absent counts as one.
   */
  readonly cores?: number
}

/** The core's modules that run on a thread of their own (`Threads.spawn`). */
export type ThreadEntry = 'pdf-layout'

/** The caller's end of a spawned thread. */
export interface ThreadChannel {
  /**
   * The thread's next message, taken synchronously (never through the event loop, which the
   * caller may be blocking); undefined when none has come.
   */
  receive(): unknown
  /** End the thread (it may be mid-job: its work is dropped). */
  close(): void
}

/**
 * The cover a book will likely get, from what is known before its chapters are read (the
 * plan's metadata): the thread draws it at once, and `rasterizeCover` of the same SVG and faces
 * takes that PNG. Any other SVG is drawn anew: a guess changes when the cover is ready, never
 * what it is.
 */
export interface CoverGuess {
  svg: string
  fontFiles: readonly string[]
}

/**
 * A result of `Threads.deflate`: called (once), it gives the result, waiting for it if need be.
 * `ready`, where there is one, says without waiting whether calling it now would give the result
 * at once (the other thread has answered, or the caller's thread computes it anyway); with none,
 * the result is always ready.
 */
export interface Deflating {
  (): Uint8Array
  ready?(): boolean
  /**
   * Take the result computed on the caller's thread at once (the other thread's, when it is
   * already there): the other thread skips the job unless it has started it. For a caller that
   * would otherwise wait for an older job: it works instead of waiting. Call it, or the result,
   * once.
   */
  here?(): Uint8Array
}

/** How far a step has got: `done` of `total` units (chapters), and PDF pages made so far. */
export interface ProgressStep {
  /** `read` (chapter files), or a renderer's name (`pdf`). */
  stage: string
  done: number
  total: number
  pages?: number
}

/**
 * The files Octavo ships and reads only when a format needs them. In Node each one missing here
 * is found in `node_modules`; in a browser an asset that is needed and not given stops the
 * render with a diagnostic naming it. Each function may answer from memory, an `import` or a
 * `fetch`; returning undefined means "not available".
 *
 * @example
 *   // A web app serving the faces it uses next to its bundle:
 *   const assets: Assets = {
 *     font: async (file) => new Uint8Array(await (await fetch(`/fonts/${file}`)).arrayBuffer()),
 *     hyphenation: async (set) => (await import(`hyphen/patterns/${set}.js`)).default,
 *     resvgWasm: () => fetch('/resvg.wasm'),
 *   }
 */
export interface Assets {
  /**
   * A built-in face by its path inside the `@expo-google-fonts` packages, e.g.
   * `literata/400Regular/Literata_400Regular.ttf` (the PDF's faces, the generated cover's), or
   * `noto-serif-jp/400Regular/NotoSerifJP_400Regular.ttf` (asked only for a book with CJK text;
   * without it that text is refused in the PDF).
   */
  font?(file: string): Promise<Uint8Array | undefined> | Uint8Array | undefined
  /**
   * A pattern set of the `hyphen` package by name (`en-us`, `de-1996`, …): what
   * `hyphen/patterns/<name>.js` exports. Without it the PDF is set without hyphenation (warned).
   */
  hyphenation?(set: string): Promise<unknown> | unknown
  /**
   * `@resvg/resvg-wasm`'s `index_bg.wasm` (bytes, a `Response`, or a compiled module), which
   * draws the generated cover in a browser (Node uses the native resvg). Without it no cover is
   * generated (warned).
   */
  resvgWasm?(): Promise<ResvgWasmSource> | ResvgWasmSource
}

/** What `initWasm` of `@resvg/resvg-wasm` accepts: bytes, a `Response` (`fetch(url)`), a compiled module. */
export type ResvgWasmSource = Parameters<typeof initWasm>[0]

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
  const normal = normalize(slashed)
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

export interface MemoryEnvOptions {
  /** Build date; default `DEFAULT_DATE`. */
  date?: Date
  file?: SourceFile
  /** See `Env.memo`. */
  memo?: Map<string, unknown>
  /** See `Env.assets`: what a browser build hands Octavo (faces, hyphenation patterns, resvg). */
  assets?: Assets
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
    ...(options.assets ? { assets: options.assets } : {}),
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
