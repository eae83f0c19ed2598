/**
 * Document-level PDF data: the Info dictionary and XMP (title, authors, subject, keywords,
 * language, dates from `env.date` so output is reproducible), and the catalog's `/PageLabels`
 * (roman front matter, arabic body) so viewers show the printed page numbers.
 */
import type { Metadata } from '../../model/types.js'

type Doc = PDFKit.PDFDocument

export function documentInfo(meta: Metadata, date: Date): PDFKit.DocumentInfo & Record<string, unknown> {
  const info: PDFKit.DocumentInfo & Record<string, unknown> = {
    Title: meta.subtitle ? `${meta.title}: ${meta.subtitle}` : meta.title,
    Creator: 'Octavo',
    Producer: 'Octavo (pdfkit)',
    CreationDate: date,
    ModDate: date,
  }
  const authors = meta.authors.map((a) => a.name).join(', ')
  if (authors) info.Author = authors
  if (meta.description) info.Subject = meta.description
  if (meta.subjects.length > 0) info.Keywords = meta.subjects.join(', ')
  return info
}

const xmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/**
 * pdfkit pastes Info strings into its XMP packet unescaped, so a title with `&` would make the
 * metadata stream malformed XML. Escape them for the XMP only; the Info dictionary, written
 * earlier in `end()`, keeps the plain text.
 */
export function escapeXmp(doc: Doc): void {
  const internal = doc as unknown as { _addInfo: () => void; info: Record<string, unknown> }
  const original = internal._addInfo
  internal._addInfo = function (this: typeof internal) {
    const saved = { ...this.info }
    for (const [key, value] of Object.entries(this.info)) {
      if (typeof value === 'string') this.info[key] = value.replace(/[&<>"]/g, (c) => xmlEscapes[c]!)
    }
    original.call(this)
    this.info = saved
  }
}

/** Write `/PageLabels`: lower-case roman from the first page, arabic from `bodyStart`. */
export function pageLabels(doc: Doc, bodyStart: number | undefined): void {
  const nums: unknown[] = [0, { S: 'r' }]
  if (bodyStart !== undefined) nums.push(bodyStart, { S: 'D' })
  const internal = doc as unknown as {
    _root: { data: Record<string, unknown> }
    ref(data: unknown): { end(): void }
  }
  const ref = internal.ref({ Nums: nums })
  internal._root.data.PageLabels = ref
  ref.end()
}
