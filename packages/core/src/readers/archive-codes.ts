/**
 * Diagnostic codes of the safe archive and XML layer (readers/shared/archive.ts, xml.ts), shared
 * by every reader of a zipped format (EPUB, Word, OpenDocument): the problem is the archive's,
 * whichever format it claims to be, so the code is the same and the message names the file.
 */
import { type CodeInfo, defineCodes } from '../diagnostics/codes.js'

export const archiveCodes = defineCodes({
  'archive-not-zip': {
    level: 'error',
    description: 'The file is not a zip archive (or its end is cut off), so nothing in it can be read.',
  },
  'archive-too-many-entries': {
    level: 'error',
    description: 'The archive lists more entries than any real book holds; it was not read.',
  },
  'archive-too-large': {
    level: 'error',
    description:
      'The archive would unpack to more than the size limit (a zip bomb, or a header that lies about a size); reading stopped there.',
  },
  'archive-unsafe-path': {
    level: 'warning',
    description:
      'An entry named with `..`, an absolute path, a backslash or a drive letter was skipped; nothing is ever written from an archive.',
  },
  'archive-encrypted': {
    level: 'warning',
    description: 'An entry is encrypted (password-protected or DRM) and was skipped.',
  },
  'archive-bad-entry': {
    level: 'warning',
    description:
      'An entry could not be unpacked (an unknown compression method, a checksum that does not match, data cut off); it was skipped.',
  },
  'archive-duplicate-entry': {
    level: 'warning',
    description: 'Two entries have the same name; the first was kept.',
  },
  'xml-malformed': {
    level: 'warning',
    description:
      'An XML document inside the archive is not well-formed (or uses an entity other than the five XML ones and numeric ones); what could be read of it was kept.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../diagnostics/types.js' {
  interface CodeTables {
    archive: typeof archiveCodes
  }
}
