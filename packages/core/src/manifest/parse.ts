/**
 * Reading book.yaml text into a checked `Manifest`, with no I/O. YAML errors, alias bombs,
 * duplicate keys, unknown keys and wrong values all become diagnostics on the manifest's
 * `SourceFile` with the line and column of the offending node; the text of any value (titles of
 * any length, markup characters, any script) is kept as data. Unknown keys are warnings and are
 * dropped; any error means no manifest.
 */
import { isAlias, LineCounter, type Node, parseDocument, visit } from 'yaml'
import type { ZodIssue } from 'zod'
import type { Code } from '../diagnostics/codes.js'
import type { SourceFile } from '../diagnostics/file.js'
import type { LabelStyle } from '../model/labels.js'
import type { Contributor, Metadata, Person, Point } from '../model/types.js'
import { camelCase, checkOption, type FormatSection, kebabCase } from '../options/schema.js'
import { type StringOverrides, stringKeys } from '../strings/index.js'
import type { FootnoteNumbering } from '../transforms/footnotes.js'
import type { SmartenOptions } from '../transforms/typography/smarten.js'
import { describeValue, normalizeRole } from './metadata.js'
import { type IssueParams, KNOWN_KEYS, manifestSchema, type PathSpec, type RawManifest } from './schema.js'
import { suggestKey } from './suggest.js'
import { type DataPath, YamlSource } from './yaml-source.js'

export type { PathSpec } from './schema.js'

/** A part declared in book.yaml: `{part: "Part One: The Road", chapters: [...]}`. */
export interface PartEntry {
  /** The part's heading as written ("Part One: The Road"). */
  title: string
  /** Given with `number:`; otherwise the book assembler may parse it from the title. */
  number?: number
}

/** An entry of `chapters:`: a file, folder or glob, or a part with its own list. */
export type ChapterSpec = PathSpec | { part: PartEntry; chapters: PathSpec[]; place?: Point }

/** Renderer and pipeline options from book.yaml. */
export interface BookOptions {
  /**
   * `typography: false` turns smart quotes and dashes off; a mapping turns single rules off
   * (`{wordJoiners: false}`); absent means all on.
   */
  typography?: boolean | { [Rule in keyof SmartenOptions]?: boolean }
  /** `encoding:` of the chapter files (WHATWG name); absent means detected per file. */
  encoding?: string
  /** `labels:`: how label numbers are written (see `BuildOptions.labels`). */
  labels?: LabelStyle
  /** `toc-depth:`: how deep the navigation goes (see `BuildOptions.tocDepth`). */
  tocDepth?: number
  /** `footnotes:`: where footnote numbers restart (see `BuildOptions.footnotes`). */
  footnotes?: FootnoteNumbering
  /**
   * Each output format's section (`epub:`, `pdf:`, a plugin's), keys camelCased (`font-size` →
   * `fontSize`) at every level; absent when not given.
   */
  [format: string]: Record<string, unknown> | boolean | string | number | undefined
}

/** book.yaml, checked and normalised. Only what the file says: defaults are filled by `planBook`. */
export interface Manifest {
  metadata: Partial<Metadata>
  /** `chapters:`; undefined when the key is absent (the folder's files are used then). */
  chapters?: ChapterSpec[]
  frontMatter: PathSpec[]
  backMatter: PathSpec[]
  options: BookOptions
  /** `plugins:` entries as written. */
  plugins: string[]
  /** Where `cover:` is written, for a missing cover. */
  coverPlace?: Point
  /** `about-author: {file: …}`: the file the page's text is read from. */
  aboutAuthorFile?: PathSpec
}

/**
 * How many alias expansions a book.yaml may make. A real manifest uses a handful; "billion
 * laughs" documents need millions, and yaml stops them here before any memory is spent.
 */
const MAX_ALIAS_COUNT = 100

/** Keys that are two spellings of one thing: giving both is an error, not a silent choice. */
const SAME_KEYS: ReadonlyArray<[string, string]> = [
  ['author', 'authors'],
  ['language', 'lang'],
  ['subjects', 'tags'],
  ['rights', 'license'],
  ['fandom', 'fandoms'],
  ['category', 'categories'],
]

interface Pending {
  code: Code
  message: string
  place?: Point | undefined
}

