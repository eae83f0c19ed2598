/** Diagnostic codes raised by the RTF reader (readers/rtf/). */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'

export const rtfCodes = defineCodes({
  'rtf-invalid': {
    level: 'error',
    description:
      'The file is named .rtf but is not an RTF document (it does not start with `{\\rtf`). Open it in your word processor and save it as RTF or .docx again.',
  },
  'rtf-truncated': {
    level: 'warning',
    description:
      'The document ends inside open groups (`{` never closed): it may have been cut short. What it holds was read.',
  },
  'rtf-contents-dropped': {
    level: 'info',
    description:
      "The document's own table of contents was left out: Octavo makes the book's contents itself.",
  },
  'rtf-book-title': {
    level: 'info',
    description:
      "A paragraph in the Title style (or a lone heading above the chapters) was read as the book's title.",
  },
  'rtf-manuscript-header': {
    level: 'info',
    description:
      "The author's name and address and the word count at the top of a manuscript's first page (standard manuscript format) were left out: a submission's header, not the book's text.",
  },
  'rtf-front-matter': {
    level: 'info',
    description:
      'Pages before the first chapter (a dedication, an epigraph, a copyright page), or such lines set apart at the head of a story that is one chapter, were kept as front matter, not as the opening of the first chapter.',
  },
  'rtf-comments': {
    level: 'warning',
    description: 'The document holds comments; they are not part of the book and were left out.',
  },
  'rtf-tracked-changes': {
    level: 'warning',
    description:
      'The document holds tracked changes: insertions were kept and deletions dropped, as if all were accepted. Accept or reject them in your word processor to be sure.',
  },
  'rtf-hidden-text': {
    level: 'warning',
    description: 'The document holds hidden text; it was left out.',
  },
  'rtf-symbol': {
    level: 'warning',
    description:
      'A character of a symbol font (Wingdings, Webdings) has no Unicode equivalent and was left out; Symbol and Wingdings characters that have one are read as it (∑, ★). Type the character itself, or insert it as a picture.',
  },
  'rtf-text-box': {
    level: 'warning',
    description: 'Text boxes and shapes are not part of the flow of a book; their text was left out.',
  },
  'rtf-image': {
    level: 'warning',
    description:
      'A picture could not be carried over: a Windows or Mac metafile (WMF, EMF, PICT) or a device bitmap, which books cannot show, or one too large. Save the picture as PNG or JPEG in the document.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    rtf: typeof rtfCodes
  }
}
