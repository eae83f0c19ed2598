/**
 * Planning a book: from what the user pointed at (a book.yaml, a folder, or chapter files and
 * patterns) to the book's folder, complete metadata, and its chapter files in reading order.
 * Nothing is parsed here beyond book.yaml; readers take the plan's files next. Every problem is a
 * diagnostic: on the book (`''`) for command-line inputs and the book as a whole, on book.yaml
 * with a line and column for anything it says.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import nodePath from 'node:path'
import { SourceFile } from '../diagnostics/file.js'
import type { Matter, Metadata, Person, Point } from '../model/types.js'
import { WORK_FIELDS } from '../model/work.js'
import type { FormatSection } from '../options/schema.js'
import { BookFolder, expandInputs, type Found } from './files.js'
import { defaultIdentifier, directionOf, titleFromName, withoutOrderNumber } from './metadata.js'
import type { BookOptions, Manifest, PartEntry, PathSpec } from './parse.js'
import { commonFolder, toPosix } from './paths.js'
import { checkMetadata } from './validate.js'

/** One chapter file of the plan. */
export interface ManifestChapterEntry {
  /** Book-relative, `/`-separated path. */
  file: string
  matter: Matter
  /** The book.yaml part it belongs to; chapters of one part share the same object. */
  part?: PartEntry
}

export interface BookPlan {
  /** Absolute path of the book folder (book.yaml's folder, the folder given, or the files' common folder). */
  root: string
  /** Complete: every default filled (title, authors, language `en`, identifier, direction…). */
  metadata: Metadata
  /** In reading order: front matter, body (parts in place), back matter. Never empty. */
  chapters: ManifestChapterEntry[]
  options: BookOptions
  /** `plugins:` entries as written (package names or book-relative module paths), unresolved. */
  plugins: string[]
  /** Book-relative path of the book.yaml that was read, when one was. */
  manifestPath?: string
  /**
   * The metadata fields the author set (book.yaml or the overrides); the others are defaults a
   * chapter file's own metadata may replace (see `pipeline/metadata.ts`).
   */
  given: Array<keyof Metadata>
}

/** Options of `planBook`: metadata that wins over book.yaml (the CLI's flags), and where to look. */
export interface PlanOptions extends Partial<Metadata> {
  /** Folder relative inputs are resolved against (default: `process.cwd()`). */
  cwd?: string
  /**
   * Extensions (lower-case, with the dot) of files that folders and globs pick up as chapters:
   * the registered readers' (the pipeline passes them; default none). Files named one by one
   * are always taken.
   */
  extensions?: readonly string[]
  /** The output formats whose book.yaml sections are known, with their option schemas: the renderer registry's (default none). */
  formats?: readonly FormatSection[]
}

export interface PlanResult {
  /**
   * The plan, whenever one could be made. It can come with errors (a missing cover, a chapter
   * link leaving the book): check `files` for errors before building.
   */
  plan?: BookPlan
  /** Every diagnostics file used: the book (`''`) first, then book.yaml when it was read. */
  files: SourceFile[]
  /** Chapter files (book-relative) named outright in book.yaml or on the command line, not found by a pattern. */
  named?: ReadonlySet<string>
}

/** Manifest names looked for in a folder, in order. */
const MANIFEST_NAMES = ['book.yaml', 'book.yml']

/** Image types EPUB 3 allows as a cover, by extension. */
const COVER_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.gif', '.webp', '.svg']

type Target =
  | { kind: 'manifest'; path: string }
  | { kind: 'folder'; path: string }
  | { kind: 'files'; inputs: string[] }

/**
 * Plan a book from command-line inputs: nothing (the current folder), one folder (with or
 * without book.yaml), one book.yaml, or chapter files, folders and glob patterns.
 */
