import { describe, expect, it } from 'vitest'
import { OctavoError, SourceFile } from '../../src/diagnostics/file.js'

describe('SourceFile', () => {
  it('records a message at its code level, with this file and the place', () => {
    const file = new SourceFile('chapters/01.md')
    const d = file.message('lint-repeated-word', 'the word "the" twice', { line: 3, column: 7 }, 'lint')
    expect(d).toEqual({
      code: 'lint-repeated-word',
      level: 'warning',
      message: 'the word "the" twice',
      file: 'chapters/01.md',
      line: 3,
      column: 7,
      source: 'lint',
    })
    expect(file.messages).toEqual([d])
    expect(file.hasErrors).toBe(false)
  })

  it('records a message about another file in the same collector (messageIn)', () => {
    const book = new SourceFile('')
    const about = book.messageIn('chapters/23.txt', 'book-number-order', 'chapter 23 follows 25', {
      start: { line: 1, column: 1, offset: 0 },
      end: { line: 1, column: 9, offset: 8 },
    })
    expect(about).toMatchObject({ file: 'chapters/23.txt', line: 1, column: 1, level: 'warning' })
    // No path: the collector's own file (none for the book), never an empty `file`.
    const own = book.messageIn(undefined, 'book-number-order', 'again')
    expect(own).not.toHaveProperty('file')
    expect(new SourceFile('a.md').messageIn('', 'book-number-order', 'x').file).toBe('a.md')
    expect(book.messages).toEqual([about, own])
  })

  it('fail records an error and throws it as an OctavoError', () => {
    const file = new SourceFile('a.md')
    expect(() => file.fail('lint-repeated-word', 'stop')).toThrow(OctavoError)
    expect(file.messages[0]).toMatchObject({ level: 'error', file: 'a.md' })
    expect(file.hasErrors).toBe(true)
  })
})
