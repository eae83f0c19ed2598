/**
 * Test helpers for the EPUB renderer: a tiny tree builder (the real readers are written
 * elsewhere), a throwaway txt → tree parser for the corpus and serial, unzipping, and the
 * external checkers (EPUBCheck, Ace, calibre), each reporting whether it is installed.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { unzipSync } from 'fflate'
import type { BlockContent, Chapter, Metadata, Part, PhrasingContent, Root } from '../../src/model/types.js'
import { runEpubcheck } from '../epubcheck/run.js'
import { EPUBCHECK, EPUBCHECK_JAR, has, onPath } from '../tools.js'

// ---------------------------------------------------------------- tree builder

export const t = (value: string): PhrasingContent => ({ type: 'text', value })
type Inline = PhrasingContent | string
const inline = (children: Inline[]): PhrasingContent[] =>
  children.map((c) => (typeof c === 'string' ? t(c) : c))
export const em = (...children: Inline[]): PhrasingContent => ({
  type: 'emphasis',
  children: inline(children),
})
export const strong = (...children: Inline[]): PhrasingContent => ({
  type: 'strong',
  children: inline(children),
})
export const sc = (...children: Inline[]): PhrasingContent => ({
  type: 'smallCaps',
  children: inline(children),
})
export const p = (...children: Array<PhrasingContent | string>): BlockContent => ({
  type: 'paragraph',
  children: children.map((c) => (typeof c === 'string' ? t(c) : c)),
})
export const hr = (): BlockContent => ({ type: 'sceneBreak' })
export const ref = (identifier: string, line = 1, column = 1): PhrasingContent => ({
  type: 'footnoteReference',
  identifier,
  position: { start: { line, column }, end: { line, column: column + 4 } },
})
export const fn = (identifier: string, ...children: BlockContent[]): BlockContent => ({
  type: 'footnoteDefinition',
  identifier,
  children,
})

export function metadata(extra: Partial<Metadata> = {}): Metadata {
  return {
    title: 'A Test Book',
    authors: [{ name: 'Jane Writer' }],
    language: 'en',
    identifier: { scheme: 'uuid', value: '0f9a1c52-2f0e-4c8e-9d57-3c1f6e0d8a11' },
    subjects: [],
    contributors: [],
    ...extra,
  }
}

export function chapter(n: number, children: BlockContent[], extra: Partial<Chapter> = {}): Chapter {
  return {
    type: 'chapter',
    matter: 'body',
    kind: 'chapter',
    number: n,
    label: 'Chapter',
    file: `chapters/${String(n).padStart(2, '0')}.md`,
    children,
    ...extra,
  }
}

export function book(children: Array<Part | Chapter>, meta: Partial<Metadata> = {}): Root {
  return { type: 'root', metadata: metadata(meta), children }
}

// ---------------------------------------------------------------- throwaway txt parser

/** Split on blank lines; the first line is the title (`Chapter N: Title`); `* * *` is a scene break. */
export function txtChapter(source: string, file: string, n: number): Chapter {
  const blocks = source.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)
  const head = (blocks.shift() ?? '').trim()
  const match = /^(Chapter)\s+(\d+)(?::\s*(.*))?$/.exec(head)
  const children: BlockContent[] = []
  for (const block of blocks) {
    const text = block.trim()
    if (!text) continue
    if (/^(\*\s*){3}$/.test(text)) children.push({ type: 'sceneBreak', marker: text })
    else {
      const lines = text.split('\n')
      const kids: PhrasingContent[] = []
      lines.forEach((line, i) => {
        if (i > 0) kids.push({ type: 'break' })
        kids.push(t(line))
      })
      children.push({ type: 'paragraph', children: kids })
    }
  }
  return {
    type: 'chapter',
    matter: 'body',
    kind: 'chapter',
    file,
    ...(match ? { label: match[1], number: Number(match[2]) } : { number: n }),
    ...(match?.[3] ? { title: [t(match[3])] } : !match && head ? { title: [t(head)] } : {}),
    children,
  }
}

