/** Diagnostic codes raised by the plain-text reader; its reader entry (readers/text/index.ts) declares them. */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'

export const textCodes = defineCodes({
  'text-encoding-fallback': {
    level: 'warning',
    description:
      'The file is not valid UTF-8 and fits no other encoding; it (or, in a mostly UTF-8 file, each stray byte) was read as Windows-1252. Save it as UTF-8 to be sure.',
  },
  'text-encoding-invalid': {
    level: 'warning',
    description:
      'The file is in an encoding (from its BOM or as given) whose rules its bytes break; the bad sequences became U+FFFD.',
  },
  'text-encoding-guessed': {
    level: 'info',
    description:
      'The file is not UTF-8 and has no byte-order mark; its encoding (UTF-16 from its zero bytes, KOI8-R, Shift_JIS…) was detected with confidence.',
  },
  'text-encoding-uncertain': {
    level: 'warning',
    description:
      'The file is not UTF-8 and its encoding was guessed with low confidence; the message names the encoding chosen. Give it with `encoding:` or --encoding if the text looks wrong.',
  },
  'text-encoding-ignored': {
    level: 'warning',
    description:
      'The encoding given for the file was not used: a byte-order mark says otherwise, or the name is unknown.',
  },
  'text-lone-surrogate': {
    level: 'warning',
    description: 'The text holds unpaired UTF-16 surrogates; each became U+FFFD.',
  },
  'text-control-characters': {
    level: 'warning',
    description:
      'Control characters that XML forbids (NUL, other C0 and C1 controls, U+FFFE/U+FFFF) or stray byte-order marks were removed.',
  },
  'text-empty': {
    level: 'warning',
    description: 'The file has no text (or only a chapter heading); the chapter is empty.',
  },
  'text-book-title': {
    level: 'info',
    description:
      'A lone short line above the chapters of a whole-work file was read as the book title, not a chapter.',
  },
  'text-note-only': {
    level: 'info',
    description:
      "The file holds nothing but an author's note (A/N:, Author's Note:, Disclaimer:), such as a hiatus notice; it is read as a note of kind `other`, not numbered as a chapter.",
  },
  'text-scene-break-edge': {
    level: 'info',
    description: 'A scene break at the very start or end of a chapter separates nothing; it was dropped.',
  },
  'text-emphasis-unclosed': {
    level: 'info',
    description:
      'An emphasis marker (`_` or `*`) opens but never closes in its paragraph; it was kept as text.',
  },
  'text-lines-unwrapped': {
    level: 'info',
    description: 'The lines look hard-wrapped at a fixed width; they were joined into paragraphs.',
  },
  'text-internal-error': {
    level: 'error',
    description: 'The text reader failed unexpectedly on this file (a bug in Octavo); the chapter is empty.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    text: typeof textCodes
  }
}
