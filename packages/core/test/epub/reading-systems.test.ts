/**
 * How the EPUB behaves on reading systems rather than in a validator: embedded fonts in use,
 * right-to-left books mirrored, poems typed as block quotes, tables on a phone, the cover in any
 * window, scene breaks on a night theme, notes under a rule. The markup is checked here; its
 * layout in Chromium (a WebKit/Blink reading system's engine) where Chromium is installed; the
 * books pass EPUBCheck and Ace.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { BlockContent, Metadata, Root } from '../../src/model/types.js'
import { epubRenderer } from '../../src/renderers/epub/index.js'
import { createState, handlers } from '../../src/renderers/xhtml/index.js'
import { runEpubcheck } from '../epubcheck/run.js'
import { locate } from '../tools.js'
import {
  aceViolations,
  book,
  chapter,
  type EpubcheckMessage,
  em,
  fn,
  hasEpubcheck,
  hr,
  p,
  png,
  ref,
  summarise,
  t,
  tempFile,
  unzip,
  unzipText,
} from './helpers.js'

const require = createRequire(import.meta.url)
const DATE = new Date(Date.UTC(2024, 4, 1))
const LONG_TITLE =
  'The Extraordinarily Long-Winded and Altogether Unnecessarily Elaborate Chronicle of the Lighthouse Keeper’s Daughter'

const br = { type: 'break' } as const

/** A stanza: lines parted by hard breaks in one paragraph, as Markdown types a poem. */
const stanza = (...lines: string[]): BlockContent =>
  p(...lines.flatMap((line, i) => (i === 0 ? [t(line)] : [br, t(line)])))

const poem: BlockContent = {
  type: 'blockquote',
  children: [
    stanza('How doth the little crocodile', 'Improve his shining tail,'),
    stanza('How cheerfully he seems to grin,', 'How neatly spread his claws,'),
  ],
}

const letter: BlockContent = {
  type: 'blockquote',
  children: [
    p('My dear Sir,'),
    p('I write to tell you that the light has failed, and that the ships are in peril.'),
    { ...stanza('Yours &c.,', 'M. Keeper'), align: 'right' } as BlockContent,
  ],
}

const cell = (text: string, header = false) => ({
  type: 'tableCell' as const,
  ...(header ? { header: true } : {}),
  children: [t(text)],
})

const table: BlockContent = {
  type: 'table',
  children: [
    { type: 'tableRow', head: true, children: ['Item', 'Notes', 'Price'].map((c) => cell(c, true)) },
    {
      type: 'tableRow',
      children: [
        cell('Oil'),
        cell('Whale oil from supercalifragilisticexpialidociouslylongword'),
        cell('3s'),
      ],
    },
  ],
}

/** One chapter with every block the faults were about. */
function sample(meta: Partial<Metadata> = {}, words: { intro?: string } = {}): Root {
  return book(
    [
      chapter(
        1,
        [
          p(words.intro ?? 'It was a dark night.', ref('a'), em(' Quiet.')),
          p('She sang:'),
          poem,
          p('Then prose again, not indented.'),
          letter,
          hr(),
          p('After the break.'),
          {
            type: 'verse',
            children: [
              { type: 'verseLine', children: [t('Frost in the blossom, frost in the bough,')] },
              {
                type: 'verseLine',
                children: [t('A very long line of verse that will not fit on a phone and wraps')],
              },
            ],
          },
          p('After the verse.'),
          { type: 'figure', image: { type: 'image', url: 'images/art.png', alt: 'Line art' } },
          p('After the figure.'),
          table,
          {
            type: 'list',
            ordered: false,
            children: [{ type: 'listItem', children: [p('an item')] }],
          },
          { type: 'note', placement: 'end', children: [p('See you next week.')] },
          { type: 'codeBlock', value: 'let x = 1\n' },
          p('The end.', ref('b')),
          fn('a', p('The first note.')),
          fn('b', p('The second note.')),
        ],
        { title: [t('Notes and Letters')] },
      ),
    ],
    {
      title: LONG_TITLE,
      series: { name: 'Probe Books', number: 2 },
      description: 'A *test* book with **marks** and a [link](https://example.com).',
      ...meta,
    },
  )
}

function fontFile(family: string, face: string): Uint8Array {
  return readFileSync(require.resolve(`@expo-google-fonts/${family}/${face}`))
}

