/**
 * What an HTML element means as inline marks and alignment, shared by every reader that meets HTML:
 * the HTML reader's converter, and raw HTML typed into Markdown (`<u>x</u>` there gives the same
 * `underline` as in an HTML chapter). Elements are given as a tag name and parse5's attribute list,
 * so a lone tag (`<span class="smallcaps">`, as Markdown hands it over) is judged like a whole one.
 */
import { canonicalLanguage } from '../../language.js'
import { type ClassStyles, parseDeclarations } from './class-styles.js'
import type { LanguageAttributes } from './phrasing.js'

/** Elements that can run code, fetch, or submit: never converted, always reported. */
export const dangerousTags = new Set(
  `script style iframe object embed form input button select textarea template noscript svg math link
   meta base applet frame frameset canvas audio video source track param portal noembed noframes
   datalist option optgroup output`.split(/\s+/),
)

/**
 * Whether the page hides the element: the `hidden` attribute, or its style (its own, or its
 * classes' from the document's sheet) saying `display: none` or `visibility: hidden`. Word's
 * "Save as Web Page" writes its hidden text so.
 */
export function elementHidden(attrs: readonly Attribute[], classes?: ClassStyles): boolean {
  if (attribute(attrs, 'hidden') !== undefined) return true
  const style = styleOf(attrs, classes)
  return (
    style !== '' &&
    /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/.test(style)
  )
}

/** An inline mark the model has a node for. */
export type Mark = 'emphasis' | 'strong' | 'smallCaps' | 'delete' | 'underline' | 'subscript' | 'superscript'

/** An attribute as parse5 gives it. */
export interface Attribute {
  name: string
  value: string
}

function attribute(attrs: readonly Attribute[], name: string): string | undefined {
  for (const a of attrs) if (a.name === name) return a.value
  return undefined
}

/**
 * The element's style as one `style` attribute: its classes' declarations from the document's
 * sheet (`classes`), overridden by its own `style`, lower-case.
 */
function styleOf(attrs: readonly Attribute[], classes: ClassStyles | undefined): string {
  const own = (attribute(attrs, 'style') ?? '').toLowerCase()
  const classAttr = classes ? attribute(attrs, 'class') : undefined
  if (!classes || !classAttr) return own
  const fromClasses = classes.styleOf(classAttr)
  if (!fromClasses) return own
  if (!own) return fromClasses
  const merged = new Map(parseDeclarations(fromClasses))
  for (const [property, value] of parseDeclarations(own)) merged.set(property, value)
  return [...merged].map(([property, value]) => `${property}:${value}`).join(';')
}

function classList(attrs: readonly Attribute[]): string[] {
  return (attribute(attrs, 'class') ?? '').toLowerCase().split(/\s+/).filter(Boolean)
}

/**
 * The inline marks an element stands for: `<i>`, `<b>`, `<u>`, `<s>`, `<sub>`, `<sup>`, and the
 * same written as CSS (`<span style="font-variant: small-caps">`, `text-decoration: underline`,
 * `vertical-align: super`), as the document's style sheet says its classes are (`classes`, see
 * `class-styles.ts`), or as a class (`smallcaps`, pandoc's `underline`), as word processors, sites
 * and pandoc export them.
 */
export function elementMarks(tag: string, attrs: readonly Attribute[], classes?: ClassStyles): Mark[] {
  const marks: Mark[] = []
  if (['i', 'em', 'cite', 'dfn', 'var'].includes(tag)) marks.push('emphasis')
  if (tag === 'b' || tag === 'strong') marks.push('strong')
  // `<ins>` shows underlined in every browser; that is what its reader saw.
  if (tag === 'u' || tag === 'ins') marks.push('underline')
  if (tag === 's' || tag === 'strike' || tag === 'del') marks.push('delete')
  if (tag === 'sub') marks.push('subscript')
  if (tag === 'sup') marks.push('superscript')
  // Each property by its whole name: Word's `mso-bidi-font-weight:bold` is not bold.
  const style = styleOf(attrs, classes)
  const cls = classList(attrs)
  // The `font` shorthand too (`font: italic 12px Times`, as Cocoa's HTML export writes it).
  const font = /(?:^|;)\s*font\s*:\s*([^;]*)/.exec(style)?.[1] ?? ''
  if (
    (/(?:^|;)\s*font-style\s*:\s*(italic|oblique)/.test(style) || /\b(italic|oblique)\b/.test(font)) &&
    !marks.includes('emphasis')
  )
    marks.push('emphasis')
  if (
    (/(?:^|;)\s*font-weight\s*:\s*(bold|bolder|[6-9]00)/.test(style) ||
      /(^|\s)(bold|bolder|[6-9]00)(?=\s)/.test(font)) &&
    !marks.includes('strong')
  )
    marks.push('strong')
  const decoration = /(?:^|;)\s*text-decoration(?:-line)?\s*:\s*([^;]*)/.exec(style)?.[1] ?? ''
  if ((/\bunderline\b/.test(decoration) || cls.includes('underline')) && !marks.includes('underline'))
    marks.push('underline')
  if (/\bline-through\b/.test(decoration) && !marks.includes('delete')) marks.push('delete')
  const shift = /(?:^|;)\s*vertical-align\s*:\s*(super|sub)\b/.exec(style)?.[1]
  if (shift === 'super' && !marks.includes('superscript')) marks.push('superscript')
  if (shift === 'sub' && !marks.includes('subscript')) marks.push('subscript')
  if (
    /(?:^|;)\s*font-variant[a-z-]*\s*:\s*[^;]*small-caps/.test(style) ||
    cls.some((c) => /^(small-?caps|sc)$/.test(c))
  ) {
    marks.push('smallCaps')
  }
  return marks
}

