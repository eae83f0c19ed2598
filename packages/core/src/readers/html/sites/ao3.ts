/**
 * The Archive of Our Own: its whole-work download (HTML, and the same preface inside its EPUB),
 * and a work or chapter page saved from the browser. The chapters are found by the long-standing
 * story finder (`../site.ts`: `#chapters`, `div.userstuff`); this profile reads what the page says
 * about the work: the download's preface (`#preface dl.tags`, labelled by `<dt>` text) or the
 * work page's `dl.work.meta` (labelled by class), the summary, the work's notes and end notes.
 * Markup from otwarchive's `app/views/downloads/` and `app/views/works/`.
 */
import type { Metadata } from '../../../model/types.js'
import { attr } from '../convert.js'
import {
  all,
  contains,
  count,
  detach,
  type Element,
  first,
  isElement,
  isoDate,
  type ParentNode,
  tagList,
  text,
} from './dom.js'
import { languageCode, paragraphsOf, seriesOf } from './text.js'
import type { SitePage, SiteProfile } from './types.js'

type Field = 'rating' | 'warnings' | 'categories' | 'fandoms' | 'relationships' | 'characters' | 'tags'

/** The download's `<dt>` words (singular and plural, as otwarchive pluralises them). */
const DT_FIELDS: Array<[RegExp, Field | 'language' | 'series' | 'stats']> = [
  [/^ratings?$/i, 'rating'],
  [/^archive warnings?$/i, 'warnings'],
  [/^categor(?:y|ies)$/i, 'categories'],
  [/^fandoms?$/i, 'fandoms'],
  [/^relationships?$/i, 'relationships'],
  [/^characters?$/i, 'characters'],
  [/^additional tags?$/i, 'tags'],
  [/^language$/i, 'language'],
  [/^series$/i, 'series'],
  [/^stats$/i, 'stats'],
]

/** The work page's `dd` classes. */
const DD_FIELDS: Array<[string, Field]> = [
  ['rating', 'rating'],
  ['warning', 'warnings'],
  ['category', 'categories'],
  ['fandom', 'fandoms'],
  ['relationship', 'relationships'],
  ['character', 'characters'],
  ['freeform', 'tags'],
]

function put(out: Partial<Metadata>, field: Field, values: string[]): void {
  if (values.length === 0) return
  if (field === 'rating') out.rating = values.join(', ')
  else out[field] = values
}

/** "Published: 2024-01-02 Completed: 2024-03-04 Words: 12,345 Chapters: 3/3" */
function stats(line: string, out: Partial<Metadata>): void {
  const published = /Published:\s*(\S+)/i.exec(line)?.[1]
  const updated = /(?:Updated|Completed):\s*(\S+)/i.exec(line)?.[1]
  const words = /Words:\s*([\d,.\s]+?)(?=\s+[A-Z]|$)/.exec(line)?.[1]
  const chapters = /Chapters:\s*(\d+)\s*\/\s*(\d+|\?)/i.exec(line)
  if (isoDate(published)) out.published = isoDate(published)!
  if (isoDate(updated)) out.updated = isoDate(updated)!
  if (count(words) !== undefined) out.words = count(words)!
  if (/Completed:/i.test(line) || (chapters && chapters[1] === chapters[2])) out.status = 'complete'
  else if (chapters) out.status = 'in-progress'
}

/** The block after a `<p>Summary</p>`/`<p>Notes</p>` label in the download's preface. */
function labelled(scope: Element, label: RegExp): Element | undefined {
  const kids = scope.childNodes.filter((n): n is Element => 'tagName' in n)
  for (let i = 0; i < kids.length - 1; i++) {
    if (kids[i]!.tagName === 'p' && label.test(text(kids[i]))) {
      const next = kids[i + 1]!
      if (next.tagName === 'blockquote') return next
    }
  }
  return undefined
}

/**
 * What an AO3 page says about its work: title, authors, summary, tags, rating, warnings, series,
 * language, dates, words, status, address, work notes and end notes. Works on the whole-work
 * HTML download, on the `preface.xhtml` of AO3's EPUB download (the same markup), and on a work
 * or chapter page saved from the browser. Never throws; absent fields are left out.
 *
 * @example
 *   ao3Metadata(parse(html)).fandoms // ['Sherlock Holmes - Arthur Conan Doyle']
 */
