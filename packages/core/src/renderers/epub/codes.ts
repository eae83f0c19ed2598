/** Diagnostic codes raised by the EPUB renderer; its renderer entry (renderers/epub/index.ts) declares them. */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'

export const epubCodes = defineCodes({
  'epub-footnote-missing': {
    level: 'warning',
    description: 'A footnote reference has no matching definition in its chapter; its label is kept as text.',
  },
  'epub-footnote-unused': {
    level: 'warning',
    description: 'A footnote definition is never referenced; it is left out of the EPUB.',
  },
  'epub-footnote-duplicate': {
    level: 'warning',
    description: 'Two footnote definitions in one chapter have the same identifier; the second is left out.',
  },
  'epub-link-target-missing': {
    level: 'warning',
    description: 'An internal `#id` link points at no part or chapter; the link is dropped, its text kept.',
  },
  'epub-file-too-large': {
    level: 'warning',
    description: 'A single block is larger than `maxFileBytes`, so one chapter file stays over the limit.',
  },
  'epub-image-webp': {
    level: 'warning',
    description:
      'A WebP image: valid in EPUB 3.3, but Kindle, older Kobo and Adobe readers (and EPUBCheck 4) reject it; use PNG or JPEG.',
  },
  'epub-cover-glyphs': {
    level: 'warning',
    description:
      'The title, subtitle, author or series has characters the generated cover cannot draw (CJK, Indic, emoji…): no cover is generated; give one with `cover:`.',
  },
  'epub-cover-unavailable': {
    level: 'warning',
    description:
      'The cover could not be generated because this build was not given what draws it (in a browser: `assets.resvgWasm` and the cover faces); no cover is generated.',
  },
  'epub-date-invalid': {
    level: 'warning',
    description: 'The publication date is not a W3C date (`2024`, `2024-05`, `2024-05-01`); it is left out.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    epub: typeof epubCodes
  }
}
