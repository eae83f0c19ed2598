/**
 * Opening a .docx, a zip from a stranger, without trusting it: the end-of-central-directory
 * record is read first and an archive with more entries than any document has is refused before
 * a header is walked; then the central directory is listed without inflating anything, and only
 * the parts the reader asks for are inflated, each into a buffer of the size the directory
 * declares (so a lying header cannot make one grow) and within a total budget. Names are
 * looked up exactly, never written anywhere, and a part path that leaves the archive's root
 * (`../`, absolute) is never resolved.
 */
import { unzipSync } from 'fflate'

/** Most entries accepted (a long manuscript with images has a few hundred). */
export const MAX_ENTRIES = 10_000
/** Most inflated bytes of one part (a 10-million-word document.xml is about 120 MB). */
export const MAX_PART_BYTES = 160 * 1024 * 1024
/** Most inflated bytes taken from one archive in all. */
export const MAX_TOTAL_BYTES = 512 * 1024 * 1024

/** Why an archive was refused: `invalid` (not a zip, damaged) or `unsafe` (a bomb, too many entries). */
export class ArchiveProblem extends Error {
  constructor(
    readonly kind: 'invalid' | 'unsafe',
    message: string,
  ) {
    super(message)
  }
}

export interface Archive {
  /** Entry names, as stored. */
  names: Set<string>
  /**
   * Inflate the named entries (absent ones are left out of the map) in one pass. Throws
   * `ArchiveProblem` past the budgets, before inflating anything.
   */
  read(names: Iterable<string>): Map<string, Uint8Array>
}

const u16 = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8)
const u32 = (b: Uint8Array, i: number) => (u16(b, i) + u16(b, i + 2) * 65536) >>> 0

/** The number of entries the archive declares, from its end record (zip64 included). */
function declaredEntries(bytes: Uint8Array): number {
  let end = -1
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 65_557; i--) {
    if (u32(bytes, i) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) throw new ArchiveProblem('invalid', 'it is not a zip archive, so not a .docx')
  let count = u16(bytes, end + 10)
  const locator = end - 20
  if (locator >= 0 && u32(bytes, locator) === 0x07064b50) {
    const record = Number(u32(bytes, locator + 8)) + Number(u32(bytes, locator + 12)) * 2 ** 32
    if (record + 56 <= bytes.length && u32(bytes, record) === 0x06064b50) {
      count = u32(bytes, record + 32) + u32(bytes, record + 36) * 2 ** 32
    }
  }
  return count
}

/** Open an archive: list it, inflate nothing. Throws `ArchiveProblem`. */
export function openArchive(bytes: Uint8Array): Archive {
  const count = declaredEntries(bytes)
  if (count > MAX_ENTRIES) {
    throw new ArchiveProblem('unsafe', `the archive declares ${count} entries (at most ${MAX_ENTRIES} are read)`)
  }
  const sizes = new Map<string, number>()
  try {
    unzipSync(bytes, {
      filter: (info) => {
        sizes.set(info.name, info.originalSize)
        return false
      },
    })
  } catch (error) {
    throw new ArchiveProblem('invalid', `the zip archive is damaged (${(error as Error).message})`)
  }
  let taken = 0
  return {
    names: new Set(sizes.keys()),
    read(wanted) {
      const want = new Set<string>()
      for (const name of wanted) {
        const size = sizes.get(name)
        if (size === undefined || want.has(name)) continue
        if (size > MAX_PART_BYTES || taken + size > MAX_TOTAL_BYTES) {
          throw new ArchiveProblem(
            'unsafe',
            `"${name}" inflates to ${size} bytes, more than a document holds (a zip bomb?)`,
          )
        }
        taken += size
        want.add(name)
      }
      const out = new Map<string, Uint8Array>()
      if (want.size === 0) return out
      try {
        // One pass over the directory for every part asked for at once.
        const files = unzipSync(bytes, { filter: (info) => want.has(info.name) })
        for (const [name, data] of Object.entries(files)) out.set(name, data)
      } catch (error) {
        throw new ArchiveProblem('invalid', `a part is damaged in the archive (${(error as Error).message})`)
      }
      return out
    },
  }
}

/**
 * Resolve a relationship target against the folder of the part that names it (`word/` for
 * `media/image1.png`); undefined when it leaves the archive (`../../x`) or is absolute.
 */
export function resolvePart(base: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined
  const parts = target.startsWith('/') ? [] : base.split('/').slice(0, -1)
  for (const segment of target.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (parts.length === 0) return undefined
      parts.pop()
    } else parts.push(segment)
  }
  return parts.join('/')
}
