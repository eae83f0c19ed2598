/**
 * What a site profile is: how to know a page saved from one fan-fiction or web-serial site, where
 * its chapter text, chapter title and author's notes are, what page furniture sits inside the
 * story area, and what the page says about the work. Profiles are data plus a few queries; the
 * HTML reader does the converting, so every site gets the same sanitising.
 */
import type { Metadata, WorkText } from '../../../model/types.js'
import type { Element, ParentNode, Selector } from './dom.js'

/** One chapter found on a page. */
export interface SiteChapter {
  /** The element holding the chapter text (converted without its own tag). */
  root: Element
  /** The chapter heading as the page states it ("Chapter 3: The Storm"). */
  title?: string
  /** When the chapter was posted, ISO 8601. */
  date?: string
  /** Author's notes before and after the chapter text, each converted as one note. */
  before: Element[]
  after: Element[]
}

/** What a profile reads from a page. */
export interface SitePage {
  /**
   * The chapters in page order; empty when the site's containers are missing (its layout
   * changed): the reader then warns and keeps the page's main text.
   */
  chapters: SiteChapter[]
  /**
   * True when the long-standing story finder (`../site.ts`: AO3's `#chapters`, FFN's
   * `#storytext`) reads the chapters instead; `chapters` is then empty.
   */
  storyFinder?: boolean
  metadata: Partial<Metadata>
  /**
   * The elements holding the work's summary, notes and end notes (whose plain text `metadata`
   * has): the reader converts them, sanitised like the chapters, into `Metadata.formatted`.
   */
  text?: { [K in keyof WorkText]?: Element }
}

export interface SiteProfile {
  /** Stable name, used in diagnostics' data: `royalroad`. */
  name: string
  /** The site's name for messages: "Royal Road". */
  label: string
  /** Hosts the site serves from, without `www.` (`royalroad.com`). */
  hosts: string[]
  /** Markup only this site writes, to know a page saved without its address (any one matches). */
  signature: Selector[]
  /** Furniture that can sit inside a chapter or its notes: removed from them before converting. */
  chrome: Selector[]
  /** Read the page. `address` is where it was saved from, when the page says. */
  read(doc: ParentNode, address: string | undefined): SitePage
}
