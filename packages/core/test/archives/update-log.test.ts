/**
 * The update log made from the chapters' own dates (FanFicFare's): one line per day, newest
 * first, consecutive chapters as a range, in the book's language with dates written out as the
 * copyright page writes them; the author's own lines win; `update-log: false` turns it off.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBook, loadBook, render } from '../../src/index.js'
import type { Chapter, UpdateLogPage } from '../../src/model/types.js'
import { stringsFor } from '../../src/strings/index.js'
import { datedLog, ranges } from '../../src/transforms/update-log.js'
import { unzipText } from '../epub/helpers.js'
import { royalRoadPage } from './pages.js'

const chapter = (number: number | undefined, date?: string): Chapter => ({
  type: 'chapter',
  matter: 'body',
  kind: 'chapter',
  ...(number === undefined ? {} : { number }),
  ...(date ? { date } : {}),
  children: [],
})

const logOf = (pages: { type: string }[] | undefined) =>
  (pages?.find((p) => p.type === 'updateLogPage') as UpdateLogPage | undefined)?.lines

describe('ranges', () => {
  it('writes runs of consecutive numbers as ranges, in ascending order', () => {
    expect(ranges([26, 24, 25])).toBe('24–26')
    expect(ranges([7, 3])).toBe('3, 7')
    expect(ranges([1, 2, 3, 5, 8, 9])).toBe('1–3, 5, 8–9')
    expect(ranges([4])).toBe('4')
    // A fractional chapter number stands alone.
    expect(ranges([3, 3.5, 4])).toBe('3, 3.5, 4')
  })
})

describe('the log from chapter dates', () => {
  const en = stringsFor('en')
  const chapters = [
    chapter(22, '2026-11-02'),
    chapter(23, '2026-11-16T09:30:00Z'),
    chapter(24, '2026-11-30'),
    chapter(25, '2026-11-30T18:00:00Z'),
    chapter(26, '2026-11-30'),
  ]

  it('groups the chapters of one day, newest day first, a range for consecutive ones', () => {
    expect(datedLog(chapters, en)).toEqual([
      'Chapters 24–26 added 30 November 2026',
      'Chapter 23 added 16 November 2026',
      'Chapter 22 added 2 November 2026',
    ])
  })

  it('speaks each language the book can be in', () => {
    const first = (language: string) => datedLog(chapters, stringsFor(language))[0]
    const one = (language: string) => datedLog([chapter(3, '2026-03-01')], stringsFor(language))[0]
    expect(first('fr')).toBe('Chapitres 24–26 ajoutés le 30 novembre 2026')
    expect(one('fr')).toBe('Chapitre 3 ajouté le 1er mars 2026')
    expect(first('de')).toBe('Kapitel 24–26 hinzugefügt am 30. November 2026')
    expect(first('es')).toBe('Capítulos 24–26 añadidos el 30 de noviembre de 2026')
    expect(first('it')).toBe('Capitoli 24–26 aggiunti in data 30 novembre 2026')
    expect(first('ru')).toBe('Главы 24–26 добавлены 30 ноября 2026\u00a0г.')
    expect(one('ru')).toBe('Глава 3 добавлена 1 марта 2026\u00a0г.')
    expect(first('pl')).toBe('Rozdziały 24–26 dodane 30 listopada 2026')
    expect(first('sv')).toBe('Kapitel 24–26 tillagda 30 november 2026')
  })

  it('names chapters by their place when one of them states no number', () => {
    const lines = datedLog(
      [chapter(undefined, '2026-01-01'), chapter(1, '2026-01-01'), chapter(2, '2026-01-08')],
      en,
    )
    expect(lines).toEqual(['Chapter 3 added 8 January 2026', 'Chapters 1–2 added 1 January 2026'])
  })

  it('leaves undated chapters, front and back matter, and dates without a day out', () => {
    const lines = datedLog(
      [
        { ...chapter(undefined, '2026-01-01'), matter: 'front' },
        chapter(1),
        chapter(2, '2026-02'),
        chapter(3, '2026-02-10'),
      ],
      en,
    )
    expect(lines).toEqual(['Chapter 3 added 10 February 2026'])
    expect(datedLog([chapter(1), chapter(2)], en)).toEqual([])
  })
})

describe('the update log page of a book', () => {
  const markdown = (n: number, date: string) => ({
    markdown: `---\ndate: ${date}\n---\n\n# Chapter ${n}\n\nWords of chapter ${n}.\n`,
    file: `ch${n}.md`,
  })

  it('is made from Markdown front matter dates when asked for (`update-log: true`)', async () => {
    const chapters = [markdown(1, '2026-03-01'), markdown(2, '2026-03-08'), markdown(3, '2026-03-08')]
    const { book, diagnostics } = await createBook({
      metadata: { title: 'Serial', updateLog: true },
      chapters,
    })
    expect(diagnostics.filter((d) => d.level !== 'info')).toEqual([])
    expect(book!.tree.children.map((c) => (c.type === 'chapter' ? c.date : undefined))).toEqual([
      '2026-03-01',
      '2026-03-08',
      '2026-03-08',
    ])
    expect(logOf(book!.tree.pages)).toEqual([
      'Chapters 2–3 added 8 March 2026',
      'Chapter 1 added 1 March 2026',
    ])
    // Not for a book that is no archive work and did not ask.
    const plain = await createBook({ metadata: { title: 'Serial' }, chapters })
    expect(logOf(plain.book!.tree.pages)).toBeUndefined()
  })

  it('reports a front-matter date that is not one, at its line', async () => {
    const { diagnostics } = await createBook({
      metadata: { title: 'Serial' },
      chapters: [{ markdown: '---\ntitle: One\ndate: 2026-02-30\n---\n\nText.\n', file: 'one.md' }],
    })
    const invalid = diagnostics.find((d) => d.code === 'md-front-matter-invalid')!
    expect(invalid.message).toContain('"date" must be a date')
    expect(invalid.line).toBe(3)
  })

  it('is made by default for saved archive pages, the author’s lines winning', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-log-'))
    writeFileSync(
      path.join(dir, 'a.html'),
      royalRoadPage(1, 'Chapter 1 - Good Morning Brother', '2026-03-01'),
    )
    writeFileSync(path.join(dir, 'b.html'), royalRoadPage(2, 'Chapter 2 - Life Goes On', '2026-03-08'))
    writeFileSync(path.join(dir, 'c.html'), royalRoadPage(3, 'Chapter 3 - Again', '2026-03-08'))
    const load = async (yaml?: string) => {
      if (yaml !== undefined) writeFileSync(path.join(dir, 'book.yaml'), `${yaml}chapters: ['*.html']\n`)
      const { book } = await loadBook(yaml === undefined ? dir : path.join(dir, 'book.yaml'))
      return book!
    }
    const book = await load()
    expect(logOf(book.tree.pages)).toEqual([
      'Chapters 2–3 added 8 March 2026',
      'Chapter 1 added 1 March 2026',
    ])
    const epub = unzipText(await render(book, 'epub'))
    expect(epub['OEBPS/text/update-log.xhtml']).toContain('<li>Chapters 2–3 added 8 March 2026</li>')
    expect(logOf((await load("update-log: ['Three chapters this month']\n")).tree.pages)).toEqual([
      'Three chapters this month',
    ])
    expect(logOf((await load('update-log: false\n')).tree.pages)).toBeUndefined()
    const french = await load('language: fr\n')
    expect(logOf(french.tree.pages)?.[1]).toBe('Chapitre 1 ajouté le 1er mars 2026')
  })
})
