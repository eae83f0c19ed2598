/**
 * What a reader may keep of a URL found in a link or an image. Links keep only `http:`,
 * `https:`, `mailto:` and `#fragment`; images keep only book-relative paths, because Octavo
 * never fetches from the network and never embeds what the input smuggles in (`data:`,
 * `javascript:`). Both readers share this so Markdown and HTML obey one policy.
 */

import { confinePath, ResourceError } from '../../env.js'
import { dirname } from '../../posix-path.js'

export type LinkVerdict =
  | { kind: 'keep'; url: string }
  /** A path with no scheme (`chapter-2.html`): the book has no such target. */
  | { kind: 'relative' }
  /** Any other scheme: `javascript:`, `data:`, `file:`, `ftp:`… */
  | { kind: 'unsafe'; scheme: string }

const schemeOf = (url: string): string | undefined => {
  // Browsers ignore tabs and newlines inside a scheme (`java\tscript:`); so must the check.
  const squeezed = url.replace(/[\u0000-\u0020]+/g, '')
  return /^([a-z][a-z0-9+.-]*):/i.exec(squeezed)?.[1]?.toLowerCase()
}

/** Decide what a link's `href` becomes in the model. */
export function judgeLink(raw: string): LinkVerdict {
  const url = raw.trim()
  if (url.startsWith('#')) return { kind: 'keep', url }
  if (url.startsWith('//')) return { kind: 'keep', url: `https:${url}` }
  const scheme = schemeOf(url)
  if (scheme === undefined) return { kind: 'relative' }
  if ((scheme === 'http' || scheme === 'https' || scheme === 'mailto') && /^[a-z]+:/i.test(url)) {
    return { kind: 'keep', url }
  }
  return { kind: 'unsafe', scheme }
}

export type ImageVerdict =
  | { kind: 'keep'; path: string }
  | { kind: 'remote' }
  | { kind: 'data' }
  | { kind: 'unsafe'; scheme: string }
  | { kind: 'outside'; error: ResourceError }
  /** No source at all (`<img src="">`, `![alt]()`). */
  | { kind: 'empty' }

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/**
 * Decide what an image's source becomes: a book-relative path, resolved against the folder of
 * the chapter file (`chapters/one.md` + `../img/a.png` → `img/a.png`), or a reason to drop it.
 */
export function judgeImage(raw: string, filePath: string): ImageVerdict {
  const src = raw.trim()
  if (src === '' || src.startsWith('#') || src.startsWith('?')) return { kind: 'empty' }
  if (src.startsWith('//')) return { kind: 'remote' }
  const scheme = schemeOf(src)
  // `C:\pictures\a.png` is a Windows path, not a URL with scheme `c`.
  if (scheme !== undefined && !/^[a-z]:[\\/]/i.test(src)) {
    if (scheme === 'http' || scheme === 'https' || scheme === 'ftp') return { kind: 'remote' }
    if (scheme === 'data') return { kind: 'data' }
    return { kind: 'unsafe', scheme }
  }
  const path = safeDecode(src.replace(/[?#].*$/s, '')).replace(/\\/g, '/')
  if (path.startsWith('/') || /^[a-z]:\//i.test(path)) {
    return {
      kind: 'outside',
      error: new ResourceError(
        'resource-outside-book',
        `"${src}" is an absolute path; use a path inside the book folder`,
      ),
    }
  }
  const dir = dirname(filePath.replace(/\\/g, '/'))
  const confined = confinePath(dir === '.' || dir === '' ? path : `${dir}/${path}`)
  if (confined instanceof ResourceError) {
    return { kind: 'outside', error: new ResourceError(confined.code, `"${src}" leaves the book folder`) }
  }
  return { kind: 'keep', path: confined }
}
