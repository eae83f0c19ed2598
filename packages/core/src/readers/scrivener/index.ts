/**
 * The Scrivener reader: a Scrivener project (`Novel.scriv`, Scrivener 3 or 2 for Mac, 3 or 1 for
 * Windows) in, the book's parts and chapters out, as Scrivener's own compile would lay them out.
 * The binder (`binder.ts`) gives the Draft folder's tree; each document's text is an RTF file
 * beside it, opened through `ReaderOptions.open` and read by the RTF reader.
 *
 * Which item is a part, a chapter or a scene: the section type the project assigns it (Project
 * Settings > Section Types, by its name: "Part…", "Chapter…", "Scene…"), else the binder's
 * shape, as Scrivener's templates use it:
 * - at the top of the Draft, a folder holding folders, or one titled as a part ("Part One",
 *   "Book II"), is a part, and its items are its chapters;
 * - any other folder (or document holding documents) is a chapter, and every document inside it,
 *   at any depth, one of its scenes, joined with scene breaks;
 * - a document on its own is a chapter.
 * A chapter's heading is its binder title ("Chapter 3", "The Storm", "7") unless its text opens
 * with a heading of its own; scenes' titles are not printed, as Scrivener prints none.
 * Items not included in the compile are left out; so are research, notes, snapshots and the
 * trash, which are not in the Draft. A picture document is a figure. Scrivener's own markup in
 * the RTF (annotations, comments, footnotes, style tags) is made plain first (`markup.ts`).
 * Positions point into each document's own file (a chapter joined from several files says so
 * with `position.file`). A zipped backup of a project is read from the archive the same way.
 * Never throws.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import type { Reader, ReaderOptions, ReadResult } from '../types.js'
import { readBackup } from './backup.js'
import { scrivenerBackupEntry, scrivenerEntry } from './entry.js'
import { SOURCE } from './names.js'
import { readProject } from './project.js'

type Read = (input: Uint8Array | string, file: SourceFile, options: ReaderOptions) => Promise<ReadResult>

/** A reader's `read` that never throws: a failure of ours is an internal error on the file. */
const guarded =
  (read: Read): Read =>
  async (input, file, options) => {
    try {
      return await read(input, file, options)
    } catch (error) {
      file.message(
        'internal-error',
        `The Scrivener reader failed: ${(error as Error)?.message ?? error}`,
        undefined,
        SOURCE,
      )
      return { children: [] }
    }
  }

export const scrivenerReader: Reader & { codes: typeof scrivenerEntry.codes } = {
  ...scrivenerEntry,
  read: guarded(readProject),
}

/** A zipped project (a backup): the binder found in the archive, its documents read from it. */
export const scrivenerBackupReader: Reader & { codes: typeof scrivenerBackupEntry.codes } = {
  ...scrivenerBackupEntry,
  read: guarded(readBackup),
}
