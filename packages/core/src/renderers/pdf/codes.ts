/** Diagnostic codes raised by the PDF renderer; its renderer entry (renderers/pdf/index.ts) declares them. */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'

export const pdfCodes = defineCodes({
  'pdf-font-invalid': {
    level: 'error',
    description:
      'A font file named in the options is missing or not a TrueType/OpenType font; the default face is used.',
  },
  'pdf-font-unavailable': {
    level: 'error',
    description:
      'A built-in face is not available to this build (in a browser, `assets.font` did not give it); the PDF cannot be set.',
  },
  'pdf-missing-glyph': {
    level: 'warning',
    description:
      'A character is in none of the faces (the book face, its fallback, the CJK faces), so it cannot be printed.',
  },
  'pdf-script-unsupported': {
    level: 'error',
    description:
      "The PDF's faces cannot show a real share of the book's text (Indic, Thai, Ethiopic…; CJK without its optional faces installed): one line says how many characters and which scripts, and no PDF is made; other formats are.",
  },
  'pdf-right-to-left': {
    level: 'error',
    description:
      'The book is written right to left (its language or `direction: rtl` says so, or more than a sliver of its text is Arabic, Hebrew, Syriac, Thaana, N’Ko…): the PDF cannot set right-to-left text yet (it would set each line left to right, its words in reverse order), so no PDF is made, whatever the font. The EPUB is made and reads correctly.',
  },
  'pdf-right-to-left-text': {
    level: 'warning',
    description:
      'A few words in right-to-left scripts (a Hebrew or Arabic word quoted in a left-to-right book) are printed in the PDF, a run of them in left-to-right order; the message counts them and names the first. The EPUB sets them right.',
  },
  'pdf-missing-glyph-more': {
    level: 'warning',
    description:
      'More characters than the first few reported have no glyph in any embedded face; one line counts and lists them.',
  },
  'pdf-option-invalid': {
    level: 'warning',
    description:
      'A PDF option (trim, font, bleed, margins, font size, drop cap…) has a value Octavo does not understand; the message names the value used instead and the build goes on.',
  },
  'pdf-image-unsupported': {
    level: 'warning',
    description:
      'A figure image cannot be drawn in the PDF (WebP, or pdfkit failed on it); its alt text is printed instead and the EPUB keeps it.',
  },
  'pdf-image-resolution': {
    level: 'warning',
    description:
      'A figure prints below 300 pixels per inch (soft in print) or above 600 (a bigger file than a press can use) at the size it is placed; the message names the image and its resolution.',
  },
  'pdf-generated-glyph': {
    level: 'warning',
    description:
      'Text the PDF sets on its own pages (half title, title page, contents, running heads, part pages) has a character no embedded face can show; it would print as an empty box. The message names the character and where it comes from.',
  },
  'pdf-standard-icc': {
    level: 'warning',
    description:
      'The `icc` output profile for PDF/X cannot be read or is not a CMYK (or grey) printer profile, or `outputCondition` is given without one; the message says why, and the built-in FOGRA39 profile is used.',
  },
  'pdf-standard-image': {
    level: 'error',
    description:
      'A figure cannot go into a PDF/X-1a file, which allows only CMYK and grey and no transparency: the message names the image and what it is (RGB, transparent). An error: the CLI writes no PDF (a print file without its figure is no use); the library’s bytes have the alt text in its place. Convert it to CMYK or greyscale, or use pdf-x-4.',
  },
  'pdf-page-count': {
    level: 'warning',
    description:
      'The PDF has more pages than a paperback is printed with (KDP at most 828, IngramSpark 1,200); the message gives the count and the `volumes: {max-pages: …}` setting that splits the book into volumes that fit. The PDF is still written.',
  },
  'pdf-footnote-missing': {
    level: 'warning',
    description: 'A footnote reference has no matching footnote definition in its chapter.',
  },
  'pdf-footnote-unused': {
    level: 'warning',
    description: 'A footnote definition is never referenced; it is not printed.',
  },
  'pdf-hyphenation-unavailable': {
    level: 'warning',
    description:
      'No hyphenation patterns exist for the book language; justified text is set without hyphenation.',
  },
  'pdf-link-target-missing': {
    level: 'warning',
    description:
      'An internal link points to an id that is not a chapter or part of the book; it is not clickable.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    pdf: typeof pdfCodes
  }
}