export async function planBook(inputs: string[], overrides: PlanOptions = {}): Promise<PlanResult> {
  const book = new SourceFile('')
  const files: SourceFile[] = [book]
  const cwd = nodePath.resolve(overrides.cwd ?? process.cwd())
  const extensions = overrides.extensions ?? []
  const target = await classify(inputs, cwd, book)
  if (book.hasErrors) return { files }
  if (!target) return { files }

  let root: string
  let chapters: ManifestChapterEntry[]
  let manifest: Manifest | undefined
  let manifestFile: SourceFile | undefined
  /** Where a book with no title takes one: book.yaml's folder, the folder, or the one file named. */
  let titleSource: TitleSource
  /** Chapter files named outright, which are never taken for outputs (see `skipOutputs`). */
  const named = new Set<string>()

  if (target.kind === 'manifest') {
    root = nodePath.dirname(target.path)
    manifestFile = new SourceFile(nodePath.basename(target.path))
    files.push(manifestFile)
    let text: string
    try {
      text = new TextDecoder().decode(await readFile(target.path))
    } catch (error) {
      book.message('io-read', `${manifestFile.path} could not be read: ${(error as Error).message}`)
      return { files }
    }
    // The YAML parser and the schema load only for a book that has a book.yaml.
    const { parseManifest } = await import('./parse.js')
    manifest = parseManifest(text, manifestFile, overrides.formats)
    if (!manifest) return { files }
    chapters = await manifestChapters(new BookFolder(root, extensions), manifest, manifestFile, named)
    titleSource = 'manifest'
  } else if (target.kind === 'folder') {
    root = target.path
    const folder = new BookFolder(root, extensions)
    chapters = toEntries(await discover(folder, book), 'body')
    titleSource = 'folder'
  } else {
    const expanded = await expandInputs(target.inputs, cwd, extensions)
    for (const input of expanded.missing) book.message('book-file-missing', `"${input}" does not exist`)
    for (const input of expanded.empty) book.message('book-glob-empty', `"${input}" matched no chapter file`)
    if (expanded.files.length === 0) {
      if (expanded.missing.length === 0) book.message('book-no-chapters', 'No chapter files were given')
      return { files }
    }
    root = commonFolder(expanded.files)
    const folder = new BookFolder(root, extensions)
    const relatives = expanded.files.map((abs) => toPosix(nodePath.relative(root, abs)))
    const kinds = await Promise.all(relatives.map((relative) => folder.kind(relative)))
    const given = new Set(target.inputs.map((input) => nodePath.resolve(cwd, input)))
    chapters = []
    relatives.forEach((relative, i) => {
      if (kinds[i] === 'outside') {
        book.message('resource-outside-book', `"${relative}" is a link that leaves the book folder`)
      } else {
        if (given.has(expanded.files[i]!)) named.add(relative)
        chapters.push({ file: relative, matter: 'body' })
      }
    })
    // One file named outright (`octavo build my-story.docx`) is the book: its name, not the
    // name of the folder it was downloaded to, is the title a file of its own does not give.
    // A file inside a document that is a folder (TXT.rtf in Story.rtfd, project.scrivx in
    // Novel.scriv) is that document: the folder names it.
    titleSource =
      expanded.files.length === 1 &&
      named.size === 1 &&
      chapters.length === 1 &&
      !(chapters[0]!.file.indexOf('/') < 0 && PACKAGE_FOLDER.test(root))
        ? { file: chapters[0]!.file }
        : 'folder'
  }

  if (chapters.length === 0) {
    const packages = target.kind === 'folder' ? await scrivenerProjects(root) : []
    if (packages.length > 0) {
      book.message(
        'book-no-chapters',
        `No chapter files found here, but ${packages.length === 1 ? `"${packages[0]}" is a Scrivener project` : `Scrivener projects are (${packages.map((p) => `"${p}"`).join(', ')})`}: build ${packages.length === 1 ? 'it' : 'one'} with \`octavo build "${packages[0]}"\``,
      )
    } else if (!book.hasErrors && !manifestFile?.hasErrors) {
      book.message(
        'book-no-chapters',
        manifest?.chapters
          ? `${manifestFile!.path} lists no chapter file that exists`
          : `No chapter files found: the book folder needs ${describeExtensions(extensions)} files (or a chapters/ folder)`,
      )
    } else book.message('book-no-chapters', 'No chapter files to build')
    return { files }
  }

  const { metadata, given } = await buildMetadata({
    root,
    manifest,
    manifestFile,
    overrides,
    book,
    titleSource,
    folder: new BookFolder(root, extensions),
  })
  const plan: BookPlan = {
    root,
    metadata,
    chapters,
    options: manifest?.options ?? {},
    plugins: manifest?.plugins ?? [],
    given,
  }
  if (manifestFile) plan.manifestPath = manifestFile.path
  return { plan, files, named }
}

