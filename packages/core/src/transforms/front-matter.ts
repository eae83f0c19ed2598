/**
 * The front-matter transform: decides once, from the metadata, which pages Octavo makes for the
 * book (half title, title page, copyright page, an archive work's preface and update log
 * (`preface.ts`), dedication, epigraph, contents, end notes, about the author, also by) and what each says, in the book's language (`strings/`), and puts them on
 * the tree as `root.pages`. Every renderer draws these nodes, so the EPUB, the PDF and a
 * plugin's format say the same thing. Nothing here invents what the metadata does not say: no
 * author means no author line, no "©" unless the author wrote one, no identifier unless it is
 * an ISBN.
 */

import { hyphenateIsbn, prepareIsbn } from '../isbn.js'
import { pushAll } from '../model/arrays.js'
import type {
  AboutAuthorPage,
  AlsoByPage,
  Chapter,
  CopyrightPage,
  GeneratedPage,
  Metadata,
  Root,
  TitlePage,
} from '../model/types.js'
import { chaptersOf } from '../model/walk.js'
import {
  fill,
  formatDate,
  hasStrings,
  joinNames,
  roleLine,
  type Strings,
  stringsFor,
} from '../strings/index.js'
import { countWords } from '../words.js'
import { archiveFrontPages, countBodyWords, endNotesPage, markNewChapters, wantsPreface } from './preface.js'
import type { Transform } from './types.js'

/** MARC relator codes of the roles metadata spells out (`translator` → `trl`). */
const ROLE_CODES: Record<string, string> = {
  editor: 'edt',
  translator: 'trl',
  illustrator: 'ill',
  contributor: 'ctb',
}

function roleCode(role: string): string {
  const lower = role.trim().toLowerCase()
  return ROLE_CODES[lower] ?? (/^[a-z]{3}$/.test(lower) ? lower : 'ctb')
}

/**
 * True when a rights statement puts the work in the public domain: "Public domain", "CC0",
 * "CC0 1.0 Universal", the CC public-domain URLs, and the phrase in the languages Octavo speaks.
 */
export function isPublicDomain(rights: string | undefined): boolean {
  if (!rights) return false
  return /public[\s-]*domain|\bcc[\s-]?0\b|cc[\s-]?zero|creativecommons\.org\/publicdomain|domaine public|gemeinfrei|dominio p[úu]blico|pubblico dominio|dominio pubblico|общественно[мг]о? достояни|domen(a|ie) publiczn|allmän egendom|public domain/i.test(
    rights,
  )
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim()
  return trimmed ? trimmed : undefined
}

function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
}

function paragraphs(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter(Boolean)
}

/** "Translated by A and B", one line per role, in the order roles first appear. */
function contributorLines(metadata: Metadata, strings: Strings): string[] {
  const byRole = new Map<string, string[]>()
  for (const c of metadata.contributors) {
    const name = c.name.trim()
    if (!name) continue
    const code = roleCode(c.role)
    byRole.set(code, [...(byRole.get(code) ?? []), name])
  }
  return Array.from(byRole, ([code, names]) => {
    const words = strings.roles[code] ?? strings.roles.ctb ?? ''
    return roleLine(words, names, strings)
  })
}

function seriesLine(metadata: Metadata, strings: Strings): string | undefined {
  const name = nonEmpty(metadata.series?.name)
  if (!name) return undefined
  const number = metadata.series?.number
  return number === undefined ? name : fill(strings.seriesLine, { number: String(number), series: name })
}

function authorsOf(metadata: Metadata): string[] {
  return metadata.authors.map((a) => a.name.trim()).filter(Boolean)
}

function titlePage(metadata: Metadata, strings: Strings): TitlePage {
  const page: TitlePage = {
    type: 'titlePage',
    matter: 'front',
    label: strings.titlePage,
    title: metadata.title,
    authors: authorsOf(metadata),
    contributors: contributorLines(metadata, strings),
  }
  const subtitle = nonEmpty(metadata.subtitle)
  if (subtitle) page.subtitle = subtitle
  if (metadata.volume) page.volume = fill(strings.volume, { number: String(metadata.volume.number) })
  const series = seriesLine(metadata, strings)
  if (series) page.series = series
  const publisher = nonEmpty(metadata.publisher)
  if (publisher) page.publisher = publisher
  return page
}

