/**
 * The book's resource records (after its text, from the header's first image record on): the
 * pictures, by their magic bytes, numbered as Kindle numbers them (`kindle:embed:0003`,
 * `recindex="00003"`: 1-based from the first resource record). Records that are not pictures
 * (FLIS, FCIS, SRCS, DATP, RESC, the KF8 boundary, fonts, the end marker) keep their number
 * but give no file; fonts are counted, to be said once.
 */

export interface Picture {
  bytes: Uint8Array
  extension: string
  mediaType: string
}

export interface Resources {
  /** By resource number (1-based). */
  pictures: Map<number, Picture>
  /** Resource numbers of records that are no picture Octavo can carry, and what they are. */
  others: Map<number, string>
  fonts: number
}

const SKIPPED = [
  'FLIS',
  'FCIS',
  'SRCS',
  'DATP',
  'RESC',
  'BOUN',
  'FDST',
  'AUDI',
  'VIDE',
  'CMET',
  'PAGE',
  'CONT',
  'CRES',
  'INDX',
  'HUFF',
  'CDIC',
]

export function pictureKind(bytes: Uint8Array): Picture | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { bytes, extension: 'jpg', mediaType: 'image/jpeg' }
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return { bytes, extension: 'png', mediaType: 'image/png' }
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x38)
    return { bytes, extension: 'gif', mediaType: 'image/gif' }
  return undefined
}

/** The resources of the records in `ranges` (half-open, absolute record numbers), numbered on across ranges. */
export function readResources(records: Uint8Array[], ranges: Array<[number, number]>): Resources {
  const out: Resources = { pictures: new Map(), others: new Map(), fonts: 0 }
  let number = 0
  for (const [from, to] of ranges) {
    for (let i = Math.max(0, from); i < Math.min(to, records.length); i++) {
      number++
      const bytes = records[i]!
      const picture = pictureKind(bytes)
      if (picture) {
        out.pictures.set(number, picture)
        continue
      }
      const magic = String.fromCharCode(...bytes.subarray(0, 4))
      if (magic === 'FONT') {
        out.fonts++
        out.others.set(number, 'a font')
      } else if (bytes[0] === 0x42 && bytes[1] === 0x4d) out.others.set(number, 'a BMP picture')
      else if (SKIPPED.includes(magic) || bytes.length <= 4)
        out.others.set(number, `a ${magic.replace(/[^\x20-\x7e]/g, '?')} record`)
      else out.others.set(number, 'a record of an unknown kind')
    }
  }
  return out
}
