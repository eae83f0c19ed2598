/**
 * Volumes: one book split into several, each a whole book of its own (title page saying "Book 2",
 * contents, series position), the chapters keeping the numbers the whole book gave them. This
 * module owns the `volumes:` value (what book.yaml and `createBook` accept) and the split of a
 * finished tree at chosen chapters; which chapters is decided once, by `pipeline/volumes.ts`,
 * before any renderer runs, so that every format of a volume holds the same chapters.
 */

import type { Chapter, GeneratedPage, Identifier, Metadata, Part, Root, Volumes } from '../model/types.js'
import { readingOrder } from '../model/walk.js'
import { frontMatterPages, pagesOf } from './front-matter.js'

/** Why a value is not a `volumes:` setting, as the end of a sentence starting "`volumes` …". */
export interface VolumesProblem {
  problem: string
}

const VOLUMES_WORDS = 'must be `parts`, `{chapters: N}` or `{max-pages: N}`'

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'nothing'
  if (typeof value === 'object') return 'a mapping'
  return String(value)
}

function wholeNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined
}

/**
 * Check a `volumes:` value as book.yaml (`max-pages`) or the API (`maxPages`) spells it.
 *
 * @example
 *   parseVolumes('parts') // { parts: true }
 *   parseVolumes({ 'max-pages': 800 }) // { maxPages: 800 }
 *   parseVolumes({ chapters: 0 }) // { problem: '`chapters` must be a whole number of at least 1, got 0' }
 */
export function parseVolumes(value: unknown): Volumes | VolumesProblem {
  if (typeof value === 'string' && value.trim().toLowerCase() === 'parts') return { parts: true }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { problem: `${VOLUMES_WORDS}, got ${describe(value)}` }
  const entries = Object.entries(value).filter(([key]) => key !== 'at')
  if (entries.length !== 1) return { problem: `${VOLUMES_WORDS} (one of them), got ${entries.length} keys` }
  const [key, given] = entries[0]!
  if (key === 'parts' && given === true) return { parts: true }
  const name =
    key === 'chapters' ? 'chapters' : key === 'max-pages' || key === 'maxPages' ? 'max-pages' : undefined
  if (!name) return { problem: `${VOLUMES_WORDS}, got the key \`${key}\`` }
  const n = wholeNumber(given)
  // A budget is at least a title page, a copyright page, a contents page and a chapter opening.
  const least = name === 'chapters' ? 1 : 4
  if (n === undefined || n < least)
    return { problem: `\`${name}\` must be a whole number of at least ${least}, got ${describe(given)}` }
  const volumes: Volumes = name === 'chapters' ? { chapters: n } : { maxPages: n }
  const at = (value as { at?: unknown }).at as Volumes['at'] | undefined
  if (at && typeof at.file === 'string' && Number.isInteger(at.line) && Number.isInteger(at.column))
    volumes.at = { file: at.file, line: at.line, column: at.column }
  return volumes
}

/** True when `parseVolumes` said no. */
export function isVolumesProblem(value: Volumes | VolumesProblem): value is VolumesProblem {
  return 'problem' in value
}

/** The body chapters of a tree in reading order: the units volumes are made of. */
export function bodyChapters(tree: Root): Chapter[] {
  const out: Chapter[] = []
  for (const entry of readingOrder(tree).body) {
    if (entry.type === 'part') out.push(...entry.chapters)
    else out.push(entry)
  }
  return out
}

/**
 * Volume boundaries for `parts` and `chapters`: the index into `bodyChapters` each volume starts
 * at (the first is always 0). Chapters outside any part join the part before them, or the first
 * part when they come before all parts. Undefined when the book cannot be split that way (no
 * parts, or no body chapters).
 */
export function countedStarts(tree: Root, volumes: Volumes): number[] | undefined {
  const chapters = bodyChapters(tree)
  if (chapters.length === 0) return undefined
  if (volumes.chapters) {
    const starts: number[] = []
    for (let i = 0; i < chapters.length; i += volumes.chapters) starts.push(i)
    return starts
  }
  if (!volumes.parts) return undefined
  const starts: number[] = []
  let index = 0
  let seenPart = false
  for (const entry of readingOrder(tree).body) {
    if (entry.type === 'part') {
      if (entry.chapters.length === 0) continue
      // The first part also takes the loose chapters before it.
      if (seenPart) starts.push(index)
      seenPart = true
      index += entry.chapters.length
    } else index++
  }
  return seenPart ? [0, ...starts] : undefined
}

/** What one volume is made from: its body chapters, its place, and its identifier. */
export interface VolumeSpec {
  /** 1-based. */
  number: number
  of: number
  chapters: ReadonlySet<Chapter>
  identifier: Identifier
}

/** Generated pages that belong to the work as a whole: in the first volume only. */
const FIRST_ONLY = new Set<GeneratedPage['type']>([
  'prefacePage',
  'updateLogPage',
  'dedicationPage',
  'epigraphPage',
])
/** Pages that close the work: in the last volume only. */
const LAST_ONLY = new Set<GeneratedPage['type']>(['endNotesPage'])
/** Pages each volume words for itself. */
const OWN = new Set<GeneratedPage['type']>(['halfTitlePage', 'titlePage', 'copyrightPage'])

/**
 * One volume of a finished tree: the whole book's nodes (not copied: a volume is read, never
 * changed, by renderers), the chapters of `spec` with the parts they are in, front-matter
 * chapters in the first volume and back-matter ones in the last; its own metadata (identifier,
 * series position "Book 2 of …", `volume`) and its own title, half-title and copyright pages.
 * Chapter numbers, ids and footnote numbers stay the whole book's: volume 2 opens at chapter 51.
 */
export function volumeTree(tree: Root, spec: VolumeSpec): Root {
  const first = spec.number === 1
  const last = spec.number === spec.of
  const keep = (chapter: Chapter) =>
    chapter.matter === 'front' ? first : chapter.matter === 'back' ? last : spec.chapters.has(chapter)
  const children: Array<Part | Chapter> = []
  for (const child of tree.children) {
    if (child.type === 'part') {
      const kept = child.children.filter(keep)
      if (kept.length > 0) children.push({ ...child, children: kept })
    } else if (keep(child)) children.push(child)
  }
  const { volumes: _, ...rest } = tree.metadata
  const series = tree.metadata.series
  const metadata: Metadata = {
    ...rest,
    identifier: spec.identifier,
    // A series without a number is the work's own name for itself; one with a number places the
    // whole book in a larger series, so its volumes are counted within the book's title.
    series: {
      name: series?.name && series.number === undefined ? series.name : tree.metadata.title,
      number: spec.number,
    },
    volume: { number: spec.number, of: spec.of },
  }
  const own = new Map(
    frontMatterPages(metadata)
      .filter((page) => OWN.has(page.type))
      .map((page) => [page.type, page]),
  )
  const pages = pagesOf(tree)
    .filter((page) => (FIRST_ONLY.has(page.type) ? first : LAST_ONLY.has(page.type) ? last : true))
    .map((page) => own.get(page.type) ?? page)
  return { ...tree, metadata, children, pages }
}
