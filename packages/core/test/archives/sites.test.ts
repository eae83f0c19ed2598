/**
 * The site profiles on pages as each site serves them (pages.ts): chapter text and title, the
 * author's notes as notes without their "A/N:" label, the work's metadata, and none of the
 * site's furniture (menus, comments, kudos, footers) or anything hostile in the book.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { BlockContent, Chapter, Note, Part, WorkText } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { htmlReader } from '../../src/readers/html.js'
import {
  ao3ChapterPage,
  ao3Download,
  ffnPage,
  royalRoadPage,
  scribbleHubPage,
  spaceBattlesReader,
  wattpadPage,
} from './pages.js'

function read(html: string, path = 'chapters/page.html') {
  const file = new SourceFile(path)
  const result = htmlReader.read(html, file, { language: 'en' })
  const chapters = result.children.flatMap((c: Part | Chapter) => (c.type === 'part' ? c.children : [c]))
  return { result, chapters, messages: file.messages, file }
}

/** Everything a chapter would print: notes, text, and every other word. */
function words(chapter: Chapter): string {
  return JSON.stringify(chapter.children)
}

function notes(chapter: Chapter): Array<{ placement: Note['placement']; text: string }> {
  return chapter.children
    .filter((c): c is Note => c.type === 'note')
    .map((n) => ({
      placement: n.placement,
      text: n.children.map((b) => ('children' in b ? toText(b.children as never) : '')).join(' '),
    }))
}

/** The paragraphs' text of each formatted work text, to compare with the plain fields. */
function formattedText(formatted: WorkText | undefined): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(formatted ?? {}).map(([field, blocks]) => [
      field,
      blocks.map((b: BlockContent) => (b.type === 'paragraph' ? toText(b.children) : b.type)),
    ]),
  )
}

const FURNITURE =
  /kudos|Comments|First!|Loved it|Terms|Previous|Next|Follow\/Fav|tracker|unlawfully|Likes|Reply|Check out my other|Nice chapter|Log in|Home/

describe('AO3 whole-work download', () => {
  const { result, chapters } = read(ao3Download())
  it('reads the work metadata from the preface', () => {
    const { formatted, ...plain } = result.metadata!
    expect(formattedText(formatted)).toEqual({
      description: ['A letter goes missing.', 'Holmes is not amused.'],
      notes: ['Written for the Baker Street exchange.'],
      endNotes: ['Thank you for reading!'],
    })
    expect(plain).toEqual({
      title: 'The Case of the Missing Letter',
      authors: [{ name: 'holmesian' }],
      rating: 'Teen And Up Audiences',
      warnings: ['No Archive Warnings Apply'],
      categories: ['Gen'],
      fandoms: ['Sherlock Holmes - Arthur Conan Doyle'],
      relationships: ['Sherlock Holmes & John Watson'],
      characters: ['Sherlock Holmes', 'John Watson'],
      tags: ['Case Fic', 'Victorian'],
      language: 'en',
      series: { name: 'Baker Street Letters', number: 2 },
      published: '2026-01-05',
      updated: '2026-11-30',
      words: 12345,
      status: 'in-progress',
      description: 'A letter goes missing.\n\nHolmes is not amused.',
      notes: 'Written for the Baker Street exchange.',
      source: 'https://archiveofourown.org/works/123456',
      endNotes: 'Thank you for reading!',
    })
  })
  it('reads each chapter with its notes, the A/N label gone', () => {
    expect(chapters.map((c) => [c.number, toText(c.title ?? [])])).toEqual([
      [1, 'The Letter'],
      [2, 'The Station'],
    ])
    expect(notes(chapters[1]!)).toEqual([
      { placement: 'start', text: 'Thanks for the kudos on chapter 1!' },
      { placement: 'end', text: 'Next chapter soon.' },
    ])
  })
})