export function txtBook(dir: string, meta: Partial<Metadata> = {}): Root {
  const txtDir = path.join(dir, 'txt')
  const names = readdirSync(txtDir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
  const chapters = names.map((name, i) =>
    txtChapter(readFileSync(path.join(txtDir, name), 'utf8'), `txt/${name}`, i + 1),
  )
  return book(chapters, meta)
}

// ---------------------------------------------------------------- zip and checkers

export function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes)
}

export function unzipText(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = new TextDecoder().decode(data)
  return out
}

export function tempFile(name: string, bytes: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'octavo-epub-'))
  const file = path.join(dir, name)
  writeFileSync(file, bytes)
  return file
}

export { EPUBCHECK, EPUBCHECK_JAR }

export function hasEpubcheck(): boolean {
  return has('epubcheck')
}

export interface EpubcheckMessage {
  severity: string
  ID: string
  message: string
  locations?: Array<{ path: string; line: number; column: number }>
}

/** Run EPUBCheck; returns every message (fatal, error, warning, and usage when `usage` is set). */
export async function epubcheck(file: string, usage = false): Promise<EpubcheckMessage[]> {
  const result = await runEpubcheck([file, '--json', '-', ...(usage ? ['-u'] : [])])
  const json = result.stdout.slice(result.stdout.indexOf('{'))
  const report = JSON.parse(json) as { messages: EpubcheckMessage[] }
  return report.messages
}

export function summarise(messages: readonly EpubcheckMessage[]): string[] {
  return messages.map(
    (m) =>
      `${m.severity} ${m.ID} ${m.message} @ ${m.locations?.map((l) => `${l.path}:${l.line}:${l.column}`).join(', ') ?? ''}`,
  )
}

export function which(command: string): string | undefined {
  return onPath(command)
}

// ---------------------------------------------------------------- a feature-rich book

