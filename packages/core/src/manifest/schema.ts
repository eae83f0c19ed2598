/**
 * The book.yaml schema (zod 3). Keys are spelled as in the file (`front-matter`, `file-as`), so
 * every issue's path is also a path into the YAML document, which is how messages get their line
 * and column. Leaves are small checks that produce the normalised value (an ISBN's 13 digits, a
 * canonical language tag, a path confined to the book) or a sentence completing "`key` …".
 * Issues from leaves are fatal so that a union reports the branch that matched the value's shape
 * instead of the first branch that complained.
 */
import { z } from 'zod'
import type { Code } from '../diagnostics/codes.js'
import { confinePath, ResourceError } from '../env.js'
import { LABEL_STYLES } from '../model/labels.js'
import type { Identifier, Point, Volumes } from '../model/types.js'
import { canonicalEncoding } from '../readers/encoding.js'
import { FOOTNOTE_NUMBERINGS } from '../transforms/footnotes.js'
import { isPrintableNumber } from '../transforms/numbering.js'
import { isVolumesProblem, parseVolumes } from '../transforms/volumes.js'
import {
  describeValue,
  isProblem,
  type Problem,
  parseDate,
  parseIdentifier,
  parseLanguage,
} from './metadata.js'
import { encodingProblem, parseChapterRange } from './validate.js'
import type { DataPath } from './yaml-source.js'

/** What the schema needs to know about the document beyond its data. */
export interface SchemaSource {
  /** The scalar at `path` as written, for values YAML read as numbers (`0141439513`). */
  raw(path: DataPath): string | undefined
  place(path: DataPath): Point | undefined
}

/** A file, folder or glob pattern as written in book.yaml, normalised and confined to the book. */
export interface PathSpec {
  pattern: string
  /** Where it is written in book.yaml. */
  place?: Point
}

/** Extra data a leaf attaches to its issue. */
export interface IssueParams {
  code?: Code
  /** The value is not even of the right kind (a list where text was expected). */
  wrongType?: boolean
}

type Check<T> = (value: unknown, raw: () => string | undefined, path: DataPath) => T | Problem

/** Wording of the "expected" half of a message for zod's own type errors. */
function expecting(description: string): z.RawCreateParams {
  return {
    errorMap: (issue, ctx) => {
      if (issue.code === 'invalid_type' && ctx.data === undefined) return { message: 'is required' }
      return { message: `must be ${description}, got ${describeValue(ctx.data)}` }
    },
  }
}

function leaf<T>(check: Check<T>, source: SchemaSource) {
  return z.any().transform((value, ctx): T => {
    const path = [...ctx.path]
    const result = check(value, () => source.raw(path), path)
    if (isProblem(result)) {
      const params: IssueParams = {}
      if (result.code) params.code = result.code
      if (result.wrongType) params.wrongType = true
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.problem, params, fatal: true })
      return z.NEVER
    }
    return result
  })
}

/** A key that may be absent or empty (`subtitle:` with nothing after it). */
function optional<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.optional())
}

/** Text as written: numbers and booleans keep their spelling (`title: 1984`, `edition: 2.0`). */
const asText: Check<string> = (value, raw) => {
  if (value === undefined || value === null) return { problem: 'is required', wrongType: true }
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
    return (raw() ?? (value instanceof Date ? value.toISOString().slice(0, 10) : String(value))).trim()
  }
  return { problem: `must be text, got ${describeValue(value)}`, wrongType: true }
}

const asName: Check<string> = (value, raw, path) => {
  const text = asText(value, raw, path)
  if (typeof text === 'string' && text === '') return { problem: 'must not be empty' }
  return text
}

const asNumber: Check<number> = (value) => {
  const number = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    return { problem: `must be a number, got ${describeValue(value)}` }
  }
  if (number < 0) return { problem: `must not be negative, got ${number}` }
  return number
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  on: true,
  off: false,
}

const asBoolean: Check<boolean> = (value) => {
  if (typeof value === 'boolean') return value
  const word = typeof value === 'string' ? BOOLEAN_WORDS[value.trim().toLowerCase()] : undefined
  return word ?? { problem: `must be true or false, got ${describeValue(value)}` }
}

const asLanguage: Check<string> = (value, raw, path) => {
  const text = asText(value, raw, path)
  return typeof text === 'string' ? parseLanguage(text) : text
}

