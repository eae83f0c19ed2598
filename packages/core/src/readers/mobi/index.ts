/**
 * The Kindle book reader: a DRM-free MOBI 6 (PalmDOC or HUFF/CDIC compressed), KF8 (AZW3) or
 * joint MOBI (both; its KF8 half is read) in, its chapters out. The book is not converted to
 * the manuscript model here: it is turned into the parts of an EPUB in memory (XHTML documents,
 * style sheets, pictures, a package document from its EXTH metadata, an NCX from its own table
 * of contents), zipped, and read by the EPUB reader (`readEpub`), so notes, generated pages,
 * class-styled italics, metadata and the cover are found as they are in any EPUB. Diagnostics
 * from that read name the documents inside the book (`book.azw3/text/part0002.html`).
 *
 * The Palm database (`pdb.ts`) gives the records; record 0 the headers (`header.ts`); the text
 * records, their trailing entries cut off, are decompressed (`text.ts`, `compression.ts`); KF8
 * books are rebuilt from their indexes (`indx.ts`, `kf8.ts`), MOBI 6 books split at page breaks
 * (`mobi6.ts`). Encrypted (DRM) books, KFX and damaged files are refused with one clear error.
 * Never throws; reads nothing but the bytes it is given (no `node:` module), so it runs in a
 * browser too.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import { readEpub } from '../epub/index.js'
import type { Reader, ReaderOptions, ReadResult } from '../types.js'
import { mobiEntry } from './entry.js'
import { decodeText, exthNumber, exthTexts, type MobiHeader, NULL, readHeader } from './header.js'
import { type Index, readIndex } from './indx.js'
import { kf8Book } from './kf8.js'
import { mobi6Book } from './mobi6.js'
import { type Book, bookTitle, coverNumber, picturePath, zipBook } from './package.js'
import { ascii, Damaged, type PalmDatabase, readPalmDatabase } from './pdb.js'
import { readResources } from './resources.js'
import { bookText } from './text.js'

const SOURCE = 'mobi'

export const mobiReader: Reader & { codes: typeof mobiEntry.codes } = {
  ...mobiEntry,
  read: (input, file, options) => {
    try {
      return readMobi(input, file, options)
    } catch (error) {
      if (error instanceof Damaged)
        file.message(
          'mobi-invalid',
          `"${file.path}" cannot be read as a Kindle book: ${error.message}`,
          undefined,
          SOURCE,
        )
      else
        file.message(
          'internal-error',
          `The Kindle book reader failed: ${(error as Error)?.message ?? error}`,
          undefined,
          SOURCE,
        )
      return { children: [] }
    }
  },
}

/** What a file that is no Palm database is. */
function notPalm(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 8 && ascii(bytes, 0, 8) === '\xeaDRMION\xee')
    return 'it is a KFX book (a DRM-protected KFX container), not a MOBI or AZW3: Octavo cannot read it'
  if (ascii(bytes, 0, 4) === 'CONT')
    return 'it is a KFX book, a different container from MOBI and AZW3 that Octavo does not read: convert it with calibre (and its KFX Input plugin) to EPUB and build that'
  return undefined
}

