/**
 * Kobo's kepub markup over an EPUB content document, as Kobo's own books and kepubify write it:
 * every sentence of the body's text, and every picture, in a `<span class="koboSpan"
 * id="kobo.P.S">` (P counts the blocks that hold text, S the sentences in one), and the body's
 * content in `<div id="book-columns"><div id="book-inner">`, and Kobo's `kobostylehacks` style at
 * the end of the head. Kobo's kepub reader needs the spans
 * for its reading statistics, highlights and page turns; the markup stays XHTML an EPUB reader
 * reads the same.
 *
 * The documents are Octavo's own XHTML: well formed, text escaped, no CDATA, comments or
 * processing instructions in the body, so a tag-and-text scan is exact and linear.
 */

/** Elements that open a new paragraph count: a sentence never spans two of them. */
const BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'dt',
  'dd',
  'td',
  'th',
  'caption',
  'figcaption',
  'figure',
  'pre',
  'blockquote',
  'div',
  'aside',
  'section',
  'nav',
  'header',
  'footer',
  'hr',
  'br',
  'table',
  'tr',
])

/** Elements that never have content, whether written `<br/>` or `<br>`. */
const VOID = new Set(['br', 'hr', 'img', 'col', 'wbr', 'source', 'track', 'area', 'input', 'link', 'meta'])

/**
 * The style Kobo's own kepubs end their head with, `id="kobostylehacks"`, cut to its one rule
 * that matters as kepubify cuts it: no margin above or below the column division (Kobo's also set
 * font sizes, link colours and every margin in the book to nothing, overriding the book's own).
 */
const STYLE_HACKS =
  '<style type="text/css" id="kobostylehacks">div#book-inner { margin-top: 0; margin-bottom: 0; }</style>\n'

/** Elements whose content is not reading text (an SVG cover's drawing). */
const SKIPPED = new Set(['svg', 'math', 'script', 'style'])

/**
 * Where sentences may end inside a text: after `.`, `!`, `?` or `…`, closing quotes and brackets,
 * and the spaces that follow (they stay with the sentence before). Only breaking spaces: a
 * no-break space (`Mr.\u00A0Smith`, `5\u00A0p.m.`, as the typography sets them) holds its words
 * together, as it does on the page (kepubify's pattern splits at ASCII spaces only, too).
 */
const SENTENCE_END = /[.!?…]+[\p{Pf}\p{Pe}"']*[^\S\u00A0\u2007\u202F]+(?=\S)/gu

/** Titles that stand before a name (`Dr. Who`), so never end a sentence; English, as Kobo's are. */
const TITLES = new Set(
  'Mr Mrs Ms Mx Messrs Dr Prof Rev Fr St Mt Ft Capt Col Gen Lt Sgt Gov Hon Mme Mlle'.split(' '),
)

/** Abbreviations that stand inside a sentence whatever follows (`vs. Jones`, `cf. Smith`). */
const INSIDE = new Set('vs cf viz approx ca'.split(' '))

/** Abbreviations before a number (`No. 5`, `Vol. 2`): a sentence goes on when a digit follows. */
const NUMBERED = new Set('No Nos Vol Vols Ch Chap Fig Figs Sec Art Op p pp'.split(' '))

/** The word of letters and dots before a full stop at `at` (`Mr`, `p.m`, `e.g`). */
const WORD_BEFORE = /[\p{L}.]*\p{L}$/u

/**
 * Whether the end of sentence matched at `at` (`match`, its stop and spaces) ends none: a word
 * in lower case follows (`5 p.m. sharp`, `“Stop!” she said`), or an abbreviation ends in its full
 * stop: a title (`Dr. Who?`), letters with dots between (`e.g.`, `U.S.`), an initial (`J. R. R.`),
 * `vs.`, or `No.` before a number.
 */
function endsNone(text: string, at: number, match: string): boolean {
  const next = text[at + match.length] ?? ''
  if (/\p{Ll}/u.test(next)) return true
  if (!/^\.\s/u.test(match)) return false
  const word = WORD_BEFORE.exec(text.slice(Math.max(0, at - 12), at))?.[0]
  if (!word) return false
  if (word.includes('.')) return true
  if (word.length === 1 && /\p{Lu}/u.test(word) && word !== 'I') return true
  return TITLES.has(word) || INSIDE.has(word) || (NUMBERED.has(word) && /\d/.test(next))
}

/** A text split into sentences, each with its trailing spaces; only spaces stay unsplit. */
export function sentences(text: string): string[] {
  const out: string[] = []
  let from = 0
  for (const m of text.matchAll(SENTENCE_END)) {
    if (endsNone(text, m.index, m[0])) continue
    const end = m.index + m[0].length
    out.push(text.slice(from, end))
    from = end
  }
  if (from < text.length) out.push(text.slice(from))
  return out
}

const TOKEN = /<[^>]*>|[^<]+/g

/** The EPUB's cover page (its `<html>` is of class `cover-page`). */
const COVER_PAGE = /<html\b[^>]*\bclass="[^"]*\bcover-page\b/