const asIdentifier: Check<Identifier> = (value, raw, path) => {
  const text = asText(value, raw, path)
  return typeof text === 'string' ? parseIdentifier(text) : text
}

const asDate: Check<string> = (value, raw) => {
  if (value instanceof Date) return parseDate(raw() ?? value)
  if (typeof value === 'number') return parseDate(raw() ?? String(value))
  if (typeof value === 'string') return parseDate(value)
  return { problem: `must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got ${describeValue(value)}` }
}

const asEncoding: Check<string> = (value, raw, path) => {
  const text = asText(value, raw, path)
  if (typeof text !== 'string') return text
  return canonicalEncoding(text) ?? { problem: encodingProblem(text) }
}

/** One of a few words, matched without regard to case. */
function asWord<T extends string>(words: readonly T[]): Check<T> {
  return (value) => {
    const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined
    const found = words.find((w) => w === word)
    if (found) return found
    return { problem: `must be one of ${words.map((w) => `"${w}"`).join(', ')}, got ${describeValue(value)}` }
  }
}

/** `status:` of an archive work: complete or in progress, in the words archives use. */
const asStatus: Check<'complete' | 'in-progress'> = (value) => {
  const word =
    typeof value === 'string'
      ? value
          .trim()
          .toLowerCase()
          .replace(/[\s_]+/g, '-')
      : undefined
  if (word === 'complete' || word === 'completed' || word === 'finished') return 'complete'
  if (word === 'in-progress' || word === 'ongoing' || word === 'incomplete' || word === 'wip')
    return 'in-progress'
  return { problem: `must be "complete" or "in-progress", got ${describeValue(value)}` }
}

/** `source:`: the work's web address (http or https); it is written down, never fetched. */
const asWebAddress: Check<string> = (value, raw, path) => {
  const text = asText(value, raw, path)
  if (typeof text !== 'string') return text
  if (/^https?:\/\/[^\s/]+\.[^\s]*$/i.test(text)) return text
  return { problem: `must be a web address starting with https://, got ${describeValue(value)}` }
}

/** `words:`: a whole number, written with or without thousands separators ("12,345"). */
const asWordCount: Check<number> = (value) => {
  const number =
    typeof value === 'string' && /^\s*\d{1,3}(?:[,.\s]?\d{3})*\s*$/.test(value)
      ? Number(value.replace(/[,.\s]/g, ''))
      : value
  if (typeof number === 'number' && Number.isInteger(number) && number >= 0) return number
  return { problem: `must be a whole number of words, got ${describeValue(value)}` }
}

/** `chapters-range:`: `23-40`, `23-` or one number. */
const asChapterRange: Check<{ from: number; to?: number }> = (value) => parseChapterRange(value)

/** `volumes:`: `parts`, `{chapters: N}` or `{max-pages: N}` (the transform owns the rules). */
const asVolumes: Check<Volumes> = (value) => {
  const volumes = parseVolumes(value)
  return isVolumesProblem(volumes) ? { problem: volumes.problem } : volumes
}

/** `toc-depth`: a heading level from 1 (chapters only) to 6. */
const asTocDepth: Check<number> = (value) => {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value
  if (typeof number === 'number' && Number.isInteger(number) && number >= 1 && number <= 6) return number
  return { problem: `must be a whole number from 1 (chapters only) to 6, got ${describeValue(value)}` }
}

/** A part's `number:`: one a label can print (not 1e308, not 2.345). */
const asPartNumber: Check<number> = (value, raw, path) => {
  const number = asNumber(value, raw, path)
  if (typeof number !== 'number') return number
  if (!isPrintableNumber(number))
    return {
      problem: `must be a whole number (or a half such as 2.5) up to ${Number.MAX_SAFE_INTEGER}, got ${describeValue(value)}`,
    }
  return number
}

const asDirection: Check<'ltr' | 'rtl'> = (value) => {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined
  if (word === 'ltr' || word === 'rtl') return word
  return { problem: `must be "ltr" or "rtl", got ${describeValue(value)}` }
}

