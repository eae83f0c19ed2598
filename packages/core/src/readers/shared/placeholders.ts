/**
 * What calibre writes for a book with no title or no author: its word for "Unknown", in the
 * language of the calibre that made the EPUB (its translations, as calibre 6.13 ships them),
 * lowercased. In an EPUB, a placeholder only where calibre wrote the package (a book may be
 * called "Unknown"; see epub/package.ts); in an office document's or a FictionBook's author
 * field, always (`isPlaceholderAuthor`: those fields hold account names and what converters
 * put there).
 */
export const CALIBRE_UNKNOWN: ReadonlySet<string> = new Set([
  'anaithnid',
  'bilinmiyor',
  'bitazwi',
  'chưa xác định',
  'desconegut',
  'desconhecido',
  'desconocido',
  'desconocío',
  'descoñecido',
  'dianav',
  'dieithr',
  'ezezaguna',
  'hindi kilala',
  'i panjohur',
  'inconnu',
  'inconnu(e)',
  'ismeretlen',
  'naməlum',
  'nayê zanîn',
  'nazynoms',
  'necunoscut(ă)',
  'nekonata',
  'nepoznat',
  'nepoznato',
  'nezināms',
  'neznano',
  'neznáme',
  'neznámý',
  'nežinoma',
  'nieznany',
  "noma'lum",
  'okänd',
  'onbekend',
  'ora dimangertèni',
  'sconosciuto',
  'tidak diketahui',
  'tundmatu',
  'tuntematon',
  'ukendt',
  'ukjend',
  'ukjent',
  'unbekannt',
  'unknown',
  'ókent',
  'óþekkt',
  'άγνωστο',
  'невядома',
  'невідомий',
  'неизвестно',
  'неизвестный',
  'непознато',
  'тодорхойгүй',
  'անհայտ',
  'אומבאקאנט',
  'לא ידוע',
  'مجهول',
  'ناشناخته',
  'نامعلوم',
  'يوچۇن',
  'अज्ञात',
  'অজানা',
  'অজ্ঞাত',
  'ਅਗਿਆਤ',
  'અજ્ઞાત',
  'ଅଜଣା',
  'தெரியாத',
  'ಗೊತ್ತಿಲ್ಲದ',
  'അജ്ഞാതം',
  'නොදනී',
  'ไม่รู้จัก',
  'မျိုးမည်မသိ',
  'უცნობია',
  '不明',
  '未知',
  '알 수 없음',
])

/**
 * Names a program fills in by itself: an account name (Word, LibreOffice), a generator's, or the
 * words for "unknown author" FictionBook tools and converters write.
 */
const FILLED_IN =
  /^(?:|user|admin|administrator|owner|author|unknown|unknown author|un-named|unnamed|microsoft office user|microsoft account|windows user|python-docx|docx|pandoc|libreoffice|office|автор|неизвестный автор|автор неизвестен|неизвестен|неизвестная|неизвестный|невядомы аўтар|невідомий автор|nieznany autor|autor desconocido|auteur inconnu|unbekannter autor)$/i

/**
 * Whether an author's name in a document's properties (an office document's creator, a
 * FictionBook's author) is a placeholder rather than a person: no book is by "Windows User".
 */
export function isPlaceholderAuthor(name: string): boolean {
  const trimmed = name.trim()
  return FILLED_IN.test(trimmed) || CALIBRE_UNKNOWN.has(trimmed.toLowerCase())
}

/**
 * Whether a name in an office document's author field is a computer account's rather than a
 * person's: one word with no capital ("mellison", "jsmith2", "m.ellison"), an e-mail address, or
 * `DOMAIN\\user`. Word and LibreOffice fill the field from the account; a person's name, even a
 * one-word one ("Colette"), is written with a capital.
 */
export function isAccountName(name: string): boolean {
  const trimmed = name.trim()
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) || /^[\w.-]+\\[\w.-]+$/.test(trimmed)) return true
  return /^[\p{Ll}\p{N}._-]+$/u.test(trimmed) && /\p{Ll}/u.test(trimmed)
}