/**
 * Parse and validate book.yaml text. Diagnostics go on `file`; undefined when there are errors.
 * `formats` are the output formats that may have a section (`epub:`), with their option
 * schemas: the pipeline passes the renderer registry's, so the manifest knows no format itself.
 */
export function parseManifest(
  text: string,
  file: SourceFile,
  formats: readonly FormatSection[] = [],
): Manifest | undefined {
  const lines = new LineCounter()
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
  })
  const source = new YamlSource(doc, lines)
  const pending: Pending[] = []
  const flush = () => {
    pending.sort(
      (a, b) =>
        (a.place?.line ?? 0) - (b.place?.line ?? 0) || (a.place?.column ?? 0) - (b.place?.column ?? 0),
    )
    const said = new Set<string>()
    for (const p of pending) {
      // Union branches can report the same issue twice.
      const id = `${p.code} ${p.place?.line}:${p.place?.column} ${p.message}`
      if (!said.has(id)) file.message(p.code, p.message, p.place)
      said.add(id)
    }
    const failed = pending.some(
      (p) => p.code !== 'manifest-unknown-key' && p.code !== 'manifest-yaml-warning',
    )
    pending.length = 0
    return failed
  }

  for (const error of doc.errors) {
    const place = source.point(error.pos[0])
    if (error.code === 'DUPLICATE_KEY') {
      const key = keyAt(doc, error.pos[0])
      pending.push({
        code: 'manifest-duplicate-key',
        message:
          key === undefined
            ? 'A key appears twice in the same mapping; keep one'
            : `\`${key}\` appears twice; keep one`,
        place,
      })
    } else {
      pending.push({ code: 'manifest-parse', message: `Invalid YAML: ${firstLine(error.message)}`, place })
    }
  }
  for (const warning of doc.warnings) {
    pending.push({
      code: 'manifest-yaml-warning',
      message: firstLine(warning.message),
      place: source.point(warning.pos[0]),
    })
  }
  if (flush()) return undefined

  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      file.message(
        'manifest-alias-bomb',
        `YAML aliases expand too much (more than ${MAX_ALIAS_COUNT} copies); is this file a "billion laughs" attack?`,
        firstAlias(doc, source),
      )
    } else {
      file.message(
        'manifest-parse',
        `Invalid YAML: ${firstLine((error as Error).message)}`,
        firstAlias(doc, source),
      )
    }
    return undefined
  }
  if (data === null || data === undefined) data = {}

  const schema = manifestSchema(
    source,
    formats.map((f) => f.name),
  )
  let result = schema.safeParse(data)
  if (!result.success) {
    const issues = result.error.issues.flatMap((issue) => flatten(issue))
    const unknown: Array<{ path: DataPath; key: string }> = []
    for (const issue of issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) unknown.push({ path: issue.path, key })
      } else {
        pending.push({ code: codeOf(issue), message: messageOf(issue), place: source.place(issue.path) })
      }
    }
    const seen = new Set<string>()
    for (const { path, key } of unknown) {
      const id = JSON.stringify([...path, key])
      if (seen.has(id)) continue
      seen.add(id)
      pending.push({
        code: 'manifest-unknown-key',
        message: unknownKeyMessage(path, key, formats),
        place: source.keyPlace([...path, key]),
      })
      deleteAt(data, path, key)
    }
    const failed = flush()
    if (failed) return undefined
    result = schema.safeParse(data)
    if (!result.success) {
      // Dropping unknown keys should not create errors; report them rather than trust that.
      for (const issue of result.error.issues.flatMap((i) => flatten(i))) {
        pending.push({ code: codeOf(issue), message: messageOf(issue), place: source.place(issue.path) })
      }
      flush()
      return undefined
    }
  }

  const raw = result.data
  for (const [a, b] of SAME_KEYS) {
    if (raw[a as keyof RawManifest] !== undefined && raw[b as keyof RawManifest] !== undefined) {
      const [first, second] = orderByPlace(source, a, b)
      pending.push({
        code: 'manifest-invalid',
        message: `\`${second}\` and \`${first}\` are the same key; keep one`,
        place: source.keyPlace([second]),
      })
    }
  }
  for (const { name: section, options: schema } of formats) {
    const options = (raw as Record<string, unknown>)[section] as Record<string, unknown> | undefined
    if (!options || !schema) continue
    const kebab = Object.keys(schema).map(kebabCase)
    for (const [key, value] of Object.entries(options)) {
      const spec = Object.hasOwn(schema, camelCase(key)) ? schema[camelCase(key)] : undefined
      if (!spec) {
        const suggestion = suggestKey(key, kebab)
        pending.push({
          code: 'manifest-unknown-key',
          message: `Unknown key \`${key}\` in \`${section}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
          place: source.keyPlace([section, key]),
        })
        continue
      }
      // A key written with no value is passed on as before; the renderer reads it as absent or warns.
      const problem = value === null ? undefined : checkOption(spec, value)
      if (problem)
        pending.push({
          code: 'manifest-invalid',
          message: `\`${section}.${key}\` ${problem}`,
          place: source.place([section, key]),
        })
    }
  }
  checkStrings(raw.strings, ['strings'], source, pending)
  const epubSection = (raw as Record<string, unknown>).epub
  if (isPlainObject(epubSection) && isPlainObject(epubSection.strings))
    checkStrings(epubSection.strings, ['epub', 'strings'], source, pending)
  if (flush()) return undefined
  return toManifest(raw, source, formats, file)
}

