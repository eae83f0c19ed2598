/**
 * The pages Octavo writes itself: title page, copyright page, dedication. Their wording comes
 * from `strings` (English by default); everything from the metadata is escaped.
 */
import type { Metadata } from '../../model/types.js'
import { escapeAttr, escapeText } from '../xhtml/escape.js'
import type { Context } from './context.js'
import { xhtmlDocument } from './document.js'
import { roleCode } from './opf.js'

function names(people: readonly { name: string }[]): string {
  const list = people.map((p) => p.name).filter(Boolean)
  if (list.length <= 1) return list[0] ?? ''
  return `${list.slice(0, -1).join(', ')} & ${list[list.length - 1]}`
}

function p(className: string, text: string | undefined): string {
  return text ? `<p${className ? ` class="${className}"` : ''}>${escapeText(text)}</p>\n` : ''
}

export function titlePage(metadata: Metadata, ctx: Context): string {
  const series = metadata.series?.name
    ? metadata.series.number !== undefined
      ? `${metadata.series.name}, ${ctx.strings.seriesBook} ${metadata.series.number}`
      : metadata.series.name
    : undefined
  const body = `<section class="titlepage" epub:type="titlepage" aria-labelledby="titlepage-title">
<h1 id="titlepage-title">${escapeText(metadata.title)}</h1>
${p('subtitle', metadata.subtitle)}${p('author', names(metadata.authors))}${p('series', series)}${p('publisher', metadata.publisher)}</section>
`
  return xhtmlDocument({
    lang: ctx.lang,
    dir: ctx.dir,
    title: metadata.title,
    css: ctx.css,
    bodyType: 'frontmatter',
    body,
  })
}

/** The copyright line: the rights statement when given, else "© year author(s)" (year from the date). */
export function copyrightLine(metadata: Metadata): string {
  if (metadata.rights) return metadata.rights
  const year = metadata.date?.match(/^\d{4}/)?.[0]
  return ['©', year, names(metadata.authors)].filter(Boolean).join(' ')
}

export function copyrightPage(metadata: Metadata, ctx: Context): string {
  const lines: string[] = []
  lines.push(p('title', metadata.subtitle ? `${metadata.title}: ${metadata.subtitle}` : metadata.title))
  lines.push(p('author', names(metadata.authors)))
  const byRole = new Map<string, string[]>()
  for (const c of metadata.contributors) {
    const role = roleCode(c.role)
    byRole.set(role, [...(byRole.get(role) ?? []), c.name])
  }
  for (const [role, people] of byRole) {
    const words = ctx.strings.roles[role] ?? ctx.strings.roles.ctb ?? ''
    lines.push(p('contributors', `${words} ${names(people.map((name) => ({ name })))}`.trim()))
  }
  lines.push(p('rights', copyrightLine(metadata)))
  lines.push(p('edition', metadata.edition))
  lines.push(p('publisher', metadata.publisher))
  const id = metadata.identifier
  if (id.scheme === 'isbn') lines.push(p('identifier', `ISBN ${id.value}`))
  else if (id.scheme === 'uri') lines.push(p('identifier', id.value))
  lines.push(p('made-with', ctx.strings.madeWith))
  const body = `<section class="copyright-page" epub:type="copyright-page" aria-label="${escapeAttr(ctx.strings.copyright)}">
${lines.join('')}</section>
`
  return xhtmlDocument({
    lang: ctx.lang,
    dir: ctx.dir,
    title: ctx.strings.copyright,
    css: ctx.css,
    bodyType: 'frontmatter',
    body,
  })
}

export function dedicationPage(metadata: Metadata, ctx: Context): string {
  const lines = (metadata.dedication ?? '').split(/\r?\n/).filter((l) => l.trim())
  const body = `<section class="dedication-page" epub:type="dedication" role="doc-dedication" aria-label="${escapeAttr(ctx.strings.dedication)}">
${lines.map((l) => p('', l.trim())).join('')}</section>
`
  return xhtmlDocument({
    lang: ctx.lang,
    dir: ctx.dir,
    title: ctx.strings.dedication,
    css: ctx.css,
    bodyType: 'frontmatter',
    body,
  })
}
