/**
 * Raw HTML tags in a Markdown paragraph (`I <u>did</u> say`): Markdown hands each tag over as its
 * own node among the text, so opening and closing tags are paired here, with a stack, and the pair
 * becomes what the HTML reader makes of the same element (`../shared/html-marks.ts`): `<u>` an
 * `underline`, `<span class="smallcaps">` a `smallCaps`, `<sub>`/`<sup>`, `<s>`/`<del>`/`<strike>`,
 * `<i>`/`<b>`, `<a href>` a link, `<code>` code, `<br>` a break, and `lang`/`dir` on any of them a
 * span in another language (inside the mark, as in HTML). Markdown inside the pair stays
 * Markdown (`<u>*both*</u>` is underlined italics). An element with no equivalent (`<small>`,
 * `<font>`, `<span class="x">`) keeps its text and is reported once per file, with its place; a
 * tag left open ends with the paragraph, as in a browser, and is reported. Elements that can run
 * code or fetch are dropped with their content, as in the HTML reader.
 */
import type * as Mdast from 'mdast'
import { pushAll } from '../../model/arrays.js'
import type { PhrasingContent } from '../../model/types.js'
import { toText } from '../../model/walk.js'
import { dangerousTags, elementLanguage, elementMarks, voidTags } from '../shared/html-marks.js'
import { inLanguage, type LanguageContext, mergeText, scopeWithin } from '../shared/phrasing.js'
import { clean } from '../source.js'
import type { ConverterHost as MarkdownConverter } from './host.js'
import { neutralAttributes, type RawTag, readTag, tagLabel } from './raw-html.js'

type MdNode = Mdast.Nodes
type MdPosition = NonNullable<Mdast.Node['position']>

/** Elements whose content is code or data, not words: skipped with their content. */
const rawTextTags = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'template',
  'noscript',
  'iframe',
  'xmp',
  'svg',
  'math',
  'object',
])

const codeTags = new Set(['code', 'kbd', 'samp', 'tt'])

/** Elements read for what they are rather than as marks. */
const structural = new Set(['a', 'br', 'img', 'wbr', 'q', ...codeTags])

interface Frame {
  tag: RawTag
  open: MdPosition | undefined
  out: PhrasingContent[]
  /** The language inside the element, and around it. */
  scope: LanguageContext
  outer: LanguageContext
}

/** True when the element means something the model keeps (or nothing at all, like a bare `<span>`). */
export function understood(tag: RawTag): boolean {
  if (structural.has(tag.name) || elementMarks(tag.name, tag.attrs).length > 0) return true
  return tag.name === 'span' && tag.attrs.every((a) => neutralAttributes.has(a.name))
}

/** The phrasing content of `nodes`, raw HTML tags among them paired and read as elements. */
export function inlinesWithHtml(
  converter: MarkdownConverter,
  nodes: readonly MdNode[],
  depth: number,
): PhrasingContent[] {
  const root: PhrasingContent[] = []
  const frames: Frame[] = []
  const into = () => (frames.length > 0 ? frames[frames.length - 1]!.out : root)
  const scope = () => (frames.length > 0 ? frames[frames.length - 1]!.scope : converter.scope)
  const { sink } = converter.options
  let skipUntil: string | undefined
  let dropped = false
  let last: MdPosition | undefined
  const close = (end: MdPosition['end'] | undefined) => {
    const frame = frames.pop()!
    pushAll(into(), element(converter, frame, end))
  }
  for (const node of nodes) {
    if (node.type !== 'html') {
      if (skipUntil) continue
      // Markdown inside `<span lang="fr">` is read in French, for a span in yet another language.
      pushAll(
        into(),
        converter.inScope(scope(), () => converter.inline(node, depth)),
      )
      last = node.position ?? last
      continue
    }
    const tag = readTag(node.value)
    if (skipUntil) {
      if (tag?.kind === 'close' && tag.name === skipUntil) skipUntil = undefined
      continue
    }
    // Comments, processing instructions, declarations: not content.
    if (!tag) {
      dropped = true
      continue
    }
    const name = tag.name
    if (dangerousTags.has(name) || rawTextTags.has(name)) {
      if (tag.kind === 'open') {
        sink.dropped(name, converter.positionOf(node))
        dropped = true
        if (!tag.selfClosing && !voidTags.has(name)) skipUntil = name
      }
      continue
    }
    if (tag.kind === 'close') {
      let k = frames.length - 1
      while (k >= 0 && frames[k]!.tag.name !== name) k--
      if (k < 0) {
        if (!voidTags.has(name))
          converter.htmlUnbalanced(
            `${tagLabel(tag)} closes nothing opened in its paragraph; it was ignored`,
            node,
          )
        dropped = true
        continue
      }
      // Elements opened inside it and left open end with it, as in a browser.
      while (frames.length > k + 1) close(node.position?.start)
      close(node.position?.end)
      last = node.position ?? last
      continue
    }
    if (!understood(tag)) converter.htmlUnknown(tag, node)
    if (name === 'br') into().push(converter.at({ type: 'break' }, node.position))
    else if (name === 'img') pushAll(into(), converter.inlineImage(node))
    else if (!tag.selfClosing && !voidTags.has(name)) {
      const outer = scope()
      const inner = scopeWithin(outer, elementLanguage(tag.attrs))
      frames.push({ tag, open: node.position, out: [], scope: inner, outer })
    }
    last = node.position ?? last
  }
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!
    converter.htmlUnbalanced(
      `${tagLabel(frame.tag)} is not closed in its paragraph; it ends with the paragraph`,
      frame.open,
    )
    close(last?.end)
  }
  const merged = mergeText(root)
  // Dropping a tag or comment can leave "and  gone": the spaces on either side of it meet.
  if (dropped) {
    const stack: PhrasingContent[] = [...merged]
    while (stack.length > 0) {
      const node = stack.pop()!
      if (node.type === 'text') node.value = node.value.replace(/ {2,}/g, ' ')
      else if ('children' in node) stack.push(...node.children)
    }
  }
  return merged
}

/** What a closed pair of tags becomes, the HTML reader's way. */
function element(
  converter: MarkdownConverter,
  frame: Frame,
  end: MdPosition['end'] | undefined,
): PhrasingContent[] {
  const { tag } = frame
  const position: MdPosition | undefined = frame.open && end ? { start: frame.open.start, end } : frame.open
  const content = inLanguage(
    mergeText(frame.out),
    frame.scope,
    frame.outer,
    converter.at<PhrasingContent>({ type: 'break' }, position).position,
  )
  const attr = (name: string) => tag.attrs.find((a) => a.name === name)?.value
  if (tag.name === 'a') {
    const href = attr('href')
    return href === undefined ? content : converter.link(href, attr('title'), content, position)
  }
  if (codeTags.has(tag.name)) {
    const value = clean(toText(content))
    return value === '' ? [] : [converter.at({ type: 'code', value }, position)]
  }
  if (tag.name === 'q') return [{ type: 'text', value: '"' }, ...content, { type: 'text', value: '"' }]
  let out = content
  for (const mark of elementMarks(tag.name, tag.attrs)) {
    // `<sup>[^1]</sup>` is a footnote marker, already raised by every renderer.
    if (mark === 'superscript' && out.every(isNoteMarker)) continue
    if (out.length === 0) break
    out = [converter.at({ type: mark, children: out }, position)]
  }
  return out
}

function isNoteMarker(node: PhrasingContent): boolean {
  return node.type === 'footnoteReference' || (node.type === 'text' && node.value.trim() === '')
}
