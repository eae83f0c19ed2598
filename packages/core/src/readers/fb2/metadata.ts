/**
 * What a FictionBook's `<description>` says about the book: `<title-info>` (title, authors,
 * language, annotation, genres, keywords, date, cover, translators, series) and `<publish-info>`
 * (publisher, year, ISBN). `<src-title-info>` (the original's, for a translation) and
 * `<document-info>` (who made the file, with what program) are not the book's and are not read.
 * A name a program writes for a book without one ("Unknown", "Неизвестный автор") is no author.
 */
import type { Contributor, Identifier, Metadata, Person } from '../../model/types.js'
import { CALIBRE_UNKNOWN, isPlaceholderAuthor } from '../shared/placeholders.js'
import { attribute, element, elements, textOf, type XmlElement } from '../shared/xml.js'

/** The description's fields, and the `#id` of the cover's binary (resolved by the reader). */
export interface Description {
  metadata: Partial<Metadata>
  /** The cover's `l:href`, without its `#`. */
  cover?: string
  /** The `<coverpage>` element, for diagnostics. */
  coverAt?: XmlElement
}

/** One FB2 person (`<author>`, `<translator>`): "First Middle Last", or the nickname alone. */
function person(el: XmlElement): Person | undefined {
  const part = (name: string) => {
    const found = element(el, name)
    return found ? textOf(found) : ''
  }
  const first = part('first-name')
  const middle = part('middle-name')
  const last = part('last-name')
  const given = [first, middle].filter(Boolean).join(' ')
  const name = [given, last].filter(Boolean).join(' ') || part('nickname')
  if (isPlaceholderAuthor(name)) return undefined
  const out: Person = { name }
  if (last && given) out.fileAs = `${last}, ${given}`
  return out
}

/** A block's text, paragraphs on blank lines (an annotation: p, poem, cite, subtitle). */
function paragraphsText(el: XmlElement): string {
  const out: string[] = []
  const stack: XmlElement[] = [el]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (
      node.local === 'p' ||
      node.local === 'v' ||
      node.local === 'subtitle' ||
      node.local === 'text-author'
    ) {
      const text = textOf(node)
      if (text) out.push(text)
      continue
    }
    const kids = elements(node)
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!)
  }
  return out.join('\n\n')
}

/** `2003`, `2003-05`, `2003-05-01` from an FB2 date (its `value`, else its text). */
function isoDate(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined
  for (const text of [attribute(el, 'value') ?? '', textOf(el)]) {
    const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?!\d)/.exec(text.trim())
    if (match && Number(match[1]) >= 1000) return [match[1], match[2], match[3]].filter(Boolean).join('-')
  }
  // A date written as words ("весна 1999"): its year.
  const year = /(?<!\d)(\d{4})(?!\d)/.exec(textOf(el))?.[1]
  return year && Number(year) >= 1000 ? year : undefined
}

/** An ISBN-10 or ISBN-13 with a right check digit, as 13 digits; undefined otherwise. */
export function isbn(text: string): Identifier | undefined {
  const compact = text.replace(/^\s*isbn(?:-1[03])?:?\s*/i, '').replace(/[\s\u2010-\u2015-]/g, '')
  if (/^\d{9}[\dXx]$/.test(compact)) {
    let sum = 0
    for (let i = 0; i < 9; i++) sum += (10 - i) * Number(compact[i])
    const check = (11 - (sum % 11)) % 11
    if ((check === 10 ? 'X' : String(check)) !== compact[9]!.toUpperCase()) return undefined
    const body = `978${compact.slice(0, 9)}`
    return { scheme: 'isbn', value: body + isbn13Check(body) }
  }
  if (/^97[89]\d{10}$/.test(compact) && isbn13Check(compact.slice(0, 12)) === compact[12])
    return { scheme: 'isbn', value: compact }
  return undefined
}

function isbn13Check(twelve: string): string {
  let sum = 0
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(twelve[i])
  return String((10 - (sum % 10)) % 10)
}

const LANGUAGE = /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i

/** The book's metadata from `<description>` (absent: nothing). */
export function readDescription(description: XmlElement | undefined): Description {
  const metadata: Partial<Metadata> = {}
  const out: Description = { metadata }
  if (!description) return out
  const info = element(description, 'title-info')
  // calibre writes the genre "antique" for every book it is given without one, and "Unknown" (in
  // its user's language) for a title it was not given.
  const program = element(element(description, 'document-info') ?? description, 'program-used')
  const calibre = program !== undefined && /^calibre\b/i.test(textOf(program))
  if (info) {
    const title = element(info, 'book-title')
    const titled = title ? textOf(title) : ''
    if (titled && !(calibre && CALIBRE_UNKNOWN.has(titled.toLowerCase()))) metadata.title = titled
    const authors = elements(info, 'author')
      .map(person)
      .filter((p): p is Person => p !== undefined)
    if (authors.length > 0) metadata.authors = authors
    const contributors: Contributor[] = elements(info, 'translator')
      .map(person)
      .filter((p): p is Person => p !== undefined)
      .map((p) => ({ ...p, role: 'translator' }))
    if (contributors.length > 0) metadata.contributors = contributors
    const lang = element(info, 'lang')
    const language = lang ? textOf(lang) : ''
    if (LANGUAGE.test(language)) metadata.language = language.replace(/_/g, '-')
    const annotation = element(info, 'annotation')
    const summary = annotation ? paragraphsText(annotation) : ''
    if (summary) metadata.description = summary
    const subjects = [
      ...elements(info, 'genre').map(textOf),
      ...elements(info, 'keywords').flatMap((k) => textOf(k).split(/\s*[,;]\s*/)),
    ]
      .map((s) => s.trim())
      .filter((s, i, all) => s !== '' && all.indexOf(s) === i)
    if (subjects.length > 0 && !(calibre && subjects.length === 1 && subjects[0] === 'antique'))
      metadata.subjects = subjects
    const date = isoDate(element(info, 'date'))
    if (date) metadata.date = date
    const sequence = elements(info, 'sequence').find((s) => (attribute(s, 'name') ?? '').trim() !== '')
    if (sequence) {
      const number = Number(attribute(sequence, 'number'))
      metadata.series = {
        name: attribute(sequence, 'name')!.replace(/\s+/g, ' ').trim(),
        ...(Number.isFinite(number) && number > 0 ? { number } : {}),
      }
    }
    const coverpage = element(info, 'coverpage')
    const image = coverpage && element(coverpage, 'image')
    const href = image ? (attribute(image, 'href') ?? '') : ''
    if (coverpage && href.startsWith('#') && href.length > 1) {
      out.cover = href.slice(1)
      out.coverAt = image
    }
  }
  const publish = element(description, 'publish-info')
  if (publish) {
    const publisher = element(publish, 'publisher')
    if (publisher && textOf(publisher)) metadata.publisher = textOf(publisher)
    // The edition's year is the book's date; the title-info date is when the work was written.
    const year = isoDate(element(publish, 'year'))
    if (year) metadata.date = year
    const id = elements(publish, 'isbn')
      .map((i) => isbn(textOf(i)))
      .find(Boolean)
    if (id) metadata.identifier = id
  }
  return out
}
