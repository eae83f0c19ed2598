/**
 * The book's language from its text, when nobody said it. A folder of French chapters built with
 * no `language:` and no `--lang` was an English book: English quotation marks and labels,
 * `dc:language` en for screen readers and e-reader dictionaries, English hyphenation. Before the
 * chapters are read (the heading rules read numbers in the book's language), samples of the
 * plain-text, Markdown and HTML chapters are identified by trigrams (`franc-min`: 82 languages,
 * each spoken by at least eight million people), and a language every sample agrees on is taken,
 * with one info diagnostic saying so. Chapters in other formats name their own language, which
 * the readers report as before.
 */
import type { SourceFile } from '../diagnostics/file.js'
import { canonicalLanguage, directionOf, likelyScript, primaryLanguage } from '../language.js'
import type { Metadata } from '../model/types.js'
import { decodeSource } from '../readers/encoding.js'
import { getReader, readerFor } from '../readers/index.js'
import { letterCount } from '../words.js'
import type { Source } from './read.js'

/** Readers whose files are read as text, markup aside. */
const TEXT_READERS = new Set(['text', 'markdown', 'html'])
/** What franc reads of a sample at most, and so the size of one. */
const SAMPLE = 2048
/** Letters a sample needs to be worth a vote: short ones (a title page) say little. */
const MIN_LETTERS = 400
/** Samples taken, spread over the book's files. */
const MAX_SAMPLES = 7
/** What is decoded of a file: enough for a sample past its opening. */
const HEAD = 64 * 1024
/** Share of the samples that must agree. */
const AGREEMENT = 0.8

/**
 * The language most samples of `texts` are in, as a canonical BCP 47 tag, when enough of them
 * agree (`AGREEMENT`); undefined when the text is too short, mixed, or in no language franc
 * knows. English is returned too: the caller decides what a finding changes.
 */
export async function identifyLanguage(texts: readonly string[]): Promise<string | undefined> {
  const samples = samplesOf(texts)
  if (samples.length === 0) return undefined
  // Most books are English, and say so in their commonest words: franc's trigram tables (25 ms
  // to load) are for the others.
  if (samples.every(readsAsEnglish)) return 'en'
  const { franc } = await import('franc-min')
  const votes = new Map<string, number>()
  for (const sample of samples) {
    const code = franc(sample, { minLength: 100 })
    if (code === 'und') continue
    // A finding in a script the sample is not written in is no finding (digits and one-letter
    // tokens, "L1. N1.", once read as Sorani Kurdish).
    const tag = canonicalLanguage(code)
    if (tag && writtenIn(sample, tag)) votes.set(tag, (votes.get(tag) ?? 0) + 1)
  }
  let best: string | undefined
  let most = 0
  for (const [code, count] of votes)
    if (count > most) {
      best = code
      most = count
    }
  if (!best || most < samples.length * AGREEMENT) return undefined
  return best
}

/**
 * Words common in English prose and in no other language's: "the", "and", "that"… ("of", "is",
 * "was", "her" and "in" are Dutch, German or Danish words too). Together they are a tenth of any
 * English text and next to nothing of another language's.
 */
const ENGLISH = new Set([
  'the',
  'and',
  'that',
  'with',
  'she',
  'you',
  'they',
  'this',
  'but',
  'not',
  'his',
  'what',
])

/**
 * Whether a sample is English beyond doubt: a tenth of its words English-only (the four corpus
 * novels' samples: 12 % to 21 %; a French, German, Spanish, Portuguese or Dutch one: none).
 */
export function readsAsEnglish(sample: string): boolean {
  let words = 0
  let english = 0
  for (const [word] of sample.toLowerCase().matchAll(/\p{L}+/gu)) {
    words++
    if (ENGLISH.has(word)) english++
  }
  return words > 0 && english * 10 >= words
}

/** Unicode scripts a language's likely script stands for (ICU gives `Jpan` for Japanese). */
const SCRIPTS: Readonly<Record<string, string>> = {
  Hans: 'Han',
  Hant: 'Han',
  Jpan: 'Han|Hiragana|Katakana',
  Kore: 'Hangul|Han',
}

