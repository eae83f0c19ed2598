/**
 * The env of a book on disk (the CLI's, `loadBook`'s): `createNodeEnv` reads files from the
 * book's folder, following symlinks only while they stay inside it. Node-only, so it sits behind
 * the `#disk` import; the in-memory env and the `Env` contract are in `../env.ts`.
 */
import { readFile as fsReadFile, realpath } from 'node:fs/promises'
import nodePath from 'node:path'
import { SourceFile } from '../diagnostics/file.js'
import { confinePath, DEFAULT_DATE, type Env, ResourceError } from '../env.js'

export interface NodeEnvOptions {
  /** Build date; default `DEFAULT_DATE`. The CLI passes SOURCE_DATE_EPOCH or the manifest date. */
  date?: Date
  file?: SourceFile
  /** See `Env.memo`. */
  memo?: Map<string, unknown>
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
    async readFile(path) {
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
      if (real !== base && !real.startsWith(base + nodePath.sep)) {
        throw new ResourceError('resource-outside-book', `"${path}" is a link that leaves the book folder`)
      }
      try {
        return new Uint8Array(await fsReadFile(real))
      } catch (error) {
        throw new ResourceError('io-read', `"${path}" could not be read: ${(error as Error).message}`)
      }
    },
  }
}
