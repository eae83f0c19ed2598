/**
 * What the two office readers (Word's .docx here, OpenDocument's .odt in `../odt/`) do alike with
 * the zip they are given: refuse what cannot be read with one error naming the file, open the
 * archive, read each XML part (its problems said once, naming the part; the part that holds the
 * text itself an error when damaged, not an empty book), and hand pictures to the book under
 * the file's path, each within the image limit.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import { RESOURCE_LIMITS } from '../../limits.js'
import { type Archive, type ArchiveProblem, isArchiveProblem, openArchive } from '../shared/archive.js'
import type { ReadResult } from '../types.js'
import { parseXml, type XmlElement } from './xml.js'

/** The office format being read: its code for a file it cannot open, and how to name it. */
export interface OfficeFormat {
  invalid: 'docx-invalid' | 'odt-invalid'
  /** "a Word document", "an OpenDocument text". */
  what: string
  /** The reader's name in an internal error ("Word", "OpenDocument"). */
  reader: string
  /** The diagnostics' source. */
  source: string
  /** The file as a reader wants it: "a .docx is bytes (a zip archive)". */
  bytes: string
}

/** Why the document cannot be read at all: reported once, naming the file. */
export class Unreadable extends Error {
  constructor(
    readonly code: OfficeFormat['invalid'] | ArchiveProblem['code'],
    message: string,
  ) {
    super(message)
  }
}

/** Read with `read`, every refusal one diagnostic naming the file, and never throw. */
export function readOffice(
  input: Uint8Array | string,
  file: SourceFile,
  format: OfficeFormat,
  read: (bytes: Uint8Array) => ReadResult,
): ReadResult {
  try {
    if (typeof input === 'string')
      throw new Unreadable(format.invalid, `it was given as text; ${format.bytes}`)
    return read(input)
  } catch (error) {
    if (error instanceof Unreadable) {
      file.message(
        error.code,
        `"${file.path}" cannot be read as ${format.what}: ${error.message}`,
        undefined,
        format.source,
      )
    } else {
      file.message(
        'internal-error',
        `The ${format.reader} reader failed: ${(error as Error)?.message ?? error}`,
        undefined,
        format.source,
      )
    }
    return { children: [] }
  }
}

/** The archive's parts, read as `readOffice`'s callers read them. */
export interface OfficePackage {
  archive: Archive
  /** A part's tree, undefined when absent or unreadable (said, except for the main part: thrown). */
  xml(name: string | undefined): XmlElement | undefined
  /** A picture part handed to the book: its book-relative url, or why it cannot be. */
  image(part: string): string | { problem: string }
  /** The pictures handed so far, by book-relative url. */
  resources: Record<string, Uint8Array>
}

/** Open `bytes` as an office package whose text is the part `main` (named when known). */
export function openPackage(
  bytes: Uint8Array,
  file: SourceFile,
  format: OfficeFormat,
  main: (archive: Archive) => string | undefined,
): OfficePackage & { main: string | undefined } {
  const archive = openArchive(bytes)
  if (isArchiveProblem(archive)) throw new Unreadable(archive.code, archive.message)
  for (const problem of archive.problems.slice(0, 20))
    file.message(problem.code, `"${file.path}": ${problem.message}`, undefined, format.source)
  const mainPart = main(archive)
  const xml = (name: string | undefined): XmlElement | undefined => {
    if (!name || !archive.has(name)) return undefined
    const data = archive.read(name)
    if (isArchiveProblem(data)) {
      // The book itself: a damaged or encrypted entry (a warning for any other part) is an
      // error here, not an empty book written without it.
      if (name === mainPart)
        throw new Unreadable(
          data.code === 'archive-bad-entry' || data.code === 'archive-encrypted' ? format.invalid : data.code,
          data.message,
        )
      file.message(data.code, `"${file.path}": ${data.message}`, undefined, format.source)
      return undefined
    }
    const parsed = parseXml(data)
    reportMalformed(parsed.problems, file, format.source, name)
    return parsed.root
  }
  const resources: Record<string, Uint8Array> = {}
  const media = new Map<string, string | { problem: string }>()
  const image = (part: string): string | { problem: string } => {
    const known = media.get(part)
    if (known) return known
    let answer: string | { problem: string }
    const data = archive.has(part) ? archive.read(part) : undefined
    if (data === undefined) answer = { problem: `its part "${part}" is not in the archive` }
    else if (isArchiveProblem(data)) answer = { problem: data.message }
    else if (data.length > RESOURCE_LIMITS.image)
      answer = { problem: `it is larger than ${RESOURCE_LIMITS.image} bytes` }
    else {
      answer = `${file.path}/${part}`
      resources[answer] = data
    }
    media.set(part, answer)
    return answer
  }
  return { archive, main: mainPart, xml, image, resources }
}

/** Where something left out stood, for a diagnostic: the first paragraph, and how many more. */
export function paragraphsNamed(ns: number[]): { text: string; place: { line: number; column: number } } {
  const sorted = [...new Set(ns)].sort((a, b) => a - b)
  const more = sorted.length > 1 ? ` and ${sorted.length - 1} more` : ''
  return { text: `paragraph ${sorted[0]}${more}`, place: { line: sorted[0]!, column: 1 } }
}

/** The first of an XML part's problems, and how many more (`part`: named when the file has several). */
export function reportMalformed(problems: string[], file: SourceFile, source: string, part?: string): void {
  if (problems.length === 0) return
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''
  file.message(
    'xml-malformed',
    `"${file.path}": ${part ? `${part}, ` : ''}${problems[0]}${more}`,
    undefined,
    source,
  )
}

/** A value quoted in a diagnostic, cut to `max` characters. */
export const clip = (s: string, max = 50) => (s.length > max ? `${s.slice(0, max - 3)}...` : s)