describe('AO3 chapter page saved from the browser', () => {
  const { result, chapters, messages } = read(ao3ChapterPage)
  it('reads the work metadata from the work meta', () => {
    expect(result.metadata).toMatchObject({
      title: 'The Case of the Missing Letter',
      authors: [{ name: 'holmesian' }],
      rating: 'Mature',
      warnings: ['Major Character Death'],
      categories: ['M/M'],
      relationships: ['Sherlock Holmes/John Watson'],
      characters: ['Sherlock Holmes', 'Mrs. Hudson'],
      tags: ['Angst'],
      language: 'en',
      series: { name: 'Baker Street Letters', number: 3 },
      published: '2026-01-05',
      updated: '2026-02-01',
      words: 4321,
      status: 'complete',
      description: 'A letter goes missing.',
      notes: 'For my beta.',
      endNotes: 'The end, for now.',
    })
  })
  it('keeps the chapter and its notes, and no furniture', () => {
    expect(chapters).toHaveLength(1)
    expect(chapters[0]!.number).toBe(2)
    expect(toText(chapters[0]!.title ?? [])).toBe('The Station')
    expect(notes(chapters[0]!)).toEqual([
      { placement: 'start', text: 'this one is short.' },
      { placement: 'end', text: 'Thanks for reading.' },
    ])
    expect(words(chapters[0]!)).toContain('Holmes did not mind.')
    expect(words(chapters[0]!)).not.toMatch(FURNITURE)
    expect(words(chapters[0]!)).not.toContain('steal')
    expect(messages.filter((m) => m.level === 'error')).toEqual([])
  })
})

describe('FanFiction.Net chapter page', () => {
  const { result, chapters } = read(ffnPage(2, 'Thaw'))
  it('reads the work from #profile_top and the fandom from the trail', () => {
    const { formatted, ...plain } = result.metadata!
    expect(formattedText(formatted)).toEqual({
      description: ['Hermione spends a winter at Hogwarts alone. Or so she thinks.'],
    })
    expect(plain).toEqual({
      title: 'The Long Winter',
      authors: [{ name: 'snowquill' }],
      description: 'Hermione spends a winter at Hogwarts alone. Or so she thinks.',
      rating: 'T',
      language: 'en',
      tags: ['Drama', 'Romance'],
      relationships: ['Hermione G./Draco M.'],
      characters: ['Hermione G.', 'Draco M.', 'Luna L.'],
      words: 45678,
      updated: '2025-11-30',
      published: '2025-01-05',
      status: 'in-progress',
      fandoms: ['Harry Potter'],
      source: 'https://www.fanfiction.net/s/12345678',
    })
  })
  it('takes the chapter title from the menu and A/N paragraphs as notes', () => {
    expect([chapters[0]!.number, toText(chapters[0]!.title ?? [])]).toEqual([2, 'Thaw'])
    expect(notes(chapters[0]!)).toEqual([
      { placement: 'start', text: 'Thank you all for the reviews!' },
      { placement: 'end', text: 'Review please!' },
    ])
    expect(words(chapters[0]!)).not.toMatch(FURNITURE)
  })
})

describe('Royal Road chapter page', () => {
  const { result, chapters } = read(royalRoadPage(3, 'Chapter 3 - Good Morning Brother', '2026-03-01'))
  it('reads the chapter, its notes and date, without the navigation, comments or hidden text', () => {
    expect(result.metadata).toEqual({
      title: 'Mother of Learning',
      authors: [{ name: 'nobody103' }],
      source: 'https://www.royalroad.com/fiction/21220/mother-of-learning',
    })
    expect(chapters).toHaveLength(1)
    expect([chapters[0]!.number, toText(chapters[0]!.title ?? []), chapters[0]!.date]).toEqual([
      3,
      'Good Morning Brother',
      '2026-03-01',
    ])
    expect(notes(chapters[0]!)).toEqual([
      { placement: 'start', text: 'Thanks to my patrons.' },
      { placement: 'end', text: 'See you next week.' },
    ])
    expect(words(chapters[0]!)).toContain('morning of the festival')
    expect(words(chapters[0]!)).not.toMatch(FURNITURE)
    expect(words(chapters[0]!)).not.toMatch(/A note from/)
  })
})

