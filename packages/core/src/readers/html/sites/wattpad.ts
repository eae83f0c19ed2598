/**
 * Wattpad: a story part saved from the browser. The text sits in the reading panel's `<pre>` as
 * one `<p data-p-id>` per paragraph, each carrying a comment-count button (`.component-wrapper`)
 * that is not the story; the part's title is the header's `h1`, the story's title and author sit
 * in the `span.info` / `.author-info` lines and in `og:` metadata. Wattpad has no notes markup:
 * "A/N" paragraphs at either end are the author's notes, as in any HTML chapter.
 */
import type { Metadata } from '../../../model/types.js'
import { attr } from '../convert.js'
import { all, first, metaContent, type ParentNode, text } from './dom.js'
import type { SiteChapter, SiteProfile } from './types.js'

function read(doc: ParentNode, address: string | undefined) {
  const metadata: Partial<Metadata> = {}
  const storyTitle =
    text(first(doc, 'div.part-header', 'span.info', 'a')) || text(first(doc, '.story-info__title'))
  if (storyTitle) metadata.title = storyTitle
  const author =
    text(first(doc, 'div.author-info', 'a.author')) ||
    text(first(doc, 'div.part-header', 'a.author-info__username'))
  if (author) metadata.authors = [{ name: author.replace(/^by\s+/i, '') }]
  const description = metaContent(doc, 'og:description')
  if (description) metadata.description = description
  const tags = all(doc, 'ul.tag-items', 'a').map(text).filter(Boolean)
  if (tags.length > 0) metadata.tags = tags.map((t) => t.replace(/^#/, ''))
  const story = first(doc, 'div.part-header', 'a[href]')
  const href = story && attr(story, 'href')
  const sourceMatch = /\/story\/(\d+)/.exec(href ?? '') ?? /wattpad\.com\/story\/(\d+)/.exec(address ?? '')
  if (sourceMatch) metadata.source = `https://www.wattpad.com/story/${sourceMatch[1]}`
  const chapters: SiteChapter[] = []
  const pres = all(doc, 'div.panel-reading', 'pre')
  if (pres.length > 0) {
    // A long part is split over several <pre> blocks in one panel each: one chapter of them all.
    const root =
      pres.length === 1
        ? pres[0]!
        : { ...pres[0]!, tagName: 'div', childNodes: pres.flatMap((p) => p.childNodes) }
    const chapter: SiteChapter = { root, before: [], after: [] }
    const title = text(first(doc, 'div.part-header', 'h1')) || text(first(doc, 'h1.h2'))
    if (title) chapter.title = title
    chapters.push(chapter)
  }
  return { chapters, metadata }
}

export const wattpad: SiteProfile = {
  name: 'wattpad',
  label: 'Wattpad',
  hosts: ['wattpad.com'],
  signature: ['div.panel-reading', 'p[data-p-id]'],
  chrome: ['div.component-wrapper', 'button', 'div.comment-marker', 'span.num-comment'],
  read,
}
