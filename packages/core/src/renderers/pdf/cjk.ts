/**
 * The CJK faces' side of the book: which characters of its text want a Chinese, Japanese or
 * Korean face (so a book without any never loads one), and which regional face sets them.
 * Noto Serif CJK comes in four regional versions (JP, SC, TC, KR): the same design, each with the
 * glyph forms its readers expect (骨, 直 and 写 are drawn differently in Japan, mainland China and
 * Taiwan) and its own repertoire (only KR has the Hangul syllables; SC has the most ideographs).
 */
import type { Root } from '../../model/types.js'
import { isIdeographic, MAY_BE_CJK } from './layout/cjk.js'

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

function isKana(c: number): boolean {
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
 * The distinct CJK characters (`isCjkCharacter`) anywhere in the book: metadata, generated pages,
 * titles, text, code, alt text. One pass over every string of the tree (an explicit stack: any
 * depth), each string tested by a regular expression before it is read character by character.
 */
export function cjkCharacters(tree: Root): Set<number> {
  const found = new Set<number>()
  const stack: unknown[] = [tree]
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value === 'string') {
      if (!MAY_BE_CJK.test(value)) continue
      for (const char of value) {
        const c = char.codePointAt(0)!
        if (isCjkCharacter(c)) found.add(c)
      }
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i])
    } else if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
      for (const key in value) stack.push((value as Record<string, unknown>)[key])
    }
  }
  return found
}
