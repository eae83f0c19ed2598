/**
 * Archive text into metadata strings: a notes or summary block's paragraphs joined by blank lines
 * (the form `Metadata.notes` and `description` take), and a series line ("Part 2 of The Tides")
 * into a series. Shared by the site profiles.
 */
import type { Series } from '../../../model/types.js'
import { all, type Element, text } from './dom.js'

/** The paragraphs of a block (its `<p>`s, or its text split at `<br><br>`), blank-line separated. */
export function paragraphsOf(el: Element | undefined): string | undefined {
  if (!el) return undefined
  const ps = all(el, 'p').map(text).filter(Boolean)
  const joined = ps.length > 0 ? ps.join('\n\n') : text(el)
  return joined === '' ? undefined : joined
}

/** "Part 2 of The Tides" (AO3), "Book 2 of The Tides" → `{name, number}`. */
export function seriesOf(line: string): Series | undefined {
  const m = /^\s*(?:part|book|volume)\s+(\d+(?:\.\d+)?)\s+of\s+(.+?)\s*$/i.exec(line)
  if (m) return { name: m[2]!, number: Number(m[1]) }
  return line.trim() ? { name: line.trim() } : undefined
}

/** Language names as archives print them → BCP 47. Unknown names give nothing (never guessed). */
const LANGUAGES: Record<string, string> = {
  english: 'en',
  español: 'es',
  spanish: 'es',
  français: 'fr',
  french: 'fr',
  deutsch: 'de',
  german: 'de',
  italiano: 'it',
  italian: 'it',
  русский: 'ru',
  russian: 'ru',
  polski: 'pl',
  polish: 'pl',
  svenska: 'sv',
  swedish: 'sv',
  português: 'pt',
  'português brasileiro': 'pt-BR',
  portuguese: 'pt',
  nederlands: 'nl',
  dutch: 'nl',
  日本語: 'ja',
  japanese: 'ja',
  '中文-普通话 國語': 'zh',
  chinese: 'zh',
  한국어: 'ko',
  korean: 'ko',
  العربية: 'ar',
  arabic: 'ar',
  עברית: 'he',
  hebrew: 'he',
  suomi: 'fi',
  finnish: 'fi',
  čeština: 'cs',
  czech: 'cs',
  türkçe: 'tr',
  turkish: 'tr',
  українська: 'uk',
  ukrainian: 'uk',
}

export function languageCode(name: string | undefined): string | undefined {
  return name ? LANGUAGES[name.trim().toLowerCase()] : undefined
}
