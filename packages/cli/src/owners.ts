/**
 * Which book each output came from, so that two books with the same title built into one
 * `--out` folder do not silently overwrite each other (both would be `<slug>.epub`). Each write
 * records `output path → book folder` in the user's state folder (`$XDG_STATE_HOME/octavo/outputs`,
 * default `~/.local/state/octavo/`), outside any book; a later build of another book to the same
 * path is refused with a message. A file with no record (made by hand, or by an older Octavo) is
 * overwritten as before. The record is one tab-separated line per write; the last line wins.
 */
import { access, appendFile, mkdir, readFile, realpath } from 'node:fs/promises'
import os from 'node:os'
import nodePath from 'node:path'

function storePath(): string {
  const base = process.env.XDG_STATE_HOME || nodePath.join(os.homedir(), '.local', 'state')
  return nodePath.join(base, 'octavo', 'outputs')
}

const real = (path: string) => realpath(path).catch(() => nodePath.resolve(path))

async function records(): Promise<Map<string, string>> {
  const map = new Map<string, string>()
  const text = await readFile(storePath(), 'utf8').catch(() => '')
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t')
    if (tab > 0) map.set(line.slice(0, tab), line.slice(tab + 1))
  }
  return map
}

/** The book folder another book's output at `target` came from, if it exists and was another's. */
export async function otherOwner(target: string, bookRoot: string): Promise<string | undefined> {
  const owner = (await records()).get(await real(target))
  if (owner === undefined) return undefined
  // Only an output that is still there can be lost.
  const exists = await access(target).then(
    () => true,
    () => false,
  )
  return exists && owner !== (await real(bookRoot)) ? owner : undefined
}

/** Record that `target` now holds an output of the book in `bookRoot`; failures are harmless. */
export async function recordOwner(target: string, bookRoot: string): Promise<void> {
  const [path, root] = await Promise.all([real(target), real(bookRoot)])
  if (/[\t\n]/.test(path + root)) return
  if ((await records()).get(path) === root) return
  try {
    await mkdir(nodePath.dirname(storePath()), { recursive: true })
    await appendFile(storePath(), `${path}\t${root}\n`, { mode: 0o600 })
  } catch {}
}