/** Keys of `strings:` whose value is a mapping or a list rather than text. */
const STRING_MAPS = new Set(['roles', 'kinds'])
const STRING_LISTS = new Set(['months', 'monthsOf'])

/** `strings:`: known keys only (a typo would silently keep the default word), each of its kind. */
function checkStrings(
  strings: Record<string, unknown> | undefined,
  at: DataPath,
  source: YamlSource,
  pending: Pending[],
): void {
  if (!strings) return
  const kebab = stringKeys.map((k) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))
  const where = formatPath(at)
  for (const [key, value] of Object.entries(strings)) {
    const name = camelCase(key)
    const place = source.place([...at, key])
    if (!stringKeys.includes(name)) {
      const suggestion = suggestKey(key, kebab)
      pending.push({
        code: 'manifest-unknown-key',
        message: `Unknown key \`${key}\` in \`${where}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
        place: source.keyPlace([...at, key]),
      })
    } else if (STRING_MAPS.has(name)) {
      const ok =
        isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string' || v === null)
      if (!ok)
        pending.push({
          code: 'manifest-invalid',
          message: `\`${where}.${key}\` must be a mapping of text, got ${describeValue(value)}`,
          place,
        })
    } else if (STRING_LISTS.has(name)) {
      const ok = Array.isArray(value) && value.length === 12 && value.every((v) => typeof v === 'string')
      if (!ok)
        pending.push({
          code: 'manifest-invalid',
          message: `\`${where}.${key}\` must be a list of the 12 month names, got ${describeValue(value)}`,
          place,
        })
    } else if (typeof value !== 'string') {
      pending.push({
        code: 'manifest-invalid',
        message: `\`${where}.${key}\` must be text, got ${describeValue(value)}`,
        place,
      })
    }
  }
}

