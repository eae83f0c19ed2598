import { it } from 'vitest'
import { breakParagraph } from '../../src/renderers/pdf/layout/break.js'
import { literataMeasurer } from '../../src/renderers/pdf/layout/measure-fontkit.js'
it('cx', async () => {
  const literata = literataMeasurer()
  const a = breakParagraph({ runs: [{ text: 'aa-aaa aatel-aaaaa Amahda', style: 'regular', size: 10 }], lineWidths: [40], indent: 12, align: 'justify', language: 'en-US' }, literata)
  console.log(a.pass, a.fallback, a.lines.map((l) => [l.runs.map((r) => r.text).join(''), l.hyphenated, l.breakKind, l.width ?? '']))
  const b = breakParagraph({ runs: [{ text: 'Aohwcrodjvep; Aaa', style: 'regular', size: 10 }], lineWidths: [59], indent: 10, align: 'justify', language: 'en-GB', letterSpacing: { stretch: 0, shrink: 0 } } as any, literata)
  console.log(b.pass, b.fallback, b.lines.map((l) => [l.runs.map((r) => r.text).join(''), l.hyphenated, l.breakKind]))
})
