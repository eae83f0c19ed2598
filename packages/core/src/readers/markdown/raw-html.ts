/**
 * Raw HTML tags as Markdown hands them over, one tag per node (`<u>`, `text`, `</u>`), read into a
 * name and attributes so the converter can pair opening and closing tags among siblings and give
 * the pair the meaning the HTML reader gives the element (`../shared/html-marks.ts`). Also pandoc's
 * fenced divs (`::: note` … `:::`), the Markdown form of an author's note.
 */
import type { Attribute } from '../shared/html-marks.js'

export interface RawTag {
  kind: 'open' | 'close'
  /** Lower-cased tag name. */
  name: string
  attrs: Attribute[]
  /** `<br/>`: opens and closes at once. */
  selfClosing: boolean
}

const TAG =
  /^<(\/)?([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/)?>$/
const ATTR = /([A-Za-z_:][A-Za-z0-9_.:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g

/** The one tag `value` holds (white space around it allowed), or undefined (a comment, text, several tags). */
export function readTag(value: string): RawTag | undefined {
  const m = TAG.exec(value.trim())
  if (!m) return undefined
  const attrs: Attribute[] = []
  for (const a of m[3]!.matchAll(ATTR))
    attrs.push({ name: a[1]!.toLowerCase(), value: decodeEntities(a[2] ?? a[3] ?? a[4] ?? '') })
  return { kind: m[1] ? 'close' : 'open', name: m[2]!.toLowerCase(), attrs, selfClosing: Boolean(m[4]) }
}

/** The few references attribute values hold in practice; others are kept as written. */
function decodeEntities(value: string): string {
  return value.replace(/&(amp|quot|apos|lt|gt|#39);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'quot' ? '"' : name === 'lt' ? '<' : name === 'gt' ? '>' : "'",
  )
}

/** The tag as an author would recognise it: `<span class="x">`, `</u>`. */
export function tagLabel(tag: RawTag): string {
  const attrs = tag.attrs
    .filter((a) => a.name === 'class' || a.name === 'style')
    .map((a) => ` ${a.name}="${a.value.length > 40 ? `${a.value.slice(0, 37)}...` : a.value}"`)
    .join('')
  return `<${tag.kind === 'close' ? '/' : ''}${tag.name}${attrs}>`
}

/** Attributes that change nothing a book shows: a bare `<span lang="fr">` means no mark. */
export const neutralAttributes = new Set(['id', 'lang', 'xml:lang', 'dir', 'title'])

export interface FenceOpener {
  /** Classes given (`::: note`, `::: {.note .wide}`). */
  classes: string[]
  /** `key=value` attributes given in braces. */
  attributes: Map<string, string>
}

/** What pandoc's braces (`{.note #id placement="end"}`) say: classes, an identifier, attributes. */
export interface BraceAttributes extends FenceOpener {
  /** `#id`s given. */
  ids: string[]
}

const BRACE_PART = /(?:\.([\w-]+)|#([\w-]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"']+)))|(\S+)/g

/**
 * The classes, identifiers and attributes of pandoc's braces (their text between `{` and `}`),
 * classes and keys lower-cased; undefined when a part is none of these.
 */
export function braceAttributes(body: string): BraceAttributes | undefined {
  const out: BraceAttributes = { classes: [], ids: [], attributes: new Map() }
  for (const p of body.matchAll(BRACE_PART)) {
    if (p[1]) out.classes.push(p[1].toLowerCase())
    else if (p[2]) out.ids.push(p[2])
    else if (p[3]) out.attributes.set(p[3].toLowerCase(), p[4] ?? p[5] ?? p[6] ?? '')
    else return undefined
  }
  return out
}

const FENCE_OPEN = /^[ ]{0,3}:{3,}[ \t]*(?:([\w-]+)|\{([^}\n]*)\})[ \t]*:*[ \t]*$/
const FENCE_CLOSE = /^[ ]{0,3}:{3,}[ \t]*$/

/** A pandoc fenced-div opening line (`::: note`, `::: {.note placement="end"}`), or undefined. */
export function fenceOpener(line: string): FenceOpener | undefined {
  const m = FENCE_OPEN.exec(line)
  if (!m) return undefined
  if (m[1]) return { classes: [m[1].toLowerCase()], attributes: new Map() }
  const braces = braceAttributes(m[2]!)
  return braces && { classes: braces.classes, attributes: braces.attributes }
}

/** A fenced-div closing line (`:::`). */
export function isFenceCloser(line: string): boolean {
  return FENCE_CLOSE.test(line)
}
