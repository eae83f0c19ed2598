/** Small path helpers for planning: `/`-separated book paths and the common folder of files. */
import nodePath from 'node:path'

/** A platform path as a `/`-separated one. */
export function toPosix(path: string): string {
  return path.split(nodePath.sep).join('/')
}

/** The deepest folder containing every one of some absolute file paths. */
export function commonFolder(files: readonly string[]): string {
  const folders = files.map((file) => nodePath.dirname(file).split(nodePath.sep))
  const first = folders[0] ?? []
  let length = first.length
  for (const parts of folders) {
    let i = 0
    while (i < length && i < parts.length && parts[i] === first[i]) i++
    length = i
  }
  return first.slice(0, length).join(nodePath.sep) || nodePath.sep
}
