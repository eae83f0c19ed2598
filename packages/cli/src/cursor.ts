/**
 * The diagnostics a step added to a book, and only those. Renderers report into the book-level
 * file, which comes first in `book.files`; slicing the flat `diagnosticsOf(book)` list at its old
 * length would print what was already shown and drop what is new (a render-time error lost, exit
 * 0). A cursor keeps, per diagnostics file, how many messages it has handed out.
 */
import type { Book, Diagnostic } from '@octavo/core'

export interface DiagnosticCursor {
  /** Diagnostics added to the book since the cursor was made or last read, in file order. */
  next(): Diagnostic[]
}

export function diagnosticCursor(book: Book): DiagnosticCursor {
  const seen = new Map<object, number>()
  const lists = () => {
    const files = book.files.includes(book.env.file) ? book.files : [...book.files, book.env.file]
    return files.map((f) => f.messages)
  }
  for (const messages of lists()) seen.set(messages, messages.length)
  return {
    next() {
      const out: Diagnostic[] = []
      for (const messages of lists()) {
        const from = seen.get(messages) ?? 0
        for (let i = from; i < messages.length; i++) out.push(messages[i]!)
        seen.set(messages, messages.length)
      }
      return out
    },
  }
}
