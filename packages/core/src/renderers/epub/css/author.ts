/**
 * The author's stylesheet (`epub: {css}`), packaged rather than copied: parsed with css-tree,
 * every `url()` and `@import` resolved against the file that contains it. Local `@import`s are
 * inlined in place (inside `@media` when the import has a media query); local images and fonts
 * that `url()` names are read through `env.readFile` (confined to the book folder, within the
 * size limits), typed from their bytes, SVG sanitised, and stored in the EPUB under new names,
 * the `url()` rewritten to them. What cannot be packaged (a remote URL, a file that is missing,
 * outside the book or not an image or font) takes its declaration or rule with it, with one
 * warning each at the stylesheet's file, line and column: the EPUB never points at something
 * it does not hold, and a reading system never fetches from the network.
 */
import type * as CssTree from 'css-tree'
import type { Code } from '../../../diagnostics/codes.js'
import { confinePath, type Env, ResourceError } from '../../../env.js'
import { sniffImageType } from '../../../resources/image-type.js'
import { extensionOf, sniffFont } from '../sniff.js'

export interface StoredFile {
  /** Manifest id. */
  id: string
  /** Path under `OEBPS/`. */
  path: string
  mediaType: string
  data: Uint8Array
}

/** `@import` chains deeper than this are cut (a file importing itself is caught sooner). */
const MAX_IMPORT_DEPTH = 8

export interface AuthorCss {
  /** The stylesheet text, `url()`s pointing at `files` relative to `css/book.css`. */
  css: string
  /** Images and fonts it references, to store under `OEBPS/`. */
  files: StoredFile[]
}

/** Where a problem is: the stylesheet's book-relative path, line and column. */
export type CssReport = (code: Code, message: string, file: string, line?: number, column?: number) => void

/**
 * The CSS parser, loaded by the first book that has a stylesheet of its own: loading it costs
 * more than a short book's whole build, and most books have none.
 */
let csstree: typeof CssTree
let loading: Promise<typeof CssTree> | undefined

interface State {
  env: Env
  report: CssReport
  files: StoredFile[]
  /** Book-relative path → href from css/book.css, or null when it could not be packaged. */
  stored: Map<string, string | null>
}

/**
 * Parse, resolve and package the author's stylesheet at book-relative `path`. Never throws:
 * an unreadable stylesheet is reported and gives undefined.
 */
export async function packageAuthorCss(
  path: string,
  env: Env,
  report: CssReport,
): Promise<AuthorCss | undefined> {
  const state: State = { env, report, files: [], stored: new Map() }
  const confined = confinePath(path)
  if (confined instanceof ResourceError) {
    report(confined.code, confined.message, path)
    return undefined
  }
  let text: string
  try {
    text = decode(await env.readFile(confined, 'css'))
  } catch (error) {
    const e = error instanceof ResourceError ? error : new ResourceError('io-read', String(error))
    report(e.code, e.message, path)
    return undefined
  }
  loading ??= import('css-tree')
  csstree = await loading
  const css = await resolveSheet(text, confined, state, [confined])
  return { css, files: state.files }
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')
}

/** The folder part of a book-relative path (`css/a.css` → `css/`). */
function folderOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash + 1)
}

function isRemoteOrScheme(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')
}

interface Edit {
  start: number
  end: number
  text: string
}

/**
 * The stylesheet `text` (at book-relative `file`) with its references resolved. The author's
 * text is kept as written: only the ranges that change are spliced (a `url()` rewritten, a
 * declaration or rule removed, an `@import` replaced by the imported sheet).
 */
