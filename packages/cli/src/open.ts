/**
 * `--open`: hand each file a build wrote to the system's viewer, as `open` does on macOS,
 * `start` on Windows and `xdg-open` elsewhere. The viewer is started detached and never waited
 * for (some openers stay until the viewer closes), so the command ends when the build does.
 * `OCTAVO_OPENER` names another program to run instead, with the file as its one argument: a
 * desktop without xdg-utils can name its viewer, and the tests record the call without opening
 * anything.
 */
import { spawn } from 'node:child_process'

/** The program and leading arguments that open a file with its default viewer on this system. */
export function opener(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): { command: string; args: string[]; install?: string } {
  if (env.OCTAVO_OPENER) return { command: env.OCTAVO_OPENER, args: [] }
  if (platform === 'darwin') return { command: 'open', args: [] }
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the "".
  if (platform === 'win32') return { command: 'cmd', args: ['/d', '/s', '/c', 'start', '""'] }
  return { command: 'xdg-open', args: [], install: 'xdg-utils' }
}

/**
 * Start the viewer for `file`; resolves once it has started, or with why it could not
 * (a missing opener), so the caller can say so. Never rejects: a book that was written is not
 * a failed build because no viewer could show it.
 */
export function openFile(file: string): Promise<string | undefined> {
  const { command, args, install } = opener()
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>
    try {
      child = spawn(command, [...args, file], { detached: true, stdio: 'ignore', windowsHide: true })
    } catch (error) {
      resolve((error as Error).message)
      return
    }
    child.once('error', (error: NodeJS.ErrnoException) => {
      resolve(
        error.code === 'ENOENT'
          ? `${command} was not found${install ? ` (install ${install}, or name a viewer in OCTAVO_OPENER)` : ''}`
          : error.message,
      )
    })
    child.once('spawn', () => {
      child.unref()
      resolve(undefined)
    })
  })
}
