/** The notes document writers the process UI uses (shared/src/caseDocument/notes.ts), through readNotes. */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addHoursEntry,
  addMeeting,
  initNotesDoc,
  meetingFragmentName,
  outcomeKindsFor,
  readNotes,
  removeHoursEntry,
  removeMeeting,
  setGoalReview,
  setMeetingField,
  setOutcome,
  type Notes,
} from '../caseDocument/notes.js'

function read(doc: Y.Doc): Notes {
  const result = readNotes(doc)
  if (!result.ok) {
    throw new Error(`unreadable notes: ${result.reason} ${result.issues.join('; ')}`)
  }
  return result.value
}

const defaults = { stillValid: true, attainment: 'open' as const, note: '' }

describe('phase reviews in the notes document', () => {
  it('reads the review of one phase (an enum-keyed record used to drop partial reviews)', () => {
    // A notes document from before review maps were seeded per phase.
    const doc = new Y.Doc()
    doc.getMap('meta').set('schemaVersion', 2)
    setGoalReview(doc, 'analysis', 'g1', { attainment: 'partlyAchieved' }, defaults)
    expect(read(doc).reviews).toEqual({ analysis: { g1: { stillValid: true, attainment: 'partlyAchieved', note: '' } } })
  })

  it('changes only the given keys of an existing review', () => {
    const doc = new Y.Doc()
    initNotesDoc(doc)
    setGoalReview(doc, 'analysis', 'g1', { note: 'Kassenstatistik: 14/min' }, defaults)
    setGoalReview(doc, 'analysis', 'g1', { stillValid: false }, { ...defaults, note: 'ignored' })
    expect(read(doc).reviews.analysis?.g1).toEqual({ stillValid: false, attainment: 'open', note: 'Kassenstatistik: 14/min' })
  })

  it('merges two coaches reviewing different goals of the same phase offline', () => {
    const miriam = new Y.Doc()
    initNotesDoc(miriam)
    setGoalReview(miriam, 'analysis', 'g0', { note: 'vorher' }, defaults)
    const tobias = new Y.Doc()
    Y.applyUpdate(tobias, Y.encodeStateAsUpdate(miriam))
    setGoalReview(miriam, 'analysis', 'g1', { attainment: 'achieved' }, defaults)
    setGoalReview(tobias, 'analysis', 'g2', { stillValid: false }, defaults)
    Y.applyUpdate(miriam, Y.encodeStateAsUpdate(tobias))
    Y.applyUpdate(tobias, Y.encodeStateAsUpdate(miriam))
    expect(Object.keys(read(miriam).reviews.analysis ?? {}).sort()).toEqual(['g0', 'g1', 'g2'])
    expect(read(tobias)).toEqual(read(miriam))
  })
})

describe('meetings, hours and outcome in the notes document', () => {
  it('adds, changes and removes a meeting with its outcomes fragment', () => {
    const doc = new Y.Doc()
    initNotesDoc(doc)
    const fragment = meetingFragmentName('m1')
    expect(fragment).toBe('meeting:m1')
    addMeeting(doc, { id: 'm1', kind: 'midterm', date: '2026-06-16', participants: 'Jonas Peters, Petra Lange', fragment })
    setMeetingField(doc, 'm1', 'kind', 'final')
    doc.getXmlFragment(fragment).insert(0, [new Y.XmlText('Arbeitsplatz gesichert')])
    expect(read(doc).meetings).toEqual([{ id: 'm1', kind: 'final', date: '2026-06-16', participants: 'Jonas Peters, Petra Lange', fragment }])
    removeMeeting(doc, 'm1')
    expect(read(doc).meetings).toEqual([])
    expect(doc.getXmlFragment(fragment).length).toBe(0)
  })

  it('adds and removes hours entries, with an optional phase', () => {
    const doc = new Y.Doc()
    initNotesDoc(doc)
    addHoursEntry(doc, { id: 'h1', date: '2026-03-05', hours: 2.5, activity: 'Arbeitsplatzbesuch', coachId: 'miriam', phase: 'analysis' })
    addHoursEntry(doc, { id: 'h2', date: '2026-03-06', hours: 1, activity: 'Telefonat', coachId: 'tobias' })
    expect(read(doc).hours.map((entry) => [entry.id, entry.phase])).toEqual([
      ['h1', 'analysis'],
      ['h2', undefined],
    ])
    removeHoursEntry(doc, 'h1')
    removeHoursEntry(doc, 'h1')
    expect(read(doc).hours.map((entry) => entry.id)).toEqual(['h2'])
  })

  it('records and clears the outcome in the notes meta; kinds follow the case type', () => {
    const doc = new Y.Doc()
    initNotesDoc(doc)
    expect(read(doc).meta.outcome).toBeUndefined()
    setOutcome(doc, { kind: 'jobSecured', how: 'Checkliste, Check-in-Routine', why: '' })
    expect(read(doc).meta.outcome).toEqual({ kind: 'jobSecured', how: 'Checkliste, Check-in-Routine', why: '' })
    setOutcome(doc, undefined)
    expect(read(doc).meta.outcome).toBeUndefined()
    expect(outcomeKindsFor('placement')).toEqual(['employmentPermanent', 'employmentFixedTerm', 'apprenticeship', 'inclusionCompany', 'workshop', 'notPlaced'])
    expect(outcomeKindsFor('retention')).toEqual(['jobSecured', 'ended'])
  })

  it('rejects an outcome of an unknown kind', () => {
    const doc = new Y.Doc()
    initNotesDoc(doc)
    doc.getMap('meta').set('outcome', { kind: 'retired', how: '', why: '' })
    expect(readNotes(doc)).toMatchObject({ ok: false, reason: 'invalid' })
  })
})
