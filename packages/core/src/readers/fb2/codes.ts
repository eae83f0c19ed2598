/** Diagnostic codes raised by the FictionBook reader (readers/fb2/). */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'

export const fb2Codes = defineCodes({
  'fb2-invalid': {
    level: 'error',
    description:
      'The file is not a FictionBook Octavo can read: not XML, XML whose root is not <FictionBook>, a FictionBook with no <body>, or a .fb2.zip holding no .fb2. The message says where the XML parser stopped. Open it in an FB2 editor (or calibre) and save it again, or convert it to EPUB.',
  },
  'fb2-malformed': {
    level: 'warning',
    description:
      'The FictionBook is not well-formed XML (cut short, a tag left open, an HTML entity such as &nbsp;); what could be read was kept, and the text after the place named may be missing.',
  },
  'fb2-encoding': {
    level: 'warning',
    description:
      'The encoding is in doubt: a guess that may be wrong, a declared or given encoding the bytes do not fit (U+FFFD replaced them), or one not used. Save it as UTF-8, or give its encoding.',
  },
  'fb2-encoding-detected': {
    level: 'info',
    description:
      'The file declares no encoding and is not UTF-8; its encoding (Windows-1251, KOI8-R…) was detected.',
  },
  'fb2-control-characters': {
    level: 'warning',
    description: 'The file holds control characters XML cannot carry; they were removed.',
  },
  'fb2-note-missing': {
    level: 'warning',
    description:
      'A note link (<a type="note" l:href="#n1">) points at no section of the notes body; its mark was kept as text.',
  },
  'fb2-image-missing': {
    level: 'warning',
    description: 'An image (or the cover) refers to a <binary> the file does not hold; it was left out.',
  },
  'fb2-image-invalid': {
    level: 'warning',
    description:
      'A <binary> could not be used as a picture (its base64 does not decode, its bytes are not a PNG, JPEG, GIF, WebP or SVG, or it is too large); the image was left out.',
  },
  'fb2-generated-cover': {
    level: 'info',
    description:
      "The cover is one calibre drew from the title and author; it was left out, and the book's cover is made from its metadata.",
  },
  'fb2-body-left-out': {
    level: 'info',
    description:
      'A body other than the book and its notes (a comments body, a second text body), or notes nothing links to, was left out.',
  },
  'fb2-title-page': {
    level: 'info',
    description:
      "The first section only repeats the book's title and author (the title page calibre keeps from an EPUB); it was left out, since Octavo makes the title page.",
  },
  'fb2-archive': {
    level: 'warning',
    description: 'The .fb2.zip holds more than one .fb2; the first was read.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    fb2: typeof fb2Codes
  }
}
