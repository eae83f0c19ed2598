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

/** `path.posix.dirname` (its algorithm): the folder part of a `/`-separated path, `.` when none. */
export function dirname(path: string): string {
  if (path === '') return '.'
  const rooted = path.startsWith('/')
  let end = -1
  let matchedSlash = true
  for (let i = path.length - 1; i >= 1; i--) {
    if (path[i] === '/') {
      if (!matchedSlash) {
        end = i
        break
      }
    } else matchedSlash = false
  }
  if (end === -1) return rooted ? '/' : '.'
  if (rooted && end === 1) return '//'
  return path.slice(0, end)
}
