/**
 * Archive text into metadata: a notes or summary block's paragraphs joined by blank lines (the
 * form `Metadata.notes` and `description` take) and the same blocks formatted, and a series line ("Part 2 of The Tides")
 * into a series. Shared by the site profiles.
 */
import type { BlockContent, Series, WorkText } from '../../../model/types.js'
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

/**
 * The work's summary, notes and end notes as formatted blocks (`Metadata.formatted`): each element
 * converted like chapter text (so sanitised, and what is dropped reported on the file), positions
 * taken off as on every generated page's content. Empty conversions are left out.
 */
export function workText(
  elements: { [K in keyof WorkText]?: Element },
  convert: (el: Element) => BlockContent[],
): WorkText | undefined {
  const out: WorkText = {}
  for (const field of ['description', 'notes', 'endNotes'] as const) {
    const el = elements[field]
    if (!el) continue
    const blocks = convert(el)
    if (blocks.length === 0) continue
    const stack: unknown[] = [...blocks]
    while (stack.length > 0) {
      const node = stack.pop() as { position?: unknown; children?: unknown[] }
      delete node.position
      if (Array.isArray(node.children)) for (const child of node.children) stack.push(child)
    }
    out[field] = blocks
  }
  return Object.keys(out).length > 0 ? out : undefined
}
