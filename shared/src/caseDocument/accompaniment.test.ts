import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyAndCheckUpdate } from './checkUpdate.js'
import {
  addFollowUp,
  addIncident,
  addSupportIntensity,
  currentSupportIntensity,
  editIncident,
  notesIncidents,
  openFollowUpDueDates,
  readIncidents,
  readProgressInterval,
  readSupportIntensity,
  setFollowUpDone,
  setIncidentText,
  setProgressInterval,
} from './accompaniment.js'
import { hasExitForm, notesExitForm, readExitForm, setExitForm } from './exitForm.js'
import { initNotesDoc } from './notes.js'

function notesDoc(): Y.Doc {
  const doc = new Y.Doc()
  initNotesDoc(doc)
  return doc
}

/** The update `change` makes to a copy of `base`, judged as a coach's write. */
function judge(base: Y.Doc, change: (doc: Y.Doc) => void) {
  const editor = new Y.Doc()
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(editor)
  change(editor)
  const scratch = new Y.Doc()
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(base))
  return applyAndCheckUpdate(scratch, Y.encodeStateAsUpdate(editor, before), { kind: 'notes', role: 'coach' })
}

const incident = {
  id: 'i1',
  date: '2026-05-04',
  kind: 'conflict' as const,
  coachId: 'coach-1',
  description: 'Streit mit der Schichtleitung über Pausen',
  reportedTo: 'IV-Stelle, Frau Keller, am selben Tag',
  followUps: [{ id: 'f1', text: 'Gespräch zu dritt vereinbaren', due: '2026-05-08', done: false }],
}

describe('accompaniment in the notes', () => {
  it('records an incident with follow-ups, whose texts merge and whose open ones have due dates', () => {
    const doc = notesDoc()
    addIncident(doc, incident)
    addFollowUp(doc, 'i1', { id: 'f2', text: 'Meldung an den Kostenträger', due: '2026-05-05', done: false })
    setFollowUpDone(doc, 'i1', 'f1', true)
    setIncidentText(doc, 'i1', 'description', 'Streit mit der Schichtleitung über Pausenzeiten')
    const [read] = readIncidents(doc)
    expect(read?.description).toBe('Streit mit der Schichtleitung über Pausenzeiten')
    expect(read?.followUps.map((followUp) => [followUp.id, followUp.done])).toEqual([
      ['f1', true],
      ['f2', false],
    ])
    expect(openFollowUpDueDates(readIncidents(doc))).toEqual(['2026-05-05'])
    expect(notesIncidents(doc).get(0).get('description')).toBeInstanceOf(Y.Text)
  })

  it('keeps what two offline coaches typed into one incident description', () => {
    const a = notesDoc()
    addIncident(a, incident)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    setIncidentText(a, 'i1', 'description', `${incident.description} (Montag)`)
    setIncidentText(b, 'i1', 'description', `Heftiger ${incident.description}`)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    expect(readIncidents(a)[0]?.description).toBe(`Heftiger ${incident.description} (Montag)`)
  })

  it('refuses an incident without a kind or a follow-up without text before writing', () => {
    const doc = notesDoc()
    expect(() => addIncident(doc, { ...incident, kind: 'panic' as never })).toThrow(RangeError)
    expect(() => addIncident(doc, { ...incident, followUps: [{ id: 'f', text: ' ', done: false }] })).toThrow(RangeError)
    expect(readIncidents(doc)).toEqual([])
  })

  it('tells the support intensity that holds on a day', () => {
    const doc = notesDoc()
    addSupportIntensity(doc, { id: 's2', from: '2026-06-01', level: 'low', note: 'stabil' })
    addSupportIntensity(doc, { id: 's1', from: '2026-03-02', level: 'high', hoursPerWeek: 6, note: 'Einarbeitung' })
    const entries = readSupportIntensity(doc)
    expect(entries.map((entry) => entry.id)).toEqual(['s1', 's2'])
    expect(currentSupportIntensity(entries, '2026-05-31')?.level).toBe('high')
    expect(currentSupportIntensity(entries, '2026-06-01')?.level).toBe('low')
    expect(currentSupportIntensity(entries, '2026-03-01')).toBeNull()
  })

  it('keeps the Standortgespräch interval within 1–52 weeks', () => {
    const doc = notesDoc()
    setProgressInterval(doc, 4)
    expect(readProgressInterval(doc)).toBe(4)
    expect(() => setProgressInterval(doc, 0)).toThrow(RangeError)
    setProgressInterval(doc, undefined)
    expect(readProgressInterval(doc)).toBeUndefined()
  })

  it('records the Austrittsformular with follow-up options', () => {
    const doc = notesDoc()
    expect(hasExitForm(readExitForm(doc))).toBe(false)
    setExitForm(doc, { date: '2026-09-30', reason: 'durationEnded', followUps: ['rav', 'proInfirmis'], handover: 'Termin beim RAV am 5.10.' })
    expect(readExitForm(doc)).toEqual({ date: '2026-09-30', reason: 'durationEnded', followUps: ['rav', 'proInfirmis'], handover: 'Termin beim RAV am 5.10.' })
    expect(notesExitForm(doc).get('handover')).toBeInstanceOf(Y.Text)
    expect(() => setExitForm(doc, { followUps: ['rav', 'rav'] })).toThrow(RangeError)
  })
})

