/**
 * Legacy encodings and their overrides: real sentences in Russian, Japanese, Chinese, Korean,
 * Czech, Polish, Greek, Hebrew, Turkish, German and French, encoded in the tests (iconv-lite) in
 * the code pages authors' files still come in, must read back as the same words through every
 * reader, from disk and from memory; UTF-16 without a BOM must be found for non-Latin scripts;
 * HTML must honour its declared charset; the encoding can be given in book.yaml, on a chapter
 * and per reader, and an unknown name is an error naming it.
 */
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createBook } from '../../src/index.js'
import type { Node, Root } from '../../src/model/types.js'
import { visit } from '../../src/model/walk.js'
import { canonicalEncoding, declaredCharset, decodeSource } from '../../src/readers/encoding.js'
import { htmlReader } from '../../src/readers/html.js'
import { markdownReader } from '../../src/readers/markdown.js'
import { textReader } from '../../src/readers/text/index.js'
import { cleanupTempDirs, loadFolder } from './helpers.js'

afterAll(cleanupTempDirs)

const SENTENCES: Record<string, string> = {
  ru: 'Все счастливые семьи похожи друг на друга, каждая несчастливая семья несчастлива по-своему. Всё смешалось в доме Облонских. Жена узнала, что муж был в связи с бывшею в их доме француженкою-гувернанткой, и объявила мужу, что не может жить с ним в одном доме.',
  ja: '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。吾輩はここで始めて人間というものを見た。',
  zh: '话说天下大势，分久必合，合久必分。周末七国分争，并入于秦。及秦灭之后，楚、汉分争，又并入于汉。汉朝自高祖斩白蛇而起义，一统天下，后来光武中兴，传至献帝，遂分为三国。',
  zht: '話說天下大勢，分久必合，合久必分。周末七國分爭，並入於秦。及秦滅之後，楚、漢分爭，又並入於漢。漢朝自高祖斬白蛇而起義，一統天下，後來光武中興，傳至獻帝，遂分為三國。',
  ko: '나라의 말이 중국과 달라 문자와 서로 통하지 아니하므로 이런 까닭으로 어리석은 백성이 이르고자 하는 바가 있어도 마침내 제 뜻을 능히 펴지 못하는 사람이 많다. 내가 이를 위해 가엾게 여겨 새로 스물여덟 글자를 만드니.',
  cs: 'Příliš žluťoučký kůň úpěl ďábelské ódy. Byl pozdní večer, první máj, večerní máj, byl lásky čas. Hrdliččin zval ku lásce hlas, kde borový zaváněl háj. O lásce šeptal tichý mech; květoucí strom lhal lásky žel.',
  pl: 'Litwo! Ojczyzno moja! ty jesteś jak zdrowie. Ile cię trzeba cenić, ten tylko się dowie, kto cię stracił. Dziś piękność twą w całej ozdobie widzę i opisuję, bo tęsknię po tobie. Panno święta, co Jasnej bronisz Częstochowy i w Ostrej świecisz Bramie!',
  el: 'Άνδρα μοι έννεπε, Μούσα, πολύτροπον, ος μάλα πολλά πλάγχθη, επεί Τροίης ιερόν πτολίεθρον έπερσεν· πολλών δ ανθρώπων ίδεν άστεα και νόον έγνω, πολλά δ ο γ εν πόντω πάθεν άλγεα ον κατά θυμόν.',
  he: 'בראשית ברא אלהים את השמים ואת הארץ. והארץ היתה תהו ובהו וחשך על פני תהום ורוח אלהים מרחפת על פני המים. ויאמר אלהים יהי אור ויהי אור.',
  tr: 'Bir varmış bir yokmuş, evvel zaman içinde, kalbur saman içinde, develer tellal iken, pireler berber iken, ben annemin beşiğini tıngır mıngır sallar iken, İstanbul’da çok güzel bir kız yaşarmış.',
  de: 'Als Gregor Samsa eines Morgens aus unruhigen Träumen erwachte, fand er sich in seinem Bett zu einem ungeheueren Ungeziefer verwandelt. Er lag auf seinem panzerartig harten Rücken und sah, wenn er den Kopf ein wenig hob, seinen gewölbten, braunen Bauch.',
  fr: 'Longtemps, je me suis couché de bonne heure. Parfois, à peine ma bougie éteinte, mes yeux se fermaient si vite que je n’avais pas le temps de me dire : « Je m’endors. » Et, une demi-heure après, la pensée qu’il était temps de chercher le sommeil m’éveillait.',
}

/** A two-paragraph chapter: a heading line and the sentences, as an author's file holds them. */
const chapterText = (lang: string) => `Chapter 1\n\n${SENTENCES[lang]}\n\n${SENTENCES[lang]}\n`

