/**
 * One validation of a book's metadata for every way it comes in: the command line's metadata
 * flags (through `planBook`), `createBook`'s `metadata` and `chapters`, and (through the same
 * value checks of `metadata.ts`, which book.yaml's schema calls leaf by leaf) book.yaml. A value
 * book.yaml would reject is rejected here with the same words, as a sentence naming the key;
 * callers report each as a `book-input-invalid` error and make no book.
 */
import type { Code } from '../diagnostics/codes.js'
import { confinePath, ResourceError } from '../env.js'
import type { Contributor, Identifier, Metadata, Person, Series } from '../model/types.js'
import { canonicalEncoding } from '../readers/encoding.js'
import { isVolumesProblem, parseVolumes } from '../transforms/volumes.js'
import {
  describeValue,
  isProblem,
  type Problem,
  parseDate,
  parseIdentifier,
  parseLanguage,
} from './metadata.js'

/** A rejected value: `key` as the caller wrote it, `message` a whole sentence naming it. */
export interface MetadataIssue {
  key: string
  message: string
  /** The code when it is not `book-input-invalid` (a cover leaving the book folder). */
  code?: Code
}

export interface CheckedMetadata {
  /** The values that passed, normalised (canonical language tag, ISBN-13, `YYYY-MM-DD`…). */
  metadata: Partial<Metadata>
  issues: MetadataIssue[]
}

export interface CheckOptions {
  /** The title must be given and not blank (createBook; the CLI's `--title` is optional). */
  requireTitle?: boolean
}

const TEXT_KEYS = ['subtitle', 'publisher', 'description', 'rights', 'dedication', 'edition'] as const

/**
 * Check metadata given as data (`createBook`'s `metadata`, the CLI's flags): `author` or
 * `authors` as names or `{ name, file-as }`, and every other `Metadata` key. Unknown keys are
 * left alone (plugins may read them). Empty strings count as absent, except a required title.
 *
 * @example
 *   checkMetadata({ title: 'T', language: 'en_gb', date: '2024-13-45' }).issues
 *   // [{ key: 'date', message: 'The date is not a real date: "2024-13-45"' }]
 */
export function checkMetadata(given: unknown, options: CheckOptions = {}): CheckedMetadata {
  const issues: MetadataIssue[] = []
  const metadata: Partial<Metadata> = {}
  const fail = (key: string, problem: string, label = key) =>
    issues.push({ key, message: `The ${label} ${problem}` })
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    fail(
      'metadata',
      `must be a mapping of keys such as \`title\` and \`author\`, got ${describeValue(given)}`,
    )
    return { metadata, issues }
  }
  const input = given as Record<string, unknown>
  const present = (key: string) => input[key] !== undefined && input[key] !== null && input[key] !== ''

  if (input.title !== undefined && typeof input.title !== 'string')
    fail('title', `must be text, got ${describeValue(input.title)}`)
  else if (typeof input.title === 'string' && input.title.trim() !== '') metadata.title = input.title.trim()
  else if (options.requireTitle) fail('title', 'must not be empty')

  for (const key of TEXT_KEYS) {
    if (!present(key)) continue
    if (typeof input[key] === 'string') metadata[key] = input[key] as string
    else fail(key, `must be text, got ${describeValue(input[key])}`)
  }

  const people = present('authors') ? input.authors : input.author
  const peopleKey = present('authors') ? 'authors' : 'author'
  if (people !== undefined && people !== null) {
    const authors = checkPeople(people, peopleKey, fail)
    if (authors) metadata.authors = authors
  }

  if (present('language')) {
    const language = typeof input.language === 'string' ? parseLanguage(input.language) : undefined
    if (language === undefined) fail('language', `must be text, got ${describeValue(input.language)}`)
    else if (isProblem(language)) fail('language', language.problem)
    else metadata.language = language
  }

  if (present('date')) {
    const value = input.date
    const date =
      typeof value === 'string' || typeof value === 'number' || value instanceof Date
        ? parseDate(value)
        : { problem: `must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got ${describeValue(value)}` }
    if (isProblem(date)) fail('date', date.problem)
    else metadata.date = date
  }

  if (present('identifier')) {
    const identifier = checkIdentifier(input.identifier)
    if (isProblem(identifier)) fail('identifier', identifier.problem)
    else metadata.identifier = identifier
  }

  if (present('direction')) {
    if (input.direction === 'ltr' || input.direction === 'rtl') metadata.direction = input.direction
    else fail('direction', `must be "ltr" or "rtl", got ${describeValue(input.direction)}`)
  }

  if (present('cover')) {
    const cover = typeof input.cover === 'string' ? confinePath(input.cover) : undefined
    if (cover === undefined) fail('cover', `must be a file name, got ${describeValue(input.cover)}`)
    else if (cover instanceof ResourceError)
      issues.push({ key: 'cover', message: `The cover ${cover.message}`, code: cover.code })
    else metadata.cover = cover
  }

  if (present('subjects')) {
    const subjects = input.subjects
    if (Array.isArray(subjects) && subjects.every((s) => typeof s === 'string'))
      metadata.subjects = subjects.filter((s) => s.trim() !== '')
    else fail('subjects', `must be a list of text, got ${describeValue(subjects)}`)
  }

  if (present('series')) {
    const series = checkSeries(input.series)
    if (isProblem(series)) fail('series', series.problem)
    else metadata.series = series
  }

  if (present('contributors')) {
    const list = input.contributors
    const ok =
      Array.isArray(list) &&
      list.every(
        (c) =>
          typeof c === 'object' &&
          c !== null &&
          typeof (c as Contributor).name === 'string' &&
          (c as Contributor).name.trim() !== '',
      )
    if (ok) metadata.contributors = list as Contributor[]
    else fail('contributors', `must be a list of \`{ name, role }\` with names, got ${describeValue(list)}`)
  }
  checkArchiveFields(input, metadata, fail)
  return { metadata, issues }
}

