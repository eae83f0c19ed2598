/**
 * The Markdown reader the registry loads (`../index.ts`): `read.ts` without micromark, which it
 * imports with the first file the fast parser declines (that file's answer is a promise). A book
 * whose files the fast parser reads, as most are, never loads micromark and its extensions.
 */
import { neverFails } from '../guard.js'
import type { markdownCodes } from '../markdown-codes.js'
import type { Reader } from '../types.js'
import { markdownEntry } from './entry.js'
import { readMarkdown } from './read.js'

export const lazyMarkdownReader: Reader & { codes: typeof markdownCodes } = {
  ...markdownEntry,
  read: neverFails('Markdown', 'markdown', (input, file, options) => readMarkdown(input, file, options)),
}
