/** FictionBook documents for the FB2 reader's tests, written by hand as FB2 tools write them. */
import { zipSync } from 'fflate'

export const NS = 'http://www.gribuser.ru/xml/fictionbook/2.0'

/** A 1×1 PNG. */
export const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
    'base64',
  ),
)

/** A minimal JPEG (SOI, a comment, an 8×8 baseline frame, EOI): its bytes only need to sniff as JPEG. */
export const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
  0x00, 0x00, 0xff, 0xfe, 0x00, 0x06, 0x6f, 0x63, 0x74, 0x6f, 0xff, 0xd9,
])

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

export const DESCRIPTION = `<description>
  <title-info>
    <genre>sf_fantasy</genre>
    <genre>adventure</genre>
    <author><first-name>Ada</first-name><middle-name>M.</middle-name><last-name>Quill</last-name></author>
    <author><nickname>Moth</nickname></author>
    <author><first-name>Unknown</first-name></author>
    <book-title>The Glass Orchard</book-title>
    <annotation><p>A winter tale.</p><p>Of <emphasis>frost</emphasis>.</p></annotation>
    <keywords>orchards, winter</keywords>
    <date value="2019-03-01">2019</date>
    <coverpage><image l:href="#cover.jpg"/></coverpage>
    <lang>en</lang>
    <src-lang>ru</src-lang>
    <translator><first-name>Louise</first-name><last-name>Maude</last-name></translator>
    <sequence name="The Orchards" number="2"/>
  </title-info>
  <src-title-info><book-title>Стеклянный сад</book-title><lang>ru</lang></src-title-info>
  <document-info><author><nickname>converter</nickname></author><program-used>FictionBook Editor 2.6</program-used><id>A1B2</id><version>1.0</version></document-info>
  <publish-info><publisher>Quill Press</publisher><year>2021</year><isbn>0-306-40615-2</isbn></publish-info>
</description>`

/** A FictionBook document: the description, the bodies and the binaries given. */
export function fb2(
  body: string,
  {
    description = DESCRIPTION,
    notes = '',
    binaries = '',
    declaration = '<?xml version="1.0" encoding="utf-8"?>',
  }: { description?: string; notes?: string; binaries?: string; declaration?: string } = {},
): string {
  return `${declaration}
<FictionBook xmlns="${NS}" xmlns:l="http://www.w3.org/1999/xlink">
${description}
<body>
${body}
</body>
${notes ? `<body name="notes">\n${notes}\n</body>` : ''}
${binaries}
</FictionBook>
`
}

export const binary = (id: string, type: string, bytes: Uint8Array) =>
  `<binary id="${id}" content-type="${type}">${base64(bytes)
    .match(/.{1,76}/g)!
    .join('\n')}</binary>`

/** Bytes of `text` in Windows-1251 (ASCII and Russian letters, as a Russian FB2 holds them). */
export function cp1251(text: string): Uint8Array {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) out[i] = c
    else if (c >= 0x410 && c <= 0x44f) out[i] = c - 0x410 + 0xc0
    else if (c === 0x401) out[i] = 0xa8
    else if (c === 0x451) out[i] = 0xb8
    else if (c === 0x2014) out[i] = 0x97
    else if (c === 0xab) out[i] = 0xab
    else if (c === 0xbb) out[i] = 0xbb
    else throw new Error(`no Windows-1251 byte for U+${c.toString(16)}`)
  }
  return out
}

/** A .fb2.zip: the files given, deflated. */
export const zipped = (files: Record<string, string | Uint8Array>) =>
  zipSync(
    Object.fromEntries(
      Object.entries(files).map(([name, data]) => [
        name,
        typeof data === 'string' ? new TextEncoder().encode(data) : data,
      ]),
    ),
  )
