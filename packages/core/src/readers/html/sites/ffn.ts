/**
 * FanFiction.Net (and FictionPress, the same software): a chapter page saved from the browser.
 * The chapter text (`#storytext`) and its title (the `#chap_select` menu) are found by the story
 * finder in `../site.ts`; this profile reads the work from `#profile_top` (title, author, summary,
 * the grey line "Rated: Fiction T - English - Adventure - Harry P. - Words: 45,678 - Updated: … -
 * Published: … - Status: Complete") and the fandom from the `#pre_story_links` trail.
 */
import type { Metadata } from '../../../model/types.js'
import { attr } from '../convert.js'
import { all, count, first, isoDate, type ParentNode, text } from './dom.js'
import { languageCode } from './text.js'
import type { SiteProfile } from './types.js'

function ffnMetadata(doc: ParentNode, address: string | undefined): Partial<Metadata> {
  const out: Partial<Metadata> = {}
  const top = first(doc, '#profile_top')
  if (top) {
    const title = text(first(top, 'b.xcontrast_txt'))
    if (title) out.title = title
    const author = all(top, 'a[href]').find((a) => /^\/u\/\d+/.test(attr(a, 'href') ?? ''))
    if (author && text(author)) out.authors = [{ name: text(author) }]
    const summary = text(all(top, 'div.xcontrast_txt')[0])
    if (summary) out.description = summary
    const grey = first(top, 'span.xgray')
    if (grey) {
      const parts = text(grey).split(/\s+-\s+/)
      const rated = /^Rated:\s*(?:Fiction\s+)?(.+)$/i.exec(parts[0] ?? '')
      if (rated) out.rating = rated[1]!.trim()
      const language = languageCode(parts[1])
      if (language) out.language = language
      const genre = parts[2]
      if (genre && !/:/.test(genre))
        out.tags = genre
          .split('/')
          .map((g) => g.trim())
          .filter(Boolean)
      const characters = parts[3]
      if (characters && !/:/.test(characters)) {
        // "[Harry P., Hermione G.] Ron W.": pairings in brackets.
        const pairs = [...characters.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!.split(/,\s*/).join('/'))
        if (pairs.length > 0) out.relationships = pairs
        const names = characters
          .split(/[[\],]/)
          .map((c) => c.trim())
          .filter(Boolean)
        if (names.length > 0) out.characters = names
      }
      for (const part of parts) {
        const [key, ...rest] = part.split(':')
        const value = rest.join(':').trim()
        if (/^words$/i.test(key!.trim()) && count(value) !== undefined) out.words = count(value)!
        if (/^status$/i.test(key!.trim()) && /complete/i.test(value)) out.status = 'complete'
      }
      // Dates are spans holding the Unix time: <span data-xutime="1600000000">Sep 13, 2020</span>.
      const times = all(grey, 'span[data-xutime]')
      for (const span of times) {
        const before = (span.parentNode?.childNodes ?? [])
          .slice(0, (span.parentNode?.childNodes ?? []).indexOf(span))
          .map((n) => (n.nodeName === '#text' ? (n as { value: string }).value : text(n)))
          .join('')
        const date = isoDate(attr(span, 'data-xutime'))
        if (!date) continue
        if (/Updated:\s*$/i.test(before)) out.updated = date
        else if (/Published:\s*$/i.test(before)) out.published = date
      }
      if (out.status !== 'complete') out.status = 'in-progress'
    }
  }
  const trail = all(doc, '#pre_story_links', 'a')
  const fandom = trail.length > 0 ? text(trail[trail.length - 1]) : ''
  if (fandom) out.fandoms = [fandom]
  const story = address && /^https?:\/\/[^/]*(?:fanfiction\.net|fictionpress\.com)\/s\/(\d+)/i.exec(address)
  if (story)
    out.source = `https://www.${/fictionpress/i.test(address!) ? 'fictionpress.com' : 'fanfiction.net'}/s/${story[1]}`
  return out
}

export const ffn: SiteProfile = {
  name: 'ffn',
  label: 'FanFiction.Net',
  hosts: ['fanfiction.net', 'm.fanfiction.net', 'fictionpress.com'],
  signature: ['#storytext', '#profile_top'],
  chrome: [],
  read: (doc, address) => {
    const summary = all(doc, '#profile_top', 'div.xcontrast_txt')[0]
    return {
      chapters: [],
      storyFinder: true,
      metadata: ffnMetadata(doc, address),
      ...(summary ? { text: { description: summary } } : {}),
    }
  },
}
