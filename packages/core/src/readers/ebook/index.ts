/**
 * E-book files Octavo does not read, refused with what to do instead: Kindle books in KFX
 * (Amazon's newest container; MOBI, AZW and AZW3 are read by readers/mobi/) and PDF. A file of
 * these named on the command line would otherwise get a bare "no reader"; none is taken from a
 * folder (a book folder's PDF is an output or a download, as its EPUB is).
 */
import { type CodeInfo, defineCodes } from '../../diagnostics/codes.js'
import { emptyChapter } from '../shared/chapter.js'
import type { Reader } from '../types.js'

export const ebookCodes = defineCodes({
  'ebook-unsupported-format': {
    level: 'error',
    description:
      'A Kindle book in KFX, or a PDF: Octavo reads EPUB, Kindle books in MOBI, AZW and AZW3, FictionBook, HTML, Word, OpenDocument, RTF, Scrivener, Markdown and text. Download the work as EPUB or HTML, or convert a DRM-free file with calibre, and build that.',
  },
} as const satisfies Record<string, CodeInfo>)

declare module '../../diagnostics/types.js' {
  interface CodeTables {
    ebook: typeof ebookCodes
  }
}

const KINDS: Record<string, string> = {
  '.kfx': 'a Kindle book (KFX)',
  '.pdf': 'a PDF',
}

export const otherEbookReader = {
  name: 'other-ebook',
  extensions: Object.keys(KINDS),
  discover: false,
  codes: ebookCodes,
  read(_input, file, options) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1)
    const dot = name.lastIndexOf('.')
    const ext = dot > 0 ? name.slice(dot).toLowerCase() : ''
    const epub = `${dot > 0 ? name.slice(0, dot) : name}.epub`
    const advice =
      ext === '.pdf'
        ? 'build from the chapters it was made from, or download the work as EPUB or HTML where you found it (AO3 and FanFicFare offer both)'
        : `download the work as EPUB or HTML where you found it (AO3 and FanFicFare offer both), or, if it has no DRM, convert it with calibre (ebook-convert "${name}" "${epub}") and build the EPUB`
    file.message(
      'ebook-unsupported-format',
      `"${file.path}" is ${KINDS[ext] ?? 'an e-book format'}, which Octavo does not read: ${advice}`,
      undefined,
      'ebook',
    )
    return { children: [emptyChapter(file, options)] }
  },
} satisfies Reader