/**
 * The alignment an element sets for the paragraphs inside it (`align="center"`, `text-align`,
 * a `center` class, `<center>`): `null` when it resets to the default, undefined when it says nothing.
 */
export function elementAlign(
  tag: string,
  attrs: readonly Attribute[],
  classes?: ClassStyles,
): 'center' | 'right' | null | undefined {
  if (tag === 'center') return 'center'
  const style = styleOf(attrs, classes)
  const value =
    /(?:^|;)\s*text-align\s*:\s*([a-z-]+)/.exec(style)?.[1] ?? attribute(attrs, 'align')?.toLowerCase()
  if (value === 'center' || value === 'right') return value
  if (value === 'left' || value === 'justify' || value === 'start') return null
  const cls = classList(attrs)
  if (cls.includes('center') || cls.includes('centered')) return 'center'
  return undefined
}

const NO_LANGUAGE: LanguageAttributes = Object.freeze({})

/**
 * The language and direction an element declares: `lang` (or `xml:lang`) made canonical, none
 * when absent or not BCP 47 (`lang=""` says "unknown", which marks nothing), and `dir` when `ltr`
 * or `rtl` (`auto` leaves the browser to guess; there is nothing to mark). In XHTML (an EPUB's
 * documents) `xml:lang` wins over `lang`, as the HTML standard says; in HTML it means nothing, but
 * is read where `lang` is absent or not a tag, as XHTML is often saved as `.html`.
 */
export function elementLanguage(attrs: readonly Attribute[], xhtml = false): LanguageAttributes {
  // Most elements of a long page (its paragraphs) have no attribute at all.
  if (attrs.length === 0) return NO_LANGUAGE
  const plain = attribute(attrs, 'lang')
  const xml = attribute(attrs, 'xml:lang')
  const [first, second] = xhtml ? [xml, plain] : [plain, xml]
  const lang = (first && canonicalLanguage(first)) || (second && canonicalLanguage(second)) || undefined
  const dir = attribute(attrs, 'dir')?.trim().toLowerCase()
  const out: LanguageAttributes = {}
  if (lang) out.lang = lang
  if (dir === 'ltr' || dir === 'rtl') out.dir = dir
  return out
}

/**
 * The `lang`, `xml:lang` and `dir` an element gives that mean nothing, each as written with why
 * (`lang="french"`: no BCP 47 tag; `dir="down"`): `elementLanguage` drops them, so a reader
 * can say so. An empty `lang` ("unknown") and `dir="auto"` are meaningful, and not among them.
 */
export function languageProblems(attrs: readonly Attribute[]): Array<{ written: string; reason: string }> {
  if (attrs.length === 0) return []
  const out: Array<{ written: string; reason: string }> = []
  for (const name of ['lang', 'xml:lang']) {
    const value = attribute(attrs, name)
    if (value !== undefined && value.trim() !== '' && !canonicalLanguage(value))
      out.push({
        written: `${name}="${value}"`,
        reason: 'is not a language tag (BCP 47: `fr`, `pt-BR`, `sr-Latn`)',
      })
  }
  const dir = attribute(attrs, 'dir')
  const lower = dir?.trim().toLowerCase()
  if (dir !== undefined && lower !== 'ltr' && lower !== 'rtl' && lower !== 'auto' && lower !== '')
    out.push({ written: `dir="${dir}"`, reason: 'is not a direction (`ltr`, `rtl` or `auto`)' })
  return out
}

/** HTML's void elements: a start tag and nothing more, never content or an end tag. */
export const voidTags = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
])
