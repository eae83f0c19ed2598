/** The reader contract: one source file in, chapters (and parts) out, diagnostics on the file. */
import type { SourceFile } from '../diagnostics/file.js'
import type { CodeTable } from '../diagnostics/types.js'
import type { Chapter, Matter, Metadata, Part } from '../model/types.js'

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
  /**
   * Open a file beside the one being read, by a path relative to it (`Files/Data/…/content.rtf`
   * beside a Scrivener binder): for a format whose document is a folder of files. Resolves to
   * the file's bytes, or `undefined` when there is no such file; rejects, with a message fit for
   * a diagnostic, when the file cannot be read (too large, not a file, outside the book folder).
   * Given by the pipeline for books on disk and in memory; a reader called on its own may lack
   * it. The pipeline notes each file opened, so a cached read is redone when one changes.
   */
  open?: (path: string) => Promise<Uint8Array | undefined>
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
  /**
   * What the file says about the book itself: a Word file's document properties and Title style,
   * an EPUB's OPF, an archive download's work metadata, a text's title line. The pipeline adopts
   * each field the author did not set (book.yaml, the command line and `createBook`'s metadata
   * win); the first file that gives a field wins over later ones.
   */
  metadata?: Partial<Metadata>
  /**
   * Files the input carries inside itself (an EPUB's images and cover, a Word file's media),
   * keyed by the book-relative path its image nodes and `metadata.cover` use. Name them under the
   * input's own path (`novel.epub/OEBPS/images/map.png`): no file on disk can have that path, so
   * they never shadow one. The pipeline serves them to the renderers as if they were book files.
   */
  resources?: Record<string, Uint8Array>
  /**
   * What the files it opened beside itself are called where their author sees them, by
   * book-relative path: a Scrivener document's place in the binder ("Part One › The Gate ›
   * Arrival"), where its path is `Files/Data/<UUID>/content.rtf`. Diagnostics about those files
   * can say so (`Book.names`).
   */
  names?: Record<string, string>
}

/**
 * A reader that answers at once (the built-in text, Markdown and HTML parsers; the registry loads
 * the Markdown and HTML ones with their first file, answering that call with a promise).
 */
export type SyncRead = (input: Uint8Array | string, file: SourceFile, options: ReaderOptions) => ReadResult

/** A `Reader` whose `read` answers at once, so callers get the result without awaiting it. */
export type SyncReader = Omit<Reader, 'read'> & { read: SyncRead }

export interface Reader {
  /** Registry name: `text`, `markdown`, `html`. */
  name: string
  /** File extensions it takes, lower-case with the dot: `.txt`. Folder and glob discovery picks these up. */
  extensions: string[]
  /**
   * Content sniffing, for files whose extension lies (a saved AO3 page named `.txt`, a `.html`
   * holding plain text). Given the file's first bytes (at most `SNIFF_BYTES`), say whether they
   * are certainly this format (`true`), certainly not (`false`), or can't tell (`undefined`).
   * A file goes to its extension's reader unless that reader answers `false` and another
   * reader answers `true`. Optional: without it, the extension decides.
   */
  sniff?(head: Uint8Array | string): boolean | undefined
  /**
   * Whether folder and glob discovery picks up this format's files (default true). A format that
   * holds a whole book (an EPUB) says false: a book folder often holds an EPUB that is an output
   * or a download, not a chapter; a file named on its own is always read.
   */
  discover?: boolean
  /**
   * The diagnostic codes this reader raises, joined into `codes` when it is registered. Built-in
   * readers also list their table in `CodeTables` (diagnostics/types.ts) so that their codes are
   * literal types; a plugin's codes are checked at run time only.
   */
  codes?: CodeTable
  /**
   * Parse one file. Must never throw (or reject) on any input: every problem is a diagnostic on
   * `file`. `input` is raw bytes (the reader decodes) or an already-decoded string. A reader built
   * on an asynchronous library (a Word or EPUB archive) returns a promise.
   */
  read(input: Uint8Array | string, file: SourceFile, options: ReaderOptions): ReadResult | Promise<ReadResult>
}

/** A reader's registry entry without its `read`: what is known of a format before its parser loads. */
export type ReaderEntry = Omit<Reader, 'read'>
