/**
 * The lint rules: each one's documented examples (one that fires, one that must not), and the
 * slips authors actually make, each found at its line.
 */
import { describe, expect, it } from 'vitest'
import { lintBook, lintRules } from '../../src/lint.js'
import { createBook } from '../../src/pipeline/book.js'

async function lint(content: string, format: 'text' | 'markdown' = 'text', options: object = {}) {
  const chapter =
    format === 'markdown'
      ? { file: 'one.md', markdown: `# One\n\n${content}` }
      : { file: 'one.txt', text: `Chapter 1\n\n${content}` }
  const { book } = await createBook({
    metadata: { title: 'T', author: 'A' },
    chapters: [chapter as { text: string }],
    files: { 'map.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
    ...options,
  })
  return lintBook(book!).flatMap((f) => f.messages)
}

describe('every lint rule documents an example that fires and one that must not', () => {
  it.each(lintRules.map((r) => [r.code, r] as const))('%s', async (code, rule) => {
    const fires = await lint(
      rule.fires,
      rule.format,
      code === 'lint-double-hyphen' ? { typography: false } : {},
    )
    expect(fires.filter((m) => m.code === code)).toHaveLength(1)
    const quiet = await lint(
      rule.quiet,
      rule.format,
      code === 'lint-double-hyphen' ? { typography: false } : {},
    )
    expect(quiet.filter((m) => m.code === code)).toEqual([])
  })
})

describe('the slips authors make, each found with its line', () => {
  // A chapter as an archive exports it; line numbers are the file's.
  const chapter = [
    'Chapter 7: Truly All Alone', // 1
    '',
    // The lost italic *You*, verbatim from a fan-fiction export.
    '"Explain what? You were kissing him Buffy!" Willow snapped, anger clear in her green eyes as she stared at the Slayer. " were kissing him. I knew you still felt something for him."', // 3
    '',
    'Buffy walked to the the window and looked out.', // 5
    '',
    '"I never wanted this, she whispered.', // 7
    '',
    'Willow turned away. Outside, someone shouted, "Hurry up!"', // 9
    '',
    'She nodded. Tomorrow, she decided," would be better.', // 11
    '',
    '"Fine,\' Willow said.', // 13
    '',
    'She was *so tired of all of it.', // 15
    '',
    'A/N: sorry this took so long, real life got in the way!', // 17
    '',
    'The night went on.', // 19
    '',
    'Nobody slept.',
    '',
    'Morning came at last.',
    '',
    'It was grey.',
  ].join('\n')

  it('finds every slip at its line and nothing else', async () => {
    const messages = await lint(chapter.replace(/^Chapter 7: Truly All Alone\n\n/, ''))
    // `lint` prepends its own two heading lines, as the chapter above has.
    const found = messages.map((m) => [m.code, m.line]).sort((a, b) => Number(a[1]) - Number(b[1]))
    expect(found).toEqual([
      ['lint-missing-word', 3],
      ['lint-repeated-word', 5],
      ['lint-unclosed-quote', 7],
      ['lint-unopened-quote', 11],
      ['lint-mismatched-quotes', 13],
      ['lint-stray-emphasis-mark', 15],
      ['lint-author-note-inside', 17],
    ])
    const lost = messages.find((m) => m.code === 'lint-missing-word')!
    expect(lost.file).toBe('one.txt')
    expect(lost.column).toBe(120)
    expect(lost.message).toContain('“ were')
  })

  it('finds `--` left between words where typography is off', async () => {
    const messages = await lint('She paused--then ran.\n\nAnd -- again.', 'text', { typography: false })
    expect(messages.map((m) => [m.code, m.line, m.column])).toEqual([
      ['lint-double-hyphen', 3, 11],
      ['lint-double-hyphen', 5, 5],
    ])
  })

  it('reads straight quotes as typography would when it is off', async () => {
    const messages = await lint('"Explain what?" she said. " were kissing him."', 'text', {
      typography: false,
    })
    expect(messages.map((m) => m.code)).toEqual(['lint-missing-word'])
  })
})