async function classify(inputs: string[], cwd: string, book: SourceFile): Promise<Target | undefined> {
  if (inputs.length === 0) return folderTarget(cwd, book)
  const yamls = inputs.filter((input) => /\.ya?ml$/i.test(input))
  if (inputs.length > 1) {
    if (yamls.length > 0) {
      book.message(
        'book-input-invalid',
        `Give "${yamls[0]}" on its own: a book.yaml lists the chapters itself, so it cannot be combined with other inputs`,
      )
      return undefined
    }
    return { kind: 'files', inputs }
  }
  const input = inputs[0]!
  const abs = nodePath.resolve(cwd, input)
  const info = await stat(abs).catch(() => undefined)
  if (info?.isDirectory()) return folderTarget(abs, book)
  if (info?.isFile()) return yamls.length > 0 ? { kind: 'manifest', path: abs } : { kind: 'files', inputs }
  if (/[*?[\]{}()!]/.test(input)) return { kind: 'files', inputs }
  book.message('book-file-missing', `"${input}" does not exist`)
  return undefined
}

async function folderTarget(abs: string, book: SourceFile): Promise<Target> {
  const found: string[] = []
  for (const name of MANIFEST_NAMES) {
    const info = await stat(nodePath.join(abs, name)).catch(() => undefined)
    if (info?.isFile()) found.push(nodePath.join(abs, name))
  }
  // Two manifests: silently preferring one would build a book the author did not mean.
  if (found.length > 1) {
    book.message(
      'book-manifest-twice',
      `${found.join(' and ')} both exist: keep one (or name the one to build, e.g. \`octavo build ${nodePath.basename(found[1]!)}\`)`,
    )
  }
  return found[0] ? { kind: 'manifest', path: found[0] } : { kind: 'folder', path: abs }
}

/** The Scrivener projects (`.scriv` folders) inside a folder, by name. */
async function scrivenerProjects(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true })
    return entries
      .filter((entry) => entry.isDirectory() && /\.scriv$/i.test(entry.name))
      .map((entry) => entry.name)
      .sort()
  } catch {
    return []
  }
}

/**
 * Zero-config: the folder's chapter files, or those of its `chapters/` folder when it has none
 * (files in `taken`, already front or back matter, do not count).
 */
async function discover(folder: BookFolder, report: SourceFile, taken: ReadonlySet<string> = new Set()) {
  const free = (found: Found): Found => ({ ...found, files: found.files.filter((f) => !taken.has(f)) })
  let found = free(await folder.list(''))
  if (
    found.files.length === 0 &&
    found.outside.length === 0 &&
    (await folder.kind('chapters')) === 'folder'
  ) {
    found = free(await folder.list('chapters'))
  }
  reportOutside(found, report)
  return found.files
}

function reportOutside(found: Found, report: SourceFile, place?: Point, pattern?: string): void {
  for (const file of found.outside) {
    const by = pattern ? ` (matched by "${pattern}")` : ''
    const how = file.startsWith('../') ? 'leaves the book folder' : 'is a link that leaves the book folder'
    report.message('resource-outside-book', `"${file}"${by} ${how}`, place)
  }
}

function toEntries(files: string[], matter: Matter, part?: PartEntry): ManifestChapterEntry[] {
  return files.map((file) => (part ? { file, matter, part } : { file, matter }))
}

/** One entry of book.yaml resolved to files; literal ones win a file over patterns and folders. */
interface Slot {
  files: string[]
  literal: boolean
  matter: Matter
  part?: PartEntry
}

