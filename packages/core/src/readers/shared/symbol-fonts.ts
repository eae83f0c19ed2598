/**
 * Symbol fonts as Unicode. Word, LibreOffice and RTF write a character set in the Symbol or
 * Wingdings font as the font's own code (0x20–0xFF), often moved into the private use area
 * (U+F020–U+F0FF, Word's `w:sym w:char="F0E5"`): a glyph of that font, not a character any
 * other font has, so a book that keeps it prints a box. Each code is mapped to the Unicode
 * character the font draws there. Symbol's table is Adobe's `symbol.txt` (its corporate-use
 * bracket pieces given the characters Unicode has for them since 3.2, U+239B–U+23AD); Wingdings'
 * holds the dingbats and ornaments that have a Unicode equivalent. A code with none (Wingdings'
 * pictures of computers and mailboxes) is left out by the reader, which says so once.
 */

/** A font whose codes name its own glyphs. */
export type SymbolFont = 'symbol' | 'wingdings' | 'other'

/** Symbol's codes 0x20–0xFE as Unicode, Adobe's symbol.txt; undefined where it draws nothing. */
const SYMBOL: Record<number, string> = {
  32: ' ',
  33: '!',
  34: '∀',
  35: '#',
  36: '∃',
  37: '%',
  38: '&',
  39: '∋',
  40: '(',
  41: ')',
  42: '∗',
  43: '+',
  44: ',',
  45: '−',
  46: '.',
  47: '/',
  48: '0',
  49: '1',
  50: '2',
  51: '3',
  52: '4',
  53: '5',
  54: '6',
  55: '7',
  56: '8',
  57: '9',
  58: ':',
  59: ';',
  60: '<',
  61: '=',
  62: '>',
  63: '?',
  64: '≅',
  65: 'Α',
  66: 'Β',
  67: 'Χ',
  68: 'Δ',
  69: 'Ε',
  70: 'Φ',
  71: 'Γ',
  72: 'Η',
  73: 'Ι',
  74: 'ϑ',
  75: 'Κ',
  76: 'Λ',
  77: 'Μ',
  78: 'Ν',
  79: 'Ο',
  80: 'Π',
  81: 'Θ',
  82: 'Ρ',
  83: 'Σ',
  84: 'Τ',
  85: 'Υ',
  86: 'ς',
  87: 'Ω',
  88: 'Ξ',
  89: 'Ψ',
  90: 'Ζ',
  91: '[',
  92: '∴',
  93: ']',
  94: '⊥',
  95: '_',
  97: 'α',
  98: 'β',
  99: 'χ',
  100: 'δ',
  101: 'ε',
  102: 'φ',
  103: 'γ',
  104: 'η',
  105: 'ι',
  106: 'ϕ',
  107: 'κ',
  108: 'λ',
  109: 'μ',
  110: 'ν',
  111: 'ο',
  112: 'π',
  113: 'θ',
  114: 'ρ',
  115: 'σ',
  116: 'τ',
  117: 'υ',
  118: 'ϖ',
  119: 'ω',
  120: 'ξ',
  121: 'ψ',
  122: 'ζ',
  123: '{',
  124: '|',
  125: '}',
  126: '∼',
  160: '€',
  161: 'ϒ',
  162: '′',
  163: '≤',
  164: '⁄',
  165: '∞',
  166: 'ƒ',
  167: '♣',
  168: '♦',
  169: '♥',
  170: '♠',
  171: '↔',
  172: '←',
  173: '↑',
  174: '→',
  175: '↓',
  176: '°',
  177: '±',
  178: '″',
  179: '≥',
  180: '×',
  181: '∝',
  182: '∂',
  183: '•',
  184: '÷',
  185: '≠',
  186: '≡',
  187: '≈',
  188: '…',
  190: '⎯',
  191: '↵',
  192: 'ℵ',
  193: 'ℑ',
  194: 'ℜ',
  195: '℘',
  196: '⊗',
  197: '⊕',
  198: '∅',
  199: '∩',
  200: '∪',
  201: '⊃',
  202: '⊇',
  203: '⊄',
  204: '⊂',
  205: '⊆',
  206: '∈',
  207: '∉',
  208: '∠',
  209: '∇',
  210: '®',
  211: '©',
  212: '™',
  213: '∏',
  214: '√',
  215: '⋅',
  216: '¬',
  217: '∧',
  218: '∨',
  219: '⇔',
  220: '⇐',
  221: '⇑',
  222: '⇒',
  223: '⇓',
  224: '◊',
  225: '〈',
  226: '®',
  227: '©',
  228: '™',
  229: '∑',
  230: '⎛',
  231: '⎜',
  232: '⎝',
  233: '⎡',
  234: '⎢',
  235: '⎣',
  236: '⎧',
  237: '⎨',
  238: '⎩',
  239: '⎪',
  241: '〉',
  242: '∫',
  243: '⌠',
  244: '⎮',
  245: '⌡',
  246: '⎞',
  247: '⎟',
  248: '⎠',
  249: '⎤',
  250: '⎥',
  251: '⎦',
  252: '⎫',
  253: '⎬',
  254: '⎭',
}

