/**
 * A KF8 book (AZW3, or the KF8 half of a joint MOBI) as XHTML documents. Its text is flows
 * (FDST): flow 0 the markup, the others style sheets and SVG. Each original file is a skeleton
 * (SKEL index) with fragments (FRAG index) put back at their insert positions. Links are Kindle
 * URLs: `kindle:pos:fid:XXXX:off:YYYYYYYYYY` (a fragment and an offset from its insert position,
 * base 32) becomes `partNNNN.html#id` by the nearest id at or before that place, as calibre
 * resolves them; `kindle:embed:XXXX` a picture; `kindle:flow:XXXX` a style sheet.
 */
import { attr, bodyOf, elements, headSheets, parseDocument, removeAttr, setAttr, toXhtml } from './dom.js'
import type { Index } from './indx.js'
import { type Book, type NavPoint, picturePath } from './package.js'
import { binaryString, stringBytes, u32 } from './pdb.js'
import type { Resources } from './resources.js'

export interface Kf8Problems {
  missingPictures: number
  damaged: number
}

interface Part {
  name: string
  /** Where the file's skeleton starts and its last fragment ends, in flow 0. */
  start: number
  end: number
  text: string
}

interface Fragment {
  insert: number
}

const utf8 = new TextDecoder('utf-8')

