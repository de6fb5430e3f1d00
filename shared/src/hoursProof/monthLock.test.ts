/** Which updates of the hours log the relay's check refuses once a month is locked (issue 18). */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyAndCheckUpdate } from '../caseDocument/checkUpdate.js'
import { addHoursEntry, initNotesDoc, notesHours, removeHoursEntry } from '../caseDocument/notes.js'
import { hoursLocks, lockMonths } from './monthLock.js'

const coach = { kind: 'notes' as const, role: 'coach' as const }

/** A notes room with an entry in March (locked) and one in April. */
function room(): Y.Doc {
  const doc = new Y.Doc()
  initNotesDoc(doc)
  addHoursEntry(doc, { id: 'm', date: '2026-03-03', hours: 1.5, activity: 'Anleitung', coachId: 'c1', category: 'atWorkplace' })
  addHoursEntry(doc, { id: 'a', date: '2026-04-02', hours: 2, activity: 'Anleitung', coachId: 'c1' })
  lockMonths(doc, ['2026-03'], '2026-04-01T08:00:00.000Z')
  return doc
}

/** The update a client makes on its copy of `doc`, judged against a scratch copy of the room. */
function judge(doc: Y.Doc, edit: (copy: Y.Doc) => void) {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const vector = Y.encodeStateVector(copy)
  edit(copy)
  const scratch = new Y.Doc()
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc))
  return applyAndCheckUpdate(scratch, Y.encodeStateAsUpdate(copy, vector), coach)
}

function entry(doc: Y.Doc, id: string): Y.Map<unknown> {
  return notesHours(doc).toArray().find((map) => map.get('id') === id) as Y.Map<unknown>
}

describe('a locked month of hours', () => {
  it('refuses changing, deleting, moving out of and into it', () => {
    const doc = room()
    expect(judge(doc, (copy) => entry(copy, 'm').set('hours', 2))?.reason).toBe('hoursLocked')
    expect(judge(doc, (copy) => entry(copy, 'm').set('activity', 'anders'))?.reason).toBe('hoursLocked')
    expect(judge(doc, (copy) => removeHoursEntry(copy, 'm'))?.reason).toBe('hoursLocked')
    expect(judge(doc, (copy) => entry(copy, 'm').set('date', '2026-04-03'))?.reason).toBe('hoursLocked')
    expect(judge(doc, (copy) => entry(copy, 'a').set('date', '2026-03-31'))?.reason).toBe('hoursLocked')
    expect(judge(doc, (copy) => addHoursEntry(copy, { id: 'n', date: '2026-03-20', hours: 1, activity: '', coachId: 'c1' }))?.reason).toBe('hoursLocked')
  })

  it('accepts a correction with a reason, edits of other months and of other roots', () => {
    const doc = room()
    expect(judge(doc, (copy) => addHoursEntry(copy, { id: 'k', date: '2026-03-03', hours: -0.5, activity: '', coachId: 'c1', correctionOf: 'm', reason: 'zu viel erfasst' }))).toBeNull()
    expect(judge(doc, (copy) => entry(copy, 'a').set('hours', 3))).toBeNull()
    expect(judge(doc, (copy) => removeHoursEntry(copy, 'a'))).toBeNull()
    expect(judge(doc, (copy) => copy.getXmlFragment('phase:analysis').insert(0, [new Y.XmlText('Notiz')]))).toBeNull()
  })

  it('refuses a correction without a reason, and a client writing the locks', () => {
    const doc = room()
    expect(judge(doc, (copy) => addHoursEntry(copy, { id: 'k', date: '2026-03-03', hours: -0.5, activity: '', coachId: 'c1', correctionOf: 'm' }))?.reason).toBe('invalid')
    expect(judge(doc, (copy) => hoursLocks(copy).delete('2026-03'))?.reason).toBe('hoursLocked')
    expect(judge(doc, (copy) => hoursLocks(copy).set('2026-04', '2026-05-01T08:00:00.000Z'))?.reason).toBe('hoursLocked')
  })

  it('judges nothing of the hours while no month is locked', () => {
    const doc = new Y.Doc()
    initNotesDoc(doc)
    addHoursEntry(doc, { id: 'm', date: '2026-03-03', hours: 1.5, activity: 'Anleitung', coachId: 'c1' })
    expect(judge(doc, (copy) => entry(copy, 'm').set('hours', 2))).toBeNull()
  })
})