describe('changing a saved incident', () => {
  const editedAt = '2026-05-05T08:30:00.000Z'
  const edit = {
    date: '2026-05-03',
    kind: 'jobAtRisk' as const,
    description: 'Streit mit der Schichtleitung über Pausen; Abmahnung angedroht',
    reportedTo: 'IV-Stelle, Frau Keller, am 4. Mai',
    followUps: [{ id: 'f1', text: 'Gespräch zu dritt am Dienstag' }],
  }

  it("changes its facts, texts and follow-ups, keeps what it does not name, and records who changed it and when", () => {
    const doc = notesDoc()
    addIncident(doc, incident)
    addFollowUp(doc, 'i1', { id: 'f2', text: 'Meldung an den Kostenträger', due: '2026-05-05', done: true })
    expect(editIncident(doc, 'i1', edit, { userId: 'coach-2', at: editedAt })).toBe(true)
    const [read] = readIncidents(doc)
    expect(read).toMatchObject({ date: '2026-05-03', kind: 'jobAtRisk', description: edit.description, reportedTo: edit.reportedTo, coachId: 'coach-1', editedBy: 'coach-2', editedAt })
    // The cleared due date is gone; the done mark and the follow-up not in the edit stay.
    expect(read?.followUps).toEqual([
      { id: 'f1', text: 'Gespräch zu dritt am Dienstag', done: false },
      { id: 'f2', text: 'Meldung an den Kostenträger', due: '2026-05-05', done: true },
    ])
    expect(notesIncidents(doc).get(0).get('description')).toBeInstanceOf(Y.Text)
  })

  it('merges with what the partner typed meanwhile, and records nothing for an edit that changes nothing', () => {
    const a = notesDoc()
    addIncident(a, incident)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    setIncidentText(b, 'i1', 'reportedTo', `${incident.reportedTo}, telefonisch`)
    editIncident(a, 'i1', { ...edit, reportedTo: incident.reportedTo }, { userId: 'coach-1', at: editedAt })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    expect(readIncidents(a)[0]?.reportedTo).toBe(`${incident.reportedTo}, telefonisch`)
    expect(readIncidents(a)[0]?.description).toBe(edit.description)
    const unchanged = notesDoc()
    addIncident(unchanged, incident)
    const same = { date: incident.date, kind: incident.kind, description: incident.description, reportedTo: incident.reportedTo, followUps: [{ id: 'f1', text: 'Gespräch zu dritt vereinbaren', due: '2026-05-08' }] }
    expect(editIncident(unchanged, 'i1', same, { userId: 'coach-2', at: editedAt })).toBe(false)
    expect(readIncidents(unchanged)[0]?.editedBy).toBeUndefined()
    expect(editIncident(unchanged, 'gone', edit, { userId: 'coach-2', at: editedAt })).toBe(false)
  })

  it('refuses an empty follow-up, an unknown kind or a bad date before writing anything', () => {
    const doc = notesDoc()
    addIncident(doc, incident)
    const before = Y.encodeStateVector(doc)
    expect(() => editIncident(doc, 'i1', { ...edit, followUps: [{ id: 'f1', text: '  ' }] }, { userId: 'coach-2', at: editedAt })).toThrow(RangeError)
    expect(() => editIncident(doc, 'i1', { ...edit, kind: 'panic' as never }, { userId: 'coach-2', at: editedAt })).toThrow(RangeError)
    expect(() => editIncident(doc, 'i1', { ...edit, date: '4. Mai' }, { userId: 'coach-2', at: editedAt })).toThrow(RangeError)
    expect(() => editIncident(doc, 'i1', edit, { userId: 'coach-2', at: 'gestern' })).toThrow(RangeError)
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(readIncidents(doc)[0]?.description).toBe(incident.description)
  })
})

describe('the relay judges the accompaniment roots (contract §8.2)', () => {
  it('accepts what the app writes', () => {
    const base = notesDoc()
    expect(judge(base, (doc) => addIncident(doc, incident))).toBeNull()
    const saved = notesDoc()
    addIncident(saved, incident)
    expect(judge(saved, (doc) => editIncident(doc, 'i1', { date: '2026-05-03', kind: 'crisis', description: 'neu', reportedTo: '', followUps: [{ id: 'f1', text: 'anders' }] }, { userId: 'coach-2', at: '2026-05-05T08:30:00.000Z' }))).toBeNull()
    expect(judge(saved, (doc) => notesIncidents(doc).get(0).set('editedAt', 'gestern'))?.reason).toBe('invalid')
    expect(judge(base, (doc) => setProgressInterval(doc, 6))).toBeNull()
    expect(judge(base, (doc) => setExitForm(doc, { reason: 'clientWish', followUps: ['ivOffice'], otherFollowUp: 'Beratungsstelle' }))).toBeNull()
    expect(judge(base, (doc) => addSupportIntensity(doc, { id: 's', from: '2026-03-02', level: 'medium', note: '' }))).toBeNull()
  })

  it('refuses an incident of an unknown kind, a plain-string description, a bad interval and an unknown follow-up option', () => {
    const base = notesDoc()
    const badKind = judge(base, (doc) => {
      const map = new Y.Map<unknown>()
      for (const [key, value] of Object.entries({ ...incident, kind: 'panic', followUps: new Y.Array() })) {
        map.set(key, value)
      }
      map.set('description', new Y.Text('x'))
      map.set('reportedTo', new Y.Text(''))
      notesIncidents(doc).push([map])
    })
    expect(badKind?.reason).toBe('invalid')
    const plainText = judge(base, (doc) => {
      addIncident(doc, incident)
      notesIncidents(doc).get(0).set('description', 'a plain string')
    })
    expect(plainText?.reason).toBe('invalid')
    expect(judge(base, (doc) => doc.getMap('progressSchedule').set('everyWeeks', 0))?.reason).toBe('invalid')
    expect(judge(base, (doc) => doc.getMap('exitForm').set('followUps', ['rav', 'casino']))?.reason).toBe('invalid')
  })
})
