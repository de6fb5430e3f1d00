import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { initNotesDoc } from '../caseDocument/notes.js'
import { initPlanDoc } from '../caseDocument/plan.js'
import { writeRichText } from '../richText/writeRichText.js'
import { buildReport } from './buildReport.js'
import { reportInputFromDocs } from './input.js'
import { reportToMarkdown } from './markdown.js'
import { reportPartFragment } from './parts.js'
import { mayAssessEmployability, reportPartsFor, setEmployabilityRequested } from './templates.js'

function docs(): { plan: Y.Doc; notes: Y.Doc } {
  const plan = new Y.Doc()
  initPlanDoc(plan, { title: 'Lager Aarau' })
  const notes = new Y.Doc()
  initNotesDoc(notes)
  writeRichText(reportPartFragment(notes, 'final', 'employability'), [{ type: 'paragraph', content: [{ type: 'text', text: 'Vermittelbar im ersten Arbeitsmarkt', marks: {} }] }])
  writeRichText(reportPartFragment(notes, 'final', 'competences'), [{ type: 'paragraph', content: [{ type: 'text', text: 'Zuverlässig, pünktlich', marks: {} }] }])
  return { plan, notes }
}

describe('report templates (issue 19)', () => {
  it('allows Vermittlungsfähigkeit only under the Swiss flow and when the funder asks', () => {
    expect(mayAssessEmployability({ flow: 'ch', employabilityRequested: true })).toBe(true)
    expect(mayAssessEmployability({ flow: 'ch', employabilityRequested: false })).toBe(false)
    expect(mayAssessEmployability({ flow: 'de', employabilityRequested: true })).toBe(false)
    for (const kind of ['final', 'interim'] as const) {
      expect(reportPartsFor(kind, { flow: 'de', employabilityRequested: true })).not.toContain('employability')
      expect(reportPartsFor(kind, { flow: 'ch', employabilityRequested: false })).not.toContain('employability')
      expect(reportPartsFor(kind, { flow: 'ch', employabilityRequested: true })).toContain('employability')
      expect(reportPartsFor(kind, { flow: 'ch', employabilityRequested: false }).slice(0, 2)).toEqual(['courseOfMeasure', 'competences'])
    }
  })

  it('never puts an employability text into a German report, even when one was written and requested', () => {
    const { plan, notes } = docs()
    setEmployabilityRequested(notes, true)
    const report = buildReport('final', reportInputFromDocs(plan, notes, 'final', { today: '2026-10-01', flow: 'de' }))
    expect(report.parts.map((part) => part.name)).not.toContain('employability')
    expect(report.parts.map((part) => part.name)).toContain('participationBefore')
    const markdown = reportToMarkdown(report, 'de')
    expect(markdown).not.toContain('Vermittelbar')
    expect(markdown).not.toContain('Vermittlungsfähigkeit')
  })

  it('shows the Swiss parts, and the employability part with its text where the funder asks', () => {
    const { plan, notes } = docs()
    const without = buildReport('final', reportInputFromDocs(plan, notes, 'final', { today: '2026-10-01', flow: 'ch' }))
    expect(without.parts.map((part) => part.name)).toEqual(['courseOfMeasure', 'competences', 'participantsAssessment', 'reasonsIfNotSecured', 'recommendations'])
    expect(reportToMarkdown(without, 'de')).not.toContain('Vermittelbar')
    setEmployabilityRequested(notes, true)
    const asked = buildReport('final', reportInputFromDocs(plan, notes, 'final', { today: '2026-10-01', flow: 'ch' }))
    expect(asked.parts.find((part) => part.name === 'employability')?.text).toBe('Vermittelbar im ersten Arbeitsmarkt')
    expect(reportToMarkdown(asked, 'de')).toContain('## Einschätzung der Vermittlungsfähigkeit')
  })
})
