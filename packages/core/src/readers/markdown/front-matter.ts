/**
 * A chapter's YAML front matter: `title`, `subtitle`, `number`, `kind`, `matter`, `date` (when
 * the chapter was posted, for a serial's update log and `new-since`). What it states
 * wins over what the heading says. And what pandoc's metadata block says of the book: `author`
 * (or `authors`: a name, a list of names, or of `{ name: … }`) and `lang` (or `language`), which
 * the book adopts where book.yaml and the command line say nothing (`FrontMatter.book`). Unknown
 * keys are warned (typos); values of the wrong type are errors pointing at their line; the key is
 * then ignored and reading goes on.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'
import type { SourceFile } from '../../diagnostics/file.js'
import type { ChapterKind, Matter, Person, Point } from '../../model/types.js'
import type { StatedFields } from '../shared/chapter.js'
import { clean } from '../source.js'

/** What front matter says: of its chapter, and of the book (`author`, `lang`). */
export interface FrontMatter extends StatedFields {
  book?: { authors?: Person[]; language?: string }
}

/** A language tag's shape (BCP 47's, loosely: the book's own check judges it when adopted). */
const LANGUAGE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/

const kinds: ReadonlyArray<ChapterKind | 'part'> = [
  'chapter',
  'prologue',
  'epilogue',
  'interlude',
  'foreword',
  'preface',
  'introduction',
  'afterword',
  'acknowledgments',
  'dedication',
  'appendix',
  'other',
  'part',
]
const matters: readonly Matter[] = ['front', 'body', 'back']
const known = [
  'title',
  'subtitle',
  'number',
  'kind',
  'matter',
  'date',
  'author',
  'authors',
  'lang',
  'language',
]

/** `author:` as pandoc takes it: a name, a list of names, or a list of maps with a `name`. */
function namesOf(node: YamlNode | null): string[] | undefined {
  const nameOf = (item: unknown): string | undefined => {
    if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number'))
      return clean(String(item.value)).trim() || undefined
    if (isMap(item)) {
      const name = item.get('name', true)
      return isScalar(name) && typeof name.value === 'string'
        ? clean(name.value).trim() || undefined
        : undefined
    }
    return undefined
  }
  if (isSeq(node)) {
    const names = node.items.map(nameOf)
    return names.length > 0 && names.every((n) => n !== undefined) ? (names as string[]) : undefined
  }
  const one = nameOf(node)
  return one === undefined ? undefined : [one]
}

/** `2026-11-30`, or with a time after it: the day, when it is a real one. */
function dayOf(value: unknown): string | undefined {
  const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value.trim() : ''
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    text,
  )
  if (!m) return undefined
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const real = new Date(Date.UTC(year, month - 1, day))
  return real.getUTCMonth() === month - 1 && real.getUTCDate() === day ? `${m[1]}-${m[2]}-${m[3]}` : undefined
}

/**
 * Read front matter. `value` is the YAML between the `---` fences; `start` is where the opening
 * fence is, so that line numbers point into the chapter file.
 */
