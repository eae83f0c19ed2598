/**
 * The FictionBook reader: an FB2 e-book (`.fb2`, FictionBook 2.0/2.1, and the `.fb2.zip` it is
 * usually downloaded as) in, its chapters, metadata and pictures out. The file is decoded by
 * the shared decoder (its XML declaration names the encoding, often Windows-1251) and parsed by
 * the shared XML layer, which never reads a DTD and bounds the nesting. `<description>` gives
 * the metadata (`metadata.ts`), the first body the chapters and parts (`body.ts`), the notes
 * body the footnotes, and the `<binary>` pictures the images and cover, carried as resources
 * named under the file's own path. Damaged files are diagnostics with line and column; nothing
 * here throws.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import type { Metadata, Point } from '../../model/types.js'
import { declaredCharset, decodeSource, reportEncoding } from '../encoding.js'
import { isCalibreCover } from '../epub/generated.js'
import { neverThrows } from '../guard.js'
import { isArchiveProblem, openArchive } from '../shared/archive.js'
import { emptyChapter } from '../shared/chapter.js'
import { DataImages } from '../shared/data-images.js'
import { attribute, descendants, elements, parseXml, type XmlElement } from '../shared/xml.js'
import { removeForbidden, scanForbidden } from '../source.js'
import type { ReaderOptions, ReadResult, SyncReader } from '../types.js'
import { type Ctx, readBody, type Tally, usesSpacing } from './body.js'
import { fb2Entry } from './entry.js'
import { readDescription } from './metadata.js'

const SOURCE = 'fb2'

const ENCODING_CODES = {
  detected: 'fb2-encoding-detected',
  uncertain: 'fb2-encoding',
  fallback: 'fb2-encoding',
  invalid: 'fb2-encoding',
  ignored: 'fb2-encoding',
} as const

export const fb2Reader: SyncReader & { codes: typeof fb2Entry.codes } = {
  ...fb2Entry,
  read: neverThrows('FictionBook', SOURCE, readFb2),
}

const ZIP = [0x50, 0x4b, 0x03, 0x04]

/** Bodies that hold notes (FB2's `name="notes"`, and the comments some books keep beside them). */
const NOTE_BODIES = /^(?:notes|comments|footnotes|endnotes)$/i

