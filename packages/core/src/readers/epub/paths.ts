/**
 * Paths inside an EPUB: hrefs in the OPF, the navigation and the documents are relative to the
 * file that holds them, percent-encoded, and may carry a fragment. Resolved here to archive entry
 * names; an href that climbs out of the archive resolves to nothing.
 */

/** The folder of an entry (`OEBPS/text/ch1.xhtml` → `OEBPS/text`; top level → ``). */
export function folderOf(entry: string): string {
  const slash = entry.lastIndexOf('/')
  return slash < 0 ? '' : entry.slice(0, slash)
}

/** `href` (relative, maybe with `#fragment`) from the folder `base` as an entry name, or undefined. */
export function resolveHref(base: string, href: string): { path: string; fragment?: string } | undefined {
  const trimmed = href.trim()
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('/')) return undefined
  const hash = trimmed.indexOf('#')
  const raw = hash < 0 ? trimmed : trimmed.slice(0, hash)
  const fragment = hash < 0 ? undefined : trimmed.slice(hash + 1)
  let decoded = raw
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    // A stray % stays as written.
  }
  const segments: string[] = base ? base.split('/') : []
  for (const segment of decoded.replace(/\?.*$/s, '').split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (segments.length === 0) return undefined
      segments.pop()
    } else segments.push(segment)
  }
  const path = segments.join('/')
  if (path === '' && fragment === undefined) return undefined
  return fragment === undefined ? { path } : { path, fragment }
}
