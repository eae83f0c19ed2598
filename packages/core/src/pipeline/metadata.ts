/**
 * Metadata a chapter file carries about the book (a Word file's properties, an EPUB's OPF, an
 * archive download's work header, a text's title line) fills what the author left unset: book.yaml,
 * the command line and `createBook`'s metadata always win. Adopting a title or an author also
 * withdraws the "no title"/"no author" notices the plan gave, re-derives a default identifier from
 * the adopted names, and the writing direction from an adopted language. One info diagnostic per
 * file says what was taken from it, so nothing changes without a word.
 */
import type { SourceFile } from '../diagnostics/file.js'
import { defaultIdentifier, directionOf } from '../manifest/metadata.js'
import type { Metadata } from '../model/types.js'
import { WORK_FIELDS } from '../model/work.js'
import type { FoundMetadata } from './read.js'

/** Fields a file may set; the rest (identifier aside) are the author's or Octavo's to decide. */
const ADOPTABLE = new Set<keyof Metadata>([
  'title',
  'subtitle',
  'authors',
  'language',
  'identifier',
  'publisher',
  'date',
  'description',
  'subjects',
  'series',
  'rights',
  'contributors',
  'dedication',
  'edition',
  'copyright',
  'epigraph',
  'aboutAuthor',
  'alsoBy',
  // Archive metadata: an AO3 or FFN page says all of these about its work.
  ...WORK_FIELDS,
  // An EPUB's or Word file's own cover image (served from `ReadResult.resources`).
  'cover',
])

/** Notices the plan gives for a missing title or author, withdrawn when a file supplies one. */
const WITHDRAWN: Partial<Record<keyof Metadata, string[]>> = {
  title: ['book-title-from-folder', 'book-title-from-file', 'book-no-title'],
  authors: ['book-no-author'],
}

/**
 * Apply what the readers found to `metadata` (in place), skipping every field in `given`.
 *
 * @example
 *   adoptMetadata(tree.metadata, found, plan.given, bookFile)
 */
export function adoptMetadata(
  metadata: Metadata,
  found: FoundMetadata,
  given: ReadonlyArray<keyof Metadata>,
  bookFile: SourceFile,
): void {
  const taken = new Map<string, Array<keyof Metadata>>()
  const set = metadata as unknown as Record<string, unknown>
  for (const [key, entry] of Object.entries(found) as Array<
    [keyof Metadata, { value: unknown; file: string }]
  >) {
    if (!ADOPTABLE.has(key) || given.includes(key) || isEmpty(entry.value)) continue
    set[key] = entry.value
    const fields = taken.get(entry.file) ?? []
    fields.push(key)
    taken.set(entry.file, fields)
    const withdrawn = WITHDRAWN[key]
    if (withdrawn) {
      for (let i = bookFile.messages.length - 1; i >= 0; i--) {
        if (withdrawn.includes(bookFile.messages[i]!.code)) bookFile.messages.splice(i, 1)
      }
    }
  }
  // The formatted summary and notes go with their plain text: each entry only where that was
  // taken, from the same file (book.yaml's `summary:` is not replaced by a file's formatted one).
  const formatted = found.formatted
  if (formatted) {
    const fields = taken.get(formatted.file) ?? []
    const kept = Object.fromEntries(
      Object.entries(formatted.value ?? {}).filter(([field]) => fields.includes(field as keyof Metadata)),
    )
    if (Object.keys(kept).length > 0) metadata.formatted = { ...metadata.formatted, ...kept }
  }
  if (taken.size === 0) return
  const adopted = [...taken.values()].flat()
  if (
    !given.includes('identifier') &&
    !found.identifier &&
    (adopted.includes('title') || adopted.includes('authors'))
  ) {
    metadata.identifier = defaultIdentifier(
      metadata.title,
      metadata.authors.map((a) => a.name),
    )
  }
  if (adopted.includes('language') && !given.includes('direction'))
    metadata.direction = directionOf(metadata.language)
  for (const [file, fields] of taken) {
    bookFile.message(
      'book-metadata-adopted',
      `${describe(fields, metadata)} taken from "${file}" (book.yaml or the command line would win)`,
    )
  }
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true
  return Array.isArray(value) && value.length === 0
}

function describe(fields: Array<keyof Metadata>, metadata: Metadata): string {
  const parts = fields.map((field) => {
    if (field === 'title') return `the title "${metadata.title}"`
    if (field === 'authors') return `the author ${metadata.authors.map((a) => `"${a.name}"`).join(', ')}`
    return String(field)
  })
  const text = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]!
  return text.charAt(0).toUpperCase() + text.slice(1)
}
