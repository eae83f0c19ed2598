/**
 * The reader registry: a data table from name to reader, after pandoc's `Readers.hs`. Each
 * entry declares everything the rest of Octavo knows about its format (name, extensions,
 * sniffing, codes), so the manifest, the pipeline and the CLI learn formats from here only.
 * Third-party readers are added with `registerReader`; an unknown name or extension is a typed
 * error the caller reports, never a crash.
 */
import { defineCodes } from '../diagnostics/codes.js'
import { docEntry } from './doc/entry.js'
import { docxEntry } from './docx/entry.js'
import { otherEbookReader } from './ebook/index.js'
import { epubEntry } from './epub/entry.js'
import { fb2Entry } from './fb2/entry.js'
import { htmlEntry } from './html/entry.js'
import { markdownEntry } from './markdown/entry.js'
import { mobiEntry } from './mobi/entry.js'
import { odtEntry } from './odt/entry.js'
import { rtfEntry } from './rtf/entry.js'
import { scrivenerBackupEntry, scrivenerEntry } from './scrivener/entry.js'
import { SNIFF_BYTES } from './shared/sniff.js'
import { textReader } from './text/index.js'
import type { Reader, ReaderEntry, ReadResult } from './types.js'

export { SNIFF_BYTES } from './shared/sniff.js'
export type { Reader, ReaderOptions, ReadResult, SyncRead, SyncReader } from './types.js'

/**
 * A built-in reader whose parser is loaded with its first file (a promise answers that one; the
 * files after it are answered as the parser answers, at once for Markdown and HTML), so a build
 * loads only the parsers its files need. The entry, and so sniffing and codes, is there from the
 * start.
 */
function lazyReader(entry: ReaderEntry, load: () => Promise<Reader>): Reader {
  let loaded: Reader | undefined
  let loading: Promise<Reader> | undefined
  return {
    ...entry,
    read(input, file, options): ReadResult | Promise<ReadResult> {
      if (loaded) return loaded.read(input, file, options)
      loading ??= load().then((reader) => {
        loaded = reader
        return reader
      })
      return loading.then((reader) => reader.read(input, file, options))
    },
  }
}

/** The built-in readers, in registration order (their entries' types carry their code tables). */
export const builtInReaders = [
  textReader,
  lazyReader(markdownEntry, async () => (await import('./markdown/lazy.js')).lazyMarkdownReader),
  lazyReader(htmlEntry, async () => (await import('./html.js')).htmlReader),
  lazyReader(epubEntry, async () => (await import('./epub/index.js')).epubReader),
  lazyReader(docxEntry, async () => (await import('./docx/index.js')).docxReader),
  lazyReader(odtEntry, async () => (await import('./odt/index.js')).odtReader),
  lazyReader(rtfEntry, async () => (await import('./rtf/index.js')).rtfReader),
  lazyReader(scrivenerEntry, async () => (await import('./scrivener/index.js')).scrivenerReader),
  lazyReader(scrivenerBackupEntry, async () => (await import('./scrivener/index.js')).scrivenerBackupReader),
  lazyReader(docEntry, async () => (await import('./doc/index.js')).docReader),
  lazyReader(fb2Entry, async () => (await import('./fb2/index.js')).fb2Reader),
  lazyReader(mobiEntry, async () => (await import('./mobi/index.js')).mobiReader),
  otherEbookReader,
] as const

const readers = new Map<string, Reader>()

/**
 * Add or replace a reader under its `name`; its `codes` join the set of diagnostic codes.
 *
 * @example
 *   registerReader({
 *     name: 'fountain',
 *     extensions: ['.fountain'],
 *     codes: { 'fountain-no-scene': { level: 'warning', description: 'A script with no scene heading.' } },
 *     read: (input, file, options) => ({ children: parseFountain(input, file, options) }),
 *   })
 */
export function registerReader(reader: Reader): void {
  if (reader.codes) defineCodes(reader.codes)
  readers.set(reader.name, reader)
}

/**
 * The reader registered under `name` (`text`, `markdown`, `html`, or a plugin's), if any.
 *
 * @example
 *   const markdown = getReader('markdown')
 *   const { children } = await markdown!.read('# Dawn\n\nIt was early.', new SourceFile('01.md'), { language: 'en' })
 */
export function getReader(name: string): Reader | undefined {
  return readers.get(name)
}

/** The reader for a file name, by extension (`.TXT` = `.txt`). */
export function readerForPath(path: string): Reader | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  // The longest extension a reader takes wins: `novel.fb2.zip` is FictionBook's, not a zip's.
  for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
    const ext = name.slice(dot)
    for (const reader of readers.values()) if (reader.extensions.includes(ext)) return reader
  }
  return undefined
}

/**
 * The reader for a file: its extension's, unless that reader's `sniff` says the content is not
 * its format and another reader's says it is (a saved web page named `.txt`). `sniffed` is true
 * when the content overruled the extension, so the caller can say so. Undefined when no reader
 * takes the extension.
 */
export function readerFor(
  path: string,
  content: Uint8Array | string,
): { reader: Reader; sniffed: boolean } | undefined {
  const byExtension = readerForPath(path)
  // An extension no reader takes stays unknown: sniffing corrects a name, it does not guess one.
  if (!byExtension) return undefined
  if (!byExtension.sniff) return { reader: byExtension, sniffed: false }
  const head = typeof content === 'string' ? content.slice(0, SNIFF_BYTES) : content.subarray(0, SNIFF_BYTES)
  if (byExtension.sniff(head) !== false) return { reader: byExtension, sniffed: false }
  for (const reader of readers.values()) {
    if (reader !== byExtension && reader.sniff?.(head) === true) return { reader, sniffed: true }
  }
  return { reader: byExtension, sniffed: false }
}

/** Every extension some reader takes, in registration order. */
export function chapterExtensions(): string[] {
  return [...new Set([...readers.values()].flatMap((r) => r.extensions))]
}

/** The extensions folder and glob discovery picks up: those of readers that do not opt out (`discover: false`). */
export function discoveredExtensions(): string[] {
  return [...new Set([...readers.values()].filter((r) => r.discover !== false).flatMap((r) => r.extensions))]
}

/**
 * Every registered reader, built-in ones first, in registration order.
 *
 * @example
 *   for (const reader of listReaders()) console.log(reader.name, reader.extensions.join(' '))
 */
export function listReaders(): Reader[] {
  return [...readers.values()]
}

for (const reader of builtInReaders) registerReader(reader)
