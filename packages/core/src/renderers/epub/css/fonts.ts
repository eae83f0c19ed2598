/**
 * The author's embedded fonts (`epub: {fonts}`) as CSS: an `@font-face` per file, and the rules
 * that use them. The first family that is not fixed-pitch is the text's, on `body`, its generic
 * family after it for characters it lacks; a fixed-pitch family sets code. Faces of one family
 * (regular, italic, bold) share its name, so the text's italics and bold come from the same
 * files. Readers that let the reader choose a face still do: these are the publisher's defaults.
 */
import type { Font } from '../resources.js'

function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`
}

function fontFace(f: Font): string {
  return `@font-face {\n  font-family: ${cssString(f.family)};\n  font-weight: ${f.weight};\n  font-style: ${f.style};\n  src: url("../${f.file.path}");\n}\n`
}

/** The families the text and code are set in, when the book embeds faces for them. */
function fontRoles(fonts: readonly Font[]): { text?: Font; code?: Font } {
  return { text: fonts.find((f) => !f.monospace), code: fonts.find((f) => f.monospace) }
}

export function fontCss(fonts: readonly Font[]): string {
  if (fonts.length === 0) return ''
  const { text, code } = fontRoles(fonts)
  const rules = [...fonts.map(fontFace)]
  if (text) rules.push(`body { font-family: ${cssString(text.family)}, ${text.generic}; }\n`)
  if (code) rules.push(`code, pre, kbd, samp { font-family: ${cssString(code.family)}, monospace; }\n`)
  return rules.join('\n')
}

/**
 * Apple Books sets its own face unless the book asks for the publisher's: `specified-fonts`, in
 * the display-options file it reads from `META-INF/` (EPUBCheck leaves files there alone).
 */
export const appleDisplayOptions = `<?xml version="1.0" encoding="UTF-8"?>
<display_options>
  <platform name="*">
    <option name="specified-fonts">true</option>
  </platform>
</display_options>
`