export function kf8Book(
  text: Uint8Array,
  fdst: Uint8Array | undefined,
  skel: Index,
  frag: Index,
  ncx: Index | undefined,
  guideIndex: Index | undefined,
  resources: Resources,
  problems: Kf8Problems,
): Book {
  const raw = binaryString(text)
  const flows: string[] = []
  if (fdst && String.fromCharCode(...fdst.subarray(0, 4)) === 'FDST') {
    const at = u32(fdst, 4)
    const count = u32(fdst, 8)
    for (let i = 0; i < count && at + i * 8 + 8 <= fdst.length; i++)
      flows.push(raw.slice(u32(fdst, at + i * 8), u32(fdst, at + i * 8 + 4)))
  }
  if (flows.length === 0) flows.push(raw)
  const markup = flows[0]!

  const fragments: Fragment[] = frag.entries.map((e) => ({ insert: Number(e.name) }))
  const parts: Part[] = []
  let next = 0
  for (const [n, entry] of skel.entries.entries()) {
    const count = entry.tags.get(1)?.[0] ?? 0
    const [start = 0, length = 0] = entry.tags.get(6) ?? []
    let skeleton = markup.slice(start, start + length)
    let base = start + length
    for (let i = 0; i < count && next < frag.entries.length; i++, next++) {
      const f = frag.entries[next]!
      const [, fragLength = 0] = f.tags.get(6) ?? []
      const piece = markup.slice(base, base + fragLength)
      let at = Number(f.name) - start
      if (!Number.isFinite(at) || at < 0 || at > skeleton.length) {
        problems.damaged++
        at = Math.max(
          0,
          Math.min(
            skeleton.length,
            skeleton.lastIndexOf('</body>') >= 0 ? skeleton.lastIndexOf('</body>') : skeleton.length,
          ),
        )
      }
      skeleton = skeleton.slice(0, at) + piece + skeleton.slice(at)
      base += fragLength
    }
    parts.push({ name: `part${String(n).padStart(4, '0')}.html`, start, end: base, text: skeleton })
  }
  if (parts.length === 0) parts.push({ name: 'part0000.html', start: 0, end: markup.length, text: markup })

  /** Aids linked to, per part: those tags get an id. */
  const linkedAids = new Map<Part, Set<string>>()
  const resolve = (fid: number, offset: number): string | undefined => {
    const fragment = fragments[fid]
    if (!fragment) return undefined
    const pos = fragment.insert + offset
    const part = parts.find((p) => pos >= p.start && pos < p.end) ?? parts.find((p) => pos === p.end)
    if (!part) return undefined
    return `${part.name}${anchorAt(part, pos - part.start, linkedAids)}`
  }

  const toc: NavPoint[] = []
  if (ncx) {
    const byNumber = new Map<number, NavPoint>()
    ncx.entries.forEach((entry, i) => {
      const [fid, off] = entry.tags.get(6) ?? []
      const target = fid === undefined ? undefined : resolve(fid, off ?? 0)
      if (!target) return
      const point: NavPoint = {
        label: ncx.strings.get(entry.tags.get(3)?.[0] ?? -1) ?? '',
        href: `text/${target}`,
        children: [],
      }
      byNumber.set(i, point)
      const parent = byNumber.get(entry.tags.get(21)?.[0] ?? -1)
      if (parent) parent.children.push(point)
      else toc.push(point)
    })
  }
  const guide: Book['guide'] = []
  for (const entry of guideIndex?.entries ?? []) {
    const [fid, off] = entry.tags.get(6) ?? []
    const target = fid === undefined ? undefined : resolve(fid, off ?? 0)
    if (target)
      guide.push({
        type: entry.name.toLowerCase(),
        title: guideIndex!.strings.get(entry.tags.get(1)?.[0] ?? -1) ?? '',
        href: `text/${target}`,
      })
  }
  // Resolve against the unchanged parts, then rewrite.
  const files: Book['files'] = new Map()
  const pictureUrl = (number: number) => {
    const picture = resources.pictures.get(number)
    if (!picture) {
      // A font is left out and said once, as the book's fonts; anything else is a missing picture.
      if (resources.others.get(number) !== 'a font') problems.missingPictures++
      return undefined
    }
    const path = picturePath(number, picture)
    files.set(path, { bytes: picture.bytes, mediaType: picture.mediaType })
    return path
  }
  const flowUrl = (n: number): string | undefined => {
    const flow = flows[n]
    if (n === 0 || flow === undefined) return undefined
    const svg = /<svg[\s>]/i.test(flow)
    const path = `${svg ? 'images' : 'styles'}/flow${String(n).padStart(4, '0')}.${svg ? 'svg' : 'css'}`
    if (!files.has(path)) {
      const body = svg ? flow.slice(flow.search(/<svg[\s>]/i)) : rewriteCss(flow, pictureUrl)
      files.set(path, { bytes: stringBytes(body), mediaType: svg ? 'image/svg+xml' : 'text/css' })
    }
    return path
  }
  const rewritten = parts.map((part) =>
    part.text
      .replace(
        /kindle:pos:fid:([0-9A-Va-v]{1,8}):off:([0-9A-Va-v]{1,12})/g,
        (_, fid: string, off: string) => {
          const target = resolve(Number.parseInt(fid, 32), Number.parseInt(off, 32))
          if (target === undefined) problems.damaged++
          return target ?? '#'
        },
      )
      .replace(/kindle:embed:([0-9A-Va-v]{1,8})(?:\?mime=[^"')\s]*)?/g, (_, n: string) => {
        const url = pictureUrl(Number.parseInt(n, 32))
        return url ? `../${url}` : 'missing:'
      })
      .replace(/kindle:flow:([0-9A-Va-v]{1,8})(?:\?mime=[^"')\s]*)?/g, (_, n: string) => {
        const url = flowUrl(Number.parseInt(n, 32))
        return url ? `../${url}` : 'missing:'
      }),
  )

  const documents: Book['documents'] = []
  parts.forEach((part, i) => {
    const aids = linkedAids.get(part)
    const html = utf8.decode(stringBytes(rewritten[i]!))
    const doc = parseDocument(html)
    const body = bodyOf(doc)
    if (!body) return
    for (const el of [body, ...elements(body)]) {
      const aid = attr(el, 'aid')
      if (aid !== undefined) {
        removeAttr(el, 'aid')
        if (aids?.has(aid) && !attr(el, 'id')) setAttr(el, 'id', `aid-${aid}`)
      }
      // calibre and kindlegen keep `epub:type` as a bare `type`: put it back where it is EPUB's.
      const type = attr(el, 'type')
      if (
        type &&
        !['input', 'button', 'link', 'style', 'script', 'source', 'object', 'embed'].includes(el.tagName) &&
        EPUB_TYPES.test(type)
      ) {
        removeAttr(el, 'type')
        setAttr(el, 'epub:type', type)
      }
      if (el.tagName === 'img' && attr(el, 'src') === 'missing:') {
        const parent = el.parentNode
        if (parent) parent.childNodes.splice(parent.childNodes.indexOf(el), 1)
      }
    }
    documents.push({ path: `text/${part.name}`, xhtml: toXhtml(part.name, headSheets(doc), body) })
  })

  return { documents, files, toc, guide }
}

/** EPUB structural semantics a bare `type` attribute may carry. */
const EPUB_TYPES =
  /^(?:\s*(?:noteref|footnotes?|endnotes?|rearnotes?|note|bodymatter|frontmatter|backmatter|chapter|part|titlepage|halftitlepage|toc|landmarks|cover|copyright-page|dedication|epigraph|preface|foreword|introduction|prologue|epilogue|afterword|appendix|glossary|bibliography|index|colophon|acknowledgments|abstract|conclusion|subtitle|title|pagebreak|biblioentry|glossterm|glossdef|aside|sidebar)\s*)+$/i

/** The id to link to for `at` in a part: that of the tag there, or of the nearest tag before it with an id, name or aid. */
function anchorAt(part: Part, at: number, linkedAids: Map<Part, Set<string>>): string {
  const text = part.text
  let end = at
  const lt = text.indexOf('<', at)
  const gt = text.indexOf('>', at)
  if (gt >= 0 && (lt === at || gt < lt || lt < 0)) end = gt + 1
  const before = text.slice(Math.max(0, end - 200_000), end)
  const tags = [...before.matchAll(/<[^<>]*>/g)].reverse()
  for (const tag of tags) {
    const id = /\s(?:id|name)\s*=\s*["']([^"']+)["']/i.exec(tag[0])
    if (id) return `#${id[1]}`
    const aid = /\said\s*=\s*["']([^"']+)["']/i.exec(tag[0])
    if (aid) {
      const set = linkedAids.get(part) ?? new Set()
      set.add(aid[1]!)
      linkedAids.set(part, set)
      return `#aid-${aid[1]}`
    }
  }
  return ''
}

function rewriteCss(css: string, pictureUrl: (n: number) => string | undefined): string {
  return css.replace(/url\(\s*["']?kindle:embed:([0-9A-Va-v]{1,8})[^)]*\)/g, (_, n: string) => {
    const url = pictureUrl(Number.parseInt(n, 32))
    return url ? `url("../${url}")` : 'none'
  })
}
