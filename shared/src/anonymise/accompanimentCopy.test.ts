import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addIncident, addSupportIntensity } from '../caseDocument/accompaniment.js'
import { setExitForm } from '../caseDocument/exitForm.js'
import { initNotesDoc } from '../caseDocument/notes.js'
import { addParticipant, initPlanDoc, setPlanMetaField } from '../caseDocument/plan.js'
import { readSupervisionCopy } from '../caseDocument/supervisionCopy.js'
import { anonymiseCase } from './anonymiseCase.js'
import { copyText } from './testCase.js'

function swissCase(): { plan: Y.Doc; notes: Y.Doc } {
  const plan = new Y.Doc()
  initPlanDoc(plan, { title: 'Logistik Aarau' })
  setPlanMetaField(plan, 'startDate', '2026-03-02')
  addParticipant(plan, { id: 'p1', name: 'Lea Meier', role: 'other', function: 'Mitarbeiterin Lager', organisation: '' })
  addParticipant(plan, { id: 'p2', name: 'Marco Gerber', role: 'other', function: 'Teamleiter', organisation: 'Lager Süd AG' })
  const notes = new Y.Doc()
  initNotesDoc(notes)
  addSupportIntensity(notes, { id: 's1', from: '2026-03-02', level: 'high', hoursPerWeek: 5, note: 'Einarbeitung mit Marco Gerber' })
  addIncident(notes, {
    id: 'i1',
    date: '2026-04-13',
    kind: 'conflict',
    coachId: 'coach-secret-id',
    description: 'Lea Meier und Marco Gerber streiten über Pausen; Lea ruft 079 123 45 67 an.',
    reportedTo: 'IV-Stelle am 2026-04-13',
    followUps: [{ id: 'f1', text: 'Gespräch mit Marco Gerber', due: '2026-04-20', done: false }],
  })
  setExitForm(notes, { date: '2026-09-30', reason: 'durationEnded', followUps: ['rav', 'other'], otherFollowUp: 'Beratung bei Lea Meier zu Hause', handover: 'Lea Meier meldet sich beim RAV.' })
  return { plan, notes }
}

describe('the accompaniment in a supervision copy (issue 19)', () => {
  it('carries support intensity, the crisis log and the exit form with names, numbers and dates replaced and no coach ids', () => {
    const { plan, notes } = swissCase()
    const { doc, content } = anonymiseCase(plan, notes)
    const text = copyText(doc)
    for (const secret of ['Lea', 'Meier', 'Marco', 'Gerber', '079 123', 'coach-secret-id', '2026-04-13', '2026-09-30']) {
      expect(text).not.toContain(secret)
    }
    const accompaniment = content.accompaniment
    expect(accompaniment?.incidents[0]).toMatchObject({ id: 'incident-1', week: 7, kind: 'conflict', followUps: [{ dueWeek: 8, done: false }] })
    expect(accompaniment?.incidents[0]?.description).toMatch(/^Person A und Person B streiten über Pausen/)
    expect(accompaniment?.supportIntensity).toEqual([{ fromWeek: 1, level: 'high', hoursPerWeek: 5, note: 'Einarbeitung mit Person B' }])
    expect(accompaniment?.exitForm).toMatchObject({ reason: 'durationEnded', followUps: ['rav', 'other'], handover: 'Person A meldet sich beim RAV.' })
    const read = readSupervisionCopy(doc)
    expect(read.ok).toBe(true)
    expect(read.ok && read.value.accompaniment.incidents).toHaveLength(1)
  })
})
