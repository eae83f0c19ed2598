/**
 * The strings tables: every word Octavo writes into a book, one table per language, shared by
 * the front-matter transform, the EPUB and the PDF (and free for plugins). `stringsFor` picks
 * the table for a BCP 47 tag by its primary subtag and lays the book's own overrides over it;
 * a language without a table gets English. A few languages write differently by country: Chinese
 * (Simplified or Traditional), Portuguese (Brazil or Portugal), Arabic (the Levant's month names).
 * Dates are written from the tables' month names, not `Intl`, whose output changes between ICU
 * versions: the same book makes the same bytes.
 */
import { cjkRegion } from '../cjk.js'
import { ar, arLevant, levantRegions } from './ar.js'
import { cs } from './cs.js'
import { de } from './de.js'
import { en } from './en.js'
import { es } from './es.js'
import { fr } from './fr.js'
import { he } from './he.js'
import { id } from './id.js'
import { it } from './it.js'
import { ja } from './ja.js'
import { ko } from './ko.js'
import { nl } from './nl.js'
import { europeanPortuguese } from './numbers.js'
import { pl } from './pl.js'
import { pt, ptPT } from './pt.js'
import { ru } from './ru.js'
import { sv } from './sv.js'
import { tr } from './tr.js'
import type { StringOverrides, Strings } from './types.js'
import { uk } from './uk.js'
import { vi } from './vi.js'
import { zh, zhHant } from './zh.js'

export type { KindStrings, RoleStrings, StringOverrides, Strings } from './types.js'

const TABLES: Readonly<Record<string, Strings>> = {
  en,
  fr,
  de,
  es,
  it,
  ru,
  pl,
  sv,
  ja,
  zh,
  ko,
  pt,
  nl,
  uk,
  tr,
  cs,
  ar,
  he,
  id,
  vi,
}

/**
 * The table for a language; Chinese in Traditional characters where the PDF sets the Traditional
 * face (`cjkRegion`: written so, `zh-Hant`, or of Taiwan, Hong Kong or Macau); Portugal's
 * Portuguese for a country other than Brazil (`pt-PT`, `pt-AO`); the Levant's Arabic months for
 * Lebanon, Syria, Jordan, Palestine and Iraq.
 */
function tableFor(language: string): Strings {
  const table = primary(language)
  if (table === 'zh' && cjkRegion(language.trim(), []) === 'tc') return zhHant
  if (table === 'pt' && europeanPortuguese(subtags(language))) return ptPT
  if (table === 'ar' && subtags(language).some((tag) => levantRegions.includes(tag))) return arLevant
  return TABLES[table] ?? en
}

/** The subtags after the primary one, lower case (`pt-PT` → `['pt']`). */
function subtags(language: string): string[] {
  return language.trim().toLowerCase().split(/[-_]/).slice(1)
}

/** The languages with their own table (primary subtags). */
export const stringLanguages: readonly string[] = Object.keys(TABLES)

function primary(language: string): string {
  return language.trim().toLowerCase().split(/[-_]/)[0] ?? ''
}

/** True when `language` has its own table; false means `stringsFor` falls back to English. */
export function hasStrings(language: string): boolean {
  return Object.hasOwn(TABLES, primary(language))
}

/**
 * The strings for a language, with the book's overrides laid over them (single entries of
 * `roles` and `kinds` replace only themselves). Unknown languages get English.
 *
 * @example
 *   stringsFor('fr-CA').contents // 'Table des matières'
 *   stringsFor('en', { contents: 'In This Book' }).contents // 'In This Book'
 */
export function stringsFor(language: string, overrides?: StringOverrides): Strings {
  const base = tableFor(language)
  if (!overrides) return base
  const roles = { ...base.roles }
  for (const [code, words] of Object.entries(overrides.roles ?? {}))
    if (words !== undefined) roles[code] = words
  const kinds = { ...base.kinds }
  for (const [kind, words] of Object.entries(overrides.kinds ?? {})) {
    if (words !== undefined && Object.hasOwn(kinds, kind)) kinds[kind as keyof typeof kinds] = words
  }
  const merged: Strings = { ...base, roles, kinds }
  for (const [key, value] of Object.entries(overrides)) {
    if (key === 'roles' || key === 'kinds' || value === undefined) continue
    if (Object.hasOwn(base, key) || OPTIONAL_KEYS.includes(key))
      (merged as unknown as Record<string, unknown>)[key] = value
  }
  return merged
}

/** Keys a table may leave out (English has none of them). */
const OPTIONAL_KEYS: readonly string[] = ['firstDay', 'nameSeparator', 'lastNameSeparator', 'labelSeparator']

/** Every key a `strings:` mapping may hold, for book.yaml's unknown-key check. */
export const stringKeys: readonly string[] = [...new Set([...Object.keys(en), ...OPTIONAL_KEYS])]

/**
 * Put values into a template's `{name}` slots; a slot without a value is left out with the
 * space before it, so a template never prints a placeholder.
 *
 * @example
 *   fill('Book {number} of {series}', { number: '2', series: 'The Tides' }) // 'Book 2 of The Tides'
 */
export function fill(template: string, values: Record<string, string | undefined>): string {
  return template
    .replace(/\s?\{(\w+)\}/g, (slot, name: string) => {
      const value = values[name]
      if (value === undefined || value === '') return ''
      return slot.startsWith('{') ? value : `${slot[0]}${value}`
    })
    .trim()
}

/**
 * An ISO 8601 date (`2026`, `2026-03`, `2026-03-01`) written out in the language of `strings`:
 * "1 March 2026", "1er mars 2026", "1. März 2026". Anything else is returned as given.
 */
export function formatDate(date: string, strings: Strings): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date.trim())
  if (!match) return date
  const [, year, month, day] = match
  const m = month ? Number(month) : 0
  if (!m || m > 12) return year!
  if (!day || Number(day) < 1 || Number(day) > 31) {
    return fill(strings.dateMonth, { month: strings.months[m - 1], year })
  }
  const d = Number(day)
  return fill(strings.dateDay, {
    day: d === 1 && strings.firstDay ? strings.firstDay : String(d),
    month: strings.monthsOf[m - 1],
    year,
  })
}

/** Names joined the language's way: "A", "A and B", "A, B and C", "A、B、C", "A、B和C". */
export function joinNames(names: readonly string[], strings: Strings): string {
  const list = names.filter((n) => n.trim() !== '')
  if (list.length <= 1) return list[0] ?? ''
  const last = strings.lastNameSeparator ?? ` ${strings.and} `
  return `${list.slice(0, -1).join(strings.nameSeparator ?? ', ')}${last}${list[list.length - 1]}`
}

/**
 * The line naming contributors of one role: "Translated by A and B", "A、B 訳" (a `{names}`
 * slot in the role's words places the names).
 */
export function roleLine(words: string, names: readonly string[], strings: Strings): string {
  const joined = joinNames(names, strings)
  return words.includes('{names}') ? fill(words, { names: joined }) : `${words} ${joined}`.trim()
}