function readFb2(input: Uint8Array | string, file: SourceFile, options: ReaderOptions): ReadResult {
  const refuse = (reason: string, place?: Point): ReadResult => {
    file.message('fb2-invalid', `"${file.path}" cannot be read as a FictionBook: ${reason}`, place, SOURCE)
    return { children: [emptyChapter(file, options)] }
  }
  let bytes: Uint8Array | string = input
  if (typeof input !== 'string' && ZIP.every((b, i) => input[i] === b)) {
    const inner = unzip(input, file)
    if (typeof inner === 'string') return refuse(inner)
    bytes = inner
  }
  const decoded = decodeSource(bytes, {
    declared: declaredCharset,
    ...(options.encoding ? { encoding: options.encoding } : {}),
  })
  reportEncoding(decoded, file, ENCODING_CODES, SOURCE)
  let text = decoded.text
  const forbidden = scanForbidden(text, 'xml', 'lf', decoded.wellFormed)
  if (forbidden.count > 0) {
    file.message(
      'fb2-control-characters',
      `Removed ${forbidden.count} control character${forbidden.count === 1 ? '' : 's'} XML cannot carry`,
      forbidden.first,
      SOURCE,
    )
    text = removeForbidden(text, 'xml', false, decoded.wellFormed)
  }

  const { root, problems } = parseXml(text)
  const first = problems[0]
  const at = first && { line: first.line, column: first.column }
  if (!root) return refuse(`it is not XML (${first?.message ?? 'no document element'})`, at)
  if (root.local !== 'FictionBook')
    return refuse(`its root element is <${root.name}>, not <FictionBook>`, {
      line: root.line,
      column: root.column,
    })
  if (first)
    file.message(
      'fb2-malformed',
      `The FictionBook is not well-formed XML here: ${first.message}${
        problems.length > 1
          ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})`
          : ''
      }; what could be read was kept`,
      at,
      SOURCE,
    )
  const bodies = elements(root, 'body')
  const main = bodies.find((b) => !NOTE_BODIES.test(attribute(b, 'name') ?? ''))
  if (!main) return refuse('it has no <body> holding the text', { line: root.line, column: root.column })

  // The notes: every section with an id in the other bodies.
  const notes = new Map<string, XmlElement>()
  const others = bodies.filter((b) => b !== main)
  for (const body of others)
    for (const section of descendants(body, 'section')) {
      const id = attribute(section, 'id')
      if (id && !notes.has(id)) notes.set(id, section)
    }

  const images = pictures(root, file)
  const { metadata, cover, coverAt } = readDescription(elements(root, 'description')[0])
  const result: ReadResult = { children: [] }
  let coverPath: string | undefined
  if (cover && coverAt) {
    const path = images.take(`#${cover}`, coverAt)
    const bytesOf = path ? images.data.resources[path] : undefined
    if (path && bytesOf && isCalibreCover(bytesOf)) {
      images.hold(path)
      file.message(
        'fb2-generated-cover',
        `Left out the cover "#${cover}", which calibre drew from the title and author; the book's cover is made from its metadata`,
        { line: coverAt.line, column: coverAt.column },
        SOURCE,
      )
    } else if (path) coverPath = path
  }

  const ctx: Ctx = {
    language: metadata.language ?? options.language,
    matter: options.matter ?? 'body',
    path: file.path,
    image: (href, el) => images.take(href, el),
    notes,
    spacing: usesSpacing(main),
    missingNotes: { count: 0 },
    counted: new Set(),
    cited: new Set(),
    titlePage: new Set(
      [metadata.title, ...(metadata.authors ?? []).map((a) => a.name)]
        .filter((t): t is string => t !== undefined)
        .map((t) => t.toLowerCase()),
    ),
  }
  const { children, front } = readBody(main, ctx)
  result.children = children.length > 0 ? children : [emptyChapter(file, options)]

  const md: Partial<Metadata> = { ...metadata }
  if (coverPath) md.cover = coverPath
  if (!md.title && front.title.length > 0) md.title = front.title[front.title.length - 1]!
  if (front.epigraph) md.epigraph = front.epigraph
  if (Object.keys(md).length > 0) result.metadata = md

  if (ctx.titlePageAt)
    file.message(
      'fb2-title-page',
      "Left out the first section, which only repeats the book's title and author (a converter's title page): Octavo makes the title page",
      ctx.titlePageAt,
      SOURCE,
    )
  leftOut(others, ctx.cited, file)
  tally(file, 'fb2-note-missing', ctx.missingNotes, (n, what) =>
    n === 1
      ? `The note link to "${what}" points at no note; its mark was kept as text`
      : `${n} note links point at no note (the first to "${what}"); their marks were kept as text`,
  )
  images.report()
  const carried = images.carried()
  if (Object.keys(carried).length > 0) result.resources = carried
  return result
}

/** The .fb2 inside a .fb2.zip, or why there is none. */
function unzip(bytes: Uint8Array, file: SourceFile): Uint8Array | string {
  const archive = openArchive(bytes)
  if (isArchiveProblem(archive)) return `it is a damaged zip archive (${archive.message})`
  for (const problem of archive.problems.slice(0, 20))
    file.message(problem.code, `"${file.path}": ${problem.message}`, undefined, SOURCE)
  const books = archive.entries.filter(
    (e) => !e.directory && /\.fb2$/i.test(e.name) && !e.name.startsWith('__MACOSX/'),
  )
  if (books.length === 0) return 'it is a zip archive holding no .fb2 file'
  if (books.length > 1)
    file.message(
      'fb2-archive',
      `"${file.path}" holds ${books.length} FictionBooks; read "${books[0]!.name}", the first`,
      undefined,
      SOURCE,
    )
  const data = archive.read(books[0]!.name)
  if (isArchiveProblem(data)) return `its "${books[0]!.name}" cannot be unpacked (${data.message})`
  return data
}

