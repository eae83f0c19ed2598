/**
 * Text for a terminal: what a book says (a chapter's URL, a file name, a title) is printed in
 * diagnostics, and a book someone sent can carry escape sequences that retitle the window, clear
 * the screen, or forge a line (`\n02.md:1:1  error …`). Every control character, C1 control,
 * line or paragraph separator and bidirectional override is shown as a visible escape instead,
 * so each diagnostic stays one honest line. JSON output is left exact: JSON escapes for itself.
 */

/** C0 and C1 controls, DEL, line/paragraph separators, and bidi embeddings, overrides, isolates and marks. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * Text with every unsafe character as a visible escape (`\x1B`, `\n`, `\u202E`).
 *
 * @example
 *   escapeForTerminal('a\u001b]0;pwned\u0007b') // 'a\\x1B]0;pwned\\x07b'
 */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0)
    return (
      NAMED[c] ??
      (code <= 0xff
        ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
        : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`)
    )
  })
}

/**
 * Whether to colour output on stderr, the way pandoc, npm and remark-cli decide: `--color` or
 * `--no-color` first, then `FORCE_COLOR` (`0` or `false` turns colour off, any other value on),
 * then `NO_COLOR` (any non-empty value turns it off), then whether stderr is a terminal.
 */
export function colorEnabled(
  flag: boolean | undefined,
  stream: { isTTY?: boolean } = process.stderr,
): boolean {
  if (flag !== undefined) return flag
  const force = process.env.FORCE_COLOR
  if (force !== undefined && force !== '') return !/^(0|false)$/i.test(force)
  if (process.env.NO_COLOR) return false
  return Boolean(stream.isTTY) && process.env.TERM !== 'dumb'
}