const CASES: Array<[string, string]> = [
  ['ru', 'koi8-r'],
  ['ru', 'windows-1251'],
  ['ru', 'iso-8859-5'],
  ['ja', 'shift_jis'],
  ['ja', 'euc-jp'],
  ['zh', 'gb18030'],
  ['zht', 'big5'],
  ['ko', 'euc-kr'],
  ['cs', 'windows-1250'],
  ['cs', 'iso-8859-2'],
  ['pl', 'iso-8859-2'],
  ['el', 'iso-8859-7'],
  ['el', 'windows-1253'],
  ['he', 'windows-1255'],
  ['tr', 'windows-1254'],
  ['de', 'windows-1252'],
  ['fr', 'windows-1252'],
]

function textOf(children: Node[]): string {
  const out: string[] = []
  for (const child of children)
    visit(child, (node) => {
      if (node.type === 'text') out.push(node.value)
    })
  return out.join('\n')
}

/** The readers that answer at once (the registry loads Markdown's and HTML's on first use). */
const readers = { text: textReader, markdown: markdownReader, html: htmlReader }

function read(reader: keyof typeof readers, bytes: Uint8Array, name: string, encoding?: string) {
  const file = new SourceFile(name)
  const result = readers[reader].read(bytes, file, {
    language: 'en',
    ...(encoding ? { encoding } : {}),
  })
  return { text: textOf(result.children), file }
}

describe('legacy encodings are detected and decoded', () => {
  for (const [lang, encoding] of CASES) {
    it(`${lang} in ${encoding} reads back as the same words (text and Markdown)`, () => {
      const bytes = iconv.encode(chapterText(lang), encoding)
      for (const [reader, name] of [
        ['text', 'ch.txt'],
        ['markdown', 'ch.md'],
      ] as const) {
        const { text, file } = read(reader, bytes, name)
        expect(text, `${reader}: ${JSON.stringify(file.messages)}`).toContain(SENTENCES[lang])
        // Whatever was guessed is said, naming the encoding chosen; never an error.
        expect(file.messages.filter((m) => m.level === 'error')).toEqual([])
        const note = file.messages.find((m) => /encoding/.test(m.code))
        expect(note, reader).toBeDefined()
        expect(note!.file).toBe(name)
      }
    })
  }

  it('a low-confidence guess is a warning naming the file and the encoding chosen', () => {
    // One short Cyrillic line: too little for the statistics to be sure.
    const { text, file } = read('text', iconv.encode('Привет, мир.\n', 'windows-1251'), 'short.txt')
    const note = file.messages.find((m) => m.code === 'text-encoding-uncertain')
    expect(note, JSON.stringify(file.messages)).toBeDefined()
    expect(note!.level).toBe('warning')
    expect(note!.file).toBe('short.txt')
    const named = /guessed ([^\s;]+)/.exec(note!.message)?.[1]
    expect(canonicalEncoding(named!)).toBeDefined()
    expect(text.length).toBeGreaterThan(0)
  })

  it('a few accented letters in Western text stay Windows-1252', () => {
    const { text, file } = read(
      'text',
      iconv.encode('Chapter 1\n\nCafé naïve, “déjà vu”.\n', 'windows-1252'),
      'ch.txt',
    )
    expect(text).toContain('Café naïve, “déjà vu”.')
    expect(file.messages.map((m) => m.code)).toEqual(['text-encoding-fallback'])
  })

  it('GB18030 is never read as "mostly UTF-8"', () => {
    // Text whose GB18030 bytes happen to hold valid UTF-8 sequences among the invalid ones.
    const bytes = iconv.encode(`${SENTENCES.zh}\n`.repeat(3), 'gb18030')
    const decoded = decodeSource(bytes)
    expect(decoded.encoding).toMatch(/^(gbk|gb18030)$/)
    expect(decoded.text).toContain(SENTENCES.zh)
    expect(decoded.notes.map((n) => n.message).join(' ')).not.toMatch(/Mostly UTF-8/)
  })

  it('a UTF-8 file with a stray Windows-1252 byte stays UTF-8', () => {
    const bytes = new Uint8Array([
      ...Buffer.from('Zoë said “hi” to Chloë and Zoë, '),
      0x93,
      ...Buffer.from('again'),
      0x94,
      ...Buffer.from('.\n'),
    ])
    const decoded = decodeSource(bytes)
    expect(decoded.text).toBe('Zoë said “hi” to Chloë and Zoë, “again”.\n')
    expect(decoded.source).toBe('mostly-utf-8')
  })
})

