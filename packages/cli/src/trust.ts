/**
 * Whose plugins run. A book's `plugins:` are code, and a book folder can come from anyone (a zip
 * from a forum, a cloned repository), so `build` runs them only for folders this user trusts:
 * ones `octavo init` made, or ones the user allowed, with `--allow-plugins` or by answering yes
 * on a terminal. Trust is kept outside the book, in the user's config folder
 * (`$XDG_CONFIG_HOME/octavo/trusted-folders`, default `~/.config/octavo/`), one real path a line,
 * so a book cannot declare itself trusted. `stats` and `check` never run a book's plugins.
 */
import { appendFile, mkdir, readFile, realpath } from 'node:fs/promises'
import os from 'node:os'
import nodePath from 'node:path'
import { createInterface } from 'node:readline/promises'

function storePath(): string {
  const base = process.env.XDG_CONFIG_HOME || nodePath.join(os.homedir(), '.config')
  return nodePath.join(base, 'octavo', 'trusted-folders')
}

async function real(folder: string): Promise<string> {
  return realpath(folder).catch(() => nodePath.resolve(folder))
}

export async function isTrusted(folder: string): Promise<boolean> {
  const text = await readFile(storePath(), 'utf8').catch(() => '')
  const path = await real(folder)
  return text.split('\n').includes(path)
}

/** Remember a folder as trusted; a failure to write only means the question comes again. */
export async function trustFolder(folder: string): Promise<void> {
  const path = await real(folder)
  if (path.includes('\n') || (await isTrusted(path))) return
  try {
    await mkdir(nodePath.dirname(storePath()), { recursive: true })
    await appendFile(storePath(), `${path}\n`, { mode: 0o600 })
  } catch {}
}

/** How `build` answers core's `bookPlugins` question. */
export function buildPluginPolicy(allow: boolean | undefined) {
  return async (root: string, specs: readonly string[]): Promise<boolean | string> => {
    if (allow || (await isTrusted(root))) return true
    const list = specs.join(', ')
    if (process.stdin.isTTY && process.stderr.isTTY) {
      const rl = createInterface({ input: process.stdin, output: process.stderr })
      try {
        const answer = await rl.question(
          `This book's book.yaml names plugins (${list}): code that runs on this computer.\nRun them, and trust ${root} from now on? [y/N] `,
        )
        if (/^y(es)?$/i.test(answer.trim())) {
          await trustFolder(root)
          return true
        }
      } finally {
        rl.close()
      }
      return `the book's plugins (${list}) were not run, so nothing was built`
    }
    return `book.yaml names plugins (${list}), which run as code on this computer; Octavo runs a book's plugins only in a folder made by \`octavo init\` or when allowed: run \`octavo build --allow-plugins\` if you trust this book`
  }
}

/** Inspecting a book (`stats`, `check`) never runs its code. */
export const neverRunPlugins = (): boolean => false
