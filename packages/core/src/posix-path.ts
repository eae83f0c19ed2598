/**
 * The two `node:path` POSIX operations the in-memory pipeline needs (normalising a book-relative
 * path, taking its folder), written out so that `createBook` and `render` import no `node:`
 * module and run unchanged in a browser. They give exactly what `path.posix` gives for the
 * relative, `/`-separated paths they are used on (a test compares them).
 */

/** `path.posix.normalize`: collapse `//`, drop `.`, resolve `..` where it can, keep a trailing `/`. */
export function normalize(path: string): string {
  if (path === '') return '.'
  const absolute = path.startsWith('/')
  const trailing = path.endsWith('/')
  const out: string[] = []
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop()
      else if (!absolute) out.push('..')
      continue
    }
    out.push(part)
  }
  let joined = out.join('/')
  if (joined === '' && !absolute) joined = '.'
  if (trailing && joined !== '' && !joined.endsWith('/')) joined += '/'
  return absolute ? `/${joined}` : joined
}

/** `path.posix.dirname`: the folder part of a `/`-separated path (`.` when there is none). */
export function dirname(path: string): string {
  if (path === '') return '.'
  let end = path.length
  while (end > 1 && path[end - 1] === '/') end--
  const slash = path.lastIndexOf('/', end - 1)
  if (slash === -1) return '.'
  if (slash === 0) return '/'
  let cut = slash
  while (cut > 1 && path[cut - 1] === '/') cut--
  return path.slice(0, cut)
}