describe('Wattpad part page', () => {
  const { result, chapters } = read(wattpadPage)
  it('reads the part from its <pre> without the comment buttons', () => {
    expect(result.metadata).toEqual({
      title: 'Falling Stars',
      authors: [{ name: 'starwriter' }],
      description: 'A girl who catches falling stars.',
      tags: ['fantasy', 'stars'],
      source: 'https://www.wattpad.com/story/987654',
    })
    expect([chapters[0]!.number, toText(chapters[0]!.title ?? [])]).toEqual([3, 'The Comet'])
    expect(chapters[0]!.children.filter((c) => c.type === 'paragraph')).toHaveLength(2)
    expect(chapters[0]!.children.some((c) => c.type === 'codeBlock')).toBe(false)
    expect(notes(chapters[0]!)).toEqual([{ placement: 'end', text: 'vote and comment!' }])
    expect(words(chapters[0]!)).not.toMatch(/"12"|"3"|FURNITURE/)
  })
})

describe('Scribble Hub chapter page', () => {
  const { result, chapters } = read(scribbleHubPage)
  it('reads the chapter and the author note box', () => {
    expect(result.metadata).toEqual({
      title: 'The Last Quest',
      authors: [{ name: 'questor' }],
      source: 'https://www.scribblehub.com/series/55555/the-last-quest/',
    })
    expect([chapters[0]!.number, toText(chapters[0]!.title ?? [])]).toEqual([7, 'The Guild'])
    expect(notes(chapters[0]!)).toEqual([{ placement: 'end', text: 'Two chapters a week from now on.' }])
    expect(words(chapters[0]!)).not.toMatch(FURNITURE)
    expect(words(chapters[0]!)).not.toContain("Author's Note")
  })
})

describe('SpaceBattles threadmark reader page', () => {
  const { result, chapters } = read(spaceBattlesReader)
  it('reads each threadmarked post as a chapter', () => {
    expect(result.metadata).toEqual({
      title: 'Worm AU: Brockton Nights',
      authors: [{ name: 'NightOwl' }],
      source: 'https://forums.spacebattles.com/threads/worm-au-brockton-nights.1111111/',
    })
    expect(chapters.map((c) => [toText(c.title ?? []), c.date])).toEqual([
      ['1.1 Arrival', '2026-10-01'],
      ['1.2 Night', '2026-10-08'],
    ])
    expect(chapters[0]!.children.map((b) => b.type)).toEqual(['paragraph', 'paragraph'])
    for (const c of chapters) expect(words(c)).not.toMatch(FURNITURE)
  })
})

describe('unknown sites and changed layouts', () => {
  it('names an unknown site and reads it as plain HTML', () => {
    const { messages, chapters } = read(
      '<!DOCTYPE html><html><head><link rel="canonical" href="https://serials.example.net/story/1"></head><body><h1>Chapter 1</h1><p>Words.</p></body></html>',
    )
    expect(messages.map((m) => [m.code, m.level])).toContainEqual(['html-site-unknown', 'info'])
    expect(messages.find((m) => m.code === 'html-site-unknown')!.message).toContain('serials.example.net')
    expect(words(chapters[0]!)).toContain('Words.')
  })
  it('says nothing about a hand-written page', () => {
    const { messages } = read('<html><body><h1>Chapter 1</h1><p>Words.</p></body></html>')
    expect(messages.map((m) => m.code)).not.toContain('html-site-unknown')
  })
  it('warns and keeps the main text when a known site lost its containers', () => {
    const page = royalRoadPage(1, 'Chapter 1', '2026-01-01').replace(
      /chapter-inner chapter-content/,
      'chapter-body-v2',
    )
    const { messages, chapters } = read(page)
    expect(messages.map((m) => [m.code, m.level])).toContainEqual(['html-site-layout', 'warning'])
    const all = chapters.map(words).join(' ')
    expect(all).toContain('sharp pain erupted')
    expect(all).not.toMatch(/Best Rated|Comments \(120\)|© Royal Road/)
  })
})
