/**
 * A book in a language written without hyphenation (Vietnamese: each syllable a word of its own)
 * is set as it is written, with no `pdf-hyphenation-unavailable` warning; a language that would
 * be hyphenated but has no patterns is still told that its lines break at spaces only.
 */
import { describe, expect, it } from 'vitest'
import { createBook, render } from '../../src/index.js'

async function codesOf(language: string, text: string) {
  const { book } = await createBook({
    metadata: { title: 'Sách', author: 'A', language, date: '2020-01-01' },
    chapters: [{ markdown: `# Một\n\n${text}\n\n${text}\n`, file: 'one.md' }],
    formats: { pdf: {} },
  })
  await render(book!, 'pdf')
  return book!.env.file.messages.map((d) => d.code)
}

describe('hyphenation in the PDF', () => {
  it('is not missed in Vietnamese, never hyphenated', async () => {
    const text =
      'Ngày xưa có một người đánh cá nghèo sống với vợ trong một túp lều nhỏ bên bờ biển, ngày nào cũng ra khơi thả lưới. '.repeat(
        6,
      )
    expect(await codesOf('vi', text)).not.toContain('pdf-hyphenation-unavailable')
    expect(await codesOf('vi-VN', text)).not.toContain('pdf-hyphenation-unavailable')
  })

  it('is still missed in a language that has no patterns', async () => {
    const text =
      'Hapo zamani za kale palikuwa na mvuvi maskini aliyeishi na mkewe katika kibanda kidogo. '.repeat(6)
    expect(await codesOf('sw', text)).toContain('pdf-hyphenation-unavailable')
  })
})
