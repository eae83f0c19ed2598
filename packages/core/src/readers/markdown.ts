/**
 * The Markdown reader: CommonMark + GFM (footnotes, strikethrough, tables, autolinks) with YAML
 * front matter. The work is `markdown/read.ts`'s: a fast parser reads what chapters are made of,
 * micromark (mdast-util-from-markdown, `markdown/micromark.ts`) what it declines, and
 * `markdown/convert.ts` turns the mdast into chapters. This reader answers at once, micromark,
 * YAML and parse5 loaded with it; the registry's (`markdown/lazy.ts`) loads each only with a
 * first file that needs it. Never throws.
 */

import { neverThrows } from './guard.js'
import { markdownEntry } from './markdown/entry.js'
import { readFrontMatter } from './markdown/front-matter.js'
import * as html from './markdown/html-parts.js'
import { parseWithMicromark } from './markdown/micromark.js'
import { readMarkdown } from './markdown/read.js'
import type { markdownCodes } from './markdown-codes.js'
import type { ReadResult, SyncReader } from './types.js'

const SOURCE = 'markdown'

export const markdownReader: SyncReader & { codes: typeof markdownCodes } = {
  ...markdownEntry,
  read: neverThrows(
    'Markdown',
    SOURCE,
    (input, file, options) =>
      // Given micromark, the YAML reader and the HTML reader, the read answers at once.
      readMarkdown(input, file, options, { parseWithMicromark, readFrontMatter, html }) as ReadResult,
  ),
}
