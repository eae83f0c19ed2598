/**
 * Octavo's outputs recognised by what is inside them, not only by name (`outputs.ts`): an output
 * renamed, or written before the book's title changed, must not come back as a chapter. A
 * renderer whose output a reader could take for a chapter (text, Markdown, HTML) writes
 * `OUTPUT_MARKER` into it; a file carrying it, or an HTML generator tag naming Octavo, near its
 * start or end is left out of the chapters with a warning, unless the author named it outright.
 */
import type { SourceFile } from '../diagnostics/file.js'
import type { ManifestChapterEntry } from './plan.js'

/**
 * The token a renderer whose output a reader could take for a chapter (text, Markdown, HTML)
 * puts inside it, in a comment or a last line, so that no build reads it back as a chapter.
 */
export const OUTPUT_MARKER = 'octavo-output'

/** How far from each end of a file the marker is looked for. */
const MARKER_WINDOW = 4096

/**
 * Each marker's bytes, and the index of the byte searched for first: one that prose rarely holds
 * (not a letter or a space: `-`, `<`), so a chapter's text is passed over in a few native
 * `indexOf` jumps rather than stopping at every `o`.
 */
const MARKERS = [OUTPUT_MARKER, '<meta name="generator" content="Octavo'].map((text) => {
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0))
  const pivot = Math.max(
    0,
    bytes.findIndex((b) => !/[a-z ]/i.test(String.fromCharCode(b))),
  )
  return { bytes, pivot }
})

/** Whether `needle` occurs in `haystack`, found by its byte at `pivot` first. */
function includesBytes(haystack: Uint8Array, needle: Uint8Array, pivot: number): boolean {
  const key = needle[pivot]!
  const last = haystack.length - needle.length + pivot
  for (let i = haystack.indexOf(key, pivot); i >= 0 && i <= last; i = haystack.indexOf(key, i + 1)) {
    const start = i - pivot
    let j = 0
    while (j < needle.length && haystack[start + j] === needle[j]) j++
    if (j === needle.length) return true
  }
  return false
}

/** Whether a file's bytes carry Octavo's output marker in their first or last 4 KB (ASCII, so any ASCII-compatible encoding). */
export function carriesOutputMarker(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, MARKER_WINDOW)
  const tail = bytes.subarray(Math.max(MARKER_WINDOW, bytes.length - MARKER_WINDOW))
  return MARKERS.some(
    ({ bytes, pivot }) => includesBytes(head, bytes, pivot) || includesBytes(tail, bytes, pivot),
  )
}

/**
 * The sources that are not marked outputs; each one left out is reported on `report`. A file
 * named outright is the author's choice and is read.
 */
export function skipMarkedOutputs<T extends { entry: ManifestChapterEntry; bytes: Uint8Array | undefined }>(
  sources: readonly T[],
  named: ReadonlySet<string>,
  report: SourceFile,
): T[] {
  return sources.filter(({ entry, bytes }) => {
    if (!bytes || named.has(entry.file) || !carriesOutputMarker(bytes)) return true
    report.message(
      'book-output-skipped',
      `"${entry.file}" is marked as a file Octavo wrote (${OUTPUT_MARKER}); it was not read as a chapter`,
    )
    return false
  })
}
