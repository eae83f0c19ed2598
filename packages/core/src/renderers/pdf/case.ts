/**
 * Case changes of the book's text in the book's language. `toUpperCase()` knows no language, so
 * a Turkish or Azeri running head, title page or small capitals printed "Işık İnci" as "IŞIK
 * İNCI" (dotless ı and dotted i have their own capitals there), and Lithuanian and Greek have
 * rules of their own too. Every case change the PDF makes on book text goes through here; a
 * language tag the runtime does not accept falls back to the language-neutral mapping.
 */

/** `text` in capitals, by the rules of `language` (a BCP 47 tag). */
export function upper(text: string, language: string | undefined): string {
  try {
    return text.toLocaleUpperCase(language || undefined)
  } catch {
    return text.toUpperCase()
  }
}

/** `text` in lower case, by the rules of `language` (a BCP 47 tag). */
export function lower(text: string, language: string | undefined): string {
  try {
    return text.toLocaleLowerCase(language || undefined)
  } catch {
    return text.toLowerCase()
  }
}
