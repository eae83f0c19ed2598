/**
 * The read stage: each chapter file through its reader, into the book's parts and chapters. The
 * reader comes from the registry (by name for a chapter given in memory, else by extension with
 * content sniffing for an extension that lies); a file no reader takes is a diagnostic naming
 * the extensions the registered readers know. Chapters unchanged since an earlier build come
 * from the cache instead of being read again (watch mode).
 */
import type { Diagnostic, SourceFile } from '../diagnostics/file.js'
import { ResourceError } from '../env.js'
import { contentKey } from '../hash.js'
import { withoutOrderNumber } from '../manifest/metadata.js'
import type { ManifestChapterEntry } from '../manifest/plan.js'
import { pushAll } from '../model/arrays.js'
import type { Chapter, ChapterKind, Metadata, Part, PhrasingContent } from '../model/types.js'
import { toText } from '../model/walk.js'
import { dirname, normalize } from '../posix-path.js'
import { parseHeading } from '../readers/heading.js'
import { chapterExtensions, getReader, listReaders, type ReadResult, readerFor } from '../readers/index.js'
import { type HeadingFields, headChapter, headingFields } from '../readers/shared/chapter.js'

/** Parsed chapters kept between builds; make one with `createBookCache()` and pass it each time. */
export interface BookCache {
  /** Per source path: what the last build read. Internal; treat as opaque. */
  readonly entries: Map<string, CacheEntry>
  /** Handed to renderers as `Env.memo`. */
  readonly memo: Map<string, unknown>
}

export interface CacheEntry {
  key: string
  children: Array<Part | Chapter>
  messages: Diagnostic[]
  /** What the file said about the book. */
  metadata?: Partial<Metadata>
  /** The files it carried inside it. */
  resources?: Record<string, Uint8Array>
  /** What the files it opened are called where their author sees them. */
  names?: Record<string, string>
  /**
   * The files the reader opened beside the one it read (`ReaderOptions.open`), each with the key
   * of the bytes it got (`''` for none): the entry is good only while every one is unchanged.
   */
  opened?: Array<[path: string, key: string]>
  /** What the reader itself set, restored before numbering, labels and ids run again. */
  preset: Array<{
    node: Part | Chapter
    number: number | undefined
    id: string | undefined
    size: number
    /** The label fields the labels transforms rewrite. */
    labels: { numeral?: string; label?: string; title?: PhrasingContent[]; kind?: ChapterKind }
  }>
}

/**
 * A new, empty cache for `loadBook`/`createBook`'s `cache` option.
 *
 * @example
 *   const cache = createBookCache()
 *   const first = await loadBook('my-novel/', { cache })
 *   // Later rebuilds reuse chapters whose files did not change.
 *   const again = await loadBook('my-novel/', { cache })
 */
export function createBookCache(): BookCache {
  return { entries: new Map(), memo: new Map() }
}

/** One chapter file to read: where it came from, its bytes, and how to read it. */
export interface Source {
  entry: Pick<ManifestChapterEntry, 'file' | 'matter' | 'part'>
  file: SourceFile
  bytes: Uint8Array | string | undefined
  /** Registry name of the reader to use; default by file extension. */
  reader?: string
  /** A caller's title for a text with no heading line of its own. */
  title?: string
  /** The encoding of byte input, when the caller gives it. */
  encoding?: string
}

/** How `read` reads. */
export interface ReadOptions {
  /**
   * Whether typography will run and with which rules, as `typographyKey` writes it (part of the
   * cache key: a cached chapter is already smartened).
   */
  smart: boolean | string
  /** Chapters kept from an earlier build (see `BuildOptions.cache`). */
  cache?: BookCache
  /**
   * Read a book file by its book-relative path (`Env.readFile`): what readers of a format that
   * is a folder of files open beside the file they read (`ReaderOptions.open`).
   */
  readFile?: (path: string) => Promise<Uint8Array>
}

/** What `read` made: the book's children, and which of their nodes were read in this build. */
export interface ReadOutput {
  children: Array<Part | Chapter>
  /**
   * The nodes that came out of a reader this time, as opposed to from the cache. The transform
   * stage smartens exactly these (cached ones were smartened when they were read).
   */
  fresh: Array<Part | Chapter>
  /**
   * What the files said about the book (`ReadResult.metadata`), the first file's value winning
   * for each field, with the file that said it. `adoptMetadata` applies it.
   */
  found: FoundMetadata
  /** Files the inputs carried inside them (`ReadResult.resources`), by book-relative path. */
  resources: Map<string, Uint8Array>
  /** What the files readers opened are called where their author sees them (`ReadResult.names`). */
  names: Map<string, string>
}