function asPath(source: SchemaSource): Check<PathSpec> {
  return (value, raw, path) => {
    const text = asText(value, raw, path)
    if (typeof text !== 'string') return text
    if (text === '') return { problem: 'must not be empty' }
    const confined = confinePath(text)
    if (confined instanceof ResourceError) {
      const got = describeValue(text)
      if (confined.code === 'resource-network')
        return { problem: `must be a file in the book folder, not a URL: ${got}` }
      if (/^[\\/]|^[a-z]:[\\/]/i.test(text)) {
        return {
          problem: `must be a path relative to the book folder, got ${got}`,
          code: 'resource-outside-book',
        }
      }
      return { problem: `must stay inside the book folder, got ${got}`, code: 'resource-outside-book' }
    }
    // `part-2/` names the folder; `./` the book folder itself.
    const pattern = confined.replace(/\/+$/, '') || '.'
    const place = source.place(path)
    return place ? { pattern, place } : { pattern }
  }
}

/**
 * Build the schema for one document (leaves look up raw text and places through `source`).
 * `formats` are the registered output formats' names: each may have a section of options
 * (`epub:`), checked against the format's own schema afterwards.
 */
export function manifestSchema(source: SchemaSource, formats: readonly string[] = []) {
  const text = leaf(asText, source)
  const name = leaf(asName, source)
  const path = leaf(asPath(source), source)

  /** One value or a list of them, always a list after parsing. */
  const oneOrMany = <T extends z.ZodTypeAny>(item: T, description: string) =>
    z
      .union([item, z.array(item, expecting(description))], expecting(description))
      .transform((value): Array<z.output<T>> => (Array.isArray(value) ? value : [value]))

  const texts = oneOrMany(text, 'a list of text')
  const paths = oneOrMany(path, 'a list of file names or patterns')

  const personObject = z
    .object({ name, 'file-as': optional(name) }, expecting('a mapping with `name` and `file-as`'))
    .strict()
  const person = z.union(
    [name.transform((value) => ({ name: value })), personObject],
    expecting('a name or a mapping with `name` and `file-as`'),
  )
  const people = oneOrMany(person, 'a name, a mapping with `name` and `file-as`, or a list of them')

  const contributorObject = z
    .object(
      { name, role: optional(name), 'file-as': optional(name) },
      expecting('a mapping with `name`, `role` and `file-as`'),
    )
    .strict()
  const contributor = z.union(
    [name.transform((value) => ({ name: value })), contributorObject],
    expecting('a name or a mapping with `name`, `role` and `file-as`'),
  )

  const series = z.union(
    [
      name.transform((value) => ({ name: value })),
      z
        .object(
          { name, number: optional(leaf(asNumber, source)) },
          expecting('a mapping with `name` and `number`'),
        )
        .strict(),
    ],
    expecting('a name or a mapping with `name` and `number`'),
  )

  const part = z
    .object(
      { part: name, number: optional(leaf(asPartNumber, source)), chapters: optional(paths) },
      expecting('a mapping with `part` and `chapters`'),
    )
    .strict()
  const chapterEntry = z.union(
    [path, part],
    expecting('a file name, a pattern, or a mapping with `part` and `chapters`'),
  )
  const chapters = oneOrMany(chapterEntry, 'a list of file names, patterns, or `part:` mappings')

  const options = z.record(z.string(), z.unknown(), expecting('a mapping of options'))

  const epigraph = z.union(
    [
      text.transform((value): { text: string; source?: string | undefined } => ({ text: value })),
      z.object({ text, source: optional(text) }, expecting('a mapping with `text` and `source`')).strict(),
    ],
    expecting('text or a mapping with `text` and `source`'),
  )
  const aboutAuthor = z.union(
    [
      text.transform((value): { text: string } | { file: PathSpec } => ({ text: value })),
      z.object({ file: path }, expecting('a mapping with `file`')).strict(),
    ],
    expecting('text or a mapping with `file`'),
  )

  // `typography: false`, or a mapping turning single rules off (`typography: {word-joiners: false}`).
  const bool = leaf(asBoolean, source)
  const typography = z.union(
    [
      bool,
      z
        .object(
          {
            quotes: optional(bool),
            dashes: optional(bool),
            ellipses: optional(bool),
            'no-break-spaces': optional(bool),
            'hair-spaces': optional(bool),
            'word-joiners': optional(bool),
          },
          expecting('true, false, or a mapping of typography rules'),
        )
        .strict(),
    ],
    expecting('true, false, or a mapping of typography rules'),
  )

  return z
    .object(
      {
        title: optional(text),
        subtitle: optional(text),
        author: optional(people),
        authors: optional(people),
        language: optional(leaf(asLanguage, source)),
        lang: optional(leaf(asLanguage, source)),
        identifier: optional(leaf(asIdentifier, source)),
        publisher: optional(text),
        date: optional(leaf(asDate, source)),
        description: optional(text),
        summary: optional(text),
        subjects: optional(texts),
        tags: optional(texts),
        series: optional(series),
        rights: optional(text),
        license: optional(text),
        contributors: optional(oneOrMany(contributor, 'a list of contributors')),
        editor: optional(people),
        translator: optional(people),
        illustrator: optional(people),
        cover: optional(path),
        dedication: optional(text),
        edition: optional(text),
        copyright: optional(text),
        epigraph: optional(epigraph),
        'epigraph-source': optional(text),
        'about-author': optional(aboutAuthor),
        'also-by': optional(texts),
        strings: optional(options),
        direction: optional(leaf(asDirection, source)),
        chapters: optional(chapters),
        'front-matter': optional(paths),
        'back-matter': optional(paths),
        typography: optional(typography),
        encoding: optional(leaf(asEncoding, source)),
        labels: optional(leaf(asWord(LABEL_STYLES), source)),
        'toc-depth': optional(leaf(asTocDepth, source)),
        footnotes: optional(leaf(asWord(FOOTNOTE_NUMBERINGS), source)),
        plugins: optional(texts),
        fandom: optional(texts),
        fandoms: optional(texts),
        rating: optional(text),
        warnings: optional(texts),
        category: optional(texts),
        categories: optional(texts),
        relationships: optional(texts),
        characters: optional(texts),
        'additional-tags': optional(texts),
        status: optional(leaf(asStatus, source)),
        source: optional(leaf(asWebAddress, source)),
        published: optional(leaf(asDate, source)),
        updated: optional(leaf(asDate, source)),
        words: optional(leaf(asWordCount, source)),
        notes: optional(text),
        'end-notes': optional(text),
        preface: optional(leaf(asBoolean, source)),
        'new-since': optional(leaf(asDate, source)),
        'update-log': optional(
          z.union([leaf(asBoolean, source), texts], expecting("true, false, or a list of the log's lines")),
        ),
        'chapters-range': optional(leaf(asChapterRange, source)),
        volumes: optional(leaf(asVolumes, source)),
      },
      expecting('a mapping of keys such as `title:` and `author:`'),
    )
    .extend(
      Object.fromEntries(
        formats.filter((f) => !KNOWN_KEYS['']!.includes(f)).map((f) => [f, optional(options)]),
      ) as Record<never, never>, // typed out: parse.ts reads format sections by name
    )
    .strict()
}

