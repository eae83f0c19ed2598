/**
 * The update log page FanFicFare gives its readers, made from the dates the chapters carry (an
 * archive page's posting date, a Markdown chapter's `date:`, a book.yaml chapter entry's): the
 * chapters added on one day make one line, newest first, consecutive chapters as a range
 * ("Chapters 24–26 added 30 November 2026"), worded from `strings/` with the date written as
 * the copyright page writes dates. An author's own log (`update-log:` lines) is printed as
 * written instead.
 */
import type { Chapter, Metadata, UpdateLogPage } from '../model/types.js'
import { fill, formatDate, type Strings } from '../strings/index.js'

/** The day of an ISO 8601 date or date-time (`2026-11-30T12:00:00Z` → `2026-11-30`). */
function dayOf(date: string): string {
  return date.trim().slice(0, 10)
}

/**
 * "24–26", "3, 7–8": ascending numbers, runs of consecutive ones as ranges. Numbers are whole
 * chapter numbers; a fractional one (an interlude numbered 3.5) stands alone.
 */
export function ranges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b)
  const out: string[] = []
  for (let i = 0; i < sorted.length; ) {
    let j = i
    while (
      j + 1 < sorted.length &&
      Number.isInteger(sorted[j]) &&
      Number.isInteger(sorted[j + 1]) &&
      sorted[j + 1] === sorted[j]! + 1
    )
      j++
    out.push(j === i ? String(sorted[i]) : `${sorted[i]}\u2013${sorted[j]}`)
    i = j + 1
  }
  return out.join(', ')
}

/**
 * The lines of the log made from the body chapters' dates, newest day first. Chapters are named
 * by the number they state; when one of the dated chapters states none (an unnumbered prologue),
 * all are named by their place among the body chapters instead, so no two share a name.
 */
export function datedLog(chapters: readonly Chapter[], strings: Strings): string[] {
  const body = chapters.filter((c) => c.matter === 'body')
  const dated = body
    .map((chapter, i): [Chapter, number] => [chapter, i + 1])
    .filter(([c]) => c.date !== undefined && /^\d{4}-\d{2}-\d{2}/.test(c.date.trim()))
  if (dated.length === 0) return []
  const byNumber = dated.every(([c]) => c.number !== undefined)
  const days = new Map<string, number[]>()
  for (const [chapter, place] of dated) {
    const day = dayOf(chapter.date!)
    const list = days.get(day) ?? []
    list.push(byNumber ? chapter.number! : place)
    days.set(day, list)
  }
  return [...days.keys()]
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((day) => {
      const numbers = days.get(day)!
      const template = new Set(numbers).size === 1 ? strings.chapterAdded : strings.chaptersAdded
      return fill(template, { chapters: ranges(numbers), date: formatDate(day, strings) })
    })
}

/**
 * Whether the log is made from the chapters' dates: asked for (`update-log: true`), or by default
 * for an archive work (one that gets the preface page).
 */
function wantsDatedLog(metadata: Metadata, archiveWork: boolean): boolean {
  if (metadata.updateLog === undefined) return archiveWork
  return metadata.updateLog === true
}

/**
 * The update log page: the author's lines when book.yaml (or a file) gives them, else the lines
 * made from the chapters' dates when wanted; none when there is nothing to log.
 */
export function updateLogPage(
  metadata: Metadata,
  chapters: readonly Chapter[],
  strings: Strings,
  archiveWork: boolean,
): UpdateLogPage | undefined {
  const written = Array.isArray(metadata.updateLog)
    ? metadata.updateLog.map((l) => l.trim()).filter(Boolean)
    : []
  const lines =
    written.length > 0 ? written : wantsDatedLog(metadata, archiveWork) ? datedLog(chapters, strings) : []
  if (lines.length === 0) return undefined
  return { type: 'updateLogPage', matter: 'front', label: strings.updateLog, title: strings.updateLog, lines }
}