export function ao3Metadata(doc: ParentNode): Partial<Metadata> {
  const out: Partial<Metadata> = {}
  const work = ao3WorkText(doc)
  for (const field of ['description', 'notes', 'endNotes'] as const) {
    const plain = paragraphsOf(work[field])
    if (plain) out[field] = plain
  }
  const preface = first(doc, '#preface')
  const workMeta = first(doc, 'dl.work.meta')
  const chapters = first(doc, '#chapters')
  const outsideChapters = (el: Element) => !chapters || !contains(chapters, el)
  if (preface) {
    // The whole-work download.
    const dl = first(preface, 'dl.tags')
    if (dl) {
      const items = dl.childNodes.filter((n): n is Element => 'tagName' in n)
      for (let i = 0; i < items.length; i++) {
        if (items[i]!.tagName !== 'dt') continue
        const dd = items[i + 1]?.tagName === 'dd' ? items[i + 1] : undefined
        const label = text(items[i]).replace(/:$/, '')
        const field = DT_FIELDS.find(([re]) => re.test(label))?.[1]
        if (!field || !dd) continue
        if (field === 'language') {
          const code = languageCode(text(dd))
          if (code) out.language = code
        } else if (field === 'series') {
          const series = seriesOf(text(dd).split(/,\s*(?=Part\s)/i)[0] ?? '')
          if (series) out.series = series
        } else if (field === 'stats') stats(text(dd), out)
        else put(out, field, tagList(dd))
      }
    }
    const title = text(first(preface, 'h1'))
    if (title) out.title = title
    const byline = first(preface, '.byline')
    const authors = byline ? all(byline, 'a').map(text).filter(Boolean) : []
    if (authors.length > 0) out.authors = authors.map((name) => ({ name }))
    for (const link of all(preface, 'p.message', 'a')) {
      const href = attr(link, 'href') ?? ''
      if (/^https?:\/\/[^/]*archiveofourown\.org\/works\/\d+/i.test(href)) out.source = href
    }
  } else if (workMeta) {
    // A work or chapter page saved from the browser.
    for (const [cls, field] of DD_FIELDS) {
      const dd = all(workMeta, `dd.${cls}`)[0]
      if (dd) put(out, field, all(dd, 'a.tag').map(text).filter(Boolean))
    }
    const language = first(workMeta, 'dd.language')
    const code = (language && attr(language, 'lang')) || languageCode(text(language))
    if (code) out.language = code
    const position = first(workMeta, 'dd.series', 'span.position')
    const series = position && seriesOf(text(position))
    if (series) out.series = series
    const statsDl = first(workMeta, 'dl.stats')
    if (statsDl) {
      const published = isoDate(text(first(statsDl, 'dd.published')))
      if (published) out.published = published
      const statusDt = text(first(statsDl, 'dt.status'))
      const status = isoDate(text(first(statsDl, 'dd.status')))
      if (status) out.updated = status
      const words = count(text(first(statsDl, 'dd.words')))
      if (words !== undefined) out.words = words
      const chapterCount = /^(\d+)\s*\/\s*(\d+|\?)$/.exec(text(first(statsDl, 'dd.chapters')))
      if (/^completed/i.test(statusDt) || (chapterCount && chapterCount[1] === chapterCount[2]))
        out.status = 'complete'
      else if (chapterCount) out.status = 'in-progress'
    }
    const workPreface = all(doc, 'div.preface.group').find(outsideChapters)
    if (workPreface) {
      const title = text(first(workPreface, 'h2.title'))
      if (title) out.title = title
      const authors = all(workPreface, '.byline', 'a').map(text).filter(Boolean)
      if (authors.length > 0) out.authors = authors.map((name) => ({ name }))
    }
  }
  return out
}

/**
 * Where an AO3 page holds the work's summary, notes and end notes: the download's preface
 * blockquotes (after their `<p>Summary:</p>` labels) and `#afterword`, or the work page's
 * `.summary` and `.notes` modules outside the chapters and `#work_endnotes`.
 */
export function ao3WorkText(doc: ParentNode): NonNullable<SitePage['text']> {
  const out: NonNullable<SitePage['text']> = {}
  const preface = first(doc, '#preface')
  const chapters = first(doc, '#chapters')
  const outsideChapters = (el: Element) => !chapters || !contains(chapters, el)
  const put = (field: keyof typeof out, el: Element | undefined) => {
    if (el && paragraphsOf(el)) out[field] = el
  }
  if (preface) {
    const meta = first(preface, 'div.meta') ?? preface
    put('description', labelled(meta, /^summary:?$/i))
    put('notes', labelled(meta, /^notes:?$/i))
  } else if (first(doc, 'dl.work.meta')) {
    const workPreface = all(doc, 'div.preface.group').find(outsideChapters)
    if (workPreface) {
      put('description', first(workPreface, '.summary', 'blockquote'))
      put('notes', all(workPreface, '.notes', 'blockquote').find(outsideChapters))
    }
  }
  put('endNotes', first(doc, '#work_endnotes', 'blockquote'))
  put('endNotes', first(doc, '#afterword', '#endnotes', 'blockquote'))
  return out
}

/** The work a work or chapter page links to as itself: its chapter titles' and navigation's `/works/123…` links. */
function linkedWork(doc: ParentNode): string | undefined {
  const links = [...all(doc, '#chapters', 'h3.title', 'a'), ...all(doc, 'ul.work.navigation', 'a')]
  for (const link of links) {
    const m = /^(?:https?:\/\/(?:www\.)?archiveofourown\.org)?\/works\/(\d+)(?:[/?#]|$)/i.exec(
      attr(link, 'href') ?? '',
    )
    if (m) return m[1]
  }
  return undefined
}

export const ao3: SiteProfile = {
  name: 'ao3',
  label: 'Archive of Our Own',
  hosts: ['archiveofourown.org', 'ao3.org'],
  signature: ['#preface', 'dl.work.meta', 'div#workskin'],
  chrome: [],
  read: (doc, address) => {
    // A notes module holds the author's words in its blockquote; the paragraphs beside it are
    // the archive's ("(See the end of the chapter for more notes.)").
    for (const module of all(doc, 'div.notes.module')) {
      if (!first(module, 'blockquote.userstuff')) continue
      for (const kid of [...module.childNodes]) if (isElement(kid) && kid.tagName === 'p') detach(kid)
    }
    const metadata = ao3Metadata(doc)
    const work = /^https?:\/\/[^/]*(?:archiveofourown|ao3)\.org\/works\/(\d+)/i.exec(address ?? '')
    // A page saved "HTML only" says no address, but its own links name the work (`/works/123`).
    const id = work?.[1] ?? linkedWork(doc)
    if (!metadata.source && id) metadata.source = `https://archiveofourown.org/works/${id}`
    return { chapters: [], storyFinder: true, metadata, text: ao3WorkText(doc) }
  },
}