/**
 * The fan-fiction and web-serial fields given through the API or the command line, checked like
 * book.yaml's (`fandoms`, `rating`… `chaptersRange`).
 */
function checkArchiveFields(
  input: Record<string, unknown>,
  metadata: Partial<Metadata>,
  fail: (key: string, message: string) => void,
): void {
  const present = (key: string) => input[key] !== undefined && input[key] !== null && input[key] !== ''
  const set = metadata as Record<string, unknown>
  for (const key of ['rating', 'notes', 'endNotes'] as const) {
    if (!present(key)) continue
    if (typeof input[key] === 'string') set[key] = input[key]
    else fail(key, `must be text, got ${describeValue(input[key])}`)
  }
  for (const key of [
    'fandoms',
    'warnings',
    'categories',
    'relationships',
    'characters',
    'tags',
    'updateLog',
  ] as const) {
    if (key === 'updateLog' && typeof input[key] === 'boolean') {
      metadata.updateLog = input[key]
      continue
    }
    if (!present(key)) continue
    const value = input[key]
    if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      set[key] = value.filter((v) => v.trim() !== '')
    else fail(key, `must be a list of text, got ${describeValue(value)}`)
  }
  for (const key of ['published', 'updated', 'newSince'] as const) {
    if (!present(key)) continue
    const value = input[key]
    const date =
      typeof value === 'string' || typeof value === 'number' || value instanceof Date
        ? parseDate(value)
        : { problem: `must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got ${describeValue(value)}` }
    if (isProblem(date)) fail(key, date.problem)
    else set[key] = date
  }
  if (present('status')) {
    if (input.status === 'complete' || input.status === 'in-progress') metadata.status = input.status
    else fail('status', `must be "complete" or "in-progress", got ${describeValue(input.status)}`)
  }
  if (present('source')) {
    if (typeof input.source === 'string' && /^https?:\/\/\S+$/i.test(input.source.trim()))
      metadata.source = input.source.trim()
    else fail('source', `must be a web address starting with https://, got ${describeValue(input.source)}`)
  }
  if (present('words')) {
    if (typeof input.words === 'number' && Number.isInteger(input.words) && input.words >= 0)
      metadata.words = input.words
    else fail('words', `must be a whole number of words, got ${describeValue(input.words)}`)
  }
  if (present('preface')) {
    if (typeof input.preface === 'boolean') metadata.preface = input.preface
    else fail('preface', `must be true or false, got ${describeValue(input.preface)}`)
  }
  if (present('chaptersRange')) {
    const range = parseChapterRange(input.chaptersRange)
    if (isProblem(range)) fail('chaptersRange', range.problem)
    else metadata.chaptersRange = range
  }
  if (present('volumes')) {
    const volumes = parseVolumes(input.volumes)
    if (isVolumesProblem(volumes)) fail('volumes', volumes.problem)
    else metadata.volumes = volumes
  }
}

/** `23-40`, `23-`, `23` (one chapter), or `{ from, to }` → the chapters a part build keeps. */
export function parseChapterRange(value: unknown): { from: number; to?: number } | Problem {
  if (typeof value === 'object' && value !== null && typeof (value as { from?: unknown }).from === 'number') {
    const { from, to } = value as { from: number; to?: unknown }
    if (to === undefined) return { from }
    if (typeof to === 'number' && to >= from) return { from, to }
  }
  const text =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined
  const m = text === undefined ? null : /^(\d+(?:\.\d+)?)\s*(?:([-–—]|\.\.)\s*(\d+(?:\.\d+)?)?)?$/.exec(text)
  if (m) {
    const from = Number(m[1])
    if (!m[2]) return { from, to: from }
    if (m[3] === undefined) return { from }
    const to = Number(m[3])
    if (to >= from) return { from, to }
  }
  return { problem: `must be a range of chapter numbers such as 23-40 or 23-, got ${describeValue(value)}` }
}

