/**
 * A zip archive from a stranger, opened safely: the readers of zipped formats (EPUB, Word,
 * OpenDocument) get entries by name and never touch the bytes' layout themselves. The central
 * directory is parsed here (so the entry count and the declared sizes are known before anything
 * is inflated); each entry is inflated (by Node's zlib where the platform has it, else fflate)
 * under a cap equal to its declared size, so a header that lies cannot make it allocate more; the
 * total inflated is capped as well.
 * Entries whose names could escape a folder (`..`, absolute paths, backslashes, drive letters)
 * are skipped, encrypted ones too. Nothing is ever written anywhere from an archive: callers get
 * bytes in memory. Every problem is a value (`ArchiveProblem`: a code of archive-codes.ts and a
 * message) that the reader turns into a diagnostic naming its file; nothing here throws.
 */
import { Inflate } from 'fflate'
import { nativeInflateRaw } from '#platform'
import { crc32 } from '../../crc32.js'
import type { archiveCodes } from '../archive-codes.js'

/** How much an archive may hold; the defaults are far above any real book's. */
export interface ArchiveLimits {
  /** Most entries the central directory may list. Default 10,000. */
  maxEntries?: number
  /** Most bytes all entries may inflate to, declared or actual. Default 512 MB. */
  maxTotalBytes?: number
}

export const DEFAULT_ARCHIVE_LIMITS: Required<ArchiveLimits> = {
  maxEntries: 10_000,
  maxTotalBytes: 512 * 1024 * 1024,
}

/** A code of the archive table (archive-codes.ts). */
export type ArchiveCode = keyof typeof archiveCodes

/** One problem with the archive or one of its entries. */
export interface ArchiveProblem {
  code: ArchiveCode
  message: string
  /** The entry it is about (as the archive names it, possibly unsafe: show it escaped). */
  entry?: string
}

/** One entry the archive lists and the reader may read. */
export interface ArchiveEntry {
  /** Its path inside the archive, `/`-separated, never starting with `/`, never holding `..`. */
  name: string
  /** Declared inflated size in bytes. */
  size: number
  compressedSize: number
  /** True for a folder entry (name ends with `/`): it holds no data. */
  directory: boolean
}

export interface Archive {
  /** The readable entries, in central-directory order. */
  readonly entries: readonly ArchiveEntry[]
  /** Problems found while opening (entries skipped); reads add theirs to their own answer. */
  readonly problems: readonly ArchiveProblem[]
  has(name: string): boolean
  /** The entry's bytes, or why they cannot be had. */
  read(name: string): Uint8Array | ArchiveProblem
  /** The entry as UTF-8 text (a BOM dropped), or why it cannot be had. */
  text(name: string): string | ArchiveProblem
}

export function isArchiveProblem(value: unknown): value is ArchiveProblem {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value
}