function toManifest(
  raw: RawManifest,
  source: YamlSource,
  formats: readonly FormatSection[],
  file: SourceFile,
): Manifest {
  const metadata: Partial<Metadata> = {}
  const set = <K extends keyof Metadata>(key: K, value: Metadata[K] | undefined) => {
    if (value !== undefined && value !== '') metadata[key] = value
  }
  set('title', raw.title)
  set('subtitle', raw.subtitle)
  const authors = raw.author ?? raw.authors
  if (authors) metadata.authors = authors.map(toPerson)
  set('language', raw.language ?? raw.lang)
  set('identifier', raw.identifier)
  set('publisher', raw.publisher)
  set('date', raw.date)
  // `summary:`, as archives call it, is the description too.
  set('description', raw.description ?? raw.summary)
  const subjects = raw.subjects ?? raw.tags
  if (subjects) metadata.subjects = subjects.filter((s) => s !== '')
  if (raw.series) {
    metadata.series = { name: raw.series.name }
    if ('number' in raw.series && raw.series.number !== undefined) metadata.series.number = raw.series.number
  }
  set('rights', raw.rights ?? raw.license)
  const contributors: Contributor[] = []
  for (const c of raw.contributors ?? []) {
    contributors.push({ ...toPerson(c), role: normalizeRole('role' in c && c.role ? c.role : 'contributor') })
  }
  for (const role of ['editor', 'translator', 'illustrator'] as const) {
    for (const p of raw[role] ?? []) contributors.push({ ...toPerson(p), role })
  }
  if (raw.contributors || raw.editor || raw.translator || raw.illustrator)
    metadata.contributors = contributors
  if (raw.cover) set('cover', raw.cover.pattern)
  set('dedication', raw.dedication)
  set('edition', raw.edition)
  set('direction', raw.direction)
  set('copyright', raw.copyright)
  const epigraphSource = raw['epigraph-source']
  if (raw.epigraph) {
    const source = ('source' in raw.epigraph ? raw.epigraph.source : undefined) ?? epigraphSource
    metadata.epigraph = { text: raw.epigraph.text, ...(source ? { source } : {}) }
  }
  const about = raw['about-author']
  if (about && 'text' in about) set('aboutAuthor', about.text)
  const alsoBy = raw['also-by']?.filter((t) => t !== '')
  if (alsoBy && alsoBy.length > 0) metadata.alsoBy = alsoBy
  archiveFields(raw, metadata)
  volumesField(raw, metadata, source, file)
  // `epub: {strings}` is the older spelling of `strings:`; the top-level key wins where both say.
  const epubSection = (raw as Record<string, unknown>).epub
  const epubStrings =
    isPlainObject(epubSection) && isPlainObject(epubSection.strings)
      ? camelKeys(epubSection.strings)
      : undefined
  const strings = raw.strings ? camelKeys(raw.strings) : undefined
  if (epubStrings || strings) {
    metadata.strings = {
      ...epubStrings,
      ...strings,
      roles: { ...(epubStrings?.roles as object), ...(strings?.roles as object) },
      kinds: { ...(epubStrings?.kinds as object), ...(strings?.kinds as object) },
    } as StringOverrides
  }

  const manifest: Manifest = {
    metadata,
    frontMatter: raw['front-matter'] ?? [],
    backMatter: raw['back-matter'] ?? [],
    options: {},
    plugins: (raw.plugins ?? []).filter((p) => p !== ''),
  }
  if (raw.chapters) {
    manifest.chapters = raw.chapters.map((entry, i): ChapterSpec => {
      if ('pattern' in entry) return entry
      const part: PartEntry = { title: entry.part }
      if (entry.number !== undefined) part.number = entry.number
      const place = source.place(['chapters', i])
      return { part, chapters: entry.chapters ?? [], ...(place ? { place } : {}) }
    })
  }
  for (const { name } of formats) {
    const section = (raw as Record<string, unknown>)[name] as Record<string, unknown> | undefined
    if (section) manifest.options[name] = camelKeys(section)
  }
  if (raw.typography !== undefined)
    manifest.options.typography =
      typeof raw.typography === 'boolean' ? raw.typography : (camelKeys(raw.typography) as SmartenOptions)
  if (raw.encoding !== undefined) manifest.options.encoding = raw.encoding
  if (raw.labels !== undefined) manifest.options.labels = raw.labels
  if (raw['toc-depth'] !== undefined) manifest.options.tocDepth = raw['toc-depth']
  if (raw.footnotes !== undefined) manifest.options.footnotes = raw.footnotes
  if (raw.cover?.place) manifest.coverPlace = raw.cover.place
  if (about && 'file' in about) manifest.aboutAuthorFile = about.file
  return manifest
}

/** The fan-fiction and web-serial keys (`fandoms:`, `rating:`… `update-log:`). */
function archiveFields(raw: RawManifest, metadata: Partial<Metadata>): void {
  const list = (values: string[] | undefined) => {
    const kept = values?.filter((v) => v !== '')
    return kept && kept.length > 0 ? kept : undefined
  }
  const put = <K extends keyof Metadata>(key: K, value: Metadata[K] | undefined) => {
    if (value !== undefined && value !== '') metadata[key] = value
  }
  put('fandoms', list(raw.fandoms ?? raw.fandom))
  put('rating', raw.rating)
  put('warnings', list(raw.warnings))
  put('categories', list(raw.categories ?? raw.category))
  put('relationships', list(raw.relationships))
  put('characters', list(raw.characters))
  put('tags', list(raw['additional-tags']))
  put('status', raw.status)
  put('source', raw.source)
  put('published', raw.published)
  put('updated', raw.updated)
  put('words', raw.words)
  put('notes', raw.notes)
  put('endNotes', raw['end-notes'])
  put('preface', raw.preface)
  put('newSince', raw['new-since'])
  const log = raw['update-log']
  put('updateLog', typeof log === 'boolean' ? log : list(log))
  put('chaptersRange', raw['chapters-range'])
}