/** `ReaderOptions.open` for the file at `path`, noting each file it opens and what it got. */
function besideOpener(path: string, readFile: (path: string) => Promise<Uint8Array>) {
  const folder = dirname(path)
  const opened: Array<[string, string]> = []
  const open = async (relative: string): Promise<Uint8Array | undefined> => {
    const target = normalize(folder === '.' ? relative : `${folder}/${relative}`)
    try {
      const bytes = await readFile(target)
      opened.push([target, contentKey(bytes)])
      return bytes
    } catch (error) {
      if (error instanceof ResourceError && error.code === 'resource-missing') {
        opened.push([target, ''])
        return undefined
      }
      throw error
    }
  }
  return { open, opened, readFile }
}

/** Whether every file a cached read opened still has the bytes it had. */
async function stillOpens(
  opened: CacheEntry['opened'],
  opener: ReturnType<typeof besideOpener> | undefined,
): Promise<boolean> {
  if (!opened) return true
  if (!opener) return false
  for (const [path, key] of opened) {
    const now = await opener.readFile(path).then(contentKey, () => '')
    if (now !== key) return false
  }
  return true
}

/** Book metadata the readers found, each field with the path of the file it came from. */
export type FoundMetadata = { [K in keyof Metadata]?: { value: Metadata[K]; file: string } }

/**
 * Read each source with its reader (by name, or by extension and content through the reader
 * registry) and nest chapters into parts (from book.yaml or part headings). Nothing is
 * transformed here: typography and the rest run once, over the tree, in the transform stage.
 */
