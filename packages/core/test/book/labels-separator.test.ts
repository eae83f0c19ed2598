/**
 * A display title joins its head and its title as the book's language does: "Chapter 1: Dawn",
 * "Chapitre 1 : L’aube" (a narrow no-break space before the colon, as the typography transform
 * spaces a colon in French text), "第一章　旅立ち" whatever the language. Every renderer takes the
 * same labels (`labelsFor`): the EPUB's contents and navigation, the PDF's contents and
 * bookmarks, `octavo stats`. An English book prints exactly what `chapterLabel` does.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { bookStats, createBook } from '../../src/index.js'
import { parseManifest } from '../../src/manifest/parse.js'
import { chapterLabel, labelsFor, normalizeNumeral, titledLabel } from '../../src/model/labels.js'
import type { Chapter, Part } from '../../src/model/types.js'
import { planBook } from '../../src/renderers/epub/plan.js'
import { stringsFor } from '../../src/strings/index.js'

const chapter = (fields: Partial<Chapter>): Chapter => ({
  type: 'chapter',
  kind: 'chapter',
  matter: 'body',
  children: [],
  ...fields,
})
const dawn = chapter({ label: 'Chapitre', number: 1, title: [{ type: 'text', value: 'L’aube' }] })

describe('the separator of a display title', () => {
  it('is ": " in English, and in every language but French', () => {
    expect(labelsFor('en').chapterLabel(dawn)).toBe('Chapitre 1: L’aube')
    expect(labelsFor('en')).toBe(labelsFor('de'))
    for (const language of ['de', 'es', 'it', 'ru', 'tr', 'ar', 'he', 'vi', 'xx', ''])
      expect(labelsFor(language).chapterLabel(dawn), language).toBe(chapterLabel(dawn))
  })

  it('is a narrow no-break space and a colon in French, in every French-speaking country', () => {
    for (const language of ['fr', 'fr-FR', 'fr-CA', 'fr-CH', 'fr_BE'])
      expect(labelsFor(language).chapterLabel(dawn), language).toBe('Chapitre 1\u202F: L’aube')
    const part: Part = {
      type: 'part',
      label: 'Partie',
      number: 2,
      title: [{ type: 'text', value: 'La mer' }],
      children: [],
    }
    expect(labelsFor('fr').partLabel(part)).toBe('Partie 2\u202F: La mer')
  })

  it('leaves a head alone and a title alone unjoined', () => {
    const { chapterLabel: label, chapterHead } = labelsFor('fr')
    expect(label(chapter({ label: 'Chapitre', number: 4 }))).toBe('Chapitre 4')
    expect(label(chapter({ kind: 'other', title: [{ type: 'text', value: 'Remerciements' }] }))).toBe(
      'Remerciements',
    )
    expect(chapterHead(dawn)).toBe('Chapitre 1')
  })

  it('keeps the ideographic space of Chinese and Japanese heads and the space of Korean ones', () => {
    const han = chapter({
      label: '第{number}章',
      number: 1,
      numeral: '一',
      title: [{ type: 'text', value: '旅立ち' }],
    })
    const hangul = chapter({
      label: '제{number}장',
      number: 1,
      numeral: '1',
      title: [{ type: 'text', value: '시작' }],
    })
    for (const language of ['ja', 'zh', 'ko', 'fr', 'en']) {
      expect(labelsFor(language).chapterLabel(han)).toBe('第一章\u3000旅立ち')
      expect(labelsFor(language).chapterLabel(hangul)).toBe('제1장 시작')
    }
    expect(titledLabel('第一章', '旅立ち', '\u202F: ')).toBe('第一章\u3000旅立ち')
  })

  it('book.yaml’s strings set another', () => {
    expect(labelsFor('en', { labelSeparator: '. ' }).chapterLabel(dawn)).toBe('Chapitre 1. L’aube')
    expect(labelsFor('fr', { labelSeparator: ' — ' }).chapterLabel(dawn)).toBe('Chapitre 1 — L’aube')
    expect(stringsFor('en', { labelSeparator: ' – ' }).labelSeparator).toBe(' – ')
    const file = new SourceFile('book.yaml')
    const manifest = parseManifest('title: T\nauthor: A\nstrings:\n  label-separator: ". "\n', file)
    expect(file.messages).toEqual([])
    expect(manifest?.metadata.strings?.labelSeparator).toBe('. ')
  })
})

describe('the renderers print the book language’s display titles', () => {
  const chapters = [
    { markdown: '# Chapitre 1 : Le Départ\n\nIl partit.' },
    { markdown: '# Chapitre 2\n\nIl revint.' },
  ]

  it('in a French book: EPUB contents and navigation, stats', async () => {
    const { book } = await createBook({ metadata: { title: 'Livre', author: 'A', language: 'fr' }, chapters })
    const titles = planBook(book!.tree).chapters.map((c) => c.title)
    expect(titles).toEqual(['Chapitre 1\u202F: Le Départ', 'Chapitre 2'])
    expect(bookStats(book!).chapters.map((c) => c.title)).toEqual(titles)
  })

  it('in an English book, as before', async () => {
    const { book } = await createBook({
      metadata: { title: 'Book', author: 'A', language: 'en' },
      chapters: [{ markdown: '# Chapter 1: Dawn\n\nText.' }],
    })
    expect(planBook(book!.tree).chapters.map((c) => c.title)).toEqual(['Chapter 1: Dawn'])
    expect(bookStats(book!).chapters.map((c) => c.title)).toEqual(['Chapter 1: Dawn'])
  })
})

describe('Hebrew letter numerals in labels', () => {
  it('take gershayim and geresh, as typography sets them in the text', () => {
    expect(normalizeNumeral('י"ב')).toBe('י״ב')
    expect(normalizeNumeral('י”ב')).toBe('י״ב')
    expect(normalizeNumeral("ה'")).toBe('ה׳')
    expect(normalizeNumeral('ה’')).toBe('ה׳')
    expect(normalizeNumeral('י״ב')).toBe('י״ב')
    expect(labelsFor('he').chapterHead(chapter({ label: 'פרק', number: 12, numeral: 'י"ב' }))).toBe('פרק י״ב')
  })
})