function copyrightPage(metadata: Metadata, strings: Strings): CopyrightPage {
  const out: CopyrightPage['lines'] = []
  const add = (kind: CopyrightPage['lines'][number]['kind'], text: string | undefined) => {
    const value = nonEmpty(text)
    if (value) out.push({ kind, text: value })
  }
  const subtitle = nonEmpty(metadata.subtitle)
  add('title', subtitle ? `${metadata.title}: ${subtitle}` : metadata.title)
  add('authors', joinNames(authorsOf(metadata), strings))
  for (const line of contributorLines(metadata, strings)) add('contributors', line)
  // The author's own words only: a © is a legal claim Octavo has no business making.
  add('copyright', metadata.copyright)
  if (isPublicDomain(metadata.rights)) add('public-domain', strings.publicDomain)
  else add('rights', metadata.rights)
  add('edition', metadata.edition)
  if (metadata.date) add('date', fill(strings.published, { date: formatDate(metadata.date, strings) }))
  const publisher = nonEmpty(metadata.publisher)
  if (publisher) add('publisher', fill(strings.publishedBy, { publisher }))
  if (metadata.identifier.scheme === 'isbn')
    add('isbn', fill(strings.isbn, { isbn: hyphenateIsbn(metadata.identifier.value) }))
  add('made-with', strings.madeWith)
  return { type: 'copyrightPage', matter: 'front', label: strings.copyright, lines: out }
}

/**
 * The pages a book with this metadata has, in reading order, worded in its language (with
 * `metadata.strings` over the language's table). `chapters`, the book's, date the update log.
 *
 * @example
 *   frontMatterPages(metadata).map((p) => p.type)
 *   // ['halfTitlePage', 'titlePage', 'copyrightPage', 'contentsPage']
 */
export function frontMatterPages(
  metadata: Metadata,
  words?: number,
  chapters: readonly Chapter[] = [],
): GeneratedPage[] {
  const strings = stringsFor(metadata.language, metadata.strings)
  const pages: GeneratedPage[] = [
    { type: 'halfTitlePage', matter: 'front', label: strings.halfTitle, title: metadata.title },
    titlePage(metadata, strings),
    copyrightPage(metadata, strings),
  ]
  // An archive work's preface and update log, where AO3's downloads put them: before all else.
  pushAll(pages, archiveFrontPages(metadata, strings, words, chapters))
  const dedication = lines(metadata.dedication)
  if (dedication.length > 0) {
    pages.push({ type: 'dedicationPage', matter: 'front', label: strings.dedication, lines: dedication })
  }
  const epigraph = lines(metadata.epigraph?.text)
  if (epigraph.length > 0) {
    const source = nonEmpty(metadata.epigraph?.source)
    pages.push({
      type: 'epigraphPage',
      matter: 'front',
      label: strings.epigraph,
      lines: epigraph,
      ...(source ? { source } : {}),
    })
  }
  pages.push({ type: 'contentsPage', matter: 'front', label: strings.contents, title: strings.contents })
  const endNotes = endNotesPage(metadata, strings)
  if (endNotes) pages.push(endNotes)
  const about = paragraphs(metadata.aboutAuthor)
  if (about.length > 0) {
    const page: AboutAuthorPage = {
      type: 'aboutAuthorPage',
      matter: 'back',
      label: strings.aboutAuthor,
      title: strings.aboutAuthor,
      paragraphs: about,
    }
    pages.push(page)
  }
  const titles = (metadata.alsoBy ?? []).map((t) => t.trim()).filter(Boolean)
  if (titles.length > 0) {
    const author = joinNames(authorsOf(metadata), strings)
    const heading = author ? fill(strings.alsoBy, { author }) : strings.alsoByNoAuthor
    const page: AlsoByPage = { type: 'alsoByPage', matter: 'back', label: heading, title: heading, titles }
    pages.push(page)
  }
  return pages
}

/** The generated pages of a tree: the transform's when it ran, else made now the same way. */
export function pagesOf(tree: Root): GeneratedPage[] {
  return tree.pages ?? frontMatterPages(tree.metadata, undefined, chaptersOf(tree))
}

/**
 * The transform: sets `tree.pages`, and says once (info) when the book's language has no
 * strings table and English words are used.
 *
 * @example
 *   const { book } = await createBook({ metadata, chapters, transforms: [frontMatter()] })
 *   book!.tree.pages?.map((p) => p.label)
 */
export function frontMatter(): Transform {
  return async (tree, file) => {
    if (tree.metadata.identifier.scheme === 'isbn') await prepareIsbn()
    const language = tree.metadata.language
    if (!hasStrings(language)) {
      file.message(
        'book-strings-fallback',
        `Octavo has no words for language "${language}"; the pages it makes (contents, copyright…) are in English. Set \`strings:\` in book.yaml to word them`,
      )
    }
    const metadata = tree.metadata
    const preface = wantsPreface(metadata)
    const words = preface && metadata.words === undefined ? countBodyWords(tree, countWords) : undefined
    tree.pages = frontMatterPages(metadata, words, chaptersOf(tree))
    markNewChapters(tree, stringsFor(language, metadata.strings))
    if (metadata.preface === false) {
      const kept = (
        ['description', 'notes', 'fandoms', 'rating', 'warnings', 'relationships', 'characters'] as const
      ).filter((key) => metadata[key] !== undefined)
      if (kept.length > 0)
        file.message(
          'book-preface-off',
          `\`preface: false\`: the work's ${kept.join(', ')} go into the book's metadata only, not onto a page`,
        )
    }
  }
}