interface Located extends ArchiveEntry {
  method: number
  crc: number
  localOffset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
/** Inflate in slices this big, so one push can grow the output by at most ~1,032 times it. */
const SLICE = 16 * 1024

/**
 * Open a zip archive from its bytes. Answers a problem (`archive-not-zip`,
 * `archive-too-many-entries`, `archive-too-large`) when it cannot be read at all.
 *
 * @example
 *   const archive = openArchive(bytes)
 *   if (isArchiveProblem(archive)) file.message(archive.code, `${file.path}: ${archive.message}`)
 *   else archive.text('META-INF/container.xml')
 */
export function openArchive(bytes: Uint8Array, limits: ArchiveLimits = {}): Archive | ArchiveProblem {
  const maxEntries = limits.maxEntries ?? DEFAULT_ARCHIVE_LIMITS.maxEntries
  const maxTotal = limits.maxTotalBytes ?? DEFAULT_ARCHIVE_LIMITS.maxTotalBytes
  const notZip = (why: string): ArchiveProblem => ({
    code: 'archive-not-zip',
    message: `not a zip archive: ${why}`,
  })
  if (bytes.length < 22) return notZip(bytes.length === 0 ? 'the file is empty' : 'the file is too short')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const u32 = (at: number) => view.getUint32(at, true)
  const u16 = (at: number) => view.getUint16(at, true)

  // The end record is in the last 22 + 65,535 (comment) bytes; search backwards for it.
  let end = -1
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (u32(at) === EOCD && at + 22 + u16(at + 20) <= bytes.length) {
      end = at
      break
    }
  }
  if (end < 0) {
    const local = u32(0) === LOCAL
    return notZip(
      local ? 'its end (the central directory) is missing: the file is cut off' : 'no zip signature',
    )
  }
  const count = u16(end + 10)
  const cdSize = u32(end + 12)
  const cdOffset = u32(end + 16)
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    return notZip('a ZIP64 archive (over 4 GB or 65,535 entries), which no book needs')
  if (count > maxEntries)
    return {
      code: 'archive-too-many-entries',
      message: `the archive lists ${count} entries (at most ${maxEntries} are read)`,
    }
  if (cdOffset + cdSize > end)
    return notZip('its central directory points outside the file (cut off or damaged)')

  const entries: Located[] = []
  const byName = new Map<string, Located>()
  const problems: ArchiveProblem[] = []
  let declared = 0
  let at = cdOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(at) !== CENTRAL) return notZip('its central directory is damaged')
    const flags = u16(at + 8)
    const method = u16(at + 10)
    const crc = u32(at + 16)
    const compressedSize = u32(at + 20)
    const size = u32(at + 24)
    const nameLength = u16(at + 28)
    const extraLength = u16(at + 30)
    const commentLength = u16(at + 32)
    const localOffset = u32(at + 42)
    const next = at + 46 + nameLength + extraLength + commentLength
    if (next > end) return notZip('its central directory is damaged')
    const raw = bytes.subarray(at + 46, at + 46 + nameLength)
    at = next
    const name = decodeName(raw, (flags & 0x800) !== 0)
    const unsafe = unsafeName(name)
    if (unsafe) {
      problems.push({
        code: 'archive-unsafe-path',
        message: `entry "${name}" skipped: ${unsafe}`,
        entry: name,
      })
      continue
    }
    if (flags & 1) {
      problems.push({
        code: 'archive-encrypted',
        message: `entry "${name}" is encrypted; skipped`,
        entry: name,
      })
      continue
    }
    if (byName.has(name)) {
      problems.push({
        code: 'archive-duplicate-entry',
        message: `entry "${name}" appears twice; the first was kept`,
        entry: name,
      })
      continue
    }
    declared += size
    if (declared > maxTotal)
      return {
        code: 'archive-too-large',
        message: `the archive declares more than ${formatBytes(maxTotal)} of content (a zip bomb?); it was not read`,
      }
    const entry: Located = {
      name,
      size,
      compressedSize,
      directory: name.endsWith('/'),
      method,
      crc,
      localOffset,
    }
    entries.push(entry)
    byName.set(name, entry)
  }

  let inflated = 0
  const read = (name: string): Uint8Array | ArchiveProblem => {
    const entry = byName.get(name)
    if (!entry)
      return { code: 'archive-bad-entry', message: `no entry "${name}" in the archive`, entry: name }
    const bad = (why: string): ArchiveProblem => ({
      code: 'archive-bad-entry',
      message: `entry "${name}" could not be unpacked: ${why}`,
      entry: name,
    })
    const local = entry.localOffset
    if (local + 30 > bytes.length || u32(local) !== LOCAL) return bad('its local header is missing')
    const start = local + 30 + u16(local + 26) + u16(local + 28)
    const stop = start + entry.compressedSize
    if (stop > bytes.length) return bad('its data is cut off')
    if (inflated + entry.size > maxTotal)
      return {
        code: 'archive-too-large',
        message: `reading "${name}" would unpack more than ${formatBytes(maxTotal)} in all; it was skipped`,
        entry: name,
      }
    const data = bytes.subarray(start, stop)
    let out: Uint8Array | ArchiveProblem
    if (entry.method === 0)
      out = entry.compressedSize === entry.size ? data.slice() : bad('its sizes disagree')
    else if (entry.method === 8) out = inflateCapped(data, entry.size, bad)
    else out = bad(`compression method ${entry.method} is not supported (only stored and deflated)`)
    if (isArchiveProblem(out)) return out
    inflated += out.length
    if (crc32(out) !== entry.crc) return bad('its checksum does not match (the archive is damaged)')
    return out
  }

  return {
    entries,
    problems,
    has: (name) => byName.has(name),
    read,
    text(name) {
      const data = read(name)
      if (isArchiveProblem(data)) return data
      return new TextDecoder('utf-8').decode(data)
    },
  }
}

