/**
 * The navigation document (`nav.xhtml`): the nested table of contents (parts → chapters) and the
 * hidden landmarks list. When `toc` is on it is also the in-book contents page, in the spine,
 * so the book has one contents list, not two that can disagree.
 */
import { escapeAttr, escapeText } from '../../escape-xml.js'
import type { Context } from './context.js'
import { xhtmlDocument } from './document.js'
import type { Landmark, TocEntry } from './toc.js'

/**
 * An entry's words. In a right-to-left book the head Octavo wrote before a title, with the
 * punctuation that ends it ("Chapter 1:", in English when the language has no table of its own),
 * is isolated (`<bdi>`): left to the Unicode bidi algorithm, "Chapter 1" and the colon are
 * ordered by the line's direction, and an English reader sees ":Chapter 1". Isolated, each run
 * reads in its own direction and the line in the book's, the head first.
 */
function entryText(entry: TocEntry, dir: 'ltr' | 'rtl'): string {
  const head = entry.head
  if (dir === 'ltr' || !head || !entry.title.startsWith(head)) return escapeText(entry.title)
  const rest = entry.title.slice(head.length)
  const ending = /^[^\s\p{L}\p{N}]*/u.exec(rest)![0]
  return `<bdi>${escapeText(head + ending)}</bdi>${escapeText(rest.slice(ending.length))}`
}

function list(entries: readonly TocEntry[], indent: string, dir: 'ltr' | 'rtl'): string {
  let out = `${indent}<ol>\n`
  for (const entry of entries) {
    out += `${indent}  <li><a href="${escapeAttr(entry.href)}">${entryText(entry, dir)}</a>`
    if (entry.children.length > 0) out += `\n${list(entry.children, `${indent}    `, dir)}${indent}  `
    out += '</li>\n'
  }
  return `${out}${indent}</ol>\n`
}

export function navDocument(toc: readonly TocEntry[], landmarks: readonly Landmark[], ctx: Context): string {
  const marks = landmarks
    .map(
      (l) =>
        `    <li><a epub:type="${l.type}" href="${escapeAttr(l.href)}">${escapeText(l.title)}</a></li>\n`,
    )
    .join('')
  // A nav needs at least one entry; an empty book still links its title page.
  const body = `<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
  <h1 id="toc-title">${escapeText(ctx.strings.contents)}</h1>
${list(toc, '  ', ctx.dir)}</nav>
<nav epub:type="landmarks" id="landmarks" aria-label="${escapeAttr(ctx.strings.landmarks)}" hidden="hidden">
  <h2>${escapeText(ctx.strings.landmarks)}</h2>
  <ol>
${marks}  </ol>
</nav>
`
  // Links in the nav are relative to OEBPS/, where it lives; the stylesheet is one level down.
  const css = ctx.css.map((href) => href.replace(/^\.\.\//, ''))
  return xhtmlDocument({
    lang: ctx.lang,
    dir: ctx.dir,
    title: ctx.strings.contents,
    css,
    bodyType: 'frontmatter',
    body,
  })
}