async function files(): Promise<Record<string, Uint8Array>> {
  return {
    'images/art.png': await png(40, 400),
    'fonts/Literata-Regular.ttf': fontFile('literata', '400Regular/Literata_400Regular.ttf'),
    'fonts/Literata-Italic.ttf': fontFile('literata', '400Regular_Italic/Literata_400Regular_Italic.ttf'),
    'fonts/Literata-Bold.ttf': fontFile('literata', '700Bold/Literata_700Bold.ttf'),
    'fonts/Code.ttf': fontFile('source-code-pro', '400Regular/SourceCodePro_400Regular.ttf'),
  }
}

const FONTS = [
  'fonts/Code.ttf',
  'fonts/Literata-Regular.ttf',
  'fonts/Literata-Italic.ttf',
  'fonts/Literata-Bold.ttf',
]

async function build(tree: Root, options: object = {}, generateCover = false) {
  const file = new SourceFile('')
  const env = createMemoryEnv(await files(), { date: DATE, file })
  const bytes = await epubRenderer.render(tree, { generateCover, ...options }, env)
  return { bytes, messages: file.messages, text: unzipText(bytes) }
}

/**
 * A right-to-left book whose generated words are English, as a language without a strings table
 * of its own gets them (here given as the book's own words, whatever tables Octavo has).
 */
const ARABIC: Partial<Metadata> = {
  language: 'ar',
  series: { name: 'حكايات', number: 1 },
  strings: { seriesLine: 'Book {number} of {series}', madeWith: 'Made with Octavo' },
}
const ARABIC_TITLE = [t('الفصل الأول: البداية')]

function arabicBook(): Root {
  const tree = sample(ARABIC, { intro: 'كان يا ما كان في قديم الزمان ملك عظيم.' })
  const first = tree.children[0]!
  if (first.type === 'chapter') first.title = ARABIC_TITLE
  return tree
}