export function readMobi(input: Uint8Array | string, file: SourceFile, options: ReaderOptions): ReadResult {
  if (typeof input === 'string') throw new Damaged('it was given as text; a Kindle book is bytes')
  const kfx = notPalm(input)
  if (kfx) {
    file.message('mobi-unsupported', `"${file.path}" ${kfx}`, undefined, SOURCE)
    return { children: [] }
  }
  if (input.length >= 68 && !['BOOKMOBI', 'TEXtREAd'].includes(ascii(input, 60, 68)))
    throw new Damaged(
      `it is not a Palm database holding a MOBI book (its type is "${ascii(input, 60, 68).replace(/[^\x20-\x7e]/g, '?')}", not BOOKMOBI)`,
    )
  const db = readPalmDatabase(input)
  const header = readHeader(db.records[0]!)
  if (header.encryption !== 0) {
    file.message(
      'mobi-drm',
      `"${file.path}" is locked with DRM; Octavo cannot read it: download the work as EPUB or HTML where you found it, or use a copy of the book without DRM`,
      undefined,
      SOURCE,
    )
    return { children: [] }
  }
  if (header.mobi && header.encoding !== 65001 && header.encoding !== 1252) {
    file.message(
      'mobi-unsupported',
      `"${file.path}" uses a text encoding Octavo does not know (code page ${header.encoding})`,
      undefined,
      SOURCE,
    )
    return { children: [] }
  }

  // A joint file's KF8 half starts after its BOUNDARY record (EXTH 121).
  const boundary = exthNumber(header, 121)
  let kf8: { base: number; header: MobiHeader } | undefined
  if (header.version >= 8 && header.skel !== NULL) kf8 = { base: 0, header }
  else if (boundary !== undefined && boundary > 0 && boundary < db.records.length) {
    if (ascii(db.records[boundary - 1]!, 0, 8) === 'BOUNDARY') {
      try {
        const second = readHeader(db.records[boundary]!)
        if (second.version >= 8 && second.skel !== NULL && second.encryption === 0)
          kf8 = { base: boundary, header: second }
      } catch {
        // A damaged KF8 half: the MOBI 6 half is read instead.
      }
    }
  }
  const damage = { damaged: 0, missingPictures: 0 }
  const book = kf8 ? readKf8(db, header, kf8.base, kf8.header, damage) : readMobi6(db, header, damage)
  if (typeof book === 'string') {
    file.message('mobi-unsupported', `"${file.path}" cannot be read: ${book}`, undefined, SOURCE)
    return { children: [] }
  }
  const meta = kf8?.header ?? header
  // The cover (EXTH 201, from the first resource record).
  const cover = coverNumber(meta)
  const resources = resourcesOf(db, header, kf8?.base, kf8?.header)
  const picture = cover === undefined ? undefined : resources.pictures.get(cover)
  if (cover !== undefined && picture) {
    book.cover = picturePath(cover, picture)
    book.files.set(book.cover, { bytes: picture.bytes, mediaType: picture.mediaType })
  }
  if (damage.damaged > 0)
    file.message(
      'mobi-damaged',
      `"${file.path}" is partly damaged: ${damage.damaged} part${damage.damaged === 1 ? '' : 's'} of its text or its indexes could not be decoded; what could be read was kept`,
      undefined,
      SOURCE,
    )
  if (damage.missingPictures > 0)
    file.message(
      'mobi-resource-skipped',
      `"${file.path}": ${damage.missingPictures} picture reference${damage.missingPictures === 1 ? ' names a record' : 's name records'} the book does not hold as a JPEG, PNG or GIF picture; left out`,
      undefined,
      SOURCE,
    )
  if (resources.fonts > 0)
    file.message(
      'mobi-resource-skipped',
      `"${file.path}" embeds ${resources.fonts} font${resources.fonts === 1 ? '' : 's'}; left out (Kindle books may store fonts obfuscated, and Octavo sets the book in its own)`,
      undefined,
      SOURCE,
    )
  const title = bookTitle(meta, db.name)
  if (book.documents.length === 0) {
    file.message(
      'mobi-invalid',
      `"${file.path}" cannot be read as a Kindle book: it holds no text`,
      undefined,
      SOURCE,
    )
    return { children: [] }
  }
  return readEpub(zipBook(book, meta, title), file, options)
}

function resourcesOf(db: PalmDatabase, header: MobiHeader, kf8Base?: number, kf8Header?: MobiHeader) {
  const ranges: Array<[number, number]> = []
  const end = db.records.length
  if (kf8Base !== undefined && kf8Base > 0) {
    // Joint: the pictures sit in the MOBI 6 half, numbered on into the KF8 half's own.
    if (header.firstImage !== NULL) ranges.push([header.firstImage, kf8Base - 1])
    if (kf8Header && kf8Header.firstImage !== NULL) ranges.push([kf8Base + kf8Header.firstImage, end])
  } else if (header.firstImage !== NULL) ranges.push([header.firstImage, end])
  return readResources(db.records, ranges)
}

function indexAt(db: PalmDatabase, base: number, at: number, header: MobiHeader): Index | undefined {
  if (at === NULL || base + at >= db.records.length) return undefined
  return readIndex(db.records, base + at, (b) => decodeText(b, header.encoding))
}

function readKf8(
  db: PalmDatabase,
  first: MobiHeader,
  base: number,
  header: MobiHeader,
  damage: { damaged: number; missingPictures: number },
): Book | string {
  const text = bookText(db.records, base, header)
  if (typeof text === 'string') return text
  damage.damaged += text.damaged
  const skel = indexAt(db, base, header.skel, header)
  const frag = indexAt(db, base, header.frag, header)
  const ncx = indexAt(db, base, header.ncx, header)
  const guide = indexAt(db, base, header.guide, header)
  for (const index of [skel, frag, ncx, guide]) if (index?.damaged) damage.damaged++
  const fdst = header.fdst === NULL ? undefined : db.records[base + header.fdst]
  return kf8Book(
    text.bytes,
    fdst,
    skel ?? { entries: [], strings: new Map(), damaged: true },
    frag ?? { entries: [], strings: new Map(), damaged: true },
    ncx,
    guide,
    resourcesOf(db, first, base, header),
    damage,
  )
}

function readMobi6(
  db: PalmDatabase,
  header: MobiHeader,
  damage: { damaged: number; missingPictures: number },
): Book | string {
  const text = bookText(db.records, 0, header)
  if (typeof text === 'string') return text
  damage.damaged += text.damaged
  const ncx = indexAt(db, 0, header.ncx, header)
  if (ncx?.damaged) damage.damaged++
  const details = { title: bookTitle(header, db.name), authors: exthTexts(header, 100) }
  return mobi6Book(text.bytes, header, ncx, resourcesOf(db, header), damage, details)
}
