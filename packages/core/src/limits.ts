/**
 * The largest file Octavo reads, per kind of file. Every `Env.readFile` (on disk and in memory)
 * refuses a larger file with `resource-too-large` before reading it, so a stray video named
 * `cover.png` or a 600 MB log named `chapter.txt` ends in one clear diagnostic instead of
 * gigabytes of memory and an internal error. The figures are far above any real book's files
 * (the longest novels are a few MB of text; Noto CJK faces are about 20 MB) and far below what
 * the pipeline can hold.
 */

/** What a file is read as; picks its size limit. */
export type ResourceKind = 'chapter' | 'image' | 'css' | 'font' | 'other'

const MiB = 1024 * 1024

/** Largest file accepted per kind, in bytes. */
export const RESOURCE_LIMITS: Readonly<Record<ResourceKind, number>> = {
  /** 64 MiB: about ten million words, three times a 2,000,000-word serial in one chapter. */
  chapter: 64 * MiB,
  /** 64 MiB: the pixel limits (`MAX_IMAGE_PIXELS`) bind long before this for real images. */
  image: 64 * MiB,
  /** 4 MiB of stylesheet. */
  css: 4 * MiB,
  /** 64 MiB: the largest CJK font families fit. */
  font: 64 * MiB,
  other: 64 * MiB,
}

/** `1.5 MB` for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${Math.round((bytes / MiB) * 10) / 10} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}

/** The message for a file over its kind's limit. */
export function tooLargeMessage(path: string, size: number, kind: ResourceKind): string {
  const limit = formatBytes(RESOURCE_LIMITS[kind])
  const advice =
    kind === 'chapter'
      ? 'split it into several chapter files'
      : kind === 'other'
        ? 'it is not read'
        : 'it is left out'
  const what = kind === 'other' ? 'file' : `${kind === 'css' ? 'stylesheet' : kind} file`
  return `"${path}" is ${formatBytes(size)}; a ${what} may be at most ${limit}: ${advice}`
}
