/** Diagnostic codes raised by the Kindle book reader (readers/mobi/). */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'

export const mobiCodes = defineCodes({
  'mobi-invalid': {
    level: 'error',
    description:
      'The file is named as a Kindle book (.mobi, .prc, .azw, .azw3) but is not one Octavo can read: not a Palm database holding a MOBI book, cut short, or damaged (its record table or headers point outside the file). Download the book again, or convert it with calibre to EPUB and build that.',
  },
  'mobi-drm': {
    level: 'error',
    description:
      'The Kindle book is locked with DRM (its text is encrypted); Octavo cannot read it. Download the work as EPUB or HTML where you found it, or use a copy without DRM.',
  },
  'mobi-unsupported': {
    level: 'error',
    description:
      'A Kindle format this reader does not take: KFX (a different container, not a Palm database), or a MOBI whose text uses a compression or encoding it does not know. Convert it with calibre (with its KFX Input plugin for KFX) to EPUB and build that.',
  },
  'mobi-damaged': {
    level: 'warning',
    description:
      'Part of the Kindle book could not be decoded (a text record, an index, or the way its parts fit together); what could be read was kept, and the book may lack some text or have it out of place. One diagnostic counts them all.',
  },
  'mobi-resource-skipped': {
    level: 'warning',
    description:
      'A picture or font of the Kindle book was left out: a record that is no JPEG, PNG, GIF or BMP, a font (Kindle books may store fonts obfuscated; Octavo uses its own), or an image reference (`kindle:embed`, `recindex`) naming a record the book does not hold. One diagnostic per kind, counting them.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    mobi: typeof mobiCodes
  }
}
