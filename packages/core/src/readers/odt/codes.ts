/** Diagnostic codes raised by the OpenDocument text reader (readers/odt/). */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'

export const odtCodes = defineCodes({
  'odt-invalid': {
    level: 'error',
    description:
      'The file is a zip archive but not an OpenDocument text Octavo can open (no content.xml, or one with no text body), or was given as text. Open it in LibreOffice and save it as .odt again. Archive-level problems have archive- codes.',
  },
  'odt-contents-dropped': {
    level: 'info',
    description:
      "The document's own table of contents was left out: Octavo makes the book's contents itself.",
  },
  'odt-book-title': {
    level: 'info',
    description:
      "A paragraph in the Title style (or a lone heading above the chapters) was read as the book's title.",
  },
  'odt-manuscript-header': {
    level: 'info',
    description:
      "The author's name and address and the word count at the top of a manuscript's first page (standard manuscript format) were left out: a submission's header, not the book's text.",
  },
  'odt-front-matter': {
    level: 'info',
    description:
      'Pages before the first chapter (a dedication, an epigraph, a copyright page), or such lines set apart at the head of a story that is one chapter, were kept as front matter, not as the opening of the first chapter.',
  },
  'odt-comments': {
    level: 'warning',
    description: 'The document holds comments; they are not part of the book and were left out.',
  },
  'odt-tracked-changes': {
    level: 'warning',
    description:
      'The document holds tracked changes: insertions were kept and deletions dropped, as if all were accepted. Accept or reject them in LibreOffice to be sure.',
  },
  'odt-hidden-text': {
    level: 'warning',
    description: 'The document holds hidden text (a character style set not to display); it was left out.',
  },
  'odt-symbol': {
    level: 'warning',
    description:
      'A character of a symbol font (Wingdings, Webdings) has no Unicode equivalent and was left out; Symbol and Wingdings characters that have one are read as it (∑, ★). Type the character itself, or insert it as a picture.',
  },
  'odt-text-box': {
    level: 'warning',
    description:
      'Text boxes (a sidebar, a pull quote) are not part of the flow of a book; their text was left out. A picture framed with its caption is kept.',
  },
  'odt-image': {
    level: 'warning',
    description:
      'An image could not be carried over (missing from the archive, too large, or linked from outside it).',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    odt: typeof odtCodes
  }
}
