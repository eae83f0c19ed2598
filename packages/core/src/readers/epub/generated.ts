/**
 * Pages an EPUB's maker generated rather than the author wrote: the cover wrapper, the title page,
 * the contents page (Octavo, pandoc, calibre, FanFicFare, publishers), calibre's metadata
 * "jacket", FanFicFare's update log. Octavo makes its own cover, title and contents pages from
 * the metadata, so these are left out rather than printed twice. AO3's preface (title, tags,
 * summary, notes) and afterword are the work's own words: they are kept, as front and back matter.
 * Recognised by markup and by the makers' fixed file names, never by the page's wording.
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import type { Matter } from '../../model/types.js'
import { elementsOf, textContent } from './nav.js'

export type PageVerdict = { keep: false; what: string } | { keep: true; matter?: Matter }

/** epub:type values of pages Octavo generates itself. */
const GENERATED_TYPES: Record<string, string> = {
  cover: 'cover page',
  titlepage: 'title page',
  halftitlepage: 'half-title page',
  toc: 'contents page',
  landmarks: 'contents page',
  'copyright-page': 'copyright page',
}

/** File names the common makers give their generated pages. */
const GENERATED_NAMES: Array<[RegExp, string]> = [
  [/^(?:title_?page|titlepage\d*)\.x?html?$/i, 'title page'],
  [/^(?:toc|toc_page|contents)\.x?html?$/i, 'contents page'],
  [/^(?:cover|cover_page)\.x?html?$/i, 'cover page'],
  [/^jacket\d*\.x?html?$/i, "calibre's metadata jacket"],
  [/^log_page\.x?html?$/i, "FanFicFare's update log"],
]

export function judgePage(input: {
  path: string
  doc: P5.Document
  isNav: boolean
  guide: ReadonlyMap<string, string>
  cover?: string
}): PageVerdict {
  const { path, doc, isNav, guide } = input
  if (isNav) return { keep: false, what: 'contents page (the navigation document)' }
  for (const [type, what] of [
    ['cover', 'cover page'],
    ['title-page', 'title page'],
    ['toc', 'contents page'],
  ] as const)
    if (guide.get(type) === path) return { keep: false, what }
  const body = elementsOf(doc, 'body')[0]
  if (!body) return { keep: true }
  // The page's own type: on body, or on the one section that wraps everything.
  const typed = [body, ...elementsOf(body, 'section').slice(0, 1), ...elementsOf(body, 'div').slice(0, 1)]
  for (const el of typed)
    for (const type of words(attr(el, 'epub:type')))
      if (GENERATED_TYPES[type]) return { keep: false, what: GENERATED_TYPES[type]! }
  const name = path.slice(path.lastIndexOf('/') + 1)
  const text = textContent(body).replace(/\s+/g, ' ').trim()
  for (const [pattern, what] of GENERATED_NAMES) {
    // A chapter merely named cover.xhtml with real prose is kept: generated pages are short.
    if (pattern.test(name) && text.length < 4000) return { keep: false, what }
  }
  if (elementsOf(body, 'table').some((t) => /\bcbj_/.test(attr(t, 'class') ?? '')))
    return { keep: false, what: "calibre's metadata jacket" }
  // A page holding nothing but the cover image is the cover wrapper, whatever its name.
  if (text === '' && (elementsOf(body, 'img').length > 0 || elementsOf(body, 'image').length > 0))
    return { keep: false, what: 'cover page (an image alone)' }
  // AO3's downloads: #preface holds the work's header, #afterword the end notes.
  if (elementsOf(body, 'div').some((d) => attr(d, 'id') === 'preface') && !hasChapterText(body))
    return { keep: true, matter: 'front' }
  if (elementsOf(body, 'div').some((d) => attr(d, 'id') === 'afterword') && !hasChapterText(body))
    return { keep: true, matter: 'back' }
  return { keep: true }
}

/** AO3 puts chapters in `div#chapters` (or `.userstuff` outside the preface); the preface has none. */
function hasChapterText(body: P5.Element): boolean {
  return elementsOf(body, 'div').some((d) => attr(d, 'id') === 'chapters')
}

function attr(el: P5.Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value
}

function words(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean)
}
