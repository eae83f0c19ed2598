/** Diagnostic codes raised by the Word reader and by the entry that refuses .doc. */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'

export const docxCodes = defineCodes({
  'docx-invalid': {
    level: 'error',
    description:
      'The file is a zip archive but not a Word document Octavo can open (no word/document.xml, or one with no body), or was given as text. Open it in Word and save it as .docx again. Archive-level problems (not a zip, a zip bomb, too many entries) have archive- codes.',
  },
  'docx-comments': {
    level: 'warning',
    description: 'The document holds comments; they are not part of the book and were left out.',
  },
  'docx-tracked-changes': {
    level: 'warning',
    description:
      'The document holds tracked changes: insertions were kept and deletions dropped, as if all were accepted. Accept or reject them in Word to be sure.',
  },
  'docx-hidden-text': {
    level: 'warning',
    description: 'The document holds hidden text (Word\'s "Hidden" font effect); it was left out.',
  },
  'docx-image': {
    level: 'warning',
    description:
      'An image could not be taken from the document: linked rather than embedded (never fetched), missing from the archive, or too large.',
  },
  'docx-unsafe-link': {
    level: 'warning',
    description:
      'A hyperlink with a scheme the book cannot carry (file:, javascript:…); only its text is kept.',
  },
  'docx-contents-dropped': {
    level: 'info',
    description: "Word's own table of contents was left out: Octavo makes the book's contents itself.",
  },
  'docx-book-title': {
    level: 'info',
    description:
      "A paragraph in the Title style (or a lone heading above the chapters) was read as the book's title.",
  },
  'docx-manuscript-header': {
    level: 'info',
    description:
      "The author's name and address and the word count at the top of a manuscript's first page (standard manuscript format) were left out: a submission's header, not the book's text.",
  },
  'docx-front-matter': {
    level: 'info',
    description:
      'Pages before the first chapter (a dedication, an epigraph, a copyright page), or such lines set apart at the head of a story that is one chapter, were kept as front matter, not as the opening of the first chapter.',
  },
  'docx-symbol': {
    level: 'warning',
    description:
      'A character of a symbol font (Wingdings, Webdings) has no Unicode equivalent and was left out; Symbol and Wingdings characters that have one are read as it (∑, ★). Type the character itself, or insert it as a picture.',
  },
  'docx-text-box': {
    level: 'warning',
    description: 'Text boxes and shapes are not part of the flow of a book; their text was left out.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    docx: typeof docxCodes
  }
}
