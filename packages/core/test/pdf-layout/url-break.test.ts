import { describe, expect, it } from 'vitest'
import { breakParagraph, FONT_EXPANSION, LETTER_SPACING } from '../../src/renderers/pdf/layout/break.js'
import { literataMeasurer } from '../../src/renderers/pdf/layout/measure-fontkit.js'
import type { Line, Measurer, ParagraphSpec, StyledRun } from '../../src/renderers/pdf/layout/types.js'

// A URL, an email address or a path breaks where the Chicago Manual of Style says (after a
// slash, a double slash or an `@`; before a dot or other punctuation; on either side of `=` and
// `&`), with nothing added; only a piece wider than the measure is cut anywhere.

/** Monospaced stand-in: every character (space included) is half the size wide. */
const mono: Measurer = { width: (text, _style, size) => [...text].length * size * 0.5 }
const literata = literataMeasurer()

const URL =
  'https://www.example.org/this/is/a/really/long/url/without/any/spaces/at/all/that/goes/on/and/on/forever.html'
const NOTE = 'https://example.com/a/very/long/path/that/should/break/somewhere/sensible/index.html'

function spec(runs: StyledRun[], width: number, over: Partial<ParagraphSpec> = {}): ParagraphSpec {
  return { runs, lineWidths: [width], indent: 0, align: 'justify', language: 'en-GB', ...over }
}

const text = (line: Line): string => line.runs.map((r) => r.text).join('')

/** Where each line ending inside `url` ends, as the text before the break and after it. */
function urlBreaksOf(lines: Line[], url: string): { head: string; next: string }[] {
  const out: { head: string; next: string }[] = []
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!
    if (line.breakKind === 'space') continue
    const head = text(line).split(' ').at(-1)!
    const next = text(lines[i + 1]!).split(' ')[0]!
    if (url.includes(head + next.slice(0, 1))) out.push({ head, next })
  }
  return out
}

/** Every break inside `url` is at one of the places the rules allow. */
function expectAllowed(breaks: { head: string; next: string }[]): void {
  for (const { head, next } of breaks) {
    const before = head.at(-1)!
    const after = next[0]!
    const ok =
      (before === '/' && after !== '/') ||
      before === '@' ||
      before === '=' ||
      before === '&' ||
      '.,-_?#%~=&'.includes(after)
    expect(ok, `${head} | ${next}`).toBe(true)
  }
}

describe('URLs, email addresses and paths', () => {
  it('break after a slash, with no hyphen and no cut inside a name, in running text', () => {
    const runs: StyledRun[] = [
      { text: 'A long URL in the text: ', style: 'regular', size: 10 },
      { text: URL, style: 'regular', size: 10, link: URL, noHyphenate: true },
      { text: ' and then words continue after it for a while.', style: 'regular', size: 10 },
    ]
    let broken = 0
    for (const width of [150, 200, 240, 300]) {
      for (const measurer of [mono, literata]) {
        const layout = breakParagraph(spec(runs, width), measurer)
        expect(layout.fallback).toBe(false)
        const breaks = urlBreaksOf(layout.lines, URL)
        broken += breaks.length
        expectAllowed(breaks)
        // Nothing inserted in the address (words after it may be hyphenated), no cut.
        expect(layout.lines.map((l) => l.breakKind)).not.toContain('emergency')
        let joined = ''
        for (const line of layout.lines) {
          const t = text(line)
          joined += line.breakKind === 'hyphen' ? t.slice(0, -1) : line.breakKind === 'space' ? `${t} ` : t
        }
        expect(joined).toBe(runs.map((r) => r.text).join(''))
      }
    }
    expect(broken).toBeGreaterThan(8)
  })

  it('do not leave the line before the address gaping', () => {
    // At 200 pt the address is wider than the measure: the paragraph used to fall back to first
    // fit, the line before it stretched to the measure with the address's start cut off.
    const runs: StyledRun[] = [
      { text: 'The second note, with some words and a URL ', style: 'regular', size: 9 },
      { text: NOTE, style: 'regular', size: 9, link: NOTE, noHyphenate: true },
    ]
    for (const width of [180, 200, 240]) {
      const layout = breakParagraph(
        spec(runs, width, { letterSpacing: LETTER_SPACING, expansion: FONT_EXPANSION }),
        literata,
      )
      expect(layout.fallback).toBe(false)
      expect(layout.pass).not.toBe('emergency')
      for (const line of layout.lines.slice(0, -1)) expect(line.spaceRatio).toBeLessThan(1.6)
      expectAllowed(urlBreaksOf(layout.lines, NOTE))
      // "sensi" | "ble" was the old cut: never inside a name.
      expect(layout.lines.map(text).join('\n')).not.toMatch(/[a-z]\n[a-z]/)
    }
  })

  it('break before a dot and on either side of = and &, never after a hyphen', () => {
    const query = 'www.example-site.org/search?query=typesetting&page=2&sort=relevance'
    const seen = new Set<string>()
    for (let width = 40; width <= 160; width += 5) {
      const layout = breakParagraph(spec([{ text: query, style: 'regular', size: 10 }], width), mono)
      if (layout.fallback) continue
      const breaks = urlBreaksOf(layout.lines, query)
      expectAllowed(breaks)
      for (const { head, next } of breaks) {
        expect(head.endsWith('-')).toBe(false)
        expect(head.endsWith('.')).toBe(false)
        seen.add(head.at(-1) === '/' ? '/' : '=&'.includes(head.at(-1)!) ? 'after=&' : `before${next[0]}`)
      }
    }
    expect(seen.has('/')).toBe(true)
    expect(seen.has('after=&')).toBe(true)
    expect([...seen].some((k) => k.startsWith('before'))).toBe(true)
  })

  it('break an email address after the @ or before a dot, and a path after its slashes', () => {
    for (const [address, style] of [
      ['someone.with.a.long.name@subdomain.example-university.edu', 'regular'],
      ['/usr/local/share/octavo/fonts/literata/Literata-Regular.ttf', 'mono'],
    ] as const) {
      const runs: StyledRun[] = [
        { text: 'Write to ', style: 'regular', size: 10 },
        { text: address, style, size: 10, noHyphenate: style === 'mono' },
        { text: ' for a copy.', style: 'regular', size: 10 },
      ]
      const layout = breakParagraph(spec(runs, 120), mono)
      expect(layout.fallback).toBe(false)
      const breaks = urlBreaksOf(layout.lines, address)
      expect(breaks.length).toBeGreaterThan(0)
      expectAllowed(breaks)
    }
  })

  it('keep the sentence stop and short ends with the address, and leave words alone', () => {
    const layout = breakParagraph(spec([{ text: `See ${NOTE}.`, style: 'regular', size: 10 }], 60), mono)
    // Never a line of just "." or "ml.": each piece at the ends keeps three characters.
    expect(text(layout.lines.at(-1)!).length).toBeGreaterThanOrEqual(3)
    // Ordinary words with a slash or a hyphen are not addresses.
    const words = breakParagraph(
      spec([{ text: 'either/or and well-known and 12/05/2026', style: 'regular', size: 10 }], 60),
      mono,
    )
    for (const line of words.lines) expect(text(line)).not.toMatch(/^(or|05|2026)\b/)
  })

  it('cut a piece wider than the measure anywhere, as before (the fallback)', () => {
    const long = 'https://example.org/Pneumonoultramicroscopicsilicovolcanoconiosis/index.html'
    const layout = breakParagraph(spec([{ text: long, style: 'regular', size: 10 }], 100), mono)
    expect(layout.fallback).toBe(true)
    expect(layout.lines.map(text).join('')).toBe(long)
  })
})
