/**
 * Language tags: BCP 47 checked and made canonical, a language's writing direction, and whether
 * two tags name different languages. Used by book.yaml's metadata and by the manuscript model's
 * language of parts (`span` and `paragraph` `lang`).
 */

// The shape of a BCP 47 language tag (RFC 5646 "langtag" plus private use), checked before ICU so
// that obviously wrong values get a clear message. The grammar also allows 4- to 8-letter primary
// subtags, but none is registered and "english" is the usual mistake, so only 2 or 3 letters pass.
const BCP47 =
  /^[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$/i

/** A tag of private use only (`x-klingon`): valid BCP 47, unknown to ICU. */
const PRIVATE_USE = /^x(?:-[a-z\d]{1,8})+$/i

/**
 * RFC 5646's grandfathered tags (valid BCP 47 that the grammar above does not describe), with
 * the preferred value the IANA registry gives, or `null` where it gives none.
 */
const GRANDFATHERED: Record<string, string | null> = {
  'en-gb-oed': 'en-GB-oxendict',
  'i-ami': 'ami',
  'i-bnn': 'bnn',
  'i-default': null,
  'i-enochian': null,
  'i-hak': 'hak',
  'i-klingon': 'tlh',
  'i-lux': 'lb',
  'i-mingo': null,
  'i-navajo': 'nv',
  'i-pwn': 'pwn',
  'i-tao': 'tao',
  'i-tay': 'tay',
  'i-tsu': 'tsu',
  'sgn-be-fr': 'sfb',
  'sgn-be-nl': 'vgt',
  'sgn-ch-de': 'sgg',
  'art-lojban': 'jbo',
  'cel-gaulish': null,
  'no-bok': 'nb',
  'no-nyn': 'nn',
  'zh-guoyu': 'cmn',
  'zh-hakka': 'hak',
  'zh-min': null,
  'zh-min-nan': 'nan',
  'zh-xiang': 'hsn',
}

/**
 * A BCP 47 tag in its canonical form (`en_gb` → `en-GB`, `iw` → `he`, `i-klingon` → `tlh`), or
 * undefined when it is not one. Private-use tags (`x-klingon`) and grandfathered tags without a
 * preferred value (`i-default`) are valid and kept, lower-cased.
 */
export function canonicalLanguage(text: string): string | undefined {
  return remembered(canonical, text, canonicalOf)
}

function canonicalOf(text: string): string | undefined {
  const tag = text.trim().replace(/_/g, '-')
  const lower = tag.toLowerCase()
  if (PRIVATE_USE.test(tag)) return lower
  const grandfathered = GRANDFATHERED[lower]
  if (grandfathered !== undefined) return grandfathered ?? lower
  if (!BCP47.test(tag)) return undefined
  try {
    return Intl.getCanonicalLocales(tag)[0]
  } catch {
    return undefined
  }
}

const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr', 'Mend'])

/** The writing direction of a language, from its (likely) script: `ar` → Arabic → `rtl`. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return remembered(directions, language, directionFrom)
}

function directionFrom(language: string): 'ltr' | 'rtl' {
  const script = likelyScript(language)
  return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr'
}

/** The primary language subtag, lower-cased: `en-GB` → `en`, `zh-Hant-TW` → `zh`. */
export function primaryLanguage(tag: string): string {
  const cut = tag.indexOf('-')
  return (cut < 0 ? tag : tag.slice(0, cut)).toLowerCase()
}

/**
 * Whether text in `inner` needs marking inside text in `outer`: their primary languages differ
 * (`fr` in `en`), or they are written in different scripts (`sr-Latn` in `sr-Cyrl`). A region alone
 * (`en-GB` in `en-US`) is the same language for readers, screen readers and hyphenation.
 */
export function differentLanguage(inner: string, outer: string): boolean {
  if (primaryLanguage(inner) !== primaryLanguage(outer)) return true
  return likelyScript(inner) !== likelyScript(outer)
}

/**
 * The script a language is most likely written in, as ISO 15924 (`ar` → `Arab`, `sr` → `Cyrl`,
 * `ja` → `Jpan`), by ICU's likely subtags; undefined for a tag ICU cannot read.
 */
export function likelyScript(tag: string): string | undefined {
  return remembered(scripts, tag, scriptFrom)
}

function scriptFrom(tag: string): string | undefined {
  try {
    return new Intl.Locale(tag).maximize().script
  } catch {
    return undefined
  }
}

// ICU's canonicalisation and likely-subtags lookups cost microseconds each, and the readers ask
// them for every run of a manuscript (a Word War and Peace: 0.45 s of 2 s) about a handful of
// tags: each answer is kept, a bounded number of them.
const canonical = new Map<string, string | undefined>()
const directions = new Map<string, 'ltr' | 'rtl'>()
const scripts = new Map<string, string | undefined>()
const REMEMBERED = 1_000

function remembered<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  if (cache.has(key)) return cache.get(key) as T
  const value = compute(key)
  if (cache.size >= REMEMBERED) cache.clear()
  cache.set(key, value)
  return value
}