/** `volumes:`, with where it is written, so that a budget no chapter fits is reported there. */
function volumesField(
  raw: RawManifest,
  metadata: Partial<Metadata>,
  source: YamlSource,
  file: SourceFile,
): void {
  if (!raw.volumes) return
  const place = source.place(['volumes'])
  metadata.volumes = place
    ? { ...raw.volumes, at: { file: file.path, line: place.line, column: place.column } }
    : raw.volumes
}

function toPerson(p: { name: string; 'file-as'?: string | undefined }): Person {
  const person: Person = { name: p.name }
  if (p['file-as']) person.fileAs = p['file-as']
  return person
}

/**
 * `font-size` → `fontSize`, in nested mappings too (`font: {bold-italic: …}`), as renderer option
 * records spell their keys. Values are left alone.
 */
function camelKeys(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) {
    out[camelCase(key)] = isPlainObject(value) ? camelKeys(value) : value
  }
  return out
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
}

/**
 * A union's own "invalid_union" says only that no branch fitted. When one branch got past the
 * value's shape (its issues are deeper, or about unknown keys), its issues are the useful ones.
 */
function flatten(issue: ZodIssue): ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue]
  for (const branch of issue.unionErrors) {
    if (branch.issues.some((i) => fitsShape(i, issue.path.length)))
      return branch.issues.flatMap((i) => flatten(i))
  }
  return [issue]
}

/** Whether an issue shows its branch accepted the value's shape (and failed on something inside). */
function fitsShape(issue: ZodIssue, depth: number): boolean {
  if (issue.path.length > depth || issue.code === 'unrecognized_keys') return true
  if (issue.code === 'custom') return !(issue.params as IssueParams | undefined)?.wrongType
  return (
    issue.code === 'invalid_union' && issue.unionErrors.some((b) => b.issues.some((i) => fitsShape(i, depth)))
  )
}

function codeOf(issue: ZodIssue): Code {
  if (issue.code === 'custom') {
    const params = issue.params as IssueParams | undefined
    if (params?.code) return params.code
  }
  return 'manifest-invalid'
}

function messageOf(issue: ZodIssue): string {
  if (issue.path.length === 0) return `book.yaml ${issue.message}`
  return `\`${formatPath(issue.path)}\` ${issue.message}`
}

/** `['authors', 1, 'file-as']` → `authors[1].file-as`. */
export function formatPath(path: DataPath): string {
  let out = ''
  for (const segment of path)
    out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment
  return out
}

function unknownKeyMessage(path: DataPath, key: string, formats: readonly FormatSection[]): string {
  const known =
    path.length === 0
      ? [...KNOWN_KEYS['']!, ...formats.map((f) => f.name)]
      : (KNOWN_KEYS[String(path[0])] ?? [])
  const suggestion = suggestKey(key, known)
  const where = path.length === 0 ? 'book.yaml' : `\`${formatPath(path)}\``
  const shown = key.length > 60 ? `${key.slice(0, 57)}…` : key
  return `Unknown key \`${shown}\` in ${where}${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`
}

function deleteAt(data: unknown, path: DataPath, key: string): void {
  let node: unknown = data
  for (const segment of path) node = (node as Record<string | number, unknown> | undefined)?.[segment]
  if (node && typeof node === 'object') delete (node as Record<string, unknown>)[key]
}

function orderByPlace(source: YamlSource, a: string, b: string): [string, string] {
  const pa = source.keyPlace([a])
  const pb = source.keyPlace([b])
  if (pa && pb && (pb.line < pa.line || (pb.line === pa.line && pb.column < pa.column))) return [b, a]
  return [a, b]
}

function keyAt(doc: ReturnType<typeof parseDocument>, offset: number): string | undefined {
  let found: string | undefined
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null
      if (key?.range?.[0] === offset) {
        found = String((key as { value?: unknown }).value ?? '')
        return visit.BREAK
      }
      return undefined
    },
  })
  return found
}

function firstAlias(doc: ReturnType<typeof parseDocument>, source: YamlSource): Point | undefined {
  let place: Point | undefined
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node) && node.range) {
        place = source.point(node.range[0])
        return visit.BREAK
      }
      return undefined
    },
  })
  return place
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
