/**
 * Option resolution: the spellings authors write in book.yaml are accepted, and a value that
 * still makes no sense is a warning naming the option, the value and what is used instead.
 */
import { describe, expect, test } from 'vitest'
import { codes } from '../../src/diagnostics/codes.js'
import { SourceFile } from '../../src/diagnostics/file.js'
import { type PdfOptions, resolveOptions } from '../../src/renderers/pdf/options.js'
import { parseTrim } from '../../src/renderers/pdf/trim.js'

function resolve(options: Record<string, unknown>) {
  const file = new SourceFile('')
  const settings = resolveOptions(options as Partial<PdfOptions>, file)
  return { settings, messages: file.messages }
}

describe('PDF options', () => {
  test('dropCap: true is the classic three lines; 2, 3, false and their spellings', () => {
    expect(resolve({ dropCap: true }).settings.dropCap).toBe(3)
    expect(resolve({ dropCap: 2 }).settings.dropCap).toBe(2)
    expect(resolve({ dropCap: 3 }).settings.dropCap).toBe(3)
    expect(resolve({ dropCap: false }).settings.dropCap).toBe(0)
    expect(resolve({ dropCap: '2 lines' }).settings.dropCap).toBe(2)
    expect(resolve({ dropCap: 'yes' }).settings.dropCap).toBe(3)
    for (const ok of [true, 2, 3, false, '2', 'no']) expect(resolve({ dropCap: ok }).messages).toEqual([])
  })

  test('trim: names in any case, sizes with or without units', () => {
    expect(parseTrim('6x9in')).toBe('6x9in')
    expect(parseTrim('6x9')).toBe('6x9in')
    expect(parseTrim('6 x 9 in')).toBe('6x9in')
    expect(parseTrim('6in × 9in')).toBe('6x9in')
    expect(parseTrim('5.5 x 8.5 inches')).toBe('5.5x8.5in')
    expect(parseTrim('A5')).toBe('a5')
    expect(parseTrim('148 x 210 mm')).toBe('a5')
    expect(parseTrim('US Letter')).toBe('letter')
    expect(parseTrim('Pocket')).toBe('pocket')
    expect(parseTrim('7x10')).toBe('7x10in')
    expect(parseTrim('Royal')).toBe('royal')
    expect(parseTrim('B format')).toBe('b-format')
    expect(parseTrim('7.2x10in')).toBeUndefined()
    expect(resolve({ trim: 'A5' }).settings.width).toBeCloseTo((148 * 72) / 25.4, 6)
  })

  test('trim: any size from 3 to 18 in a side is a custom trim; others warn and fall back to 6x9in', () => {
    const custom = resolve({ trim: '7.2 x 10.1 in' })
    expect(custom.messages).toEqual([])
    expect([custom.settings.width, custom.settings.height]).toEqual([518.4, 727.2])
    expect(custom.settings.trim).toBe('518.4x727.2pt')
    // Margins and the text size follow the trim's width, as for the named trims.
    expect(custom.settings.inside).toBeCloseTo((63 * 518.4) / 432, 6)
    expect(custom.settings.fontSize).toBe(10.5)
    const mm = resolve({ trim: '180x250mm' }).settings
    expect(mm.width).toBeCloseTo((180 * 72) / 25.4, 1)
    expect(mm.height).toBeCloseTo((250 * 72) / 25.4, 1)
    expect(resolve({ trim: '4.5x7in' }).settings.fontSize).toBe(9.5)
    for (const bad of ['1x2in', '30x40in', 'banana', '6x']) {
      const out = resolve({ trim: bad })
      expect(out.settings.width).toBe(432)
      expect(out.messages[0]!.message).toContain('7x10in or 178x254mm')
    }
  })

  test('fontSize and lineHeight as numbers or text with units', () => {
    expect(resolve({ fontSize: '11pt' }).settings.fontSize).toBe(11)
    expect(resolve({ fontSize: '11' }).settings.fontSize).toBe(11)
    expect(resolve({ fontSize: 11.5 }).settings.fontSize).toBe(11.5)
    expect(resolve({ fontSize: '11pt', lineHeight: '140%' }).settings.leading).toBe(15.4)
    expect(resolve({ lineHeight: '1.5', fontSize: 10 }).settings.leading).toBe(15)
    expect(resolve({ margins: { inside: '0.75 IN' } }).settings.inside).toBe(54)
    expect(resolve({ bleed: '3mm' }).settings.bleed).toBeCloseTo(8.504, 3)
  })

  test('booleans in their usual spellings', () => {
    expect(resolve({ openRight: 'yes' }).settings.openRight).toBe(true)
    expect(resolve({ toc: 'false' }).settings.toc).toBe(false)
    expect(resolve({ runningHeads: 'off' }).settings.runningHeads).toBe(false)
    const bad = resolve({ halfTitle: 'maybe' })
    expect(bad.settings.halfTitle).toBe(true)
    expect(bad.messages[0]!.message).toContain('halfTitle = "maybe"')
  })

  test('a value that makes no sense is a warning that names it and says what is used instead', () => {
    const { settings, messages } = resolve({
      trim: '7x100',
      dropCap: 5,
      fontSize: '40pt',
      lineHeight: 'tall',
    })
    expect(settings.width).toBe(432)
    expect(settings.dropCap).toBe(0)
    expect(settings.fontSize).toBe(10.5)
    expect(messages.map((m) => m.code)).toEqual([
      'pdf-option-invalid',
      'pdf-option-invalid',
      'pdf-option-invalid',
      'pdf-option-invalid',
    ])
    expect(messages.map((m) => m.message)).toEqual([
      expect.stringMatching(
        /^PDF option trim = "7x100" is not valid; using 6x9in \(a size such as 7x10in or 178x254mm, 3 to 18 in a side, or one of: 5x8in, .*crown-quarto\)$/,
      ),
      'PDF option fontSize = "40pt" is not valid; using 10.5pt (6 to 24 pt)',
      'PDF option lineHeight = "tall" is not valid; using 1.35 (a multiple of the font size, 1 to 3)',
      'PDF option dropCap = 5 is not valid; using no drop cap (use true, false, 2 or 3)',
    ])
    expect(codes['pdf-option-invalid'].level).toBe('warning')
    expect(messages.every((m) => m.level === 'warning')).toBe(true)
  })
})
