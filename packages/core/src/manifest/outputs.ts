/**
 * A build never reads back what an earlier build wrote. With the default `--out .` the outputs
 * land beside the chapters, and a plugin's `.txt` or `.html` output would be picked up as a new
 * chapter by the next build (in watch mode, by every rebuild). A chapter file in the output
 * folder named like one of this book's outputs (`outputName(title)` plus a registered renderer's
 * extension) is left out with a warning, unless the author named it outright. A file that says
 * inside that it is an output is left out too (`output-marker.ts`).
 */
import nodePath from 'node:path'
import type { SourceFile } from '../diagnostics/file.js'
import type { ManifestChapterEntry } from './plan.js'
import { outputName } from './slug.js'

export interface OutputPlace {
  /** Absolute path of the folder outputs are written to. */
  folder: string
  /** Extensions of the outputs, with the dot (`.epub`, a plugin's `.txt`). */
  extensions: readonly string[]
}

/** The chapters that are not outputs of this book; each one left out is reported on `report`. */
export function skipOutputs(
  chapters: readonly ManifestChapterEntry[],
  named: ReadonlySet<string>,
  root: string,
  title: string,
  outputs: OutputPlace,
  report: SourceFile,
): ManifestChapterEntry[] {
  const name = outputName(title)
  const taken = new Set(outputs.extensions.map((ext) => nodePath.resolve(outputs.folder, name + ext)))
  return chapters.filter((entry) => {
    // A file named outright is the author's choice; overwriting it is refused when writing.
    if (named.has(entry.file) || !taken.has(nodePath.resolve(root, ...entry.file.split('/')))) return true
    report.message(
      'book-output-skipped',
      `"${entry.file}" is named like this book's own ${nodePath.extname(entry.file)} output in the output folder; it was not read as a chapter`,
    )
    return false
  })
}
