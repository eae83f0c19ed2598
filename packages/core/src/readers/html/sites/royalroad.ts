/**
 * Royal Road: a chapter page saved from the browser. The text is `div.chapter-content`; the
 * author's notes are `div.author-note` boxes (in `author-note-portlet`s) before and after it; the
 * chapter title is the header's `h1`, the work's title the `h2` linking to `/fiction/…`, the author
 * the `h3`'s profile link. Sentences the site hides with its own stylesheet (anti-copying text)
 * are not the story and are removed. Navigation buttons, comments and the footer are never read.
 */
import type { Metadata } from '../../../model/types.js'
import { attr } from '../convert.js'
import { all, contains, type Element, first, isoDate, metaContent, type ParentNode, text } from './dom.js'
import type { SiteChapter, SiteProfile } from './types.js'

function read(doc: ParentNode, address: string | undefined) {
  const metadata: Partial<Metadata> = {}
  const header = first(doc, 'div.fic-header') ?? doc
  const work = all(header, 'a[href]').find((a) => /\/fiction\/\d+/.test(attr(a, 'href') ?? '') && text(a))
  const title = text(work) || metaContent(doc, 'og:title')?.replace(/\s*-\s*Royal Road$/i, '')
  if (title && work) metadata.title = title
  const author = all(header, 'a[href]').find((a) => /\/profile\/\d+/.test(attr(a, 'href') ?? '') && text(a))
  if (author) metadata.authors = [{ name: text(author) }]
  const fiction = /^(https?:\/\/[^/]*royalroad\.com\/fiction\/\d+(?:\/[^/?#]+)?)/i.exec(
    address ?? attr(work ?? (header as Element), 'href') ?? '',
  )
  if (fiction) metadata.source = fiction[1]!
  else if (work && /^\/fiction\/\d+/.test(attr(work, 'href')!))
    metadata.source = `https://www.royalroad.com${attr(work, 'href')!.replace(/\/chapter\/.*$/, '')}`
  const content = first(doc, 'div.chapter-content')
  const chapters: SiteChapter[] = []
  if (content) {
    const notes = all(doc, 'div.author-note').filter((n) => !contains(content, n))
    const order = new Map(all(doc, 'div').map((el, i) => [el, i]))
    const at = order.get(content) ?? 0
    const chapter: SiteChapter = {
      root: content,
      before: notes.filter((n) => (order.get(n) ?? 0) < at),
      after: notes.filter((n) => (order.get(n) ?? 0) > at),
    }
    const heading = text(first(header, 'h1')) || text(first(doc, 'h1'))
    if (heading) chapter.title = heading
    const time = all(header, 'time[datetime]')[0] ?? first(doc, 'time[datetime]')
    const date = isoDate(time && attr(time, 'datetime'))
    if (date) chapter.date = date
    chapters.push(chapter)
  }
  return { chapters, metadata }
}

export const royalRoad: SiteProfile = {
  name: 'royalroad',
  label: 'Royal Road',
  hosts: ['royalroad.com', 'royalroadl.com'],
  signature: ['div.chapter-inner.chapter-content'],
  chrome: ['div.nav-buttons', 'div.comments-container', 'div.portlet-title', 'div.ad-container'],
  read,
}
