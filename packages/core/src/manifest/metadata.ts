/**
 * Checking and normalising single metadata values, shared by book.yaml and command-line
 * overrides: identifiers (ISBN checksums, UUIDs), BCP 47 language tags, ISO dates, writing
 * direction, contributor roles, and the stable default identifier. Each check returns the
 * normalised value or a `Problem` whose text completes a sentence starting with the key's name
 * ("`date` must be …"), so callers can place it on a line of book.yaml or on a CLI option.
 */

import type { Code } from '../diagnostics/codes.js'
import { sha1 } from '../hash.js'
import { canonicalLanguage, directionOf } from '../language.js'
import type { Identifier } from '../model/types.js'

/** A rejected value: `problem` follows the key's name, e.g. "must be a number, got \"two\"". */
export interface Problem {
  problem: string
  /** The diagnostic code when it is not `manifest-invalid` (a path leaving the book). */
  code?: Code
  /** The value is of the wrong kind, not just a wrong value; unions then try their other branches. */
  wrongType?: boolean
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'problem' in value
}

/** Describe a value the user wrote, for "…, got X" (short: titles can be 10,000 characters). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value'
  if (Array.isArray(value)) return 'a list'
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString()
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') {
    const short = value.length > 60 ? `${value.slice(0, 57)}…` : value
    return JSON.stringify(short)
  }
  return String(value)
}

// ---------------------------------------------------------------- identifiers

const UUID = /^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i

/**
 * Classify an identifier: an ISBN-10 or ISBN-13 (hyphens, spaces and an `ISBN`/`urn:isbn:` prefix
 * allowed; the check digit must be right) becomes `isbn` with the 13 digits; a UUID (optionally
 * `urn:uuid:`) becomes `uuid` with the bare lower-case UUID; anything else is a `uri` kept as written.
 */
export function parseIdentifier(text: string): Identifier | Problem {
  const value = text.trim()
  if (value === '') return { problem: 'must not be empty' }
  const uuid = UUID.exec(value)
  if (uuid) return { scheme: 'uuid', value: uuid[1]!.toLowerCase() }
  const prefixed = /^(?:urn:isbn:|isbn(?:-1[03])?(?::\s*|\s+|(?=\d)))/i.exec(value)
  const rest = prefixed ? value.slice(prefixed[0].length) : value
  if (!prefixed && !/^[\d\s-]+[\dXx]$/.test(rest)) return { scheme: 'uri', value }
  const compact = rest.replace(/[\s-]/g, '')
  if (/^\d{9}[\dXx]$/.test(compact)) {
    const expected = isbn10CheckDigit(compact.slice(0, 9))
    const given = compact[9]!.toUpperCase()
    if (given !== expected) {
      return {
        problem: `looks like an ISBN-10 but its check digit is wrong (expected ${expected}, got ${given})`,
      }
    }
    const body = `978${compact.slice(0, 9)}`
    return { scheme: 'isbn', value: body + isbn13CheckDigit(body) }
  }
  if (/^\d{13}$/.test(compact)) {
    const expected = isbn13CheckDigit(compact.slice(0, 12))
    const given = compact[12]!
    if (given !== expected) {
      return {
        problem: `looks like an ISBN-13 but its check digit is wrong (expected ${expected}, got ${given})`,
      }
    }
    if (!/^97[89]/.test(compact))
      return { problem: 'looks like an ISBN-13 but does not start with 978 or 979' }
    return { scheme: 'isbn', value: compact }
  }
  if (prefixed) return { problem: `must be an ISBN of 10 or 13 digits, got ${describeValue(text)}` }
  // Digits and hyphens that are no ISBN length: a catalogue number or similar, kept as written.
  return { scheme: 'uri', value }
}

function isbn10CheckDigit(nine: string): string {
  let sum = 0
  for (let i = 0; i < 9; i++) sum += (10 - i) * Number(nine[i])
  const check = (11 - (sum % 11)) % 11
  return check === 10 ? 'X' : String(check)
}

function isbn13CheckDigit(twelve: string): string {
  let sum = 0
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(twelve[i])
  return String((10 - (sum % 10)) % 10)
}

/** Octavo's UUID namespace: UUID v5 of the URL `https://octavo.dev/ns/book`. */
const NAMESPACE = '86d59c3e-0cc0-5886-8984-66f9712b11ae'

