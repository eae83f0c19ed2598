/**
 * SVG images made safe to package: an SVG file is a document that can run scripts, handle
 * events, link to `javascript:`, embed HTML through `foreignObject` and fetch remote images, so
 * it is never copied byte for byte. It is parsed as XML (saxes: strict, no DTD entity expansion)
 * and written back with only what draws a static picture: an allow-list of SVG elements and
 * attributes, references only inside the image (`#id`, `url(#id)`) or to embedded raster data,
 * no processing instructions, no DOCTYPE. Every kind of removal that could change what a reader
 * sees or does is listed once (with a count) for a warning; editor data in other namespaces
 * (Inkscape, Illustrator, RDF metadata) is dropped without a word because it never displays.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes'
import { ResourceError } from '../env.js'

const SVG_NS = 'http://www.w3.org/2000/svg'
const XLINK_NS = 'http://www.w3.org/1999/xlink'
const XML_NS = 'http://www.w3.org/XML/1998/namespace'

/** Elements that draw, group, define paint or filter: nothing scripted, animated or foreign. */
const ELEMENTS = new Set(
  `svg g defs desc title symbol use switch path rect circle ellipse line polyline polygon text tspan
  textPath linearGradient radialGradient stop pattern clipPath mask marker image style filter feBlend
  feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap
  feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feMerge
  feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence`.split(
    /\s+/,
  ),
)

/** Dropped with their content and without a warning: they never display. */
const QUIET = new Set(['metadata'])

/** Presentation, geometry and structure attributes (SVG 1.1 / SVG 2), none of which runs code. */
const ATTRIBUTES = new Set(
  `id class style lang tabindex role aria-label aria-labelledby aria-describedby aria-hidden
  x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height d points pathLength transform viewBox
  preserveAspectRatio version baseProfile gradientUnits gradientTransform spreadMethod offset
  patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits
  markerUnits markerWidth markerHeight refX refY orient filterUnits primitiveUnits in in2 result
  stdDeviation dx dy operator k1 k2 k3 k4 mode values type tableValues slope intercept amplitude
  exponent order kernelMatrix divisor bias targetX targetY edgeMode kernelUnitLength
  preserveAlpha surfaceScale diffuseConstant specularConstant specularExponent azimuth elevation
  pointsAtX pointsAtY pointsAtZ limitingConeAngle scale xChannelSelector yChannelSelector radius
  baseFrequency numOctaves seed stitchTiles startOffset method spacing side textLength
  lengthAdjust rotate media requiredFeatures requiredExtensions systemLanguage
  alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation
  color-interpolation-filters color-profile color-rendering cursor direction display
  dominant-baseline enable-background fill fill-opacity fill-rule filter flood-color
  flood-opacity font font-family font-size font-size-adjust font-stretch font-style
  font-variant font-weight glyph-orientation-horizontal glyph-orientation-vertical
  image-rendering kerning letter-spacing lighting-color marker marker-end marker-mid
  marker-start mask opacity overflow paint-order pointer-events shape-rendering stop-color
  stop-opacity stroke stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin
  stroke-miterlimit stroke-opacity stroke-width text-anchor text-decoration text-rendering
  unicode-bidi visibility word-spacing writing-mode mix-blend-mode isolation vector-effect
  transform-origin transform-box`.split(/\s+/),
)

/** Deeper elements are dropped: some renderers recurse once per level. */
export const MAX_SVG_DEPTH = 256

export interface SanitizedSvg {
  /** The cleaned SVG document (UTF-8 text with an XML declaration). */
  svg: string
  /** What was removed, each kind once with a count: `<script> (2)`, `onload attribute`. */
  removed: string[]
}

/** A reference that stays inside the image, or raster data embedded in it. */
function safeReference(value: string, element: string): boolean {
  const v = value.trim()
  if (v.startsWith('#')) return true
  return element === 'image' && /^data:image\/(png|jpeg|gif);base64,[a-z0-9+/=\s]*$/i.test(v)
}

