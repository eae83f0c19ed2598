/** What every EPUB page renderer needs from the build: language, stylesheet links, resources, diagnostics. */
import type { Code } from '../../diagnostics/codes.js'
import type { Image, Node } from '../../model/types.js'
import type { EpubStrings } from './options.js'

export interface Context {
  lang: string
  dir: 'ltr' | 'rtl'
  /** Stylesheet hrefs from a file in `text/`. */
  css: string[]
  strings: EpubStrings
  maxFileBytes: number
  /** Tree id → href from a file in `text/`. */
  anchors: Map<string, string>
  /** Href of a stored image from a file in `text/`; undefined when it was left out. */
  imageHref(node: Image): string | undefined
  /** Report a diagnostic about `node`, in the chapter file `file` (book-relative) when known. */
  report(code: Code, message: string, node: Node | undefined, file: string | undefined): void
}