function checkPeople(
  value: unknown,
  key: string,
  fail: (key: string, problem: string, label?: string) => void,
): Person[] | undefined {
  const list = Array.isArray(value) ? value : [value]
  const out: Person[] = []
  for (const item of list) {
    if (typeof item === 'string') {
      if (item.trim() !== '') out.push({ name: item.trim() })
    } else if (typeof item === 'object' && item !== null && typeof (item as Person).name === 'string') {
      const person = item as Person
      if (person.name.trim() === '') fail(key, 'must not hold an empty name', `\`${key}\``)
      else out.push(person)
    } else {
      fail(
        key,
        `must be a name, \`{ name, fileAs }\` or a list of them, got ${describeValue(item)}`,
        `\`${key}\``,
      )
      return undefined
    }
  }
  return out
}

function checkIdentifier(value: unknown): Identifier | Problem {
  if (typeof value === 'string') return parseIdentifier(value)
  if (typeof value === 'object' && value !== null && typeof (value as Identifier).value === 'string') {
    // The scheme is read from the value, as in book.yaml: an ISBN given as a URI is still an ISBN.
    return parseIdentifier((value as Identifier).value)
  }
  return { problem: `must be an ISBN, a UUID or a URI, got ${describeValue(value)}` }
}

function checkSeries(value: unknown): Series | Problem {
  const series = typeof value === 'string' ? { name: value } : value
  if (typeof series !== 'object' || series === null || typeof (series as Series).name !== 'string')
    return { problem: `must be a name or \`{ name, number }\`, got ${describeValue(value)}` }
  const { name, number } = series as Series
  if (name.trim() === '') return { problem: 'must have a name' }
  if (number !== undefined && (typeof number !== 'number' || !Number.isFinite(number) || number < 0))
    return { problem: `number must be a number not below 0, got ${describeValue(number)}` }
  return number === undefined ? { name: name.trim() } : { name: name.trim(), number }
}

/**
 * Check an encoding name given for chapter files (book.yaml's `encoding:`, `--encoding`, a
 * chapter's `encoding`): its WHATWG name, or a sentence for a name no decoder knows.
 */
export function checkEncoding(name: unknown, label = 'encoding'): string | MetadataIssue {
  const known = typeof name === 'string' ? canonicalEncoding(name) : undefined
  return known ?? { key: label, message: `The ${label} ${encodingProblem(String(name))}` }
}

/** What `createBook` is given, as far as validation needs it. */
interface CreateInput {
  metadata: unknown
  chapters: unknown
}

export interface CheckedCreateInput {
  /** The metadata with its values normalised, when there are no issues. */
  metadata: { title: string } & Partial<Metadata>
  issues: Array<MetadataIssue & { code: Code }>
}

/**
 * Check `createBook`'s input as `loadBook` checks a book folder: the metadata (a title is
 * required), at least one chapter, each chapter a mapping with a known encoding when one is given.
 */
export function checkCreateInput(input: CreateInput): CheckedCreateInput {
  const { metadata, issues } = checkMetadata(input.metadata, { requireTitle: true })
  const out: CheckedCreateInput['issues'] = issues.map((i) => ({
    ...i,
    code: i.code ?? 'book-input-invalid',
  }))
  const chapters = input.chapters
  if (!Array.isArray(chapters)) {
    out.push({
      key: 'chapters',
      code: 'book-input-invalid',
      message: `The chapters must be a list, got ${describeValue(chapters)}`,
    })
  } else if (chapters.length === 0) {
    out.push({
      key: 'chapters',
      code: 'book-no-chapters',
      message: 'The book has no chapters (`chapters` is empty)',
    })
  } else {
    chapters.forEach((chapter, index) => {
      const label = `chapter ${index + 1}`
      if (typeof chapter !== 'object' || chapter === null) {
        out.push({
          key: 'chapters',
          code: 'book-input-invalid',
          message: `The ${label} must be a mapping with \`text\`, \`markdown\` or \`html\`, got ${describeValue(chapter)}`,
        })
        return
      }
      const encoding = (chapter as { encoding?: unknown }).encoding
      if (encoding === undefined) return
      const checked = checkEncoding(encoding, `encoding of ${label}`)
      if (typeof checked !== 'string') out.push({ ...checked, code: 'book-input-invalid' })
    })
  }
  const given = (
    typeof input.metadata === 'object' && input.metadata !== null ? input.metadata : {}
  ) as Record<string, unknown>
  const { author: _author, authors: _authors, ...rest } = given
  return { metadata: { ...rest, ...metadata } as CheckedCreateInput['metadata'], issues: out }
}

/** Completes "The encoding …" or "`encoding` …" for a name no decoder knows. */
export function encodingProblem(name: string): string {
  return `must be an encoding such as "utf-8", "windows-1251", "koi8-r" or "shift_jis", got ${describeValue(name)}`
}
