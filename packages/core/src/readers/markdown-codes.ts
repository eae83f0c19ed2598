/** Diagnostic codes raised by the Markdown reader; its reader entry (readers/markdown.ts) declares them. */
import { type CodeInfo, defineCodes } from '../diagnostics/codes.js'

export const markdownCodes = defineCodes({
  'md-encoding': {
    level: 'warning',
    description:
      'The encoding is in doubt: a guess that may be wrong, bytes that fit no encoding (read as Windows-1252), a given encoding the bytes do not fit (U+FFFD replaced them), or one not used. Save it as UTF-8, or give its encoding.',
  },
  'md-encoding-detected': {
    level: 'info',
    description: 'The file is not UTF-8; its encoding (KOI8-R, Shift_JIS…) was detected.',
  },
  'md-control-characters': {
    level: 'warning',
    description: 'The file holds control characters XML cannot carry; they were removed.',
  },
  'md-front-matter-parse': { level: 'error', description: 'The YAML front matter could not be parsed.' },
  'md-front-matter-quoted': {
    level: 'warning',
    description:
      'A front-matter value holds a colon and a space (`title: Chapter 5: The Fall`), which YAML does not allow unquoted; it was read as the text it is. Put the value in quotes.',
  },
  'md-front-matter-invalid': {
    level: 'error',
    description: 'A front-matter key has a value of the wrong type (title, number, kind, matter…).',
  },
  'md-front-matter-unknown-key': {
    level: 'warning',
    description: 'The front matter has a key Octavo does not know (a typo?); it is ignored.',
  },
  'md-front-matter-ignored': {
    level: 'warning',
    description:
      "The file holds several chapters, so front-matter number and kind (which describe one) are ignored; its title and subtitle are the book's.",
  },
  'md-book-title': {
    level: 'info',
    description:
      'A lone heading above the chapters of a whole-manuscript file was read as the book title, not a chapter.',
  },
  'md-remote-image': {
    level: 'warning',
    description: 'An image on the network was dropped (Octavo never fetches); its alt text is kept.',
  },
  'md-data-image': {
    level: 'warning',
    description:
      'An image inlined as a data: URL could not be taken in (not a PNG, JPEG, GIF, WebP or SVG, undecodable, or too large) and was dropped; save it as a file in the book folder.',
  },
  'md-unsafe-url': {
    level: 'warning',
    description:
      'A link or image URL with a scheme other than http, https or mailto was dropped; its text is kept.',
  },
  'md-relative-link': {
    level: 'warning',
    description:
      'A link to a relative path was dropped (only web, mail and #id links are kept); its text is kept.',
  },
  'md-strikethrough': {
    level: 'warning',
    description:
      'Struck-through text in raw HTML (`<del>`, `<s>`) was kept without the strike line (`~~x~~` is read as struck through).',
  },
  'md-definition-list': {
    level: 'warning',
    description:
      'A definition list in raw HTML was kept as paragraphs: each term in bold, then its definitions.',
  },
  'md-table': {
    level: 'warning',
    description:
      'A table in raw HTML was turned into one paragraph per row (a GFM pipe table is read as a table).',
  },
  'md-raw-html-dropped': {
    level: 'warning',
    description: 'Raw HTML held elements that can run code or fetch (script, iframe…); they were dropped.',
  },
  'md-html-unknown': {
    level: 'warning',
    description:
      'Raw HTML held an element with no equivalent in a book (`<small>`, `<font>`, `<span class="x">`); its text is kept without it. Reported once per file for each element.',
  },
  'md-html-unbalanced': {
    level: 'warning',
    description:
      'A raw HTML tag was left open in its paragraph (it ends with the paragraph, as in a browser), or a closing tag closed nothing (it was ignored).',
  },
  'md-comment': {
    level: 'info',
    description: 'Comments written as note apps write them (`%%a note to self%%`) were left out of the book.',
  },
  'md-embed': {
    level: 'warning',
    description:
      "A note app's embed of another note (`![[Scene 4]]`) cannot be brought in: only its name is kept. An embed of a picture (`![[map.png]]`) is an image.",
  },
  'md-highlight': {
    level: 'warning',
    description:
      'Highlights (`==word==`) have no equivalent in a book: their text is kept without them. Reported once a file.',
  },
  'md-fenced-div': {
    level: 'warning',
    description:
      'A fenced div (`::: name` … `:::`) other than `::: note`, an alignment (`centered`, `right`, `style="text-align: …"`), a mark (`smallcaps`, `underline`) or a language (`lang=fr`, `dir=rtl`) has no meaning in a book; its content is kept without it.',
  },
  'md-language': {
    level: 'warning',
    description:
      'A bracketed span or fenced div gives a `lang` that is not a BCP 47 language tag (`lang=french`: write `lang=fr`), or a `dir` other than `ltr` or `rtl`; its text is kept without it. Reported once per file for each value.',
  },
  'md-pathological': {
    level: 'warning',
    description:
      'A paragraph holds so many emphasis marks, brackets or backticks that parsing it would take minutes; they were read as plain characters (emphasis and links in that paragraph are lost).',
  },
  'md-footnote-undefined': {
    level: 'warning',
    description: 'A footnote reference `[^label]` has no definition; it is left in the text as written.',
  },
  'md-too-deep': {
    level: 'error',
    description: 'Block quotes or lists nest too deeply; the innermost levels were flattened.',
  },
  'md-hidden-text': {
    level: 'warning',
    description:
      'Raw HTML in the file hides some text (`display: none`, `visibility: hidden`, the `hidden` attribute); it was left out, as a browser shows none of it.',
  },
  'md-censored': {
    level: 'info',
    description:
      'Asterisks inside words that censor them (`f*ck … sh*t`, `f**k`) would have paired as emphasis, making the words between them italic or bold (or, inside an italic, ending it early: `*italic with f*ck inside*`); they were read as the asterisks they are. Emphasis inside one word (`un*believ*able`, `**Bold**ly`) is kept.',
  },
  'md-fence-as-break': {
    level: 'info',
    description:
      'A line of tildes (`~~~`) opens a code block in Markdown, but what it held reads as prose, so it was read as a scene break (and its closing line too) and the text as paragraphs. To keep a code block, name its language (`~~~text`); to mark a scene break in any Markdown reader, write `* * *`.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../diagnostics/types.js' {
  interface CodeTables {
    markdown: typeof markdownCodes
  }
}
