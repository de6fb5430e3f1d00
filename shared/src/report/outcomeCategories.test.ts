import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { initNotesDoc, OutcomeKinds, outcomeKindsFor, readNotes, setOutcome, type OutcomeKind } from '../caseDocument/notes.js'
import { checkChangedRoots } from '../caseDocument/roomSchemas.js'
import { buildReport } from './buildReport.js'
import { reportLabels } from './labels.js'
import { reportToMarkdown } from './markdown.js'

function finalReport(kind: OutcomeKind, why = '') {
  return buildReport('final', { today: '2026-09-30', case: { title: 'Lager', type: 'placement' }, frame: {}, goals: [], outcome: { kind, how: '', why } })
}

describe('outcome categories that funding bodies count', () => {
  it('offers employment (permanent / fixed-term), apprenticeship, inclusion company, WfbM and no placement for a placement; job kept or ended for a retention', () => {
    expect(outcomeKindsFor('placement')).toEqual(['employmentPermanent', 'employmentFixedTerm', 'apprenticeship', 'inclusionCompany', 'workshop', 'notPlaced'])
    expect(outcomeKindsFor('retention')).toEqual(['jobSecured', 'ended'])
  })

  it('names every category in German and English, in the words funders use', () => {
    const de = reportLabels('de').outcomeKind
    for (const kind of OutcomeKinds) {
      expect(de[kind].trim()).not.toBe('')
      expect(reportLabels('en').outcomeKind[kind].trim()).not.toBe('')
    }
    expect(de.employmentPermanent).toBe('Sozialversicherungspflichtige Beschäftigung, unbefristet')
    expect(de.employmentFixedTerm).toBe('Sozialversicherungspflichtige Beschäftigung, befristet')
    expect(de.workshop).toContain('WfbM')
    expect(de.jobSecured).toBe('Arbeitsplatz erhalten')
    expect(de.aborted).toBe('Abbruch')
  })

  it('counts a job on the general labour market as secured, a WfbM, no placement and an Abbruch not', () => {
    expect(finalReport('inclusionCompany').secured).toBe(true)
    expect(finalReport('apprenticeship').secured).toBe(true)
    for (const kind of ['workshop', 'notPlaced', 'aborted', 'ended'] as const) {
      expect(finalReport(kind).secured).toBe(false)
    }
  })

  it('shows an Abbruch with its reason in the final report, and asks for the reason when it is missing', () => {
    const report = finalReport('aborted', 'Gesundheitliche Gründe, Rehabilitation vorrangig')
    expect(report.gaps).not.toContainEqual({ code: 'abortWithoutReason' })
    const markdown = reportToMarkdown(report, 'de')
    expect(markdown).toContain('**Abbruch**')
    expect(markdown).toContain('Gründe: Gesundheitliche Gründe, Rehabilitation vorrangig')
    expect(finalReport('aborted').gaps).toContainEqual({ code: 'abortWithoutReason' })
  })

  it('stores an Abbruch in the notes in a shape the relay accepts', () => {
    const notes = new Y.Doc()
    initNotesDoc(notes)
    setOutcome(notes, { kind: 'aborted', how: '', why: 'Umzug' })
    expect(checkChangedRoots('notes', notes, [{ root: 'meta', key: 'outcome' }])).toBeNull()
    const read = readNotes(notes)
    expect(read.ok && read.value.meta.outcome).toEqual({ kind: 'aborted', how: '', why: 'Umzug' })
  })
})
