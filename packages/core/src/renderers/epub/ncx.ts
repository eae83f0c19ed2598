/**
 * The EPUB 2 NCX (`toc.ncx`), still read by Kindle's converter, Adobe Digital Editions and older
 * Kobo firmware. Same tree as the nav, numbered in play order.
 */
import { escapeAttr, escapeText } from '../../escape-xml.js'
import type { TocEntry } from './toc.js'

export function ncxDocument(
  toc: readonly TocEntry[],
  uid: string,
  title: string,
  authors: string[],
  lang: string,
): string {
  let order = 0
  let depth = 0
  const points = (entries: readonly TocEntry[], level: number, indent: string): string => {
    depth = Math.max(depth, level)
    let out = ''
    for (const entry of entries) {
      order++
      out += `${indent}<navPoint id="nav-${order}" playOrder="${order}">\n`
      out += `${indent}  <navLabel><text>${escapeText(entry.title)}</text></navLabel>\n`
      out += `${indent}  <content src="${escapeAttr(entry.href)}"/>\n`
      if (entry.children.length > 0) out += points(entry.children, level + 1, `${indent}  `)
      out += `${indent}</navPoint>\n`
    }
    return out
  }
  const map = points(toc, 1, '    ')
  const docAuthors = authors.map((a) => `  <docAuthor><text>${escapeText(a)}</text></docAuthor>\n`).join('')
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${escapeAttr(lang)}">
  <head>
    <meta name="dtb:uid" content="${escapeAttr(uid)}"/>
    <meta name="dtb:depth" content="${depth}"/>
    <meta name="dtb:totalPageCount" content="0"/>
    <meta name="dtb:maxPageNumber" content="0"/>
  </head>
  <docTitle><text>${escapeText(title)}</text></docTitle>
${docAuthors}  <navMap>
${map}  </navMap>
</ncx>
`
}
