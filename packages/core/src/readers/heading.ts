/**
 * Recognise a chapter heading line, shared by every reader: "Chapter 23", "Chapter Twenty-Three:
 * Truly All Alone", "CHAPTER XXIII.", "Ch. 5 - Title", "Prologue", "Interlude: ...", "Part One".
 * STUB: the text-reader work replaces this with the full parser (numbers in digits, Roman numerals
 * and English words). The signature is the contract other readers rely on.
 */
import type { ChapterKind } from '../model/types.js'

export interface ParsedHeading {
  /** `part` for "Part One", "Book II"; otherwise a chapter kind. */
  kind: ChapterKind | 'part'
  /** The word as written: "Chapter", "CHAPTER", "Ch.", "Prologue", "Part", "Book". */
  label?: string
  number?: number
  /** Title text after the number and separator, trimmed; undefined when none. */
  title?: string
  /** Column (1-based) where `title` starts in the line, for positions. */
  titleColumn?: number
}

/** Parse one line; `undefined` when it is not a heading. `language` is the book's BCP 47 tag. */
export function parseHeading(line: string, _language = 'en'): ParsedHeading | undefined {
  const m = /^\s*(chapter)\s+(\d+)\s*(?:[:.\-–—]\s*(.*))?$/i.exec(line)
  if (!m) return undefined
  const title = m[3]?.trim() || undefined
  return { kind: 'chapter', label: m[1], number: Number(m[2]), title }
}
