/** Codes for the book as a whole: the manifest, finding files, resources, plugins, I/O. */
import type { CodeInfo } from './types.js'

export const bookCodes = {
  'manifest-parse': { level: 'error', description: 'book.yaml is not valid YAML.' },
  'manifest-invalid': {
    level: 'error',
    description: 'A book.yaml key has a value of the wrong type or form.',
  },
  'manifest-unknown-key': {
    level: 'warning',
    description: 'book.yaml has a key Octavo does not know (a typo?).',
  },
  'manifest-alias-bomb': {
    level: 'error',
    description: 'book.yaml expands YAML aliases beyond a safe size.',
  },
  'manifest-duplicate-key': { level: 'error', description: 'A key appears twice in one book.yaml mapping.' },
  'manifest-yaml-warning': {
    level: 'warning',
    description: 'YAML recovered from a problem (an unknown tag).',
  },
  'platform-node-only': {
    level: 'error',
    description:
      'A disk-only function (loadBook, createNodeEnv, loadPlugins) was called in a browser build; use createBook with createMemoryEnv there.',
  },
  'book-no-chapters': { level: 'error', description: 'No chapter files were found.' },
  'book-glob-empty': { level: 'warning', description: 'A chapter pattern in book.yaml matched no file.' },
  'book-file-missing': { level: 'error', description: 'A file named in book.yaml does not exist.' },
  'book-unknown-format': {
    level: 'error',
    description: 'A chapter file has an extension no reader handles.',
  },
  'book-format-sniffed': {
    level: 'info',
    description:
      'A chapter file’s content is another format than its extension says (a web page saved as .txt); it was read as what it is.',
  },
  'book-no-title': { level: 'warning', description: 'The book has no title; a placeholder is used.' },
  'book-no-author': {
    level: 'warning',
    description: 'The book has no author; no author line is printed anywhere.',
  },
  'book-chapters-range': {
    level: 'info',
    description: 'Only the chapters in `chapters-range` (`--chapters`) were built.',
  },
  'book-chapters-range-empty': {
    level: 'warning',
    description:
      'No chapter is numbered within `chapters-range` (`--chapters`): the book has no body chapters.',
  },
  'book-chapters-reordered': {
    level: 'info',
    description:
      'Chapter pages saved from an archive were put in the order of the chapter numbers they state, not of their file names.',
  },
  'book-preface-off': {
    level: 'info',
    description:
      'With `preface: false` the work’s summary, notes or archive tags are in the metadata only (the OPF), not on a page.',
  },
  'book-strings-fallback': {
    level: 'info',
    description: 'The book’s language has no strings table; the words Octavo writes are in English.',
  },
  'book-title-from-folder': { level: 'info', description: 'The book has no title; the folder name is used.' },
  'book-title-from-file': {
    level: 'info',
    description: 'The book has no title; the name of its one chapter file is used.',
  },
  'book-language-identified': {
    level: 'info',
    description:
      "No language was given and the chapters' text reads as another language than English: the book's language was taken from it (book.yaml's `language:` or --lang wins).",
  },
  'book-metadata-adopted': {
    level: 'info',
    description:
      "Metadata the author did not set (title, author, language…) was taken from a chapter file's own (Word properties, an EPUB's OPF, a title line).",
  },
  'book-input-invalid': {
    level: 'error',
    description: 'A command-line input or metadata option is unusable.',
  },
  'book-scene-break-edge': {
    level: 'info',
    description: 'A scene break at the very start or end of a chapter was dropped.',
  },
  'book-chapter-empty': { level: 'warning', description: 'A chapter has no text.' },
  'book-duplicate-number': { level: 'warning', description: 'Two chapters have the same number.' },
  'book-number-order': { level: 'warning', description: 'Chapter numbers are out of order or skip.' },
  'volumes-no-parts': {
    level: 'warning',
    description: '`volumes: parts` on a book without parts (or chapters): it is built as one book.',
  },
  'volumes-chapter-over-budget': {
    level: 'warning',
    description: 'A chapter alone is longer than `volumes: {max-pages}`; it makes a volume of its own.',
  },
  'volumes-budget-too-small': {
    level: 'error',
    description: '`volumes: {max-pages}` is smaller than a volume’s front matter and one chapter.',
  },
  'volumes-no-paged-format': {
    level: 'error',
    description: '`volumes: {max-pages}` needs a format that can count its pages (the PDF renderer).',
  },
  'book-number-invalid': {
    level: 'warning',
    description:
      'A chapter or part number no label can print (1e308, negative, more than two decimals); it is ignored.',
  },
  'resource-outside-book': {
    level: 'error',
    description: 'A path leaves the book folder (`..`, absolute, or a symlink).',
  },
  'resource-missing': { level: 'error', description: 'An image or other resource does not exist.' },
  'resource-network': {
    level: 'warning',
    description: 'A network URL was not fetched; Octavo never fetches.',
  },
  'resource-unknown-type': {
    level: 'error',
    description: 'A resource is not an image type EPUB and PDF allow.',
  },
  'resource-corrupt': { level: 'error', description: 'An image could not be decoded.' },
  'resource-too-large': {
    level: 'error',
    description: 'A file or image is larger than Octavo reads or decodes safely.',
  },
  'resource-svg-unsafe': {
    level: 'warning',
    description:
      'An SVG image held scripts, event handlers, links or external references; they were removed.',
  },
  'resource-css-dropped': {
    level: 'warning',
    description:
      'A stylesheet rule or reference was dropped: a remote or missing file, or one outside the book.',
  },
  'resource-not-file': {
    level: 'error',
    description: 'A path names a folder, FIFO or device instead of a regular file.',
  },
  'image-no-alt': { level: 'warning', description: 'An image has no alternative text.' },
  'renderer-unknown': { level: 'error', description: 'No renderer is registered under that name.' },
  'reader-unknown': { level: 'error', description: 'No reader is registered under that name.' },
  'plugin-load': {
    level: 'error',
    description: 'A plugin module could not be loaded or has the wrong shape.',
  },
  'plugin-not-allowed': {
    level: 'error',
    description: "book.yaml names plugins, and the caller did not allow the book's code to run.",
  },
  'plugin-skipped': {
    level: 'info',
    description: "book.yaml's plugins were not run, as when a book is only inspected.",
  },
  'book-output-skipped': {
    level: 'warning',
    description:
      "A file named like one of the book's own outputs, or marked inside as one (octavo-output), was not read as a chapter.",
  },
  'book-manifest-twice': {
    level: 'error',
    description: 'A folder holds both book.yaml and book.yml: which one is meant is unclear.',
  },
  'io-read': { level: 'error', description: 'A file could not be read.' },
  'renderer-unknown-option': {
    level: 'warning',
    description:
      'An option passed to render() is not one the format has (a typo?); it is ignored by the format.',
  },
  'io-write': { level: 'error', description: 'An output file could not be written.' },
  'internal-error': { level: 'error', description: 'A bug in Octavo; please report it with the input.' },
} as const satisfies Record<string, CodeInfo>

declare module './types.js' {
  interface CodeTables {
    book: typeof bookCodes
  }
}
