/**
 * The XHTML document shell every EPUB content file shares: XML declaration, HTML5 doctype, the
 * XHTML and OPS namespaces, `lang` and `xml:lang` (both: EPUBCheck and Ace each read one), `dir`
 * for right-to-left books, the stylesheet links.
 */
import { escapeAttr, escapeText } from '../../escape-xml.js'

export interface DocumentOptions {
  lang: string
  dir: 'ltr' | 'rtl'
  title: string
  /** Stylesheet hrefs relative to the document. */
  css: readonly string[]
  /** `epub:type` of the body (`bodymatter`, `frontmatter`…), if any. */
  bodyType?: string
  bodyClass?: string
  /** A class on the root element, for a page whose `html` box itself is styled (the cover). */
  htmlClass?: string
  body: string
}

export function xhtmlDocument(options: DocumentOptions): string {
  const dir = options.dir === 'rtl' ? ' dir="rtl"' : ''
  const lang = escapeAttr(options.lang)
  const links = options.css.map(
    (href) => `<link rel="stylesheet" type="text/css" href="${escapeAttr(href)}"/>\n`,
  )
  const bodyType = options.bodyType ? ` epub:type="${options.bodyType}"` : ''
  const bodyClass = options.bodyClass ? ` class="${options.bodyClass}"` : ''
  const htmlClass = options.htmlClass ? ` class="${options.htmlClass}"` : ''
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${lang}" xml:lang="${lang}"${dir}${htmlClass}>
<head>
<meta charset="UTF-8"/>
<title>${escapeText(options.title)}</title>
${links.join('')}</head>
<body${bodyType}${bodyClass}>
${options.body}</body>
</html>
`
}
