/**
 * Chinese, Japanese and Korean characters, and which regional face sets them, for every part of
 * Octavo that draws text (the PDF's faces and line breaking, the generated cover): which
 * characters only a CJK face has, which are kana or Hangul, and which of Noto Serif CJK's four
 * regional versions (JP, SC, TC, KR: the same design, each with the glyph forms its readers expect,
 * 骨, 直 and 写 are drawn differently in Japan, mainland China and Taiwan, and its own repertoire,
 * only KR having the Hangul syllables) a book's language and text call for.
 */

/** A CJK character a line may end after or start with (UAX #14 ID, H2, H3). */
export function isIdeographic(c: number): boolean {
  if (c < 0x2e80) return false
  return (
    (c >= 0x2e80 && c <= 0x2fdf) || // CJK radicals, Kangxi radicals
    (c >= 0x3003 && c <= 0x3007) || // 〃 〄 々 〆 〇 (々 is kept off a line's start by the PDF's line breaker)
    (c >= 0x3012 && c <= 0x3013) ||
    (c >= 0x3020 && c <= 0x3029) ||
    (c >= 0x3031 && c <= 0x303a) ||
    (c >= 0x3041 && c <= 0x30ff) || // Hiragana, Katakana
    (c >= 0x3105 && c <= 0x312f) || // Bopomofo
    (c >= 0x3131 && c <= 0x318e) || // Hangul compatibility jamo
    (c >= 0x31a0 && c <= 0x31ff) ||
    (c >= 0x3200 && c <= 0x4dbf) || // enclosed CJK, compatibility, extension A
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xac00 && c <= 0xd7a3) || // Hangul syllables
    (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff10 && c <= 0xff19) || // fullwidth digits and letters
    (c >= 0xff21 && c <= 0xff3a) ||
    (c >= 0xff41 && c <= 0xff5a) ||
    (c >= 0xff66 && c <= 0xff9d) || // halfwidth katakana
    (c >= 0x1b000 && c <= 0x1b16f) || // kana supplement and extensions
    (c >= 0x20000 && c <= 0x3fffd) // supplementary ideographic planes
  )
}

export type CjkRegion = 'jp' | 'sc' | 'tc' | 'kr'

/** Every region, in the order tried for a character the preferred face lacks (SC has the most ideographs). */
export const CJK_REGIONS: readonly CjkRegion[] = ['sc', 'tc', 'jp', 'kr']

/** A character that only a CJK face sets: ideographs, kana, Hangul, Bopomofo, CJK punctuation, fullwidth forms. */
export function isCjkCharacter(c: number): boolean {
  return (
    isIdeographic(c) ||
    (c >= 0x1100 && c <= 0x11ff) || // Hangul Jamo
    (c >= 0x3000 && c <= 0x303f) || // CJK symbols and punctuation
    (c >= 0x3190 && c <= 0x319f) || // Kanbun
    (c >= 0x31c0 && c <= 0x31ef) || // CJK strokes
    (c >= 0xd7b0 && c <= 0xd7ff) || // Hangul Jamo extended B
    (c >= 0xfe10 && c <= 0xfe1f) || // vertical forms
    (c >= 0xff00 && c <= 0xffef) // halfwidth and fullwidth forms
  )
}

export function isKana(c: number): boolean {
  return (c >= 0x3041 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff66 && c <= 0xff9d)
}

export function isHangul(c: number): boolean {
  return (
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x3131 && c <= 0x318e) ||
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xd7b0 && c <= 0xd7ff)
  )
}

/** Chinese languages whose readers use traditional characters by default (Cantonese: Hong Kong). */
const TRADITIONAL = new Set(['yue', 'zh-yue'])
const CHINESE = new Set(['zh', 'cmn', 'yue', 'wuu', 'hak', 'nan', 'gan', 'hsn', 'cjy', 'lzh', 'cdo', 'cpx'])

/**
 * The regional face that sets the book's CJK text: by its language (ja → JP; ko → KR; Chinese
 * with the Hant script or of Taiwan, Hong Kong or Macao → TC, other Chinese → SC). A book in
 * another language (an English novel with Japanese names, a Chinese quotation, Korean dialogue)
 * is set by what its text shows: kana make it Japanese, and Japanese ideographs must take the
 * Japanese forms; otherwise SC, the largest repertoire (28,000 ideographs against JP's 14,000),
 * so the fewest characters fall to another face. Hangul is in KR alone whatever is preferred.
 */
export function cjkRegion(language: string | undefined, chars: Iterable<number>): CjkRegion {
  const tags = (language ?? '').toLowerCase().split(/[-_]/)
  const primary = tags[0] ?? ''
  if (primary === 'ja' || primary === 'jpn') return 'jp'
  if (primary === 'ko' || primary === 'kor') return 'kr'
  if (CHINESE.has(primary)) {
    // The script subtag decides; else the region (zh-TW), else the language (Cantonese: Hong Kong).
    if (tags.includes('hans')) return 'sc'
    if (tags.includes('hant') || tags.includes('tw') || tags.includes('hk') || tags.includes('mo'))
      return 'tc'
    return TRADITIONAL.has(primary) || TRADITIONAL.has(tags.slice(0, 2).join('-')) ? 'tc' : 'sc'
  }
  let hangul = 0
  let other = 0
  for (const c of chars) {
    if (isKana(c)) return 'jp'
    if (isHangul(c)) hangul++
    else if (isIdeographic(c)) other++
  }
  return hangul > 0 && other === 0 ? 'kr' : 'sc'
}

/**
 * The file of a regional Noto Serif CJK face in its optional `@expo-google-fonts` package, by
 * weight folder (`400Regular`, `600SemiBold`, `700Bold`): `noto-serif-jp/700Bold/NotoSerifJP_700Bold.ttf`.
 */
export function cjkFaceFile(region: CjkRegion, weight: string): string {
  return `noto-serif-${region}/${weight}/NotoSerif${region.toUpperCase()}_${weight}.ttf`
}

const HAN_OR_KANA_END = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]$/u

/**
 * Whether `text` ends in a Han or kana character: Chinese and Japanese set what follows it their
 * way (a title after an ideographic space, names listed with "、").
 */
export function endsInHanOrKana(text: string): boolean {
  return HAN_OR_KANA_END.test(text)
}
