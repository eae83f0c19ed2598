/** Property tests: the Markdown reader never throws and always gives a safe, well-formed tree. */
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { markdownReader } from '../../src/readers/markdown.js'
import { fcRuns } from '../fast-check.js'
import { expectSafeResult } from './invariants.js'

const read = (input: Uint8Array | string) => {
  const file = new SourceFile('chapters/p.md')
  const result = markdownReader.read(input, file, { language: 'en' })
  expectSafeResult(result, file)
}

// Pieces of Markdown (and HTML inside it) that make the parser take different paths.
const token = fc.constantFrom(
  '#',
  '# ',
  '## ',
  '> ',
  '- ',
  '1. ',
  '* ',
  '*',
  '_',
  '**',
  '~~',
  '`',
  '```',
  '\n',
  '\n\n',
  '    ',
  ' ',
  '\\',
  '[',
  ']',
  '(',
  ')',
  '![',
  '](',
  '[^1]',
  '[^1]: ',
  '---\n',
  '---',
  'title: x\n',
  '|',
  '| a | b |\n|---|---|\n',
  '<',
  '>',
  '<script>',
  '</script>',
  '<div>',
  '</div>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  'http://example.com/a.png',
  '../../x.png',
  '/etc/passwd',
  'data:image/png;base64,AA',
  '<br>',
  '&amp;',
  '&#0;',
  // References to characters XML forbids: decoded to U+FFFD, so a file holding no forbidden
  // character itself gives none (its values are not searched one by one then).
  '&#1;',
  '&#x0B;',
  '&#xFFFE;',
  '&#xD800;',
  '&#65535;',
  '\\&#1;',
  '`&#1;`',
  '😀',
  'Chapter 3: Title',
  'Part One',
  '* * *',
  '\\~\\~\\~',
  'word',
  'é',
  '\u0001',
  '\uD800',
  '\r\n',
  '<!--',
  '-->',
  '<u>',
  '</u>',
  '<span class="smallcaps">',
  '</span>',
  '<center>',
  '</center>',
  '<small>',
  ']{.smallcaps}',
  ']{.underline}',
  '::: note',
  '::: {.note placement="end"}',
  ':::',
  // pandoc's inline notes, line blocks, title block and aligning divs; note apps' marks.
  '^[',
  '| ',
  '|\n',
  '% ',
  '::: centered',
  '::: {.right}',
  'author: [A, {name: B}]\n',
  'lang: en-GB\n',
  // MultiMarkdown's metadata lines.
  'Title: ',
  'Author: ',
  '    ',
  '%%',
  '[[',
  ']]',
  '![[',
  '|alias',
  '==',
  '> [!note] ',
  // Pictures written as data: URLs, inline and in a reference definition (Google Docs').
  '![a](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAMAAAADCAIAAADZSiLoAAAAEElEQVR4nGM4YWQEQQxYWACjmAqNtRpWxgAAAABJRU5ErkJggg==)',
  '![][image1]',
  '\n[image1]: <data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAMAAAADCAIAAADZSiLoAAAAEElEQVR4nGM4YWQEQQxYWACjmAqNtRpWxgAAAABJRU5ErkJggg==>\n',
  '<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSI5IiBoZWlnaHQ9IjkiPjxzY3JpcHQ+eCgpPC9zY3JpcHQ+PHJlY3Qgd2lkdGg9IjkiIGhlaWdodD0iOSIvPjwvc3ZnPg==">',
  'data:',
)

describe('markdown reader properties', () => {
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => read(bytes)),
      { numRuns: fcRuns(300) },
    )
  })
  it('never throws on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => read(s)),
      { numRuns: fcRuns(300) },
    )
  })
  it('never throws on Markdown-shaped strings', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 80 }), (parts) => read(parts.join(''))),
      { numRuns: fcRuns(500) },
    )
  })
})
