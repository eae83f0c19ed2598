/**
 * The pages of an archive work (fan fiction, a web serial): the preface AO3 puts at the head of
 * its downloads (rating, warnings, categories, fandoms, relationships, characters, additional
 * tags, language, series, status, dates, words, address; then the summary and the work's notes,
 * formatted as their source had them: `work-text.ts`),
 * the update log, and the end notes page; and the "(new)" mark on chapters added since a date.
 * Decided here once, worded from `strings/`, drawn by every renderer like the other generated
 * pages. Made when the metadata has archive fields (an imported work has them) unless
 * `preface: false`.
 */
import type {
  Chapter,
  EndNotesPage,
  GeneratedPage,
  Metadata,
  PrefaceFieldName,
  PrefacePage,
  Root,
} from '../model/types.js'
import { chaptersOf } from '../model/walk.js'
import { WORK_FIELDS } from '../model/work.js'
import { fill, formatDate, type Strings } from '../strings/index.js'
import { updateLogPage } from './update-log.js'
import { workBlocks } from './work-text.js'

/** Fields that make a work an archive work: any one of them set turns the preface on. */
// Tags alone (the other spelling of `subjects`) and a word count do not make an archive work.
const ARCHIVE_KEYS = WORK_FIELDS.filter((key) => key !== 'tags' && key !== 'words')

/** True when the book gets the archive preface: archive fields set and `preface` not false, or `preface: true`. */
export function wantsPreface(metadata: Metadata): boolean {
  if (metadata.preface !== undefined) return metadata.preface
  return ARCHIVE_KEYS.some((key) => {
    const value = metadata[key]
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== ''
  })
}

const list = (values: string[] | undefined) => (values ?? []).map((v) => v.trim()).filter(Boolean)

/**
 * The count in plain digits: the separator between thousands differs by language (12,345 /
 * 12.345 / 12 345) and a wrong one misreads, so none is used.
 */
function grouped(n: number): string {
  return String(Math.round(n))
}

/**
 * The preface page: rows in AO3's order, then summary and notes. `words` is the work's count
 * when the metadata states none.
 */
export function prefacePage(metadata: Metadata, strings: Strings, words?: number): PrefacePage {
  const fields: PrefacePage['fields'] = []
  const row = (name: PrefaceFieldName, label: string, values: string[]) => {
    if (values.length > 0) fields.push({ name, label, values })
  }
  row('rating', strings.ratingLabel, list(metadata.rating ? [metadata.rating] : []))
  row('warnings', strings.warningsLabel, list(metadata.warnings))
  row('categories', strings.categoriesLabel, list(metadata.categories))
  row('fandoms', strings.fandomsLabel, list(metadata.fandoms))
  row('relationships', strings.relationshipsLabel, list(metadata.relationships))
  row('characters', strings.charactersLabel, list(metadata.characters))
  row('tags', strings.tagsLabel, list(metadata.tags))
  const series = metadata.series?.name.trim()
  if (series) {
    const number = metadata.series?.number
    row('series', strings.seriesLabel, [
      number === undefined ? series : fill(strings.seriesPart, { number: String(number), series }),
    ])
  }
  if (metadata.status)
    row('status', strings.statusLabel, [
      metadata.status === 'complete' ? strings.statusComplete : strings.statusInProgress,
    ])
  if (metadata.published) row('published', strings.publishedLabel, [formatDate(metadata.published, strings)])
  if (metadata.updated) row('updated', strings.updatedLabel, [formatDate(metadata.updated, strings)])
  const count = metadata.words ?? words
  if (count !== undefined && count > 0) row('words', strings.wordsLabel, [grouped(count)])
  if (metadata.source) row('source', strings.sourceLabel, [metadata.source.trim()])
  const sections: PrefacePage['sections'] = []
  const summary = workBlocks(metadata, 'description')
  if (summary.length > 0) sections.push({ name: 'summary', label: strings.summaryLabel, children: summary })
  const notes = workBlocks(metadata, 'notes')
  if (notes.length > 0) sections.push({ name: 'notes', label: strings.notesLabel, children: notes })
  return {
    type: 'prefacePage',
    matter: 'front',
    label: strings.prefacePage,
    title: metadata.title,
    authors: metadata.authors.map((a) => a.name.trim()).filter(Boolean),
    fields,
    sections,
  }
}

/** The end notes page, when the work has end notes: they are the author's, whatever `preface` says. */
export function endNotesPage(metadata: Metadata, strings: Strings): EndNotesPage | undefined {
  const children = workBlocks(metadata, 'endNotes')
  if (children.length === 0) return undefined
  return {
    type: 'endNotesPage',
    matter: 'back',
    label: strings.endNotes,
    title: strings.endNotes,
    children,
  }
}

/**
 * The front pages the archive adds after the copyright page (preface, update log), in order.
 * `chapters` are the book's, whose dates make the update log.
 */
export function archiveFrontPages(
  metadata: Metadata,
  strings: Strings,
  words?: number,
  chapters: readonly Chapter[] = [],
): GeneratedPage[] {
  const out: GeneratedPage[] = []
  const preface = wantsPreface(metadata)
  if (preface) out.push(prefacePage(metadata, strings, words))
  const log = updateLogPage(metadata, chapters, strings, preface)
  if (log) out.push(log)
  return out
}

/** Words in the body chapters' text (the count AO3 states), for a work whose metadata gives none. */
export function countBodyWords(tree: Root, count: (text: string) => number): number {
  let words = 0
  const stack: unknown[] = chaptersOf(tree)
    .filter((c) => c.matter === 'body')
    .flatMap((c) => c.children)
  while (stack.length > 0) {
    const node = stack.pop() as { type: string; value?: string; children?: unknown[] }
    if (node.type === 'note') continue
    if (node.type === 'text' && node.value) words += count(node.value)
    if (node.children) for (const child of node.children) stack.push(child)
  }
  return words
}

/**
 * Mark the chapters posted on or after `metadata.newSince` (their source's date) as new, their
 * title ending in the language's "(new)", so the contents, headings and bookmarks all say it.
 */
export function markNewChapters(tree: Root, strings: Strings): number {
  const since = tree.metadata.newSince
  if (!since) return 0
  let marked = 0
  for (const chapter of chaptersOf(tree)) {
    if (!chapter.date || chapter.date.slice(0, since.length) < since || chapter.new) continue
    chapter.new = true
    chapter.title = [
      ...(chapter.title ?? []),
      { type: 'text', value: `${chapter.title?.length ? ' ' : ''}${strings.newMark}` },
    ]
    marked++
  }
  return marked
}
