/**
 * Recognising a scene-break ornament written as text: `* * *`, `***`, `~~~`, `#`, `o0o`, `⁂`.
 * Writers put these in a paragraph of their own (or a centred `<p>`, or an escaped Markdown line);
 * both readers turn such a paragraph into a `sceneBreak` that keeps the marker as written.
 */

// Symbols writers use alone on a line between scenes.
const symbols = /^[*~#•·∙◆◇❖✦✧★☆⁂§=+\-_–—\s]+$/
// A single glyph that is an ornament by itself.
const lone = /^[⁂❖§✦✧★☆◆◇#*]$/
// Letter ornaments: o0o, 0o0, oOo, -o0o-. Plain "ooo" or "OOO" is a word (a cry), not a break.
const letters = /^[-~=._\s]*([oO0](?:\s*[oO0]){2,})[-~=._\s]*$/

/** True when `text` is only a scene-break ornament. */
export function isOrnament(text: string): boolean {
  const t = text.trim()
  if (t === '' || t.length > 40) return false
  if (lone.test(t)) return true
  if (symbols.test(t)) return t.replace(/\s+/g, '').length >= 2
  const m = letters.exec(t)
  if (!m?.[1]) return false
  // An ornament alternates and is symmetric: o0o, OoO, 0o0o0. "Oooo" is a cry.
  const core = m[1].replace(/\s+/g, '')
  for (let i = 1; i < core.length; i++) if (core[i] === core[i - 1]) return false
  return core[0] === core[core.length - 1]
}