/**
 * The chapter files book.yaml names, in reading order; each file appears once. A file named
 * outright belongs where it is named, even when a pattern elsewhere also matches it
 * (`front-matter: [foreword.md]` with `chapters: ['*.md']`), and a front- or back-matter pattern
 * wins over a body pattern (`back-matter: [appendix-*.md]`); otherwise the first place wins.
 */
async function manifestChapters(
  folder: BookFolder,
  manifest: Manifest,
  file: SourceFile,
  /** Filled with the files book.yaml names outright (not through a pattern or folder). */
  named?: Set<string>,
): Promise<ManifestChapterEntry[]> {
  const resolve = async (into: Slot[], spec: PathSpec, matter: Matter, part?: PartEntry) => {
    const slot = await resolveSpec(folder, spec, file)
    if (slot) into.push({ ...slot, matter, ...(part ? { part } : {}) })
  }
  const front: Slot[] = []
  const body: Slot[] = []
  const back: Slot[] = []
  for (const spec of manifest.frontMatter) await resolve(front, spec, 'front')
  if (manifest.chapters) {
    for (const entry of manifest.chapters) {
      if ('pattern' in entry) await resolve(body, entry, 'body')
      else for (const spec of entry.chapters) await resolve(body, spec, 'body', entry.part)
    }
  }
  for (const spec of manifest.backMatter) await resolve(back, spec, 'back')
  if (!manifest.chapters) {
    const taken = new Set([...front, ...back].flatMap((slot) => slot.files))
    // The about-the-author text is a page of its own, not a chapter.
    if (manifest.aboutAuthorFile) taken.add(manifest.aboutAuthorFile.pattern)
    body.push({ files: await discover(folder, file, taken), literal: false, matter: 'body' })
  }
  const slots = [...front, ...body, ...back]

  // Who gets a file named twice: a file named outright, then front/back-matter patterns (short,
  // specific lists), then the body's patterns (often a catch-all `*.md`); first place breaks ties.
  const priority = (slot: Slot) => (slot.literal ? 0 : slot.matter !== 'body' ? 1 : 2)
  const owner = new Map<string, Slot>()
  for (const level of [0, 1, 2]) {
    for (const slot of slots) {
      if (priority(slot) !== level) continue
      for (const name of slot.files) if (!owner.has(name)) owner.set(name, slot)
    }
  }
  const seen = new Set<string>()
  const entries: ManifestChapterEntry[] = []
  for (const slot of slots) {
    for (const name of slot.files) {
      if (owner.get(name) !== slot || seen.has(name)) continue
      seen.add(name)
      if (slot.literal) named?.add(name)
      entries.push(...toEntries([name], slot.matter, slot.part))
    }
  }
  return entries
}

async function resolveSpec(
  folder: BookFolder,
  spec: PathSpec,
  file: SourceFile,
): Promise<Omit<Slot, 'matter'> | undefined> {
  const { pattern, place } = spec
  if (await folder.isGlob(pattern)) {
    const found = await folder.glob(pattern)
    reportOutside(found, file, place, pattern)
    if (found.files.length === 0 && found.outside.length === 0) {
      const others =
        found.skipped > 0 ? ` (${found.skipped} other file${found.skipped === 1 ? '' : 's'})` : ''
      file.message('book-glob-empty', `"${pattern}" matched no chapter file${others}`, place)
    }
    return { files: found.files, literal: false }
  }
  const kind = await folder.kind(pattern)
  if (kind === 'file') return { files: [pattern], literal: true }
  if (kind === 'folder') {
    const found = await folder.list(pattern)
    reportOutside(found, file, place)
    if (found.files.length === 0 && found.outside.length === 0) {
      file.message('book-glob-empty', `The folder "${pattern}" has no chapter files`, place)
    }
    return { files: found.files, literal: false }
  }
  if (kind === 'outside')
    file.message('resource-outside-book', `"${pattern}" is a link that leaves the book folder`, place)
  else if (kind === 'missing') file.message('book-file-missing', `"${pattern}" does not exist`, place)
  else file.message('book-file-missing', `"${pattern}" is not a regular file`, place)
  return undefined
}