/** Whether entries are inflated by the platform's zlib where it has one (tests run both paths). */
export const archiveOptions = { native: true }

/** An entry inflated: its bytes, `over` past the declared size, or why it does not inflate. */
type Inflated = NonNullable<ReturnType<typeof nativeInflateRaw>>

/**
 * Inflate `data`, stopping as soon as the output passes `size` (the declared size): by Node's
 * zlib where the platform has it, else by fflate in slices; either way a lying header costs at
 * most one slice's growth, never the whole bomb. One problem for each way it can fail.
 */
function inflateCapped(
  data: Uint8Array,
  size: number,
  bad: (why: string) => ArchiveProblem,
): Uint8Array | ArchiveProblem {
  const result =
    (archiveOptions.native ? nativeInflateRaw(data, size) : undefined) ?? inflateSliced(data, size)
  if ('over' in result)
    return bad(`it unpacks to more than its declared ${formatBytes(size)} (a lying header)`)
  if ('error' in result) return bad(`its compressed data is damaged (${result.error})`)
  const bytes = result.bytes
  if (bytes.length !== size) return bad(`it unpacks to ${bytes.length} bytes, not the ${size} it declares`)
  // Its own memory (a small native result may be a view of a shared pool).
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === size ? bytes : bytes.slice()
}

/** fflate's inflater, pushed a slice at a time and stopped once the output passes `size`. */
function inflateSliced(data: Uint8Array, size: number): Inflated {
  const out = new Uint8Array(size)
  let length = 0
  let over = false
  let done = false
  const inflater = new Inflate((chunk, final) => {
    if (over) return
    if (length + chunk.length > size) {
      over = true
      return
    }
    out.set(chunk, length)
    length += chunk.length
    if (final) done = true
  })
  try {
    for (let at = 0; at < data.length && !over && !done; at += SLICE) {
      const end = Math.min(at + SLICE, data.length)
      inflater.push(data.subarray(at, end), end === data.length)
    }
    if (data.length === 0) inflater.push(data, true)
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
  return over ? { over: true } : { bytes: out.subarray(0, length) }
}

/** Why an entry name could escape the folder it would be unpacked into, if it could. */
function unsafeName(name: string): string | undefined {
  if (name === '') return 'an empty name'
  if (name.includes('\\')) return 'a backslash in its name'
  if (name.startsWith('/')) return 'an absolute path'
  if (/^[a-z]:/i.test(name)) return 'a drive letter'
  if (/[\u0000-\u001f]/.test(name)) return 'a control character in its name'
  if (name.split('/').some((segment) => segment === '..')) return 'a `..` in its path'
  return undefined
}

/** Entry names are UTF-8 when flagged (and in practice whenever they decode), else code page 437. */
function decodeName(raw: Uint8Array, utf8: boolean): string {
  try {
    return new TextDecoder('utf-8', { fatal: !utf8 }).decode(raw)
  } catch {
    // Not UTF-8: the high half of code page 437 is rare in names, so Latin-1 keeps them readable.
    return String.fromCharCode(...raw)
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${n} bytes`
}
