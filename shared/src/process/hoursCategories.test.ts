/** Issue 18: hours entries with what the time was spent on and where. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyAndCheckUpdate } from '../caseDocument/checkUpdate.js'
import { addHoursEntry, HoursEntry, initNotesDoc } from '../caseDocument/notes.js'
import { summariseHours } from './hours.js'

const base = { date: '2026-04-01', activity: 'Schicht begleitet', coachId: 'miriam' }

describe('hours by category and place', () => {
  it('sums the hours per category in a fixed order, entries from before under "none"', () => {
    const summary = summariseHours(
      [
        { ...base, id: 'h1', hours: 3, category: 'atWorkplace', place: 'Frischmarkt Nord, Kasse 3' },
        { ...base, id: 'h2', hours: 0.75, category: 'travel' },
        { ...base, id: 'h3', hours: 1.25, category: 'atWorkplace' },
        { ...base, id: 'h4', hours: 1 },
      ],
      120,
    )
    expect(summary.perCategory).toEqual([
      { category: 'atWorkplace', hours: 4.25 },
      { category: 'preparation', hours: 0 },
      { category: 'travel', hours: 0.75 },
      { category: 'documentation', hours: 0 },
      { category: 'coordination', hours: 0 },
      { category: 'none', hours: 1 },
    ])
    expect(summary.total).toBe(6)
  })

  it('the notes schema takes a known category and a place, and refuses others (the relay judges with it)', () => {
    expect(HoursEntry.safeParse({ ...base, id: 'h1', hours: 2, category: 'coordination', place: 'Telefon' }).success).toBe(true)
    expect(HoursEntry.safeParse({ ...base, id: 'h1', hours: 2, category: 'billable' }).success).toBe(false)
    expect(HoursEntry.safeParse({ ...base, id: 'h1', hours: 2, place: 'x'.repeat(201) }).success).toBe(false)

    const room = new Y.Doc()
    initNotesDoc(room)
    const judge = (entry: HoursEntry): string | null => {
      const client = new Y.Doc()
      Y.applyUpdate(client, Y.encodeStateAsUpdate(room))
      const before = Y.encodeStateVector(client)
      addHoursEntry(client, entry)
      const scratch = new Y.Doc()
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room))
      return applyAndCheckUpdate(scratch, Y.encodeStateAsUpdate(client, before), { kind: 'notes', role: 'coach' })?.reason ?? null
    }
    expect(judge({ ...base, id: 'h1', hours: 2, category: 'documentation', place: 'Büro' })).toBeNull()
    expect(judge({ ...base, id: 'h2', hours: 2, category: 'billable' as never })).toBe('invalid')
  })
})