/** Wingdings' codes that have a Unicode equivalent: hands, stars, crosses, bullets, ornaments. */
const WINGDINGS: Record<number, string> = {
  32: ' ',
  33: '✏',
  34: '✂',
  35: '✁',
  40: '☎',
  54: '⌛',
  63: '✍',
  65: '✌',
  69: '☜',
  70: '☞',
  71: '☝',
  72: '☟',
  74: '☺',
  76: '☹',
  78: '☠',
  81: '✈',
  82: '☼',
  84: '❄',
  86: '✞',
  88: '✠',
  89: '✡',
  90: '☪',
  91: '☯',
  93: '☸',
  94: '♈',
  95: '♉',
  96: '♊',
  97: '♋',
  98: '♌',
  99: '♍',
  100: '♎',
  101: '♏',
  102: '♐',
  103: '♑',
  104: '♒',
  105: '♓',
  108: '●',
  110: '■',
  111: '□',
  113: '❑',
  114: '❒',
  115: '⬧',
  116: '⧫',
  117: '◆',
  118: '❖',
  119: '⬥',
  120: '⌧',
  122: '⌘',
  158: '·',
  159: '•',
  160: '▪',
  161: '○',
  164: '◉',
  165: '◎',
  167: '▪',
  168: '◻',
  170: '✦',
  171: '★',
  172: '✶',
  173: '✴',
  174: '✹',
  175: '✵',
  177: '⌖',
  178: '⟡',
  181: '✪',
  182: '✰',
  216: '➢',
  232: '➔',
  239: '⇦',
  240: '⇨',
  241: '⇧',
  242: '⇩',
  251: '✗',
  252: '✔',
  253: '☒',
  254: '☑',
}

/** Which symbol font a font name is (`Symbol`, `Wingdings`, `Webdings`…), undefined for a text font. */
export function symbolFontOf(name: string | undefined): SymbolFont | undefined {
  const font = name?.replace(/['"]/g, '').trim().toLowerCase()
  if (!font) return undefined
  if (font === 'symbol' || font === 'symbol mt') return 'symbol'
  if (font === 'wingdings') return 'wingdings'
  if (/^(?:wingdings [23]|webdings|zapf ?dingbats|itc zapf dingbats|marlett|monotype sorts)$/.test(font))
    return 'other'
  return undefined
}

/** Whether a code point is a symbol font's code moved into the private use area (U+F020–U+F0FF). */
export const isSymbolCode = (code: number): boolean => code >= 0xf020 && code <= 0xf0ff

/**
 * The Unicode character `font` draws at `code` (0x20–0xFF, or the same moved to U+F0xx);
 * undefined when it has none, and the character is to be left out.
 */
export function fromSymbolFont(code: number, font: SymbolFont): string | undefined {
  const own = isSymbolCode(code) ? code - 0xf000 : code
  if (font === 'symbol') return SYMBOL[own]
  if (font === 'wingdings') return WINGDINGS[own]
  return own === 0x20 ? ' ' : undefined
}

/**
 * Text set in a symbol font (or holding its private-use codes, whatever font it names: taken as
 * Symbol's, the font Word writes them for) as Unicode: each code mapped, one with no equivalent
 * left out and counted in `dropped`.
 */
export function symbolText(value: string, font: SymbolFont | undefined): { text: string; dropped: number } {
  let text = ''
  let dropped = 0
  for (const ch of value) {
    const code = ch.codePointAt(0)!
    if (isSymbolCode(code) || (font && code >= 0x20 && code <= 0xff)) {
      const mapped = fromSymbolFont(code, font ?? 'symbol')
      if (mapped === undefined) dropped++
      else text += mapped
    } else text += ch
  }
  return { text, dropped }
}

/** Whether text holds anything `symbolText` would change. */
export const hasSymbolCodes = (value: string): boolean => /[\uf020-\uf0ff]/.test(value)