/** Only `url(#id)` references inside CSS text or a presentation attribute. */
function safeCssText(value: string): boolean {
  if (/@import|expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:/i.test(value)) return false
  for (const m of value.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    if (!m[2]!.trim().startsWith('#')) return false
  }
  // A url( that the pattern above could not read (unbalanced quotes) is refused too.
  return (
    (value.match(/url\s*\(/gi)?.length ?? 0) ===
    [...value.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi)].length
  )
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * Clean an SVG document. Returns the error message when the bytes are not well-formed XML
 * with an `<svg>` root (the caller reports the image as corrupt). Never throws.
 *
 * @example
 *   const out = sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>x</script></svg>')
 *   // out.svg has neither; out.removed = ['<script>', 'onload attribute']
 */
export function sanitizeSvg(source: string): SanitizedSvg | string {
  const counts = new Map<string, number>()
  const drop = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1)
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n']
  // Open elements: true when written, false when being skipped (with everything inside).
  const stack: boolean[] = []
  let skipping = 0
  let root = false
  let failure: string | undefined
  const parser = new SaxesParser({ xmlns: true, position: false })
  parser.on('error', (error) => {
    failure ??= error.message
  })
  parser.on('doctype', () => undefined)
  parser.on('processinginstruction', (pi) => {
    if (pi.target.toLowerCase() === 'xml-stylesheet') drop('xml-stylesheet instruction')
  })
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stack.length === 0) {
      if (root) {
        failure ??= 'more than one root element'
        return
      }
      root = true
      if (tag.local !== 'svg' || tag.uri !== SVG_NS) failure ??= 'the root element is not <svg>'
    }
    if (skipping > 0) {
      stack.push(false)
      skipping++
      return
    }
    const name = tag.local
    let keep = true
    if (tag.uri !== SVG_NS) keep = false
    else if (QUIET.has(name)) keep = false
    else if (!ELEMENTS.has(name)) {
      keep = false
      drop(`<${name}>`)
    } else if (stack.length >= MAX_SVG_DEPTH) {
      keep = false
      drop(`elements nested over ${MAX_SVG_DEPTH} deep`)
    }
    if (!keep) {
      stack.push(false)
      skipping = 1
      return
    }
    let hasHref = false
    let attrs = stack.length === 0 ? ` xmlns="${SVG_NS}" xmlns:xlink="${XLINK_NS}"` : ''
    for (const attr of Object.values(tag.attributes)) {
      const { local, uri, value } = attr
      if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue
      let written: string | undefined
      if (uri === XLINK_NS && local === 'href') written = 'xlink:href'
      else if (uri === XML_NS && (local === 'lang' || local === 'space')) written = `xml:${local}`
      else if (!uri && local === 'href') written = 'href'
      else if (!uri && ATTRIBUTES.has(local)) written = local
      if (!written) {
        // Event handlers are the reason to sanitise: say so. Editor data is silently left out.
        if (!uri && /^on/i.test(local)) drop(`${local} attribute`)
        continue
      }
      if (written.endsWith('href')) {
        if (!safeReference(value, name)) {
          drop(
            /^\s*(javascript|vbscript):/i.test(value)
              ? 'javascript: link'
              : `external reference in <${name}>`,
          )
          continue
        }
      } else if (
        (written === 'style' || /url\s*\(|@import|expression|script:/i.test(value)) &&
        !safeCssText(value)
      ) {
        drop(`external or scripted CSS in a ${written} attribute`)
        continue
      }
      if (written.endsWith('href')) hasHref = true
      attrs += ` ${written}="${escapeAttr(value)}"`
    }
    if ((name === 'image' || name === 'use' || name === 'textPath') && !hasHref) {
      // Its reference was removed: it would draw nothing (or, for textPath, lose its text's path).
      stack.push(false)
      skipping = 1
      return
    }
    stack.push(true)
    out.push(`<${name}${attrs}>`)
  })
  const text = (value: string) => {
    if (skipping > 0 || stack.length === 0) return
    out.push(escapeText(value))
  }
  parser.on('text', text)
  parser.on('cdata', text)
  parser.on('closetag', (tag) => {
    const written = stack.pop()
    if (written) out.push(`</${tag.local}>`)
    else if (skipping > 0) skipping--
  })
  try {
    parser.write(source.replace(/^\uFEFF/, '')).close()
  } catch (error) {
    failure ??= (error as Error).message
  }
  if (failure) return failure
  if (!root) return 'no <svg> element'
  // A <style> element is kept only when its CSS stays inside the image.
  const svg = out
    .join('')
    .replace(/<style([^>]*)>([\s\S]*?)<\/style>/g, (whole, attrs: string, css: string) => {
      const raw = css.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
      if (safeCssText(raw)) return whole
      drop('external or scripted CSS in a <style> element')
      return `<style${attrs}></style>`
    })
  const removed = [...counts].map(([what, n]) => (n > 1 ? `${what} (${n})` : what))
  return { svg: `${svg}\n`, removed }
}

/**
 * `sanitizeSvg` over a file's bytes: the cleaned bytes and what was removed, or the
 * `resource-corrupt` error for bytes that are not a well-formed SVG document.
 */
export function cleanSvgFile(
  bytes: Uint8Array,
  path: string,
): { bytes: Uint8Array; removed: string[] } | ResourceError {
  const result = sanitizeSvg(new TextDecoder().decode(bytes))
  if (typeof result === 'string') {
    return new ResourceError(
      'resource-corrupt',
      `"${path}" is not a well-formed SVG image (${result}); it is left out`,
    )
  }
  return { bytes: new TextEncoder().encode(result.svg), removed: result.removed }
}

/** The `resource-svg-unsafe` message for what `sanitizeSvg` removed from `path`. */
export function svgRemovedMessage(path: string, removed: string[]): string {
  return `SVG image "${path}": removed ${removed.join(', ')}; an image in a book may not run scripts or load anything from outside it`
}