interface MetadataInput {
  root: string
  manifest: Manifest | undefined
  manifestFile: SourceFile | undefined
  overrides: PlanOptions
  book: SourceFile
  titleSource: TitleSource
  folder: BookFolder
}

type TitleSource = 'folder' | 'manifest' | { file: string }

/** The fan-fiction and web-serial fields, copied as given (see `Metadata`). */
const ARCHIVE_FIELDS = [
  ...WORK_FIELDS,
  'preface',
  'newSince',
  'updateLog',
  'chaptersRange',
  'volumes',
] as const satisfies ReadonlyArray<keyof Metadata>

function copyArchiveFields(from: Partial<Metadata>, to: Metadata): void {
  const target = to as unknown as Record<string, unknown>
  for (const key of ARCHIVE_FIELDS) if (from[key] !== undefined) target[key] = from[key]
}

/** A folder the Mac shows as one document (TextEdit's .rtfd, a .textbundle): its extension is no part of a title. */
const PACKAGE_FOLDER = /\.(?:rtfd|textbundle|scriv)$/i

async function buildMetadata(
  input: MetadataInput,
): Promise<{ metadata: Metadata; given: Array<keyof Metadata> }> {
  const { manifest, manifestFile, book, folder } = input
  const given = checkOverrides(input.overrides, book)
  const merged: Partial<Metadata> = { ...manifest?.metadata, ...given }

  let title = merged.title?.trim()
  if (!title) {
    const source = input.titleSource
    const file = typeof source === 'object' ? nodePath.posix.basename(source.file) : undefined
    // A file's order number ("01 - The Beginning.md") is no part of its title.
    const fromName = titleFromName(
      file
        ? withoutOrderNumber(file.slice(0, file.lastIndexOf('.') > 0 ? file.lastIndexOf('.') : file.length))
        : nodePath.basename(input.root).replace(PACKAGE_FOLDER, ''),
    )
    title = fromName || 'Untitled'
    if (source === 'manifest') {
      book.message('book-no-title', `${manifestFile?.path ?? 'book.yaml'} has no \`title\`; using "${title}"`)
    } else if (fromName && file) {
      book.message(
        'book-title-from-file',
        `Using "${title}" (from the file name) as the title; set a title in book.yaml or on the command line`,
      )
    } else if (fromName) {
      book.message(
        'book-title-from-folder',
        `Using "${title}" (from the folder name) as the title; set a title in book.yaml or on the command line`,
      )
    } else book.message('book-no-title', `The book has no title; using "${title}"`)
  }

  const authors: Person[] = merged.authors?.filter((a) => a.name.trim() !== '') ?? []
  if (authors.length === 0) {
    book.message(
      'book-no-author',
      'No author given; the book names none (set `author` in book.yaml or on the command line)',
    )
  }

  const language = merged.language ?? 'en'
  const metadata: Metadata = {
    title,
    ...(merged.subtitle ? { subtitle: merged.subtitle } : {}),
    authors,
    language,
    identifier:
      merged.identifier ??
      defaultIdentifier(
        title,
        authors.map((a) => a.name),
      ),
    ...(merged.publisher ? { publisher: merged.publisher } : {}),
    ...(merged.date ? { date: merged.date } : {}),
    ...(merged.description ? { description: merged.description } : {}),
    subjects: merged.subjects ?? [],
    ...(merged.series ? { series: merged.series } : {}),
    ...(merged.rights ? { rights: merged.rights } : {}),
    contributors: merged.contributors ?? [],
    ...(merged.cover ? { cover: merged.cover } : {}),
    ...(merged.dedication ? { dedication: merged.dedication } : {}),
    ...(merged.edition ? { edition: merged.edition } : {}),
    direction: merged.direction ?? directionOf(language),
    ...(merged.copyright ? { copyright: merged.copyright } : {}),
    ...(merged.epigraph ? { epigraph: merged.epigraph } : {}),
    ...(merged.aboutAuthor ? { aboutAuthor: merged.aboutAuthor } : {}),
    ...(merged.alsoBy ? { alsoBy: merged.alsoBy } : {}),
    ...(merged.strings ? { strings: merged.strings } : {}),
  }
  copyArchiveFields(merged, metadata)
  if (!metadata.aboutAuthor && manifest?.aboutAuthorFile && manifestFile) {
    const text = await readAboutAuthor(input.root, folder, manifest.aboutAuthorFile, manifestFile)
    if (text) metadata.aboutAuthor = text
  }

  if (metadata.cover) {
    const fromManifest = given.cover === undefined
    const report = fromManifest && manifestFile ? manifestFile : book
    const place = fromManifest ? manifest?.coverPlace : undefined
    if (!(await checkCover(folder, metadata.cover, report, place))) delete metadata.cover
  }
  const set = (Object.keys(merged) as Array<keyof Metadata>).filter((key) => merged[key] !== undefined)
  return {
    metadata,
    given: set.filter((key) =>
      key === 'title' ? Boolean(merged.title?.trim()) : key !== 'authors' || authors.length > 0,
    ),
  }
}

