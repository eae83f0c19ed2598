/**
 * Kobo's kepub markup over an EPUB content document, as Kobo's own books and kepubify write it:
 * every sentence of the body's text, and every picture, in a `<span class="koboSpan"
 * id="kobo.P.S">` (P counts the blocks that hold text, S the sentences in one), and the body's
 * content in `<div id="book-columns"><div id="book-inner">`. Kobo's kepub reader needs the spans
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

/** Elements whose content is not reading text (an SVG cover's drawing). */
const SKIPPED = new Set(['svg', 'math', 'script', 'style'])

/**
 * Where sentences end inside a text: after `.`, `!`, `?` or `…`, closing quotes and brackets,
 * and the spaces that follow (they stay with the sentence before).
 */
const SENTENCE_END = /[.!?…]+[\p{Pf}\p{Pe}"']*\s+(?=\S)/gu

/** A text split into sentences, each with its trailing spaces; only spaces stay unsplit. */
export function sentences(text: string): string[] {
  const out: string[] = []
  let from = 0
  for (const m of text.matchAll(SENTENCE_END)) {
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
  const open = /<body\b[^>]*>/.exec(xhtml)
  const close = xhtml.lastIndexOf('</body>')
  if (!open || close < open.index) return xhtml
  const start = open.index + open[0].length
  const body = xhtml.slice(start, close)
  let out = `${xhtml.slice(0, start)}<div id="book-columns"><div id="book-inner">`
  let paragraph = 0
  let sentence = 0
  // A block opened or closed since the last span: the next span starts a new paragraph count.
  let fresh = true
  let skipped = 0
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
      out += skipped === 0 && name === 'img' ? span(token) : token
      continue
    }
    if (skipped > 0 || token.trim() === '') {
      out += token
      continue
    }
    for (const piece of sentences(token)) out += piece.trim() === '' ? piece : span(piece)
  }
  return `${out}</div></div>${xhtml.slice(close)}`
}
