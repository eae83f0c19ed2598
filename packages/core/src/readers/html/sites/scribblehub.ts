/**
 * Scribble Hub: a chapter page saved from the browser. The text is `#chp_raw` inside
 * `div.chp_raw`; the author's notes are `div.wi_authornotes` boxes (their body
 * `div.wi_authornotes_body`), before or after the text; the chapter title is `div.chapter-title`,
 * the series and author the `div.chp_byauthor` links. Navigation, the comment section and the
 * site's menus are never read.
 */
import type { Metadata } from '../../../model/types.js'
import { attr } from '../convert.js'
import { all, contains, first, isoDate, type ParentNode, text } from './dom.js'
import type { SiteChapter, SiteProfile } from './types.js'

function read(doc: ParentNode) {
  const metadata: Partial<Metadata> = {}
  const series = all(doc, 'a[href]').find(
    (a) => /scribblehub\.com\/series\/\d+/.test(attr(a, 'href') ?? '') && text(a),
  )
  if (series) {
    metadata.title = text(series)
    metadata.source = attr(series, 'href')!.replace(/\/?$/, '/')
  }
  const author = first(doc, 'span.auth_name_fic') ?? first(doc, 'div.chp_byauthor', 'a')
  if (author && text(author)) metadata.authors = [{ name: text(author) }]
  const content = first(doc, '#chp_raw')
  const chapters: SiteChapter[] = []
  if (content) {
    const notes = all(doc, 'div.wi_authornotes')
    const order = new Map(all(doc, 'div').map((el, i) => [el, i]))
    const inText = (n: (typeof notes)[number]) => contains(content, n)
    // Notes inside the text block go where they stand: the first block's notes open it.
    const firstBlock = content.childNodes.find((n) => 'tagName' in n)
    const chapter: SiteChapter = {
      root: content,
      before: notes.filter((n) =>
        inText(n) ? n === firstBlock : (order.get(n) ?? 0) < (order.get(content) ?? 0),
      ),
      after: [],
    }
    chapter.after = notes.filter((n) => !chapter.before.includes(n))
    const title = text(first(doc, 'div.chapter-title'))
    if (title) chapter.title = title
    const date = isoDate(text(first(doc, 'span.fic_date_pub')))
    if (date) chapter.date = date
    chapters.push(chapter)
  }
  return { chapters, metadata }
}

export const scribbleHub: SiteProfile = {
  name: 'scribblehub',
  label: 'Scribble Hub',
  hosts: ['scribblehub.com'],
  signature: ['div.chp_raw', 'div.wi_authornotes'],
  chrome: ['div.wi_authornotes_top', 'div.prevnext'],
  read,
}
