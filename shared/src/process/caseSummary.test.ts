import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addHoursEntry, addMeeting, initNotesDoc, setOutcome } from '../caseDocument/notes.js'
import { addGoal, initPlanDoc, setPlanMetaField } from '../caseDocument/plan.js'
import { CaseDocSummary, nextDueMeeting, summariseCaseDocs } from './caseSummary.js'
import { goal } from './testFixtures.js'

function planDoc(): Y.Doc {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Kassenbereich Supermarkt' })
  setPlanMetaField(doc, 'startDate', '2026-03-02')
  setPlanMetaField(doc, 'expectedEndDate', '2026-09-30')
  setPlanMetaField(doc, 'hoursBudget', 120)
  setPlanMetaField(doc, 'currentPhase', 'intervention')
  addGoal(doc, goal('g1', { title: 'Scan-Tempo', measurable: '18 Artikel pro Minute', timeBound: '2026-06-30' }))
  return doc
}

function notesDoc(): Y.Doc {
  const doc = new Y.Doc()
  initNotesDoc(doc)
  addHoursEntry(doc, { id: 'h1', coachId: 'coach1', date: '2026-03-05', hours: 2.5, activity: 'Erstgespräch', phase: 'analysis' })
  addHoursEntry(doc, { id: 'h2', coachId: 'coach2', date: '2026-04-10', hours: 0.1, activity: 'Telefonat' })
  addHoursEntry(doc, { id: 'h3', coachId: 'coach1', date: '2026-04-11', hours: 0.2, activity: 'Telefonat' })
  addMeeting(doc, { id: 'm1', kind: 'midterm', date: '2026-06-18', participants: 'Herr Demir', fragment: 'meeting:m1' })
  return doc
}

describe('summariseCaseDocs', () => {
  it('reads title, phase, dates, budget, hours used and meetings from a plan + notes pair', () => {
    const summary = summariseCaseDocs(planDoc(), notesDoc())
    expect(summary).toEqual({
      title: 'Kassenbereich Supermarkt',
      phase: 'intervention',
      startDate: '2026-03-02',
      expectedEndDate: '2026-09-30',
      hoursBudget: 120,
      hoursUsed: 2.8,
      meetings: [{ kind: 'midterm', date: '2026-06-18' }],
      notesRead: true,
    })
    // The cache in the browser validates with the same schema.
    expect(CaseDocSummary.safeParse(summary).success).toBe(true)
  })

  it('marks a case with a recorded outcome as closed', () => {
    const notes = notesDoc()
    setOutcome(notes, { kind: 'jobSecured', how: 'Vertrag verlängert', why: '' })
    expect(summariseCaseDocs(planDoc(), notes)?.outcome).toBe('jobSecured')
  })

  it('is null without a readable plan (no local copy yet) and empty of notes without readable notes', () => {
    expect(summariseCaseDocs(new Y.Doc(), notesDoc())).toBeNull()
    const summary = summariseCaseDocs(planDoc(), new Y.Doc())
    expect(summary).toMatchObject({ phase: 'intervention', hoursUsed: 0, meetings: [], notesRead: false })
  })

  it('survives a round trip through JSON (the localStorage cache)', () => {
    const summary = summariseCaseDocs(planDoc(), notesDoc())
    expect(CaseDocSummary.parse(JSON.parse(JSON.stringify(summary)))).toEqual(summary)
  })
})

describe('nextDueMeeting', () => {
  const base: CaseDocSummary = {
    title: 'Fall',
    phase: 'selfIntegration',
    startDate: '2026-03-02',
    expectedEndDate: '2026-09-30',
    hoursUsed: 0,
    meetings: [],
    notesRead: true,
  }

  it('names the upcoming midterm meeting at the middle before it is due', () => {
    expect(nextDueMeeting(base, '2026-04-01')).toEqual({ kind: 'midterm', date: '2026-06-16', status: 'upcoming' })
  })

  it('puts a recorded meeting before the required one when it comes first', () => {
    const summary = { ...base, meetings: [{ kind: 'other' as const, date: '2026-05-04' }] }
    expect(nextDueMeeting(summary, '2026-04-01')).toEqual({ kind: 'other', date: '2026-05-04', status: 'planned' })
    // A past meeting is not next.
    expect(nextDueMeeting(summary, '2026-05-05')).toEqual({ kind: 'midterm', date: '2026-06-16', status: 'upcoming' })
  })

  it('reports the due midterm meeting from the middle on', () => {
    expect(nextDueMeeting(base, '2026-06-20')).toEqual({ kind: 'midterm', date: '2026-06-16', status: 'due' })
  })

  it('moves on to the final meeting once the midterm one is recorded, overdue after the expected end', () => {
    const summary = { ...base, meetings: [{ kind: 'midterm' as const, date: '2026-06-18' }] }
    expect(nextDueMeeting(summary, '2026-07-01')).toEqual({ kind: 'final', date: '2026-09-30', status: 'upcoming' })
    expect(nextDueMeeting(summary, '2026-09-15')).toEqual({ kind: 'final', date: '2026-09-30', status: 'due' })
    expect(nextDueMeeting(summary, '2026-10-02')).toEqual({ kind: 'final', date: '2026-09-30', status: 'overdue' })
  })

  it('is null for a closed case and without dates or meetings', () => {
    expect(nextDueMeeting({ ...base, outcome: 'placed' }, '2026-04-01')).toBeNull()
    const { startDate: _s, expectedEndDate: _e, ...noDates } = base
    expect(nextDueMeeting(noDates, '2026-04-01')).toBeNull()
  })
})
