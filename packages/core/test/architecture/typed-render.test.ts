/**
 * `render` typed from the registry: a misspelt built-in format or option is a type error (the
 * `@ts-expect-error` lines fail the typecheck if they ever compile), a name known only at run
 * time takes any options, and an option the format lacks is a warning at run time.
 */
import { describe, expect, it } from 'vitest'
import { type Book, type Code, createBook, diagnosticsOf, render } from '../../src/index.js'

function typeChecks(book: Book, runtimeName: string): void {
  // @ts-expect-error a misspelt built-in format
  void render(book, 'epbu')
  // @ts-expect-error a misspelt option of a built-in format
  void render(book, 'pdf', { trimm: 1 })
  // @ts-expect-error an option of the wrong type
  void render(book, 'epub', { toc: 'yes' })
  void render(book, 'pdf', { trim: '6x9in', dropCap: 2 })
  void render(book, runtimeName, { anything: true })
  // @ts-expect-error codes stay a closed union of literals
  const typo: Code = 'html-encodnig'
  void typo
}

describe('render options', () => {
  it('type-checks (see typeChecks)', () => {
    expect(typeof typeChecks).toBe('function')
  })

  it('warns about an option the format does not have, with the likely one', async () => {
    const { book } = await createBook({
      metadata: { title: 'T', author: 'A' },
      chapters: [{ text: 'Hello.' }],
    })
    const options: Record<string, unknown> = { tocc: false }
    await render(book!, 'epub' as string, options)
    expect(diagnosticsOf(book!).filter((d) => d.code === 'renderer-unknown-option')).toEqual([
      {
        code: 'renderer-unknown-option',
        level: 'warning',
        message: '`tocc` is not an option of the epub renderer; did you mean `toc`?',
        source: 'epub',
      },
    ])
  })
})
