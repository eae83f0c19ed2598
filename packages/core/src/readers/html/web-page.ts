/**
 * A saved web page from a site Octavo has no profile for (a blog post, a serial's chapter page on
 * WordPress or Blogger, a forum-less story site): the chapter sits in the page's one `<article>`
 * (or `<main>`), and around it and inside it are the site's furniture: its header and menus, a
 * sidebar of recent posts, the post's date-and-author line, share buttons, "Previous chapter ·
 * Next chapter" links, categories, comments and the footer. None of it is the book. A page with
 * no such furniture (a hand-written chapter, a word processor's export) is left as it is, so only
 * a page that looks like a site is narrowed.
 */
import { attr, classes, isNotesBlock } from './convert.js'
import { contains, descendants, detach, type Element, isElement, type ParentNode, text } from './sites/dom.js'

/** Furniture by id or class: the names site themes (WordPress, Blogger, Ghost…) give it. */
const FURNITURE =
  /(?:^|[\s_-])(?:comments?|comment-respond|respond|sidebar|widgets?|widget-area|share|sharing|sharedaddy|social|share-buttons|related|relatedposts|jp-relatedposts|advert|ads|ad-slot|navigation|pagination|nav-links|post-nav|breadcrumbs?|menu|newsletter|subscribe|subscription|entry-meta|post-meta|postmeta|post-footer|entry-footer|entry-utility|cat-links|tags-links|post-tags|post-labels|author-box|author-bio|about-author|reviews|cookie|banner|skip-link|screen-reader-text)(?:$|[\s_-])/i

/** The class a site theme gives a post's or chapter's text when it has no `<article>`. */
const POST_BODY =
  /^(?:post-body|entry-content|post-content|article-content|article-body|story-content|story-text|chapter-content|chapter-text|chapter-body|storytext)$/i

/** What only a site's page has outside its post: its bars, header and footer. */
const SITE =
  /(?:^|[\s_-])(?:nav|navbar|topbar|top-bar|header|masthead|footer|reviews|site-title)(?:$|[\s_-])/i

/** Elements that are furniture wherever they sit on such a page. */
const FURNITURE_TAGS = new Set(['nav', 'aside', 'form', 'footer', 'button', 'menu', 'dialog'])

/** Words a chapter-navigation link says: "« Previous Chapter", "Next →", "Table of Contents". */
const NAV_LINK =
  /^[\s«‹<←⟵|]*(?:(?:previous|prev|next|first|last|latest|older|newer)(?:\s+(?:chapter|part|page|post|episode|entry|posts)\b.{0,60}|\s*\d*)|(?:back to |return to )?(?:home|index|table of contents|contents|toc|chapter list|chapters))[\s»›>→⟶|]*$/i

function furnitureName(el: Element): boolean {
  return FURNITURE.test(`${el.attrs.find((a) => a.name === 'id')?.value ?? ''} ${classes(el).join(' ')}`)
}

/**
 * The element holding the page's one post, with its furniture removed (and its title, when that
 * sits above it rather than in it), or undefined when the page
 * is not a site's page (no furniture outside the post) or holds no single post.
 */
export function webPagePost(doc: ParentNode): { post: Element; heading?: Element } | undefined {
  const all = descendants(doc)
  const body = all.find((el) => el.tagName === 'body')
  if (!body) return undefined
  const articles = all.filter(
    (el) =>
      (el.tagName === 'article' ||
        el.attrs.some((a) => a.name === 'itemprop' && a.value === 'articleBody')) &&
      !all.some((other) => other !== el && other.tagName === 'article' && contains(other, el)),
  )
  const mains = all.filter(
    (el) => el.tagName === 'main' || el.attrs.some((a) => a.name === 'role' && a.value === 'main'),
  )
  const bodies = all.filter((el) => [...classes(el), attr(el, 'id') ?? ''].some((c) => POST_BODY.test(c)))
  const outermost = bodies.filter((el) => !bodies.some((other) => other !== el && contains(other, el)))
  let heading: Element | undefined
  let post =
    articles.length === 1 ? articles[0] : articles.length === 0 && mains.length === 1 ? mains[0] : undefined
  if (!post && articles.length === 0 && outermost.length === 1) {
    // Blogger's `div.post-body`: the post's title is the heading just above it.
    post = outermost[0]!
    const at = all.indexOf(post)
    const inFurniture = (h: Element) =>
      all.some(
        (f) =>
          f !== h &&
          contains(f, h) &&
          (FURNITURE_TAGS.has(f.tagName) ||
            (f.tagName === 'header' && !contains(f, post!)) ||
            furnitureName(f)),
      )
    heading = all
      .slice(0, at)
      .reverse()
      .find((h) => /^h[1-3]$/.test(h.tagName))
    if (heading && inFurniture(heading)) heading = undefined
  }
  if (!post) return undefined
  // Only a site's page: something of the site's sits outside the post.
  const outside = all.some(
    (el) =>
      !contains(post!, el) &&
      !contains(el, post!) &&
      (FURNITURE_TAGS.has(el.tagName) ||
        el.tagName === 'header' ||
        furnitureName(el) ||
        SITE.test(`${attr(el, 'id') ?? ''} ${classes(el).join(' ')}`)) &&
      text(el).trim() !== '',
  )
  if (!outside) return undefined
  if (post.tagName !== 'article' && post.tagName !== 'main') {
    // The author's notes beside the chapter's text (`div.author-note`) are kept with it, and
    // with them the chapter's heading when it sits beside them too.
    const parent = post.parentNode
    const siblings = parent ? parent.childNodes.filter(isElement) : []
    const notes = siblings.filter((el) => el !== post && isNotesBlock(el))
    if (parent && isElement(parent) && notes.length > 0) {
      for (const el of siblings) if (el !== post && el !== heading && !notes.includes(el)) detach(el)
      if (heading && siblings.includes(heading)) heading = undefined
      post = parent
    }
  }
  for (const el of descendants(post)) {
    if (!contains(post, el)) continue // already taken out with its parent
    if (FURNITURE_TAGS.has(el.tagName) || furnitureName(el)) {
      detach(el)
      continue
    }
    // The post's header keeps its title, not its date, author line or category links.
    if (el.tagName === 'header') {
      const heading = descendants(el).find((h) => /^h[1-6]$/.test(h.tagName))
      if (!heading) detach(el)
      else
        for (const other of descendants(el))
          if (!contains(other, heading) && !contains(heading, other)) detach(other)
    }
  }
  dropChapterLinks(post)
  return heading ? { post, heading } : { post }
}

/**
 * A paragraph of nothing but chapter-navigation links ("« Previous Chapter | Next Chapter »",
 * "Table of Contents") is the site's, not the chapter's.
 */
export function dropChapterLinks(root: ParentNode): void {
  for (const el of descendants(root)) {
    if (el.tagName !== 'p' && el.tagName !== 'div' && el.tagName !== 'center') continue
    if (!contains(root, el)) continue
    const links = descendants(el).filter((a) => a.tagName === 'a' && a.attrs.some((x) => x.name === 'href'))
    if (links.length === 0) continue
    if (!links.every((a) => NAV_LINK.test(text(a).trim()) && text(a).trim() !== '')) continue
    // Besides the links, only separators.
    let rest = text(el)
    for (const a of links) rest = rest.replace(text(a), '')
    if (/[\p{L}\p{N}]/u.test(rest)) continue
    detach(el)
  }
}