export async function read(sources: Source[], metadata: Metadata, options: ReadOptions): Promise<ReadOutput> {
  const { smart, cache } = options
  const language = metadata.language
  const out: Array<Part | Chapter> = []
  const fresh: Array<Part | Chapter> = []
  const said: FoundMetadata = {}
  const resources = new Map<string, Uint8Array>()
  const names = new Map<string, string>()
  let manifestPart: ManifestChapterEntry['part']
  let current: Part | undefined
  /** The part book.yaml opened for the entries being read, while it is `current`. */
  let listed: Part | undefined
  // A book of several files may title each chapter by its file's name ("03 - The Storm.md").
  const named = sources.length > 1
  for (const { entry, file, bytes, reader: readerName, title, encoding } of sources) {
    if (bytes === undefined) continue
    const found = readerName
      ? { reader: getReader(readerName), sniffed: false }
      : readerFor(entry.file, bytes)
    const reader = found?.reader
    if (!reader) {
      file.message(
        'book-unknown-format',
        readerName
          ? `no reader named "${readerName}" for "${entry.file}" (known: ${listReaders()
              .map((r) => r.name)
              .join(', ')})`
          : `no reader for "${entry.file}" (known: ${chapterExtensions().join(', ')})`,
      )
      continue
    }
    if (found.sniffed) {
      file.message(
        'book-format-sniffed',
        `"${entry.file}" holds ${reader.name}, not what its extension says; read as ${reader.name}`,
        { line: 1, column: 1 },
      )
    }
    if (entry.part !== manifestPart) {
      manifestPart = entry.part
      current = undefined
      listed = undefined
      if (entry.part) {
        current = { type: 'part', title: [{ type: 'text', value: entry.part.title }], children: [] }
        if (entry.part.number !== undefined) current.number = entry.part.number
        out.push(current)
        listed = current
      }
    }
    const key =
      cache &&
      `${reader.name}\0${language}\0${smart}\0${entry.matter}\0${encoding ?? ''}\0${contentKey(bytes)}`
    const cached = key ? cache!.entries.get(entry.file) : undefined
    const opener = options.readFile && besideOpener(entry.file, options.readFile)
    let result: ReadResult
    if (cached && cached.key === key && (await stillOpens(cached.opened, opener))) {
      pushAll(file.messages, cached.messages)
      for (const preset of cached.preset) {
        preset.node.number = preset.number
        preset.node.id = preset.id
        for (const key of ['numeral', 'label', 'title', 'kind'] as const) {
          const value = preset.labels[key]
          if (value === undefined) delete (preset.node as Partial<Chapter>)[key]
          else (preset.node as Partial<Chapter>)[key] = value as never
        }
        if (preset.node.type === 'part') preset.node.children.length = preset.size
      }
      result = {
        children: cached.children,
        ...(cached.metadata ? { metadata: cached.metadata } : {}),
        ...(cached.resources ? { resources: cached.resources } : {}),
        ...(cached.names ? { names: cached.names } : {}),
      }
    } else {
      try {
        result = await reader.read(bytes, file, {
          language,
          matter: entry.matter,
          ...(encoding ? { encoding } : {}),
          ...(opener ? { open: opener.open } : {}),
        })
        pushAll(fresh, result.children)
      } catch (error) {
        // Readers must never throw; if one does, that is our bug, not the author's.
        file.message('internal-error', `the ${reader.name} reader failed: ${(error as Error).message}`)
        continue
      }
      if (key) {
        const preset: CacheEntry['preset'] = []
        for (const node of result.children) {
          for (const n of node.type === 'part' ? [node, ...node.children] : [node]) {
            preset.push({
              node: n,
              number: n.number,
              id: n.id,
              size: n.type === 'part' ? n.children.length : 0,
              labels: {
                numeral: n.numeral,
                label: n.label,
                title: n.title,
                kind: n.type === 'chapter' ? n.kind : undefined,
              },
            })
          }
        }
        cache!.entries.set(entry.file, {
          key,
          children: result.children,
          messages: [...file.messages],
          ...(opener && opener.opened.length > 0 ? { opened: opener.opened } : {}),
          preset,
          ...(result.metadata ? { metadata: result.metadata } : {}),
          ...(result.resources ? { resources: result.resources } : {}),
          ...(result.names ? { names: result.names } : {}),
        })
      }
    }
    for (const [path, bytes] of Object.entries(result.resources ?? {}))
      if (!resources.has(path)) resources.set(path, bytes)
    for (const [path, name] of Object.entries(result.names ?? {})) names.set(path, name)
    if (result.metadata) {
      for (const [key, value] of Object.entries(result.metadata) as Array<[keyof Metadata, unknown]>) {
        if (value === undefined || said[key]) continue
        ;(said as Record<string, { value: unknown; file: string }>)[key] = { value, file: file.path }
      }
    }
    // The chapter steps apply to every chapter the file gave, inside a part too (a whole
    // manuscript in one file can hold parts). A caller's title names a one-chapter file only.
    const chapterCount = result.children.reduce((n, c) => n + (c.type === 'part' ? c.children.length : 1), 0)
    const finish = (chapter: Chapter) => {
      chapter.file ??= file.path
      // The reader was given entry.matter as the default; a file's own front matter may say otherwise.
      chapter.matter ??= entry.matter
      trimSceneBreaks(chapter, file)
      if (title && chapterCount === 1 && !chapter.title && chapter.number === undefined)
        chapter.title = [{ type: 'text', value: title }]
      else if (
        named &&
        !title &&
        chapterCount === 1 &&
        !chapter.title &&
        chapter.number === undefined &&
        chapter.label === undefined
      ) {
        const fields = nameTitle(entry.file, language)
        if (fields) headChapter(chapter, fields)
      }
      // A file its reader refused (an error) has said why it gave no text.
      if (!hasText(chapter) && !file.hasErrors) {
        const which = chapterCount > 1 ? `A chapter of "${file.path}"` : `"${file.path}"`
        file.message(
          'book-chapter-empty',
          `${which} has no text`,
          chapterCount > 1 ? chapter.position : undefined,
        )
      }
    }
    // A part the file gave with its chapters is closed: a chapter the file gives after it stands
    // outside it (a Scrivener epilogue after the last part). A part given empty (a file holding
    // only its heading) takes the chapters that follow, from this file and the next ones.
    let closed: Part | undefined
    for (const node of result.children) {
      const merged = node.type === 'part' && listed && current === listed && samePart(listed, node, language)
      if (node.type === 'part' && listed && merged) {
        // The part book.yaml lists the file under, its heading repeated at the file's top
        // ("Part One: Summer" in both): one part, headed as the file heads it.
        for (const key of Object.keys(listed) as Array<keyof Part>) if (key !== 'children') delete listed[key]
        Object.assign(listed, merged, { children: listed.children })
        for (const chapter of node.children) {
          finish(chapter)
          listed.children.push(chapter)
        }
        closed = node.children.length > 0 ? listed : undefined
        continue
      }
      if (node.type === 'part') {
        // The part the previous file gave, given again ("Part Two, Chapter 4" opening each
        // file of Part Two): its chapters join that part.
        const before = out.at(-1)
        if (before?.type === 'part' && before !== listed && sameHeading(before, node)) {
          for (const chapter of node.children) {
            finish(chapter)
            before.children.push(chapter)
          }
          current = before
          closed = node.children.length > 0 ? before : undefined
          continue
        }
        current = node
        closed = node.children.length > 0 ? node : undefined
        out.push(node)
        for (const chapter of node.children) finish(chapter)
      } else {
        finish(node)
        if (current && current === closed) current = undefined
        if (current && node.matter === 'body') current.children.push(node)
        else {
          if (node.matter !== 'body') current = undefined
          out.push(node)
        }
      }
    }
  }
  return { children: out, fresh, found: said, resources, names }
}

