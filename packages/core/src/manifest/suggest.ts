/**
 * "Did you mean …?" for unknown book.yaml keys: the same key in another spelling (`frontMatter`,
 * `Front_Matter` → `front-matter`), a common synonym (`isbn` → `identifier`), or the closest known
 * key by edit distance when it is close enough to be a typo.
 */

const SYNONYMS: Record<string, string> = {
  isbn: 'identifier',
  id: 'identifier',
  uuid: 'identifier',
  keywords: 'subjects',
  genre: 'subjects',
  genres: 'subjects',
  creator: 'author',
  writer: 'author',
  summary: 'description',
  blurb: 'description',
  synopsis: 'description',
  year: 'date',
  published: 'date',
  'cover-image': 'cover',
  image: 'cover',
  files: 'chapters',
  'sub-title': 'subtitle',
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1)
      }
      d[i]![j] = best
    }
  }
  return d[a.length]![b.length]!
}

/** Kebab-case a key the way book.yaml spells keys: `frontMatter`, `Front_Matter` → `front-matter`. */
export function kebab(key: string): string {
  return key
    .replace(/([a-z\d])([A-Z])/g, '$1-$2')
    .replace(/[_\s]+/g, '-')
    .toLowerCase()
}

/** The known key an unknown key was probably meant to be, or undefined. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  // Long keys are not typos of short ones, and comparing them costs length squared.
  if (key.length > 64) return undefined
  const normal = kebab(key)
  if (known.includes(normal)) return normal
  const synonym = SYNONYMS[normal]
  if (synonym && known.includes(synonym)) return synonym
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of known) {
    const distance = editDistance(normal, candidate)
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  const allowed = Math.max(1, Math.floor(normal.length / 3))
  return bestDistance <= allowed ? best : undefined
}