async function resolveSheet(text: string, file: string, state: State, chain: string[]): Promise<string> {
  const ast = csstree.parse(text, {
    positions: true,
    filename: file,
    onParseError: (error) => {
      state.report(
        'resource-css-dropped',
        `Stylesheet "${file}": ${error.message}; the unreadable part is ignored by reading systems`,
        file,
        error.line,
        error.column,
      )
    },
  })
  const edits: Edit[] = []
  const drop = (code: Code, message: string, node: CssTree.CssNode) => {
    const at = node.loc?.start
    state.report(code, `Stylesheet "${file}": ${message}`, file, at?.line, at?.column)
  }
  /** Remove a node's text, with the `;` that ends it. */
  const remove = (node: CssTree.CssNode) => {
    if (!node.loc) return
    let end = node.loc.end.offset
    const rest = /^\s*;/.exec(text.slice(end, end + 64))
    if (rest) end += rest[0].length
    edits.push({ start: node.loc.start.offset, end, text: '' })
  }

  // Collected first (the walk may not await): declarations with url()s, @charset/@import rules,
  // and raw text css-tree could not read that names a URL.
  const declarations: Array<{ node: CssTree.Declaration; font: boolean }> = []
  const atrules: CssTree.Atrule[] = []
  let fontFace = 0
  let inDeclaration = 0
  csstree.walk(ast, {
    enter(node: CssTree.CssNode) {
      if (node.type === 'Atrule') {
        const name = node.name.toLowerCase()
        if (name === 'font-face') fontFace++
        if (name === 'charset' || name === 'import') atrules.push(node)
      } else if (node.type === 'Declaration') {
        inDeclaration++
        let hasUrl = false
        let unreadable = false
        csstree.walk(node, {
          enter(child: CssTree.CssNode) {
            if (child.type === 'Url') hasUrl = true
            // A url( css-tree could not read as a URL token (`url(javascript:a(1))`), or one in
            // text it kept raw: what cannot be checked is not kept.
            else if (child.type === 'Function' && /^(url|src|image-set|-webkit-image-set)$/i.test(child.name))
              unreadable = true
            else if (child.type === 'Raw' && /url\s*\(|image-set|expression|script:/i.test(child.value))
              unreadable = true
          },
        })
        if (unreadable) {
          drop(
            'resource-css-dropped',
            'a url() that cannot be read safely is left out with its declaration',
            node,
          )
          remove(node)
        } else if (hasUrl) declarations.push({ node, font: fontFace > 0 })
      } else if (node.type === 'Raw' && inDeclaration === 0 && /url\s*\(|@import/i.test(node.value)) {
        drop('resource-css-dropped', 'unreadable text naming a URL is left out', node)
        remove(node)
      }
    },
    leave(node: CssTree.CssNode) {
      if (node.type === 'Atrule' && node.name.toLowerCase() === 'font-face') fontFace--
      else if (node.type === 'Declaration') inDeclaration--
    },
  })

  // url()s, each resolved against this file: a declaration keeps all its urls or goes.
  for (const { node, font } of declarations) {
    const urls: CssTree.Url[] = []
    csstree.walk(node, { visit: 'Url', enter: (url) => void urls.push(url) })
    const rewritten: Edit[] = []
    for (const url of urls) {
      const href = await packageUrl(url.value.trim(), file, font, state, (code, message) =>
        drop(code, message, url),
      )
      if (href === undefined || !url.loc) {
        rewritten.length = 0
        remove(node)
        break
      }
      rewritten.push({
        start: url.loc.start.offset,
        end: url.loc.end.offset,
        text: `url("${href.replace(/["\\\n]/g, (c) => `\\${c === '\n' ? 'a ' : c}`)}")`,
      })
    }
    edits.push(...rewritten)
  }

  // @charset goes (ours comes first); a local @import is replaced by the sheet it names.
  for (const node of atrules) {
    if (node.name.toLowerCase() === 'charset') {
      remove(node)
      continue
    }
    const target = importTarget(node)
    const fail = (code: Code, message: string) => {
      drop(code, message, node)
      remove(node)
    }
    if (target === undefined) {
      fail('resource-css-dropped', 'an @import without a file is left out')
      continue
    }
    if (isRemoteOrScheme(target)) {
      fail(
        'resource-network',
        `@import of "${target.slice(0, 200)}" is left out; Octavo never fetches from the network`,
      )
      continue
    }
    const resolved = confinePath(folderOf(file) + target.split(/[?#]/)[0])
    if (resolved instanceof ResourceError) {
      fail(resolved.code, `@import of ${resolved.message}; it is left out`)
      continue
    }
    if (chain.includes(resolved) || chain.length > MAX_IMPORT_DEPTH) {
      fail('resource-css-dropped', `@import of "${target}" imports itself or goes too deep; it is left out`)
      continue
    }
    let inner: string
    try {
      inner = decode(await state.env.readFile(resolved, 'css'))
    } catch (error) {
      const e = error instanceof ResourceError ? error : new ResourceError('io-read', String(error))
      fail(
        e.code === 'resource-missing' ? 'resource-css-dropped' : e.code,
        `@import of ${e.message}; it is left out`,
      )
      continue
    }
    const sheet = await resolveSheet(inner, resolved, state, [...chain, resolved])
    const media = node.prelude && node.prelude.type === 'AtrulePrelude' ? mediaOf(node.prelude) : ''
    if (!node.loc) continue
    const start = node.loc.start.offset
    const before = edits.length
    remove(node)
    const removal = edits.splice(before, 1)[0]
    const body = `/* ${target.replace(/\*\//g, '* /')} */\n${sheet}\n`
    edits.push({
      start,
      end: removal?.end ?? node.loc.end.offset,
      text: media ? `@media ${media} {\n${body}}\n` : body,
    })
  }

  // Outermost edits win (a url inside a removed rule goes with it); applied from the end so
  // that offsets stay true.
  edits.sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: Edit[] = []
  let reach = 0
  for (const edit of edits) {
    if (edit.start < reach) continue
    kept.push(edit)
    reach = Math.max(reach, edit.end)
  }
  let out = text
  for (const edit of kept.reverse()) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
  return out
}

/** The file an `@import` names: `@import "a.css"`, `@import url(a.css) print`. */
function importTarget(node: CssTree.Atrule): string | undefined {
  let target: string | undefined
  if (!node.prelude) return undefined
  csstree.walk(node.prelude, {
    enter(child: CssTree.CssNode) {
      if (target !== undefined) return
      if (child.type === 'Url') target = child.value
      else if (child.type === 'String') target = child.value
    },
  })
  return target?.trim()
}

/** The media query after an `@import`'s file, as text ('' for none). */
function mediaOf(prelude: CssTree.AtrulePrelude): string {
  const rest = prelude.children.toArray().filter((n) => n.type !== 'Url' && n.type !== 'String')
  return rest
    .map((n) => csstree.generate(n))
    .join(' ')
    .trim()
}

/**
 * The href (from css/book.css) for a `url()` in `file`, after storing what it names; undefined
 * (and reported) when it cannot be packaged. `#fragment` references are kept as they are.
 */
async function packageUrl(
  url: string,
  file: string,
  font: boolean,
  state: State,
  drop: (code: Code, message: string) => void,
): Promise<string | undefined> {
  if (url.startsWith('#')) return url
  if (/^data:/i.test(url)) {
    if (/^data:(image\/(png|jpeg|gif)|font\/(woff2?|ttf|otf)|application\/font-woff2?)[;,]/i.test(url))
      return url
    drop('resource-css-dropped', 'a data: URL that is not a PNG, JPEG, GIF or font is left out')
    return undefined
  }
  if (isRemoteOrScheme(url)) {
    drop('resource-network', `"${url.slice(0, 200)}" is left out; Octavo never fetches from the network`)
    return undefined
  }
  const resolved = confinePath(folderOf(file) + url.split(/[?#]/)[0])
  if (resolved instanceof ResourceError) {
    drop(resolved.code, `${resolved.message}; the declaration is left out`)
    return undefined
  }
  const known = state.stored.get(resolved)
  if (known === null) return undefined
  if (known !== undefined) return known
  let data: Uint8Array
  try {
    data = await state.env.readFile(resolved, font ? 'font' : 'image')
  } catch (error) {
    const e = error instanceof ResourceError ? error : new ResourceError('io-read', String(error))
    drop(
      e.code === 'resource-missing' ? 'resource-css-dropped' : e.code,
      `${e.message}; the declaration is left out`,
    )
    state.stored.set(resolved, null)
    return undefined
  }
  const fontType = sniffFont(data)
  const imageType = fontType ? undefined : sniffImageType(data)
  if (!fontType && !imageType) {
    drop('resource-unknown-type', `"${resolved}" is not an image or font; the declaration is left out`)
    state.stored.set(resolved, null)
    return undefined
  }
  if (imageType === 'image/svg+xml') {
    const { cleanSvgFile, svgRemovedMessage } = await import('../../../resources/svg.js')
    const clean = cleanSvgFile(data, resolved)
    if (clean instanceof ResourceError) {
      drop(clean.code, clean.message)
      state.stored.set(resolved, null)
      return undefined
    }
    data = clean.bytes
    if (clean.removed.length > 0) drop('resource-svg-unsafe', svgRemovedMessage(resolved, clean.removed))
  }
  const n = String(state.files.length + 1).padStart(3, '0')
  const type = (fontType ?? imageType)!
  const folder = fontType ? 'fonts' : 'images'
  const stored: StoredFile = {
    id: `css-${n}`,
    path: `${folder}/css-${n}.${extensionOf(type)}`,
    mediaType: type,
    data,
  }
  state.files.push(stored)
  const href = `../${stored.path}`
  state.stored.set(resolved, href)
  return href
}
