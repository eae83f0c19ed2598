/**
 * Which headings of an HTML story open chapters when the file holds several: an AO3 full-work
 * page (`#chapters` holding one `div.chapter` per chapter, each titled by its `h3.title`), an AO3
 * download (`#chapters` holding, per chapter, a `div.meta` with an `h2.heading`), or a
 * hand-written page with several chapter headings at one level, planned like Markdown's
 * (`../split.ts`). Only headings the converter meets in the flow of the story count: not those
 * in notes, page chrome, quotations, lists or tables.
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import { hasText, textContent } from '../shared/html-text.js'
import { isOrnament } from '../shared/ornament.js'
import { type HeadingInfo, planSplit } from '../split.js'
import { attr, classes, isChrome, isNotesBlock } from './convert.js'
import type { Story } from './site.js'

type Element = P5.Element
type ParentNode = P5.ParentNode

export interface HtmlSplit {
  /** Headings opening a part or chapter, in document order. */
  openers: Array<{ el: Element; part: boolean }>
  /** A heading above the chapters that titles the book. */
  title?: Element
}

const isElement = (node: P5.ChildNode | ParentNode): node is Element => 'tagName' in node
const headingTag = /^h[1-6]$/
/** Page furniture and code: never the story's flow. */
const skipped = new Set(['nav', 'header', 'footer', 'script', 'style', 'template', 'noscript'])

/** Elements whose children the converter lays out as blocks in the story's own flow. */
function isFlowContainer(el: Element): boolean {
  const tag = el.tagName
  if (tag === 'blockquote') return classes(el).includes('userstuff')
  return ['div', 'section', 'article', 'main', 'center', 'body', 'html', 'span', 'font'].includes(tag)
}

/** A heading worth planning with: visible words, not a screen-reader signpost or an ornament. */
function headingText(el: Element): string | undefined {
  const text = textContent(el).replace(/\s+/g, ' ').trim()
  if (text === '' || /^chapter text$/i.test(text) || isOrnament(text)) return undefined
  return text
}

/** Headings in the flow under `root`, in document order, with what comes after each. */
function flowHeadings(root: ParentNode): Array<{ el: Element; info: HeadingInfo }> {
  const out: Array<{ el: Element; info: HeadingInfo }> = []
  // The last heading met, until something with words follows it: a heading then is "bare".
  let last: { info: HeadingInfo } | undefined
  const stack: P5.ChildNode[] = [...root.childNodes].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    if (!isElement(node)) {
      if (node.nodeName === '#text' && hasText(node)) last = undefined
      continue
    }
    const tag = node.tagName
    if (isChrome(node) || isNotesBlock(node) || skipped.has(tag)) continue
    if (headingTag.test(tag)) {
      const text = headingText(node)
      if (text === undefined) continue
      if (last) last.info.bare = true
      const entry = { el: node, info: { depth: Number(tag.slice(1)), text } }
      out.push(entry)
      last = entry
      continue
    }
    if (isFlowContainer(node)) {
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!)
      continue
    }
    // A paragraph, quotation, list, table, figure…: content, never a chapter heading.
    if (tag === 'img' || tag === 'hr' || hasText(node)) last = undefined
  }
  return out
}

/** AO3's own chapter structure under `#chapters`, when it holds two or more chapters. */
function ao3Chapters(root: Element): HtmlSplit | undefined {
  const kids = root.childNodes.filter(isElement)
  const wrappers = kids.filter((el) => el.tagName === 'div' && classes(el).includes('chapter'))
  const metas = kids.filter((el) => el.tagName === 'div' && classes(el).includes('meta'))
  for (const group of [wrappers, metas]) {
    if (group.length < 2) continue
    const openers: HtmlSplit['openers'] = []
    for (const el of group) {
      const heading = flowHeadings(el)[0]
      if (heading) openers.push({ el: heading.el, part: false })
    }
    // An AO3 end-notes `div.meta` has no heading; a chapter wrapper always has one.
    if (openers.length >= 2 && (group === metas || openers.length === group.length)) return { openers }
  }
  return undefined
}

/** The chapter headings of a story that holds several chapters; `undefined` for one chapter. */
export function findSplit(story: Story, language: string): HtmlSplit | undefined {
  const root = story.root
  if (story.site === 'ffn') return undefined
  if (story.site === 'ao3' && isElement(root) && (attr(root, 'id') ?? '').toLowerCase() === 'chapters') {
    const ao3 = ao3Chapters(root)
    if (ao3) return ao3
  }
  const headings = flowHeadings(root)
  const plan = planSplit(
    headings.map((h) => h.info),
    language,
  )
  if (!plan) return undefined
  const split: HtmlSplit = { openers: plan.openers.map((o) => ({ el: headings[o.index]!.el, part: o.part })) }
  if (plan.title !== undefined) split.title = headings[plan.title]!.el
  return split
}
