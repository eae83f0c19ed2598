/**
 * Diagnostic codes raised by the EPUB reader (readers/epub/); problems with the zip itself or
 * its XML are the archive layer's codes (archive-codes.ts), which the reader also declares.
 */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'

export const epubInputCodes = defineCodes({
  'epub-input-no-package': {
    level: 'error',
    description:
      'The EPUB has no readable package document (META-INF/container.xml names none, or it is missing or unreadable); nothing could be read.',
  },
  'epub-input-spine': {
    level: 'warning',
    description:
      'The spine is damaged: an item it names is missing from the manifest or the archive, listed twice (a loop), or not a readable document; that item was skipped.',
  },
  'epub-input-repaired': {
    level: 'warning',
    description:
      'The EPUB is damaged in a way a lenient reading system forgives, and Octavo read it as one would: an entry named with backslashes (read as slashes), an href differing from its entry only in case (read from the one entry that matches), or a spine document declared with a wrong or no media type (read as the .xhtml or .html its name says it is). Fix the EPUB to be sure it opens everywhere.',
  },
  'epub-input-part-page': {
    level: 'info',
    description:
      "A part's own page held more than its heading and subtitle (an epigraph): a part holds only its title, so what else it held now opens the part's first chapter.",
  },
  'epub-input-empty': {
    level: 'error',
    description: 'The EPUB has no chapter to read: its spine is empty or every item in it was skipped.',
  },
  'epub-input-generated-page': {
    level: 'info',
    description:
      "A page the EPUB's maker generated (cover, title page, contents, calibre's jacket, FanFicFare's title and contents pages) was left out: Octavo makes its own.",
  },
  'epub-input-placeholder': {
    level: 'info',
    description:
      "The EPUB's maker wrote a placeholder where the book has no title or author (calibre's \"Unknown\", in its user's language); it is no title or name, so it was left out, and book.yaml or the command line can give one.",
  },
  'epub-input-generated-cover': {
    level: 'info',
    description:
      "The EPUB's cover is one calibre drew itself (the title and author written on a pattern, for a book that had none); it was left out, and Octavo makes the book's cover from its metadata, as for a book given none.",
  },
  'epub-input-image-missing': {
    level: 'warning',
    description:
      'A picture the text shows is not in the EPUB (or cannot be read from it); it was left out (a figure of it goes, a picture in a line gives way to its alt text), so the rest of the book is still written. One diagnostic counts them all.',
  },
  'epub-input-notes-page': {
    level: 'info',
    description:
      'A document of the EPUB held only notes (endnotes.xhtml, a notes page); each note now belongs to the chapter that cites it, so the document is not a chapter of its own.',
  },
  'epub-input-note-missing': {
    level: 'warning',
    description:
      'A note reference (epub:type="noteref", role="doc-noteref" or a footnote-ref link) points at a document or id that is not in the EPUB; its marker is kept as plain text. One diagnostic, at the first, counts them all.',
  },
  'epub-input-encoding': {
    level: 'warning',
    description:
      'A document of the EPUB is not in the encoding it declares (its XML declaration or `<meta charset>`), or declares none and is not UTF-8: it was read in the encoding its bytes fit, or with U+FFFD for the bytes that fit none. Check the text where the diagnostic points.',
  },
  'epub-input-encoding-detected': {
    level: 'info',
    description:
      'A document of the EPUB declares no encoding and is not UTF-8; the encoding its bytes show (UTF-16 without a byte-order mark, a legacy code page) was detected, and it was read as such.',
  },
  'epub-input-drm': {
    level: 'error',
    description:
      'The EPUB is encrypted (DRM or font obfuscation of its documents: META-INF/encryption.xml); encrypted documents cannot be read.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    epubInput: typeof epubInputCodes
  }
}
