/**
 * SpaceBattles and Sufficient Velocity (XenForo 2 forums): a threadmark reader page
 * (`/threads/…/reader/`) saved from the browser, holding up to a page's worth of threadmarked
 * posts. Each `article.message.hasThreadmark` is one chapter: its title is the `.threadmarkLabel`,
 * its text the post's `div.bbWrapper`, its date the post's `time[datetime]`. Signatures, reactions,
 * share menus, quote buttons and the reply box are never read; the thread's title is the work's,
 * the first post's author its author.
 */
import type { Metadata } from '../../../model/types.js'
import { attr } from '../convert.js'
import { all, first, isoDate, type ParentNode, text } from './dom.js'
import type { SiteChapter, SiteProfile } from './types.js'

function read(doc: ParentNode, address: string | undefined) {
  const metadata: Partial<Metadata> = {}
  const heading = first(doc, 'h1.p-title-value')
  // Prefix labels ("Worm", "Complete") are the forum's, not the title's.
  const labels = heading ? all(heading, 'span.label').map(text) : []
  let title = text(heading)
  for (const label of labels) if (title.startsWith(label)) title = title.slice(label.length).trim()
  if (title) metadata.title = title
  const chapters: SiteChapter[] = []
  for (const post of all(doc, 'article.message')) {
    if (!/\bhasThreadmark\b/.test(attr(post, 'class') ?? '')) continue
    const body = first(post, 'div.bbWrapper')
    if (!body) continue
    const chapter: SiteChapter = { root: body, before: [], after: [] }
    const label = text(first(post, '.threadmarkLabel'))
    if (label) chapter.title = label
    const time = first(post, 'header.message-attribution', 'time[datetime]') ?? first(post, 'time[datetime]')
    const date = isoDate(time && attr(time, 'datetime'))
    if (date) chapter.date = date
    chapters.push(chapter)
    const author = attr(post, 'data-author')
    if (author && !metadata.authors) metadata.authors = [{ name: author }]
  }
  const thread = /^(https?:\/\/[^/]+\/threads\/[^/?#]+)/i.exec(address ?? '')
  if (thread) metadata.source = `${thread[1]}/`
  return { chapters, metadata }
}

export const xenforo: SiteProfile = {
  name: 'xenforo',
  label: 'SpaceBattles / Sufficient Velocity',
  hosts: [
    'forums.spacebattles.com',
    'spacebattles.com',
    'forums.sufficientvelocity.com',
    'sufficientvelocity.com',
  ],
  signature: ['article.message.hasThreadmark', 'span.threadmarkLabel'],
  chrome: [
    'aside.message-signature',
    'footer.message-footer',
    'div.message-lastEdit',
    'div.bbCodeBlock-expandLink',
    'div.js-selectToQuoteEnd',
  ],
  read,
}
