/** Diagnostic codes raised by the Word 97–2003 reader (readers/doc/). */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'

export const docCodes = defineCodes({
  'doc-invalid': {
    level: 'error',
    description:
      'The file is named .doc but is not a Word 97–2003 document Octavo can read: an older Word 6 or Word 95 file, a password-protected (encrypted) one, another Office file, or a damaged one. Open it in Word or LibreOffice and save it as .docx, then build that.',
  },
  'doc-contents-dropped': {
    level: 'info',
    description: "Word's own table of contents was left out: Octavo makes the book's contents itself.",
  },
  'doc-book-title': {
    level: 'info',
    description:
      "A paragraph in the Title style (or a title page typed above the chapters) was read as the book's title.",
  },
  'doc-manuscript-header': {
    level: 'info',
    description:
      "The author's name and address and the word count at the top of a manuscript's first page (standard manuscript format) were left out: a submission's header, not the book's text.",
  },
  'doc-front-matter': {
    level: 'info',
    description:
      'Pages before the first chapter (a dedication, an epigraph, a copyright page), or such lines set apart at the head of a story that is one chapter, were kept as front matter, not as the opening of the first chapter.',
  },
  'doc-comments': {
    level: 'warning',
    description: 'The document holds comments; they are not part of the book and were left out.',
  },
  'doc-tracked-changes': {
    level: 'warning',
    description:
      'The document holds tracked changes: insertions were kept and deletions dropped, as if all were accepted. Accept or reject them in Word to be sure.',
  },
  'doc-hidden-text': {
    level: 'warning',
    description: 'The document holds hidden text (Word\'s "Hidden" font effect); it was left out.',
  },
  'doc-symbol': {
    level: 'warning',
    description:
      'A character of a symbol font (Wingdings, Webdings) has no Unicode equivalent and was left out; Symbol and Wingdings characters that have one are read as it (∑, ★). Type the character itself, or insert it as a picture.',
  },
  'doc-text-box': {
    level: 'warning',
    description: 'Text boxes and shapes are not part of the flow of a book; their text was left out.',
  },
  'doc-image': {
    level: 'warning',
    description:
      'A picture could not be carried over from the .doc: a Windows metafile or other drawing books cannot show, a linked picture, or one the file does not hold whole. Save the document as .docx to keep every picture, or insert it as PNG or JPEG.',
  },
  'doc-unsafe-link': {
    level: 'warning',
    description:
      'A hyperlink with a scheme the book cannot carry (file:, javascript:…); only its text is kept.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    doc: typeof docCodes
  }
}
