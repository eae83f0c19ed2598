/**
 * Atomic output: write to a temporary file beside the target, fsync, then rename over it, so a
 * reader of the output never sees half a book and a failed or interrupted build leaves the
 * previous output in place. Temporary files are removed on failure and on SIGINT/SIGTERM; ones
 * left by a process that was killed outright (SIGKILL, power loss) are swept on the next build.
 */
import { createWriteStream, rmSync } from 'node:fs'
import { open, readdir, rename, rm, stat } from 'node:fs/promises'
import nodePath from 'node:path'
import { finished } from 'node:stream/promises'

const PREFIX = '.octavo-tmp-'
const live = new Set<string>()
/** Makes each temporary name unique within the process, even for two writes to one target. */
let written = 0

function cleanupSync(): void {
  for (const path of live) {
    try {
      // Synchronous on purpose: this runs inside a signal handler just before exit.
      rmSync(path, { force: true })
    } catch {}
  }
}

let handlersInstalled = false
function installHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanupSync()
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1))
    })
  }
}

function tempName(target: string): string {
  const dir = nodePath.dirname(target)
  return nodePath.join(dir, `${PREFIX}${process.pid}-${++written}-${nodePath.basename(target)}`)
}

/** Write `data` (bytes, or chunks as they come) to `target` atomically. */
export async function writeAtomic(
  target: string,
  data: Uint8Array | AsyncIterable<Uint8Array>,
): Promise<number> {
  installHandlers()
  const temp = tempName(target)
  live.add(temp)
  let size = 0
  try {
    if (data instanceof Uint8Array) {
      const handle = await open(temp, 'wx', 0o644)
      try {
        await handle.writeFile(data)
        await handle.sync()
      } finally {
        await handle.close()
      }
      size = data.byteLength
    } else {
      const stream = createWriteStream(temp, { flags: 'wx', mode: 0o644 })
      for await (const chunk of data) {
        size += chunk.byteLength
        if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()))
      }
      stream.end()
      await finished(stream)
      const handle = await open(temp, 'r')
      await handle.sync().finally(() => handle.close())
    }
    await rename(temp, target)
    return size
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  } finally {
    live.delete(temp)
  }
}

/** Remove temporary files in `dir` left by Octavo processes that no longer run. */
export async function sweepStaleTemps(dir: string): Promise<void> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue
    const pid = Number(name.slice(PREFIX.length).split('-')[0])
    if (pid === process.pid) continue
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) continue
    const path = nodePath.join(dir, name)
    if ((await stat(path).catch(() => undefined))?.isFile()) await rm(path, { force: true })
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