/** Whether most of a sample's letters are in the script `tag` is written in. */
function writtenIn(sample: string, tag: string): boolean {
  const script = likelyScript(tag)
  if (!script) return false
  const names = (SCRIPTS[script] ?? script).split('|')
  let pattern: RegExp
  try {
    pattern = new RegExp(names.map((name) => `\\p{Script=${name}}`).join('|'), 'gu')
  } catch {
    return false
  }
  const inScript = sample.match(pattern)?.length ?? 0
  return inScript * 2 > letterCount(sample)
}

/** Up to `MAX_SAMPLES` samples of prose, from files spread over the book, each past its first lines. */
function samplesOf(texts: readonly string[]): string[] {
  const usable = texts.map(prose).filter((text) => letterCount(text) >= MIN_LETTERS)
  const step = Math.max(1, usable.length / MAX_SAMPLES)
  const out: string[] = []
  for (let i = 0; i < usable.length && out.length < MAX_SAMPLES; i += step) {
    const text = usable[Math.floor(i)]!
    // Past the heading and any note above the story, where the prose is.
    const from = text.length > SAMPLE * 2 ? Math.floor(text.length / 3) : 0
    const sample = text.slice(from, from + SAMPLE)
    if (letterCount(sample) >= MIN_LETTERS && readsAsProse(sample)) out.push(sample)
  }
  return out
}

/** A file's text without markup: tags, front matter, links' addresses, Markdown's marks. */
function prose(text: string): string {
  return text
    .replace(/^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)\r?\n/, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\]\([^)]*\)|https?:\/\/\S+/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/gi, ' ')
    .replace(/[#*_`~>|[\]]+/g, ' ')
}

/**
 * Whether a sample reads as prose: most of its letters in words of three letters or more (a list
 * of labels, "L1. N1.", or a table of figures is not a language's text). Scripts written without
 * spaces count whole.
 */
function readsAsProse(sample: string): boolean {
  let inWords = 0
  for (const word of sample.matchAll(/\p{L}{3,}/gu)) inWords += word[0].length
  return inWords * 4 > letterCount(sample) * 3
}

/**
 * Identify the book's language from its text-like sources, unless `given` says it: set it, with
 * its direction, and say so on `bookFile` when it is not English (the default it replaces).
 */
export async function identifyBookLanguage(
  sources: readonly Source[],
  metadata: Metadata,
  given: ReadonlyArray<keyof Metadata>,
  bookFile: SourceFile,
): Promise<void> {
  if (given.includes('language')) return
  const candidates = sources.filter((source) => {
    if (source.bytes === undefined) return false
    const reader = source.reader
      ? getReader(source.reader)
      : readerFor(source.entry.file, source.bytes)?.reader
    return reader !== undefined && TEXT_READERS.has(reader.name)
  })
  // Only the files samples may come from are decoded (a 1,000-chapter serial: 14 of them).
  const texts: string[] = []
  const step = Math.max(1, candidates.length / (MAX_SAMPLES * 2))
  for (let i = 0; i < candidates.length; i += step) {
    const source = candidates[Math.floor(i)]!
    const bytes = source.bytes!
    const head = typeof bytes === 'string' ? bytes.slice(0, HEAD) : bytes.subarray(0, HEAD)
    texts.push(decodeSource(head, source.encoding ? { encoding: source.encoding } : {}).text)
  }
  const found = await identifyLanguage(texts)
  if (!found || primaryLanguage(found) === primaryLanguage(metadata.language)) return
  metadata.language = found
  if (!given.includes('direction')) metadata.direction = directionOf(found)
  bookFile.message(
    'book-language-identified',
    `The chapters read as ${languageName(found)}: the book's language is taken to be "${found}" (set \`language:\` in book.yaml or --lang to say otherwise)`,
  )
}

/** "French" for `fr`, by ICU's English names; the tag itself where it has none. */
function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag
  } catch {
    return tag
  }
}
