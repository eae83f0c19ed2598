/**
 * Escaping for XML text and attributes, in one regex pass each (after a cheap test).
 *
 * Output uses numeric character references only (`&#38;`, not `&amp;`): every document parses as
 * XML without a DTD, and EPUBCheck has no named entity to flag. Characters
 * XML 1.0 forbids (C0 controls other than tab/newline/return, U+FFFE/U+FFFF, lone surrogates) and
 * the C1 controls that readers warn about are dropped: they can only have slipped in by accident
 * and would make the whole file unreadable to a strict parser.
 */

const TEXT =
  /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const ATTR =
  /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
// A plain character class scans far faster than the lookaround above: the common case (no
// markup characters, no astral characters) costs one pass and no allocation.
const TEXT_TEST = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/
const ATTR_TEST = /[&<>"'\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/
// Attribute values also lose tab and newlines: a parser would normalise them to spaces anyway.
const ATTR_WS = /[\t\n\r]/g

const ENTITIES: Record<string, string> = {
  '&': '&#38;',
  '<': '&#60;',
  '>': '&#62;',
  '"': '&#34;',
  "'": '&#39;',
}

function replace(char: string): string {
  return ENTITIES[char] ?? ''
}

/** Escape text content. `]]>` is safe because `>` is always escaped. */
export function escapeText(value: string): string {
  return TEXT_TEST.test(value) ? value.replace(TEXT, replace) : value
}

/** Escape an attribute value for use between double quotes. */
export function escapeAttr(value: string): string {
  return ATTR_TEST.test(value) ? value.replace(ATTR, replace).replace(ATTR_WS, ' ') : value
}

const INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * Plain text as it will read once escaped: invalid characters gone, whitespace collapsed and
 * trimmed (a lone ideographic space stays). Used to decide whether a title or name is really there (`"\u0007"` is not).
 */
export function cleanText(value: string): string {
  // A lone ideographic space is how Chinese and Japanese titles set a gap ("第一章　旅立ち"): kept.
  return value
    .replace(INVALID, '')
    .replace(/\s+/g, (space) => (space === '\u3000' ? space : ' '))
    .trim()
}