describe('embedded fonts', () => {
  it('sets the text in the embedded family, code in the fixed-pitch one, and asks Apple Books to use them', async () => {
    const { text, messages } = await build(sample(), { fonts: FONTS })
    expect(messages).toEqual([])
    const css = text['OEBPS/css/book.css']!
    // The regular, italic and bold files are one family; the code face is listed first and still not the text's.
    expect(css.match(/font-family: "Literata";/g)).toHaveLength(3)
    expect(css).toContain('body { font-family: "Literata", serif; }')
    expect(css).toContain('code, pre, kbd, samp { font-family: "Source Code Pro", monospace; }')
    const options = text['META-INF/com.apple.ibooks.display-options.xml']!
    expect(options).toMatch(/<option name="specified-fonts">true<\/option>/)
  })

  it('writes no display options and no font rules without fonts', async () => {
    const { text } = await build(sample())
    expect(text['META-INF/com.apple.ibooks.display-options.xml']).toBeUndefined()
    expect(text['OEBPS/css/book.css']).not.toMatch(/body \{ font-family/)
  })
})

describe('right-to-left books', () => {
  it('isolates the English words Octavo writes, so bidi cannot reorder them', async () => {
    const { text } = await build(arabicBook())
    expect(text['OEBPS/nav.xhtml']).toContain('<bdi>Chapter 1:</bdi> الفصل الأول: البداية</a>')
    expect(text['OEBPS/text/titlepage.xhtml']).toContain('<p class="series"><bdi>Book 1 of حكايات</bdi></p>')
    expect(text['OEBPS/text/copyright.xhtml']).toContain('<bdi>Made with Octavo</bdi>')
  })

  it('leaves a left-to-right book’s lines as they were', async () => {
    const { text } = await build(sample())
    expect(text['OEBPS/nav.xhtml']).toContain('>Chapter 1: Notes and Letters</a>')
    expect(text['OEBPS/text/titlepage.xhtml']).toContain('<p class="series">Book 2 of Probe Books</p>')
    expect(Object.values(text).join('')).not.toContain('<bdi>')
  })

  it('mirrors every physical side in [dir="rtl"] rules, and keeps the physical ones for old engines', async () => {
    const css = (await build(sample())).text['OEBPS/css/book.css']!
    // RMSDK and Kindle drop `start`/`end` and logical properties: none may set a left-to-right book's sides.
    expect(css).not.toMatch(/text-align:\s*(start|end)|-inline-(start|end)/)
    for (const rule of [
      /\[dir="rtl"\] ul, \[dir="rtl"\] ol \{ padding-left: 0; padding-right: 2em; \}/,
      /\[dir="rtl"\] \.verse p\.line \{ padding-left: 0; padding-right: 1\.5em; \}/,
      /\[dir="rtl"\] th, \[dir="rtl"\] td \{ text-align: right; \}/,
      /\[dir="rtl"\] p\.right \{ text-align: left; \}/,
      /\[dir="rtl"\] nav#toc li \{ text-align: right; \}/,
      /\[dir="rtl"\] aside\.author-note p\.author-note-label \{ text-align: right; \}/,
    ])
      expect(css).toMatch(rule)
  })
})

describe('block structure', () => {
  function render(nodes: BlockContent[]): string {
    const state = createState(handlers, {
      imageHref: (node) => `../${node.url}`,
      linkHref: () => undefined,
      noteRef: () => '',
      noteLabel: 'Note',
    })
    return state.blocks(nodes)
  }

  it('marks a poem typed as a block quote stanza by stanza, and the text after it flush', () => {
    expect(render([poem, p('Then prose.')])).toBe(
      '<blockquote>\n' +
        '<p class="first stanza">How doth the little crocodile<br/>Improve his shining tail,</p>\n' +
        '<p class="stanza">How cheerfully he seems to grin,<br/>How neatly spread his claws,</p>\n' +
        '</blockquote>\n<p class="first">Then prose.</p>\n',
    )
  })

  it('leaves a letter in a block quote as prose, its closing aligned as written', () => {
    const html = render([letter, p('Then prose.')])
    expect(html).not.toContain('stanza')
    expect(html).toContain('<p class="right">Yours &#38;c.,<br/>M. Keeper</p>')
    expect(html).toContain('</blockquote>\n<p>Then prose.</p>')
  })

  it('starts the text afresh after a verse and after a figure', () => {
    const html = render([
      { type: 'verse', children: [{ type: 'verseLine', children: [t('A line')] }] },
      p('After the verse.'),
      { type: 'figure', image: { type: 'image', url: 'a.png', alt: 'A' } },
      p('After the figure.'),
    ])
    expect(html).toContain('<p class="first">After the verse.</p>')
    expect(html).toContain('<p class="first">After the figure.</p>')
  })

  it('sets a long title smaller on the title page, a short one as before', async () => {
    expect((await build(sample())).text['OEBPS/text/titlepage.xhtml']).toContain(
      '<h1 id="titlepage-title" class="longest">',
    )
    expect((await build(sample({ title: 'Short' }))).text['OEBPS/text/titlepage.xhtml']).toContain(
      '<h1 id="titlepage-title">Short</h1>',
    )
  })
})

describe('package metadata', () => {
  it('writes the description as plain text: marks left out, a link as its words', async () => {
    const opf = (await build(sample())).text['OEBPS/content.opf']!
    expect(opf).toContain('<dc:description>A test book with marks and a link.</dc:description>')
  })

  it('keeps a description’s paragraphs apart, and a source’s formatted summary as its words', async () => {
    const plain = (await build(sample({ description: 'One *two*.\n\nThree.' }))).text['OEBPS/content.opf']!
    expect(plain).toContain('<dc:description>One two.\nThree.</dc:description>')
    const formatted = sample({
      description: 'Plain words',
      formatted: { description: [p('Formatted ', { type: 'emphasis', children: [t('words')] })] },
    })
    expect((await build(formatted)).text['OEBPS/content.opf']).toContain(
      '<dc:description>Formatted words</dc:description>',
    )
  })
})

// ---------------------------------------------------------------- layout in Chromium

/**
 * The little of a page's globals the checks read inside `evaluate`, declared here: the tests
 * compile without the DOM library, which would let the core's own code use browser globals
 * unnoticed.
 */
interface PageElement {
  getBoundingClientRect(): { top: number; bottom: number; right: number; width: number; height: number }
  querySelector(selector: string): PageElement | null
  querySelectorAll(selector: string): ArrayLike<PageElement>
  removeAttribute(name: string): void
}
declare const document: PageElement & {
  documentElement: { scrollHeight: number; scrollWidth: number }
  fonts: { ready: Promise<unknown> } & Iterable<{
    family: string
    weight: string
    style: string
    status: string
  }>
}
/** The computed properties the checks read. */
type Style = Record<
  | 'fontFamily'
  | 'textAlign'
  | 'paddingLeft'
  | 'paddingRight'
  | 'textIndent'
  | 'marginTop'
  | 'lineHeight'
  | 'display'
  | 'color'
  | 'borderTopWidth',
  string
>
declare function getComputedStyle(element: PageElement, pseudo?: string): Style

const CHROMIUM = process.env.OCTAVO_CHROMIUM ?? locate('chromium')
const NIGHT = 'html, body { color: #fff !important; background: #000 !important; }'

describe.skipIf(!CHROMIUM)('layout in Chromium', () => {
  let browser: Browser
  let ltr: string
  let rtl: string
  let fonts: string

  /** The EPUB unzipped into a folder, for the browser to open its pages. */
  async function unpacked(tree: Root, options: object = {}, cover = false): Promise<string> {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-rs-'))
    for (const [name, data] of Object.entries(unzip((await build(tree, options, cover)).bytes))) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
      writeFileSync(path.join(dir, name), data)
    }
    return dir
  }

  async function open(dir: string, page: string, width = 360, height = 640, css = ''): Promise<Page> {
    const tab = await browser.newPage({ viewport: { width, height } })
    await tab.goto(`file://${path.join(dir, 'OEBPS', page)}`)
    if (css) await tab.addStyleTag({ content: css })
    await tab.evaluate(() => document.fonts.ready)
    return tab
  }

  beforeAll(async () => {
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox'] })
    ;[ltr, rtl, fonts] = await Promise.all([
      unpacked(sample(), {}, true),
      unpacked(arabicBook()),
      unpacked(sample(), { fonts: FONTS }),
    ])
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
  })

  it('sets the text and its italics in the embedded face, and code in the fixed-pitch one', async () => {
    const tab = await open(fonts, 'text/chapter-001.xhtml')
    const used = await tab.evaluate(() => ({
      body: getComputedStyle(document.querySelector('p')!).fontFamily,
      code: getComputedStyle(document.querySelector('pre code')!).fontFamily,
      loaded: Array.from(document.fonts)
        .filter((f) => f.status === 'loaded')
        .map((f) => `${f.family} ${f.weight} ${f.style}`),
    }))
    expect(used.body).toBe('Literata, serif')
    expect(used.code).toBe('"Source Code Pro", monospace')
    // Table headers are bold: the bold file is the family's too.
    expect(used.loaded.sort()).toEqual([
      'Literata 400 italic',
      'Literata 400 normal',
      'Literata 700 normal',
      'Source Code Pro 400 normal',
    ])
    await tab.close()
  })

  it('mirrors a right-to-left book: lists, verse, tables, a letter’s closing, contents', async () => {
    const tab = await open(rtl, 'text/chapter-001.xhtml')
    const sides = await tab.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!)
      return {
        list: [style('ul').paddingLeft, style('ul').paddingRight],
        line: [style('.verse p.line').paddingLeft, style('.verse p.line').paddingRight],
        lineAlign: style('.verse p.line').textAlign,
        cell: style('td').textAlign,
        closing: style('p.right').textAlign,
        label: style('p.author-note-label').textAlign,
      }
    })
    expect(sides).toEqual({
      list: ['0px', '32px'],
      line: ['0px', '24px'],
      lineAlign: 'right',
      cell: 'right',
      closing: 'left',
      label: 'right',
    })
    const nav = await open(rtl, 'nav.xhtml')
    expect(await nav.evaluate(() => getComputedStyle(document.querySelector('nav#toc li')!).textAlign)).toBe(
      'right',
    )
    await Promise.all([tab.close(), nav.close()])
  })

  it('keeps a left-to-right book’s sides', async () => {
    const tab = await open(ltr, 'text/chapter-001.xhtml')
    const sides = await tab.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!)
      return [style('ul').paddingLeft, style('.verse p.line').paddingLeft, style('td').textAlign]
    })
    expect(sides).toEqual(['32px', '24px', 'left'])
    await tab.close()
  })

  it('parts stanzas by a blank line, not indented, and leaves a letter’s paragraphs as prose', async () => {
    const tab = await open(ltr, 'text/chapter-001.xhtml')
    const look = await tab.evaluate(() => {
      const [one, two] = Array.from(document.querySelectorAll('p.stanza'))
      const gap = two!.getBoundingClientRect().top - one!.getBoundingClientRect().bottom
      const lineHeight = Number.parseFloat(getComputedStyle(one!).lineHeight)
      const prose = document.querySelectorAll('blockquote')[1]!.querySelectorAll('p')[1]!
      return {
        gapInLines: Math.round(gap / lineHeight),
        indent: getComputedStyle(two!).textIndent,
        proseIndent: getComputedStyle(prose).textIndent,
        proseMargin: getComputedStyle(prose).marginTop,
      }
    })
    expect(look).toEqual({ gapInLines: 1, indent: '0px', proseIndent: '24px', proseMargin: '0px' })
    await tab.close()
  })

  it('fits a table with a long word on a phone', async () => {
    const tab = await open(ltr, 'text/chapter-001.xhtml')
    const [wrap, tableRight] = await tab.evaluate(() => {
      const div = document.querySelector('div.table-wrap')!
      return [div.getBoundingClientRect().right, div.querySelector('table')!.getBoundingClientRect().right]
    })
    expect(tableRight).toBeLessThanOrEqual(wrap)
    await tab.close()
  })

  it('hides the landmarks even where `hidden` is not honoured', async () => {
    const tab = await open(ltr, 'nav.xhtml')
    // A reader that does not know `hidden` is a page without the attribute.
    const display = await tab.evaluate(() => {
      const landmarks = document.querySelector('nav#landmarks')!
      landmarks.removeAttribute('hidden')
      return getComputedStyle(landmarks).display
    })
    expect(display).toBe('none')
    await tab.close()
  })

  it('fits the whole cover in a phone, a tablet and a desktop window', async () => {
    for (const [width, height] of [
      [360, 640],
      [1280, 800],
      [768, 1024],
    ] as const) {
      const tab = await open(ltr, 'text/cover.xhtml', width, height)
      const box = await tab.evaluate(() => {
        const svg = document.querySelector('svg')!.getBoundingClientRect()
        return { bottom: svg.bottom, right: svg.right, scroll: document.documentElement.scrollHeight }
      })
      expect(box.bottom, `${width}x${height}`).toBeLessThanOrEqual(height)
      expect(box.right, `${width}x${height}`).toBeLessThanOrEqual(width)
      expect(box.scroll, `${width}x${height}`).toBeLessThanOrEqual(height)
      await tab.close()
    }
  })

  it('draws the scene break in the text colour on a night theme', async () => {
    const tab = await open(ltr, 'text/chapter-001.xhtml', 360, 640, NIGHT)
    const colours = await tab.evaluate(() => {
      const rule = document.querySelector('hr.scene-break')!
      return [getComputedStyle(rule).color, getComputedStyle(rule, '::after').color]
    })
    expect(colours).toEqual(['rgb(255, 255, 255)', 'rgb(255, 255, 255)'])
    await tab.close()
  })

  it('keeps a tall figure within the page when the reading system adds its own margins', async () => {
    // A paginated reading system with 50 px above and below the text, as the probe measured.
    const columns =
      'html { height: 640px !important; box-sizing: border-box; padding: 50px 0 !important; column-width: 360px !important; column-gap: 0 !important; column-fill: auto !important; }'
    const tab = await open(ltr, 'text/chapter-001.xhtml', 360, 640, columns)
    const image = await tab.evaluate(() => {
      const box = document.querySelector('figure img')!.getBoundingClientRect()
      return { height: box.height, width: box.width }
    })
    expect(image.height).toBeLessThanOrEqual(640 - 100)
    expect(image.width / image.height).toBeCloseTo(40 / 400, 2)
    await tab.close()
  })

  it('sets the notes under a rule, the first only', async () => {
    const tab = await open(ltr, 'text/chapter-001.xhtml')
    const rules = await tab.evaluate(() =>
      Array.from(document.querySelectorAll('aside.footnote')).map((a) => getComputedStyle(a).borderTopWidth),
    )
    expect(rules).toEqual(['1px', '0px'])
    await tab.close()
  })

  it('keeps a long title page one page at 150 % type', async () => {
    const tab = await open(ltr, 'text/titlepage.xhtml', 360, 640, 'html { font-size: 150% !important; }')
    const size = await tab.evaluate(() => [
      document.documentElement.scrollHeight,
      document.documentElement.scrollWidth,
    ])
    expect(size).toEqual([640, 360])
    await tab.close()
  })
})

