import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { hoursLockRefusal, hoursLocks, lockedEntries, lockMonths } from '../hoursProof/monthLock.js'
import { addHoursEntry, initNotesDoc, notesHours, removeHoursEntry } from './notes.js'
import { restoreDocument } from './restoreDoc.js'
import { versionDoc } from './versionContent.js'

function fork(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

function entry(doc: Y.Doc, id: string): Record<string, unknown> | undefined {
  return notesHours(doc)
    .toArray()
    .find((map) => map.get('id') === id)
    ?.toJSON()
}

const coachId = 'c1'

describe('restoreDocument (notes) with locked months', () => {
  it('keeps every entry of a locked month and the locks as they are, and restores the other months', () => {
    const old = new Y.Doc()
    initNotesDoc(old)
    addHoursEntry(old, { id: 'm1', date: '2026-03-03', hours: 1.5, activity: 'Besuch', coachId })
    addHoursEntry(old, { id: 'm2', date: '2026-03-10', hours: 0.5, activity: 'Telefon', coachId })
    addHoursEntry(old, { id: 'a1', date: '2026-04-02', hours: 2, activity: 'Anleitung', coachId })
    // Dated in April in the version, moved into March (locked) since.
    addHoursEntry(old, { id: 'moved', date: '2026-04-20', hours: 1, activity: 'Gespräch', coachId })

    const live = fork(old)
    notesHours(live).toArray().find((map) => map.get('id') === 'm1')?.set('hours', 2)
    removeHoursEntry(live, 'm2')
    addHoursEntry(live, { id: 'm3', date: '2026-03-20', hours: 1, activity: 'Nachgespräch', coachId })
    notesHours(live).toArray().find((map) => map.get('id') === 'moved')?.set('date', '2026-03-25')
    notesHours(live).toArray().find((map) => map.get('id') === 'a1')?.set('place', 'Lager')
    addHoursEntry(live, { id: 'a2', date: '2026-04-09', hours: 1, activity: 'Neu', coachId })
    lockMonths(live, ['2026-03'], '2026-04-01T08:00:00.000Z')
    const lockedBefore = lockedEntries(live)
    const locksBefore = hoursLocks(live).toJSON()

    restoreDocument('notes', live, versionDoc('notes', Y.encodeStateAsUpdate(old)))

    expect(hoursLockRefusal(lockedBefore, lockedEntries(live))).toBeNull()
    expect(hoursLocks(live).toJSON()).toEqual(locksBefore)
    expect(entry(live, 'm1')?.hours).toBe(2)
    expect(entry(live, 'm2')).toBeUndefined()
    expect(entry(live, 'm3')).toBeDefined()
    expect(entry(live, 'moved')?.date).toBe('2026-03-25')
    // April is not locked: restored.
    expect(entry(live, 'a1')?.place).toBeUndefined()
    expect(entry(live, 'a2')).toBeUndefined()
  })

  it('brings back no entry of the version into a locked month, and keeps the locks when the version had none or others', () => {
    const old = new Y.Doc()
    initNotesDoc(old)
    addHoursEntry(old, { id: 'gone', date: '2026-03-03', hours: 1, activity: 'Besuch', coachId })
    addHoursEntry(old, { id: 'back', date: '2026-05-03', hours: 1, activity: 'Besuch', coachId })
    lockMonths(old, ['2026-01'], '2026-02-01T08:00:00.000Z')
    const live = new Y.Doc()
    initNotesDoc(live)
    addHoursEntry(live, { id: 'only', date: '2026-03-04', hours: 1, activity: 'Besuch', coachId })
    lockMonths(live, ['2026-03'], '2026-04-01T08:00:00.000Z')

    restoreDocument('notes', live, versionDoc('notes', Y.encodeStateAsUpdate(old)))

    expect(notesHours(live).toArray().map((map) => map.get('id'))).toEqual(['only', 'back'])
    expect(hoursLocks(live).toJSON()).toEqual({ '2026-03': '2026-04-01T08:00:00.000Z' })
  })

  it('an empty hours log in the version leaves the locked entries', () => {
    const old = new Y.Doc()
    initNotesDoc(old)
    const live = fork(old)
    addHoursEntry(live, { id: 'm1', date: '2026-03-03', hours: 1, activity: 'Besuch', coachId })
    addHoursEntry(live, { id: 'a1', date: '2026-04-03', hours: 1, activity: 'Besuch', coachId })
    lockMonths(live, ['2026-03'], '2026-04-01T08:00:00.000Z')

    restoreDocument('notes', live, versionDoc('notes', Y.encodeStateAsUpdate(old)))

    expect(notesHours(live).toArray().map((map) => map.get('id'))).toEqual(['m1'])
  })
})
