/**
 * The numbers of a full-wrap paperback cover: the spine's width from the page count and the
 * paper, by the printers' published figures, and the limits that go with them. Pure data and
 * arithmetic, in points (1/72 in), for the cover renderer and its tests.
 */

const IN = 72

/** Inches per page of a stock known by the spine a printer gives for 200 pages, in millimetres. */
const per200mm = (mm: number) => mm / 200 / 25.4

/**
 * Papers by the thickness a printer counts per page (a page is one side of a leaf), in inches.
 * Amazon KDP publishes its figures: black-and-white interiors on white (0.002252) and cream
 * (0.0025) paper, premium colour (0.002347); it prints 24 to 828 pages on white and premium
 * colour, 24 to 776 on cream, and allows spine text from 80 pages on. IngramSpark publishes no
 * formula, only its cover template generator; its 50 lb white and 50 lb crème stocks are given by
 * the template's spine for 200 pages (10.77 mm and 11.63 mm, about 472 and 437 pages per inch),
 * with its page limits (18 pages; up to 1,200 on white, 1,050 on crème) and spine text from 48
 * pages. Another printer's stock, or IngramSpark's groundwood and 70 lb papers, is given by its
 * own caliper (`caliper: 0.0023in`) or pages per inch (`ppi: 444`).
 */
export const papers = {
  'kdp-white': { inchesPerPage: 0.002252, minPages: 24, maxPages: 828, spineTextFrom: 80 },
  'kdp-cream': { inchesPerPage: 0.0025, minPages: 24, maxPages: 776, spineTextFrom: 80 },
  'kdp-color': { inchesPerPage: 0.002347, minPages: 24, maxPages: 828, spineTextFrom: 80 },
  'ingramspark-white': { inchesPerPage: per200mm(10.77), minPages: 18, maxPages: 1200, spineTextFrom: 48 },
  'ingramspark-creme': { inchesPerPage: per200mm(11.63), minPages: 18, maxPages: 1050, spineTextFrom: 48 },
} as const

export type PaperName = keyof typeof papers

export interface Paper {
  /** Inches per page. */
  inchesPerPage: number
  minPages?: number
  maxPages?: number
  /** Fewest pages the printer lets carry spine text. */
  spineTextFrom?: number
}

/** The spine's width in points: pages (rounded up to whole leaves) times the paper's thickness. */
export function spineWidth(pages: number, paper: Paper): number {
  const even = Math.ceil(pages / 2) * 2
  return even * paper.inchesPerPage * IN
}

/** Space KDP keeps clear on each side of spine text (1/16 in), in points. */
export const SPINE_MARGIN = 0.0625 * IN

/**
 * The size spine text is set at, or undefined when none fits: the printer's page minimum, and a
 * cap height that leaves `SPINE_MARGIN` either side, at least 5 pt and at most 14 pt.
 */
export function spineTextSize(pages: number, spine: number, paper: Paper): number | undefined {
  if (paper.spineTextFrom !== undefined && pages < paper.spineTextFrom) return undefined
  // Text runs along the spine: its height across is about 0.7 of the size (capitals and
  // descenders of a book face), with the margins either side.
  const size = Math.min(14, (spine - 2 * SPINE_MARGIN) / 0.85)
  return size >= 5 ? Math.floor(size * 10) / 10 : undefined
}

/** The barcode area KDP keeps on the back: 2 x 1.2 in, 0.25 in in from the trim's lower right. */
export const BARCODE = { width: 2 * IN, height: 1.2 * IN, inset: 0.25 * IN } as const
