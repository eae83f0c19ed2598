/**
 * Chinese, Japanese and Korean books: their chapter headings are read ("第一章　旅立ち",
 * "第3話「出会い」", "제1장 시작", "プロローグ"), their labels hold the number inside ("第{number}章"),
 * their generated words come from their own strings table (目次, 奥付, 차례; Traditional
 * characters for zh-TW), names are listed and roles placed their way ("A、B", "鈴木一郎 訳"), and
 * `labels: words` writes Han numerals the Japanese or the Chinese way.
 */
import { describe, expect, it } from 'vitest'
import { chapterLabel, chaptersOf, createBook, render } from '../../src/index.js'
import { chapterHead, numberedLabel, partLabel, titledLabel } from '../../src/model/labels.js'
import type { Chapter } from '../../src/model/types.js'
import { hanValue, parseHeading } from '../../src/readers/heading.js'
import { joinNames, roleLine, stringsFor } from '../../src/strings/index.js'
import { numberWordsFor } from '../../src/strings/numbers.js'
import { unzipText } from '../epub/helpers.js'

describe('CJK headings', () => {
  it.each([
    ['第一章　旅立ち', { kind: 'chapter', label: '第{number}章', number: 1, numeral: '一', title: '旅立ち' }],
    ['第二十三章', { kind: 'chapter', label: '第{number}章', number: 23, numeral: '二十三' }],
    ['第百五章: 夜', { kind: 'chapter', label: '第{number}章', number: 105, numeral: '百五', title: '夜' }],
    ['第１２章', { kind: 'chapter', label: '第{number}章', number: 12, numeral: '１２' }],
    ['第3話「出会い」', { kind: 'chapter', label: '第{number}話', number: 3, title: '「出会い」' }],
    ['第十二話 ～帰還～', { kind: 'chapter', label: '第{number}話', number: 12, title: '～帰還～' }],
    ['第一部', { kind: 'part', label: '第{number}部', number: 1 }],
    ['第三卷 风起', { kind: 'part', label: '第{number}卷', number: 3, title: '风起' }],
    ['제1장 시작', { kind: 'chapter', label: '제{number}장', number: 1, title: '시작' }],
    ['제 2 부', { kind: 'part', label: '제 {number} 부', number: 2 }],
    ['12話 朝', { kind: 'chapter', label: '{number}話', number: 12, title: '朝' }],
    ['3화', { kind: 'chapter', label: '{number}화', number: 3 }],
    ['プロローグ', { kind: 'prologue', label: 'プロローグ' }],
    ['序章　始まり', { kind: 'prologue', label: '序章', title: '始まり' }],
    ['尾声', { kind: 'epilogue', label: '尾声' }],
    ['あとがき', { kind: 'afterword', label: 'あとがき' }],
    ['　第四章　雨', { kind: 'chapter', label: '第{number}章', number: 4, title: '雨' }],
  ])('%s is a heading', (line, expected) => {
    expect(parseHeading(line, 'ja')).toMatchObject(expected)
  })

  it.each([
    '第一章が終わった。',
    '3回、彼は言った',
    '2部屋に入った',
    '第十十章',
    '第一章　彼は長い旅の終わりにようやく故郷の町へ帰り着いた。',
    '序章が始まる前に、彼は一度だけ振り返った。',
  ])('%s is prose, not a heading', (line) => {
    expect(parseHeading(line, 'ja')).toBeUndefined()
  })

  it('reads Han numerals the ways books write them', () => {
    const cases: Array<[string, number | undefined]> = [
      ['一', 1],
      ['十', 10],
      ['十二', 12],
      ['二十三', 23],
      ['百五', 105],
      ['一百零五', 105],
      ['一〇五', 105],
      ['三千二百', 3200],
      ['一万二千', 12000],
      ['兩百', 200],
      ['十十', undefined],
      ['百千', undefined],
      ['一二三十', undefined],
      ['〇一', undefined],
    ]
    for (const [text, value] of cases) expect(hanValue(text), text).toBe(value)
  })

  it('writes Han numerals back the Japanese or the Chinese way, and reads them again', () => {
    const ja = numberWordsFor('ja')!
    const zh = numberWordsFor('zh-TW')!
    expect([1, 10, 12, 23, 105, 1200, 2026].map((n) => ja(n))).toEqual([
      '一',
      '十',
      '十二',
      '二十三',
      '百五',
      '千二百',
      '二千二十六',
    ])
    expect([1, 10, 12, 23, 105, 110, 1010, 2026].map((n) => zh(n))).toEqual([
      '一',
      '十',
      '十二',
      '二十三',
      '一百零五',
      '一百一十',
      '一千零一十',
      '二千零二十六',
    ])
    for (let n = 1; n <= 9999; n++) {
      expect(hanValue(ja(n)!), `ja ${n}`).toBe(n)
      expect(hanValue(zh(n)!), `zh ${n}`).toBe(n)
    }
    expect(ja(10_000)).toBeUndefined()
    expect(numberWordsFor('ko')).toBeUndefined()
  })
})

