/**
 * The reader registry: a data table from name to reader, after pandoc's `Readers.hs`.
 * Third-party readers are added with `registerReader`; an unknown name or extension is a typed
 * error the caller reports, never a crash.
 */
import { htmlReader } from './html.js'
import { markdownReader } from './markdown.js'
import { textReader } from './text/index.js'
import type { Reader } from './types.js'

export type { Reader, ReaderOptions, ReadResult } from './types.js'

const readers = new Map<string, Reader>()

/**
 * Add or replace a reader under its `name`.
 *
 * @example
 *   registerReader({
 *     name: 'fountain',
 *     extensions: ['.fountain'],
 *     read: (input, file, options) => ({ children: parseFountain(input, file, options) }),
 *   })
 */
export function registerReader(reader: Reader): void {
  readers.set(reader.name, reader)
}

/**
 * The reader registered under `name` (`text`, `markdown`, `html`, or a plugin's), if any.
 *
 * @example
 *   const markdown = getReader('markdown')
 *   const { children } = markdown!.read('# Dawn\n\nIt was early.', new SourceFile('01.md'), { language: 'en' })
 */
export function getReader(name: string): Reader | undefined {
  return readers.get(name)
}

/** The reader for a file name, by extension (`.TXT` = `.txt`). */
export function readerForPath(path: string): Reader | undefined {
  const dot = path.lastIndexOf('.')
  if (dot < 0) return undefined
  const ext = path.slice(dot).toLowerCase()
  for (const reader of readers.values()) if (reader.extensions.includes(ext)) return reader
  return undefined
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

for (const reader of [textReader, markdownReader, htmlReader]) registerReader(reader)