/** The overrides that are metadata, checked like book.yaml values; bad ones are reported and dropped. */
function checkOverrides(overrides: PlanOptions, book: SourceFile): Partial<Metadata> {
  const { cwd: _cwd, extensions: _extensions, formats: _formats, ...rest } = overrides
  const { metadata, issues } = checkMetadata(rest)
  for (const issue of issues) book.message(issue.code ?? 'book-input-invalid', issue.message)
  if (metadata.authors?.length === 0) delete metadata.authors
  return metadata
}

/** The about-the-author page's text can be long, but not a book: more is a mistake. */
const MAX_ABOUT_AUTHOR_BYTES = 256 * 1024

/** The text of `about-author: {file: …}`, or undefined (reported) when it cannot be used. */
async function readAboutAuthor(
  root: string,
  folder: BookFolder,
  spec: PathSpec,
  report: SourceFile,
): Promise<string | undefined> {
  const kind = await folder.kind(spec.pattern)
  if (kind === 'outside') {
    report.message(
      'resource-outside-book',
      `The about-author file "${spec.pattern}" is a link that leaves the book folder`,
      spec.place,
    )
    return undefined
  }
  if (kind !== 'file') {
    report.message('book-file-missing', `The about-author file "${spec.pattern}" does not exist`, spec.place)
    return undefined
  }
  const file = nodePath.join(root, spec.pattern)
  if ((await stat(file)).size > MAX_ABOUT_AUTHOR_BYTES) {
    report.message(
      'resource-too-large',
      `The about-author file "${spec.pattern}" is larger than ${MAX_ABOUT_AUTHOR_BYTES / 1024} KB`,
      spec.place,
    )
    return undefined
  }
  return new TextDecoder().decode(await readFile(file)).replace(/^\uFEFF/, '')
}

async function checkCover(
  folder: BookFolder,
  cover: string,
  report: SourceFile,
  place?: Point,
): Promise<boolean> {
  const kind = await folder.kind(cover)
  if (kind === 'missing') report.message('book-file-missing', `The cover "${cover}" does not exist`, place)
  else if (kind === 'outside')
    report.message(
      'resource-outside-book',
      `The cover "${cover}" is a link that leaves the book folder`,
      place,
    )
  else if (kind !== 'file') report.message('book-file-missing', `The cover "${cover}" is not a file`, place)
  else if (!COVER_EXTENSIONS.includes(nodePath.extname(cover).toLowerCase())) {
    report.message(
      'resource-unknown-type',
      `The cover "${cover}" must be a JPEG, PNG, GIF, WebP or SVG image`,
      place,
    )
  } else return true
  return false
}

function describeExtensions(extensions: readonly string[]): string {
  return extensions.length > 1
    ? `${extensions.slice(0, -1).join(', ')} or ${extensions.at(-1)}`
    : (extensions[0] ?? 'chapter')
}
