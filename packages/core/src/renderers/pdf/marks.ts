/**
 * The face's own metrics for the marks an author types: where and how thick its underline and
 * strike-out rules are (`post` underline, OS/2 strike-out), and how small and how far raised or
 * lowered its superscripts and subscripts are (OS/2 `ySuperscript*`/`ySubscript*`), in ems. A
 * value a face leaves out, or gives out of all reason (some fonts ship zeros or their design
 * tool's defaults), falls back to what typefounders commonly draw: strike-out through the middle
 * of the x-height, scripts at 65%, raised a third of an em or lowered a sixth.
 */
import type { Font } from 'fontkit'

/** A rule drawn with the text: its centre above the baseline and its thickness, in ems. */
export interface RuleMetrics {
  centre: number
  thickness: number
}

/** A script's size as a fraction of the text's, and its baseline shift in ems (+ raises). */
export interface ScriptMetrics {
  scale: number
  shift: number
}

export interface MarkMetrics {
  underline: RuleMetrics
  strike: RuleMetrics
  superscript: ScriptMetrics
  subscript: ScriptMetrics
}

/** The parts of fontkit's font this reads (its `post` and `OS/2` tables, when present). */
type MetricFont = Pick<Font, 'unitsPerEm' | 'xHeight'> & {
  underlinePosition?: number
  underlineThickness?: number
  'OS/2'?: {
    yStrikeoutSize?: number
    yStrikeoutPosition?: number
    ySubscriptYSize?: number
    ySubscriptYOffset?: number
    ySuperscriptYSize?: number
    ySuperscriptYOffset?: number
  }
}

const cache = new WeakMap<object, MarkMetrics>()

/** `value` in ems when it is a number within [min, max], else `fallback`. */
function within(value: number | undefined, upm: number, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value) || upm <= 0) return fallback
  const em = value / upm
  return em >= min && em <= max ? em : fallback
}

/** The mark metrics of a face, read once. */
export function markMetrics(font: MetricFont): MarkMetrics {
  let metrics = cache.get(font)
  if (metrics) return metrics
  const upm = font.unitsPerEm
  let os2: MetricFont['OS/2']
  try {
    // fontkit parses tables lazily; a damaged OS/2 must not stop the book.
    os2 = font['OS/2']
  } catch {
    os2 = undefined
  }
  const thickness = within(font.underlineThickness, upm, 0.01, 0.2, 0.05)
  // `post.underlinePosition` is the top of the rule (OpenType), below the baseline.
  const underlineTop = within(font.underlinePosition, upm, -0.5, -0.01, -0.1)
  const xHeight = within(font.xHeight, upm, 0.3, 0.8, 0.45)
  const strikeThickness = within(os2?.yStrikeoutSize, upm, 0.01, 0.2, thickness)
  // `yStrikeoutPosition` is the top of the stroke above the baseline.
  const strikeTop = within(os2?.yStrikeoutPosition, upm, 0.1, 0.7, xHeight / 2 + strikeThickness / 2)
  metrics = {
    underline: { centre: underlineTop - thickness / 2, thickness },
    strike: { centre: strikeTop - strikeThickness / 2, thickness: strikeThickness },
    superscript: {
      scale: within(os2?.ySuperscriptYSize, upm, 0.45, 0.85, 0.65),
      shift: within(os2?.ySuperscriptYOffset, upm, 0.15, 0.6, 0.33),
    },
    subscript: {
      scale: within(os2?.ySubscriptYSize, upm, 0.45, 0.85, 0.65),
      // OS/2 gives the subscript's drop as a positive number.
      shift: -within(os2?.ySubscriptYOffset, upm, 0.05, 0.4, 0.15),
    },
  }
  cache.set(font, metrics)
  return metrics
}