/** One diagnostic for a kind of thing that went wrong however often, at the first place. */
function tally(
  file: SourceFile,
  code: 'fb2-note-missing' | 'fb2-image-missing' | 'fb2-image-invalid',
  t: Tally,
  say: (count: number, what: string) => string,
): void {
  if (t.count > 0) file.message(code, say(t.count, t.what ?? ''), t.first, SOURCE)
}

/**
 * The `<binary>` pictures, taken in as the book's files when something shows them (named under
 * the file's path, each once), and what could not be.
 */
function pictures(root: XmlElement, file: SourceFile) {
  const binaries = new Map<string, XmlElement>()
  for (const b of elements(root, 'binary')) {
    const id = attribute(b, 'id')
    if (id && !binaries.has(id)) binaries.set(id, b)
  }
  const data = new DataImages(file.path)
  const missing: Tally = { count: 0 }
  const invalid: Tally = { count: 0 }
  const held = new Map<string, Uint8Array>()
  const counted = new Set<XmlElement>()
  const note = (t: Tally, el: XmlElement, what: string) => {
    if (counted.has(el)) return
    counted.add(el)
    t.count++
    if (!t.first) {
      t.first = { line: el.line, column: el.column }
      t.what = what
    }
  }
  return {
    data,
    /** The picture's path in the book for an `l:href`, or undefined (counted). */
    take(href: string, el: XmlElement): string | undefined {
      const binary = href.startsWith('#') ? binaries.get(href.slice(1)) : undefined
      if (!binary) {
        note(missing, el, href)
        return undefined
      }
      let base64 = ''
      for (const c of binary.children) if (typeof c === 'string') base64 += c
      const got = data.takeBase64(base64)
      if (typeof got !== 'string') {
        note(invalid, el, `${href}: ${got.problem}`)
        return undefined
      }
      // A cover left out but shown in the text as well: carried after all.
      const kept = held.get(got)
      if (kept) {
        data.resources[got] = kept
        held.delete(got)
      }
      return got
    },
    /** Leave a picture taken out of the book (calibre's drawn cover), unless the text shows it. */
    hold(path: string) {
      const bytes = data.resources[path]
      if (!bytes) return
      held.set(path, bytes)
      delete data.resources[path]
    },
    carried: () => data.resources,
    report() {
      tally(file, 'fb2-image-missing', missing, (n, what) =>
        n === 1
          ? `The image "${what}" is not among the file's binaries; it was left out`
          : `${n} images are not among the file's binaries (the first "${what}"); they were left out`,
      )
      tally(file, 'fb2-image-invalid', invalid, (n, what) =>
        n === 1
          ? `An image could not be used (${what}); it was left out`
          : `${n} images could not be used (the first ${what}); they were left out`,
      )
    },
  }
}

/** What the other bodies held that no chapter cited: a comments body, notes nothing links to. */
function leftOut(others: XmlElement[], cited: Set<string>, file: SourceFile): void {
  for (const body of others) {
    // The innermost sections are the notes; one inside a cited section is that note's text.
    let unread = 0
    let total = 0
    const stack: Array<[XmlElement, boolean]> = elements(body, 'section').map((s) => [s, false])
    while (stack.length > 0) {
      const [section, inCited] = stack.pop()!
      const id = attribute(section, 'id')
      const read = inCited || (id !== undefined && cited.has(id))
      const inner = elements(section, 'section')
      if (inner.length === 0) {
        total++
        if (!read) unread++
      }
      for (const c of inner) stack.push([c, read])
    }
    if (unread === 0) continue
    const name = attribute(body, 'name')
    const what = name ? `the body "${name}"` : 'a second body'
    file.message(
      'fb2-body-left-out',
      unread === total
        ? `Left out ${what}: nothing in the text links to it`
        : `Left out ${unread} of the ${total} sections of ${what}: nothing in the text links to them`,
      { line: body.line, column: body.column },
      SOURCE,
    )
  }
}