/** The element name of a tag (`<p class="x">` → `p`, `</em>` → `em`), lower-cased. */
function tagName(tag: string): string {
  const m = /^<\/?([A-Za-z][\w:.-]*)/.exec(tag)
  return m ? m[1]!.toLowerCase() : ''
}

/**
 * The kepub form of one XHTML content document; the cover page, and a document without a body,
 * are returned as they are.
 *
 * @example
 *   koboSpans('<html><body><p>One. Two.</p></body></html>')
 *   // '<html><body><div id="book-columns"><div id="book-inner"><p><span class="koboSpan"
 *   //  id="kobo.1.1">One. </span><span class="koboSpan" id="kobo.1.2">Two.</span></p></div></div></body></html>'
 */
export function koboSpans(xhtml: string): string {
  // The cover page is a picture sized to the screen: Kobo's column divisions would unsize it.
  if (COVER_PAGE.test(xhtml)) return xhtml
  const bodyTag = /<body\b[^>]*>/.exec(xhtml)
  const close = xhtml.lastIndexOf('</body>')
  if (!bodyTag || close < bodyTag.index) return xhtml
  const start = bodyTag.index + bodyTag[0].length
  const body = xhtml.slice(start, close)
  const head = xhtml.lastIndexOf('</head>', bodyTag.index)
  const before =
    head < 0 ? xhtml.slice(0, start) : `${xhtml.slice(0, head)}${STYLE_HACKS}${xhtml.slice(head, start)}`
  let out = `${before}<div id="book-columns"><div id="book-inner">`
  let paragraph = 0
  let sentence = 0
  // A block opened or closed since the last span: the next span starts a new paragraph count.
  let fresh = true
  let skipped = 0
  // The elements open around the token, innermost last: spaces right in a paragraph are spanned.
  const open: string[] = []
  const span = (content: string) => {
    if (fresh) {
      paragraph++
      sentence = 0
      fresh = false
    }
    sentence++
    return `<span class="koboSpan" id="kobo.${paragraph}.${sentence}">${content}</span>`
  }
  for (const [token] of body.matchAll(TOKEN)) {
    if (token.startsWith('<')) {
      const name = tagName(token)
      const closing = token.startsWith('</')
      const empty = token.endsWith('/>')
      if (SKIPPED.has(name)) {
        if (closing) skipped--
        else if (!empty) skipped++
        out += token
        continue
      }
      if (BLOCKS.has(name)) fresh = true
      if (closing) open.pop()
      else if (!empty && !VOID.has(name)) open.push(name)
      out += skipped === 0 && name === 'img' ? span(token) : token
      continue
    }
    // Spaces between a paragraph's marks (`<em>a</em> <em>b</em>`) are its text, as Kobo and
    // kepubify span them; spaces between blocks are not.
    if (skipped > 0 || (token.trim() === '' && open.at(-1) !== 'p')) {
      out += token
      continue
    }
    if (token.trim() === '') {
      out += span(token)
      continue
    }
    for (const piece of sentences(token)) out += piece.trim() === '' ? piece : span(piece)
  }
  return `${out}</div></div>${xhtml.slice(close)}`
}
