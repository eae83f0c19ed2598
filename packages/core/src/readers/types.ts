/** The reader contract: one source file in, chapters (and parts) out, diagnostics on the file. */
import type { SourceFile } from '../diagnostics/file.js'
import type { Chapter, Matter, Part } from '../model/types.js'

export interface ReaderOptions {
  /** BCP 47 language of the book (affects heading words only; typography is a later transform). */
  language: string
  /** Where the file's chapters go; default `body`. */
  matter?: Matter
  /**
   * The encoding of byte input (any WHATWG label: `koi8-r`, `shift_jis`, `windows-1251`…),
   * winning over the file's own declaration and detection; a byte-order mark still wins over it.
   * Default: detected (see `encoding.ts`).
   */
  encoding?: string
}

/**
 * What a reader returns. Usually one chapter. A file whose only content is a part heading
 * ("Part One: The Road") returns an empty part: the book assembler puts the chapters that follow
 * into it. A file holding a whole manuscript (two or more chapter headings; see `split.ts`)
 * returns its chapters in order, inside parts where it has part headings; every chapter's
 * positions point into that one file. `chapter.file` is set to `file.path`.
 */
export interface ReadResult {
  children: Array<Part | Chapter>
}

export interface Reader {
  /** Registry name: `text`, `markdown`, `html`. */
  name: string
  /** File extensions it takes, lower-case with the dot: `.txt`. */
  extensions: string[]
  /**
   * Parse one file. Must never throw on any input: every problem is a diagnostic on `file`.
   * `input` is raw bytes (the reader decodes) or an already-decoded string.
   */
  read(input: Uint8Array | string, file: SourceFile, options: ReaderOptions): ReadResult
}
