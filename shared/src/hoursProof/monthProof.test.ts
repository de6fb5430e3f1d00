import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addHoursEntry, notesHours } from '../caseDocument/notes.js'
import { monthEntries, monthEntriesHash, monthsWithEntries } from './monthProof.js'

function hoursLog(): Y.Doc {
  const doc = new Y.Doc()
  addHoursEntry(doc, { id: 'b', date: '2026-03-10', hours: 1.5, activity: 'Gespräch mit Frau K. über Rückenschmerzen', coachId: 'c1', category: 'atWorkplace', place: ' Bäckerei ' })
  addHoursEntry(doc, { id: 'a', date: '2026-03-10', hours: 0.25, activity: 'Telefonat', coachId: 'c2', category: 'coordination' })
  addHoursEntry(doc, { id: 'c', date: '2026-04-01', hours: 2, activity: 'Anleitung', coachId: 'c1' })
  return doc
}

describe('a month of the proof of hours', () => {
  it('holds the month’s entries by day and id, minimised: no activity text, minutes instead of hours', () => {
    const entries = monthEntries(notesHours(hoursLog()), '2026-03')
    expect(entries).toEqual([
      { id: 'a', date: '2026-03-10', minutes: 15, category: 'coordination', place: null, coachId: 'c2', correctionOf: null },
      { id: 'b', date: '2026-03-10', minutes: 90, category: 'atWorkplace', place: 'Bäckerei', coachId: 'c1', correctionOf: null },
    ])
    expect(JSON.stringify(entries)).not.toContain('Rücken')
    expect(monthsWithEntries(notesHours(hoursLog()))).toEqual(['2026-04', '2026-03'])
  })

  it('hashes the same entries the same, whatever their order in the log, and any change of a proven field differently', async () => {
    const doc = hoursLog()
    const hash = await monthEntriesHash(monthEntries(notesHours(doc), '2026-03'))
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    const reordered = new Y.Doc()
    for (const entry of notesHours(doc).toArray().reverse()) {
      notesHours(reordered).push([entry.clone()])
    }
    expect(await monthEntriesHash(monthEntries(notesHours(reordered), '2026-03'))).toBe(hash)
    // The activity text is not proven: changing it leaves the hash.
    notesHours(doc).get(0).set('activity', 'anders')
    expect(await monthEntriesHash(monthEntries(notesHours(doc), '2026-03'))).toBe(hash)
    notesHours(doc).get(0).set('hours', 1.75)
    expect(await monthEntriesHash(monthEntries(notesHours(doc), '2026-03'))).not.toBe(hash)
  })

  it('marks a correction and leaves out an entry that does not fit the schema', () => {
    const doc = hoursLog()
    addHoursEntry(doc, { id: 'd', date: '2026-03-12', hours: -0.5, activity: '', coachId: 'c1', correctionOf: 'b', reason: 'doppelt erfasst' })
    notesHours(doc).push([new Y.Map(Object.entries({ id: 'x', date: '2026-03-13', hours: -1, activity: '', coachId: 'c1' }))])
    const entries = monthEntries(notesHours(doc), '2026-03')
    expect(entries.map((entry) => [entry.id, entry.minutes, entry.correctionOf])).toEqual([
      ['a', 15, null],
      ['b', 90, null],
      ['d', -30, 'b'],
    ])
  })
})