/** A name-based UUID (RFC 4122 version 5: SHA-1 of namespace and name). */
export function uuidV5(namespace: string, name: string): string {
  const space = namespace.replace(/-/g, '')
  const name8 = new TextEncoder().encode(name)
  const input = new Uint8Array(16 + name8.length)
  for (let i = 0; i < 16; i++) input[i] = Number.parseInt(space.slice(2 * i, 2 * i + 2), 16)
  input.set(name8, 16)
  const hash = sha1(input)
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  let hex = ''
  for (const byte of hash.subarray(0, 16)) hex += byte.toString(16).padStart(2, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The identifier of a book that gives none: a UUID derived from its title and authors, so the
 * same book gets the same identifier on every build (reading systems use it to keep a reader's
 * place and notes across new versions). Never random.
 */
export function defaultIdentifier(title: string, authors: string[]): Identifier {
  return { scheme: 'uuid', value: uuidV5(NAMESPACE, [title, ...authors].join('\n')) }
}

/**
 * The identifier of volume `number` of a book split into volumes: a UUID derived from the book's
 * identifier, so each volume has its own (a reading system keeps them apart) and keeps it on
 * every build. An ISBN names the whole book, not a volume: a volume's is derived from it too.
 */
export function volumeIdentifier(book: Identifier, number: number): Identifier {
  return { scheme: 'uuid', value: uuidV5(NAMESPACE, `volume ${number} of ${book.scheme}:${book.value}`) }
}

// ---------------------------------------------------------------- language and direction

/**
 * Check a BCP 47 tag and return its canonical form (`en_gb` → `en-GB`, `iw` → `he`,
 * `i-klingon` → `tlh`). Private-use tags (`x-klingon`) and grandfathered tags without a
 * preferred value (`i-default`) are valid and kept, lower-cased.
 */
export function parseLanguage(text: string): string | Problem {
  return (
    canonicalLanguage(text) ?? {
      problem: `must be a BCP 47 language tag such as "en" or "pt-BR", got ${describeValue(text)}`,
    }
  )
}

export { directionOf }

// ---------------------------------------------------------------- dates

/**
 * Check a publication date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time after the day is dropped),
 * and a real calendar date. A `Date` (YAML 1.1 timestamps) gives its UTC day.
 */
export function parseDate(value: string | number | Date): string | Problem {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { problem: 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD' }
    const year = value.getUTCFullYear()
    if (year < 1 || year > 9999) return { problem: `must be a year from 0001 to 9999, got ${year}` }
    return value.toISOString().slice(0, 10)
  }
  const text = String(value).trim()
  const m =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/.exec(
      text,
    )
  if (!m) return { problem: `must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got ${describeValue(value)}` }
  const [, year, month, day] = m
  // There is no year 0 (1 BC is 0000 only in ISO 8601's proleptic reckoning, which no reader shows).
  if (Number(year) === 0) return { problem: `must be a year from 0001 to 9999, got ${describeValue(text)}` }
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) {
    return { problem: `is not a real date: ${describeValue(text)}` }
  }
  if (day !== undefined) {
    const last = utcDate(Number(year), Number(month) + 1, 0).getUTCDate()
    if (Number(day) < 1 || Number(day) > last)
      return { problem: `is not a real date: ${describeValue(text)}` }
    return `${year}-${month}-${day}`
  }
  return month === undefined ? year! : `${year}-${month}`
}

/**
 * A UTC date from year, 1-based month and day, for every year: `Date.UTC` reads years 0–99 as
 * 1900–1999, so the year is set on its own. Day 0 is the last day of the month before.
 */
export function utcDate(year: number, month = 1, day = 1): Date {
  const date = new Date(Date.UTC(2000, month - 1, day))
  date.setUTCFullYear(year, month - 1, day)
  return date
}

/** The first day of a checked `date` (`1850` → 1850-01-01), as a build date. */
export function dateFromMetadata(date: string): Date | undefined {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date)
  return match ? utcDate(Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1)) : undefined
}

// ---------------------------------------------------------------- people and titles

const MARC_ROLES: Record<string, string> = {
  edt: 'editor',
  trl: 'translator',
  ill: 'illustrator',
  ctb: 'contributor',
}

/** Lower-case a contributor role and spell out the four MARC codes we name (`trl` → `translator`). */
export function normalizeRole(role: string): string {
  const lower = role.trim().toLowerCase()
  return MARC_ROLES[lower] ?? lower
}

/**
 * A file or folder name without the order number it starts with (`03 - The Storm` → `The
 * Storm`, `01_intro` → `intro`), when words follow it; else the name as it is (`1984`).
 */
export function withoutOrderNumber(name: string): string {
  return name.replace(/^\d+(?:\s*[-–—.)_]\s*|\s+)(?=.*\p{L})/u, '')
}

/** A title from a folder name: `my-web-serial` → `My Web Serial`. Empty when nothing is left. */
export function titleFromName(name: string): string {
  return name
    .replace(/[-_.]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ')
}
