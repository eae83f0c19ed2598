/**
 * Turning what the HTML converter left out into diagnostics on the file, once per kind where a
 * repeat would only be noise (one warning lists every dropped element name; one for tables).
 * Each reader gives its own codes, so raw HTML in Markdown reports under `md-` codes.
 */
import type { Code } from '../../diagnostics/codes.js'
import type { SourceFile } from '../../diagnostics/file.js'
import type { ResourceError } from '../../env.js'
import type { Position } from '../../model/types.js'

/** Where the converter reports what it left out; each reader maps these to its own codes. */
export interface HtmlSink {
  /** An element dropped because it can run code, fetch, or has no place in a book. */
  dropped(tag: string, place?: Position): void
  /** A link or image URL with a scheme the model does not carry (`javascript:`, `file:`…). */
  unsafeUrl(url: string, scheme: string, place?: Position): void
  /** A link to a relative path: the book has no such target, so only its text is kept. */
  relativeLink(url: string, place?: Position): void
  /** An image on the network: never fetched. */
  remoteImage(src: string, place?: Position): void
  /** An image inlined as a `data:` URL that could not be taken in (`DataImages`), and why. */
  dataImage(reason: string, place?: Position): void
  /** An image path leaving the book folder. */
  outsideImage(error: ResourceError, place?: Position): void
  /** A table a reader could not keep as a table: its cells become paragraphs. */
  table(place?: Position): void
  /** A table whose cells held blocks (paragraphs, lists), joined into one run of text each. */
  tableFlattened(place?: Position): void
  /** A definition list (`<dl>`): the model has none, so terms and definitions become paragraphs. */
  definitionList(place?: Position): void
  /** Struck-through text a reader could not keep: kept, without the strike. */
  strike(place?: Position): void
  /** Nesting deeper than `maxDepth`: the rest of the subtree was kept as plain text. */
  tooDeep(place?: Position): void
  /** An element the page hides (`display: none`, `hidden`): left out, as a browser shows none of it. */
  hidden(place?: Position): void
}

export interface SinkCodes {
  dropped: Code
  unsafeUrl: Code
  /** Undefined: relative links are dropped silently (saved web pages are full of them). */
  relativeLink?: Code
  remoteImage: Code
  dataImage: Code
  /** Undefined: the reader keeps tables (the HTML reader). */
  table?: Code
  /** Undefined: flattened cells are not reported. */
  tableFlattened?: Code
  definitionList: Code
  /** Undefined: the reader keeps struck-through text (the HTML reader). */
  strike?: Code
  tooDeep: Code
  hidden: Code
}

export interface FileSink extends HtmlSink {
  /** Emit the aggregated warnings; call once, after the file is converted. */
  finish(): void
}

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}...` : s)

export function createSink(file: SourceFile, codes: SinkCodes, source: string): FileSink {
  const dropped = new Map<string, Position | undefined>()
  const once = new Set<Code>()
  const first = (code: Code | undefined, reason: string, place?: Position) => {
    if (code === undefined || once.has(code)) return
    once.add(code)
    file.message(code, reason, place, source)
  }
  return {
    dropped(tag, place) {
      if (!dropped.has(tag)) dropped.set(tag, place)
    },
    unsafeUrl(url, scheme, place) {
      file.message(
        codes.unsafeUrl,
        `Dropped a "${scheme}:" URL (${clip(url)}); only its text is kept`,
        place,
        source,
      )
    },
    relativeLink(url, place) {
      if (codes.relativeLink) {
        file.message(
          codes.relativeLink,
          `Dropped the link to "${clip(url)}"; only its text is kept`,
          place,
          source,
        )
      }
    },
    remoteImage(src, place) {
      file.message(
        codes.remoteImage,
        `Image "${clip(src)}" is on the network and was not fetched`,
        place,
        source,
      )
    },
    dataImage(reason, place) {
      file.message(codes.dataImage, `Dropped an image inlined as a data: URL: ${reason}`, place, source)
    },
    outsideImage(error, place) {
      file.message(error.code, error.message, place, source)
    },
    table(place) {
      first(codes.table, 'Tables are not kept: each row became a paragraph of its cells', place)
    },
    tableFlattened(place) {
      // Once per table (unlike the once-per-file losses): each table is its own thing to check.
      if (codes.tableFlattened)
        file.message(
          codes.tableFlattened,
          'Table cells held paragraphs or lists; each cell was joined into one run of text with line breaks',
          place,
          source,
        )
    },
    definitionList(place) {
      first(
        codes.definitionList,
        'Definition lists are not kept: each term became a bold paragraph followed by its definitions',
        place,
      )
    },
    strike(place) {
      first(codes.strike, 'Strikethrough is not kept: the struck text stays, unmarked', place)
    },
    hidden(place) {
      first(codes.hidden, 'Left out text the page hides (display: none, or the hidden attribute)', place)
    },
    tooDeep(place) {
      first(codes.tooDeep, 'Content nests too deeply; the innermost levels were kept as plain text', place)
    },
    finish() {
      if (dropped.size === 0) return
      const names = [...dropped.keys()].sort()
      const place = [...dropped.values()].find(Boolean)
      file.message(codes.dropped, `Dropped ${names.map((n) => `<${n}>`).join(', ')}`, place, source)
    },
  }
}