describe('labels holding their number', () => {
  it('put the number inside, and name the unit alone without one', () => {
    expect(numberedLabel('第{number}章', '二十三')).toBe('第二十三章')
    expect(numberedLabel('제 {number} 장', '2')).toBe('제 2 장')
    expect(numberedLabel('Chapter', '5')).toBe('Chapter 5')
    expect(numberedLabel('第{number}部')).toBe('部')
    expect(numberedLabel('{number}話')).toBe('話')
  })

  it('join a title the language’s way', () => {
    expect(titledLabel('第一章', '旅立ち')).toBe('第一章\u3000旅立ち')
    expect(titledLabel('プロローグ', '始まり')).toBe('プロローグ\u3000始まり')
    expect(titledLabel('제1장', '시작')).toBe('제1장 시작')
    expect(titledLabel('Chapter 1', 'Dawn')).toBe('Chapter 1: Dawn')
  })

  it('print heads and titles from the model', () => {
    const chapter: Chapter = {
      type: 'chapter',
      kind: 'chapter',
      matter: 'body',
      label: '第{number}章',
      number: 3,
      numeral: '三',
      title: [{ type: 'text', value: '海へ' }],
      children: [],
    }
    expect(chapterHead(chapter)).toBe('第三章')
    expect(chapterLabel(chapter)).toBe('第三章\u3000海へ')
    expect(partLabel({ type: 'part', label: '第{number}部', number: 2, children: [] })).toBe('第2部')
  })
})

describe('strings for Chinese, Japanese and Korean', () => {
  it('list names and place roles the language’s way', () => {
    expect(joinNames(['山田', '佐藤', '鈴木'], stringsFor('ja'))).toBe('山田、佐藤、鈴木')
    expect(joinNames(['王', '李', '张'], stringsFor('zh'))).toBe('王、李和张')
    expect(joinNames(['김', '이'], stringsFor('ko'))).toBe('김 및 이')
    expect(joinNames(['A', 'B', 'C'], stringsFor('en'))).toBe('A, B and C')
    expect(roleLine(stringsFor('ja').roles.trl!, ['鈴木一郎'], stringsFor('ja'))).toBe('鈴木一郎 訳')
    expect(roleLine(stringsFor('en').roles.trl!, ['A', 'B'], stringsFor('en'))).toBe('Translated by A and B')
  })

  it('write Traditional characters for Taiwan, Hong Kong and zh-Hant, Simplified otherwise', () => {
    for (const tag of ['zh-TW', 'zh-HK', 'zh-Hant', 'zh-Hant-TW', 'zh-MO'])
      expect(stringsFor(tag).contents, tag).toBe('目錄')
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'zh-SG', 'zh-Hans-HK'])
      expect(stringsFor(tag).contents, tag).toBe('目录')
  })

  it('write dates with 年, 月 and 日 (년, 월, 일)', async () => {
    const { book } = await createBook({
      metadata: { title: '旅', author: '山田太郎', language: 'ja', date: '2026-03-01' },
      chapters: [{ text: '本文。' }],
    })
    const copyright = book!.tree.pages!.find((p) => p.type === 'copyrightPage')!
    expect(JSON.stringify(copyright)).toContain('2026年3月1日発行')
  })
})

describe('a Japanese book from plain text', () => {
  it('reads its headings and words its pages in Japanese, in the EPUB', async () => {
    const { book } = await createBook({
      metadata: { title: '旅', author: ['山田太郎', '佐藤花子'], language: 'ja' },
      chapters: [
        { text: '第一章　旅立ち\n\n　朝が来た。「行こう」と彼は言った。\n' },
        { text: '第二章　海へ\n\n　海は青かった。\n' },
        { text: '　見出しのない章。\n' },
      ],
    })
    const chapters = chaptersOf(book!.tree)
    expect(chapters.map(chapterLabel)).toEqual(['第一章\u3000旅立ち', '第二章\u3000海へ', '第3章'])
    // The heading line is the chapter's heading, not its first paragraph.
    expect(JSON.stringify(chapters[0]!.children)).not.toContain('旅立ち')
    const epub = unzipText(await render(book!, 'epub', { generateCover: false }))
    expect(epub['OEBPS/nav.xhtml']).toMatch(/<h1[^>]*>目次<\/h1>/)
    expect(epub['OEBPS/nav.xhtml']).toContain('第一章\u3000旅立ち')
    expect(epub['OEBPS/text/chapter-001.xhtml']).toContain('<span class="chapter-label">第一章</span>')
    expect(epub['OEBPS/text/copyright.xhtml']).toContain('山田太郎、佐藤花子')
    expect(epub['OEBPS/text/copyright.xhtml']).not.toMatch(/Copyright|Made with| and /)
  })

  it('rewrites its numerals with `labels: numbers` and `labels: words`', async () => {
    const chapters = [1, 2, 23].map((n) => ({ text: `第${n}章\n\n本文。\n` }))
    const metadata = { title: '旅', author: '山田', language: 'ja' }
    const numbers = await createBook({ metadata, chapters, labels: 'numbers' })
    expect(chaptersOf(numbers.book!.tree).map(chapterLabel)).toEqual(['第1章', '第2章', '第23章'])
    const words = await createBook({ metadata, chapters, labels: 'words' })
    expect(chaptersOf(words.book!.tree).map(chapterLabel)).toEqual(['第一章', '第二章', '第二十三章'])
  })
})
