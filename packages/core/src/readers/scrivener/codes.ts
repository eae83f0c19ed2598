/** Diagnostic codes raised by the Scrivener project reader (readers/scrivener/). */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'

export const scrivenerCodes = defineCodes({
  'scrivener-invalid': {
    level: 'error',
    description:
      'The `.scrivx` file is not a Scrivener binder Octavo can read (no `<ScrivenerProject>`, or no Draft folder in it), or it was given without the project folder around it.',
  },
  'scrivener-text-unreadable': {
    level: 'warning',
    description:
      "A document's text file in the project could not be read (too large, not a file, or outside the book folder); the document was left out.",
  },
  'scrivener-empty': {
    level: 'warning',
    description:
      'A chapter in the Draft folder has no text yet (Scrivener keeps no file for a document nobody typed in); it was left out of the book.',
  },
  'scrivener-item-skipped': {
    level: 'warning',
    description:
      'An item in the Draft folder is not a text document (an image, a PDF, a web page, a media file) and was left out; put a picture into a document instead.',
  },
  'scrivener-notes-to-self': {
    level: 'info',
    description:
      "Inline annotations and inspector comments were left out, as Scrivener's compile leaves them out; the text a comment is attached to is kept, and footnotes (inline or in the inspector) are footnotes.",
  },
  'scrivener-excluded': {
    level: 'info',
    description:
      'Documents set not to be included in the compile (the "Include in Compile" box) were left out, as Scrivener leaves them out.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    scrivener: typeof scrivenerCodes
  }
}
