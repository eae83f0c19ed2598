/** Codes for the book as a whole: the manifest, finding files, resources, plugins, I/O. */
import type { CodeInfo } from './codes.js'

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
  'book-no-chapters': { level: 'error', description: 'No chapter files were found.' },
  'book-glob-empty': { level: 'warning', description: 'A chapter pattern in book.yaml matched no file.' },
  'book-file-missing': { level: 'error', description: 'A file named in book.yaml does not exist.' },
  'book-unknown-format': {
    level: 'error',
    description: 'A chapter file has an extension no reader handles.',
  },
  'book-no-title': { level: 'warning', description: 'The book has no title; a placeholder is used.' },
  'book-no-author': { level: 'warning', description: 'The book has no author; "Unknown" is used.' },
  'book-title-from-folder': { level: 'info', description: 'The book has no title; the folder name is used.' },
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
  'resource-too-large': { level: 'error', description: 'An image is too large to embed safely.' },
  'image-no-alt': { level: 'warning', description: 'An image has no alternative text.' },
  'renderer-unknown': { level: 'error', description: 'No renderer is registered under that name.' },
  'reader-unknown': { level: 'error', description: 'No reader is registered under that name.' },
  'plugin-load': {
    level: 'error',
    description: 'A plugin module could not be loaded or has the wrong shape.',
  },
  'io-read': { level: 'error', description: 'A file could not be read.' },
  'io-write': { level: 'error', description: 'An output file could not be written.' },
  'internal-error': { level: 'error', description: 'A bug in Octavo; please report it with the input.' },
} as const satisfies Record<string, CodeInfo>
