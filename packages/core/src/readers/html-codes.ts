/** Diagnostic codes raised by the HTML reader; its reader entry (readers/html.ts) declares them. */
import { type CodeInfo, defineCodes } from '../diagnostics/codes.js'

export const htmlCodes = defineCodes({
  'html-encoding': {
    level: 'warning',
    description:
      'The encoding is in doubt: a guess that may be wrong, bytes that fit no encoding (read as Windows-1252), a declared or given encoding the bytes do not fit (U+FFFD replaced them), or one not used. Save it as UTF-8, or give its encoding.',
  },
  'html-encoding-detected': {
    level: 'info',
    description:
      'The file is not UTF-8 and declares no charset; its encoding (Shift_JIS, Windows-1251…) was detected.',
  },
  'html-control-characters': {
    level: 'warning',
    description: 'The file holds control characters XML cannot carry; they were removed.',
  },
  'html-book-title': {
    level: 'info',
    description:
      'A lone heading above the chapters of a whole-work page was read as the book title, not a chapter.',
  },
  'html-dropped-element': {
    level: 'warning',
    description: 'Elements that can run code, fetch or submit (script, iframe, svg, form…) were dropped.',
  },
  'html-unsafe-url': {
    level: 'warning',
    description:
      'A link or image URL with a scheme other than http, https or mailto was dropped; its text is kept.',
  },
  'html-remote-image': {
    level: 'warning',
    description: 'An image on the network was dropped (Octavo never fetches); its alt text is kept.',
  },
  'html-data-image': {
    level: 'warning',
    description:
      'An image inlined as a data: URL could not be taken in (not a PNG, JPEG, GIF, WebP or SVG, undecodable, or too large) and was dropped; save it as a file in the book folder.',
  },
  'html-table-flattened': {
    level: 'info',
    description:
      'Table cells held paragraphs, lists or other blocks; a cell holds one run of text, so they were joined with line breaks.',
  },
  'html-definition-list': {
    level: 'warning',
    description:
      'A definition list was kept as paragraphs: each term in bold, then its definitions; books have no definition lists.',
  },
  'html-site-unknown': {
    level: 'info',
    description:
      'The page was saved from a site Octavo has no profile for (it names the host): it was read as plain HTML, so site furniture may remain.',
  },
  'html-site-layout': {
    level: 'warning',
    description:
      "The page is from a site Octavo knows (AO3, FanFiction.Net, Royal Road…) but the site's chapter containers are missing, as when its layout changed: the page's main text was kept rather than nothing.",
  },
  'html-too-deep': {
    level: 'error',
    description: 'Elements nest too deeply; the innermost content was kept as plain text.',
  },
  'html-language': {
    level: 'info',
    description:
      'An element gives a `lang` (or `xml:lang`) that is not a BCP 47 language tag (`lang="french"`: write `lang="fr"`), or a `dir` other than `ltr`, `rtl` or `auto`; its text is kept without it. Said once per file for each value, where it first stands.',
  },
  'html-hidden-text': {
    level: 'warning',
    description:
      'The page hides some of its text (`display: none`, `visibility: hidden`, the `hidden` attribute: Word writes its hidden text so); a browser does not show it, and it was left out.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../diagnostics/types.js' {
  interface CodeTables {
    html: typeof htmlCodes
  }
}