/** Whether two parts files gave are one: the same number, and the same title where both give one; or, unnumbered, the same title. */
function sameHeading(a: Part, b: Part): boolean {
  const title = (p: Part) =>
    toText(p.title ?? [])
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase()
  if (a.number !== undefined || b.number !== undefined)
    return a.number === b.number && (title(a) === '' || title(b) === '' || title(a) === title(b))
  return title(a) !== '' && title(a) === title(b)
}

/**
 * Whether a part a file gives is the one book.yaml lists it under, and if so its heading for the
 * one part: the numbers agree (book.yaml's "Part 1: Summer" or `number: 1`, the file's "PART
 * ONE") and so do the titles where both give one, or, with no numbers, the titles are the same
 * words. The file's label and numeral are kept, and the title either gives.
 */
function samePart(listed: Part, given: Part, language: string): Part | undefined {
  const words = (text: string) =>
    text
      .toLowerCase()
      .replace(/[\s:.,;\-–—|]+/g, ' ')
      .trim()
  const said = toText(listed.title ?? [])
  const parsed = parseHeading(said, language)
  const saidTitle = words(parsed && parsed.kind === 'part' ? (parsed.title ?? '') : said)
  const saidNumber = listed.number ?? (parsed?.kind === 'part' ? parsed.number : undefined)
  const givenTitle = words(toText(given.title ?? []))
  if (saidNumber !== undefined && given.number !== undefined) {
    if (saidNumber !== given.number || (saidTitle && givenTitle && saidTitle !== givenTitle)) return undefined
  } else if (!saidTitle || saidTitle !== givenTitle) return undefined
  const { type: _, children: __, ...fields } = given
  const title =
    given.title ?? (saidTitle && parsed?.title ? [{ type: 'text' as const, value: parsed.title }] : undefined)
  return { type: 'part', ...fields, ...(title ? { title } : {}), children: [] }
}

/**
 * A scene break separates two scenes: one at the very start or end of a chapter separates
 * nothing and would print a stray ornament. Readers may already drop them (the text reader does,
 * with its own code); this catches every other source the same way.
 */
function trimSceneBreaks(chapter: Chapter, file: SourceFile): void {
  const kids = chapter.children
  while (kids.length > 0 && (kids[0]!.type === 'sceneBreak' || kids.at(-1)!.type === 'sceneBreak')) {
    const edge = kids[0]!.type === 'sceneBreak' ? kids.shift()! : kids.pop()!
    file.message(
      'book-scene-break-edge',
      'a scene break at the start or end of a chapter was dropped',
      edge.position,
    )
  }
}

function hasText(chapter: Chapter): boolean {
  return chapter.children.some((c) => c.type !== 'sceneBreak')
}

/** The typography setting as part of a cache key: `false`, `true`, or the rules turned off. */
export function typographyKey(setting: boolean | object): boolean | string {
  if (typeof setting === 'boolean') return setting
  const off = Object.entries(setting)
    .filter(([, value]) => value === false)
    .map(([key]) => key)
    .sort()
  return off.length === 0 ? true : `-${off.join(',')}`
}

/**
 * The chapter a file's name titles, for a file whose text has no heading: an order number then
 * words (`03 - The Storm.md`, `03_the_storm.txt`: "The Storm"; `00 - Prologue.md`), or a heading
 * with a title or a kind of its own (`Chapter 3 - Aftermath.md`, `Epilogue.md`). Nothing for a
 * name without words after its number (`01.md`, `chapter-01.md`) or with no number and no heading
 * (`draft.md`): those name files, not chapters.
 */
export function nameTitle(path: string, language: string): HeadingFields | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '')
  let words = base.replace(/_/g, ' ').trim()
  // A slug (`the-storm`): its hyphens are spaces.
  if (!/\s/.test(words)) words = words.replace(/-+/g, ' ')
  const rest = withoutOrderNumber(words)
  const numbered = rest !== words
  const text = rest.trim()
  // All lower-case, as slugs are: each word capitalised.
  const cased =
    text === text.toLowerCase() ? text.replace(/(^|\s)(\p{Ll})/gu, (_, a, b) => a + b.toUpperCase()) : text
  const fields = headingFields([{ type: 'text', value: cased }], language)
  if (fields.kind === 'part') return undefined
  // A title, or a kind of its own ("01 - Prologue.md").
  if (!fields.title && fields.kind === 'chapter') return undefined
  delete fields.position
  if (numbered) return fields
  return fields.label !== undefined ? fields : undefined
}
