/**
 * OpenDocument texts made in the tests, as LibreOffice writes them: styles.xml with the named
 * styles (internal names with `_20_` for spaces, display names), content.xml with the automatic
 * styles its runs and paragraphs use, meta.xml, and pictures under Pictures/.
 */
import { zipSync } from 'fflate'

const enc = new TextEncoder()

export const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'

export const STYLES = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NS} office:version="1.3"><office:styles>
<style:default-style style:family="paragraph"><style:text-properties fo:font-size="12pt"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Heading"/>
<style:style style:name="Quotations" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Emphasis" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
</office:styles></office:document-styles>`

/** content.xml around a body and its automatic styles. */
export function content(body: string, automatic = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS} office:version="1.3"><office:automatic-styles>
<style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="T2" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="T3" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
<style:style style:name="T4" style:family="text"><style:text-properties fo:font-variant="small-caps"/></style:style>
<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Text_20_body"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Text_20_body"><style:paragraph-properties fo:break-before="page"/></style:style>
<text:list-style style:name="L1"><text:list-level-style-number text:level="1"/></text:list-style>
<text:list-style style:name="L2"><text:list-level-style-bullet text:level="1"/></text:list-style>
${automatic}</office:automatic-styles><office:body><office:text>${body}</office:text></office:body></office:document-content>`
}

export const META = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NS} office:version="1.3"><office:meta><dc:title>The Glass Orchard</dc:title><meta:initial-creator>Ada Quill</meta:initial-creator><dc:creator>Someone Editing</dc:creator><meta:keyword>orchards</meta:keyword></office:meta></office:document-meta>`

/** A 1×1 PNG. */
export const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
)

export function odt(parts: Record<string, string | Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
    mimetype: [enc.encode('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'META-INF/manifest.xml': enc.encode(
      '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
    ),
  }
  for (const [name, value] of Object.entries(parts))
    files[name] = typeof value === 'string' ? enc.encode(value) : value
  return zipSync(files as never)
}

/**
 * The same document as one flat XML file (.fodt, as LibreOffice saves it): the package's parts
 * as children of `office:document`, pictures written in as base64 (`pictures`: href → bytes).
 */
export function flat(
  contentXml: string,
  stylesXml = STYLES,
  metaXml = META,
  pictures: Record<string, Uint8Array> = {},
): string {
  const inner = (xml: string, name: string) =>
    xml.match(new RegExp(`<${name}>[\\s\\S]*</${name}>`))?.[0] ?? ''
  let body = `${inner(contentXml, 'office:automatic-styles')}${inner(contentXml, 'office:body')}`
  for (const [href, bytes] of Object.entries(pictures))
    body = body.replace(
      `<draw:image xlink:href="${href}"/>`,
      `<draw:image><office:binary-data>${btoa(String.fromCharCode(...bytes))}</office:binary-data></draw:image>`,
    )
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document ${NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">${inner(metaXml, 'office:meta')}${inner(stylesXml, 'office:styles')}${body}</office:document>`
}