export function readFrontMatter(value: string, start: Point, file: SourceFile, source: string): FrontMatter {
  const stated: FrontMatter = {}
  let lines = new LineCounter()
  let doc = parseDocument(value, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  // YAML line 1 is the line after the opening `---`.
  const at = (offset: number | undefined): Point => {
    const p = lines.linePos(offset ?? 0)
    return { line: start.line + p.line, column: p.col }
  }
  // `title: Chapter 5: The Fall` is what everyone writes, and no YAML: a colon and a space in a
  // plain value. Such a value is read as the text it is, when that mends the whole document.
  const mended = doc.errors.length > 0 ? quoteColonValues(value) : undefined
  if (mended) {
    const mendedLines = new LineCounter()
    const retry = parseDocument(mended.text, {
      lineCounter: mendedLines,
      prettyErrors: false,
      uniqueKeys: true,
    })
    if (retry.errors.length === 0) {
      doc = retry
      lines = mendedLines
      for (const { line, key, text } of mended.quoted)
        file.message(
          'md-front-matter-quoted',
          `\`${key}: ${text}\` is not valid YAML (a colon and a space inside a value); read as the text "${text}" (put it in quotes to say so)`,
          { line: start.line + line, column: key.length + 3 },
          source,
        )
    }
  }
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!
    file.message(
      'md-front-matter-parse',
      `Front matter is not valid YAML: ${error.message.split('\n')[0]}`,
      at(error.pos[0]),
      source,
    )
    return stated
  }
  const contents = doc.contents
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === '')))
    return stated
  if (!isMap(contents)) {
    file.message(
      'md-front-matter-invalid',
      'Front matter must be a mapping of keys to values',
      at(contents.range?.[0]),
      source,
    )
    return stated
  }
  for (const pair of contents.items) {
    const keyNode = pair.key as YamlNode | null
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
    const where = at(keyNode?.range?.[0])
    if (!known.includes(key)) {
      file.message(
        'md-front-matter-unknown-key',
        `Unknown front-matter key "${key}" (known: ${known.join(', ')})`,
        where,
        source,
      )
      continue
    }
    const node = pair.value as YamlNode | null
    const value = isScalar(node) ? node.value : node === null ? null : undefined
    const valueAt = node?.range ? at(node.range[0]) : where
    const invalid = (expected: string) =>
      file.message('md-front-matter-invalid', `Front-matter "${key}" must be ${expected}`, valueAt, source)
    switch (key) {
      case 'title':
      case 'subtitle':
        if (typeof value === 'string' || typeof value === 'number') stated[key] = String(value).trim()
        else invalid('text')
        break
      case 'number': {
        const n = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value
        if (typeof n === 'number' && Number.isFinite(n) && n >= 0) stated.number = n
        else invalid('a number of 0 or more')
        break
      }
      case 'kind':
        if (typeof value === 'string' && (kinds as readonly string[]).includes(value.toLowerCase())) {
          stated.kind = value.toLowerCase() as ChapterKind | 'part'
        } else invalid(`one of ${kinds.join(', ')}`)
        break
      case 'matter':
        if (typeof value === 'string' && (matters as readonly string[]).includes(value.toLowerCase())) {
          stated.matter = value.toLowerCase() as Matter
        } else invalid('front, body or back')
        break
      case 'date': {
        const day = dayOf(value)
        if (day) stated.date = day
        else invalid('a date as YYYY-MM-DD')
        break
      }
      case 'author':
      case 'authors': {
        const names = namesOf(node)
        if (names) stated.book = { ...stated.book, authors: names.map((name) => ({ name })) }
        else invalid('a name or a list of names')
        break
      }
      case 'lang':
      case 'language':
        if (typeof value === 'string' && LANGUAGE.test(value.trim()))
          stated.book = { ...stated.book, language: value.trim() }
        else invalid('a language tag such as en or en-GB')
        break
    }
  }
  return stated
}

/**
 * The front matter with each top-level `key: value` line whose plain value holds `: ` put in
 * double quotes; undefined when no line is such. Lines keep their number.
 */
function quoteColonValues(
  yaml: string,
): { text: string; quoted: Array<{ line: number; key: string; text: string }> } | undefined {
  const quoted: Array<{ line: number; key: string; text: string }> = []
  const out = yaml.split('\n').map((line, i) => {
    const m = /^([A-Za-z_][\w-]*):[ \t]+([^"'[{|>&*!%@`#\s][^#]*?:\s.*?)[ \t]*\r?$/.exec(line)
    if (!m) return line
    quoted.push({ line: i + 1, key: m[1]!, text: m[2]! })
    return `${m[1]}: ${JSON.stringify(m[2])}`
  })
  return quoted.length > 0 ? { text: out.join('\n'), quoted } : undefined
}
