/**
 * The site profiles, as a table (one module per site), and the choice of one for a page: by the
 * address the page was saved from when it says (canonical link, `og:url`, the browser's "saved
 * from" mark), else by markup only that site writes. A page saved from a site with no profile is
 * named, so the reader can say it was read as plain HTML.
 */
import { ao3 } from './ao3.js'
import { descendants, hostOf, matches, needsAttributes, type ParentNode, pageAddress } from './dom.js'
import { ffn } from './ffn.js'
import { royalRoad } from './royalroad.js'
import { scribbleHub } from './scribblehub.js'
import type { SiteProfile } from './types.js'
import { wattpad } from './wattpad.js'
import { xenforo } from './xenforo.js'

export { ao3Metadata } from './ao3.js'
export type { SiteChapter, SitePage, SiteProfile } from './types.js'

/** Every profile; the first whose host or signature fits a page reads it. */
export const SITES: readonly SiteProfile[] = [ao3, ffn, royalRoad, wattpad, scribbleHub, xenforo]

export interface SiteMatch {
  profile?: SiteProfile
  /** Where the page says it was saved from. */
  address?: string
  /** The host of a saved page no profile knows (`example-serials.net`). */
  unknownHost?: string
}

/** Which site a parsed page comes from. */
export function siteOf(doc: ParentNode, source: string): SiteMatch {
  const address = pageAddress(doc, source)
  const host = hostOf(address)
  const base: SiteMatch = address ? { address } : {}
  if (host) {
    const profile = SITES.find((p) => p.hosts.some((h) => host === h || host.endsWith(`.${h}`)))
    if (profile) return { ...base, profile }
  }
  // Every signature names an id, a class or an attribute: a page's plain paragraphs (most of its
  // elements) can match none, and are not tried against each.
  const all = descendants(doc)
  const elements = SITES.every((p) => p.signature.every(needsAttributes))
    ? all.filter((el) => el.attrs.length > 0)
    : all
  for (const profile of SITES) {
    if (profile.signature.some((selector) => elements.some((el) => matches(el, selector))))
      return { ...base, profile }
  }
  return host ? { ...base, unknownHost: host } : base
}