export type RawManifest = z.output<ReturnType<typeof manifestSchema>>

/** The keys each kind of mapping knows, for "did you mean" (indexed by the path's first key). */
export const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': [
    'title',
    'subtitle',
    'author',
    'authors',
    'language',
    'lang',
    'identifier',
    'publisher',
    'date',
    'description',
    'summary',
    'subjects',
    'tags',
    'series',
    'rights',
    'license',
    'contributors',
    'editor',
    'translator',
    'illustrator',
    'cover',
    'dedication',
    'edition',
    'copyright',
    'epigraph',
    'epigraph-source',
    'about-author',
    'also-by',
    'strings',
    'direction',
    'chapters',
    'front-matter',
    'back-matter',
    'typography',
    'encoding',
    'labels',
    'toc-depth',
    'footnotes',
    'plugins',
    'fandom',
    'fandoms',
    'rating',
    'warnings',
    'category',
    'categories',
    'relationships',
    'characters',
    'additional-tags',
    'status',
    'source',
    'published',
    'updated',
    'words',
    'notes',
    'end-notes',
    'preface',
    'new-since',
    'update-log',
    'chapters-range',
    'volumes',
  ],
  author: ['name', 'file-as'],
  authors: ['name', 'file-as'],
  editor: ['name', 'file-as'],
  translator: ['name', 'file-as'],
  illustrator: ['name', 'file-as'],
  contributors: ['name', 'role', 'file-as'],
  series: ['name', 'number'],
  chapters: ['part', 'number', 'chapters'],
  epigraph: ['text', 'source'],
  'about-author': ['file'],
  typography: ['quotes', 'dashes', 'ellipses', 'no-break-spaces', 'hair-spaces', 'word-joiners'],
}