// ---------------------------------------------------------------- checkers

async function check(name: string, bytes: Uint8Array): Promise<string[]> {
  const { stdout } = await runEpubcheck([tempFile(`${name}.epub`, bytes), '--json', '-'])
  return summarise(
    (JSON.parse(stdout.slice(stdout.indexOf('{'))) as { messages: EpubcheckMessage[] }).messages,
  )
}

describe.skipIf(!hasEpubcheck())('EPUBCheck', () => {
  it('passes the books above: fonts and display options, right to left, a poem, notes, a cover', async () => {
    const results = {
      fonts: await check('rs-fonts', (await build(sample(), { fonts: FONTS }, true)).bytes),
      rtl: await check('rs-rtl', (await build(arabicBook(), { fonts: FONTS })).bytes),
    }
    expect(results).toEqual({ fonts: [], rtl: [] })
  }, 120_000)
})

const ACE = path.resolve(import.meta.dirname, '../../../../node_modules/.bin/ace-cli')

describe.skipIf(!CHROMIUM || !existsSync(ACE))('Ace by DAISY', () => {
  it('finds no violation in the right-to-left book with fonts', async () => {
    const epub = tempFile('rs-ace.epub', (await build(arabicBook(), { fonts: FONTS })).bytes)
    expect(await aceViolations(epub, ACE, CHROMIUM!)).toEqual([])
  }, 180_000)
})
