import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { interimScheduleOf, setInterimSchedule } from './parts.js'
import { DefaultInterimSchedule, interimReportDue } from './schedule.js'

describe("a case's interim-report schedule", () => {
  it('is the default (6, then every 12 months) until the coaches set one', () => {
    const notes = new Y.Doc()
    expect(interimScheduleOf(notes)).toEqual(DefaultInterimSchedule)
    expect(interimReportDue('2026-03-02', '2026-09-02', interimScheduleOf(notes))?.dueDate).toBe('2026-09-02')
  })

  it("follows the funding body's schedule once set, on every replica", () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    setInterimSchedule(a, { firstAfterMonths: 3, thenEveryMonths: 6 })
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const schedule = interimScheduleOf(b)
    expect(schedule).toMatchObject({ firstAfterMonths: 3, thenEveryMonths: 6 })
    expect(interimReportDue('2026-03-02', '2026-06-02', schedule)).toMatchObject({ dueDate: '2026-06-02', due: true })
    // After a report on the due date, the next is six months later.
    expect(interimReportDue('2026-03-02', '2026-06-10', schedule, '2026-06-02')?.dueDate).toBe('2026-12-02')
  })

  it('refuses a schedule that is not 1–60 whole months and ignores one written by hand', () => {
    const notes = new Y.Doc()
    expect(() => setInterimSchedule(notes, { firstAfterMonths: 0, thenEveryMonths: 12 })).toThrow(RangeError)
    expect(() => setInterimSchedule(notes, { firstAfterMonths: 6, thenEveryMonths: 2.5 })).toThrow(RangeError)
    notes.getMap('reportLog').set('interimEveryMonths', 'zwölf')
    expect(interimScheduleOf(notes).thenEveryMonths).toBe(12)
  })
})
