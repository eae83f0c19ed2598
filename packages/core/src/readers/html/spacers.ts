/**
 * Empty paragraphs (`<p>&nbsp;</p>`) as a page's author meant them. On AO3 a lone empty
 * paragraph between paragraphs is how a scene break is typed (the site already spaces its
 * paragraphs); in a word processor's export one empty paragraph is spacing and two or more are a
 * scene break, as the Word reader reads them. Either way, empty lines between most paragraphs
 * are the document's spacing, not breaks, and none opens or ends a run of blocks. A space a
 * style sheet's class makes (`SPACE`: an empty `div.space`, a paragraph opening with a blank
 * line's margin) is a scene break alone, but only between two paragraphs.
 */
import type { BlockContent } from '../../model/types.js'
import { SPACE, SPACER } from './convert.js'

/** Past this share of a run's paragraphs, its empty lines are spacing, not scene breaks. */
const SPACING_SHARE = 0.3

const isSpacer = (b: BlockContent | undefined) =>
  b?.type === 'sceneBreak' && (b.marker === SPACER || b.marker === SPACE)
const isSpace = (b: BlockContent | undefined) => b?.type === 'sceneBreak' && b.marker === SPACE

/**
 * Replace the `SPACER` marks `HtmlConverter` left (with `spacers`) in `blocks` and every block
 * container in them (quotations, notes, footnotes, list items): a run of them between two blocks becomes one scene break when it is at
 * least `least` long (1 on AO3, 2 elsewhere), unless such breaks would stand between most
 * paragraphs. In place; linear.
 */
export function settleSpacers(blocks: BlockContent[], least: 1 | 2): BlockContent[] {
  const stack: BlockContent[][] = [blocks]
  const lists: BlockContent[][] = []
  while (stack.length > 0) {
    const list = stack.pop()!
    lists.push(list)
    for (const block of list) {
      if (block.type === 'blockquote' || block.type === 'note' || block.type === 'footnoteDefinition')
        stack.push(block.children)
      else if (block.type === 'list') for (const item of block.children) stack.push(item.children)
    }
  }
  for (const list of lists) {
    const runs: Array<[number, number]> = []
    let paragraphs = 0
    for (let i = 0; i < list.length; i++) {
      if (list[i]!.type === 'paragraph') paragraphs++
      if (!isSpacer(list[i])) continue
      let j = i
      let space = isSpace(list[i])
      while (j + 1 < list.length && isSpacer(list[j + 1])) space ||= isSpace(list[++j])
      const inside =
        i > 0 &&
        j + 1 < list.length &&
        list[i - 1]!.type !== 'sceneBreak' &&
        list[j + 1]!.type !== 'sceneBreak'
      const classed = space && list[i - 1]?.type === 'paragraph' && list[j + 1]?.type === 'paragraph'
      if (inside && (classed || j - i + 1 >= least)) runs.push([i, j])
      i = j
    }
    const spacing = runs.length >= 3 && runs.length > paragraphs * SPACING_SHARE
    const kept = new Set(spacing ? [] : runs.map(([i]) => i))
    let w = 0
    for (let i = 0; i < list.length; i++) {
      const block = list[i]!
      if (!isSpacer(block)) {
        list[w++] = block
        continue
      }
      if (kept.has(i))
        list[w++] = {
          type: 'sceneBreak',
          marker: '(blank)',
          ...(block.position ? { position: block.position } : {}),
        }
    }
    list.length = w
  }
  return blocks
}