/** A 1×1 GIF and a small SVG: real image bytes for the resource tests. */
export const GIF_1PX = Uint8Array.from(
  atob('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'),
  (c) => c.charCodeAt(0),
)
export const SVG_IMAGE = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" viewBox="0 0 300 200"><rect width="300" height="200" fill="#8ab"/><circle cx="150" cy="100" r="60" fill="#345"/></svg>
`

/** A PNG of the given size (solid colour), made with pngjs. */
export async function png(width = 4, height = 4): Promise<Uint8Array> {
  const { PNG } = await import('pngjs')
  const image = new PNG({ width, height })
  image.data.fill(0x80)
  return new Uint8Array(PNG.sync.write(image))
}

const pos = (line: number, column = 1) => ({ start: { line, column }, end: { line, column: column + 1 } })

/** Parts, front and back matter, footnotes, author's notes, images, verse, lists, code, links, nasty text. */
export function richTree(meta: Partial<Metadata> = {}): Root {
  const prologue: Chapter = {
    type: 'chapter',
    matter: 'front',
    kind: 'prologue',
    label: 'Prologue',
    id: 'prologue',
    file: 'chapters/00-prologue.md',
    children: [p('Before it all began, there was ', em('silence'), '.')],
  }
  const one = chapter(
    1,
    [
      { type: 'note', placement: 'start', children: [p('Thanks to everyone reading along!')] },
      p(
        'It was a dark & stormy night; the <door> creaked. ',
        strong('Bold'),
        ' and ',
        sc('small caps'),
        '.',
        ref('1', 3, 40),
      ),
      p(
        'A second paragraph with a ',
        { type: 'link', url: 'https://example.com/a b?q=1&r=2', children: [t('link')] },
        ' and a ',
        { type: 'link', url: '#ch-two', children: [t('jump')] },
        '.',
      ),
      hr(),
      p('After the break, a figure:'),
      {
        type: 'figure',
        image: { type: 'image', url: 'images/map.png', alt: 'A map of the valley', position: pos(9) },
        caption: [t('The valley, as drawn by '), em('Anna'), t('.')],
      },
      { type: 'heading', depth: 2, children: [t('A Letter')] },
      { type: 'blockquote', children: [p('Dear Sir,'), p('I remain, etc.')] },
      {
        type: 'verse',
        children: [
          { type: 'verseLine', children: [t('Twinkle, twinkle, little bat,')] },
          { type: 'verseLine', children: [t('How I wonder what you’re at!')] },
        ],
      },
      {
        type: 'list',
        ordered: true,
        start: 3,
        children: [
          { type: 'listItem', children: [p('three')] },
          { type: 'listItem', children: [p('four')] },
        ],
      },
      { type: 'list', ordered: false, children: [{ type: 'listItem', children: [p('bullet')] }] },
      { type: 'codeBlock', lang: 'js', value: 'if (a < b && c > d) {}\n' },
      p(
        'Inline ',
        { type: 'code', value: '<code>' },
        ', a break',
        { type: 'break' },
        'and an inline image ',
        { type: 'image', url: 'images/star.svg', alt: '' },
        '.',
        ref('2'),
      ),
      p('The same map again: ', { type: 'image', url: 'images/map.png', alt: 'The map, small' }),
      fn('1', p('The first note, with ', em('emphasis'), '.')),
      fn('2', p('The second note.'), p('Two paragraphs long.')),
      { type: 'note', placement: 'end', children: [p('See you next week.')] },
    ],
    { title: [t('Truly All Alone')], subtitle: [t('In which nothing happens')] },
  )
  const two = chapter(
    2,
    [
      p(
        'Chapter two, in part one. ',
        { type: 'link', url: 'mailto:author@example.com', children: [t('Write to me')] },
        '.',
      ),
    ],
    {
      id: 'ch-two',
      title: [t('Onward')],
    },
  )
  const three = chapter(3, [p('Chapter three: “quotes”, emoji 🐉, Ελληνικά, and ]]> in text.')])
  const epilogue: Chapter = {
    type: 'chapter',
    matter: 'back',
    kind: 'afterword',
    label: 'Afterword',
    file: 'chapters/99-afterword.md',
    children: [p('Written in a hurry.')],
  }
  const part = (n: number, title: string, chapters: Chapter[]): Part => ({
    type: 'part',
    label: 'Part',
    number: n,
    title: [t(title)],
    children: chapters,
  })
  return book([prologue, part(1, 'The Road', [one, two]), part(2, 'The River', [three]), epilogue], {
    subtitle: 'Being a Test of Everything',
    authors: [{ name: 'Jane Writer' }, { name: 'Ursula K. Le Guin', fileAs: 'Le Guin, Ursula K.' }],
    contributors: [
      { name: 'Tom Trans', role: 'translator' },
      { name: 'Ida Ill', role: 'illustrator' },
    ],
    publisher: 'Small & Press <Ltd>',
    date: '2024-05-01',
    description: 'A book that uses "every" feature & then some.',
    subjects: ['Fiction', 'Fantasy'],
    series: { name: 'The Test Saga', number: 2 },
    rights: 'CC BY 4.0',
    dedication: 'For everyone who reads the footnotes.',
    edition: 'First edition',
    ...meta,
  })
}

/** Files the rich tree refers to. */
export async function richFiles(): Promise<Record<string, Uint8Array | string>> {
  return {
    'images/map.png': await png(60, 40),
    'images/star.svg': SVG_IMAGE,
    'images/cover.png': await png(160, 256),
  }
}

/**
 * Ace by DAISY's violations for an EPUB file, as `document: rule` lines (empty when it passes).
 * `ace` is the ace-cli binary and `chromium` the browser it drives.
 */
export async function aceViolations(epub: string, ace: string, chromium: string): Promise<string[]> {
  const out = mkdtempSync(path.join(tmpdir(), 'octavo-ace-'))
  await promisify(execFile)(ace, ['-E', '-f', '-s', '-o', out, epub], {
    env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromium },
    maxBuffer: 64 * 1024 * 1024,
  }).catch(() => undefined) // Ace exits non-zero when it finds violations; the report says which.
  const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as {
    assertions: Array<{
      'earl:testSubject': { url: string }
      assertions?: Array<{
        'earl:test': { 'dct:title': string }
        'earl:result': { 'earl:outcome': string }
      }>
    }>
  }
  return report.assertions.flatMap((doc) =>
    (doc.assertions ?? [])
      .filter((a) => a['earl:result']['earl:outcome'] === 'fail')
      .map((a) => `${doc['earl:testSubject'].url}: ${a['earl:test']['dct:title']}`),
  )
}