describe('UTF-16 without a byte-order mark', () => {
  for (const lang of ['ru', 'ja', 'ko', 'el', 'de']) {
    for (const encoding of ['utf-16le', 'utf-16be']) {
      it(`${lang} in ${encoding} is found by its zero bytes`, () => {
        const bytes = iconv.encode(chapterText(lang), encoding, { addBOM: false })
        expect(bytes[0] === 0xff || bytes[0] === 0xfe).toBe(false)
        const { text, file } = read('text', bytes, 'ch.txt')
        expect(text, JSON.stringify(file.messages)).toContain(SENTENCES[lang])
        expect(file.messages.map((m) => m.code)).toEqual(['text-encoding-guessed'])
        expect(file.messages[0]!.message).toContain(encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE')
      })
    }
  }

  // One line with no space and no line end: not a single zero byte in the file (issue 12.13).
  const LINES: Record<string, string> = {
    ru: 'Всёсмешалосьвдомеоблонских',
    ja: '吾輩は猫である。名前はまだ無い。',
    zh: '话说天下大势，分久必合，合久必分。',
    el: 'ΆνδραμοιέννεπεΜούσαπολύτροπον',
    he: 'בראשיתבראאלהים',
  }
  for (const [lang, line] of Object.entries(LINES)) {
    for (const encoding of ['utf-16le', 'utf-16be']) {
      it(`one line of ${lang} in ${encoding}, with no zero byte at all, is found by its byte pairs`, () => {
        const bytes = iconv.encode(line, encoding, { addBOM: false })
        expect(bytes.includes(0)).toBe(false)
        const decoded = decodeSource(bytes)
        expect(decoded.encoding).toBe(encoding)
        expect(decoded.text).toBe(line)
        const { text, file } = read('text', bytes, 'line.txt')
        expect(text).toContain(line)
        expect(file.messages.map((m) => m.code)).toEqual(['text-encoding-guessed'])
      })
    }
  }

  it('legacy bytes with no zero byte are never taken for UTF-16 by their pairs', () => {
    for (const [lang, encoding] of CASES) {
      for (const text of [SENTENCES[lang]!, SENTENCES[lang]!.replace(/[\s,.!?;:·—’'“”«»()-]/g, '')]) {
        for (const cut of [text, text.slice(0, 20), text.slice(0, 21)]) {
          const bytes = iconv.encode(cut, encoding)
          if (bytes.length % 2 !== 0) continue
          expect(decodeSource(bytes).source, `${lang} ${encoding}: ${cut}`).not.toBe('utf16-pattern')
        }
      }
    }
  })

  it('a UTF-8 file with one stray NUL is not taken for UTF-16', () => {
    const bytes = new Uint8Array([
      ...Buffer.from('Chapter 1\n\nAn ordinary line of text.'),
      0,
      ...Buffer.from('\n'),
    ])
    const { text, file } = read('text', bytes, 'ch.txt')
    expect(text).toContain('An ordinary line of text.')
    expect(file.messages.map((m) => m.code)).toEqual(['text-control-characters'])
  })
})

describe('HTML declares its charset', () => {
  const page = (charset: string, body: string, style: 'meta' | 'http-equiv' | 'xml') => {
    const head =
      style === 'meta'
        ? `<meta charset="${charset}">`
        : style === 'http-equiv'
          ? `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">`
          : ''
    const xml = style === 'xml' ? `<?xml version="1.0" encoding="${charset}"?>\n` : ''
    return `${xml}<!DOCTYPE html><html><head>${head}<title>T</title></head><body><h1>Chapter 1</h1><p>${body}</p></body></html>`
  }

  for (const [lang, charset, style] of [
    ['ja', 'Shift_JIS', 'meta'],
    ['ru', 'windows-1251', 'meta'],
    ['ru', 'koi8-r', 'http-equiv'],
    ['zh', 'GB18030', 'meta'],
    ['el', 'iso-8859-7', 'xml'],
  ] as const) {
    it(`${charset} declared by ${style} decodes right, without a warning`, () => {
      const bytes = iconv.encode(page(charset, SENTENCES[lang]!, style), charset)
      const { text, file } = read('html', bytes, 'ch.html')
      expect(text, JSON.stringify(file.messages)).toContain(SENTENCES[lang])
      expect(file.messages.filter((m) => /encoding/.test(m.code))).toEqual([])
    })
  }

  it('a byte-order mark wins over the declared charset', () => {
    const html = page('windows-1251', SENTENCES.ru!, 'meta')
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(html)])
    const { text } = read('html', bytes, 'ch.html')
    expect(text).toContain(SENTENCES.ru)
  })

  it('a declaration the bytes do not fit is set aside, with a warning, and the encoding detected', () => {
    // A template's `utf-8` on a page saved in Windows-1251.
    const bytes = iconv.encode(page('utf-8', `${SENTENCES.ru} ${SENTENCES.ru}`, 'meta'), 'windows-1251')
    const { text, file } = read('html', bytes, 'ch.html')
    expect(text).toContain(SENTENCES.ru)
    const warning = file.messages.find((m) => m.code === 'html-encoding')
    expect(warning?.message, JSON.stringify(file.messages)).toMatch(/declares UTF-8/)
  })

  it('finds the declaration the way the WHATWG prescan does', () => {
    const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'))
    expect(declaredCharset(ascii('<meta charset=shift_jis>'))).toBe('shift_jis')
    expect(
      declaredCharset(ascii("<META CONTENT='text/html; charset=KOI8-R' HTTP-EQUIV='content-type'>")),
    ).toBe('KOI8-R')
    expect(declaredCharset(ascii('<!-- <meta charset="big5"> --><p>x</p>'))).toBeUndefined()
    expect(declaredCharset(ascii('<meta name="x" content="charset=big5">'))).toBeUndefined()
    expect(declaredCharset(ascii('<?xml version="1.0" encoding="ISO-8859-2"?><html/>'))).toBe('ISO-8859-2')
  })
})

describe('the encoding given by the author', () => {
  // Short Cyrillic, which on its own is only a guess: the author knows better.
  const koi8 = iconv.encode('Chapter 1\n\nПривет, мир. Ёлка.\n', 'koi8-r')

  it('per reader (ReaderOptions.encoding) wins over detection', () => {
    const { text, file } = read('text', koi8, 'ch.txt', 'KOI8-R')
    expect(text).toContain('Привет, мир. Ёлка.')
    expect(file.messages).toEqual([])
  })

  it('per chapter in createBook', async () => {
    const { book, diagnostics } = await createBook({
      metadata: { title: 'T', author: 'A' },
      chapters: [{ text: koi8, encoding: 'koi8-r' }],
      typography: false,
    })
    expect(diagnostics.filter((d) => d.level !== 'info')).toEqual([])
    expect(textOf((book!.tree as Root).children)).toContain('Привет, мир. Ёлка.')
  })

  it('in book.yaml (`encoding:`) for every chapter file', async () => {
    const two = iconv.encode('Chapter 2\n\nПривет, мир. Ёлка.\n', 'koi8-r')
    const { result } = await loadFolder({ 'ch.txt': koi8, 'two.md': two }, undefined, 'encoding: koi8-r\n')
    expect(result.diagnostics.filter((d) => d.level !== 'info')).toEqual([])
    expect(textOf(result.book!.tree.children).split('Привет, мир.').length).toBe(3)
  })

  it('as a load option (the CLI’s --encoding), winning over book.yaml', async () => {
    const { dir } = await loadFolder({ 'ch.txt': koi8 }, undefined, 'encoding: windows-1251\n')
    const { loadBook } = await import('../../src/index.js')
    const result = await loadBook([dir], { encoding: 'koi8-r' })
    expect(textOf(result.book!.tree.children)).toContain('Привет, мир. Ёлка.')
  })

  it('an unknown encoding name is an error naming it, wherever it is given', async () => {
    const { result } = await loadFolder({ 'ch.txt': koi8 }, undefined, 'encoding: klingon-8\n')
    expect(result.book).toBeUndefined()
    const fromYaml = result.diagnostics.find((d) => d.level === 'error')
    expect(fromYaml?.message).toContain('klingon-8')
    expect(fromYaml?.file).toMatch(/book\.yaml$/)

    const created = await createBook({
      metadata: { title: 'T', author: 'A' },
      chapters: [{ text: koi8, encoding: 'klingon-8' }],
    })
    expect(created.book).toBeUndefined()
    expect(created.diagnostics.find((d) => d.level === 'error')?.message).toContain('klingon-8')

    const { dir } = await loadFolder({ 'ch.txt': koi8 })
    const { loadBook } = await import('../../src/index.js')
    const loaded = await loadBook([dir], { encoding: 'klingon-8' })
    expect(loaded.book).toBeUndefined()
    expect(loaded.diagnostics.find((d) => d.level === 'error')?.message).toContain('klingon-8')
  })

  it('a byte-order mark wins over a given encoding, with a warning', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Chapter 1\n\nПривет.\n')])
    const { text, file } = read('text', bytes, 'ch.txt', 'koi8-r')
    expect(text).toContain('Привет.')
    expect(file.messages.map((m) => m.code)).toEqual(['text-encoding-ignored'])
  })

  it('knows the usual spellings of encoding names', () => {
    expect(canonicalEncoding('CP1251')).toBe('windows-1251')
    expect(canonicalEncoding('sjis')).toBe('shift_jis')
    expect(canonicalEncoding('cp932')).toBe('shift_jis')
    expect(canonicalEncoding('latin1')).toBe('windows-1252')
    expect(canonicalEncoding('utf8')).toBe('utf-8')
    expect(canonicalEncoding('klingon-8')).toBeUndefined()
    // The WHATWG "replacement" encodings decode every file to one U+FFFD.
    expect(canonicalEncoding('iso-2022-kr')).toBeUndefined()
  })
})
